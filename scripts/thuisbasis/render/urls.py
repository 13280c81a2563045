"""Where every generated page lives, and relative links between pages.

Pages are Markdown paths under the docs folder ('casussen/x.md'); the site uses directory URLs
('casussen/x/'), as MkDocs and Zensical both do by default. Links inside generated HTML are made
relative, so the site works from any base path (GitHub Pages project sites included) and offline.
"""

from __future__ import annotations

import posixpath

CASES = "casussen"
PAGE_SIZE = 50  # cases per list page: keeps every overview page small however many cases there are


def case_page(case_id: str) -> str:
    return f"{CASES}/{case_id}.md"


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
    relative = posixpath.relpath(target or ".", base)
    if to_page.endswith(".md"):
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative + (f"#{anchor}" if anchor else "")


def page_numbered(base: str, number: int) -> str:
    """List page ``number`` of the list at ``base`` ('woonvormen/woningdelen.md'): page 2 and on live below it."""
    if number == 1:
        return base
    folder = base.removesuffix(".md").removesuffix("/index")
    return f"{folder}/pagina-{number}.md"


def md_link(from_page: str, to_file: str) -> str:
    """A Markdown link between source files ('../bewijs/index.md'); MkDocs checks and converts these."""
    return posixpath.relpath(to_file, posixpath.dirname(from_page) or ".")
