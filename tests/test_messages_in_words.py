"""Messages for partners who do not program (issue 14): places in words next to the technical path, and a
YAML syntax error that no longer hides the problems in the part of the file before it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, VALID_CASE, valid_case_text
from thuisbasis.commands.output import github_annotation
from thuisbasis.commands.summary import cell, validation_summary
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.problems import Problem
from thuisbasis.schemas import load_schema, singular_names
from thuisbasis.validation import validate_paths
from thuisbasis.validation.schema import place

CHECKLIST = VALID_CASE.parent.parent / "valid_checklists" / "voorbeeld-checklist.yaml"


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


# --- Places in words ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ((), "het bestand"),
        (("titel",), "'titel'"),
        (("locatie", "provincie"), "'locatie.provincie'"),
        (("doelen", 0), "doel 1 ('doelen[1]')"),
        (("doelen", 0, "indicatoren", 2), "doel 1, indicator 3 ('doelen[1].indicatoren[3]')"),
        (("doelen", 1, "indicatoren", 0, "naam"), "'naam' bij doel 2, indicator 1 ('doelen[2].indicatoren[1].naam')"),
        (("doelen", 0, "indicatoren", 0, "streefwaarde", "van"),
         "'streefwaarde.van' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde.van')"),
        (("werkzame_bestanddelen", 1, "toepassing"),
         "'toepassing' bij werkzaam bestanddeel 2 ('werkzame_bestanddelen[2].toepassing')"),
        (("kosten", 0, "bedrag"), "'bedrag' bij kostenpost 1 ('kosten[1].bedrag')"),
        (("partners", 2, "rol"), "'rol' bij partner 3 ('partners[3].rol')"),
        (("evaluaties", 0), "evaluatie 1 ('evaluaties[1]')"),
        (("bronnen", 3, "url"), "'url' bij bron 4 ('bronnen[4].url')"),
        (("lessen", "tips", 1), "tip 2 ('lessen.tips[2]')"),
        (("doelgroepen", 0), "doelgroep 1 ('doelgroepen[1]')"),
        (("secties", 1, "items", 0, "casussen", 2),
         "sectie 2, item 1, casus 3 ('secties[2].items[1].casussen[3]')"),
        (("werkvorm", "stappen", 0), "stap 1 ('werkvorm.stappen[1]')"),
        (("waarden", 4, "label"), "'label' bij waarde 5 ('waarden[5].label')"),
        (("cijfers", 0, "waarde"), "'waarde' bij cijfer 1 ('cijfers[1].waarde')"),
        (("onbekend", 0), "item 1 van 'onbekend' ('onbekend[1]')"),
    ],
)
def test_a_place_is_said_in_words_next_to_its_path(path: tuple[str | int, ...], expected: str) -> None:
    assert place(path) == expected


def lists_in(node: object, root: dict[str, object]) -> list[str]:
    """The name of every list field in a schema (a property whose node has 'items')."""
    found: list[str] = []
    if isinstance(node, dict):
        for key, child in node.get("properties", {}).items():
            if isinstance(child, dict) and "items" in child:
                found.append(key)
        for child in node.values():
            found += lists_in(child, root)
    elif isinstance(node, list):
        for child in node:
            found += lists_in(child, root)
    return found


@pytest.mark.parametrize("name", ["case", "checklist", "context", "registry"])
def test_every_list_in_every_schema_has_a_singular_name(name: str) -> None:
    schema = load_schema(name)
    assert set(lists_in(schema, schema)) - set(singular_names()) == set()


def test_a_missing_field_in_a_nested_case_item_is_placed_in_words(
        problems_in: Callable[..., list[Problem]]) -> None:
    text = valid_case_text()
    lines = text.split("\n")
    second_source = [number for number, line in enumerate(lines) if line.strip() == "bron: jaarverslag-2025"][1]
    del lines[second_source]  # the second indicator of the first goal loses its source
    problems = problems_in("\n".join(lines))
    assert [found.message for found in problems if found.code == "TB101"] == [
        "Het verplichte veld 'bron' ontbreekt in doel 1, indicator 2 ('doelen[1].indicatoren[2]'). "
        "Bron: Het id van een bron uit de lijst bronnen van deze casus."]


def test_a_value_in_a_nested_case_item_is_placed_in_words(problems_in: Callable[..., list[Problem]]) -> None:
    text = valid_case_text().replace("    rol: verhuur\n", "    rol: verhuurder\n", 1)
    messages = [found.message for found in problems_in(text)]
    assert len(messages) == 1
    assert messages[0].startswith("'rol' bij partner 2 ('partners[2].rol') is 'verhuurder', maar dat staat niet in")


def test_a_message_that_starts_with_a_place_in_words_starts_with_a_capital(
        problems_in: Callable[..., list[Problem]]) -> None:
    text = valid_case_text().replace("doelgroepen:\n  - ", "doelgroepen:\n  - onbekende-groep\n  - ", 1)
    messages = [found.message for found in problems_in(text)]
    assert messages and messages[0].startswith("Doelgroep 1 ('doelgroepen[1]') is 'onbekende-groep', maar")


def test_a_checklist_item_is_placed_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "checklists"
    folder.mkdir()
    path = folder / CHECKLIST.name
    text = CHECKLIST.read_text(encoding="utf-8")
    path.write_text(text.replace("        waarom: Iedereen ziet dezelfde cijfers.\n", ""), encoding="utf-8")
    problems = validate_paths([path], today=TODAY).problems
    assert [found.message for found in problems if found.code == "TB101"] == [
        "Het verplichte veld 'waarom' ontbreekt in sectie 2, item 1 ('secties[2].items[1]'). "
        "Waarom: Waarom dit punt ertoe doet, in één of twee zinnen."]


def test_a_registry_term_is_placed_in_words(tmp_path: Path) -> None:
    folder = tmp_path / "registries"
    shutil.copytree(REGISTRY_DIR, folder)
    path = folder / "meetwijzen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    label: Zelf gemeten\n", ""), encoding="utf-8")
    problems = validate_paths([], today=TODAY, registry_dir=folder).problems
    assert [found.message.split(". ")[0] for found in problems if found.code == "TB101"] == [
        "Het verplichte veld 'label' ontbreekt in waarde 2 ('waarden[2]')"]


def test_annotations_and_the_step_summary_show_the_same_words(problems_in: Callable[..., list[Problem]]) -> None:
    text = valid_case_text().replace("    rol: verhuur\n", "    rol: verhuurder\n", 1)
    [found] = problems_in(text)
    assert "::'rol' bij partner 2 ('partners[2].rol') is 'verhuurder'" in github_annotation(found)
    assert cell("'rol' bij partner 2 ('partners[2].rol')") in validation_summary([found], "Samenvatting")


# --- A syntax error hides nothing before it ----------------------------------------------------

BROKEN_AT_THE_END = """\
id: x-test
titel: Test
doelen:
  - omschrijving: iets
    indicatoren:
      - naam: a
        meetwijze: zelf gemeten
        waarde: 1,5
    foo: [
"""


def test_problems_before_a_syntax_error_are_reported_at_their_lines(
        problems_in: Callable[..., list[Problem]]) -> None:
    problems = problems_in(BROKEN_AT_THE_END, "x.yaml")
    assert [line.split(" ", 2)[:2] for line in shown(problems)] == [
        ["1:5:", "TB201"],   # the id does not match the file name: holds whatever follows
        ["2:8:", "TB105"],   # 'titel' too short
        ["4:5:", "TB102"],   # 'omschrijving' is no field of a goal
        ["6:15:", "TB105"],  # 'naam' too short
        ["7:20:", "TB104"],  # 'zelf gemeten' is a label, not the id
        ["8:9:", "TB102"],   # 'waarde' is no field of an indicator
        ["9:1:", "TB016"],   # the rest was not checked
        ["10:1:", "TB005"],  # the syntax error itself
    ]


def test_after_a_syntax_error_nothing_the_cut_could_cause_is_reported(
        problems_in: Callable[..., list[Problem]]) -> None:
    problems = problems_in(BROKEN_AT_THE_END, "x-test.yaml")
    codes = {found.code for found in problems}
    # Required fields of the file, the goal and the indicator may follow after the error; so may costs,
    # evaluations and goals with figures (the completeness warnings).
    assert codes.isdisjoint({"TB101", "TB211", "TB244", "TB245", "TB246"})
    assert {found.code: found.line for found in problems}["TB104"] == 7
    note = next(found for found in problems if found.code == "TB016")
    assert not note.is_error
    assert note.message == (
        "Door de fout in de YAML op regel 10 is het bestand vanaf regel 9 niet gecontroleerd. Herstel eerst "
        "die fout en controleer het bestand opnieuw; dan volgen ook de meldingen over de rest.")


def test_the_syntax_error_is_explained_in_dutch(problems_in: Callable[..., list[Problem]]) -> None:
    [error] = [found for found in problems_in(BROKEN_AT_THE_END, "x-test.yaml") if found.code == "TB005"]
    assert "node content" not in error.message
    assert error.message.startswith("De YAML klopt hier niet: hier ontbreekt een waarde")


def test_nothing_after_the_syntax_error_is_reported(problems_in: Callable[..., list[Problem]]) -> None:
    text = valid_case_text()
    broken = text.replace("kosten:\n", "kosten: [\n", 1)  # an unclosed list in the middle of the file
    problems = problems_in(broken)
    error = next(found for found in problems if found.code == "TB005")
    cut = next(found for found in problems if found.code == "TB016")
    assert cut.line <= error.line
    assert all(found.line < cut.line for found in problems if found not in (error, cut))
    assert [found.code for found in problems if found.is_error] == ["TB005"]  # the part before is valid


def test_a_problem_in_the_last_value_before_the_error_is_not_reported(
        problems_in: Callable[..., list[Problem]]) -> None:
    # 'gisteren' is no date, but a plain text may go on over the next lines, after the cut: not judged.
    text = "id: x-test\ntitel: Een titel\nlaatst_beoordeeld: gisteren\nwoonvorm: [\n"
    assert [found.code for found in problems_in(text, "x-test.yaml")] == ["TB016", "TB005"]
    text = "id: x-test\nlaatst_beoordeeld: gisteren\ntitel: Een titel\nwoonvorm: [\n"
    assert [found.code for found in problems_in(text, "x-test.yaml")] == ["TB106", "TB016", "TB005"]


def test_an_unclosed_quote_is_recovered_before_it_starts(problems_in: Callable[..., list[Problem]]) -> None:
    text = "titel: Te\nid: x-test\nsamenvatting: \"Begint hier\n\nen houdt nooit op\n"
    problems = problems_in(text, "x-test.yaml")
    assert [(found.line, found.code) for found in problems] == [(1, "TB105"), (3, "TB016"), (6, "TB005")]
    assert "aanhalingsteken" in problems[-1].message


def test_a_file_with_nothing_readable_before_the_error_gets_only_the_syntax_error(
        problems_in: Callable[..., list[Problem]]) -> None:
    assert [found.code for found in problems_in("titel: [\n")] == ["TB005"]
