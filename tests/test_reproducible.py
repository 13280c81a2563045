"""Reproducible builds: the same commit, built in two folders with the same SOURCE_DATE_EPOCH, gives
byte-identical sites (every file, including sitemap.xml.gz, the search index and the open data).

The plugin takes 'today' from SOURCE_DATE_EPOCH (catalog.build_date) and MkDocs uses it for the
sitemap's <lastmod>. The two builds also differ in PYTHONHASHSEED, so set or dict order cannot leak in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TREE = ["cases", "checklists", "context", "docs", "overrides", "mkdocs.yml"]
EPOCH = "1700000000"  # 14 November 2023


def copy_of_the_repository(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in TREE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


def build(tree: Path, epoch: str, hash_seed: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("THUISBASIS_")}
    environment.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED=hash_seed)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], capture_output=True, text=True,
                            cwd=tree, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr
    site = tree / "site"
    return {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return build(copy_of_the_repository(tmp_path_factory.mktemp("een") / "thuisbasis"), EPOCH, "1")


def test_two_builds_of_the_same_commit_are_byte_identical(first_build: dict[str, str], tmp_path: Path) -> None:
    second = build(copy_of_the_repository(tmp_path / "ergens" / "anders" / "thuisbasis"), EPOCH, "2")
    assert len(first_build) > 100
    assert first_build.keys() == second.keys()
    assert [name for name in first_build if first_build[name] != second[name]] == []


def test_another_date_changes_the_dated_files(first_build: dict[str, str], tmp_path: Path) -> None:
    """The check above can fail: the build date does reach the output (the gzip header of the sitemap)."""
    later = build(copy_of_the_repository(tmp_path / "later"), "1800000000", "1")
    changed = {name for name in first_build if first_build[name] != later.get(name)}
    assert "sitemap.xml.gz" in changed
