"""The issue form "Casus aanmelden" as data: its questions and the case field each one fills.

``data/casus-aanmelden.yml`` (copied to ``.github/ISSUE_TEMPLATE/``) is the form partners fill in on
GitHub. ``FORM_FIELDS`` is the one mapping from form element ids to schema fields. Two readers use it:
``thuisbasis from-issue`` (commands/from_issue.py) turns a filled-in form back into a case, and the
casus-wizard (render/wizard.py) prefills an issue with the same questions. It lives here, below both,
so that rendering never imports a command.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from thuisbasis.data import ISSUE_FORM
from thuisbasis.loading import load_document
from thuisbasis.problems import Position, Problem, problem

FORM = ISSUE_FORM
NO_RESPONSE = "_No response_"  # what GitHub writes under a question left empty


class Kind(Enum):
    """How an answer becomes a value."""

    TEXT = "text"  # the answer as it is (line breaks kept)
    INTEGER = "integer"  # '40' -> 40; anything else stays text, so validation explains it
    CHOICE = "choice"  # a dropdown label (or id) -> the registry id
    CHOICES = "choices"  # a multiple dropdown: 'A, B' -> [id of A, id of B]
    LIST = "list"  # 'Utrecht, Nieuwegein' -> ['Utrecht', 'Nieuwegein'] (commas, semicolons or lines)
    LINES = "lines"  # one item per line
    PARTNERS = "partners"  # 'Organisatie: rol' per line
    COMPONENTS = "components"  # 'Werkzaam bestanddeel: toepassing' per line
    SOURCES = "sources"  # 'titel; uitgever; datum; webadres' per line
    GOALS = "goals"  # 'doel; wat je meet; soort; eenheid; streefwaarde; resultaat; hoe gemeten; bron N' per line
    COSTS = "costs"  # 'soort; bedrag; per; periode; prijspeil; bron N' per line
    EVALUATIONS = "evaluations"  # 'titel; wie; onafhankelijk; opzet; uitkomst; bevindingen; bron N' per line


@dataclass(frozen=True)
class Target:
    """Where an answer goes: the schema field (dotted, '[]' for list items) and the fields it fills."""

    field: str
    kind: Kind
    fills: tuple[str, ...] = ()

    @property
    def filled_fields(self) -> tuple[str, ...]:
        return self.fills or (self.field,)


FORM_FIELDS: dict[str, Target] = {
    "titel": Target("titel", Kind.TEXT),
    "samenvatting": Target("samenvatting", Kind.TEXT),
    "woonvorm": Target("woonvorm", Kind.CHOICE),
    "doelgroepen": Target("doelgroepen", Kind.CHOICES),
    "gemeenten": Target("locatie.gemeenten", Kind.LIST),
    "provincie": Target("locatie.provincie", Kind.CHOICE),
    "land": Target("locatie.land", Kind.CHOICE),
    "wijk": Target("locatie.wijk", Kind.TEXT),
    "regio": Target("locatie.regio", Kind.TEXT),
    "partners": Target("partners", Kind.PARTNERS, ("partners[].organisatie", "partners[].rol")),
    "start": Target("periode.start", Kind.TEXT),
    "eind": Target("periode.eind", Kind.TEXT),
    "status": Target("status", Kind.CHOICE),
    "wooneenheden": Target("schaal.wooneenheden", Kind.INTEGER),
    "bewoners": Target("schaal.bewoners", Kind.INTEGER),
    "aanleiding": Target("aanleiding", Kind.TEXT),
    "aanpak": Target("aanpak", Kind.TEXT),
    "werkzame_bestanddelen": Target("werkzame_bestanddelen", Kind.COMPONENTS,
                                    ("werkzame_bestanddelen[].id", "werkzame_bestanddelen[].toepassing")),
    "randvoorwaarden": Target("randvoorwaarden", Kind.LINES),
    "tips": Target("lessen.tips", Kind.LINES),
    "valkuilen": Target("lessen.valkuilen", Kind.LINES),
    "doelen": Target("doelen", Kind.GOALS, ("doelen[].doel", *(f"doelen[].indicatoren[].{key}" for key in (
        "naam", "soort", "eenheid", "streefwaarde", "resultaat", "meetwijze", "bron")))),
    "kosten": Target("kosten", Kind.COSTS, tuple(f"kosten[].{key}" for key in (
        "soort", "bedrag", "per", "periode", "prijspeil", "bron"))),
    "evaluaties": Target("evaluaties", Kind.EVALUATIONS, tuple(f"evaluaties[].{key}" for key in (
        "titel", "uitvoerder", "onafhankelijk", "opzet", "uitkomst", "bevindingen", "bron"))),
    "niet_vermeld": Target("niet_vermeld", Kind.LINES),
    "bronnen": Target("bronnen", Kind.SOURCES,
                      ("bronnen[].titel", "bronnen[].uitgever", "bronnen[].datum", "bronnen[].url")),
    "contact_organisatie": Target("contact.organisatie", Kind.TEXT),
    "contact_website": Target("contact.website", Kind.TEXT),
    "contact_email": Target("contact.email", Kind.TEXT),
}

@dataclass(frozen=True)
class FormElement:
    id: str | None
    label: str
    type: str
    required: bool
    options: tuple[str, ...]


class FormError(Exception):
    """The issue form itself cannot be read: a bug in Thuisbasis, reported as TB605."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


def form_elements(form: Path = FORM) -> list[FormElement]:
    """The form's questions (markdown blocks are not questions), read with the project's safe loader."""
    document, problems = load_document(form)
    if problems:
        raise FormError(problem("TB605", form, Position(1, 1), form=form.name, reason=problems[0].message))
    body = document.data.get("body") if isinstance(document.data, dict) else None
    if not isinstance(body, list):
        raise FormError(problem("TB605", form, Position(1, 1), form=form.name, reason="'body' is geen lijst"))
    elements = []
    for item in body:
        if not isinstance(item, dict) or item.get("type") == "markdown":
            continue
        attributes = item.get("attributes") or {}
        options = tuple(option if isinstance(option, str) else str(option.get("label", ""))
                        for option in attributes.get("options") or [])
        elements.append(FormElement(id=item.get("id"), label=str(attributes.get("label", "")), type=str(item.get("type")),
                                    required=bool((item.get("validations") or {}).get("required")), options=options))
    if not elements:
        raise FormError(problem("TB605", form, Position(1, 1), form=form.name, reason="er staan geen vragen in"))
    return elements
