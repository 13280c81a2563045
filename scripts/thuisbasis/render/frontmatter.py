"""Front matter: the YAML block at the top of a generated page, written from a dict by one function.

MkDocs reads the block with libyaml (``yaml.CSafeLoader``) and, when that fails, silently treats the
block as Markdown: the text in it would then reach the page outside the sanitizer. So the block is
never templated by hand. Every value is one line: a double-quoted YAML string in which each character
that YAML could read differently is escaped, so that any Unicode text (emoji, quotes, backslashes,
``: ``, ``#``, ``---``, line breaks) reads back exactly as it was written (tests/test_serialisation.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

# Written as themselves: printable ASCII except '"' and '\', and every printable character above it
# that YAML reads as itself, non-BMP characters (emoji) included. Not: C0 and C1 controls, DEL, the
# line breaks YAML knows (U+0085, U+2028, U+2029), the byte order mark, surrogates, U+FFFE and U+FFFF.
_UNSAFE = re.compile(r"[^\x20\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_KEY = re.compile(r"[a-z][a-z_]*\Z")


def yaml_string(text: str) -> str:
    """``text`` as one double-quoted YAML string that every YAML reader turns back into ``text``."""
    return '"' + _UNSAFE.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    code = ord(character)
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"a lone surrogate (U+{code:04X}) is not text")  # never read from a UTF-8 file
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"  # every unsafe character is in the BMP


def front_matter(meta: Mapping[str, str | Sequence[str]]) -> str:
    """The front matter block for ``meta``: text values and lists of text, one key a line."""
    lines = ["---"]
    for key, value in meta.items():
        if not _KEY.match(key):
            raise ValueError(f"not a front matter key: {key!r}")
        if isinstance(value, str):
            lines.append(f"{key}: {yaml_string(value)}")
        else:
            lines.append(f"{key}: [{', '.join(yaml_string(item) for item in value)}]")
    lines.append("---")
    return "\n".join(lines) + "\n"


def page_front_matter(description: str, hide: Sequence[str] = (), title: str | None = None,
                      kind: str | None = None, searchable: bool = True) -> Markup:
    """A generated page's front matter. The theme writes ``page.meta.description`` into an attribute and
    ``page.meta.title`` into the header without escaping, so both are HTML-escaped here. ``title``: a title
    from a file (without it, MkDocs takes the page's h1, whose text is already escaped HTML, and the header
    showed "&amp;#39;" for a quote); ``hide``: parts of the page Material hides; ``kind``: what the page is
    for a visitor (Casus, Checklist, Werkvorm, Naslag), shown with each site-search result (overrides/main.html);
    a page without one is Achtergrond. ``searchable=False`` (page 2 and on of a list, whose title and
    introduction are page 1's) leaves the page out of the site search: ``zoekindex: nee``."""
    meta: dict[str, str | Sequence[str]] = {"description": str(escape(description))}
    if title is not None:
        meta["title"] = str(escape(title))
    if hide:
        meta["hide"] = list(hide)
    if kind is not None:
        meta["soort"] = kind
    if not searchable:
        meta["zoekindex"] = "nee"
    return Markup(front_matter(meta))  # noqa: S704 - YAML, not HTML: every value is escaped by yaml_string
