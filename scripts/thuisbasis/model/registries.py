"""Registries: the controlled lists (woonvormen, doelgroepen, ...) as data files with Dutch labels.

Each registry is a YAML file in ``data/registries/``; its file name (without .yaml) is its name, and
the case schema names it in ``x-registry`` wherever a field takes one of its ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from thuisbasis.data import REGISTRY_DIR

HOME_COUNTRY = "nederland"  # the id in the landen registry of a case without 'locatie.land': the Netherlands


@dataclass(frozen=True, kw_only=True, slots=True)
class Term:
    """One value of a registry: its id, Dutch label and, per registry, what else it knows."""

    id: str
    label: str
    description: str | None = None
    origin: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    whole_number: bool = False
    lower_is_better: bool = False
    country: str | None = None  # provinces only: the id of their country (landen); None: Nederland
    broader: str | None = None  # the id of the broader term of the same registry it belongs to (onderdeel_van)


@dataclass(frozen=True, kw_only=True, slots=True)
class Registry:
    """A controlled list of values (``data/registries/<name>.yaml``) that fields choose from."""

    name: str
    title: str
    description: str
    terms: tuple[Term, ...]

    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def get(self, term_id: str) -> Term:
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(f"{term_id!r} is not in registry {self.name!r}")

    def labelled(self) -> str:
        """The allowed ids with their labels, as a message lists them."""
        return ", ".join(_labelled(term) for term in self.terms)


def _labelled(term: Term) -> str:
    """'housing-first', 'noord-brabant' where the label only repeats the id; 'rapportcijfer (1 tot 10)'
    where the label begins with the id itself (case-sensitive); otherwise 'regie (Regie en opdrachtgeverschap)'."""
    if term.label.lower() in (term.id, term.id.replace("-", " ")):
        return term.id
    if term.label.startswith(f"{term.id} "):
        return term.label
    return f"{term.id} ({term.label})"


def registry_paths(directory: Path = REGISTRY_DIR) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def registry_from_data(name: str, data: dict[str, Any]) -> Registry:
    """Build a registry from data that passed validation."""
    terms = tuple(
        Term(
            id=item["id"],
            label=item["label"],
            description=item.get("omschrijving"),
            origin=item.get("herkomst"),
            minimum=item.get("minimum"),
            maximum=item.get("maximum"),
            whole_number=bool(item.get("geheel_getal", False)),
            lower_is_better=bool(item.get("lager_is_beter", False)),
            country=item.get("land"),
            broader=item.get("onderdeel_van"),
        )
        for item in data["waarden"]
    )
    return Registry(name=name, title=data["titel"], description=data["omschrijving"], terms=terms)


def with_broader(terms: Iterable[Term], term_ids: Iterable[str]) -> list[str]:
    """The ids and every broader id above them (``onderdeel_van``), each once, in order: a case for
    'jonge-statushouders' also counts for 'statushouders' on the filter page and the overview pages.
    Validation refuses unknown broader ids and cycles (TB304)."""
    broader = {term.id: term.broader for term in terms}
    found: dict[str, None] = {}
    for term_id in term_ids:
        current: str | None = term_id
        while current is not None and current not in found:
            found[current] = None
            current = broader.get(current)
    return list(found)
