"""Shared test helpers: a fully valid case file and ways to write variations of it."""

from __future__ import annotations

import datetime as dt
import fcntl
import gc
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tempfile
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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker more than there are cores. The browser tests spend part of their time waiting
    (for the network to go quiet, for a page's scripts), and a third worker fills that time on two cores:
    the whole suite took 532 s with two workers and 479 s with three on this 2-core machine."""
    return (os.cpu_count() or 1) + 1


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
    """``mkdocs build --strict`` of the project's own site (this checkout) into ``out``, then its search index
    (``thuisbasis index``), as ``make build`` and CI do; the first step that fails gives the result."""
    environment = environment or {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out), *extra],
                            capture_output=True, text=True, cwd=ROOT, timeout=300, env=environment)
    return index_built_site(out, cwd=ROOT, environment=environment) if result.returncode == 0 else result


def index_built_site(site: Path, *, cwd: Path, environment: dict[str, str] | None = None,
                     ) -> subprocess.CompletedProcess[str]:
    """``thuisbasis index SITE`` in a child process: the search index of a built site (site/search.py)."""
    return subprocess.run([sys.executable, "-m", "thuisbasis", "index", str(site)], capture_output=True, text=True,
                          cwd=cwd, timeout=300, env=environment)

T = TypeVar("T")


# What the project's site is made from: a change to any of these (or to the package the build imports, the
# installed libraries, the THUISBASIS_ variables or the day) gives another built site.
SITE_SOURCES = ["cases", "checklists", "context", "docs", "overrides", "mkdocs.yml"]
SITE_CACHE = ROOT / "build" / "test-site"


def files_below(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(file for file in path.rglob("*") if file.is_file() and "__pycache__" not in file.parts)


def project_site_key() -> str:
    """A digest of everything ``mkdocs build`` of this checkout reads, so a built site can be reused while it
    is still what a build would give, and by every pytest-xdist worker instead of one build each."""
    import thuisbasis  # the package the build imports: PYTHONPATH decides, in the child process as here

    digest = hashlib.sha256()
    sources = [ROOT / name for name in SITE_SOURCES] + [Path(thuisbasis.__file__).parent]
    for file in (file for source in sources for file in files_below(source)):
        digest.update(f"{file}\0".encode() + file.read_bytes() + b"\0")
    libraries = sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions())
    variables = sorted(f"{key}={value}" for key, value in os.environ.items()
                       if key.startswith("THUISBASIS_") or key in ("SOURCE_DATE_EPOCH", "PYTHONPATH"))
    digest.update("\n".join([*libraries, *variables, dt.date.today().isoformat()]).encode())
    return digest.hexdigest()[:20]


def shared_project_site() -> Path:
    """The project's site in build/test-site/<key>/site, built by whichever process asks first (a file lock
    keeps the other pytest-xdist workers waiting) and reused by the others and by later runs."""
    SITE_CACHE.mkdir(parents=True, exist_ok=True)
    key = project_site_key()
    folder = SITE_CACHE / key
    with (SITE_CACHE / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "site").is_dir():
            partial = Path(tempfile.mkdtemp(prefix=f"{key}-", dir=SITE_CACHE))
            result = build_project_site(partial / "site")
            if result.returncode != 0:
                shutil.rmtree(partial)
            assert result.returncode == 0, result.stderr
            partial.rename(folder)  # only a whole build is ever seen under the key
            remove_old_sites(keep=key)
        os.utime(folder)  # in use: see remove_old_sites
    return (folder / "site").resolve()


def remove_old_sites(keep: str, hours: float = 6) -> None:
    """Builds for other keys that no run has used for ``hours`` (a run of another version of the checkout
    can still be reading a recent one)."""
    for entry in SITE_CACHE.iterdir():
        if not entry.name.startswith(keep) and time.time() - entry.stat().st_mtime > hours * 3600:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


@pytest.fixture(scope="session")
def project_site() -> Path:
    """The project's own site, built once for the whole test run and shared by every worker (audit, links,
    browser tests; see ``shared_project_site``). Read it only; a test that changes files works on a copy."""
    return shared_project_site()


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


RETRY_PAUSE_S = 1.0


def least_cpu_seconds(call: Callable[[], T], limit: float, tries: int = 5) -> tuple[float, T]:
    """The CPU seconds ``call()`` takes, and its result. The suite runs on every core beside Chromium, and on a
    busy machine one run can take twice as long as on a calm one; a slow (say quadratic) shape is slow every
    time. So a run over ``limit`` is repeated, up to ``tries`` runs, each after a short pause (a burst on the
    other core, such as a page load in Chromium, passes), and the least time counts."""
    best = float("inf")
    for attempt in range(tries):
        if attempt:
            time.sleep(RETRY_PAUSE_S)
        start = time.process_time()
        result = call()
        best = min(best, time.process_time() - start)
        if best < limit:
            break
    return best, result
