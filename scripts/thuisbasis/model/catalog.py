"""The pipeline in one call: load and validate the case and checklist files, then build the model.

``load_catalog`` is what the CLI's ``render`` and the MkDocs plugin use; a catalog exists only when
every file is valid, so nothing downstream has to cope with broken data.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import Document
from thuisbasis.model.cases import Case, Catalog, case_from_data, checklist_from_data, context_from_data
from thuisbasis.model.registries import Registry
from thuisbasis.validation import CaseFileCache, Report, validate_paths
from thuisbasis.validation.cache import ValidationRecord
from thuisbasis.validation.run import garbage_collection_paused


def load_catalog(
    cases_dir: Path, *, checklists_dir: Path | None = None, today: dt.date | None = None,
    registry_dir: Path = REGISTRY_DIR, cache: CaseFileCache | None = None, context_dir: Path | None = None,
    record: ValidationRecord | None = None, models: CaseModels | None = None,
) -> tuple[Catalog | None, Report]:
    """All cases (and checklists and the national figures, when their folders exist), or ``None`` with the
    report that says why not. ``context_dir`` defaults to ``context/`` beside ``cases_dir``.
    ``cache``: reuse the checks of unchanged case files from an earlier call (``mkdocs serve``);
    ``record``: reuse a recorded run over exactly these bytes (the build after ``thuisbasis validate``);
    ``models``: with ``cache``, give the same ``Case`` object for a file the cache gave again, so the
    render memo knows it unchanged without comparing it field by field."""
    context_dir = cases_dir.parent / "context" if context_dir is None else context_dir
    folders = [cases_dir] + [folder for folder in (checklists_dir, context_dir) if folder is not None and folder.is_dir()]
    report = validate_paths(folders, today=today, registry_dir=registry_dir, cache=cache, record=record)
    if not report.ok:
        return None, report
    with garbage_collection_paused():
        return _catalog_of(report, models or CaseModels()), report


class CaseModels:
    """The case made from each document in the last call. The validation cache gives the very same document
    object for a file whose bytes, the registries and the day did not change; that document's case is then
    the same too. Only the last call's cases are kept."""

    def __init__(self) -> None:
        self._cases: dict[int, tuple[Document, Case]] = {}

    def cases(self, documents: list[Document], registries: Mapping[str, Registry]) -> list[Case]:
        made: dict[int, tuple[Document, Case]] = {}
        for document in documents:
            known = self._cases.get(id(document))
            if known is not None and known[0] is document:  # the entry holds the document: its id is not reused
                made[id(document)] = known
            else:
                made[id(document)] = (document, case_from_data(document.data, document.path, registries))
        self._cases = made
        return [case for _, case in made.values()]


def _catalog_of(report: Report, models: CaseModels) -> Catalog:
    cases = sorted(models.cases(report.cases, report.registries), key=lambda case: case.id)
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
