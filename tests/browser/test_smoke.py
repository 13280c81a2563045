"""The built site works in a real browser: a case page loads, shows its title and asks no other host."""

from __future__ import annotations

from playwright.sync_api import Page

from browser.conftest import requests_to_other_hosts


def test_a_case_page_loads_its_title_and_nothing_from_other_hosts(page: Page, base_url: str) -> None:
    url = f"{base_url}/casussen/landgraaf-tijdelijke-huisvesting-basisschool/"
    assert requests_to_other_hosts(page, url, base_url) == []
    heading = page.locator("h1").evaluate("h1 => h1.firstChild.textContent")  # without the permalink
    assert heading == "Tijdelijk wonen in een voormalige basisschool in Landgraaf"
    assert page.locator("html").get_attribute("lang") == "nl"


def test_search_finds_case_text(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("omklapcontract", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    titles = [title.split(" · ", 1)[-1] for title in page.locator(".md-search-result__item h1").all_inner_texts()]  # "Casus · ..."
    assert "Gezamenlijk plan in Utrecht: sneller van opvang en beschermd wonen naar een eigen woning" in titles
