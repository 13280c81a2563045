"""Markup: the filters templates use to put case text on a page safely and in Dutch form.

Text fields are plain text: HTML-escaped and, where they stand in Markdown, with Markdown's
punctuation escaped so that no link, emphasis or attribute list can be smuggled in. Markdown fields
(``x-markdown`` in the schema) are rendered here and then cleaned by nh3, a maintained HTML sanitizer,
with an allow-list of tags and only http, https and mailto links.
"""

from __future__ import annotations

import re
import threading

import markdown
import nh3
from markupsafe import Markup, escape

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
          "oktober", "november", "december")
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "em", "strong", "a", "code", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
# Python-Markdown's own escapable characters: a backslash before them is removed on output.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|])")


def md_text(value: object) -> Markup:
    """Plain text for a Markdown context (a heading, a list item): nothing in it becomes markup."""
    escaped = str(escape(" ".join(str(value).split())))
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", escaped))  # noqa: S704 - escaped on the line above


_CONVERTERS = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown converter per thread, reset before each use: building one costs more than converting."""
    converter = getattr(_CONVERTERS, "converter", None)
    if converter is None:
        converter = _CONVERTERS.converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    return converter


def markdown_html(value: str) -> Markup:
    """A Markdown field as clean HTML."""
    html = _converter().reset().convert(value)
    cleaned = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                        link_rel="noopener noreferrer")
    return Markup(cleaned)  # noqa: S704 - nh3 has just sanitized it


def date_nl(value: str | None) -> str:
    """'2020-04-15' -> '15 april 2020'; '2020-04' -> 'april 2020'; '2016' and 'onbekend' stay."""
    if not value:
        return ""
    parts = value.split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return value


def number_nl(value: float | int | None) -> str:
    """1000 -> '1.000'; 12.5 -> '12,5'; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
