"""Synthesis: what the cases of one woonvorm or werkzaam bestanddeel show together (issue 12).

In the spirit of the EEF toolkit strands: how many cases, the best and the typical evidence level, what
was measured (per indicator kind and unit: only those values are comparable), costs, conditions, the
cases that did not work or were mixed, and what the sources most often leave out. Decided here in
Python; ``_synthesis.j2`` only formats, and draws each chart as server-rendered SVG with a table.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from thuisbasis.derive.costs import BANDS
from thuisbasis.derive.evidence import Level
from thuisbasis.model.cases import Measure
from thuisbasis.model.registries import Term
from thuisbasis.render.markup import measure_nl, number_nl
from thuisbasis.render.views import CaseView, IndicatorView

NOT_WORKED = ("negatief", "gemengd", "geen-effect")  # verdicts shown under 'Wat niet (helemaal) werkte'
MOST_UNKNOWNS = 8  # items of 'Wat we niet weten' shown on a synthesis
# A synthesis stays the same size however many cases it covers (issue 16: no page over 100 KB): a list names
# at most SHOWN_CASES cases, those with the strongest evidence, and links to the filter page for all of them;
# a chart draws one bar per case up to CHART_CASES results, and beyond that counts all of them in bins; the
# MOST_CHARTS kinds of figure with the most results get a chart, the others a line with their count.
SHOWN_CASES = 10
CHART_CASES = 10
MOST_CHARTS = 6
CHART_BINS = 10  # about this many bins; their width is a round number
# Chart geometry, in SVG user units (the chart scales to the width of the page).
CHART_WIDTH = 640
ROW_HEIGHT = 44
BAR_TOP = 20  # below the case's title
BAR_HEIGHT = 14
VALUE_GAP = 6


@dataclass(frozen=True)
class ChartRow:
    label: str  # the case's title, or a bin's range: '0 tot 50 personen'
    text: str  # the value as the site shows it: 'ruim 450 personen', or a bin's count: '12 casussen'
    method: str  # how it is known: 'zelf gemeten' ('' for a bin)
    solid: float  # bar width up to the certain part (the low end), in user units
    span: float  # the uncertain part of a range (low to high), in user units
    y: int  # top of the row
    view: CaseView | None = None  # the case of the row; None for a bin

    @property
    def value_x(self) -> float:
        return self.solid + self.span + VALUE_GAP


@dataclass(frozen=True)
class Chart:
    id: str  # unique on the page: 'grafiek-aantal-personen-personen'
    kind: Term
    unit: Term
    rows: tuple[ChartRow, ...]
    cases: int  # how many results the chart covers (all of them, also when it shows bins)
    grouped: bool = False  # rows are bins of values (more than CHART_CASES results), not cases

    @property
    def height(self) -> int:
        return len(self.rows) * ROW_HEIGHT

    @property
    def width(self) -> int:
        return CHART_WIDTH


@dataclass(frozen=True)
class CaseList:
    """A list of cases on a synthesis: the strongest-evidence SHOWN_CASES of ``total``, and the filter
    page's query that shows all of them ('bestanddeel=woonbegeleiding&oordeel=negatief,gemengd')."""
    views: tuple[CaseView, ...]
    total: int
    query: str

    def __iter__(self) -> Iterator[CaseView]:
        return iter(self.views)

    def __len__(self) -> int:
        return len(self.views)

    @property
    def more(self) -> int:
        """How many cases of the list are not named on the page."""
        return self.total - len(self.views)


@dataclass(frozen=True)
class Synthesis:
    count: int
    best: Level
    typical: Level  # the median level (the lower of the two middle ones)
    verdicts: tuple[tuple[str, int], ...]  # (verdict label, number of cases), most first
    charts: tuple[Chart, ...]  # the MOST_CHARTS kinds of figure with the most results, in the order of their ids
    other_figures: tuple[tuple[Term, Term, int], ...]  # (kind, unit, number of results) of the others, most first
    costs: CaseList  # the cases whose sources name costs
    conditions: CaseList  # the cases with randvoorwaarden
    not_worked: CaseList
    unknowns: tuple[tuple[str, int], ...]  # (what the sources leave out, in how many cases), most first
    without_costs: int
    verdict_unknown: int  # cases whose verdict is not yet known
    scope: str = ""  # what the cases share, for 'Bekijk alle 12 casussen met dit bestanddeel'
    query: str = ""  # the filter page's query for all of the cases: 'bestanddeel=woonbegeleiding'


def synthesis(views: Sequence[CaseView], query: str = "", scope: str = "") -> Synthesis | None:
    """What ``views`` show together; None for no cases. ``query``: the filter page's query that gives the
    same cases ('woonvorm=woningdelen'); ``scope``: what they share ('met deze woonvorm')."""
    if not views:
        return None
    levels = sorted((view.level for view in views), key=lambda level: level.number)
    known_costs = ",".join(band for band in BANDS if band != "onbekend")
    groups = figure_groups(views)
    ranked = sorted(groups, key=lambda key: (-len(groups[key][2]), key))
    charted = sorted(ranked[:MOST_CHARTS])
    return Synthesis(
        count=len(views),
        best=levels[-1],
        typical=levels[(len(levels) - 1) // 2],
        verdicts=tuple(Counter(view.verdict.label for view in views).most_common()),
        charts=tuple(make_chart(key, *groups[key]) for key in charted),
        other_figures=tuple((groups[key][0], groups[key][1], len(groups[key][2])) for key in ranked[MOST_CHARTS:]),
        costs=case_list([view for view in views if view.cost_band.band.id != "onbekend"], query, f"kosten={known_costs}"),
        conditions=case_list([view for view in views if view.case.preconditions], query),
        not_worked=case_list([view for view in views if view.outcome.id in NOT_WORKED], query,
                             f"oordeel={','.join(NOT_WORKED)}"),
        unknowns=most_unknown(views),
        without_costs=sum(1 for view in views if view.cost_band.band.id == "onbekend"),
        verdict_unknown=sum(1 for view in views if view.outcome.id == "nog-niet-bekend"),
        scope=scope,
        query=filter_query(query, "sort=bewijs"),
    )


def strongest_first(views: Sequence[CaseView]) -> list[CaseView]:
    """The highest evidence level first; within a level, the order given (by title on the site)."""
    return sorted(views, key=lambda view: -view.level.number)


def filter_query(*parts: str) -> str:
    return "&".join(part for part in parts if part)


def case_list(views: Sequence[CaseView], query: str = "", narrower: str = "") -> CaseList:
    """At most SHOWN_CASES of ``views``, the strongest evidence first; the query shows all of them."""
    return CaseList(views=tuple(strongest_first(views)[:SHOWN_CASES]), total=len(views),
                    query=filter_query(query, narrower, "sort=bewijs"))


FigureGroup = tuple[Term, Term, list[tuple[CaseView, IndicatorView]]]  # kind, unit, the results


def figure_groups(views: Sequence[CaseView]) -> dict[tuple[str, str], FigureGroup]:
    """The results per indicator kind and unit: only results of the same kind in the same unit are comparable."""
    groups: dict[tuple[str, str], FigureGroup] = {}
    for view in views:
        for goal in view.goals:
            for item in goal.indicators:
                indicator = item.indicator
                if indicator.result is not None:
                    key = (indicator.kind.id, indicator.unit.id)
                    groups.setdefault(key, (indicator.kind, indicator.unit, []))[2].append((view, item))
    return groups


def make_chart(key: tuple[str, str], kind: Term, unit: Term, found: list[tuple[CaseView, IndicatorView]]) -> Chart:
    """A bar per result, or beyond CHART_CASES results a bar per bin."""
    make = chart if len(found) <= CHART_CASES else binned_chart
    return make(f"grafiek-{key[0]}-{key[1]}", kind, unit, found)


def chart(chart_id: str, kind: Term, unit: Term, found: list[tuple[CaseView, IndicatorView]]) -> Chart:
    """One bar per result."""
    results = [(view, item, item.indicator.result) for view, item in found if item.indicator.result is not None]
    largest = max(result.high for _, _, result in results) or 1
    scale = (CHART_WIDTH * 0.7) / largest  # leaves room for the value's text after the longest bar
    rows = []
    for number, (view, item, result) in enumerate(results):
        method = item.indicator.method
        rows.append(ChartRow(label=view.case.title, text=measure_nl(result, unit),
                             method=method.label.lower() if method else "onbekend",
                             solid=round(max(result.low, 0) * scale, 1),
                             span=round(max(result.high - result.low, 0) * scale, 1), y=number * ROW_HEIGHT, view=view))
    return Chart(id=chart_id, kind=kind, unit=unit, rows=tuple(rows), cases=len(rows))


def binned_chart(chart_id: str, kind: Term, unit: Term, found: list[tuple[CaseView, IndicatorView]]) -> Chart:
    """One bar per bin of values: how many results fall in it. A range counts at its middle."""
    values = [(result.low + result.high) / 2 for _, item in found if (result := item.indicator.result) is not None]
    counted = bins(values)
    scale = (CHART_WIDTH * 0.7) / (max(count for _, _, count in counted) or 1)
    rows = tuple(ChartRow(label=bin_label(low, high, unit), text=f"{number_nl(count)} {'casus' if count == 1 else 'casussen'}",
                          method="", solid=round(count * scale, 1), span=0, y=number * ROW_HEIGHT)
                 for number, (low, high, count) in enumerate(counted))
    return Chart(id=chart_id, kind=kind, unit=unit, rows=rows, cases=len(values), grouped=True)


def round_step(rough: float) -> float:
    """The smallest of 1, 2 or 5 times a power of ten that is at least ``rough`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(rough))
    return next(factor * power for factor in (1, 2, 5, 10) if factor * power >= rough)


def bins(values: Sequence[float]) -> list[tuple[float, float, int]]:
    """(from, to, how many values) for about CHART_BINS bins of a round width; a bin holds from <= value < to."""
    low, high = min(values), max(values)
    step = round_step(max(high - low, abs(high), 1) / CHART_BINS)
    start = math.floor(low / step) * step
    counts = [0] * (math.floor((high - start) / step) + 1)
    for value in values:
        counts[min(math.floor((value - start) / step), len(counts) - 1)] += 1
    return [(start + number * step, start + (number + 1) * step, count) for number, count in enumerate(counts)]


def bin_label(low: float, high: float, unit: Term) -> str:
    """'0 tot 50 personen', '€ 0 tot € 50.000', '0 tot 10%'."""
    first = measure_nl(Measure.exact(low), unit if unit.id == "euro" else None)
    return f"{first} tot {measure_nl(Measure.exact(high), unit)}"


def most_unknown(views: Sequence[CaseView]) -> tuple[tuple[str, int], ...]:
    """What the cases' niet_vermeld lists name most often (same text, case and spaces aside)."""
    counts: Counter[str] = Counter()
    first_text: dict[str, str] = {}
    for view in views:
        for item in dict.fromkeys(" ".join(text.split()) for text in view.case.not_reported):
            key = item.casefold()
            first_text.setdefault(key, item)
            counts[key] += 1
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))[:MOST_UNKNOWNS]
    return tuple((first_text[key], count) for key, count in ordered)
