"""View models: what a page shows about a case, decided in Python so templates only format.

Every figure shown as a bar also has its text next to it; the bar itself is decoration
(aria-hidden), so a screen reader reads exactly what a sighted reader sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from thuisbasis.derive.costs import CostBand, cost_band
from thuisbasis.derive.currency import newest_source_year, period_text, source_is_old, status_text
from thuisbasis.derive.evidence import (
    LEVELS,
    GoalTally,
    Level,
    Outcome,
    evidence_level,
    goal_outcome,
    indicator_outcome,
    is_measured,
    is_stale,
    strongest_method,
    tally_goals,
)
from thuisbasis.derive.verdict import Verdict, verdict
from thuisbasis.model.cases import Case, CostItem, Goal, Indicator, Measure, NationalContext, NationalFigure
from thuisbasis.model.registries import Term
from thuisbasis.render.markup import EURO, date_nl, measure_nl, number_nl


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
    measured: bool = True  # False: the result is only mentioned by someone involved
    expected_text: str = ""  # planned or expected ('800 à 900 woningen'): shown as such, never as target or result

    @property
    def outcome_text(self) -> str:
        """'Gemeten: streefwaarde gehaald' or 'Volgens betrokkenen: streefwaarde niet gehaald'."""
        if self.outcome is Outcome.UNKNOWN:
            return ""
        direction = " (lager is beter)" if self.lower_is_better else ""
        return f"{'Gemeten' if self.measured else 'Volgens betrokkenen'}: streefwaarde {self.outcome.value}{direction}"


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    outcome: Outcome
    indicators: tuple[IndicatorView, ...]


@dataclass(frozen=True)
class Answer:
    """One of the four questions a reader asks (Werkt het? Hoe zeker? Wat kost het? Hoe actueel?):
    a short label for a card and one plain Dutch sentence for the case page."""

    label: str
    sentence: str
    qualifier: str = ""  # 'volgens de organisatie zelf': a verdict that rests only on what the partners report


@dataclass(frozen=True)
class GlanceAnswer:
    """One answer of the panel 'In één oogopslag' and of a case card: the question, the answer as a short
    label (with its qualifier), a sentence for the case page, and which icon goes with it (decoration)."""

    question: str  # 'Werkt het?'
    short: str  # the answer on a card: 'werkt, volgens de organisatie zelf'
    answer: Answer
    icon: str  # the name of an icon in _icons.j2, e.g. 'oordeel-positief'


@dataclass(frozen=True)
class CostRow:
    item: CostItem
    amount_text: str  # 'ruim € 2.100.000'
    per_text: str  # 'per woning', 'totaal'
    source_number: int


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
    verdict: Answer  # Werkt het?
    certainty: Answer  # Hoe zeker?
    cost: Answer  # Wat kost het?
    currency: Answer  # Hoe actueel?
    outcome: Verdict  # the derived verdict itself (id for filters and open data)
    cost_band: CostBand
    status_text: str  # 'Lopend volgens een bron uit 2016'
    period_years: str  # '2016 – 2019', 'sinds 2016', 'start onbekend'
    newest_source_year: int | None
    costs: tuple[CostRow, ...] = ()

    @cached_property  # on every card of the case, in every list it is on
    def where(self) -> str:
        """'Utrecht (Overvecht), Utrecht' on a card; the province alone for a case that names no municipality."""
        return f"{self.place}, {self.case.location.province.label}" if self.place else self.case.location.province.label

    @cached_property  # on every card of the case, in every list it is on
    def goals_summary(self) -> str:
        return describe_tally(self.tally)

    @property
    def has_costs(self) -> bool:
        return bool(self.case.costs) or bool(self.case.funding)

    @cached_property  # the panel on the case page and the line on every card of the case
    def answers(self) -> tuple[GlanceAnswer, ...]:
        """The four questions a reader asks, answered in the same words on the case page and on every card."""
        verdict_short = self.verdict.label + (f", {self.verdict.qualifier}" if self.verdict.qualifier else "")
        year = f"bron uit {self.newest_source_year}" if self.newest_source_year else "bronnen zonder datum"
        return (
            GlanceAnswer("Werkt het?", verdict_short, self.verdict, f"oordeel-{self.outcome.id}"),
            GlanceAnswer("Hoe zeker?", f"niveau {self.level.number} van {len(self.levels)}", self.certainty,
                         f"niveau-{self.level.number}"),
            GlanceAnswer("Wat kost het?", self.cost.label, self.cost, "kosten"),
            GlanceAnswer("Hoe actueel?", f"{self.period_years}, {year}", self.currency, "actueel"),
        )


def with_unit(value: Measure | None, unit: Term) -> str:
    return measure_nl(value, unit)


def indicator_view(indicator: Indicator, source_numbers: dict[str, int]) -> IndicatorView:
    bar = None
    if indicator.target is not None and indicator.result is not None and indicator.result.is_exact:
        result, target = indicator.result.value, indicator.target.value
        largest = max(target, result)
        if largest > 0:
            bar = Bar(result_percent=round(100 * result / largest, 1), target_percent=round(100 * target / largest, 1))
    return IndicatorView(
        indicator=indicator,
        outcome=indicator_outcome(indicator),
        lower_is_better=indicator.kind.lower_is_better,
        bar=bar,
        result_text=with_unit(indicator.result, indicator.unit),
        target_text=with_unit(indicator.target, indicator.unit),
        baseline_text=with_unit(indicator.baseline, indicator.unit),
        source_number=source_numbers[indicator.source_id],
        measured=is_measured(indicator),
        expected_text=with_unit(indicator.expected, indicator.unit),
    )


def describe_tally(tally: GoalTally) -> str:
    """How many goals were met, in plain Dutch: 'Het gemeten doel is gehaald. 1 doel heeft nog geen meting.'"""
    if tally.total == 0:
        return "Er zijn geen doelen beschreven."
    judged = tally.met + tally.not_met
    sentences = []
    if judged == 1 and tally.reported:
        sentences.append("Volgens betrokkenen is het doel gehaald." if tally.met
                         else "Volgens betrokkenen is het doel niet gehaald.")
    elif judged == 1:
        sentences.append("Het gemeten doel is gehaald." if tally.met else "Het gemeten doel is niet gehaald.")
    elif judged and tally.met == judged:
        sentences.append(f"Alle {judged} gemeten doelen zijn gehaald." if not tally.reported
                         else f"Alle {judged} doelen met een resultaat zijn gehaald.")
    elif judged:
        kind = "gemeten doelen" if not tally.reported else "doelen met een resultaat"
        sentences.append(f"{tally.met} van de {judged} {kind} {'is' if tally.met == 1 else 'zijn'} gehaald.")
    if judged > 1 and tally.reported:
        sentences.append(f"Bij {tally.reported} {'daarvan zegt' if tally.reported == 1 else 'daarvan zeggen'} "
                         "alleen betrokkenen dat, zonder meting.")
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
    """The municipalities (and the neighbourhood); empty for a case that names none (a national or
    province-wide approach): then the province alone says where."""
    place = ", ".join(case.location.municipalities)
    if case.location.neighbourhood:
        place = f"{place} ({case.location.neighbourhood})" if place else case.location.neighbourhood
    return place


def cost_rows(case: Case, source_numbers: dict[str, int]) -> tuple[CostRow, ...]:
    return tuple(CostRow(item=item, amount_text=measure_nl(item.amount, EURO), per_text=item.per.label,
                         source_number=source_numbers[item.source_id]) for item in case.costs)


SELF_REPORTED = "volgens de organisatie zelf"


def verdict_answer(found: Verdict) -> Answer:
    """The verdict; one that rests only on what the partners report says so next to the label."""
    qualifier = SELF_REPORTED if found.self_reported and found.id != "nog-niet-bekend" else ""
    return Answer(label=found.label, sentence=found.sentence, qualifier=qualifier)


CERTAINTY_BY_METHOD = {
    "genoemd-door-betrokkenen": "Cijfers alleen genoemd door betrokkenen, niet gemeten.",
    "zelf-gemeten": "Resultaten gemeten door de organisatie zelf.",
    "extern-gemeten": "Resultaten gemeten door een andere partij.",
    "extern-geevalueerd": "Resultaten uit een onafhankelijke evaluatie.",
}


def certainty_answer(case: Case, level: Level) -> Answer:
    method = strongest_method(case)
    who = CERTAINTY_BY_METHOD[method.id] if method is not None else "Er zijn geen resultaten."
    return Answer(label=f"Niveau {level.number} van {len(LEVELS)}: {level.label.lower()}", sentence=who)


def cost_answer(case: Case, band: CostBand) -> Answer:
    if band.band.id == "onbekend":
        return Answer(label="Niet bekend", sentence="De bronnen noemen geen kosten.")
    if band.per_unit is None:
        return Answer(label=band.band.label, sentence="Er zijn bedragen bekend, maar niet per woning of bewoner.")
    about = "ongeveer " if band.approximate else ""
    return Answer(label=f"{band.band.label}{' (ongeveer)' if band.approximate else ''}",
                  sentence=f"{band.what.capitalize()}: {about}€ {number_nl(round(band.per_unit))} {band.per}.")


def currency_answer(case: Case, today: dt.date) -> Answer:
    year = newest_source_year(case)
    sources = f"nieuwste bron uit {year}" if year is not None else "bronnen zonder datum"
    if year is None:  # an undated source is not known to be old: say what is known
        old = " Hoe oud de bronnen zijn, is niet bekend: de situatie kan nu anders zijn."
    else:
        old = " De bronnen zijn oud: de situatie kan nu anders zijn." if source_is_old(case, today) else ""
    label = f"{period_text(case)}; {sources}"
    return Answer(label=label[:1].upper() + label[1:], sentence=f"{status_text(case)}.{old}")


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
    level = evidence_level(case)
    found_verdict = verdict(case)
    band = cost_band(case)
    return CaseView(
        case=case,
        level=level,
        levels=LEVELS,
        tally=tally_goals(case),
        goals=goals,
        key_indicators=tuple(key),
        stale=is_stale(case, today),
        period=describe_period(case),
        scale=describe_scale(case),
        place=describe_place(case),
        source_numbers=source_numbers,
        verdict=verdict_answer(found_verdict),
        certainty=certainty_answer(case, level),
        cost=cost_answer(case, band),
        currency=currency_answer(case, today),
        outcome=found_verdict,
        cost_band=band,
        status_text=status_text(case),
        period_years=period_text(case),
        newest_source_year=newest_source_year(case),
        costs=cost_rows(case, source_numbers),
    )


@dataclass(frozen=True)
class FigureView:
    """A national figure as a page shows it: never as a result of the case that cites it."""

    figure: NationalFigure
    description: str
    value_text: str  # 'ruim 17.000 personen'
    as_of_date: str  # 'juli 2024' or 'onbekend'
    source_number: int

    @property
    def as_of_text(self) -> str:
        return f"peildatum {self.as_of_date}"


def figure_view(figure: NationalFigure, context: NationalContext) -> FigureView:
    numbers = {source.id: number for number, source in enumerate(context.sources, 1)}
    return FigureView(figure=figure, description=figure.description, value_text=measure_nl(figure.value, figure.unit),
                      as_of_date=date_nl(figure.as_of), source_number=numbers[figure.source_id])


def national_figures_of(case: Case, context: NationalContext | None) -> tuple[FigureView, ...]:
    """The national figures a case cites (validation made sure they exist)."""
    if context is None:
        return ()
    return tuple(figure_view(context.figure(figure_id), context) for figure_id in case.national_figure_ids)


@dataclass(frozen=True)
class RelatedCase:
    """A case named under 'zie_ook', as a link on the case page shows it."""

    id: str
    title: str


def related_cases(case: Case, titles: Mapping[str, str]) -> tuple[RelatedCase, ...]:
    """The cases this case refers to (validation made sure they exist), in its own order; ``titles``: id -> title."""
    return tuple(RelatedCase(id=case_id, title=titles[case_id]) for case_id in case.see_also if case_id in titles)
