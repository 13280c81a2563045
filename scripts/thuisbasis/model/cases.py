"""Model: frozen dataclasses built once from validated case data, with registry terms resolved.

Nothing after this module reads YAML or raw dicts: rendering and derived facts work on these types.
Field names are English; the Dutch YAML keys they come from are named in ``case_from_data``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from thuisbasis.model.registries import HOME_COUNTRY, Registry, Term
from thuisbasis.schemas import CASE_SCHEMA, CHECKLIST_SCHEMA, CONTEXT_SCHEMA, load_schema, registry_fields


@dataclass(frozen=True, kw_only=True, slots=True)
class Location:
    """Where the case is (``locatie``): gemeenten, provincie, land, wijk, regio."""

    municipalities: tuple[str, ...]
    province: Term
    country: Term  # landen: nederland when the case does not say
    neighbourhood: str | None = None
    region: str | None = None

    @property
    def is_abroad(self) -> bool:
        return self.country.id != HOME_COUNTRY


@dataclass(frozen=True, kw_only=True, slots=True)
class Partner:
    """An organisation and its role in the case (an item of ``partners``)."""

    organisation: str
    role: Term


@dataclass(frozen=True, kw_only=True, slots=True)
class Period:
    """When the case ran (``periode``), as precise as the source says."""

    start: str  # '2024-03-01', '2024-03', '2024' or 'onbekend'
    end: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Scale:
    """How large the case is (``schaal``): wooneenheden, bewoners."""

    units: int | None = None
    residents: int | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Measure:
    """A value as the source states it: exact (``low == high``, no qualifier), qualified ("ruim 450":
    ``qualifier`` is the term 'ruim') or a range ("tussen 800 en 900": ``low < high``)."""

    low: float
    high: float
    qualifier: Term | None = None

    @classmethod
    def exact(cls, value: float) -> Measure:
        return cls(low=value, high=value)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high and self.qualifier is None

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def value(self) -> float:
        """One number for sums and comparisons: the value, or the middle of a range."""
        return self.low if self.low == self.high else (self.low + self.high) / 2

    @property
    def certain_lower(self) -> tuple[float, bool] | None:
        """The bound the true value is certainly at or above (``True``: strictly above), or None."""
        qualifier = self.qualifier.id if self.qualifier else None
        if qualifier is None or qualifier == "minimaal":
            return self.low, False
        if qualifier in ("ruim", "meer-dan"):
            return self.low, True
        return None  # bijna, maximaal, minder-dan: only an upper bound; ongeveer: no bound at all

    @property
    def certain_upper(self) -> tuple[float, bool] | None:
        """The bound the true value is certainly at or below (``True``: strictly below), or None."""
        qualifier = self.qualifier.id if self.qualifier else None
        if qualifier is None or qualifier == "maximaal":
            return self.high, False
        if qualifier in ("bijna", "minder-dan"):
            return self.high, True
        return None


@dataclass(frozen=True, kw_only=True, slots=True)
class Indicator:
    """What was measured for a goal (an item of ``doelen[].indicatoren``), with its values as the source says them."""

    name: str
    kind: Term
    unit: Term
    source_id: str
    baseline: Measure | None = None
    target: Measure | None = None
    result: Measure | None = None
    expected: Measure | None = None  # planned or expected: never a target, never a result
    measured_on: str | None = None
    method: Term | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Goal:
    """What the case wanted to achieve (an item of ``doelen``) and its indicators."""

    goal: str
    indicators: tuple[Indicator, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class IngredientUse:
    """How the case applied a werkzaam bestanddeel (an item of ``werkzame_bestanddelen``)."""

    ingredient: Term
    application: str


@dataclass(frozen=True, kw_only=True, slots=True)
class CostItem:
    """An amount the sources name (an item of ``kosten``): what kind, per what, for which period."""

    kind: Term  # kostensoorten: investering, exploitatie, begeleiding, huur, subsidie
    amount: Measure  # in euro
    per: Term  # kosteneenheden: totaal, woning, persoon, huishouden, plek
    period: Term  # kostenperiodes: eenmalig, per-jaar, per-maand
    source_id: str
    price_year: int | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Funding:
    """Who paid for the case (an item of ``financiering``), with the amount where a source names it."""

    funder: str
    amount: Measure | None = None  # in euro
    source_id: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Lessons:
    """What others can learn from the case (``lessen``): tips and pitfalls."""

    tips: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class Evaluation:
    """A study of the case (an item of ``evaluaties``): who did it, how, and what it found."""

    title: str
    evaluator: str
    independent: bool
    design: Term
    source_id: str
    outcome: Term | None = None  # uitkomsten: positief, gemengd, geen-effect, negatief
    findings: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Recognition:
    """A recognition of the approach by a database of effective interventions (``erkenning``)."""

    level: Term
    database: str
    date: str
    source_id: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Source:
    """A source the case's facts come from (an item of ``bronnen``)."""

    id: str
    title: str
    publisher: str
    date: str
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Contact:
    """The organisation to contact about the case (``contact``); never a private person."""

    organisation: str
    website: str | None = None
    email: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Case:
    """One case file of ``cases/``, validated: what every page, overview and export is made from."""

    id: str
    path: Path
    title: str
    summary: str
    housing_form: Term
    target_groups: tuple[Term, ...]
    location: Location
    partners: tuple[Partner, ...]
    period: Period
    status: Term
    background: str  # Markdown
    approach: str  # Markdown
    ingredients: tuple[IngredientUse, ...]
    sources: tuple[Source, ...]
    contact: Contact
    last_reviewed: str
    scale: Scale | None = None
    goals: tuple[Goal, ...] = ()
    preconditions: tuple[str, ...] = ()
    costs: tuple[CostItem, ...] = ()
    funding: tuple[Funding, ...] = ()
    lessons: Lessons | None = None
    evaluations: tuple[Evaluation, ...] = ()
    recognition: Recognition | None = None
    not_reported: tuple[str, ...] = ()
    added: str | None = None
    status_source_id: str | None = None  # the source the status is taken from; None: the newest source
    national_figure_ids: tuple[str, ...] = ()
    target_groups_from_context: bool = False  # the source names the groups only as context, not for this case
    see_also: tuple[str, ...] = ()  # ids of related cases

    @property
    def stated_target_groups(self) -> tuple[Term, ...]:
        """The target groups the source states for this case; none when they come from its context only."""
        return () if self.target_groups_from_context else self.target_groups

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(indicator for goal in self.goals for indicator in goal.indicators)


@dataclass(frozen=True, kw_only=True, slots=True)
class Catalog:
    """Everything the renderer needs: the cases and checklists (ordered by id) and the registries."""

    cases: tuple[Case, ...]
    registries: Mapping[str, Registry]
    checklists: tuple[Checklist, ...] = ()
    context: NationalContext | None = None  # the national figures (Landelijk beeld), when there is a file


def case_from_data(data: Mapping[str, Any], path: Path, registries: Mapping[str, Registry]) -> Case:
    """Build a ``Case`` from data that passed validation."""
    term = _term_finder(CASE_SCHEMA, registries)

    def texts(values: Any) -> tuple[str, ...]:
        return tuple(values or ())

    location = data["locatie"]
    scale = data.get("schaal")
    lessons = data.get("lessen")
    recognition = data.get("erkenning")
    return Case(
        id=data["id"],
        path=path,
        title=data["titel"],
        summary=data["samenvatting"],
        housing_form=term("woonvorm", data["woonvorm"]),
        target_groups=tuple(term("doelgroepen[]", group) for group in data["doelgroepen"]),
        location=Location(
            municipalities=tuple(location.get("gemeenten", ())),
            province=term("locatie.provincie", location["provincie"]),
            country=term("locatie.land", location.get("land", HOME_COUNTRY)),
            neighbourhood=location.get("wijk"),
            region=location.get("regio"),
        ),
        partners=tuple(Partner(organisation=p["organisatie"], role=term("partners[].rol", p["rol"])) for p in data["partners"]),
        period=Period(start=data["periode"]["start"], end=data["periode"].get("eind")),
        status=term("status", data["status"]),
        background=data["aanleiding"],
        approach=data["aanpak"],
        ingredients=tuple(
            IngredientUse(ingredient=term("werkzame_bestanddelen[].id", use["id"]), application=use["toepassing"])
            for use in data["werkzame_bestanddelen"]
        ),
        sources=sources_from_data(data["bronnen"]),
        contact=Contact(organisation=data["contact"]["organisatie"], website=data["contact"].get("website"),
                        email=data["contact"].get("email")),
        last_reviewed=data["laatst_beoordeeld"],
        scale=Scale(units=scale.get("wooneenheden"), residents=scale.get("bewoners"), note=scale.get("toelichting"))
        if scale else None,
        goals=tuple(
            Goal(goal=g["doel"], indicators=tuple(_indicator(i, term) for i in g.get("indicatoren", ())))
            for g in data.get("doelen", ())
        ),
        preconditions=texts(data.get("randvoorwaarden")),
        costs=tuple(
            CostItem(kind=term("kosten[].soort", c["soort"]), amount=measure_from_data(c["bedrag"], term, "kosten[].bedrag"),
                     per=term("kosten[].per", c["per"]), period=term("kosten[].periode", c["periode"]),
                     source_id=c["bron"], price_year=c.get("prijspeil"), note=c.get("toelichting"))
            for c in data.get("kosten", ())
        ),
        funding=tuple(
            Funding(funder=f["financier"], source_id=f.get("bron"), note=f.get("toelichting"),
                    amount=measure_from_data(f["bedrag"], term, "financiering[].bedrag") if "bedrag" in f else None)
            for f in data.get("financiering", ())
        ),
        lessons=Lessons(tips=texts(lessons.get("tips")), pitfalls=texts(lessons.get("valkuilen"))) if lessons else None,
        evaluations=tuple(
            Evaluation(title=e["titel"], evaluator=e["uitvoerder"], independent=e["onafhankelijk"],
                       design=term("evaluaties[].opzet", e["opzet"]), source_id=e["bron"],
                       outcome=term("evaluaties[].uitkomst", e["uitkomst"]) if "uitkomst" in e else None,
                       findings=e.get("bevindingen"))
            for e in data.get("evaluaties", ())
        ),
        recognition=Recognition(level=term("erkenning.niveau", recognition["niveau"]), database=recognition["databank"],
                                date=recognition["datum"], source_id=recognition["bron"]) if recognition else None,
        not_reported=texts(data.get("niet_vermeld")),
        added=data.get("toegevoegd"),
        status_source_id=data.get("status_bron"),
        national_figure_ids=texts(data.get("landelijke_cijfers")),
        target_groups_from_context=bool(data.get("doelgroepen_uit_context", False)),
        see_also=texts(data.get("zie_ook")),
    )


def measure_from_data(value: Any, term: TermFinder, field: str) -> Measure:
    """A meetwaarde (a number, {waarde, kwalificatie} or {van, tot, kwalificatie}) as a ``Measure``.
    ``field``: the meetwaarde's field as ``registry_fields`` names it, e.g. ``kosten[].bedrag``."""
    if not isinstance(value, Mapping):
        return Measure.exact(value)
    qualifier = term(f"{field}.kwalificatie", value["kwalificatie"]) if "kwalificatie" in value else None
    if "waarde" in value:
        return Measure(low=value["waarde"], high=value["waarde"], qualifier=qualifier)
    return Measure(low=value["van"], high=value["tot"], qualifier=qualifier)


def sources_from_data(sources: Any) -> tuple[Source, ...]:
    """The 'bronnen' of a case, checklist or context file."""
    return tuple(Source(id=s["id"], title=s["titel"], publisher=s["uitgever"], date=s["datum"], url=s.get("url"),
                        note=s.get("toelichting")) for s in sources)


TermFinder = Callable[[str, str], Term]


def _term_finder(schema: str, registries: Mapping[str, Registry]) -> TermFinder:
    """``find(field, id)``: the registry term for the value of ``field`` (as ``registry_fields`` names it,
    e.g. ``partners[].rol``). Which registry a field takes its values from is stated once, in the schema."""
    registry_of = _registry_of_field(schema)
    terms = _terms_by_id(registries)

    def find(field: str, term_id: str) -> Term:
        registry = registry_of[field]
        found = terms.get((registry, term_id))
        return found if found is not None else registries[registry].get(term_id)  # raises for an unknown id

    return find


@cache
def _registry_of_field(schema: str) -> dict[str, str]:
    return {entry.field: entry.registry for entry in registry_fields(load_schema(schema))}


_terms_cache: tuple[tuple[tuple[str, Registry], ...], dict[tuple[str, str], Term]] = ((), {})


def _terms_by_id(registries: Mapping[str, Registry]) -> dict[tuple[str, str], Term]:
    """Every term by (registry name, id); made again only when the registries change (one lookup table for
    thousands of cases, instead of a search through the registry for every term)."""
    global _terms_cache  # one small cache, for the registries last used
    current = tuple(registries.items())
    cached, terms = _terms_cache
    if len(cached) != len(current) or any(a[0] != b[0] or a[1] is not b[1] for a, b in zip(cached, current, strict=True)):
        terms = {(name, term.id): term for name, registry in registries.items() for term in registry.terms}
        _terms_cache = (current, terms)
    return terms


def _indicator(data: Mapping[str, Any], term: TermFinder) -> Indicator:
    method = data.get("meetwijze")

    def measure(key: str) -> Measure | None:
        return measure_from_data(data[key], term, f"doelen[].indicatoren[].{key}") if key in data else None

    return Indicator(
        name=data["naam"],
        kind=term("doelen[].indicatoren[].soort", data["soort"]),
        unit=term("doelen[].indicatoren[].eenheid", data["eenheid"]),
        source_id=data["bron"],
        baseline=measure("nulmeting"),
        target=measure("streefwaarde"),
        result=measure("resultaat"),
        expected=measure("verwachting"),
        measured_on=data.get("meetdatum"),
        method=term("doelen[].indicatoren[].meetwijze", method) if method else None,
        note=data.get("toelichting"),
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class ChecklistItem:
    """One point of a checklist, with the cases, werkzame bestanddelen and sources behind it."""

    id: str
    text: str
    why: str
    case_ids: tuple[str, ...] = ()
    ingredients: tuple[Term, ...] = ()
    source_ids: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class ChecklistSection:
    """A part of a checklist (an item of ``secties``) and its points."""

    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Workform:
    """How a trainer runs a session with the checklist (``werkvorm``)."""

    minutes: int
    group_minimum: int
    group_maximum: int
    steps: tuple[str, ...]
    questions: tuple[str, ...]
    case_ids: tuple[str, ...] = ()  # the cases the group reads together; the handout prints their summaries


@dataclass(frozen=True, kw_only=True, slots=True)
class Checklist:
    """One checklist file of ``checklists/`` for opgave-teams, validated."""

    id: str
    path: Path
    title: str
    summary: str
    audience: str
    when: str
    sections: tuple[ChecklistSection, ...]
    workform: Workform
    sources: tuple[Source, ...]
    last_reviewed: str

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.sections for item in section.items)

    @property
    def ingredient_ids(self) -> frozenset[str]:
        return frozenset(term.id for item in self.items for term in item.ingredients)


def checklist_from_data(data: Mapping[str, Any], path: Path, registries: Mapping[str, Registry]) -> Checklist:
    """Build a ``Checklist`` from data that passed validation."""
    term = _term_finder(CHECKLIST_SCHEMA, registries)
    workform = data["werkvorm"]
    return Checklist(
        id=data["id"],
        path=path,
        title=data["titel"],
        summary=data["samenvatting"],
        audience=data["voor_wie"],
        when=data["wanneer"],
        sections=tuple(
            ChecklistSection(id=section["id"], title=section["titel"], items=tuple(
                ChecklistItem(id=item["id"], text=item["tekst"], why=item["waarom"],
                              case_ids=tuple(item.get("casussen", ())),
                              ingredients=tuple(term("secties[].items[].werkzame_bestanddelen[]", term_id)
                                                  for term_id in item.get("werkzame_bestanddelen", ())),
                              source_ids=tuple(item.get("bronnen", ())))
                for item in section["items"]))
            for section in data["secties"]
        ),
        workform=Workform(minutes=workform["duur_minuten"], group_minimum=workform["groepsgrootte"]["minimum"],
                          group_maximum=workform["groepsgrootte"]["maximum"], steps=tuple(workform["stappen"]),
                          questions=tuple(workform["gespreksvragen"]), case_ids=tuple(workform.get("casussen", ()))),
        sources=sources_from_data(data["bronnen"]),
        last_reviewed=data["laatst_beoordeeld"],
    )


@dataclass(frozen=True, kw_only=True, slots=True)
class NationalFigure:
    """A national figure of the Landelijk beeld (an item of ``cijfers`` in the context file)."""

    id: str
    theme: str
    description: str
    value: Measure
    unit: Term
    as_of: str  # peildatum: '2024-07-01', '2024-07', '2024' or 'onbekend'
    source_id: str
    note: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class NationalContext:
    """The national figures (context/landelijk-beeld.yaml): they frame cases, they are not their results."""

    id: str
    path: Path
    title: str
    introduction: str
    figures: tuple[NationalFigure, ...]
    sources: tuple[Source, ...]
    last_reviewed: str

    def figure(self, figure_id: str) -> NationalFigure:
        return next(figure for figure in self.figures if figure.id == figure_id)


def context_from_data(data: Mapping[str, Any], path: Path, registries: Mapping[str, Registry]) -> NationalContext:
    """Build the ``NationalContext`` from data that passed validation."""
    term = _term_finder(CONTEXT_SCHEMA, registries)
    return NationalContext(
        id=data["id"],
        path=path,
        title=data["titel"],
        introduction=data["inleiding"],
        figures=tuple(
            NationalFigure(id=f["id"], theme=f["thema"], description=f["omschrijving"],
                           value=measure_from_data(f["waarde"], term, "cijfers[].waarde"),
                           unit=term("cijfers[].eenheid", f["eenheid"]), as_of=f["peildatum"], source_id=f["bron"],
                           note=f.get("toelichting"))
            for f in data["cijfers"]
        ),
        sources=sources_from_data(data["bronnen"]),
        last_reviewed=data["laatst_beoordeeld"],
    )
