"""Nothing a partner writes can forge an output line: keys, values and file names with line breaks,
carriage returns, U+2028 or '::' stay inside their own line, in the terminal, in GitHub's workflow
commands and in the Markdown step summary."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import replace_line, valid_case_text
from thuisbasis.cli import main
from thuisbasis.commands.output import github_annotation
from thuisbasis.commands.summary import validation_summary
from thuisbasis.problems import MAX_FIELD_CHARACTERS, Position, Problem, display_path, printable, problem
from thuisbasis.site.audit import Finding

# Everything str.splitlines() breaks on, what GitHub's runner reads as a command, and what it escapes.
HOSTILE = st.lists(st.sampled_from(["\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\u202e",
                                     "\t", "::", ":", ",", "%", "|", "<img src=x>", "[x](y)", "a", "é", " ", "TB000 "]),
                    min_size=1, max_size=12).map("".join)
FILE_NAME = HOSTILE.map(lambda text: text.replace("/", "")).filter(lambda text: text not in ("", ".", ".."))

PROBLEM_LINE = re.compile(r"(?P<path>.+):(?P<line>\d+):(?P<column>\d+): (?P<code>TB\d{3}) (?P<message>.+)")
ANNOTATION = re.compile(r"::(?:error|warning) file=(?P<file>[^,:\n\r]*),line=\d+,col=\d+,title=TB\d{3}::(?P<message>[^\n\r]*)")
SUMMARY_LINE = re.compile(r"Thuisbasis: .+ gecontroleerd: .+\.")
# What GitHub's runner, a terminal or a log viewer may take as the end of a line.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def validate_output(folder: Path, *arguments: str) -> str:
    """The stdout of `thuisbasis validate` run in ``folder`` on GitHub Actions, in this process."""
    output = io.StringIO()
    with mock.patch.dict(os.environ, {"GITHUB_ACTIONS": "true"}), contextlib.chdir(folder), \
            contextlib.redirect_stdout(output):
        main(["validate", *arguments])
    return output.getvalue()


def assert_every_line_is_a_problem_an_annotation_or_the_summary(stdout: str) -> list[re.Match[str]]:
    """Each line follows the grammar; returns the problem lines."""
    lines = stdout.split("\n")
    assert lines.pop() == ""
    assert all(LINE_BREAKS.search(line) is None for line in lines), lines
    problems = []
    for line in lines[:-1]:
        if line.startswith("::"):
            assert ANNOTATION.fullmatch(line), line
        else:
            match = PROBLEM_LINE.fullmatch(line)
            assert match, line
            problems.append(match)
    assert SUMMARY_LINE.fullmatch(lines[-1]), lines[-1]
    assert sum(line.startswith("::") for line in lines) == len(problems)  # one annotation per problem, no more
    return problems


@settings(max_examples=20, deadline=None)
@given(key=HOSTILE, value=HOSTILE, name=FILE_NAME)
def test_a_hostile_key_value_or_file_name_never_forges_an_output_line(key: str, value: str, name: str) -> None:
    text = replace_line(valid_case_text(), "status: afgerond", f"status: {json.dumps(value)}\n{json.dumps(key)}: 1")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        problems = assert_every_line_is_a_problem_an_annotation_or_the_summary(validate_output(Path(folder), path.name))
    assert problems and {match["path"] for match in problems} == {display_path(Path(path.name))}


def test_a_key_that_holds_whole_problem_lines_and_workflow_commands_stays_one_line(tmp_path: Path) -> None:
    key = "a\n/srv/fake.yaml:1:1: TB000 nep\n::stop-commands::token\r::error file=README.md::vals"
    text = replace_line(valid_case_text(), "status: afgerond", f"status: afgerond\n{json.dumps(key)}: 1")
    (tmp_path / "voorbeeld-gemengd-wonen.yaml").write_text(text, encoding="utf-8")
    stdout = validate_output(tmp_path, "voorbeeld-gemengd-wonen.yaml")
    assert_every_line_is_a_problem_an_annotation_or_the_summary(stdout)
    assert not any(line.startswith(("/srv/fake.yaml", "::stop-commands", "::error file=README.md"))
                   for line in stdout.splitlines())
    assert ("TB102 Het veld 'a\\n/srv/fake.yaml:1:1: TB000 nep\\n::stop-commands::token\\r::error file=README.md::vals' "
            "bestaat niet.") in stdout


@pytest.mark.parametrize("name", ["::stop-commands::x.yaml", " ::error file=README.md::x.yaml", ":x.yaml"])
def test_no_line_starts_like_a_workflow_command_whatever_the_file_is_called(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("titel: x\n", encoding="utf-8")
    stdout = validate_output(tmp_path, name)
    assert_every_line_is_a_problem_an_annotation_or_the_summary(stdout)
    assert f"./{name}:1:1: TB" in stdout


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_printable_text_is_one_line_and_shows_every_character(text: str) -> None:
    shown = printable(text)
    assert LINE_BREAKS.search(shown) is None
    assert shown.isprintable() or all(character.isprintable() or character.isspace() or not character.isascii()
                                      for character in shown)
    assert printable(shown) == shown  # nothing left to escape
    if text.isprintable():
        assert shown == text


def test_printable_escapes_like_python_and_shortens_long_text() -> None:
    assert printable("a\nb\r\tc\x85d\u2028e\u202ef\U000e0041") == "a\\nb\\r\\tc\\x85d\\u2028e\\u202ef\\U000e0041"
    assert printable("é 🏠 ＠\u00a0x") == "é 🏠 ＠\u00a0x"
    assert printable("x" * 30, limit=10) == "xxxxxxxxxx… (nog 20 tekens)"


def test_every_field_of_every_message_is_printable_and_bounded() -> None:
    found = problem("TB104", Path("x.yaml"), Position(1, 1), place="'status'", value="a\u2029b" + "c" * 5000,
                    registry="'Status'", suggestion="", allowed="x")
    assert "a\\u2029bccc" in found.message
    assert len(found.message) < MAX_FIELD_CHARACTERS + 300
    assert "… (nog 4003 tekens)" in found.message


def test_a_file_name_that_cannot_be_decoded_is_shown_not_a_traceback() -> None:
    assert display_path(Path(os.fsdecode(b"caf\xe9.yaml"))) == "caf\\udce9.yaml"


@settings(max_examples=50, deadline=None)
@given(message=HOSTILE, name=FILE_NAME)
def test_a_github_annotation_is_one_line_and_follows_githubs_escaping(message: str, name: str) -> None:
    found = problem("TB102", Path(name), Position(3, 4), field=message, where="", suggestion="", allowed="x")
    annotation = github_annotation(found)
    match = ANNOTATION.fullmatch(annotation)
    assert match, annotation
    assert LINE_BREAKS.search(annotation) is None
    unescaped = match["file"].replace("%2C", ",").replace("%3A", ":").replace("%0D", "\r").replace("%0A", "\n")
    assert unescaped.replace("%25", "%") == display_path(Path(name))
    assert match["message"].replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%") == found.message


def test_the_annotation_escapes_percent_colon_and_comma_as_github_documents() -> None:
    found = Problem(Path("a%b:c,d.yaml"), 1, 2, "TB102", "100% x\ny\rz: a,b")
    assert github_annotation(found) == "::error file=a%25b%3Ac%2Cd.yaml,line=1,col=2,title=TB102::100%25 x%0Ay%0Dz: a,b"


PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


@settings(max_examples=50, deadline=None)
@given(value=HOSTILE, name=FILE_NAME)
def test_the_step_summary_keeps_every_value_as_text_in_its_own_cell(value: str, name: str) -> None:
    found = problem("TB104", Path(name), Position(1, 1), place="'status'", value=value, registry="'Status'",
                    suggestion="", allowed="gepland")
    summary = validation_summary([found], "Thuisbasis: 1 casus gecontroleerd: 1 fout in 1 bestand.")
    row = summary.splitlines()[-1]
    assert len(summary.splitlines()) == 9
    cells = re.split(r"(?<!\\)\|", re.sub(r"\\\\", "", row))  # a pipe that is not escaped ends a cell
    assert len(cells) == 7
    for text in (cells[1], cells[5]):  # the file name and the message
        assert PUNCTUATION.search(re.sub(r"\\[!-/:-@\[-`{-~]", "", text)) is None, text  # all escaped


def test_an_audit_finding_is_one_line() -> None:
    finding = Finding(Path("site/a\nb.html"), 1, 2, "inline <script> die niet van het thema komt: \"x\u2028\n::error::y\"")
    assert LINE_BREAKS.search(str(finding)) is None
    assert str(finding).startswith("site/a\\nb.html:1:2: inline <script>")


def test_a_usage_error_quoting_a_path_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["validate", str(tmp_path / "geen\n::error::bestand.yaml")]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "geen\\n::error::bestand.yaml" in error
