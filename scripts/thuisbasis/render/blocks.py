"""HTML blocks: the parts of a page that are HTML already, kept out of MkDocs' Markdown conversion.

Most of a case page is HTML from its template; sent through Python-Markdown it is parsed twice more by
Python's HTML parser (Python-Markdown's raw-HTML stash and MkDocs' anchor collection) only to come out
unchanged. A template therefore wraps such HTML in ``{% call html_block() %} ... {% endcall %}``: the
page's Markdown (``RenderedPage.markdown``) holds a placeholder paragraph instead, and the plugin puts the
block back after conversion (``site/pages.py``). ``RenderedPage.content`` is the whole page as Markdown,
as ``thuisbasis render`` writes it for any other site generator.

A block comes out of MkDocs exactly as Python-Markdown would have passed it through when it is a series
of block-level HTML elements, each starting a line, separated by single blank lines, ending with a line
break and followed by a blank line (tests/test_html_blocks.py checks every template against
Python-Markdown). A block this module cannot vouch for stays in the Markdown, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

PLACEHOLDER = "thuisbasis-html-{}"
_PLACEHOLDER_LINE = re.compile(r"^thuisbasis-html-(\d+)\n", re.MULTILINE)
_SPACES_LINE = re.compile(r"(?<=\n) +\n")


class HtmlBlocks:
    """Collects the HTML blocks of one page; the template calls it as ``html_block``."""

    def __init__(self) -> None:
        self.blocks: list[str] = []

    def __call__(self, caller: Callable[[], str]) -> Markup:
        text = normalise_whitespace(str(caller())).strip("\n")  # the blank lines around a block are Markdown's
        if not text:
            return Markup("")
        text += "\n"
        if not passes_through(text):
            return Markup(text)  # noqa: S704 - the template's own, escaped output; Markdown reads it as before
        self.blocks.append(text)
        return Markup(PLACEHOLDER.format(len(self.blocks) - 1) + "\n")


def normalise_whitespace(text: str) -> str:
    """What Python-Markdown does to every line before it reads a page (its NormalizeWhitespace): line
    breaks, tabs to the next multiple of four (a block starts a line, so the columns are the page's) and
    lines of spaces emptied. Done here once, it changes nothing that MkDocs shows."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.expandtabs(4)
    if " \n" in text:
        text = _SPACES_LINE.sub("\n", text)
    return text


def passes_through(text: str) -> bool:
    """Whether Python-Markdown would give ``text`` back unchanged: no run of blank lines (between two elements
    it would make one blank line of it; inside one it cannot be told apart)."""
    return "\n\n\n" not in text


def whole_markdown(markdown: str, blocks: Sequence[str]) -> str:
    """The page as Markdown: each placeholder line replaced by its block."""
    if not blocks:
        return markdown
    return _PLACEHOLDER_LINE.sub(lambda match: blocks[int(match.group(1))], markdown)
