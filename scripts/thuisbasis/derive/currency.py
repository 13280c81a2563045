"""Currency: how up to date a case is. A status ('lopend') holds as of its source's date, not today.

Pure functions of the model. The status is taken from ``status_bron`` when the case names it, else from
the newest source. Dates are vague ('2016', '2016-05', '2016-05-01' or 'onbekend'); years are enough here.
"""

from __future__ import annotations

import datetime as dt

from thuisbasis.model.cases import Case, Source

# A Thuisbasis convention: a newest source older than this many years is called old on the page.
SOURCE_OLD_AFTER_YEARS = 3


def year_of(date: str | None) -> int | None:
    """'2016-05-01' -> 2016; 'onbekend' or None -> None."""
    if not date or not date[:4].isdigit():
        return None
    return int(date[:4])


def newest_source(case: Case) -> Source | None:
    """The source with the latest date (dates compared as text: '2016' < '2016-05' < '2017'); None when no
    source has a date."""
    dated = [source for source in case.sources if year_of(source.date) is not None]
    return max(dated, key=lambda source: source.date, default=None)


def newest_source_year(case: Case) -> int | None:
    source = newest_source(case)
    return year_of(source.date) if source else None


def status_source(case: Case) -> Source | None:
    """The source the status rests on: ``status_bron``, or else the newest source."""
    if case.status_source_id is not None:
        return next(source for source in case.sources if source.id == case.status_source_id)
    return newest_source(case)


def status_as_of(case: Case) -> str | None:
    """The date the status holds for (as vague as the source's date), or None when that source has no date."""
    source = status_source(case)
    return source.date if source is not None and year_of(source.date) is not None else None


def status_text(case: Case) -> str:
    """'Lopend volgens een bron uit 2016'; without a date: 'Lopend volgens een bron zonder datum' (the named
    ``status_bron``) or 'Lopend volgens bronnen zonder datum' (no source has one). Never a bare 'Lopend',
    which would read as true today."""
    year = year_of(status_as_of(case))
    if year is not None:
        return f"{case.status.label} volgens een bron uit {year}"
    return f"{case.status.label} volgens {'een bron' if case.status_source_id else 'bronnen'} zonder datum"


def period_text(case: Case) -> str:
    """The practice's period in years: '2016 – 2019', 'sinds 2016', 'vanaf 2016, einde onbekend',
    'tot 2019, start onbekend' or 'start onbekend'."""
    start, end = year_of(case.period.start), year_of(case.period.end)
    if start is None:
        return f"tot {end}, start onbekend" if end is not None else "start onbekend"
    if end is not None:
        return str(start) if end == start else f"{start} – {end}"
    if case.period.end == "onbekend":
        return f"vanaf {start}, einde onbekend"
    return f"gepland vanaf {start}" if case.status.id == "gepland" else f"sinds {start}"


def source_is_old(case: Case, today: dt.date, years: int = SOURCE_OLD_AFTER_YEARS) -> bool:
    """The newest source is more than ``years`` calendar years before today's year (or no source has a date)."""
    year = newest_source_year(case)
    return year is None or today.year - year > years
