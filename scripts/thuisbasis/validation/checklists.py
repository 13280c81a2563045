"""Validate checklist files: the same loader and messages as cases, with the checklist schema and rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from thuisbasis.loading import Document
from thuisbasis.schemas import CHECKLIST_SCHEMA, load_schema
from thuisbasis.validation.checklist_rules import CHECKLIST_RULES, ChecklistContext
from thuisbasis.validation.documents import AnyRule, check_file
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import (
    RuleContext,
    check_dates_not_in_future,
    check_id_matches_filename,
    check_personal_data,
)


def validate_checklist_files(report: Report, paths: Sequence[Path], rules: RuleContext,
                             case_ids: frozenset[str]) -> list[Document]:
    """Check each checklist file; return the documents that could be read, problems go into the report."""
    schema = load_schema(CHECKLIST_SCHEMA)
    context = ChecklistContext(rules=rules, case_ids=case_ids)
    checks: list[tuple[AnyRule, object]] = [
        *((rule, rules) for rule in (check_id_matches_filename, check_dates_not_in_future, check_personal_data)),
        *((rule, context) for rule in CHECKLIST_RULES)]
    documents = []
    for path in paths:
        report.checked_checklists += 1
        document = check_file(report, path, schema, rules.registries, checks)
        if document is not None:
            documents.append(document)
    return documents
