"""The ``thuisbasis`` command: validate | new | from-issue | stale | render | schema | audit | index. Only the command
line lives here: each verb is a module in commands/ with ``run(arguments)``, imported when it runs.

Exit codes: 0 all well, 1 problems found (or a file that would be overwritten), 2 wrong usage.
Warnings (such as the privacy lint's TB4xx) are printed but do not make ``validate`` exit 1.
``stale`` exits 1 when a case has not been reviewed for more than ``REVIEW_YEARS`` years.
``from-issue`` exits 0 when the case file was written and has no errors, 1 otherwise.
``audit`` exits 0 when the built site holds nothing unsafe, 1 when it does (see site/audit.py).
``index`` exits 0 when the search index of the built site is written, 1 when Pagefind could not make it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from thuisbasis.commands import CASES_DIR, CHECKLISTS_DIR
from thuisbasis.derive.staleness import EARLIEST_TODAY, LATEST_TODAY, MAX_REVIEW_YEARS, REVIEW_YEARS
from thuisbasis.problems import printable


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
    new.add_argument("--cases-dir", type=Path, default=CASES_DIR, help="map met casussen (standaard: cases)")

    from_issue = commands.add_parser("from-issue", help="maak een casus van een aanmelding via het issueformulier")
    from_issue.add_argument("body", metavar="BESTAND", help="de tekst van het issue, of - om hem in te lezen (stdin)")
    from_issue.add_argument("--cases-dir", type=Path, default=CASES_DIR, help="map met casussen (standaard: cases)")
    from_issue.add_argument("--today", type=iso_date, metavar="JJJJ-MM-DD", help="datum voor laatst_beoordeeld (standaard: vandaag)")

    stale = commands.add_parser("stale", help=f"toon casussen die meer dan {REVIEW_YEARS} jaar niet zijn beoordeeld")
    stale.add_argument("paths", nargs="*", type=Path, metavar="PAD", help="bestanden of mappen (standaard: cases/)")
    stale.add_argument("--today", type=iso_date, metavar="JJJJ-MM-DD", help="reken vanaf deze datum (standaard: vandaag)")
    stale.add_argument("--years", type=review_years, default=REVIEW_YEARS, metavar="JAREN",
                       help=f"grens in jaren, van 1 tot en met {MAX_REVIEW_YEARS} (standaard: {REVIEW_YEARS})")
    stale.add_argument("--summary", type=Path, metavar="BESTAND",
                       help="voeg een samenvatting in Markdown toe aan BESTAND (in GitHub: $GITHUB_STEP_SUMMARY)")

    render = commands.add_parser("render", help="zet de casussen om naar Markdown-pagina's en open data")
    render.add_argument("--out", type=Path, default=Path("rendered"), help="doelmap (standaard: rendered)")
    render.add_argument("--cases-dir", type=Path, default=CASES_DIR, help="map met casussen (standaard: cases)")
    render.add_argument("--checklists-dir", type=Path, default=CHECKLISTS_DIR,
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

    index = commands.add_parser("index", help="maak de zoekindex van de gebouwde site (na mkdocs build)")
    index.add_argument("site", nargs="?", type=Path, default=Path("site"), metavar="MAP",
                       help="de gebouwde site (standaard: site)")
    return parser


# The verb -> the module in commands/ that runs it; only that module is imported.
COMMANDS = {"validate": "validate", "new": "new", "from-issue": "from_issue", "stale": "stale", "render": "render",
            "schema": "schema", "audit": "audit", "index": "index"}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    command = importlib.import_module(f"thuisbasis.commands.{COMMANDS[arguments.command]}")
    try:
        return int(command.run(arguments))
    except BrokenPipeError:  # the reader stopped early (thuisbasis validate | head): no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own advice for SIGPIPE
        return 1


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
