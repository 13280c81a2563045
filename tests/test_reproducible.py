"""Reproducible builds: the same commit, built in two folders with the same SOURCE_DATE_EPOCH, gives
byte-identical sites (every file, including sitemap.xml.gz, the search index and the open data).

One exception, upstream: Pagefind writes the values of a filter (the 'casus' filter on every case page,
which the filter page uses for full-text search) in hash-map order, which changes from run to run, and
names the filter file and the index's meta file after their bytes. Those three files are compared by
their decoded content (CBOR, in which Pagefind stores them), with the order of the values and the file
hashes taken out; every other file must be the same to the byte.

The plugin takes 'today' from SOURCE_DATE_EPOCH (catalog.build_date) and MkDocs uses it for the
sitemap's <lastmod>. The two builds also differ in PYTHONHASHSEED, so set or dict order cannot leak in.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import index_built_site

# One worker runs this module (--dist loadgroup): the first build is shared by its two tests.
pytestmark = pytest.mark.xdist_group("reproducible")

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


def cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """A minimal CBOR reader for Pagefind's files: integers, strings, arrays, maps, simple values."""
    head, at = data[at], at + 1
    kind, extra = head >> 5, head & 31
    if extra < 24:
        value = extra
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[extra]
        value, at = int.from_bytes(data[at:at + size], "big"), at + size
    if kind in (0, 1):
        return (value if kind == 0 else -1 - value), at
    if kind in (2, 3):
        raw = data[at:at + value]
        return (raw.decode() if kind == 3 else raw.hex()), at + value
    if kind == 4:
        items = []
        for _ in range(value):
            item, at = cbor(data, at)
            items.append(item)
        return items, at
    if kind == 5:
        pairs = []
        for _ in range(value):
            key, at = cbor(data, at)
            item, at = cbor(data, at)
            pairs.append([key, item])
        return pairs, at
    return {20: False, 21: True, 22: None}[value], at


def pagefind_file(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return cbor(data, len(b"pagefind_dcd"))[0]


def digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def pagefind_digests(site: Path) -> dict[str, str]:
    """The filter files, the meta file and the entry file, by content without value order or file hashes."""
    found: dict[str, str] = {}
    filters = {}
    for path in (site / "pagefind" / "filter").glob("*.pf_filter"):
        name, values = pagefind_file(path)
        filters[path.stem] = digest([name, sorted(values)])
        found[f"pagefind/filter/{name}.pf_filter"] = filters[path.stem]
    for path in (site / "pagefind").glob("pagefind.*.pf_meta"):
        version, pages, chunks, filter_files, *rest = pagefind_file(path)
        found["pagefind/pagefind.pf_meta"] = digest(
            [version, pages, chunks, [[name, filters[stem]] for name, stem in filter_files], rest])
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        language.pop("hash")
    found["pagefind/pagefind-entry.json"] = digest(entry)
    return found


def unordered_by_pagefind(name: str) -> bool:
    return name.startswith("pagefind/filter/") or (name.startswith("pagefind/pagefind.") and name.endswith(".pf_meta")) \
        or name == "pagefind/pagefind-entry.json"


def build(tree: Path, epoch: str, hash_seed: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("THUISBASIS_")}
    environment.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONHASHSEED=hash_seed)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], capture_output=True, text=True,
                            cwd=tree, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr
    indexed = index_built_site(tree / "site", cwd=tree, environment=environment)
    assert indexed.returncode == 0, indexed.stderr
    return digests(tree / "site")


def digests(site: Path) -> dict[str, str]:
    """Every file of a built site by its SHA-256; Pagefind's unordered files by their content (see above)."""
    files = {path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in sorted(site.rglob("*")) if path.is_file()}
    return {**{name: value for name, value in files.items() if not unordered_by_pagefind(name)},
            **pagefind_digests(site)}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return build(copy_of_the_repository(tmp_path_factory.mktemp("een") / "thuisbasis"), EPOCH, "1")


def test_two_builds_of_the_same_commit_are_byte_identical(first_build: dict[str, str], tmp_path: Path) -> None:
    second = build(copy_of_the_repository(tmp_path / "ergens" / "anders" / "thuisbasis"), EPOCH, "2")
    assert len(first_build) > 100
    assert first_build.keys() == second.keys()
    assert [name for name in first_build if first_build[name] != second[name]] == []


def test_another_date_changes_the_dated_files(first_build: dict[str, str], project_site: Path) -> None:
    """The check above can fail: the build date does reach the output (the gzip header of the sitemap). The
    other date is today's: the shared project site (tests/conftest.py) is built without SOURCE_DATE_EPOCH."""
    later = digests(project_site)
    changed = {name for name in first_build if first_build[name] != later.get(name)}
    assert "sitemap.xml.gz" in changed
