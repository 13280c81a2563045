"""The Content-Security-Policy (overrides/main.html) in Chromium: the site still works, nothing is blocked.

Every test collects CSP violations two ways: the `securitypolicyviolation` events of the page (an init
script records them) and Chromium's console messages. Material's inline scripts are allowed by hash;
the palette test proves that: the stored palette is only applied by Material's inline palette script.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from browser.conftest import ROOT

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""


@pytest.fixture
def watched(page: Page) -> tuple[Page, list[str]]:
    """The page, and every console error or page error it logs (CSP reports show up as console errors)."""
    problems: list[str] = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    return page, problems


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def assert_clean(page: Page, problems: list[str]) -> None:
    assert violations(page) == []
    assert [text for text in problems if "Content Security Policy" in text or "pageerror" in text] == []


def test_every_page_carries_the_policy_before_any_script(watched: tuple[Page, list[str]], base_url: str) -> None:
    page, problems = watched
    page.goto(f"{base_url}/", wait_until="networkidle")
    head = page.evaluate("document.head.innerHTML")
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy and "script-src 'self' 'sha256-" in policy and "object-src 'none'" in policy
    assert head.index("Content-Security-Policy") < head.index("<script")
    assert head.index("Content-Security-Policy") < head.index('rel="stylesheet"')
    assert_clean(page, problems)


def test_an_injected_inline_script_is_blocked(watched: tuple[Page, list[str]], base_url: str) -> None:
    """The policy is enforced (so the other tests can fail): a script Material did not write does not run."""
    page, _ = watched
    page.goto(f"{base_url}/", wait_until="networkidle")
    ran = page.evaluate("""() => { const script = document.createElement('script');
        script.textContent = 'window.__injected = true'; document.head.append(script);
        return window.__injected === true; }""")
    assert ran is False
    page.wait_for_function("window.__cspViolations.length > 0")
    assert violations(page)[0].startswith("script-src")


def test_search_opens_and_finds(watched: tuple[Page, list[str]], base_url: str) -> None:
    page, problems = watched
    page.goto(f"{base_url}/", wait_until="networkidle")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("Haarlem", delay=20)
    expect(page.locator(".md-search-result__meta")).to_have_text(
        re.compile(r"^\d+ overeenkomende documenten?(, de beste \d+ staan hieronder)?$"))
    assert page.locator(".md-search-result__item").count() >= 1
    assert_clean(page, problems)


def test_palette_toggle_is_kept_by_materials_inline_script(watched: tuple[Page, list[str]], base_url: str) -> None:
    page, problems = watched
    page.emulate_media(color_scheme="light")
    page.goto(f"{base_url}/casussen/", wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator('label[for="__palette_1"]').click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.reload(wait_until="networkidle")  # the stored choice is applied by the hashed inline script
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert_clean(page, problems)


def test_filter_page_filters(watched: tuple[Page, list[str]], base_url: str) -> None:
    page, problems = watched
    page.goto(f"{base_url}/casussen/zoeken/", wait_until="networkidle")
    count = page.locator(".tb-search__count")
    expect(count).to_have_text(re.compile(r"^\d+ (casus|casussen) gevonden$"))
    before = count.inner_text()
    page.locator("#tb-zoeken input[type=checkbox][name]").first.check()
    expect(count).not_to_have_text(before)
    assert_clean(page, problems)


def test_checklist_ticks_survive_a_reload(watched: tuple[Page, list[str]], base_url: str) -> None:
    page, problems = watched
    checklist = sorted(path.stem for path in (ROOT / "checklists").glob("*.yaml"))[0]
    page.goto(f"{base_url}/checklists/{checklist}/", wait_until="networkidle")
    first = page.locator(".tb-item[data-item]").first.get_attribute("data-item")
    page.locator(f"#vink-{first}").check()
    page.reload(wait_until="networkidle")
    assert page.locator(f"#vink-{first}").is_checked()
    assert_clean(page, problems)


@pytest.mark.parametrize("path", ["/404.html", "/casussen/utrecht-majella-wonen/", "/checklists/gemengd-wonen-en-sociaal-beheer/werkvorm/",
                                  "/woonvormen/", "/referentie/foutcodes/"])
def test_pages_at_every_depth_have_no_violations(watched: tuple[Page, list[str]], base_url: str, path: str) -> None:
    page, problems = watched
    page.goto(f"{base_url}{path}", wait_until="networkidle")
    assert page.evaluate("typeof __md_get") == "function"  # Material's hashed scope script ran
    assert_clean(page, problems)
