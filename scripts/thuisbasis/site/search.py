"""Site search: a Pagefind index of the built site, behind Material's search dialog.

Material's own search downloads its whole lunr index before the first result (6 MB gzipped at 5,000
pages) and rebuilds it in the browser on every page. Pagefind splits the index into chunks and page
fragments and a query downloads only what it needs, with Dutch stemming (docs/dev/performance.md,
"Search"). Material's dialog stays: docs/javascripts/zoekmachine.js is a search worker that speaks
Material's protocol and asks Pagefind. Material's search plugin is kept for the dialog only; every page
is left out of its index, so search_index.json holds just its settings.

Pagefind indexes what is inside ``data-pagefind-body`` (the article, overrides/main.html), without
the elements below: permalink signs, the edit button, and the visuals that are hidden from screen
readers because their facts are in the text next to them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LANGUAGE = "nl"
INDEX_FOLDER = "pagefind"
LEFT_OUT = (".headerlink", ".md-content__button", "[aria-hidden='true']")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why, in Dutch."""


def pagefind_command(site_dir: Path) -> list[str]:
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", INDEX_FOLDER,
               "--force-language", LANGUAGE, "--silent"]
    for selector in LEFT_OUT:
        command += ["--exclude-selectors", selector]
    return command


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index of the HTML in ``site_dir`` to ``site_dir/pagefind``."""
    try:
        finished = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False)  # noqa: S603 (our interpreter, fixed arguments)
    except OSError as error:
        raise SearchIndexError(f"thuisbasis: de zoekindex kon niet worden gemaakt: {error}") from error
    if finished.returncode != 0:
        output = (finished.stderr or finished.stdout).strip()
        raise SearchIndexError(f"thuisbasis: de zoekindex kon niet worden gemaakt (Pagefind): {output}")
