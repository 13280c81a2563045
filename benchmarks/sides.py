"""The sides the benchmark compares, each a list of whole-process steps run through the public commands.

- **pipeline**: what CI runs (.github/workflows/pull-request.yml), in a fresh copy of the sources each time
  (no cache left by an earlier run): ``thuisbasis validate --summary FILE``, then ``mkdocs build --strict``,
  then ``thuisbasis index site`` (the search index: Pagefind, a child process of that step).
- **bare**: Material alone building the same pages the way a user would: the Markdown that
  ``thuisbasis render`` writes for the same cases (made once, not timed) in docs/, mkdocs.yml without the
  thuisbasis plugin, Material's own search plugin on (it builds its lunr index), ``mkdocs build``.
- **floor**: read every case's YAML and write one small HTML page per case (benchmarks/floor.py).
- **yaml**: parse every YAML file ``thuisbasis validate`` reads, nothing else: the floor for validation.

Each runs with the repository's own code first on the path (the worktree's, not an installed copy), compiled
to byte code before any timed run (``compile_own_code``).
"""

from __future__ import annotations

import compileall
import os
import shutil
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import ChildFailed, Usage, run_measured

REPOSITORY = Path(__file__).resolve().parents[1]
THUISBASIS_PLUGIN = "  - thuisbasis:\n      cases_dir: cases\n"
VALIDATED = ("cases", "checklists", "context", "scripts/thuisbasis/data/registries")


@dataclass(frozen=True)
class Step:
    name: str
    command: tuple[str, ...]
    cwd: Path


@dataclass(frozen=True)
class Side:
    key: str
    title: str
    steps: Callable[[], list[Step]]  # called before each run: may prepare a fresh copy (not timed)


def child_environment() -> dict[str, str]:
    path = [str(REPOSITORY / "scripts"), str(REPOSITORY)] + [p for p in [os.environ.get("PYTHONPATH")] if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path), "NO_MKDOCS_2_WARNING": "1"}


OWN_CODE = (REPOSITORY / "scripts" / "thuisbasis", REPOSITORY / "benchmarks")


def compile_own_code() -> bool:
    """Compile the project's own Python to byte code, as pip compiled every library the sides use when it
    installed them. The thuisbasis package is installed editable, so Python compiles it on import, and where
    PYTHONDONTWRITEBYTECODE is set (on some machines, this one included) it never keeps the result: every
    run of the pipeline would compile its modules again (about 0.07 s of each validation), and the floor its
    own. Not timed."""
    return all(compileall.compile_dir(folder, quiet=1) for folder in OWN_CODE)


def python(*arguments: str) -> tuple[str, ...]:
    return (sys.executable, *arguments)


def fresh_copy(source: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, symlinks=True)
    return target


def pipeline_side(source: Path, root: Path, *, build: bool = True) -> Side:
    """Without ``build``, validation alone (to compare it with its floor)."""

    def steps() -> list[Step]:
        work = fresh_copy(source, root / "pipeline")
        validate = Step("validate", python("-m", "thuisbasis", "validate", "--summary", str(work / "summary.md")), work)
        if not build:
            return [validate]
        return [validate, Step("build", python("-m", "mkdocs", "build", "--strict"), work),
                Step("index", python("-m", "thuisbasis", "index", "site"), work)]

    return Side("pipeline", "Thuisbasis pipeline", steps)


def bare_source(source: Path, root: Path) -> Path:
    """docs/ and overrides/ with the rendered Markdown of the same cases, and mkdocs.yml without our plugin."""
    bare = root / "bare"
    shutil.copytree(source / "docs", bare / "docs")
    shutil.copytree(source / "overrides", bare / "overrides")
    run_measured(python("-m", "thuisbasis", "render", "--out", str(bare / "docs")), source, child_environment())
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    if THUISBASIS_PLUGIN not in config or "  - search:" not in config:
        raise RuntimeError("mkdocs.yml no longer lists the search and thuisbasis plugins as the benchmark expects")
    (bare / "mkdocs.yml").write_text(config.replace(THUISBASIS_PLUGIN, ""), encoding="utf-8")
    return bare


def bare_side(bare: Path) -> Side:
    return Side("bare", "bare Material with search", lambda: [Step("build", python("-m", "mkdocs", "build"), bare)])


def floor_side(source: Path, root: Path) -> Side:
    command = python("-m", "benchmarks.floor", "html", str(source / "cases"), str(root / "floor-html"))
    return Side("floor", "floor (read YAML + write HTML)", lambda: [Step("floor", command, source)])


def yaml_side(source: Path) -> Side:
    folders = [str(source / name) for name in VALIDATED[:3]] + [str(REPOSITORY / VALIDATED[3])]
    command = python("-m", "benchmarks.floor", "yaml", *folders)
    return Side("yaml", "YAML-parse floor", lambda: [Step("parse", command, source)])


def run_side(side: Side, environment: Mapping[str, str]) -> dict[str, Usage]:
    """One run of a side: each step's usage, and "total" for the steps one after the other."""
    usages: dict[str, Usage] = {}
    for step in side.steps():
        try:
            usages[step.name] = run_measured(step.command, step.cwd, environment)
        except ChildFailed as failure:
            raise RuntimeError(f"{side.title}, step {step.name}: {failure}") from None
    total = list(usages.values())
    combined = total[0]
    for usage in total[1:]:
        combined = combined.then(usage)
    usages["total"] = combined
    return usages


def interleaved(sides: Sequence[Side], repetitions: int, report: Callable[[str], None] = print,
                ) -> dict[str, list[dict[str, Usage]]]:
    """ABAB...: every repetition runs each side once, in the same order, so a slow spell of the machine
    falls on all sides rather than on one."""
    environment = child_environment()
    runs: dict[str, list[dict[str, Usage]]] = {side.key: [] for side in sides}
    for repetition in range(1, repetitions + 1):
        for side in sides:
            usage = run_side(side, environment)
            runs[side.key].append(usage)
            total = usage["total"]
            report(f"  run {repetition}/{repetitions} {side.title}: {total.wall_s:.2f} s wall, "
                   f"{total.cpu_s:.2f} s CPU, {total.peak_mb:.0f} MB")
    return runs
