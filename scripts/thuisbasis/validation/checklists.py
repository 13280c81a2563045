"""Validate checklist files: the same loader and messages as cases, with the checklist schema and rules."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from thuisbasis.loading import Document
from thuisbasis.schemas import CHECKLIST_SCHEMA, load_schema
from thuisbasis.validation.checklist_rules import CHECKLIST_RULES, ChecklistContext
from thuisbasis.validation.documents import load_and_check_schema, run_safely
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
    documents = []
    for path in paths:
        report.checked_checklists += 1
        document = load_and_check_schema(report, path, schema, rules.registries)
        if document is None:
            continue
        for rule in (check_id_matches_filename, check_dates_not_in_future, check_personal_data):
            report.problems.extend(run_safely(rule, document, rules))
        for checklist_rule in CHECKLIST_RULES:
            report.problems.extend(run_safely(checklist_rule, document, context))
        documents.append(document)
    return documents
