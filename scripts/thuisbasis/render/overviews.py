"""Overviews: ways into the cases (by woonvorm, doelgroep, provincie, evidence level, werkzaam bestanddeel),
paginated lists, and the gap map of werkzame bestanddelen against woonvorm and doelgroep.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from thuisbasis.derive.evidence import LEVELS, Level
from thuisbasis.model.cases import Case, Catalog
from thuisbasis.model.registries import Term, with_broader
from thuisbasis.render.views import CaseView
from thuisbasis.urls import PAGE_SIZE, page_numbered


@dataclass(frozen=True)
class Dimension:
    id: str  # the folder of its pages, e.g. 'woonvormen'
    title: str
    singular: str
    intro: str
    terms: tuple[Term, ...]
    # The term ids a case belongs to. Not part of the value (compare=False): pages are made from the
    # members it gives, so the render memo (render/memo.py) leaves it out of a page's key.
    members: Callable[[Case], Iterable[str]] = field(compare=False)
    filter_key: str  # the key of this dimension in the filter page's URL


def level_terms() -> tuple[Term, ...]:
    return tuple(Term(id=level.id, label=level.label, description=level.meaning) for level in LEVELS)


def dimensions(catalog: Catalog, level_of: Callable[[Case], str]) -> tuple[Dimension, ...]:
    registries = catalog.registries
    return (
        Dimension("woonvormen", "Woonvormen", "woonvorm", "Hoe mensen wonen in de casus.",
                  registries["woonvormen"].terms, lambda case: [case.housing_form.id], "woonvorm"),
        Dimension("doelgroepen", "Doelgroepen", "doelgroep", "Voor wie de casus woonruimte regelt.",
                  registries["doelgroepen"].terms,
                  lambda case: with_broader(registries["doelgroepen"].terms, (group.id for group in case.stated_target_groups)),
                  "doelgroep"),
        Dimension("provincies", "Provincies", "provincie", "Waar de casus plaatsvindt.",
                  registries["provincies"].terms, lambda case: [case.location.province.id], "provincie"),
        Dimension("werkzame-bestanddelen", "Werkzame bestanddelen", "werkzaam bestanddeel",
                  "Onderdelen van een aanpak die volgens de praktijk het verschil maken.",
                  registries["werkzame-bestanddelen"].terms,
                  lambda case: [use.ingredient.id for use in case.ingredients], "bestanddeel"),
        Dimension("bewijs", "Bewijsniveaus", "bewijsniveau", "Hoe sterk het bewijs is dat de aanpak werkt.",
                  level_terms(), lambda case: [level_of(case)], "bewijs"),
    )


class Membership:
    """Which views belong to each value of each dimension, in the order of the views: built in one pass,
    so that listing the members of every value costs O(cases), not O(cases x values)."""

    def __init__(self, all_dimensions: Iterable[Dimension], views: Sequence[CaseView]) -> None:
        self._members: dict[tuple[str, str], list[CaseView]] = {}
        for dimension in all_dimensions:
            for view in views:
                for term_id in dict.fromkeys(dimension.members(view.case)):
                    self._members.setdefault((dimension.id, term_id), []).append(view)

    def of(self, dimension: Dimension, term_id: str) -> list[CaseView]:
        """The views whose case has this value, in the order of the views given."""
        return self._members.get((dimension.id, term_id), [])

    def count(self, dimension: Dimension, term_id: str) -> int:
        return len(self.of(dimension, term_id))


PAGER_NEIGHBOURS = 2  # a pager links the first and the last page, and this many on each side of the current one


@dataclass(frozen=True)
class Pagination:
    number: int
    count: int
    pages: tuple[tuple[int, str], ...]  # (number, page path) of the pages the pager links; (0, '') for a gap


def paginate(base: str, items: Sequence[CaseView]) -> list[tuple[str, Pagination, Sequence[CaseView]]]:
    """Split a list into pages of PAGE_SIZE: [(page path, pagination, items on that page)]; one page when empty."""
    count = max(1, -(-len(items) // PAGE_SIZE))
    paths = [page_numbered(base, number) for number in range(1, count + 1)]
    return [(path, Pagination(number, count, pager_links(number, paths)),
             items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE])
            for number, path in enumerate(paths, start=1)]


def pager_links(number: int, paths: Sequence[str]) -> tuple[tuple[int, str], ...]:
    """The pages a pager on page ``number`` links: the first, the last and PAGER_NEIGHBOURS on each side of
    ``number``, with (0, '') where pages are left out. Bounded, so a list page stays the same size at any
    number of cases (issue 16); a single page left out is shown instead of a gap."""
    count = len(paths)
    shown = {1, count, *range(max(1, number - PAGER_NEIGHBOURS), min(count, number + PAGER_NEIGHBOURS) + 1)}
    links: list[tuple[int, str]] = []
    for page in sorted(shown):
        previous = links[-1][0] if links else 0
        if page - previous == 2:
            links.append((previous + 1, paths[previous]))
        elif previous and page - previous > 2:
            links.append((0, ""))
        links.append((page, paths[page - 1]))
    return tuple(links)


@dataclass(frozen=True)
class MatrixCell:
    count: int
    column: Term
    best: Level | None = None  # the strongest evidence level among the cell's cases; None for an empty cell


@dataclass(frozen=True)
class MatrixRow:
    term: Term
    cells: tuple[MatrixCell, ...]
    total: int


@dataclass(frozen=True)
class Matrix:
    title: str
    columns: tuple[Term, ...]
    column_key: str
    columns_singular: str  # 'woonvorm'
    rows: tuple[MatrixRow, ...]
    empty_cells: int


def gap_matrix(rows: Dimension, columns: Dimension, membership: Membership) -> Matrix:
    """How many cases combine each row value with each column value, and the strongest evidence among them;
    zeros show where practice is missing."""
    built = []
    for term in rows.terms:
        having = membership.of(rows, term.id)
        counts: Counter[str] = Counter()
        best: dict[str, Level] = {}
        for view in having:
            for term_id in dict.fromkeys(columns.members(view.case)):
                counts[term_id] += 1
                if term_id not in best or view.level.number > best[term_id].number:
                    best[term_id] = view.level
        cells = tuple(MatrixCell(count=counts[column.id], column=column, best=best.get(column.id))
                      for column in columns.terms)
        built.append(MatrixRow(term=term, cells=cells, total=len(having)))
    empty = sum(1 for row in built for cell in row.cells if cell.count == 0)
    return Matrix(title=f"{rows.title} per {columns.singular}", columns=columns.terms, column_key=columns.filter_key,
                  columns_singular=columns.singular, rows=tuple(built), empty_cells=empty)


def newest(views: Sequence[CaseView], count: int = 5) -> list[CaseView]:
    """Most recently added (or, without that date, reviewed) first; ties by id, so the order is stable."""
    def added(view: CaseView) -> str:
        return view.case.added or view.case.last_reviewed

    return sorted(sorted(views, key=lambda view: view.case.id), key=added, reverse=True)[:count]
