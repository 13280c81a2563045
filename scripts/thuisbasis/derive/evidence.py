"""Derive: what the data says about a case, by published rules. Pure functions of the model.

- The evidence ladder ("Hoe sterk is het bewijs?"): five levels, each with a rule in plain Dutch. The
  level is computed from the case's data, never typed in by a submitter. The methodology page on the
  site is rendered from ``LEVELS``, so the page and the code cannot disagree.
- Goal outcomes: whether each indicator with a target and a result reached its target, in the right
  direction (for a doorlooptijd lower is better), and how many goals were met.
- Staleness: a case not reviewed for two years gets a visible notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from thuisbasis.derive.staleness import is_overdue
from thuisbasis.model.cases import Case, Goal, Indicator, Measure
from thuisbasis.model.registries import Term

MEASURED_METHODS = frozenset({"zelf-gemeten", "extern-gemeten", "extern-geevalueerd"})
# Who knows a result, weakest first: a figure a partner only mentions, one the organisation counted itself,
# one another party measured, one from an independent evaluation (the order of the meetwijzen registry).
METHOD_STRENGTH = ("genoemd-door-betrokkenen", "zelf-gemeten", "extern-gemeten", "extern-geevalueerd")
COMPARISON_DESIGNS = frozenset({"vergelijkingsgroep", "gerandomiseerd"})
@dataclass(frozen=True)
class Level:
    number: int
    id: str
    label: str
    meaning: str  # what it means for a reader, B1
    rule: str  # the exact rule, as the methodology page publishes it
    holds: Callable[[Case], bool]


def _has_goals_with_figures(case: Case) -> bool:
    return any(indicator.target is not None or indicator.result is not None for indicator in case.indicators)


def _has_measured_result(case: Case) -> bool:
    return any(indicator.result is not None and indicator.method is not None and indicator.method.id in MEASURED_METHODS
               for indicator in case.indicators)


def _independently_evaluated(case: Case) -> bool:
    return any(evaluation.independent for evaluation in case.evaluations) or any(
        indicator.result is not None and indicator.method is not None and indicator.method.id == "extern-geevalueerd"
        for indicator in case.indicators)


def _effect_shown_with_comparison(case: Case) -> bool:
    return any(evaluation.independent and evaluation.design.id in COMPARISON_DESIGNS for evaluation in case.evaluations)


LEVELS: tuple[Level, ...] = (
    Level(1, "beschreven", "Beschreven",
          "De aanpak is beschreven, met bron. Er zijn (nog) geen cijfers over doelen of resultaten.",
          "De casus heeft een aanleiding, een aanpak, werkzame bestanddelen en minstens één bron. Elke goedgekeurde "
          "casus heeft dit niveau.",
          lambda case: True),
    Level(2, "doelen-benoemd", "Doelen en cijfers benoemd",
          "Er zijn doelen met cijfers: een streefwaarde of een resultaat. Hoe de resultaten gemeten zijn, is niet bekend.",
          "Minstens één indicator heeft een streefwaarde of een resultaat.",
          _has_goals_with_figures),
    Level(3, "resultaten-gemeten", "Resultaten gemeten, niet onafhankelijk onderzocht",
          "De organisatie zelf of een andere partij heeft resultaten gemeten, met een bekende meetwijze. Niemand "
          "van buiten heeft de aanpak onderzocht. Een cijfer van de organisatie zelf is zwakker dan een cijfer "
          "dat een andere partij mat; de casuspagina zegt wie het mat.",
          "Minstens één resultaat is gemeten: door de organisatie zelf, door een andere partij, of in een "
          "onafhankelijke evaluatie. Een cijfer dat een betrokkene alleen noemt, zonder te zeggen hoe het "
          "gemeten is, telt hier niet mee.",
          lambda case: _has_goals_with_figures(case) and _has_measured_result(case)),
    Level(4, "onafhankelijk-geevalueerd", "Onafhankelijk onderzocht",
          "Een onderzoeker die zelf geen partner is in de casus, heeft de aanpak onderzocht.",
          "Er is een evaluatie door een onderzoeker die geen partner is in de casus, of een resultaat dat uit zo'n "
          "onafhankelijke evaluatie komt.",
          lambda case: _has_goals_with_figures(case) and _has_measured_result(case) and _independently_evaluated(case)),
    Level(5, "effect-aangetoond", "Effect aangetoond met een vergelijking",
          "Onafhankelijk onderzoek vergeleek de aanpak met een groep die de aanpak niet kreeg.",
          "Er is een onafhankelijke evaluatie die de aanpak vergeleek met een groep zonder de aanpak: met een "
          "vergelijkingsgroep of met loting (een gerandomiseerd experiment).",
          lambda case: (_has_goals_with_figures(case) and _has_measured_result(case)
                        and _effect_shown_with_comparison(case))),
)


def evidence_level(case: Case) -> Level:
    """The highest level whose rule holds; each level also needs the ones below it."""
    reached = LEVELS[0]
    for level in LEVELS[1:]:
        if not level.holds(case):
            break
        reached = level
    return reached


class Outcome(Enum):
    MET = "gehaald"
    NOT_MET = "niet gehaald"
    UNKNOWN = "onbekend"


def lower_is_better(indicator: Indicator) -> bool:
    return indicator.kind.lower_is_better


def indicator_outcome(indicator: Indicator) -> Outcome:
    """Reached its target? Only when both a target and a result are known, and only what certainly holds:
    'ruim 450' meets 450, 'bijna 450' does not, 'ongeveer 450' and 'bijna 500' against 450 are unknown."""
    if indicator.target is None or indicator.result is None:
        return Outcome.UNKNOWN
    return measure_outcome(indicator.result, indicator.target, lower_is_better=lower_is_better(indicator))


def target_threshold(target: Measure, *, lower_is_better: bool) -> float:
    """The number a result must reach: a range target counts as met from its most lenient end."""
    return target.high if lower_is_better else target.low


def measure_outcome(result: Measure, target: Measure, *, lower_is_better: bool) -> Outcome:
    threshold = target_threshold(target, lower_is_better=lower_is_better)
    lower, upper = result.certain_lower, result.certain_upper
    if lower_is_better:
        if upper is not None and upper[0] <= threshold:
            return Outcome.MET
        if lower is not None and (lower[0] > threshold or (lower[0] == threshold and lower[1])):
            return Outcome.NOT_MET
        return Outcome.UNKNOWN
    if lower is not None and lower[0] >= threshold:
        return Outcome.MET
    if upper is not None and (upper[0] < threshold or (upper[0] == threshold and upper[1])):
        return Outcome.NOT_MET
    return Outcome.UNKNOWN


def is_measured(indicator: Indicator) -> bool:
    """Measured (by the organisation, another party or an evaluation), not only mentioned by someone involved."""
    return indicator.method is not None and indicator.method.id in MEASURED_METHODS


def strongest_method(case: Case) -> Term | None:
    """Who knows the case's results best: the strongest meetwijze among its results (None: no results)."""
    methods = [indicator.method for indicator in case.indicators if indicator.result is not None and indicator.method]
    return max(methods, key=lambda method: METHOD_STRENGTH.index(method.id), default=None)


def goal_outcome(goal: Goal) -> Outcome:
    """A goal is met when every indicator with a target and a result met it (and there is at least one)."""
    outcomes = [indicator_outcome(indicator) for indicator in goal.indicators]
    judged = [outcome for outcome in outcomes if outcome is not Outcome.UNKNOWN]
    if not judged:
        return Outcome.UNKNOWN
    return Outcome.MET if all(outcome is Outcome.MET for outcome in judged) else Outcome.NOT_MET


def goal_is_measured(goal: Goal) -> bool:
    """Every judged indicator of the goal has a measured result (not one a partner only mentioned)."""
    return all(is_measured(indicator) for indicator in goal.indicators
               if indicator_outcome(indicator) is not Outcome.UNKNOWN)


@dataclass(frozen=True)
class GoalTally:
    total: int
    met: int
    not_met: int
    unknown: int
    reported: int = 0  # judged goals that rest on a result someone involved only mentioned


def tally_goals(case: Case) -> GoalTally:
    outcomes = [goal_outcome(goal) for goal in case.goals]
    reported = sum(1 for goal, outcome in zip(case.goals, outcomes, strict=True)
                   if outcome is not Outcome.UNKNOWN and not goal_is_measured(goal))
    return GoalTally(total=len(outcomes), met=outcomes.count(Outcome.MET), not_met=outcomes.count(Outcome.NOT_MET),
                     unknown=outcomes.count(Outcome.UNKNOWN), reported=reported)


def is_stale(case: Case, today: dt.date) -> bool:
    """Not reviewed for more than ``REVIEW_YEARS`` years (the one rule: derive/staleness.py)."""
    return is_overdue(dt.date.fromisoformat(case.last_reviewed), today)
