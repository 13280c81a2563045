"""Derived facts for the four questions: verdict (Werkt het?), cost band (Wat kost het?), currency (Hoe actueel?)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from conftest import TODAY
from thuisbasis.derive.costs import cost_band
from thuisbasis.derive.currency import (
    newest_source_year,
    period_text,
    source_is_old,
    status_as_of,
    status_text,
    year_of,
)
from thuisbasis.derive.verdict import verdict
from thuisbasis.model.cases import Case, CostItem, Evaluation, Goal, Indicator, Measure, Period, Scale, Source
from thuisbasis.model.registries import Term


def term(term_id: str, label: str = "") -> Term:
    return Term(id=term_id, label=label or term_id)


PEOPLE, HOUSED = term("personen"), term("gehuisveste-personen")
SELF, REPORTED, EXTERNAL = term("zelf-gemeten"), term("genoemd-door-betrokkenen"), term("extern-gemeten")


def goal(target: float | None, result: float | None, method: Term | None = SELF) -> Goal:
    indicator = Indicator(name="x", kind=HOUSED, unit=PEOPLE, source_id="b",
                          target=Measure.exact(target) if target is not None else None,
                          result=Measure.exact(result) if result is not None else None, method=method)
    return Goal(goal="Doel", indicators=(indicator,))


def evaluation(outcome: str | None, independent: bool = True) -> Evaluation:
    return Evaluation(title="E", evaluator="Bureau", independent=independent, design=term("monitor"), source_id="b",
                      outcome=term(outcome) if outcome else None)


# --- Verdict -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("outcomes", "expected"),
    [(["positief"], "positief"), (["positief", "positief"], "positief"), (["negatief"], "negatief"),
     (["geen-effect", "geen-effect"], "geen-effect"), (["positief", "negatief"], "gemengd"),
     (["gemengd"], "gemengd"), (["positief", "geen-effect"], "gemengd")],
)
def test_verdict_from_evaluations(full_case: Case, outcomes: list[str], expected: str) -> None:
    case = dataclasses.replace(full_case, evaluations=tuple(evaluation(outcome) for outcome in outcomes))
    found = verdict(case)
    assert found.id == expected
    assert not found.self_reported


def test_evaluations_win_over_goals_and_those_without_outcome_do_not_count(full_case: Case) -> None:
    case = dataclasses.replace(full_case, goals=(goal(20, 10),),
                               evaluations=(evaluation("positief", independent=False), evaluation(None)))
    found = verdict(case)
    assert (found.id, found.self_reported) == ("positief", True)
    assert found.sentence == "Volgens de evaluatie door de partners zelf."


@pytest.mark.parametrize(
    ("goals", "expected", "sentence"),
    [
        ((goal(20, 25),), "positief", "Op grond van het doel met een streefwaarde en een resultaat, volgens de "
                                      "organisatie zelf."),
        ((goal(20, 10),), "negatief", "Op grond van het doel met een streefwaarde en een resultaat, volgens de "
                                      "organisatie zelf."),
        ((goal(20, 25), goal(20, 10)), "gemengd", "Op grond van de doelen met een streefwaarde en een resultaat: "
                                                  "1 van de 2 doelen met een resultaat gehaald, volgens de organisatie zelf."),
        ((goal(20, 25, REPORTED),), "positief", "Op grond van het doel met een streefwaarde en een resultaat, "
                                                "volgens betrokkenen."),
        ((goal(20, 25, EXTERNAL),), "positief", "Op grond van het doel met een streefwaarde en een resultaat."),
    ],
)
def test_verdict_from_goals(full_case: Case, goals: tuple[Goal, ...], expected: str, sentence: str) -> None:
    found = verdict(dataclasses.replace(full_case, goals=goals, evaluations=()))
    assert (found.id, found.sentence) == (expected, sentence)


def test_capacity_figures_without_a_target_never_make_a_verdict(full_case: Case) -> None:
    found = verdict(dataclasses.replace(full_case, goals=(goal(None, 400), goal(None, None)), evaluations=()))
    assert (found.id, found.label) == ("nog-niet-bekend", "Nog niet bekend")


# --- Cost band ---------------------------------------------------------------------------------------

def cost(kind: str, amount: Measure | float, per: str, period: str) -> CostItem:
    return CostItem(kind=term(kind), amount=amount if isinstance(amount, Measure) else Measure.exact(amount),
                    per=term(per), period=term(period), source_id="b")


@pytest.mark.parametrize(
    ("costs", "units", "band", "per_unit", "approximate"),
    [
        ((cost("investering", 40_000, "woning", "eenmalig"),), None, "laag", 40_000, False),
        ((cost("investering", 50_000, "plek", "eenmalig"),), None, "midden", 50_000, False),
        ((cost("investering", 150_001, "woning", "eenmalig"),), None, "hoog", 150_001, False),
        ((cost("investering", 2_000_000, "totaal", "eenmalig"),), 40, "midden", 50_000, False),
        ((cost("investering", 2_000_000, "totaal", "eenmalig"),), None, "bekend", None, False),
        ((cost("investering", Measure(low=3_000_000, high=5_000_000), "totaal", "eenmalig"),), 20, "hoog", 200_000,
         True),
        ((cost("begeleiding", 800, "persoon", "per-maand"),), None, "laag", 9_600, False),
        ((cost("begeleiding", 800, "persoon", "per-maand"), cost("exploitatie", 5_000, "woning", "per-jaar")), None,
         "midden", 14_600, False),
        ((cost("exploitatie", Measure(low=31_000, high=31_000, qualifier=term("ongeveer")), "plek", "per-jaar"),),
         None, "hoog", 31_000, True),
        ((cost("huur", 600, "woning", "per-maand"),), None, "bekend", None, False),
        ((cost("subsidie", 100_000, "totaal", "eenmalig"),), 10, "bekend", None, False),
        ((), None, "onbekend", None, False),
    ],
)
def test_cost_band(full_case: Case, costs: tuple[CostItem, ...], units: int | None, band: str,
                   per_unit: float | None, approximate: bool) -> None:
    case = dataclasses.replace(full_case, costs=costs, scale=Scale(units=units) if units else None)
    found = cost_band(case)
    assert (found.band.id, found.per_unit, found.approximate) == (band, per_unit, approximate)


def test_the_example_case_is_compared_per_woning(full_case: Case) -> None:
    found = cost_band(full_case)  # € 1.250.000 for 40 wooneenheden
    assert (found.band.id, found.per_unit, found.what, found.per) == ("laag", 31_250, "investering", "per woning")


# --- Currency ----------------------------------------------------------------------------------------

def source(source_id: str, date: str) -> Source:
    return Source(id=source_id, title="T", publisher="U", date=date)


@pytest.mark.parametrize(("date", "year"), [("2016", 2016), ("2016-05", 2016), ("2016-05-01", 2016), ("onbekend", None),
                                            (None, None)])
def test_year_of(date: str | None, year: int | None) -> None:
    assert year_of(date) == year


def test_status_holds_as_of_the_newest_source_or_the_named_one(full_case: Case) -> None:
    sources = (source("oud", "2016-03"), source("nieuw", "2019"), source("zonder", "onbekend"))
    lopend = term("lopend", "Lopend")
    case = dataclasses.replace(full_case, sources=sources, status=lopend, status_source_id=None)
    assert (status_as_of(case), newest_source_year(case), status_text(case)) == (
        "2019", 2019, "Lopend volgens een bron uit 2019")
    case = dataclasses.replace(case, status_source_id="oud")
    assert (status_as_of(case), status_text(case)) == ("2016-03", "Lopend volgens een bron uit 2016")
    case = dataclasses.replace(case, status_source_id="zonder")
    assert (status_as_of(case), status_text(case)) == (None, "Lopend volgens een bron zonder datum")


def test_a_status_without_any_dated_source_never_reads_as_true_today(full_case: Case) -> None:
    case = dataclasses.replace(full_case, sources=(source("a", "onbekend"),), status_source_id=None,
                               status=term("lopend", "Lopend"))
    assert status_text(case) == "Lopend volgens bronnen zonder datum"


def test_a_case_without_dated_sources_has_no_newest_year(full_case: Case) -> None:
    case = dataclasses.replace(full_case, sources=(source("a", "onbekend"),), status_source_id=None)
    assert (newest_source_year(case), status_as_of(case), source_is_old(case, TODAY)) == (None, None, True)


@pytest.mark.parametrize(
    ("start", "end", "status", "text"),
    [("2016", "2019-06", "afgerond", "2016 – 2019"), ("2016-03", None, "lopend", "sinds 2016"),
     ("2027", None, "gepland", "gepland vanaf 2027"), ("2016", "onbekend", "afgerond", "vanaf 2016, einde onbekend"),
     ("onbekend", None, "lopend", "start onbekend"), ("onbekend", "2019", "afgerond", "tot 2019, start onbekend"),
     ("2019-01", "2019-12", "afgerond", "2019")],
)
def test_period_text(full_case: Case, start: str, end: str | None, status: str, text: str) -> None:
    case = dataclasses.replace(full_case, period=Period(start=start, end=end), status=term(status))
    assert period_text(case) == text


@pytest.mark.parametrize(("year", "old"), [("2023", False), ("2022", True)])
def test_a_source_more_than_three_years_old_is_old(full_case: Case, year: str, old: bool) -> None:
    case = dataclasses.replace(full_case, sources=(source("a", year),))
    assert source_is_old(case, dt.date(2026, 1, 1)) is old


