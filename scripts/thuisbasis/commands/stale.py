"""``thuisbasis stale [PAD ...] [--today JJJJ-MM-DD] [--years N] [--summary BESTAND]``: the cases whose
review no longer holds (derive/staleness.py), as TB501 warnings, so an editor can check them and set a new
date. Exit 1 when any case is overdue (the weekly workflow then fails and notifies the maintainers).
It is not part of ``validate``: an old case never blocks a partner's pull request."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from thuisbasis.commands import CASES_DIR
from thuisbasis.commands.output import USAGE, print_report, usage_error
from thuisbasis.commands.summary import stale_summary
from thuisbasis.commands.validate import NOT_IN_ROOT
from thuisbasis.derive.staleness import REVIEW_YEARS, is_overdue
from thuisbasis.problems import Problem, counted, problem

if TYPE_CHECKING:
    from thuisbasis.loading import Document


@dataclass
class StaleReport:
    problems: list[Problem] = field(default_factory=list)
    checked_cases: int = 0
    years: int = REVIEW_YEARS

    def summary(self) -> str:
        checked = counted(self.checked_cases, "casus", "casussen")
        if not self.problems:
            return f"Thuisbasis: {checked} bekeken: alle zijn in de afgelopen {self.years} jaar beoordeeld."
        overdue = sum(found.code == "TB501" for found in self.problems)
        said = f"{counted(overdue, 'casus is', 'casussen zijn')} meer dan {self.years} jaar niet beoordeeld"
        unreadable = len(self.problems) - overdue
        if unreadable:
            said += f"; {counted(unreadable, 'fout', 'fouten')} (los die eerst op met thuisbasis validate)"
        return f"Thuisbasis: {checked} bekeken: {said}."


def check_review_age(document: Document, today: dt.date, years: int = REVIEW_YEARS) -> Iterator[Problem]:
    """TB501 when the review of ``laatst_beoordeeld`` no longer holds on ``today``."""
    value = document.data.get("laatst_beoordeeld") if isinstance(document.data, dict) else None
    if not isinstance(value, str):
        return
    try:
        reviewed = dt.date.fromisoformat(value)
    except ValueError:
        return  # not a date: validate says so (TB106/TB107)
    if is_overdue(reviewed, today, years):
        yield problem("TB501", document.path, document.position_of(("laatst_beoordeeld",)), value=value, years=years)


def stale_cases(paths: Sequence[Path], today: dt.date, years: int = REVIEW_YEARS) -> StaleReport:
    """Load the cases at ``paths`` (as validate does) and list those not reviewed for ``years`` years."""
    from thuisbasis.validation import validate_paths

    report = validate_paths(paths, today=today)
    result = StaleReport(checked_cases=len(report.cases), years=years)
    result.problems.extend(report.errors)  # a case that cannot be read cannot be checked either: say so
    for document in report.cases:
        result.problems.extend(check_review_age(document, today, years))
    result.problems.sort()
    return result


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.validation import UsageError

    if not arguments.paths and not CASES_DIR.is_dir():
        return usage_error(NOT_IN_ROOT)
    try:
        report = stale_cases(arguments.paths or [CASES_DIR], arguments.today or dt.date.today(), arguments.years)
    except UsageError as error:
        return usage_error(str(error))
    if not print_report(report.problems, report.summary(), arguments.summary, stale_summary):
        return USAGE
    return 1 if report.problems else 0
