"""The pipeline in one call: load and validate the case and checklist files, then build the model.

``load_catalog`` is what the CLI's ``render`` and the MkDocs plugin use; a catalog exists only when
every file is valid, so nothing downstream has to cope with broken data.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from thuisbasis.data import REGISTRY_DIR
from thuisbasis.model.cases import Catalog, case_from_data, checklist_from_data, context_from_data
from thuisbasis.validation import CaseFileCache, Report, validate_paths
from thuisbasis.validation.cache import ValidationRecord
from thuisbasis.validation.run import garbage_collection_paused


def load_catalog(
    cases_dir: Path, *, checklists_dir: Path | None = None, today: dt.date | None = None,
    registry_dir: Path = REGISTRY_DIR, cache: CaseFileCache | None = None, context_dir: Path | None = None,
    record: ValidationRecord | None = None,
) -> tuple[Catalog | None, Report]:
    """All cases (and checklists and the national figures, when their folders exist), or ``None`` with the
    report that says why not. ``context_dir`` defaults to ``context/`` beside ``cases_dir``.
    ``cache``: reuse the checks of unchanged case files from an earlier call (``mkdocs serve``);
    ``record``: reuse a recorded run over exactly these bytes (the build after ``thuisbasis validate``)."""
    context_dir = cases_dir.parent / "context" if context_dir is None else context_dir
    folders = [cases_dir] + [folder for folder in (checklists_dir, context_dir) if folder is not None and folder.is_dir()]
    report = validate_paths(folders, today=today, registry_dir=registry_dir, cache=cache, record=record)
    if not report.ok:
        return None, report
    with garbage_collection_paused():
        return _catalog_of(report), report


def _catalog_of(report: Report) -> Catalog:
    cases = sorted(
        (case_from_data(document.data, document.path, report.registries) for document in report.cases),
        key=lambda case: case.id,
    )
    checklists = sorted(
        (checklist_from_data(document.data, document.path, report.registries) for document in report.checklists),
        key=lambda checklist: checklist.id,
    )
    contexts = [context_from_data(document.data, document.path, report.registries) for document in report.contexts]
    return Catalog(cases=tuple(cases), registries=report.registries, checklists=tuple(checklists),
                   context=min(contexts, key=lambda context: context.id) if contexts else None)


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set, so a rebuild of a commit gives the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
