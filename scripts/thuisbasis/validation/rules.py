"""Rules: the checks a schema cannot express, one small generator per rule.

Rules run on every document, also when the schema found problems, so a partner sees everything at
once. So they read the data defensively (``_get``, ``_items``) and skip what is not there or not of
the right kind: the schema already reported that.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from thuisbasis.loading import Document, FieldPath
from thuisbasis.model.registries import HOME_COUNTRY, Registry, Term
from thuisbasis.problems import Position, Problem, display_path, number_text, problem
from thuisbasis.urls import case_page, directory_url, is_generated_page
from thuisbasis.validation.privacy import find_personal_data_in_texts
from thuisbasis.validation.schema import field_name, parse_partial_date, place

ALLOWED_LINK_SCHEMES = ("https://", "http://", "mailto:")
# What may open a line before a reference definition: indentation and any nesting of blockquote ('>')
# and list markers ('-', '*', '+', '1.', '1)'), as Markdown strips them before it reads the line.
_CONTAINERS = r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*"
# Every way a Markdown field can make a link: inline [text](target) (targets may hold balanced
# parentheses), autolinks <scheme:...>, reference definitions "[ref]: target" at any nesting (the target
# may stand on the next line) and HTML href=/src=. Bare words such as "data:" are text, not links:
# Python-Markdown does not autolink them. It errs on the safe side: a line that looks like a definition
# inside an indented code block is checked too. Each form is matched in one pass, without backtracking
# over what it passed. tests/test_validation_rules.py checks it against Python-Markdown itself.
_LINK_TARGETS = re.compile(
    r"\]\(\s*(?:<(?P<angle>[^>\n]*)>|(?P<inline>(?:[^()\s<>]|\((?:[^()\s]|\([^()\s]*\))*\))*))"
    r"|<(?P<auto>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"
    rf"|^{_CONTAINERS}\[[^\]\n]+\]:[ \t]*(?:\n{_CONTAINERS})?<?(?P<reference>[^\s>]+)"
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


def page_problems(document: Document, path: FieldPath, value: str, page: str, code: str) -> Iterator[Problem]:
    """``code`` when ``page``, the page the site makes for the id ``value`` at ``path``, is a page it makes
    for something else (urls.py): the id would silently replace that page."""
    if is_generated_page(page):
        yield problem(code, document.path, document.position_of(path), value=value, page=directory_url(page))


def check_id_is_no_generated_page(document: Document, context: RuleContext) -> Iterator[Problem]:
    value = _get(document.data, "id")
    if isinstance(value, str):
        yield from page_problems(document, ("id",), value, case_page(value), "TB213")


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
    "meetdatum": "Een resultaat kan pas gemeten zijn als het gebeurd is; een plan of verwachting hoort bij 'verwachting'.",
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
            yield problem("TB208", document.path, document.position_of(path), place=place(path), value=value,
                          today=context.today.isoformat(), hint=_FUTURE_HINTS[str(path[-1])])


# The meetwaarden of an indicator; 'verwachting' (planned or expected) is never a target or a result.
INDICATOR_VALUES = ("nulmeting", "streefwaarde", "resultaat", "verwachting")
AMOUNT_LISTS = ("kosten", "financiering")  # lists whose items hold an amount in euro ('bedrag')


def check_indicator_values_fit_unit(document: Document, context: RuleContext) -> Iterator[Problem]:
    units = context.registries.get("eenheden")
    if units is None:
        return
    for path, indicator in _indicators(document.data):
        unit_id = indicator.get("eenheid")
        if unit_id not in units.ids():
            continue
        numbers = (found for key in INDICATOR_VALUES for found in measure_numbers(indicator.get(key), (*path, key)))
        yield from unit_problems(document, units.get(unit_id), numbers)


_DOTTED_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:\.\d{3})+")


def check_numbers_with_a_thousands_dot(document: Document, context: RuleContext) -> Iterator[Problem]:
    """'1.800' is 1.8 in YAML, where a Dutch writer means eighteen hundred: say so (a warning: 2.500 euro
    and 2.5 look the same to the computer, so only the writer knows)."""
    for path, text in document.plain_texts.items():
        value = _get(document.data, *path)
        if _DOTTED_THOUSANDS.fullmatch(text) and isinstance(value, float):
            yield problem("TB216", document.path, document.position_of(path), place=place(path), text=text,
                          read=number_text(value), meant=text.replace(".", ""))


def check_cost_amounts_fit_euro(document: Document, context: RuleContext) -> Iterator[Problem]:
    """Every number in a cost or funding amount fits the unit 'euro' (not below 0)."""
    units = context.registries.get("eenheden")
    if units is None or "euro" not in units.ids():
        return
    numbers = (found for key in AMOUNT_LISTS for index, item in list_items(document.data, key)
               for found in measure_numbers(item.get("bedrag"), (key, index, "bedrag")))
    yield from unit_problems(document, units.get("euro"), numbers)


def unit_problems(document: Document, unit: Term, numbers: Iterable[tuple[FieldPath, float]]) -> Iterator[Problem]:
    """TB204 for each number (with its path) that does not fit ``unit``."""
    for path, value in numbers:
        expected = _unit_violation(value, unit.minimum, unit.maximum, unit.whole_number)
        if expected:
            yield problem("TB204", document.path, document.position_of(path), place=place(path),
                          value=number_text(value), unit=unit.label, expected=expected)


def _unit_violation(value: float, minimum: float | None, maximum: float | None, whole: bool) -> str | None:
    if whole and not float(value).is_integer():
        return "past alleen een geheel getal"
    if minimum is not None and value < minimum:
        return f"kan de waarde niet kleiner zijn dan {number_text(minimum)}"
    if maximum is not None and value > maximum:
        return f"kan de waarde niet groter zijn dan {number_text(maximum)}"
    return None


@dataclass(frozen=True)
class Repeat:
    """An id used again: where, and the line of its first use."""

    path: FieldPath
    value: str
    first_line: int


def first_uses(document: Document, ids: Iterable[tuple[FieldPath, Any]]) -> tuple[dict[str, FieldPath], list[Repeat]]:
    """The path of each id's first use, and every later use of an id; ``ids`` are (path, value) pairs and
    values that are not text are passed over. One pass; positions are looked up only for repeats."""
    first: dict[str, FieldPath] = {}
    repeats: list[Repeat] = []
    for path, value in ids:
        if not isinstance(value, str):
            continue
        if value in first:
            repeats.append(Repeat(path, value, document.position_of(first[value]).line))
        else:
            first[value] = path
    return first, repeats


def ids_in(data: Any, *keys: str) -> Iterator[tuple[FieldPath, Any]]:
    """(path, value) of the 'id' of every item in the list at ``keys``."""
    for index, item in list_items(data, *keys):
        yield (*keys, index, "id"), item.get("id")


def source_ids(document: Document) -> tuple[dict[str, FieldPath], list[Problem]]:
    """The ids listed under 'bronnen' with their paths, and a TB206 problem for each id listed again."""
    return listed_ids(document, "bronnen", "TB206")


def listed_ids(document: Document, key: str, code: str) -> tuple[dict[str, FieldPath], list[Problem]]:
    """The ids of the items listed under ``key`` with their paths, and a ``code`` problem for each id listed again."""
    known, repeats = first_uses(document, ids_in(document.data, key))
    return known, [problem(code, document.path, document.position_of(repeat.path), value=repeat.value,
                           first_line=repeat.first_line) for repeat in repeats]


MAX_LISTED = 10  # ids named in a message; more would make one message per reference as long as the list


def listed(ids: Iterable[str]) -> str:
    """'a, b, c' for a message; past ``MAX_LISTED`` ids, the first ones and how many more."""
    shown = list(itertools.islice(ids, MAX_LISTED + 1))
    if not shown:
        return "(geen)"
    if len(shown) <= MAX_LISTED:
        return ", ".join(shown)
    return f"{', '.join(shown[:MAX_LISTED])} en meer"


def check_source_references(document: Document, context: RuleContext) -> Iterator[Problem]:
    known, repeats = source_ids(document)
    yield from repeats
    references: list[FieldPath] = [(*path, "bron") for path, _ in _indicators(document.data)]
    references += [("financiering", index, "bron") for index, _ in list_items(document.data, "financiering")]
    references += [("evaluaties", index, "bron") for index, _ in list_items(document.data, "evaluaties")]
    references += [("erkenning", "bron"), ("status_bron",)]
    references += [("kosten", index, "bron") for index, _ in list_items(document.data, "kosten")]
    allowed = listed(known)
    for path in references:
        value = _get(document.data, *path)
        if isinstance(value, str) and value not in known:
            yield problem("TB205", document.path, document.position_of(path), place=place(path), value=value,
                          allowed=allowed)


# Python-Markdown's link patterns take time quadratic in the number of '[' in a text: 6,000 of them (within
# the length limit) took 3 s to render, 400 take 0.06 s. No real text needs more than a few dozen.
MAX_BRACKETS = 200


def check_markdown_brackets(document: Document, context: RuleContext) -> Iterator[Problem]:
    """At most ``MAX_BRACKETS`` '[' in a Markdown field, so that rendering it stays fast (TB215)."""
    for key in context.markdown_fields:
        text = _get(document.data, key)
        if isinstance(text, str) and text.count("[") > MAX_BRACKETS:
            yield problem("TB215", document.path, document.position_of((key,)), place=place((key,)), count=text.count("["),
                          limit=MAX_BRACKETS)


def check_links_in_markdown(document: Document, context: RuleContext) -> Iterator[Problem]:
    for key in context.markdown_fields:
        text = _get(document.data, key)
        if not isinstance(text, str) or not might_hold_a_link(text):
            continue
        locator = TextLocator(document, (key,), text)
        for match in _LINK_TARGETS.finditer(text):
            group = next(name for name, value in match.groupdict().items() if value is not None)
            target = match.group(group)
            if not target.lower().startswith(ALLOWED_LINK_SCHEMES):
                start = text.rfind("\n", match.start(), match.start(group)) + 1 if group == "reference" else 0
                start = max(start, match.start())
                position = locator.position(text[start:match.end()], start, shift=match.start(group) - start)
                yield problem("TB207", document.path, position, place=place((key,)), value=target)


def might_hold_a_link(text: str) -> bool:
    """False only where _LINK_TARGETS cannot match: each of its forms needs '](', '<', ']:', 'href' or 'src'."""
    if "](" in text or "<" in text or "]:" in text:
        return True
    lowered = text.lower()
    return "href" in lowered or "src" in lowered


@functools.lru_cache(maxsize=4)
def _source_lines(text: str) -> list[str]:
    """The lines of a document's text, split once for all the spots looked up in it."""
    return text.splitlines()


class TextLocator:
    """Where parts of one text value stand in the file, asked in the order of their offset in the value.

    Folded and plain multi-line values lose their line breaks when parsed, so a part (which holds no
    line break) is found in the source lines from the value's first line on, passing over the times
    it occurs in the value before the spot asked for. Each question continues from the previous
    answer, so finding every spot in a value costs one pass over it, however many there are. A spot
    that cannot be found gives the value's start.
    """

    def __init__(self, document: Document, path: FieldPath, text: str) -> None:
        self.start = document.position_of(path)
        self.lines = _source_lines(document.text)
        self.text = text
        self._rewind()

    def _rewind(self) -> None:
        self.offset = 0  # in the value: where the previous part was
        self.line, self.column = self.start.line - 1, self.start.column - 1  # in the source: the same spot

    def position(self, part: str, offset: int, shift: int = 0) -> Position:
        """The position of ``text[offset + shift]``, where ``part`` is the text at ``offset``."""
        if offset < self.offset:
            self._rewind()
        skip = _occurrences(self.text, part, self.offset, offset)
        found = self._find(part, skip)
        if found is None:
            return self.start
        self.offset, (self.line, self.column) = offset, found
        return Position(found[0] + 1, found[1] + 1 + shift)

    def _find(self, part: str, skip: int) -> tuple[int, int] | None:
        """The line and column (from 0) of the ``skip + 1``-th ``part`` from the cursor on."""
        column = self.column
        for number in range(self.line, len(self.lines)):
            column = self.lines[number].find(part, column)
            while column >= 0:
                if skip == 0:
                    return number, column
                skip -= 1
                column = self.lines[number].find(part, column + 1)
            column = 0
        return None


def _occurrences(text: str, part: str, start: int, end: int) -> int:
    """How often ``part`` begins in ``text`` at an offset from ``start`` up to (not including) ``end``."""
    count, found = 0, text.find(part, start, end + len(part) - 1)
    while found >= 0:
        count += 1
        found = text.find(part, found + 1, end + len(part) - 1)
    return count


def check_unique_ingredients(document: Document, context: RuleContext) -> Iterator[Problem]:
    for repeat in first_uses(document, ids_in(document.data, "werkzame_bestanddelen"))[1]:
        yield problem("TB210", document.path, document.position_of(repeat.path), value=repeat.value,
                      first_line=repeat.first_line)


def check_indicator_has_values(document: Document, context: RuleContext) -> Iterator[Problem]:
    for path, indicator in _indicators(document.data):
        if not any(key in indicator for key in INDICATOR_VALUES):
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
        for key in INDICATOR_VALUES:
            if key in indicator:
                yield (*path, key), indicator[key]
    for key in AMOUNT_LISTS:
        for index, item in list_items(data, key):
            if "bedrag" in item:
                yield (key, index, "bedrag"), item["bedrag"]
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
            yield problem("TB240", document.path, document.position_of(path), place=place(path), detail=detail)
        elif _is_number(value.get("van")) and _is_number(value.get("tot")) and value["van"] >= value["tot"]:
            yield problem("TB241", document.path, document.position_of((*path, "van")), place=place(path),
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
    """TB242 for an evaluation without 'uitkomst', unless 'niet_vermeld' says the outcome is not known."""
    if _not_reported_mentions(document.data, "TB242"):
        return
    for index, evaluation in list_items(document.data, "evaluaties"):
        if "uitkomst" not in evaluation:
            yield problem("TB242", document.path, document.position_of(("evaluaties", index)),
                          value=evaluation.get("titel", field_name(("evaluaties", index))))


# Completeness: what a partner who wrote only the prose is asked for. A part counts as answered when it is
# filled in, or when 'niet_vermeld' says the sources do not tell it (an item naming one of its words).
_ANSWERED_BY_NOT_REPORTED = {
    "TB242": ("uitkomst",),
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
                yield problem("TB243", document.path, document.position_of(path), place=place(path),
                              value=figure_id, file=files, allowed=listed(known))


def check_personal_data(document: Document, context: RuleContext | None = None) -> Iterator[Problem]:
    """The privacy lint (privacy.py) on every text value, at the exact spot, also inside block text. The
    paths of the values are worked out only for a file with findings (most have none)."""
    findings = sorted(find_personal_data_in_texts(texts_of(document.data)), key=lambda found: (found[0], found[1].start))
    if not findings:
        return
    values = text_values(document.data)  # in the same order as texts_of
    locators: dict[int, TextLocator] = {}
    for index, finding in findings:
        path, text = values[index]
        if index not in locators:
            locators[index] = TextLocator(document, path, text)
        yield problem(finding.code, document.path, position_in_text(locators[index], finding.start),
                      place=place(path), **finding.fields)


def text_values(data: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every text value with its path, depth first, in file order."""
    found: list[tuple[FieldPath, str]] = []
    _collect_text_values(data, path, found)
    return found


def texts_of(data: Any) -> list[str]:
    """Every text value, depth first, in file order: ``text_values`` without the paths."""
    found: list[str] = []
    _collect_texts(data, found)
    return found


def _collect_texts(data: Any, found: list[str]) -> None:
    if isinstance(data, str):
        found.append(data)
    elif isinstance(data, dict):
        for value in data.values():
            _collect_texts(value, found)
    elif isinstance(data, list):
        for value in data:
            _collect_texts(value, found)


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


def position_in_text(locator: TextLocator, offset: int) -> Position:
    """Where ``text[offset]`` (inside the located value) stands in the file: the first word from
    ``offset`` on is looked up. A word holds no line break, so this works for plain, quoted, literal (|)
    and folded (>) values alike."""
    word = re.match(r"\S+", locator.text[offset:offset + 200])
    if word is None:
        return locator.start
    return locator.position(word.group(), offset)


def check_province_fits_country(document: Document, context: RuleContext) -> Iterator[Problem]:
    """A Belgian province needs 'land: belgie'; a Dutch one no 'land' or 'land: nederland' (the registry of
    provinces says each one's country; without 'land' a province is Dutch)."""
    provinces, countries = context.registries.get("provincies"), context.registries.get("landen")
    province_id, country_id = _get(document.data, "locatie", "provincie"), _get(document.data, "locatie", "land")
    if provinces is None or countries is None or province_id not in provinces.ids():
        return
    if country_id is not None and country_id not in countries.ids():
        return  # the schema reports an unknown country
    expected = provinces.get(province_id).country or HOME_COUNTRY
    if (country_id or HOME_COUNTRY) == expected:
        return
    hint = ("Laat 'land' weg of schrijf 'land: nederland'." if expected == HOME_COUNTRY
            else f"Schrijf 'land: {expected}' bij 'locatie'.")
    path: FieldPath = ("locatie", "land") if country_id is not None else ("locatie", "provincie")
    yield problem("TB251", document.path, document.position_of(path), province=province_id,
                  province_country=_country_label(countries, expected),
                  country=f"'{country_id}'" if country_id is not None else "niet ingevuld (dus Nederland)", hint=hint)


def _country_label(countries: Registry, country_id: str) -> str:
    return countries.get(country_id).label if country_id in countries.ids() else country_id


def check_see_also_is_another_case(document: Document, context: RuleContext) -> Iterator[Problem]:
    case_id = _get(document.data, "id")
    references = _get(document.data, "zie_ook")
    for index, value in enumerate(references if isinstance(references, list) else ()):
        if isinstance(value, str) and value == case_id:
            path: FieldPath = ("zie_ook", index)
            yield problem("TB252", document.path, document.position_of(path), place=place(path))


def check_see_also_references(documents: Sequence[Document], known: frozenset[str]) -> Iterator[Problem]:
    """Across files: every id under 'zie_ook' is the id of a case (``known``)."""
    for document in documents:
        references = _get(document.data, "zie_ook")
        for index, value in enumerate(references if isinstance(references, list) else ()):
            if isinstance(value, str) and value not in known:
                path: FieldPath = ("zie_ook", index)
                yield problem("TB250", document.path, document.position_of(path), place=place(path), value=value)


CASE_RULES: tuple[Rule, ...] = (
    check_id_matches_filename,
    check_id_is_no_generated_page,
    check_period_order,
    check_completed_has_end,
    check_dates_not_in_future,
    check_indicator_values_fit_unit,
    check_source_references,
    check_links_in_markdown,
    check_markdown_brackets,
    check_unique_ingredients,
    check_indicator_has_values,
    check_personal_data,
    check_measure_shape,
    check_cost_amounts_fit_euro,
    check_numbers_with_a_thousands_dot,
    check_evaluation_outcome,
    check_completeness,
    check_province_fits_country,
    check_see_also_is_another_case,
)


# What the checks across files (check_unique_ids, check_see_also_references, check_national_figure_references,
# and the case ids a checklist may cite) read of a case, besides its path and text.
READ_ACROSS_FILES = ("id", "zie_ook", "landelijke_cijfers")


def across_files_part(document: Document) -> Document:
    """``document`` with only what the checks across files read: its path, its text (for positions) and the
    fields in READ_ACROSS_FILES. A worker process sends back this much when no one needs the whole document
    (``thuisbasis validate``): for 500 cases half the bytes, and a tenth of the pickling (39 -> 4 ms): the
    text is one string, the values are many objects."""
    data = document.data if isinstance(document.data, dict) else {}
    return Document(path=document.path, text=document.text, positions=document.positions,
                    data={key: data[key] for key in READ_ACROSS_FILES if key in data})


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
