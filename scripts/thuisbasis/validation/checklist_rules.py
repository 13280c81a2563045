"""Rules for checklist files: ids unique and stable, every reference resolvable, every item traceable.

Like the case rules, each rule is a small generator that reads the data defensively.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from thuisbasis.loading import Document, FieldPath
from thuisbasis.problems import Problem, problem
from thuisbasis.urls import checklist_page
from thuisbasis.validation.rules import RuleContext, first_uses, ids_in, list_items, listed, page_problems, source_ids
from thuisbasis.validation.schema import field_name, place


@dataclass(frozen=True)
class ChecklistContext:
    rules: RuleContext
    case_ids: frozenset[str]


def _items(document: Document) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    for section_index, section in list_items(document.data, "secties"):
        for item_index, item in list_items(section, "items"):
            yield ("secties", section_index, "items", item_index), item


def check_id_is_no_generated_page(document: Document, context: ChecklistContext) -> Iterator[Problem]:
    value = document.data.get("id") if isinstance(document.data, dict) else None
    if isinstance(value, str):
        yield from page_problems(document, ("id",), value, checklist_page(value), "TB213")


def check_unique_section_and_item_ids(document: Document, context: ChecklistContext) -> Iterator[Problem]:
    """Item ids key the answers people keep in their browser, so they must be unique in the checklist."""
    sections = ids_in(document.data, "secties")
    items = (((*path, "id"), item.get("id")) for path, item in _items(document))
    for kind, ids in (("sectie", sections), ("item", items)):
        for repeat in first_uses(document, ids)[1]:
            yield problem("TB231", document.path, document.position_of(repeat.path), kind=kind, value=repeat.value,
                          first_line=repeat.first_line)


def check_case_references(document: Document, context: ChecklistContext) -> Iterator[Problem]:
    """Every case an item or the werkvorm names is in cases/."""
    workform = document.data.get("werkvorm") if isinstance(document.data, dict) else None
    holders = [*_items(document), *([(("werkvorm",), workform)] if isinstance(workform, dict) else [])]
    for path, holder in holders:
        for index, case_id in enumerate(holder.get("casussen") or ()):
            if isinstance(case_id, str) and case_id not in context.case_ids:
                reference = (*path, "casussen", index)
                yield problem("TB232", document.path, document.position_of(reference), place=place(reference),
                              value=case_id)


def check_source_references(document: Document, context: ChecklistContext) -> Iterator[Problem]:
    known, repeats = source_ids(document)
    yield from repeats
    for path, item in _items(document):
        for index, source_id in enumerate(item.get("bronnen") or ()):
            if isinstance(source_id, str) and source_id not in known:
                reference = (*path, "bronnen", index)
                yield problem("TB205", document.path, document.position_of(reference), place=place(reference),
                              value=source_id, allowed=listed(known))


def check_items_are_traceable(document: Document, context: ChecklistContext) -> Iterator[Problem]:
    """Nothing invented: every item names a source or a case that shows it."""
    for path, item in _items(document):
        if not item.get("bronnen") and not item.get("casussen"):
            yield problem("TB233", document.path, document.position_of(path), value=item.get("id", field_name(path)))


def check_group_size(document: Document, context: ChecklistContext) -> Iterator[Problem]:
    size = (document.data.get("werkvorm") or {}).get("groepsgrootte") if isinstance(document.data, dict) else None
    if not isinstance(size, dict):
        return
    minimum, maximum = size.get("minimum"), size.get("maximum")
    if isinstance(minimum, int) and isinstance(maximum, int) and minimum > maximum:
        yield problem("TB234", document.path, document.position_of(("werkvorm", "groepsgrootte", "maximum")),
                      minimum=minimum, maximum=maximum)


CHECKLIST_RULES = (
    check_id_is_no_generated_page,
    check_unique_section_and_item_ids,
    check_case_references,
    check_source_references,
    check_items_are_traceable,
    check_group_size,
)

