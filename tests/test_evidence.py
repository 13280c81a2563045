"""The evidence ladder, goal outcomes and staleness follow their published rules."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import TODAY
from thuisbasis.derive.evidence import (
    LEVELS,
    Outcome,
    evidence_level,
    goal_outcome,
    indicator_outcome,
    is_stale,
    tally_goals,
)
from thuisbasis.model.cases import Case, Evaluation, Goal, Indicator, Measure
from thuisbasis.model.registries import Term

PEOPLE = Term(id="personen", label="personen", minimum=0, whole_number=True)
HOUSED = Term(id="gehuisveste-personen", label="Gehuisveste mensen")
DURATION = Term(id="doorlooptijd", label="Doorlooptijd", lower_is_better=True)
REPORTED = Term(id="genoemd-door-betrokkenen", label="Genoemd door betrokkenen")
SELF = Term(id="zelf-gemeten", label="Zelf gemeten")
EXTERNAL_EVALUATION = Term(id="extern-geevalueerd", label="Extern geëvalueerd")


def indicator(target: float | Measure | None = None, result: float | Measure | None = None, kind: Term = HOUSED,
              method: Term | None = None) -> Indicator:
    """An indicator; plain numbers are exact measures."""
    def measure(value: float | Measure | None) -> Measure | None:
        return Measure.exact(value) if isinstance(value, int | float) else value

    return Indicator(name="x", kind=kind, unit=PEOPLE, source_id="b", target=measure(target), result=measure(result),
                     method=method)


def with_indicators(case: Case, *indicators: Indicator, evaluations: tuple[Evaluation, ...] = ()) -> Case:
    return dataclasses.replace(case, goals=(Goal(goal="Doel", indicators=indicators),) if indicators else (),
                               evaluations=evaluations)


def evaluation(independent: bool, design: str) -> Evaluation:
    return Evaluation(title="E", evaluator="Bureau", independent=independent, design=Term(id=design, label=design),
                      source_id="b")


@pytest.mark.parametrize(
    ("indicators", "evaluations", "level"),
    [
        pytest.param((), (), "beschreven", id="no-goals"),
        pytest.param((indicator(target=10),), (), "doelen-benoemd", id="target-only"),
        pytest.param((indicator(result=10, method=REPORTED),), (), "doelen-benoemd", id="reported-result-is-not-measured"),
        pytest.param((indicator(result=10, method=SELF),), (), "resultaten-gemeten", id="self-measured"),
        pytest.param((indicator(result=10, method=SELF),), (evaluation(False, "vergelijkingsgroep"),),
                     "resultaten-gemeten", id="own-evaluation-is-not-independent"),
        pytest.param((indicator(result=10, method=EXTERNAL_EVALUATION),), (), "onafhankelijk-geevalueerd",
                     id="externally-evaluated-result"),
        pytest.param((indicator(result=10, method=SELF),), (evaluation(True, "procesevaluatie"),),
                     "onafhankelijk-geevalueerd", id="independent-process-evaluation"),
        pytest.param((indicator(result=10, method=SELF),), (evaluation(True, "gerandomiseerd"),),
                     "effect-aangetoond", id="independent-randomised"),
        pytest.param((indicator(result=10, method=SELF),), (evaluation(True, "vergelijkingsgroep"),),
                     "effect-aangetoond", id="independent-comparison"),
        pytest.param((), (evaluation(True, "gerandomiseerd"),), "beschreven", id="levels-need-the-ones-below"),
    ],
)
def test_evidence_level_follows_the_published_rules(full_case: Case, indicators: tuple[Indicator, ...],
                                                    evaluations: tuple[Evaluation, ...], level: str) -> None:
    assert evidence_level(with_indicators(full_case, *indicators, evaluations=evaluations)).id == level


def test_levels_are_numbered_in_order_and_each_has_a_rule() -> None:
    assert [level.number for level in LEVELS] == [1, 2, 3, 4, 5]
    assert all(level.rule and level.meaning and level.label for level in LEVELS)


def test_the_full_example_reaches_level_four(full_case: Case) -> None:
    assert evidence_level(full_case).label == "Onafhankelijk onderzocht"


@pytest.mark.parametrize(
    ("target", "result", "kind", "outcome"),
    [
        (20, 18, HOUSED, Outcome.NOT_MET),
        (20, 20, HOUSED, Outcome.MET),
        (20, 25, HOUSED, Outcome.MET),
        (6, 4, DURATION, Outcome.MET),
        (6, 8, DURATION, Outcome.NOT_MET),
        (None, 4, HOUSED, Outcome.UNKNOWN),
        (6, None, HOUSED, Outcome.UNKNOWN),
    ],
)
def test_indicator_outcome_respects_direction(target: float | None, result: float | None, kind: Term,
                                              outcome: Outcome) -> None:
    assert indicator_outcome(indicator(target=target, result=result, kind=kind)) is outcome


def test_goal_is_met_only_when_every_judged_indicator_is_met() -> None:
    met, missed, unknown = indicator(10, 12), indicator(10, 8), indicator(target=10)
    assert goal_outcome(Goal(goal="g", indicators=(met, unknown))) is Outcome.MET
    assert goal_outcome(Goal(goal="g", indicators=(met, missed))) is Outcome.NOT_MET
    assert goal_outcome(Goal(goal="g", indicators=(unknown,))) is Outcome.UNKNOWN
    assert goal_outcome(Goal(goal="g")) is Outcome.UNKNOWN


def test_tally_counts_goals(full_case: Case) -> None:
    case = dataclasses.replace(full_case, goals=(
        Goal(goal="a", indicators=(indicator(10, 12),)), Goal(goal="b", indicators=(indicator(10, 2),)),
        Goal(goal="c"), Goal(goal="d", indicators=(indicator(10, 11),))))
    tally = tally_goals(case)
    assert (tally.total, tally.met, tally.not_met, tally.unknown) == (4, 2, 1, 1)


@pytest.mark.parametrize(
    ("reviewed", "stale"),
    [("2024-12-04", False), ("2024-12-03", True), ("2026-01-01", False), ("2020-02-29", True)],
)
def test_a_case_is_stale_after_two_years(full_case: Case, reviewed: str, stale: bool) -> None:
    assert is_stale(dataclasses.replace(full_case, last_reviewed=reviewed), TODAY) is stale


def test_leap_day_review_expires_on_the_28th(full_case: Case) -> None:
    case = dataclasses.replace(full_case, last_reviewed="2024-02-29")
    assert not is_stale(case, dt.date(2026, 2, 28))
    assert is_stale(case, dt.date(2026, 3, 1))
