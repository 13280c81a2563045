"""Open data and index data, byte-stable so that two builds of the same commit are identical.

- data/cases.json: every case, normalised (ids with Dutch labels, derived evidence level and outcomes),
  with its page URL; the compare page reads it.
- data/cases.csv: one row per case, for spreadsheets.
- data/zoekindex.json: the compact index the filter page loads.
- data/case.schema.json: the case schema at a stable URL.
- feed.xml: an Atom feed of new and updated cases.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from thuisbasis.evidence import Outcome
from thuisbasis.registries import Term
from thuisbasis.render.urls import case_page, directory_url
from thuisbasis.render.views import CaseView

CSV_COLUMNS = ("id", "titel", "url", "woonvorm", "doelgroepen", "gemeenten", "provincie", "status", "start", "eind",
               "wooneenheden", "bewoners", "bewijsniveau", "doelen", "doelen_gehaald", "werkzame_bestanddelen",
               "laatst_beoordeeld", "toegevoegd", "samenvatting")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def term_record(term: Term) -> dict[str, str]:
    return {"id": term.id, "label": term.label}


def outcome_value(outcome: Outcome) -> bool | None:
    return None if outcome is Outcome.UNKNOWN else outcome is Outcome.MET


def case_record(view: CaseView) -> dict[str, Any]:
    case = view.case
    return {
        "id": case.id,
        "titel": case.title,
        "url": directory_url(case_page(case.id)),
        "samenvatting": case.summary,
        "woonvorm": term_record(case.housing_form),
        "doelgroepen": [term_record(group) for group in case.target_groups],
        "locatie": {"gemeenten": list(case.location.municipalities), "provincie": term_record(case.location.province),
                    "wijk": case.location.neighbourhood, "regio": case.location.region},
        "partners": [{"organisatie": p.organisation, "rol": term_record(p.role)} for p in case.partners],
        "periode": {"start": case.period.start, "eind": case.period.end},
        "status": term_record(case.status),
        "schaal": None if case.scale is None else {
            "wooneenheden": case.scale.units, "bewoners": case.scale.residents, "toelichting": case.scale.note},
        "bewijsniveau": {"niveau": view.level.number, "id": view.level.id, "label": view.level.label},
        "doelen": [
            {"doel": goal.goal.goal, "gehaald": outcome_value(goal.outcome), "indicatoren": [
                {"naam": item.indicator.name, "soort": term_record(item.indicator.kind),
                 "eenheid": term_record(item.indicator.unit), "nulmeting": item.indicator.baseline,
                 "streefwaarde": item.indicator.target, "resultaat": item.indicator.result,
                 "meetdatum": item.indicator.measured_on,
                 "meetwijze": term_record(item.indicator.method) if item.indicator.method else None,
                 "lager_is_beter": item.lower_is_better, "gehaald": outcome_value(item.outcome),
                 "bron": item.indicator.source_id, "toelichting": item.indicator.note}
                for item in goal.indicators]}
            for goal in view.goals
        ],
        "werkzame_bestanddelen": [{**term_record(use.ingredient), "toepassing": use.application}
                                  for use in case.ingredients],
        "kosten": None if case.costs is None else {
            "investering": case.costs.investment, "exploitatie_per_jaar": case.costs.running_per_year,
            "toelichting": case.costs.note},
        "financiering": [{"financier": f.funder, "bedrag": f.amount, "bron": f.source_id} for f in case.funding],
        "bronnen": [{"id": s.id, "titel": s.title, "uitgever": s.publisher, "datum": s.date, "url": s.url}
                    for s in case.sources],
        "contact": {"organisatie": case.contact.organisation, "website": case.contact.website},
        "laatst_beoordeeld": case.last_reviewed,
        "toegevoegd": case.added,
    }


def dump_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def cases_json(views: Sequence[CaseView]) -> str:
    return dump_json([case_record(view) for view in views])


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def cases_csv(views: Sequence[CaseView]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for view in views:
        case = view.case
        row = (case.id, case.title, directory_url(case_page(case.id)), case.housing_form.id,
               ";".join(group.id for group in case.target_groups), ";".join(case.location.municipalities),
               case.location.province.id, case.status.id, case.period.start, case.period.end,
               case.scale.units if case.scale else None, case.scale.residents if case.scale else None,
               view.level.number, view.tally.total, view.tally.met,
               ";".join(use.ingredient.id for use in case.ingredients), case.last_reviewed, case.added, case.summary)
        writer.writerow([_cell(value) for value in row])
    return out.getvalue()


def search_index(views: Sequence[CaseView], facets: dict[str, Sequence[Term]]) -> str:
    """What the filter page needs and nothing more: facet labels, and per case its facet values and texts."""
    return dump_json({
        "facetten": {key: [term_record(term) for term in terms] for key, terms in facets.items()},
        "casussen": [
            {"id": view.case.id, "titel": view.case.title, "url": directory_url(case_page(view.case.id)),
             "samenvatting": view.case.summary, "gemeenten": list(view.case.location.municipalities),
             "plaats": view.place, "doelen_samenvatting": view.goals_summary,
             "woonvorm": [view.case.housing_form.id], "doelgroep": [group.id for group in view.case.target_groups],
             "provincie": [view.case.location.province.id], "bewijs": [view.level.id], "bewijsniveau": view.level.number,
             "status": [view.case.status.id], "bestanddeel": [use.ingredient.id for use in view.case.ingredients],
             "laatst_beoordeeld": view.case.last_reviewed, "toegevoegd": view.case.added or view.case.last_reviewed}
            for view in views
        ],
    })
