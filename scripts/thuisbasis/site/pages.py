"""Site: the HTML blocks of a generated page (render/blocks.py) put in place after MkDocs converted its Markdown.

MkDocs converts only the page's headings and placeholder paragraphs; ``with_html_blocks`` puts each block
where its placeholder is, which gives the HTML Python-Markdown makes of the whole page, and
``anchor_ids`` names the ids in the blocks, which MkDocs would otherwise have collected with its HTML
parser, so that ``--strict`` still checks links to ``page.md#anchor`` against them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

_PLACEHOLDER_PARAGRAPH = re.compile(r"<p>thuisbasis-html-(\d+)</p>")
# Every "<" in a block starts a tag (text is escaped, by Jinja or by the sanitizer) and every attribute value
# is double-quoted, so these find an attribute only inside a tag, as MkDocs' HTML parser does.
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]*)"')
_A_NAME = re.compile(r'<a\s(?:[^<>]*?\s)?name="([^"]*)"')


def with_html_blocks(converted: str, blocks: Sequence[str]) -> str:
    """The page's HTML: each placeholder paragraph replaced by its block; like Python-Markdown's output, stripped."""
    return _PLACEHOLDER_PARAGRAPH.sub(lambda match: blocks[int(match.group(1))], converted).strip()


def anchor_ids(blocks: Sequence[str]) -> set[str]:
    """The ids MkDocs' anchor check would find in ``blocks``: every ``id``, and ``name`` on a link."""
    found: set[str] = set()
    for block in blocks:
        found.update(_ID.findall(block))
        if "<a " in block and "name=" in block:
            found.update(_A_NAME.findall(block))
    return {html.unescape(anchor) if "&" in anchor else anchor for anchor in found}
