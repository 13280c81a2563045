"""From issue to case: ``thuisbasis from-issue`` turns a filled-in "Casus aanmelden" form into a case file.

Partners without git fill in the issue form ``.github/ISSUE_TEMPLATE/casus-aanmelden.yml`` (a copy of
``data/casus-aanmelden.yml`` in this package, which is what this command reads). GitHub
renders each answer under its label as ``### Label`` followed by the text, or ``_No response_``. A
maintainer saves that body (``gh issue view N --json body -q .body > aanmelding.md``, or copies it)
and runs ``thuisbasis from-issue aanmelding.md``. The result is written through the same path rules as
``thuisbasis new`` (never over an existing file) and then validated like any other case.

``FORM_FIELDS`` (loading/issue_form.py) maps form element ids to schema fields; ``DEFAULTS`` says what
from-issue fills in for required fields the form does not ask. tests/test_issue_form.py keeps the form,
this mapping, the schema and the registries in step. Problems with the body itself are TB6xx
problems, with the line in the body; problems in the answers are left to validation (TB1xx/TB2xx), so
a partner's answer is never silently changed or dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

import yaml

from thuisbasis.commands.new import new_case_path, slugify, write_exclusively
from thuisbasis.commands.output import print_problems, usage_error
from thuisbasis.data import CASE_TEMPLATE
from thuisbasis.loading import MAX_INTEGER_DIGITS, decode_text
from thuisbasis.loading.issue_form import (
    FORM,
    FORM_FIELDS,
    NO_RESPONSE,
    FormElement,
    FormError,
    Kind,
    Target,
    form_elements,
)
from thuisbasis.model.registries import Registry
from thuisbasis.problems import Position, Problem, display_path, printable, problem
from thuisbasis.schemas import CASE_SCHEMA, load_schema, resolve_ref

SOURCE_ID_LENGTH = 60
STDIN = Path("<stdin>")  # how a body read from standard input is named in messages


# Required schema fields the form does not ask (or may leave empty), and what from-issue writes there.
DEFAULTS: dict[str, str] = {
    "id": "made from the title, as thuisbasis new does (the file name)",
    "laatst_beoordeeld": "the day from-issue runs: the maintainer reviews the case then",
    "periode.start": "'onbekend' when the start date is left empty",
    "bronnen[].id": "made from the source's title; -2, -3 ... when two titles give the same id",
    "bronnen[].datum": "'onbekend' when a source line has no date",
}

_FORMATS = {
    Kind.PARTNERS: "Organisatie: rol (bijvoorbeeld: Gemeente Haarlem: Regie en opdrachtgeverschap)",
    Kind.COMPONENTS: "naam van het bestanddeel: hoe jullie het deden (bijvoorbeeld: Woonbegeleiding: Een begeleider komt elke week)",
    Kind.SOURCES: "titel; uitgever; datum; webadres (de datum en het webadres mogen weg)",
    Kind.GOALS: "doel; wat je meet; soort; eenheid; streefwaarde; resultaat; hoe gemeten; bron 1",
    Kind.COSTS: "soort; bedrag; per; periode; prijspeil; bron 1",
    Kind.EVALUATIONS: "titel; wie het deed; onafhankelijk (ja of nee); opzet; uitkomst; wat het vond; bron 1",
}
# How many parts a line needs at least, and may have at most (a trailing 'bron N' included).
_PARTS = {Kind.GOALS: (4, 8), Kind.COSTS: (4, 6), Kind.EVALUATIONS: (4, 7)}
_SOURCE_NUMBER = re.compile(r"bron\s*(\d{1,3})", re.IGNORECASE)
# A value as the source says it: '450', 'ruim 450', 'bijna 1.800', 'minstens 385', '800 tot 900', 'tussen 800 en 900'.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
_MEASURE = re.compile(rf"(?:(?P<qualifier>[^\d]+?)\s+)?(?P<low>{_NUMBER})(?:\s*(?:tot|à|-|en)\s*(?P<high>{_NUMBER}))?")
_YES_NO = {"ja": True, "nee": False, "yes": True, "no": False}
_HEADING = re.compile(r"^###[ \t]+(?P<label>.+?)[ \t]*$")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")
_WHOLE_NUMBER = re.compile(r"\d{1,3}(?:[. ]\d{3})+|\d+")
_DATE_LIKE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?|onbekend", re.IGNORECASE)


def schema_node(field: str, schema: Mapping[str, Any] | None = None) -> Mapping[str, Any] | None:
    """The schema node of a dotted field ('locatie.provincie', 'partners[].rol'), or None."""
    root = schema or load_schema(CASE_SCHEMA)
    node: Any = root
    for part in field.split("."):
        name, is_item = (part[:-2], True) if part.endswith("[]") else (part, False)
        node = resolve_ref(node, root).get("properties", {}).get(name)
        if is_item and isinstance(node, Mapping):
            node = resolve_ref(node, root).get("items")
        if not isinstance(node, Mapping):
            return None
    return resolve_ref(node, root)


# --- Reading the body ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    text: str | None  # None: no response
    line: int  # the line of the '### Label' heading in the body
    first_line: int = 0  # the line in the body where the text starts


def read_answers(path: Path, text: str, elements: list[FormElement]) -> tuple[dict[str, Answer], list[Problem]]:
    """The answers by form label. Only a '### ' line with a label of the form starts a new answer, so an
    answer may itself hold Markdown headings."""
    labels = {element.label for element in elements}
    answers: dict[str, Answer] = {}
    problems: list[Problem] = []
    current: str | None = None
    collected: dict[str, list[str]] = {}
    for number, line in enumerate(text.split("\n"), 1):
        heading = _HEADING.match(line)
        if heading and heading.group("label") in labels:
            current = heading.group("label")
            if current in answers:
                problems.append(problem("TB603", path, Position(number, 1), label=current,
                                        first_line=answers[current].line))
                current = None  # the repeat is ignored; the message says so
                continue
            answers[current] = Answer(None, number)
            collected[current] = []
        elif current is not None:
            collected[current].append(line)
    if not answers:
        example = next((element.label for element in elements if element.required), elements[0].label)
        return {}, [problem("TB601", path, Position(1, 1), example=example)]
    for label, lines in collected.items():
        blank = next((index for index, line in enumerate(lines) if line.strip()), len(lines))
        value = "\n".join(line.rstrip() for line in lines).strip()
        heading_line = answers[label].line
        answers[label] = Answer(None if value in ("", NO_RESPONSE) else value, heading_line, heading_line + 1 + blank)
    for element in elements:
        if element.required and element.label not in answers:
            problems.append(problem("TB602", path, Position(1, 1), label=element.label))
    return answers, problems


# --- From answers to case data -------------------------------------------------------------------

@dataclass
class Conversion:
    path: Path
    registries: Mapping[str, Registry]
    problems: list[Problem]

    def registry_for(self, field: str) -> Registry | None:
        node = schema_node(field)
        return self.registries.get(node.get("x-registry", "")) if node else None

    def term_id(self, field: str, text: str) -> str:
        """The registry id for a label or id typed in any case; unknown text stays as it is."""
        registry = self.registry_for(field)
        wanted = " ".join(text.split()).casefold()
        for term in registry.terms if registry else ():
            if wanted in (term.id.casefold(), term.label.casefold()):
                return term.id
        return " ".join(text.split())

    def unreadable(self, label: str, line: int, value: str, kind: Kind) -> None:
        self.problems.append(problem("TB604", self.path, Position(line, 1), label=label, value=value,
                                     expected=_FORMATS[kind]))


def answer_lines(answer: Answer) -> Iterator[tuple[int, str]]:
    """Non-empty lines of an answer with their line in the body, without list bullets."""
    for offset, line in enumerate((answer.text or "").split("\n")):
        stripped = _BULLET.sub("", line).strip()
        if stripped:
            yield answer.first_line + offset, stripped


def convert(answer: Answer, label: str, target: Target, conversion: Conversion) -> Any:
    text = answer.text or ""
    kind = target.kind
    if kind is Kind.TEXT:
        return text
    if kind is Kind.INTEGER:
        compact = text.strip()
        digits = re.sub(r"[. ]", "", compact)
        # As the loader types numbers: one too long to be any field's value stays text (validation: TB113).
        return int(digits) if _WHOLE_NUMBER.fullmatch(compact) and len(digits) <= MAX_INTEGER_DIGITS else compact
    if kind is Kind.CHOICE:
        return conversion.term_id(target.field, text)
    if kind is Kind.CHOICES:
        return [conversion.term_id(f"{target.field}[]", part) for part in text.split(",") if part.strip()]
    if kind is Kind.LIST:
        return [part.strip() for part in re.split(r"[,;\n]", text) if part.strip()]
    if kind is Kind.LINES:
        return [line for _, line in answer_lines(answer)]
    if kind is Kind.PARTNERS:
        return list(_partners(answer, label, conversion))
    if kind is Kind.COMPONENTS:
        return list(_components(answer, label, conversion))
    if kind is Kind.GOALS:
        return _goals(answer, label, conversion)
    if kind is Kind.COSTS:
        return list(_costs(answer, label, conversion))
    if kind is Kind.EVALUATIONS:
        return list(_evaluations(answer, label, conversion))
    return list(_sources(answer, label, conversion))


def _parts(answer: Answer, label: str, kind: Kind, conversion: Conversion) -> Iterator[tuple[list[str], int]]:
    """The ';'-separated parts of each line, and the number N of a trailing 'bron N' (1 when not given)."""
    fewest, most = _PARTS[kind]
    for line_number, line in answer_lines(answer):
        parts = [part.strip() for part in line.split(";")]
        source = _SOURCE_NUMBER.fullmatch(parts[-1]) if len(parts) > fewest else None
        if source:
            parts = parts[:-1]
        if not fewest <= len(parts) <= most or not all(parts[:2]):
            conversion.unreadable(label, line_number, line, kind)
            continue
        yield parts + [""] * (most - len(parts)), int(source.group(1)) if source else 1


def _cited(item: dict[str, Any], number: int) -> dict[str, Any]:
    """``item`` with the number of the source it names; case_data turns it into that source's id."""
    item["bron"] = number
    return item


def _goals(answer: Answer, label: str, conversion: Conversion) -> list[dict[str, Any]]:
    """Lines with the same goal (one after the other) become one goal with several indicators."""
    goals: list[dict[str, Any]] = []
    for parts, source in _parts(answer, label, Kind.GOALS, conversion):
        goal, name, kind, unit, target, result, method = parts[:7]
        indicator: dict[str, Any] = {"naam": name, "soort": conversion.term_id("doelen[].indicatoren[].soort", kind),
                                     "eenheid": conversion.term_id("doelen[].indicatoren[].eenheid", unit)}
        for key, text in (("streefwaarde", target), ("resultaat", result)):
            if text:
                indicator[key] = measure_value(text, conversion)
        if method:
            indicator["meetwijze"] = conversion.term_id("doelen[].indicatoren[].meetwijze", method)
        if goals and goals[-1]["doel"] == goal:
            goals[-1]["indicatoren"].append(_cited(indicator, source))
        else:
            goals.append({"doel": goal, "indicatoren": [_cited(indicator, source)]})
    return goals


def _costs(answer: Answer, label: str, conversion: Conversion) -> Iterator[dict[str, Any]]:
    for parts, source in _parts(answer, label, Kind.COSTS, conversion):
        kind, amount, per, period, price_year = parts[:5]
        cost: dict[str, Any] = {"soort": conversion.term_id("kosten[].soort", kind),
                                "bedrag": measure_value(amount, conversion),
                                "per": conversion.term_id("kosten[].per", per),
                                "periode": conversion.term_id("kosten[].periode", period)}
        if price_year:
            cost["prijspeil"] = int(price_year) if price_year.isdigit() and len(price_year) == 4 else price_year
        yield _cited(cost, source)


def _evaluations(answer: Answer, label: str, conversion: Conversion) -> Iterator[dict[str, Any]]:
    for parts, source in _parts(answer, label, Kind.EVALUATIONS, conversion):
        title, evaluator, independent, design, outcome, findings = parts[:6]
        evaluation: dict[str, Any] = {"titel": title, "uitvoerder": evaluator,
                                      "onafhankelijk": _YES_NO.get(independent.casefold(), independent),
                                      "opzet": conversion.term_id("evaluaties[].opzet", design)}
        if outcome:
            evaluation["uitkomst"] = conversion.term_id("evaluaties[].uitkomst", outcome)
        if findings:
            evaluation["bevindingen"] = findings
        yield _cited(evaluation, source)


def measure_value(text: str, conversion: Conversion) -> Any:
    """A meetwaarde from a value as a partner writes it: 450, {waarde: 450, kwalificatie: ruim} or {van: 800,
    tot: 900}. Text that is no such value stays as it is, so validation explains it."""
    found = _MEASURE.fullmatch(" ".join(re.sub(r"€|\beuro\b", " ", text).split()))
    if found is None:
        return text
    low, high = _number(found.group("low")), _number(found.group("high")) if found.group("high") else None
    qualifier = (found.group("qualifier") or "").strip()
    value: dict[str, Any] = {"van": low, "tot": high} if high is not None else {"waarde": low}
    if qualifier and not (high is not None and qualifier.casefold() == "tussen"):
        value["kwalificatie"] = conversion.term_id("doelen[].indicatoren[].resultaat.kwalificatie", qualifier)
    return value["waarde"] if list(value) == ["waarde"] else value


def _number(text: str) -> int | float:
    """'1.800' -> 1800, '72,5' -> 72.5, '12.5' -> 12.5 (a dot before exactly three digits groups thousands)."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    number = float(text.replace(",", "."))
    return int(number) if number.is_integer() and "," not in text and "." not in text else number


def _pairs(answer: Answer, label: str, conversion: Conversion, kind: Kind,
           split: Callable[[str, str], tuple[str, str, str]]) -> Iterator[tuple[str, str]]:
    """The 'left: right' lines of an answer, both sides filled; any other line is reported as unreadable."""
    for line_number, line in answer_lines(answer):
        left, separator, right = split(line, ":")
        if not separator or not left.strip() or not right.strip():
            conversion.unreadable(label, line_number, line, kind)
            continue
        yield left.strip(), right.strip()


def _partners(answer: Answer, label: str, conversion: Conversion) -> Iterator[dict[str, Any]]:
    # The role is after the last colon: an organisation's name may hold one.
    for organisation, role in _pairs(answer, label, conversion, Kind.PARTNERS, str.rpartition):
        yield {"organisatie": organisation, "rol": conversion.term_id("partners[].rol", role)}


def _components(answer: Answer, label: str, conversion: Conversion) -> Iterator[dict[str, Any]]:
    for name, use in _pairs(answer, label, conversion, Kind.COMPONENTS, str.partition):
        yield {"id": conversion.term_id("werkzame_bestanddelen[].id", name), "toepassing": use}


def _sources(answer: Answer, label: str, conversion: Conversion) -> Iterator[dict[str, Any]]:
    used: dict[str, int] = {}
    for line_number, line in answer_lines(answer):
        parts = [part.strip() for part in line.split(";")]
        if len(parts) < 2 or len(parts) > 4 or not parts[0] or not parts[1]:
            conversion.unreadable(label, line_number, line, Kind.SOURCES)
            continue
        title, publisher, rest = parts[0], parts[1], [part for part in parts[2:] if part]
        date = next((part for part in rest if _DATE_LIKE.fullmatch(part)), None)
        url = next((part for part in rest if part != date), None)
        source: dict[str, Any] = {"id": _unique(slugify(title)[:SOURCE_ID_LENGTH].rstrip("-") or "bron", used),
                                  "titel": title, "uitgever": publisher,
                                  "datum": date.lower() if date else "onbekend"}
        if url:
            source["url"] = url
        yield source


def _unique(candidate: str, used: dict[str, int]) -> str:
    """``candidate``, or ``candidate-2``, ``-3``, ... when taken. ``used`` maps every id given out to the
    next number to try after it, so many sources with one title cost one step each, not one per earlier one."""
    result, number = candidate, used.get(candidate, 2)
    while result in used:
        suffix = f"-{number}"
        result, number = candidate[: SOURCE_ID_LENGTH - len(suffix)].rstrip("-") + suffix, number + 1
    used[candidate] = number
    used.setdefault(result, 2)
    return result


def case_data(answers: Mapping[str, Answer], elements: list[FormElement], conversion: Conversion,
              today: dt.date) -> dict[str, Any]:
    """The case as plain data, fields in schema order; empty optional answers are left out."""
    by_id = {element.id: element for element in elements if element.id}
    data: dict[str, Any] = {}
    for form_id, target in FORM_FIELDS.items():
        element = by_id.get(form_id)
        if element is None:
            continue
        answer = answers.get(element.label) or Answer(None, 1)
        if answer.text is None:
            default = _empty_value(target)
            if default is None:
                continue
            value = default
        else:
            value = convert(answer, element.label, target, conversion)
        _put(data, target.field, value)
    _cite_sources(data)
    data["id"] = slugify(" ".join(str(data.get("titel") or "").split()))
    data["laatst_beoordeeld"] = today.isoformat()
    ordered: dict[str, Any] = _in_schema_order(data, load_schema(CASE_SCHEMA))
    return ordered


def _cite_sources(data: dict[str, Any]) -> None:
    """Replace each 'bron N' number by the id of the N-th source; a number without such a source stays an id
    no source has ('bron-3'), so validation explains it (TB205)."""
    ids = [source.get("id") for source in data.get("bronnen", []) if isinstance(source, dict)]
    items = [indicator for goal in data.get("doelen", []) for indicator in goal["indicatoren"]]
    for item in [*items, *data.get("kosten", []), *data.get("evaluaties", [])]:
        number = item["bron"]
        item["bron"] = ids[number - 1] if 1 <= number <= len(ids) else f"bron-{number}"


def _empty_value(target: Target) -> Any:
    """What an unanswered question gives: a required field stays visibly empty (validation says what to
    fill in), 'periode.start' becomes 'onbekend', an optional field is left out."""
    if target.field == "periode.start":
        return "onbekend"
    if not _is_required(target.field):
        return None
    return [] if target.kind in (Kind.CHOICES, Kind.LIST, Kind.LINES, Kind.PARTNERS, Kind.COMPONENTS, Kind.SOURCES,
                                 Kind.GOALS, Kind.COSTS, Kind.EVALUATIONS) else ""


def _is_required(field: str) -> bool:
    parent, _, name = field.rpartition(".")
    node = schema_node(parent) if parent else load_schema(CASE_SCHEMA)
    return node is not None and name in node.get("required", [])


def _put(data: dict[str, Any], field: str, value: Any) -> None:
    *parents, name = field.split(".")
    for parent in parents:
        data = data.setdefault(parent, {})
    data[name] = value


def _in_schema_order(value: Any, node: Mapping[str, Any]) -> Any:
    root = load_schema(CASE_SCHEMA)
    node = resolve_ref(node, root)
    if isinstance(value, dict):
        order = list(node.get("properties", {}))
        keys = sorted(value, key=lambda key: order.index(key) if key in order else len(order))
        return {key: _in_schema_order(value[key], node.get("properties", {}).get(key, {})) for key in keys}
    if isinstance(value, list):
        return [_in_schema_order(item, node.get("items", {})) for item in value]
    return value


# --- Writing the file ----------------------------------------------------------------------------

class _CaseDumper(yaml.SafeDumper):
    """Block style, lists indented under their key, multi-line text as a literal block (|)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_CaseDumper.add_representer(str, _represent_text)


def case_text(data: Mapping[str, Any]) -> str:
    modeline = Template(CASE_TEMPLATE.read_text(encoding="utf-8").splitlines()[0]).substitute()
    header = [
        modeline,
        "#",
        "# Gemaakt met 'thuisbasis from-issue' uit een aanmelding via het formulier 'Casus aanmelden'.",
        "# Lees alles na, vul aan wat ontbreekt (zoals doelen met cijfers en bronnen) en controleer met:",
        f"#   thuisbasis validate cases/{data.get('id', '')}.yaml",
        "",
    ]
    body = yaml.dump(dict(data), Dumper=_CaseDumper, allow_unicode=True, sort_keys=False, width=1_000_000,
                     default_flow_style=False)
    return "\n".join(header) + body


@dataclass
class IssueResult:
    path: Path | None  # the case file written, or None when the body could not be read
    problems: list[Problem]


def case_from_issue(body_path: Path, raw: bytes, cases_dir: Path, registries: Mapping[str, Registry],
                    today: dt.date, form: Path = FORM) -> IssueResult:
    """Read an issue body and write the case file; the body's own problems stop before anything is written.

    Raises ``scaffold.ScaffoldError`` when no file name can be made from the title or the file exists.
    """
    text, problems = decode_text(body_path, raw)
    if text is None:
        return IssueResult(None, problems)
    elements = form_elements(form)
    answers, problems = read_answers(body_path, text, elements)
    if problems:
        return IssueResult(None, problems)
    conversion = Conversion(body_path, registries, [])
    data = case_data(answers, elements, conversion, today)
    if conversion.problems:
        return IssueResult(None, sorted(conversion.problems))
    path = new_case_path(str(data.get("titel") or ""), cases_dir)
    data["id"] = path.stem
    write_exclusively(path, case_text(data))
    return IssueResult(path, [])


def run(arguments: argparse.Namespace) -> int:
    from thuisbasis.commands.new import ScaffoldError
    from thuisbasis.loading import MAX_BYTES, read_source
    from thuisbasis.model.registries import registry_paths
    from thuisbasis.validation import Report, validate_paths, validate_registries

    if arguments.body == "-":
        body_path, raw = STDIN, sys.stdin.buffer.read(MAX_BYTES + 1)  # decode_text refuses more than MAX_BYTES
    else:
        body_path = Path(arguments.body)
        if not os.path.lexists(body_path):
            return usage_error(f"'{body_path}' bestaat niet")
        body, unreadable = read_source(body_path)
        if body is None:
            print_problems(unreadable)
            return 1
        raw = body
    registries = Report()
    validate_registries(registries, registry_paths())
    try:
        result = case_from_issue(body_path, raw, arguments.cases_dir, registries.registries,
                                 arguments.today or dt.date.today())
    except FormError as error:
        print_problems([error.problem])
        return 1
    except ScaffoldError as error:
        print(f"thuisbasis from-issue: {printable(str(error))}", file=sys.stderr)
        return 1
    if result.path is None:
        print_problems(result.problems)
        print(f"Thuisbasis: de aanmelding is niet omgezet; er is geen bestand gemaakt ({len(result.problems)} "
              f"{'probleem' if len(result.problems) == 1 else 'problemen'}).")
        return 1
    print(f"Nieuwe casus: {display_path(result.path)}")
    report = validate_paths([result.path], today=arguments.today)
    print_problems(report.problems)
    print(report.summary())
    print(f"Lees het bestand na, vul aan wat ontbreekt en controleer met: thuisbasis validate {display_path(result.path)}")
    return 0 if report.ok else 1
