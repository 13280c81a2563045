"""Open data and index data, byte-stable so that two builds of the same commit are identical.

- data/cases.json: every case, normalised (ids with Dutch labels, derived evidence level and outcomes),
  with its page URL, and the texts the compare page shows (``*_tekst``, ``periode.tekst``), made by the same
  formatters as the case pages, so the page's JavaScript formats no number, date or unit itself.
- data/cases.csv: one row per case, for spreadsheets.
- data/zoekindex.json: the compact index the filter page loads.
- data/case.schema.json: the case schema at a stable URL.
- feed.xml: an Atom feed of new and updated cases.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring
from typing import Any

from thuisbasis.derive.evidence import Outcome
from thuisbasis.model.cases import Measure
from thuisbasis.model.registries import Term, with_broader
from thuisbasis.render.markup import EURO, date_nl, measure_nl, number_nl
from thuisbasis.render.views import CaseView
from thuisbasis.urls import case_page, directory_url

CSV_COLUMNS = ("id", "titel", "url", "woonvorm", "doelgroepen", "gemeenten", "provincie", "status", "start", "eind",
               "wooneenheden", "bewoners", "bewijsniveau", "doelen", "doelen_gehaald", "werkzame_bestanddelen",
               "laatst_beoordeeld", "toegevoegd", "samenvatting", "oordeel", "kostenband", "status_volgens_bron_uit")
# A spreadsheet may split a line on ',', ';' (Dutch Excel) or a tab, and start a field after a line break,
# whatever separator the file uses. Wherever a field could start, after spaces and double quotes, a
# formula character ('=', '+', '-', '@', tab, carriage return) gets an apostrophe before it.
_FORMULA_AT_FIELD_START = re.compile(r"(?:^|(?<=[,;\t\r\n]))[ \"]*(?=[=+\-@\t\r])")


def term_record(term: Term) -> dict[str, str]:
    return {"id": term.id, "label": term.label}


def measure_record(measure: Measure | None, unit: Term | None = None) -> dict[str, Any] | None:
    """A value in its structured form (``waarde`` for one number, else ``van`` and ``tot``; the qualifier's
    id) plus ``tekst``, exactly as the site shows it ('ruim 450 personen'). Never a bare number, so no
    reader of the data can take 'ruim 450' for exactly 450."""
    if measure is None:
        return None
    single = not measure.is_range
    return {"waarde": measure.low if single else None, "van": None if single else measure.low,
            "tot": None if single else measure.high,
            "kwalificatie": measure.qualifier.id if measure.qualifier else None, "tekst": measure_nl(measure, unit)}


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
        "doelgroepen_uit_context": case.target_groups_from_context,
        "locatie": {"gemeenten": list(case.location.municipalities), "provincie": term_record(case.location.province),
                    "land": term_record(case.location.country), "buitenland": case.location.is_abroad,
                    "wijk": case.location.neighbourhood, "regio": case.location.region},
        "partners": [{"organisatie": p.organisation, "rol": term_record(p.role)} for p in case.partners],
        "periode": {"start": case.period.start, "eind": case.period.end, "tekst": view.period},
        "status": term_record(case.status),
        "schaal": None if case.scale is None else {
            "wooneenheden": case.scale.units, "bewoners": case.scale.residents, "toelichting": case.scale.note,
            "wooneenheden_tekst": number_nl(case.scale.units), "bewoners_tekst": number_nl(case.scale.residents)},
        "bewijsniveau": {"niveau": view.level.number, "van": len(view.levels), "id": view.level.id,
                         "label": view.level.label},
        "doelen": [
            {"doel": goal.goal.goal, "gehaald": outcome_value(goal.outcome), "indicatoren": [
                {"naam": item.indicator.name, "soort": term_record(item.indicator.kind),
                 "eenheid": term_record(item.indicator.unit),
                 "nulmeting": measure_record(item.indicator.baseline, item.indicator.unit),
                 "streefwaarde": measure_record(item.indicator.target, item.indicator.unit),
                 "resultaat": measure_record(item.indicator.result, item.indicator.unit),
                 "verwachting": measure_record(item.indicator.expected, item.indicator.unit),
                 "uitkomst_tekst": item.outcome_text,
                 "meetdatum": item.indicator.measured_on,
                 "meetwijze": term_record(item.indicator.method) if item.indicator.method else None,
                 "lager_is_beter": item.lower_is_better, "gehaald": outcome_value(item.outcome),
                 "bron": item.indicator.source_id, "toelichting": item.indicator.note,
                 "nulmeting_tekst": item.baseline_text, "streefwaarde_tekst": item.target_text,
                 "resultaat_tekst": item.result_text, "meetdatum_tekst": date_nl(item.indicator.measured_on)}
                for item in goal.indicators]}
            for goal in view.goals
        ],
        "werkzame_bestanddelen": [{**term_record(use.ingredient), "toepassing": use.application}
                                  for use in case.ingredients],
        "kosten": [{"soort": term_record(row.item.kind), "bedrag": measure_record(row.item.amount, EURO),
                    "per": term_record(row.item.per), "periode": term_record(row.item.period),
                    "prijspeil": row.item.price_year, "bron": row.item.source_id, "toelichting": row.item.note,
                    "tekst": f"{row.item.kind.label}: {row.amount_text} {row.per_text}, {row.item.period.label}"}
                   for row in view.costs],
        "randvoorwaarden": list(case.preconditions),
        "lessen": {"tips": list(case.lessons.tips) if case.lessons else [],
                   "valkuilen": list(case.lessons.pitfalls) if case.lessons else []},
        "kostenband": {"id": view.cost_band.band.id, "label": view.cost.label, "tekst": view.cost.sentence,
                       "ongeveer": view.cost_band.approximate},
        "oordeel": {"id": view.outcome.id, "label": view.verdict.label, "tekst": view.verdict.sentence,
                    "volgens_organisatie_zelf": view.outcome.self_reported, "kort": view.answers[0].short},
        "actualiteit": {"status": view.status_text, "periode": view.period_years,
                        "nieuwste_bron": view.newest_source_year, "label": view.currency.label,
                        "tekst": view.currency.sentence},
        "landelijke_cijfers": list(case.national_figure_ids),
        "financiering": [{"financier": f.funder, "bedrag": measure_record(f.amount, EURO), "bron": f.source_id}
                         for f in case.funding],
        "zie_ook": list(case.see_also),
        "bronnen": [{"id": s.id, "titel": s.title, "uitgever": s.publisher, "datum": s.date, "url": s.url}
                    for s in case.sources],
        "contact": {"organisatie": case.contact.organisation, "website": case.contact.website},
        "laatst_beoordeeld": case.last_reviewed,
        "laatst_beoordeeld_tekst": date_nl(case.last_reviewed),
        "toegevoegd": case.added,
    }


def dump_json(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)`` and a newline, about
    four times faster: with ``indent`` the json module uses its pure-Python encoder. The output is the same,
    byte for byte: valid JSON (never NaN or Infinity) with every character as itself (emoji too)."""
    chunks: list[str] = []
    try:
        _encode(value, "\n", chunks)
    except _Unusual:  # a key that is not text, a subclass, an unknown type: leave it to the json module
        return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False) + "\n"
    chunks.append("\n")
    return "".join(chunks)


class _Unusual(Exception):
    """Not an error: the signal to leave a value to the json module."""


def _float(value: float) -> str:
    if not math.isfinite(value):  # JSON has no NaN or Infinity; validation refuses such numbers
        raise ValueError(f"{value!r} is not a JSON number")
    return float.__repr__(value)


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring, int: int.__repr__, float: _float, bool: lambda value: "true" if value else "false",
    type(None): lambda _: "null"}


def _encode(value: Any, newline: str, chunks: list[str]) -> None:
    """Append the JSON of ``value``; ``newline`` is a line break and the indent of the line ``value`` ends on."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        chunks.append(scalar(value))
    elif type(value) is dict:
        _encode_object(value, newline, chunks)
    elif type(value) in (list, tuple):
        _encode_array(value, newline, chunks)
    elif type(value) is JsonPiece:
        made_at = "\n" + " " * value.depth
        chunks.append(value.text if newline == made_at else value.text.replace(made_at, newline))
    else:
        raise _Unusual


def _encode_object(value: dict[str, Any], newline: str, chunks: list[str]) -> None:
    """Each member on its own line, one space deeper, sorted by key."""
    if not value:
        chunks.append("{}")
        return
    inner = newline + " "
    separator = "{" + inner
    for key, item in sorted(value.items()):
        if type(key) is not str:
            raise _Unusual
        scalar = _SCALARS.get(type(item))
        if scalar is not None:
            chunks.append(f"{separator}{encode_basestring(key)}: {scalar(item)}")
        else:
            chunks.append(f"{separator}{encode_basestring(key)}: ")
            _encode(item, inner, chunks)
        separator = "," + inner
    chunks.append(newline + "}")


def _encode_array(value: Sequence[Any], newline: str, chunks: list[str]) -> None:
    """Each item on its own line, one space deeper."""
    if not value:
        chunks.append("[]")
        return
    inner = newline + " "
    separator = "[" + inner
    for item in value:
        scalar = _SCALARS.get(type(item))
        if scalar is not None:
            chunks.append(separator + scalar(item))
        else:
            chunks.append(separator)
            _encode(item, inner, chunks)
        separator = "," + inner
    chunks.append(newline + "]")


@dataclass(frozen=True)
class JsonPiece:
    """JSON made earlier (``json_piece``) that ``dump_json`` puts into a larger document as it stands, indented
    to where it goes: each case's item of ``casussen.json`` and of the filter index, which ``mkdocs serve``
    keeps per case (render/memo.py). The document around pieces holds only text keys, lists and dicts."""

    text: str  # as dump_json writes the value ``depth`` levels deep, without a final newline
    depth: int = 0


def json_piece(value: Any, depth: int = 0) -> JsonPiece:
    """``value`` as a piece; made at the ``depth`` it will stand at, it goes in without being indented again."""
    return JsonPiece(dump_json(value).removesuffix("\n").replace("\n", "\n" + " " * depth), depth)


JsonPieceOf = Callable[[CaseView], JsonPiece]  # a case's item of a JSON file
TextPieceOf = Callable[[CaseView], str]  # a case's line of a text file


def case_record_piece(view: CaseView) -> JsonPiece:
    """The case's item of ``casussen.json``."""
    return json_piece(case_record(view), depth=1)


def cases_json(views: Sequence[CaseView], piece: JsonPieceOf = case_record_piece) -> str:
    """Every case's record; ``piece`` may give the memo's copy of an item."""
    return dump_json([piece(view) for view in views])


def spreadsheet_safe(text: str) -> str:
    """``text`` as a CSV cell that no spreadsheet runs as a formula, however it splits the line: an apostrophe
    before each formula character that could begin a field. Nothing else changes. The checklist export
    (docs/javascripts/checklist.js, csvCell) follows the same rule."""
    return _FORMULA_AT_FIELD_START.sub(lambda match: match.group() + "'", text)


def csv_text(rows: Iterable[Sequence[object]]) -> str:
    """CSV as RFC 4180 writes it (CRLF line ends, so that a cell holding any line break is quoted), with
    every cell spreadsheet-safe; ``None`` is an empty cell."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow([spreadsheet_safe("" if value is None else str(value)) for value in row])
    return out.getvalue()


def case_csv_line(view: CaseView) -> str:
    """The case's line of ``cases.csv``."""
    return csv_text([case_csv_row(view)])


def cases_csv(views: Sequence[CaseView], line: TextPieceOf = case_csv_line) -> str:
    """The header and a line per case (a CSV writer keeps nothing between lines, so they can be joined);
    ``line`` may give the memo's copy of a case's line."""
    return csv_text([CSV_COLUMNS]) + "".join(line(view) for view in views)


def case_csv_row(view: CaseView) -> tuple[object, ...]:
    case = view.case
    return (case.id, case.title, directory_url(case_page(case.id)), case.housing_form.id,
            ";".join(group.id for group in case.target_groups), ";".join(case.location.municipalities),
            case.location.province.id, case.status.id, case.period.start, case.period.end,
            case.scale.units if case.scale else None, case.scale.residents if case.scale else None,
            view.level.number, view.tally.total, view.tally.met,
            ";".join(use.ingredient.id for use in case.ingredients), case.last_reviewed, case.added, case.summary,
            view.outcome.id, view.cost_band.band.id, view.newest_source_year)


def search_record(view: CaseView, groups: Sequence[Term]) -> dict[str, Any]:
    """A case as the filter page needs it: its facet values and texts. ``antwoorden``: the four answers of the
    case page as [question, short answer], the card's line. ``groups``: the doelgroepen, for their broader terms."""
    return {"id": view.case.id, "titel": view.case.title, "url": directory_url(case_page(view.case.id)),
            "samenvatting": view.case.summary, "gemeenten": list(view.case.location.municipalities),
            "plaats": view.place, "antwoorden": [[answer.question, answer.short] for answer in view.answers],
            "woonvorm": [view.case.housing_form.id], "doelgroep": with_broader(groups, (group.id for group in view.case.target_groups)),
            "provincie": [view.case.location.province.id], "bewijs": [view.level.id], "bewijsniveau": view.level.number,
            "status": [view.case.status.id], "bestanddeel": [use.ingredient.id for use in view.case.ingredients],
            "oordeel": [view.outcome.id], "kosten": [view.cost_band.band.id], "nieuwste_bron": view.newest_source_year,
            "laatst_beoordeeld": view.case.last_reviewed, "toegevoegd": view.case.added or view.case.last_reviewed}


def search_index(views: Sequence[CaseView], facets: Mapping[str, Sequence[Term]],
                 piece: JsonPieceOf | None = None) -> str:
    """What the filter page needs and nothing more: facet labels, and per case its ``search_record``. ``piece``
    may give the memo's copy of a case's item (it must be ``search_piece(view, facets["doelgroep"])``)."""
    groups = facets["doelgroep"]
    return dump_json({
        "facetten": {key: [term_record(term) for term in terms] for key, terms in facets.items()},
        "casussen": [piece(view) if piece else search_piece(view, groups) for view in views],
    })


def search_piece(view: CaseView, groups: Sequence[Term]) -> JsonPiece:
    """The case's item of the filter page's index."""
    return json_piece(search_record(view, groups), depth=2)
