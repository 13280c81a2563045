"""Rules for registry files: unique ids, complete units, and a case schema that mirrors the registry."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from thuisbasis.loading import Document, FieldPath
from thuisbasis.model.registries import Registry
from thuisbasis.problems import Problem, problem
from thuisbasis.schemas import enum_drift
from thuisbasis.validation.rules import list_items


def check_unique_registry_ids(document: Document) -> Iterator[Problem]:
    seen: dict[str, FieldPath] = {}  # positions only for a repeat: most files have none
    for index, item in list_items(document.data, "waarden"):
        term_id = item.get("id")
        if not isinstance(term_id, str):
            continue
        path: FieldPath = ("waarden", index, "id")
        if term_id in seen:
            yield problem("TB301", document.path, document.position_of(path), value=term_id,
                          first_line=document.position_of(seen[term_id]).line)
        else:
            seen[term_id] = path


def check_units_complete(document: Document) -> Iterator[Problem]:
    if document.path.stem != "eenheden":
        return
    for index, item in list_items(document.data, "waarden"):
        if "geheel_getal" not in item:
            yield problem("TB303", document.path, document.position_of(("waarden", index)), value=item.get("id", "?"))


def check_schema_mirrors_registry(
    document: Document, registry: Registry, schemas: Mapping[str, Mapping[str, Any]]
) -> Iterator[Problem]:
    """Every schema field backed by this registry lists exactly its ids, in its order."""
    for schema_name, schema in schemas.items():
        for entry, difference in enum_drift(schema, {registry.name: registry}):
            if entry.registry == registry.name:
                yield problem("TB302", document.path, document.key_position_of(("waarden",)),
                              schema=f"{schema_name}.schema.json", field=entry.field, difference=difference)
