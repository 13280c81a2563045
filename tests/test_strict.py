"""Strictness: a warning fails the build, and the order of cases never depends on where files come from.

1. `mkdocs build --strict` exits non-zero on a broken Markdown link, for a tiny site and for the project's
   own configuration. `-q` must not be combined with `--strict` (MkDocs 1.6.1 then exits 0 despite the
   warning; mkdocs#4126): the last test pins that upstream behaviour, so we notice when it is fixed.
2. Order (documented in docs/dev/architecture.md, "Order of cases"): ids are slugs and sort as text
   (`casus-10` before `casus-2`): the catalog, cases.json and case pages. Lists for readers sort by title
   (case-insensitive, then id). Both are total orders on strings, so they do not depend on the file
   system, the order files were written, the locale or the hash seed, and MkDocs never sorts cases
   (they are not in the navigation). Numbers inside ids or titles are not read as numbers.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TODAY, replace_line, valid_case_text
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import render_site

ROOT = Path(__file__).parent.parent
ENVIRONMENT = {**{key: value for key, value in os.environ.items() if not key.startswith("THUISBASIS_")},
               "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *options], capture_output=True, text=True,
                          cwd=folder, env=ENVIRONMENT, timeout=300)


@pytest.fixture
def tiny_site(tmp_path: Path) -> Path:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: Klein\ntheme:\n  name: material\n  font: false\n", encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text("# Klein\n\nZie [de andere pagina](bestaat-niet.md).\n",
                                               encoding="utf-8")
    return tmp_path


def test_strict_build_fails_on_a_broken_link(tiny_site: Path) -> None:
    assert mkdocs_build(tiny_site).returncode == 0  # without --strict it is only a warning
    result = mkdocs_build(tiny_site, "--strict")
    assert result.returncode != 0
    assert "bestaat-niet.md" in result.stderr


def test_strict_build_of_the_project_fails_on_a_broken_link(tmp_path: Path) -> None:
    for name in ("cases", "checklists", "context", "docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    page = tmp_path / "docs" / "over.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nZie [weg](casussen/bestaat-niet.md).\n", encoding="utf-8")
    result = mkdocs_build(tmp_path, "--strict")
    assert result.returncode != 0
    assert "casussen/bestaat-niet.md" in result.stderr


def test_quiet_defeats_strict_so_ci_never_combines_them(tiny_site: Path) -> None:
    """Upstream behaviour (mkdocs#4126): README and tests/test_workflows.py keep -q out of CI builds."""
    assert mkdocs_build(tiny_site, "--strict", "-q").returncode == 0


def numbered_case(number: int) -> str:
    text = replace_line(valid_case_text(), "id: voorbeeld-gemengd-wonen", f"id: casus-{number}")
    return replace_line(text, "titel: Gemengd wonen in een voormalig kantoor (voorbeeld)", f"titel: Casus {number}")


def render_numbered(folder: Path, numbers: list[int]) -> tuple[list[str], dict[str, str]]:
    cases = folder / "cases"
    cases.mkdir(parents=True)
    for number in numbers:  # the order the files are written in
        (cases / f"casus-{number}.yaml").write_text(numbered_case(number), encoding="utf-8")
    catalog, report = load_catalog(cases, today=TODAY)
    assert catalog is not None, [str(found) for found in report.errors]
    site = render_site(catalog, TODAY)
    return [case.id for case in catalog.cases], {
        **{page.path: page.content for page in site.pages}, **site.data}


def test_cases_sort_as_text_whatever_the_order_files_were_written(tmp_path: Path) -> None:
    ids, first = render_numbered(tmp_path / "een", [2, 10, 1, 11])
    ids_again, second = render_numbered(tmp_path / "twee", [11, 1, 10, 2])
    assert ids == ids_again == ["casus-1", "casus-10", "casus-11", "casus-2"]
    assert first == second
    assert [case["id"] for case in json.loads(first["data/cases.json"])] == ids
    by_title = [case["titel"] for case in json.loads(first["data/zoekindex.json"])["casussen"]]
    assert by_title == ["Casus 1", "Casus 10", "Casus 11", "Casus 2"]
    overview = first["casussen/index.md"]
    assert [overview.index(f"Casus {number}<") for number in (1, 10, 11, 2)] == sorted(
        overview.index(f"Casus {number}<") for number in (1, 10, 11, 2))
