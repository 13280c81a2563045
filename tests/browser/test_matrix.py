"""The gap map 'Wat werkt waar?' in Chromium: evidence strength in every cell, headers that stay in view
while the table scrolls, and a row that can be read on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from browser.conftest import axe_violations
from browser.test_accessibility import report

PATH = "/werkzame-bestanddelen/matrix/"
MAX_BYTES = 100_000


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 812})
    yield context.new_page()
    context.close()


def test_every_filled_cell_names_its_strongest_level_in_text(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}{PATH}", wait_until="load")
    cells = page.locator(".tb-matrix td.tb-matrix__cell")
    assert cells.count() > 0
    for cell in cells.all():
        shade = next(name for name in (cell.get_attribute("class") or "").split() if "--niveau-" in name)
        assert cell.locator(".tb-matrix__level").inner_text() == f"niv. {shade.rsplit('-', 1)[1]}"


def test_on_a_phone_a_row_can_be_read_with_its_header_in_view(phone: Page, base_url: str) -> None:
    phone.goto(f"{base_url}{PATH}", wait_until="load")
    box = phone.locator(".tb-matrix").first
    box.scroll_into_view_if_needed()
    row = box.locator("tbody tr").first
    header = row.locator("th")
    box.evaluate("node => { node.scrollLeft = node.scrollWidth; }")  # to the last column
    last = row.locator("td").last
    for part in (header, last):
        where = part.bounding_box()
        assert where is not None and where["x"] >= 0 and where["x"] + where["width"] <= 375 + 1, where
    assert header.bounding_box()["x"] < last.bounding_box()["x"]  # type: ignore[index]
    # Scrolled down inside the box, the column headings stay at its top.
    box.evaluate("node => { node.scrollTop = node.scrollHeight; }")
    heading = box.locator("thead th").nth(1).bounding_box()
    top = box.bounding_box()
    assert heading is not None and top is not None and abs(heading["y"] - top["y"]) < 2
    violations = axe_violations(phone)
    assert violations == [], report(f"{PATH} (375 px)", violations)


@pytest.mark.parametrize("path", [PATH, "/werkzame-bestanddelen/matrix-doelgroepen/"])
def test_the_gap_map_stays_small(site_dir: Path, path: str) -> None:
    assert (site_dir / path.strip("/") / "index.html").stat().st_size < MAX_BYTES
