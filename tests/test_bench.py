"""The benchmark keeps working (a smoke run at N = 20), and the performance fast paths change no outcome.

Speed itself is not tested here: `python -m benchmarks --cases N` prints the figures
(docs/dev/performance.md records them).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import bench

from conftest import FIXTURES, TODAY, VALID_CASE
from thuisbasis.loading import load_document
from thuisbasis.schemas import CASE_SCHEMA, load_schema
from thuisbasis.validation import validate_paths
from thuisbasis.validation.schema import coerce_plain_scalars, is_valid_fast, validator_for

WRONG_VALUES: tuple[Any, ...] = (None, "", "x", -1, 1.5, True, [], {"x": 1}, "2024-02-30", "a" * 600)


def test_the_benchmark_runs_end_to_end_with_synthetic_cases_added(tmp_path: Path) -> None:
    """One run with every measure, the first query in Chromium included (each run builds the site twice)."""
    count = len(list((bench.REPOSITORY / "cases").glob("*.yaml"))) + 8  # the real cases and 8 made up
    figures = bench.run(count, search=True, keep=tmp_path)
    assert figures.cases == count
    assert figures.validate_s > 0 and figures.render_s > 0
    assert figures.full_build_s and figures.bare_build_s and figures.plugin_s is not None
    assert figures.pagefind_index_s is not None
    assert 0 < figures.plugin_s + figures.pagefind_index_s < figures.full_build_s
    assert figures.pages > 20 and figures.median_page_kb > 0 and figures.site_mb > 0
    assert figures.bare_material_query_kb and figures.bare_material_query_kb > 0
    table = figures.table()
    for measure in ("validate", "render", "full mkdocs build", "Pagefind indexing", "bare Material build",
                    "full / bare", "peak memory", "median page", "largest page", "site size",
                    "first query, bare Material search"):
        assert measure in table
    # The first query is measured in Chromium from the files it fetches.
    assert set(figures.query_kb) == set(bench.QUERIES)
    site = tmp_path / "site-full"
    runtime = bench.gzip_kb(site / "pagefind" / "pagefind.js") + (site / "pagefind" / "wasm.nl.pagefind").stat().st_size / 1024
    for query, size in figures.query_kb.items():
        assert size > runtime, query  # at least the runtime, the WebAssembly and then index files
    assert "KB at most" in figures.table()


def test_serve_shows_an_edited_case(tmp_path: Path) -> None:
    source = bench.make_copy(tmp_path, len(list((bench.REPOSITORY / "cases").glob("*.yaml"))) + 3)  # it edits made-up cases
    started, edits = bench.measure_serve(source, tmp_path, edits=1)
    assert started > 0 and len(edits) == 1 and edits[0] > 0
    edited = sorted((source / "cases").glob("bench-*.yaml"))[0]
    assert "titel: bewerkingnummer0 " in edited.read_text(encoding="utf-8")


def test_synthetic_cases_are_valid_and_cover_every_woonvorm_and_doelgroep(tmp_path: Path) -> None:
    cases = bench.synthetic_cases(40)
    for name, text in cases:
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = validate_paths([tmp_path], today=TODAY)
    assert report.errors == [] and report.checked_cases == 40
    assert {document.data["woonvorm"] for document in report.cases} == set(bench.registry_ids("woonvormen"))
    assert {group for document in report.cases for group in document.data["doelgroepen"]} == set(
        bench.registry_ids("doelgroepen"))


def _leaf_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaf_paths(item, (*path, index))


def _replaced(data: Any, path: tuple[Any, ...], new: Any) -> Any:
    changed = copy.deepcopy(data)
    if not path:
        return new
    target = changed
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = new
    return changed


def _loaded(path: Path) -> Any:
    document, problems = load_document(path)
    if problems or not isinstance(document.data, dict):
        return None
    coerce_plain_scalars(document, load_schema(CASE_SCHEMA))
    return document.data


def test_the_compiled_schema_check_never_passes_what_jsonschema_refuses() -> None:
    """The fast path: a document the compiled check calls valid must have no jsonschema error at all.

    Checked on every fixture as it is, and on the valid case with each value in turn replaced by a wrong one.
    """
    schema = load_schema(CASE_SCHEMA)
    slow = validator_for(schema)
    fixtures = [_loaded(path) for path in sorted(FIXTURES.glob("*/*.yaml")) if "checklist" not in path.parent.name]
    valid = _loaded(VALID_CASE)
    variants = [data for data in fixtures if data is not None] + [{**valid, "onbekend_veld": 1}]
    variants += [_replaced(valid, path, wrong) for path in _leaf_paths(valid) for wrong in WRONG_VALUES]
    for variant in variants:
        if is_valid_fast(variant, schema):
            assert next(iter(slow.iter_errors(variant)), None) is None, variant
        else:
            assert next(iter(slow.iter_errors(variant)), None) is not None or _stricter_format(variant), variant
    assert len(variants) > 1000


def _stricter_format(variant: Any) -> bool:
    """Where the compiled check is stricter than jsonschema (allowed: it only costs time). None known."""
    return False
