"""Shared test helpers: a fully valid case file and ways to write variations of it."""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest

from thuisbasis.model.cases import Case
from thuisbasis.model.catalog import load_catalog
from thuisbasis.problems import Problem
from thuisbasis.validation import validate_paths

FIXTURES = Path(__file__).parent / "fixtures"
VALID_CASE = FIXTURES / "valid" / "voorbeeld-gemengd-wonen.yaml"
ROOT = Path(__file__).parent.parent  # the checkout
TODAY = dt.date(2026, 12, 4)  # validation runs with a fixed 'today' in tests


def run_thuisbasis(*arguments: str, cwd: Path, github: bool = False, stdin: str | None = None,
                   env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The ``thuisbasis`` command in a child process, as a partner or CI runs it (GitHub mode on request;
    ``stdin``: text on standard input; ``env``: variables to add)."""
    environment = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    if github:
        environment["GITHUB_ACTIONS"] = "true"
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "thuisbasis", *arguments], capture_output=True, text=True,
                          cwd=cwd, env=environment, input=stdin, timeout=60)


def build_project_site(out: Path, *extra: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project's own site (this checkout) into ``out``."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out), *extra],
                          capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env=environment or {**os.environ, "NO_MKDOCS_2_WARNING": "1"})

T = TypeVar("T")


@pytest.fixture(scope="session")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once per test session and shared (audit, links, browser tests).
    Read it only; a test that changes files works on a copy."""
    out = tmp_path_factory.mktemp("project-site") / "site"
    result = build_project_site(out)
    assert result.returncode == 0, result.stderr
    return out.resolve()


def build_environment() -> dict[str, str]:
    """A bare environment for ``mkdocs build`` in a child process; PYTHONPATH is kept, so that a checkout that
    puts its own ``scripts/`` first (a git worktree beside an editable install) builds with its own code."""
    environment = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
    if os.environ.get("PYTHONPATH"):
        environment["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return environment


def valid_case_text() -> str:
    return VALID_CASE.read_text(encoding="utf-8")


def replace_line(text: str, old_line: str, new_lines: str) -> str:
    """Replace the one line that equals ``old_line`` (ignoring indentation) by ``new_lines``, same indent."""
    pattern = re.compile(rf"^(?P<indent>[ \t]*){re.escape(old_line.strip())}[ \t]*$", re.MULTILINE)
    matches = list(pattern.finditer(text))
    assert len(matches) == 1, f"{old_line!r} occurs {len(matches)} times in the valid case"
    indent = matches[0].group("indent")
    replacement = "\n".join(indent + line if line else line for line in new_lines.split("\n"))
    return text[: matches[0].start()] + replacement + text[matches[0].end():]


def line_of(text: str, line: str) -> int:
    """1-based number of the line that equals ``line`` (ignoring indentation)."""
    numbers = [number for number, candidate in enumerate(text.splitlines(), 1) if candidate.strip() == line.strip()]
    assert len(numbers) == 1, f"{line!r} occurs {len(numbers)} times"
    return numbers[0]


@pytest.fixture
def write_case(tmp_path: Path) -> Callable[..., Path]:
    """Write case text into a fresh cases/ folder; the file name defaults to the valid case's id."""

    def write(text: str, name: str = "voorbeeld-gemengd-wonen.yaml") -> Path:
        folder = tmp_path / "cases"
        folder.mkdir(exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8") if isinstance(text, str) else path.write_bytes(text)
        return path

    return write


@pytest.fixture
def problems_in(write_case: Callable[..., Path]) -> Callable[..., list[Problem]]:
    """Validate case text (str or bytes) and return its problems."""

    def check(text: str | bytes, name: str = "voorbeeld-gemengd-wonen.yaml") -> list[Problem]:
        path = write_case(text, name)
        return validate_paths([path], today=TODAY).problems

    return check


def as_read(markdown: str) -> str:
    """Markdown with its backslash escapes undone: the text a reader sees where no other syntax is used."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown)


@pytest.fixture(scope="session")
def full_case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    """The valid example case (every field filled) as the model holds it."""
    folder = tmp_path_factory.mktemp("full-case")
    shutil.copy(VALID_CASE, folder / VALID_CASE.name)
    catalog, _ = load_catalog(folder, today=TODAY)
    assert catalog is not None
    return catalog.cases[0]


@pytest.fixture
def settled_heap() -> Iterator[None]:
    """For tests with a CPU-time limit: the limit is for the code under test, not for collecting the garbage
    that earlier tests left in this process (after ~1,400 tests a collection alone could take a second).
    Collect it, and freeze what is left so that collections during the test do not walk it."""
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


def least_cpu_seconds(call: Callable[[], T], limit: float, tries: int = 3) -> tuple[float, T]:
    """The CPU seconds ``call()`` takes, and its result. The suite runs on every core beside Chromium, and on a
    busy machine one run can take twice as long as on a calm one; a slow (say quadratic) shape is slow every
    time. So a run over ``limit`` is repeated, up to ``tries`` runs, and the least time counts."""
    best = float("inf")
    for _ in range(tries):
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
        if best < limit:
            break
    return best, result
