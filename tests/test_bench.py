"""The benchmark keeps working (a smoke run at N = 20, one repetition: its structure, and that every side
really ran), it measures whole process trees, and the performance fast paths change no outcome.

Speed itself is not tested here: `python -m benchmarks --cases N` prints the figures
(docs/dev/performance.md records them).
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from benchmarks import bench, measure, report, sides
from benchmarks.report import Results

from conftest import FIXTURES, TODAY, VALID_CASE
from thuisbasis.loading import load_document
from thuisbasis.schemas import CASE_SCHEMA, load_schema
from thuisbasis.validation import validate_paths
from thuisbasis.validation.schema import coerce_plain_scalars, is_valid_fast, validator_for

WRONG_VALUES: tuple[Any, ...] = (None, "", "x", -1, 1.5, True, [], {"x": 1}, "2024-02-30", "a" * 600)


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, Path]:
    """One whole benchmark at the smallest size: the real cases (N = 20 adds none), one repetition."""
    root = tmp_path_factory.mktemp("bench")
    return bench.run(20, repetitions=1, search=True, keep=root, command="python -m benchmarks --cases 20"), root


@pytest.mark.xdist_group("bench-run")  # one worker runs the benchmark once (--dist loadgroup)
def test_every_side_really_ran_once_as_whole_processes(tiny_run: tuple[Results, Path]) -> None:
    results, root = tiny_run
    real_cases = sorted((bench.REPOSITORY / "cases").glob("*.yaml"))
    assert results.cases == len(real_cases)
    assert set(results.runs) == {"pipeline", "bare", "floor", "yaml"}
    assert set(results.runs["pipeline"][0]) == {"validate", "build", "index", "total"}
    for side, runs in results.runs.items():
        assert len(runs) == 1, side
        for step, usage in runs[0].items():
            assert usage.wall_s > 0 and usage.cpu_s > 0 and usage.peak_mb >= usage.largest_process_mb > 0, (side, step)
    assert "Controle van de casussen" in (root / "pipeline" / "summary.md").read_text(encoding="utf-8")  # thuisbasis validate --summary wrote it
    pipeline_site = root / "pipeline" / "site"
    assert (pipeline_site / "pagefind" / "pagefind.js").is_file()  # thuisbasis index made the search index
    bare_index = json.loads((root / "bare" / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {document["location"] for document in bare_index["docs"]}
    assert f"casussen/{real_cases[0].stem}/" in locations  # Material indexed the same case pages with lunr
    assert (pipeline_site / "casussen" / real_cases[0].stem / "index.html").is_file()
    assert len(list((root / "floor-html").glob("*.html"))) == len(real_cases)


@pytest.mark.xdist_group("bench-run")  # one worker runs the benchmark once (--dist loadgroup)
def test_the_report_has_the_issue_table_the_targets_the_machine_and_the_command(tiny_run: tuple[Results, Path]) -> None:
    results, _ = tiny_run
    text = report.text(results)
    assert "| N cases | Thuisbasis pipeline | bare Material with search | floor (read YAML + write HTML) |" in text
    assert f"| {results.cases} | " in text
    assert "Command: python -m benchmarks --cases 20" in text
    assert f"Machine: {os.cpu_count()} cores" in text and "load average" in text
    names = [target for target, *_ in report.RATIO_TARGETS] + ["no page over 100 KB", "first search query <= 300 KB",
                                                               "serve shows an edit in <= 2 s"]
    for name in names:
        line = next(line for line in text.splitlines() if name in line)
        assert line.split()[0] in {"PASS", "FAIL", "NOT"}, line
    targets = {line["target"]: line for line in report.as_json(results)["targets"]}
    assert all(targets[name]["status"] in {"PASS", "FAIL"} for name, *_ in report.RATIO_TARGETS)
    assert targets["first search query <= 300 KB"]["status"] in {"PASS", "FAIL"}
    assert next(line for name, line in targets.items() if name.startswith("serve"))["status"] == "NOT MEASURED"
    data = json.loads(json.dumps(report.as_json(results)))
    assert data["summary"]["pipeline"]["validate"]["cpu_s"]["median"] > 0
    assert data["site"]["largest_page"] and data["command"] == results.command


@pytest.mark.xdist_group("bench-run")  # one worker runs the benchmark once (--dist loadgroup)
def test_the_first_query_is_measured_in_chromium_from_the_files_it_fetches(tiny_run: tuple[Results, Path]) -> None:
    results, root = tiny_run
    assert set(results.query_kb) == set(bench.QUERIES)
    site = root / "pipeline" / "site"
    runtime = bench.gzip_kb(site / "pagefind" / "pagefind.js") + (site / "pagefind" / "wasm.nl.pagefind").stat().st_size / 1024
    for query, size in results.query_kb.items():
        assert size > runtime, query  # at least the runtime, the WebAssembly and then index files


def test_validation_alone_is_compared_with_the_yaml_floor_in_interleaved_runs() -> None:
    results = bench.run(20, repetitions=2, build=False)
    assert set(results.runs) == {"pipeline", "yaml"}
    assert [set(run) for run in results.runs["pipeline"]] == [{"validate", "total"}] * 2
    statuses = {line["target"]: line["status"] for line in report.targets(results)}
    assert statuses["validation CPU <= 2x YAML-parse floor"] in {"PASS", "FAIL"}
    assert statuses["pipeline CPU <= 1.0x bare Material"] == "NOT MEASURED"
    steps = report.steps_table(results)  # --no-build: the steps that ran, none that did not
    assert "| thuisbasis validate |" in steps and "| YAML-parse floor |" in steps
    assert "mkdocs build" not in steps and "thuisbasis index" not in steps
    assert "| thuisbasis validate |" in report.text(results)


def test_the_projects_own_code_is_compiled_before_the_timed_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Libraries were compiled by pip; the editable package is compiled here, also where PYTHONDONTWRITEBYTECODE
    is set, so no timed run compiles it again."""
    import importlib.util

    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    sources = [sides.REPOSITORY / "scripts" / "thuisbasis" / "cli.py", sides.REPOSITORY / "benchmarks" / "floor.py"]
    cached = [Path(importlib.util.cache_from_source(str(source))) for source in sources]
    for path in cached:
        path.unlink(missing_ok=True)
    assert sides.compile_own_code()
    assert all(path.exists() and path.stat().st_size > 0 for path in cached)


def test_only_a_busy_start_makes_the_figures_not_calm() -> None:
    cores = os.cpu_count() or 1
    calm, busy = (0.1, 0.1, 0.1), (cores * 2.0, 1.0, 1.0)
    assert report.load_warning(Results(1, 1, "x", "now", load_before=calm, load_after=busy)) is None  # its own runs
    warning = report.load_warning(Results(1, 1, "x", "now", load_before=busy, load_after=calm))
    assert warning is not None and "at start" in warning


def test_sides_alternate_in_every_repetition(tmp_path: Path) -> None:
    said: list[str] = []
    fake = [sides.Side(key, key, lambda: [sides.Step("step", ("true",), tmp_path)]) for key in ("A", "B")]
    runs = sides.interleaved(fake, 3, said.append)
    assert [line.split()[2].rstrip(":") for line in said] == ["A", "B"] * 3
    assert all(len(side_runs) == 3 for side_runs in runs.values())


# A child that holds 80 MB and spends 0.3 s of CPU before it ends; its parent holds 80 MB while it waits.
_CHILD = "import time; held = b'x' * (80 << 20)\nwhile time.process_time() < 0.3: pass\ntime.sleep(0.3)"
_PARENT = "import subprocess, sys; held = b'x' * (80 << 20); subprocess.run([sys.executable, '-c', sys.argv[1]], check=True)"


def test_cpu_and_memory_count_the_whole_process_tree(tmp_path: Path) -> None:
    usage = measure.run_measured([sys.executable, "-c", _PARENT, _CHILD], tmp_path)
    assert usage.cpu_s >= 0.3  # the child's CPU time counts
    assert usage.largest_process_mb < 150  # wait4's ru_maxrss: only the largest process
    assert usage.peak_mb >= 160  # both processes' memory at once


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
