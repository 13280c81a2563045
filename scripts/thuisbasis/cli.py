"""The ``thuisbasis`` command: validate | new | render | schema. Thin: each verb calls the pipeline.

Exit codes: 0 all well, 1 problems found (or a file that would be overwritten), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import copy
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from thuisbasis.problems import Problem, display_path

DEFAULT_CASES_DIR = Path("cases")


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout in de opdracht: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="thuisbasis", description="Casussen van Thuisbasis controleren, aanmaken en weergeven.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht", parser_class=DutchArgumentParser)

    validate = commands.add_parser("validate", help="controleer casussen en registers")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PAD",
                          help="bestanden of mappen (standaard: cases/ en alle registers)")

    new = commands.add_parser("new", help="maak een nieuwe casus uit het sjabloon")
    new.add_argument("title", metavar="TITEL", help="de titel van de casus, tussen aanhalingstekens")
    new.add_argument("--cases-dir", type=Path, default=DEFAULT_CASES_DIR, help="map met casussen (standaard: cases)")

    render = commands.add_parser("render", help="zet de casussen om naar Markdown-pagina's en open data")
    render.add_argument("--out", type=Path, default=Path("rendered"), help="doelmap (standaard: rendered)")
    render.add_argument("--cases-dir", type=Path, default=DEFAULT_CASES_DIR, help="map met casussen (standaard: cases)")

    schema = commands.add_parser("schema", help="zet de registers over naar het casusschema")
    action = schema.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="schrijf de lijsten uit de registers in het schema")
    action.add_argument("--check", action="store_true", help="controleer of schema en registers gelijk zijn")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    handler = {"validate": run_validate, "new": run_new, "render": run_render, "schema": run_schema}[arguments.command]
    return handler(arguments)


def usage_error(message: str) -> int:
    print(f"thuisbasis: fout in de opdracht: {message}", file=sys.stderr)
    return 2


def run_validate(arguments: argparse.Namespace) -> int:
    from thuisbasis.validation import UsageError, validate_paths

    paths = arguments.paths or [DEFAULT_CASES_DIR]
    if not arguments.paths and not DEFAULT_CASES_DIR.is_dir():
        return usage_error("de map cases/ staat niet in deze map; draai het commando in de hoofdmap van Thuisbasis")
    try:
        report = validate_paths(paths)
    except UsageError as error:
        return usage_error(str(error))
    print_problems(report.problems)
    print(report.summary())
    return 0 if report.ok else 1


def print_problems(problems: Sequence[Problem], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for found in problems:
        print(found, file=out)
        if annotate:
            print(github_annotation(found), file=out)


def github_annotation(found: Problem) -> str:
    """A workflow command that GitHub shows on the offending line of the pull request."""
    def escape_data(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def escape_property(text: str) -> str:
        return escape_data(text).replace(":", "%3A").replace(",", "%2C")

    return (f"::error file={escape_property(display_path(found.path))},line={found.line},col={found.column},"
            f"title={escape_property(found.code)}::{escape_data(found.message)}")


def run_new(arguments: argparse.Namespace) -> int:
    from thuisbasis.scaffold import ScaffoldError, write_new_case

    try:
        path = write_new_case(arguments.title, arguments.cases_dir)
    except ScaffoldError as error:
        print(f"thuisbasis new: {error}", file=sys.stderr)
        return 1
    print(f"Nieuwe casus: {display_path(path)}")
    print(f"Vul de velden in en controleer met: thuisbasis validate {display_path(path)}")
    return 0


def run_render(arguments: argparse.Namespace) -> int:
    from thuisbasis.catalog import build_date, load_catalog
    from thuisbasis.render import render_site, write_rendered

    if not arguments.cases_dir.is_dir():
        return usage_error(f"de map '{arguments.cases_dir}' bestaat niet")
    catalog, report = load_catalog(arguments.cases_dir)
    if catalog is None:
        print_problems(report.problems)
        print(report.summary())
        return 1
    written = write_rendered(render_site(catalog, build_date()), arguments.out)
    print(f"Thuisbasis: {len(catalog.cases)} casus(sen) weergegeven in {written} bestanden in {display_path(arguments.out)}.")
    return 0


def run_schema(arguments: argparse.Namespace) -> int:
    from thuisbasis.schemas import CASE_SCHEMA, dump_schema, enum_drift, load_schema, schema_path, sync_enums
    from thuisbasis.validation import Report, validate_registries
    from thuisbasis.registries import registry_paths

    report = Report()
    validate_registries(report, registry_paths())
    broken = [found for found in report.problems if found.code != "TB302"]
    if broken:
        print_problems(broken)
        print("Thuisbasis: herstel eerst de registers.")
        return 1
    schema = load_schema(CASE_SCHEMA)
    if arguments.check:
        drift = enum_drift(schema, report.registries)
        for entry, difference in drift:
            print(f"{display_path(schema_path(CASE_SCHEMA))}: {entry.field} ({entry.registry}): {difference}")
        print("Thuisbasis: schema en registers zijn gelijk." if not drift else "Thuisbasis: draai thuisbasis schema --write")
        return 1 if drift else 0
    updated = sync_enums(copy.deepcopy(schema), report.registries)
    schema_path(CASE_SCHEMA).write_text(dump_schema(updated), encoding="utf-8")
    load_schema.cache_clear()
    print(f"Thuisbasis: {display_path(schema_path(CASE_SCHEMA))} bijgewerkt uit {len(report.registries)} registers.")
    return 0
