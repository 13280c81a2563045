"""The model is built once, from valid data only, with registry terms resolved."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TODAY, VALID_CASE
from thuisbasis.model.cases import Measure
from thuisbasis.model.catalog import load_catalog


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
