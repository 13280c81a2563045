"""Broken case files and the full list of problems each must give, exactly as a partner reads them.

Each ``fixtures/invalid/NAME.yaml`` has a sibling ``NAME.expected`` with one line per problem:
``NAME.yaml:LINE:COLUMN: CODE message``. Every file is validated on its own with the fixed TODAY.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, TODAY
from thuisbasis.validation import validate_paths

INVALID = FIXTURES / "invalid"
VALID = FIXTURES / "valid"

# Fixtures whose .expected file says what a partner should see, but the code does not say it yet.
KNOWN_BUGS: dict[str, str] = {}  # fixture name -> reason, for a strict xfail while a bug is open


def invalid_fixtures() -> list[object]:
    params = []
    for path in sorted(INVALID.glob("*.yaml")):
        marks = [pytest.mark.xfail(reason=KNOWN_BUGS[path.stem], strict=True)] if path.stem in KNOWN_BUGS else []
        params.append(pytest.param(path, id=path.stem, marks=marks))
    return params


def shown(path: Path) -> list[str]:
    report = validate_paths([path], today=TODAY)
    return [f"{found.path.name}:{found.line}:{found.column}: {found.code} {found.message}" for found in report.problems]


@pytest.mark.parametrize("path", invalid_fixtures())
def test_invalid_fixture_gives_exactly_its_expected_problems(path: Path) -> None:
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert shown(path) == expected


@pytest.mark.parametrize("path", sorted(VALID.glob("*.yaml")), ids=lambda path: path.stem)
def test_valid_fixture_gives_no_problems(path: Path) -> None:
    assert shown(path) == []


def test_every_invalid_fixture_has_an_expected_file_and_the_reverse() -> None:
    cases = {path.stem for path in INVALID.glob("*.yaml")}
    expected = {path.stem for path in INVALID.glob("*.expected")}
    assert cases == expected
    assert len(cases) >= 10
    assert set(KNOWN_BUGS) <= cases


def test_every_expected_problem_names_its_own_file() -> None:
    for path in sorted(INVALID.glob("*.expected")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines, f"{path.name} is empty: an invalid fixture must give at least one problem"
        assert all(line.startswith(f"{path.stem}.yaml:") for line in lines), path.name


def test_tb201_appears_only_where_intended() -> None:
    with_tb201 = {path.stem for path in INVALID.glob("*.expected") if " TB201 " in path.read_text(encoding="utf-8")}
    assert with_tb201 == {"id-past-niet-bij-bestandsnaam"}


def test_validating_the_folder_at_once_reports_every_file() -> None:
    # Together, the files also meet each other: the ids are unique, so nothing is added across files.
    report = validate_paths([INVALID], today=TODAY)
    expected = []
    for path in sorted(INVALID.glob("*.expected")):
        if path.stem not in KNOWN_BUGS:
            expected += path.read_text(encoding="utf-8").splitlines()
    found = [f"{p.path.name}:{p.line}:{p.column}: {p.code} {p.message}" for p in report.problems
             if p.path.stem not in KNOWN_BUGS]
    assert sorted(found) == sorted(expected)
    assert report.checked_cases == len(list(INVALID.glob("*.yaml")))
