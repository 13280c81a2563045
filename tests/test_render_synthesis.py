"""Synthesis pages (issue 12): what the cases of a woonvorm or werkzaam bestanddeel show together."""

from __future__ import annotations

import shutil

import pytest

from conftest import TODAY, VALID_CASE
from thuisbasis.model.cases import Catalog
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import render_site
from thuisbasis.render.synthesis import Synthesis, synthesis
from thuisbasis.render.views import case_view

HONEST_CASE = VALID_CASE.parent / "voorbeeld-eerlijke-cijfers.yaml"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    root = tmp_path_factory.mktemp("synthesis")
    folder = root / "cases"
    folder.mkdir()
    shutil.copytree(HONEST_CASE.parent.parent / "context", root / "context")  # the national figures it cites
    for case in (VALID_CASE, HONEST_CASE):
        shutil.copy(case, folder / case.name)
    loaded, report = load_catalog(folder, today=TODAY)
    assert loaded is not None, report
    return loaded


@pytest.fixture(scope="module")
def both(catalog: Catalog) -> Synthesis:
    found = synthesis([case_view(case, TODAY) for case in catalog.cases])
    assert found is not None
    return found


def test_levels_best_and_typical(both: Synthesis, catalog: Catalog) -> None:
    numbers = sorted(case_view(case, TODAY).level.number for case in catalog.cases)
    assert (both.count, both.best.number, both.typical.number) == (2, numbers[-1], numbers[0])
    assert synthesis([]) is None


def test_only_values_of_the_same_kind_and_unit_share_a_chart(both: Synthesis) -> None:
    kinds = [(chart.kind.id, chart.unit.id) for chart in both.charts]
    assert kinds == sorted(set(kinds))
    # 'gehuisveste personen' in personen: both cases, in their own words; 'taakstelling' in personen: apart.
    housed = next(chart for chart in both.charts if chart.kind.id == "gehuisveste-personen")
    assert sorted(row.text for row in housed.rows) == ["18 personen", "ruim 450 personen"]
    assert ("taakstelling", "personen") in kinds


def test_a_range_is_drawn_as_a_certain_and_an_uncertain_part(both: Synthesis) -> None:
    homes = next(chart for chart in both.charts if chart.kind.id == "woningen-beschikbaar")
    (row,) = homes.rows
    assert row.text == "800 à 900 woningen"
    assert row.solid > 0 and row.span > 0
    assert row.span / (row.solid + row.span) == pytest.approx(100 / 900, abs=0.01)


def test_costs_failures_and_unknowns(both: Synthesis) -> None:
    assert len(both.costs) == 2 and both.without_costs == 0
    assert [view.outcome.id for view in both.not_worked] == ["gemengd"]
    assert ("Hoe lang bewoners bleven", 1) in both.unknowns


def test_the_woonvorm_page_opens_with_a_chart_that_has_a_text_and_a_table(catalog: Catalog) -> None:
    pages = {page.path: page.content for page in render_site(catalog, TODAY).pages}
    page = pages["woonvormen/tijdelijke-huisvesting.md"]
    assert page.index("## Wat de casussen samen laten zien") < page.index("## Casussen")
    assert 'role="img" aria-labelledby="grafiek-woningen-beschikbaar-woningen-svg-titel"' in page
    assert "<td>800 à 900 woningen</td>" in page
    assert "Alleen cijfers van dezelfde soort en in dezelfde eenheid" in page
    ingredient = next(path for path in pages if path.startswith("werkzame-bestanddelen/")
                      and "## Wat de casussen samen laten zien" in pages[path])
    assert "<h3 id=\"wat-we-niet-weten\">" in pages[ingredient]
    assert "## Wat de casussen samen laten zien" not in pages["doelgroepen/statushouders.md"]
