"""Synthesis: what the cases of one woonvorm or werkzaam bestanddeel show together (issue 12).

In the spirit of the EEF toolkit strands: how many cases, the best and the typical evidence level, what
was measured (per indicator kind and unit: only those values are comparable), costs, conditions, the
cases that did not work or were mixed, and what the sources most often leave out. Decided here in
Python; ``_synthesis.j2`` only formats, and draws each chart as server-rendered SVG with a table.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from thuisbasis.derive.evidence import Level
from thuisbasis.model.registries import Term
from thuisbasis.render.markup import measure_nl
from thuisbasis.render.views import CaseView, IndicatorView

NOT_WORKED = ("negatief", "gemengd", "geen-effect")  # verdicts shown under 'Wat niet (helemaal) werkte'
MOST_UNKNOWNS = 8  # items of 'Wat we niet weten' shown on a synthesis
# Chart geometry, in SVG user units (the chart scales to the width of the page).
CHART_WIDTH = 640
ROW_HEIGHT = 44
BAR_TOP = 20  # below the case's title
BAR_HEIGHT = 14
VALUE_GAP = 6


@dataclass(frozen=True)
class ChartRow:
    view: CaseView
    text: str  # the value as the site shows it: 'ruim 450 personen'
    method: str  # how it is known: 'zelf gemeten'
    solid: float  # bar width up to the certain part (the low end), in user units
    span: float  # the uncertain part of a range (low to high), in user units
    y: int  # top of the row

    @property
    def value_x(self) -> float:
        return self.solid + self.span + VALUE_GAP


@dataclass(frozen=True)
class Chart:
    id: str  # unique on the page: 'grafiek-aantal-personen-personen'
    kind: Term
    unit: Term
    rows: tuple[ChartRow, ...]

    @property
    def height(self) -> int:
        return len(self.rows) * ROW_HEIGHT

    @property
    def width(self) -> int:
        return CHART_WIDTH


@dataclass(frozen=True)
class Synthesis:
    count: int
    best: Level
    typical: Level  # the median level (the lower of the two middle ones)
    verdicts: tuple[tuple[str, int], ...]  # (verdict label, number of cases), most first
    charts: tuple[Chart, ...]
    costs: tuple[CaseView, ...]  # the cases whose sources name costs
    conditions: tuple[CaseView, ...]  # the cases with randvoorwaarden
    not_worked: tuple[CaseView, ...]
    unknowns: tuple[tuple[str, int], ...]  # (what the sources leave out, in how many cases), most first
    without_costs: int
    verdict_unknown: int  # cases whose verdict is not yet known


def synthesis(views: Sequence[CaseView]) -> Synthesis | None:
    """What ``views`` show together; None for no cases."""
    if not views:
        return None
    levels = sorted((view.level for view in views), key=lambda level: level.number)
    return Synthesis(
        count=len(views),
        best=levels[-1],
        typical=levels[(len(levels) - 1) // 2],
        verdicts=tuple(Counter(view.verdict.label for view in views).most_common()),
        charts=charts(views),
        costs=tuple(view for view in views if view.cost_band.band.id != "onbekend"),
        conditions=tuple(view for view in views if view.case.preconditions),
        not_worked=tuple(view for view in views if view.outcome.id in NOT_WORKED),
        unknowns=most_unknown(views),
        without_costs=sum(1 for view in views if view.cost_band.band.id == "onbekend"),
        verdict_unknown=sum(1 for view in views if view.outcome.id == "nog-niet-bekend"),
    )


def charts(views: Sequence[CaseView]) -> tuple[Chart, ...]:
    """One chart per indicator kind and unit: only results of the same kind in the same unit are comparable."""
    groups: dict[tuple[str, str], list[tuple[CaseView, IndicatorView]]] = {}
    terms: dict[tuple[str, str], tuple[Term, Term]] = {}
    for view in views:
        for goal in view.goals:
            for item in goal.indicators:
                indicator = item.indicator
                if indicator.result is None:
                    continue
                key = (indicator.kind.id, indicator.unit.id)
                groups.setdefault(key, []).append((view, item))
                terms[key] = (indicator.kind, indicator.unit)
    built = []
    for key in sorted(groups):
        kind, unit = terms[key]
        built.append(chart(f"grafiek-{key[0]}-{key[1]}", kind, unit, groups[key]))
    return tuple(built)


def chart(chart_id: str, kind: Term, unit: Term, found: list[tuple[CaseView, IndicatorView]]) -> Chart:
    results = [(view, item, item.indicator.result) for view, item in found if item.indicator.result is not None]
    largest = max(result.high for _, _, result in results) or 1
    scale = (CHART_WIDTH * 0.7) / largest  # leaves room for the value's text after the longest bar
    rows = []
    for number, (view, item, result) in enumerate(results):
        method = item.indicator.method
        rows.append(ChartRow(view=view, text=measure_nl(result, unit), method=method.label.lower() if method else "onbekend",
                             solid=round(max(result.low, 0) * scale, 1),
                             span=round(max(result.high - result.low, 0) * scale, 1), y=number * ROW_HEIGHT))
    return Chart(id=chart_id, kind=kind, unit=unit, rows=tuple(rows))


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
