"""Every format generated text is written in reads back exactly: front matter, JSON, CSV and the Atom feed.

The text comes from anywhere in Unicode, emoji (outside the Basic Multilingual Plane) included, mixed
with what each format or Markdown could misread (issue 11, item 1).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape
from mkdocs.utils.meta import get_data

from conftest import TODAY, VALID_CASE, replace_line, valid_case_text
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.model.cases import Catalog
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import render_site, shared_environment
from thuisbasis.render.data import (
    CSV_COLUMNS,
    case_csv_row,
    case_record,
    cases_csv,
    cases_json,
    csv_text,
    dump_json,
    json_piece,
    search_index,
    search_record,
    spreadsheet_safe,
    term_record,
)
from thuisbasis.render.frontmatter import front_matter, page_front_matter, yaml_string
from thuisbasis.render.views import case_view

VALID_CHECKLIST = Path(__file__).parent / "fixtures" / "valid_checklists" / "voorbeeld-checklist.yaml"
TITLE = "Thuis \N{HOUSE BUILDING} [x](javascript:alert(1)) ![](https://other.host/p.png) 'a' \"b\" \\ud83c: # ---"
SUMMARY = TITLE + " [d](data:text/html,hoi) <https://other.host/a> {{ x }} & ;=1+1"
SUMMARY_IN_CSV = SUMMARY.replace(";=1+1", ";'=1+1")

HOSTILE_PIECES = (": ", " #", "#", "---", "...", '"', "'", "\\", "\\u", "\\ud83c\\udfe0", "\\U0001F3E0", "{{", "}}",
                  "[x](javascript:alert(1))", "![](https://other.host/p.png)", "\N{HOUSE BUILDING}", "\N{PILE OF POO}",
                  "\U0001fffe", "\U0010ffff", "\ufeff", "\u2028", "\u2029", "\x85", "\t", "\r", "\n", "- ", "? ",
                  "&", "*a", "!tag", "%", "@", "`", "|", ">", "\x00", "\x7f", "\ufffe", "\uffff")
# Any text without lone surrogates (a UTF-8 file cannot hold them), biased towards the pieces above.
hostile_text = st.lists(st.one_of(st.text(), st.sampled_from(HOSTILE_PIECES)), max_size=8).map("".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(hostile_text)
def test_a_yaml_string_reads_back_exactly_with_libyaml_and_pure_python(text: str) -> None:
    document = f"value: {yaml_string(text)}\n"
    assert "\n" not in document[:-1]
    for loader_class in (yaml.CSafeLoader, yaml.SafeLoader):  # what MkDocs reads front matter with: libyaml, or pure
        loader = loader_class(document)
        try:
            assert loader.get_single_data() == {"value": text}, loader_class.__name__
        finally:
            loader.dispose()


@settings(max_examples=200, deadline=None, derandomize=True)
@given(hostile_text, st.lists(hostile_text, max_size=3), hostile_text)
def test_mkdocs_reads_the_front_matter_back_exactly(description: str, hide: list[str], body: str) -> None:
    meta = {"description": description, "hide": hide}
    markdown, read = get_data(front_matter(meta) + "\n# Titel\n" + body)
    assert read == meta
    assert markdown == "# Titel\n" + body


def test_emoji_stay_themselves_in_front_matter() -> None:
    assert front_matter({"description": "Thuis \N{HOUSE BUILDING}"}) == '---\ndescription: "Thuis \N{HOUSE BUILDING}"\n---\n'


def test_the_page_description_is_html_escaped_for_the_theme() -> None:
    _, meta = get_data(str(page_front_matter('"><script>alert(1)</script> & \N{HOUSE BUILDING}', hide=["toc"])))
    assert meta == {"description": "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; \N{HOUSE BUILDING}",
                    "hide": ["toc"]}


@settings(max_examples=200, deadline=None, derandomize=True)
@given(hostile_text)
def test_json_reads_back_exactly_and_keeps_emoji(text: str) -> None:
    value = {"tekst": text, "lijst": [text, 1, 2.5, None, True], text: {"leeg": []}}
    dumped = dump_json(value)
    assert json.loads(dumped) == value
    assert dumped == json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert not re.search(r"\\ud[89a-f]", dumped.replace("\\\\", "")), "an emoji written as a surrogate pair"


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.one_of(hostile_text, st.dictionaries(hostile_text, st.lists(hostile_text, max_size=3), max_size=3)),
                max_size=4), st.integers(min_value=0, max_value=3))
def test_json_pieces_put_in_a_document_are_the_bytes_of_their_values(items: list[object], depth: int) -> None:
    # casussen.json and the filter index hold a piece per case (kept per case while serving); a piece made
    # for one depth is right at any other too
    pieces = [json_piece(item, depth) for item in items]
    assert dump_json(pieces) == dump_json(items)
    assert dump_json({"a": {"b": pieces}, "c": 1}) == dump_json({"a": {"b": items}, "c": 1})  # deeper, among keys
    assert json.loads(dump_json(pieces)) == items


def test_open_data_joined_from_pieces_is_what_the_json_and_csv_modules_write() -> None:
    catalog = load_catalog(Path(__file__).parents[1] / "cases", today=TODAY)[0]
    assert catalog is not None
    views = [case_view(case, TODAY) for case in catalog.cases]
    assert cases_json(views) == json.dumps([case_record(view) for view in views], ensure_ascii=False, indent=1,
                                           sort_keys=True, allow_nan=False) + "\n"
    facets = {"doelgroep": catalog.registries["doelgroepen"].terms, "woonvorm": catalog.registries["woonvormen"].terms}
    whole = {"facetten": {key: [term_record(term) for term in terms] for key, terms in facets.items()},
             "casussen": [search_record(view, facets["doelgroep"]) for view in views]}
    assert search_index(views, facets) == json.dumps(whole, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert cases_csv(views) == csv_text([CSV_COLUMNS, *(case_csv_row(view) for view in views)])


def hostile_catalog(tmp_path: Path) -> Catalog:
    """The valid case and checklist, with an emoji and hostile Markdown in a case summary and title, a
    checklist title and summary, and the label of the case's woonvorm."""
    (tmp_path / "cases").mkdir()
    (tmp_path / "checklists").mkdir()
    (tmp_path / "cases" / VALID_CASE.name).write_text(
        replace_line(valid_case_text(), "titel: Gemengd wonen in een voormalig kantoor (voorbeeld)",
                     f"titel: {json.dumps(TITLE, ensure_ascii=False)}")
        .replace("samenvatting: >-\n  Een verzonnen voorbeeld voor de tests. Jongeren uit de opvang en gewone huurders wonen"
                 " samen in een oud\n  kantoor. Een begeleider is twee dagen per week in het gebouw.\n",
                 f"samenvatting: {json.dumps(SUMMARY, ensure_ascii=False)}\n"), encoding="utf-8")
    (tmp_path / "checklists" / VALID_CHECKLIST.name).write_text(
        VALID_CHECKLIST.read_text(encoding="utf-8")
        .replace("titel: Een voorbeeldchecklist", f"titel: {json.dumps(TITLE, ensure_ascii=False)}")
        .replace("samenvatting: Een verzonnen checklist voor de tests, met twee onderdelen.",
                 f"samenvatting: {json.dumps(SUMMARY, ensure_ascii=False)}"), encoding="utf-8")
    registries = tmp_path / "registries"
    shutil.copytree(REGISTRY_DIR, registries)
    woonvormen = registries / "woonvormen.yaml"
    woonvormen.write_text(woonvormen.read_text(encoding="utf-8").replace(
        "label: Gemengd wonen\n", f"label: {json.dumps(TITLE, ensure_ascii=False)}\n"), encoding="utf-8")
    catalog, report = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "checklists", today=TODAY,
                                   registry_dir=registries)
    assert catalog is not None, report.summary()
    assert catalog.cases[0].summary == SUMMARY and catalog.cases[0].housing_form.label == TITLE
    return catalog


def test_mkdocs_reads_the_front_matter_of_every_generated_page(tmp_path: Path) -> None:
    # An emoji in a text field once broke the front matter: MkDocs then read it as Markdown (issue 11, item 1).
    site = render_site(hostile_catalog(tmp_path), TODAY)
    for page in site.pages:
        markdown, meta = get_data(page.content)
        assert isinstance(meta.get("description"), str), page.path
        assert not markdown.startswith("---"), page.path
    descriptions = {page.path: get_data(page.content)[1]["description"] for page in site.pages}
    assert descriptions["casussen/voorbeeld-gemengd-wonen.md"] == str(escape(SUMMARY))
    assert descriptions["checklists/voorbeeld-checklist.md"] == str(escape(SUMMARY))
    assert descriptions["woonvormen/gemengd-wonen.md"] == str(escape(f"woonvorm: {TITLE}"))


def test_open_data_reads_back_every_text_exactly(tmp_path: Path) -> None:
    site = render_site(hostile_catalog(tmp_path), TODAY)
    [record] = json.loads(site.data["data/cases.json"])
    assert (record["titel"], record["samenvatting"], record["woonvorm"]["label"]) == (TITLE, SUMMARY, TITLE)
    [entry] = json.loads(site.data["data/zoekindex.json"])["casussen"]
    assert (entry["titel"], entry["samenvatting"]) == (TITLE, SUMMARY)
    [row] = csv.DictReader(io.StringIO(site.data["data/cases.csv"], newline=""))
    assert (row["titel"], row["samenvatting"]) == (TITLE, SUMMARY_IN_CSV)
    atom = "{http://www.w3.org/2005/Atom}"
    [feed_entry] = ElementTree.fromstring(site.data["feed.xml"]).iter(f"{atom}entry")  # noqa: S314 - rendered here
    assert feed_entry.findtext(f"{atom}title") == TITLE
    assert feed_entry.findtext(f"{atom}summary") == SUMMARY
    assert feed_entry.find(f"{atom}category").get("label") == TITLE  # type: ignore[union-attr]


SEPARATORS = ",;\t\r\n"  # what a spreadsheet may split a line on, whichever the file uses
FORMULA_STARTS = "=+-@\t\r"


def field_starts(text: str) -> list[int]:
    """Where a spreadsheet could start a field in ``text``: the start and after any separator,
    past spaces and double quotes."""
    starts = []
    for start in [0] + [index + 1 for index, character in enumerate(text) if character in SEPARATORS]:
        while start < len(text) and text[start] in ' "':
            start += 1
        starts.append(start)
    return starts


def only_apostrophes_added(original: str, guarded: str) -> bool:
    position = 0
    for character in guarded:
        if position < len(original) and character == original[position]:
            position += 1
        elif character != "'":
            return False
    return position == len(original)


def csv_round_trip(cell: str) -> str:
    """The cell as the cases.csv writer writes it and a CSV reader reads it back."""
    [[read, after]] = csv.reader(io.StringIO(csv_text([[cell, "x"]]), newline=""))
    assert after == "x"
    return read


@pytest.mark.parametrize(("cell", "safe"), [
    ("Gewone tekst, met komma; en puntkomma", "Gewone tekst, met komma; en puntkomma"),
    ("=1+1", "'=1+1"),
    ("+31 6", "'+31 6"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t'=1"),
    ("\r=1", "'\r'=1"),
    ("Samen;=HYPERLINK(\"https://evil.example\")", "Samen;'=HYPERLINK(\"https://evil.example\")"),
    ("a; =1", "a; '=1"),
    ('a;"=1"', 'a;"\'=1"'),
    ("a,@x", "a,'@x"),
    ("a\t+1", "a\t'+1"),
    ("a\t\tb", "a\t'\tb"),
    ("Doelen:\n- minder huisuitzettingen", "Doelen:\n'- minder huisuitzettingen"),
    ("a\r\n=1", "a\r\n'=1"),
    ("1+1=2 en e-mail@voorbeeld.nl", "1+1=2 en e-mail@voorbeeld.nl"),
    ("", ""),
])
def test_csv_cells_never_start_a_formula(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe
    assert csv_round_trip(cell) == safe


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(st.text(), st.sampled_from([*SEPARATORS, *FORMULA_STARTS, " ", '"', "'"]),
                          st.sampled_from(HOSTILE_PIECES)), max_size=12).map("".join))
def test_no_split_of_a_csv_cell_starts_a_formula(cell: str) -> None:
    safe = spreadsheet_safe(cell)
    assert all(start == len(safe) or safe[start] not in FORMULA_STARTS for start in field_starts(safe)), repr(safe)
    assert only_apostrophes_added(cell, safe)
    assert csv_round_trip(cell) == safe


XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # the loader refuses these in every file


def feed_of(title: str, summary: str, label: str) -> str:
    case = SimpleNamespace(id="casus", title=title, summary=summary, added=None, last_reviewed="2026-01-01",
                           housing_form=SimpleNamespace(id="woningdelen", label=label))
    entry = shared_environment().get_template("feed_entry.xml.j2").render(view=SimpleNamespace(case=case))
    return shared_environment().get_template("feed.xml.j2").render(entries=[Markup(entry)],  # noqa: S704 - escaped
                                                                   updated="2026-01-01")


@settings(max_examples=200, deadline=None, derandomize=True)
@given(hostile_text, hostile_text, hostile_text)
def test_the_feed_is_xml_that_reads_back_exactly(title: str, summary: str, label: str) -> None:
    if any(XML_FORBIDDEN.search(text) for text in (title, summary, label)):
        with pytest.raises(ValueError, match="XML"):
            feed_of(title, summary, label)
        return
    atom = "{http://www.w3.org/2005/Atom}"
    [entry] = ElementTree.fromstring(feed_of(title, summary, label)).iter(f"{atom}entry")  # noqa: S314 - rendered here
    assert entry.findtext(f"{atom}title") == title
    assert entry.findtext(f"{atom}summary") == summary
    assert entry.find(f"{atom}category").get("label") == label  # type: ignore[union-attr]
