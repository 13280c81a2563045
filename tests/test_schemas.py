"""The case schema is one source for editors, validation and docs, and never drifts from the registries."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from typing import Any

import pytest
from jsonschema import Draft7Validator

from thuisbasis.model.registries import Registry, Term, registry_paths
from thuisbasis.schemas import (
    CASE_SCHEMA,
    CHECKLIST_SCHEMA,
    CONTEXT_SCHEMA,
    REGISTRY_SCHEMA,
    dump_schema,
    enum_drift,
    load_schema,
    schema_path,
    sync_enums,
)
from thuisbasis.validation import Report, validate_registries


@pytest.fixture(scope="module")
def registries() -> dict[str, Registry]:
    report = Report()
    validate_registries(report, registry_paths())
    assert report.problems == []
    return report.registries


def nodes(node: Mapping[str, Any], path: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    yield path, node
    for key, child in node.get("properties", {}).items():
        yield from nodes(child, f"{path}.{key}")
    if isinstance(node.get("items"), dict):
        yield from nodes(node["items"], f"{path}[]")
    for key, child in node.get("definitions", {}).items():
        yield from nodes(child, f"#{key}")


@pytest.mark.parametrize("name", [CASE_SCHEMA, REGISTRY_SCHEMA])
def test_schema_is_valid_draft_07(name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)


@pytest.mark.parametrize("name", [CASE_SCHEMA, REGISTRY_SCHEMA])
def test_every_field_has_a_dutch_title_and_description(name: str) -> None:
    for path, node in nodes(load_schema(name)):
        if set(node) == {"$ref"} or (path.endswith("[]") and node.get("type") == "object"):
            continue  # a bare $ref is described by its definition, list items by their list
        assert node.get("title") and node.get("description"), f"{name}{path} lacks a title or description"


@pytest.mark.parametrize("name", [CASE_SCHEMA, CHECKLIST_SCHEMA, CONTEXT_SCHEMA, REGISTRY_SCHEMA])
def test_every_list_has_a_most_items(name: str) -> None:
    """A list without ``maxItems`` lets a file of 256 KiB hold tens of thousands of items, each checked and
    rendered; every list says how many it may have (docs/dev/architecture.md, "jsonschema, not hand-written
    checks")."""
    lists = [(path, node) for path, node in nodes(load_schema(name)) if node.get("type") == "array"]
    assert lists
    assert [path for path, node in lists if "maxItems" not in node] == []


@pytest.mark.parametrize("name", [CASE_SCHEMA, REGISTRY_SCHEMA])
def test_unknown_fields_are_errors_everywhere(name: str) -> None:
    for path, node in nodes(load_schema(name)):
        if node.get("type") == "object":
            assert node.get("additionalProperties") is False, f"{name}{path} allows unknown fields"


def test_schema_enums_equal_the_registries(registries: dict[str, Registry]) -> None:
    assert enum_drift(load_schema(CASE_SCHEMA), registries) == []


def test_committed_schema_is_exactly_what_sync_writes(registries: dict[str, Registry]) -> None:
    synced = sync_enums(copy.deepcopy(load_schema(CASE_SCHEMA)), registries)
    assert dump_schema(synced) == schema_path(CASE_SCHEMA).read_text(encoding="utf-8")


def test_drift_is_detected_when_a_registry_changes(registries: dict[str, Registry]) -> None:
    changed = dict(registries)
    woonvormen = registries["woonvormen"]
    changed["woonvormen"] = Registry(name="woonvormen", title=woonvormen.title, description=woonvormen.description,
                                     terms=(*woonvormen.terms[1:], Term(id="skaeve-huse", label="Skæve huse")))
    drift = enum_drift(load_schema(CASE_SCHEMA), changed)
    assert [(entry.field, difference) for entry, difference in drift] == [
        ("woonvorm", "ontbreekt in het schema: skaeve-huse; alleen in het schema: tijdelijke-huisvesting"),
    ]


def test_every_registry_is_used_by_the_schema(registries: dict[str, Registry]) -> None:
    from thuisbasis.schemas import registry_fields

    used = {entry.registry for entry in registry_fields(load_schema(CASE_SCHEMA))}
    assert used == set(registries)


def test_editors_get_labels_with_the_values(registries: dict[str, Registry]) -> None:
    woonvorm = load_schema(CASE_SCHEMA)["properties"]["woonvorm"]
    assert woonvorm["enumDescriptions"][woonvorm["enum"].index("tijdelijke-huisvesting")] == \
        "Tijdelijke huisvesting in leegstaand vastgoed"
