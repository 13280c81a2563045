"""The casus-wizard's data: the form, the messages and the ways out, made from the schema at build time.

The page "Casus indienen zonder GitHub" (``urls.PAGES["wizard"]``) loads ``data/casus-wizard.json``
(``wizard_data``) and builds its form from it with ``docs/javascripts/aanmelden.js``. Nothing about the
case is written in JavaScript:

- ``form``: one entry per schema field, in the schema's order, with its label, help text, whether it is
  required, the kind of control, and the choices of a registry field (ids with their Dutch labels). A
  new schema field appears in the form without a change to the page's script.
- ``schema``: the case schema itself, which the page validates with @cfworker/json-schema (site/vendor.py).
- ``messages``: the message templates of ``problems.py`` and the Dutch hints of ``validation/schema.py``,
  so the page says what ``thuisbasis validate`` says (tests/browser/test_wizard.py compares them).
- ``issue``: the questions of the issue form with the case field each one fills (``loading.issue_form.FORM_FIELDS``),
  so the page can prefill an issue that ``thuisbasis from-issue`` turns back into a case.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from thuisbasis.loading.issue_form import FORM_FIELDS, NO_RESPONSE, form_elements
from thuisbasis.model.registries import Registry
from thuisbasis.problems import CODES
from thuisbasis.schemas import resolve_ref, singular_names
from thuisbasis.validation import schema as schema_messages

# Fields the wizard does not ask: the editors fill them in (thuisbasis new and from-issue do the same).
NOT_ASKED = frozenset({"toegevoegd"})
# Fields the page fills in itself: the id from the title (editable), the day of filling in.
AUTOMATIC = {"id": "slug-of-title", "laatst_beoordeeld": "today"}
# The codes the page can find in the browser; their templates travel with the data.
BROWSER_CODES = ("TB101", "TB102", "TB103", "TB104", "TB105", "TB106", "TB107", "TB108", "TB109", "TB110",
                 "TB111", "TB112")
TEXTAREA_FROM = 300  # a text field that may hold more characters than this gets a text area
ISSUE_TEMPLATE = "casus-aanmelden.yml"
ISSUE_URL_LIMIT = 8000  # characters; GitHub refuses longer addresses, and so do some browsers
_SENTINEL = "\u2063"  # a character no hint contains, to turn a hint into a template

# The page's own words (labels of buttons, headings of the ways out); the messages come from problems.py.
TEXTS = {
    "add": "Nog een {item} toevoegen",
    "remove": "{item} {number} weghalen",
    "item": "{item} {number}",
    "optional": "niet verplicht",
    "required": "verplicht",
    "choose": "Kies …",
    "yes": "ja",
    "no": "nee",
    "check": "Controleer en maak het bestand",
    "problems_title": "Er {count} nog niet goed",
    "problem_one": "staat 1 ding",
    "problem_many": "staan {count} dingen",
    "ready": "Het bestand is klaar. Kies hoe je het aan de redactie geeft.",
    "download": "Download het bestand {file}",
    "issue": "Open een ingevuld issue op GitHub",
    "issue_note": "Je hebt daarvoor een account op GitHub nodig. Op GitHub klik je op Submit new issue.",
    "issue_too_long": ("Je casus is te lang voor een link naar GitHub. Open een leeg issue en plak de tekst "
                       "hieronder erin, of kies een andere manier."),
    "issue_text": "Tekst voor het issue",
    "issue_blank": "Open een leeg issue op GitHub",
    "mail": "Kopieer de e-mail aan de redactie",
    "mail_text": "E-mail aan de redactie",
    "mail_note": "Plak de tekst in een e-mail aan {email}. Zet het bestand er als bijlage bij als dat kan.",
    "mail_subject": "Casus: {title}",
    "mail_body": ("Beste redactie,\n\nHierbij stuur ik een casus voor Thuisbasis. Hieronder staat het bestand "
                  "{file}.\n\nMet vriendelijke groet,\n\n\n{yaml}"),
    "no_mail": "Er is nog geen e-mailadres van de redactie. Kies een van de andere manieren.",
    "copied": "Gekopieerd.",
    "copy_failed": "Kopiëren lukte niet. Selecteer de tekst en kopieer hem zelf.",
    "not_in_issue": ("Het formulier op GitHub vraagt minder dan deze pagina. Wat er niet in past, staat wel "
                     "in het bestand: download het en zet het bij je issue, of mail het."),
}


@dataclass(frozen=True)
class WizardSettings:
    """Where the ways out lead: the repository's new-issue address and the editors' mailbox."""

    new_issue_url: str | None = None
    editors_email: str | None = None

    @classmethod
    def from_site(cls, edit_uri: str | None, editors_email: str | None) -> WizardSettings:
        """From mkdocs.yml: the repository is the one ``edit_uri`` points at on GitHub (``extra.redactie_email``
        is the mailbox; empty means none)."""
        return cls(new_issue_url=new_issue_url(edit_uri), editors_email=(editors_email or "").strip() or None)


def new_issue_url(edit_uri: str | None) -> str | None:
    """'https://github.com/o/r/edit/main/docs/' -> 'https://github.com/o/r/issues/new'; None elsewhere."""
    parts = urlsplit(edit_uri or "")
    segments = [segment for segment in parts.path.split("/") if segment]
    if parts.scheme != "https" or parts.netloc != "github.com" or len(segments) < 2:
        return None
    return f"https://github.com/{segments[0]}/{segments[1]}/issues/new"


def wizard_data(schema: Mapping[str, Any], registries: Mapping[str, Registry], settings: WizardSettings) -> str:
    """The JSON the wizard page loads; byte-stable (sorted nowhere: the schema's order is the form's)."""
    data = {
        "form": form_fields(schema, schema, registries, ""),
        "automatic": AUTOMATIC,
        "schema": schema,
        "messages": message_data(registries),
        "issue": issue_data(settings, registries),
        "editors_email": settings.editors_email,
        "texts": TEXTS,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


# --- The form ------------------------------------------------------------------------------------------

def form_fields(node: Mapping[str, Any], root: Mapping[str, Any], registries: Mapping[str, Registry],
                prefix: str) -> list[dict[str, Any]]:
    """The fields of an object node, in the schema's order."""
    node = resolve_ref(node, root)
    required = set(node.get("required", ()))
    fields = []
    for name, child in node.get("properties", {}).items():
        path = f"{prefix}{name}"
        if path in NOT_ASKED:
            continue
        fields.append(form_field(name, path, child, root, registries, required=name in required))
    return fields


def form_field(name: str, path: str, child: Mapping[str, Any], root: Mapping[str, Any],
               registries: Mapping[str, Registry], *, required: bool) -> dict[str, Any]:
    resolved = resolve_ref(child, root)
    field: dict[str, Any] = {
        "name": name,
        "path": path,
        "label": child.get("title") or resolved.get("title") or name,
        "help": child.get("description") or resolved.get("description") or "",
        "required": required,
        "control": control_of(resolved, root),
    }
    if "x-registry" in resolved:
        field["options"] = options_of(resolved, registries)
    control = field["control"]
    if control == "choices":
        field["options"] = options_of(resolve_ref(resolved["items"], root), registries)
    elif control == "list":
        item = resolve_ref(resolved["items"], root)
        field["item"] = form_field(name, f"{path}[]", resolved["items"], root, registries, required=True)
        field["item"]["label"] = item.get("title") or field["label"]
        field["min_items"] = resolved.get("minItems", 0)
    elif control in ("group", "measure"):
        field["fields"] = form_fields(resolved, root, registries, f"{path}.")
    elif control in ("number", "integer"):
        field["minimum"], field["maximum"] = resolved.get("minimum"), resolved.get("maximum")
    return field


def control_of(node: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    """The control a field gets: text, textarea, select, choices, boolean, number, integer, list, group, measure."""
    kind = node.get("type")
    if kind == ["number", "object"]:
        return "measure"  # definitions/meetwaarde: a number, or waarde with kwalificatie, or van and tot
    if kind == "array":
        item = resolve_ref(node.get("items", {}), root)
        return "choices" if "enum" in item else "list"
    if kind == "object":
        return "group"
    if kind in ("number", "integer", "boolean"):
        return str(kind)
    if "enum" in node:
        return "select"
    if node.get("x-markdown") or node.get("maxLength", 0) > TEXTAREA_FROM:
        return "textarea"
    return "text"


def options_of(node: Mapping[str, Any], registries: Mapping[str, Registry]) -> list[dict[str, str]]:
    registry = registries.get(node.get("x-registry", ""))
    if registry is None:
        return [{"value": str(value), "label": str(value)} for value in node.get("enum", [])]
    return [{"value": term.id, "label": term.label} for term in registry.terms]


# --- The messages --------------------------------------------------------------------------------------

def message_data(registries: Mapping[str, Registry]) -> dict[str, Any]:
    """The templates of problems.py and the hints validation/schema.py adds, as ``{name}`` templates."""
    return {
        "templates": {code: CODES[code].template for code in BROWSER_CODES},
        "expected": schema_messages.EXPECTED_TYPES,
        "hints": hint_templates(registries),
        "singulars": singular_names(),  # "doel 1, indicator 2": how validation/schema.py names a place
        "registries": {name: {"title": registry.title, "allowed": registry.labelled(), "ids": registry.ids(),
                              "labels": {term.label.lower(): term.id for term in registry.terms}}
                       for name, registry in sorted(registries.items())},
    }


def hint_templates(registries: Mapping[str, Registry]) -> dict[str, str]:
    """Each hint of validation/schema.py made by calling it with a marker where the value goes, so that its
    Dutch text has one home. The page fills ``{value}``/``{iso}`` in again."""
    marker = _SENTINEL
    date_pattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$"
    hints = {
        "suggestion": schema_messages.suggest(marker, [marker]).replace(marker, "{value}"),
        "date": schema_messages.date_hint("01-02-2003", date_pattern).replace("2003-02-01", "{iso}"),
        "decimal_comma": schema_messages.type_hint("number", "1,5").replace("1.5", "{value}"),
        "measure": schema_messages.type_hint(["number", "object"], "x"),
        "number_text": schema_messages.type_hint("number", "x"),
        "integer_fraction": schema_messages.type_hint("integer", 1.5),
        "boolean": schema_messages.type_hint("boolean", "x"),
        "described_text": schema_messages.describe_value(marker).replace(marker, "{value}"),
        "described_number": schema_messages.describe_value(7).replace("7", "{value}"),
    }
    for name, registry in sorted(registries.items())[:1]:  # any registry: only the words around its list count
        hints["choose_from"] = schema_messages.empty_hint({"x-registry": name}, registries).replace(
            registry.labelled(), "{allowed}")
    return hints


# --- The issue -----------------------------------------------------------------------------------------

def issue_data(settings: WizardSettings, registries: Mapping[str, Registry]) -> dict[str, Any]:
    """The issue form's questions in order, each with the case field it fills and how (issue_form.Kind)."""
    questions = []
    for element in form_elements():
        target = FORM_FIELDS.get(element.id or "")
        if target is None:
            continue
        questions.append({"id": element.id, "label": element.label, "type": element.type,
                          "field": target.field, "kind": target.kind.value})
    return {"new_issue_url": settings.new_issue_url, "template": ISSUE_TEMPLATE, "url_limit": ISSUE_URL_LIMIT,
            "questions": questions, "no_response": NO_RESPONSE}
