"""Browser tests: the real site, built once per session, served on loopback, driven in Debian's Chromium.

Playwright drives /usr/bin/chromium (installed by `make setup`; Playwright's own browser download does
not work here). axe-core comes from node_modules (installed by `make setup` from package-lock.json).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from thuisbasis.loading import load_document

ROOT = Path(__file__).parent.parent.parent
CHROMIUM = Path(os.environ.get("THUISBASIS_CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Flags for a closed network as root; see the machine notes: without the background-networking flags
# Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def site_dir(project_site: Path) -> Path:
    """The project's own site (tests/conftest.py builds it once per session)."""
    return project_site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} ontbreekt: draai `make setup` (installeert Debian's chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def shared_context(browser: Browser, base_url: str) -> Iterator[BrowserContext]:
    """The context the ``page`` fixture opens its tabs in, one per worker, with a first tab on the site that
    stays open. A tab opened beside a live tab of the same site costs Chromium about half the CPU of a tab in
    a new context (0.5 against 1.1 s a case page on the 2-core machine), and the browser tests open some two
    hundred. With a new context per test the browser tests took 450 s CPU, with this 338 s (the whole machine's,
    three workers). The HTTP cache is shared between the tests of a worker, as in one visitor's browser."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.new_page().goto(f"{base_url}/404.html", wait_until="load")
    yield context
    context.close()


@pytest.fixture
def page(shared_context: BrowserContext) -> Iterator[Page]:
    """A new tab at 1280 x 900 with nothing stored: the tabs a test opened are closed after it, and what the
    site stored (localStorage: checklist answers, the palette) and cookies and permissions are cleared. A
    test that changes its context in another way (``context.add_init_script``, ``context.route``) opens its
    own context with ``browser.new_context``; the page-level forms are fine here."""
    keeper = shared_context.pages[0]
    opened = shared_context.new_page()
    yield opened
    for tab in shared_context.pages[1:]:
        tab.close()
    keeper.evaluate("localStorage.clear()")
    shared_context.clear_cookies()
    shared_context.clear_permissions()


def axe_violations(page: Page, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core in the page and return its violations (id, impact, and the offending targets)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} ontbreekt: draai `make setup` (npm ci)")
    # Evaluated through the DevTools protocol, not added as a <script>: the site's Content-Security-Policy
    # (overrides/main.html) rightly blocks an inline script it does not know.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags or AXE_TAGS)
    return [
        {"id": violation["id"], "impact": violation["impact"],
         "targets": [node["target"] for node in violation["nodes"]]}
        for violation in result["violations"]
    ]


def requests_to_other_hosts(page: Page, url: str, base_url: str) -> list[str]:
    """Load ``url`` and return every request that went anywhere but the site itself."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.goto(url, wait_until="networkidle")
    return [address for address in seen if not address.startswith((base_url, "data:", "blob:"))]


def set_dark(page: Page, base_url: str) -> None:
    """Switch the site to the dark palette with Material's toggle (the choice is kept for later pages)."""
    page.goto(f"{base_url}/", wait_until="networkidle")
    page.locator("label.md-header__button[for=__palette_1]").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")


# --- Which case pages the expensive checks visit ---------------------------------------------------------

def case_features(data: Any, path: tuple[str, ...] = ()) -> set[str]:
    """What a case file uses, as the case template sees it: every field path that is filled (lists of
    mappings followed into their items), every registry value chosen for a few fields that change the
    page (country, role, status, meetwijze, outcome), and which measure shapes occur."""
    found: set[str] = set()
    if isinstance(data, dict):
        if {"van", "tot"} <= data.keys() or "kwalificatie" in data:
            found.add(".".join(path) + (":bereik" if "van" in data else ":kwalificatie"))
        for key, value in data.items():
            found.add(".".join((*path, key)))
            if key in ("land", "rol", "status", "meetwijze", "uitkomst", "opzet", "per", "periode") and isinstance(value, str):
                found.add(f"{'.'.join((*path, key))}={value}")
            found |= case_features(value, (*path, key))
    elif isinstance(data, list):
        for item in data:
            found |= case_features(item, path)
    return found


def representative_case_pages(cases_dir: Path) -> list[str]:
    """Few case pages that together show every feature the real cases use, and the longest case: the pages
    the checks that cost a second or more per page (axe-core) visit. Every case page is rendered by the same
    template, so a feature that passes on one page passes on all; checks that are cheap per page (the four
    answers in the first screen, tables on a phone) still visit every case page."""
    features = {}
    for path in sorted(cases_dir.glob("*.yaml")):
        found = case_features(load_document(path)[0].data)  # the project's own loader, as the build reads it
        features[path.stem] = found | ({"locatie.zonder-gemeenten"} if "locatie.gemeenten" not in found else set())
    longest = max(sorted(cases_dir.glob("*.yaml")), key=lambda path: path.stat().st_size).stem
    chosen = [longest]
    uncovered = set().union(*features.values()) - features[longest]
    while uncovered:
        best = max(sorted(features), key=lambda stem: len(features[stem] & uncovered))
        chosen.append(best)
        uncovered -= features[best]
    return [f"/casussen/{stem}/" for stem in chosen]
