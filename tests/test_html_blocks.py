"""HTML blocks skip Markdown (render/blocks.py, site/pages.py): MkDocs converts a page's headings and placeholders,
the plugin puts the HTML back, and the result is the HTML Python-Markdown makes of the whole page, with the
same anchor ids for MkDocs' link check."""

from __future__ import annotations

import datetime as dt
import html.parser
import shutil
from collections.abc import Iterator
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import FIXTURES, TODAY
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import RenderedPage, RenderedSite, render_site
from thuisbasis.render.blocks import HtmlBlocks
from thuisbasis.site.pages import anchor_ids, with_html_blocks

ROOT = Path(__file__).parent.parent
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))


def mkdocs_markdown() -> markdown.Markdown:
    """Python-Markdown with the site's extensions, as MkDocs makes it for each page."""
    names, configs = [], {}
    for entry in CONFIG["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        configs[name] = settings
    return markdown.Markdown(extensions=names, extension_configs=configs)


class _Ids(html.parser.HTMLParser):
    """The ids MkDocs' anchor check collects from raw HTML (mkdocs/structure/pages.py, _HTMLHandler)."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs
                        if value is not None and (name == "id" or (name == "name" and tag == "a")))


def ids_in(text: str) -> set[str]:
    parser = _Ids()
    parser.feed(text)
    parser.close()
    return parser.ids


def body(page_markdown: str) -> str:
    return get_data(page_markdown)[0]


def converted_both_ways(page: RenderedPage) -> tuple[str, str]:
    """(Python-Markdown of the whole page, the plugin's way: Markdown of the skeleton, blocks put back)."""
    md = mkdocs_markdown()
    whole = md.convert(body(page.content))
    glued = with_html_blocks(md.reset().convert(body(page.markdown)), page.html_blocks)
    return whole, glued


def sites(fixture_cases: Path) -> Iterator[RenderedSite]:
    """The project's cases and the test fixtures, each rendered today and when every case is stale."""
    for cases, checklists, context in ((ROOT / "cases", ROOT / "checklists", None),
                                      (fixture_cases, None, FIXTURES / "context")):
        catalog, report = load_catalog(cases, checklists_dir=checklists, today=TODAY, context_dir=context)
        assert catalog is not None, report.summary()
        yield render_site(catalog, TODAY)
        yield render_site(catalog, dt.date(2040, 1, 1))  # every case stale: the note in 'In één oogopslag'


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedPage]:
    fixture_cases = tmp_path_factory.mktemp("site") / "cases"
    shutil.copytree(FIXTURES / "valid", fixture_cases)
    return [page for site in sites(fixture_cases) for page in site.pages]


def test_every_page_converts_to_the_html_markdown_makes_of_the_whole_page(rendered: list[RenderedPage]) -> None:
    for page in rendered:
        whole, glued = converted_both_ways(page)
        assert glued == whole, page.path


def test_case_and_list_pages_send_no_html_through_markdown(rendered: list[RenderedPage]) -> None:
    """The pages there are one of per case, or per 50 cases: cases, value pages, the list of all cases."""
    one_off = ("casussen/zoeken.md", "casussen/vergelijken.md", "werkzame-bestanddelen/matrix.md",
               "werkzame-bestanddelen/matrix-doelgroepen.md")
    dimension_indexes = tuple(f"{folder}/index.md" for folder in ("woonvormen", "doelgroepen", "provincies",
                                                                  "bewijs", "werkzame-bestanddelen"))
    scaling = [page for page in rendered if page.path.startswith(
        ("casussen/", "woonvormen/", "doelgroepen/", "provincies/", "bewijs/", "werkzame-bestanddelen/"))
        and page.path not in one_off + dimension_indexes]
    assert sum(page.source is not None for page in scaling) > 40
    assert any("tb-pager" in page.content for page in scaling)  # the list of all cases has two pages
    for page in scaling:
        assert page.html_blocks, page.path
        assert not any(line.startswith("<") for line in body(page.markdown).splitlines()), page.path


def test_anchor_ids_are_those_mkdocs_finds_in_the_whole_page(rendered: list[RenderedPage]) -> None:
    for page in rendered:
        if page.html_blocks:
            assert ids_in(body(page.markdown)) | anchor_ids(page.html_blocks) == ids_in(body(page.content)), page.path
    assert "bron-bron-1" in anchor_ids(next(page for page in rendered if page.html_blocks).html_blocks) or any(
        anchor.startswith("bron-") for page in rendered for anchor in anchor_ids(page.html_blocks))


def test_anchor_ids_read_attributes_only_inside_tags() -> None:
    blocks = ['<p>id="tekst" en <a name="a&amp;b" href="#x">x</a></p>\n<div data-id="nee" id="ja">\n<a title="t" name="n">']
    assert anchor_ids(blocks) == ids_in(blocks[0]) == {"a&b", "ja", "n"}


@pytest.mark.parametrize("text", [
    "<p>een</p>\n\n\n<p>twee lege regels ertussen</p>",  # Markdown makes one blank line of it
    "<p>tab\tin de tekst</p>\r\n<p>regeleinde\rvan een oude Mac</p>\n   \n<p>regel met spaties</p>",
])
def test_a_block_markdown_would_change_gives_the_same_html(text: str) -> None:
    blocks = HtmlBlocks()
    skeleton = "# Titel\n\n" + str(blocks(lambda: text)) + "\n## Kop\n"
    page = RenderedPage("x.md", skeleton, html_blocks=tuple(blocks.blocks))
    whole, glued = converted_both_ways(page)
    assert glued == mkdocs_markdown().convert("# Titel\n\n" + text + "\n\n## Kop\n") == whole
