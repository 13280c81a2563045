"""validation/cache.py, CaseFileCache: `mkdocs serve` reads only edited case files again, with the same outcome."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY, VALID_CASE
from thuisbasis import validation
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.validation import CaseFileCache, documents, validate_paths


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(VALID_CASE, folder / VALID_CASE.name)
    for broken in sorted((FIXTURES / "invalid").glob("*.yaml"))[:6]:
        shutil.copy(broken, folder / broken.name)
    return folder


def outcome(report: validation.Report) -> tuple[object, ...]:
    return (report.problems, [document.data for document in report.cases], report.checked_cases)


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    read: list[Path] = []
    original = documents.validate_case_file

    def counted(report: validation.Report, path: Path, context: object) -> object:
        read.append(path)
        return original(report, path, context)

    monkeypatch.setattr(documents, "validate_case_file", counted)
    return read


def test_the_cache_gives_the_same_report_and_reads_only_changed_files(cases: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    cache = CaseFileCache()
    read = counting_reads(monkeypatch)
    first = validate_paths([cases], today=TODAY, cache=cache)
    assert outcome(first) == outcome(validate_paths([cases], today=TODAY))
    assert len(read) == 2 * len(list(cases.glob("*.yaml")))  # with the cache, then without it
    read.clear()
    again = validate_paths([cases], today=TODAY, cache=cache)
    assert outcome(again) == outcome(first)
    assert read == []

    edited = cases / VALID_CASE.name
    edited.write_text(edited.read_text(encoding="utf-8").replace("woonvorm: gemengd-wonen", "woonvorm: kamerverhuur"),
                      encoding="utf-8")
    after_edit = validate_paths([cases], today=TODAY, cache=cache)
    assert read == [edited]
    assert "TB104" in {found.code for found in after_edit.problems}
    assert outcome(after_edit) == outcome(validate_paths([cases], today=TODAY))


def test_a_deleted_or_added_file_is_noticed(cases: Path) -> None:
    cache = CaseFileCache()
    validate_paths([cases], today=TODAY, cache=cache)
    (cases / VALID_CASE.name).unlink()
    shutil.copy(Path(__file__).parent / "sites" / "minimal" / "cases" / "kleine-casus.yaml", cases)
    assert outcome(validate_paths([cases], today=TODAY, cache=cache)) == outcome(validate_paths([cases], today=TODAY))


def test_another_day_or_changed_registries_check_everything_again(cases: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    registries = tmp_path / "registries"
    shutil.copytree(REGISTRY_DIR, registries)
    cache = CaseFileCache()
    validate_paths([cases], today=TODAY, registry_dir=registries, cache=cache)
    read = counting_reads(monkeypatch)
    validate_paths([cases], today=TODAY + dt.timedelta(days=1), registry_dir=registries, cache=cache)
    assert len(read) == len(list(cases.glob("*.yaml")))
    read.clear()
    registry = registries / "woonvormen.yaml"
    later = registry.stat().st_mtime + 10
    os.utime(registry, (later, later))
    validate_paths([cases], today=TODAY + dt.timedelta(days=1), registry_dir=registries, cache=cache)
    assert len(read) == len(list(cases.glob("*.yaml")))


def test_cached_problems_are_not_shared_with_the_report(cases: Path) -> None:
    cache = CaseFileCache()
    first = validate_paths([cases], today=TODAY, cache=cache)
    first.problems.clear()  # a caller changing its report must not change what the cache gives next time
    again = validate_paths([cases], today=TODAY, cache=cache)
    assert again.problems
    assert dataclasses.is_dataclass(again.problems[0])
