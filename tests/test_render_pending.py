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


def test_a_case_links_the_cases_under_zie_ook(site: RenderedSite) -> None:
    text = page(site, "casussen/utrecht-versnellingsactie-statushouders.md")
    assert ('## Zie ook\n\n<ul class="tb-see-also">\n<li><a href="../regio-utrecht-regiodeal-flexwonen/">Regiodeal '
            "Flexwonen in de regio Utrecht</a></li>\n</ul>") in text
    assert text.index("## Zie ook") < text.index("## Bronnen")
    assert "*Regiodeal Flexwonen" not in text and "Zie ook" not in page(site, "casussen/utrecht-majella-wonen.md")


def test_a_planned_value_is_shown_as_planned_never_as_target_or_met(site: RenderedSite) -> None:
    text = page(site, "casussen/utrecht-versnellingsactie-statushouders.md")
    assert "Gepland of verwacht (geen doel, geen resultaat): 6 weken" in text
    assert "gehaald" not in text and "ruim 450 personen" in text
    assert "Afgerond volgens een bron zonder datum" in text
    deal = page(site, "casussen/regio-utrecht-regiodeal-flexwonen.md")
    assert "Gepland of verwacht: 800 à 900 woningen" in deal and "<td>1.000 woningen</td>" not in deal


def test_target_groups_from_the_context_are_marked_and_not_counted(site: RenderedSite) -> None:
    text = page(site, "casussen/utrecht-majella-wonen.md")
    assert "(doelgroep volgens de context van de bron)" in text
    assert "Gemeente Utrecht (noemt het project als voorbeeld): genoemd; rol staat niet in de bron" in text
    listed = page(site, "doelgroepen/uitstroom-mo.md")
    assert "utrecht-majella-wonen" not in listed and "utrecht-blue-district-cartesiusdriehoek" in listed
    record = next(case for case in json.loads(site.data["data/cases.json"]) if case["id"] == "utrecht-majella-wonen")
    assert record["doelgroepen_uit_context"] is True


def test_a_funding_amount_keeps_its_qualifier(site: RenderedSite) -> None:
    text = page(site, "casussen/u16-living-lab-eerst-een-thuis.md")
    assert "Financiering door Rijk: ruim € 22.000.000" in text
    assert "Rijk: € 22.000.000" not in text


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
