"""One validation run: which files are cases, checklists or national figures, each checked, then the checks
across files (unique ids, references between files)."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from thuisbasis.data import REGISTRY_DIR
from thuisbasis.model.registries import registry_paths
from thuisbasis.validation.cache import CaseFileCache, ValidationRecord, file_signature, read_unchecked
from thuisbasis.validation.checklists import validate_checklist_files
from thuisbasis.validation.context import CONTEXT_FOLDER, national_figures_known, validate_context_files
from thuisbasis.validation.documents import markdown_fields, validate_case_files
from thuisbasis.validation.parallel import case_reports
from thuisbasis.validation.registries import validate_registries
from thuisbasis.validation.report import Report, UsageError
from thuisbasis.validation.rules import (
    RuleContext,
    check_national_figure_references,
    check_see_also_references,
    check_unique_ids,
)

CHECKLISTS_FOLDER = "checklists"


def validate_paths(
    paths: Sequence[Path], *, today: dt.date | None = None, registry_dir: Path = REGISTRY_DIR,
    cache: CaseFileCache | None = None, record: ValidationRecord | None = None, keep_documents: bool = True,
) -> Report:
    """Check the registries and the case files at ``paths``; return every problem and what was read.

    With a ``cache`` (``mkdocs serve``), a case file that has not changed since the last call, with the
    same registries and day, is not read again: its problems and document are taken from the cache.
    With a ``record`` (the build folder's), a run whose every input is unchanged since a recorded run is
    not checked again: the files are only loaded, and the problems are the recorded ones.
    Without ``keep_documents`` (``thuisbasis validate``: only the problems count) the report holds no
    documents, and worker processes send back only what the checks across files read."""
    with garbage_collection_paused():
        report = _validate_paths(paths, today=today or dt.date.today(), registry_dir=registry_dir.resolve(),
                                 cache=cache, record=record, keep_documents=keep_documents)
    if not keep_documents:
        report.cases, report.checklists, report.contexts = [], [], []
    return report


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


def _validate_paths(paths: Sequence[Path], *, today: dt.date, registry_dir: Path,
                    cache: CaseFileCache | None, record: ValidationRecord | None, keep_documents: bool) -> Report:
    folders: dict[Path, Path] = {}
    files = [path for path in collect_case_paths(paths) if resolved_folder(path, folders) != registry_dir]
    checklist_paths = [path for path in files if resolved_folder(path, folders).name == CHECKLISTS_FOLDER]
    context_paths = [path for path in files if resolved_folder(path, folders).name == CONTEXT_FOLDER]
    checklist_set = set(checklist_paths) | set(context_paths)
    case_paths = [path for path in files if path not in checklist_set]
    if record is None:
        return _checked(case_paths, checklist_paths, context_paths, today=today, registry_dir=registry_dir, cache=cache,
                        whole_documents=keep_documents)
    inputs = run_inputs(files, registry_dir, set(folders.values()))
    key = record.run_key(inputs, today)
    known = record.problems(key, inputs)
    if known is not None:
        report = read_unchecked(known, registry_paths(registry_dir), case_paths, checklist_paths, context_paths)
        if record.run_key(inputs, today) == key:  # no file changed while it was read
            return report
    report = _checked(case_paths, checklist_paths, context_paths, today=today, registry_dir=registry_dir, cache=cache,
                      whole_documents=keep_documents)
    if record.run_key(inputs, today) == key:  # the problems belong to these bytes
        record.store(key, report.problems)
    return report


def _checked(case_paths: list[Path], checklist_paths: list[Path], context_paths: list[Path], *, today: dt.date,
             registry_dir: Path, cache: CaseFileCache | None, whole_documents: bool) -> Report:
    report = Report()
    validate_registries(report, registry_paths(registry_dir))
    folders: dict[Path, Path] = {}
    context = RuleContext(registries=report.registries, today=today, markdown_fields=markdown_fields())
    if cache is not None:
        cache.start((context.today, tuple((path, file_signature(path)) for path in registry_paths(registry_dir))))
    if cache is not None:
        parts = [validate_case_files(case_paths, context, cache.check)]
    else:
        parts = case_reports(case_paths, context, whole_documents=whole_documents)
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


def run_inputs(files: Sequence[Path], registry_dir: Path, folders: set[Path]) -> list[Path]:
    """Every file a run over ``files`` may read: those, the registries, and the case and context files
    beside their folders (which ids a checklist may cite, which national figures a case may)."""
    given = {os.path.abspath(path) for path in files}
    beside = sorted({folder.parent / name for folder in folders for name in ("cases", CONTEXT_FOLDER)})
    return [*files, *registry_paths(registry_dir),
            *(path for folder in beside for path in sorted(folder.glob("*.yaml")) if str(path) not in given)]


def collect_case_paths(paths: Sequence[Path]) -> list[Path]:
    """Expand folders to their .yaml files; refuse paths that do not exist."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found.extend(sorted(path.glob("*.yaml")))
        elif os.path.lexists(path):
            found.append(path)  # the loader reads only regular files, and says what else this is (TB015)
        else:
            raise UsageError(f"'{path}' bestaat niet")
    return found


def resolved_folder(path: Path, folders: dict[Path, Path]) -> Path:
    """The resolved folder ``path`` is in, resolving each folder once (in ``folders``). A link is not followed:
    where it points is never read (the loader refuses it, TB015)."""
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder


def known_case_ids(report: Report, paths: Sequence[Path]) -> frozenset[str]:
    """Cases a checklist (or a case's 'zie_ook') may cite: those checked now and those in the cases/ folder
    beside the folder of ``paths`` (checklists/, or cases/ itself)."""
    ids = {document.data.get("id") for document in report.cases if isinstance(document.data.get("id"), str)}
    for folder in {Path(os.path.abspath(path)).parent.parent / "cases" for path in paths}:  # links not followed
        ids.update(path.stem for path in folder.glob("*.yaml"))
    return frozenset(ids)
