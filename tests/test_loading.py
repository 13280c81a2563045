"""The safe loader: typing of plain scalars, refused hazards, byte checks and positions.

Every test calls ``loading`` directly (``parse_text``, ``decode_text``, ``load_document``) and asserts
the data, the positions and the exact Dutch problems, shown as ``line:column: CODE message``.
"""

from __future__ import annotations

import os
import random
import socket
import threading
import time
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuisbasis import loading
from thuisbasis.loading import MAX_BYTES, MAX_DEPTH, Document, PureParser
from thuisbasis.problems import Position, Problem

PATH = Path("casus.yaml")
PARSERS = [pytest.param(loading.DEFAULT_PARSER, id="libyaml"), pytest.param(PureParser, id="pure-python")]

# The messages a partner reads, written out in full so that a change in wording fails a test.
DUPLICATE = "TB006 Het veld '{key}' staat twee keer in dezelfde groep (eerst op regel {first}). Houd er één over."
ALIAS = "TB007 Ankers en aliassen (&{name} en *{name}) zijn niet toegestaan. Schrijf de waarde gewoon uit."
MERGE = "TB008 De samenvoegsleutel '<<' is niet toegestaan. Schrijf de velden gewoon uit."
TAG = "TB009 De tag '{tag}' is niet toegestaan. Wil je dat een waarde tekst blijft, zet haar dan tussen aanhalingstekens."
SECOND_DOCUMENT = "TB010 Het bestand bevat een tweede document (na '---'). Zet elke casus in een eigen bestand."
EMPTY = 'TB011 Het bestand is leeg. Begin met het sjabloon: thuisbasis new "Titel van de casus".'
TOO_DEEP = "TB012 De gegevens zijn dieper genest dan 24 niveaus. Zo diep gaat geen enkel veld."
KEY_NOT_TEXT = "TB013 Een veldnaam moet gewone tekst zijn, geen lijst of groep."
UTF16 = "TB003 Het bestand is geen geldige UTF-8-tekst (het bestand is UTF-16). Sla het op als UTF-8."
UTF32 = "TB003 Het bestand is geen geldige UTF-8-tekst (het bestand is UTF-32). Sla het op als UTF-8."
NUL_BYTES = ("TB003 Het bestand is geen geldige UTF-8-tekst (het bevat nul-bytes; is het een binair bestand, of UTF-16 "
             "of UTF-32?). Sla het op als UTF-8.")
NOT_UTF8 = "TB003 Het bestand is geen geldige UTF-8-tekst (byte 0x{byte} is geen geldige UTF-8). Sla het op als UTF-8."
INVISIBLE = "TB004 Het bestand bevat het onzichtbare teken {character}. Verwijder het; vaak komt het mee bij kopiëren en plakken."
TAB_HINT = "TB005 De YAML klopt hier niet: er staat een tab; spring in met spaties."
COLON_HINT = "TB005 De YAML klopt hier niet: een dubbele punt op een onverwachte plek; zet tekst met ': ' erin tussen aanhalingstekens."
UNCLOSED_LIST_HINT = ("TB005 De YAML klopt hier niet: een lijst tussen [ en ] is niet gesloten; zet tekst met [ of ] erin "
                      "tussen aanhalingstekens.")
UNCLOSED_GROUP_HINT = ("TB005 De YAML klopt hier niet: een groep tussen { en } is niet gesloten; zet tekst met { of } erin "
                       "tussen aanhalingstekens.")
KEY_HINT = ("TB005 De YAML klopt hier niet: een vraagteken of dubbele punt op een onverwachte plek; zet de tekst tussen "
            "aanhalingstekens.")
UNREADABLE = "TB001 Het bestand is niet te lezen: {reason}."


def parse(text: str, parser: Any = None) -> tuple[Document, list[Problem]]:
    return loading.parse_text(Document(path=PATH), text, parser)


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


def data_of(text: str, parser: Any = None) -> Any:
    document, problems = parse(text, parser)
    assert problems == []
    return document.data


def decoded(raw: bytes) -> tuple[str | None, list[str]]:
    text, problems = loading.decode_text(PATH, raw)
    return text, shown(problems)


# --- Typing of plain scalars -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("no", "no", id="no-stays-text"),
        pytest.param("NO", "NO", id="NO-stays-text"),
        pytest.param("yes", "yes", id="yes-stays-text"),
        pytest.param("on", "on", id="on-stays-text"),
        pytest.param("off", "off", id="off-stays-text"),
        pytest.param("01234567", "01234567", id="leading-zero-stays-text"),
        pytest.param("12:30", "12:30", id="sexagesimal-stays-text"),
        pytest.param("1e3", "1e3", id="exponent-without-fraction-stays-text"),
        pytest.param("1.0e+3", 1000.0, id="json-float-with-exponent-is-float"),
        pytest.param(".5", ".5", id="float-without-leading-digit-stays-text"),
        pytest.param("0x1F", "0x1F", id="hex-stays-text"),
        pytest.param("1_000", "1_000", id="underscore-number-stays-text"),
        pytest.param(".inf", ".inf", id="inf-stays-text"),
        pytest.param(".nan", ".nan", id="nan-stays-text"),
        pytest.param("2024-02-30", "2024-02-30", id="impossible-date-stays-text"),
        pytest.param("2024-02-03", "2024-02-03", id="date-stays-text"),
        pytest.param("450", 450, id="int"),
        pytest.param("9" * 30, int("9" * 30), id="30-digit-int"),
        pytest.param("-" + "9" * 30, -int("9" * 30), id="30-digit-negative-int"),
        pytest.param("9" * 31, "9" * 31, id="31-digit-int-stays-text"),
        pytest.param("9" * 5000, "9" * 5000, id="5000-digit-int-stays-text-no-valueerror"),
        pytest.param("1.0e308", 1.0e308, id="largest-floats-are-floats"),
        pytest.param("1.0e999", "1.0e999", id="infinite-float-stays-text"),
        pytest.param("-1.0e999", "-1.0e999", id="negative-infinite-float-stays-text"),
        pytest.param("0.0e999", 0.0, id="zero-with-a-huge-exponent-is-zero"),
        pytest.param("0", 0, id="zero"),
        pytest.param("-1.5", -1.5, id="negative-float"),
        pytest.param("+1", 1, id="plus-sign-int"),
        pytest.param("true", True, id="true"),
        pytest.param("True", True, id="True"),
        pytest.param("false", False, id="false"),
        pytest.param("FALSE", False, id="FALSE"),
        pytest.param("null", None, id="null"),
        pytest.param("~", None, id="tilde"),
        pytest.param("", None, id="empty"),
        pytest.param('"450"', "450", id="double-quoted-number-stays-text"),
        pytest.param("'true'", "true", id="single-quoted-bool-stays-text"),
        pytest.param('"null"', "null", id="quoted-null-stays-text"),
        pytest.param('""', "", id="quoted-empty-is-empty-text"),
    ],
)
def test_plain_scalars_are_typed_the_json_way(value: str, expected: Any) -> None:
    data = data_of(f"waarde: {value}\n")
    assert data == {"waarde": expected}
    assert type(data["waarde"]) is type(expected)


def test_block_scalars_stay_text() -> None:
    assert data_of("waarde: |\n  450\nandere: >-\n  true\n") == {"waarde": "450\n", "andere": "true"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        pytest.param("1: a\n", "1", id="int-key"),
        pytest.param("1.5: a\n", "1.5", id="float-key"),
        pytest.param("true: a\n", "true", id="bool-key"),
        pytest.param("null: a\n", "null", id="null-key"),
        pytest.param("~: a\n", "~", id="tilde-key"),
        pytest.param("'<<': a\n", "<<", id="quoted-merge-key-is-plain-text"),
    ],
)
def test_keys_stay_the_exact_text(text: str, key: str) -> None:
    assert data_of(text) == {key: "a"}


def test_plain_texts_remember_what_was_typed_for_non_text_values() -> None:
    document, _ = parse("a: 1.50\nb: 007x\nc: true\nd: ~\n")
    assert document.data == {"a": 1.5, "b": "007x", "c": True, "d": None}
    assert document.plain_texts == {("a",): "1.50", ("c",): "true", ("d",): "~"}


# --- Duplicate keys ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("titel: a\nid: b\ntitel: c\n", "3:1: " + DUPLICATE.format(key="titel", first=1), id="top-level"),
        pytest.param("locatie:\n  wijk: a\n  regio: b\n  wijk: c\n", "4:3: " + DUPLICATE.format(key="wijk", first=2),
                     id="nested"),
        pytest.param("partners:\n  - rol: a\n    organisatie: b\n    rol: c\n",
                     "4:5: " + DUPLICATE.format(key="rol", first=2), id="in-list-item"),
        pytest.param('1: a\n"1": b\n', "2:1: " + DUPLICATE.format(key="1", first=1), id="plain-1-and-quoted-1"),
        pytest.param("? a\n? a\n", "2:3: " + DUPLICATE.format(key="a", first=1), id="explicit-keys"),
    ],
)
def test_duplicate_keys_are_refused_at_the_second_key(text: str, expected: str) -> None:
    document, problems = parse(text)
    assert shown(problems) == [expected]
    assert document.data is None


def test_same_key_in_different_groups_is_fine() -> None:
    assert data_of("a:\n  x: 1\nb:\n  x: 2\nc:\n  - x: 3\n  - x: 4\n") == {
        "a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}


# --- Structural hazards ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: &x 1\nb: *x\n", "1:4: " + ALIAS.format(name="x"), id="anchor-on-value"),
        pytest.param("a: 1\nb: *x\n", "2:4: " + ALIAS.format(name="x"), id="alias-without-anchor"),
        pytest.param("a: &lijst\n  - 1\n", "1:4: " + ALIAS.format(name="lijst"), id="anchor-on-list"),
        pytest.param("&k a: 1\n", "1:1: " + ALIAS.format(name="k"), id="anchor-on-key"),
        pytest.param("<<: {a: 1}\n", "1:1: " + MERGE, id="merge-key"),
        pytest.param("b: 2\nc:\n  <<: {a: 1}\n", "3:3: " + MERGE, id="nested-merge-key"),
        pytest.param("a: !!str 1\n", "1:4: " + TAG.format(tag="tag:yaml.org,2002:str"), id="str-tag"),
        pytest.param("a: !custom 1\n", "1:4: " + TAG.format(tag="!custom"), id="custom-tag"),
        pytest.param("a: !!python/object/apply:os.getcwd []\n",
                     "1:4: " + TAG.format(tag="tag:yaml.org,2002:python/object/apply:os.getcwd"), id="python-tag"),
        pytest.param("a: !!map {b: 1}\n", "1:4: " + TAG.format(tag="tag:yaml.org,2002:map"), id="tag-on-mapping"),
        pytest.param("!!str a: 1\n", "1:1: " + TAG.format(tag="tag:yaml.org,2002:str"), id="tag-on-key"),
        pytest.param("a: 1\n---\nb: 2\n", "2:1: " + SECOND_DOCUMENT, id="second-document"),
        pytest.param("a: 1\n...\n---\nb: 2\n", "3:1: " + SECOND_DOCUMENT, id="second-document-after-end-marker"),
        pytest.param("", "1:1: " + EMPTY, id="empty-file"),
        pytest.param("# alleen commentaar\n\n# nog meer\n", "1:1: " + EMPTY, id="comment-only"),
        pytest.param("---\n", "1:1: " + EMPTY, id="only-document-marker"),
        pytest.param("? [a, b]\n: 1\n", "1:3: " + KEY_NOT_TEXT, id="list-as-key"),
        pytest.param("a: 1\n? {b: 1}\n: 2\n", "2:3: " + KEY_NOT_TEXT, id="mapping-as-key"),
    ],
)
def test_hazards_are_refused_with_their_position(text: str, expected: str) -> None:
    document, problems = parse(text)
    assert shown(problems) == [expected]
    assert document.data is None


def nested_lists(levels: int) -> str:
    """``a: [[...]]`` with ``levels`` lists: the innermost list is at depth ``levels``."""
    return "a: " + "[" * levels + "]" * levels + "\n"


def test_nesting_up_to_max_depth_is_accepted() -> None:
    expected: list[Any] = []
    for _ in range(MAX_DEPTH - 1):
        expected = [expected]
    assert data_of(nested_lists(MAX_DEPTH)) == {"a": expected}


@pytest.mark.parametrize("levels", [MAX_DEPTH + 1, 1000], ids=["one-too-deep", "far-too-deep"])
def test_nesting_deeper_than_max_depth_is_refused(levels: int) -> None:
    _, problems = parse(nested_lists(levels))
    # The list at depth MAX_DEPTH + 1 starts after 'a: ' and MAX_DEPTH opening brackets.
    assert shown(problems) == [f"1:{4 + MAX_DEPTH}: {TOO_DEEP}"]


def test_deep_block_mappings_are_refused_at_the_first_too_deep_line() -> None:
    text = "".join(f"{'  ' * level}n{level}:\n" for level in range(MAX_DEPTH + 2))
    _, problems = parse(text)
    # Values at depth 25 start at the key of line 26 ('n25:'), indented 50 spaces.
    assert shown(problems) == [f"{MAX_DEPTH + 2}:{2 * (MAX_DEPTH + 1) + 1}: {TOO_DEEP}"]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{n}: &lol{n} [{', '.join([f'*lol{n - 1}'] * 10)}]" for n in range(1, 10)]
    started = time.perf_counter()
    document, problems = parse("\n".join(lines) + "\n")
    elapsed = time.perf_counter() - started
    assert shown(problems) == ["1:7: " + ALIAS.format(name="lol0")]
    assert document.data is None
    assert elapsed < 2.0


# --- Bytes: size, encoding, forbidden characters -----------------------------------------------

def test_file_at_the_size_limit_is_read() -> None:
    raw = b"a: " + b"x" * (MAX_BYTES - 4) + b"\n"
    assert len(raw) == MAX_BYTES
    text, problems = decoded(raw)
    assert problems == [] and text is not None and len(text) == MAX_BYTES


def test_file_over_the_size_limit_is_refused() -> None:
    _, problems = decoded(b"a" * (MAX_BYTES + 5 * 1024))
    assert problems == ["1:1: TB002 Het bestand is 261 KiB; de grens is 256 KiB. Een casus is veel kleiner: "
                        "staat er iets in dat er niet hoort?"]


@pytest.mark.parametrize(("extra", "size"), [(1, 257), (1024, 257), (1025, 258)],
                         ids=["one-byte-over", "exactly-one-kib-over", "one-kib-and-one-byte-over"])
def test_file_just_over_the_size_limit_reports_a_size_above_the_limit(extra: int, size: int) -> None:
    # The size is rounded up, so a file over the limit never reads as '256 KiB; de grens is 256 KiB'.
    _, problems = decoded(b"a" * (MAX_BYTES + extra))
    assert problems == [f"1:1: TB002 Het bestand is {size} KiB; de grens is 256 KiB. Een casus is veel kleiner: "
                        "staat er iets in dat er niet hoort?"]


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("titel: café\n".encode("utf-16"), id="utf-16-with-bom"),
        # FF FE also starts a UTF-32-LE BOM; here no 00 00 follows, so it is UTF-16.
        pytest.param(b"\xff\xfe" + "titel: café\n".encode("utf-16-le"), id="utf-16-le-with-bom"),
        pytest.param(b"\xfe\xff" + "titel: café\n".encode("utf-16-be"), id="utf-16-be-with-bom"),
        pytest.param(b"\xfe\xff", id="utf-16-bom-only"),
    ],
)
def test_utf16_with_a_bom_is_named(raw: bytes) -> None:
    assert decoded(raw) == (None, ["1:1: " + UTF16])


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("titel: café\n".encode("utf-32"), id="utf-32-with-bom"),
        pytest.param(b"\xff\xfe\x00\x00" + "titel: café\n".encode("utf-32-le"), id="utf-32-le-with-bom"),
        pytest.param(b"\x00\x00\xfe\xff" + "titel: café\n".encode("utf-32-be"), id="utf-32-be-with-bom"),
        pytest.param(b"\x00\x00\xfe\xff", id="utf-32-bom-only"),
    ],
)
def test_utf32_with_a_bom_is_named(raw: bytes) -> None:
    assert decoded(raw) == (None, ["1:1: " + UTF32])


@pytest.mark.parametrize(
    ("raw", "position"),
    [
        # Without a BOM, UTF-16 and UTF-32 are recognised by their nul bytes; the position is that of the first one.
        pytest.param("titel: café\n".encode("utf-16-le"), "1:2", id="utf-16-le-without-bom"),
        pytest.param("titel: café\n".encode("utf-16-be"), "1:1", id="utf-16-be-without-bom"),
        pytest.param("titel: café\n".encode("utf-32-le"), "1:2", id="utf-32-le-without-bom"),
        pytest.param("titel: café\n".encode("utf-32-be"), "1:1", id="utf-32-be-without-bom"),
        pytest.param(b"a: \x00\n", "1:4", id="one-nul-in-text"),
        pytest.param(b"id: x\ntitel: y\x00z\n", "2:9", id="nul-on-the-second-line"),
        pytest.param("titel: één\x00\n".encode(), "1:11", id="column-counts-characters-not-bytes"),
        pytest.param(b"a: 1\r\nb: \x00\r\n", "2:4", id="after-crlf"),
        pytest.param(b"a: \xe9\n\x00", "2:1", id="nul-wins-over-an-earlier-bad-byte"),
        # A PNG header: '\x89PNG', CR LF, '\x1a', LF, and then the first nul byte, at the start of line 3.
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "3:1", id="png-header"),
    ],
)
def test_nul_bytes_are_refused_at_the_first_one(raw: bytes, position: str) -> None:
    assert decoded(raw) == (None, [f"{position}: {NUL_BYTES}"])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"a: 1\rb: \x00\r", "2:4: " + NUL_BYTES, id="nul-byte"),
        pytest.param(b"a: 1\rb: \xe9\r", "2:4: " + NOT_UTF8.format(byte="e9"), id="not-utf8"),
        # Bytes 1-255: LF is byte 10, the lone CR byte 13, so 0x80 stands on line 3 after the 114 bytes 14-127.
        pytest.param(bytes(range(1, 256)), "3:115: " + NOT_UTF8.format(byte="80"), id="all-bytes-but-nul"),
    ],
)
def test_encoding_problems_after_a_lone_carriage_return_are_on_the_right_line(raw: bytes, expected: str) -> None:
    assert decoded(raw) == (None, [expected])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"id: x\ntitel: caf\xe9\n", "2:11: " + NOT_UTF8.format(byte="e9"), id="latin-1-e-acute"),
        pytest.param(b"\xe9\n", "1:1: " + NOT_UTF8.format(byte="e9"), id="first-byte"),
        pytest.param("titel: één\nwijk: \x96\n".encode().replace(b"\xc2\x96", b"\x96"),
                     "2:7: " + NOT_UTF8.format(byte="96"), id="after-multibyte-characters"),
        pytest.param(b"a: 1\r\nb: \xc3\n", "2:4: " + NOT_UTF8.format(byte="c3"), id="crlf-and-truncated-sequence"),
        pytest.param(b"\x89PNG\r\n\x1a\n", "1:1: " + NOT_UTF8.format(byte="89"), id="png-signature-without-nul"),
    ],
)
def test_bytes_that_are_not_utf8_are_refused_with_their_position(raw: bytes, expected: str) -> None:
    assert decoded(raw) == (None, [expected])


def test_utf8_bom_is_accepted_and_does_not_shift_positions() -> None:
    text, problems = decoded(b"\xef\xbb\xbfid: x\ntitel: y\n")
    assert (text, problems) == ("id: x\ntitel: y\n", [])
    document, problems = parse(text)
    assert problems == []
    assert document.key_positions[("id",)] == Position(1, 1)
    assert document.value_positions[("titel",)] == Position(2, 8)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"a: 1\nb: x\x07y\n", "2:5: " + INVISIBLE.format(character="U+0007"), id="bell"),
        pytest.param(b"a: \x1b[31mrood\n", "1:4: " + INVISIBLE.format(character="U+001B"), id="escape"),
        pytest.param("a: x\u202ey\n".encode(), "1:5: " + INVISIBLE.format(character="U+202E"), id="bidi-override"),
        pytest.param("a: x\u2066y\n".encode(), "1:5: " + INVISIBLE.format(character="U+2066"), id="bidi-isolate"),
        pytest.param(b"a:\x7f\n", "1:3: " + INVISIBLE.format(character="U+007F"), id="delete"),
        pytest.param("a: \x85\n".encode(), "1:4: " + INVISIBLE.format(character="U+0085"), id="c1-next-line"),
        pytest.param("a: 1\n\ufeffb: 2\n".encode(), "2:1: " + INVISIBLE.format(character="U+FEFF"), id="bom-in-the-middle"),
        pytest.param("titel: één\x0c\n".encode(), "1:11: " + INVISIBLE.format(character="U+000C"),
                     id="column-counts-characters-not-bytes"),
    ],
)
def test_forbidden_characters_are_refused_with_their_position(raw: bytes, expected: str) -> None:
    assert decoded(raw) == (None, [expected])


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        pytest.param(b"a: 'x\ty'\r\nb: 2\n", "a: 'x\ty'\nb: 2\n", id="crlf"),
        pytest.param(b"a: 'x\ty'\rb: 2\r", "a: 'x\ty'\nb: 2\n", id="lone-cr"),
        pytest.param(b"a: 1\r\n\rb: 2\n\r", "a: 1\n\nb: 2\n\n", id="mixed"),
    ],
)
def test_tab_and_line_endings_are_not_forbidden_characters(raw: bytes, text: str) -> None:
    # Every line ending becomes '\n', as YAML reads each of them as one line break; the tab stays.
    assert decoded(raw) == (text, [])


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"a: 1\rb: \x07\r", "2:4", id="lone-cr"),
        pytest.param(b"a: 1\r\nb: \x07\r\n", "2:4", id="crlf"),
        pytest.param(b"a: 1\r\n\rb: \x07\n", "3:4", id="crlf-then-lone-cr"),
    ],
)
def test_forbidden_characters_after_any_line_ending_are_on_the_editors_line(raw: bytes, expected: str) -> None:
    assert decoded(raw) == (None, [f"{expected}: " + INVISIBLE.format(character="U+0007")])


def test_lone_carriage_returns_give_the_editors_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_bytes(b"id: x\rtitel: y\raanpak: |\r  een\r  twee\rwijk: a\r")
    document, problems = loading.load_document(path)
    assert problems == []
    assert document.data == {"id": "x", "titel": "y", "aanpak": "een\ntwee\n", "wijk": "a"}
    assert document.value_positions[("titel",)] == Position(2, 8)
    assert document.value_positions[("wijk",)] == Position(6, 7)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"a: 1\rb: 2\ra: 3\r", "3:1: " + DUPLICATE.format(key="a", first=1), id="duplicate-key"),
        pytest.param(b"a: 1\r\rb: 'x\r", "4:1: TB005 De YAML klopt hier niet: het bestand houdt midden in een waarde "
                                          "op; sluit aanhalingstekens en haken.", id="syntax-error"),
    ],
)
def test_problems_after_lone_carriage_returns_are_on_the_editors_line(raw: bytes, expected: str,
                                                                      tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_bytes(raw)
    _, problems = loading.load_document(path)
    assert shown(problems) == [expected]


def test_at_most_five_forbidden_characters_are_reported() -> None:
    raw = b"".join(f"a{n}: \x07\n".encode() for n in range(1, 9))
    assert decoded(raw) == (None, [f"{line}:5: " + INVISIBLE.format(character="U+0007") for line in range(1, 6)])


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\ufdd0", "\ufde0", "\ufdef", "\U0001fffe", "\U0001ffff",
                                       "\U0010ffff", "\U000e0001", "\U000e0041", "\U000e007f"],
                         ids=["U+FFFE", "U+FFFF", "U+FDD0", "U+FDE0", "U+FDEF", "U+1FFFE", "U+1FFFF", "U+10FFFF",
                              "language-tag", "tag-letter", "cancel-tag"])
def test_noncharacters_are_refused_as_forbidden_characters(character: str, tmp_path: Path) -> None:
    raw = f"a: 1\nb: x{character}\n".encode()
    path = tmp_path / "casus.yaml"
    path.write_bytes(raw)
    _, problems = loading.load_document(path)
    assert shown(problems) == ["2:5: " + INVISIBLE.format(character=f"U+{ord(character):04X}")]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(["a", "é", "\t", "\n", " ", "\x07", "\x7f", "\x85", "\u2028", "\u202e", "\ufeff",
                                          "\ufffe", "\U0001fffe", "\U0001F3F4", "\U000E0067", "\U000E0062", "\U000E007F",
                                          "\U000E0100", "\ufffd"]), max_size=40))
def test_the_quick_look_for_forbidden_characters_finds_what_the_full_search_finds(text: str) -> None:
    # forbidden_characters first tests only the text's distinct characters outside printable ASCII
    full = [(match.start(), match.group(1)) for match in loading._FORBIDDEN_CHARACTERS.finditer(text) if match.group(1)]
    assert list(loading.forbidden_characters(text)) == full


@pytest.mark.parametrize("character", ["\ufdcf", "\ufdf0", "\ufffd", "\U0001fffd", "\U000e0100"],
                         ids=["U+FDCF", "U+FDF0", "U+FFFD", "U+1FFFD", "variation-selector-17"])
def test_characters_next_to_the_noncharacters_are_fine(character: str) -> None:
    assert decoded(f"a: x{character}\n".encode()) == (f"a: x{character}\n", [])


SCOTLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"  # a flag: tag characters
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # joined by zero-width joiners


@pytest.mark.parametrize("parser", [None, *PARSERS])
@pytest.mark.parametrize("emoji", [SCOTLAND, FAMILY, "\U0001f3e0", "\u2764\ufe0f"], ids=["flag", "family", "house", "heart"])
def test_emoji_are_fine_also_those_made_of_tag_characters(emoji: str, parser: Any) -> None:
    text = f"samenvatting: Thuis {emoji}\ntitel: \"{emoji}\"\n"  # plain and double-quoted (escapes checked)
    assert decoded(text.encode()) == (text, [])
    assert data_of(text, parser) == {"samenvatting": f"Thuis {emoji}", "titel": emoji}


def test_tag_characters_outside_an_emoji_tag_sequence_are_refused() -> None:
    text = f"a: {SCOTLAND}\U000e0041 \U0001f3f4\U000e0067\n"  # a stray tag after a flag; an unfinished flag
    assert decoded(text.encode()) == (None, [f"1:{column}: " + INVISIBLE.format(character=character)
                                             for column, character in ((11, "U+E0041"), (14, "U+E0067"))])


@pytest.mark.parametrize("parser", PARSERS)
def test_pure_parser_does_not_raise_on_a_noncharacter(parser: Any) -> None:
    # parse_text on its own (load_document refuses U+FFFE before parsing, as TB004): the reader error of either
    # parser, even when raised while the parser is being built, becomes one TB005 instead of an exception.
    document, problems = parse("a: x\ufffe\n", parser)
    assert document.data is None
    assert [(found.code, found.line, found.column) for found in problems] == [("TB005", 1, 1)]


@pytest.mark.parametrize("character", ["\u2028", "\u2029"], ids=["line-separator", "paragraph-separator"])
def test_unicode_line_separators_are_refused(character: str) -> None:
    expected = [
        "1:11: " + INVISIBLE.format(character=f"U+{ord(character):04X}"),
        "2:1: " + INVISIBLE.format(character=f"U+{ord(character):04X}"),
    ]
    # The second one is on line 2: it is not itself counted as a line break, so lines still match the editor.
    assert decoded(f"titel: Een{character}twee\n{character}b: 1\n".encode()) == (None, expected)


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("escape", "character"),
    [
        pytest.param("\\u202e", "U+202E", id="bidi-override"),
        pytest.param("\\e", "U+001B", id="escape"),
        pytest.param("\\0", "U+0000", id="nul"),
        pytest.param("\\x85", "U+0085", id="c1-next-line"),
        pytest.param("\\u2028", "U+2028", id="line-separator"),
        pytest.param("\\uffff", "U+FFFF", id="noncharacter"),
    ],
)
@pytest.mark.parametrize(
    "template",
    [
        pytest.param('titel: "a{escape}b"\n', id="value"),
        pytest.param('id: x\nlijst:\n  - "ok"\n  - "a{escape}b"\n', id="list-item"),
        pytest.param('id: x\n"a{escape}b": 1\n', id="key"),
    ],
)
def test_escaped_forbidden_characters_are_refused(template: str, escape: str, character: str, parser: Any) -> None:
    text = template.format(escape=escape)
    scalar = text.index('"a')  # reported at the start of the double-quoted scalar that holds the escape
    line = text.count("\n", 0, scalar) + 1
    column = scalar - (text.rfind("\n", 0, scalar) + 1) + 1
    document, problems = parse(text, parser)
    assert document.data is None
    assert shown(problems) == [f"{line}:{column}: " + INVISIBLE.format(character=character)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        pytest.param('titel: "a\\tb\\nc\\u00e9"\n', "a\tb\ncé", id="tab-newline-and-letter-escapes"),
        pytest.param("titel: 'a\\u202eb'\n", "a\\u202eb", id="single-quoted-backslash-is-no-escape"),
    ],
)
def test_harmless_or_single_quoted_escapes_are_fine(text: str, value: str) -> None:
    assert data_of(text) == {"titel": value}


@pytest.mark.parametrize("seed", range(8))
def test_random_binary_never_raises_and_gives_one_reading_problem(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)  # noqa: S311 - test data, not security
    path = tmp_path / "rommel.yaml"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(100, 3000))))
    document, problems = loading.load_document(path)
    assert document.data is None
    assert len(problems) in range(1, 6)
    assert {found.code for found in problems} <= {"TB003", "TB004", "TB005"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(bytes(range(256)), "1:1: " + NUL_BYTES, id="all-bytes"),  # the very first byte is a nul
        pytest.param(b"\x00" * 64, "1:1: " + NUL_BYTES, id="only-nul-bytes"),
    ],
)
def test_binary_junk_gives_an_encoding_problem(raw: bytes, expected: str, tmp_path: Path) -> None:
    path = tmp_path / "rommel.yaml"
    path.write_bytes(raw)
    document, problems = loading.load_document(path)
    assert (document.data, shown(problems)) == (None, [expected])




def test_missing_file_gives_tb001_in_dutch(tmp_path: Path) -> None:
    document, problems = loading.load_document(tmp_path / "bestaat-niet.yaml")
    assert document.data is None
    assert shown(problems) == ["1:1: " + UNREADABLE.format(reason="het bestaat niet")]


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        pytest.param(PermissionError(13, "Permission denied"), "je hebt geen leesrechten", id="no-permission"),
        pytest.param(OSError(5, "Input/output error"), "fout van het besturingssysteem (Input/output error)",
                     id="other-os-error"),
        pytest.param(OSError("zonder errno"), "fout van het besturingssysteem (OSError)", id="os-error-without-text"),
    ],
)
def test_other_read_errors_give_tb001_without_bare_os_text(error: OSError, reason: str, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text("id: x\n", encoding="utf-8")

    def refuse(*arguments: object) -> NoReturn:
        raise error

    with monkeypatch.context() as patched:  # opening fails, or reading after a successful open
        patched.setattr(loading.os, "open", refuse)
        document, problems = loading.load_document(path)
    with monkeypatch.context() as patched:
        patched.setattr(loading.os, "read", refuse)
        problems += loading.load_document(path)[1]
    assert document.data is None
    assert shown(problems) == ["1:1: " + UNREADABLE.format(reason=reason)] * 2


# --- Special files: only regular files are read --------------------------------------------------

NOT_REGULAR = "TB015 Dit is {kind}, geen gewoon bestand; Thuisbasis leest alleen gewone bestanden. Zet de tekst zelf in een .yaml-bestand."


def refused_as(path: Path) -> list[str]:
    document, problems = loading.load_document(path)
    assert document.data is None
    return shown(problems)


def test_a_folder_named_yaml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").mkdir()
    assert refused_as(tmp_path / "map.yaml") == ["1:1: " + NOT_REGULAR.format(kind="een map")]


@pytest.mark.parametrize("target", ["/dev/zero", "elders/geheim.yaml", "bestaat-niet.yaml"],
                         ids=["dev-zero", "regular-file", "dangling"])
def test_a_symbolic_link_is_refused_without_reading_what_it_points_to(tmp_path: Path, target: str) -> None:
    (tmp_path / "elders").mkdir()
    (tmp_path / "elders" / "geheim.yaml").write_text("wachtwoord: geheim\n", encoding="utf-8")
    link = tmp_path / "casus.yaml"
    link.symlink_to(target if target.startswith("/") else tmp_path / target)
    started = time.perf_counter()
    assert refused_as(link) == ["1:1: " + NOT_REGULAR.format(kind="een symbolische link (snelkoppeling)")]
    assert time.perf_counter() - started < 1.0


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "casus.yaml"
    os.mkfifo(fifo)
    result: list[list[str]] = []
    reader = threading.Thread(target=lambda: result.append(refused_as(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert result == [["1:1: " + NOT_REGULAR.format(kind="een named pipe (FIFO)")]]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(device: str) -> None:
    assert refused_as(Path(device)) == ["1:1: " + NOT_REGULAR.format(kind="een apparaat")]


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert refused_as(path) == ["1:1: " + NOT_REGULAR.format(kind="een socket")]


def test_never_more_than_the_limit_is_read_even_if_the_file_grows_after_the_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The size check reads the opened file's size; a file that then grows (or was swapped) is read only up to
    one byte over the limit."""
    path = tmp_path / "casus.yaml"
    path.write_bytes(b"a: " + b"x" * (4 * MAX_BYTES))
    real_fstat, real_read, requested = os.fstat, os.read, []

    def small_fstat(descriptor: int) -> os.stat_result:
        status = list(real_fstat(descriptor))
        status[6] = 10  # st_size, as it was when the check ran
        return os.stat_result(status)

    def counting_read(descriptor: int, count: int) -> bytes:
        requested.append(count)
        return real_read(descriptor, count)

    monkeypatch.setattr(loading.os, "fstat", small_fstat)
    monkeypatch.setattr(loading.os, "read", counting_read)
    _, problems = loading.load_document(path)
    monkeypatch.undo()
    assert sum(requested) <= MAX_BYTES + 1
    assert [found.code for found in problems] == ["TB002"]


# --- Syntax errors -----------------------------------------------------------------------------

@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize(
    ("text", "position"),
    [
        pytest.param("\tid: x\n", (1, 1), id="tab-at-top-level"),
        pytest.param("locatie:\n\twijk: x\n", (2, 1), id="tab-under-a-key"),
        pytest.param("locatie:\n  wijk: x\n\tregio: y\n", (3, 1), id="tab-among-indented-fields"),
    ],
)
def test_tab_indentation_is_a_syntax_error_at_its_line(text: str, position: tuple[int, int], parser: Any) -> None:
    _, problems = parse(text, parser)
    assert [(found.code, found.line, found.column) for found in problems] == [("TB005", *position)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("a: 'x\n", "2:1: TB005 De YAML klopt hier niet: het bestand houdt midden in een waarde op; "
                                "sluit aanhalingstekens en haken.", id="unclosed-quote"),
        pytest.param("a:\n  - x\n  y\n", "4:1: TB005 De YAML klopt hier niet: een regel zonder 'veld: waarde'; "
                                         "controleer het inspringen en de dubbele punt.", id="text-after-list"),
        pytest.param("a:\n  b: 1\n c: 2\n", "3:2: TB005 De YAML klopt hier niet: het inspringen klopt niet; velden op "
                                            "hetzelfde niveau staan recht onder elkaar.", id="bad-indent"),
        pytest.param("- a\nb: 1\n", "2:1: TB005 De YAML klopt hier niet: het inspringen van de lijst klopt niet; elk "
                                    "item begint met '- ' recht onder het vorige.", id="field-after-list"),
        pytest.param('a: "\\q"\n', "1:5: TB005 De YAML klopt hier niet: een backslash in tekst tussen dubbele "
                                    "aanhalingstekens; gebruik enkele aanhalingstekens.", id="unknown-escape"),
        pytest.param("a: @x\n", "1:4: TB005 De YAML klopt hier niet: hier staat een teken waarmee geen waarde kan "
                                "beginnen (vaak een tab, of een @ of ` aan het begin); spring in met spaties en zet "
                                "zulke tekst tussen aanhalingstekens.", id="at-sign"),
    ],
)
def test_syntax_errors_get_a_dutch_hint_with_the_default_parser(text: str, expected: str) -> None:
    _, problems = parse(text)
    assert shown(problems) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("titel: Wonen: een aanpak\n", "1:13: " + COLON_HINT, id="colon-in-text"),
        pytest.param("locatie:\n  wijk: x\n\tregio: y\n", "3:1: " + TAB_HINT, id="tab-among-indented-fields"),
        pytest.param("aanpak: |\n  - een\n\t- twee\n", "3:1: " + TAB_HINT, id="tab-in-block-text"),
        pytest.param("- a\n- b: c: d\n", "2:7: " + COLON_HINT, id="colon-in-list-item"),
        pytest.param("a: [1, 2\nb: 1\n", "2:2: " + UNCLOSED_LIST_HINT, id="unclosed-list-before-next-field"),
        pytest.param("a: [b\n", "2:1: " + UNCLOSED_LIST_HINT, id="unclosed-list-at-end"),
        pytest.param("a: {b: 1\nc: 1\n", "2:2: " + UNCLOSED_GROUP_HINT, id="unclosed-group-before-next-field"),
        pytest.param("a: {x: 1, y\n", "2:1: " + UNCLOSED_GROUP_HINT, id="unclosed-group-at-end"),
        pytest.param('titel: "Wat?" ? nee\n', "1:15: " + KEY_HINT, id="question-mark-after-quoted-text"),
    ],
)
def test_common_mistakes_get_a_dutch_hint_with_libyaml(text: str, expected: str) -> None:
    _, problems = parse(text, loading.DEFAULT_PARSER)
    assert shown(problems) == [expected]


# --- Positions ---------------------------------------------------------------------------------

POSITIONED = """\
# commentaar
id: voorbeeld
doelen:
  - doel: Eerste doel
    indicatoren:
      - naam: Aantal
        resultaat: 18
  - doel: Tweede
aanpak: |
  regel een
  regel twee
"""


def test_every_value_and_key_keeps_its_line_and_column() -> None:
    document, problems = parse(POSITIONED)
    assert problems == []
    assert document.value_positions == {
        (): Position(2, 1),
        ("id",): Position(2, 5),
        ("doelen",): Position(4, 3),
        ("doelen", 0): Position(4, 5),
        ("doelen", 0, "doel"): Position(4, 11),
        ("doelen", 0, "indicatoren"): Position(6, 7),
        ("doelen", 0, "indicatoren", 0): Position(6, 9),
        ("doelen", 0, "indicatoren", 0, "naam"): Position(6, 15),
        ("doelen", 0, "indicatoren", 0, "resultaat"): Position(7, 20),
        ("doelen", 1): Position(8, 5),
        ("doelen", 1, "doel"): Position(8, 11),
        ("aanpak",): Position(9, 9),
    }
    assert document.key_positions == {
        ("id",): Position(2, 1),
        ("doelen",): Position(3, 1),
        ("doelen", 0, "doel"): Position(4, 5),
        ("doelen", 0, "indicatoren"): Position(5, 5),
        ("doelen", 0, "indicatoren", 0, "naam"): Position(6, 9),
        ("doelen", 0, "indicatoren", 0, "resultaat"): Position(7, 9),
        ("doelen", 1, "doel"): Position(8, 5),
        ("aanpak",): Position(9, 1),
    }
    assert document.block_scalars == {("aanpak",)}
    assert document.data["aanpak"] == "regel een\nregel twee\n"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(("doelen", 0, "indicatoren", 0, "resultaat"), Position(7, 20), id="existing-value"),
        pytest.param(("doelen", 0, "indicatoren", 0, "meetwijze"), Position(6, 9), id="missing-field-uses-parent"),
        pytest.param(("doelen", 1, "indicatoren", 3, "naam"), Position(8, 5), id="missing-branch-uses-nearest"),
        pytest.param(("bestaat-niet",), Position(2, 1), id="unknown-top-level-uses-root"),
        pytest.param((), Position(2, 1), id="root"),
    ],
)
def test_position_of_falls_back_to_the_nearest_parent(path: tuple[str | int, ...], expected: Position) -> None:
    document, _ = parse(POSITIONED)
    assert document.position_of(path) == expected


def test_position_of_in_an_empty_document_is_the_first_line() -> None:
    assert Document(path=PATH).position_of(("a", 1)) == Position(1, 1)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param(("doelen", 0, "doel"), Position(4, 5), id="key"),
        pytest.param(("doelen", 1), Position(8, 5), id="list-item-has-no-key"),
        pytest.param(("doelen", 0, "toelichting"), Position(4, 5), id="missing-key-uses-parent-value"),
    ],
)
def test_key_position_of_falls_back_to_the_value(path: tuple[str | int, ...], expected: Position) -> None:
    document, _ = parse(POSITIONED)
    assert document.key_position_of(path) == expected


def test_load_document_reads_a_file_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "casus.yaml"
    path.write_text("id: x\nlijst:\n  - 1\n  - twee\n", encoding="utf-8")
    document, problems = loading.load_document(path)
    assert problems == []
    assert document.path == path
    assert document.data == {"id": "x", "lijst": [1, "twee"]}
    assert document.value_positions[("lijst", 1)] == Position(4, 5)


# --- libyaml and the pure-Python parser agree --------------------------------------------------

PARITY_INPUTS = {
    "typing": "a: no\nb: 01234567\nc: 12:30\nd: 1.0e+3\ne: 1e3\nf: 450\ng: -1.5\nh: true\ni: ~\nj:\nk: '450'\n",
    "nested": POSITIONED,
    "flow": "a: {b: [1, 2, {c: d}], e: 'f'}\n",
    "block-scalars": "a: |\n  x\n\n  y\nb: >-\n  p\n  q\nc: |+\n  z\n\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "utf8": "titel: Fryslân én Zuid-Holland\n",
    "duplicate": "a:\n  b: 1\n  b: 2\n",
    "duplicate-1-and-quoted-1": '1: a\n"1": b\n',
    "anchor": "a: &x 1\nb: *x\n",
    "merge": "<<: {a: 1}\n",
    "tag": "a: !!python/object/apply:os.getcwd []\n",
    "second-document": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comment-only": "# niets\n",
    "too-deep": nested_lists(MAX_DEPTH + 1),
    "list-key": "? [a]\n: 1\n",
    "tab": "a:\n\tb: 1\n",
    "colon": "titel: Wonen: een aanpak\n",
    "unclosed-quote": "a: 'x\n",
    "bad-indent": "a:\n  b: 1\n c: 2\n",
    "unclosed-flow": "a: [1, 2\nb: 1\n",
    "unknown-escape": 'a: "\\q"\n',
}


@pytest.mark.parametrize("text", list(PARITY_INPUTS.values()), ids=list(PARITY_INPUTS))
def test_libyaml_and_pure_parser_give_the_same_result(text: str) -> None:
    fast_document, fast_problems = parse(text, loading.DEFAULT_PARSER)
    pure_document, pure_problems = parse(text, PureParser)
    assert fast_document.data == pure_document.data
    assert fast_document.value_positions == pure_document.value_positions
    assert fast_document.key_positions == pure_document.key_positions
    assert [(found.code, found.line) for found in fast_problems] == [(found.code, found.line) for found in pure_problems]


def test_libyaml_is_the_default_parser_here() -> None:
    # Otherwise the parity test above compares the pure parser with itself.
    assert loading.DEFAULT_PARSER is not PureParser


def test_every_forbidden_character_starts_with_a_byte_the_quick_look_at_the_bytes_finds() -> None:
    """decode_text looks at the characters only where the bytes hold one that may start a forbidden character
    (``might_hold_a_forbidden_character``): checked here for every code point."""
    every_character = "".join(chr(point) for point in range(0x110000) if not 0xD800 <= point <= 0xDFFF)
    forbidden = loading._ANY_FORBIDDEN_CHARACTER.findall(every_character)
    assert len(forbidden) > 250  # C0 and C1 controls, separators, bidi controls, noncharacters, tag characters
    for character in forbidden:
        for text in (f"tekst {character} tekst", f"zo’n “tekst” – {character} met € 5"):
            assert loading.might_hold_a_forbidden_character(text.encode()), f"U+{ord(character):04X}"
    assert not loading.might_hold_a_forbidden_character("Één café, coöperatie, naïef, Straße\t\r\n".encode())


@pytest.mark.parametrize(("character", "looked_at"), [("\u2019", False), ("\u00a0", False), ("\u20ac", False),
                                                   ("\u2026", False), ("\U0001F600", True)],
                         ids=["right-quote", "no-break-space", "euro", "ellipsis", "emoji"])
def test_typographic_characters_need_no_look_at_the_characters(character: str, looked_at: bool, tmp_path: Path) -> None:
    """Only a control character or a character of four bytes (an emoji: rare in a case) makes decode_text look
    at a file's characters; a typographic quote, a no-break space or a euro sign does not."""
    path = tmp_path / "casus.yaml"
    path.write_bytes(f"a: zo{character}n tekst\n".encode())
    document, problems = loading.load_document(path)
    assert loading.might_hold_a_forbidden_character(path.read_bytes()) is looked_at
    assert problems == [] and document.data == {"a": f"zo{character}n tekst"}
