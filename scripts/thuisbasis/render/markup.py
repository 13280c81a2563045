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

from thuisbasis.model.cases import Measure
from thuisbasis.model.registries import Term

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


# Characters XML 1.0 does not allow at all (the loader refuses them in every file), and the white space an
# XML reader would change (in attributes all three become spaces, and a carriage return a line feed).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_WHITESPACE = re.compile("[\t\n\r]")


def xml_text(value: object) -> Markup:
    """Text for the Atom feed, in an element or an attribute: an XML reader gets back exactly ``value``."""
    text = str(value)
    forbidden = _XML_FORBIDDEN.search(text)
    if forbidden:
        raise ValueError(f"U+{ord(forbidden.group()):04X} cannot appear in XML 1.0")
    return Markup(_XML_WHITESPACE.sub(lambda match: f"&#{ord(match.group())};", str(escape(text))))  # noqa: S704 - escaped


_CONVERTERS = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown converter per thread, reset before each use: building one costs more than converting."""
    converter = getattr(_CONVERTERS, "converter", None)
    if converter is None:
        converter = _CONVERTERS.converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    return converter


def markdown_html(value: str) -> Markup:
    """A Markdown field as clean HTML."""
    plain = plain_markdown_html(value)
    if plain is not None:
        return Markup(plain)  # noqa: S704 - only letters, digits and harmless punctuation: see plain_markdown_html
    return Markup(full_markdown_html(value))  # noqa: S704 - nh3 has sanitized it


def full_markdown_html(value: str) -> str:
    """Python-Markdown, then nh3: any Markdown, about half a millisecond a field."""
    html = _converter().reset().convert(value)
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=ALLOWED_SCHEMES,
                     link_rel="noopener noreferrer")


# The fast path: most fields are paragraphs and '- ' lists of plain sentences. For exactly that text,
# plain_markdown_html gives the same bytes as full_markdown_html (tests/test_render.py compares them on
# generated text); anything else (emphasis, links, HTML, numbered lists, indents, a character outside
# the allow-list below) returns None and takes the full path.
# Allowed: letters and digits of any script, spaces, line breaks and the punctuation below, which Markdown
# and HTML leave alone. A line starts with a letter, a digit (not 'number.', which opens a numbered list),
# an opening bracket or quote, or the euro sign; words are separated by one space.
_PUNCTUATION = str.maketrans(dict.fromkeys(" \n.,;:?!'\"()/%€–—‘’“”+-", "a"))
_TEXT = r"(?!\d+\.)[^ \n.,;:?!)/%–—’”+\-][^ \n]*(?: [^ \n]+)*"
_PARAGRAPH = re.compile(rf"{_TEXT}(?:\n{_TEXT})*")
_LIST = re.compile(rf"- {_TEXT}(?:\n(?:- |  ){_TEXT})*")  # an item's next lines are indented by two spaces


def plain_markdown_html(value: str) -> str | None:
    """The clean HTML of a field made only of paragraphs and one-level '- ' lists of plain text, else None."""
    if not value.translate(_PUNCTUATION).isalnum():  # what is left must be letters and digits
        return None
    blocks = value.removesuffix("\n").split("\n\n")
    html = []
    previous_was_list = False
    for block in blocks:
        if _LIST.fullmatch(block):
            if previous_was_list:  # two lists with a blank line between them become one list of paragraphs
                return None
            html.append(_list_html(block))
            previous_was_list = True
        elif _PARAGRAPH.fullmatch(block):
            html.append(f"<p>{block}</p>")
            previous_was_list = False
        else:
            return None
    return "\n".join(html)


def _list_html(block: str) -> str:
    """A '- ' list as Python-Markdown writes it: one item a line, an item's next lines with their indent."""
    items = block[2:].split("\n- ")
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>"


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


SMALL_NUMBERS = ("nul", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf",
                 "twaalf")


def count_nl(value: int) -> str:
    """A count in running text, as Dutch writes it: 2 -> 'twee', 12 -> 'twaalf'; from 13 on in digits ('13')."""
    return SMALL_NUMBERS[value] if 0 <= value < len(SMALL_NUMBERS) else number_nl(value)


def number_nl(value: float | int | None) -> str:
    """1000 -> '1.000'; 12.5 -> '12,5'; None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def measure_nl(measure: Measure | None, unit: Term | None = None) -> str:
    """A value as the source said it, never more exact: '18 personen', 'ruim 450', 'bijna 1.800 personen',
    '800 à 900', 'ongeveer 800 à 900 woningen', 'minstens 385', 'ruim € 2.100.000', '40 à 50%'. The one place where an indicator value, a cost amount or a national figure becomes text."""
    if measure is None:
        return ""
    number = number_nl(measure.low) if not measure.is_range else f"{number_nl(measure.low)} à {number_nl(measure.high)}"
    if unit is not None and unit.id == "euro":
        number = f"€ {number}"
    elif unit is not None and unit.id == "procent":
        number = f"{number}%"
    elif unit is not None:
        number = f"{number} {unit.label}"
    return f"{measure.qualifier.label} {number}" if measure.qualifier is not None else number


EURO = Term(id="euro", label="euro")  # amounts of money are in euro: shown as '€ 2.100.000'


def euro_nl(measure: Measure | None) -> str:
    """An amount in euro as the source said it: '€ 22.000.000', 'ruim € 22.000.000'."""
    return measure_nl(measure, EURO)
