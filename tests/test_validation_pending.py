"""Rules and model for the corrections that waited for the extended model (issue 12, pending items): cases
abroad (TB251), links between cases (TB250, TB252), planned or expected values ('verwachting') and funding
amounts as the source says them. Each bad input is a small edit of the valid case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, replace_line, valid_case_text
from thuisbasis.model.cases import Case
from thuisbasis.model.catalog import load_catalog
from thuisbasis.problems import Problem
from thuisbasis.validation import validate_paths

Check = Callable[..., list[Problem]]


def cases_in(path: Path) -> tuple[Case, ...]:
    """The cases of the folder ``path`` is in, as the site loads them."""
    catalog, report = load_catalog(path.parent, today=TODAY)
    assert catalog is not None, report.problems
    return catalog.cases


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


def with_location(lines: str) -> str:
    return replace_line(valid_case_text(), "provincie: utrecht", lines)


# --- Abroad: locatie.land and Belgian provinces (TB251) ----------------------------------------------------

@pytest.mark.parametrize("lines", ["provincie: antwerpen\nland: belgie", "provincie: limburg-be\nland: belgie",
                                   "provincie: utrecht\nland: nederland", "provincie: brussel\nland: belgie"])
def test_a_province_with_its_own_country_is_fine(lines: str, problems_in: Check) -> None:
    assert problems_in(with_location(lines)) == []


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("provincie: antwerpen", "15:14: TB251 De provincie 'antwerpen' ligt in België, maar 'locatie.land' is niet "
                                 "ingevuld (dus Nederland). Schrijf 'land: belgie' bij 'locatie'."),
        ("provincie: oost-vlaanderen\nland: nederland",
         "16:9: TB251 De provincie 'oost-vlaanderen' ligt in België, maar 'locatie.land' is 'nederland'. Schrijf "
         "'land: belgie' bij 'locatie'."),
        ("provincie: limburg\nland: belgie",
         "16:9: TB251 De provincie 'limburg' ligt in Nederland, maar 'locatie.land' is 'belgie'. Laat 'land' weg of "
         "schrijf 'land: nederland'."),
    ],
)
def test_a_province_in_another_country_is_explained(lines: str, expected: str, problems_in: Check) -> None:
    assert shown(problems_in(with_location(lines))) == [expected]


def test_an_unknown_country_is_left_to_the_schema(problems_in: Check) -> None:
    assert [found.code for found in problems_in(with_location("provincie: utrecht\nland: frankrijk"))] == ["TB104"]


def test_the_model_knows_a_belgian_case_is_abroad(write_case: Callable[..., Path]) -> None:
    belgian = write_case(with_location("provincie: west-vlaanderen\nland: belgie"))
    location = cases_in(belgian)[0].location
    assert (location.country.id, location.is_abroad, location.province.label) == (
        "belgie", True, "West-Vlaanderen (België)")
    dutch = write_case(valid_case_text())
    assert cases_in(dutch)[0].location.is_abroad is False


# --- zie_ook: links between cases (TB250, TB252) ------------------------------------------------------

def with_see_also(*ids: str) -> str:
    return replace_line(valid_case_text(), "niet_vermeld:", "zie_ook:\n" + "".join(f"  - {i}\n" for i in ids)
                        + "niet_vermeld:")


def test_zie_ook_may_name_another_case(write_case: Callable[..., Path]) -> None:
    other = valid_case_text().replace("id: voorbeeld-gemengd-wonen", "id: andere-casus")
    paths = [write_case(with_see_also("andere-casus")), write_case(other, "andere-casus.yaml")]
    assert validate_paths(paths, today=TODAY).problems == []
    assert cases_in(paths[0])[1].see_also == ("andere-casus",)


def test_zie_ook_finds_cases_in_the_folder_when_one_file_is_checked(write_case: Callable[..., Path]) -> None:
    write_case(valid_case_text().replace("id: voorbeeld-gemengd-wonen", "id: andere-casus"), "andere-casus.yaml")
    assert validate_paths([write_case(with_see_also("andere-casus"))], today=TODAY).problems == []


def test_zie_ook_with_an_unknown_case_is_explained(problems_in: Check) -> None:
    assert shown(problems_in(with_see_also("bestaat-niet"))) == [
        "88:5: TB250 Casus 1 ('zie_ook[1]') verwijst naar de casus 'bestaat-niet', maar die staat niet in cases/. Gebruik het id "
        "van een bestaande casus (de bestandsnaam zonder .yaml)."]


def test_zie_ook_naming_the_case_itself_is_explained(problems_in: Check) -> None:
    assert shown(problems_in(with_see_also("voorbeeld-gemengd-wonen"))) == [
        "88:5: TB252 Casus 1 ('zie_ook[1]') noemt de casus zelf. Zet bij 'zie_ook' alleen andere casussen."]


# --- verwachting: planned or expected, never a target or a result --------------------------------------

def with_expectation(value: str) -> str:
    return replace_line(valid_case_text(), "resultaat: 72.5", f"verwachting: {value}")


def test_an_indicator_with_only_an_expectation_has_a_value(problems_in: Check) -> None:
    assert problems_in(with_expectation("{van: 60, tot: 70, kwalificatie: ongeveer}")) == []


def test_an_expectation_is_checked_like_every_value(problems_in: Check) -> None:
    assert [found.code for found in problems_in(with_expectation("{van: 90, tot: 120}"))] == ["TB204"]
    assert [found.code for found in problems_in(with_expectation("{van: 70, tot: 60}"))] == ["TB241"]


def test_an_expectation_is_neither_target_nor_result(write_case: Callable[..., Path]) -> None:
    from thuisbasis.derive.evidence import Outcome, indicator_outcome

    text = replace_line(valid_case_text(), "streefwaarde: 20", "verwachting: 20")
    indicator = cases_in(write_case(text))[0].goals[0].indicators[0]
    assert (indicator.target, indicator.expected.value, indicator_outcome(indicator)) == (None, 20, Outcome.UNKNOWN)


def test_only_an_expectation_does_not_answer_the_question_for_figures(problems_in: Check) -> None:
    text = replace_line(replace_line(valid_case_text(), "streefwaarde: 20", ""), "nulmeting: 0", "")
    text = replace_line(replace_line(text, "resultaat: 18", "verwachting: 18"), "resultaat: 72.5", "verwachting: 72.5")
    assert [found.code for found in problems_in(text)] == ["TB244"]


# --- financiering.bedrag as the source says it --------------------------------------------------------

def test_a_funding_amount_may_be_qualified(write_case: Callable[..., Path]) -> None:
    text = replace_line(valid_case_text(), "bedrag: 500000", "bedrag: {waarde: 22000000, kwalificatie: ruim}")
    path = write_case(text)
    assert validate_paths([path], today=TODAY).problems == []
    amount = cases_in(path)[0].funding[0].amount
    assert (amount.value, amount.qualifier.id) == (22000000, "ruim")


def test_a_negative_funding_amount_is_explained(problems_in: Check) -> None:
    text = replace_line(valid_case_text(), "bedrag: 500000", "bedrag: {waarde: -5}")
    assert [(found.code, found.line) for found in problems_in(text)] == [("TB204", 68)]
