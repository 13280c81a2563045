"""Real builds of the small example site in tests/sites/minimal with `mkdocs build --strict`."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast
from xml.etree import ElementTree

import pytest
from mkdocs.exceptions import PluginError

from conftest import VALID_CASE, build_environment, index_built_site, valid_case_text
from thuisbasis.site.plugin import ThuisbasisPlugin

# One worker runs this module (--dist loadgroup): each small site is built once, not once per worker.
pytestmark = pytest.mark.xdist_group("site-build")

SITE = Path(__file__).parent / "sites" / "minimal"
PACKAGE = Path(__file__).parents[1] / "scripts" / "thuisbasis"
VALID_CHECKLIST = Path(__file__).parent / "fixtures" / "valid_checklists" / "voorbeeld-checklist.yaml"

# Text fields with an emoji (outside the Basic Multilingual Plane) and Markdown that must stay text:
# a javascript: link, an image and an autolink on another host, a data: link, and YAML-hostile text.
EMOJI = "\N{HOUSE BUILDING}"
HOSTILE_MARKDOWN = "[x](javascript:alert(1)) ![](https://other.host/p.png) [d](data:text/html,hoi)"
HOSTILE_SUMMARY = f"Thuis {EMOJI} {HOSTILE_MARKDOWN} <https://other.host/a> \\ud83c: # --- {{{{ x }}}} 'en' \"dat\""
HOSTILE_LABEL = f"Housing First {EMOJI} {HOSTILE_MARKDOWN}"
HOSTILE_CHECKLIST_TITLE = f"Checklist {EMOJI} [x](javascript:alert(1)) ![](https://other.host/c.png)"

HOSTILE_CASE = (
    valid_case_text()
    .replace("id: voorbeeld-gemengd-wonen", "id: vijandige-casus")
    .replace(
        "titel: Gemengd wonen in een voormalig kantoor (voorbeeld)",
        "titel: '&lt;/title&gt; [klik](https://evil.example) {: onclick=\"alert(2)\" } *nadruk* & co'",
    )
    .replace(
        "  - Het kantoor werd verbouwd tot **40 studio's**.",
        "  - Het kantoor werd verbouwd. <script>alert(3)</script> <img src=\"https://evil.example/x.png\" onerror=alert(4)>\n"
        "  - <iframe src=\"https://evil.example\"></iframe> <a href=\"https://example.org\" onclick=\"alert(5)\">ok</a>",
    )
    .replace("  Een verzonnen voorbeeld voor de tests.", "  Een verzonnen voorbeeld \"><script>alert(7)</script> voor de tests.")
    .replace("toepassing: Een begeleider is twee dagen per week in het gebouw.",
             "toepassing: \"<b onmouseover=alert(6)>vet</b> & 'quotes'\"")
    .replace("woonvorm: gemengd-wonen", "woonvorm: housing-first")  # its label is hostile in this build
)


def yaml_quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


EMOJI_CASE = (
    valid_case_text()
    .replace("id: voorbeeld-gemengd-wonen", "id: emoji-casus")
    .replace("titel: Gemengd wonen in een voormalig kantoor (voorbeeld)", f"titel: Thuis {EMOJI} [x](javascript:alert(1))")
    .replace("samenvatting: >-\n  Een verzonnen voorbeeld voor de tests. Jongeren uit de opvang en gewone huurders wonen"
             " samen in een oud\n  kantoor. Een begeleider is twee dagen per week in het gebouw.\n",
             f"samenvatting: {yaml_quoted(HOSTILE_SUMMARY)}\n")
    .replace("woonvorm: gemengd-wonen", "woonvorm: housing-first")
)
HOSTILE_CHECKLIST = (
    VALID_CHECKLIST.read_text(encoding="utf-8")
    .replace("titel: Een voorbeeldchecklist", f"titel: {yaml_quoted(HOSTILE_CHECKLIST_TITLE)}")
    .replace("samenvatting: Een verzonnen checklist voor de tests, met twee onderdelen.",
             f"samenvatting: {yaml_quoted(HOSTILE_SUMMARY)}")
)


def package_with_hostile_label(folder: Path) -> Path:
    """A copy of the thuisbasis package in which the label of the woonvorm housing-first is hostile."""
    shutil.copytree(PACKAGE, folder / "thuisbasis", ignore=shutil.ignore_patterns("__pycache__"))
    registry = folder / "thuisbasis" / "data" / "registries" / "woonvormen.yaml"
    text = registry.read_text(encoding="utf-8")
    assert "    label: Housing First\n" in text
    registry.write_text(text.replace("    label: Housing First\n", f"    label: {yaml_quoted(HOSTILE_LABEL)}\n"),
                        encoding="utf-8")
    return folder


def build(site: Path, python_path: Path = PACKAGE.parent) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` with the thuisbasis package of this checkout (or the one in ``python_path``)."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(site / "mkdocs.yml")],
        capture_output=True, text=True, cwd=site, timeout=120,
        env={**build_environment(), "PYTHONPATH": str(python_path)},
    )


class PageFacts(HTMLParser):
    """Collects the h1 text, the nav links and the edit link of a built page."""

    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self.nav_links: list[str] = []
        self.edit_links: list[str] = []
        self._in_h1 = False
        self._nav_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "h1":
            self._in_h1 = True
            self.h1.append("")
        if tag == "nav" and "md-nav" in (attributes.get("class") or ""):
            self._nav_depth += 1
        if tag == "a" and self._nav_depth and attributes.get("href"):
            self.nav_links.append(attributes["href"] or "")
        if tag == "a" and "md-content__button" in (attributes.get("class") or ""):
            self.edit_links.append(attributes.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1[-1] += data


def attribute_names(html: str) -> list[str]:
    names: list[str] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            names.extend(name for name, _ in attrs)

    Collector().feed(html)
    return names


def facts(page: Path) -> PageFacts:
    parser = PageFacts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    site = folder / "minimal"
    shutil.copytree(SITE, site)
    shutil.copy(VALID_CASE, site / "cases" / VALID_CASE.name)
    (site / "cases" / "vijandige-casus.yaml").write_text(HOSTILE_CASE, encoding="utf-8")
    (site / "cases" / "emoji-casus.yaml").write_text(EMOJI_CASE, encoding="utf-8")
    (site / "checklists").mkdir()
    (site / "checklists" / VALID_CHECKLIST.name).write_text(HOSTILE_CHECKLIST, encoding="utf-8")
    docs_before = sorted(path.relative_to(site) for path in (site / "docs").rglob("*"))
    (folder / "node_modules").symlink_to(PACKAGE.parents[1] / "node_modules")  # the project's npm packages (npm ci), for the copy
    python_path = package_with_hostile_label(folder / "python")
    result = build(site, python_path)
    assert result.returncode == 0, result.stderr
    # The build leaves the search index to the next step, and says so (site/plugin.py on_post_build).
    assert not (site / "site" / "pagefind").exists()
    assert "thuisbasis: de zoekindex maakt de volgende stap: thuisbasis index site\n" in result.stderr  # cwd: the site's folder
    indexed = index_built_site(site / "site", cwd=site, environment={**build_environment(), "PYTHONPATH": str(python_path)})
    assert indexed.returncode == 0, indexed.stderr
    assert docs_before == sorted(path.relative_to(site) for path in (site / "docs").rglob("*")), \
        "the build wrote generated files into docs/"
    return site / "site"


@pytest.mark.parametrize(
    ("case_id", "title"),
    [
        ("kleine-casus", "Een kleine casus met alleen verplichte velden"),
        ("voorbeeld-gemengd-wonen", "Gemengd wonen in een voormalig kantoor (voorbeeld)"),
        ("vijandige-casus", "&lt;/title&gt; [klik](https://evil.example) {: onclick=\"alert(2)\" } *nadruk* & co"),
    ],
)
def test_each_case_gets_a_page_whose_h1_is_its_title(built_site: Path, case_id: str, title: str) -> None:
    page = facts(built_site / "casussen" / case_id / "index.html")
    assert [text.strip() for text in page.h1] == [title]


def test_case_page_shows_the_case_content(built_site: Path) -> None:
    html = (built_site / "casussen" / "voorbeeld-gemengd-wonen" / "index.html").read_text(encoding="utf-8")
    for expected in [
        '<dt>Woonvorm</dt> <dd><a href="../../woonvormen/gemengd-wonen/">Gemengd wonen</a></dd>',
        '<a href="../../doelgroepen/uitstroom-mo/">Uitstroom maatschappelijke opvang</a>, '
        '<a href="../../doelgroepen/reguliere-huurders/">Reguliere huurders</a>',
        "<dt>Gemeente</dt> <dd>Voorbeeldstad (Centrum)</dd>",
        '<dt>Provincie</dt> <dd><a href="../../provincies/utrecht/">Utrecht</a></dd>',
        "<dt>Regio</dt> <dd>Voorbeeldregio</dd>",
        "<dt>Periode</dt> <dd>maart 2023 tot 31 december 2025</dd>",
        "<dt>Status</dt> <dd>Afgerond volgens een bron uit 2025</dd>",
        "<dt>Nieuwste bron</dt> <dd>2025</dd>",
        "<dt>Omvang</dt> <dd>40 wooneenheden, 20 bewoners (De helft van de bewoners komt uit de opvang.)</dd>",
        "<p><strong>Niveau 4 van 5: onafhankelijk onderzocht.</strong>",
        "<span>Werkt het?</span></dt> <dd><strong>Werkt</strong>. Volgens de evaluatie.</dd>",
        "<span>Hoe zeker?</span></dt> <dd><strong>Niveau 4 van 5: onafhankelijk onderzocht</strong>. "
        "Resultaten gemeten door een andere partij.</dd>",
        "<span>Wat kost het?</span></dt> <dd><strong>Laag</strong>. Investering: € 31.250 per woning.</dd>",
        "<span>Hoe actueel?</span></dt> <dd><strong>2023 – 2025; nieuwste bron uit 2025</strong>. "
        "Afgerond volgens een bron uit 2025.",
        '<li class="tb-ladder__step tb-ladder__step--reached tb-ladder__step--current">4</li>',
        "<h3>Doelen</h3>\n<p>Het gemeten doel is niet gehaald.</p>",
        "Resultaat: <strong>18 personen</strong> · Streefwaarde: 20 personen · Gemeten: streefwaarde niet gehaald",
        '<div class="tb-bar tb-bar--not_met" aria-hidden="true">\n<span class="tb-bar__result" style="width: 90.0%"></span>',
        "Hoe bekend: zelf gemeten (<a href=\"#bron-jaarverslag-2025\">bron 1</a>)",
        "<li>Gemeente Voorbeeldstad: € 500.000</li>",
        "<strong>40 studio's</strong>",
        '<a href="https://example.org/gemengd" rel="noopener noreferrer">de website</a>',
        "<td data-label=\"Streefwaarde\">20 personen</td>",
        "<td data-label=\"Resultaat\">18 personen (juni 2025)<br><span class=\"tb-note\">Gemeten: streefwaarde niet gehaald</span></td>",
        "<td data-label=\"Resultaat\">72,5%</td>",
        "<td data-label=\"Hoe gemeten\">Extern gemeten</td>",
        '<a href="#bron-jaarverslag-2025">bron 1</a>',
        '<li id="bron-jaarverslag-2025">Woningstichting Voorbeeld, <a href="https://example.org/jaarverslag">Jaarverslag 2025</a> (30 juni 2025).</li>',
        '<dt><a href="../../werkzame-bestanddelen/woonbegeleiding/">Woonbegeleiding</a></dt>'
        " <dd>Een begeleider is twee dagen per week in het gebouw.</dd>",
        "<li>Laag. Investering: € 31.250 per woning.</li>",
        "<caption>Kosten zoals de bronnen ze noemen</caption>",
        "<th scope=\"row\">Investering</th>\n<td data-label=\"Bedrag\">€ 1.250.000</td>\n<td data-label=\"Per\">totaal</td>\n"
        "<td data-label=\"Periode\">eenmalig</td>\n<td data-label=\"Prijspeil\">2024</td>",
        "<th scope=\"row\">Begeleiding</th>\n<td data-label=\"Bedrag\">€ 80.000,5</td>\n<td data-label=\"Per\">totaal</td>\n"
        "<td data-label=\"Periode\">per jaar</td>\n<td data-label=\"Prijspeil\">niet genoemd</td>",
        "Uitkomst: positief",
        "Erkend als 'Goed beschreven' door Voorbeelddatabank op 1 oktober 2025",
        "<li>Hoe lang bewoners bleven</li>",
        "<li>Gemeente Voorbeeldstad: regie en opdrachtgeverschap</li>",
        '<a href="mailto:info@example.org">info@example.org</a>',
        "Laatst beoordeeld: 15 januari 2026",
    ]:
        assert expected in html, expected


def test_the_four_answers_come_first_on_a_case_page(built_site: Path) -> None:
    """'In één oogopslag' is the first thing under the title: before the facts box and the summary, and the
    icons are decoration that assistive technology skips."""
    html = (built_site / "casussen" / "voorbeeld-gemengd-wonen" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<h1"):]
    positions = [article.index(marker) for marker in (
        'id="in-een-oogopslag"', 'class="tb-answers"', 'class="tb-facts"', 'class="tb-summary"')]
    assert positions == sorted(positions)
    answers = article[article.index('class="tb-answers"'):article.index("</dl>")]
    assert re.findall(r"<span>([^<]+\?)</span></dt>", answers) == [
        "Werkt het?", "Hoe zeker?", "Wat kost het?", "Hoe actueel?"]
    assert answers.count("<svg") == 4 == answers.count('aria-hidden="true" focusable="false"')


def test_case_text_never_becomes_markup(built_site: Path) -> None:
    html = (built_site / "casussen" / "vijandige-casus" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    # The title as typed, '&lt;/title&gt; [klik]...', shows as itself: escaped once more in the HTML source.
    assert "<title>&amp;lt;/title&amp;gt; [klik]" in head, "the theme's <title> must show the text, not close the element"
    assert re.search(r'<span class="md-ellipsis">\s*&amp;lt;/title&amp;gt; \[klik\]', html), "the header shows it the same way"
    assert '<meta name="description" content="Een verzonnen voorbeeld &#34;&gt;&lt;script&gt;alert(7)' in head
    assert "alert(7)</script>" not in html
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    assert "<script" not in body
    assert "<iframe" not in body
    assert "<img" not in body
    assert [name for name in attribute_names(body) if name.startswith("on")] == []
    assert 'href="https://evil.example"' not in body, "a Markdown link in a plain-text field became a link"
    assert "<em>nadruk</em>" not in body
    assert "&lt;b onmouseover=alert(6)&gt;vet&lt;/b&gt; &amp; &#39;quotes&#39;" in body
    assert '<a href="https://example.org" rel="noopener noreferrer">ok</a>' in body


class PageText(HTMLParser):
    """The <title>, the description meta and every URL in an attribute that a browser follows or loads."""

    URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data", "xlink:href"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.title = ""
        self.description: str | None = None
        self.urls: list[str] = []
        self._in_title = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._in_title = tag == "title"
        if tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")
        self.urls.extend(value or "" for name, value in attrs if name in self.URL_ATTRIBUTES)

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def built_pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.relative_to(site).parts)


def test_no_text_field_escapes_the_sanitizer(built_site: Path) -> None:
    # An emoji once broke the front matter, and the text in it became live Markdown (issue 11, item 1).
    for path in built_pages(built_site):
        html = path.read_text(encoding="utf-8")
        for url in PageText(html).urls:
            assert not re.match(r"\s*(javascript|data|vbscript):", url, re.IGNORECASE), (path, url)
            assert "other.host" not in url, (path, url)
        assert 'id="description-' not in html, f"{path}: front matter shown as a heading"
        assert "\\ud83c\\udfe0" not in html, f"{path}: an emoji written as a JSON escape"


@pytest.mark.parametrize(("page", "h1", "description"), [
    ("casussen/emoji-casus", f"Thuis {EMOJI} [x](javascript:alert(1))", HOSTILE_SUMMARY),
    ("checklists/voorbeeld-checklist", HOSTILE_CHECKLIST_TITLE, HOSTILE_SUMMARY),
    ("checklists/voorbeeld-checklist/werkvorm", f"Werkvorm: {HOSTILE_CHECKLIST_TITLE}",
     f"Werkvorm bij de checklist {HOSTILE_CHECKLIST_TITLE}"),
    ("woonvormen/housing-first", HOSTILE_LABEL, f"woonvorm: {HOSTILE_LABEL}"),
])
def test_emoji_and_markdown_in_text_fields_show_as_themselves(built_site: Path, page: str, h1: str,
                                                              description: str) -> None:
    html = (built_site / page / "index.html").read_text(encoding="utf-8")
    assert [text.strip() for text in facts(built_site / page / "index.html").h1] == [h1]
    head = PageText(html)
    assert head.title.startswith(h1 + " - ")
    assert head.description == description


def test_emoji_in_the_case_page_body_and_its_links(built_site: Path) -> None:
    html = (built_site / "casussen" / "emoji-casus" / "index.html").read_text(encoding="utf-8")
    summary = HOSTILE_SUMMARY.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace('"', "&#34;")
    assert f'<p class="tb-summary">{summary}</p>' in html
    assert f'<a href="../../woonvormen/housing-first/">{HOSTILE_LABEL}</a>' in html


def test_open_data_and_feed_read_back_the_text_as_it_was(built_site: Path) -> None:
    record = next(r for r in json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))
                  if r["id"] == "emoji-casus")
    assert (record["samenvatting"], record["woonvorm"]["label"]) == (HOSTILE_SUMMARY, HOSTILE_LABEL)
    index = json.loads((built_site / "data" / "zoekindex.json").read_text(encoding="utf-8"))
    assert next(c for c in index["casussen"] if c["id"] == "emoji-casus")["samenvatting"] == HOSTILE_SUMMARY
    assert {"id": "housing-first", "label": HOSTILE_LABEL} in index["facetten"]["woonvorm"]
    rows = csv.DictReader(io.StringIO((built_site / "data" / "cases.csv").read_bytes().decode("utf-8"), newline=""))
    assert next(row for row in rows if row["id"] == "emoji-casus")["samenvatting"] == HOSTILE_SUMMARY  # nothing to defuse
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.fromstring((built_site / "feed.xml").read_bytes())  # noqa: S314 - the feed this test built
    entry = next(e for e in feed.iter(f"{atom}entry") if e.findtext(f"{atom}id") == "urn:thuisbasis:casus:emoji-casus")
    assert entry.findtext(f"{atom}title") == f"Thuis {EMOJI} [x](javascript:alert(1))"
    assert entry.findtext(f"{atom}summary") == HOSTILE_SUMMARY
    assert entry.find(f"{atom}category").get("label") == HOSTILE_LABEL  # type: ignore[union-attr]


def test_search_shows_the_emoji_as_itself(built_site: Path) -> None:
    fragment = search_fragments(built_site)["/casussen/emoji-casus/"]
    assert fragment["meta"]["title"] == f"Thuis {EMOJI} [x](javascript:alert(1))"
    assert HOSTILE_SUMMARY in fragment["content"]


def test_case_pages_are_not_listed_in_the_navigation(built_site: Path) -> None:
    page = facts(built_site / "casussen" / "kleine-casus" / "index.html")
    case_links = [link for link in page.nav_links if re.search(r"casussen/[a-z0-9-]+/", link)
                  or re.fullmatch(r"\.\./[a-z0-9-]+/", link)]
    assert case_links == []


def test_edit_link_points_at_the_case_file(built_site: Path) -> None:
    page = facts(built_site / "casussen" / "kleine-casus" / "index.html")
    assert page.edit_links == ["https://example.org/repo/edit/main/cases/kleine-casus.yaml"]
    handwritten = facts(built_site / "over" / "index.html")
    assert handwritten.edit_links == ["https://example.org/repo/edit/main/docs/over.md"]
    assert facts(built_site / "index.html").edit_links == [], "a generated page has no source to edit"


def test_overview_links_every_case(built_site: Path) -> None:
    html = (built_site / "casussen" / "index.html").read_text(encoding="utf-8")
    for case_id in ("kleine-casus", "vijandige-casus", "voorbeeld-gemengd-wonen"):
        assert f'href="{case_id}/"' in html


def test_reference_pages_and_index_data_are_built(built_site: Path) -> None:
    fields = (built_site / "referentie" / "velden" / "index.html").read_text(encoding="utf-8")
    assert "<code>doelen[].indicatoren[].meetwijze</code>" in fields
    codes = (built_site / "referentie" / "foutcodes" / "index.html").read_text(encoding="utf-8")
    assert "<code>TB104</code>" in codes
    # Issue 14: {place} in the templates is explained, with an example in words.
    assert "<code>{place}</code> is de plek" in codes and "doel 2, indicator 3" in codes
    records = json.loads((built_site / "data" / "cases.json").read_text(encoding="utf-8"))
    assert [record["id"] for record in records] == ["emoji-casus", "kleine-casus", "vijandige-casus",
                                                    "voorbeeld-gemengd-wonen"]
    assert records[1]["url"] == "casussen/kleine-casus/"


def search_fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Pagefind's page fragments (gzipped JSON after a 'pagefind_dcd' marker), by URL."""
    fragments = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        fragments[fragment["url"]] = fragment
    return fragments


def test_search_covers_case_text_in_dutch(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["nl"]
    case = search_fragments(built_site)["/casussen/kleine-casus/"]
    assert "De bewoners kiezen zelf met wie ze gaan wonen." in case["content"]
    assert case["meta"]["title"] == "Een kleine casus met alleen verplichte velden"
    assert "Woonvorm Woningdelen" in case["content"]  # a label and its value stay two words in excerpts
    # The citation and licence lines are the same on every case: not searched (site/search.py LEFT_OUT).
    assert "Zo verwijs je naar deze casus" in case["content"] and "overnemen en bewerken" not in case["content"]
    # The summaries at the top repeat facts further down in sentences that are the same on every case.
    html = (built_site / "casussen" / "kleine-casus" / "index.html").read_text(encoding="utf-8")
    for summary in ("Werkt het?", "Hoe sterk is het bewijs?", "Zo bepalen we het bewijsniveau"):
        assert summary in html and summary not in case["content"]
    assert case["filters"] == {"casus": ["kleine-casus"]}  # the page script's full-text search needs it


def test_no_request_to_another_host(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"fonts\.(googleapis|gstatic)\.com|unpkg\.com|cdn\.jsdelivr", html), page


def test_an_invalid_case_stops_the_build_with_the_validator_messages(tmp_path: Path) -> None:
    site = tmp_path / "minimal"
    shutil.copytree(SITE, site)
    broken = site / "cases" / "kleine-casus.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("woonvorm: woningdelen", "woonvorm: kamerverhuur"),
                      encoding="utf-8")
    result = build(site)
    assert result.returncode == 1
    validate = subprocess.run([sys.executable, "-m", "thuisbasis", "validate", "cases"], capture_output=True,
                              text=True, cwd=site)
    problem_line = next(line for line in validate.stdout.splitlines() if " TB104 " in line)  # warnings come first
    assert problem_line.startswith("cases/kleine-casus.yaml:6:11: TB104 'woonvorm' is 'kamerverhuur'")
    assert problem_line in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "site" / "casussen").exists()


def test_search_is_a_pagefind_index_and_materials_index_is_empty(built_site: Path) -> None:
    # Material's lunr index holds only its settings: every page is left out (site/plugin.py), because
    # the search dialog asks Pagefind (docs/javascripts/zoekmachine.js).
    lunr = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert lunr["docs"] == []
    pages = [page for page in built_site.rglob("index.html") if "pagefind" not in page.relative_to(built_site).parts]
    assert len(search_fragments(built_site)) == len(pages)  # every page, not the 404 page


# What a case page shows but Pagefind does not index (site/search.py LEFT_OUT): fixed words that stand on every
# case with such a block, and lists that repeat other pages. Each with the words that show it on the page.
SHOWN_NOT_SEARCHED = {
    "the goals table's caption and column heads": "Indicatoren bij dit doel Indicator Nulmeting Streefwaarde",
    "the costs table's caption and column heads": "Kosten zoals de bronnen ze noemen Soort Bedrag Per Periode",
    "the checklists that share an ingredient": "Deze checklists gaan over dezelfde werkzame bestanddelen.",
    "the national figures a case cites": "Deze landelijke cijfers zetten de casus in een breder verband.",
}
SEE_ALSO = re.compile(r'<ul class="tb-see-also">(.*?)</ul>', re.DOTALL)


class ShownText(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.feed(html)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def shown_text(html: str) -> str:
    """The text of ``html`` as a reader sees it: tags out, entities read."""
    return " ".join(ShownText(html).parts)


def only_words(text: str) -> str:
    """The letters and digits of ``text``, lower case: Pagefind puts a full stop after a heading or a cell, and
    writes the cells of a table head without a space between them."""
    return re.sub(r"\W+", "", text).casefold()


@pytest.mark.parametrize("block", sorted(SHOWN_NOT_SEARCHED))
def test_a_case_page_shows_what_the_search_leaves_out(project_site: Path, block: str) -> None:
    words = SHOWN_NOT_SEARCHED[block]
    fragments = search_fragments(project_site)
    showing = [page for page in sorted((project_site / "casussen").glob("*/index.html"))
               if only_words(words) in only_words(shown_text(page.read_text(encoding="utf-8")))]
    assert showing, f"no case page shows {block}: the test would prove nothing"
    for page in showing:
        content = only_words(fragments["/casussen/" + page.parent.name + "/"]["content"])
        assert only_words(words) not in content, (block, page)


def test_the_search_leaves_out_the_titles_of_related_cases_but_not_the_case_itself(project_site: Path) -> None:
    # A title in "Zie ook" repeats another case, which has its own page in the index.
    fragments = search_fragments(project_site)
    checked = 0
    for page in sorted((project_site / "casussen").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        related = SEE_ALSO.search(html)
        if related is None:
            continue
        rest = only_words(shown_text(html.replace(related.group(0), "")))
        fragment = fragments["/casussen/" + page.parent.name + "/"]
        content = only_words(fragment["content"])
        assert only_words(fragment["meta"]["title"]) in content  # its own title is searched
        for link in re.findall(r"<a [^>]*>(.*?)</a>", related.group(1)):
            title = only_words(shown_text(link))
            if title not in rest:  # the page does not name it elsewhere
                assert title not in content, (page, title)
                checked += 1
    assert checked, "no related case title to check: the test would prove nothing"


TABLE_HEAD = re.compile(r"<thead[^>]*>(.*?)</thead>", re.DOTALL)
HEAD_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)


def test_the_search_reads_the_cells_of_a_table_head_as_words_of_their_own(project_site: Path) -> None:
    # Pagefind writes two <th> cells with nothing between them as one word ("CodeBetekenis"); the templates put
    # a space between them.
    checked = 0
    for url, fragment in search_fragments(project_site).items():
        html = (project_site / url.strip("/") / "index.html").read_text(encoding="utf-8")
        for head in TABLE_HEAD.findall(html):
            cells = [shown_text(cell).strip() for cell in HEAD_CELL.findall(head)]
            for left, right in zip(cells, cells[1:]):
                assert left + right not in fragment["content"], (url, left, right)
                checked += left in fragment["content"]
    assert checked, "no table head in the index: the test would prove nothing"


def test_page_two_and_on_of_a_list_is_not_in_the_search(project_site: Path) -> None:
    # Its title and introduction are page 1's: in the results it only repeats page 1 (overrides/main.html).
    continued = sorted(project_site.glob("**/pagina-*/index.html"))
    assert continued, "the project's site has a list longer than one page"
    fragments = search_fragments(project_site)
    for page in continued:
        url = "/" + page.parent.relative_to(project_site).as_posix() + "/"
        assert url not in fragments and "data-pagefind-body" not in page.read_text(encoding="utf-8"), url
    assert "/casussen/" in fragments  # page 1 is
    marked = [page for page in project_site.rglob("index.html") if "data-pagefind-body" in page.read_text(encoding="utf-8")]
    assert len(fragments) == len(marked)  # and every other page with the mark


def test_a_generated_page_whose_front_matter_mkdocs_cannot_read_stops_the_build() -> None:
    plugin = ThuisbasisPlugin()
    plugin.generated_pages = {"casussen/x.md"}

    def page(path: str, meta: dict[str, Any]) -> Any:
        return SimpleNamespace(file=SimpleNamespace(src_uri=path), meta=meta)

    config, files = cast(Any, None), cast(Any, None)
    with pytest.raises(PluginError, match=r"kop \(front matter\) van casussen/x\.md"):
        plugin.on_page_markdown("---\ndescription: ...", page=page("casussen/x.md", {}), config=config, files=files)
    assert plugin.on_page_markdown("# x", page=page("casussen/x.md", {"description": "d"}), config=config,
                                   files=files) == "# x"
    assert plugin.on_page_markdown("# over", page=page("over.md", {}), config=config, files=files) == "# over"


HONEST_CASE = VALID_CASE.parent / "voorbeeld-eerlijke-cijfers.yaml"


@pytest.fixture(scope="module")
def honest_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site with the case that uses every field of issue 12 and the national figures beside cases/."""
    site = tmp_path_factory.mktemp("honest") / "minimal"
    shutil.copytree(SITE, site)
    shutil.copy(HONEST_CASE, site / "cases" / HONEST_CASE.name)
    shutil.copytree(HONEST_CASE.parent.parent / "context", site / "context")
    result = build(site)
    assert result.returncode == 0, result.stderr
    return site / "site"


def test_values_are_shown_as_the_source_said_them(honest_site: Path) -> None:
    html = (honest_site / "casussen" / "voorbeeld-eerlijke-cijfers" / "index.html").read_text(encoding="utf-8")
    for expected in [
        # Target 450, result 'ruim 450': met, but only according to those involved.
        "<td data-label=\"Resultaat\">ruim 450 personen<br><span class=\"tb-note\">Volgens betrokkenen: streefwaarde gehaald</span></td>",
        "<td data-label=\"Resultaat\">800 à 900 woningen</td>",
        # Target 1800, result 'bijna 1800': not met.
        "<td data-label=\"Resultaat\">bijna 1.800 personen<br><span class=\"tb-note\">Gemeten: streefwaarde niet gehaald</span></td>",
        "<dt>Status</dt> <dd>Lopend volgens een bron uit 2016</dd>",
        "<dt>Nieuwste bron</dt> <dd>2018</dd>",
        "<caption>Kosten zoals de bronnen ze noemen</caption>",
        "<th scope=\"row\">Investering<br><span class=\"tb-note\">Bouw en plaatsing van de woningen.</span></th>\n"
        "<td data-label=\"Bedrag\">ongeveer € 2.100.000</td>\n<td data-label=\"Per\">totaal</td>\n"
        "<td data-label=\"Periode\">eenmalig</td>\n<td data-label=\"Prijspeil\">2016</td>",
        "<th scope=\"row\">Huur</th>\n<td data-label=\"Bedrag\">€ 450 à 600</td>\n<td data-label=\"Per\">per woning</td>\n"
        "<td data-label=\"Periode\">per maand</td>\n<td data-label=\"Prijspeil\">niet genoemd</td>",
        "<li>Midden (ongeveer). Investering: ongeveer € 70.000 per woning.</li>",
        "<dd><strong>Gemengd</strong>. Volgens de evaluatie.</dd>",
        "Uitkomst: gemengd. Bewoners waren tevreden over de woning, maar voelden zich soms eenzaam.",
        "<li>Statushouders die 344 Nederlandse gemeenten samen in een half jaar aan een woning hielpen: ruim 17.000 "
        "personen (peildatum onbekend).</li>",
        '<a href="../../landelijk-beeld/">Meer landelijke cijfers, met bronnen</a>',
    ]:
        assert expected in html, expected
    assert "\">1.800 personen<br>" not in html and "<strong>1.800 personen</strong>" not in html


def test_the_national_context_page_lists_figures_sources_and_citing_cases(honest_site: Path) -> None:
    html = (honest_site / "landelijk-beeld" / "index.html").read_text(encoding="utf-8")
    assert "<td>ruim 17.000 personen</td>" in html
    assert "<td>bijna 1.800 personen</td>" in html
    assert '<a href="../casussen/voorbeeld-eerlijke-cijfers/">Tijdelijke woningen bij een school (voorbeeld)</a>' in html
    assert '<li id="bron-interview-beschermd-thuis">' in html
    home = (honest_site / "index.html").read_text(encoding="utf-8")
    assert 'href="landelijk-beeld/"' in home


def test_open_data_carries_the_structured_value_and_its_text(honest_site: Path) -> None:
    cases = json.loads((honest_site / "data" / "cases.json").read_text(encoding="utf-8"))
    case = next(item for item in cases if item["id"] == "voorbeeld-eerlijke-cijfers")
    housed = case["doelen"][0]["indicatoren"][0]
    assert housed["resultaat"] == {"waarde": 450, "van": None, "tot": None, "kwalificatie": "ruim",
                                   "tekst": "ruim 450 personen"}
    assert case["doelen"][0]["indicatoren"][1]["resultaat"]["tekst"] == "800 à 900 woningen"
    assert (case["oordeel"]["id"], case["kostenband"]["id"], case["actualiteit"]["status"]) == (
        "gemengd", "midden", "Lopend volgens een bron uit 2016")
    assert case["kosten"][1]["bedrag"] == {"waarde": None, "van": 450, "tot": 600, "kwalificatie": None,
                                           "tekst": "€ 450 à 600"}
