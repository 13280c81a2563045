"""Zero broken internal links in the built site, anchors included.

A small checker over site/: every href and src that is relative or site-absolute must resolve to a file
in the site (a folder means its index.html), and a #fragment into one of our pages must name an id (or
a name) on that page. Links to other hosts are checked weekly by .github/workflows/links.yml, not here.
"""

from __future__ import annotations

import os
import re
import shutil
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from tests.test_workflows import workflow

from conftest import ROOT, VALID_CASE
from thuisbasis.validation import validate_paths

LINK_ATTRIBUTES = {"href", "src", "poster", "action"}


class _PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str]] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"id", "name"} and value and tag != "meta":
                self.anchors.add(value)
            elif name in LINK_ATTRIBUTES and value is not None:
                self.links.append((self.getpos()[0], value))
            elif name == "srcset" and value:
                self.links.extend((self.getpos()[0], part.split()[0]) for part in value.split(",") if part.strip())


def parse(page: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def broken_links(site: Path) -> list[str]:
    pages = {page: parse(page) for page in sorted(site.rglob("*.html"))}
    broken = []
    for page, found in pages.items():
        for line, url in found.links:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue  # another host, mailto:, data:; the audit forbids the dangerous schemes
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                target = site / unquote(parts.path).lstrip("/")
            else:
                target = page.parent / unquote(parts.path)
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site).as_posix()}:{line}: {url}"
            if not target.is_relative_to(site.resolve()) or not target.is_file():
                broken.append(f"{where} (bestaat niet)")
            elif parts.fragment and target.suffix == ".html":
                anchors = pages[target].anchors if target in pages else parse(target).anchors
                if unquote(parts.fragment) not in anchors:
                    broken.append(f"{where} (anker bestaat niet)")
    return broken


@pytest.fixture(scope="module")
def built_site(project_site: Path) -> Path:
    """The project's own site, built once per session (tests/conftest.py); read only."""
    return project_site


def test_the_built_site_has_no_broken_internal_links(built_site: Path) -> None:
    assert sum(len(parse(page).links) for page in built_site.rglob("*.html")) > 1000
    assert broken_links(built_site) == []


PLANTED = [
    ('<a href="../casussen/bestaat-niet/">x</a>', "bestaat niet"),
    ('<a href="/assets/ontbreekt.css">x</a>', "bestaat niet"),
    ('<img src="../../../../../../etc/passwd">', "bestaat niet"),
    ('<a href="../index.html#geen-anker-met-deze-naam">x</a>', "anker bestaat niet"),
    ('<a href="#ook-niet">x</a>', "anker bestaat niet"),
]


def test_the_checker_finds_each_planted_broken_link(built_site: Path, tmp_path: Path) -> None:
    """Each link on a page of its own in one copy of the real site, checked once: each is found, and nothing else."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    expected = []
    for number, (link, reason) in enumerate(PLANTED, 1):
        (site / f"geplant-{number}").mkdir()
        (site / f"geplant-{number}" / "index.html").write_text(f"<p id='hier'>\n{link}<a href='#hier'>ok</a></p>\n",
                                                            encoding="utf-8")
        url = link.split('"')[1]
        expected.append(f"geplant-{number}/index.html:2: {url} ({reason})")
    assert sorted(broken_links(site.resolve())) == sorted(expected)


# Outside links: only in the weekly workflow (.github/workflows/links.yml sets THUISBASIS_EXTERNAL_LINKS=1).
CHECK_EXTERNAL = os.environ.get("THUISBASIS_EXTERNAL_LINKS") == "1"
USER_AGENT = "Thuisbasis-linkcontrole/1.0 (+https://github.com/thuisbasis/thuisbasis)"


URL_IN_TEXT = re.compile(r"https?://[^\s)\]>\"']+")


def source_urls(paths: list[Path] | None = None) -> dict[str, list[str]]:
    """Every web address in the cases and checklists (source urls, websites, links in text), with its files."""
    report = validate_paths(paths or [ROOT / "cases", ROOT / "checklists"])
    found: dict[str, list[str]] = {}

    def walk(value: object, name: str) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item, name)
        elif isinstance(value, list):
            for item in value:
                walk(item, name)
        elif isinstance(value, str):
            for url in URL_IN_TEXT.findall(value):
                found.setdefault(url.rstrip(".,;:"), []).append(name)

    for document in [*report.cases, *report.checklists]:
        walk(document.data, document.path.name)
    return found


def answers(url: str) -> str | None:
    """None when the address answers with a page; else why not, in Dutch."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310 - http(s) only (URL_IN_TEXT)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - http(s) only (URL_IN_TEXT)
                if response.status < 400:
                    return None
        except urllib.error.HTTPError as error:
            if method == "GET":
                return f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            if method == "GET":
                return f"niet bereikbaar ({error})"
    return "geen antwoord"


def test_the_weekly_check_finds_every_web_address_in_a_case() -> None:
    assert source_urls([VALID_CASE]) == {
        "https://example.org/gemengd": [VALID_CASE.name],
        "https://example.org/jaarverslag": [VALID_CASE.name],
        "https://example.org": [VALID_CASE.name],
    }


@pytest.mark.skipif(not CHECK_EXTERNAL, reason="netwerk: alleen in de wekelijkse workflow links.yml")
def test_source_links_answer() -> None:
    broken = [f"{url} ({reason}) in {', '.join(files)}"
              for url, files in sorted(source_urls().items()) if (reason := answers(url))]
    assert broken == []


def test_links_workflow_runs_weekly_and_on_demand() -> None:
    data = workflow("links.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert len(data["on"]["schedule"]) == 1
    runs = [step for job in data["jobs"].values() for step in job["steps"] if "run" in step]
    assert runs[-1]["run"] == ".venv/bin/python -m pytest tests/test_links.py"
    assert runs[-1]["env"] == {"THUISBASIS_EXTERNAL_LINKS": "1"}
