"""Checklist pages: what each item links to, and which checklists belong with a case.

A checklist item points to the cases and werkzame bestanddelen that show how others did it. The same
links feed the "volgende stappen" list that the page builds in the browser from unticked items.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from thuisbasis.model.cases import Case, Checklist, ChecklistItem, ChecklistSection
from thuisbasis.urls import INGREDIENTS, case_page, checklist_page, value_page


@dataclass(frozen=True)
class LinkView:
    label: str
    page: str  # a generated page path, made relative by the template


@dataclass(frozen=True)
class ItemView:
    item: ChecklistItem
    cases: tuple[LinkView, ...]
    ingredients: tuple[LinkView, ...]
    source_numbers: tuple[int, ...]


@dataclass(frozen=True)
class SectionView:
    section: ChecklistSection
    items: tuple[ItemView, ...]


@dataclass(frozen=True)
class ChecklistView:
    checklist: Checklist
    sections: tuple[SectionView, ...]

    @property
    def item_count(self) -> int:
        return sum(len(section.items) for section in self.sections)

    @property
    def items_version(self) -> str:
        """A fingerprint of the items (ids and texts, in order): a participant's answers file carries it, so
        merging can say when a file was made for another version of the checklist."""
        return items_version(self.checklist.items)


def items_version(items: Sequence[ChecklistItem]) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(f"{item.id}\t{item.text}\n".encode())
    return digest.hexdigest()[:12]


def checklist_view(checklist: Checklist, cases: Sequence[Case]) -> ChecklistView:
    titles = {case.id: case.title for case in cases}
    numbers = {source.id: number for number, source in enumerate(checklist.sources, 1)}
    return ChecklistView(checklist=checklist, sections=tuple(
        SectionView(section=section, items=tuple(
            ItemView(
                item=item,
                cases=tuple(LinkView(titles[case_id], case_page(case_id)) for case_id in item.case_ids),
                ingredients=tuple(LinkView(term.label, value_page(INGREDIENTS, term.id))
                                  for term in item.ingredients),
                source_numbers=tuple(numbers[source_id] for source_id in item.source_ids),
            )
            for item in section.items))
        for section in checklist.sections))


def checklists_for_case(case: Case, checklists: Sequence[Checklist]) -> list[Checklist]:
    """The checklists in which one of the case's werkzame bestanddelen appears, or that cite the case."""
    return ChecklistsForCase(checklists)(case)


class ChecklistsForCase:
    """``checklists_for_case`` for many cases: what each checklist covers is gathered once, not once per case."""

    def __init__(self, checklists: Sequence[Checklist]) -> None:
        self._covered = [(checklist, checklist.ingredient_ids,
                          frozenset(case_id for item in checklist.items for case_id in item.case_ids))
                         for checklist in checklists]

    def __call__(self, case: Case) -> list[Checklist]:
        own = {use.ingredient.id for use in case.ingredients}
        return [checklist for checklist, ingredient_ids, case_ids in self._covered
                if own & ingredient_ids or case.id in case_ids]


@dataclass(frozen=True)
class ChecklistMention:
    """A checklist item that names a werkzaam bestanddeel: its page, its anchor and its text."""

    checklist: Checklist
    item: ChecklistItem

    @property
    def page(self) -> str:
        return checklist_page(self.checklist.id)


def checklist_mentions(checklists: Sequence[Checklist]) -> dict[str, list[ChecklistMention]]:
    """Per werkzaam bestanddeel, the checklist items that name it, in checklist and item order."""
    mentions: dict[str, list[ChecklistMention]] = {}
    for checklist in checklists:
        for section in checklist.sections:
            for item in section.items:
                for ingredient in item.ingredients:
                    mentions.setdefault(ingredient.id, []).append(ChecklistMention(checklist, item))
    return mentions
