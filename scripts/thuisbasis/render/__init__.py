"""Render: a pure function from the catalog to Markdown pages and data files.

``render_site(catalog)`` knows nothing about MkDocs: the plugin hands its pages to MkDocs in memory,
and ``thuisbasis render --out DIR`` writes the same pages to disk for any other site generator.
Every decision (what a period or a scale reads like) is made here in Python; templates only format.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from thuisbasis.derive.costs import BANDS
from thuisbasis.derive.evidence import LEVELS
from thuisbasis.derive.staleness import REVIEW_YEARS
from thuisbasis.derive.verdict import LABELS as VERDICT_LABELS
from thuisbasis.model.cases import Catalog
from thuisbasis.model.registries import Registry, Term
from thuisbasis.problems import CODES
from thuisbasis.render.blocks import HtmlBlocks, whole_markdown
from thuisbasis.render.checklists import ChecklistMention, ChecklistsForCase, checklist_mentions, checklist_view
from thuisbasis.render.data import case_csv_line, case_record_piece, cases_csv, cases_json, search_index, search_piece
from thuisbasis.render.frontmatter import page_front_matter
from thuisbasis.render.markup import count_nl, date_nl, euro_nl, markdown_html, md_text, number_nl, xml_text
from thuisbasis.render.memo import RenderMemo
from thuisbasis.render.overviews import Dimension, Membership, dimensions, gap_matrix, newest, paginate
from thuisbasis.render.synthesis import case_list, synthesis
from thuisbasis.render.views import CaseView, case_view, figure_view, national_figures_of, related_cases
from thuisbasis.render.wizard import WizardSettings, wizard_data
from thuisbasis.schemas import CASE_SCHEMA, dump_schema, load_schema, resolve_ref
from thuisbasis.urls import (
    DATA_ALIASES,
    INGREDIENTS,
    PAGE_SIZE,
    PAGES,
    case_page,
    checklist_page,
    citation_address,
    dimension_index,
    directory_url,
    link,
    md_link,
    md_url,
    merge_page,
    url,
    value_page,
    workform_page,
)

T = TypeVar("T")
RenderedBody = tuple[str, tuple[str, ...]]  # a page's Markdown and its HTML blocks
# Value pages that open with a synthesis, and what their cases share ('Bekijk alle 12 casussen met deze woonvorm').
SYNTHESIS_DIMENSIONS = {"woonvormen": "met deze woonvorm", INGREDIENTS: "met dit bestanddeel"}
MATRIX_TITLES = {"matrix": "Wat werkt waar?", "matrix_groups": "Wat werkt voor wie?"}  # per woonvorm, per doelgroep
VERDICT_TERMS = tuple(Term(id=verdict_id, label=label) for verdict_id, label in VERDICT_LABELS.items())


@dataclass(frozen=True)
class RenderedPage:
    path: str  # relative to the docs folder, e.g. 'casussen/landgraaf.md'
    markdown: str  # what MkDocs converts: front matter and Markdown, a placeholder line for each HTML block
    source: Path | None = None  # the case file a page comes from, for its edit link
    in_nav: bool = False  # only section pages are in the navigation; cases and value pages are not
    html_blocks: tuple[str, ...] = ()  # HTML put in place of the placeholders after conversion (render/blocks.py)

    @property
    def content(self) -> str:
        """The whole page as Markdown, HTML blocks included (``thuisbasis render``, other site generators)."""
        return whole_markdown(self.markdown, self.html_blocks)


@dataclass(frozen=True)
class RenderedSite:
    pages: tuple[RenderedPage, ...]
    data: Mapping[str, str]  # path -> text, e.g. 'data/cases.json'


@dataclass(frozen=True)
class FieldDoc:
    path: str
    title: str
    description: str
    required: bool
    kind: str
    depth: int
    values: tuple[Term, ...] = ()
    registry: Registry | None = None  # where its values come from; they are listed on the page of allowed values
    same_as: str = ""  # a group of fields described at an earlier field ('doelen[].indicatoren[].nulmeting')

    @property
    def anchor(self) -> str:
        return field_anchor(self.path)

    @property
    def same_as_anchor(self) -> str:
        return field_anchor(self.same_as) if self.same_as else ""


def field_anchor(path: str) -> str:
    """The id of a field's heading on the field reference: 'veld-doelen-indicatoren-nulmeting'."""
    return "veld-" + "-".join(part for part in re.split(r"[^a-z0-9]+", path.lower()) if part)


@functools.cache
def shared_environment() -> Environment:
    """One environment per process, so that a template compiles once, not on every render (``mkdocs serve``).
    It holds no catalog data: only templates, filters and functions."""
    return make_environment()


def make_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("thuisbasis.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=True,  # an edited template is read again: one stat() a page (its imports), a few ms a render
    )
    environment.filters.update(md_text=md_text, markdown_html=markdown_html, date_nl=date_nl, number_nl=number_nl, euro_nl=euro_nl,
                               xml_text=xml_text, count_nl=count_nl)
    environment.globals.update(front_matter=page_front_matter, link=link, md_link=md_link, url=url, md_url=md_url,
                               checklist_page=checklist_page, workform_page=workform_page, merge_page=merge_page,
                               case_page=case_page,
                               case_url=lambda case_id: directory_url(case_page(case_id)),
                               value_page=value_page, dimension_index=dimension_index,
                               levels_count=len(LEVELS), review_years=REVIEW_YEARS)
    return environment


class _Pages:
    """Collects rendered pages; one template call per page."""

    def __init__(self, environment: Environment, memo: RenderMemo | None = None) -> None:
        self.environment = environment
        self.memo = memo
        self.pages: list[RenderedPage] = []
        self.templates: dict[str, Template] = {}

    def template(self, name: str) -> Template:
        """Each template once a render: get_template checks the file for changes on every call."""
        if name not in self.templates:
            self.templates[name] = self.environment.get_template(name)
        return self.templates[name]

    def add(self, path: str, template: str, *, in_nav: bool = False, source: Path | None = None,
            **context: Any) -> None:
        """Render ``template`` for ``path``; with a memo, reuse the page of the last render when its inputs are the same."""
        def render() -> RenderedBody:
            blocks = HtmlBlocks()
            markdown = self.template(template).render(page=path, html_block=blocks, **context)
            return markdown, tuple(blocks.blocks)

        markdown, html_blocks = self.memo.page(template, path, context, render) if self.memo is not None else render()
        self.pages.append(RenderedPage(path, markdown, source=source, in_nav=in_nav, html_blocks=html_blocks))

    def made(self, name: str, inputs: tuple[Any, ...], make: Callable[[], T]) -> T:
        """``make()``, or with a memo the last render's value for ``name`` when ``inputs`` are the same.
        The value must not change after it is made (a frozen dataclass, text)."""
        return self.memo.made(name, inputs, make) if self.memo is not None else make()


def render_site(catalog: Catalog, today: dt.date, *, memo: RenderMemo | None = None,
                site_url: str | None = None, wizard: WizardSettings | None = None) -> RenderedSite:
    """Every generated page and data file of the site. Pure: the same catalog and day give the same bytes.
    ``memo``: reuse the pages and data files of the previous call whose inputs did not change (``mkdocs serve``,
    render/memo.py); the output is the same.
    ``site_url``: where the site is published (mkdocs' site_url), for the full address in "Zo verwijs je
    naar deze casus"; without it the line names the page's path on the site. ``wizard``: where the casus-wizard's
    ways out lead (the repository's issues, the editors' mailbox); without it the page offers only the download."""
    environment = shared_environment()
    if memo is not None:
        memo.start()
    pages = _Pages(environment, memo)
    views = [pages.made("view", (case, today), functools.partial(case_view, case, today)) for case in catalog.cases]
    by_title = sorted(views, key=lambda view: (view.case.title.casefold(), view.case.id))
    checklists_for_case = ChecklistsForCase(catalog.checklists)
    titles = {case.id: case.title for case in catalog.cases}
    for view in views:
        checklists = checklists_for_case(view.case)
        national_figures = national_figures_of(view.case, catalog.context)
        related = related_cases(view.case, titles)
        address = citation_address(view.case.id, site_url)
        pages.add(case_page(view.case.id), "case.md.j2", source=view.case.path, view=view, checklists=checklists,
                  national_figures=national_figures, related=related, address=address)
    add_checklist_pages(pages, catalog, {view.case.id: view for view in views})
    for path, pagination, items in paginate(PAGES["cases"], by_title):
        pages.add(path, "cases_index.md.j2", in_nav=pagination.number == 1, views=items, pagination=pagination,
                  total=len(views))
    level_ids = {view.case.id: view.level.id for view in views}  # each case's level, worked out once in its view
    all_dimensions = dimensions(catalog, lambda case: level_ids[case.id])
    membership = Membership(all_dimensions, by_title)
    mentions = checklist_mentions(catalog.checklists)
    for dimension in all_dimensions:
        add_dimension_pages(pages, dimension, membership, mentions)
    add_home_and_special_pages(pages, catalog, membership, views, by_title, all_dimensions)
    facets = {dimension.filter_key: dimension.terms for dimension in all_dimensions}
    facets["status"] = catalog.registries["statussen"].terms
    facets["oordeel"] = VERDICT_TERMS
    facets["kosten"] = tuple(Term(id=band.id, label=band.label) for band in BANDS.values())
    data = open_data(pages, catalog, views, by_title, facets, today, wizard or WizardSettings())
    if memo is not None:
        memo.finish()
    return RenderedSite(pages=tuple(pages.pages), data=data)


def open_data(pages: _Pages, catalog: Catalog, views: list[CaseView], by_title: list[CaseView],
              facets: Mapping[str, tuple[Term, ...]], today: dt.date, wizard: WizardSettings) -> dict[str, str]:
    """The data files: the cases as JSON and CSV, the search page's index, the schema, the wizard's data, the feed."""
    def pieces(name: str, piece: Callable[[CaseView], T]) -> Callable[[CaseView], T]:
        """Each case's piece of a file, kept per case view while serving."""
        return lambda view: pages.made(name, (view,), lambda: piece(view))

    groups = facets["doelgroep"]
    record_piece = pieces("case_record", case_record_piece)
    search_entry = pieces("search_record", lambda view: search_piece(view, groups))
    schema = load_schema(CASE_SCHEMA)
    data = {
        PAGES["cases_json"]: cases_json(views, record_piece),  # joined anew: a whole-file hit would drop the pieces
        PAGES["cases_csv"]: cases_csv(views, pieces("case_csv_line", case_csv_line)),
        PAGES["search_index"]: search_index(by_title, facets, search_entry),
        PAGES["case_schema"]: dump_schema(schema),
        PAGES["wizard_data"]: pages.made(PAGES["wizard_data"], (schema, catalog.registries, wizard),
                                         lambda: wizard_data(schema, catalog.registries, wizard)),
        PAGES["feed"]: feed(pages, views, today, pieces("feed_entry", lambda view: pages.template("feed_entry.xml.j2").render(view=view))),
    }
    data.update({alias: data[PAGES[name]] for alias, name in DATA_ALIASES.items()})
    return data


def feed(pages: _Pages, views: list[CaseView], today: dt.date, entry: Callable[[CaseView], str]) -> str:
    """The Atom feed: every case, newest first; ``entry`` gives a case's ``<entry>`` (feed_entry.xml.j2)."""
    entries = [entry(view) for view in newest(views, count=len(views))]
    updated = max((view.case.last_reviewed for view in views), default=today.isoformat())
    return pages.made(PAGES["feed"], (entries, updated), lambda: pages.template("feed.xml.j2").render(
        entries=[Markup(text) for text in entries], updated=updated))  # noqa: S704 - made by feed_entry.xml.j2, which escapes


def add_checklist_pages(pages: _Pages, catalog: Catalog, case_views: Mapping[str, CaseView]) -> None:
    views = [checklist_view(checklist, catalog.cases) for checklist in catalog.checklists]
    pages.add(PAGES["checklists"], "checklists_index.md.j2", in_nav=True, views=views)
    pages.add(PAGES["trainers"], "trainers.md.j2", in_nav=True, views=views)
    for view in views:
        pages.add(checklist_page(view.checklist.id), "checklist.md.j2", source=view.checklist.path, view=view)
        pages.add(workform_page(view.checklist.id), "workform.md.j2", view=view,
                  cases=[case_views[case_id] for case_id in view.checklist.workform.case_ids])
        pages.add(merge_page(view.checklist.id), "merge.md.j2", view=view)


def add_dimension_pages(pages: _Pages, dimension: Dimension, membership: Membership,
                        mentions: Mapping[str, list[ChecklistMention]] | None = None) -> None:
    counts = [(term, membership.count(dimension, term.id)) for term in dimension.terms]
    if dimension.id != "bewijs":  # the methodology page is the index of the evidence levels
        pages.add(dimension_index(dimension.id), "dimension_index.md.j2", in_nav=True, dimension=dimension,
                  counts=counts)
    for term in dimension.terms:
        members = membership.of(dimension, term.id)
        query = f"{dimension.filter_key}={term.id}"
        summary = (pages.made(f"synthesis {query}", (members,),
                              functools.partial(synthesis, members, query, SYNTHESIS_DIMENSIONS[dimension.id]))
                   if dimension.id in SYNTHESIS_DIMENSIONS else None)
        for path, pagination, items in paginate(value_page(dimension.id, term.id), members):
            first = summary if pagination.number == 1 else None  # the synthesis covers every page's cases
            if dimension.id == INGREDIENTS:
                uses = [(view, next(u.application for u in view.case.ingredients if u.ingredient.id == term.id))
                        for view in items]
                pages.add(path, "ingredient.md.j2", term=term, uses=uses, total=len(members), pagination=pagination,
                          synthesis=first, mentions=(mentions or {}).get(term.id, []) if pagination.number == 1 else [])
            else:
                pages.add(path, "dimension_value.md.j2", dimension=dimension, term=term, views=items,
                          total=len(members), pagination=pagination, synthesis=first)


def add_home_and_special_pages(pages: _Pages, catalog: Catalog, membership: Membership, views: list[CaseView],
                               by_title: list[CaseView], all_dimensions: tuple[Dimension, ...]) -> None:
    entry_ids = ("woonvormen", "doelgroepen", "provincies", "bewijs")
    entries = [
        {"dimension": dimension,
         "counts": [(term, count) for term in dimension.terms
                    if (count := membership.count(dimension, term.id)) or dimension.id == "bewijs"]}
        for dimension in all_dimensions if dimension.id in entry_ids
    ]
    pages.add(PAGES["home"], "home.md.j2", in_nav=True, entries=entries, newest=newest(views), total=len(views),
              has_context=catalog.context is not None)
    add_national_context_page(pages, catalog, by_title)
    level_dimension = next(dimension for dimension in all_dimensions if dimension.id == "bewijs")
    pages.add(PAGES["methodology"], "methodology.md.j2", in_nav=True,
              levels=[(level, membership.count(level_dimension, level.id)) for level in LEVELS],
              methods=catalog.registries["meetwijzen"].terms, cost_bands=list(BANDS.values()))
    by_id = {dimension.id: dimension for dimension in all_dimensions}
    # One page per matrix: filled, each cell is a link and a level, so both on one page would pass 100 KB.
    by_housing = gap_matrix(by_id["werkzame-bestanddelen"], by_id["woonvormen"], membership)
    by_group = gap_matrix(by_id["werkzame-bestanddelen"], by_id["doelgroepen"], membership)
    pages.add(PAGES["matrix"], "matrix.md.j2", in_nav=True, title=MATRIX_TITLES["matrix"], matrix=by_housing,
              other="matrix_groups", other_title=MATRIX_TITLES["matrix_groups"], other_matrix=by_group)
    pages.add(PAGES["matrix_groups"], "matrix.md.j2", in_nav=True, title=MATRIX_TITLES["matrix_groups"], matrix=by_group,
              other="matrix", other_title=MATRIX_TITLES["matrix"], other_matrix=by_housing)
    pages.add(PAGES["search"], "search.md.j2", in_nav=True, views=by_title[:PAGE_SIZE], total=len(views))
    pages.add(PAGES["compare"], "compare.md.j2", in_nav=True)
    pages.add(PAGES["wizard"], "wizard.md.j2", in_nav=True)
    pages.add(PAGES["open_data"], "open_data.md.j2", in_nav=True, total=len(views))
    fields = list(field_docs(load_schema(CASE_SCHEMA), catalog.registries))
    pages.add(PAGES["fields"], "fields.md.j2", in_nav=True, sections=field_sections(fields))
    pages.add(PAGES["values"], "values.md.j2", in_nav=True, registries=registries_of(fields))
    pages.add(PAGES["codes"], "codes.md.j2", in_nav=True, codes=list(CODES.values()))


def add_national_context_page(pages: _Pages, catalog: Catalog, by_title: list[CaseView]) -> None:
    """The page 'Landelijk beeld': national figures by theme, with their sources and the cases they frame."""
    context = catalog.context
    if context is None:
        return
    themes: dict[str, list[Any]] = {}
    for figure in context.figures:
        themes.setdefault(figure.theme, []).append(figure_view(figure, context))
    citing = {figure.id: case_list([view for view in by_title if figure.id in view.case.national_figure_ids])
              for figure in context.figures}  # at most SHOWN_CASES named, so the page does not grow with the cases
    pages.add(PAGES["national_context"], "national_context.md.j2", in_nav=True, source=context.path, context=context,
              themes=list(themes.items()), citing=citing)


_KINDS = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "true of false",
          "array": "lijst", "object": "groep velden"}


def field_docs(schema: Mapping[str, Any], registries: Mapping[str, Registry]) -> Iterator[FieldDoc]:
    """One entry per field of the schema, depth first, in the schema's order. A group of fields the schema
    uses more than once (definitions/meetwaarde) is described at its first field; later ones say so."""
    yield from _field_docs(schema, schema, registries, "", 0, {})


def field_sections(fields: Iterable[FieldDoc]) -> list[tuple[FieldDoc, list[FieldDoc]]]:
    """Each top-level field with the fields inside it (the reference shows only the first in its contents)."""
    sections: list[tuple[FieldDoc, list[FieldDoc]]] = []
    for field in fields:
        if field.depth == 0:
            sections.append((field, []))
        else:
            sections[-1][1].append(field)
    return sections


def registries_of(fields: Iterable[FieldDoc]) -> list[tuple[Registry, list[FieldDoc]]]:
    """Every registry the fields take values from, in the order of first use, with the fields that use it."""
    found: dict[str, tuple[Registry, list[FieldDoc]]] = {}
    for field in fields:
        if field.registry is not None:
            found.setdefault(field.registry.name, (field.registry, []))[1].append(field)
    return list(found.values())


def _field_docs(node: Mapping[str, Any], root: Mapping[str, Any], registries: Mapping[str, Registry],
                prefix: str, depth: int, described: dict[str, str]) -> Iterator[FieldDoc]:
    """``described``: the path of the first field of each shared group of fields ($ref), filled as it goes."""
    required = set(node.get("required", ()))
    for key, child in node.get("properties", {}).items():
        resolved = resolve_ref(child, root)
        item = resolve_ref(resolved.get("items", {}), root) if resolved.get("type") == "array" else None
        path = f"{prefix}{key}"
        values_node = item if item is not None else resolved
        registry = registries.get(values_node.get("x-registry", ""))
        group = item if item is not None and "properties" in item else resolved if "properties" in resolved else None
        reference = str(child.get("$ref") or resolved.get("items", {}).get("$ref") or "") if group is not None else ""
        same_as = described.get(reference, "") if reference else ""
        if reference and not same_as:
            described[reference] = path
        yield FieldDoc(
            path=path,
            title=child.get("title") or resolved.get("title", key),
            description=child.get("description") or resolved.get("description", ""),
            required=key in required,
            kind=_kind(resolved, item, root),
            depth=depth,
            values=registry.terms if registry else (),
            registry=registry,
            same_as=same_as,
        )
        if group is not None and not same_as:
            yield from _field_docs(group, root, registries, f"{path}[]." if group is item else f"{path}.", depth + 1,
                                   described)


def _kind(node: Mapping[str, Any], item: Mapping[str, Any] | None, root: Mapping[str, Any]) -> str:
    if item is not None:
        inner = "waarden uit een register" if "x-registry" in item else _KINDS.get(item.get("type", ""), "waarden")
        if item.get("type") == "object":
            inner = "groepen velden"
        return f"lijst van {inner}"
    if node.get("type") == ["number", "object"]:  # definitions/meetwaarde
        return "getal, of een groep: waarde met kwalificatie, of van en tot"
    kind = _KINDS.get(node.get("type", ""), "waarde")
    if "x-registry" in node:
        return "één waarde uit een register"
    if node.get("format") == "date":
        return "datum (jjjj-mm-dd)"
    if node.get("format") == "partial-date":
        return "datum (jjjj-mm-dd, jjjj-mm of jjjj) of 'onbekend'"
    if node.get("x-markdown"):
        return "tekst met eenvoudige opmaak (Markdown)"
    return kind


def write_rendered(site: RenderedSite, out: Path) -> int:
    """Write every page and data file under ``out``; return how many files were written."""
    written = 0
    for relative, content in [(page.path, page.content) for page in site.pages] + list(site.data.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written += 1
    return written
