"""The filter page (casussen/zoeken/) in a real browser, on the project's own cases.

Expected results are computed here from the built data/zoekindex.json, never hard-coded, so the tests
keep working when cases are added. URL format: one key per facet, several values as a comma list.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from browser.conftest import axe_violations, requests_to_other_hosts, set_dark

FACETS = ("woonvorm", "doelgroep", "provincie", "bewijs", "oordeel", "kosten", "status", "bestanddeel")
PATH = "/casussen/zoeken/"


@pytest.fixture(scope="module")
def index(site_dir: Path) -> dict[str, Any]:
    return json.loads((site_dir / "data" / "zoekindex.json").read_text(encoding="utf-8"))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


def expected(index: dict[str, Any], chosen: dict[str, set[str]], query: str = "",
             ignore: str | None = None, found: set[str] | None = None) -> list[dict[str, Any]]:
    """The cases the page should show, in index (title) order: OR within a facet, AND across, all words in
    titel, samenvatting or gemeenten, or (``found``) a case the full-text index finds for the query."""
    words = fold(query).split()

    def matches(case: dict[str, Any]) -> bool:
        text = " " + fold(" ".join([case["titel"], case["samenvatting"], *case["gemeenten"]]))
        if not all(word in text for word in words) and case["id"] not in (found or set()):
            return False
        return all(not values or set(case[key]) & values for key, values in chosen.items() if key != ignore)

    return [case for case in index["casussen"] if matches(case)]


def found_by_index(page: Page, query: str) -> set[str]:
    """The cases Pagefind's own API finds for ``query`` on the built site (the 'casus' filter of each case
    page): the oracle for the page's full-text matching, asked directly, not through the page's code."""
    return set(page.evaluate("""async (query) => {
        const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI.replace(/casussen\\/zoeken\\/.*$/, "")).href);
        await pagefind.filters();
        const quoted = query.split(/\\s+/).filter(Boolean).map((word) => `"${word}"`).join(" ");  // whole words
        const counts = (await pagefind.search(quoted)).filters.casus || {};
        return Object.keys(counts).filter((id) => counts[id] > 0);
    }""", query))


def open_page(page: Page, base_url: str, query: str = "") -> None:
    page.goto(f"{base_url}{PATH}{query}", wait_until="networkidle")
    expect(page.locator(".tb-search__count")).to_have_text(re.compile(r"^\d+ (casus|casussen) gevonden$"))


def shown_titles(page: Page) -> list[str]:
    return page.locator("#tb-zoeken .tb-search__list .tb-card__title").all_text_contents()


def first_titles(cases: list[dict[str, Any]]) -> list[str]:
    """The titles the page shows at first: at most 50 cards (PAGE_SIZE in zoeken.js)."""
    return [case["titel"] for case in cases[:50]]


def found_text(count: int) -> str:
    return "1 casus gevonden" if count == 1 else f"{count} casussen gevonden"


def checkbox(page: Page, key: str, value: str) -> Locator:
    return page.locator(f"#tb-zoeken-{key}-{value}")


def test_filtering_on_woonvorm_and_provincie_shows_exactly_the_matching_cases(
        page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url)
    # Nothing chosen: every case counts; the first 50 are shown (test_a_long_result_list_... has the rest).
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(index["casussen"])))
    assert shown_titles(page) == [case["titel"] for case in index["casussen"][:50]]
    checkbox(page, "woonvorm", "woningdelen").check()
    checkbox(page, "provincie", "noord-holland").check()
    want = expected(index, {"woonvorm": {"woningdelen"}, "provincie": {"noord-holland"}})
    assert want, "the project's cases should include woningdelen in Noord-Holland"
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))
    assert shown_titles(page) == first_titles(want)
    assert page.locator(".tb-search__count").get_attribute("aria-live") == "polite"
    assert page.url.endswith(f"{PATH}?woonvorm=woningdelen&provincie=noord-holland")

    # A fresh page with that URL shows the same selection, with the boxes ticked.
    fresh = page.context.new_page()
    open_page(fresh, base_url, "?woonvorm=woningdelen&provincie=noord-holland")
    assert shown_titles(fresh) == first_titles(want)
    expect(checkbox(fresh, "woonvorm", "woningdelen")).to_be_checked()
    expect(checkbox(fresh, "provincie", "noord-holland")).to_be_checked()
    assert fresh.locator("#tb-zoeken input[type=checkbox][name]:checked").count() == 2
    fresh.close()


def test_counts_per_option_are_what_adding_that_option_would_give(
        page: Page, base_url: str, index: dict[str, Any]) -> None:
    chosen = {"woonvorm": {"gemengd-wonen", "woningdelen"}, "provincie": {"utrecht"}}
    open_page(page, base_url, "?woonvorm=gemengd-wonen,woningdelen&provincie=utrecht")
    assert len(shown_titles(page)) == len(expected(index, chosen))
    zero_seen = False
    for key in FACETS:
        for term in index["facetten"][key]:
            # The count of an option: the results when that option is added, the facet's others left aside.
            count = len(expected(index, {**chosen, key: {term["id"]}}))
            label = page.locator(f"label[for='tb-zoeken-{key}-{term['id']}']")
            assert label.text_content() == f"{term['label']} ({count})", (key, term["id"])
            option = page.locator(f"#tb-zoeken-{key}-{term['id']}").locator("xpath=..")
            assert ("tb-facet__option--leeg" in (option.get_attribute("class") or "")) == (count == 0)
            zero_seen = zero_seen or count == 0
    assert zero_seen, "some options have no cases and must stay visible, marked"
    # Every facet is a fieldset with a legend; every box has its label.
    legends = page.locator("#tb-zoeken fieldset > legend").all_text_contents()
    assert legends == ["Woonvorm", "Doelgroep", "Provincie", "Bewijsniveau", "Werkt het?", "Kosten", "Status",
                       "Werkzaam bestanddeel"]


def test_verdict_and_cost_band_filter_like_the_other_facets(
        page: Page, base_url: str, index: dict[str, Any]) -> None:
    """Werkt het? and Kosten are facets: the cases with that verdict or cost band, and the card says it."""
    verdict = index["casussen"][0]["oordeel"][0]
    open_page(page, base_url, f"?oordeel={verdict}&kosten=onbekend")
    want = expected(index, {"oordeel": {verdict}, "kosten": {"onbekend"}})
    assert want
    assert shown_titles(page) == first_titles(want)
    expect(page.locator(f"#tb-zoeken-oordeel-{verdict}")).to_be_checked()
    expect(page.locator(".tb-search__list .tb-card__answers").first).to_contain_text("Wat kost het? Niet bekend")


def test_free_text_matches_every_word_without_case_or_accents(
        page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url)
    field = page.get_by_label("Zoek op woorden")
    for query in ("HAARLEM", "statushouders utrecht", "geevalueerd", "en inbedding almere", "xyzzy-geen-treffer"):
        field.fill(query)
        want = expected(index, {}, query, found=found_by_index(page, query))
        expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))
        assert shown_titles(page) == first_titles(want), query
    expect(page.locator(".tb-search__empty")).to_be_visible()
    # Accents in the query or in the data do not matter: 'én' in a title is found by 'en', and the other way.
    field.fill("Hüisvesting én")
    want = expected(index, {}, "huisvesting en", found=found_by_index(page, "Hüisvesting én"))
    assert want
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))
    field.fill("haarlem")
    want = expected(index, {}, "haarlem", found=found_by_index(page, "haarlem"))
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))
    assert page.url.endswith("?tekst=haarlem")


def test_sort_orders(page: Page, base_url: str, index: dict[str, Any]) -> None:
    cases = index["casussen"]
    position = {case["id"]: number for number, case in enumerate(cases)}
    open_page(page, base_url)
    assert shown_titles(page) == first_titles(cases)  # on titel: the index's (title) order
    page.get_by_label("Sorteer").select_option("nieuw")
    newest = sorted(cases, key=lambda case: position[case["id"]])
    newest.sort(key=lambda case: case["toegevoegd"], reverse=True)  # stable: ties stay in title order
    expect(page.locator(".tb-search__list .tb-card__title").first).to_have_text(newest[0]["titel"])
    assert shown_titles(page) == first_titles(newest)
    assert page.url.endswith("?sort=nieuw")
    page.get_by_label("Sorteer").select_option("bewijs")
    strongest = sorted(cases, key=lambda case: (-case["bewijsniveau"], position[case["id"]]))
    expect(page.locator(".tb-search__list .tb-card__title").first).to_have_text(strongest[0]["titel"])
    assert shown_titles(page) == first_titles(strongest)
    page.get_by_label("Sorteer").select_option("bron")
    newest_source = sorted(cases, key=lambda case: (-(case["nieuwste_bron"] or 0), position[case["id"]]))
    expect(page.locator(".tb-search__list .tb-card__title").first).to_have_text(newest_source[0]["titel"])
    assert shown_titles(page) == first_titles(newest_source)
    assert page.url.endswith("?sort=bron")
    page.get_by_label("Sorteer").select_option("bewijs")
    fresh = page.context.new_page()
    open_page(fresh, base_url, "?sort=bewijs")
    assert shown_titles(fresh) == first_titles(strongest)
    assert fresh.get_by_label("Sorteer").input_value() == "bewijs"
    fresh.close()


def test_back_and_forward_restore_the_selection(page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url)
    assert shown_titles(page) == first_titles(index["casussen"])
    checkbox(page, "woonvorm", "gemengd-wonen").check()
    gemengd = [case["titel"] for case in expected(index, {"woonvorm": {"gemengd-wonen"}})]
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(gemengd)))
    checkbox(page, "status", "lopend").check()
    both = [case["titel"] for case in expected(index, {"woonvorm": {"gemengd-wonen"}, "status": {"lopend"}})]
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(both)))
    assert shown_titles(page) == both

    page.go_back()
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(gemengd)))
    assert shown_titles(page) == gemengd
    expect(checkbox(page, "status", "lopend")).not_to_be_checked()
    expect(checkbox(page, "woonvorm", "gemengd-wonen")).to_be_checked()
    page.go_back()
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(index["casussen"])))
    expect(checkbox(page, "woonvorm", "gemengd-wonen")).not_to_be_checked()
    page.go_forward()
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(gemengd)))
    expect(checkbox(page, "woonvorm", "gemengd-wonen")).to_be_checked()


def test_unknown_keys_and_values_in_the_url_are_ignored(page: Page, base_url: str, index: dict[str, Any]) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_page(page, base_url, "?woonvorm=bestaat-niet,woningdelen&kleur=rood&provincie=&sort=raar&bewijs=%3Cb%3E")
    want = expected(index, {"woonvorm": {"woningdelen"}})
    assert shown_titles(page) == first_titles(want)
    assert page.get_by_label("Sorteer").input_value() == "titel"
    assert page.locator("#tb-zoeken input[type=checkbox][name]:checked").count() == 1
    assert errors == []


def test_links_from_the_matrix_and_the_overview_pages_work(page: Page, base_url: str, index: dict[str, Any]) -> None:
    # The matrix links ?bestanddeel=X&woonvorm=Y (and &doelgroep=Y); take a cell that has cases.
    page.goto(f"{base_url}/werkzame-bestanddelen/matrix/", wait_until="networkidle")
    href = page.locator(".tb-matrix td a").first.get_attribute("href")
    assert href and "?bestanddeel=" in href
    page.locator(".tb-matrix td a").first.click()
    expect(page.locator(".tb-search__count")).to_have_text(re.compile("gevonden"))
    query = dict(part.split("=") for part in page.url.split("?", 1)[1].split("&"))
    chosen = {key: {value} for key, value in query.items()}
    want = expected(index, chosen)
    assert want and shown_titles(page) == first_titles(want)
    for key, value in query.items():
        expect(checkbox(page, key, value)).to_be_checked()  # a checked option stays visible in a long facet
        expect(checkbox(page, key, value)).to_be_visible()
    # The overview pages link ?<facet>=<value>; each facet key works alone.
    for key in FACETS:
        case = index["casussen"][0]
        open_page(page, base_url, f"?{key}={case[key][0]}")
        want = expected(index, {key: {case[key][0]}})
        assert shown_titles(page) == first_titles(want), key


def test_clear_all_filters(page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url, "?woonvorm=woningdelen&provincie=noord-holland&tekst=haarlem")
    assert page.get_by_label("Zoek op woorden").input_value() == "haarlem"
    page.get_by_role("button", name="Wis alle filters").click()
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(index["casussen"])))
    assert page.locator("#tb-zoeken input[type=checkbox][name]:checked").count() == 0
    assert page.get_by_label("Zoek op woorden").input_value() == ""
    assert page.url.endswith(PATH)


def test_pick_cases_to_compare_opens_the_compare_page(page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url)
    first, second, third, fourth = index["casussen"][:4]
    expect(page.locator(".tb-compare-bar__go")).to_be_hidden()
    page.get_by_label(f"Vergelijk: {first['titel']}").check()
    expect(page.locator(".tb-compare-bar__go")).to_be_hidden()  # one is not enough
    page.get_by_label(f"Vergelijk: {second['titel']}").check()
    page.get_by_label(f"Vergelijk: {third['titel']}").check()
    expect(page.get_by_label(f"Vergelijk: {fourth['titel']}")).to_be_disabled()  # three at most
    # The choice survives a filter that hides a chosen case.
    page.get_by_label("Zoek op woorden").fill(second["titel"])
    expect(page.locator(".tb-search__list .tb-card")).to_have_count(len(expected(index, {}, second["titel"])))
    expect(page.locator(".tb-compare-bar__chosen li")).to_have_text([first["titel"], second["titel"], third["titel"]])
    page.locator(".tb-compare-bar__go").click()
    page.wait_for_url(re.compile(r"/casussen/vergelijken/\?casussen="))
    assert page.url.endswith(f"/casussen/vergelijken/?casussen={first['id']},{second['id']},{third['id']}")
    expect(page.locator("#tb-vergelijken table thead th a")).to_have_text(
        [first["titel"], second["titel"], third["titel"]])


def test_the_compare_choice_survives_going_back_from_the_compare_page(
        page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url, "?sort=bewijs")
    titles = shown_titles(page)
    first, second = ({"titel": title} for title in titles[:2])  # the strongest two, on the first page
    page.get_by_label(f"Vergelijk: {first['titel']}").check()
    page.get_by_label(f"Vergelijk: {second['titel']}").check()
    page.locator(".tb-compare-bar__go").click()
    page.wait_for_url(re.compile(r"/casussen/vergelijken/"))
    page.go_back()
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(index["casussen"])))
    expect(page.get_by_label(f"Vergelijk: {first['titel']}")).to_be_checked()
    expect(page.get_by_label(f"Vergelijk: {second['titel']}")).to_be_checked()
    assert page.get_by_label("Sorteer").input_value() == "bewijs"


def test_a_long_result_list_shows_fifty_cards_at_a_time(page: Page, base_url: str, index: dict[str, Any]) -> None:
    """The site may hold thousands of cases: the page shows 50 cards and a button for the next 50."""
    many = json.loads(json.dumps(index))
    template = index["casussen"][0]
    many["casussen"] = [{**template, "id": f"casus-{number:03}", "titel": f"Casus {number:03}",
                                    "url": f"casussen/casus-{number:03}/"} for number in range(120)]
    page.route("**/data/zoekindex.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(many)))
    open_page(page, base_url)
    expect(page.locator(".tb-search__count")).to_have_text("120 casussen gevonden")
    expect(page.locator(".tb-search__list > li")).to_have_count(50)
    # Cards beyond the build-time list are made from the index alone.
    labels = {key: {term["id"]: term["label"] for term in terms} for key, terms in index["facetten"].items()}
    meta = (f"{labels['woonvorm'][template['woonvorm'][0]]} · {template['plaats']}, "
            f"{labels['provincie'][template['provincie'][0]]} · {labels['status'][template['status'][0]]}")
    expect(page.locator(".tb-search__list .tb-card__meta").first).to_have_text(meta)
    expect(page.locator(".tb-search__list .tb-card__answers").first).to_have_text(
        " · ".join(f"{question} {answer}" for question, answer in template["antwoorden"]))
    more = page.get_by_role("button", name="Toon meer (50 van 120 getoond)")
    more.click()
    expect(page.locator(".tb-search__list > li")).to_have_count(100)
    # Focus moves to the first new card, so a keyboard user continues there.
    assert page.evaluate("document.activeElement.textContent") == "Casus 050"
    page.get_by_role("button", name="Toon meer (100 van 120 getoond)").click()
    expect(page.locator(".tb-search__list > li")).to_have_count(120)
    expect(page.locator(".tb-search__more")).to_be_hidden()
    page.get_by_label("Zoek op woorden").fill("1")  # a new selection starts again at 50
    assert len(expected(many, {}, "1")) > 50
    expect(page.locator(".tb-search__list > li")).to_have_count(50)


def test_keyboard_only(page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url)
    page.get_by_label("Zoek op woorden").focus()
    page.keyboard.press("Tab")  # to the sort order
    assert page.evaluate("document.activeElement.id") == "tb-zoeken-sortering"
    page.keyboard.press("Tab")  # the first option of the first facet
    first = index["facetten"]["woonvorm"][0]["id"]
    assert page.evaluate("document.activeElement.id") == f"tb-zoeken-woonvorm-{first}"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")  # a visible focus
    page.keyboard.press("Space")
    expect(checkbox(page, "woonvorm", first)).to_be_checked()
    want = expected(index, {"woonvorm": {first}})
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))


def test_case_text_is_set_as_text_never_as_markup(page: Page, base_url: str, index: dict[str, Any]) -> None:
    """Every text on a card equals the index's plain text; a title with markup would show as characters.

    The project's cases cannot hold '<' in a title (schema), so the index is swapped in the browser for one
    whose case text is markup; the page must show that text literally and create no element from it.
    """
    hostile = json.loads(json.dumps(index))
    hostile["casussen"][0]["titel"] = '<img src=x onerror="window.__owned=1"><b>vet</b>'
    hostile["casussen"][0]["samenvatting"] = "<script>window.__owned=1</script>&amp;"
    hostile["casussen"][0]["gemeenten"] = ["<i>Plaats</i>"]
    page.route("**/data/zoekindex.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=json.dumps(hostile)))
    open_page(page, base_url)
    card = page.locator(f".tb-search__list .tb-card[data-id='{hostile['casussen'][0]['id']}']")
    assert card.locator(".tb-card__title").text_content() == hostile["casussen"][0]["titel"]
    assert card.locator(".tb-card__summary").text_content() == hostile["casussen"][0]["samenvatting"]
    assert card.locator("img, b, script, i").count() == 0
    assert page.evaluate("window.__owned") is None
    # And with the real index: the visible titles are exactly the index's titles.
    page.unroute("**/data/zoekindex.json")
    open_page(page, base_url)
    assert shown_titles(page) == first_titles(index["casussen"])


CARD_PARTS = """cards => cards.map(card => Array.from(card.children)
    .filter(child => !child.classList.contains('tb-card__compare'))
    .map(child => [child.tagName, child.className, child.textContent, child.href || null]))"""


def test_without_javascript_the_plain_list_is_there_and_looks_like_the_results(
        browser: Browser, page: Page, base_url: str, index: dict[str, Any]) -> None:
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(f"{base_url}{PATH}")
    titles = plain.locator("#tb-zoeken .tb-card__title").all_text_contents()
    assert titles == [case["titel"] for case in index["casussen"][:50]]
    server_cards = plain.locator("#tb-zoeken li.tb-card").evaluate_all(CARD_PARTS)
    context.close()
    # With JavaScript the result cards have the same parts, texts and links (plus a compare checkbox).
    open_page(page, base_url)
    cards = page.locator("#tb-zoeken .tb-search__list > li.tb-card").evaluate_all(CARD_PARTS)
    assert cards == server_cards


def test_no_request_to_another_host(page: Page, base_url: str) -> None:
    url = f"{base_url}{PATH}?woonvorm=woningdelen&provincie=noord-holland&tekst=haarlem&sort=nieuw"
    assert requests_to_other_hosts(page, url, base_url) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_with_filters_applied(page: Page, base_url: str, scheme: str) -> None:
    if scheme == "slate":
        set_dark(page, base_url)
    open_page(page, base_url, "?woonvorm=gemengd-wonen,woningdelen&provincie=utrecht&sort=nieuw")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    page.locator(".tb-search__list .tb-card__compare input").first.check()  # the selection bar, active
    page.get_by_role("button", name=re.compile("^Toon alle")).first.click()  # every option, also those with 0
    assert axe_violations(page) == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations_on_a_narrow_screen(page: Page, base_url: str, scheme: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    if scheme == "slate":
        set_dark(page, base_url)
    open_page(page, base_url, "?provincie=utrecht&tekst=wonen")
    toggle = page.locator(".tb-search__panel-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#tb-zoeken-filters")).to_be_hidden()
    toggle.click()
    expect(page.locator("#tb-zoeken-filters")).to_be_visible()
    assert axe_violations(page) == []


@pytest.mark.parametrize("query", ["Housing First", "omklapcontract", "omklapcontracten", "prikkelarm", "kosten"])
def test_words_anywhere_in_a_case_find_it_also_in_plural(page: Page, base_url: str, index: dict[str, Any],
                                                         query: str) -> None:
    # Issue 14: "Housing First" found 0 cases while the woonvorm facet beside it listed some; words from the
    # approach, the lessons or the costs found nothing at all.
    open_page(page, base_url)
    page.get_by_label("Zoek op woorden").fill(query)
    found = found_by_index(page, query)
    assert found, query
    want = expected(index, {}, query, found=found)
    expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))
    assert shown_titles(page) == first_titles(want)
    if query == "Housing First":
        housing_first = [case["id"] for case in index["casussen"] if "housing-first" in case["woonvorm"]]
        assert set(housing_first) <= {case["id"] for case in want}


def test_singular_and_plural_find_the_same_cases(page: Page, base_url: str, index: dict[str, Any]) -> None:
    open_page(page, base_url)
    field = page.get_by_label("Zoek op woorden")
    shown = []
    for query in ("omklapcontract", "omklapcontracten"):
        field.fill(query)
        want = expected(index, {}, query, found=found_by_index(page, query))
        expect(page.locator(".tb-search__count")).to_have_text(found_text(len(want)))
        shown.append(shown_titles(page))
    assert shown[0] == shown[1] and shown[0]


def test_the_empty_state_blames_only_what_was_asked(page: Page, base_url: str) -> None:
    open_page(page, base_url, "?tekst=xyzzy+plopperdeplop")
    empty = page.locator(".tb-search__empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("xyzzy plopperdeplop")
    assert "vinkje" not in empty.text_content()  # nothing is ticked: the old text told people to untick
    open_page(page, base_url, "?woonvorm=housing-first&provincie=limburg")
    if page.locator(".tb-search__list .tb-card").count() == 0:
        expect(empty).to_contain_text("vinkje")
        assert "woorden" not in empty.text_content()


def test_on_a_phone_the_results_are_one_tap_away_with_their_count(browser: Browser, base_url: str,
                                                                    index: dict[str, Any]) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 812})
    phone = context.new_page()
    open_page(phone, base_url)
    phone.get_by_role("button", name=re.compile("^Toon filters")).click()
    phone.get_by_label(re.compile("^Woningdelen")).check()
    want = expected(index, {"woonvorm": {"woningdelen"}})
    show = phone.get_by_role("button", name=found_text(len(want)).replace(" gevonden", "").join(["Toon ", ""]))
    expect(show).to_be_visible()
    assert show.bounding_box()["y"] + show.bounding_box()["height"] <= 812  # in view while the filters are open
    show.click()
    expect(phone.locator("#tb-zoeken-resultaten")).to_be_focused()
    first = phone.locator(".tb-search__list .tb-card").first.bounding_box()
    context.close()
    assert first is not None and first["y"] < 812


def test_a_skip_link_takes_the_keyboard_past_the_filters_to_the_results(page: Page, base_url: str) -> None:
    # Issue 14: 65 Tab presses reached the first result. Now: the theme's skip link to the content, ours to
    # the results, and the first result: a handful of presses.
    open_page(page, base_url)
    presses = []

    def press(key: str) -> str:
        page.keyboard.press(key)
        presses.append(key)
        return str(page.evaluate("document.activeElement.textContent.trim()"))

    assert press("Tab") == "Ga naar inhoud"  # Material's skip link, first on every page
    press("Enter")
    while press("Tab") != "Direct naar de resultaten":
        assert len(presses) < 6, presses
    expect(page.locator(".tb-skip-link")).to_be_visible()  # seen when focused
    press("Enter")
    while not page.evaluate("document.activeElement.closest('.tb-card') !== null"):
        press("Tab")  # past 'Wis alle filters' beside the count
        assert len(presses) <= 8, presses


def test_a_broader_target_group_includes_its_narrower_ones(page: Page, base_url: str, site_dir: Path,
                                                           index: dict[str, Any]) -> None:
    # Issue 14: tijdelijk + woningdelen + statushouders hid the Haarlem case for jonge alleenstaande statushouders.
    cases = json.loads((site_dir / "data" / "cases.json").read_text(encoding="utf-8"))
    young = {case["id"] for case in cases
             if {group["id"] for group in case["doelgroepen"]} & {"jonge-statushouders"}
             and "statushouders" not in {group["id"] for group in case["doelgroepen"]}}
    assert young, "the project's cases should include one for jonge statushouders only"
    open_page(page, base_url, "?doelgroep=statushouders")
    shown_ids = page.locator("#tb-zoeken .tb-search__list .tb-card").evaluate_all(
        "cards => cards.map(card => card.querySelector('.tb-card__compare input').value)")
    assert young <= set(shown_ids)
    label = page.locator("label[for='tb-zoeken-doelgroep-statushouders']").text_content() or ""
    assert f"({len(expected(index, {'doelgroep': {'statushouders'}}))})" in label
