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


def test_without_whole_documents_the_workers_give_the_same_problems_and_no_documents(site: Path, in_workers: None) -> None:
    """``thuisbasis validate`` needs only the problems: workers send back only what the checks across files read
    (a repeated id, an unknown 'zie_ook', an unknown national figure must still be found)."""
    referring = (valid_case_text().replace("id: voorbeeld-gemengd-wonen", "id: voorbeeld-verwijzend")
                 + "zie_ook:\n  - bestaat-niet\nlandelijke_cijfers:\n  - bestaat-ook-niet\n")
    (site / "cases" / "voorbeeld-verwijzend.yaml").write_text(referring, encoding="utf-8")
    whole = validate_paths([site / "cases", site / "checklists"], today=TODAY)
    slim = validate_paths([site / "cases", site / "checklists"], today=TODAY, keep_documents=False)
    assert [str(found) for found in slim.problems] == [str(found) for found in whole.problems]
    assert {"TB202", "TB250", "TB243"} <= {found.code for found in whole.problems}
    assert (slim.cases, slim.checklists, slim.contexts) == ([], [], [])
    assert (slim.checked_cases, slim.checked_checklists) == (whole.checked_cases, whole.checked_checklists)
    assert whole.cases and all("titel" in document.data for document in whole.cases)  # whole, also from the worker


def test_the_checks_across_files_find_the_same_in_the_part_a_worker_sends_back(tmp_path: Path) -> None:
    from thuisbasis.loading import load_document
    from thuisbasis.validation.rules import (
        READ_ACROSS_FILES,
        across_files_part,
        check_national_figure_references,
        check_see_also_references,
        check_unique_ids,
    )

    referring = valid_case_text() + "zie_ook:\n  - bestaat-niet\nlandelijke_cijfers:\n  - bestaat-ook-niet\n"
    (tmp_path / "verwijzend.yaml").write_text(referring, encoding="utf-8")  # also repeats the id of VALID_CASE
    documents = [load_document(path)[0] for path in (VALID_CASE, tmp_path / "verwijzend.yaml")]
    parts = [across_files_part(document) for document in documents]

    def across_files(documents: list[Any]) -> list[str]:
        return [str(found) for found in [*check_unique_ids(documents), *check_see_also_references(documents, frozenset()),
                                         *check_national_figure_references(documents, {})]]

    assert across_files(parts) == across_files(documents)
    assert {found.split(" ")[1] for found in across_files(documents)} == {"TB202", "TB250", "TB243"}
    assert all(part.path == document.path and part.text == document.text for part, document in zip(parts, documents))
    assert parts[1].data == {key: documents[1].data[key] for key in READ_ACROSS_FILES}
    assert len(parts[1].data) < len(documents[1].data)
