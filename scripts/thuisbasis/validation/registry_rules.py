"""Rules for registry files: unique ids, complete units, and a case schema that mirrors the registry."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from thuisbasis.loading import Document
from thuisbasis.model.registries import Registry
from thuisbasis.problems import Problem, problem
from thuisbasis.schemas import enum_drift
from thuisbasis.urls import value_page
from thuisbasis.validation.rules import first_uses, ids_in, list_items, page_problems


def check_unique_registry_ids(document: Document) -> Iterator[Problem]:
    for repeat in first_uses(document, ids_in(document.data, "waarden"))[1]:
        yield problem("TB301", document.path, document.position_of(repeat.path), value=repeat.value,
                      first_line=repeat.first_line)


def check_ids_are_no_generated_pages(document: Document) -> Iterator[Problem]:
    """A register whose values get pages (woonvormen, ...) makes them at <register>/<id>/."""
    for path, term_id in ids_in(document.data, "waarden"):
        if isinstance(term_id, str):
            yield from page_problems(document, path, term_id, value_page(document.path.stem, term_id), "TB214")


def check_units_complete(document: Document) -> Iterator[Problem]:
    if document.path.stem != "eenheden":
        return
    for index, item in list_items(document.data, "waarden"):
        if "geheel_getal" not in item:
            yield problem("TB303", document.path, document.position_of(("waarden", index)), value=item.get("id", "?"))


def check_broader_terms(document: Document) -> Iterator[Problem]:
    """'onderdeel_van' names another id of the same registry, and following it never comes back."""
    items = [item for _, item in list_items(document.data, "waarden")]
    broader = {item.get("id"): item.get("onderdeel_van") for item in items}
    for index, item in list_items(document.data, "waarden"):
        term_id, parent = item.get("id"), item.get("onderdeel_van")
        if parent is None:
            continue
        reason = _broader_problem(term_id, parent, broader)
        if reason:
            yield problem("TB304", document.path, document.position_of(("waarden", index, "onderdeel_van")),
                          value=term_id, broader=parent, reason=reason)


def _broader_problem(term_id: object, parent: object, broader: Mapping[object, object]) -> str | None:
    if parent == term_id:
        return "een waarde kan geen onderdeel van zichzelf zijn"
    if parent not in broader:
        return "dat id staat niet in dit register"
    seen = {term_id}
    current = parent
    while current is not None:
        if current in seen:
            return "dan wordt het een kring: de bredere waarde is zelf weer onderdeel van deze"
        seen.add(current)
        current = broader.get(current)
    return None


def check_schema_mirrors_registry(
    document: Document, registry: Registry, schemas: Mapping[str, Mapping[str, Any]]
) -> Iterator[Problem]:
    """Every schema field backed by this registry lists exactly its ids, in its order."""
    for schema_name, schema in schemas.items():
        for entry, difference in enum_drift(schema, {registry.name: registry}):
            if entry.registry == registry.name:
                yield problem("TB302", document.path, document.key_position_of(("waarden",)),
                              schema=f"{schema_name}.schema.json", field=entry.field, difference=difference)
