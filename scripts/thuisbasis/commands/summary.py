"""The Dutch summary a GitHub workflow shows on its run page ($GITHUB_STEP_SUMMARY), as Markdown.

``thuisbasis validate --summary FILE`` and ``thuisbasis stale --summary FILE`` append it to FILE. It is
built here, in Python, so no workflow builds Markdown from shell strings. Problem messages can hold a
partner's text, so every cell is escaped: it can never become a link, HTML or a broken table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from thuisbasis.problems import Problem, display_path

MAX_ROWS = 200  # GitHub accepts 1 MiB per step; the full list is in the log and the annotations

# Every ASCII punctuation character: CommonMark lets each be escaped with a backslash, and then none of
# them starts anything: no HTML (<img>), entity (&lt;), link, bare web address (https\:), e-mail address,
# emoji code (:x:), mention (@), emphasis or table cell (|).
_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def cell(text: str) -> str:
    """Text that stays text, on one line, in one Markdown table cell (or paragraph)."""
    return _ASCII_PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def problem_table(problems: Sequence[Problem]) -> list[str]:
    lines = ["| Bestand | Regel | Soort | Code | Melding |", "|---|---:|---|---|---|"]
    for found in problems[:MAX_ROWS]:
        lines.append(f"| {cell(display_path(found.path))} | {found.line} | {found.severity.label} | {found.code} "
                     f"| {cell(found.message)} |")
    if len(problems) > MAX_ROWS:
        lines += ["", f"En nog {len(problems) - MAX_ROWS} meldingen: zie het logboek van deze stap."]
    return lines


def validation_summary(problems: Sequence[Problem], summary_line: str) -> str:
    errors = sum(1 for found in problems if found.is_error)
    lines = ["## Controle van de casussen", ""]
    if not problems:
        lines.append(f"✅ {cell(summary_line)}")
    elif errors:
        lines += [f"❌ {cell(summary_line)}", "",
                  "Herstel de fouten in je bestand en sla het opnieuw op in deze pull request; de controle draait "
                  "dan vanzelf opnieuw. Elke melding staat ook bij de regel zelf, onder het tabblad "
                  "*Files changed*. Uitleg over elke code staat op de pagina Foutcodes van de site."]
    else:
        lines += [f"⚠️ {cell(summary_line)}", "",
                  "Er zijn geen fouten: de controle is geslaagd. De redactie bekijkt de waarschuwingen voordat de "
                  "casus op de site komt. Elke waarschuwing staat ook bij de regel zelf, onder *Files changed*."]
    if problems:
        lines += ["", *problem_table(problems)]
    return "\n".join(lines) + "\n"


def stale_summary(problems: Sequence[Problem], summary_line: str) -> str:
    lines = ["## Casussen die lang niet zijn beoordeeld", "", f"{'⚠️' if problems else '✅'} {cell(summary_line)}"]
    if problems:
        lines += ["", "Kijk bij elke casus of alles nog klopt en zet dan de datum van die controle bij "
                      "*laatst\\_beoordeeld*.", "", *problem_table(problems)]
    return "\n".join(lines) + "\n"


def append_summary(path: Path, markdown: str) -> None:
    """Append, as GitHub expects: other steps may have written to the same file."""
    with path.open("a", encoding="utf-8") as file:
        file.write(markdown)
