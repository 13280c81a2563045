"""Schemas: the JSON Schemas (draft-07) that editors, the validator and the field reference share.

The case schema is written by hand. Its enums are the one generated part: every node with
``x-registry: <name>`` takes its ``enum`` from that registry (``thuisbasis schema --write``), and
``enum_drift`` reports where the two differ so that validation and the tests can fail on drift.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from thuisbasis.model.registries import Registry

SCHEMA_DIR = Path(__file__).parent
CASE_SCHEMA = "case"
CHECKLIST_SCHEMA = "checklist"
CONTEXT_SCHEMA = "context"  # the national figures (Landelijk beeld)
REGISTRY_SCHEMA = "registry"
REGISTRY_BACKED_SCHEMAS = (CASE_SCHEMA, CHECKLIST_SCHEMA, CONTEXT_SCHEMA)  # schemas whose enums come from the registries


def schema_path(name: str) -> Path:
    return SCHEMA_DIR / f"{name}.schema.json"


@cache
def load_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path(name).read_text(encoding="utf-8"))
    return schema


@dataclass(frozen=True)
class RegistryField:
    field: str  # dotted, e.g. "partners.rol"
    registry: str
    node: dict[str, Any]


def registry_fields(schema: Mapping[str, Any]) -> Iterator[RegistryField]:
    """Every schema node that takes its values from a registry, with the field it describes."""
    yield from _walk(schema, schema, "")


def _walk(node: Mapping[str, Any], root: Mapping[str, Any], field: str) -> Iterator[RegistryField]:
    node = resolve_ref(node, root)
    if "x-registry" in node:
        yield RegistryField(field, node["x-registry"], node)  # type: ignore[arg-type]
    for key, child in node.get("properties", {}).items():
        yield from _walk(child, root, f"{field}.{key}" if field else key)
    if "items" in node:
        yield from _walk(node["items"], root, f"{field}[]")


def enum_drift(schema: Mapping[str, Any], registries: Mapping[str, Registry]) -> list[tuple[RegistryField, str]]:
    """Fields whose enum differs from their registry, with a readable difference."""
    drift = []
    for entry in registry_fields(schema):
        registry = registries.get(entry.registry)
        expected = registry.ids() if registry else []
        actual = list(entry.node.get("enum", []))
        if actual != expected:
            drift.append((entry, describe_difference(actual, expected)))
    return drift


def describe_difference(actual: list[str], expected: list[str]) -> str:
    missing = [value for value in expected if value not in actual]
    extra = [value for value in actual if value not in expected]
    parts = []
    if missing:
        parts.append("ontbreekt in het schema: " + ", ".join(missing))
    if extra:
        parts.append("alleen in het schema: " + ", ".join(extra))
    return "; ".join(parts) or "andere volgorde"


def sync_enums(schema: dict[str, Any], registries: Mapping[str, Registry]) -> dict[str, Any]:
    """Fill every registry-backed enum (and its labels for editors) from the registries, in place."""
    for entry in registry_fields(schema):
        registry = registries[entry.registry]
        entry.node["enum"] = registry.ids()
        entry.node["enumDescriptions"] = [term.label for term in registry.terms]
    return schema


def resolve_ref(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Follow a local ``$ref`` such as ``#/definitions/datum``; other nodes come back unchanged."""
    reference = node.get("$ref")
    if not isinstance(reference, str) or not reference.startswith("#/"):
        return node
    target: Any = root
    for part in reference[2:].split("/"):
        target = target[part]
    if not isinstance(target, Mapping):
        raise ValueError(f"{reference} is not a schema")
    return target


def dump_schema(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


SCHEMA_NAMES = (CASE_SCHEMA, CHECKLIST_SCHEMA, CONTEXT_SCHEMA, REGISTRY_SCHEMA)


@cache
def singular_names() -> dict[str, str]:
    """The singular of every list field of every schema ('doelen' -> 'doel', 'werkzame_bestanddelen' ->
    'werkzaam bestanddeel'): the list's ``x-enkelvoud``, else its items' title in lower case. Messages
    say a place with it ("doel 1, indicator 2"); the schemas are the one source, so a browser can too."""
    names: dict[str, str] = {}
    for name in SCHEMA_NAMES:
        schema = load_schema(name)
        for key, node in _list_fields(schema):
            title = node.get("x-enkelvoud") or resolve_ref(node["items"], schema).get("title", "")
            if title:
                names.setdefault(key, str(title).lower())
    return names


def _list_fields(node: Any) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every property in ``node`` (a schema or part of one) whose value is a list, with its node."""
    if isinstance(node, Mapping):
        for key, child in node.get("properties", {}).items():
            if isinstance(child, Mapping) and "items" in child:
                yield key, child
        for child in node.values():
            yield from _list_fields(child)
    elif isinstance(node, list):
        for child in node:
            yield from _list_fields(child)
