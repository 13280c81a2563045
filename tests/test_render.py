"""Rendering is pure, escapes plain text, sanitizes Markdown and writes Dutch dates and numbers."""

from __future__ import annotations

import shutil

import pytest

from conftest import TODAY, VALID_CASE
from thuisbasis.catalog import load_catalog
from thuisbasis.model import Catalog
from thuisbasis.render import field_docs, render_site
from thuisbasis.render.markup import date_nl, markdown_html, md_text, number_nl
from thuisbasis.schemas import CASE_SCHEMA, load_schema


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    folder = tmp_path_factory.mktemp("cases")
    shutil.copy(VALID_CASE, folder / VALID_CASE.name)
    loaded, report = load_catalog(folder, today=TODAY)
    assert loaded is not None, report.problems
    return loaded


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wonen & zorg", "Wonen &amp; zorg"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("[klik](javascript:alert(1))", "\\[klik\\]\\(javascript:alert\\(1\\)\\)"),
        ("Titel {: onclick=x }", "Titel \\{: onclick=x \\}"),
        ("*nadruk* en _ook_", "\\*nadruk\\* en \\_ook\\_"),
        ("# kop\n- lijst", "\\# kop \\- lijst"),
        ("`code` | tabel", "\\`code\\` \\| tabel"),
    ],
)
def test_md_text_keeps_plain_text_plain(text: str, expected: str) -> None:
    assert md_text(text) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("Een **vet** woord.", "<p>Een <strong>vet</strong> woord.</p>"),
        ("- een\n- twee", "<ul>\n<li>een</li>\n<li>twee</li>\n</ul>"),
        ("[site](https://example.org)", '<p><a href="https://example.org" rel="noopener noreferrer">site</a></p>'),
        ("[mail](mailto:info@example.org)", '<p><a href="mailto:info@example.org" rel="noopener noreferrer">mail</a></p>'),
        ("[x](javascript:alert(1))", '<p><a rel="noopener noreferrer">x</a></p>'),
        ("Tekst <script>alert(1)</script>", "<p>Tekst </p>"),
        ('<img src="https://example.org/a.png" onerror="alert(1)">', "<p></p>"),
        ('<a href="https://example.org" onclick="alert(1)">a</a>', '<p><a href="https://example.org" rel="noopener noreferrer">a</a></p>'),
        ("<iframe src='https://example.org'></iframe>", ""),
        ("## Kop", "Kop"),
    ],
)
def test_markdown_fields_are_sanitized(markdown: str, expected: str) -> None:
    assert markdown_html(markdown) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2020-04-15", "15 april 2020"), ("2020-04", "april 2020"), ("2016", "2016"), ("onbekend", "onbekend"),
     ("2024-12-01", "1 december 2024"), (None, "")],
)
def test_dates_read_as_dutch(value: str | None, expected: str) -> None:
    assert date_nl(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1000, "1.000"), (12.5, "12,5"), (22000000, "22.000.000"), (80000.5, "80.000,5"), (3.0, "3"), (0.25, "0,25"),
     (None, "")],
)
def test_numbers_read_as_dutch(value: float | None, expected: str) -> None:
    assert number_nl(value) == expected


def test_render_is_pure_and_deterministic(catalog: Catalog) -> None:
    first, second = render_site(catalog, TODAY), render_site(catalog, TODAY)
    assert first == second
    paths = [page.path for page in first.pages]
    assert paths[0] == "casussen/voorbeeld-gemengd-wonen.md"
    assert {"index.md", "bewijs/index.md", "werkzame-bestanddelen/matrix.md", "casussen/zoeken.md",
            "casussen/vergelijken.md", "open-data.md", "woonvormen/index.md", "woonvormen/gemengd-wonen.md",
            "doelgroepen/uitstroom-mo.md", "provincies/zeeland.md", "bewijs/effect-aangetoond.md",
            "werkzame-bestanddelen/woonbegeleiding.md", "referentie/velden.md", "referentie/foutcodes.md"} <= set(paths)
    assert len(paths) == len(set(paths))
    assert sorted(first.data) == ["data/case.schema.json", "data/cases.csv", "data/cases.json", "data/zoekindex.json",
                                  "feed.xml"]


def test_only_section_pages_are_in_the_navigation(catalog: Catalog) -> None:
    in_nav = sorted(page.path for page in render_site(catalog, TODAY).pages if page.in_nav)
    assert in_nav == ["bewijs/index.md", "casussen/index.md", "casussen/vergelijken.md", "casussen/zoeken.md",
                      "checklists/index.md", "checklists/trainers.md", "doelgroepen/index.md", "index.md", "open-data.md", "provincies/index.md",
                      "referentie/foutcodes.md", "referentie/velden.md", "werkzame-bestanddelen/index.md",
                      "werkzame-bestanddelen/matrix.md", "woonvormen/index.md"]


def test_case_page_starts_with_front_matter_and_the_title(catalog: Catalog) -> None:
    page = render_site(catalog, TODAY).pages[0]
    lines = page.content.splitlines()
    assert lines[:3] == ["---", 'description: "Een verzonnen voorbeeld voor de tests. Jongeren uit de opvang en gewone '
                         'huurders wonen samen in een oud kantoor. Een begeleider is twee dagen per week in het gebouw."',
                         "---"]
    assert "# Gemengd wonen in een voormalig kantoor \\(voorbeeld\\)" in lines
    assert page.source == catalog.cases[0].path


def test_field_reference_covers_every_field_with_its_values(catalog: Catalog) -> None:
    docs = {doc.path: doc for doc in field_docs(load_schema(CASE_SCHEMA), catalog.registries)}
    assert set(load_schema(CASE_SCHEMA)["properties"]) <= set(docs)
    indicator_unit = docs["doelen[].indicatoren[].eenheid"]
    assert indicator_unit.required is True
    assert indicator_unit.kind == "één waarde uit een register"
    assert [term.id for term in indicator_unit.values][:3] == ["personen", "huishoudens", "woningen"]
    assert docs["doelgroepen"].kind == "lijst van waarden uit een register"
    assert docs["periode.start"].kind == "datum (jjjj-mm-dd, jjjj-mm of jjjj) of 'onbekend'"
    assert docs["aanpak"].kind == "tekst met eenvoudige opmaak (Markdown)"
    assert docs["locatie.wijk"].required is False
