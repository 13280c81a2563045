"""Scaffold: ``thuisbasis new`` writes a new case file from the commented template, never over one.

``new_case_path`` and ``write_exclusively`` are the path rules for every new case file; ``thuisbasis
from-issue`` (from_issue.py) uses them too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from string import Template

from thuisbasis.data import CASE_TEMPLATE
from thuisbasis.problems import display_path, printable
from thuisbasis.urls import case_page, directory_url, is_generated_page

MAX_SLUG = 80


class ScaffoldError(Exception):
    pass


def slugify(title: str) -> str:
    """'Woningdelen in Haarlem (2016)' -> 'woningdelen-in-haarlem-2016'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:MAX_SLUG].rstrip("-")


def case_from_template(slug: str, title: str, today: dt.date) -> str:
    return Template(CASE_TEMPLATE.read_text(encoding="utf-8")).substitute(
        id=slug, titel=json.dumps(title, ensure_ascii=False), vandaag=today.isoformat()
    )


def write_new_case(title: str, cases_dir: Path, today: dt.date | None = None) -> Path:
    title = " ".join(title.split())
    path = new_case_path(title, cases_dir)
    write_exclusively(path, case_from_template(path.stem, title, today or dt.date.today()))
    return path


def new_case_path(title: str, cases_dir: Path) -> Path:
    """``cases_dir/<slug of title>.yaml``: the path rules for every new case (new, from-issue)."""
    title = " ".join(title.split())
    slug = slugify(title)
    if len(slug) < 3:
        raise ScaffoldError(f"van de titel '{title}' is geen bestandsnaam te maken; gebruik minstens drie letters of cijfers")
    if is_generated_page(case_page(slug)):
        raise ScaffoldError(f"van de titel '{title}' wordt de bestandsnaam '{slug}', maar de pagina "
                            f"{directory_url(case_page(slug))} maakt de site al zelf; kies een andere titel")
    if not cases_dir.is_dir():
        raise ScaffoldError(f"de map '{cases_dir}' bestaat niet; draai het commando in de hoofdmap van Thuisbasis")
    return cases_dir / f"{slug}.yaml"


def write_exclusively(path: Path, content: str) -> None:
    """Write a new file; never over an existing one."""
    try:
        with path.open("x", encoding="utf-8") as file:  # 'x': fails if the file exists, also in a race
            file.write(content)
    except FileExistsError:
        raise ScaffoldError(f"'{path}' bestaat al en wordt niet overschreven; kies een andere titel of bewerk dat bestand") from None


def run(arguments: argparse.Namespace) -> int:
    try:
        path = write_new_case(arguments.title, arguments.cases_dir)
    except ScaffoldError as error:
        print(f"thuisbasis new: {printable(str(error))}", file=sys.stderr)
        return 1
    print(f"Nieuwe casus: {display_path(path)}")
    print(f"Vul de velden in en controleer met: thuisbasis validate {display_path(path)}")
    return 0
