"""Site: the MkDocs plugin. Glue only: load the catalog, hand the rendered pages to MkDocs in memory.

- on_files: validate every case (a build with an invalid case stops with the same messages as
  ``thuisbasis validate``), render, and add each page as ``File.generated`` (nothing is written to
  docs/). Case pages are marked not-in-nav: listing thousands of cases in the navigation makes every
  page carry all of them.
- on_page_markdown: every page is left out of Material's lunr index; search is Pagefind (site/search.py).
  A generated page whose front matter MkDocs could not read stops the build: its text would otherwise
  be read as Markdown, outside the sanitizer (render/frontmatter.py writes it so that this cannot happen).
- on_page_content: the HTML blocks of a generated page, which skip Markdown, are put in place and their
  anchor ids told to MkDocs (site/pages.py, render/blocks.py).
- on_nav, on_env: Material's navigation is rendered once for each group of pages outside it that show the
  same one (site/navigation.py).
- on_page_context: the page's "edit" link points at its YAML file instead of a Markdown page.
- on_post_build: while serving, Pagefind indexes the whole site in the background (site/serve.py). A
  one-off build leaves the search index to the next step of the pipeline, ``thuisbasis index site``
  (site/search.py), so that Pagefind's peak memory does not come on top of MkDocs'.
- on_serve: ``mkdocs serve`` also watches the case folder and the registries. With ``--dirty`` (make
  serve) only the generated pages whose content changed are rebuilt (site/serve.py).
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from thuisbasis.data import REGISTRY_DIR
from thuisbasis.model.catalog import CaseModels, build_date, load_catalog
from thuisbasis.problems import display_path
from thuisbasis.render import RenderedPage, render_site
from thuisbasis.render.memo import RenderMemo
from thuisbasis.render.wizard import WizardSettings
from thuisbasis.site.navigation import render_navigation_once_per_group
from thuisbasis.site.pages import anchor_ids, with_html_blocks
from thuisbasis.site.serve import BackgroundSearchIndex, CompiledTemplates, IncrementalBuilds, LongLivedObjects
from thuisbasis.site.vendor import installed_packages, vendor_files
from thuisbasis.validation import CaseFileCache
from thuisbasis.validation.cache import ValidationRecord

log = logging.getLogger("mkdocs.plugins.thuisbasis")


class ThuisbasisConfig(Config):
    cases_dir = options.Type(str, default="cases")
    """Folder with the case files, relative to mkdocs.yml."""
    checklists_dir = options.Type(str, default="checklists")
    """Folder with the checklist files, relative to mkdocs.yml; a site without it has no checklists."""


class ThuisbasisPlugin(BasePlugin[ThuisbasisConfig]):
    def __init__(self) -> None:
        self.sources: dict[str, Path] = {}
        self.generated_pages: set[str] = set()
        self.html_blocks: dict[str, tuple[str, ...]] = {}  # per page: put in place after conversion
        self.nav: Navigation | None = None
        # Set by on_startup. A plugin with on_startup is kept for the whole `mkdocs serve` session.
        self.background_search: BackgroundSearchIndex | None = None
        self.incremental: IncrementalBuilds | None = None
        self.checked_files: CaseFileCache | None = None
        self.case_models: CaseModels | None = None
        self.rendered: RenderMemo | None = None
        self.compiled_templates: CompiledTemplates | None = None
        self.long_lived: LongLivedObjects | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        serving = command == "serve"
        self.background_search = BackgroundSearchIndex() if serving else None
        self.incremental = IncrementalBuilds() if serving and dirty else None
        self.checked_files = CaseFileCache() if serving else None  # only edited cases are read again
        self.case_models = CaseModels() if serving else None  # an unchanged file gives the same case object
        self.rendered = RenderMemo() if serving else None  # and only pages and data whose inputs changed render again
        self.compiled_templates = CompiledTemplates() if serving else None  # the theme's, kept between rebuilds
        self.long_lived = LongLivedObjects() if serving else None  # out of the cycle collector's way

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.long_lived is not None:
            self.nav = None  # the last build's pages: garbage before the long-lived objects are settled
            self.long_lived.before_build()
        if self.incremental is not None:
            self.incremental.start(config)

    def cases_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.cases_dir

    def checklists_path(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.checklists_dir

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        cases_dir = self.cases_path(config)
        if not cases_dir.is_dir():
            raise PluginError(f"thuisbasis: de map met casussen '{cases_dir}' bestaat niet (plugin-optie cases_dir)")
        catalog, report = load_catalog(cases_dir, checklists_dir=self.checklists_path(config), cache=self.checked_files,
                                       record=None if self.checked_files is not None else validation_record(config),
                                       models=self.case_models)
        for found in report.problems:  # warnings (privacy lint) at info: they must not fail --strict
            (log.error if found.is_error else log.info)(str(found))
        if catalog is None:
            raise PluginError(report.summary())
        site = render_site(catalog, build_date(), memo=self.rendered, site_url=config.site_url or None,
                           wizard=WizardSettings.from_site(config.edit_uri, config.extra.get("redactie_email")))
        self.sources = {}
        self.html_blocks = {page.path: page.html_blocks for page in site.pages if page.html_blocks}
        self.generated_pages = {page.path for page in site.pages}
        clashes = [page.path for page in site.pages if files.get_file_from_path(page.path) is not None]
        if clashes:
            raise PluginError("thuisbasis: deze pagina's maakt Thuisbasis zelf; verwijder ze uit docs/: "
                              + ", ".join(sorted(clashes)))
        for page in site.pages:
            files.append(self.generated_file(config, page))
        for path, content in site.data.items():
            files.append(self.generated_data(config, path, content))
        for path, script in vendor_files(installed_packages(Path(config.config_file_path).parent)).items():
            files.append(self.generated_data(config, path, script))
        log.info(f"thuisbasis: {len(catalog.cases)} casussen weergegeven")
        return files

    def generated_file(self, config: MkDocsConfig, page: RenderedPage) -> File:
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        if page.source is not None:
            self.sources[page.path] = page.source
        if self.incremental is not None:  # serving --dirty: the page changed when its whole Markdown did
            return self.incremental.generated(config, page.path, page.markdown, inclusion=inclusion,
                                              parts=(page.markdown, *page.html_blocks))
        return File.generated(config, page.path, content=page.markdown, inclusion=inclusion)

    def generated_data(self, config: MkDocsConfig, path: str, content: str | bytes) -> File:
        if self.incremental is not None:  # serving --dirty: the file knows whether its content changed
            return self.incremental.generated(config, path, content)
        return File.generated(config, path, content=content)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated_pages and "description" not in page.meta:
            raise PluginError(f"thuisbasis: MkDocs kan de kop (front matter) van {page.file.src_uri} niet lezen")
        page.meta["search"] = {"exclude": True}  # Material's lunr index stays empty: Pagefind searches
        return markdown

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.compiled_templates is not None:
            env.bytecode_cache = self.compiled_templates
        if self.nav is not None:
            render_navigation_once_per_group(env, self.nav)
        return env

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        blocks = self.html_blocks.pop(page.file.src_uri, None)
        if blocks is None:
            return html
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= anchor_ids(blocks)
        return with_html_blocks(html, blocks)

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        source = self.sources.get(page.file.src_uri)
        if source is not None and config.edit_uri:
            page.edit_url = edit_url_for(config, source)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.incremental is not None:
            self.incremental.finish()
        if self.background_search is not None:
            self.background_search.request(Path(config.site_dir))
        else:
            log.info(f"thuisbasis: de zoekindex maakt de volgende stap: thuisbasis index {display_path(Path(config.site_dir))}")

    def on_build_error(self, *, error: Exception) -> None:
        if self.incremental is not None:
            self.incremental.forget()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.cases_path(config)))
        if self.checklists_path(config).is_dir():
            server.watch(str(self.checklists_path(config)))
        server.watch(str(REGISTRY_DIR))
        return server


def validation_record(config: MkDocsConfig) -> ValidationRecord:
    """The build folder's record of validation runs (validation/cache.py): checked once per pipeline."""
    return ValidationRecord(Path(config.config_file_path).parent)


def edit_url_for(config: MkDocsConfig, source: Path) -> str:
    """The edit link of a case: the edit_uri base, resolved from docs/ to the YAML file."""
    base = urljoin(config.repo_url or "", config.edit_uri or "")
    relative = posixpath.relpath(source.resolve().as_posix(), Path(config.docs_dir).resolve().as_posix())
    return urljoin(base, relative)
