"""The casus-wizard's data file: the form comes from the schema and the registries, the messages from
problems.py and validation/schema.py, the issue questions from the issue form."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import pytest

from thuisbasis.loading.issue_form import FORM_FIELDS
from thuisbasis.model.registries import Registry, registry_paths
from thuisbasis.problems import CODES
from thuisbasis.render.wizard import BROWSER_CODES, WizardSettings, new_issue_url, wizard_data
from thuisbasis.schemas import CASE_SCHEMA, load_schema
from thuisbasis.validation import Report, validate_registries
from thuisbasis.validation import schema as schema_messages

SETTINGS = WizardSettings(new_issue_url="https://github.com/o/r/issues/new", editors_email="redactie@example.org")


def registries() -> dict[str, Registry]:
    report = Report()
    validate_registries(report, registry_paths())
    return report.registries


def data(schema: dict[str, Any] | None = None, settings: WizardSettings = SETTINGS) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(wizard_data(schema or load_schema(CASE_SCHEMA), registries(), settings))
    return result


def walk(fields: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for field in fields:
        yield field
        yield from walk(field.get("fields", []))
        if "item" in field:
            yield from walk([field["item"]])


def by_path() -> dict[str, dict[str, Any]]:
    return {field["path"]: field for field in walk(data()["form"])}


def test_every_schema_field_but_the_editors_own_is_in_the_form_in_schema_order() -> None:
    schema = load_schema(CASE_SCHEMA)
    assert [field["name"] for field in data()["form"]] == [name for name in schema["properties"] if name != "toegevoegd"]


def test_a_new_schema_field_appears_in_the_form_without_other_changes() -> None:
    schema = copy.deepcopy(load_schema(CASE_SCHEMA))
    schema["properties"]["buurt"] = {"title": "Buurt", "description": "De buurt.", "type": "string", "maxLength": 50}
    field = next(field for field in data(schema)["form"] if field["name"] == "buurt")
    assert field == {"name": "buurt", "path": "buurt", "label": "Buurt", "help": "De buurt.", "required": False,
                     "control": "text"}


def test_labels_help_and_choices_come_from_the_schema_and_the_registries() -> None:
    fields = by_path()
    rol = fields["partners[].rol"]
    assert (rol["label"], rol["control"], rol["required"]) == ("Rol", "select", True)
    assert rol["options"] == [{"value": term.id, "label": term.label} for term in registries()["rollen"].terms]
    assert fields["doelgroepen"]["control"] == "choices"
    assert fields["laatst_beoordeeld"]["help"].startswith("Datum waarop de redactie")  # through its $ref
    assert fields["aanpak"]["control"] == "textarea"
    assert fields["doelen[].indicatoren[].resultaat"]["control"] == "measure"
    assert [field["name"] for field in fields["doelen[].indicatoren[].resultaat"]["fields"]] == [
        "waarde", "van", "tot", "kwalificatie"]
    assert fields["schaal.wooneenheden"]["control"] == "integer"
    assert fields["evaluaties[].onafhankelijk"]["control"] == "boolean"


def test_lists_of_groups_can_be_added_to_and_say_how_many_they_need() -> None:
    fields = by_path()
    for path in ("doelen", "doelen[].indicatoren", "bronnen", "partners", "werkzame_bestanddelen", "randvoorwaarden"):
        assert fields[path]["control"] == "list", path
    assert fields["partners"]["min_items"] == 1
    assert fields["doelen[].indicatoren"]["item"]["label"] == "Indicator"


def test_the_messages_are_problems_py_templates_and_the_validators_hints() -> None:
    messages = data()["messages"]
    assert messages["templates"] == {code: CODES[code].template for code in BROWSER_CODES}
    hints = messages["hints"]
    assert hints["suggestion"].replace("{value}", "woningdelen") == schema_messages.suggest("woningdelen", ["woningdelen"])
    date_pattern = load_schema(CASE_SCHEMA)["definitions"]["datum"]["pattern"]
    assert hints["date"].replace("{iso}", "2024-03-12") == schema_messages.date_hint("12-03-2024", date_pattern)
    assert hints["decimal_comma"].replace("{value}", "2.5") == schema_messages.type_hint("number", "2,5")
    assert messages["registries"]["rollen"]["allowed"] == registries()["rollen"].labelled()


def test_the_issue_questions_are_the_issue_forms_mapped_questions_in_order() -> None:
    issue = data()["issue"]
    assert [question["id"] for question in issue["questions"]] == list(FORM_FIELDS)
    titel = issue["questions"][0]
    assert titel == {"id": "titel", "label": "Titel van de casus", "type": "input", "field": "titel", "kind": "text"}
    assert issue["new_issue_url"] == "https://github.com/o/r/issues/new"


@pytest.mark.parametrize(("edit_uri", "expected"), [
    ("https://github.com/thuisbasis/thuisbasis/edit/main/docs/", "https://github.com/thuisbasis/thuisbasis/issues/new"),
    ("https://gitlab.com/o/r/-/edit/main/docs/", None),
    ("http://github.com/o/r/edit/main/", None),
    (None, None),
])
def test_the_new_issue_address_comes_from_the_edit_uri(edit_uri: str | None, expected: str | None) -> None:
    assert new_issue_url(edit_uri) == expected


def test_without_a_mailbox_the_data_says_there_is_none() -> None:
    assert data(settings=WizardSettings.from_site(None, "  "))["editors_email"] is None
    assert data(settings=WizardSettings.from_site(None, "redactie@example.org"))["editors_email"] == "redactie@example.org"
