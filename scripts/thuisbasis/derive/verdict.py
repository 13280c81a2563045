"""Verdict: does the approach work, according to the case's evaluations and measured goals?

One of positief, gemengd, geen-effect, negatief or nog-niet-bekend. From evaluations with an outcome, if
any; else from goals with a target and a result; else not yet known. Capacity figures without a target
(so many woningen, so many people housed) never make a verdict: they say how much was done, not whether
it worked.
"""

from __future__ import annotations

from dataclasses import dataclass

from thuisbasis.derive.evidence import Outcome, goal_is_measured, goal_outcome
from thuisbasis.model.cases import Case


@dataclass(frozen=True)
class Verdict:
    id: str  # positief, gemengd, geen-effect, negatief, nog-niet-bekend
    label: str
    sentence: str  # one short Dutch sentence: what it rests on
    self_reported: bool = False  # rests only on what the organisation or those involved report themselves


LABELS = {
    "positief": "Werkt",
    "gemengd": "Gemengd",
    "geen-effect": "Geen effect gevonden",
    "negatief": "Werkt niet",
    "nog-niet-bekend": "Nog niet bekend",
}
UNANIMOUS = ("positief", "negatief", "geen-effect")


def verdict(case: Case) -> Verdict:
    return _from_evaluations(case) or _from_goals(case) or Verdict(
        "nog-niet-bekend", LABELS["nog-niet-bekend"],
        "Er is geen evaluatie met een uitkomst en geen doel met een streefwaarde en een resultaat.")


def _from_evaluations(case: Case) -> Verdict | None:
    outcomes = [evaluation.outcome.id for evaluation in case.evaluations if evaluation.outcome is not None]
    if not outcomes:
        return None
    verdict_id = outcomes[0] if len(set(outcomes)) == 1 and outcomes[0] in UNANIMOUS else "gemengd"
    count = len(outcomes)
    what = "de evaluatie" if count == 1 else f"{count} evaluaties"
    independent = any(e.independent for e in case.evaluations if e.outcome is not None)
    sentence = f"Volgens {what}{'' if independent else ' door de partners zelf'}."
    return Verdict(verdict_id, LABELS[verdict_id], sentence, self_reported=not independent)


def _from_goals(case: Case) -> Verdict | None:
    judged = [(goal, outcome) for goal in case.goals if (outcome := goal_outcome(goal)) is not Outcome.UNKNOWN]
    if not judged:
        return None
    met = sum(1 for _, outcome in judged if outcome is Outcome.MET)
    verdict_id = "positief" if met == len(judged) else "negatief" if met == 0 else "gemengd"
    measured = all(goal_is_measured(goal) for goal, _ in judged)
    externally = any(indicator.method is not None and indicator.method.id in ("extern-gemeten", "extern-geevalueerd")
                     for goal, _ in judged for indicator in goal.indicators if indicator.result is not None)
    goals = "het doel" if len(judged) == 1 else f"{met} van de {len(judged)} doelen met een resultaat"
    if len(judged) == 1:
        sentence = f"Op grond van {goals} met een streefwaarde en een resultaat"
    else:
        sentence = f"Op grond van de doelen met een streefwaarde en een resultaat: {goals} gehaald"
    if not measured:
        sentence += ", volgens betrokkenen"
    elif not externally:
        sentence += ", volgens de organisatie zelf"
    return Verdict(verdict_id, LABELS[verdict_id], sentence + ".", self_reported=not externally)
