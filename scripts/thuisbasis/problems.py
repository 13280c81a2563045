"""Problems: what is wrong, where, under a stable code, in plain Dutch.

The catalogue, ``data/messages.yaml``, is the one place where user-facing messages live; this module
reads it into ``CODES``. Every code has a short title (used on the site's error-code page), a message
template and a severity. Codes never change meaning; a retired
code is not reused. TB0xx: reading the file. TB1xx: the schema. TB2xx: rules across fields and files.
TB3xx: registries. TB4xx: personal data in any text for the site (privacy lint). TB5xx: upkeep (cases not reviewed
for a long time). TB6xx: turning an issue-form body into a case file (``thuisbasis from-issue``).

Severity: an error makes ``thuisbasis validate`` exit 1 and stops the site build; a warning is printed
the same way (and becomes a ``::warning`` annotation on GitHub) but passes. Warnings are for what a
reviewer must look at but a machine cannot decide, such as a name after "mevrouw".

Templates are data with named fields (``str.format``), so the site's casus wizard can fill the same
templates in the browser. A message that names a place in the file uses the field ``{place}``: the place
in words, then the technical path, as ``validation.schema.place`` writes it:

- a path through list items: the words, then the path in brackets: ``doel 1, indicator 2
  ('doelen[1].indicatoren[2]')``; when fields follow the last item, they come first:
  ``'rol' bij partner 3 ('partners[3].rol')``; each item is named by the singular of its list
  (``schemas.singular_names``: the list's ``x-enkelvoud`` in the schema, else its items' ``title`` in
  lower case), and "item N van 'veld'" where a list has none; counting starts at 1;
- a path without list items: only the path, quoted: ``'locatie.provincie'``; the whole file: ``het bestand``.

``{where}`` (TB101, TB102) is empty for the top level of the file, else " in " and the ``{place}`` of the
group. A message that starts with a place in words starts with a capital ("Doelgroep 1 (...)").
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from thuisbasis.data import MESSAGES


class Position(NamedTuple):
    line: int
    column: int


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Dutch word a partner reads."""
        return "fout" if self is Severity.ERROR else "waarschuwing"


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    template: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, order=True)
class Place:
    """A place in a file, the way every message of Thuisbasis starts: ``path:line:column``."""

    path: Path
    line: int
    column: int

    def where(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem(Place):
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where()}: {self.code} {self.message}"

    @property
    def severity(self) -> Severity:
        """Taken from the catalogue, so a code is always as severe as it is documented."""
        entry = CODES.get(self.code)
        return entry.severity if entry is not None else Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def read_catalogue(path: Path = MESSAGES) -> dict[str, Code]:
    """The catalogue of codes in ``data/messages.yaml``: title, template and (for a warning) severity.

    The messages are data, like the schemas and the registries: a writer can mend a Dutch sentence
    without reading Python, and the site's error-code page and the casus wizard read the same entries.
    The file is package data, written by the project itself, so PyYAML's safe loader reads it."""
    with path.open(encoding="utf-8") as file:
        entries = yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    return {code: Code(code, entry["title"], entry["template"], Severity(entry.get("severity", "error")))
            for code, entry in entries.items()}


CODES: dict[str, Code] = read_catalogue()


def problem(code: str, path: Path, position: Position, **fields: Any) -> Problem:
    """Build the problem ``code`` at ``position``, filling in its Dutch message.

    Every field is made printable first (``printable``): a field can hold a partner's key, value or file
    name, and the message must stay one line whatever they contain."""
    safe = {name: printable(str(value), limit=MAX_FIELD_CHARACTERS) for name, value in fields.items()}
    message = CODES[code].template.format(**safe).strip()
    message = message[:1].upper() + message[1:]  # "{place} is ..." can start with a word: "Doelgroep 2 (...)"
    return Problem(path=path, line=position.line, column=position.column, code=code, message=message)


MAX_FIELD_CHARACTERS = 1000  # of one field in a message; the longest list of allowed values is 853
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters that could break a line or hide what a line says: control and format characters
# (U+0085, bidirectional controls, zero-width characters), line and paragraph separators (U+2028,
# U+2029) and lone surrogates (undecodable bytes in a file name). Everything else prints as itself.
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str, limit: int | None = None) -> str:
    """``text`` as one printable line: each unprintable character written as an escape (a line break
    as \\n, U+2028 as \\u2028), and with ``limit``, text over that many characters cut off with
    "… (nog N tekens)". The one place where text a user wrote is made safe to echo."""
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… (nog {len(text) - limit} tekens)"
    if text.isprintable():  # the common case: nothing to escape
        return text
    return "".join(_escaped(character) for character in text)


def _escaped(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    if unicodedata.category(character) not in _UNPRINTABLE_CATEGORIES:
        return character
    code_point = ord(character)
    return f"\\x{code_point:02x}" if code_point < 0x100 else (
        f"\\u{code_point:04x}" if code_point < 0x10000 else f"\\U{code_point:08x}")


def number_text(value: object) -> str:
    """A number as a Dutch message writes it: 2,5 and 40 (not 2.5 or 40.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:  # 1e300 stays 1e+300, not 301 digits
        value = int(value)
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def counted(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def display_path(path: Path) -> str:
    """The path as a user wants to read it: relative to the working directory where possible, and
    printable (a file name may hold a line break). Output lines start with the path, and GitHub's runner
    reads a line that starts with '::' (after spaces) as a workflow command; such a path gets './'."""
    try:  # a link is named as itself, never followed (where it points is not the partner's file; it may loop)
        shown = printable(Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix())
    except ValueError:
        shown = printable(path.as_posix())
    return f"./{shown}" if shown[:1].isspace() or shown.startswith(":") else shown
