"""thuisbasis stale: cases not reviewed for more than two years, with file:line, always with a fixed today."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TODAY, as_read, line_of, replace_line, run_thuisbasis, valid_case_text
from thuisbasis.commands.stale import check_review_age, stale_cases
from thuisbasis.derive.evidence import is_stale
from thuisbasis.derive.staleness import is_overdue, review_holds_until
from thuisbasis.loading import load_document
from thuisbasis.model.cases import Case

ROOT = Path(__file__).parent.parent
REVIEWED = 'laatst_beoordeeld: "2026-01-15"'


def write_cases(folder: Path, reviewed: dict[str, str]) -> dict[str, str]:
    """One valid case per id with the given 'laatst_beoordeeld'; returns the texts."""
    folder.mkdir(exist_ok=True)
    texts = {}
    for case_id, date in reviewed.items():
        text = valid_case_text().replace("id: voorbeeld-gemengd-wonen", f"id: {case_id}")
        texts[case_id] = replace_line(text, REVIEWED, f'laatst_beoordeeld: "{date}"')
        (folder / f"{case_id}.yaml").write_text(texts[case_id], encoding="utf-8")
    return texts


@pytest.mark.parametrize(
    ("reviewed", "holds_until"),
    [(dt.date(2024, 11, 21), dt.date(2026, 11, 21)), (dt.date(2024, 2, 29), dt.date(2026, 2, 28))],
    ids=["ordinary-day", "leap-day"],
)
def test_a_review_holds_until_the_same_day_two_years_later(reviewed: dt.date, holds_until: dt.date) -> None:
    assert review_holds_until(reviewed) == holds_until


def test_a_review_of_28_february_is_overdue_on_29_february_two_years_later() -> None:
    """The case the issue found: the site said stale, `thuisbasis stale` did not."""
    assert is_overdue(dt.date(2022, 2, 28), dt.date(2024, 2, 29))
    assert not is_overdue(dt.date(2022, 2, 28), dt.date(2024, 2, 28))


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), st.integers(0, 3 * 366))
def test_the_site_and_the_stale_command_agree_on_every_day(tmp_path_factory: pytest.TempPathFactory,
                                                            reviewed: dt.date, days: int) -> None:
    """One rule: a case page says 'Mogelijk verouderd' exactly when `thuisbasis stale` lists the case."""
    today = reviewed + dt.timedelta(days=days)
    folder = tmp_path_factory.mktemp("agree")
    text = replace_line(valid_case_text(), REVIEWED, f'laatst_beoordeeld: "{reviewed.isoformat()}"')
    (folder / "voorbeeld-gemengd-wonen.yaml").write_text(text, encoding="utf-8")
    document, _ = load_document(folder / "voorbeeld-gemengd-wonen.yaml")
    listed = bool(list(check_review_age(document, today)))
    case = cast(Case, SimpleNamespace(last_reviewed=reviewed.isoformat()))  # is_stale reads only this field
    assert listed is is_stale(case, today) is is_overdue(reviewed, today)


@pytest.mark.parametrize(
    ("reviewed", "stale"),
    [("2024-11-21", False), ("2024-11-20", True), ("2019-01-01", True), ("2026-11-21", False)],
    ids=["exactly-two-years", "one-day-more", "long-ago", "today"],
)
def test_a_case_is_stale_only_after_more_than_two_years(tmp_path: Path, reviewed: str, stale: bool) -> None:
    write_cases(tmp_path, {"casus-een": reviewed})
    document, _ = load_document(tmp_path / "casus-een.yaml")
    found = list(check_review_age(document, dt.date(2026, 11, 21)))
    assert [problem.code for problem in found] == (["TB501"] if stale else [])


def test_a_case_that_cannot_be_checked_is_said_not_skipped(tmp_path: Path) -> None:
    """An unreadable date is validate's error (not a TB501); stale shows it too, rather than passing over the case."""
    write_cases(tmp_path, {"casus-een": "vorig jaar"})
    report = stale_cases([tmp_path], dt.date(2026, 11, 21))
    assert [found.code for found in report.problems] == ["TB106"]
    assert report.summary().endswith("0 casussen zijn meer dan 2 jaar niet beoordeeld; 1 fout (los die eerst op met thuisbasis validate).")


def test_stale_lists_each_old_case_with_file_and_line(tmp_path: Path) -> None:
    texts = write_cases(tmp_path / "cases", {"casus-a": "2026-01-15", "casus-b": "2023-05-01", "casus-c": "2020-02-29"})
    result = run_thuisbasis("stale", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 1
    line_b = line_of(texts["casus-b"], 'laatst_beoordeeld: "2023-05-01"')
    line_c = line_of(texts["casus-c"], 'laatst_beoordeeld: "2020-02-29"')
    assert result.stdout.splitlines() == [
        f"cases/casus-b.yaml:{line_b}:20: TB501 De casus is voor het laatst beoordeeld op 2023-05-01, meer dan 2 jaar "
        "geleden. Kijk of alles nog klopt en zet dan de datum van die controle bij 'laatst_beoordeeld'.",
        f"cases/casus-c.yaml:{line_c}:20: TB501 De casus is voor het laatst beoordeeld op 2020-02-29, meer dan 2 jaar "
        "geleden. Kijk of alles nog klopt en zet dan de datum van die controle bij 'laatst_beoordeeld'.",
        "Thuisbasis: 3 casussen bekeken: 2 casussen zijn meer dan 2 jaar niet beoordeeld.",
    ]
    assert result.stderr == ""


def test_stale_exits_0_when_every_case_was_reviewed_recently(tmp_path: Path) -> None:
    write_cases(tmp_path / "cases", {"casus-a": "2026-01-15"})
    result = run_thuisbasis("stale", "--today", "2026-11-21", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "Thuisbasis: 1 casus bekeken: alle zijn in de afgelopen 2 jaar beoordeeld.\n"


def test_the_limit_can_be_set_and_github_gets_warnings_and_a_summary(tmp_path: Path) -> None:
    texts = write_cases(tmp_path / "cases", {"casus-a": "2025-06-01"})
    summary = tmp_path / "summary.md"
    summary.write_text("Eerdere stap.\n", encoding="utf-8")
    result = run_thuisbasis("stale", "--today", "2026-11-21", "--years", "1", "--summary", str(summary), cwd=tmp_path, github=True)
    assert result.returncode == 1
    line = line_of(texts["casus-a"], 'laatst_beoordeeld: "2025-06-01"')
    assert result.stdout.splitlines()[1] == (
        f"::warning file=cases/casus-a.yaml,line={line},col=20,title=TB501::De casus is voor het laatst beoordeeld "
        "op 2025-06-01, meer dan 1 jaar geleden. Kijk of alles nog klopt en zet dan de datum van die controle bij "
        "'laatst_beoordeeld'.")
    assert as_read(summary.read_text(encoding="utf-8")) == (
        "Eerdere stap.\n"
        "## Casussen die lang niet zijn beoordeeld\n\n"
        "⚠️ Thuisbasis: 1 casus bekeken: 1 casus is meer dan 1 jaar niet beoordeeld.\n\n"
        "Kijk bij elke casus of alles nog klopt en zet dan de datum van die controle bij *laatst_beoordeeld*.\n\n"
        "| Bestand | Regel | Soort | Code | Melding |\n"
        "|---|---:|---|---|---|\n"
        f"| cases/casus-a.yaml | {line} | waarschuwing | TB501 | De casus is voor het laatst beoordeeld op "
        "2025-06-01, meer dan 1 jaar geleden. Kijk of alles nog klopt en zet dan de datum van die controle bij "
        "'laatst_beoordeeld'. |\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["stale", "--today", "gisteren"], "argument --today: 'gisteren' is geen datum; schrijf bijvoorbeeld 2026-11-21"),
        (["stale", "--years", "0"], "argument --years: dat moet een heel getal van 1 tot en met 100 zijn, niet 0"),
        (["stale", "--years", "5000"], "argument --years: dat moet een heel getal van 1 tot en met 100 zijn, niet 5000"),
        (["stale", "--years", "twee"], "argument --years: 'twee' is geen heel getal; schrijf bijvoorbeeld 2"),
        (["stale", "--today", "0001-01-01"],
         "argument --today: '0001-01-01' ligt niet tussen 1900-01-01 en 2999-12-31; schrijf bijvoorbeeld 2026-11-21"),
        (["stale", "--today", "9999-12-31"],
         "argument --today: '9999-12-31' ligt niet tussen 1900-01-01 en 2999-12-31; schrijf bijvoorbeeld 2026-11-21"),
        (["stale", "bestaat-niet"], "thuisbasis: fout in de opdracht: 'bestaat-niet' bestaat niet"),
    ],
)
def test_stale_usage_errors_exit_2_in_dutch(tmp_path: Path, arguments: list[str], message: str) -> None:
    (tmp_path / "cases").mkdir()
    result = run_thuisbasis(*arguments, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_real_cases_were_reviewed_within_two_years_of_the_test_date() -> None:
    result = run_thuisbasis("stale", "--today", TODAY.isoformat(), cwd=ROOT)
    assert result.returncode == 0, result.stdout
    assert result.stdout.endswith("alle zijn in de afgelopen 2 jaar beoordeeld.\n")
