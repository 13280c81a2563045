"""Validate: load files safely, check them against their schema and the rules, collect every problem.

``validate_paths`` is what ``thuisbasis validate``, ``thuisbasis render`` and the MkDocs plugin all
call, so a partner sees the same messages on the command line, in CI and in a failed build.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thuisbasis.loading import Document, load_document
from thuisbasis.problems import Problem, counted, problem
from thuisbasis.registries import REGISTRY_DIR, Registry, registry_from_data, registry_paths
from thuisbasis.schemas import CASE_SCHEMA, REGISTRY_BACKED_SCHEMAS, REGISTRY_SCHEMA, load_schema
from thuisbasis.validation.checklists import validate_checklist_files
from thuisbasis.validation.registry_rules import (
    check_schema_mirrors_registry,
    check_unique_registry_ids,
    check_units_complete,
)
from thuisbasis.validation.rules import CASE_RULES, Rule, RuleContext, check_unique_ids
from thuisbasis.validation.schema import coerce_plain_scalars, schema_problems

CHECKLISTS_FOLDER = "checklists"


class UsageError(Exception):
    """A path that does not exist or cannot be checked: the command line was wrong, not a file."""


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    cases: list[Document] = field(default_factory=list)
    checklists: list[Document] = field(default_factory=list)
    registries: dict[str, Registry] = field(default_factory=dict)
    checked_cases: int = 0
    checked_checklists: int = 0
    checked_registries: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [found for found in self.problems if found.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [found for found in self.problems if not found.is_error]

    @property
    def ok(self) -> bool:
        """No errors: warnings (such as the privacy lint's) are for a reviewer and do not block."""
        return not self.errors

    def summary(self) -> str:
        """One Dutch line that counts errors and warnings separately.

        'geen problemen.' | '2 fouten in 1 bestand.' | 'geen fouten; 1 waarschuwing in 1 bestand.' |
        '2 fouten en 1 waarschuwing in 2 bestanden.' (the files with either).
        """
        checked = [counted(self.checked_cases, "casus", "casussen")]
        if self.checked_checklists:
            checked.append(counted(self.checked_checklists, "checklist", "checklists"))
        files = f"{', '.join(checked)} en {counted(self.checked_registries, 'register', 'registers')} gecontroleerd"
        if not self.problems:
            return f"Thuisbasis: {files}: geen problemen."
        errors, warnings = len(self.errors), len(self.warnings)
        where = f"in {counted(len({found.path for found in self.problems}), 'bestand', 'bestanden')}"
        if not warnings:
            found = counted(errors, "fout", "fouten")
        elif not errors:
            found = f"geen fouten; {counted(warnings, 'waarschuwing', 'waarschuwingen')}"
        else:
            found = f"{counted(errors, 'fout', 'fouten')} en {counted(warnings, 'waarschuwing', 'waarschuwingen')}"
        return f"Thuisbasis: {files}: {found} {where}."


def collect_case_paths(paths: Sequence[Path]) -> list[Path]:
    """Expand folders to their .yaml files; refuse paths that do not exist."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(path.glob("*.yaml")))
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"'{path}' bestaat niet")
    return found


def validate_paths(
    paths: Sequence[Path], *, today: dt.date | None = None, registry_dir: Path = REGISTRY_DIR
) -> Report:
    """Check the registries and the case files at ``paths``; return every problem and what was read."""
    report = Report()
    registry_dir = registry_dir.resolve()
    validate_registries(report, registry_paths(registry_dir))
    files = [path for path in collect_case_paths(paths) if path.resolve().parent != registry_dir]
    checklist_paths = [path for path in files if is_checklist(path)]
    context = RuleContext(registries=report.registries, today=today or dt.date.today(),
                          markdown_fields=markdown_fields())
    for path in files:
        if path not in checklist_paths:
            document = validate_case_file(report, path, context)
            if document is not None:
                report.cases.append(document)
    report.problems.extend(check_unique_ids(report.cases))
    report.checklists = validate_checklist_files(report, checklist_paths, context, known_case_ids(report, checklist_paths))
    report.problems.extend(check_unique_ids(report.checklists))
    report.problems.sort()
    return report


def is_checklist(path: Path) -> bool:
    """Checklists live in a folder named checklists/; every other .yaml file given is a case."""
    return path.resolve().parent.name == CHECKLISTS_FOLDER


def known_case_ids(report: Report, checklist_paths: Sequence[Path]) -> frozenset[str]:
    """Cases a checklist may cite: those checked now and those in the cases/ folder beside checklists/."""
    ids = {document.data.get("id") for document in report.cases if isinstance(document.data.get("id"), str)}
    for folder in {path.resolve().parent.parent / "cases" for path in checklist_paths}:
        ids.update(path.stem for path in folder.glob("*.yaml"))
    return frozenset(ids)


def markdown_fields() -> tuple[str, ...]:
    properties = load_schema(CASE_SCHEMA)["properties"]
    return tuple(key for key, node in properties.items() if node.get("x-markdown"))


def validate_registries(report: Report, paths: Sequence[Path]) -> None:
    schema = load_schema(REGISTRY_SCHEMA)
    loaded: list[tuple[Document, Registry]] = []
    for path in paths:
        report.checked_registries += 1
        document, problems = load_document(path)
        report.problems.extend(problems)
        if problems or not _is_mapping(report, document):
            continue
        coerce_plain_scalars(document, schema)
        found = list(schema_problems(document, schema, {}))
        found += _run_safely(check_unique_registry_ids, document)
        found += _run_safely(check_units_complete, document)
        report.problems.extend(found)
        if not found:
            registry = registry_from_data(path.stem, document.data)
            report.registries[registry.name] = registry
            loaded.append((document, registry))
    schemas = {name: load_schema(name) for name in REGISTRY_BACKED_SCHEMAS}
    for document, registry in loaded:
        report.problems.extend(check_schema_mirrors_registry(document, registry, schemas))


def load_and_check_schema(report: Report, path: Path, schema: Mapping[str, Any],
                          registries: Mapping[str, Registry]) -> Document | None:
    """Load a file and check it against ``schema``; None when it could not be read as a mapping."""
    document, problems = load_document(path)
    report.problems.extend(problems)
    if problems or not _is_mapping(report, document):
        return None
    coerce_plain_scalars(document, schema)
    report.problems.extend(schema_problems(document, schema, registries))
    return document


def validate_case_file(report: Report, path: Path, context: RuleContext) -> Document | None:
    report.checked_cases += 1
    document = load_and_check_schema(report, path, load_schema(CASE_SCHEMA), context.registries)
    if document is None:
        return None
    for rule in CASE_RULES:
        report.problems.extend(_run_safely(rule, document, context))
    return document


def _is_mapping(report: Report, document: Document) -> bool:
    if isinstance(document.data, dict):
        return True
    kind = "een lijst" if isinstance(document.data, list) else "een losse waarde"
    report.problems.append(problem("TB014", document.path, document.position_of(()), kind=kind))
    return False


def _run_safely(rule: Rule, document: Document, *args: object) -> Iterator[Problem]:
    """A bug in one rule must not hide the other problems or show a partner a traceback."""
    try:
        return iter(list(rule(document, *args)))  # type: ignore[arg-type]
    except Exception as error:  # noqa: BLE001 - reported as TB299, with the rule's name
        return iter([problem("TB299", document.path, document.position_of(()), rule=rule.__name__,
                             error=type(error).__name__)])
