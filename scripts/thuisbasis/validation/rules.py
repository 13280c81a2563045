"""Rules: the checks a schema cannot express, one small generator per rule.

Rules run on every document, also when the schema found problems, so a partner sees everything at
once. So they read the data defensively (``_get``, ``_items``) and skip what is not there or not of
the right kind: the schema already reported that.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from thuisbasis.loading import Document, FieldPath
from thuisbasis.model.registries import Registry, Term
from thuisbasis.problems import Position, Problem, display_path, number_text, problem
from thuisbasis.validation.privacy import find_personal_data_in_texts
from thuisbasis.validation.schema import field_name, parse_partial_date

ALLOWED_LINK_SCHEMES = ("https://", "http://", "mailto:")
# Every way a Markdown field can make a link: inline [text](target) (targets may hold balanced
# parentheses), autolinks <scheme:...>, reference definitions "[ref]: target" and HTML href=/src=.
# Bare words such as "data:" are text, not links: Python-Markdown does not autolink them. It errs on
# the safe side: a line that looks like a definition inside an indented code block is checked too.
_LINK_TARGETS = re.compile(
    r"\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<inline>(?:[^()\s<>]|\((?:[^()\s]|\([^()\s]*\))*\))*))"
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
    r"|^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?\[[^\]\n]+\]:[ \t]*\n?[ \t]*<?(?P<reference>[^\s>]+)"
    r"|(?:href|src)\s*=\s*[\"']?(?P<html>[^\"'\s>]*)",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class RuleContext:
    registries: Mapping[str, Registry]
    today: dt.date
    markdown_fields: tuple[str, ...]


Rule = Callable[[Document, RuleContext], Iterator[Problem]]


def _get(data: Any, *keys: str | int) -> Any:
    for key in keys:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data


def list_items(data: Any, *keys: str) -> Iterator[tuple[int, dict[str, Any]]]:
    values = _get(data, *keys)
    if isinstance(values, list):
        for index, item in enumerate(values):
            if isinstance(item, dict):
                yield index, item


def _indicators(data: Any) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    for goal_index, goal in list_items(data, "doelen"):
        for index, indicator in list_items(goal, "indicatoren"):
            yield ("doelen", goal_index, "indicatoren", index), indicator


def _partial_date(value: Any) -> tuple[int, ...] | None:
    if not isinstance(value, str) or value == "onbekend":
        return None
    try:
        return parse_partial_date(value)
    except ValueError:
        return None


def check_id_matches_filename(document: Document, context: RuleContext) -> Iterator[Problem]:
    value = _get(document.data, "id")
    if isinstance(value, str) and value != document.path.stem:
        yield problem("TB201", document.path, document.position_of(("id",)), value=value, filename=document.path.name)


def check_period_order(document: Document, context: RuleContext) -> Iterator[Problem]:
    start_text, end_text = _get(document.data, "periode", "start"), _get(document.data, "periode", "eind")
    start, end = _partial_date(start_text), _partial_date(end_text)
    if start and end:
        precision = min(len(start), len(end))
        if end[:precision] < start[:precision]:
            yield problem("TB203", document.path, document.position_of(("periode", "eind")), start=start_text, end=end_text)


def check_completed_has_end(document: Document, context: RuleContext) -> Iterator[Problem]:
    if _get(document.data, "status") == "afgerond" and _get(document.data, "periode", "eind") is None:
        yield problem("TB209", document.path, document.position_of(("status",)))


_FUTURE_HINTS = {
    "laatst_beoordeeld": "Vul de datum in waarop de casus echt is nagekeken.",
    "meetdatum": "Een resultaat kan pas gemeten zijn als het gebeurd is; een verwachting hoort bij 'streefwaarde'.",
    "datum": "Een bron of erkenning kan niet van later dan vandaag zijn.",
}


def check_dates_not_in_future(document: Document, context: RuleContext) -> Iterator[Problem]:
    dated: list[FieldPath] = [("laatst_beoordeeld",)]
    dated += [(*path, "meetdatum") for path, _ in _indicators(document.data)]
    dated += [("bronnen", index, "datum") for index, _ in list_items(document.data, "bronnen")]
    dated += [("erkenning", "datum")]
    for path in dated:
        value = _get(document.data, *path)
        parts = _partial_date(value)
        if parts and dt.date(*(*parts, 1, 1)[:3]) > context.today:
            yield problem("TB208", document.path, document.position_of(path), field=field_name(path), value=value,
                          today=context.today.isoformat(), hint=_FUTURE_HINTS[str(path[-1])])


def check_indicator_values_fit_unit(document: Document, context: RuleContext) -> Iterator[Problem]:
    units = context.registries.get("eenheden")
    if units is None:
        return
    for path, indicator in _indicators(document.data):
        unit_id = indicator.get("eenheid")
        if unit_id not in units.ids():
            continue
        numbers = (found for key in ("nulmeting", "streefwaarde", "resultaat")
                   for found in measure_numbers(indicator.get(key), (*path, key)))
        yield from unit_problems(document, units.get(unit_id), numbers)


def check_cost_amounts_fit_euro(document: Document, context: RuleContext) -> Iterator[Problem]:
    """Every number in a cost amount fits the unit 'euro' (not below 0)."""
    units = context.registries.get("eenheden")
    if units is None or "euro" not in units.ids():
        return
    numbers = (found for index, cost in list_items(document.data, "kosten")
               for found in measure_numbers(cost.get("bedrag"), ("kosten", index, "bedrag")))
    yield from unit_problems(document, units.get("euro"), numbers)


def unit_problems(document: Document, unit: Term, numbers: Iterable[tuple[FieldPath, float]]) -> Iterator[Problem]:
    """TB204 for each number (with its path) that does not fit ``unit``."""
    for path, value in numbers:
        expected = _unit_violation(value, unit.minimum, unit.maximum, unit.whole_number)
        if expected:
            yield problem("TB204", document.path, document.position_of(path), field=field_name(path),
                          value=number_text(value), unit=unit.label, expected=expected)


def _unit_violation(value: float, minimum: float | None, maximum: float | None, whole: bool) -> str | None:
    if whole and not float(value).is_integer():
        return "past alleen een geheel getal"
    if minimum is not None and value < minimum:
        return f"kan de waarde niet kleiner zijn dan {number_text(minimum)}"
    if maximum is not None and value > maximum:
        return f"kan de waarde niet groter zijn dan {number_text(maximum)}"
    return None


def source_ids(document: Document) -> tuple[dict[str, FieldPath], list[Problem]]:
    """The ids listed under 'bronnen' with their paths, and a TB206 problem for each id listed again."""
    return listed_ids(document, "bronnen", "TB206")


def listed_ids(document: Document, key: str, code: str) -> tuple[dict[str, FieldPath], list[Problem]]:
    """The ids of the items listed under ``key`` with their paths, and a ``code`` problem for each id listed again."""
    known: dict[str, FieldPath] = {}
    repeats: list[Problem] = []
    for index, item in list_items(document.data, key):
        item_id = item.get("id")
        if not isinstance(item_id, str):
            continue
        path: FieldPath = (key, index, "id")
        if item_id in known:
            repeats.append(problem(code, document.path, document.position_of(path), value=item_id,
                                   first_line=document.position_of(known[item_id]).line))
        else:
            known[item_id] = path
    return known, repeats


def check_source_references(document: Document, context: RuleContext) -> Iterator[Problem]:
    known, repeats = source_ids(document)
    yield from repeats
    references: list[FieldPath] = [(*path, "bron") for path, _ in _indicators(document.data)]
    references += [("financiering", index, "bron") for index, _ in list_items(document.data, "financiering")]
    references += [("evaluaties", index, "bron") for index, _ in list_items(document.data, "evaluaties")]
    references += [("erkenning", "bron"), ("status_bron",)]
    references += [("kosten", index, "bron") for index, _ in list_items(document.data, "kosten")]
    for path in references:
        value = _get(document.data, *path)
        if isinstance(value, str) and value not in known:
            yield problem("TB205", document.path, document.position_of(path), field=field_name(path), value=value,
                          allowed=", ".join(known) or "(geen)")


def check_links_in_markdown(document: Document, context: RuleContext) -> Iterator[Problem]:
    for key in context.markdown_fields:
        text = _get(document.data, key)
        if not isinstance(text, str) or not might_hold_a_link(text):
            continue
        for match in _LINK_TARGETS.finditer(text):
            group = next(name for name, value in match.groupdict().items() if value is not None)
            target = match.group(group)
            if not target.lower().startswith(ALLOWED_LINK_SCHEMES):
                snippet = match.group().splitlines()[-1] if group == "reference" else match.group()
                offset = len(snippet) - (match.end() - match.start(group))
                earlier = text[: match.start()].count(snippet)
                position = position_in_source(document, (key,), snippet, offset, skip=earlier)
                yield problem("TB207", document.path, position, field=key, value=target)


def might_hold_a_link(text: str) -> bool:
    """False only where _LINK_TARGETS cannot match: each of its forms needs '](', '<', ']:', 'href' or 'src'."""
    if "](" in text or "<" in text or "]:" in text:
        return True
    lowered = text.lower()
    return "href" in lowered or "src" in lowered


def position_in_source(document: Document, path: FieldPath, snippet: str, offset: int = 0, skip: int = 0) -> Position:
    """Where ``snippet`` (part of the value at ``path``), ``offset`` characters in, stands in the file.

    Folded and plain multi-line values lose their line breaks when parsed, so the spot is found in the
    source lines from the value's first line on, passing over the first ``skip`` occurrences; if it
    cannot be found, the value's start is used.
    """
    start = document.position_of(path)
    lines = document.text.splitlines()
    for number in range(start.line - 1, len(lines)):
        column = lines[number].find(snippet, start.column - 1 if number == start.line - 1 else 0)
        while column >= 0:
            if skip == 0:
                return Position(number + 1, column + 1 + offset)
            skip -= 1
            column = lines[number].find(snippet, column + 1)
    return start


def check_unique_ingredients(document: Document, context: RuleContext) -> Iterator[Problem]:
    seen: dict[str, FieldPath] = {}  # positions only for a repeat: most files have none
    for index, use in list_items(document.data, "werkzame_bestanddelen"):
        ingredient = use.get("id")
        if not isinstance(ingredient, str):
            continue
        path: FieldPath = ("werkzame_bestanddelen", index, "id")
        if ingredient in seen:
            yield problem("TB210", document.path, document.position_of(path), value=ingredient,
                          first_line=document.position_of(seen[ingredient]).line)
        else:
            seen[ingredient] = path


def check_indicator_has_values(document: Document, context: RuleContext) -> Iterator[Problem]:
    for path, indicator in _indicators(document.data):
        if not any(key in indicator for key in ("nulmeting", "streefwaarde", "resultaat")):
            yield problem("TB211", document.path, document.position_of(path), value=indicator.get("naam", field_name(path)))


MEASURE_NUMBERS = ("waarde", "van", "tot")  # the numbers a meetwaarde written as a group can hold


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def measure_numbers(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, float]]:
    """Every number in a meetwaarde with its path: the value itself, or its 'waarde', 'van' and 'tot'."""
    if _is_number(value):
        yield path, value
    elif isinstance(value, dict):
        for key in MEASURE_NUMBERS:
            if _is_number(value.get(key)):
                yield (*path, key), value[key]


def measures(data: Any) -> Iterator[tuple[FieldPath, Any]]:
    """Every meetwaarde in a case or in the national context file, with its path."""
    for path, indicator in _indicators(data):
        for key in ("nulmeting", "streefwaarde", "resultaat"):
            if key in indicator:
                yield (*path, key), indicator[key]
    for index, cost in list_items(data, "kosten"):
        if "bedrag" in cost:
            yield ("kosten", index, "bedrag"), cost["bedrag"]
    for index, figure in list_items(data, "cijfers"):
        if "waarde" in figure:
            yield ("cijfers", index, "waarde"), figure["waarde"]


def check_measure_shape(document: Document, context: RuleContext) -> Iterator[Problem]:
    """A meetwaarde written as a group holds one number ('waarde') or a range ('van' below 'tot'), not both."""
    for path, value in measures(document.data):
        if not isinstance(value, dict):
            continue
        detail = measure_shape_problem(value)
        if detail:
            yield problem("TB240", document.path, document.position_of(path), field=field_name(path), detail=detail)
        elif _is_number(value.get("van")) and _is_number(value.get("tot")) and value["van"] >= value["tot"]:
            yield problem("TB241", document.path, document.position_of((*path, "van")), field=field_name(path),
                          low=number_text(value["van"]), high=number_text(value["tot"]))


def measure_shape_problem(value: Mapping[str, Any]) -> str | None:
    """What is wrong with the shape of a meetwaarde group, as the rest of a sentence; None when it is right."""
    single, low, high = "waarde" in value, "van" in value, "tot" in value
    if single and (low or high):
        return "heeft zowel 'waarde' als een bereik ('van' en 'tot')"
    if not single and not low and not high:
        return "heeft geen getal"
    if low != high:
        return f"heeft '{'van' if low else 'tot'}' zonder '{'tot' if low else 'van'}'"
    qualifier = value.get("kwalificatie")
    if low and isinstance(qualifier, str) and qualifier != "ongeveer":
        return f"is een bereik met de kwalificatie '{qualifier}'; bij een bereik past alleen 'ongeveer'"
    return None


def check_evaluation_outcome(document: Document, context: RuleContext) -> Iterator[Problem]:
    for index, evaluation in list_items(document.data, "evaluaties"):
        if "uitkomst" not in evaluation:
            yield problem("TB242", document.path, document.position_of(("evaluaties", index)),
                          value=evaluation.get("titel", field_name(("evaluaties", index))))


# Completeness: what a partner who wrote only the prose is asked for. A part counts as answered when it is
# filled in, or when 'niet_vermeld' says the sources do not tell it (an item naming one of its words).
_ANSWERED_BY_NOT_REPORTED = {
    "TB244": ("doel", "resultat", "cijfer"),
    "TB245": ("kosten", "bedrag", "prijs"),
    "TB246": ("evaluatie", "onderzo"),
}


def _not_reported_mentions(data: Any, code: str) -> bool:
    items = _get(data, "niet_vermeld")
    texts = [item.lower() for item in items if isinstance(item, str)] if isinstance(items, list) else []
    return any(word in text for text in texts for word in _ANSWERED_BY_NOT_REPORTED[code])


def _has_goal_figures(data: Any) -> bool:
    return any("streefwaarde" in indicator or "resultaat" in indicator for _, indicator in _indicators(data))


def check_completeness(document: Document, context: RuleContext) -> Iterator[Problem]:
    """One warning per part a reader needs that the case neither gives nor marks as unknown."""
    data = document.data
    missing = {
        "TB244": ("doelen", not _has_goal_figures(data)),
        "TB245": ("kosten", not list(list_items(data, "kosten"))),
        "TB246": ("evaluaties", not list(list_items(data, "evaluaties"))),
    }
    for code, (key, absent) in missing.items():
        if absent and not _not_reported_mentions(data, code):
            yield problem(code, document.path, document.key_position_of((key,)))


def national_figure_ids(document: Document) -> tuple[dict[str, FieldPath], list[Problem]]:
    """The figure ids of the national context file with their paths, and a TB247 problem for each repeat."""
    return listed_ids(document, "cijfers", "TB247")


def check_national_figure_references(documents: Sequence[Document], known: Mapping[str, str]) -> Iterator[Problem]:
    """Across files: every id under 'landelijke_cijfers' is a figure of the national context file.
    ``known``: figure id -> the file it is in (as a message names it)."""
    files = ", ".join(sorted(set(known.values()))) or "context/landelijk-beeld.yaml"
    for document in documents:
        figures = _get(document.data, "landelijke_cijfers")
        for index, figure_id in enumerate(figures if isinstance(figures, list) else ()):
            if isinstance(figure_id, str) and figure_id not in known:
                path: FieldPath = ("landelijke_cijfers", index)
                yield problem("TB243", document.path, document.position_of(path), field=field_name(path),
                              value=figure_id, file=files, allowed=", ".join(known) or "(geen)")


def check_personal_data(document: Document, context: RuleContext) -> Iterator[Problem]:
    """The privacy lint (privacy.py) on every text value, at the exact spot, also inside block text."""
    values = text_values(document.data)
    for index, finding in find_personal_data_in_texts([text for _, text in values]):
        path, text = values[index]
        yield problem(finding.code, document.path, position_in_text(document, path, text, finding.start),
                      field=field_name(path), **finding.fields)


def text_values(data: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every text value with its path, depth first, in file order."""
    found: list[tuple[FieldPath, str]] = []
    _collect_text_values(data, path, found)
    return found


def _collect_text_values(data: Any, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    # A list, not a generator per value: this runs on every value of every case.
    if isinstance(data, str):
        found.append((path, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            _collect_text_values(value, (*path, key), found)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            _collect_text_values(value, (*path, index), found)


def position_in_text(document: Document, path: FieldPath, text: str, offset: int) -> Position:
    """Where ``text[offset]`` (inside the value at ``path``) stands in the file.

    The first word from ``offset`` on is looked up in the source lines; the words before it that are
    the same are skipped. A word holds no line break, so this works for plain, quoted, literal (|) and
    folded (>) values alike.
    """
    word = re.match(r"\S+", text[offset:])
    if word is None:
        return document.position_of(path)
    skip, found = 0, text.find(word.group())
    while -1 < found < offset:
        skip += 1
        found = text.find(word.group(), found + 1)
    return position_in_source(document, path, word.group(), skip=skip)


CASE_RULES: tuple[Rule, ...] = (
    check_id_matches_filename,
    check_period_order,
    check_completed_has_end,
    check_dates_not_in_future,
    check_indicator_values_fit_unit,
    check_source_references,
    check_links_in_markdown,
    check_unique_ingredients,
    check_indicator_has_values,
    check_personal_data,
    check_measure_shape,
    check_cost_amounts_fit_euro,
    check_evaluation_outcome,
    check_completeness,
)


def check_unique_ids(documents: Sequence[Document]) -> Iterator[Problem]:
    """Across files: every case id is used once."""
    first_use: dict[str, Document] = {}
    for document in documents:
        value = _get(document.data, "id")
        if not isinstance(value, str):
            continue
        if value in first_use:
            other = first_use[value]
            yield problem("TB202", document.path, document.position_of(("id",)), value=value,
                          other=f"{display_path(other.path)} (regel {other.position_of(('id',)).line})")
        else:
            first_use[value] = document
