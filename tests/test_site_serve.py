"""scripts/thuisbasis/site/serve.py: `mkdocs serve --dirty` rebuilds only what changed, and stays correct.

The unit tests check the bookkeeping; the last tests run a real `mkdocs serve --dirty` on the small example
site and edit, add and delete cases and the configuration while it runs.
"""

from __future__ import annotations

import gc
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader

from conftest import VALID_CASE
from thuisbasis.site import serve
from thuisbasis.site.serve import (
    ChangeAwareFile,
    CompiledTemplates,
    IncrementalBuilds,
    LongLivedObjects,
    content_digest,
)

SITE = Path(__file__).parent / "sites" / "minimal"


def fake_config(tmp_path: Path) -> Any:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir(exist_ok=True)
    return SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"),
                           use_directory_urls=True, theme=SimpleNamespace(custom_dir=str(tmp_path / "overrides")),
                           plugins=SimpleNamespace(_current_plugin="thuisbasis"))


def build_once(builds: IncrementalBuilds, config: Any, pages: dict[str, str]) -> dict[str, bool]:
    """One build as MkDocs does it: start, generate every page, write the modified ones, finish."""
    builds.start(config)
    changed = {}
    for path, content in pages.items():
        file = builds.generated(config, path, content)
        changed[path] = file.is_modified()
        if file.is_modified():
            Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
            Path(file.abs_dest_path).write_text(content, encoding="utf-8")
    builds.finish()
    return changed


def test_a_generated_page_is_modified_only_when_its_content_changed(tmp_path: Path) -> None:
    config, builds = fake_config(tmp_path), IncrementalBuilds()
    assert build_once(builds, config, {"a.md": "A", "b.md": "B"}) == {"a.md": True, "b.md": True}
    assert build_once(builds, config, {"a.md": "A", "b.md": "B2"}) == {"a.md": False, "b.md": True}
    assert build_once(builds, config, {"a.md": "A", "b.md": "B2"}) == {"a.md": False, "b.md": False}


def test_a_page_whose_output_is_gone_is_built_again(tmp_path: Path) -> None:
    config, builds = fake_config(tmp_path), IncrementalBuilds()
    build_once(builds, config, {"a.md": "A"})
    (tmp_path / "site" / "a" / "index.html").unlink()
    assert build_once(builds, config, {"a.md": "A"}) == {"a.md": True}


def test_a_page_no_longer_generated_loses_its_output(tmp_path: Path) -> None:
    config, builds = fake_config(tmp_path), IncrementalBuilds()
    build_once(builds, config, {"a.md": "A", "weg.md": "W"})
    assert (tmp_path / "site" / "weg" / "index.html").exists()
    build_once(builds, config, {"a.md": "A"})
    assert not (tmp_path / "site" / "weg" / "index.html").exists()
    assert (tmp_path / "site" / "a" / "index.html").exists()


def test_after_a_failed_build_every_page_is_built(tmp_path: Path) -> None:
    config, builds = fake_config(tmp_path), IncrementalBuilds()
    build_once(builds, config, {"a.md": "A"})
    builds.start(config)
    builds.generated(config, "a.md", "A")
    builds.forget()  # the build failed after generating
    assert build_once(builds, config, {"a.md": "A"}) == {"a.md": True}


def test_a_change_to_the_configuration_or_theme_rebuilds_everything(tmp_path: Path) -> None:
    config, builds = fake_config(tmp_path), IncrementalBuilds()
    build_once(builds, config, {"a.md": "A"})
    stale = tmp_path / "site" / "assets" / "oud.css"
    stale.parent.mkdir(parents=True)
    stale.write_text("x", encoding="utf-8")
    override = tmp_path / "overrides" / "main.html"
    override.write_text("{% extends 'base.html' %}", encoding="utf-8")
    assert build_once(builds, config, {"a.md": "A"}) == {"a.md": True}
    assert not stale.exists(), "the site folder is emptied, so MkDocs writes every page and file again"
    later = time.time() + 5
    os.utime(tmp_path / "mkdocs.yml", (later, later))
    assert build_once(builds, config, {"a.md": "A"}) == {"a.md": True}


def test_a_new_environment_reuses_the_compiled_theme_templates_until_one_is_edited(tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "main.html").write_text("Hallo {{ naam }}", encoding="utf-8")
    cache = CompiledTemplates()
    compiled: list[str] = []

    def environment() -> Environment:  # as MkDocs makes one for every rebuild
        env = Environment(loader=FileSystemLoader(tmp_path), bytecode_cache=cache, autoescape=True)
        original = env.compile
        monkeypatch.setattr(env, "compile", lambda source, name=None, *a, **k: (
            compiled.append(str(name)), original(source, name, *a, **k))[1])
        return env

    assert environment().get_template("main.html").render(naam="wereld") == "Hallo wereld"
    assert environment().get_template("main.html").render(naam="Thuisbasis") == "Hallo Thuisbasis"
    assert compiled == ["main.html"]  # the second environment loaded the compiled code
    (tmp_path / "main.html").write_text("Dag {{ naam }}", encoding="utf-8")
    assert environment().get_template("main.html").render(naam="Thuisbasis") == "Dag Thuisbasis"
    assert compiled == ["main.html", "main.html"]  # an edited override is compiled again


def test_parts_the_last_build_had_are_not_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # While serving, the render memo gives an unchanged page's Markdown and HTML blocks as the same objects.
    config, builds = fake_config(tmp_path), IncrementalBuilds()
    hashed: list[tuple[str | bytes, ...]] = []
    monkeypatch.setattr(serve, "content_digest", lambda *parts: hashed.append(parts) or content_digest(*parts))
    markdown, block = "# Kop\n\n<!-- blok 0 -->\n", "<table>oud</table>"

    def build(*parts: str) -> bool:
        builds.start(config)
        file = builds.generated(config, "a.md", parts[0], parts=parts)
        Path(file.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        Path(file.abs_dest_path).write_text("x", encoding="utf-8")
        builds.finish()
        return file.is_modified()

    assert build(markdown, block) and len(hashed) == 1
    assert not build(markdown, block) and len(hashed) == 1  # the same objects: not hashed
    assert not build(markdown, "".join(["<table>", "oud</table>"])) and len(hashed) == 2  # equal text, new object
    assert build(markdown, "<table>nieuw</table>") and len(hashed) == 3
    assert content_digest("ab", "c") != content_digest("a", "bc")  # each part's length counts


def test_long_lived_objects_are_frozen_once_before_the_second_build(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda *args: calls.append("collect") or 0)
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    long_lived = LongLivedObjects()
    long_lived.before_build()
    assert calls == []  # the first build's pages are not long-lived: nothing is frozen before it
    long_lived.before_build()
    assert calls == ["collect", "freeze"]  # the first build's garbage collected, then what is left frozen
    for _ in range(3):
        long_lived.before_build()
    assert calls == ["collect", "freeze"]  # once per session, whether a build failed or not


def test_change_aware_file_is_a_generated_file(tmp_path: Path) -> None:
    file = ChangeAwareFile.generated(fake_config(tmp_path), "x.md", content="X")
    assert file.generated_by == "thuisbasis" and file.content_string == "X"
    assert content_digest("X") == content_digest(b"X") != content_digest("Y")


# --- a real `mkdocs serve --dirty` ---------------------------------------------------------------


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - the local test server
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:
        return 0, ""


def eventually(condition: Callable[[], bool], what: str, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"{what} did not happen within {timeout} s; serve log:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def served(tmp_path: Path, unused_port: int) -> Iterator[tuple[Path, str, Path]]:
    site = tmp_path / "minimal"
    shutil.copytree(SITE, site)
    shutil.copy(VALID_CASE, site / "cases" / VALID_CASE.name)
    log = tmp_path / "serve.log"
    url = f"http://127.0.0.1:{unused_port}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{unused_port}"]
    with log.open("wb") as out, subprocess.Popen(command, cwd=site, stdout=out, stderr=subprocess.STDOUT,
                                                 env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                                      "TMPDIR": str(tmp_path)}) as child:  # serve's site folder
        try:
            eventually(lambda: fetch(f"{url}/")[0] == 200, "the first build", log)
            yield site, url, log
        finally:
            child.terminate()
            child.wait(30)


@pytest.fixture
def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_shows_edits_new_and_deleted_cases_and_config_changes(served: tuple[Path, str, Path]) -> None:
    site, url, log = served
    case = site / "cases" / "kleine-casus.yaml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "titel: Een kleine casus met alleen verplichte velden", "titel: Een bewerkte kleine casus"), encoding="utf-8")
    eventually(lambda: "Een bewerkte kleine casus" in fetch(f"{url}/casussen/kleine-casus/")[1], "the edit", log)
    assert "Een bewerkte kleine casus" in fetch(f"{url}/casussen/")[1], "the overview shows the new title too"
    assert "Een bewerkte kleine casus" not in fetch(f"{url}/over/")[1]

    (site / "cases" / VALID_CASE.name).unlink()
    case_id = VALID_CASE.stem
    eventually(lambda: fetch(f"{url}/casussen/{case_id}/")[0] == 404, "the deleted case's page going away", log)
    assert f"casussen/{case_id}/" not in fetch(f"{url}/casussen/")[1]

    config = site / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Testsite", "site_name: Andere naam"),
                      encoding="utf-8")
    eventually(lambda: "Andere naam" in fetch(f"{url}/casussen/kleine-casus/")[1], "the new site name on a case", log)
    assert "Andere naam" in fetch(f"{url}/over/")[1]


def test_serve_makes_the_search_index_in_the_background(served: tuple[Path, str, Path]) -> None:
    _site, url, log = served
    eventually(lambda: fetch(f"{url}/pagefind/pagefind-entry.json")[0] == 200, "the search index", log)
