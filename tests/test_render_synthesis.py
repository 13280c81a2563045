"""Synthesis pages (issue 12): what the cases of a woonvorm or werkzaam bestanddeel show together."""

from __future__ import annotations

import dataclasses
import importlib
import shutil

import pytest

from conftest import TODAY, VALID_CASE
from thuisbasis.model.cases import Catalog
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import render_site
from thuisbasis.render.synthesis import CHART_BINS, CHART_CASES, MOST_CHARTS, SHOWN_CASES, Synthesis, bins, synthesis
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


def copies(catalog: Catalog, count: int) -> Catalog:
    """``count`` cases: copies of the examples with their own ids and titles, made in memory."""
    cases = tuple(dataclasses.replace(catalog.cases[i % len(catalog.cases)], id=f"kopie-{i:05d}", title=f"Kopie {i:05d}")
                  for i in range(count))
    return dataclasses.replace(catalog, cases=cases)


@pytest.fixture(scope="module")
def scaled(catalog: Catalog) -> dict[int, dict[str, str]]:
    """The pages of the site at 100 and at 600 cases."""
    return {count: {page.path: page.content for page in render_site(copies(catalog, count), TODAY).pages}
            for count in (100, 600)}


def test_the_national_context_page_names_at_most_ten_citing_cases(scaled: dict[int, dict[str, str]]) -> None:
    """300 of 600 copies cite the same national figure: ten are named, the rest counted (issue 16)."""
    small, large = (scaled[count]["landelijk-beeld.md"] for count in (100, 600))
    assert len(large.encode()) <= len(small.encode()) + 200
    assert large.count('<a href="../casussen/kopie-') == SHOWN_CASES and " en nog 290 casussen</td>" in large


SYNTHESIS_PAGES = ("woonvormen/tijdelijke-huisvesting.md", "woonvormen/gemengd-wonen.md",
                   "werkzame-bestanddelen/woonbegeleiding.md",
                   "werkzame-bestanddelen/tijdelijk-wonen-als-zachte-landing.md")


@pytest.mark.parametrize("path", SYNTHESIS_PAGES)
def test_a_synthesis_page_does_not_grow_with_the_number_of_cases(scaled: dict[int, dict[str, str]], path: str) -> None:
    """Issue 16: no page over 100 KB at any number of cases. Six times the cases: at most 1 KB more (the pager)."""
    small, large = (len(scaled[count][path].encode()) for count in (100, 600))
    assert large <= small + 1024, (path, small, large)
    assert large < 60 * 1024


def test_a_long_list_names_the_strongest_cases_and_links_to_all_of_them(scaled: dict[int, dict[str, str]]) -> None:
    page = scaled[600]["woonvormen/tijdelijke-huisvesting.md"]  # 300 copies of the honest case: mixed, with costs
    costs = page[page.index('<h3 id="wat-kost-het">'):page.index('<h3 id="randvoorwaarden">')]
    assert costs.count("<li>") == SHOWN_CASES
    assert ('<a href="../../casussen/zoeken/?woonvorm=tijdelijke-huisvesting&amp;kosten=laag,midden,hoog,bekend'
            '&amp;sort=bewijs">Bekijk alle 300 casussen die kosten noemen</a>') in costs
    failed = page[page.index('<h3 id="wat-niet-werkte">'):page.index('<h3 id="wat-we-niet-weten">')]
    assert failed.count("<li>") == SHOWN_CASES
    assert ("?woonvorm=tijdelijke-huisvesting&amp;oordeel=negatief,gemengd,geen-effect&amp;sort=bewijs\">"
            "Bekijk alle 300 casussen die niet (helemaal) werkten</a>") in failed
    conditions = scaled[600]["werkzame-bestanddelen/woonbegeleiding.md"]  # 300 copies of the example with conditions
    assert "300 casussen noemen randvoorwaarden; hier staan de 10 met het sterkste bewijs" in conditions
    assert "?bestanddeel=woonbegeleiding&amp;sort=bewijs\">bekijk alle 300 casussen met dit bestanddeel</a>" in conditions


def test_a_short_list_has_no_link_to_more(catalog: Catalog) -> None:
    pages = {page.path: page.content for page in render_site(catalog, TODAY).pages}
    assert "tb-synthesis__more" not in pages["woonvormen/tijdelijke-huisvesting.md"]


def test_the_strongest_evidence_comes_first_and_counts_cover_every_case(catalog: Catalog) -> None:
    views = [case_view(case, TODAY) for case in copies(catalog, 60).cases]
    found = synthesis(views, "woonvorm=x", "met deze woonvorm")
    assert found is not None
    assert (found.costs.total, len(found.costs), found.costs.more) == (60, SHOWN_CASES, 60 - SHOWN_CASES)
    shown = [view.level.number for view in found.costs]
    assert shown == sorted(shown, reverse=True) and shown[0] == max(view.level.number for view in views)
    assert found.not_worked.total == 30 and found.conditions.total == 30


def test_a_chart_of_many_results_counts_all_of_them_in_bins(catalog: Catalog) -> None:
    views = [case_view(case, TODAY) for case in copies(catalog, 2 * CHART_CASES + 2).cases]
    found = synthesis(views)
    assert found is not None
    housed = next(chart for chart in found.charts if chart.kind.id == "gehuisveste-personen")
    assert housed.grouped and housed.cases == CHART_CASES + 1 + CHART_CASES + 1
    assert sum(int(row.text.split()[0]) for row in housed.rows) == housed.cases  # every result is counted
    assert len(housed.rows) <= 2 * CHART_BINS + 1
    assert housed.rows[0].label == "0 tot 50 personen" and housed.rows[0].text == f"{CHART_CASES + 1} casussen"  # 18s
    assert housed.rows[-1].label == "450 tot 500 personen"  # 'ruim 450'
    few = synthesis(views[:CHART_CASES])
    assert few is not None and not any(chart.grouped for chart in few.charts)


def test_only_the_kinds_of_figure_with_the_most_results_get_a_chart(catalog: Catalog,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A chart for every kind and unit would grow with the registries; the others are named with their count."""
    views = [case_view(case, TODAY) for case in catalog.cases]
    everything = synthesis(views)
    assert everything is not None and len(everything.charts) == 4 <= MOST_CHARTS and everything.other_figures == ()
    monkeypatch.setattr(importlib.import_module("thuisbasis.render.synthesis"), "MOST_CHARTS", 2)
    found = synthesis(views)
    assert found is not None
    assert [chart.kind.id for chart in found.charts] == ["gehuisveste-personen", "taakstelling"]  # 2 results, then ids
    assert [(kind.id, unit.id, count) for kind, unit, count in found.other_figures] == [
        ("tevredenheid", "procent", 1), ("woningen-beschikbaar", "woningen", 1)]


def test_bins_have_a_round_width_and_hold_every_value() -> None:
    assert bins([0, 18, 18, 450]) == [(0, 50, 3)] + [(50 * n, 50 * (n + 1), 0) for n in range(1, 9)] + [(450, 500, 1)]
    assert bins([72.5]) == [(70, 80, 1)]
    assert sum(count for _, _, count in bins([0.1 * n for n in range(1000)])) == 1000
