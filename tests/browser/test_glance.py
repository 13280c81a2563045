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


@pytest.fixture(scope="module", params=list(SCREENS.values()), ids=list(SCREENS))
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    yield from tab_of_size(browser, request.param)


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    yield from tab_of_size(browser, SCREENS["telefoon"])


def test_the_four_answers_are_in_the_first_screen(screen: Page, base_url: str) -> None:
    """Every case page, in one test per screen size (one tab, no per-test overhead; the failures are listed)."""
    height = screen.viewport_size["height"] if screen.viewport_size else 0
    late = []
    for path in CASE_PAGES:
        screen.goto(f"{base_url}{path}", wait_until="load")
        panel = screen.locator("dl.tb-answers")
        expect(panel.locator("dt")).to_have_text(QUESTIONS)
        box, facts = panel.bounding_box(), screen.locator("dl.tb-facts").bounding_box()
        assert box is not None and facts is not None and facts["y"] > box["y"], f"{path}: facts before answers"
        if not (box["y"] >= 0 and box["y"] + box["height"] <= height):
            late.append(f"{path}: panel ends at {box['y'] + box['height']}px")
    assert late == []


@pytest.mark.parametrize("path", AXE_CASE_PAGES)
def test_a_case_page_on_a_phone_has_no_axe_violations(phone: Page, base_url: str, path: str) -> None:
    phone.goto(f"{base_url}{path}", wait_until="load")
    violations = axe_violations(phone)
    assert violations == [], report(f"{path} (375 px)", violations)


def test_on_a_phone_every_value_of_the_indicator_and_cost_tables_is_on_screen(phone: Page, base_url: str) -> None:
    # Issue 14: the Resultaat and Bron columns were off-screen at 375 px; each row is now a block of
    # labelled lines. Every case page, in one test.
    off_screen, labelled = [], 0
    for path in CASE_PAGES:
        phone.goto(f"{base_url}{path}")
        cells = phone.locator(".tb-indicators td").evaluate_all(
            "cells => cells.filter(cell => cell.offsetParent !== null).map(cell => {"
            " const box = cell.getBoundingClientRect();"
            " return {label: cell.dataset.label, right: box.right, before: getComputedStyle(cell, '::before').content}; })")
        off_screen += [f"{path}: {cell['label']} ends at {cell['right']}px" for cell in cells if cell["right"] > 375]
        assert all(cell["before"] == f'"{cell["label"]}"' for cell in cells), path
        labelled += len(cells)
    assert off_screen == [] and labelled > 100
