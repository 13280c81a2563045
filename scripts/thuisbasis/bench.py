"""Bench: how Thuisbasis scales. Generates N valid synthetic cases in a temporary copy of the site and
prints one table of figures (see docs/dev/performance.md for the recorded runs and the targets).

Measured, in this order:

- validate: ``validate_paths`` over cases/ and checklists/ (in this process);
- render: ``render_site`` on the loaded catalog (in this process);
- full build: ``mkdocs build`` of the copy, with the thuisbasis plugin (a child process), and the time
  spent inside the plugin's hooks (the Thuisbasis share of that build);
- bare build: Material alone, on the same rendered Markdown written to disk (a child process);
- peak memory (max RSS) of each child, page sizes, site size, and what a visitor downloads for a
  first search query with Material's search (worker, lunr languages and the whole index, gzipped)
  and, when the ``pagefind`` binary is available, with Pagefind (estimated from its files).

It is a measuring tool, not a test: tests/test_bench.py only runs it at N = 20 to keep it working.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from thuisbasis.registries import REGISTRY_DIR

REPOSITORY = Path(__file__).resolve().parents[2]
TEMPLATE_CASE = REPOSITORY / "tests" / "fixtures" / "valid" / "voorbeeld-gemengd-wonen.yaml"
COPIED = ("mkdocs.yml", "docs", "overrides", "checklists", "cases")
PAGE_LIMIT = 100 * 1024

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


def registry_ids(name: str) -> list[str]:
    data = yaml.safe_load((REGISTRY_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    return [term["id"] for term in data["waarden"]]


def sentence(chance: random.Random) -> str:
    return (f"{chance.choice(_SUBJECTS).capitalize()} {chance.choice(_VERBS)} {chance.choice(_PLACES_TO_LIVE)} "
            f"in {chance.choice(_PLACES)}. {chance.choice(_EXTRAS)}")


def synthetic_cases(count: int, seed: int = 2026) -> list[tuple[str, str]]:
    """``count`` (file name, YAML text) pairs: valid cases cycling through every woonvorm and doelgroep."""
    template = yaml.safe_load(TEMPLATE_CASE.read_text(encoding="utf-8"))
    woonvormen, doelgroepen = registry_ids("woonvormen"), registry_ids("doelgroepen")
    provincies = registry_ids("provincies")
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


@dataclass
class Figures:
    cases: int = 0
    validate_s: float = 0.0
    render_s: float = 0.0
    full_build_s: float | None = None
    plugin_s: float | None = None
    bare_build_s: float | None = None
    full_rss_mb: float | None = None
    bare_rss_mb: float | None = None
    pages: int = 0
    median_page_kb: float = 0.0
    largest_page_kb: float = 0.0
    largest_page: str = ""
    pages_over_limit: list[str] = field(default_factory=list)
    site_mb: float = 0.0
    material_query_kb: float | None = None
    pagefind_query_kb: float | None = None
    pagefind_index_s: float | None = None

    def rows(self) -> list[tuple[str, str]]:
        def seconds(value: float | None) -> str:
            return "n/a" if value is None else f"{value:.2f} s"

        share = ratio = "n/a"
        if self.full_build_s and self.plugin_s is not None:
            share = f"{100 * self.plugin_s / self.full_build_s:.1f} %"
        if self.full_build_s and self.bare_build_s:
            ratio = f"{self.full_build_s / self.bare_build_s:.2f}x"
        return [
            ("cases", f"{self.cases:,}"),
            ("validate", seconds(self.validate_s)),
            ("render", seconds(self.render_s)),
            ("full mkdocs build", seconds(self.full_build_s)),
            ("  of which Thuisbasis (plugin hooks)", f"{seconds(self.plugin_s)} ({share})"),
            ("bare Material build, same pages", seconds(self.bare_build_s)),
            ("full / bare", ratio),
            ("peak memory full / bare build", f"{_mb(self.full_rss_mb)} / {_mb(self.bare_rss_mb)}"),
            ("HTML pages", f"{self.pages:,}"),
            ("median page", f"{self.median_page_kb:.1f} KB"),
            ("largest page", f"{self.largest_page_kb:.1f} KB ({self.largest_page})"),
            ("pages over 100 KB", str(len(self.pages_over_limit))),
            ("site size", f"{self.site_mb:.1f} MB"),
            ("first query, Material search (gzip)", _kb(self.material_query_kb)),
            ("first query, Pagefind (gzip, est.)", _kb(self.pagefind_query_kb)),
            ("Pagefind indexing", seconds(self.pagefind_index_s)),
        ]

    def table(self) -> str:
        rows = self.rows()
        width = max(len(name) for name, _ in rows)
        lines = [f"| {'measure'.ljust(width)} | value |", f"|{'-' * (width + 2)}|-------|"]
        lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
        return "\n".join(lines)


def _mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


def _kb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} KB"


# Runs mkdocs build in a child, timing the plugin's hooks; writes {"plugin_s": ...} to argv[2].
_TIMED_BUILD = textwrap.dedent("""
    import json, sys, time
    from thuisbasis.site import plugin as module
    spent = [0.0]
    def timed(name):
        original = getattr(module.ThuisbasisPlugin, name)
        def wrapper(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                spent[0] += time.perf_counter() - start
        setattr(module.ThuisbasisPlugin, name, wrapper)
    for hook in ("on_files", "on_page_context"):
        timed(hook)
    from mkdocs.__main__ import cli
    try:
        cli.main(["build", "-q", "-f", sys.argv[1], "-d", sys.argv[3]], standalone_mode=False)
    finally:
        with open(sys.argv[2], "w") as out:
            json.dump({"plugin_s": spent[0]}, out)
""")


def run_child(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Run ``command``; return wall seconds and peak RSS in MB. Raises if it fails."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as child:  # noqa: S603
        output = child.stdout.read() if child.stdout else b""
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{output.decode(errors='replace')[-4000:]}")
    return elapsed, usage.ru_maxrss / 1024


def write_bare_source(root: Path, source: Path) -> Path:
    """The rendered pages on disk plus docs/, and a mkdocs.yml without the thuisbasis plugin."""
    from thuisbasis.catalog import build_date, load_catalog
    from thuisbasis.render import render_site

    bare = root / "bare-src"
    shutil.copytree(source / "docs", bare / "docs")
    shutil.copytree(source / "overrides", bare / "overrides")
    catalog, report = load_catalog(source / "cases", checklists_dir=source / "checklists")
    if catalog is None:
        raise RuntimeError(report.summary())
    site = render_site(catalog, build_date())
    for path, content in [(page.path, page.content) for page in site.pages] + list(site.data.items()):
        target = bare / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - thuisbasis:\n      cases_dir: cases\n"
    if plugin not in config:
        raise RuntimeError("mkdocs.yml no longer lists the thuisbasis plugin as the benchmark expects")
    (bare / "mkdocs.yml").write_text(config.replace(plugin, ""), encoding="utf-8")
    return bare


def gzip_kb(path: Path) -> float:
    return len(gzip.compress(path.read_bytes(), compresslevel=9)) / 1024


def material_query_kb(site: Path) -> float:
    """Material downloads its worker, lunr's Dutch support and then the whole index before a first result."""
    files = [site / "search" / "search_index.json"]
    files += sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    files += [lunr / name for name in ("lunr.stemmer.support.min.js", "lunr.nl.min.js") if (lunr / name).exists()]
    return sum(gzip_kb(path) for path in files)


def pagefind_binary() -> list[str] | None:
    """Pagefind from this environment, else $THUISBASIS_PAGEFIND (e.g. '/tmp/pf/bin/python -m pagefind'),
    else a ``pagefind`` on PATH. It is not a dependency of the site: the benchmark only compares."""
    try:
        import pagefind  # noqa: F401
    except ImportError:
        if os.environ.get("THUISBASIS_PAGEFIND"):
            return shlex.split(os.environ["THUISBASIS_PAGEFIND"])
        return ["pagefind"] if shutil.which("pagefind") else None
    return [sys.executable, "-m", "pagefind"]


def pagefind_query_kb(site: Path, root: Path) -> tuple[float, float] | None:
    """Index ``site`` with Pagefind (into a copy) and estimate a first one-word query, 5 results shown.

    Fixed part (entry, script, worker, Dutch WebAssembly, metadata), plus the largest index chunk (a
    word's chunk is not known without decoding the metadata, so this is the worst case), plus five
    median fragments. Pagefind files are already compressed, so their sizes count as they are.
    """
    command = pagefind_binary()
    if not command:
        return None
    output = root / "pagefind"
    start = time.perf_counter()
    subprocess.run([*command, "--site", str(site), "--output-path", str(output), "--force-language", "nl"],  # noqa: S603
                   check=True, capture_output=True)
    elapsed = time.perf_counter() - start
    fixed = [output / "pagefind-entry.json", output / "pagefind.js", output / "pagefind-worker.js",
             *output.glob("wasm.nl*.pagefind"), *output.glob("pagefind.*.pf_meta")]
    size = sum(path.stat().st_size for path in fixed if path.exists() and path.suffix != ".js") / 1024
    size += sum(gzip_kb(path) for path in fixed if path.exists() and path.suffix == ".js")
    chunks = [path.stat().st_size for path in (output / "index").glob("*.pf_index")]
    fragments = [path.stat().st_size for path in (output / "fragment").glob("*.pf_fragment")]
    size += max(chunks, default=0) / 1024 + 5 * statistics.median(fragments or [0]) / 1024
    return size, elapsed


def measure_site(figures: Figures, site: Path) -> None:
    pages = {path: path.stat().st_size for path in site.rglob("*.html")}
    sizes = sorted(pages.values())
    figures.pages = len(sizes)
    figures.median_page_kb = statistics.median(sizes) / 1024
    largest = max(pages, key=pages.__getitem__)
    figures.largest_page_kb = pages[largest] / 1024
    figures.largest_page = largest.relative_to(site).as_posix()
    figures.pages_over_limit = sorted(path.relative_to(site).as_posix() for path, size in pages.items() if size > PAGE_LIMIT)
    figures.site_mb = sum(path.stat().st_size for path in site.rglob("*") if path.is_file()) / 1024 / 1024


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


def run(count: int, *, build: bool = True, search: bool = True, profile: int = 0, keep: Path | None = None) -> Figures:
    from thuisbasis.catalog import build_date, load_catalog
    from thuisbasis.render import render_site

    root = Path(tempfile.mkdtemp(prefix="thuisbasis-bench-")) if keep is None else keep
    root.mkdir(parents=True, exist_ok=True)
    try:
        source = make_copy(root, count)
        figures = Figures(cases=len(list((source / "cases").glob("*.yaml"))))
        start = time.perf_counter()
        catalog, report = load_catalog(source / "cases", checklists_dir=source / "checklists")
        figures.validate_s = time.perf_counter() - start
        if catalog is None:
            raise RuntimeError("synthetic cases are not valid:\n" + "\n".join(map(str, report.problems[:20])))
        start = time.perf_counter()
        render_site(catalog, build_date())
        figures.render_s = time.perf_counter() - start
        if profile:
            print(profile_validation(source, profile))
        if not build:
            return figures
        timings = root / "plugin-timings.json"
        figures.full_build_s, figures.full_rss_mb = run_child(
            [sys.executable, "-c", _TIMED_BUILD, str(source / "mkdocs.yml"), str(timings), str(root / "site-full")], source)
        figures.plugin_s = json.loads(timings.read_text())["plugin_s"]
        bare = write_bare_source(root, source)
        figures.bare_build_s, figures.bare_rss_mb = run_child(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(root / "site-bare")], bare)
        measure_site(figures, root / "site-full")
        figures.material_query_kb = material_query_kb(root / "site-full")
        if search:
            found = pagefind_query_kb(root / "site-full", root)
            if found is not None:
                figures.pagefind_query_kb, figures.pagefind_index_s = found
        return figures
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def machine() -> str:
    import platform

    return f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"


def main(count: int, *, build: bool = True, search: bool = True, profile: int = 0, keep: Path | None = None) -> int:
    figures = run(count, build=build, search=search, profile=profile, keep=keep)
    print(f"Thuisbasis bench, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {machine()}")
    print(figures.table())
    return 0
