"""View models: what a page shows about a case, decided in Python so templates only format.

Every figure shown as a bar also has its text next to it; the bar itself is decoration
(aria-hidden), so a screen reader reads exactly what a sighted reader sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from thuisbasis.derive.evidence import (
    LEVELS,
    GoalTally,
    Level,
    Outcome,
    evidence_level,
    goal_outcome,
    indicator_outcome,
    is_stale,
    tally_goals,
)
from thuisbasis.model.cases import Case, Goal, Indicator
from thuisbasis.model.registries import Term
from thuisbasis.render.markup import date_nl, number_nl


@dataclass(frozen=True)
class Bar:
    result_percent: float  # width of the result bar, relative to the larger of result and target
    target_percent: float  # where the target mark stands


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    outcome: Outcome
    lower_is_better: bool
    bar: Bar | None
    result_text: str
    target_text: str
    baseline_text: str
    source_number: int

    @property
    def outcome_text(self) -> str:
        if self.outcome is Outcome.UNKNOWN:
            return ""
        direction = " (lager is beter)" if self.lower_is_better else ""
        return f"streefwaarde {self.outcome.value}{direction}"


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    outcome: Outcome
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True)
class CaseView:
    case: Case
    level: Level
    levels: tuple[Level, ...]
    tally: GoalTally
    goals: tuple[GoalView, ...]
    key_indicators: tuple[IndicatorView, ...]
    stale: bool
    period: str
    scale: str
    place: str
    source_numbers: dict[str, int]

    @cached_property  # on every card of the case, in every list it is on
    def goals_summary(self) -> str:
        return describe_tally(self.tally)

    @property
    def has_costs(self) -> bool:
        return self.case.costs is not None or bool(self.case.funding)


def with_unit(value: float | None, unit: Term) -> str:
    if value is None:
        return ""
    if unit.id == "procent":
        return f"{number_nl(value)}%"
    if unit.id == "euro":
        return f"€ {number_nl(value)}"
    return f"{number_nl(value)} {unit.label}"


def indicator_view(indicator: Indicator, source_numbers: dict[str, int]) -> IndicatorView:
    bar = None
    if indicator.target is not None and indicator.result is not None:
        largest = max(indicator.target, indicator.result)
        if largest > 0:
            bar = Bar(result_percent=round(100 * indicator.result / largest, 1),
                      target_percent=round(100 * indicator.target / largest, 1))
    return IndicatorView(
        indicator=indicator,
        outcome=indicator_outcome(indicator),
        lower_is_better=indicator.kind.lower_is_better,
        bar=bar,
        result_text=with_unit(indicator.result, indicator.unit),
        target_text=with_unit(indicator.target, indicator.unit),
        baseline_text=with_unit(indicator.baseline, indicator.unit),
        source_number=source_numbers[indicator.source_id],
    )


def describe_tally(tally: GoalTally) -> str:
    """How many goals were met, in plain Dutch: 'Het gemeten doel is gehaald. 1 doel heeft nog geen meting.'"""
    if tally.total == 0:
        return "Er zijn geen doelen beschreven."
    judged = tally.met + tally.not_met
    sentences = []
    if judged == 1:
        sentences.append("Het gemeten doel is gehaald." if tally.met else "Het gemeten doel is niet gehaald.")
    elif judged and tally.met == judged:
        sentences.append(f"Alle {judged} gemeten doelen zijn gehaald.")
    elif judged:
        sentences.append(f"{tally.met} van de {judged} gemeten doelen {'is' if tally.met == 1 else 'zijn'} gehaald.")
    if tally.unknown == tally.total:
        sentences.append("Het doel heeft nog geen meting." if tally.total == 1
                         else f"De {tally.total} doelen hebben nog geen meting.")
    elif tally.unknown:
        sentences.append(f"{tally.unknown} {'doel heeft' if tally.unknown == 1 else 'doelen hebben'} nog geen meting.")
    return " ".join(sentences)


def describe_period(case: Case) -> str:
    """How the period reads on a case page, saying plainly what is not known."""
    start, end = case.period.start, case.period.end
    if start == "onbekend":
        if end is None:
            return "start onbekend"
        return "start en einde onbekend" if end == "onbekend" else f"start onbekend, einde {date_nl(end)}"
    if end is None:
        return f"start {date_nl(start)}" if case.status.id == "gepland" else f"sinds {date_nl(start)}"
    if end == "onbekend":
        return f"vanaf {date_nl(start)}, einde onbekend"
    return f"{date_nl(start)} tot {date_nl(end)}"


def describe_scale(case: Case) -> str:
    scale = case.scale
    if scale is None:
        return ""
    parts = []
    if scale.units is not None:
        parts.append(f"{number_nl(scale.units)} {'wooneenheid' if scale.units == 1 else 'wooneenheden'}")
    if scale.residents is not None:
        parts.append(f"{number_nl(scale.residents)} {'bewoner' if scale.residents == 1 else 'bewoners'}")
    text = ", ".join(parts)
    if scale.note:
        text = f"{text} ({scale.note})" if text else scale.note
    return text


def describe_place(case: Case) -> str:
    place = ", ".join(case.location.municipalities)
    if case.location.neighbourhood:
        place += f" ({case.location.neighbourhood})"
    return place


def case_view(case: Case, today: dt.date) -> CaseView:
    source_numbers = {source.id: number for number, source in enumerate(case.sources, 1)}
    goals = tuple(
        GoalView(goal=goal, outcome=goal_outcome(goal),
                 indicators=tuple(indicator_view(indicator, source_numbers) for indicator in goal.indicators))
        for goal in case.goals
    )
    indicators = [view for goal in goals for view in goal.indicators]
    # Key indicators: those with a result first (they show what was achieved), then targets; at most four.
    key = sorted(indicators, key=lambda view: (view.indicator.result is None, view.indicator.target is None))[:4]
    return CaseView(
        case=case,
        level=evidence_level(case),
        levels=LEVELS,
        tally=tally_goals(case),
        goals=goals,
        key_indicators=tuple(key),
        stale=is_stale(case, today),
        period=describe_period(case),
        scale=describe_scale(case),
        place=describe_place(case),
        source_numbers=source_numbers,
    )
