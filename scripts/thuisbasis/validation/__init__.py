"""Validate: load files safely, check them against their schema and the rules, collect every problem.

``validate_paths`` is what ``thuisbasis validate``, ``thuisbasis render`` and the MkDocs plugin all
call, so a partner sees the same messages on the command line, in CI and in a failed build.

Case files are independent until the checks across files (unique ids), so when there are many they
are checked by one process per core: this one and forked workers (``case_reports``). The report is
the same as in one process, in the same order.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import Document, load_document
from thuisbasis.model.registries import Registry, registry_from_data, registry_paths
from thuisbasis.problems import Problem, counted, problem
from thuisbasis.schemas import CASE_SCHEMA, REGISTRY_BACKED_SCHEMAS, REGISTRY_SCHEMA, load_schema
from thuisbasis.validation.checklists import validate_checklist_files
from thuisbasis.validation.context import CONTEXT_FOLDER, national_figures_known, validate_context_files
from thuisbasis.validation.privacy import email_allowlist
from thuisbasis.validation.registry_rules import (
    check_ids_are_no_generated_pages,
    check_schema_mirrors_registry,
    check_unique_registry_ids,
    check_units_complete,
)
from thuisbasis.validation.rules import (
    CASE_RULES,
    Rule,
    RuleContext,
    check_national_figure_references,
    check_personal_data,
    check_see_also_references,
    check_unique_ids,
)
from thuisbasis.validation.schema import coerce_plain_scalars, compiled_check_for, schema_problems

CHECKLISTS_FOLDER = "checklists"
PARALLEL_MINIMUM = 200  # case files; for fewer, starting worker processes costs more than it saves
CHUNK_SIZE = 25  # case files a process claims at a time
WORKERS_VARIABLE = "THUISBASIS_WORKERS"  # set to 1 to check in one process


class UsageError(Exception):
    """A path that does not exist or cannot be checked: the command line was wrong, not a file."""


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    cases: list[Document] = field(default_factory=list)
    checklists: list[Document] = field(default_factory=list)
    contexts: list[Document] = field(default_factory=list)  # the national figures (context/landelijk-beeld.yaml)
    registries: dict[str, Registry] = field(default_factory=dict)
    checked_cases: int = 0
    checked_checklists: int = 0
    checked_contexts: int = 0
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
        if self.checked_contexts:
            checked.append(counted(self.checked_contexts, "bestand met landelijke cijfers",
                                   "bestanden met landelijke cijfers"))
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
    paths: Sequence[Path], *, today: dt.date | None = None, registry_dir: Path = REGISTRY_DIR,
    cache: CaseFileCache | None = None,
) -> Report:
    """Check the registries and the case files at ``paths``; return every problem and what was read.

    With a ``cache`` (``mkdocs serve``), a case file that has not changed since the last call, with the
    same registries and day, is not read again: its problems and document are taken from the cache."""
    with garbage_collection_paused():
        return _validate_paths(paths, today=today, registry_dir=registry_dir, cache=cache)


FileSignature = tuple[int, int, int]  # modification time (ns), size and inode of a file


def file_signature(path: Path) -> FileSignature | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


@dataclass
class _CheckedFile:
    signature: FileSignature
    problems: list[Problem]
    document: Document | None


class CaseFileCache:
    """What checking each case file gave, kept between calls while the file, the registries and the day
    stay the same. ``mkdocs serve`` re-checks every case after an edit; with this only the edited one is
    read again. Cross-file checks (unique ids) always run on the whole set."""

    def __init__(self) -> None:
        self._files: dict[Path, _CheckedFile] = {}
        self._context: tuple[object, ...] | None = None

    def start(self, context: tuple[object, ...]) -> None:
        """Forget everything when what every file is checked against (registries, day) changed."""
        if context != self._context:
            self._files.clear()
            self._context = context

    def check(self, report: Report, path: Path, context: RuleContext) -> Document | None:
        signature = file_signature(path)
        known = self._files.get(path)
        if signature is not None and known is not None and known.signature == signature:
            report.checked_cases += 1
            report.problems.extend(known.problems)
            return known.document
        part = Report()
        document = validate_case_file(part, path, context)
        report.checked_cases += part.checked_cases
        report.problems.extend(part.problems)
        if signature is not None:
            self._files[path] = _CheckedFile(signature, part.problems, document)
        return document


@contextlib.contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """Pause Python's cycle collector: checking builds many objects and frees them without cycles, and
    with thousands of documents kept, each collection would walk all of them again (about 10 % of the time)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _validate_paths(paths: Sequence[Path], *, today: dt.date | None, registry_dir: Path,
                    cache: CaseFileCache | None) -> Report:
    report = Report()
    registry_dir = registry_dir.resolve()
    validate_registries(report, registry_paths(registry_dir))
    folders: dict[Path, Path] = {}
    files = [path for path in collect_case_paths(paths) if resolved_folder(path, folders) != registry_dir]
    checklist_paths = [path for path in files if resolved_folder(path, folders).name == CHECKLISTS_FOLDER]
    context = RuleContext(registries=report.registries, today=today or dt.date.today(),
                          markdown_fields=markdown_fields())
    context_paths = [path for path in files if resolved_folder(path, folders).name == CONTEXT_FOLDER]
    checklist_set = set(checklist_paths) | set(context_paths)
    case_paths = [path for path in files if path not in checklist_set]
    if cache is not None:
        cache.start((context.today, tuple((path, file_signature(path)) for path in registry_paths(registry_dir))))
    parts = [validate_case_files(case_paths, context, cache)] if cache is not None else case_reports(case_paths, context)
    for part in parts:
        report.problems.extend(part.problems)
        report.cases.extend(part.cases)
        report.checked_cases += part.checked_cases
    report.problems.extend(check_unique_ids(report.cases))
    referring = [document for document in report.cases if "zie_ook" in document.data]
    if referring:
        known = known_case_ids(report, [document.path for document in referring])
        report.problems.extend(check_see_also_references(referring, known))
    report.checklists = validate_checklist_files(report, checklist_paths, context, known_case_ids(report, checklist_paths))
    report.problems.extend(check_unique_ids(report.checklists))
    report.contexts = validate_context_files(report, context_paths, context)
    citing = [document for document in report.cases if "landelijke_cijfers" in document.data]
    if citing:
        known_figures = national_figures_known(report.contexts, {resolved_folder(path, folders) for path in case_paths})
        report.problems.extend(check_national_figure_references(citing, known_figures))
    report.problems.sort()
    return report


def validate_case_files(paths: Sequence[Path], context: RuleContext, cache: CaseFileCache | None = None) -> Report:
    """Check ``paths`` one by one: a report with their problems and the documents that could be read."""
    report = Report()
    for path in paths:
        document = cache.check(report, path, context) if cache is not None else validate_case_file(report, path, context)
        if document is not None:
            report.cases.append(document)
    return report


def case_reports(paths: Sequence[Path], context: RuleContext) -> list[Report]:
    """Reports on consecutive parts of ``paths``, checked in worker processes when that pays and is safe."""
    workers = worker_count(len(paths))
    if workers < 2:
        return [validate_case_files(paths, context)]
    chunks = [paths[start:start + CHUNK_SIZE] for start in range(0, len(paths), CHUNK_SIZE)]
    return _in_workers(chunks, context, workers)


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


_SHARED_WORK: _SharedWork | None = None  # set before the fork, so workers inherit it without pickling


def _in_workers(chunks: list[Sequence[Path]], context: RuleContext, workers: int) -> list[Report]:
    """Check the chunks in ``workers`` processes: this one and ``workers - 1`` forked ones.

    Each process claims the next unchecked chunk until none are left (so a slower process simply
    checks fewer), and a worker sends its reports back once, at the end; what this process checks
    itself is never copied. The reports come back in the order of the chunks.
    """
    global _SHARED_WORK  # handed to the forked workers
    compiled_check_for(load_schema(CASE_SCHEMA))  # built once here, not once in every worker
    email_allowlist()
    fork = multiprocessing.get_context("fork")
    _SHARED_WORK = work = _SharedWork(chunks=chunks, context=context, next_chunk=fork.Value("i", 0))
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
    return _claim_and_check(_SHARED_WORK)


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


def resolved_folder(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve().parent``, resolving each folder once (in ``folders``); a linked file is resolved itself."""
    if path.is_symlink():
        return path.resolve().parent
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder


def is_checklist(path: Path) -> bool:
    """Checklists live in a folder named checklists/; every other .yaml file given is a case."""
    return path.resolve().parent.name == CHECKLISTS_FOLDER


def known_case_ids(report: Report, paths: Sequence[Path]) -> frozenset[str]:
    """Cases a checklist (or a case's 'zie_ook') may cite: those checked now and those in the cases/ folder
    beside the folder of ``paths`` (checklists/, or cases/ itself)."""
    ids = {document.data.get("id") for document in report.cases if isinstance(document.data.get("id"), str)}
    for folder in {path.resolve().parent.parent / "cases" for path in paths}:
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
        found += _run_safely(check_ids_are_no_generated_pages, document)
        found += _run_safely(check_units_complete, document)
        report.problems.extend(found)
        # Labels and descriptions are published too: the same privacy lint as for cases and checklists
        # (it reads no context). Its warnings do not stop the registry from being used.
        report.problems.extend(_run_safely(check_personal_data, document, None))
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
