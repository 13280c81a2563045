"""Site: Material's navigation rendered once for every group of pages that show the same one.

Material renders the navigation (``partials/nav.html``) for every page: at 1,000 cases about a tenth of the
build. A page that is not in the navigation (a case, a value page, a checklist) marks no item active, so its
navigation differs from another's only in its relative links, and those are the same for pages in the same
folder at the same depth (``casussen/a/`` and ``casussen/b/`` both link ``../zoeken/``). So the template's
render function is wrapped: for such a page it renders once per group and the HTML is reused for the rest of
the group. Pages in the navigation, and a page whose own folder holds a navigation page, render as before.
The theme and its templates stay untouched (the benchmark's bare build uses the same overrides without
this plugin).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from jinja2 import Environment
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

NAV_TEMPLATE = "partials/nav.html"
GroupKey = tuple[tuple[str, ...], int]


def folder_parts(url: str) -> tuple[str, ...]:
    """The folder a page's relative links start from, as MkDocs' get_relative_url reads ``page.url``."""
    folder, _, name = url.rpartition("/")
    return tuple(part for part in (folder if "." in name else url).split("/") if part)


class NavigationCache:
    """The navigation's HTML for each group of pages that are not in the navigation; one per build."""

    def __init__(self, nav: Navigation) -> None:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        self.nav_folders = [folder_parts(page.url) for page in nav.pages]
        self.html: dict[GroupKey, str] = {}

    def key(self, page: object) -> GroupKey | None:
        """The group of ``page``: the folder above its own, and its depth; None when it renders its own."""
        if not isinstance(page, Page) or page.file.src_uri in self.in_nav:
            return None
        own = folder_parts(page.url)
        if any(folder[: len(own)] == own for folder in self.nav_folders):
            return None  # a link into the page's own folder reads differently from a sibling's
        return own[:-1], len(own)


def render_navigation_once_per_group(env: Environment, nav: Navigation) -> NavigationCache:
    """Wrap the theme's navigation template in ``env`` (a new one each build) with a fresh cache."""
    template = env.get_template(NAV_TEMPLATE)
    render: Callable[[Context], Iterator[str]] = template.root_render_func
    cache = NavigationCache(nav)

    def cached(context: Context) -> Iterator[str]:
        key = cache.key(context.get("page"))
        if key is None:
            yield from render(context)
        elif key in cache.html:
            yield cache.html[key]
        else:
            cache.html[key] = "".join(render(context))
            yield cache.html[key]

    template.root_render_func = cached
    return cache
