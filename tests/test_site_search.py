"""scripts/thuisbasis/site/search.py and the search parts of overrides/main.html.

The browser side (Material's dialog answered by Pagefind) is tested in tests/browser/test_search.py and
tests/test_search_worker.py; the built index is checked in tests/test_site_build.py.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import material
import pytest

from test_reproducible import pagefind_digests, unordered_by_pagefind
from thuisbasis.site import search
from thuisbasis.site.search import (
    IN_FLIGHT,
    PagefindService,
    SearchIndex,
    SearchIndexError,
    index_served_site,
    searchable_part,
)

ROOT = Path(__file__).resolve().parents[1]
OVERRIDE = ROOT / "overrides" / "main.html"
MATERIAL_BASE = Path(material.__file__).parent / "templates" / "base.html"


def config_block(template: str) -> str:
    start = template.index("{% block config %}")
    return textwrap.dedent(template[template.rindex("\n", 0, start) + 1:template.index("{% endblock %}", start)])


def test_config_block_is_materials_with_only_the_search_worker_changed() -> None:
    ours = config_block(OVERRIDE.read_text(encoding="utf-8"))
    theirs = config_block(MATERIAL_BASE.read_text(encoding="utf-8"))
    worker = re.compile(r'"search": "[^"]+" \| url,')
    assert worker.findall(ours) == ['"search": "javascripts/zoekmachine.js" | url,']
    assert len(worker.findall(theirs)) == 1, "Material's config block changed: re-copy it (overrides/main.html)"
    assert worker.sub("WORKER", ours) == worker.sub("WORKER", theirs), \
        "overrides/main.html's config block differs from the installed Material's: re-copy it"


def test_the_worker_named_in_the_config_exists() -> None:
    assert (ROOT / "docs" / "javascripts" / "zoekmachine.js").is_file()


@pytest.mark.parametrize("index", [search.index_site, index_served_site])
def test_a_site_without_pages_gives_a_dutch_error(tmp_path: Path, index: Callable[[Path], object]) -> None:
    with pytest.raises(SearchIndexError, match=r"^thuisbasis: de zoekindex kon niet worden gemaakt \(Pagefind\): "
                                               r"geen HTML-pagina's gevonden"):
        index(tmp_path)


@pytest.mark.parametrize("index", [search.index_site, index_served_site])
def test_both_ways_write_a_dutch_index(tmp_path: Path, index: Callable[[Path], object]) -> None:
    (tmp_path / "index.html").write_text(
        '<html lang="nl"><body><div data-pagefind-body><h1>Woningdelen</h1><p>Huizen delen.</p>'
        '<a class="headerlink" href="#x">¶</a></div></body></html>', encoding="utf-8")
    index(tmp_path)
    entry = (tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"nl"' in entry
    assert list((tmp_path / "pagefind" / "index").glob("*.pf_index"))


PAGE = ('<html lang="nl"><body><div data-pagefind-body><h1>{title}</h1><p>{text}</p>'
        '<a class="headerlink" href="#x">¶</a><ul class="tb-cards"><li>kaartwoord</li></ul>'
        '<ol class="tb-ladder" aria-hidden="true"><li>ladderwoord</li></ol></div></body></html>')


def fragments(site: Path) -> dict[str, dict[str, object]]:
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[len(b"pagefind_dcd"):])
        found[fragment["url"]] = fragment
    return found


def test_streaming_index_gets_every_page_it_is_given(tmp_path: Path) -> None:
    index = SearchIndex()
    for number in range(300):
        index.add(PAGE.format(title=f"Casus {number}", text=f"woningdelen nummer{number}"), url=f"/casussen/c{number}/")
    index.write(tmp_path)
    found = fragments(tmp_path)
    assert len(found) == 300
    assert found["/casussen/c7/"]["meta"]["title"] == "Casus 7"
    content = found["/casussen/c7/"]["content"]
    assert "nummer7" in content
    for left_out in ("¶", "kaartwoord", "ladderwoord"):  # permalinks, case cards, visuals hidden from readers
        assert left_out not in content
    entry = json.loads((tmp_path / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["nl"]["page_count"] == 300


def test_at_most_in_flight_pages_wait_for_an_answer(tmp_path: Path) -> None:
    index = SearchIndex()
    for number in range(3 * IN_FLIGHT):
        index.add(PAGE.format(title=f"Casus {number}", text="woningdelen"), url=f"/casussen/c{number}/")
        assert len(index._added) <= IN_FLIGHT  # the queue to Pagefind stays small, whatever the site's size
    index.write(tmp_path)
    assert len(fragments(tmp_path)) == 3 * IN_FLIGHT


def test_a_page_pagefind_refused_fails_the_index_when_its_answer_comes(tmp_path: Path) -> None:
    index = SearchIndex()
    index.add(PAGE.format(title="Zonder adres", text="tekst"), url=None)  # type: ignore[arg-type]
    with pytest.raises(SearchIndexError, match=r"^thuisbasis: de zoekindex kon niet worden gemaakt \(Pagefind\): "
                                               r".*url must be provided"):
        for number in range(IN_FLIGHT):
            index.add(PAGE.format(title=f"Casus {number}", text="woningdelen"), url=f"/casussen/c{number}/")
    with pytest.raises(SearchIndexError, match="al geschreven of gesloten"):  # closed: no half index is written
        index.write(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def test_a_page_pagefind_refused_among_the_last_fails_the_index_at_write(tmp_path: Path) -> None:
    index = SearchIndex()
    index.add(PAGE.format(title="Een", text="tekst"), url="/een/")
    index.add(PAGE.format(title="Zonder adres", text="tekst"), url=None)  # type: ignore[arg-type]
    with pytest.raises(SearchIndexError, match="url must be provided"):
        index.write(tmp_path)
    assert not (tmp_path / "pagefind").exists()


def built_page(site: Path, path: str, title: str, *, searchable: bool = True) -> None:
    body = " data-pagefind-body" if searchable else ""
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(f'<html lang="nl"><body><div{body} data-pagefind-meta="soort:Casus"><h1>{title}</h1>'
                             f"<p>Woningdelen in {title}.</p></div></body></html>", encoding="utf-8")


def test_searchable_pages_are_the_pages_with_a_search_body_by_url_in_path_order(tmp_path: Path) -> None:
    built_page(tmp_path, "index.html", "Start")
    built_page(tmp_path, "casussen/b/index.html", "B")
    built_page(tmp_path, "casussen/a/index.html", "A")
    built_page(tmp_path, "casussen/page/2/index.html", "Lijst, pagina 2", searchable=False)  # zoekindex: nee
    built_page(tmp_path, "404.html", "Niet gevonden", searchable=False)
    built_page(tmp_path, "los.html", "Los")
    built_page(tmp_path, "pagefind/oud.html", "Een oude index")
    found = [(url, re.search(r"<h1>(.*?)</h1>", html).group(1)) for url, html in search.searchable_pages(tmp_path)]  # type: ignore[union-attr]
    assert found == [("/casussen/a/", "A"), ("/casussen/b/", "B"), ("/", "Start"), ("/los.html", "Los")]


def test_a_site_without_a_search_body_has_every_page_searched_but_the_404_page(tmp_path: Path) -> None:
    built_page(tmp_path, "index.html", "Start", searchable=False)
    built_page(tmp_path, "casussen/a/index.html", "A", searchable=False)
    built_page(tmp_path, "404.html", "Niet gevonden", searchable=False)
    built_page(tmp_path, "casussen/404.html", "Een pagina die zo heet", searchable=False)
    built_page(tmp_path, "pagefind/oud.html", "Een oude index", searchable=False)
    assert [url for url, _ in search.searchable_pages(tmp_path)] == ["/casussen/404.html", "/casussen/a/", "/"]


def test_index_site_indexes_every_searchable_page_and_the_same_way_twice(tmp_path: Path) -> None:
    sites = []
    for name in ("een", "twee"):
        site = tmp_path / name
        for number in range(IN_FLIGHT + 5):
            built_page(site, f"casussen/c{number}/index.html", f"Casus {number}")
        built_page(site, "casussen/page/2/index.html", "Lijst, pagina 2", searchable=False)
        assert search.index_site(site) == IN_FLIGHT + 5
        sites.append(site)
    found = fragments(sites[0])
    assert sorted(found) == sorted(f"/casussen/c{number}/" for number in range(IN_FLIGHT + 5))
    assert found["/casussen/c7/"]["meta"]["title"] == "Casus 7"
    first, second = (pagefind_digests(site) | {path.relative_to(site).as_posix(): path.read_bytes()
                                                for path in sorted((site / "pagefind").rglob("*"))
                                                if path.is_file() and not unordered_by_pagefind(
                                                    path.relative_to(site).as_posix())} for site in sites)
    assert first == second


def test_index_site_again_leaves_no_file_of_the_last_index_behind(tmp_path: Path) -> None:
    for number in range(3):
        built_page(tmp_path, f"casussen/c{number}/index.html", f"Casus {number}")
    search.index_site(tmp_path)
    (tmp_path / "casussen" / "c2" / "index.html").unlink()  # a case deleted since
    built_page(tmp_path, "casussen/c1/index.html", "Casus 1, herzien")
    search.index_site(tmp_path)
    again = {path.relative_to(tmp_path) for path in (tmp_path / "pagefind").rglob("*")}
    fresh = tmp_path / "fresh"
    shutil.copytree(tmp_path / "casussen", fresh / "casussen")
    search.index_site(fresh)
    assert again == {path.relative_to(fresh) for path in (fresh / "pagefind").rglob("*")}
    assert sorted(fragments(tmp_path)) == ["/casussen/c0/", "/casussen/c1/"]


def test_an_index_that_fails_leaves_the_last_one_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built_page(tmp_path, "index.html", "Start")
    search.index_site(tmp_path)
    before = sorted((tmp_path / "pagefind").rglob("*"))
    monkeypatch.setattr(search, "searchable_pages", lambda site: iter([]))  # Pagefind gets no page: it fails
    with pytest.raises(SearchIndexError, match="geen HTML-pagina's gevonden"):
        search.index_site(tmp_path)
    assert sorted((tmp_path / "pagefind").rglob("*")) == before


def test_index_site_of_a_folder_that_is_not_there_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match=r"^thuisbasis: de map .*bestaat niet; bouw eerst de site"):
        search.index_site(tmp_path / "site")


def test_streaming_index_can_be_written_only_once(tmp_path: Path) -> None:
    index = SearchIndex()
    index.add(PAGE.format(title="Een", text="tekst"), url="/een/")
    index.write(tmp_path)
    with pytest.raises(SearchIndexError, match="al geschreven"):
        index.write(tmp_path)


def test_a_pagefind_that_stops_gives_a_dutch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/true")  # starts, reads nothing, exits
    with pytest.raises(SearchIndexError, match=r"^thuisbasis: de zoekindex kon niet worden gestart \(Pagefind\): "
                                               r"Pagefind stopte onverwacht$"):
        SearchIndex()


def test_an_error_reply_reaches_the_caller() -> None:
    service = PagefindService()
    try:
        reply = service.request({"type": "AddFile", "index_id": 999, "url": "/x/", "file_path": None,
                                 "file_contents": "<html></html>"})
        with pytest.raises(SearchIndexError):
            service.reply(reply, timeout=60)
    finally:
        service.close()


CHROME_PAGE = ('<!doctype html><html lang="nl"><head><title>{title} - Thuisbasis</title>'
               '<script>var kopwoord = 1;</script></head><body><header class="md-header"><div>kopwoord</div></header>'
               '<nav class="md-nav"><div><a href="/">menuwoord</a></div></nav><main><div class="md-content">'
               '<div data-pagefind-body data-pagefind-meta="soort:Casus"><div><h1 id="t">{title}</h1>'
               '<p>{text} <code>&lt;div&gt;</code></p><div class="tb-facts" data-pagefind-filter="casus:{slug}">'
               '<div><h2 id="a">Aanpak</h2><p>samenwerking</p></div></div><a class="headerlink" href="#t">¶</a>'
               '</div></div></div></main><footer><div>voetwoord</div></footer></body></html>')


def chrome_pages(site: Path) -> dict[str, str]:
    pages = {}
    for number in range(3):
        slug = f"casus-{number}"
        html = CHROME_PAGE.format(title=f"Casus {number}", text=f"woningdelen nummer{number}", slug=slug)
        (site / slug).mkdir(parents=True)
        (site / slug / "index.html").write_text(html, encoding="utf-8")
        pages[f"/{slug}/"] = html
    return pages


def index_files(site: Path) -> dict[str, bytes]:
    """Every file of the index but those Pagefind names after unordered content (compared decoded)."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in (site / "pagefind").rglob("*")
            if path.is_file() and not unordered_by_pagefind(path.relative_to(site).as_posix())}


def test_pagefind_gets_only_the_searchable_part_and_finds_the_same(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pages = chrome_pages(tmp_path / "pages")
    sent: list[str] = []
    request = PagefindService.request

    def recorded(service: PagefindService, payload: dict[str, object]) -> object:
        if payload["type"] == "AddFile":
            sent.append(str(payload["file_contents"]))
        return request(service, payload)

    def index(site: Path) -> None:
        search_index = SearchIndex()
        for url, html in pages.items():
            search_index.add(html, url=url)
        search_index.write(site)

    monkeypatch.setattr(PagefindService, "request", recorded)
    index(tmp_path / "part")
    assert len(sent) == 3
    for words in ("kopwoord", "menuwoord", "voetwoord", "<script", "<title"):
        assert all(words not in html for html in sent), words
    assert all("samenwerking" in html and html.startswith('<!DOCTYPE html><html lang="nl"><body>') for html in sent)
    monkeypatch.setattr(search, "searchable_part", lambda html: html)  # as before: the whole page
    index(tmp_path / "whole")
    assert sent[3:] == list(pages.values())
    assert fragments(tmp_path / "part")["/casus-1/"]["filters"] == {"casus": ["casus-1"]}
    assert index_files(tmp_path / "part") == index_files(tmp_path / "whole")  # words, chunks, fragments
    assert pagefind_digests(tmp_path / "part") == pagefind_digests(tmp_path / "whole")  # filters, by content


@pytest.mark.parametrize("html", ["<html><body><h1>Geen markering</h1></body></html>",
                                  "<html><body><div data-pagefind-body><div><h1>Niet gesloten</h1></div></body></html>"])
def test_a_page_without_a_closed_search_body_is_sent_whole(html: str) -> None:
    assert searchable_part(html) == html


def test_write_puts_every_file_pagefind_hands_over_in_the_pagefind_folder(tmp_path: Path) -> None:
    page = '<html lang="nl"><body data-pagefind-body><p>Woningdelen in Haarlem</p></body></html>'
    in_memory = SearchIndex()
    in_memory.add(page, url="/")
    files = in_memory.files()
    written = SearchIndex()
    written.add(page, url="/")
    written.write(tmp_path)
    on_disk = {path.relative_to(tmp_path / "pagefind").as_posix(): path.read_bytes()
               for path in (tmp_path / "pagefind").rglob("*") if path.is_file()}
    assert set(files) == set(on_disk) and "pagefind.js" in files
    scripts = [path for path in files if path.endswith(".js")]
    assert scripts and all(files[path] == on_disk[path] for path in scripts)


@pytest.mark.parametrize("own", ["", "narenas:1"])
def test_pagefind_runs_with_the_allocator_settings(monkeypatch: pytest.MonkeyPatch, own: str) -> None:
    if own:
        monkeypatch.setenv("_RJEM_MALLOC_CONF", own)
    index = SearchIndex()
    try:
        service = index._service
        assert service is not None
        environment = Path(f"/proc/{service._process.pid}/environ").read_bytes().split(b"\0")
    finally:
        index.close()
    for name, value in search.ALLOCATOR_SETTINGS.items():  # someone's own options come last: they win
        assert f"{name}={value},{own}".rstrip(",").encode() in environment


def test_the_allocator_settings_are_options_of_the_allocator_pagefind_has() -> None:
    """jemalloc stops at an option it does not know when told to (abort_conf): so Pagefind's allocator reads
    this variable, and knows each option given in it. If a Pagefind release changes its allocator, this fails."""
    executable = str(search.get_executable())
    (name, settings), = search.ALLOCATOR_SETTINGS.items()

    def version_with(conf: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([executable, "--version"], env={**os.environ, name: conf},  # noqa: S603
                              capture_output=True, text=True, check=False, timeout=30)

    assert version_with(f"abort_conf:true,{settings}").returncode == 0
    refused = version_with("abort_conf:true,no_such_option:1")
    assert refused.returncode != 0
    assert "jemalloc" in refused.stderr
