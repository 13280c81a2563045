"""Staleness: which cases the editors have not reviewed for too long (``thuisbasis stale``).

A case says when it was last checked (``laatst_beoordeeld``). Practice and figures age; a case not
reviewed for more than ``REVIEW_YEARS`` years is listed (TB501, a warning) so an editor can check it
and set a new date. The weekly workflow .github/workflows/verouderd.yml runs this; it is not part of
``validate``, so an old case never blocks a partner's pull request.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from thuisbasis.problems import Problem, counted, problem

if TYPE_CHECKING:  # cli.py imports this module at start; the loader (and PyYAML) only when checking
    from thuisbasis.loading import Document

REVIEW_YEARS = 2
# What `thuisbasis stale` accepts (cli.py refuses the rest as wrong usage): counting back MAX_REVIEW_YEARS
# from any day in this range stays within the calendar Python knows (years 1 to 9999).
MAX_REVIEW_YEARS = 100
EARLIEST_TODAY = dt.date(1900, 1, 1)
LATEST_TODAY = dt.date(2999, 12, 31)


def review_cutoff(today: dt.date, years: int = REVIEW_YEARS) -> dt.date:
    """The same calendar day ``years`` years before ``today`` (29 February becomes 28 February)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def check_review_age(document: Document, today: dt.date, years: int = REVIEW_YEARS) -> Iterator[Problem]:
    """TB501 when ``laatst_beoordeeld`` lies more than ``years`` years before ``today``."""
    value = document.data.get("laatst_beoordeeld") if isinstance(document.data, dict) else None
    if not isinstance(value, str):
        return
    try:
        reviewed = dt.date.fromisoformat(value)
    except ValueError:
        return  # not a date: validate says so (TB106/TB107)
    if reviewed < review_cutoff(today, years):
        yield problem("TB501", document.path, document.position_of(("laatst_beoordeeld",)), value=value, years=years)


@dataclass
class StaleReport:
    problems: list[Problem] = field(default_factory=list)
    checked_cases: int = 0
    years: int = REVIEW_YEARS

    def summary(self) -> str:
        checked = counted(self.checked_cases, "casus", "casussen")
        if not self.problems:
            return f"Thuisbasis: {checked} bekeken: alle zijn in de afgelopen {self.years} jaar beoordeeld."
        stale = counted(len(self.problems), "casus is", "casussen zijn")
        return f"Thuisbasis: {checked} bekeken: {stale} meer dan {self.years} jaar niet beoordeeld."


def stale_cases(paths: Sequence[Path], today: dt.date, years: int = REVIEW_YEARS) -> StaleReport:
    """Load the cases at ``paths`` (as validate does) and list those not reviewed for ``years`` years."""
    from thuisbasis.validation import validate_paths

    report = validate_paths(paths, today=today)
    result = StaleReport(checked_cases=len(report.cases), years=years)
    for document in report.cases:
        result.problems.extend(check_review_age(document, today, years))
    result.problems.sort()
    return result
