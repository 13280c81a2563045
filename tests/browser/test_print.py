"""Case pages printed to A4 by Chromium (issue 14): no page left mostly empty before a long block, no heading,
table caption or column-heading row alone at the bottom of a page.

Chromium's own PDF is read with pypdf: the baselines of the text on each page say how far down the page is
filled. Fragmentation cannot be measured in the DOM, so the PDF is the only honest witness.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

ROOT = Path(__file__).parent.parent.parent
MM = 72 / 25.4  # PDF points per millimetre
TOP_MARGIN, BOTTOM_MARGIN = 15 * MM, 17 * MM  # @page in docs/stylesheets/afdrukken.css; the footer lives below
MIN_FILL = 0.5  # every page but the last is at least half full
LONGEST = 4  # how many of the longest case files are printed

# Text on one baseline (within this many points) is one line.
SAME_LINE = 2.0


@dataclass(frozen=True)
class PrintedPage:
    """One PDF page: its height and its lines of text from top to bottom, as (baseline y, text)."""
    height: float
    lines: list[tuple[float, str]]

    def body(self) -> list[tuple[float, str]]:
        """The lines above the footer margin (page number, address, date)."""
        return [(y, text) for y, text in self.lines if y > BOTTOM_MARGIN]

    def fill(self) -> float:
        """How far down the content area the lowest line of text reaches, 0 to 1."""
        body = self.body()
        if not body:
            return 0.0
        top, bottom = self.height - TOP_MARGIN, BOTTOM_MARGIN
        return (top - min(y for y, _ in body)) / (top - bottom)

    def last_line(self) -> str:
        body = self.body()
        return min(body)[1] if body else ""


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def printed_pages(pdf: bytes) -> list[PrintedPage]:
    """Every page of ``pdf`` with its lines of text (chunks on one baseline joined left to right)."""
    pages = []
    for sheet in PdfReader(io.BytesIO(pdf)).pages:
        chunks: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: object) -> None:
            if text.strip():
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                chunks.append((y, x, text))

        sheet.extract_text(visitor_text=visit)
        lines: list[tuple[float, list[tuple[float, str]]]] = []
        for y, x, text in sorted(chunks, key=lambda chunk: -chunk[0]):
            if lines and abs(lines[-1][0] - y) <= SAME_LINE:
                lines[-1][1].append((x, text))
            else:
                lines.append((y, [(x, text)]))
        pages.append(PrintedPage(float(sheet.mediabox.height), [
            (y, normal(" ".join(text for _, text in sorted(parts)))) for y, parts in lines]))
    return pages


def longest_case_pages() -> list[str]:
    """The case pages of the longest case files: the ones with the most and the tallest tables."""
    paths = sorted((ROOT / "cases").glob("*.yaml"), key=lambda path: (-path.stat().st_size, path.name))
    return [f"/casussen/{path.stem}/" for path in paths[:LONGEST]]


@dataclass(frozen=True)
class Headings:
    """What may not end a page: headings and table captions (their full text), and the column-heading rows
    of tables (any line made only of their words)."""
    texts: list[str]
    column_words: list[set[str]]

    def ends_with_one(self, line: str) -> bool:
        if not line:
            return False
        if any(text == line or (len(line) >= 6 and text.endswith(line)) for text in self.texts):
            return True
        return any(set(line.split()) <= words for words in self.column_words)


def headings_of(page: Page) -> Headings:
    texts = page.locator(".md-content h1, .md-content h2, .md-content h3, .md-content h4, .md-content caption")
    rows = page.locator(".md-content thead tr")
    return Headings([normal(text) for text in texts.all_inner_texts()],
                    [set(normal(text).split()) for text in rows.all_inner_texts()])


@pytest.mark.parametrize("path", longest_case_pages())
def test_a_printed_case_page_has_no_mostly_empty_page_and_no_heading_at_a_page_end(
        page: Page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}{path}", wait_until="networkidle")
    page.emulate_media(media="print")
    headings = headings_of(page)
    sheets = printed_pages(page.pdf(format="A4"))
    assert len(sheets) > 1, "a long case prints on more than one page"
    fills = [round(sheet.fill(), 2) for sheet in sheets]
    assert all(fill >= MIN_FILL for fill in fills[:-1]), f"page fill from top to last line: {fills}"
    orphans = [(number, sheet.last_line()) for number, sheet in enumerate(sheets[:-1], 1)
               if headings.ends_with_one(sheet.last_line())]
    assert orphans == [], "a heading, caption or column-heading row ends a page"


def test_the_measure_sees_an_empty_page_and_a_heading_at_the_bottom(page: Page) -> None:
    """The measure itself: a page pushed empty by an unbreakable block, and a heading forced to a page end."""
    page.set_content("""<style>@page { size: A4; margin: 15mm 15mm 17mm; } body { margin: 0; font: 12pt serif; }
        .begin { margin: 0 0 80mm; } .big { height: 200mm; break-inside: avoid; } h2 { break-after: page; }</style>
        <div class="md-content"><p class="begin">Begin.</p><div class="big"><p>Blok.</p></div>
        <h2>Kop onderaan</h2><p>Tekst na de kop.</p></div>""")
    sheets = printed_pages(page.pdf(format="A4"))
    assert sheets[0].fill() < MIN_FILL and sheets[0].last_line() == "Begin."
    assert headings_of(page).ends_with_one(sheets[1].last_line())
    assert sheets[-1].last_line() == "Tekst na de kop."
