"""The compare page (casussen/vergelijken/) in a real browser, on the project's own cases.

Expected cell contents are computed here from the built data/casussen.json; numbers are formatted with the
package's own number_nl, so the page must show numbers exactly as the case pages do.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser.conftest import axe_violations, requests_to_other_hosts, set_dark
from thuisbasis.render.markup import date_nl, number_nl

PATH = "/casussen/vergelijken/"
ROWS = ["Woonvorm", "Doelgroepen", "Gemeenten", "Provincie", "Status", "Periode", "Hoe actueel?", "Schaal",
        "Werkt het?", "Bewijsniveau", "Kosten", "Doelen", "Indicatoren", "Werkzame bestanddelen", "Randvoorwaarden",
        "Lessen", "Partners", "Laatst beoordeeld"]


@pytest.fixture(scope="module")
def cases(site_dir: Path) -> list[dict[str, Any]]:
    return json.loads((site_dir / "data" / "casussen.json").read_text(encoding="utf-8"))


def indicators(case: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for goal in case["doelen"] for item in goal["indicatoren"]]


def ingredient_ids(case: dict[str, Any]) -> set[str]:
    return {use["id"] for use in case["werkzame_bestanddelen"]}


@pytest.fixture(scope="module")
def pair(cases: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two real cases that share a werkzaam bestanddeel, differ in another and both have indicators."""
    for first, second in itertools.combinations(cases, 2):
        shared = ingredient_ids(first) & ingredient_ids(second)
        if shared and ingredient_ids(first) != ingredient_ids(second) and indicators(first) and indicators(second):
            return first, second
    pytest.fail("no two cases share a werkzaam bestanddeel")


def with_unit(value: float | None, unit: dict[str, str]) -> str:
    """As views.with_unit on the case pages."""
    if value is None:
        return ""
    if unit["id"] == "procent":
        return f"{number_nl(value)}%"
    if unit["id"] == "euro":
        return f"€ {number_nl(value)}"
    return f"{number_nl(value)} {unit['label']}"


def open_page(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}{PATH}{query}", wait_until="networkidle")
    expect(page.locator(".tb-compare__status")).not_to_be_empty()


def cell(page: Page, row: str, column: int) -> Locator:
    """The cell of ``row`` (its th) in case column ``column`` (0-based)."""
    return page.locator("#tb-vergelijken tbody tr").filter(
        has=page.locator(f"th[scope=row]:text-is('{row}')")).locator("td").nth(column)


def test_compare_two_real_cases_by_url(page: Page, base_url: str, pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    first, second = pair
    open_page(page, base_url, f"?casussen={first['id']},{second['id']}")
    table = page.locator("#tb-vergelijken table")
    expect(table.locator("caption")).to_have_text("Vergelijking van 2 casussen")
    expect(table.locator("thead th[scope=col]")).to_have_text(["Onderdeel", first["titel"], second["titel"]])
    assert table.locator("tbody th[scope=row]").all_text_contents() == ROWS
    # Each column header links to its case page.
    for column, case in enumerate((first, second)):
        link = table.locator("thead th[scope=col] a").nth(column)
        assert link.evaluate("a => a.href") == f"{base_url}/{case['url']}"
    # The selects show the choice.
    assert page.locator("#tb-vergelijk-1").input_value() == first["id"]
    assert page.locator("#tb-vergelijk-2").input_value() == second["id"]
    assert page.locator("#tb-vergelijk-3").input_value() == ""

    shared = ingredient_ids(first) & ingredient_ids(second)
    for column, case in enumerate((first, second)):
        expect(cell(page, "Woonvorm", column)).to_have_text(case["woonvorm"]["label"])
        expect(cell(page, "Provincie", column)).to_have_text(case["locatie"]["provincie"]["label"])
        expect(cell(page, "Status", column)).to_have_text(case["status"]["label"])
        places = cell(page, "Gemeenten", column).text_content() or ""
        assert all(name in places for name in case["locatie"]["gemeenten"])
        level = case["bewijsniveau"]
        expect(cell(page, "Bewijsniveau", column)).to_have_text(
            f"Niveau {level['niveau']} van 5: {level['label'].lower()}")
        expect(cell(page, "Laatst beoordeeld", column)).to_have_text(date_nl(case["laatst_beoordeeld"]))
        scale = cell(page, "Schaal", column).text_content() or ""
        if case["schaal"] is None:
            assert scale == "Onbekend"
        else:
            for key, label in (("wooneenheden", "Wooneenheden"), ("bewoners", "Bewoners")):
                value = case["schaal"][key]
                assert f"{label}: {'onbekend' if value is None else number_nl(value)}" in scale
        # Goals with their outcome in words.
        goals = cell(page, "Doelen", column).locator("li")
        expect(goals).to_have_count(len(case["doelen"]))
        for number, goal in enumerate(case["doelen"]):
            outcome = {True: "gehaald", False: "niet gehaald", None: "onbekend"}[goal["gehaald"]]
            expect(goals.nth(number)).to_have_text(f"{goal['doel']} Uitkomst: {outcome}.")
        # Indicators: name, target and result with the unit label in Dutch number format, method.
        items = cell(page, "Indicatoren", column).locator(":scope > ul > li")
        expect(items).to_have_count(len(indicators(case)))
        for number, item in enumerate(indicators(case)):
            text = items.nth(number).inner_text()
            assert item["naam"] in text
            target = "niet genoemd" if item["streefwaarde"] is None else item["streefwaarde"]["tekst"]
            assert f"Streefwaarde:\n{target}" in text or f"Streefwaarde: {target}" in text, text
            if item["resultaat"] is None:
                assert "nog niet gemeten" in text
            else:
                assert item["resultaat"]["tekst"] in text
            assert (item["meetwijze"]["label"] if item["meetwijze"] else "onbekend") in text
        # Werkzame bestanddelen: every label; the shared ones marked.
        uses = cell(page, "Werkzame bestanddelen", column).locator("li")
        expect(uses).to_have_count(len(case["werkzame_bestanddelen"]))
        for number, use in enumerate(case["werkzame_bestanddelen"]):
            text = uses.nth(number).text_content() or ""
            assert text.startswith(use["label"])
            assert ("bij alle gekozen casussen" in text) == (use["id"] in shared), text


def test_verdict_costs_conditions_lessons_partners_and_year(
        page: Page, base_url: str, pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """The rows issue 12 adds, with the texts data/cases.json carries (made by the case page's formatters)."""
    open_page(page, base_url, f"?casussen={pair[0]['id']},{pair[1]['id']}")
    for column, case in enumerate(pair):
        expect(cell(page, "Werkt het?", column)).to_contain_text(case["oordeel"]["kort"])
        expect(cell(page, "Hoe actueel?", column)).to_contain_text(case["actualiteit"]["label"])
        expect(cell(page, "Kosten", column)).to_contain_text(case["kostenband"]["label"])
        for cost in case["kosten"]:
            expect(cell(page, "Kosten", column)).to_contain_text(cost["tekst"])
        conditions = cell(page, "Randvoorwaarden", column)
        if case["randvoorwaarden"]:
            expect(conditions.locator("li")).to_have_text(case["randvoorwaarden"])
        else:
            expect(conditions).to_have_text("Niet beschreven.")
        tips = [f"Tip: {tip}" for tip in case["lessen"]["tips"]]
        pitfalls = [f"Valkuil: {pitfall}" for pitfall in case["lessen"]["valkuilen"]]
        if tips or pitfalls:
            expect(cell(page, "Lessen", column).locator("li")).to_have_text(tips + pitfalls)
        expect(cell(page, "Partners", column).locator("li")).to_have_text(
            [f"{partner['organisatie']}: {partner['rol']['label'].lower()}" for partner in case["partners"]])


def test_numbers_units_and_markup_from_the_data(page: Page, base_url: str, cases: list[dict[str, Any]]) -> None:
    """Figures as cases.json spells them (Dutch number format with unit labels, made by the Python
    formatters), and case text that is shown as text, never as markup.

    The project's cases hold no such values (titles may not contain '<'), so cases.json is replaced in the
    browser by a copy with them.
    """
    edited = json.loads(json.dumps(cases[:2]))
    edited[0]["titel"] = '<img src=x onerror="window.__owned=1"><b>vet</b>'
    edited[0]["woonvorm"]["label"] = "<i>Woonvorm</i>"
    edited[0]["doelen"] = [{"doel": "<script>window.__owned=1</script>", "gehaald": False, "indicatoren": [
        {"naam": "Aandeel", "soort": {"id": "x", "label": "x"}, "eenheid": {"id": "procent", "label": "procent"},
         "nulmeting": None, "streefwaarde": 12.5, "resultaat": 10, "meetdatum": "2024-03", "gehaald": False,
         "meetwijze": {"id": "m", "label": "Geteld in het systeem"}, "lager_is_beter": False, "bron": "b",
         "toelichting": None},
        {"naam": "Kosten", "soort": {"id": "x", "label": "x"}, "eenheid": {"id": "euro", "label": "euro"},
         "nulmeting": None, "streefwaarde": 1234567.891, "resultaat": None, "meetdatum": None, "gehaald": None,
         "meetwijze": None, "lager_is_beter": True, "bron": "b", "toelichting": None},
        {"naam": "Woningen", "soort": {"id": "x", "label": "x"}, "eenheid": {"id": "woningen", "label": "woningen"},
         "nulmeting": None, "streefwaarde": 1000, "resultaat": 1000.0, "meetdatum": None, "gehaald": True,
         "meetwijze": None, "lager_is_beter": False, "bron": "b", "toelichting": None}]}]
    for item in indicators(edited[0]):
        item.update({"streefwaarde_tekst": with_unit(item["streefwaarde"], item["eenheid"]),
                     "resultaat_tekst": with_unit(item["resultaat"], item["eenheid"]),
                     "meetdatum_tekst": date_nl(item["meetdatum"])})
    edited[0]["schaal"] = {"wooneenheden": 1500, "bewoners": 2, "toelichting": "<u>noot</u>",
                           "wooneenheden_tekst": number_nl(1500), "bewoners_tekst": number_nl(2)}
    page.route("**/data/casussen.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(edited)))
    open_page(page, base_url, f"?casussen={edited[0]['id']},{edited[1]['id']}")
    table = page.locator("#tb-vergelijken table")
    expect(table.locator("thead th[scope=col] a").first).to_have_text(edited[0]["titel"])
    expect(cell(page, "Woonvorm", 0)).to_have_text("<i>Woonvorm</i>")
    assert table.locator("img, b, i, u, script").count() == 0
    assert page.evaluate("window.__owned") is None
    expect(cell(page, "Doelen", 0)).to_have_text("<script>window.__owned=1</script> Uitkomst: niet gehaald.")
    figures = cell(page, "Indicatoren", 0).inner_text()
    for text in ("Streefwaarde: 12,5%", "Resultaat: 10% (maart 2024)", "Meetwijze: Geteld in het systeem",
                 "Streefwaarde gehaald: niet gehaald", "Streefwaarde: € 1.234.567,89", "Resultaat: nog niet gemeten",
                 "Meetwijze: onbekend", "Streefwaarde: 1.000 woningen", "Resultaat: 1.000 woningen",
                 "Streefwaarde gehaald: gehaald"):
        assert text in figures.replace(":\n", ": "), text
    scale = cell(page, "Schaal", 0).inner_text()
    assert "Wooneenheden: 1.500" in scale and "Bewoners: 2" in scale and "<u>noot</u>" in scale


def test_choose_with_the_selects_keeps_the_state_in_the_url(
        page: Page, base_url: str, cases: list[dict[str, Any]], pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    first, second = pair
    third = next(case for case in cases if case["id"] not in (first["id"], second["id"]))
    open_page(page, base_url)
    expect(page.locator(".tb-compare__status")).to_have_text("Nog geen casussen gekozen.")
    expect(page.locator("#tb-vergelijken table")).to_have_count(0)
    page.get_by_label("Casus 1", exact=True).select_option(first["id"])
    expect(page.locator(".tb-compare__status")).to_have_text(re.compile("^1 casus gekozen"))
    # A case chosen in one select cannot be chosen again in another.
    assert page.locator(f"#tb-vergelijk-2 option[value='{first['id']}']").is_disabled()
    page.get_by_label("Casus 2", exact=True).select_option(second["id"])
    expect(page.locator("#tb-vergelijken thead th[scope=col]")).to_have_count(3)
    assert page.url.endswith(f"{PATH}?casussen={first['id']},{second['id']}")
    page.get_by_label("Casus 3 (mag leeg blijven)").select_option(third["id"])
    expect(page.locator("#tb-vergelijken thead th[scope=col]")).to_have_count(4)
    assert page.url.endswith(f"?casussen={first['id']},{second['id']},{third['id']}")
    expect(page.locator(".tb-compare__status")).to_have_text(
        "3 casussen vergeleken. Per onderdeel zie je wat elke casus zegt.")

    # A fresh page with that URL shows the same comparison.
    fresh = page.context.new_page()
    open_page(fresh, base_url, f"?casussen={first['id']},{second['id']},{third['id']}")
    expect(fresh.locator("#tb-vergelijken thead th[scope=col]")).to_have_text(
        ["Onderdeel", first["titel"], second["titel"], third["titel"]])
    fresh.close()

    # Back restores the previous comparison, and the selects with it.
    page.go_back()
    expect(page.locator("#tb-vergelijken thead th[scope=col]")).to_have_count(3)
    assert page.locator("#tb-vergelijk-3").input_value() == ""
    page.go_back()
    expect(page.locator("#tb-vergelijken table")).to_have_count(0)
    assert page.locator("#tb-vergelijk-2").input_value() == ""
    page.go_forward()
    expect(page.locator("#tb-vergelijken thead th[scope=col]")).to_have_count(3)


def test_unknown_and_repeated_ids_are_ignored(page: Page, base_url: str, cases: list[dict[str, Any]]) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    ids = [case["id"] for case in cases[:4]]
    open_page(page, base_url, f"?casussen=bestaat-niet,{ids[0]},{ids[0]},%3Cb%3E,{ids[1]},{ids[2]},{ids[3]}&x=1")
    # Known ids only, each once, at most three.
    expect(page.locator("#tb-vergelijken thead th[scope=col] a")).to_have_text([case["titel"] for case in cases[:3]])
    assert errors == []


def test_without_javascript_the_page_explains_and_links_to_the_list(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{base_url}{PATH}?casussen=a,b")
    root = plain.locator("#tb-vergelijken")
    expect(root).to_contain_text("Daarvoor is JavaScript nodig")
    link = root.get_by_role("link", name="Alle casussen")
    assert link.evaluate("a => a.href") == f"{base_url}/casussen/"
    context.close()


def test_no_request_to_another_host(page: Page, base_url: str, pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    url = f"{base_url}{PATH}?casussen={pair[0]['id']},{pair[1]['id']}"
    assert requests_to_other_hosts(page, url, base_url) == []


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page: Page, base_url: str, cases: list[dict[str, Any]], scheme: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    if scheme == "slate":
        set_dark(page, base_url)
    ids = ",".join(case["id"] for case in cases[:3])
    open_page(page, base_url, f"?casussen={ids}")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    expect(page.locator("#tb-vergelijken table")).to_be_visible()
    region = page.locator(".tb-compare__scroll")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    if width == 375:  # the table stacks: nothing scrolls sideways, neither the region nor the page
        assert region.evaluate("el => el.scrollWidth <= el.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(page) == []


# What the stacked layout must give on a phone, for every cell (JavaScript, run in the page): the cell and
# everything in it inside the viewport, nothing in it scrolled away, its label the case's title.
CELLS_ON_SCREEN = """() => [...document.querySelectorAll('#tb-vergelijken tbody tr')].flatMap(row => {
  const heading = row.querySelector('th[scope=row]').textContent;
  return [...row.querySelectorAll('td')].map(cell => {
    const boxes = [cell, ...cell.querySelectorAll('*')].map(node => node.getBoundingClientRect())
      .filter(box => box.width > 0);
    return {
      row: heading,
      label: getComputedStyle(cell, '::before').content,
      dataLabel: cell.dataset.label,
      inside: boxes.every(box => box.left >= 0 && box.right <= window.innerWidth + 0.5),
      clipped: cell.scrollWidth > cell.clientWidth,
      visible: cell.checkVisibility(),
      top: cell.getBoundingClientRect().top,
    };
  });
})"""


@pytest.mark.parametrize("width", [375, 320])
def test_on_a_phone_every_case_of_each_row_is_on_screen_under_its_title(
        page: Page, base_url: str, cases: list[dict[str, Any]], width: int) -> None:
    """Issue 14: on a phone the table used to show one case column at a time (the rest scrolled sideways).
    Now each onderdeel lists every case's value under the case's title; the page never scrolls sideways
    (WCAG 1.4.10, reflow at 320 px)."""
    page.set_viewport_size({"width": width, "height": 800})
    chosen = cases[:3]
    open_page(page, base_url, f"?casussen={','.join(case['id'] for case in chosen)}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    cells = page.evaluate(CELLS_ON_SCREEN)
    assert [cell["row"] for cell in cells] == [row for row in ROWS for _ in chosen]
    assert [cell for cell in cells if not (cell["visible"] and cell["inside"]) or cell["clipped"]] == []
    titles = [case["titel"] for case in chosen] * len(ROWS)
    assert [cell["dataLabel"] for cell in cells] == titles
    assert [cell["label"] for cell in cells] == [json.dumps(title, ensure_ascii=False) for title in titles]
    # Stacked: the cases of one row are below one another, not beside one another.
    assert all(cells[index]["top"] < cells[index + 1]["top"] for index in range(len(cells) - 1))
    # The case links stay visible (a link that takes the focus must be seen).
    links = page.locator("#tb-vergelijken thead th[scope=col] a")
    for index in range(len(chosen)):
        expect(links.nth(index)).to_be_visible()
        assert links.nth(index).evaluate("a => a.getBoundingClientRect().right <= window.innerWidth + 0.5")


def test_on_a_desktop_the_cases_stay_columns_of_a_table(
        page: Page, base_url: str, cases: list[dict[str, Any]]) -> None:
    chosen = cases[:3]
    open_page(page, base_url, f"?casussen={','.join(case['id'] for case in chosen)}")
    cells = page.evaluate(CELLS_ON_SCREEN)
    assert {cell["label"] for cell in cells} == {"none"}  # no label repeated in the cells
    for start in range(0, len(cells), len(chosen)):  # one row's cells side by side
        assert len({round(cell["top"]) for cell in cells[start:start + len(chosen)]}) == 1
    table = page.locator("#tb-vergelijken table")
    assert table.evaluate("t => getComputedStyle(t).display") == "table"
    expect(table.locator("thead th[scope=col]").first).to_be_visible()
    expect(table.locator("thead th[scope=col]").first).to_have_text("Onderdeel")
