"""Accessibility of the built site in Chromium: axe-core (WCAG 2.1 A and AA) on every page type, in the
light and the dark palette; the opened search dialog; the Dutch 404 page, also where a host serves it
for a deep missing URL; keyboard focus in the navigation drawer; and no request to any other host.

The fixes these tests guard are in docs/stylesheets/toegankelijkheid.css and overrides/ (the comments
there say what was measured before). Speed: the page-type audit reuses one browser tab for the module,
so Chromium keeps Material's and axe's compiled scripts between pages.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browser.conftest import AXE_TAGS, ROOT, axe_violations, representative_case_pages

SCHEMES = {"licht": "default", "donker": "slate"}
SECTION_PAGES = [
    "/", "/casussen/", "/woonvormen/", "/doelgroepen/", "/provincies/", "/werkzame-bestanddelen/",
    "/werkzame-bestanddelen/matrix/", "/werkzame-bestanddelen/matrix-doelgroepen/", "/bewijs/", "/open-data/", "/over/", "/bijdragen/", "/toegankelijkheid/",
    "/referentie/velden/", "/referentie/waarden/", "/referentie/foutcodes/", "/checklists/", "/landelijk-beeld/",
]
VALUE_PAGES = [
    "/woonvormen/woningdelen/", "/doelgroepen/statushouders/", "/provincies/utrecht/", "/bewijs/doelen-benoemd/",
    "/werkzame-bestanddelen/omklapcontract/", "/checklists/woningdelen-starten/",
    "/checklists/woningdelen-starten/werkvorm/",
]
CASE_PAGES = [f"/casussen/{path.stem}/" for path in sorted((ROOT / "cases").glob("*.yaml"))]
# axe-core costs a second or more per page: it visits the few case pages that together use every feature
# of the case template (browser/conftest.representative_case_pages), not all 69 and counting.
AXE_CASE_PAGES = representative_case_pages(ROOT / "cases")
SCRIPTED_PAGES = ["/casussen/zoeken/", "/casussen/vergelijken/"]  # filled by docs/javascripts after loading
PAGES = [*SECTION_PAGES, *VALUE_PAGES, *AXE_CASE_PAGES, *SCRIPTED_PAGES, "/404.html"]
MISSING = "/bestaat/niet/"


def stored_palette(scheme: str) -> str:
    """The value Material's palette toggle stores; its inline script applies it before the first paint."""
    index = list(SCHEMES.values()).index(scheme)
    return json.dumps({"index": index, "color": {"media": "", "scheme": scheme, "primary": "indigo", "accent": "indigo"}})


# Material keys its storage by the site's path: "/" + ".__palette" for a site at the root of the host.
PALETTE_KEY = "/.__palette"


def open_in_palette(page: Page, url: str, scheme: str) -> None:
    """Open ``url`` in ``page`` with the palette ``scheme``."""
    page.add_init_script(f"localStorage.setItem('{PALETTE_KEY}', {json.dumps(stored_palette(scheme))})")
    page.goto(url, wait_until="load")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme


@pytest.fixture(scope="module")
def tab(browser: Browser, base_url: str) -> Iterator[Page]:
    """One tab for the whole page-type audit (see the module docstring)."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.goto(f"{base_url}/404.html", wait_until="commit")  # the site's origin, for localStorage
    yield opened
    context.close()


def show(tab: Page, url: str, scheme: str) -> list[str]:
    """Open ``url`` in ``tab`` in the palette ``scheme``; return the requests made to other hosts."""
    tab.evaluate("([key, value]) => localStorage.setItem(key, value)", [PALETTE_KEY, stored_palette(scheme)])
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(url))
    foreign: list[str] = []

    def note(request: Request) -> None:
        if not request.url.startswith((origin, "data:", "blob:")):
            foreign.append(request.url)

    tab.on("request", note)
    try:  # the filter and compare pages are filled by their scripts after loading
        response = tab.goto(url, wait_until="networkidle" if urlsplit(url).path in SCRIPTED_PAGES else "load")
    finally:
        tab.remove_listener("request", note)
    assert response is not None and response.ok, f"{url}: not found in the built site"
    assert tab.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    return foreign


def report(where: str, violations: list[dict[str, Any]]) -> str:
    """One line per violated rule: its id, impact and the elements (CSS selectors) that fail it."""
    lines = [f"axe-core found {len(violations)} violated rule(s) on {where}:"]
    for violation in violations:
        targets = ", ".join(" > ".join(target) for target in violation["targets"])
        lines.append(f"  {violation['id']} ({violation['impact']}): {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(tab: Page, base_url: str, path: str, scheme: str) -> None:
    assert show(tab, f"{base_url}{path}", scheme) == []  # with its scripts: nothing from other hosts
    violations = axe_violations(tab)
    assert violations == [], report(f"{path} ({scheme})", violations)


def open_search(page: Page, query: str) -> None:
    """Open Material's search dialog with the keyboard, type ``query`` and wait for its results."""
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.locator(".md-search-result__item").first.wait_for()


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_open_search_dialog_has_no_axe_violations(page: Page, base_url: str, scheme: str) -> None:
    open_in_palette(page, f"{base_url}/", scheme)
    open_search(page, "woningdelen")
    expect(page.locator(".md-search")).to_have_attribute("aria-label", "Zoeken op deze site")
    violations = axe_violations(page, [*AXE_TAGS, "best-practice"])
    assert violations == [], report(f"the search dialog ({scheme})", violations)


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_a_focused_link_keeps_its_contrast(page: Page, base_url: str, scheme: str) -> None:
    """Material colours a focused or hovered link in its accent colour, which axe never sees unfocused."""
    open_in_palette(page, f"{base_url}/casussen/haarlem-woningdelen-jonge-statushouders/", scheme)
    link = page.locator(".md-content a[href*='woonvormen/']").first
    link.focus()
    accent = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()")
    # Wait until Material's colour transition has reached the accent colour.
    link.evaluate("""(el, accent) => new Promise(done => {
        const probe = document.createElement('span'); probe.style.color = accent; document.body.append(probe);
        const target = getComputedStyle(probe).color; probe.remove();
        const check = () => getComputedStyle(el).color === target ? done() : requestAnimationFrame(check);
        check(); })""", accent)
    violations = axe_violations(page)
    assert violations == [], report(f"a focused link ({scheme})", violations)


def test_best_practice_rules_pass_on_a_case_page(page: Page, base_url: str) -> None:
    """Beyond WCAG: axe's best practices (landmarks, one h1, named dialog), run once."""
    page.goto(f"{base_url}{CASE_PAGES[0]}", wait_until="load")
    violations = axe_violations(page, ["best-practice"])
    assert violations == [], report(f"{CASE_PAGES[0]} (best practice)", violations)


def test_keyboard_focus_in_the_navigation_drawer_stays_visible_at_200_percent_zoom(page: Page, base_url: str) -> None:
    """A 1280 px window at 200% zoom is 640 CSS px: Material hides the navigation in a drawer."""
    page.set_viewport_size({"width": 640, "height": 450})
    page.goto(f"{base_url}{CASE_PAGES[0]}", wait_until="load")
    home = page.locator(".md-sidebar--primary a.md-nav__link[href]").first
    for _ in range(12):
        page.keyboard.press("Tab")
        if home.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the first link of the navigation")
    drawer = page.locator(".md-sidebar--primary")
    try:  # it slides in (0.25 s)
        page.wait_for_function("el => el.getBoundingClientRect().left >= 0", arg=drawer.element_handle(), timeout=3000)
    except PlaywrightTimeoutError:
        pytest.fail("the navigation drawer stays off screen while a link in it has the keyboard focus")
    box = home.bounding_box()
    assert box is not None and box["x"] >= 0 and box["width"] > 0
    # The next stops in the drawer are all visible: links of a closed section are out of the tab order.
    for _ in range(6):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const el = document.activeElement;
            return {inDrawer: !!el.closest('.md-sidebar--primary'), text: el.textContent.trim(),
                    visible: el.checkVisibility({opacityProperty: true, visibilityProperty: true})}; }""")
        if not focused["inDrawer"]:
            break
        assert focused["visible"], f"focus on an invisible item in the drawer: {focused['text']!r}"


# --- The Dutch 404 page, served as a host does: for any missing URL, at any depth ------------------

class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; a missing path gets site/404.html with status 404, as GitHub Pages does."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            super().send_error(code, message, explain)
            return
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def host_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_NotFoundHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_404_page_works_at_a_deep_missing_url(page: Page, host_url: str) -> None:
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    response = page.goto(f"{host_url}{MISSING}", wait_until="networkidle")
    assert response is not None and response.status == 404
    assert failed == [f"{host_url}{MISSING}"]  # only the page itself; every asset was found
    assert page.locator("html").get_attribute("lang") == "nl"
    expect(page.locator("h1")).to_have_text("Pagina niet gevonden")
    assert page.title() == "Pagina niet gevonden - Thuisbasis"
    # Every stylesheet was found and applies (Material's and ours; ours makes the search form a row).
    sheets = page.evaluate("""[...document.querySelectorAll('link[rel=stylesheet]')]
        .map(link => [link.getAttribute('href'), link.sheet ? link.sheet.cssRules.length : 0])""")
    assert len(sheets) >= 3 and all(rules > 0 for _, rules in sheets), sheets
    assert page.locator(".tb-notfound-search").evaluate("el => getComputedStyle(el).display") == "flex"
    violations = axe_violations(page)
    assert violations == [], report(f"{MISSING} (the 404 page)", violations)

    content = page.locator(".md-content")
    assert content.get_by_role("link", name="homepagina van Thuisbasis").get_attribute("href") == "/"
    content.get_by_role("link", name="Casussen zoeken").click()
    expect(page).to_have_url(f"{host_url}/casussen/zoeken/")
    expect(page.locator("h1")).to_contain_text("Casussen zoeken")


def test_404_search_form_opens_the_site_search_with_the_query(page: Page, host_url: str) -> None:
    page.goto(f"{host_url}{MISSING}", wait_until="load")
    page.get_by_label("Zoekwoord").fill("woningdelen")
    page.locator(".tb-notfound-search").get_by_role("button", name="Zoeken").click()
    expect(page.locator("input.md-search__input")).to_have_value("woningdelen")
    page.locator(".md-search-result__item").first.wait_for()
    titles = [title.split(" · ", 1)[-1] for title in page.locator(".md-search-result__item h1").all_inner_texts()]  # "Casus · ..."
    assert "Plan voor woningdelen door jonge statushouders in Haarlem" in titles


# --- No request to any other host, on every built page ----------------------------------------------

def built_paths(site_dir: Path) -> list[str]:
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        paths.append("/" + re.sub(r"(^|/)index\.html$", r"\1", relative))
    return paths


def test_no_built_page_requests_another_host(browser: Browser, base_url: str, site_dir: Path) -> None:
    """Every HTML page in site/: what its HTML and CSS load (images, styles, fonts, frames) stays here.

    Scripts are switched off to keep this quick: they are the same files on every page and each acts
    only on its own kind of page, and every kind of page is loaded with its scripts running in
    test_page_has_no_axe_violations, which checks its requests too. The requests are watched, not routed:
    routing would switch off Chromium's cache and fetch every stylesheet, font and image again per page.
    """
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    foreign: dict[str, list[str]] = {}
    current = {"path": ""}

    def note(request: Request) -> None:
        if not request.url.startswith((base_url, "data:", "blob:")):
            foreign.setdefault(current["path"], []).append(request.url)

    page.on("request", note)
    paths = built_paths(site_dir)
    assert len(paths) > 50 and "/404.html" in paths and set(PAGES) <= set(paths)
    try:
        for path in paths:
            current["path"] = path
            page.goto(f"{base_url}{path}", wait_until="load")
    finally:
        context.close()
    assert foreign == {}, f"requests to other hosts, by page: {foreign}"
