"""Rules the schema cannot express (TB2xx), registry rules (TB3xx), and a rule that crashes (TB299).

Each bad input is a small edit of the valid case; problems are shown as ``line:column: CODE message``.
"""

from __future__ import annotations

import datetime as dt
import functools
import posixpath
import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY, line_of, replace_line, valid_case_text
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import Document, load_document
from thuisbasis.model.catalog import load_catalog
from thuisbasis.problems import Position, Problem
from thuisbasis.render import render_site
from thuisbasis.render.overviews import dimensions
from thuisbasis.urls import case_page, checklist_page, directory_url, is_generated_page, value_page
from thuisbasis.validation import validate_paths
from thuisbasis.validation.rules import (
    _LINK_TARGETS,
    ALLOWED_LINK_SCHEMES,
    CASE_RULES,
    MAX_BRACKETS,
    RuleContext,
    check_links_in_markdown,
    check_unique_ids,
    might_hold_a_link,
)

Edits = list[tuple[str, str]]
Check = Callable[..., list[Problem]]

CASE_NAME = "voorbeeld-gemengd-wonen.yaml"
LINK_RULE = "Alleen links die beginnen met https://, http:// of mailto: zijn toegestaan."
KNOWN_SOURCES = "Bekende bronnen: jaarverslag-2025, evaluatie-2025."
LINK_LINE = "- Meer weten? Zie [de website](https://example.org/gemengd)."


def edited(edits: Edits, text: str | None = None) -> str:
    text = valid_case_text() if text is None else text
    for old, new in edits:
        text = replace_line(text, old, new)
    return text


def replace_at(text: str, number: int, old: str, new: str) -> str:
    """Replace line ``number`` (1-based), which must read ``old`` once stripped; keep its indent."""
    lines = text.split("\n")
    assert lines[number - 1].strip() == old, lines[number - 1]
    indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
    lines[number - 1] = "\n".join(indent + line if line else line for line in new.split("\n"))
    return "\n".join(lines)


def position_of(text: str, snippet: str, start: int = 0) -> str:
    """'line:column' of the first ``snippet`` in ``text`` at or after offset ``start``."""
    offset = text.index(snippet, start)
    return f"{text.count(chr(10), 0, offset) + 1}:{offset - text.rfind(chr(10), 0, offset)}"


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


def named(problems: list[Problem]) -> list[str]:
    return [f"{found.path.name}:{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


def test_every_rule_is_covered_here() -> None:
    assert [rule.__name__ for rule in CASE_RULES] == [
        "check_id_matches_filename",
        "check_id_is_no_generated_page",
        "check_period_order",
        "check_completed_has_end",
        "check_dates_not_in_future",
        "check_indicator_values_fit_unit",
        "check_source_references",
        "check_links_in_markdown",
        "check_markdown_brackets",
        "check_unique_ingredients",
        "check_indicator_has_values",
        "check_personal_data",  # the privacy lint: tests/test_privacy.py
        "check_measure_shape",  # meetwaarden, costs, completeness: tests/test_validation_measures.py
        "check_cost_amounts_fit_euro",
        "check_numbers_with_a_thousands_dot",  # with the other messages for non-programmers: test_validation_schema.py
        "check_evaluation_outcome",
        "check_completeness",
        "check_province_fits_country",  # abroad, zie_ook: tests/test_validation_pending.py
        "check_see_also_is_another_case",
    ]


# --- TB201 / TB202: ids ------------------------------------------------------------------------

def test_id_equal_to_file_name_is_fine(problems_in: Check) -> None:
    text = edited([("id: voorbeeld-gemengd-wonen", "id: ander-voorbeeld")])
    assert problems_in(text, "ander-voorbeeld.yaml") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("kopie.yaml", "kopie.yaml", id="other-name"),
        pytest.param("Voorbeeld-Gemengd-Wonen.yaml", "Voorbeeld-Gemengd-Wonen.yaml", id="differs-in-case"),
    ],
)
def test_id_that_differs_from_file_name_is_tb201(name: str, expected: str, problems_in: Check) -> None:
    assert shown(problems_in(valid_case_text(), name)) == [
        f"3:5: TB201 Het id is 'voorbeeld-gemengd-wonen', maar het bestand heet '{expected}'. Maak ze gelijk: het id "
        "is de bestandsnaam zonder .yaml."]


@pytest.mark.parametrize("working_directory", ["", "b"], ids=["other-file-below-it", "other-file-elsewhere"])
def test_same_id_in_two_files_is_tb202_naming_the_other_file_and_line(working_directory: str, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = tmp_path / "a" / CASE_NAME, tmp_path / "b" / CASE_NAME
    for path in (first, second):
        path.parent.mkdir()
    first.write_text(valid_case_text(), encoding="utf-8")
    # The second copy has its id two lines lower, to show whose line the message names.
    second.write_text(edited([("id: voorbeeld-gemengd-wonen", "# kopie\n# nog een regel\nid: voorbeeld-gemengd-wonen")]),
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path / working_directory)
    # Both files have the same name, so the other one is named by its path: relative to the working directory
    # where it lies below it, else in full.
    other = f"a/{CASE_NAME}" if working_directory == "" else first.as_posix()
    problems = validate_paths([first, second], today=TODAY).problems
    assert [(found.path, *shown([found])) for found in problems] == [
        (second, f"5:5: TB202 Het id 'voorbeeld-gemengd-wonen' wordt ook gebruikt in {other} (regel 3). Elk id komt "
                 "maar één keer voor.")]


def test_check_unique_ids_reports_every_later_use(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    documents = []
    for name, case_id in [("a", "x"), ("b", "y"), ("c", "x"), ("d", None), ("e", "x")]:
        document = Document(path=tmp_path / f"{name}.yaml", data={"id": case_id} if case_id else {"titel": "t"})
        document.value_positions[("id",)] = document.value_positions[()] = Position(ord(name) - 96, 5)
        documents.append(document)
    assert [(found.path.name, found.line, found.message) for found in check_unique_ids(documents)] == [
        ("c.yaml", 3, "Het id 'x' wordt ook gebruikt in a.yaml (regel 1). Elk id komt maar één keer voor."),
        ("e.yaml", 5, "Het id 'x' wordt ook gebruikt in a.yaml (regel 1). Elk id komt maar één keer voor."),
    ]


# --- TB203: end before start -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        pytest.param("2024-01-02", "2024-01-01", True, id="day-before"),
        pytest.param("2023-03", "2023-02", True, id="month-before"),
        pytest.param("2024", "2023-06", True, id="partial-end-in-earlier-year"),
        pytest.param("2024-03-15", "2023", True, id="year-end-before-full-start"),
        pytest.param("2023-03", "2023", False, id="same-year-less-precise-end"),
        pytest.param("2023-03", "2023-03-01", False, id="same-month-more-precise-end"),
        pytest.param("2023-03-15", "2023-03", False, id="same-month-less-precise-end"),
        pytest.param("2023", "2023-01-01", False, id="first-day-of-start-year"),
        pytest.param("2023-03-01", "2023-03-01", False, id="same-day"),
        pytest.param("onbekend", "2000", False, id="unknown-start"),
        pytest.param("2023-03", "onbekend", False, id="unknown-end"),
        pytest.param("2023-03", "2023-13", False, id="impossible-end-is-only-TB107"),
    ],
)
def test_end_before_start_is_tb203(start: str, end: str, problem: bool, problems_in: Check) -> None:
    text = edited([('start: "2023-03"', f'start: "{start}"'), ('eind: "2025-12-31"', f'eind: "{end}"')])
    expected = [f"25:9: TB203 De einddatum {end} ligt vóór de startdatum {start}."] if problem else []
    assert [line for line in shown(problems_in(text)) if "TB107" not in line] == expected


# --- TB204: values that do not fit the unit ----------------------------------------------------

@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([("resultaat: 72.5", "resultaat: 101")],
                     "53:20: TB204 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') is 101, maar in de eenheid 'procent' kan de "
                     "waarde niet groter zijn dan 100.", id="procent-above-100"),
        pytest.param([("resultaat: 18", "resultaat: 2.5")],
                     "46:20: TB204 'resultaat' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].resultaat') is 2,5, maar in de eenheid 'personen' past "
                     "alleen een geheel getal.", id="personen-not-whole"),
        pytest.param([("nulmeting: 0", "nulmeting: -1")],
                     "44:20: TB204 'nulmeting' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].nulmeting') is -1, maar in de eenheid 'personen' kan de "
                     "waarde niet kleiner zijn dan 0.", id="personen-negative-nulmeting"),
        pytest.param([("streefwaarde: 20", "streefwaarde: 20.5")],
                     "45:23: TB204 'streefwaarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde') is 20,5, maar in de eenheid 'personen' past "
                     "alleen een geheel getal.", id="personen-streefwaarde-not-whole"),
        pytest.param([("eenheid: procent", "eenheid: euro"), ("resultaat: 72.5", "resultaat: -5")],
                     "53:20: TB204 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') is -5, maar in de eenheid 'euro' kan de waarde "
                     "niet kleiner zijn dan 0.", id="negative-euro"),
        pytest.param([("eenheid: procent", "eenheid: rapportcijfer"), ("resultaat: 72.5", "resultaat: 0")],
                     "53:20: TB204 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') is 0, maar in de eenheid 'rapportcijfer (1 tot "
                     "10)' kan de waarde niet kleiner zijn dan 1.", id="rapportcijfer-0"),
        pytest.param([("eenheid: procent", "eenheid: rapportcijfer"), ("resultaat: 72.5", "resultaat: 10.5")],
                     "53:20: TB204 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') is 10,5, maar in de eenheid 'rapportcijfer (1 "
                     "tot 10)' kan de waarde niet groter zijn dan 10.", id="rapportcijfer-above-10"),
    ],
)
def test_value_outside_its_unit_is_tb204(edits: Edits, expected: str, problems_in: Check) -> None:
    assert shown(problems_in(edited(edits))) == [expected]


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([("resultaat: 72.5", "resultaat: 100")], id="procent-100"),
        pytest.param([("resultaat: 72.5", "resultaat: 0")], id="procent-0"),
        pytest.param([("resultaat: 18", "resultaat: 18.0")], id="personen-whole-float"),
        pytest.param([("eenheid: procent", "eenheid: rapportcijfer"), ("resultaat: 72.5", "resultaat: 7.5")],
                     id="rapportcijfer-7.5"),
        pytest.param([("eenheid: procent", "eenheid: rapportcijfer"), ("resultaat: 72.5", "resultaat: 10")],
                     id="rapportcijfer-10"),
        pytest.param([("eenheid: procent", "eenheid: dagen"), ("resultaat: 72.5", "resultaat: 3.5")], id="dagen-3.5"),
        pytest.param([("eenheid: procent", "eenheid: euro"), ("resultaat: 72.5", "resultaat: 1250000")],
                     id="euro-large"),
    ],
)
def test_value_that_fits_its_unit_is_fine(edits: Edits, problems_in: Check) -> None:
    assert problems_in(edited(edits)) == []


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([("resultaat: 72.5", 'resultaat: "101"')],
                     "53:20: TB103 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') moet een getal of een groep velden zijn, maar is "
                     "de tekst '101'. Schrijf een getal zonder eenheid, zoals 450 of 12.5. Zegt de bron 'ruim 450' of "
                     "'tussen 800 en 900', schrijf dan {waarde: 450, kwalificatie: ruim} of {van: 800, tot: 900}.",
                     id="text-value-is-only-TB103"),
        pytest.param([("resultaat: 72.5", "resultaat: true")],
                     "53:20: TB103 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') moet een getal of een groep velden zijn, maar is "
                     "de waarde true. Schrijf een getal zonder eenheid, zoals 450 of 12.5. Zegt de bron 'ruim 450' of "
                     "'tussen 800 en 900', schrijf dan {waarde: 450, kwalificatie: ruim} of {van: 800, tot: 900}.",
                     id="bool-value-is-only-TB103"),
    ],
)
def test_unit_rule_skips_values_that_are_no_number(edits: Edits, expected: str, problems_in: Check) -> None:
    assert shown(problems_in(edited(edits))) == [expected]


def test_unit_rule_skips_unknown_units(problems_in: Check) -> None:
    problems = problems_in(edited([("eenheid: procent", "eenheid: procenten"), ("resultaat: 72.5", "resultaat: 101")]))
    assert [found.code for found in problems] == ["TB104"]


# --- TB205 / TB206: sources --------------------------------------------------------------------

@pytest.mark.parametrize(
    ("line", "old", "new", "expected"),
    [
        pytest.param(49, "bron: jaarverslag-2025", "bron: jaarverslag-2024",
                     "49:15: TB205 'bron' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].bron') verwijst naar de bron 'jaarverslag-2024', maar die "
                     f"staat niet bij 'bronnen'. {KNOWN_SOURCES}", id="indicator"),
        pytest.param(69, "bron: jaarverslag-2025", "bron: onbekend-rapport",
                     "69:11: TB205 'bron' bij financieringsbron 1 ('financiering[1].bron') verwijst naar de bron 'onbekend-rapport', maar die staat niet "
                     f"bij 'bronnen'. {KNOWN_SOURCES}", id="financiering"),
        pytest.param(81, "bron: evaluatie-2025", "bron: evaluatie-2024",
                     "81:11: TB205 'bron' bij evaluatie 1 ('evaluaties[1].bron') verwijst naar de bron 'evaluatie-2024', maar die staat niet bij "
                     f"'bronnen'. {KNOWN_SOURCES}", id="evaluatie"),
        pytest.param(86, "bron: evaluatie-2025", "bron: evaluatie-2024",
                     "86:9: TB205 'erkenning.bron' verwijst naar de bron 'evaluatie-2024', maar die staat niet bij "
                     f"'bronnen'. {KNOWN_SOURCES}", id="erkenning"),
    ],
)
def test_reference_to_an_unknown_source_is_tb205(line: int, old: str, new: str, expected: str,
                                                  problems_in: Check) -> None:
    assert shown(problems_in(replace_at(valid_case_text(), line, old, new))) == [expected]


def test_references_without_any_sources_list_none(problems_in: Check) -> None:
    text = valid_case_text()
    text = text[: text.index("bronnen:\n")] + "bronnen: []\n" + text[text.index("contact:\n"):]
    assert shown(problems_in(text)) == [
        "49:15: TB205 'bron' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].bron') verwijst naar de bron 'jaarverslag-2025', maar die staat niet "
        "bij 'bronnen'. Bekende bronnen: (geen).",
        "55:15: TB205 'bron' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].bron') verwijst naar de bron 'jaarverslag-2025', maar die staat niet "
        "bij 'bronnen'. Bekende bronnen: (geen).",
        "64:98: TB205 'bron' bij kostenpost 1 ('kosten[1].bron') verwijst naar de bron 'jaarverslag-2025', maar die staat niet bij "
        "'bronnen'. Bekende bronnen: (geen).",
        "65:81: TB205 'bron' bij kostenpost 2 ('kosten[2].bron') verwijst naar de bron 'jaarverslag-2025', maar die staat niet bij "
        "'bronnen'. Bekende bronnen: (geen).",
        "69:11: TB205 'bron' bij financieringsbron 1 ('financiering[1].bron') verwijst naar de bron 'jaarverslag-2025', maar die staat niet bij "
        "'bronnen'. Bekende bronnen: (geen).",
        "81:11: TB205 'bron' bij evaluatie 1 ('evaluaties[1].bron') verwijst naar de bron 'evaluatie-2025', maar die staat niet bij 'bronnen'. "
        "Bekende bronnen: (geen).",
        "86:9: TB205 'erkenning.bron' verwijst naar de bron 'evaluatie-2025', maar die staat niet bij 'bronnen'. "
        "Bekende bronnen: (geen).",
        "89:10: TB109 'bronnen' is een lege lijst; er moet minstens 1 in staan.",
    ]


def test_duplicate_source_id_is_tb206_naming_the_first_line(problems_in: Check) -> None:
    extra = '  - id: jaarverslag-2025\n    titel: Nog een jaarverslag\n    uitgever: Iemand\n    datum: "2025"\n'
    text = valid_case_text().replace("contact:\n", extra + "contact:\n")
    assert shown(problems_in(text)) == [
        "99:9: TB206 Het bron-id 'jaarverslag-2025' staat twee keer bij 'bronnen' (eerst op regel 90)."]


# --- TB215: a bounded number of '[' in Markdown fields (rendering is quadratic in them) ------------

@pytest.mark.parametrize(("brackets", "expected"), [(MAX_BRACKETS, []), (MAX_BRACKETS + 1, ["TB215"])])
def test_markdown_fields_hold_a_bounded_number_of_brackets(problems_in: Check, brackets: int, expected: list[str]) -> None:
    text = re.sub(r"^aanpak: \|\n(?:  .*\n|\n)*", "aanpak: |\n  " + "[" * brackets + "\n", valid_case_text(), flags=re.MULTILINE)
    found = problems_in(text)
    assert [problem.code for problem in found] == expected
    if expected:
        assert found[0].message == (f"'aanpak' bevat {brackets} keer '['; er mogen er hoogstens {MAX_BRACKETS} in "
                                    "staan. Zoveel links of haakjes heeft een casus niet nodig: schrijf de tekst gewoon uit.")


# --- TB207: links in Markdown fields -----------------------------------------------------------

@pytest.mark.parametrize(
    ("new", "targets"),
    [
        pytest.param("- Zie [de website](javascript:alert).", ["javascript:alert"], id="javascript"),
        pytest.param("- Zie [x](JavaScript:alert).", ["JavaScript:alert"], id="javascript-mixed-case"),
        pytest.param("- Zie [x]( javascript:alert ).", ["javascript:alert"], id="javascript-with-spaces"),
        pytest.param("- Zie [x](<javascript:alert>).", ["javascript:alert"], id="javascript-in-angle-brackets"),
        pytest.param("- Zie [x](data:text/html;base64,AAAA).", ["data:text/html;base64,AAAA"], id="data"),
        pytest.param("- Zie ![plaatje](data:image/png;base64,xx).", ["data:image/png;base64,xx"], id="data-image"),
        pytest.param("- Zie [x](andere-casus.md).", ["andere-casus.md"], id="relative-link"),
        pytest.param("- Zie [x](//elders.example/pad).", ["//elders.example/pad"], id="protocol-relative-link"),
        pytest.param("- Zie [x](#kopje).", ["#kopje"], id="anchor-link"),
        pytest.param('- Zie <a href="http://ok.example">x</a> en <a href=\'ftp://x\'>y</a>.', ["ftp://x"],
                     id="html-href"),
        pytest.param('- Zie <a HREF = "x.md">x</a>.', ["x.md"], id="html-href-upper-case-with-spaces"),
        pytest.param("- Zie <img src=javascript:alert(1)>.", ["javascript:alert(1)"], id="html-src"),
        pytest.param("- Zie <ftp://x.example>.", ["ftp://x.example"], id="autolink-ftp"),
        pytest.param("- Zie [x](https://ok.example)[y](ftp://z).", ["ftp://z"], id="second-link-on-a-line"),
        pytest.param("- Zie [a](javascript:x) en [b](data:y).", ["javascript:x", "data:y"],
                     id="two-bad-links-in-order-of-position"),
        pytest.param("- Zie [x](javascript:alert(1)).", ["javascript:alert(1)"], id="balanced-parentheses"),
    ],
)
def test_link_that_is_not_https_http_or_mailto_is_tb207(new: str, targets: list[str], problems_in: Check) -> None:
    # Each is reported at its target's own line and column in the file.
    text = edited([(LINK_LINE, new)])
    line_start = text.index(new)
    assert shown(problems_in(text)) == [
        f"{position_of(text, target, line_start)}: TB207 'aanpak' bevat een link naar '{target}'. {LINK_RULE}"
        for target in targets]


@pytest.mark.parametrize(
    "new",
    [
        pytest.param("- Zie [x](https://ok.example/pad?a=1) en [y](http://ok.example).", id="https-and-http"),
        pytest.param("- Mail [ons](mailto:info@example.org).", id="mailto"),
        pytest.param("- Zie [x](HTTPS://OK.EXAMPLE).", id="scheme-in-upper-case"),
        pytest.param('- Zie [x](https://ok.example "titel").', id="link-with-title"),
        pytest.param("- Zie <https://ok.example> en <mailto:info@example.org>.", id="autolinks"),
        pytest.param("- Zie https://ok.example zonder haken.", id="bare-url"),
        pytest.param("- Een zin met [haken] en (ronde haken) maar geen link.", id="brackets-without-link"),
    ],
)
def test_allowed_links_are_fine(new: str, problems_in: Check) -> None:
    assert problems_in(edited([(LINK_LINE, new)])) == []


def test_link_target_with_parentheses_is_shown_whole(problems_in: Check) -> None:
    text = edited([(LINK_LINE, "- Zie [de website](javascript:alert(1)).")])
    assert shown(problems_in(text)) == [
        f"{position_of(text, 'javascript:')}: TB207 'aanpak' bevat een link naar 'javascript:alert(1)'. {LINK_RULE}"]


@pytest.mark.parametrize(
    ("new", "target"),
    [
        pytest.param("- Zie [x](javascript:alert((1))).", "javascript:alert((1))", id="nested-parentheses"),
        pytest.param("- Zie [x](<andere casus.md>).", "andere casus.md", id="angle-brackets-with-a-space"),
    ],
)
def test_link_target_is_shown_whole_in_every_form_markdown_accepts(new: str, target: str, problems_in: Check) -> None:
    text = edited([(LINK_LINE, new)])
    assert shown(problems_in(text)) == [
        f"{position_of(text, target)}: TB207 'aanpak' bevat een link naar '{target}'. {LINK_RULE}"]


def test_link_inside_a_literal_block_is_reported_at_its_own_line(problems_in: Check) -> None:
    text = edited([("Een leeg kantoor bood ruimte.", "Een leeg kantoor bood ruimte.\n\nZie [x](javascript:y).")])
    assert line_of(text, "Zie [x](javascript:y).") == 36
    assert position_of(text, "javascript:y") == "36:11"
    assert shown(problems_in(text)) == [f"36:11: TB207 'aanleiding' bevat een link naar 'javascript:y'. {LINK_RULE}"]


def test_link_in_a_block_with_leading_blank_lines_keeps_its_line(problems_in: Check) -> None:
    text = edited([("aanleiding: |", "aanleiding: |\n\n"),
                   ("Een leeg kantoor bood ruimte.", "Een leeg kantoor [x](javascript:y) bood ruimte.")])
    assert line_of(text, "Een leeg kantoor [x](javascript:y) bood ruimte.") == 36
    assert shown(problems_in(text)) == [
        f"{position_of(text, 'javascript:y')}: TB207 'aanleiding' bevat een link naar 'javascript:y'. {LINK_RULE}"]


def test_link_in_a_one_line_text_is_reported_at_its_target(problems_in: Check) -> None:
    text = edited([("aanleiding: |", "aanleiding: Er was te weinig ruimte, zie [x](javascript:y) voor meer."),
                   ("Er waren te weinig woningen voor jongeren die de opvang verlaten.", ""),
                   ("Een leeg kantoor bood ruimte.", "")])
    assert position_of(text, "javascript:y") == "31:46"
    assert shown(problems_in(text)) == [f"31:46: TB207 'aanleiding' bevat een link naar 'javascript:y'. {LINK_RULE}"]


def test_link_in_a_double_quoted_text_is_reported_at_its_target(problems_in: Check) -> None:
    text = edited([("aanleiding: |", 'aanleiding: "Zie [a](ftp://x)\\n\\nen [b](javascript:y)."'),
                   ("Er waren te weinig woningen voor jongeren die de opvang verlaten.", ""),
                   ("Een leeg kantoor bood ruimte.", "")])
    assert shown(problems_in(text)) == [
        f"{position_of(text, 'ftp://x')}: TB207 'aanleiding' bevat een link naar 'ftp://x'. {LINK_RULE}",
        f"{position_of(text, 'javascript:y')}: TB207 'aanleiding' bevat een link naar 'javascript:y'. {LINK_RULE}"]


def test_links_outside_markdown_fields_are_not_checked_here(problems_in: Check) -> None:
    text = edited([("toelichting: De helft van de bewoners komt uit de opvang.", "toelichting: Zie [x](andere-casus.md).")])
    assert problems_in(text) == []


def test_link_inside_a_folded_block_is_reported_at_its_own_line(problems_in: Check) -> None:
    text = edited([("aanpak: |", "aanpak: >"), (LINK_LINE, "- Zie [x](javascript:y).")])
    assert position_of(text, "javascript:y") == "37:13"
    assert shown(problems_in(text)) == [f"37:13: TB207 'aanpak' bevat een link naar 'javascript:y'. {LINK_RULE}"]


def test_link_in_a_multi_line_plain_text_is_reported_at_its_own_line(problems_in: Check) -> None:
    text = edited([("aanleiding: |", "aanleiding: Er waren te weinig woningen\n  voor jongeren [x](javascript:y)\n"
                                     "  die de opvang verlaten."),
                   ("Er waren te weinig woningen voor jongeren die de opvang verlaten.", ""),
                   ("Een leeg kantoor bood ruimte.", "")])
    assert position_of(text, "javascript:y") == "32:21"
    assert shown(problems_in(text)) == [f"32:21: TB207 'aanleiding' bevat een link naar 'javascript:y'. {LINK_RULE}"]


def test_link_in_a_file_with_crlf_line_endings_is_on_the_editors_line(write_case: Callable[..., Path]) -> None:
    text = edited([("Een leeg kantoor bood ruimte.", "Een leeg kantoor bood ruimte.\n\nZie [x](javascript:y).")])
    path = write_case(text.replace("\n", "\r\n").encode("utf-8"))
    assert shown(validate_paths([path], today=TODAY).problems) == [
        f"{position_of(text, 'javascript:y')}: TB207 'aanleiding' bevat een link naar 'javascript:y'. {LINK_RULE}"]


@pytest.mark.parametrize("second", [" en [b](ftp://x).", "\n- En nog eens [b](ftp://x)."], ids=["same-line", "next-line"])
def test_the_same_bad_link_twice_is_reported_at_each_place(second: str, problems_in: Check) -> None:
    text = edited([(LINK_LINE, "- Zie [a](ftp://x)." + second)])
    first = text.index("ftp://x")
    assert shown(problems_in(text)) == [
        f"{position_of(text, 'ftp://x')}: TB207 'aanpak' bevat een link naar 'ftp://x'. {LINK_RULE}",
        f"{position_of(text, 'ftp://x', first + 1)}: TB207 'aanpak' bevat een link naar 'ftp://x'. {LINK_RULE}"]


@pytest.mark.parametrize(
    ("definition", "target"),
    [
        pytest.param("[r]: andere-casus.md", "andere-casus.md", id="relative"),
        pytest.param("[r]: ftp://x.example", "ftp://x.example", id="ftp"),
        pytest.param("   [r]: <ftp://x.example> \"titel\"", "ftp://x.example", id="indented-in-angle-brackets-with-title"),
        pytest.param("[R]:javascript:alert(1)", "javascript:alert(1)", id="no-space-after-the-colon"),
    ],
)
def test_reference_style_link_definition_is_checked(definition: str, target: str, problems_in: Check) -> None:
    text = edited([(LINK_LINE, f"- Zie [de website][r].\n\n{definition}")])
    assert shown(problems_in(text)) == [
        f"{position_of(text, target)}: TB207 'aanpak' bevat een link naar '{target}'. {LINK_RULE}"]


def test_indented_definition_after_a_list_item_is_checked(problems_in: Check) -> None:
    # After a list item, four spaces continue the item: Python-Markdown reads a reference definition
    # there and links to it, so it must be checked like any other link.
    text = edited([(LINK_LINE, "- Zie de code.\n\n    [r]: ftp://x.example")])
    line_number = line_of(text, "[r]: ftp://x.example")
    column = text.splitlines()[line_number - 1].index("ftp://") + 1
    assert shown(problems_in(text)) == [
        f"{line_number}:{column}: TB207 'aanpak' bevat een link naar 'ftp://x.example'. {LINK_RULE}"]


@pytest.mark.parametrize(
    "definition",
    [
        pytest.param("- Zie [de website][r].\n\n[r]:\n  ftp://x.example", id="target-on-the-next-line"),
        pytest.param("- Zie [de website][r].\n- [r]: ftp://x.example", id="in-a-list-item"),
    ],
)
def test_reference_definitions_in_other_forms_are_checked(definition: str, problems_in: Check) -> None:
    text = edited([(LINK_LINE, definition)])
    assert shown(problems_in(text)) == [
        f"{position_of(text, 'ftp://x.example')}: TB207 'aanpak' bevat een link naar 'ftp://x.example'. {LINK_RULE}"]


@pytest.mark.parametrize(
    "definition",
    [
        pytest.param("> [r]: javascript:alert(1)", id="in-a-blockquote"),
        pytest.param("> > [r]: javascript:alert(1)", id="in-a-nested-blockquote"),
        pytest.param("- > [r]: javascript:alert(1)", id="in-a-blockquote-in-a-list-item"),
        pytest.param("> [r]:\n> javascript:alert(1)", id="in-a-blockquote-target-on-the-next-line"),
    ],
)
def test_reference_definitions_inside_blockquotes_are_checked(definition: str, problems_in: Check) -> None:
    text = edited([(LINK_LINE, f"- Zie [de website][r].\n\n{definition}")])
    assert shown(problems_in(text)) == [
        f"{position_of(text, 'javascript:')}: TB207 'aanpak' bevat een link naar 'javascript:alert(1)'. {LINK_RULE}"]


class _Destinations(HTMLParser):
    """The href and src values in HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls.update(value for name, value in attrs if name in ("href", "src") and value is not None)


def markdown_destinations(text: str) -> set[str]:
    """Every link destination Python-Markdown finds in ``text``, as the renderer runs it (before sanitizing)."""
    converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    parser = _Destinations()
    parser.feed(converter.convert(text))
    return parser.urls | {url for url, _ in converter.references.values()}


_DESTINATIONS = ["javascript:alert(1)", "data:text/html,x", "ftp://x.example", "https://example.org", "mailto:a@b.nl"]
_LINK_FORMS = ["[a]({})", "![a]({})", "[r]: {}", "[r]:\n{}", "<a href=\"{}\">a</a>", "[a][r]", "tekst"]
_CONTAINERS_BEFORE = ["", "> ", "> > ", "- ", "1. ", "  ", "    ", "- > ", "> - ", "* "]


@st.composite
def markdown_with_links(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        container = draw(st.sampled_from(_CONTAINERS_BEFORE))
        form = draw(st.sampled_from(_LINK_FORMS)).format(draw(st.sampled_from(_DESTINATIONS)))
        lines.append("\n".join(container + part for part in form.split("\n")))
        lines.extend(draw(st.sampled_from([[], [""]])))
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(markdown_with_links())
def test_the_link_rule_finds_every_destination_python_markdown_finds(text: str) -> None:
    document = Document(path=Path("casus.yaml"), text=f"aanpak: |\n  {text}", data={"aanpak": text})
    context = RuleContext(registries={}, today=TODAY, markdown_fields=("aanpak",))
    reported = {found.message.split("'")[3] for found in check_links_in_markdown(document, context)}
    refused = {url for url in markdown_destinations(text) if not url.lower().startswith(ALLOWED_LINK_SCHEMES)}
    assert refused <= reported


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("- Belangrijke data: 1 maart en 1 april.", id="data-is-dutch-for-dates"),
        pytest.param("- De file: elke ochtend stond het verkeer stil.", id="file-is-dutch-for-traffic-jam"),
        pytest.param("- Plak nooit vbscript:msgbox in tekst.", id="bare-scheme-is-no-link"),
        pytest.param("- Zie javascript:alert(1) zonder haken.", id="bare-javascript-is-no-link"),
    ],
)
def test_dutch_words_followed_by_a_colon_are_not_links(sentence: str, problems_in: Check) -> None:
    # Python-Markdown only links [text](target), <scheme:...>, reference definitions and HTML; bare words stay text.
    assert problems_in(edited([(LINK_LINE, sentence)])) == []


# --- TB208: dates in the future ----------------------------------------------------------------

FUTURE_HINTS = {
    "laatst_beoordeeld": "Vul de datum in waarop de casus echt is nagekeken.",
    "meetdatum": "Een resultaat kan pas gemeten zijn als het gebeurd is; een plan of verwachting hoort bij 'verwachting'.",
    "datum": "Een bron of erkenning kan niet van later dan vandaag zijn.",
}


@pytest.mark.parametrize(
    ("old", "value", "expected"),
    [
        pytest.param('laatst_beoordeeld: "2026-01-15"', "2026-12-05", "103:20: TB208 'laatst_beoordeeld' is 2026-12-05; "
                     f"dat ligt na vandaag (2026-12-04). {FUTURE_HINTS['laatst_beoordeeld']}", id="laatst-beoordeeld-tomorrow"),
        pytest.param('meetdatum: "2025-06"', "2027", "47:20: TB208 'meetdatum' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].meetdatum') is 2027; dat "
                     f"ligt na vandaag (2026-12-04). {FUTURE_HINTS['meetdatum']}", id="meetdatum-next-year"),
        pytest.param('meetdatum: "2025-06"', "2027-01", "47:20: TB208 'meetdatum' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].meetdatum') is 2027-01; "
                     f"dat ligt na vandaag (2026-12-04). {FUTURE_HINTS['meetdatum']}", id="meetdatum-next-month"),
        pytest.param('datum: "2025"', "2027", "98:12: TB208 'datum' bij bron 2 ('bronnen[2].datum') is 2027; dat ligt na vandaag "
                     f"(2026-12-04). {FUTURE_HINTS['datum']}", id="bron-datum-next-year"),
        pytest.param('datum: "2025-06-30"', "2026-12-30", "93:12: TB208 'datum' bij bron 1 ('bronnen[1].datum') is 2026-12-30; dat ligt na "
                     f"vandaag (2026-12-04). {FUTURE_HINTS['datum']}", id="bron-datum-later-this-month"),
        pytest.param('datum: "2025-10-01"', "2026-12-05", "85:10: TB208 'erkenning.datum' is 2026-12-05; dat ligt na "
                     f"vandaag (2026-12-04). {FUTURE_HINTS['datum']}", id="erkenning-datum-tomorrow"),
        pytest.param('datum: "2025-10-01"', "2026-12-04", None, id="erkenning-datum-today-is-fine"),
        pytest.param('laatst_beoordeeld: "2026-01-15"', "2026-12-04", None, id="today-is-fine"),
        pytest.param('meetdatum: "2025-06"', "2026-12", None, id="this-month-is-fine"),
        pytest.param('meetdatum: "2025-06"', "2026", None, id="this-year-is-fine"),
        pytest.param('datum: "2025"', "onbekend", None, id="unknown-is-fine"),
    ],
)
def test_date_after_today_is_tb208(old: str, value: str, expected: str | None, problems_in: Check) -> None:
    field = old.split(":")[0]
    text = edited([(old, f'{field}: "{value}"')])
    assert shown(problems_in(text)) == ([expected] if expected else [])


def test_future_end_of_a_planned_case_is_fine(problems_in: Check) -> None:
    assert problems_in(edited([("status: afgerond", "status: lopend"), ('eind: "2025-12-31"', 'eind: "2028"')])) == []


def test_today_comes_from_the_caller(write_case: Callable[..., Path]) -> None:
    path = write_case(valid_case_text())
    assert validate_paths([path], today=dt.date(2026, 1, 15)).problems == []
    (found,) = validate_paths([path], today=dt.date(2026, 1, 14)).problems
    assert shown([found]) == ["103:20: TB208 'laatst_beoordeeld' is 2026-01-15; dat ligt na vandaag (2026-01-14). "
                              f"{FUTURE_HINTS['laatst_beoordeeld']}"]


# --- TB209 / TB210 / TB211 ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([('eind: "2025-12-31"', "")], ["26:9: TB209 De status is 'afgerond', maar 'periode.eind' "
                                                   "ontbreekt. Vul de einddatum in (of 'onbekend')."], id="afgerond"),
        pytest.param([('eind: "2025-12-31"', "eind: onbekend")], [], id="afgerond-with-unknown-end"),
        pytest.param([("status: afgerond", "status: lopend"), ('eind: "2025-12-31"', "")], [], id="lopend"),
        pytest.param([("status: afgerond", "status: gepland"), ('eind: "2025-12-31"', "")], [], id="gepland"),
    ],
)
def test_completed_case_needs_an_end_tb209(edits: Edits, expected: list[str], problems_in: Check) -> None:
    assert shown(problems_in(edited(edits))) == expected


def test_duplicate_werkzaam_bestanddeel_is_tb210(problems_in: Check) -> None:
    text = replace_at(valid_case_text(), 59, "- id: woonbegeleiding", "- id: gemengd-wonen-met-gewone-huurders")
    assert shown(problems_in(text)) == [
        "59:9: TB210 Het werkzame bestanddeel 'gemengd-wonen-met-gewone-huurders' staat twee keer in de lijst (eerst op "
        "regel 57). Voeg de toepassingen samen."]


@pytest.mark.parametrize(
    ("removed", "expected"),
    [
        pytest.param(["resultaat: 72.5", "meetwijze: extern-gemeten"],
                     "50:9: TB211 De indicator 'Bewoners tevreden over hun woning' heeft geen nulmeting, streefwaarde, "
                     "resultaat of verwachting. Vul minstens één waarde in, of zet wat je weet in een 'toelichting' bij het doel.",
                     id="second-indicator"),
        pytest.param(["nulmeting: 0", "streefwaarde: 20", "resultaat: 18", 'meetdatum: "2025-06"',
                      "meetwijze: zelf-gemeten"],
                     "41:9: TB211 De indicator 'Jongeren gehuisvest' heeft geen nulmeting, streefwaarde, "
                     "resultaat of verwachting. Vul minstens één waarde in, of zet wat je weet in een 'toelichting' bij het doel.",
                     id="first-indicator"),
    ],
)
def test_indicator_without_values_is_tb211(removed: list[str], expected: str, problems_in: Check) -> None:
    assert shown(problems_in(edited([(line, "") for line in removed]))) == [expected]


@pytest.mark.parametrize("kept", ["nulmeting: 0", "streefwaarde: 20"])
def test_indicator_with_one_value_is_fine(kept: str, problems_in: Check) -> None:
    removed = [line for line in ["nulmeting: 0", "streefwaarde: 20", "resultaat: 18", 'meetdatum: "2025-06"',
                                 "meetwijze: zelf-gemeten"] if line != kept]
    assert problems_in(edited([(line, "") for line in removed])) == []


# --- Rules read defensively; a crashing rule becomes TB299 -------------------------------------

def test_rules_skip_data_of_the_wrong_kind(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("id: 5\nperiode: 2023\ndoelen: [1, {indicatoren: [2, {eenheid: [x]}]}]\nbronnen: {a: 1}\n"
                    "werkzame_bestanddelen: [x]\naanpak: [1]\nerkenning: tekst\nlaatst_beoordeeld: 20260101\n",
                    encoding="utf-8")
    document, problems = load_document(path)
    assert problems == []
    context = RuleContext(registries=validate_paths([], today=TODAY).registries, today=TODAY,
                          markdown_fields=("aanpak",))
    found = [problem for rule in CASE_RULES for problem in rule(document, context)]
    assert [(problem.code, problem.line) for problem in found] == [("TB211", 3), ("TB244", 3), ("TB245", 1),
                                                                   ("TB246", 1)]


def test_crashing_rule_is_tb299_and_hides_nothing(problems_in: Check, monkeypatch: pytest.MonkeyPatch) -> None:
    def check_that_crashes(document: Document, context: RuleContext) -> Iterator[Problem]:
        yield from ()
        raise ZeroDivisionError("boem")

    from thuisbasis.validation import documents

    monkeypatch.setattr(documents, "CASE_RULES", (check_that_crashes, *CASE_RULES))
    problems = problems_in(edited([("woonvorm: gemengd-wonen", "woonvorm: iglo"), ('eind: "2025-12-31"', "")]))
    assert [found.code for found in problems] == ["TB299", "TB104", "TB209"]
    assert shown(problems[:1]) == [
        "3:1: TB299 De controle 'check_that_crashes' liep vast (ZeroDivisionError). Dit is een fout in Thuisbasis, "
        "niet in je bestand; meld het aan de redactie."]


# --- Registries --------------------------------------------------------------------------------

@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "registries"
    shutil.copytree(REGISTRY_DIR, folder)
    return folder


def edit_registry(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def check_with(registries: Path, write_case: Callable[..., Path], text: str | None = None) -> list[str]:
    case = write_case(valid_case_text() if text is None else text)
    return named(validate_paths([case], today=TODAY, registry_dir=registries).problems)


def test_unchanged_registry_copy_gives_no_problems(registry_copy: Path, write_case: Callable[..., Path]) -> None:
    assert check_with(registry_copy, write_case) == []


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        pytest.param("statussen.yaml", "  - id: lopend\n", "  - id: gepland\n",
                     "statussen.yaml:8:9: TB301 Het id 'gepland' staat twee keer in dit register (eerst op regel 5).",
                     id="block-style"),
        pytest.param("provincies.yaml", "  - {id: drenthe, label: Drenthe}\n",
                     "  - {id: drenthe, label: Drenthe}\n  - {id: drenthe, label: Drents}\n",
                     "provincies.yaml:6:10: TB301 Het id 'drenthe' staat twee keer in dit register (eerst op regel 5).",
                     id="flow-style"),
    ],
)
def test_duplicate_registry_id_is_tb301(name: str, old: str, new: str, expected: str, registry_copy: Path,
                                        write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, name, old, new)
    assert check_with(registry_copy, write_case) == [expected]


def test_new_registry_value_missing_from_the_schema_is_tb302(registry_copy: Path,
                                                              write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "woonvormen.yaml", "  - id: flexwonen\n",
                  "  - id: tiny-houses\n    label: Tiny houses\n  - id: flexwonen\n")
    assert check_with(registry_copy, write_case) == [
        "woonvormen.yaml:5:1: TB302 Het schema case.schema.json noemt voor 'woonvorm' andere waarden dan dit register "
        "(ontbreekt in het schema: tiny-houses). Draai: thuisbasis schema --write"]


@pytest.mark.parametrize(
    ("name", "old", "new_id", "added", "fields"),
    [
        # 'eenheid' is defined once under definitions and reached through $ref from doelen[].indicatoren[];
        # the national figures (context.schema.json) use the same registry.
        pytest.param("eenheden.yaml", "  - {id: euro,", "uren",
                     "  - {id: uren, label: uren, minimum: 0, geheel_getal: false}\n",
                     [("case", "doelen[].indicatoren[].eenheid"), ("context", "cijfers[].eenheid")],
                     id="field-behind-a-ref"),
        pytest.param("doelgroepen.yaml", "  - id: statushouders\n", "ouderen", "  - id: ouderen\n    label: Ouderen\n",
                     [("case", "doelgroepen[]")], id="list-items"),
        pytest.param("rollen.yaml", "  - id: regie\n", "bewoners", "  - id: bewoners\n    label: Bewoners\n",
                     [("case", "partners[].rol")], id="field-in-list-items"),
    ],
)
def test_tb302_names_the_field_as_a_path_through_lists_and_refs(
    name: str, old: str, new_id: str, added: str, fields: list[tuple[str, str]], registry_copy: Path,
    write_case: Callable[..., Path]
) -> None:
    edit_registry(registry_copy, name, old, added + old)
    assert check_with(registry_copy, write_case) == [
        f"{name}:4:1: TB302 Het schema {schema}.schema.json noemt voor '{field}' andere waarden dan dit register "
        f"(ontbreekt in het schema: {new_id}). Draai: thuisbasis schema --write" for schema, field in fields]


def test_registry_value_removed_but_still_in_the_schema_is_tb302(registry_copy: Path,
                                                                  write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "statussen.yaml",
                  "  - id: gepland\n    label: Gepland\n"
                  "    omschrijving: Het project is bedacht of voorbereid, maar er wonen nog geen mensen.\n", "")
    assert check_with(registry_copy, write_case) == [
        "statussen.yaml:4:1: TB302 Het schema case.schema.json noemt voor 'status' andere waarden dan dit register "
        "(alleen in het schema: gepland). Draai: thuisbasis schema --write"]


def test_registry_in_another_order_is_tb302(registry_copy: Path, write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "provincies.yaml", "  - {id: drenthe, label: Drenthe}\n  - {id: flevoland, label: Flevoland}\n",
                  "  - {id: flevoland, label: Flevoland}\n  - {id: drenthe, label: Drenthe}\n")
    assert check_with(registry_copy, write_case) == [
        "provincies.yaml:4:1: TB302 Het schema case.schema.json noemt voor 'locatie.provincie' andere waarden dan dit "
        "register (andere volgorde). Draai: thuisbasis schema --write"]


def test_unit_without_geheel_getal_is_tb303(registry_copy: Path, write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "eenheden.yaml", "{id: dagen, label: dagen, minimum: 0, geheel_getal: false}",
                  "{id: dagen, label: dagen, minimum: 0}")
    assert check_with(registry_copy, write_case) == [
        "eenheden.yaml:11:5: TB303 De eenheid 'dagen' mist 'geheel_getal' (true of false)."]


def test_geheel_getal_is_only_required_for_units(registry_copy: Path, write_case: Callable[..., Path]) -> None:
    assert "geheel_getal" not in (registry_copy / "statussen.yaml").read_text(encoding="utf-8")
    assert check_with(registry_copy, write_case) == []


def test_registry_schema_problem_is_reported_on_the_registry(registry_copy: Path,
                                                             write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "statussen.yaml", "  - id: afgerond\n", "  - id: Afgerond\n")
    assert check_with(registry_copy, write_case) == [
        "statussen.yaml:11:9: TB106 'id' bij waarde 3 ('waarden[3].id') heeft niet de juiste vorm: 'Afgerond'. Vaste sleutel: kleine "
        "letters, cijfers en streepjes."]


def test_changed_unit_limits_apply_to_cases(registry_copy: Path, write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "eenheden.yaml", "{id: procent, label: procent, minimum: 0, maximum: 100, geheel_getal: false}",
                  "{id: procent, label: procent, minimum: 0, maximum: 50, geheel_getal: true}")
    assert check_with(registry_copy, write_case) == [
        f"{CASE_NAME}:53:20: TB204 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') is 72,5, maar in de eenheid 'procent' past "
        "alleen een geheel getal."]


def test_cases_in_the_registry_folder_are_not_read_as_cases(registry_copy: Path) -> None:
    report = validate_paths([registry_copy], today=TODAY, registry_dir=registry_copy)
    assert (report.problems, report.checked_cases, report.checked_registries) == ([], 0, 17)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["[", "]", "(", ")", "<", ">", ":", "x", "ftp", "HREF", "Src", "=", "'", " ", "\n",
                                 "- ", "1. ", "javascript", "https://", "#", "é"]), max_size=30).map("".join))
def test_the_link_rule_skips_only_texts_where_no_link_form_can_match(text: str) -> None:
    if not might_hold_a_link(text):
        assert list(_LINK_TARGETS.finditer(text)) == []


# --- TB213 / TB214: an id that would replace a page the site makes -------------------------------

ROOT = Path(__file__).parent.parent


@functools.cache
def pages_not_made_for_an_id() -> dict[str, frozenset[str]]:
    """For each folder where the real site makes a page per id (cases, checklists, register values): the
    names of the other pages it makes there."""
    catalog, report = load_catalog(ROOT / "cases", checklists_dir=ROOT / "checklists", today=TODAY)
    assert catalog is not None, report.problems
    id_pages = {case_page(case.id) for case in catalog.cases} | {checklist_page(item.id) for item in catalog.checklists}
    id_pages |= {value_page(dimension.id, term.id) for dimension in dimensions(catalog, lambda case: "")
                 for term in dimension.terms}
    folders = {posixpath.dirname(page) for page in id_pages}
    others: dict[str, set[str]] = {folder: set() for folder in folders}
    for page in render_site(catalog, TODAY).pages:
        if page.path not in id_pages and posixpath.dirname(page.path) in folders:
            others[posixpath.dirname(page.path)].add(posixpath.basename(page.path).removesuffix(".md"))
    return {folder: frozenset(names) for folder, names in others.items()}


def test_every_page_the_site_makes_beside_the_id_pages_is_known_to_validation() -> None:
    others = pages_not_made_for_an_id()
    assert {"index", "zoeken", "vergelijken"} <= others["casussen"]
    assert {"index", "trainers"} <= others["checklists"]
    for folder, names in others.items():
        assert [name for name in sorted(names) if not is_generated_page(f"{folder}/{name}.md")] == [], folder


def generated_name(folder: str) -> st.SearchStrategy[str]:
    """The name of a page the site makes in ``folder`` for something else than an id, or of a list's page 2 and on."""
    return st.one_of(st.sampled_from(sorted(pages_not_made_for_an_id()[folder])),
                     st.integers(2, 10**6).map(lambda number: f"pagina-{number}"))


@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(st.data())
def test_a_case_id_that_names_a_generated_page_is_tb213(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    name = data.draw(generated_name("casussen"))
    path = tmp_path_factory.mktemp("cases") / f"{name}.yaml"
    path.write_text(edited([("id: voorbeeld-gemengd-wonen", f"id: {name}")]), encoding="utf-8")
    assert [str(found).split(": ", 1)[1] for found in validate_paths([path], today=TODAY).problems] == [
        f"TB213 Het id '{name}' geeft de pagina {directory_url(case_page(name))}, maar die maakt de site al zelf. Kies een ander id "
        "en geef het bestand dezelfde naam."]


@settings(max_examples=10, deadline=None, derandomize=True, database=None)
@given(st.data())
def test_a_register_id_that_names_a_generated_page_is_tb214(tmp_path_factory: pytest.TempPathFactory,
                                                            data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("registries")
    for path in REGISTRY_DIR.glob("*.yaml"):
        shutil.copy(path, folder)
    registry = data.draw(st.sampled_from(["woonvormen", "werkzame-bestanddelen"]))
    name = data.draw(generated_name(registry))
    text = (folder / f"{registry}.yaml").read_text(encoding="utf-8")
    first_id = re.search(r"^  - (?:\{)?id: ([a-z0-9-]+)", text, re.MULTILINE)
    assert first_id is not None
    (folder / f"{registry}.yaml").write_text(text.replace(f"id: {first_id.group(1)}", f"id: {name}", 1), encoding="utf-8")
    problems = validate_paths([], today=TODAY, registry_dir=folder).problems
    assert f"TB214 Het id '{name}' geeft de pagina {directory_url(value_page(registry, name))}, maar die maakt de site al zelf. Kies een ander id." \
        in [str(found).split(": ", 1)[1] for found in problems]


def test_ordinary_ids_give_no_tb213() -> None:
    assert not any(is_generated_page(case_page(name)) for name in ("index-van-wonen", "zoeken-naar-woningen",
                                                                   "pagina-1b", "paginas", "trainers"))


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        pytest.param("    onderdeel_van: statushouders\n", "    onderdeel_van: vluchtelingen\n",
                     "dat id staat niet in dit register", id="unknown"),
        pytest.param("    onderdeel_van: statushouders\n", "    onderdeel_van: jonge-statushouders\n",
                     "een waarde kan geen onderdeel van zichzelf zijn", id="itself"),
        pytest.param("    label: Statushouders\n", "    label: Statushouders\n    onderdeel_van: jonge-statushouders\n",
                     "dan wordt het een kring", id="cycle"),
    ],
)
def test_a_broader_term_must_be_another_id_of_the_registry_without_a_cycle(
        old: str, new: str, reason: str, registry_copy: Path, write_case: Callable[..., Path]) -> None:
    edit_registry(registry_copy, "doelgroepen.yaml", old, new)
    found = check_with(registry_copy, write_case)
    assert found and all(" TB304 " in line and reason in line for line in found), found
