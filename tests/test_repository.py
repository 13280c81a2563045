"""The project's own content: the real cases are valid, sourced and free of personal contact data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from thuisbasis.model.catalog import load_catalog
from thuisbasis.problems import Problem

ROOT = Path(__file__).parent.parent
CASE_FILES = sorted((ROOT / "cases").glob("*.yaml"))
MODELINE = "# yaml-language-server: $schema=../scripts/thuisbasis/schemas/case.schema.json"


COMPLETENESS = {"TB244", "TB245", "TB246"}


def not_yet_complete(problems: list[Problem]) -> list[Problem]:
    """Every problem except the completeness warnings, which stay until each case gives its goals, costs and
    evaluations or says the sources do not (the content part of issue 12)."""
    return [found for found in problems if found.code not in COMPLETENESS]


def test_there_are_at_least_twelve_valid_cases() -> None:
    catalog, report = load_catalog(ROOT / "cases")
    assert not_yet_complete(report.problems) == []
    assert catalog is not None and len(catalog.cases) >= 12


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_case_file_starts_with_the_schema_modeline(path: Path) -> None:
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("path", CASE_FILES, ids=[path.stem for path in CASE_FILES])
def test_case_has_no_phone_numbers_or_email_addresses(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"\b0[1-9][0-9]?[- ]?[0-9]{2}[- ]?[0-9]{2}[- ]?[0-9]{2}[- ]?[0-9]{2}\b", text)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)


def test_no_generated_output_is_tracked() -> None:
    import subprocess

    tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
    assert not [path for path in tracked if path.startswith(("site/", "rendered/", "docs/casussen/", "docs/referentie/"))]


CHECKLIST_FILES = sorted((ROOT / "checklists").glob("*.yaml"))


def test_there_are_at_least_eight_valid_checklists() -> None:
    catalog, report = load_catalog(ROOT / "cases", checklists_dir=ROOT / "checklists")
    assert not_yet_complete(report.problems) == []
    assert catalog is not None and len(catalog.checklists) >= 8
    for checklist in catalog.checklists:
        assert "Doen we de goede dingen, en doen we de dingen goed?" in checklist.workform.questions, checklist.id
        assert all(item.source_ids or item.case_ids for item in checklist.items), checklist.id
