"""Bench: Thuisbasis against bare Material and the floor, at N synthetic cases (docs/dev/performance.md).

It makes a temporary copy of the site with N valid synthetic cases, then runs the sides (benchmarks/sides.py)
as whole processes, interleaved (pipeline, bare, floor, YAML floor; again; ...), and measures each run's wall
time, CPU time and peak memory of its process tree (benchmarks/measure.py). After the runs, untimed:

- the pipeline's site: page sizes (the largest, and those over 100 KB);
- what a visitor downloads for a first search query: on the pipeline's site (Pagefind behind Material's
  dialog) in headless Chromium, every search file fetched counted gzipped, for a few queries; on the bare
  site Material's worker, lunr's Dutch support and the whole index (gzipped), which Material downloads
  before a first result;
- with ``serve``: ``mkdocs serve --dirty`` (as ``make serve`` runs it) on the copy: the seconds until
  the first page is served, and from saving an edited case until its page shows the edit.

benchmarks/report.py turns the figures into the table, the targets (PASS/FAIL) and JSON.
It is a measuring tool, not a test: tests/test_bench.py only runs it at a tiny N to keep it working.
It lives outside the installed package (it reads the repository: the example case in tests/fixtures and
the site's sources); run it from the repository root with ``python -m benchmarks --cases N``.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import gzip
import http.server
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from benchmarks import report, sides
from benchmarks.report import Results, Site
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import load_document

REPOSITORY = Path(__file__).resolve().parents[1]
TEMPLATE_CASE = REPOSITORY / "tests" / "fixtures" / "valid" / "voorbeeld-gemengd-wonen.yaml"
COPIED = ("mkdocs.yml", "docs", "overrides", "checklists", "cases", "context")
PAGE_LIMIT = 100 * 1024
CHROMIUM = "/usr/bin/chromium"

_PLACES = ["Almere", "Zwolle", "Tilburg", "Leeuwarden", "Heerlen", "Delft", "Emmen", "Arnhem", "Breda", "Assen",
           "Venlo", "Gouda", "Hoorn", "Deventer", "Vlissingen", "Roermond", "Lelystad", "Zaandam", "Helmond", "Oss"]
_SUBJECTS = ["jongeren uit de opvang", "statushouders", "dakloze mensen", "huurders uit de buurt", "gezinnen",
             "mensen uit beschermd wonen", "studenten", "ouderen", "alleenstaanden", "woningzoekenden"]
_VERBS = ["wonen samen in", "krijgen een plek in", "huren samen", "verhuizen naar", "delen", "beheren samen"]
_PLACES_TO_LIVE = ["een voormalig kantoor", "een leeg schoolgebouw", "tijdelijke woningen", "een oud zorgpand",
                   "een nieuw complex", "gewone huurwoningen", "een woongroep", "studio's aan de rand van de wijk"]
_EXTRAS = ["Een begeleider is vaak in het gebouw.", "Buren helpen elkaar met de taal.",
           "De corporatie en de gemeente werken nauw samen.", "Bewoners kiezen zelf wie er komt wonen.",
           "Er is een gezamenlijke tuin en een huiskamer.", "De wachttijd werd veel korter.",
           "Bewoners volgen samen een cursus over huren.", "Na twee jaar stromen bewoners door."]


def read_yaml(path: Path) -> Any:
    """A file read the way Thuisbasis reads every case and registry: through the one safe loader."""
    document, problems = load_document(path)
    if problems:
        raise SystemExit("\n".join(str(found) for found in problems))
    return document.data


def registry_ids(name: str) -> list[str]:
    return [term["id"] for term in read_yaml(REGISTRY_DIR / f"{name}.yaml")["waarden"]]


def sentence(chance: random.Random) -> str:
    return (f"{chance.choice(_SUBJECTS).capitalize()} {chance.choice(_VERBS)} {chance.choice(_PLACES_TO_LIVE)} "
            f"in {chance.choice(_PLACES)}. {chance.choice(_EXTRAS)}")


def synthetic_cases(count: int, seed: int = 2026) -> list[tuple[str, str]]:
    """``count`` (file name, YAML text) pairs: valid cases cycling through every woonvorm and doelgroep."""
    template = read_yaml(TEMPLATE_CASE)
    woonvormen, doelgroepen = registry_ids("woonvormen"), registry_ids("doelgroepen")
    provincies = [term["id"] for term in read_yaml(REGISTRY_DIR / "provincies.yaml")["waarden"]
                  if term.get("land", "nederland") == "nederland"]  # abroad needs locatie.land too
    chance = random.Random(seed)  # noqa: S311 - varied text, not security
    cases = []
    for number in range(count):
        case = json.loads(json.dumps(template))
        place = chance.choice(_PLACES)
        case_id = f"bench-{number:05d}-{place.lower()}"
        case["id"] = case_id
        case["titel"] = f"{chance.choice(_PLACES_TO_LIVE).capitalize()} in {place} ({number})"
        case["samenvatting"] = " ".join(sentence(chance) for _ in range(3))
        case["woonvorm"] = woonvormen[number % len(woonvormen)]
        case["doelgroepen"] = sorted({doelgroepen[number % len(doelgroepen)], chance.choice(doelgroepen)})
        case["locatie"]["gemeenten"] = [place]
        case["locatie"]["provincie"] = provincies[number % len(provincies)]
        case["aanleiding"] = "\n\n".join(" ".join(sentence(chance) for _ in range(4)) for _ in range(2)) + "\n"
        case["aanpak"] = "".join(f"- {sentence(chance)}\n" for _ in range(4))
        case["lessen"]["tips"] = [sentence(chance) for _ in range(2)]
        cases.append((f"{case_id}.yaml", yaml.safe_dump(case, allow_unicode=True, sort_keys=False, width=100)))
    return cases


def make_copy(root: Path, count: int) -> Path:
    """A copy of the site in ``root/site-src`` with ``count`` cases (the real ones plus synthetic ones)."""
    source = root / "site-src"
    source.mkdir()
    for name in COPIED:
        origin = REPOSITORY / name
        if origin.is_dir():
            shutil.copytree(origin, source / name, ignore=shutil.ignore_patterns("dev"))
        else:
            shutil.copy2(origin, source / name)
    real = len(list((source / "cases").glob("*.yaml")))
    for name, text in synthetic_cases(max(count - real, 0)):
        (source / "cases" / name).write_text(text, encoding="utf-8")
    return source


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9)) / 1024


def material_query_kb(site: Path) -> float:
    """Material downloads its worker, lunr's Dutch support and then the whole index before a first result."""
    files = [site / "search" / "search_index.json"]
    files += sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    files += [lunr / name for name in ("lunr.stemmer.support.min.js", "lunr.nl.min.js") if (lunr / name).exists()]
    return sum(gzip_kb(path) for path in files)


QUERIES = ("woningdelen", "statushouders", "tijdelijke woningen", "begeleider gebouw")
SEARCH_FILES = ("/pagefind/", "/javascripts/zoekmachine.js", "/search/search_index.json")


@contextlib.contextmanager
def serving(site: Path) -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server for ``site``; yields its base URL and the list of paths it served (the server's
    own record, so requests made by a web worker count too)."""
    served: list[str] = []
    handler = functools.partial(_RecordingHandler, served, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


class _RecordingHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, served: list[str], *args: Any, **kwargs: Any) -> None:
        self.served = served
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self.served.append(urllib.parse.urlsplit(self.path).path)
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's signature
        pass


def first_query_kb(site: Path, queries: Sequence[str] = QUERIES) -> dict[str, float]:
    """Per query: the search files a fresh browser fetches (page load, then typing the query into the site
    search until its results show), each counted as its gzipped size, in KB. Empty without Chromium.

    The browser runs in a thread of its own: Playwright's synchronous API refuses to start in a thread
    that already has an event loop (as in a test session whose browser tests use Playwright)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {}
    if not Path(CHROMIUM).exists():
        return {}

    def measure() -> dict[str, float]:
        sizes = {}
        with serving(site) as (base_url, served), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                for query in queries:
                    served.clear()
                    run_query(browser, base_url, query)
                    paths = {path for path in served if any(marker in path for marker in SEARCH_FILES)}
                    sizes[query] = sum(gzip_kb(site / path.lstrip("/")) for path in paths
                                       if (site / path.lstrip("/")).is_file())
            finally:
                browser.close()
        return sizes

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(measure).result()


def run_query(browser: Any, base_url: str, query: str) -> None:
    """Open the home page in a fresh context (an empty cache: a first visit), search, wait for the answer."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{base_url}/", wait_until="load")
        page.keyboard.press("/")
        page.locator("input.md-search__input").press_sequentially(query, delay=20)
        # Answered when a result links with the whole query in its highlight parameter: an answer to a
        # half-typed query, or to none, does not count (every benchmark query has results).
        page.wait_for_function("""query => [...document.querySelectorAll('.md-search-result__link')]
            .some(link => new URL(link.href).searchParams.get('h') === query.toLowerCase())""",
            arg=query, timeout=120_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()


SERVE_EDITS = 3
INDEXED = "zoekindex bijgewerkt"  # logged by the plugin when the background search index is done


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - our own local server
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def wait_until(condition: Any, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


def measure_serve(source: Path, root: Path, edits: int = SERVE_EDITS) -> tuple[float, list[float]]:
    """Start ``mkdocs serve --dirty`` on the copy; return the seconds until the home page is served, and
    for each of ``edits`` cases the seconds from saving a new title until its page shows it. Each edit
    waits until the background search index of the build before it is done, as a person would."""
    url = f"http://127.0.0.1:{free_port()}"
    log_path = root / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", url.removeprefix("http://"),
               "-f", str(source / "mkdocs.yml")]
    environment = {**sides.child_environment(), "TMPDIR": str(root)}  # serve's site folder, left when it is stopped
    with log_path.open("wb") as log, subprocess.Popen(command, cwd=source, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                                      env=environment) as child:
        try:
            start = time.perf_counter()
            if not wait_until(lambda: child.poll() is None and fetch(f"{url}/") is not None, 1800, 0.2):
                raise RuntimeError(f"mkdocs serve did not start:\n{log_path.read_text(errors='replace')[-4000:]}")
            started = time.perf_counter() - start
            timings = []
            for number, case in enumerate(sorted((source / "cases").glob("bench-*.yaml"))[:edits]):
                if not wait_until(lambda n=number: log_path.read_text(errors="replace").count(INDEXED) > n, 600, 0.2):
                    raise RuntimeError(f"the search index was not made:\n{log_path.read_text(errors='replace')[-4000:]}")
                token = f"bewerkingnummer{number}"
                text = case.read_text(encoding="utf-8")
                case.write_text(re.sub(r"^titel: ", f"titel: {token} ", text, count=1, flags=re.MULTILINE),
                                encoding="utf-8")
                saved = time.perf_counter()
                page = f"{url}/casussen/{case.stem}/"
                if not wait_until(lambda page=page, token=token: token in (fetch(page) or ""), 600):
                    raise RuntimeError(f"the edit did not show:\n{log_path.read_text(errors='replace')[-4000:]}")
                timings.append(time.perf_counter() - saved)
            return started, timings
        finally:
            child.terminate()
            child.wait(30)


def profile_validation(source: Path, top: int) -> str:
    import cProfile
    import io
    import pstats

    from thuisbasis.validation import validate_paths

    profiler = cProfile.Profile()
    profiler.enable()
    validate_paths([source / "cases", source / "checklists"])
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()




def measure_site(site: Path) -> Site:
    pages = {path: path.stat().st_size for path in site.rglob("*.html")}
    largest = max(pages, key=pages.__getitem__)
    return Site(pages=len(pages), median_page_kb=statistics.median(pages.values()) / 1024,
                largest_page_kb=pages[largest] / 1024, largest_page=largest.relative_to(site).as_posix(),
                pages_over_limit=sorted(path.relative_to(site).as_posix() for path, size in pages.items()
                                        if size > PAGE_LIMIT),
                site_mb=sum(path.stat().st_size for path in site.rglob("*") if path.is_file()) / 1024 / 1024)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run(count: int, *, repetitions: int = 3, build: bool = True, search: bool = True, serve: bool = False,
        profile: int = 0, keep: Path | None = None, command: str = "") -> Results:
    """Make the copy with ``count`` cases, run the sides interleaved ``repetitions`` times, then measure the
    last pipeline's site (page sizes, the first search query) and, with ``serve``, mkdocs serve."""
    root = Path(tempfile.mkdtemp(prefix="thuisbasis-bench-")) if keep is None else keep
    root.mkdir(parents=True, exist_ok=True)
    results = Results(cases=0, repetitions=repetitions, command=command, load_before=os.getloadavg(),
                      started=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()))
    try:
        source = make_copy(root, count)
        results.cases = len(list((source / "cases").glob("*.yaml")))
        progress("Compiling the project's own Python to byte code (not timed)")
        sides.compile_own_code()
        chosen = [sides.pipeline_side(source, root, build=build)]
        if build:
            progress("Writing the bare site's Markdown (thuisbasis render, not timed)")
            chosen += [sides.bare_side(sides.bare_source(source, root)), sides.floor_side(source, root)]
        chosen.append(sides.yaml_side(source))
        results.titles = {side.key: side.title for side in chosen}
        progress(f"{results.cases:,} cases, {repetitions} interleaved repetition(s) of: "
                 + ", ".join(side.title for side in chosen))
        results.runs = sides.interleaved(chosen, repetitions, progress)
        if build:
            results.site = measure_site(root / "pipeline" / "site")
            results.bare_query_kb = material_query_kb(root / "bare" / "site")
            if search:
                progress("First search queries in Chromium")
                results.query_kb = first_query_kb(root / "pipeline" / "site")
        if serve:
            progress("mkdocs serve --dirty: first page and edits")
            results.serve_start_s, results.serve_edit_s = measure_serve(source, root)
        if profile:
            print(profile_validation(source, profile))
        results.load_after = os.getloadavg()
        return results
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main(count: int, *, repetitions: int = 3, build: bool = True, search: bool = True, serve: bool = False,
         profile: int = 0, keep: Path | None = None, command: str = "", as_json: bool = False) -> int:
    results = run(count, repetitions=repetitions, build=build, search=search, serve=serve, profile=profile,
                  keep=keep, command=command)
    print(json.dumps(report.as_json(results), indent=2, ensure_ascii=False) if as_json else report.text(results))
    return 0
