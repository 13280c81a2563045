"""Staleness: when a review of a case no longer holds. The one rule, used by the site (a case page says
"Mogelijk verouderd") and by ``thuisbasis stale`` (commands/stale.py, run weekly by .github/workflows/stale.yml).

A case says when it was last checked (``laatst_beoordeeld``). A review holds for ``REVIEW_YEARS`` years:
until the same calendar day that many years later (a review on 29 February holds until 28 February).
The day after, the case is overdue.
"""

from __future__ import annotations

import datetime as dt

REVIEW_YEARS = 2
# What `thuisbasis stale` accepts (cli.py refuses the rest as wrong usage): counting MAX_REVIEW_YEARS from any
# day in this range stays within the calendar Python knows (years 1 to 9999).
MAX_REVIEW_YEARS = 100
EARLIEST_TODAY = dt.date(1900, 1, 1)
LATEST_TODAY = dt.date(2999, 12, 31)


def review_holds_until(reviewed: dt.date, years: int = REVIEW_YEARS) -> dt.date:
    """The last day on which a review of ``reviewed`` still holds."""
    try:
        return reviewed.replace(year=reviewed.year + years)
    except ValueError:  # 29 February, in a year without one
        return reviewed.replace(year=reviewed.year + years, day=28)


def is_overdue(reviewed: dt.date, today: dt.date, years: int = REVIEW_YEARS) -> bool:
    """More than ``years`` years since the review: ``today`` is past the last day it holds."""
    return today > review_holds_until(reviewed, years)
