"""Where every generated page lives, and relative links between pages.

Pages are Markdown paths under the docs folder ('casussen/x.md'); the site uses directory URLs
('casussen/x/'), as MkDocs and Zensical both do by default. Links inside generated HTML are made
relative, so the site works from any base path (GitHub Pages project sites included) and offline.
"""

from __future__ import annotations

import functools
import posixpath
import re

CASES = "casussen"
CHECKLISTS = "checklists"
INGREDIENTS = "werkzame-bestanddelen"
PAGE_SIZE = 50  # cases per list page: keeps every overview page small however many cases there are

# Every page and data file with a fixed path, by name; templates link to them with url(page, name).
PAGES = {
    "home": "index.md",
    "cases": f"{CASES}/index.md",
    "search": f"{CASES}/zoeken.md",
    "compare": f"{CASES}/vergelijken.md",
    "methodology": "bewijs/index.md",
    "matrix": f"{INGREDIENTS}/matrix.md",  # per woonvorm
    "matrix_groups": f"{INGREDIENTS}/matrix-doelgroepen.md",  # per doelgroep: its own page, each under 100 KB
    "national_context": "landelijk-beeld.md",
    "contribute": "bijdragen.md",
    "wizard": "casus-indienen.md",
    "about": "over.md",
    "open_data": "open-data.md",
    "fields": "referentie/velden.md",
    "values": "referentie/waarden.md",
    "codes": "referentie/foutcodes.md",
    "checklists": f"{CHECKLISTS}/index.md",
    "trainers": f"{CHECKLISTS}/trainers.md",
    "cases_json": "data/casussen.json",
    "cases_csv": "data/casussen.csv",
    "search_index": "data/zoekindex.json",
    "case_schema": "data/casus.schema.json",
    "wizard_data": "data/casus-wizard.json",
    "feed": "feed.xml",
}
# The open data's first, English file names, kept as stable aliases (the same bytes) for whoever links them.
DATA_ALIASES = {"data/cases.json": "cases_json", "data/cases.csv": "cases_csv", "data/case.schema.json": "case_schema"}
# Pages with a fixed name in a folder where the site also makes one page per id (case, checklist,
# register value). tests/test_validation_rules.py renders a site and checks that this list is complete.
FIXED_PAGES = frozenset(PAGES[name] for name in ("search", "compare", "trainers", "matrix", "matrix_groups"))
_LIST_PAGE = re.compile(r"pagina-\d+")  # page 2 and on of a list: page_numbered


def case_page(case_id: str) -> str:
    return f"{CASES}/{case_id}.md"


def value_page(dimension_id: str, term_id: str) -> str:
    """The page of one value of a dimension: 'woonvormen/woningdelen.md'."""
    return f"{dimension_id}/{term_id}.md"


def dimension_index(dimension_id: str) -> str:
    return f"{dimension_id}/index.md"


def checklist_page(checklist_id: str) -> str:
    return f"{CHECKLISTS}/{checklist_id}.md"


def workform_page(checklist_id: str) -> str:
    return f"{CHECKLISTS}/{checklist_id}/werkvorm.md"


def merge_page(checklist_id: str) -> str:
    """Where a trainer merges the participants' answers to one checklist."""
    return f"{CHECKLISTS}/{checklist_id}/samenvoegen.md"


def url(from_page: str, name: str, anchor: str = "") -> str:
    """Relative URL from a generated page to the fixed page or data file called ``name`` in ``PAGES``."""
    return link(from_page, PAGES[name], anchor)


def md_url(from_page: str, name: str) -> str:
    """A Markdown link (source path, checked by MkDocs) to the fixed page called ``name`` in ``PAGES``."""
    return md_link(from_page, PAGES[name])


def directory_url(page: str) -> str:
    """'casussen/x.md' -> 'casussen/x/'; 'casussen/index.md' -> 'casussen/'; 'index.md' -> ''."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative URL from one generated page to another (or to a data file, when it has no .md)."""
    base = directory_url(from_page) or "."
    target = directory_url(to_page) if to_page.endswith(".md") else to_page
    relative = relative_path(target or ".", base)
    if to_page.endswith(".md"):
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + (f"#{anchor}" if anchor else "")


def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath(path, start)`` for the site's relative paths, without its two abspath() calls."""
    path_parts, start_parts = _parts(path), _parts(start)
    if path_parts is None or start_parts is None:
        return posixpath.relpath(path, start)
    common = 0
    for path_part, start_part in zip(path_parts, start_parts, strict=False):
        if path_part != start_part:
            break
        common += 1
    return "/".join((*([".."] * (len(start_parts) - common)), *path_parts[common:])) or "."


@functools.lru_cache(maxsize=8192)  # a page's own folder and popular targets come back on every page
def _parts(path: str) -> tuple[str, ...] | None:
    """The folders and file of a relative path; None for an absolute path or one that goes up ('..')."""
    parts = tuple(part for part in path.split("/") if part not in ("", "."))
    return None if path.startswith("/") or ".." in parts else parts


def is_generated_page(page: str) -> bool:
    """Whether the site also makes ``page`` (a page made for an id) for something else: the index of its
    folder, a numbered list page or one of ``FIXED_PAGES``. An id that gives such a page would replace it."""
    name = posixpath.basename(page).removesuffix(".md")
    return name == "index" or bool(_LIST_PAGE.fullmatch(name)) or page in FIXED_PAGES


def page_numbered(base: str, number: int) -> str:
    """List page ``number`` of the list at ``base`` ('woonvormen/woningdelen.md'): page 2 and on live below it."""
    if number == 1:
        return base
    folder = base.removesuffix(".md").removesuffix("/index")
    return f"{folder}/pagina-{number}.md"


def md_link(from_page: str, to_file: str) -> str:
    """A Markdown link between source files ('../bewijs/index.md'); MkDocs checks and converts these."""
    return posixpath.relpath(to_file, posixpath.dirname(from_page) or ".")


def citation_address(case_id: str, site_url: str | None) -> str:
    """The address a reader cites: the full URL where the site is published, else the path on the site."""
    path = directory_url(case_page(case_id))
    return f"{site_url.rstrip('/')}/{path}" if site_url else f"/{path}"
