"""Checklists: validated like cases (schema, references, traceability), and rendered with their links."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY, VALID_CASE, line_of, replace_line
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import render_site
from thuisbasis.render.checklists import checklist_view, checklists_for_case
from thuisbasis.validation import validate_paths

VALID_CHECKLIST = Path(__file__).parent / "fixtures" / "valid_checklists" / "voorbeeld-checklist.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with one case and the valid checklist."""
    (tmp_path / "cases").mkdir()
    (tmp_path / "checklists").mkdir()
    shutil.copy(VALID_CASE, tmp_path / "cases")
    shutil.copy(VALID_CHECKLIST, tmp_path / "checklists")
    return tmp_path


@pytest.fixture
def checklist_problems(project: Path) -> Callable[[str], list[str]]:
    def check(text: str) -> list[str]:
        (project / "checklists" / VALID_CHECKLIST.name).write_text(text, encoding="utf-8")
        report = validate_paths([project / "checklists"], today=TODAY)
        return [f"{p.line}:{p.column}: {p.code} {p.message}" for p in report.problems]

    return check


def valid_text() -> str:
    return VALID_CHECKLIST.read_text(encoding="utf-8")


def test_the_valid_checklist_has_no_problems(checklist_problems: Callable[[str], list[str]]) -> None:
    assert checklist_problems(valid_text()) == []


@pytest.mark.parametrize(
    ("old", "new", "position", "expected"),
    [
        pytest.param("- id: maandmonitor", "- id: jurist-in-team", "27:13",
                     "TB231 Het item-id 'jurist-in-team' staat twee keer in deze checklist (eerst op regel 12). "
                     "Elk id komt één keer voor: de antwoorden van gebruikers hangen eraan.", id="duplicate-item-id"),
        pytest.param("- voorbeeld-gemengd-wonen", "- bestaat-niet", "23:13",
                     "TB232 Sectie 1, item 2, casus 1 ('secties[1].items[2].casussen[1]') verwijst naar de casus 'bestaat-niet', maar die staat "
                     "niet in cases/. Gebruik het id van een bestaande casus (de bestandsnaam zonder .yaml).",
                     id="unknown-case"),
        pytest.param("maximum: 12", "maximum: 3", "36:14",
                     "TB234 De groepsgrootte loopt van 4 tot 3: het minimum is groter dan het maximum.",
                     id="group-size"),
        pytest.param("- ambtelijk-opgaveteam", "- opgaveteam", "16:13",
                     "TB104 Sectie 1, item 1, werkzaam bestanddeel 1 ('secties[1].items[1].werkzame_bestanddelen[1]') is 'opgaveteam', maar dat staat niet in "
                     "het register 'Werkzame bestanddelen'.", id="unknown-ingredient"),
    ],
)
def test_checklist_rules(checklist_problems: Callable[[str], list[str]], old: str, new: str, position: str,
                         expected: str) -> None:
    problems = checklist_problems(replace_line(valid_text(), old, new))
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{position}: {expected}")


def test_an_item_without_source_or_case_is_not_traceable(checklist_problems: Callable[[str], list[str]]) -> None:
    text = valid_text().replace("        casussen:\n          - voorbeeld-gemengd-wonen\n", "")
    assert checklist_problems(text) == [
        f"{line_of(text, '- id: voorbeeld-van-anderen') }:9: TB233 Het item 'voorbeeld-van-anderen' noemt geen bron en "
        "geen casus. Elk punt moet herleidbaar zijn: vul 'bronnen' of 'casussen' in."]


def test_unknown_source_reference(checklist_problems: Callable[[str], list[str]]) -> None:
    text = valid_text().replace("        bronnen:\n          - artikel\n      - id: voorbeeld",
                                "        bronnen:\n          - artikl\n      - id: voorbeeld")
    problems = checklist_problems(text)
    assert problems == [f"{line_of(text, '- artikl')}:13: TB205 Sectie 1, item 1, bron 1 ('secties[1].items[1].bronnen[1]') verwijst naar de bron "
                        "'artikl', maar die staat niet bij 'bronnen'. Bekende bronnen: artikel."]


def test_checklist_id_must_match_its_file(checklist_problems: Callable[[str], list[str]]) -> None:
    problems = checklist_problems(replace_line(valid_text(), "id: voorbeeld-checklist", "id: andere-checklist"))
    assert [problem.split(" ", 2)[1] for problem in problems] == ["TB201"]


def test_validate_reports_checklists_next_to_cases(project: Path) -> None:
    report = validate_paths([project / "cases", project / "checklists"], today=TODAY)
    assert report.problems == []
    assert report.summary() == "Thuisbasis: 1 casus, 1 checklist en 17 registers gecontroleerd: geen problemen."


def test_catalog_and_pages_carry_checklists_and_links_both_ways(project: Path) -> None:
    catalog, report = load_catalog(project / "cases", checklists_dir=project / "checklists", today=TODAY)
    assert catalog is not None, report.problems
    checklist = catalog.checklists[0]
    assert [item.id for item in checklist.items] == ["jurist-in-team", "voorbeeld-van-anderen", "maandmonitor"]
    assert checklist.workform.group_maximum == 12
    assert checklists_for_case(catalog.cases[0], catalog.checklists) == [checklist]
    pages = {page.path: page.content for page in render_site(catalog, TODAY).pages}
    page = pages["checklists/voorbeeld-checklist.md"]
    assert '<li class="tb-item" id="item-jurist-in-team" data-item="jurist-in-team">' in page
    assert '<a class="tb-item__case" href="../../casussen/voorbeeld-gemengd-wonen/">' in page
    assert '<a class="tb-item__ingredient" href="../../werkzame-bestanddelen/ambtelijk-opgaveteam/">' in page
    assert "Doen we de goede dingen, en doen we de dingen goed?" in pages["checklists/voorbeeld-checklist/werkvorm.md"]
    assert '<a href="../../checklists/voorbeeld-checklist/">Een voorbeeldchecklist</a>' in \
        pages["casussen/voorbeeld-gemengd-wonen.md"]


def test_a_checklist_has_a_merge_page_whose_fingerprint_follows_its_items(project: Path) -> None:
    # Issue 14: a participant's answers file carries this fingerprint, so merging can tell another version.
    catalog, report = load_catalog(project / "cases", checklists_dir=project / "checklists", today=TODAY)
    assert catalog is not None, report.problems
    pages = {page.path: page.content for page in render_site(catalog, TODAY).pages}
    version = checklist_view(catalog.checklists[0], catalog.cases).items_version
    merge = pages["checklists/voorbeeld-checklist/samenvoegen.md"]
    assert f'data-items-version="{version}"' in merge
    assert f'data-items-version="{version}"' in pages["checklists/voorbeeld-checklist.md"]
    assert '<tr class="tb-merge__row" data-item="maandmonitor">' in merge
    assert '<a href="samenvoegen/">Antwoorden van deelnemers samenvoegen</a>' in pages["checklists/voorbeeld-checklist.md"]

    (project / "checklists" / VALID_CHECKLIST.name).write_text(
        valid_text().replace("een jurist", "een ervaren jurist"), encoding="utf-8")
    changed, _ = load_catalog(project / "cases", checklists_dir=project / "checklists", today=TODAY)
    assert changed is not None
    assert checklist_view(changed.checklists[0], changed.cases).items_version != version


@pytest.mark.parametrize("name", ["index", "trainers"])
def test_a_checklist_id_that_names_a_generated_page_is_tb213(project: Path, name: str) -> None:
    (project / "checklists" / VALID_CHECKLIST.name).unlink()
    path = project / "checklists" / f"{name}.yaml"
    path.write_text(replace_line(valid_text(), "id: voorbeeld-checklist", f"id: {name}"), encoding="utf-8")
    page = "checklists/" if name == "index" else "checklists/trainers/"
    assert [f"{p.line}:{p.column}: {p.code} {p.message}" for p in validate_paths([path], today=TODAY).problems] == [
        f"3:5: TB213 Het id '{name}' geeft de pagina {page}, maar die maakt de site al zelf. Kies een ander id en geef "
        "het bestand dezelfde naam."]


def test_the_privacy_lint_runs_on_checklists_a_bsn_and_an_iban_fail(checklist_problems: Callable[[str], list[str]],
                                                                    project: Path) -> None:
    text = replace_line(valid_text(), "tekst: Er zit een jurist in het team.",
                        "tekst: Er zit een jurist in het team (BSN 111222333, rekening NL91ABNA0417164300).")
    text = replace_line(text, "- Iedereen vinkt eerst zelf af.", "- Bel bewoner Piet Jansen op 06-12345678.")
    item = line_of(text, "tekst: Er zit een jurist in het team (BSN 111222333, rekening NL91ABNA0417164300).")
    step = line_of(text, "- Bel bewoner Piet Jansen op 06-12345678.")
    assert [problem.split(" ", 2)[:2] for problem in checklist_problems(text)] == [
        [f"{item}:51:", "TB403"], [f"{item}:71:", "TB404"], [f"{step}:11:", "TB405"], [f"{step}:34:", "TB401"]]
    assert not validate_paths([project / "checklists"], today=TODAY).ok


def test_the_cases_a_workform_reads_must_exist(checklist_problems: Callable[[str], list[str]]) -> None:
    text = valid_text().replace("    maximum: 12\n", "    maximum: 12\n  casussen:\n    - voorbeeld-gemengd-wonen\n    - bestaat-niet\n", 1)
    assert checklist_problems(text) == [
        "39:7: TB232 Casus 2 ('werkvorm.casussen[2]') verwijst naar de casus 'bestaat-niet', maar die staat niet in cases/. "
        "Gebruik het id van een bestaande casus (de bestandsnaam zonder .yaml)."]
