"""Rendering is pure, escapes plain text, sanitizes Markdown and writes Dutch dates and numbers."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TODAY, VALID_CASE
from thuisbasis.model.cases import Catalog
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import field_docs, render_site
from thuisbasis.render.data import dump_json
from thuisbasis.render.markup import (
    date_nl,
    full_markdown_html,
    markdown_html,
    md_text,
    number_nl,
    plain_markdown_html,
)
from thuisbasis.schemas import CASE_SCHEMA, load_schema

ROOT = Path(__file__).parent.parent
PROPERTY = settings(max_examples=400, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


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


# Words the fast path takes, and pieces that send a text to the full path or change what Markdown does.
PLAIN_WORDS = ["Wonen", "de", "één", "33", "2024", "(a)", "'q'", "“x”", "‘y’", "€", "5%", "a/b", "x-y", "a+b",
               "ok.", "ja,", "nee;", "wat?", "zo:", "–", "—", "!", "Ω", "ß", "一", "٣", "½"]
TRICKY = ["", " ", "  ", "   ", "    ", "\n", "\n\n", "\n\n\n", "- ", "  ", "* ", "+ ", "*", "_", "#", "# ", ">",
          "<", "&", "[", "]", "!", "=", "---", "===", "***", "1. ", "2024.", "٣.", "\t", "\r", "\xa0", "\u2028", "`",
          "\\", "|", "~", "{", "}", "@", "\x02", "x_y", "*x*", "**b**", "&amp;", "<b>", "http://x.nl/a", "\n- ",
          "\n  ", "\n    ", "\n  - ", "\n1. "]
plain_lines = st.lists(st.sampled_from(PLAIN_WORDS), min_size=1, max_size=5).map(" ".join)
paragraphs = st.lists(plain_lines, min_size=1, max_size=3).map("\n".join)
list_items = st.tuples(plain_lines, st.lists(plain_lines, max_size=2)).map(
    lambda item: "\n  ".join(["- " + item[0], *item[1]]))
lists = st.lists(list_items, min_size=1, max_size=4).map("\n".join)


@st.composite
def markdown_fields(draw: st.DrawFn) -> str:
    """Paragraphs and lists of plain text, often with one tricky piece put in somewhere."""
    text = "\n\n".join(draw(st.lists(st.one_of(paragraphs, lists), min_size=1, max_size=4)))
    text += draw(st.sampled_from(["", "\n", "\n\n"]))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TRICKY + PLAIN_WORDS)) + text[at:]
    return text


@PROPERTY
@given(st.one_of(markdown_fields(), st.lists(st.sampled_from(TRICKY + PLAIN_WORDS), max_size=30).map("".join)))
def test_the_markdown_fast_path_gives_the_same_html(text: str) -> None:
    plain = plain_markdown_html(text)
    assert plain is None or plain == full_markdown_html(text)


def test_plain_paragraphs_and_lists_take_the_fast_path() -> None:
    text = "Wonen in één huis.\nSamen met (oude) buren: 5%.\n\n- een\n  twee\n- drie\n\nTot slot.\n"
    assert plain_markdown_html(text) == ("<p>Wonen in één huis.\nSamen met (oude) buren: 5%.</p>\n"
                                         "<ul>\n<li>een\n  twee</li>\n<li>drie</li>\n</ul>\n<p>Tot slot.</p>")
    assert plain_markdown_html(text) == full_markdown_html(text)
    for other in ("Een **vet** woord.", "1. een", "- een\n\n- twee", "a_b", "Wonen & zorg", "  ingesprongen", ""):
        assert plain_markdown_html(other) is None, other


def test_the_markdown_of_the_real_cases_is_the_same_on_both_paths() -> None:
    catalog, report = load_catalog(ROOT / "cases", checklists_dir=ROOT / "checklists", today=TODAY)
    assert catalog is not None, report.problems
    for case in catalog.cases:
        for text in (case.background, case.approach):
            assert markdown_html(text) == full_markdown_html(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
    | st.dictionaries(st.text(max_size=4), inner, max_size=4),
    max_leaves=20)


@PROPERTY
@given(json_values)
def test_json_data_files_are_written_as_the_json_module_writes_them(value: object) -> None:
    assert dump_json(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"


@pytest.mark.parametrize("value", [{3: "a", 2.5: "b", False: "c"}, type("Text", (str,), {})("x")])
def test_unusual_json_values_are_left_to_the_json_module(value: object) -> None:
    assert dump_json(value) == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("value", [math.inf, [-math.inf], {"a": math.nan}, {3: math.inf}])
def test_json_data_files_never_hold_nan_or_infinity(value: object) -> None:
    # JSON has neither: data/cases.json with Infinity broke the compare page (issue 11, item 4)
    with pytest.raises(ValueError, match="JSON"):
        dump_json(value)


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
    assert sorted(first.data) == ["data/case.schema.json", "data/cases.csv", "data/cases.json", "data/casus-wizard.json", "data/casus.schema.json",
                                  "data/casussen.csv", "data/casussen.json", "data/zoekindex.json", "feed.xml"]
    # Issue 14: the open data has Dutch names; the first, English ones stay as aliases with the same bytes.
    for english, dutch in [("cases.json", "casussen.json"), ("cases.csv", "casussen.csv"),
                           ("case.schema.json", "casus.schema.json")]:
        assert first.data[f"data/{english}"] == first.data[f"data/{dutch}"]
    open_data = next(page.content for page in first.pages if page.path == "open-data.md")
    assert "[casussen.json](data/casussen.json)" in open_data and "](data/cases.json)" not in open_data


def test_only_section_pages_are_in_the_navigation(catalog: Catalog) -> None:
    in_nav = sorted(page.path for page in render_site(catalog, TODAY).pages if page.in_nav)
    assert in_nav == ["bewijs/index.md", "casus-indienen.md", "casussen/index.md", "casussen/vergelijken.md", "casussen/zoeken.md",
                      "checklists/index.md", "checklists/trainers.md", "doelgroepen/index.md", "index.md", "open-data.md", "provincies/index.md",
                      "referentie/foutcodes.md", "referentie/velden.md", "referentie/waarden.md",
                      "werkzame-bestanddelen/index.md",
                      "werkzame-bestanddelen/matrix-doelgroepen.md", "werkzame-bestanddelen/matrix.md",
                      "woonvormen/index.md"]


def test_case_page_starts_with_front_matter_and_the_title(catalog: Catalog) -> None:
    page = render_site(catalog, TODAY).pages[0]
    lines = page.content.splitlines()
    assert lines[:5] == ["---", 'description: "Een verzonnen voorbeeld voor de tests. Jongeren uit de opvang en gewone '
                         'huurders wonen samen in een oud kantoor. Een begeleider is twee dagen per week in het gebouw."',
                         'title: "Gemengd wonen in een voormalig kantoor (voorbeeld)"', 'soort: "Casus"', "---"]
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


def test_a_shared_group_of_fields_is_described_once(catalog: Catalog) -> None:
    """definitions/meetwaarde is used six times; its four fields are described at the first (issue 16)."""
    docs = {doc.path: doc for doc in field_docs(load_schema(CASE_SCHEMA), catalog.registries)}
    assert "doelen[].indicatoren[].nulmeting.kwalificatie" in docs
    assert "doelen[].indicatoren[].streefwaarde.kwalificatie" not in docs
    assert "kosten[].bedrag.waarde" not in docs
    assert docs["kosten[].bedrag"].same_as == "doelen[].indicatoren[].nulmeting"
    page = next(page.content for page in render_site(catalog, TODAY).pages if page.path == "referentie/velden.md")
    assert '<h4 id="veld-doelen-indicatoren-nulmeting">Nulmeting</h4>' in page
    assert ('Met dezelfde velden als <a href="#veld-doelen-indicatoren-nulmeting">doelen[].indicatoren[].nulmeting'
            '</a>.') in page


def test_the_field_reference_lists_each_register_once_on_a_page_of_its_own(catalog: Catalog) -> None:
    """The field reference went over 100 KB (issue 16): the registers' values move to their own page, each
    register once, and only the top-level fields are Markdown headings (the contents list)."""
    pages = {page.path: page.content for page in render_site(catalog, TODAY).pages}
    fields, values = pages["referentie/velden.md"], pages["referentie/waarden.md"]
    headings = [line for line in fields.splitlines() if line.startswith("#")]
    top = [doc for doc in field_docs(load_schema(CASE_SCHEMA), catalog.registries) if doc.depth == 0]
    assert headings == ["# Velden van een casus"] + [f"## {doc.title}" for doc in top]
    assert len(fields.encode()) < 40_000
    assert "<li><code>" not in fields
    assert ('De 8 toegestane waarden staan bij <a href="../waarden/#woonvormen">Woonvormen</a>.') in fields
    for name, registry in catalog.registries.items():
        if f'<a href="../waarden/#{name}">' in fields:
            assert values.count(f'<h2 id="{name}">') == 1
            assert all(f"<li><code>{term.id}</code>: " in values for term in registry.terms)
    assert values.count('<h2 id="kwalificaties">') == 1  # used by six fields, listed once
    assert ('<a href="../velden/#veld-kosten-bedrag-kwalificatie">' not in values
            and '<a href="../velden/#veld-doelen-indicatoren-nulmeting-kwalificatie">' in values)
    assert '<a href="../velden/#veld-woonvorm">woonvorm</a>' in values
    assert '<dl class="tb-field" id="veld-woonvorm">' in fields


def test_a_case_without_municipalities_is_placed_by_its_province_alone(tmp_path: Path) -> None:
    text = VALID_CASE.read_text(encoding="utf-8")
    text = re.sub(r"  gemeenten:\n    - Voorbeeldstad\n  provincie: utrecht\n  wijk: Centrum\n",
                  "  provincie: heel-nederland\n", text)
    (tmp_path / VALID_CASE.name).write_text(text, encoding="utf-8")
    national, report = load_catalog(tmp_path, today=TODAY)
    assert national is not None, report.problems
    case = national.cases[0]
    assert case.location.municipalities == ()
    pages = {page.path: page.content for page in render_site(national, TODAY).pages}
    case_page = pages[f"casussen/{case.id}.md"]
    assert "<dt>Gemeente</dt>" not in case_page
    assert ">Heel Nederland</a></dd>" in case_page
    overview = pages["casussen/index.md"]
    assert "· Heel Nederland ·" in overview and "· , " not in overview


def test_a_case_for_a_narrower_target_group_counts_for_the_broader_one_too(tmp_path: Path) -> None:
    # Issue 14: filtering on Statushouders hid the cases for jonge alleenstaande statushouders.
    text = VALID_CASE.read_text(encoding="utf-8").replace(
        "doelgroepen:\n  - uitstroom-mo\n  - reguliere-huurders\n", "doelgroepen:\n  - jonge-statushouders\n")
    (tmp_path / VALID_CASE.name).write_text(text, encoding="utf-8")
    loaded, report = load_catalog(tmp_path, today=TODAY)
    assert loaded is not None, report.problems
    site = render_site(loaded, TODAY)
    entry = json.loads(site.data["data/zoekindex.json"])["casussen"][0]
    assert entry["doelgroep"] == ["jonge-statushouders", "statushouders"]
    pages = {page.path: page.content for page in site.pages}
    assert loaded.cases[0].title.split(" (")[0] in pages["doelgroepen/statushouders.md"]
    assert "uitstroom-mo" not in entry["doelgroep"]
