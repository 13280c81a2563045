"""The benchmark's report: the table in issue 16's format, the targets as PASS/FAIL lines, the machine, and
the same as JSON. Only arithmetic on the measured figures lives here."""

from __future__ import annotations

import dataclasses
import os
import platform
import statistics
from dataclasses import dataclass, field
from typing import Any

from benchmarks.measure import Spread, Usage

PAGE_LIMIT_KB = 100.0
CALM_LOAD_PER_CORE = 0.5
MEASURES = ("wall_s", "cpu_s", "peak_mb")
# (target, measure, numerator side, its step, denominator side, its step, at most)
RATIO_TARGETS = (
    ("pipeline CPU <= 1.0x bare Material", "cpu_s", "pipeline", "total", "bare", "total", 1.0),
    ("pipeline wall <= 0.8x bare Material", "wall_s", "pipeline", "total", "bare", "total", 0.8),
    ("pipeline peak memory <= 1.5x bare Material", "peak_mb", "pipeline", "total", "bare", "total", 1.5),
    ("validation CPU <= 2x YAML-parse floor", "cpu_s", "pipeline", "validate", "yaml", "total", 2.0),
)


@dataclass
class Site:
    """What the pipeline's built site holds."""

    pages: int = 0
    median_page_kb: float = 0.0
    largest_page_kb: float = 0.0
    largest_page: str = ""
    pages_over_limit: list[str] = field(default_factory=list)
    site_mb: float = 0.0


@dataclass
class Results:
    cases: int
    repetitions: int
    command: str
    started: str
    load_before: tuple[float, float, float]
    load_after: tuple[float, float, float] = (0.0, 0.0, 0.0)
    titles: dict[str, str] = field(default_factory=dict)
    runs: dict[str, list[dict[str, Usage]]] = field(default_factory=dict)
    site: Site | None = None
    query_kb: dict[str, float] = field(default_factory=dict)
    bare_query_kb: float | None = None
    serve_start_s: float | None = None
    serve_edit_s: list[float] = field(default_factory=list)

    def spread(self, side: str, step: str, measure: str) -> Spread:
        return Spread.of([getattr(run[step], measure) for run in self.runs[side]])


def machine() -> dict[str, Any]:
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def load_warning(results: Results) -> str | None:
    """A warning when the machine was busy before the benchmark began. The load at the end is shown but not
    judged: it is a one-minute average, and the last runs (a build on both cores) raise it themselves."""
    cores = os.cpu_count() or 1
    before = results.load_before[0]
    if before <= CALM_LOAD_PER_CORE * cores:
        return None
    return (f"WARNING: load average {before:.2f} on {cores} cores at start is above {CALM_LOAD_PER_CORE} per core: "
            "the machine was not calm, these figures are not calm figures")


def cell(results: Results, side: str, step: str = "total") -> str:
    if side not in results.runs:
        return "n/a"
    wall, cpu, peak = (results.spread(side, step, measure) for measure in MEASURES)
    return f"{_figure(wall, 's', 2)} wall, {_figure(cpu, 's', 2)} CPU, {_figure(peak, 'MB', 0)}"


def _figure(spread: Spread, unit: str, decimals: int) -> str:
    """The median, and the range when the runs differ: 13.30 s (12.91–13.82)."""
    median = f"{spread.median:,.{decimals}f} {unit}"
    if spread.low == spread.high:
        return median
    return f"{median} ({spread.low:,.{decimals}f}–{spread.high:,.{decimals}f})"


def table(results: Results) -> str:
    header = "| N cases | Thuisbasis pipeline | bare Material with search | floor (read YAML + write HTML) |"
    row = (f"| {results.cases:,} | {cell(results, 'pipeline')} | {cell(results, 'bare')} | "
           f"{cell(results, 'floor')} |")
    return "\n".join([header, "|---|---|---|---|", row])


def steps_table(results: Results) -> str:
    rows = [("thuisbasis validate", "pipeline", "validate"), ("mkdocs build --strict", "pipeline", "build"),
            ("thuisbasis index site (Pagefind)", "pipeline", "index"), ("YAML-parse floor", "yaml", "total")]
    lines = ["| step | median (min–max) |", "|---|---|"]
    lines += [f"| {name} | {cell(results, side, step)} |" for name, side, step in rows
              if side in results.runs and step in results.runs[side][0]]  # --no-build: no build, no index
    return "\n".join(lines)


def ratio_targets(results: Results) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    for name, measure, side, step, base, base_step, limit in RATIO_TARGETS:
        if side not in results.runs or base not in results.runs:
            lines.append({"target": name, "status": "NOT MEASURED", "figures": "side not run"})
            continue
        mine, theirs = results.spread(side, step, measure), results.spread(base, base_step, measure)
        ratio = mine.median / theirs.median if theirs.median else float("inf")
        unit, decimals = ("MB", 0) if measure == "peak_mb" else ("s", 2)
        lines.append({"target": name, "status": "PASS" if ratio <= limit else "FAIL", "ratio": ratio,
                      "figures": f"{ratio:.2f}x ({mine.median:,.{decimals}f} {unit} against "
                                 f"{theirs.median:,.{decimals}f} {unit}, medians)"})
    return lines


def other_targets(results: Results) -> list[dict[str, Any]]:
    lines: list[dict[str, Any]] = []
    site = results.site
    if site is None:
        lines.append({"target": "no page over 100 KB", "status": "NOT MEASURED", "figures": "no build"})
    else:
        over = f"; over: {', '.join(site.pages_over_limit[:5])}" if site.pages_over_limit else ""
        lines.append({"target": "no page over 100 KB", "status": "FAIL" if site.pages_over_limit else "PASS",
                      "figures": f"largest {site.largest_page_kb:.1f} KB ({site.largest_page}), "
                                 f"{len(site.pages_over_limit)} of {site.pages:,} pages over 100 KB{over}"})
    if results.query_kb:
        worst = max(results.query_kb.values())
        each = ", ".join(f"{query!r} {size:,.0f}" for query, size in results.query_kb.items())
        lines.append({"target": "first search query <= 300 KB", "status": "PASS" if worst <= 300 else "FAIL",
                      "figures": f"{worst:,.0f} KB at most ({each}; gzip, fetched in Chromium)"})
    else:
        lines.append({"target": "first search query <= 300 KB", "status": "NOT MEASURED",
                      "figures": "no build, --no-search, or no Chromium"})
    if results.serve_edit_s:
        worst = max(results.serve_edit_s)
        lines.append({"target": "serve shows an edit in <= 2 s (target at 1,000 cases)",
                      "status": "PASS" if worst <= 2.0 else "FAIL",
                      "figures": f"{worst:.2f} s at most, median {statistics.median(results.serve_edit_s):.2f} s "
                                 f"({len(results.serve_edit_s)} edits; first page after {results.serve_start_s:.1f} s)"})
    else:
        lines.append({"target": "serve shows an edit in <= 2 s (target at 1,000 cases)", "status": "NOT MEASURED",
                      "figures": "run with --serve"})
    return lines


def targets(results: Results) -> list[dict[str, Any]]:
    return ratio_targets(results) + other_targets(results)


def text(results: Results) -> str:
    load = f"load average {results.load_before[0]:.2f} at start, {results.load_after[0]:.2f} at end"
    info = machine()
    parts = [f"Thuisbasis benchmark, {results.started}: {results.cases:,} cases, {results.repetitions} interleaved "
             f"repetition(s), median (min–max)",
             f"Machine: {info['cores']} cores, Python {info['python']}, {info['platform']}; {load}",
             f"Command: {results.command}"]
    warning = load_warning(results)
    parts += [warning] if warning else []
    parts += ["", table(results), "", steps_table(results), ""]
    parts += [f"{line['status']:>12}  {line['target']}: {line['figures']}" for line in targets(results)]
    if results.bare_query_kb is not None:
        parts.append(f"{'':>12}  (bare Material's first query, for comparison: {results.bare_query_kb:,.0f} KB gzip)")
    parts += ["", "CPU is user + system time of each process and every descendant it waited for (os.wait4); peak "
              "memory is the largest sum of RSS over the process tree, sampled every 50 ms (never below the largest "
              "single process's ru_maxrss). The pipeline is validate + build + index, run one after the other."]
    return "\n".join(parts)


def as_json(results: Results) -> dict[str, Any]:
    runs = {side: [{step: dataclasses.asdict(usage) for step, usage in run.items()} for run in side_runs]
            for side, side_runs in results.runs.items()}
    summary = {side: {step: {measure: dataclasses.asdict(results.spread(side, step, measure)) for measure in MEASURES}
                      for step in side_runs[0]} for side, side_runs in results.runs.items() if side_runs}
    return {"cases": results.cases, "repetitions": results.repetitions, "command": results.command,
            "started": results.started, "machine": machine(), "load_before": results.load_before,
            "load_after": results.load_after, "calm": load_warning(results) is None, "sides": results.titles,
            "runs": runs, "summary": summary, "site": dataclasses.asdict(results.site) if results.site else None,
            "first_query_kb": results.query_kb, "bare_first_query_kb": results.bare_query_kb,
            "serve_start_s": results.serve_start_s, "serve_edit_s": results.serve_edit_s,
            "targets": targets(results)}
