"""problems.py: the catalogue of codes, and the messages made from it."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from thuisbasis.problems import CODES, Position, Severity, problem

PACKAGE = Path(__file__).parents[1] / "scripts" / "thuisbasis"


def test_every_code_in_the_package_is_in_the_catalogue_and_every_entry_is_used() -> None:
    sources = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    named = set(re.findall(r'"(TB\d{3})"', sources))
    assert named == set(CODES)


def test_each_entry_has_a_title_a_template_with_named_fields_and_a_known_severity() -> None:
    for code, entry in CODES.items():
        assert re.fullmatch(r"TB\d{3}", code) and entry.code == code
        assert entry.title and entry.template, code
        fields = [name for _, name, _, _ in string.Formatter().parse(entry.template) if name is not None]
        assert all(re.fullmatch(r"[a-z_]+", name) for name in fields), (code, fields)
    assert {entry.severity for entry in CODES.values()} == {Severity.ERROR, Severity.WARNING}
    assert CODES["TB405"].severity is Severity.WARNING and CODES["TB403"].severity is Severity.ERROR


@pytest.mark.parametrize("value", ["een\nregel", "{place}"])
def test_a_filled_in_field_stays_one_line_and_is_not_read_as_a_field(value: str) -> None:
    found = problem("TB005", Path("cases/x.yaml"), Position(3, 1), detail=value)
    assert "\n" not in found.message and found.message.startswith("De YAML klopt hier niet: ")
    assert found.message.endswith(f"{value.replace(chr(10), chr(92) + 'n')}.")
