"""A value says what the source says: Measure, its Dutch text (render/markup.measure_nl) and goal outcomes."""

from __future__ import annotations

import pytest

from thuisbasis.derive.evidence import Outcome, measure_outcome
from thuisbasis.model.cases import Measure
from thuisbasis.model.registries import Term
from thuisbasis.render.markup import measure_nl

LABELS = {"ruim": "ruim", "bijna": "bijna", "ongeveer": "ongeveer", "minimaal": "minstens", "maximaal": "hoogstens",
          "meer-dan": "meer dan", "minder-dan": "minder dan"}
PEOPLE = Term(id="personen", label="personen")
EURO = Term(id="euro", label="euro")
PERCENT = Term(id="procent", label="procent")


def qualified(value: float, qualifier: str) -> Measure:
    return Measure(low=value, high=value, qualifier=Term(id=qualifier, label=LABELS[qualifier]))


def ranged(low: float, high: float, qualifier: str | None = None) -> Measure:
    return Measure(low=low, high=high, qualifier=Term(id=qualifier, label=LABELS[qualifier]) if qualifier else None)


@pytest.mark.parametrize(
    ("measure", "unit", "text"),
    [
        (Measure.exact(18), None, "18"),
        (Measure.exact(18), PEOPLE, "18 personen"),
        (qualified(450, "ruim"), None, "ruim 450"),
        (qualified(1800, "bijna"), PEOPLE, "bijna 1.800 personen"),
        (ranged(800, 900), None, "800 à 900"),
        (ranged(800, 900, "ongeveer"), PEOPLE, "ongeveer 800 à 900 personen"),
        (qualified(385, "minimaal"), None, "minstens 385"),
        (qualified(20, "maximaal"), None, "hoogstens 20"),
        (qualified(100, "meer-dan"), None, "meer dan 100"),
        (qualified(10, "minder-dan"), None, "minder dan 10"),
        (qualified(2_100_000, "ruim"), EURO, "ruim € 2.100.000"),
        (ranged(40, 50), PERCENT, "40 à 50%"),
        (Measure.exact(72.5), PERCENT, "72,5%"),
        (None, PEOPLE, ""),
    ],
)
def test_a_measure_reads_as_the_source_said_it(measure: Measure | None, unit: Term | None, text: str) -> None:
    assert measure_nl(measure, unit) == text


def test_exact_range_and_value() -> None:
    assert Measure.exact(5).is_exact and not Measure.exact(5).is_range
    assert not qualified(5, "ruim").is_exact
    assert ranged(800, 900).is_range and not ranged(800, 900).is_exact
    assert ranged(800, 900).value == 850
    assert qualified(450, "ruim").value == 450


@pytest.mark.parametrize(
    ("result", "target", "outcome"),
    [
        (Measure.exact(450), Measure.exact(450), Outcome.MET),
        (Measure.exact(449), Measure.exact(450), Outcome.NOT_MET),
        (qualified(450, "ruim"), Measure.exact(450), Outcome.MET),  # a bit more than 450
        (qualified(450, "bijna"), Measure.exact(450), Outcome.NOT_MET),  # a bit less than 450
        (qualified(500, "bijna"), Measure.exact(450), Outcome.UNKNOWN),  # how much less is not said
        (qualified(450, "ongeveer"), Measure.exact(400), Outcome.UNKNOWN),
        (qualified(450, "minimaal"), Measure.exact(450), Outcome.MET),
        (qualified(400, "minimaal"), Measure.exact(450), Outcome.UNKNOWN),
        (qualified(400, "maximaal"), Measure.exact(450), Outcome.NOT_MET),
        (qualified(450, "maximaal"), Measure.exact(450), Outcome.UNKNOWN),
        (qualified(450, "meer-dan"), Measure.exact(450), Outcome.MET),
        (qualified(450, "minder-dan"), Measure.exact(450), Outcome.NOT_MET),
        (qualified(500, "minder-dan"), Measure.exact(450), Outcome.UNKNOWN),
        (ranged(800, 900), Measure.exact(800), Outcome.MET),
        (ranged(800, 900), Measure.exact(950), Outcome.NOT_MET),
        (ranged(800, 900), Measure.exact(850), Outcome.UNKNOWN),
        (ranged(800, 900, "ongeveer"), Measure.exact(700), Outcome.UNKNOWN),
        (Measure.exact(820), ranged(800, 900), Outcome.MET),  # a range target is met from its lenient end
    ],
)
def test_a_goal_is_met_only_when_the_value_certainly_meets_it(result: Measure, target: Measure,
                                                              outcome: Outcome) -> None:
    assert measure_outcome(result, target, lower_is_better=False) is outcome


@pytest.mark.parametrize(
    ("result", "target", "outcome"),
    [
        (Measure.exact(6), Measure.exact(6), Outcome.MET),
        (Measure.exact(7), Measure.exact(6), Outcome.NOT_MET),
        (qualified(6, "bijna"), Measure.exact(6), Outcome.MET),  # a bit under six weeks
        (qualified(6, "ruim"), Measure.exact(6), Outcome.NOT_MET),
        (qualified(6, "ongeveer"), Measure.exact(6), Outcome.UNKNOWN),
        (qualified(5, "minimaal"), Measure.exact(6), Outcome.UNKNOWN),
        (ranged(4, 8), Measure.exact(6), Outcome.UNKNOWN),
        (ranged(4, 8), ranged(6, 8), Outcome.MET),
    ],
)
def test_lower_is_better_turns_the_bounds_around(result: Measure, target: Measure, outcome: Outcome) -> None:
    assert measure_outcome(result, target, lower_is_better=True) is outcome
