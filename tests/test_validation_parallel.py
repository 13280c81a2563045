"""Checking case files in worker processes gives exactly the report of checking them in one process.

``parallel.case_reports`` forks a pool when there are many files. These tests force it on a small
folder (real cases, every invalid fixture, a repeated id, personal data, checklists) and compare every
problem, every document and the catalog with a run in one process; they also check that no process or
thread is left behind, that it works again and again, and where the pool is not used.
"""

from __future__ import annotations

import multiprocessing
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY, VALID_CASE, replace_line, valid_case_text
from thuisbasis.model.catalog import load_catalog
from thuisbasis.validation import Report, parallel, validate_paths
from thuisbasis.validation.parallel import worker_count

ROOT = Path(__file__).parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """cases/ with real, invalid and repeated cases and one with personal data; checklists/ beside it."""
    cases = tmp_path / "cases"
    cases.mkdir()
    for path in [*(ROOT / "cases").glob("*.yaml"), *(FIXTURES / "invalid").glob("*.yaml"), VALID_CASE]:
        shutil.copy(path, cases / path.name)
    (cases / "tweede.yaml").write_text(valid_case_text(), encoding="utf-8")  # repeats the id of VALID_CASE
    private = replace_line(valid_case_text(), "toelichting: De helft van de bewoners komt uit de opvang.",
                           "toelichting: Bel mevrouw Jansen op 06-12345678.")
    (cases / "voorbeeld-prive.yaml").write_text(private.replace("id: voorbeeld-gemengd-wonen", "id: voorbeeld-prive"),
                                                encoding="utf-8")
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    return tmp_path


@pytest.fixture
def in_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two workers, chunks of three files, whatever the number of files, also when the test session runs
    other threads (the browser tests' Playwright does)."""
    monkeypatch.setattr(parallel, "_no_other_threads", lambda: True)
    monkeypatch.setattr(parallel, "PARALLEL_MINIMUM", 0)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 3)
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "2")


def everything(report: Report) -> dict[str, Any]:
    return {
        "problems": [str(found) for found in report.problems],
        "cases": [(document.path, document.data, document.plain_texts, document.block_scalars, document.value_positions,
                   document.key_positions) for document in report.cases],
        "checklists": [(document.path, document.data) for document in report.checklists],
        "counts": (report.checked_cases, report.checked_checklists, report.checked_registries),
        "registries": sorted(report.registries),
    }


def in_one_process(site: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    with monkeypatch.context() as patch:
        patch.setenv(parallel.WORKERS_VARIABLE, "1")
        return validate_paths([site / "cases", site / "checklists"], today=TODAY)


def test_workers_give_the_same_report_as_one_process(site: Path, in_workers: None,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    serial = in_one_process(site, monkeypatch)
    assert worker_count(len(list((site / "cases").glob("*.yaml")))) == 2
    forked = validate_paths([site / "cases", site / "checklists"], today=TODAY)
    assert everything(forked) == everything(serial)
    codes = {found.code for found in serial.problems}
    assert {"TB202", "TB401", "TB405", "TB101", "TB005"} <= codes  # the folder holds every kind of problem


def test_the_pool_leaves_no_process_or_thread_and_works_again(site: Path, in_workers: None) -> None:
    threads = threading.active_count()
    first = everything(validate_paths([site / "cases"], today=TODAY))
    for _ in range(2):
        assert everything(validate_paths([site / "cases"], today=TODAY)) == first
        assert multiprocessing.active_children() == []
        assert threading.active_count() == threads


def test_load_catalog_builds_the_same_catalog(tmp_path: Path, in_workers: None, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "cases", tmp_path / "cases")
    shutil.copytree(ROOT / "checklists", tmp_path / "checklists")
    shutil.copytree(ROOT / "context", tmp_path / "context")  # the national figures the cases cite
    forked, report = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "checklists", today=TODAY)
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    serial, _ = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "checklists", today=TODAY)
    assert report.ok and forked is not None
    assert forked == serial


def test_few_files_are_checked_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.WORKERS_VARIABLE, raising=False)
    assert worker_count(parallel.PARALLEL_MINIMUM - 1) == 1
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    assert worker_count(10_000) == 1


def test_no_pool_while_other_threads_run(in_workers: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve runs a server thread beside the build; forking then is not safe, so no pool."""
    assert worker_count(1000) == 2
    monkeypatch.setattr(parallel, "_no_other_threads", lambda: False)
    assert worker_count(1000) == 1


def test_other_threads_are_noticed() -> None:
    before = parallel._no_other_threads()
    assert before == (threading.active_count() == 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert parallel._no_other_threads() is False
    finally:
        stop.set()
        other.join()
    assert parallel._no_other_threads() == before


def test_the_pool_is_started_at_most_once_per_run(site: Path, in_workers: None, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[int] = []
    real = parallel._in_workers

    def counted(*arguments: Any) -> list[Report]:
        started.append(1)
        return real(*arguments)

    monkeypatch.setattr(parallel, "_in_workers", counted)
    validate_paths([site / "cases", site / "checklists"], today=TODAY)
    assert started == [1]
