"""The site's search (Material's search dialog, answered by Pagefind) on the project's own cases.

Titles and the words searched for are checked against the case files, so a test fails with a clear
message when the data changes instead of silently testing something else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import ROOT
from thuisbasis.loading import load_document

CASES = ROOT / "cases"
# The result count once the search has run (nl): Material's "19 overeenkomende documenten", "1 ...",
# "Geen ...", or ours when only the best are shown (docs/javascripts/zoekresultaten.js).
COUNT = re.compile(r"^(\d+ overeenkomende documenten(, de beste \d+ staan hieronder)?"
                   r"|1 overeenkomende document|Geen overeenkomende documenten)$")


def case_data(case_id: str) -> dict[str, Any]:
    document, problems = load_document(CASES / f"{case_id}.yaml")
    assert problems == [], problems
    return document.data


def strings(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text in a case with its path, e.g. (('doelen', 0, 'indicatoren', 1, 'naam'), '...')."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, (*path, index))
    elif isinstance(value, str):
        yield path, value


def fields_containing(case_id: str, word: str) -> set[str]:
    """The fields (paths without list positions, e.g. 'bronnen.titel') whose text contains ``word``."""
    return {".".join(str(part) for part in path if not isinstance(part, int))
            for path, text in strings(case_data(case_id)) if word.lower() in text.lower()}


def search(page: Page, base_url: str, query: str) -> list[str]:
    """Type ``query`` into the site's search box (opened with the keyboard); return the result titles."""
    page.goto(f"{base_url}/", wait_until="load")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__meta")).to_have_text(COUNT)
    # An answer may come for a half-typed query (when typing pauses); wait for the whole query's: its result
    # links carry the query in their highlight parameter (?h=...). Every query searched here has results.
    page.wait_for_function("""query => {
        const terms = [...document.querySelectorAll('.md-search-result__link')]
            .map(link => new URL(link.href).searchParams.get('h'));
        return terms.includes(query) && terms.every(term => !term || term === query); }""",
        arg=query)
    return [title.split(" · ", 1)[1] for title in kinds_and_titles(page)]


KINDS = ("Casus", "Checklist", "Werkvorm", "Naslag", "Achtergrond")


def kinds_and_titles(page: Page) -> list[str]:
    """The result headings as shown: what the page is, a middle dot, its title ("Casus · ...")."""
    headings = page.locator(".md-search-result__item h1").all_inner_texts()
    assert all(heading.split(" · ", 1)[0] in KINDS for heading in headings), headings
    return headings


def test_woningdelen_finds_the_haarlem_case(page: Page, base_url: str) -> None:
    title = case_data("haarlem-woningdelen-jonge-statushouders")["titel"]
    assert title == "Plan voor woningdelen door jonge statushouders in Haarlem"
    assert title in search(page, base_url, "woningdelen")


def test_singular_finds_pages_that_say_the_plural(page: Page, base_url: str) -> None:
    titles = search(page, base_url, "statushouder")
    assert any("statushouders" in title.lower() for title in titles), titles
    highlighted = {text.strip(".,?!").lower() for text in page.locator(".md-search-result mark").all_inner_texts()}
    assert "statushouders" in highlighted


@pytest.mark.parametrize(("word", "case_id", "field"), [
    ("opgeleverde", "tussenvoorziening-gemengd-wonen-nieuwegein-leidsche-rijn", "doelen.indicatoren.naam"),
    ("vuist", "de-meern-nijevelt-gemengd-wonen", "bronnen.titel"),
], ids=["indicator", "bron"])
def test_a_word_only_in_an_indicator_or_source_finds_its_case(
        page: Page, base_url: str, word: str, case_id: str, field: str) -> None:
    # The premise: the case has the word in that field and nowhere else that is shown as text
    # ('bron', 'status_bron' and 'id' are keys, used only in link targets).
    assert fields_containing(case_id, word) - {"doelen.indicatoren.bron", "bronnen.id", "status_bron"} == {field}
    assert case_data(case_id)["titel"] in search(page, base_url, word)


def test_search_dialog_has_an_accessible_name_and_announces_the_count(page: Page, base_url: str) -> None:
    search(page, base_url, "woningdelen")
    expect(page.get_by_role("dialog", name="Zoeken op deze site")).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(COUNT)


def test_plural_finds_pages_that_say_the_singular(page: Page, base_url: str) -> None:
    # Pagefind stems Dutch (Material's lunr did not: it skipped the stemmer for its wildcard terms).
    assert "Omklapcontract" in search(page, base_url, "omklapcontracten")


def test_a_word_after_a_bracket_is_found(page: Page, base_url: str) -> None:
    # Material's separator left the word after "(" out of its index.
    word, case_id = "interviewreeks", "regio-utrecht-regiodeal-flexwonen"
    texts = [text.lower() for _, text in strings(case_data(case_id)) if word in text.lower()]
    assert texts and all(text.count(word) == text.count(f"({word}") for text in texts), "premise: only after a bracket"
    assert case_data(case_id)["titel"] in search(page, base_url, word)


def test_a_common_word_shows_the_best_ten_and_says_how_many_there_are(page: Page, base_url: str) -> None:
    search(page, base_url, "de")
    count = page.locator(".md-search-result__meta")
    expect(count).to_have_text(re.compile(r"^\d+ overeenkomende documenten, de beste 10 staan hieronder$"))
    total = int(count.inner_text().split()[0])
    assert total > 10
    assert page.locator(".md-search-result__item").count() == 10


def test_first_query_downloads_only_the_search_files_it_needs(page: Page, base_url: str) -> None:
    requested: list[str] = []
    page.on("requestfinished", lambda request: requested.append(request.url))
    # One query, filled in at once: typed letter by letter, a pause under load would search "wonin" too and
    # fetch the fragments of its results as well.
    page.goto(f"{base_url}/", wait_until="load")
    page.keyboard.press("/")
    page.locator("input.md-search__input").fill("woningdelen")
    expect(page.locator(".md-search-result__meta")).to_have_text(COUNT)
    expect(page.locator(".md-search-result__item")).to_have_count(10)
    search_files = [url for url in requested if "/pagefind/" in url]
    assert any(url.endswith(".pf_index") for url in search_files)
    assert not any(url.endswith("search_index.json") and "docs" in url for url in search_files)
    fragments = [url for url in search_files if url.endswith(".pf_fragment")]
    assert 1 <= len(fragments) <= 10, fragments  # only the pages shown, not every page of the site


# --- Issue 14: what a visitor of the search gets ---------------------------------------------------------

def test_each_result_says_what_kind_of_page_it_is(page: Page, base_url: str) -> None:
    search(page, base_url, "woningdelen")
    headings = kinds_and_titles(page)
    title = case_data("haarlem-woningdelen-jonge-statushouders")["titel"]
    assert f"Casus · {title}" in headings
    assert "Achtergrond · Woningdelen" in headings or any(heading.startswith("Casus · ") for heading in headings)


def test_reference_pages_do_not_push_cases_out_of_ordinary_results(page: Page, base_url: str) -> None:
    # The field reference and the error codes mention every field name; an ordinary visitor looks for cases.
    search(page, base_url, "statushouders")
    kinds = [heading.split(" · ", 1)[0] for heading in kinds_and_titles(page)]
    assert "Naslag" not in kinds, kinds
    assert kinds.count("Casus") >= 5, kinds


def test_beyond_the_best_ten_a_link_opens_every_matching_case(page: Page, base_url: str) -> None:
    search(page, base_url, "statushouders")
    more = page.get_by_role("link", name="Zoek in alle casussen op ‘statushouders’")
    expect(more).to_be_visible()
    more.click()
    page.wait_for_url(re.compile(r"/casussen/zoeken/\?tekst=statushouders$"))
    expect(page.get_by_label("Zoek op woorden")).to_have_value("statushouders")
    expect(page.locator(".tb-search__count")).to_have_text(re.compile(r"^\d+ casussen gevonden$"))


def test_a_query_pasted_with_the_mouse_searches_without_a_key(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()  # with the mouse, as someone who pastes with the mouse does
    expect(box).to_be_focused()
    # What a paste from the context menu does: the text arrives in one input event, with no key at all
    # (Playwright's insert_text sends exactly that, as the browser's own, trusted event).
    page.keyboard.insert_text("woningdelen")
    expect(page.locator(".md-search-result__meta")).to_have_text(COUNT)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
