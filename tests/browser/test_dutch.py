"""The site speaks Dutch wherever a visitor looks, also in the theme's own strings (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

ENGLISH = re.compile(r"Made with|Permanent link|Skip to content|Back to top|Copy to clipboard"
                     r"|Last update|Initializing search|Type to start searching")


def test_no_page_of_the_built_site_carries_an_english_theme_string(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 50
    leaks = {str(page.relative_to(site_dir)): found.group() for page in pages
             if (found := ENGLISH.search(page.read_text(encoding="utf-8")))}
    assert leaks == {}


def test_heading_links_are_named_in_dutch(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/over/")
    titles = page.locator("a.headerlink").evaluate_all("links => links.map(link => link.title)")
    assert titles and set(titles) == {"Link naar dit kopje"}
    assert "Material" not in page.locator("footer").inner_text()


@pytest.mark.parametrize("width", [375, 1280])
def test_an_error_code_stays_on_one_line(browser: Browser, base_url: str, width: int) -> None:
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": 800})
    opened = context.new_page()
    opened.goto(f"{base_url}/referentie/foutcodes/")
    lines = opened.locator(".tb-codes th code").evaluate_all("codes => codes.map(code => code.getClientRects().length)")
    context.close()
    assert len(lines) > 50 and set(lines) == {1}


def test_every_page_says_the_licence_and_where_the_colophon_and_contact_are(page: Page, base_url: str) -> None:
    # Issue 14: no licence for content or data, no colophon, a contact route only through GitHub.
    for path in ("/", "/casussen/", "/open-data/"):
        page.goto(f"{base_url}{path}")
        footer = page.locator("footer .md-copyright")
        expect(footer.get_by_role("link", name="CC BY 4.0")).to_have_attribute(
            "href", "https://creativecommons.org/licenses/by/4.0/deed.nl")
        footer.get_by_role("link", name="Colofon").click()
        expect(page.locator("#colofon")).to_be_visible()
        assert page.url.endswith("/over/#colofon")
    expect(page.locator("#contact")).to_be_visible()
    expect(page.locator("#hergebruik-licentie")).to_be_visible()


def test_a_case_page_says_how_to_cite_it(page: Page, base_url: str, site_dir: Path) -> None:
    case_id = sorted(path.parent.name for path in (site_dir / "casussen").glob("*/index.html"))[0]
    page.goto(f"{base_url}/casussen/{case_id}/")
    title = page.locator("h1").inner_text().removesuffix("¶")  # the heading link
    cite = page.locator(".tb-cite")
    expect(cite).to_contain_text(f"Thuisbasis, {title}, laatst beoordeeld op ")
    expect(cite).to_contain_text(f"/casussen/{case_id}/ op de site van Thuisbasis")  # unpublished: the path
    expect(page.locator(".tb-licence").get_by_role("link", name="CC BY 4.0")).to_be_visible()
