"""The steps every file goes through: load it safely, check it against its schema, then run its rules,
each rule guarded so that a bug in one never hides the other problems or shows a partner a traceback."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from thuisbasis.loading import Document, load_document
from thuisbasis.model.registries import Registry
from thuisbasis.problems import Position, Problem, problem
from thuisbasis.schemas import CASE_SCHEMA, load_schema
from thuisbasis.validation.report import Report
from thuisbasis.validation.rules import CASE_RULES, RuleContext
from thuisbasis.validation.schema import coerce_plain_scalars, schema_problems

AnyRule = Callable[..., Iterable[Problem]]
MAX_PROBLEMS_PER_CHECK = 100  # of one file, by the schema or by one rule; a real file has a handful  # a rule of cases (document, context), of registries (document), ...


def check_file(report: Report, path: Path, schema: Mapping[str, Any], registries: Mapping[str, Registry],
               rules: Iterable[tuple[AnyRule, object]]) -> Document | None:
    """What every kind of file goes through: load, schema, then each rule with its context, guarded.
    None when the file could not be read as a mapping (its problems are in the report); after a syntax
    error, the problems of the part before it are in the report too (``problems_before_the_error``)."""
    document, problems = load_document(path)
    report.problems.extend(problems)
    if problems:
        report.problems.extend(problems_before_the_error(document, problems[0].line, schema, registries, rules))
        return None
    if not is_mapping(report, document):
        return None
    report.problems.extend(check_document(document, schema, registries, rules))
    return document


def check_document(document: Document, schema: Mapping[str, Any], registries: Mapping[str, Registry],
                   rules: Iterable[tuple[AnyRule, object]]) -> list[Problem]:
    """The schema's and the rules' problems of a loaded mapping."""
    coerce_plain_scalars(document, schema)
    found = at_most(MAX_PROBLEMS_PER_CHECK, schema_problems(document, schema, registries), document)
    for rule, context in rules:
        found.extend(run_safely(rule, document, context))
    return found


# Problems that say something is missing anywhere in the file, or count through all of it: after a syntax
# error, what is missing may stand in the part that was not read, and the count would be too low.
ABOUT_THE_WHOLE_FILE = frozenset({"TB110", "TB205", "TB209", "TB244", "TB245", "TB246", "TB406", "TB407"})


def problems_before_the_error(document: Document, error_line: int, schema: Mapping[str, Any],
                              registries: Mapping[str, Registry], rules: Iterable[tuple[AnyRule, object]]) -> list[Problem]:
    """After a syntax error on ``error_line``: the problems of the part before it (``document.before_error``)
    that hold whatever the rest of the file says, and TB016, that the rest was not checked.

    Left out: what the schema says about a value that may go on after the cut (``schema_problems`` knows
    them), what a rule says at the start of such a value or from the last one on, and what needs the whole
    file (``ABOUT_THE_WHOLE_FILE``)."""
    part = document.before_error
    if part is None or not isinstance(part.data, dict):
        return []
    coerce_plain_scalars(part, schema)
    found = at_most(MAX_PROBLEMS_PER_CHECK, schema_problems(part, schema, registries), part)
    open_starts = {part.position_of(path) for path in part.open_ends}
    last = part.position_of(part.open_ends[-1])
    for rule, context in rules:
        found.extend(found for found in run_safely(rule, part, context)
                     if Position(found.line, found.column) not in open_starts and (found.line, found.column) < last)
    return [*(found for found in found if found.code not in ABOUT_THE_WHOLE_FILE),
            problem("TB016", part.path, Position(part.unread_from, 1), error_line=error_line, line=part.unread_from)]


def validate_case_file(report: Report, path: Path, context: RuleContext) -> Document | None:
    report.checked_cases += 1
    return check_file(report, path, load_schema(CASE_SCHEMA), context.registries,
                      [(rule, context) for rule in CASE_RULES])


def validate_case_files(paths: Sequence[Path], context: RuleContext,
                        check: Callable[[Report, Path, RuleContext], Document | None] | None = None) -> Report:
    """Check ``paths`` one by one (with ``check``: a cache may answer for files it knows; by default
    ``validate_case_file``): a report with their problems and the documents that could be read."""
    report = Report()
    check = check or validate_case_file
    for path in paths:
        document = check(report, path, context)
        if document is not None:
            report.cases.append(document)
    return report


def markdown_fields() -> tuple[str, ...]:
    properties = load_schema(CASE_SCHEMA)["properties"]
    return tuple(key for key, node in properties.items() if node.get("x-markdown"))


def is_mapping(report: Report, document: Document) -> bool:
    if isinstance(document.data, dict):
        return True
    kind = "een lijst" if isinstance(document.data, list) else "een losse waarde"
    report.problems.append(problem("TB014", document.path, document.position_of(()), kind=kind))
    return False


def at_most(limit: int, problems: Iterable[Problem], document: Document) -> list[Problem]:
    """The first ``limit`` problems, and a TB198 that there are more: a hostile or badly broken file gives a
    readable report, and the problems past the limit are never even worked out (``problems`` is lazy)."""
    first = list(itertools.islice(problems, limit + 1))
    if len(first) <= limit:
        return first
    return [*first[:limit], problem("TB198", document.path, document.position_of(()), limit=limit)]


def run_safely(rule: AnyRule, document: Document, *args: object) -> Iterator[Problem]:
    """A bug in one rule must not hide the other problems or show a partner a traceback. Each check says at
    most ``MAX_PROBLEMS_PER_CHECK`` problems of one file."""
    try:
        return iter(at_most(MAX_PROBLEMS_PER_CHECK, rule(document, *args), document))
    except Exception as error:  # noqa: BLE001 - reported as TB299, with the rule's name
        return iter([problem("TB299", document.path, document.position_of(()), rule=rule.__name__,
                             error=type(error).__name__)])
