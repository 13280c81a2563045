"""The ``thuisbasis`` command: validate | new | from-issue | stale | render | schema | audit. Thin: each verb
calls the pipeline.

Exit codes: 0 all well, 1 problems found (or a file that would be overwritten), 2 wrong usage.
Warnings (such as the privacy lint's TB4xx) are printed but do not make ``validate`` exit 1.
``stale`` exits 1 when a case has not been reviewed for more than two years.
``from-issue`` exits 0 when the case file was written and has no errors, 1 otherwise.
``audit`` exits 0 when the built site holds nothing unsafe, 1 when it does (see audit.py).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from thuisbasis.derive.staleness import EARLIEST_TODAY, LATEST_TODAY, MAX_REVIEW_YEARS
from thuisbasis.problems import Problem, Severity, display_path, printable

DEFAULT_CASES_DIR = Path("cases")
DEFAULT_CHECKLISTS_DIR = Path("checklists")
DEFAULT_CONTEXT_DIR = Path("context")  # the national figures (Landelijk beeld)
STDIN = Path("<stdin>")


class DutchArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout in de opdracht: {printable(message)}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(prog="thuisbasis", description="Casussen van Thuisbasis controleren, aanmaken en weergeven.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht", parser_class=DutchArgumentParser)

    validate = commands.add_parser("validate", help="controleer casussen en registers")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PAD",
                          help="bestanden of mappen (standaard: cases/ en alle registers)")
    validate.add_argument("--summary", type=Path, metavar="BESTAND",
                          help="voeg een samenvatting in Markdown toe aan BESTAND (in GitHub: $GITHUB_STEP_SUMMARY)")

    new = commands.add_parser("new", help="maak een nieuwe casus uit het sjabloon")
    new.add_argument("title", metavar="TITEL", help="de titel van de casus, tussen aanhalingstekens")
    new.add_argument("--cases-dir", type=Path, default=DEFAULT_CASES_DIR, help="map met casussen (standaard: cases)")

    from_issue = commands.add_parser("from-issue", help="maak een casus van een aanmelding via het issueformulier")
    from_issue.add_argument("body", metavar="BESTAND", help="de tekst van het issue, of - om hem in te lezen (stdin)")
    from_issue.add_argument("--cases-dir", type=Path, default=DEFAULT_CASES_DIR, help="map met casussen (standaard: cases)")
    from_issue.add_argument("--today", type=iso_date, metavar="JJJJ-MM-DD", help="datum voor laatst_beoordeeld (standaard: vandaag)")

    stale = commands.add_parser("stale", help="toon casussen die meer dan twee jaar niet zijn beoordeeld")
    stale.add_argument("paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: cases/)")
    stale.add_argument("--today", type=iso_date, metavar="JJJJ-MM-DD", help="reken vanaf deze datum (standaard: vandaag)")
    stale.add_argument("--years", type=review_years, default=2, metavar="JAREN",
                       help=f"grens in jaren, van 1 tot en met {MAX_REVIEW_YEARS} (standaard: 2)")
    stale.add_argument("--summary", type=Path, metavar="BESTAND",
                       help="voeg een samenvatting in Markdown toe aan BESTAND (in GitHub: $GITHUB_STEP_SUMMARY)")

    render = commands.add_parser("render", help="zet de casussen om naar Markdown-pagina's en open data")
    render.add_argument("--out", type=Path, default=Path("rendered"), help="doelmap (standaard: rendered)")
    render.add_argument("--cases-dir", type=Path, default=DEFAULT_CASES_DIR, help="map met casussen (standaard: cases)")
    render.add_argument("--checklists-dir", type=Path, default=DEFAULT_CHECKLISTS_DIR,
                        help="map met checklists (standaard: checklists)")

    schema = commands.add_parser("schema", help="zet de registers over naar het casusschema")
    action = schema.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", action="store_true", help="schrijf de lijsten uit de registers in het schema")
    action.add_argument("--check", action="store_true", help="controleer of schema en registers gelijk zijn")

    audit = commands.add_parser("audit", help="controleer de gebouwde site op scripts, event-handlers en andere hosts")
    audit.add_argument("site", nargs="?", type=Path, default=Path("site"), metavar="MAP",
                       help="de gebouwde site (standaard: site)")
    audit.add_argument("--scripts-dir", type=Path, default=Path("docs/javascripts"), metavar="MAP",
                       help="onze eigen scripts; elk script in de site moet gelijk zijn (standaard: docs/javascripts)")
    audit.epilog = "Is de site gebouwd met THUISBASIS_SITE_URL, zet die dan ook bij deze opdracht."
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    handlers = {"validate": run_validate, "new": run_new, "from-issue": run_from_issue, "stale": run_stale,
                "render": run_render, "schema": run_schema, "audit": run_audit}
    return handlers[arguments.command](arguments)


def iso_date(text: str) -> dt.date:
    """A date for --today: a real one, in the years where counting back and forward cannot overflow."""
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum; schrijf bijvoorbeeld 2026-11-21") from None
    if not EARLIEST_TODAY <= date <= LATEST_TODAY:
        raise argparse.ArgumentTypeError(f"'{text}' ligt niet tussen {EARLIEST_TODAY.isoformat()} en "
                                         f"{LATEST_TODAY.isoformat()}; schrijf bijvoorbeeld 2026-11-21")
    return date


def review_years(text: str) -> int:
    try:
        years = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen heel getal; schrijf bijvoorbeeld 2") from None
    if not 1 <= years <= MAX_REVIEW_YEARS:
        raise argparse.ArgumentTypeError(f"dat moet een heel getal van 1 tot en met {MAX_REVIEW_YEARS} zijn, niet {text}")
    return years


def default_paths() -> list[Path]:
    """What `thuisbasis validate` checks without arguments: cases/ and, where they exist, checklists/ and context/."""
    return [DEFAULT_CASES_DIR] + [folder for folder in (DEFAULT_CHECKLISTS_DIR, DEFAULT_CONTEXT_DIR) if folder.is_dir()]


def usage_error(message: str) -> int:
    """A message about the command line; it may quote a path or value the user typed."""
    print(f"thuisbasis: fout in de opdracht: {printable(message)}", file=sys.stderr)
    return 2


def run_validate(arguments: argparse.Namespace) -> int:
    from thuisbasis.validation import UsageError, validate_paths

    paths = arguments.paths or default_paths()
    if not arguments.paths and not DEFAULT_CASES_DIR.is_dir():
        return usage_error("de map cases/ staat niet in deze map; draai het commando in de hoofdmap van Thuisbasis")
    try:
        report = validate_paths(paths)
    except UsageError as error:
        return usage_error(str(error))
    print_problems(report.problems)
    print(report.summary())
    if arguments.summary:
        from thuisbasis.commands.summary import validation_summary

        if not write_summary(arguments.summary, validation_summary(report.problems, report.summary())):
            return 2
    return 0 if report.ok else 1


def write_summary(path: Path, markdown: str) -> bool:
    """Append the Markdown summary to ``path``; a file that cannot be written is a usage error."""
    from thuisbasis.commands.summary import append_summary

    try:
        append_summary(path, markdown)
    except OSError as error:
        reason = {FileNotFoundError: "de map bestaat niet", PermissionError: "geen schrijfrechten",
                  IsADirectoryError: "het is een map"}.get(type(error), f"fout van het besturingssysteem: {error}")
        usage_error(f"de samenvatting kan niet naar '{path}': {reason}")
        return False
    return True


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

    command = "error" if found.severity is Severity.ERROR else "warning"
    return (f"::{command} file={escape_property(display_path(found.path))},line={found.line},col={found.column},"
            f"title={escape_property(found.code)}::{escape_data(found.message)}")


def run_new(arguments: argparse.Namespace) -> int:
    from thuisbasis.commands.new import ScaffoldError, write_new_case

    try:
        path = write_new_case(arguments.title, arguments.cases_dir)
    except ScaffoldError as error:
        print(f"thuisbasis new: {printable(str(error))}", file=sys.stderr)
        return 1
    print(f"Nieuwe casus: {display_path(path)}")
    print(f"Vul de velden in en controleer met: thuisbasis validate {display_path(path)}")
    return 0


def run_from_issue(arguments: argparse.Namespace) -> int:
    from thuisbasis.commands.from_issue import FormError, case_from_issue
    from thuisbasis.commands.new import ScaffoldError
    from thuisbasis.loading import MAX_BYTES, read_source
    from thuisbasis.model.registries import registry_paths
    from thuisbasis.validation import Report, validate_paths, validate_registries

    if arguments.body == "-":
        body_path, raw = STDIN, sys.stdin.buffer.read(MAX_BYTES + 1)  # decode_text refuses more than MAX_BYTES
    else:
        body_path = Path(arguments.body)
        if not os.path.lexists(body_path):
            return usage_error(f"'{body_path}' bestaat niet")
        body, unreadable = read_source(body_path)
        if body is None:
            print_problems(unreadable)
            return 1
        raw = body
    registries = Report()
    validate_registries(registries, registry_paths())
    try:
        result = case_from_issue(body_path, raw, arguments.cases_dir, registries.registries,
                                 arguments.today or dt.date.today())
    except FormError as error:
        print_problems([error.problem])
        return 1
    except ScaffoldError as error:
        print(f"thuisbasis from-issue: {printable(str(error))}", file=sys.stderr)
        return 1
    if result.path is None:
        print_problems(result.problems)
        print(f"Thuisbasis: de aanmelding is niet omgezet; er is geen bestand gemaakt ({len(result.problems)} "
              f"{'probleem' if len(result.problems) == 1 else 'problemen'}).")
        return 1
    print(f"Nieuwe casus: {display_path(result.path)}")
    report = validate_paths([result.path], today=arguments.today)
    print_problems(report.problems)
    print(report.summary())
    print(f"Lees het bestand na, vul aan wat ontbreekt en controleer met: thuisbasis validate {display_path(result.path)}")
    return 0 if report.ok else 1


def run_stale(arguments: argparse.Namespace) -> int:
    from thuisbasis.derive.staleness import stale_cases
    from thuisbasis.validation import UsageError

    if not arguments.paths and not DEFAULT_CASES_DIR.is_dir():
        return usage_error("de map cases/ staat niet in deze map; draai het commando in de hoofdmap van Thuisbasis")
    try:
        report = stale_cases(arguments.paths or [DEFAULT_CASES_DIR], arguments.today or dt.date.today(), arguments.years)
    except UsageError as error:
        return usage_error(str(error))
    print_problems(report.problems)
    print(report.summary())
    if arguments.summary:
        from thuisbasis.commands.summary import stale_summary

        if not write_summary(arguments.summary, stale_summary(report.problems, report.summary())):
            return 2
    return 1 if report.problems else 0


def run_render(arguments: argparse.Namespace) -> int:
    from thuisbasis.model.catalog import build_date, load_catalog
    from thuisbasis.render import render_site, write_rendered

    if not arguments.cases_dir.is_dir():
        return usage_error(f"de map '{arguments.cases_dir}' bestaat niet")
    catalog, report = load_catalog(arguments.cases_dir, checklists_dir=arguments.checklists_dir)
    if catalog is None:
        print_problems(report.problems)
        print(report.summary())
        return 1
    written = write_rendered(render_site(catalog, build_date()), arguments.out)
    print(f"Thuisbasis: {len(catalog.cases)} casus(sen) weergegeven in {written} bestanden in {display_path(arguments.out)}.")
    return 0


def run_audit(arguments: argparse.Namespace) -> int:
    from thuisbasis.site.audit import audit_site

    if not arguments.site.is_dir():
        return usage_error(f"'{arguments.site}' is geen map; bouw de site eerst (mkdocs build)")
    if not arguments.scripts_dir.is_dir():
        return usage_error(f"'{arguments.scripts_dir}' is geen map")
    pages, findings = audit_site(arguments.site, arguments.scripts_dir, os.environ.get("THUISBASIS_SITE_URL"))
    for finding in findings:
        print(finding)
    if not pages:
        print(f"Thuisbasis-audit: geen HTML-bestanden in {display_path(arguments.site)}.")
        return 1
    found = "geen problemen" if not findings else f"{len(findings)} {'probleem' if len(findings) == 1 else 'problemen'}"
    print(f"Thuisbasis-audit: {pages} pagina's gecontroleerd: {found}.")
    return 1 if findings else 0


def run_schema(arguments: argparse.Namespace) -> int:
    from thuisbasis.model.registries import registry_paths
    from thuisbasis.schemas import (
        REGISTRY_BACKED_SCHEMAS,
        dump_schema,
        enum_drift,
        load_schema,
        schema_path,
        sync_enums,
    )
    from thuisbasis.validation import Report, validate_registries

    report = Report()
    validate_registries(report, registry_paths())
    broken = [found for found in report.problems if found.code != "TB302"]
    if broken:
        print_problems(broken)
        print("Thuisbasis: herstel eerst de registers.")
        return 1
    if arguments.check:
        drifted = False
        for name in REGISTRY_BACKED_SCHEMAS:
            for entry, difference in enum_drift(load_schema(name), report.registries):
                drifted = True
                print(f"{display_path(schema_path(name))}: {printable(f'{entry.field} ({entry.registry}): {difference}')}")
        print("Thuisbasis: draai thuisbasis schema --write" if drifted else "Thuisbasis: schema en registers zijn gelijk.")
        return 1 if drifted else 0
    for name in REGISTRY_BACKED_SCHEMAS:
        updated = sync_enums(copy.deepcopy(load_schema(name)), report.registries)
        schema_path(name).write_text(dump_schema(updated), encoding="utf-8")
    load_schema.cache_clear()
    written = ", ".join(display_path(schema_path(name)) for name in REGISTRY_BACKED_SCHEMAS)
    print(f"Thuisbasis: {written} bijgewerkt uit {len(report.registries)} registers.")
    return 0
