"""Hostile input: random and mutated YAML never crashes ``validate``; every error says file and line.

Property-based (hypothesis). The mutations start from the real case and checklist files, because that is
where a partner's editor, a bad copy-paste or a broken upload starts too: byte flips, truncation,
inserted control characters, duplicated and deleted lines, random indentation, and plain random bytes.
The budget is small (max_examples per property, a deadline per example) so the suite stays fast; the
derandomised profile keeps CI reproducible.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import TODAY

from thuisbasis.problems import CODES, Severity
from thuisbasis.validation import validate_paths

ROOT = Path(__file__).parent.parent
SOURCES = sorted((ROOT / "cases").glob("*.yaml"))
CHECKLIST_SOURCES = sorted((ROOT / "checklists").glob("*.yaml"))
PER_FILE_SECONDS = 2.0
PROBLEM_LINE = re.compile(r"^(?P<path>[^\s:][^:]*):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): (?P<code>TB[0-9]{3}) \S")

BUDGET = settings(max_examples=40, deadline=5000, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CONTROL_CHARACTERS = st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b",
                                      "\u2028", "\u2029", "\u202e", "\u2066", "\ufeff", "\ufffe", "\t", "\r"])


def assert_safe(raw: bytes, folder: str = "cases") -> None:
    """Validate ``raw`` as one file in-process: no exception, a position and a code for every problem, fast."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / folder / "hostile.yaml"
        path.parent.mkdir()
        path.write_bytes(raw)
        started = time.perf_counter()
        report = validate_paths([path], today=TODAY)
        elapsed = time.perf_counter() - started
    assert elapsed < PER_FILE_SECONDS, f"{elapsed:.2f} s"
    for found in report.problems:
        assert found.code in CODES, found
        assert found.line >= 1 and found.column >= 1, found
        assert found.message and not found.message.startswith("Traceback"), found
        assert PROBLEM_LINE.match(str(found)), str(found)
        assert found.code != "TB299", f"a rule crashed on hostile input: {found}"


@st.composite
def mutated(draw: st.DrawFn, sources: list[Path] = SOURCES) -> bytes:
    """A real file with one to four mutations."""
    raw = bytearray(draw(st.sampled_from(sources)).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["flip", "truncate", "control", "duplicate", "delete", "indent", "splice"]))
        lines = raw.split(b"\n")
        if kind == "flip" and raw:
            at = draw(st.integers(0, len(raw) - 1))
            raw[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "truncate":
            raw = raw[: draw(st.integers(0, len(raw)))]
        elif kind == "control":
            text = raw.decode("utf-8", "replace")
            at = draw(st.integers(0, len(text)))
            raw = bytearray((text[:at] + draw(CONTROL_CHARACTERS) + text[at:]).encode("utf-8", "surrogatepass"))
        elif kind == "duplicate":
            at = draw(st.integers(0, len(lines) - 1))
            lines[at:at] = [lines[at]] * draw(st.integers(1, 3))
            raw = bytearray(b"\n".join(lines))
        elif kind == "delete":
            del lines[draw(st.integers(0, len(lines) - 1))]
            raw = bytearray(b"\n".join(lines))
        elif kind == "indent":
            at = draw(st.integers(0, len(lines) - 1))
            lines[at] = draw(st.sampled_from([b" ", b"  ", b"\t", b"    ", b"- "])) * draw(st.integers(1, 3)) + lines[at].lstrip()
            raw = bytearray(b"\n".join(lines))
        elif kind == "splice":
            raw += draw(st.sampled_from([b"\n&a x: *a\n", b"\n<<: {a: 1}\n", b"\n--- !!python/object:os.system\n",
                                         b"\n" + b"[" * 60 + b"\n", b"\ntitel: !!binary aGk=\n", b"\n? [a, b]\n: c\n"]))
    return bytes(raw)


@BUDGET
@given(mutated())
def test_mutated_case_files_never_crash(raw: bytes) -> None:
    assert_safe(raw)


@settings(BUDGET, max_examples=20)
@given(mutated(CHECKLIST_SOURCES))
def test_mutated_checklists_never_crash(raw: bytes) -> None:
    assert_safe(raw, folder="checklists")


@BUDGET
@given(st.binary(max_size=2048))
def test_random_bytes_never_crash(raw: bytes) -> None:
    assert_safe(raw)


# Text built from YAML's own punctuation: reaches the parser (not only the encoding check).
YAML_ALPHABET = st.sampled_from([*":-?[]{},#&*!|>'\"%@` \n\t", "titel", "id", "  ", "- ", "0", "no", "1e3", "é"])


@BUDGET
@given(st.lists(YAML_ALPHABET, max_size=200).map("".join))
def test_random_yaml_like_text_never_crashes(text: str) -> None:
    assert_safe(text.encode("utf-8"))


@settings(BUDGET, max_examples=4, deadline=30000)
@given(mutated())
def test_the_command_line_exits_0_or_1_with_file_line_messages(raw: bytes) -> None:
    """The real command, as CI runs it: exit 0 or 1, no traceback, every problem line is file:line:col."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases" / "hostile.yaml"
        path.parent.mkdir()
        path.write_bytes(raw)
        result = subprocess.run([sys.executable, "-m", "thuisbasis", "validate", str(path)],
                                capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stdout.splitlines()
    assert lines and lines[-1].startswith("Thuisbasis: ")
    for line in lines[:-1]:
        assert PROBLEM_LINE.match(line), line
    codes = [PROBLEM_LINE.match(line)["code"] for line in lines[:-1]]
    assert (result.returncode == 1) == any(CODES[code].severity is Severity.ERROR for code in codes)


BOMB = b"a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + b"".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [{','.join([f'*{chr(97 + level)}'] * 9)}]\n".encode()
    for level in range(8))


@pytest.mark.parametrize(("raw", "code", "line"), [
    (b"titel: x\n" + b"# " + b"x" * 300 * 1024 + b"\n", "TB002", 1),
    (b"titel: " + b"[" * 100_000 + b"]" * 100_000 + b"\n", "TB012", 1),
    (b"titel: x\n" + b"".join(b"  " * depth + b"k:\n" for depth in range(200)), "TB012", 27),
    (BOMB, "TB007", 1),
    (bytes(range(256)) * 100, "TB003", 1),
    (b"titel: x\nid: \x1b[31mrood\n", "TB004", 2),
], ids=["oversized", "deep-flow", "deep-block", "alias-bomb", "binary", "escape-sequence"])
def test_hazards_are_refused_fast_by_validate(raw: bytes, code: str, line: int) -> None:
    """End to end through validate_paths (tests/test_loading.py covers the loader): one clear refusal, fast."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases" / "gevaarlijk.yaml"
        path.parent.mkdir()
        path.write_bytes(raw)
        started = time.perf_counter()
        report = validate_paths([path], today=TODAY)
        elapsed = time.perf_counter() - started
    assert elapsed < 1.0
    assert [(found.code, found.line) for found in report.problems] == [(code, line)]
    assert report.problems[0].message.startswith(CODES[code].template.split("{", 1)[0])
