"""Load: the one safe YAML loader for cases, checklists and registries.

What it guarantees (see docs/architecture.md and tests/test_loading.py):

- Values are never silently retyped. Only JSON-like plain scalars become numbers, booleans or null
  (``450``, ``-1.5``, ``true``, ``null``); everything else stays text: ``no``, ``01234567``, ``12:30``,
  ``2024-02-30``. Quoted and block scalars are always text. Dates are checked later, by the schema.
- Duplicate keys, anchors, aliases, merge keys (``<<``), explicit tags and a second document are
  refused with their line. So are files that are too large, not UTF-8, binary, or that hold control
  or bidirectional-override characters, noncharacters or stray tag characters, and nesting deeper than
  ``MAX_DEPTH``.
- Only regular files are read: a symbolic link, a directory, a named pipe (FIFO), a device or a socket is
  refused without reading it (``read_source``), and never more than ``MAX_BYTES`` + 1 bytes are read.
- A plain scalar becomes a number only when it is one we can compute with: a finite float, an integer
  of at most ``MAX_INTEGER_DIGITS`` digits. ``1.0e999`` or a 5,000-digit integer stays text, which the
  schema then refuses where a number is wanted (TB113), and nothing here raises on it.
- Every value and every key keeps its line and column, so any later check can point at it.

Problems are returned as data; nothing here raises on bad input.

One builder, read once. ``_Builder`` turns libyaml's parser events (C) into plain values and refuses
every hazard on the way. A valid file is read without recording positions (``read_without_positions``):
most files never need one, and recording them costs time and, for a catalog held in memory, space. When
something asks for a position (``Document.position_of``: a problem or a warning), the text is read again
with them. A file with a problem is read with positions from the start (``parse_fully``), so every problem
points at its line. tests/test_loading_without_positions.py checks that both ways give the same values.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from thuisbasis.problems import Position, Problem, problem


class PureParser(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser):
    """PyYAML's pure-Python event parser, used where libyaml is missing (and in tests, to compare)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


try:  # libyaml is about ten times faster and reports the same events.
    from yaml._yaml import CParser as DEFAULT_PARSER
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    DEFAULT_PARSER = PureParser  # type: ignore[assignment,misc]

MAX_BYTES = 256 * 1024
MAX_DEPTH = 24
MAX_REPORTED_CHARACTERS = 5
# Longer integers are out of every field's range by far; Python refuses to convert more than 4,300 digits
# and a float cannot hold more than 308, so anything longer stays text.
MAX_INTEGER_DIGITS = 30

FieldPath = tuple[str | int, ...]

_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(0|[1-9][0-9]*)\.[0-9]+([eE][-+]?[0-9]+)?")
# The first characters of every plain scalar that resolve_plain_scalar types (null, true, false, numbers).
_MIGHT_BE_TYPED = frozenset("~nNtTfF+-0123456789")
_BLOCK_STYLES = frozenset("|>")  # literal and folded block scalars
# C0 controls except tab/newline/carriage return, DEL, C1 controls, the line and paragraph separators
# (invisible, but YAML counts them as line breaks), bidi overrides and isolates (the "Trojan Source"
# characters), a byte-order mark anywhere but at the very start, the Unicode noncharacters (U+FDD0 to
# U+FDEF and the last two code points of every plane), and tag characters (U+E0000 to U+E007F: invisible
# text) except where they belong: in an emoji tag sequence, the flags of England, Scotland and Wales.
EMOJI_TAG_SEQUENCE = "\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f"
_FORBIDDEN_CHARACTER = (
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff"
    "\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "\U000e0000-\U000e007f]"
)
# A match of the first alternative is an emoji tag sequence (allowed); of the second, a forbidden character.
_FORBIDDEN_CHARACTERS = re.compile(f"{EMOJI_TAG_SEQUENCE}|({_FORBIDDEN_CHARACTER})")
_ANY_FORBIDDEN_CHARACTER = re.compile(_FORBIDDEN_CHARACTER)  # the tags of an emoji tag sequence are in it too
_PRINTABLE_ASCII = frozenset("\t\n" + "".join(map(chr, range(0x20, 0x7F))))  # none of it forbidden
# The first byte of every forbidden character as UTF-8 writes it: the C0 controls and DEL themselves, 0xC2 (the C1
# controls), 0xE2 (line separators, bidi controls), 0xEF (the byte-order mark, U+FDD0 to U+FFFF) and the first
# byte of every character of four bytes (tests/test_loading.py checks this against every code point).
_FIRST_BYTES_OF_FORBIDDEN = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xC2, 0xE2, 0xEF,
                                   *range(0xF0, 0xF5)])
_OTHER_BYTES = bytes(byte for byte in range(256) if byte not in _FIRST_BYTES_OF_FORBIDDEN)
_FIRST_BYTES_OF_TWO_OR_THREE = b"\xc2\xe2\xef"
# The forbidden characters of two or three bytes, exactly: matched at each 0xC2, 0xE2 or 0xEF of a file.
_FORBIDDEN_OF_TWO_OR_THREE_BYTES = re.compile(
    rb"\xc2[\x80-\x9f]"  # C1 controls
    rb"|\xe2(?:\x80[\xa8-\xae]|\x81[\xa6-\xa9])"  # line and paragraph separators, bidi overrides and isolates
    rb"|\xef(?:\xbb\xbf|\xb7[\x90-\xaf]|\xbf[\xbe\xbf])"  # byte-order mark, U+FDD0 to U+FDEF, U+FFFE, U+FFFF
)
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")


@dataclass
class Positions:
    """Where each value and each key of a document starts."""

    values: dict[FieldPath, Position] = field(default_factory=dict)
    keys: dict[FieldPath, Position] = field(default_factory=dict)


@dataclass
class Document:
    """A loaded YAML file: plain values plus where each one stood."""

    path: Path
    text: str = ""  # the decoded source, for finding a spot inside a multi-line value
    data: Any = None
    plain_texts: dict[FieldPath, str] = field(default_factory=dict)
    block_scalars: set[FieldPath] = field(default_factory=set)
    # None after reading without positions: found on first use, by reading ``text`` again with them.
    positions: Positions | None = field(default_factory=Positions, repr=False)
    # After a syntax error: the part of the file before it, read on its own (``readable_part``), or None.
    before_error: Document | None = field(default=None, repr=False)
    # On such a part: the first line it leaves out, and the values that may go on after it (``open_paths``).
    unread_from: int = 0
    open_ends: tuple[FieldPath, ...] = ()

    @property
    def value_positions(self) -> dict[FieldPath, Position]:
        return self.known_positions().values

    @property
    def key_positions(self) -> dict[FieldPath, Position]:
        return self.known_positions().keys

    def known_positions(self) -> Positions:
        if self.positions is None:
            self.positions = _positions_in(self.path, self.text)
        return self.positions

    def position_of(self, path: FieldPath) -> Position:
        """Where the value at ``path`` stands, or the nearest enclosing value that exists."""
        for depth in range(len(path), -1, -1):
            found = self.value_positions.get(path[:depth])
            if found is not None:
                return found
        return Position(1, 1)

    def key_position_of(self, path: FieldPath) -> Position:
        """Where the key of the entry at ``path`` stands (falls back to its value)."""
        return self.key_positions.get(path) or self.position_of(path)


class _Refusal(Exception):
    """Raised inside the builder to stop at the first structural hazard."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


def load_document(path: Path) -> tuple[Document, list[Problem]]:
    """Read and parse ``path``; never raises on bad content."""
    document = Document(path=path)
    raw, problems = read_source(path)
    if raw is None:
        return document, problems
    text, problems = decode_text(path, raw)
    if text is None:
        return document, problems
    return parse_text(document, text)


# Open without following a symbolic link, without waiting for a writer (a named pipe) and without making a
# terminal the controlling one. Where O_NOFOLLOW does not exist (Windows), read_source asks first.
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
OPEN_FLAGS = os.O_RDONLY | NO_FOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


def read_source(path: Path, limit: int = MAX_BYTES) -> tuple[bytes | None, list[Problem]]:
    """The bytes of the regular file at ``path``, or the problem: the one way a source file is read.

    A symbolic link, a directory, a named pipe, a device or a socket is refused (TB015) without reading
    from it, and a file over ``limit`` bytes (TB002) after reading at most ``limit`` + 1 bytes. What is
    checked is the opened file itself (``fstat``), so swapping the file between check and read changes
    nothing."""
    try:
        if not NO_FOLLOW and path.is_symlink():
            return None, [_not_a_regular_file(path, stat.S_IFLNK)]
        descriptor = os.open(path, OPEN_FLAGS)
    except OSError as error:
        return None, [_unopenable(path, error)]
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            return None, [_not_a_regular_file(path, status.st_mode)]
        if status.st_size > limit:
            return None, [too_large(path, status.st_size)]
        raw = _read_at_most(descriptor, limit + 1)
    except OSError as error:
        return None, [problem("TB001", path, Position(1, 1), reason=_describe_os_error(error))]
    finally:
        os.close(descriptor)
    if len(raw) > limit:  # the file grew after fstat
        return None, [too_large(path, len(raw))]
    return raw, []


def _read_at_most(descriptor: int, count: int) -> bytes:
    chunks: list[bytes] = []
    remaining = count
    while remaining > 0:
        chunk = os.read(descriptor, remaining)
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def too_large(path: Path, size: int) -> Problem:
    return problem("TB002", path, Position(1, 1), size=-(-size // 1024), limit=MAX_BYTES // 1024)


def _unopenable(path: Path, error: OSError) -> Problem:
    """Why ``path`` could not be opened: a symbolic link (O_NOFOLLOW: ELOOP), a socket (ENXIO), or the error."""
    if error.errno in (errno.ELOOP, errno.ENXIO, errno.EOPNOTSUPP):
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if mode and not stat.S_ISREG(mode):
            return _not_a_regular_file(path, mode)
    return problem("TB001", path, Position(1, 1), reason=_describe_os_error(error))


_KINDS = (
    (stat.S_ISLNK, "een symbolische link (snelkoppeling)"),
    (stat.S_ISDIR, "een map"),
    (stat.S_ISFIFO, "een named pipe (FIFO)"),
    (stat.S_ISCHR, "een apparaat"),
    (stat.S_ISBLK, "een apparaat"),
    (stat.S_ISSOCK, "een socket"),
)


def _not_a_regular_file(path: Path, mode: int) -> Problem:
    kind = next((name for test, name in _KINDS if test(mode)), "geen gewoon bestand")
    return problem("TB015", path, Position(1, 1), kind=kind)


def _describe_os_error(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "het is een map, geen bestand"
    if isinstance(error, FileNotFoundError):
        return "het bestaat niet"
    if isinstance(error, PermissionError):
        return "je hebt geen leesrechten"
    return f"fout van het besturingssysteem ({error.strerror or type(error).__name__})"


def decode_text(path: Path, raw: bytes) -> tuple[str | None, list[Problem]]:
    """Check size and encoding and refuse forbidden characters; return the text or problems."""
    if len(raw) > MAX_BYTES:
        return None, [too_large(path, len(raw))]
    if raw.startswith(_UTF32_BOMS):
        return None, [problem("TB003", path, Position(1, 1), detail="het bestand is UTF-32")]
    if raw.startswith(_UTF16_BOMS):
        return None, [problem("TB003", path, Position(1, 1), detail="het bestand is UTF-16")]
    if b"\x00" in raw:
        return None, [problem("TB003", path, _position_after(raw[: raw.index(b"\x00")]),
                              detail="het bevat nul-bytes; is het een binair bestand, of UTF-16 of UTF-32?")]
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, [problem("TB003", path, _position_after(raw[: error.start]),
                              detail=f"byte 0x{raw[error.start]:02x} is geen geldige UTF-8")]
    text = _normalise_line_breaks(text)
    if not might_hold_a_forbidden_character(raw):
        return text, []
    found = [
        problem("TB004", path, _position_at(text, offset), character=f"U+{ord(character):04X}")
        for offset, character in forbidden_characters(text)
    ]
    if found:
        return None, found[:MAX_REPORTED_CHARACTERS]
    return text, []


def might_hold_a_forbidden_character(raw: bytes) -> bool:
    """Whether the UTF-8 bytes ``raw`` may hold a forbidden character; where not, its characters need no look
    (``forbidden_characters``, which collects the distinct characters: about 9 ns a character). This look runs
    mostly in C (``bytes.translate``, ``bytes.find``: about a nanosecond a byte): first the bytes a forbidden character may start with (most files have
    none); then, where those are only the first bytes of characters of two or three bytes (a typographic
    quote, a no-break space, a euro sign), the forbidden ones among those, exactly. A control character or a
    character of four bytes (an emoji) is left to the look at the characters. In the 69 real cases it finds
    no file to look at, in 0.3 ms."""
    first_bytes = raw.translate(None, _OTHER_BYTES)
    if not first_bytes:
        return False
    if first_bytes.translate(None, _FIRST_BYTES_OF_TWO_OR_THREE):
        return True
    return any(_FORBIDDEN_OF_TWO_OR_THREE_BYTES.match(raw, position)
               for first in set(first_bytes) for position in _positions_of(first, raw))


def _positions_of(byte: int, raw: bytes) -> Iterator[int]:
    position = raw.find(byte)
    while position >= 0:
        yield position
        position = raw.find(byte, position + 1)


def forbidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """Each character that no file may hold, with its offset in ``text``. Nearly every text holds none, and
    the search for them is slow (the class reaches past the Basic Multilingual Plane: about 0.1 µs a
    character). So first the text's distinct characters outside printable ASCII are collected (a set: ten
    times faster) and only those few are tested; only a text with a forbidden one is searched for offsets,
    on the pass that lets emoji tag sequences through."""
    if not any(_ANY_FORBIDDEN_CHARACTER.match(character) for character in set(text).difference(_PRINTABLE_ASCII)):
        return
    for match in _FORBIDDEN_CHARACTERS.finditer(text):
        if match.group(1):
            yield match.start(), match.group(1)


def first_forbidden_character(text: str) -> str | None:
    return next((character for _, character in forbidden_characters(text)), None)


def _normalise_line_breaks(text: str) -> str:
    """YAML reads CRLF, CR and LF alike as one line break; so do our line numbers."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position_after(prefix: bytes) -> Position:
    """The position just after the bytes ``prefix``, as an editor counts lines."""
    return _position_at(_normalise_line_breaks(prefix.decode("utf-8", "replace")), None)


def _position_at(text: str, offset: int | None) -> Position:
    before = text if offset is None else text[:offset]
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    return Position(line, column)


def parse_text(document: Document, text: str, parser_class: Any = None) -> tuple[Document, list[Problem]]:
    """Parse ``text`` into ``document``; structural hazards and syntax errors become problems.

    Without a ``parser_class``, the text is read without positions first (see the module's docstring).
    """
    document.text = text
    if parser_class is None and read_without_positions(document, text):
        return document, []
    return parse_fully(document, text, parser_class)


def parse_fully(document: Document, text: str, parser_class: Any = None) -> tuple[Document, list[Problem]]:
    """The full path: parser events, every hazard refused at its line, every position kept. After a syntax
    error, ``document.before_error`` holds what can be read before it (``readable_part``)."""
    document, problems, first_bad_line = _parse_once(document, text, parser_class)
    if first_bad_line is not None:
        document.before_error = readable_part(document.path, text, first_bad_line, parser_class)
    return document, problems


def _parse_once(document: Document, text: str, parser_class: Any,
                with_positions: bool = True) -> tuple[Document, list[Problem], int | None]:
    """``parse_fully`` without recovery; after a syntax error, also the first line (0-based) it may come from.
    Without positions it raises ``_Reread`` where a problem would need one."""
    document.text = text
    document.positions = Positions() if with_positions else None
    parser = None
    try:
        parser = (parser_class or DEFAULT_PARSER)(text)
        _Builder(document, parser, document.positions).build()
    except _Refusal as refusal:
        document.data = None
        return document, [refusal.problem], None
    except yaml.MarkedYAMLError as error:
        document.data = None
        return document, [_syntax_problem(document.path, error)], _first_line_of(error)
    except yaml.YAMLError as error:  # unmarked reader errors
        document.data = None
        return document, [problem("TB005", document.path, Position(1, 1), detail=str(error))], None
    finally:
        dispose = getattr(parser, "dispose", None) if parser is not None else None
        if dispose is not None:
            dispose()
    if document.data is None:
        return document, [problem("TB011", document.path, Position(1, 1))], None
    return document, [], None


# --- After a syntax error: the part before it ------------------------------------------------------

MAX_RECOVERY_PARSES = 3  # each reads at most the file once more: bounded, and linear in its size


def readable_part(path: Path, text: str, first_bad_line: int, parser_class: Any = None) -> Document | None:
    """The lines before a syntax error, read on their own: so the error does not hide their problems.

    The cut is before the first line the error may come from (where the parser found it, or where the
    value it was reading began: an unclosed quote or bracket). If the lines before still do not read
    (they end inside something unclosed), the cut moves up, at most ``MAX_RECOVERY_PARSES`` times. The
    part's last value on each level (``open_ends``) may go on after the cut, so its deepest one, which may
    be cut short, is left empty, and checks keep quiet about what the rest could still hold. None when
    nothing before the error can be read as a document."""
    cut = min(first_bad_line, text.count("\n") - (0 if text.endswith("\n") else -1) - 1)  # leave out a line at least
    for _ in range(MAX_RECOVERY_PARSES):
        if cut <= 0:
            return None
        part, problems, bad_line = _parse_once(Document(path=path), _first_lines(text, cut), parser_class)
        if not problems:
            return _left_open(part, cut)
        if bad_line is None:
            return None
        cut = min(bad_line, cut - 1)
    return None


def _first_line_of(error: yaml.MarkedYAMLError) -> int:
    return min(mark.line for mark in (error.problem_mark, error.context_mark) if mark is not None) \
        if error.problem_mark is not None or error.context_mark is not None else 0


def _first_lines(text: str, count: int) -> str:
    """The first ``count`` lines of ``text``, each with its line break."""
    end = -1
    for _ in range(count):
        end = text.find("\n", end + 1)
        if end < 0:
            return text
    return text[: end + 1]


def _left_open(part: Document, cut: int) -> Document:
    part.unread_from = cut + 1
    part.open_ends = open_paths(part.data)
    deepest = part.open_ends[-1]
    if deepest:  # may be cut short (a plain text can go on over lines): empty, as if not yet written
        parent = part.data
        for key in deepest[:-1]:
            parent = parent[key]
        parent[deepest[-1]] = None
        part.plain_texts.pop(deepest, None)
        part.block_scalars.discard(deepest)
    return part


def open_paths(data: Any) -> tuple[FieldPath, ...]:
    """The root, its last entry, that one's last entry, and so on: the values a cut after them may leave
    unfinished. Every other value is followed by a sibling, so it ended before the cut."""
    paths: list[FieldPath] = [()]
    while isinstance(data, dict | list) and data:
        key: str | int = next(reversed(data)) if isinstance(data, dict) else len(data) - 1
        data = data[key] if isinstance(data, dict) else data[-1]
        paths.append((*paths[-1], key))
    return tuple(paths)


# --- The hazards, written once ---------------------------------------------------------------------
# Each rule says what YAML construct Thuisbasis refuses, as the problem's code and message fields (or None).
# The builder (_Builder) refuses the file at that spot. A new rule is one function here, called by the builder;
# a rule about any node goes into _Builder.check_node, whose caller asks it only for a node with an anchor, a
# tag or too deep (widen that test with the rule).

Hazard = tuple[str, dict[str, Any]]  # a problem code and the fields of its message


def anchor_hazard(anchor: str | None) -> Hazard | None:
    """An anchor (&name) or an alias (*name): a value written out once and used again elsewhere."""
    return ("TB007", {"name": anchor}) if anchor is not None else None


def tag_hazard(tag: str | None) -> Hazard | None:
    """An explicit tag (!!int, !python/...): it would retype a value."""
    return ("TB009", {"tag": tag}) if tag is not None else None


def depth_hazard(depth: int) -> Hazard | None:
    """Nesting deeper than any field goes (the root is at depth 0)."""
    return ("TB012", {"limit": MAX_DEPTH}) if depth > MAX_DEPTH else None


def escape_hazard(style: str | None, value: str) -> Hazard | None:
    """A double-quoted escape such as "\\u202e" or "\\e" can smuggle in what the byte check refused."""
    character = first_forbidden_character(value) if style == '"' else None
    return ("TB004", {"character": f"U+{ord(character):04X}"}) if character is not None else None


def key_hazard(key: str, plain: bool, mapping: dict[str, Any]) -> Hazard | None:
    """A merge key (a plain <<) or a key the mapping has already (the full path adds where it was first)."""
    if key == "<<" and plain:
        return ("TB008", {})
    return ("TB006", {"key": key}) if key in mapping else None


def scalar_value(text: str, *, plain: bool, block: bool, path: FieldPath, plain_texts: dict[FieldPath, str],
                 block_scalars: set[FieldPath]) -> Any:
    """A scalar's value, as both paths build it: a plain one typed the JSON way (keeping its text for the
    schema's coerce step when it became a number, boolean or null), a block one marked, quoted text as is."""
    if not plain:
        if block:
            block_scalars.add(path)
        return text
    if text and text[0] not in _MIGHT_BE_TYPED:
        return text  # most plain scalars are words: no need to try every type
    value = resolve_plain_scalar(text)
    if not isinstance(value, str):
        plain_texts[path] = text
    return value


class _Builder:
    """Builds plain values from the parser's events, refusing every hazard on the way (the rules above).

    With ``positions`` it records where each value and key starts; without, it records nothing and stops
    (``_Reread``) where a problem would need a recorded position (a duplicate key's first line)."""

    def __init__(self, document: Document, parser: Any, positions: Positions | None) -> None:
        self.document = document
        self.next_event = parser.get_event
        self.values = positions.values if positions is not None else None
        self.keys = positions.keys if positions is not None else None

    def refuse(self, code: str, mark: Any, **fields: Any) -> _Refusal:
        return _Refusal(problem(code, self.document.path, _mark_position(mark), **fields))

    def check(self, hazard: Hazard | None, mark: Any) -> None:
        if hazard is not None:
            code, fields = hazard
            raise self.refuse(code, mark, **fields)

    def build(self) -> None:
        self.next_event()  # StreamStart
        event = self.next_event()
        if isinstance(event, yaml.StreamEndEvent):
            return
        root_event = self.next_event()  # after DocumentStart
        self.document.data = self.build_node(root_event, (), depth=0)
        self.next_event()  # DocumentEnd
        event = self.next_event()
        if isinstance(event, yaml.DocumentStartEvent):
            raise self.refuse("TB010", event.start_mark)

    def build_node(self, event: Any, path: FieldPath, depth: int) -> Any:
        if event.anchor is not None or event.tag is not None or depth > MAX_DEPTH:  # what check_node's rules need
            self.check_node(event, depth)
        if self.values is not None:
            self.values[path] = _mark_position(event.start_mark)
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            return self.build_scalar(event, path)
        if kind is yaml.SequenceStartEvent:
            return self.build_sequence(path, depth)
        return self.build_mapping(path, depth)

    def check_node(self, event: Any, depth: int) -> None:
        """The hazards any node may carry, in the order they are reported."""
        self.check(anchor_hazard(event.anchor), event.start_mark)  # an AliasEvent's anchor is the alias name
        self.check(depth_hazard(depth), event.start_mark)
        self.check(tag_hazard(event.tag), event.start_mark)

    def build_scalar(self, event: Any, path: FieldPath) -> Any:
        style, text = event.style, event.value
        if style == '"':
            self.check(escape_hazard(style, text), event.start_mark)
        elif not style and text and text[0] not in _MIGHT_BE_TYPED and event.implicit[0]:
            return text  # most values are plain words: what scalar_value would give, without its calls
        document = self.document
        return scalar_value(event.value, plain=_is_plain(event), block=style in _BLOCK_STYLES,
                            path=path, plain_texts=document.plain_texts, block_scalars=document.block_scalars)

    def build_sequence(self, path: FieldPath, depth: int) -> list[Any]:
        items: list[Any] = []
        next_event, build_node = self.next_event, self.build_node
        event = next_event()
        while event.__class__ is not yaml.SequenceEndEvent:
            items.append(build_node(event, (*path, len(items)), depth + 1))
            event = next_event()
        return items

    def build_mapping(self, path: FieldPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        next_event, build_node, build_key = self.next_event, self.build_node, self.build_key
        event = next_event()
        while event.__class__ is not yaml.MappingEndEvent:
            key = build_key(event, path, mapping)
            mapping[key] = build_node(next_event(), (*path, key), depth + 1)
            event = next_event()
        return mapping

    def build_key(self, event: Any, path: FieldPath, mapping: dict[str, Any]) -> str:
        if (event.__class__ is yaml.ScalarEvent and event.anchor is None and event.tag is None and event.style != '"'
                and event.value not in mapping and event.value != "<<"):
            key: str = event.value  # most keys: nothing to refuse (the checks below would pass it)
            if self.keys is not None:
                self.keys[(*path, key)] = _mark_position(event.start_mark)
            return key
        if event.__class__ is not yaml.ScalarEvent:
            self.check(anchor_hazard(event.anchor), event.start_mark)
            raise self.refuse("TB013", event.start_mark)
        if event.anchor is not None or event.tag is not None:
            self.check(anchor_hazard(event.anchor), event.start_mark)
            self.check(tag_hazard(event.tag), event.start_mark)
        self.check(escape_hazard(event.style, event.value), event.start_mark)
        key = event.value
        hazard = key_hazard(key, _is_plain(event), mapping)
        if hazard is not None and hazard[0] == "TB006":
            if self.keys is None:
                raise _Reread
            hazard[1]["first_line"] = self.keys[(*path, key)].line
        self.check(hazard, event.start_mark)
        if self.keys is not None:
            self.keys[(*path, key)] = _mark_position(event.start_mark)
        return key


class _Reread(Exception):
    """Raised by a builder without positions where the problem needs one: the file is read again with them."""


def _positions_in(path: Path, text: str) -> Positions:
    """The positions of every value and key in ``text`` (for a document read without them)."""
    return parse_fully(Document(path=path), text)[0].known_positions()


def read_without_positions(document: Document, text: str) -> bool:
    """Read ``text`` into ``document`` without recording positions (they are found on first use, by reading
    the text again with them); False, and nothing changed, on anything that is a problem."""
    try:
        reading, problems, _ = _parse_once(Document(path=document.path), text, None, with_positions=False)
    except _Reread:
        return False
    if problems:
        return False
    document.text, document.data = text, reading.data
    document.plain_texts, document.block_scalars = reading.plain_texts, reading.block_scalars
    document.positions = None
    return True


def resolve_plain_scalar(text: str) -> Any:
    """Type a plain (unquoted) scalar the JSON way; anything else stays the exact text."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        return int(text) if len(text.lstrip("+-")) <= MAX_INTEGER_DIGITS else text
    if _FLOAT.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else text  # 1.0e999 would be infinity
    return text


def is_too_large_number(text: str) -> bool:
    """Whether ``text`` is written as a number that ``resolve_plain_scalar`` leaves as text (too large)."""
    if _INT.fullmatch(text):
        return len(text.lstrip("+-")) > MAX_INTEGER_DIGITS
    return bool(_FLOAT.fullmatch(text)) and not math.isfinite(float(text))


def _is_plain(event: Any) -> bool:
    # libyaml reports the plain style as '', the pure-Python parser as None.
    return not event.style and event.implicit[0]


def _mark_position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


_SYNTAX_HINTS = {
    "found character '\\t'": "er staat een tab; spring in met spaties",
    "found character that cannot start any token": "hier staat een teken waarmee geen waarde kan beginnen (vaak een tab, of een @ of ` aan het begin); spring in met spaties en zet zulke tekst tussen aanhalingstekens",
    "mapping values are not allowed": "een dubbele punt op een onverwachte plek; zet tekst met ': ' erin tussen aanhalingstekens",
    "found a tab character": "er staat een tab; spring in met spaties",
    "did not find expected ',' or ']'": "een lijst tussen [ en ] is niet gesloten; zet tekst met [ of ] erin tussen aanhalingstekens",
    "did not find expected ',' or '}'": "een groep tussen { en } is niet gesloten; zet tekst met { of } erin tussen aanhalingstekens",
    "mapping keys are not allowed": "een vraagteken of dubbele punt op een onverwachte plek; zet de tekst tussen aanhalingstekens",
    "could not find expected ':'": "een regel zonder 'veld: waarde'; controleer het inspringen en de dubbele punt",
    "found unexpected end of stream": "het bestand houdt midden in een waarde op; sluit aanhalingstekens en haken",
    "did not find expected key": "het inspringen klopt niet; velden op hetzelfde niveau staan recht onder elkaar",
    "did not find expected '-' indicator": "het inspringen van de lijst klopt niet; elk item begint met '- ' recht onder het vorige",
    "expected <block end>, but found '-'": "een lijstitem staat op een plek waar een veld hoort; controleer het inspringen",
    "found undefined tag handle": "een tag (zoals !iets) is niet toegestaan",
    "found unknown escape character": "een backslash in tekst tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens",
    "did not find expected node content": "hier ontbreekt een waarde, of een lijst tussen [ en ] of een groep tussen { en } is niet gesloten",
    "while scanning a quoted scalar": "tekst tussen aanhalingstekens wordt niet afgesloten; zet aan het eind hetzelfde aanhalingsteken als aan het begin",
}


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    position = _mark_position(mark) if mark is not None else Position(1, 1)
    detail = error.problem or str(error)
    hint = next((text for key, text in _SYNTAX_HINTS.items() if detail.startswith(key) or error.context == key), None)
    return problem("TB005", path, position,
                   detail=hint or f"Thuisbasis kan de tekst hier niet lezen (de YAML-lezer zegt in het Engels: '{detail}')")
