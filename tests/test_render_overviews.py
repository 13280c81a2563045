"""Overviews and open data: one entry per case, pages that stay small, a gap map that counts right."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import TODAY, VALID_CASE
from thuisbasis.model.cases import Catalog, IngredientUse
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import RenderedSite, render_site
from thuisbasis.render.markup import date_nl
from thuisbasis.render.views import case_view

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("cases")
    shutil.copy(VALID_CASE, folder / VALID_CASE.name)
    shutil.copy(VALID_CASE.parent.parent.parent / "sites" / "minimal" / "cases" / "kleine-casus.yaml", folder)
    loaded, _ = load_catalog(folder, today=TODAY)
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def many(catalog: Catalog) -> RenderedSite:
    """120 cases: copies of the two examples with their own ids and titles."""
    cases = tuple(dataclasses.replace(catalog.cases[i % 2], id=f"casus-{i:03d}", title=f"Casus {i:03d}")
                  for i in range(120))
    return render_site(Catalog(cases=cases, registries=catalog.registries), TODAY)


def test_cases_json_has_one_normalised_entry_per_case(catalog: Catalog) -> None:
    site = render_site(catalog, TODAY)
    records = json.loads(site.data["data/cases.json"])
    assert [record["id"] for record in records] == ["kleine-casus", "voorbeeld-gemengd-wonen"]
    full = records[1]
    assert full["url"] == "casussen/voorbeeld-gemengd-wonen/"
    assert full["woonvorm"] == {"id": "gemengd-wonen", "label": "Gemengd wonen"}
    assert full["bewijsniveau"] == {"niveau": 4, "van": 5, "id": "onafhankelijk-geevalueerd",
                                    "label": "Onafhankelijk onderzocht"}
    assert full["doelen"][0]["gehaald"] is False
    assert full["doelen"][0]["indicatoren"][0]["meetwijze"] == {"id": "zelf-gemeten", "label": "Zelf gemeten"}
    assert records[0]["schaal"] is None and records[0]["doelen"] == []


def test_cases_json_carries_the_texts_the_compare_page_shows(catalog: Catalog) -> None:
    """Dutch numbers, units, dates and the period come from the Python formatters, not from JavaScript."""
    views = {view.case.id: view for view in (case_view(case, TODAY) for case in catalog.cases)}
    records = {record["id"]: record for record in json.loads(render_site(catalog, TODAY).data["data/cases.json"])}
    for case_id, record in records.items():
        view = views[case_id]
        assert record["periode"]["tekst"] == view.period
        assert record["laatst_beoordeeld_tekst"] == date_nl(view.case.last_reviewed)
        indicators = [item for goal in record["doelen"] for item in goal["indicatoren"]]
        shown = [item for goal in view.goals for item in goal.indicators]
        assert [(item["streefwaarde_tekst"], item["resultaat_tekst"], item["nulmeting_tekst"]) for item in indicators] == [
            (item.target_text, item.result_text, item.baseline_text) for item in shown]
        assert [item["meetdatum_tekst"] for item in indicators] == [
            date_nl(item.indicator.measured_on) for item in shown]
    full = records["voorbeeld-gemengd-wonen"]
    assert (full["periode"]["tekst"], full["laatst_beoordeeld_tekst"]) == ("maart 2023 tot 31 december 2025",
                                                                          "15 januari 2026")
    assert (full["schaal"]["wooneenheden_tekst"], full["schaal"]["bewoners_tekst"]) == ("40", "20")
    first, second = full["doelen"][0]["indicatoren"]
    assert (first["streefwaarde_tekst"], first["resultaat_tekst"], first["meetdatum_tekst"]) == (
        "20 personen", "18 personen", "juni 2025")
    assert (second["streefwaarde_tekst"], second["resultaat_tekst"], second["meetdatum_tekst"]) == ("", "72,5%", "")


def test_cases_csv_has_one_row_per_case_and_defuses_formulas(catalog: Catalog) -> None:
    cases = (dataclasses.replace(catalog.cases[0], summary="=HYPERLINK(\"https://evil.example\")"), catalog.cases[1])
    site = render_site(Catalog(cases=cases, registries=catalog.registries), TODAY)
    rows = list(csv.DictReader(io.StringIO(site.data["data/cases.csv"])))
    assert [row["id"] for row in rows] == ["kleine-casus", "voorbeeld-gemengd-wonen"]
    assert rows[0]["samenvatting"] == "'=HYPERLINK(\"https://evil.example\")"
    assert rows[1]["doelgroepen"] == "uitstroom-mo;reguliere-huurders"
    assert (rows[1]["bewijsniveau"], rows[1]["doelen"], rows[1]["doelen_gehaald"]) == ("4", "1", "0")


def test_atom_feed_is_valid_xml_with_an_entry_per_case(catalog: Catalog) -> None:
    feed = ET.fromstring(render_site(catalog, TODAY).data["feed.xml"])  # noqa: S314 - our own output
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [
        "urn:thuisbasis:casus:kleine-casus", "urn:thuisbasis:casus:voorbeeld-gemengd-wonen"]
    assert feed.findtext(f"{ATOM}updated") == "2026-11-01T00:00:00Z"
    assert entries[1].find(f"{ATOM}link").get("href") == "casussen/voorbeeld-gemengd-wonen/"


def test_search_index_carries_every_facet(catalog: Catalog) -> None:
    index = json.loads(render_site(catalog, TODAY).data["data/zoekindex.json"])
    assert sorted(index["facetten"]) == ["bestanddeel", "bewijs", "doelgroep", "kosten", "oordeel", "provincie",
                                         "status", "woonvorm"]
    small = index["casussen"][0]
    assert (small["id"], small["woonvorm"], small["provincie"], small["bewijs"], small["status"]) == (
        "kleine-casus", ["woningdelen"], ["zeeland"], ["beschreven"], ["gepland"])
    assert (small["oordeel"], small["kosten"]) == (["nog-niet-bekend"], ["onbekend"])
    assert [question for question, _ in small["antwoorden"]] == ["Werkt het?", "Hoe zeker?", "Wat kost het?",
                                                                  "Hoe actueel?"]


def test_long_lists_are_split_into_pages_of_fifty(many: RenderedSite) -> None:
    pages = {page.path: page.content for page in many.pages}
    assert [path for path in pages if path.startswith("casussen/pagina-")] == ["casussen/pagina-2.md",
                                                                               "casussen/pagina-3.md"]
    assert pages["casussen/index.md"].count('<li class="tb-card">') == 50
    assert pages["casussen/pagina-3.md"].count('<li class="tb-card">') == 20
    assert '<span aria-current="page">3</span>' in pages["casussen/pagina-3.md"]
    assert pages["woonvormen/gemengd-wonen.md"].count('<li class="tb-card">') == 50
    assert pages["woonvormen/gemengd-wonen/pagina-2.md"].count('<li class="tb-card">') == 10
    assert pages["casussen/zoeken.md"].count('<li class="tb-card">') == 50


def test_gap_matrix_counts_combinations(catalog: Catalog) -> None:
    matrix = next(page.content for page in render_site(catalog, TODAY).pages
                  if page.path == "werkzame-bestanddelen/matrix.md")
    assert 'href="../../casussen/zoeken/?bestanddeel=woonbegeleiding&amp;woonvorm=gemengd-wonen"' in matrix
    cells = len(catalog.registries["werkzame-bestanddelen"].terms) * len(catalog.registries["woonvormen"].terms)
    filled = {(use.ingredient.id, case.housing_form.id) for case in catalog.cases for use in case.ingredients}
    assert f"{cells - len(filled)} van de {cells} combinaties hebben nog geen casus." in matrix
    # Each filled cell is shaded by, and names, the strongest evidence level of its cases.
    level = case_view(next(case for case in catalog.cases if case.id == "voorbeeld-gemengd-wonen"), TODAY).level.number
    assert (f'<td class="tb-matrix__cell tb-matrix__cell--niveau-{level}"><a href="../../casussen/zoeken/'
            f'?bestanddeel=woonbegeleiding&amp;woonvorm=gemengd-wonen"') in matrix
    assert f'<span class="tb-matrix__level">niv. {level}</span>' in matrix


def test_home_offers_every_entry_point(catalog: Catalog) -> None:
    home = next(page.content for page in render_site(catalog, TODAY).pages if page.path == "index.md")
    for heading in ("## Woonvormen", "## Doelgroepen", "## Provincies", "## Bewijsniveaus", "## Nieuw in Thuisbasis"):
        assert heading in home
    assert '<a href="woonvormen/woningdelen/">Woningdelen</a> <span class="tb-count">1 casus</span>' in home
    assert '<a href="casussen/zoeken/">Casussen zoeken</a>' in home.replace(' class="md-button md-button--primary"', "")


def test_an_ingredient_page_links_the_checklist_items_that_name_it(tmp_path: Path) -> None:
    # Issue 14: werkzaam-bestanddeel pages did not say which checklists use them.
    (tmp_path / "cases").mkdir()
    (tmp_path / "checklists").mkdir()
    shutil.copy(VALID_CASE, tmp_path / "cases" / VALID_CASE.name)
    checklist = Path(__file__).parent / "fixtures" / "valid_checklists" / "voorbeeld-checklist.yaml"
    shutil.copy(checklist, tmp_path / "checklists" / checklist.name)
    loaded, report = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "checklists", today=TODAY)
    assert loaded is not None, report.problems
    pages = {page.path: page.content for page in render_site(loaded, TODAY).pages}
    named = pages["werkzame-bestanddelen/ambtelijk-opgaveteam.md"]
    assert "## In de checklists" in named
    assert '<a href="../../checklists/voorbeeld-checklist/#item-jurist-in-team">' in named
    assert "Er zit een jurist in het team." in named
    assert "## In de checklists" not in pages["werkzame-bestanddelen/woonbegeleiding.md"]


def copies(catalog: Catalog, count: int) -> Catalog:
    """``count`` cases: copies of the two examples with their own ids and titles, made in memory."""
    cases = tuple(dataclasses.replace(catalog.cases[i % 2], id=f"casus-{i:05d}", title=f"Casus {i:05d}")
                  for i in range(count))
    return Catalog(cases=cases, registries=catalog.registries)


@pytest.fixture(scope="module")
def scaled(catalog: Catalog) -> dict[int, dict[str, str]]:
    return {count: {page.path: page.content for page in render_site(copies(catalog, count), TODAY).pages}
            for count in (150, 1200)}


def test_a_pager_links_the_first_the_last_and_the_neighbours(scaled: dict[int, dict[str, str]]) -> None:
    """1,200 cases: 24 pages of the case list; a pager with every page would grow with the cases (issue 16)."""
    page = scaled[1200]["casussen/pagina-12.md"]
    pager = page[page.index('<nav class="tb-pager"'):]
    numbers = re.findall(r">(\d+|…)</(?:a|span|li)>", pager)
    assert numbers == ["1", "…", "10", "11", "12", "13", "14", "…", "24"]
    assert '<span aria-current="page">12</span>' in pager
    assert '<a href="../pagina-24/">24</a>' in pager and '<a href="../">1</a>' in pager
    first = scaled[1200]["casussen/index.md"]
    assert re.findall(r">(\d+|…)</(?:a|span|li)>", first[first.index('<nav class="tb-pager"'):]) == [
        "1", "2", "3", "…", "24"]


@pytest.mark.parametrize("path", ["casussen/pagina-2.md", "casussen/pagina-3.md", "woonvormen/gemengd-wonen.md",
                                  "doelgroepen/uitstroom-mo.md", "provincies/utrecht.md", "bewijs/effect-aangetoond.md",
                                  "werkzame-bestanddelen/woonbegeleiding.md", "casussen/zoeken.md", "index.md",
                                  "bewijs/index.md"])
def test_a_list_page_does_not_grow_with_the_number_of_cases(scaled: dict[int, dict[str, str]], path: str) -> None:
    """Eight times the cases: a full list page (50 cases and its pager) grows by at most the pager's window."""
    small, large = (len(scaled[count][path].encode()) for count in (150, 1200))
    assert large <= small + 600, (path, small, large)


@pytest.mark.parametrize("path", ["werkzame-bestanddelen/matrix.md", "werkzame-bestanddelen/matrix-doelgroepen.md"])
def test_the_gap_matrix_is_bounded_by_the_registries_not_the_cases(scaled: dict[int, dict[str, str]], path: str) -> None:
    """Each cell is a count and a level: more cases change the numbers' digits, not the number of cells."""
    small, large = (len(scaled[count][path].encode()) for count in (150, 1200))
    assert large <= small + 200, (small, large)


def test_a_gap_matrix_with_every_cell_filled_stays_small(catalog: Catalog) -> None:
    """The bound is every combination filled (more cases fill more of them): 121 KB of Markdown with both
    matrices on one page; one matrix a page keeps each under 70 KB, so under 100 KB with the theme."""
    registries = catalog.registries
    housing, groups = registries["woonvormen"].terms, registries["doelgroepen"].terms
    cases = tuple(dataclasses.replace(catalog.cases[0], id=f"vol-{ingredient.id}-{number}",
                                      housing_form=housing[number % len(housing)],
                                      target_groups=(groups[number % len(groups)],),
                                      ingredients=(IngredientUse(ingredient=ingredient, application="Zo."),))
                  for ingredient in registries["werkzame-bestanddelen"].terms
                  for number in range(max(len(housing), len(groups))))
    pages = {page.path: page.content for page in render_site(Catalog(cases=cases, registries=registries), TODAY).pages}
    for path in ("werkzame-bestanddelen/matrix.md", "werkzame-bestanddelen/matrix-doelgroepen.md"):
        assert "tb-gap" not in pages[path]
        assert len(pages[path].encode()) < 70_000, path
    assert "[Wat werkt voor wie?](matrix-doelgroepen.md)" in pages["werkzame-bestanddelen/matrix.md"]
    assert "[Wat werkt waar?](matrix.md)" in pages["werkzame-bestanddelen/matrix-doelgroepen.md"]
