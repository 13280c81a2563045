"""The model is built once, from valid data only, with registry terms resolved."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TODAY, VALID_CASE
from thuisbasis.model.cases import Measure
from thuisbasis.model.catalog import CaseModels, load_catalog
from thuisbasis.validation import CaseFileCache


def test_catalog_holds_cases_in_id_order_with_labels_resolved(tmp_path: Path) -> None:
    shutil.copy(VALID_CASE, tmp_path / VALID_CASE.name)
    shutil.copy(Path(__file__).parent / "sites" / "minimal" / "cases" / "kleine-casus.yaml", tmp_path)
    catalog, report = load_catalog(tmp_path, today=TODAY)
    assert report.ok
    assert catalog is not None
    assert [case.id for case in catalog.cases] == ["kleine-casus", "voorbeeld-gemengd-wonen"]
    case = catalog.cases[1]
    assert case.housing_form.label == "Gemengd wonen"
    assert [group.label for group in case.target_groups] == ["Uitstroom maatschappelijke opvang", "Reguliere huurders"]
    assert case.location.province.label == "Utrecht"
    assert case.period.start == "2023-03" and case.period.end == "2025-12-31"
    assert [indicator.result for indicator in case.indicators] == [Measure.exact(18), Measure.exact(72.5)]
    assert case.indicators[0].method is not None and case.indicators[0].method.id == "zelf-gemeten"
    assert case.indicators[1].unit.id == "procent"
    assert [(item.kind.label, item.amount, item.per.id, item.period.label) for item in case.costs] == [
        ("Investering", Measure.exact(1250000), "totaal", "eenmalig"),
        ("Begeleiding", Measure.exact(80000.5), "totaal", "per jaar")]
    assert case.evaluations[0].independent is True
    assert case.recognition is not None and case.recognition.level.label == "Goed beschreven"
    small = catalog.cases[0]
    assert (small.goals, small.scale, small.costs, small.lessons, small.recognition) == ((), None, (), None, None)


def test_no_catalog_from_invalid_data(tmp_path: Path) -> None:
    (tmp_path / "kapot.yaml").write_text("id: kapot\n", encoding="utf-8")
    catalog, report = load_catalog(tmp_path, today=TODAY)
    assert catalog is None
    assert not report.ok
    assert {found.code for found in report.errors} == {"TB101"}


def test_with_the_serve_caches_an_unchanged_file_gives_the_same_case_object(tmp_path: Path) -> None:
    # The render memo knows a case unchanged by its identity (render/memo.py); only an edited file's is new.
    shutil.copy(VALID_CASE, tmp_path / VALID_CASE.name)
    small = tmp_path / "kleine-casus.yaml"
    shutil.copy(Path(__file__).parent / "sites" / "minimal" / "cases" / "kleine-casus.yaml", small)
    cache, models = CaseFileCache(), CaseModels()
    first, _ = load_catalog(tmp_path, today=TODAY, cache=cache, models=models)
    again, _ = load_catalog(tmp_path, today=TODAY, cache=cache, models=models)
    assert first is not None and again is not None
    assert all(a is b for a, b in zip(first.cases, again.cases, strict=True))
    small.write_text(small.read_text(encoding="utf-8").replace("titel: ", "titel: Anders, ", 1), encoding="utf-8")
    edited, _ = load_catalog(tmp_path, today=TODAY, cache=cache, models=models)
    assert edited is not None
    assert edited.cases[0] is not first.cases[0] and edited.cases[0].title.startswith("Anders, ")
    assert edited.cases[1] is first.cases[1]
    other_day, _ = load_catalog(tmp_path, today=TODAY.replace(year=TODAY.year + 1), cache=cache, models=models)
    assert other_day is not None and other_day.cases[1] is not first.cases[1]  # checked again: a new case
