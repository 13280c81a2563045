"""Registry files: the controlled lists, checked like every file, and against the schemas that mirror them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from thuisbasis.loading import Document, load_document
from thuisbasis.model.registries import Registry, registry_from_data
from thuisbasis.schemas import REGISTRY_BACKED_SCHEMAS, REGISTRY_SCHEMA, load_schema
from thuisbasis.validation.documents import is_mapping, run_safely
from thuisbasis.validation.registry_rules import (
    check_broader_terms,
    check_ids_are_no_generated_pages,
    check_schema_mirrors_registry,
    check_unique_registry_ids,
    check_units_complete,
)
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import check_personal_data
from thuisbasis.validation.schema import coerce_plain_scalars, schema_problems


def validate_registries(report: Report, paths: Sequence[Path]) -> None:
    schema = load_schema(REGISTRY_SCHEMA)
    loaded: list[tuple[Document, Registry]] = []
    for path in paths:
        report.checked_registries += 1
        document, problems = load_document(path)
        report.problems.extend(problems)
        if problems or not is_mapping(report, document):
            continue
        coerce_plain_scalars(document, schema)
        found = list(schema_problems(document, schema, {}))
        found += run_safely(check_unique_registry_ids, document)
        found += run_safely(check_ids_are_no_generated_pages, document)
        found += run_safely(check_units_complete, document)
        found += run_safely(check_broader_terms, document)
        report.problems.extend(found)
        # Labels and descriptions are published too: the same privacy lint as for cases and checklists
        # (it reads no context). Its warnings do not stop the registry from being used.
        report.problems.extend(run_safely(check_personal_data, document))
        if not found:
            registry = registry_from_data(path.stem, document.data)
            report.registries[registry.name] = registry
            loaded.append((document, registry))
    schemas = {name: load_schema(name) for name in REGISTRY_BACKED_SCHEMAS}
    for document, registry in loaded:
        report.problems.extend(check_schema_mirrors_registry(document, registry, schemas))
