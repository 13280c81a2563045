"""The answer at a glance (issue 12): on every case page the four answers are in the first screen, on a
desktop and on a phone, and pass axe-core on the phone too (tests/browser/test_accessibility.py checks
every case page at 1280 px in both palettes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from browser.conftest import axe_violations
from browser.test_accessibility import CASE_PAGES, report

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


@pytest.mark.parametrize("path", CASE_PAGES)
def test_the_four_answers_are_in_the_first_screen(screen: Page, base_url: str, path: str) -> None:
    screen.goto(f"{base_url}{path}", wait_until="load")
    panel = screen.locator("dl.tb-answers")
    expect(panel.locator("dt")).to_have_text(QUESTIONS)
    box = panel.bounding_box()
    assert box is not None
    height = screen.viewport_size["height"] if screen.viewport_size else 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, f"{path}: panel ends at {box['y'] + box['height']}px"
    facts = screen.locator("dl.tb-facts").bounding_box()
    assert facts is not None and facts["y"] > box["y"], "the facts box comes after the answers"


@pytest.mark.parametrize("path", CASE_PAGES)
def test_a_case_page_on_a_phone_has_no_axe_violations(phone: Page, base_url: str, path: str) -> None:
    phone.goto(f"{base_url}{path}", wait_until="load")
    violations = axe_violations(phone)
    assert violations == [], report(f"{path} (375 px)", violations)


@pytest.mark.parametrize("path", CASE_PAGES)
def test_on_a_phone_every_value_of_the_indicator_and_cost_tables_is_on_screen(phone: Page, base_url: str,
                                                                              path: str) -> None:
    # Issue 14: the Resultaat and Bron columns were off-screen at 375 px; each row is now a block of
    # labelled lines.
    phone.goto(f"{base_url}{path}")
    cells = phone.locator(".tb-indicators td").evaluate_all(
        "cells => cells.filter(cell => cell.offsetParent !== null).map(cell => {"
        " const box = cell.getBoundingClientRect();"
        " return {label: cell.dataset.label, right: box.right, before: getComputedStyle(cell, '::before').content}; })")
    assert all(cell["right"] <= 375 for cell in cells), [cell for cell in cells if cell["right"] > 375][:3]
    assert all(cell["before"] == f'"{cell["label"]}"' for cell in cells)
