"""``thuisbasis validate [PAD ...] [--summary BESTAND]``: every problem in cases, checklists, the national
figures and the registries, one line each; exit 1 when there is an error (warnings do not count)."""

from __future__ import annotations

import argparse
from pathlib import Path

from thuisbasis.commands import CASES_DIR, CHECKLISTS_DIR, CONTEXT_DIR
from thuisbasis.commands.output import USAGE, print_report, usage_error
from thuisbasis.commands.summary import validation_summary

NOT_IN_ROOT = "de map cases/ staat niet in deze map; draai het commando in de hoofdmap van Thuisbasis"


def default_paths() -> list[Path]:
    """What `thuisbasis validate` checks without arguments: cases/ and, where they exist, checklists/ and context/."""
    return [CASES_DIR] + [folder for folder in (CHECKLISTS_DIR, CONTEXT_DIR) if folder.is_dir()]


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.validation import UsageError, validate_paths
    from thuisbasis.validation.cache import ValidationRecord

    if not arguments.paths and not CASES_DIR.is_dir():
        return usage_error(NOT_IN_ROOT)
    # A run over the whole checkout is recorded, so the build after it checks nothing again; it never
    # reads a record itself: in CI this command is the check.
    record = None if arguments.paths else ValidationRecord(Path(), read=False)
    try:
        report = validate_paths(arguments.paths or default_paths(), record=record, keep_documents=False)
    except UsageError as error:
        return usage_error(str(error))
    if not print_report(report.problems, report.summary(), arguments.summary, validation_summary):
        return USAGE
    return 0 if report.ok else 1
