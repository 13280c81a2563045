"""validation/cache.py, ValidationRecord: the build after `thuisbasis validate` checks nothing again, and a
record never stands in for a run over different bytes, registries, schemas, code or day."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, TODAY, VALID_CASE
from thuisbasis import validation
from thuisbasis.commands import validate as validate_command
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.model.catalog import load_catalog
from thuisbasis.validation import cache, documents, run, validate_paths
from thuisbasis.validation.cache import RECORD_FOLDER, ValidationRecord, files_digest


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A small checkout: cases (one valid, three broken), one checklist, the national figures, registries."""
    root = tmp_path / "checkout"
    (root / "cases").mkdir(parents=True)
    shutil.copy(VALID_CASE, root / "cases")
    for broken in sorted((FIXTURES / "invalid").glob("*.yaml"))[:3]:
        shutil.copy(broken, root / "cases")
    (root / "checklists").mkdir()
    shutil.copy(sorted((ROOT / "checklists").glob("*.yaml"))[0], root / "checklists")
    shutil.copytree(ROOT / "context", root / "context")
    shutil.copytree(REGISTRY_DIR, root / "registries")
    return root


def folders(root: Path) -> list[Path]:
    return [root / "cases", root / "checklists", root / "context"]


def checked(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The files the validator checks from now on (case files and checklist runs), through its public functions."""
    seen: list[Path] = []
    check_case, check_checklists = documents.validate_case_file, run.validate_checklist_files

    def case(report: validation.Report, path: Path, context: object) -> object:
        seen.append(path)
        return check_case(report, path, context)

    def checklists(report: validation.Report, paths: list[Path], *rest: object) -> object:
        seen.extend(paths)
        return check_checklists(report, paths, *rest)

    monkeypatch.setattr(documents, "validate_case_file", case)
    monkeypatch.setattr(run, "validate_checklist_files", checklists)
    return seen


def outcome(report: validation.Report) -> tuple[object, ...]:
    return (report.problems, report.summary(), sorted(report.registries),
            [[document.data for document in kind] for kind in (report.cases, report.checklists, report.contexts)])


def recorded_run(root: Path, today: dt.date = TODAY, *, read: bool = True) -> validation.Report:
    return validate_paths(folders(root), today=today, registry_dir=root / "registries",
                          record=ValidationRecord(root, read=read))


def test_a_second_run_over_the_same_bytes_checks_nothing_and_gives_the_same_report(
        checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = validate_paths(folders(checkout), today=TODAY, registry_dir=checkout / "registries")
    assert plain.errors  # the recorded problems are real ones, and come back exactly
    seen = checked(monkeypatch)
    first = recorded_run(checkout)
    assert len(seen) == 5  # four cases and the checklist
    seen.clear()
    again = recorded_run(checkout)
    assert seen == []
    assert outcome(again) == outcome(first) == outcome(plain)


def test_the_catalog_from_a_record_is_the_catalog_from_checking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cases").mkdir()
    shutil.copy(VALID_CASE, tmp_path / "cases")
    record = ValidationRecord(tmp_path)
    checked_catalog, _ = load_catalog(tmp_path / "cases", today=TODAY, record=record)
    seen = checked(monkeypatch)
    recorded_catalog, report = load_catalog(tmp_path / "cases", today=TODAY, record=record)
    assert seen == []
    assert checked_catalog is not None and recorded_catalog == checked_catalog
    assert report.summary().endswith(": geen problemen.") and "1 casus" in report.summary()


def edit_case(root: Path) -> None:
    case = root / "cases" / VALID_CASE.name
    case.write_bytes(case.read_bytes().replace(b"woonvorm: gemengd-wonen", b"woonvorm: kamerverhuur"))


def edit_checklist(root: Path) -> None:
    checklist = next((root / "checklists").glob("*.yaml"))
    checklist.write_bytes(checklist.read_bytes() + b"\n")


def edit_context(root: Path) -> None:
    context = next((root / "context").glob("*.yaml"))
    context.write_bytes(context.read_bytes() + b"# \n")


def edit_registry(root: Path) -> None:
    registry = root / "registries" / "woonvormen.yaml"
    registry.write_bytes(registry.read_bytes() + b"# \n")


def add_case(root: Path) -> None:
    shutil.copy(ROOT / "tests" / "sites" / "minimal" / "cases" / "kleine-casus.yaml", root / "cases")


def link_instead_of_file(root: Path) -> None:
    """Same bytes behind the name, but a link now: the loader refuses it (TB015)."""
    case = root / "cases" / VALID_CASE.name
    target = root / "elsewhere.yaml"
    case.rename(target)
    case.symlink_to(target)


@pytest.mark.parametrize("change", [edit_case, edit_checklist, edit_context, edit_registry, add_case,
                                    link_instead_of_file])
def test_any_changed_input_is_checked_again(checkout: Path, monkeypatch: pytest.MonkeyPatch, change: object) -> None:
    recorded_run(checkout)
    change(checkout)  # type: ignore[operator]
    seen = checked(monkeypatch)
    after = recorded_run(checkout)
    assert seen  # checked, not read from the record
    assert outcome(after) == outcome(validate_paths(folders(checkout), today=TODAY, registry_dir=checkout / "registries"))


def test_another_day_is_checked_again(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded_run(checkout)
    seen = checked(monkeypatch)
    recorded_run(checkout, TODAY + dt.timedelta(days=1))
    assert seen


def test_other_package_code_is_checked_again(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorded_run(checkout)
    monkeypatch.setattr(cache, "package_digest", lambda: "another version of the package")
    seen = checked(monkeypatch)
    recorded_run(checkout)
    assert seen


def test_the_package_digest_covers_code_schemas_and_data(tmp_path: Path) -> None:
    package = Path(cache.__file__).resolve().parent.parent
    copy = tmp_path / "thuisbasis"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = files_digest(copy)
    assert files_digest(package) == before
    for changed in ("schemas/case.schema.json", "data/email-allowlist.yaml", "validation/rules.py"):
        (copy / changed).write_bytes((copy / changed).read_bytes() + b"\n")
        assert files_digest(copy) != before, changed
        before = files_digest(copy)


def test_a_record_in_a_fresh_copy_of_the_folder_is_not_used(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A record that came with the checkout (committed in a pull request) matches nothing: the key holds
    the device and inode of the folder it was written to."""
    recorded_run(checkout)
    records = checkout / "build" / "records"
    (checkout / RECORD_FOLDER).rename(records)
    shutil.copytree(records, checkout / RECORD_FOLDER)
    seen = checked(monkeypatch)
    recorded_run(checkout)
    assert seen


@pytest.mark.parametrize("content", [b"", b"{", b"[]", b'{"format": 1}', b"\xff\xfe",
                                     b'{"format": 1, "key": "K", "ok": true, "problems": [["a", "1", 1, "TB1", "x"]]}',
                                     b'{"format": 1, "key": "K", "ok": true, "problems": [[1, 2]]}',
                                     b'{"format": 1, "key": "K", "ok": true, "problems": null}'])
def test_a_corrupt_record_is_checked_again_and_rewritten(checkout: Path, monkeypatch: pytest.MonkeyPatch,
                                                         content: bytes) -> None:
    first = recorded_run(checkout)
    (record,) = (checkout / RECORD_FOLDER).glob("*.json")
    key = record.stem
    record.write_bytes(content.replace(b'"K"', json.dumps(key).encode()))
    seen = checked(monkeypatch)
    assert outcome(recorded_run(checkout)) == outcome(first)
    assert seen
    seen.clear()
    assert outcome(recorded_run(checkout)) == outcome(first)
    assert seen == []  # rewritten


def test_an_unreadable_or_unwritable_record_folder_never_fails_a_run(checkout: Path) -> None:
    (checkout / "build").write_text("not a folder", encoding="utf-8")
    assert outcome(recorded_run(checkout)) == outcome(recorded_run(checkout, read=False))
    (checkout / "build").unlink()
    (checkout / RECORD_FOLDER).mkdir(parents=True)
    recorded_run(checkout)
    (record,) = (checkout / RECORD_FOLDER).glob("*.json")
    record.unlink()
    record.mkdir()  # a folder where the record should be
    assert outcome(recorded_run(checkout)) == outcome(recorded_run(checkout, read=False))


def test_the_validate_command_always_checks_and_records_for_the_build(
        checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(checkout)
    shutil.rmtree(checkout / "registries")  # the command checks the package's registries
    shutil.rmtree(checkout / "checklists")
    for broken in (checkout / "cases").glob("*.yaml"):
        if broken.name != VALID_CASE.name:
            broken.unlink()
    arguments = argparse.Namespace(paths=[], summary=None)
    seen = checked(monkeypatch)
    assert validate_command.run(arguments) == 0
    assert len(seen) == 1
    seen.clear()
    validate_command.run(arguments)  # in CI this command is the check: it never trusts a record
    assert len(seen) == 1
    seen.clear()
    catalog, _ = load_catalog(checkout / "cases", checklists_dir=checkout / "checklists",
                              record=ValidationRecord(checkout))
    assert seen == []
    assert catalog is not None
    assert (checkout / RECORD_FOLDER / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_a_run_on_relative_paths_serves_one_on_absolute_paths(checkout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`thuisbasis validate` names files from the checkout (cases/x.yaml), the build with absolute paths:
    they share a record, and each reports the files the way it named them."""
    monkeypatch.chdir(checkout)
    relative = [Path("cases"), Path("checklists"), Path("context")]
    validate_paths(relative, today=TODAY, registry_dir=checkout / "registries",
                   record=ValidationRecord(Path(), read=False))
    seen = checked(monkeypatch)
    absolute = recorded_run(checkout)
    assert seen == []
    assert outcome(absolute) == outcome(validate_paths(folders(checkout), today=TODAY,
                                                       registry_dir=checkout / "registries"))
    assert all(found.path.is_absolute() for found in absolute.problems)


def test_the_site_build_uses_the_record_of_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = tmp_path / "minimal"
    shutil.copytree(ROOT / "tests" / "sites" / "minimal", site)
    monkeypatch.chdir(site)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    seen = checked(monkeypatch)
    assert validate_command.run(argparse.Namespace(paths=[], summary=None)) == 0
    assert seen == [Path("cases/kleine-casus.yaml")]
    seen.clear()
    build(load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert seen == []
    assert (tmp_path / "site" / "casussen" / "kleine-casus" / "index.html").is_file()
    (site / "cases" / "kleine-casus.yaml").write_bytes((site / "cases" / "kleine-casus.yaml").read_bytes() + b"\n")
    build(load_config(str(site / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert seen == [site / "cases" / "kleine-casus.yaml"]


@pytest.mark.parametrize("root", ["/", "/work/main", "/work/main/", "/work/./main", "relative/checkout"])
@pytest.mark.parametrize("path", ["/work/main/cases/a.yaml", "/work/main", "/work/mainly/a.yaml", "/work/other/b.yaml",
                                  "/work/main/../main/cases/b.yaml", "/work/main/cases/../context/c.yaml",
                                  "cases/d.yaml", "relative/checkout/cases/e.yaml", "/", "/a.yaml"])
def test_a_file_is_named_as_relpath_names_it_from_the_checkout(root: str, path: str) -> None:
    """``_name`` takes a short way for a file inside the checkout; it must name every file as before."""
    record = ValidationRecord(Path(root), read=False)
    absolute = os.path.abspath(path)
    assert record._name(Path(path)) == Path(os.path.relpath(absolute, os.path.abspath(root))).as_posix()


def test_a_file_is_read_for_the_run_key_as_lstat_and_read_bytes_would_read_it(tmp_path: Path) -> None:
    """The run key opens each file without following a link (``_kind_and_bytes``); for every kind of path it
    gives what lstat and then read_bytes give."""
    import os
    import socket

    from thuisbasis.validation.cache import _kind_and_bytes, _kind_and_bytes_after_lstat

    (tmp_path / "casus.yaml").write_bytes(b"id: een\n" * 5000)
    (tmp_path / "leeg.yaml").write_bytes(b"")
    (tmp_path / "map.yaml").mkdir()
    (tmp_path / "link.yaml").symlink_to(tmp_path / "casus.yaml")
    (tmp_path / "maplink.yaml").symlink_to(tmp_path / "map.yaml")
    (tmp_path / "kapot.yaml").symlink_to(tmp_path / "bestaat-niet.yaml")
    os.mkfifo(tmp_path / "pijp.yaml")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s.yaml"))
        names = ["casus.yaml", "leeg.yaml", "map.yaml", "link.yaml", "maplink.yaml", "kapot.yaml", "pijp.yaml",
                 "s.yaml", "bestaat-niet.yaml"]
        for name in names:
            assert _kind_and_bytes(tmp_path / name) == _kind_and_bytes_after_lstat(tmp_path / name), name
    finally:
        server.close()
    assert _kind_and_bytes(tmp_path / "casus.yaml")[1] == b"id: een\n" * 5000
    assert len({_kind_and_bytes(tmp_path / name)[0] for name in names}) == 6  # regular, folder, link, pipe, socket, missing
