"""The answer at a glance (issue 12): on every case page the four answers are in the first screen, on a
desktop and on a phone; on a phone the tables read as labelled lines (issue 14). axe-core checks the
representative case pages on a phone here and at 1280 px in both palettes in test_accessibility.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import axe_violations
from browser.test_accessibility import AXE_CASE_PAGES, CASE_PAGES, report

SCREENS = {"desktop": (1280, 900), "telefoon": (375, 812)}
QUESTIONS = ["Werkt het?", "Hoe zeker?", "Wat kost het?", "Hoe actueel?"]


def tab_of_size(browser: Browser, size: tuple[int, int]) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL", viewport={"width": size[0], "height": size[1]})
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    yield from tab_of_size(browser, SCREENS["telefoon"])


def answers_out_of_first_screen(tab: Page, path: str) -> list[str]:
    """On the case page open in ``tab``: the four questions in order, before the facts; returns where the
    panel ends if that is below the first screen."""
    height = tab.viewport_size["height"] if tab.viewport_size else 0
    panel = tab.locator("dl.tb-answers")
    expect(panel.locator("dt")).to_have_text(QUESTIONS)
    box, facts = panel.bounding_box(), tab.locator("dl.tb-facts").bounding_box()
    assert box is not None and facts is not None and facts["y"] > box["y"], f"{path}: facts before answers"
    if box["y"] >= 0 and box["y"] + box["height"] <= height:
        return []
    return [f"{path}: panel ends at {box['y'] + box['height']}px"]


def table_cells_off_screen(tab: Page, path: str) -> tuple[list[str], int]:
    """On the case page open in ``tab`` (a phone): the indicator-table cells that end beyond the screen, and
    how many visible cells there are; every visible cell shows its column's label before it."""
    cells = tab.locator(".tb-indicators td").evaluate_all(
        "cells => cells.filter(cell => cell.offsetParent !== null).map(cell => {"
        " const box = cell.getBoundingClientRect();"
        " return {label: cell.dataset.label, right: box.right, before: getComputedStyle(cell, '::before').content}; })")
    assert all(cell["before"] == f'"{cell["label"]}"' for cell in cells), path
    return [f"{path}: {cell['label']} ends at {cell['right']}px" for cell in cells if cell["right"] > 375], len(cells)


def test_the_four_answers_are_in_the_first_screen_on_a_desktop_and_a_phone_and_tables_fit_a_phone(
        phone: Page, base_url: str) -> None:
    """Every case page, loaded once in one tab: measured at 1280 px, then with the window narrowed to a phone's
    (the layout is CSS media queries, which follow the window) for the answers and the tables. Issue 14: the
    Resultaat and Bron columns of the indicator and cost tables were off-screen at 375 px; each row is now a
    block of labelled lines. The failures are listed."""
    late, off_screen, labelled = [], [], 0
    for path in CASE_PAGES:
        phone.set_viewport_size(dict(zip(("width", "height"), SCREENS["desktop"], strict=True)))
        phone.goto(f"{base_url}{path}", wait_until="load")
        late += answers_out_of_first_screen(phone, f"{path} (desktop)")
        phone.set_viewport_size(dict(zip(("width", "height"), SCREENS["telefoon"], strict=True)))
        late += answers_out_of_first_screen(phone, f"{path} (telefoon)")
        beyond, cells = table_cells_off_screen(phone, path)
        off_screen += beyond
        labelled += cells
    assert late == []
    assert off_screen == [] and labelled > 100


@pytest.mark.parametrize("path", AXE_CASE_PAGES)
def test_a_case_page_on_a_phone_has_no_axe_violations(phone: Page, base_url: str, path: str) -> None:
    phone.goto(f"{base_url}{path}", wait_until="load")
    violations = axe_violations(phone)
    assert violations == [], report(f"{path} (375 px)", violations)
