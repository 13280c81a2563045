"""Rules for values as the source says them (TB240-TB241), costs, outcomes and completeness (TB242-TB246),
and the national figures (TB243, TB247). Each bad input is a small edit of the valid case."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, replace_line, valid_case_text
from thuisbasis.problems import Problem
from thuisbasis.validation import validate_paths

Check = Callable[..., list[Problem]]
RESULT = "resultaat: 18"  # line 46 of the valid case: doelen[1].indicatoren[1].resultaat, unit personen
PERCENT = "resultaat: 72.5"  # line 53: doelen[1].indicatoren[2].resultaat, unit procent
SHAPE_HINT = ("Schrijf één getal als 'waarde' (zoals {waarde: 450, kwalificatie: ruim}) of een bereik met 'van' en "
              "'tot' (zoals {van: 800, tot: 900}).")


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


def with_result(value: str, line: str = RESULT) -> str:
    return replace_line(valid_case_text(), line, f"{line.split(':')[0]}: {value}")


@pytest.mark.parametrize(
    "value",
    ["18", "{waarde: 18, kwalificatie: ruim}", "{waarde: 18, kwalificatie: bijna}", "{van: 10, tot: 18}",
     "{van: 10, tot: 18, kwalificatie: ongeveer}", "{waarde: 18}", "{waarde: 18, kwalificatie: minimaal}",
     "{waarde: 18, kwalificatie: maximaal}", "{waarde: 18, kwalificatie: meer-dan}",
     "{waarde: 18, kwalificatie: minder-dan}"],
)
def test_a_value_may_be_exact_qualified_or_a_range(value: str, problems_in: Check) -> None:
    assert problems_in(with_result(value)) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("{waarde: 18, van: 10, tot: 20}", f"46:20: TB240 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') heeft zowel 'waarde' als "
                                           f"een bereik ('van' en 'tot'). {SHAPE_HINT}"),
        ("{kwalificatie: ruim}", f"46:20: TB240 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') heeft geen getal. {SHAPE_HINT}"),
        ("{van: 10}", f"46:20: TB240 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') heeft 'van' zonder 'tot'. {SHAPE_HINT}"),
        ("{tot: 10}", f"46:20: TB240 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') heeft 'tot' zonder 'van'. {SHAPE_HINT}"),
        ("{van: 10, tot: 18, kwalificatie: ruim}",
         "46:20: TB240 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') is een bereik met de kwalificatie 'ruim'; bij een bereik "
         f"past alleen 'ongeveer'. {SHAPE_HINT}"),
        ("{van: 18, tot: 10}", "46:26: TB241 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') loopt van 18 tot 10, maar 'van' moet "
                               "kleiner zijn dan 'tot'. Zet het laagste getal bij 'van'."),
        ("{van: 18, tot: 18}", "46:26: TB241 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') loopt van 18 tot 18, maar 'van' moet "
                               "kleiner zijn dan 'tot'. Zet het laagste getal bij 'van'."),
        ("{waarde: 18.5, kwalificatie: ruim}", "46:29: TB204 'resultaat.waarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat.waarde') is 18,5, maar "
                                               "in de eenheid 'personen' past alleen een geheel getal."),
    ],
)
def test_a_value_group_with_the_wrong_shape_is_explained(value: str, expected: str, problems_in: Check) -> None:
    assert shown(problems_in(with_result(value))) == [expected]


@pytest.mark.parametrize(
    ("value", "codes"),
    [("{waarde: 18, kwalificatie: heel-veel}", ["TB104"]), ("{waarde: 18, extra: 1}", ["TB102"]),
     ("{waarde: ruim 18}", ["TB103"]), ("ruim 18", ["TB103"]), ("{waarde: 2e13}", ["TB103"])],
)
def test_the_schema_checks_the_parts_of_a_value_group(value: str, codes: list[str], problems_in: Check) -> None:
    assert [found.code for found in problems_in(with_result(value))] == codes


def test_every_number_in_a_range_must_fit_the_unit(problems_in: Check) -> None:
    assert shown(problems_in(with_result("{van: 95, tot: 101}", PERCENT))) == [
        "53:35: TB204 'resultaat.tot' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat.tot') is 101, maar in de eenheid 'procent' kan de waarde "
        "niet groter zijn dan 100."]


COSTS = ("  - {soort: investering, bedrag: 1250000, per: totaal, periode: eenmalig, prijspeil: 2024, "
         "bron: jaarverslag-2025}")


def with_cost(new: str) -> str:
    return valid_case_text().replace(COSTS, new)


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("  - {soort: investering, bedrag: -5, per: totaal, periode: eenmalig, bron: jaarverslag-2025}",
         ["64:34: TB204 'bedrag' bij kostenpost 1 ('kosten[1].bedrag') is -5, maar in de eenheid 'euro' kan de waarde niet kleiner zijn dan 0."]),
        ("  - {soort: investering, bedrag: {van: 2, tot: 1}, per: totaal, periode: eenmalig, bron: jaarverslag-2025}",
         ["64:40: TB241 'bedrag' bij kostenpost 1 ('kosten[1].bedrag') loopt van 2 tot 1, maar 'van' moet kleiner zijn dan 'tot'. Zet het laagste "
          "getal bij 'van'."]),
        ("  - {soort: investering, bedrag: 5, per: totaal, periode: eenmalig, bron: elders}",
         ["64:75: TB205 'bron' bij kostenpost 1 ('kosten[1].bron') verwijst naar de bron 'elders', maar die staat niet bij 'bronnen'. Bekende "
          "bronnen: jaarverslag-2025, evaluatie-2025."]),
    ],
)
def test_cost_items_are_checked(new: str, expected: list[str], problems_in: Check) -> None:
    assert shown(problems_in(with_cost(new))) == expected


@pytest.mark.parametrize(
    ("new", "code"),
    [("  - {soort: lening, bedrag: 5, per: totaal, periode: eenmalig, bron: jaarverslag-2025}", "TB104"),
     ("  - {soort: investering, bedrag: 5, per: totaal, periode: eenmalig}", "TB101"),
     ("  - {soort: investering, bedrag: 5, per: totaal, periode: eenmalig, prijspeil: 16, bron: jaarverslag-2025}",
      "TB108")],
)
def test_the_schema_checks_cost_items(new: str, code: str, problems_in: Check) -> None:
    assert [found.code for found in problems_in(with_cost(new))] == [code]


def test_status_source_must_be_a_listed_source(problems_in: Check) -> None:
    text = replace_line(valid_case_text(), "status: afgerond", "status: afgerond\nstatus_bron: krant-2016")
    assert shown(problems_in(text)) == [
        "27:14: TB205 'status_bron' verwijst naar de bron 'krant-2016', maar die staat niet bij 'bronnen'. Bekende "
        "bronnen: jaarverslag-2025, evaluatie-2025."]
    fine = replace_line(valid_case_text(), "status: afgerond", "status: afgerond\nstatus_bron: evaluatie-2025")
    assert problems_in(fine) == []


def test_an_evaluation_without_outcome_is_a_warning(write_case: Callable[..., Path]) -> None:
    report = validate_paths([write_case(replace_line(valid_case_text(), "uitkomst: positief", ""))], today=TODAY)
    assert shown(report.problems) == [
        "76:5: TB242 De evaluatie 'Evaluatie gemengd wonen Voorbeeldstad' heeft geen 'uitkomst'. Vul in wat de "
        "evaluatie vond: positief, gemengd, geen-effect of negatief. Ook een negatieve uitkomst is waardevol."]
    assert report.ok


PROSE_ONLY = """id: voorbeeld-gemengd-wonen
titel: Alleen het verhaal
samenvatting: Een casus met alleen tekst, zonder doelen met cijfers, kosten of evaluaties.
woonvorm: woningdelen
doelgroepen: [statushouders]
locatie: {gemeenten: [Testdorp], provincie: zeeland}
partners: [{organisatie: Gemeente Testdorp, rol: regie}]
periode: {start: onbekend}
status: gepland
aanleiding: Er is een tekort aan woningen voor alleenstaanden.
aanpak: Twee statushouders delen straks een eengezinswoning.
werkzame_bestanddelen: [{id: huisgenoten-zelf-kiezen, toepassing: De bewoners kiezen zelf met wie ze wonen.}]
bronnen: [{id: raadsbrief, titel: Raadsbrief, uitgever: Gemeente Testdorp, datum: '2026'}]
contact: {organisatie: Gemeente Testdorp}
laatst_beoordeeld: '2026-11-01'
"""


def test_a_case_with_only_prose_is_told_what_is_missing(write_case: Callable[..., Path]) -> None:
    report = validate_paths([write_case(PROSE_ONLY)], today=TODAY)
    assert [(found.code, found.line) for found in report.problems] == [("TB244", 1), ("TB245", 1), ("TB246", 1)]
    assert report.ok
    assert report.summary().endswith("geen fouten; 3 waarschuwingen in 1 bestand.")


@pytest.mark.parametrize(
    ("not_reported", "codes"),
    [("[De kosten]", ["TB244", "TB246"]), ("[Resultaten voor bewoners, Onderzoek naar effecten]", ["TB245"]),
     ("[Hoe lang bewoners bleven]", ["TB244", "TB245", "TB246"])],
)
def test_niet_vermeld_answers_a_missing_part(not_reported: str, codes: list[str],
                                             write_case: Callable[..., Path]) -> None:
    report = validate_paths([write_case(PROSE_ONLY + f"niet_vermeld: {not_reported}\n")], today=TODAY)
    assert [found.code for found in report.problems] == codes


def test_goals_without_figures_are_still_missing(write_case: Callable[..., Path]) -> None:
    text = PROSE_ONLY + "doelen: [{doel: Meer woningen voor statushouders.}]\n"
    assert sorted(found.code for found in validate_paths([write_case(text)], today=TODAY).problems) == [
        "TB244", "TB245", "TB246"]


CONTEXT = """id: landelijk-beeld
titel: Landelijk beeld
inleiding: Landelijke cijfers over de huisvesting van statushouders. Het zijn geen resultaten van één casus.
cijfers:
  - id: wachtende-statushouders
    thema: Huisvesting statushouders
    omschrijving: Statushouders in de opvang die wachten op een woning
    waarde: {waarde: 17000, kwalificatie: ruim}
    eenheid: personen
    peildatum: '2016-04'
    bron: artikel
bronnen:
  - id: artikel
    titel: Een artikel
    uitgever: Een uitgever
    datum: '2016-04'
laatst_beoordeeld: '2026-11-01'
"""


def project(tmp_path: Path, context: str | None, cites: str) -> Path:
    (tmp_path / "cases").mkdir()
    case = replace_line(valid_case_text(), "niet_vermeld:", f"landelijke_cijfers: [{cites}]\nniet_vermeld:")
    (tmp_path / "cases" / "voorbeeld-gemengd-wonen.yaml").write_text(case, encoding="utf-8")
    if context is not None:
        (tmp_path / "context").mkdir()
        (tmp_path / "context" / "landelijk-beeld.yaml").write_text(context, encoding="utf-8")
    return tmp_path


def test_a_case_cites_national_figures_from_the_context_file(tmp_path: Path) -> None:
    root = project(tmp_path, CONTEXT, "wachtende-statushouders")
    assert validate_paths([root / "cases", root / "context"], today=TODAY).problems == []
    # Checking only the case still knows the figures of the context/ folder beside cases/.
    assert validate_paths([root / "cases" / "voorbeeld-gemengd-wonen.yaml"], today=TODAY).problems == []
    report = validate_paths([root / "cases", root / "context"], today=TODAY)
    assert report.summary() == ("Thuisbasis: 1 casus, 1 bestand met landelijke cijfers en 17 registers "
                                "gecontroleerd: geen problemen.")


@pytest.mark.parametrize("context", [CONTEXT, None], ids=["unknown-id", "no-context-file"])
def test_an_unknown_national_figure_is_tb243(tmp_path: Path, context: str | None) -> None:
    root = project(tmp_path, context, "asielzoekers")
    report = validate_paths([root / "cases"], today=TODAY)
    known = "wachtende-statushouders" if context else "(geen)"
    file = "context/landelijk-beeld.yaml" if context is None else str(root / "context" / "landelijk-beeld.yaml")
    assert [(found.code, found.message) for found in report.problems] == [
        ("TB243", f"Landelijk cijfer 1 ('landelijke_cijfers[1]') verwijst naar het landelijke cijfer 'asielzoekers', maar dat staat niet in "
                  f"{file}. Bekende cijfers: {known}.")]


def test_the_context_file_is_checked_like_a_case(tmp_path: Path) -> None:
    again = ("  - id: wachtende-statushouders\n    thema: Ander thema\n    omschrijving: Nog een keer\n"
             "    waarde: {van: 5, tot: 2}\n    eenheid: procent\n    peildatum: onbekend\n    bron: elders\n")
    broken = CONTEXT.replace("bronnen:\n", again + "bronnen:\n")
    root = project(tmp_path, broken, "wachtende-statushouders")
    report = validate_paths([root / "context"], today=TODAY)
    assert [(found.code, found.line) for found in report.problems] == [("TB247", 12), ("TB241", 15), ("TB205", 18)]
