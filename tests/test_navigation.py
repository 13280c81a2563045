"""Material's navigation is rendered once for each group of pages outside it that show the same one
(site/navigation.py), and every page still gets exactly the HTML Material renders for it."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from thuisbasis.site.navigation import NAV_TEMPLATE, folder_parts, render_navigation_once_per_group

PAGES = {
    "index.md": "# Home\n",
    "casussen/index.md": "# Alle casussen\n",
    "casussen/zoeken.md": "# Zoeken\n",
    "casussen/a.md": "# A\n",  # not in the navigation, like every case page
    "casussen/b.md": "# B\n",
    "casussen/c.md": "# C\n",
    "woonvormen/index.md": "# Woonvormen\n",
    "woonvormen/tiny-houses.md": "# Tiny houses\n",
    "naslag/velden.md": "# Velden\n",
}
CONFIG = """site_name: Proef
theme:
  name: material
  language: nl
nav:
  - Home: index.md
  - Casussen:
      - Alle casussen: casussen/index.md
      - Zoeken: casussen/zoeken.md
  - Woonvormen: woonvormen/index.md
  - Naslag:
      - Velden: naslag/velden.md
validation:
  nav:
    omitted_files: info
"""


def navigation_per_page(root: Path, cached: bool) -> tuple[dict[str, str], int]:
    """Each page's HTML as MkDocs' build renders it, and how often Material's navigation template ran."""
    config = load_config(str(root / "mkdocs.yml"))
    files = get_files(config)
    nav = get_navigation(files, config)
    env = config.theme.get_env()
    template = env.get_template(NAV_TEMPLATE)
    runs = 0
    material = template.root_render_func

    def counted(context):  # type: ignore[no-untyped-def]
        nonlocal runs
        runs += 1
        yield from material(context)

    template.root_render_func = counted
    if cached:
        render_navigation_once_per_group(env, nav)
    html = {}
    for file in files.documentation_pages():
        page = file.page if isinstance(file.page, Page) else Page(None, file, config)
        page.read_source(config)
        page.render(config, files)
        page.active = True  # as MkDocs' _build_page does while it renders the page
        html[file.src_uri] = env.get_template("main.html").render(get_context(nav, files, config, page))
        page.active = False
    return html, runs


def test_each_page_gets_materials_navigation_and_pages_outside_it_share_one_render(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for path, text in PAGES.items():
        (tmp_path / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / path).write_text(text, encoding="utf-8")
    material, every_page = navigation_per_page(tmp_path, cached=False)
    cached, runs = navigation_per_page(tmp_path, cached=True)
    assert cached == material
    assert every_page == len(PAGES)
    assert runs == len(PAGES) - 2  # casussen/b and casussen/c reuse casussen/a's navigation
    assert "md-nav__link--active" in cached["casussen/zoeken.md"]  # a page in the navigation marks itself


def test_folder_parts_read_page_urls_as_mkdocs_does() -> None:
    assert folder_parts("casussen/a/") == ("casussen", "a")
    assert folder_parts("casussen/a.html") == ("casussen",)
    assert folder_parts("") == ()
