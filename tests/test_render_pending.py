"""What the site shows for the pending corrections of issue 12: related cases (zie_ook), planned or expected
values, target groups from the source's context, roles the source does not state, funding as the source says
it, a status as of an undated source, and cases abroad. Rendered from the repository's own cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, VALID_CASE, replace_line, valid_case_text
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import RenderedSite, render_site

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def site() -> RenderedSite:
    catalog, report = load_catalog(ROOT / "cases", checklists_dir=ROOT / "checklists", today=TODAY)
    assert catalog is not None, report.problems
    return render_site(catalog, TODAY)


def page(site: RenderedSite, path: str) -> str:
    return next(found.content for found in site.pages if found.path == path)


def case_with(tmp_path: Path, *edits: tuple[str, str]) -> str:
    """The valid example case with ``edits`` (line -> lines), rendered: its page's Markdown. The features below
    were first pinned on real cases, whose texts change as readers correct them; the example stays put."""
    text = valid_case_text()
    for old, new in edits:
        text = replace_line(text, old, new)
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / VALID_CASE.name).write_text(text, encoding="utf-8")
    catalog, report = load_catalog(folder, today=TODAY)
    assert catalog is not None, report.problems
    return page(render_site(catalog, TODAY), f"casussen/{VALID_CASE.stem}.md")


def test_a_case_links_the_cases_under_zie_ook(site: RenderedSite) -> None:
    text = page(site, "casussen/utrecht-versnellingsactie-statushouders.md")
    assert ('## Zie ook\n\n<ul class="tb-see-also">\n<li><a href="../regio-utrecht-regiodeal-flexwonen/">Regiodeal '
            "Flexwonen in de regio Utrecht</a></li>\n</ul>") in text
    assert text.index("## Zie ook") < text.index("## Bronnen")
    assert "*Regiodeal Flexwonen" not in text and "Zie ook" not in page(site, "casussen/utrecht-majella-wonen.md")


def test_a_planned_value_is_shown_as_planned_never_as_target_or_met(site: RenderedSite) -> None:
    text = page(site, "casussen/utrecht-versnellingsactie-statushouders.md")
    row = next(row for row in text.split("<tr>") if "Gepland of verwacht (geen doel, geen resultaat): 6 weken" in row)
    assert "gehaald" not in row and "niet gehaald" not in row
    assert [cell for cell in row.split("<td")[1:4] if cell.split(">", 1)[1].startswith("6 weken")] == []
    deal = page(site, "casussen/regio-utrecht-regiodeal-flexwonen.md")
    assert "Gepland of verwacht: 800 à 900 woningen" in deal and "<td>1.000 woningen</td>" not in deal


def test_target_groups_from_the_context_are_marked_and_not_counted(site: RenderedSite) -> None:
    records = json.loads(site.data["data/cases.json"])
    from_context = [record for record in records if record["doelgroepen_uit_context"]]
    assert from_context, "the project's cases should include one whose target groups come from the context"
    for record in from_context:
        assert "(doelgroep volgens de context van de bron)" in page(site, f"casussen/{record['id']}.md")
        for group in record["doelgroepen"]:
            assert f"../../casussen/{record['id']}/" not in page(site, f"doelgroepen/{group['id']}.md")


def test_a_role_the_source_does_not_state_is_said_so(tmp_path: Path) -> None:
    text = case_with(tmp_path, ("rol: verhuur", "rol: rol-niet-vermeld"))
    assert "Woningstichting Voorbeeld: genoemd; rol staat niet in de bron" in text


def test_a_funding_amount_keeps_its_qualifier(tmp_path: Path) -> None:
    text = case_with(tmp_path, ("bedrag: 500000", "bedrag: {waarde: 500000, kwalificatie: ruim}"))
    assert "Financiering door Gemeente Voorbeeldstad: ruim € 500.000" in text
    assert "Gemeente Voorbeeldstad: € 500.000" not in text


def test_a_belgian_case_is_shown_abroad(tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    text = replace_line(valid_case_text(), "provincie: utrecht", "provincie: oost-vlaanderen\nland: belgie")
    (folder / VALID_CASE.name).write_text(text, encoding="utf-8")
    shutil.copy(VALID_CASE, folder / "tweede.yaml")
    (folder / "tweede.yaml").write_text(valid_case_text().replace("id: voorbeeld-gemengd-wonen", "id: tweede"),
                                        encoding="utf-8")
    catalog, report = load_catalog(folder, today=TODAY)
    assert catalog is not None, report.problems
    site = render_site(catalog, TODAY)
    assert "<dt>Provincie</dt> <dd><a href=\"../../provincies/oost-vlaanderen/\">Oost-Vlaanderen (België)</a>" in page(
        site, "casussen/voorbeeld-gemengd-wonen.md")
    assert "Oost-Vlaanderen (België)" in page(site, "provincies/index.md")
    records = {case["id"]: case["locatie"] for case in json.loads(site.data["data/cases.json"])}
    assert (records["voorbeeld-gemengd-wonen"]["buitenland"], records["tweede"]["buitenland"]) == (True, False)
    assert records["voorbeeld-gemengd-wonen"]["land"] == {"id": "belgie", "label": "België"}
