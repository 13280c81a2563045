"""Render: a pure function from the catalog to Markdown pages and data files.

``render_site(catalog)`` knows nothing about MkDocs: the plugin hands its pages to MkDocs in memory,
and ``thuisbasis render --out DIR`` writes the same pages to disk for any other site generator.
Every decision (what a period or a scale reads like) is made here in Python; templates only format.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from thuisbasis.model import Case, Catalog
from thuisbasis.problems import CODES
from thuisbasis.registries import Registry, Term
from thuisbasis.render.markup import date_nl, markdown_html, md_text, number_nl
from thuisbasis.schemas import CASE_SCHEMA, load_schema, resolve_ref

CASES_FOLDER = "casussen"


@dataclass(frozen=True)
class RenderedPage:
    path: str  # relative to the docs folder, e.g. 'casussen/landgraaf.md'
    content: str
    source: Path | None = None  # the case file a page comes from, for its edit link


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


def case_page_path(case_id: str) -> str:
    return f"{CASES_FOLDER}/{case_id}.md"


def case_url(case_id: str) -> str:
    return f"{CASES_FOLDER}/{case_id}/"


def make_environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("thuisbasis.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(md_text=md_text, markdown_html=markdown_html, date_nl=date_nl,
                               number_nl=number_nl, with_unit=with_unit)
    return environment


def render_site(catalog: Catalog) -> RenderedSite:
    environment = make_environment()
    pages = [render_case(environment, case) for case in catalog.cases]
    pages.append(RenderedPage(f"{CASES_FOLDER}/index.md",
                              environment.get_template("cases_index.md.j2").render(cases=catalog.cases)))
    pages.append(RenderedPage("referentie/velden.md", environment.get_template("fields.md.j2").render(
        fields=list(field_docs(load_schema(CASE_SCHEMA), catalog.registries)))))
    pages.append(RenderedPage("referentie/foutcodes.md", environment.get_template("codes.md.j2").render(
        codes=list(CODES.values()))))
    return RenderedSite(pages=tuple(pages), data={"data/cases.json": cases_json(catalog)})


def render_case(environment: Environment, case: Case) -> RenderedPage:
    content = environment.get_template("case.md.j2").render(
        case=case,
        period=describe_period(case),
        scale=describe_scale(case),
        source_numbers={source.id: number for number, source in enumerate(case.sources, 1)},
    )
    return RenderedPage(case_page_path(case.id), content, source=case.path)


def describe_period(case: Case) -> str:
    """How the period reads on a case page, saying plainly what is not known."""
    start, end = case.period.start, case.period.end
    if start == "onbekend":
        if end is None:
            return "start onbekend"
        return "start en einde onbekend" if end == "onbekend" else f"start onbekend, einde {date_nl(end)}"
    if end is None:
        return f"start {date_nl(start)}" if case.status.id == "gepland" else f"sinds {date_nl(start)}"
    if end == "onbekend":
        return f"vanaf {date_nl(start)}, einde onbekend"
    return f"{date_nl(start)} tot {date_nl(end)}"


def describe_scale(case: Case) -> str:
    scale = case.scale
    if scale is None:
        return ""
    parts = []
    if scale.units is not None:
        parts.append(f"{number_nl(scale.units)} {'wooneenheid' if scale.units == 1 else 'wooneenheden'}")
    if scale.residents is not None:
        parts.append(f"{number_nl(scale.residents)} {'bewoner' if scale.residents == 1 else 'bewoners'}")
    text = ", ".join(parts)
    if scale.note:
        text = f"{text} ({scale.note})" if text else scale.note
    return text


def with_unit(value: float | None, unit: Term) -> str:
    if value is None:
        return ""
    if unit.id == "procent":
        return f"{number_nl(value)}%"
    if unit.id == "euro":
        return f"€ {number_nl(value)}"
    return f"{number_nl(value)} {unit.label}"


_KINDS = {"string": "tekst", "integer": "geheel getal", "number": "getal", "boolean": "true of false",
          "array": "lijst", "object": "groep velden"}


def field_docs(schema: Mapping[str, Any], registries: Mapping[str, Registry]) -> Iterator[FieldDoc]:
    """One entry per field of the schema, depth first, in the schema's order."""
    yield from _field_docs(schema, schema, registries, "", 0)


def _field_docs(node: Mapping[str, Any], root: Mapping[str, Any], registries: Mapping[str, Registry],
                prefix: str, depth: int) -> Iterator[FieldDoc]:
    required = set(node.get("required", ()))
    for key, child in node.get("properties", {}).items():
        resolved = resolve_ref(child, root)
        item = resolve_ref(resolved.get("items", {}), root) if resolved.get("type") == "array" else None
        path = f"{prefix}{key}"
        values_node = item if item is not None else resolved
        registry = registries.get(values_node.get("x-registry", ""))
        yield FieldDoc(
            path=path,
            title=child.get("title") or resolved.get("title", key),
            description=child.get("description") or resolved.get("description", ""),
            required=key in required,
            kind=_kind(resolved, item, root),
            depth=depth,
            values=registry.terms if registry else (),
        )
        if item is not None and "properties" in item:
            yield from _field_docs(item, root, registries, f"{path}[].", depth + 1)
        elif "properties" in resolved:
            yield from _field_docs(resolved, root, registries, f"{path}.", depth + 1)


def _kind(node: Mapping[str, Any], item: Mapping[str, Any] | None, root: Mapping[str, Any]) -> str:
    if item is not None:
        inner = "waarden uit een register" if "x-registry" in item else _KINDS.get(item.get("type", ""), "waarden")
        if item.get("type") == "object":
            inner = "groepen velden"
        return f"lijst van {inner}"
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


def cases_json(catalog: Catalog) -> str:
    """Index data: one normalised record per case, in id order, byte-stable."""
    records = [
        {
            "id": case.id,
            "titel": case.title,
            "url": case_url(case.id),
            "samenvatting": case.summary,
            "woonvorm": case.housing_form.id,
            "doelgroepen": [group.id for group in case.target_groups],
            "gemeenten": list(case.location.municipalities),
            "provincie": case.location.province.id,
            "status": case.status.id,
            "laatst_beoordeeld": case.last_reviewed,
        }
        for case in catalog.cases
    ]
    return json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_rendered(site: RenderedSite, out: Path) -> int:
    """Write every page and data file under ``out``; return how many files were written."""
    written = 0
    for relative, content in [(page.path, page.content) for page in site.pages] + list(site.data.items()):
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
        written += 1
    return written
