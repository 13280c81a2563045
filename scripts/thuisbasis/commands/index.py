"""``thuisbasis index [MAP]``: the search index of the built site, after ``mkdocs build`` (site/search.py).

A step of its own so that Pagefind builds its index after MkDocs has ended: their peaks of memory come one
after the other instead of on top of each other (docs/dev/performance.md, "The search index after the build").
"""

from __future__ import annotations

import argparse
import sys

from thuisbasis.commands.output import usage_error
from thuisbasis.problems import display_path, printable


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.site.search import INDEX_FOLDER, SearchIndexError, index_site

    if not arguments.site.is_dir():
        return usage_error(f"'{arguments.site}' is geen map; bouw de site eerst (mkdocs build)")
    try:
        pages = index_site(arguments.site)
    except SearchIndexError as error:
        print(printable(str(error)), file=sys.stderr)
        return 1
    print(f"Thuisbasis-zoekindex: {pages} pagina's in {display_path(arguments.site / INDEX_FOLDER)}.")
    return 0
