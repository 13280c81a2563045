"""Hostile input: random and mutated YAML never crashes ``validate``; every error says file and line.

Property-based (hypothesis). The mutations start from the real case and checklist files, because that is
where a partner's editor, a bad copy-paste or a broken upload starts too: byte flips, truncation,
inserted control characters, duplicated and deleted lines, random indentation, and plain random bytes.
The budget is small (max_examples per property, a deadline per example) so the suite stays fast; the
derandomised profile keeps CI reproducible.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_issue_form import ANSWERS, render_body

from conftest import TODAY, replace_line, run_thuisbasis, valid_case_text
from thuisbasis.model.catalog import load_catalog
from thuisbasis.problems import CODES, Severity
from thuisbasis.render import render_site
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


# --- Special files: read only regular files, never wait, never read more than the limit ----------------

SPECIAL_FILES = {
    "link-to-dev-zero": lambda path: path.symlink_to("/dev/zero"),
    "link-out-of-the-repository": lambda path: path.symlink_to(ROOT / "README.md"),
    "fifo": lambda path: os.mkfifo(path),
    "directory": lambda path: path.mkdir(),
}


@pytest.mark.parametrize("make", SPECIAL_FILES.values(), ids=SPECIAL_FILES.keys())
def test_special_files_in_the_cases_folder_are_refused_by_the_command(tmp_path: Path, make: Any) -> None:
    """A symbolic link (to /dev/zero, or out of the repository), a named pipe or a folder called x.yaml: one
    TB015 line, exit 1, at once; nothing of what a link points to is read or shown."""
    cases = tmp_path / "cases"
    cases.mkdir()
    make(cases / "x.yaml")
    started = time.perf_counter()
    result = run_thuisbasis("validate", "cases", cwd=tmp_path)
    elapsed = time.perf_counter() - started
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problem_lines = result.stdout.splitlines()[:-1]
    assert [PROBLEM_LINE.match(line)["code"] for line in problem_lines] == ["TB015"]  # type: ignore[index]
    assert problem_lines[0].startswith("cases/x.yaml:1:1: TB015 Dit is een ")
    assert "Thuisbasis" not in problem_lines[0].split("TB015", 1)[1].split(";")[0]  # no echo of README.md
    assert elapsed < 15  # a child process on a busy machine; a hang or reading /dev/zero would never end


# --- Numbers: nothing a file can say crashes validate, and validate guards what the renderer gets -------

# Every numeric field of the valid example case, as its line there.
INVESTMENT = "- {soort: investering, bedrag: 1250000, per: totaal, periode: eenmalig, prijspeil: 2024, bron: jaarverslag-2025}"
SUPPORT = "- {soort: begeleiding, bedrag: 80000.5, per: totaal, periode: per-jaar, bron: jaarverslag-2025}"
NUMERIC_LINES = ["wooneenheden: 40", "bewoners: 20", "nulmeting: 0", "streefwaarde: 20", "resultaat: 18",
                 "resultaat: 72.5", INVESTMENT, SUPPORT, "bedrag: 500000"]
HUGE_NUMBERS = st.one_of(
    st.integers(31, 6000).map(lambda digits: "9" * digits),
    st.integers(31, 6000).map(lambda digits: "-1" + "0" * digits),
    st.sampled_from(["1.0e999", "-1.0e999", "1.5e309", "9.9e99999", "0.1e400"]),
    st.integers(13, 30).map(lambda digits: "1" + "0" * digits),
    st.floats(min_value=1.001e12, max_value=1e300).map(lambda number: f"{number:.3e}".replace("e+", "e")),
    st.floats(min_value=1.001e12, max_value=1e300).map(lambda number: f"-{number:.3e}".replace("e+", "e")),
)


def with_number(line: str, number: str) -> bytes:
    return replace_line(valid_case_text(), line, line_with_number(line, number)).encode("utf-8")


def line_with_number(line: str, number: str) -> str:
    """``line`` with its number replaced: 'key: N', or the amount in a cost item written as a flow mapping."""
    if line.startswith("- {"):
        before, after = line.split("bedrag: ", 1)
        return f"{before}bedrag: {number}{after[after.index(','):]}"
    return f"{line.split(':', 1)[0]}: {number}"


@settings(BUDGET, max_examples=30)
@given(st.sampled_from(NUMERIC_LINES), HUGE_NUMBERS)
def test_huge_and_non_finite_numbers_are_refused_in_every_numeric_field(line: str, number: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases" / "voorbeeld-gemengd-wonen.yaml"
        path.parent.mkdir()
        path.write_bytes(with_number(line, number))
        report = validate_paths([path], today=TODAY)
    codes = [found.code for found in report.problems]
    assert not report.ok
    assert set(codes) & {"TB108", "TB113"}, report.problems
    assert "TB299" not in codes, report.problems
    for found in report.problems:
        assert PROBLEM_LINE.match(str(found)) and "\n" not in str(found)
        assert len(str(found)) < 400, str(found)  # a 6,000-digit number is not echoed


def test_a_5000_digit_number_exits_1_in_every_command(tmp_path: Path) -> None:
    """validate, stale and render once gave a ValueError traceback (Python's 4,300-digit limit)."""
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "voorbeeld-gemengd-wonen.yaml").write_bytes(with_number("streefwaarde: 20", "9" * 5000))
    expected = ("cases/voorbeeld-gemengd-wonen.yaml:45:23: TB113 'streefwaarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde') is "
                "999999999999… (5000 tekens): zo'n groot getal kan Thuisbasis niet verwerken. Het moet tussen "
                "-1000000000000 en 1000000000000 liggen.")
    for command in (["validate", "cases"], ["render", "--out", "uit"]):
        result = run_thuisbasis(*command, cwd=tmp_path)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        assert expected in result.stdout.splitlines(), (command, result.stdout)
    stale = run_thuisbasis("stale", "--today", TODAY.isoformat(), cwd=tmp_path)  # a case it cannot check: said
    assert (stale.returncode, stale.stderr) == (1, "") and expected in stale.stdout.splitlines()


def test_from_issue_keeps_a_5000_digit_answer_as_text_and_explains_it(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "aanmelding.md").write_text(render_body({**ANSWERS, "wooneenheden": "9" * 5000}), encoding="utf-8")
    result = run_thuisbasis("from-issue", "aanmelding.md", "--today", TODAY.isoformat(), cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1
    assert re.search(r"TB113 'schaal.wooneenheden' is 999999999999… \(5000 tekens\): zo'n groot getal kan Thuisbasis "
                     r"niet verwerken. Het moet tussen 0 en 10000000 liggen.$", result.stdout, re.MULTILINE), result.stdout


@pytest.mark.parametrize("make", SPECIAL_FILES.values(), ids=SPECIAL_FILES.keys())
def test_from_issue_refuses_a_body_that_is_not_a_regular_file(tmp_path: Path, make: Any) -> None:
    (tmp_path / "cases").mkdir()
    make(tmp_path / "aanmelding.md")
    result = run_thuisbasis("from-issue", "aanmelding.md", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.startswith("aanmelding.md:1:1: TB015 Dit is een ")
    assert list((tmp_path / "cases").iterdir()) == []


def test_the_largest_valid_numbers_render_as_valid_json(tmp_path: Path) -> None:
    """What validate lets through, the renderer can handle: no OverflowError, no Infinity in cases.json."""
    text = valid_case_text()
    extremes = {"wooneenheden: 40": "10000000", "bewoners: 20": "10000000", "nulmeting: 0": "1000000000000",
                "streefwaarde: 20": "999999999999", "resultaat: 18": "1000000000000", "resultaat: 72.5": "99.99",
                INVESTMENT: "1000000000000", SUPPORT: "999999999999.99", "bedrag: 500000": "1000000000000"}
    for line, number in extremes.items():
        text = replace_line(text, line, line_with_number(line, number))
    cases = tmp_path / "cases"
    cases.mkdir()
    (cases / "voorbeeld-gemengd-wonen.yaml").write_text(text, encoding="utf-8")
    catalog, report = load_catalog(cases, checklists_dir=tmp_path / "geen-checklists", today=TODAY)
    assert catalog is not None, report.problems
    site = render_site(catalog, TODAY)
    constants: list[str] = []  # Infinity, -Infinity, NaN: not JSON
    for name, content in site.data.items():
        if name.endswith(".json"):
            json.loads(content, parse_constant=constants.append)
    assert constants == []
    assert not any("€ inf" in page.content or "€ -inf" in page.content for page in site.pages)
