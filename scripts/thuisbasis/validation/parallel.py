"""Both cores: many case files are checked by one process per core, this one and forked workers.

Case files are independent until the checks across files (unique ids), so they can be checked apart; the
reports come back in the order of the files, the same as in one process.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thuisbasis.schemas import CASE_SCHEMA, load_schema
from thuisbasis.validation.documents import validate_case_files
from thuisbasis.validation.privacy import email_allowlist
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import RuleContext, across_files_part
from thuisbasis.validation.schema import compiled_check_for

PARALLEL_MINIMUM = 200  # case files; for fewer, starting worker processes costs more than it saves


CHUNK_SIZE = 25  # case files a process claims at a time


WORKERS_VARIABLE = "THUISBASIS_WORKERS"  # set to 1 to check in one process


def case_reports(paths: Sequence[Path], context: RuleContext, *, whole_documents: bool = True) -> list[Report]:
    """Reports on consecutive parts of ``paths``, checked in worker processes when that pays and is safe.
    Without ``whole_documents``, a worker sends back of each document only what the checks across files read
    (``rules.across_files_part``)."""
    workers = worker_count(len(paths))
    if workers < 2:
        return [validate_case_files(paths, context)]
    chunks = [paths[start:start + CHUNK_SIZE] for start in range(0, len(paths), CHUNK_SIZE)]
    return _in_workers(chunks, context, workers, whole_documents)


def worker_count(files: int) -> int:
    """How many processes to check ``files`` case files in; 1 means here, in this process.

    One per core for ``PARALLEL_MINIMUM`` files or more (or as many as THUISBASIS_WORKERS says), but
    only where forking is safe: on Linux, from a process that runs no other threads (``mkdocs serve``
    does: there the files are checked here) and that is not itself a worker.
    """
    configured = os.environ.get(WORKERS_VARIABLE, "")
    if configured.isdigit() and int(configured) >= 1:
        wanted = int(configured)
    else:
        wanted = _cores() if files >= PARALLEL_MINIMUM else 1
    if wanted < 2 or not _forking_is_safe():
        return 1
    return max(1, min(wanted, -(-files // CHUNK_SIZE)))


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _forking_is_safe() -> bool:
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and _no_other_threads() and not multiprocessing.current_process().daemon)


def _no_other_threads() -> bool:
    """A fork copies only the calling thread; locks other threads hold would stay locked in the copy."""
    return threading.active_count() == 1


@dataclass
class _SharedWork:
    """The chunks to check and a counter of the next one to claim, shared by this process and its workers."""

    chunks: list[Sequence[Path]]
    context: RuleContext
    next_chunk: Any  # a multiprocessing.Value("i"), shared through the fork
    whole_documents: bool

_SHARED_WORK: _SharedWork | None = None  # set before the fork, so workers inherit it without pickling


def _in_workers(chunks: list[Sequence[Path]], context: RuleContext, workers: int, whole_documents: bool) -> list[Report]:
    """Check the chunks in ``workers`` processes: this one and ``workers - 1`` forked ones.

    Each process claims the next unchecked chunk until none are left (so a slower process simply
    checks fewer), and a worker sends its reports back once, at the end; what this process checks
    itself is never copied. The reports come back in the order of the chunks.
    """
    global _SHARED_WORK  # handed to the forked workers
    compiled_check_for(load_schema(CASE_SCHEMA))  # built once here, not once in every worker
    email_allowlist()
    fork = multiprocessing.get_context("fork")
    _SHARED_WORK = work = _SharedWork(chunks=chunks, context=context, next_chunk=fork.Value("i", 0),
                                      whole_documents=whole_documents)
    try:  # a worker that dies makes result() raise (BrokenProcessPool) instead of waiting for ever
        with ProcessPoolExecutor(workers - 1, mp_context=fork) as pool:
            futures = [pool.submit(_check_claimed_chunks) for _ in range(workers - 1)]
            checked = _claim_and_check(work)
            for future in futures:
                checked.update(future.result())
    finally:  # leaving the with-block waited for every worker to exit
        _SHARED_WORK = None
    return [checked[index] for index in range(len(chunks))]


def _check_claimed_chunks() -> dict[int, Report]:
    """In a worker forked by ``_in_workers``, which shared the work first."""
    if _SHARED_WORK is None:
        raise RuntimeError("_check_claimed_chunks runs only in a worker forked by _in_workers")
    checked = _claim_and_check(_SHARED_WORK)
    if not _SHARED_WORK.whole_documents:
        for report in checked.values():
            report.cases = [across_files_part(document) for document in report.cases]
    return checked


def _claim_and_check(work: _SharedWork) -> dict[int, Report]:
    """Claim chunks one at a time and check them, until every chunk is claimed."""
    checked: dict[int, Report] = {}
    while True:
        with work.next_chunk.get_lock():
            index = work.next_chunk.value
            work.next_chunk.value += 1
        if index >= len(work.chunks):
            return checked
        checked[index] = validate_case_files(work.chunks[index], work.context)
