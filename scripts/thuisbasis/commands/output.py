"""What the verbs print: problems one per line, GitHub annotations, usage errors and the step summary.

Exit codes: 0 all well, 1 problems found (or a file that would be overwritten), 2 wrong usage.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from thuisbasis.problems import Problem, Severity, display_path, printable

USAGE = 2  # the exit code for a wrong command line


def usage_error(message: str) -> int:
    """A message about the command line; it may quote a path or value the user typed."""
    print(f"thuisbasis: fout in de opdracht: {printable(message)}", file=sys.stderr)
    return USAGE


def print_problems(problems: Sequence[Problem], out: TextIO | None = None) -> None:
    """One line per problem; on GitHub (GITHUB_ACTIONS=true) also an annotation on the offending line."""
    out = out or sys.stdout
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for found in problems:
        print(found, file=out)
        if annotate:
            print(github_annotation(found), file=out)


def github_annotation(found: Problem) -> str:
    """A workflow command that GitHub shows on the offending line of the pull request."""
    command = "error" if found.severity is Severity.ERROR else "warning"
    return (f"::{command} file={_escape_property(display_path(found.path))},line={found.line},col={found.column},"
            f"title={_escape_property(found.code)}::{_escape_data(found.message)}")


def _escape_data(text: str) -> str:
    """GitHub's escaping of a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    """GitHub's escaping of a workflow command's property (file, title)."""
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def print_report(problems: Sequence[Problem], summary_line: str, summary_file: Path | None,
                 summary: Callable[[Sequence[Problem], str], str]) -> bool:
    """The problems and the summary line on stdout; with ``summary_file``, also the Markdown ``summary`` of them
    appended to it (GitHub's step summary). False when that file cannot be written (a usage error, said)."""
    print_problems(problems)
    print(summary_line)
    return summary_file is None or write_summary(summary_file, summary(problems, summary_line))


def write_summary(path: Path, markdown: str) -> bool:
    """Append the Markdown summary to ``path``; a file that cannot be written is a usage error."""
    from thuisbasis.commands.summary import append_summary

    try:
        append_summary(path, markdown)
    except OSError as error:
        reason = {FileNotFoundError: "de map bestaat niet", PermissionError: "geen schrijfrechten",
                  IsADirectoryError: "het is een map"}.get(type(error), f"fout van het besturingssysteem: {error}")
        usage_error(f"de samenvatting kan niet naar '{path}': {reason}")
        return False
    return True
