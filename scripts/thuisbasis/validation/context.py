"""Validate the national context file (Landelijk beeld): the same loader and messages as cases, its own schema.

National figures frame cases but are not their results. Cases cite them by id (``landelijke_cijfers``);
``national_figures_known`` gives the ids a case may cite, also when only a case file is checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from thuisbasis.loading import Document, load_document
from thuisbasis.problems import Problem, display_path, problem
from thuisbasis.schemas import CONTEXT_SCHEMA, load_schema
from thuisbasis.validation.documents import check_file
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import (
    RuleContext,
    check_dates_not_in_future,
    check_id_matches_filename,
    check_measure_shape,
    check_personal_data,
    list_items,
    measure_numbers,
    national_figure_ids,
    source_ids,
    unit_problems,
)
from thuisbasis.validation.schema import place

CONTEXT_FOLDER = "context"


def check_figure_ids_and_sources(document: Document, context: RuleContext) -> Iterator[Problem]:
    """Figure ids are unique (cases cite them); every figure names a source listed in the file."""
    _, repeats = national_figure_ids(document)
    yield from repeats
    known, source_repeats = source_ids(document)
    yield from source_repeats
    for index, figure in list_items(document.data, "cijfers"):
        source_id = figure.get("bron")
        if isinstance(source_id, str) and source_id not in known:
            path = ("cijfers", index, "bron")
            yield problem("TB205", document.path, document.position_of(path), place=place(path), value=source_id,
                          allowed=", ".join(known) or "(geen)")


def check_figures_fit_unit(document: Document, context: RuleContext) -> Iterator[Problem]:
    units = context.registries.get("eenheden")
    if units is None:
        return
    for index, figure in list_items(document.data, "cijfers"):
        if figure.get("eenheid") not in units.ids():
            continue
        yield from unit_problems(document, units.get(figure["eenheid"]),
                                 measure_numbers(figure.get("waarde"), ("cijfers", index, "waarde")))


CONTEXT_RULES = (
    check_id_matches_filename,
    check_dates_not_in_future,
    check_measure_shape,
    check_figure_ids_and_sources,
    check_figures_fit_unit,
    check_personal_data,
)


def validate_context_files(report: Report, paths: Sequence[Path], rules: RuleContext) -> list[Document]:
    """Check each context file; return the documents that could be read, problems go into the report."""
    schema = load_schema(CONTEXT_SCHEMA)
    documents = []
    for path in paths:
        report.checked_contexts += 1
        document = check_file(report, path, schema, rules.registries, [(rule, rules) for rule in CONTEXT_RULES])
        if document is not None:
            documents.append(document)
    return documents


def national_figures_known(checked: Sequence[Document], case_folders: Iterable[Path]) -> dict[str, str]:
    """Figure id -> the file it is in: from the context files checked now or, when none were, from the
    context/ folder beside each case folder (read quietly: its own problems show when it is checked)."""
    documents = list(checked)
    if not documents:
        for folder in sorted({folder.parent / CONTEXT_FOLDER for folder in case_folders}):
            for path in sorted(folder.glob("*.yaml")):
                document, problems = load_document(path)
                if not problems and isinstance(document.data, dict):
                    documents.append(document)
    known: dict[str, str] = {}
    for document in documents:
        for figure_id in national_figure_ids(document)[0]:
            known.setdefault(figure_id, display_path(document.path))
    return known
