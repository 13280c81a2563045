"""Schema checks: run the JSON Schema and turn each error into a Dutch problem at the right line."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Hashable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import fastjsonschema

from thuisbasis.loading import EMOJI_TAG_SEQUENCE, Document, FieldPath, is_too_large_number
from thuisbasis.model.registries import Registry
from thuisbasis.problems import Problem, counted, number_text, problem
from thuisbasis.schemas import resolve_ref, singular_names

if TYPE_CHECKING:  # jsonschema is imported when a file is not valid (``validator_for``): most runs never need it
    from jsonschema.exceptions import ValidationError

_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
EXPECTED_TYPES = {
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "array": "een lijst",
    "object": "een groep velden",
}


def is_date(value: object) -> bool:
    if isinstance(value, str):
        dt.date.fromisoformat(value)
    return True


def is_partial_date(value: object) -> bool:
    if isinstance(value, str) and value != "onbekend":
        parse_partial_date(value)
    return True


# What a label (a title, a name: schema ``format: label``) may not hold, beyond what no file may hold
# (loading.py): format characters such as U+200B, U+2060 or U+00AD (but the zero-width joiner, which
# emoji sequences need), private use characters, and letters that look like nothing (Hangul fillers, the
# blank Braille pattern, the combining grapheme joiner).
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Co"})
_INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u2800\u3164\uffa0")
_ZERO_WIDTH_JOINER = "\u200d"
_EMOJI_TAG_SEQUENCES = re.compile(EMOJI_TAG_SEQUENCE)


def invisible_character(text: str) -> str | None:
    """The first character in ``text`` that a label may not hold, or None."""
    if text.isascii():
        return None  # controls are refused file-wide; every other ASCII character shows
    for character in _EMOJI_TAG_SEQUENCES.sub("", text):
        if character in _INVISIBLE_LETTERS or (
            character != _ZERO_WIDTH_JOINER and unicodedata.category(character) in _INVISIBLE_CATEGORIES
        ):
            return character
    return None


def is_label(value: object) -> bool:
    if isinstance(value, str) and invisible_character(value) is not None:
        raise ValueError(value)
    return True


FORMATS = {"date": is_date, "partial-date": is_partial_date, "label": is_label}  # each raises ValueError on a bad value


def parse_partial_date(value: str) -> tuple[int, ...]:
    """'2024', '2024-03' or '2024-03-01' as a tuple of the parts given; raises ValueError if no such date."""
    match = _PARTIAL_DATE.fullmatch(value)
    if not match:
        raise ValueError(value)
    parts = tuple(int(part) for part in match.groups() if part is not None)
    year, month, day = (*parts, 1, 1)[:3]
    dt.date(year, month, day)
    return parts


def canonical(value: Any) -> Hashable:
    """A hashable form of a JSON value; two values have the same form exactly when JSON Schema calls them
    equal (1 and 1.0 are, true and 1 are not, the order of keys does not count)."""
    if isinstance(value, dict):
        return "object", frozenset((key, canonical(item)) for key, item in value.items())
    if isinstance(value, list):
        return "array", tuple(canonical(item) for item in value)
    if isinstance(value, bool):
        return "boolean", value
    if isinstance(value, int | float):
        return "number", value
    return "other", value


def first_repeat(items: Sequence[Any]) -> int | None:
    """The index of the first item equal to an earlier one, or None; linear in the size of ``items``."""
    seen: set[Hashable] = set()
    for index, item in enumerate(items):
        form = canonical(item)
        if form in seen:
            return index
        seen.add(form)
    return None


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``uniqueItems`` in linear time: jsonschema's own compares every pair of items it cannot sort."""
    from jsonschema.exceptions import ValidationError

    if unique and validator.is_type(instance, "array") and first_repeat(instance) is not None:
        yield ValidationError("has non-unique elements")


def _items_up_to_max(validator: Any, items: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """``items``, but in a list longer than its ``maxItems`` only the first ``maxItems`` are checked: the
    list is reported once as too long, not once for every item past the limit."""
    limit = schema.get("maxItems")
    if isinstance(limit, int) and validator.is_type(instance, "array") and len(instance) > limit:
        instance = instance[:limit]
    yield from _draft7_items()(validator, items, instance, schema)


@functools.cache
def _draft7_items() -> Any:
    from jsonschema import Draft7Validator

    return Draft7Validator.VALIDATORS["items"]


def _instance_and_value(error: ValidationError) -> tuple[Any, Any]:
    """The value that failed and the schema keyword's value (typed ``Any | Unset`` by jsonschema's stubs)."""
    instance: Any = error.instance
    keyword_value: Any = error.validator_value
    return instance, keyword_value


@functools.cache
def _bounded_validator() -> Any:
    """Draft 7 with linear ``uniqueItems`` and ``items`` up to ``maxItems``, and our formats."""
    from jsonschema import Draft7Validator, FormatChecker, validators

    format_checker = FormatChecker(formats=())
    for name, check in FORMATS.items():
        format_checker.checks(name, raises=ValueError)(check)
    extended = validators.extend(Draft7Validator, {"uniqueItems": _unique_items, "items": _items_up_to_max})
    return functools.partial(extended, format_checker=format_checker)


_VALIDATORS: dict[int, tuple[Mapping[str, Any], Any]] = {}


def validator_for(schema: Mapping[str, Any]) -> Any:
    """One validator per schema object (building one is costly when thousands of files are checked)."""
    cached = _VALIDATORS.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = (schema, _bounded_validator()(schema))
        _VALIDATORS[id(schema)] = cached
    return cached[1]


def _format_test(check: Any) -> Any:
    """A check of FORMATS (raises ValueError on a bad value) as the True/False test fastjsonschema wants."""

    def test(value: object) -> bool:
        try:
            return bool(check(value))
        except ValueError:
            return False

    return test


_FAST_FORMATS = {name: _format_test(check) for name, check in FORMATS.items()}
_COMPILED: dict[int, tuple[Mapping[str, Any], Any]] = {}


def compiled_check_for(schema: Mapping[str, Any]) -> Any:
    """A compiled (fastjsonschema) check of ``schema``: about ten times faster than jsonschema.

    It only answers "valid or not". Valid documents stop there; the rest go through jsonschema, which
    produces the errors we turn into messages. So the messages are exactly jsonschema's, and the
    compiled check only has to never call an invalid document valid (a stricter check costs time, not
    correctness): see tests/test_validation_schema.py, which runs every case through both.
    """
    cached = _COMPILED.get(id(schema))
    if cached is None or cached[0] is not schema:
        # Without detailed exceptions: only "valid or not" counts here, and compiling is four times faster.
        cached = (schema, fastjsonschema.compile(_for_fastjsonschema(schema), formats=_FAST_FORMATS, use_default=False,
                                                 detailed_exceptions=False))
        _COMPILED[id(schema)] = cached
    return cached[1]


def _for_fastjsonschema(node: Any, root: Mapping[str, Any] | None = None, inlining: tuple[str, ...] = ()) -> Any:
    """A copy of the schema that fastjsonschema reads as jsonschema does, and checks faster.

    fastjsonschema rewrites every ``$`` in a pattern to ``\\Z``, also inside a character class, where
    that is not valid (the url pattern's ``[^\\s/$.?#]``); there a literal ``$`` is written ``\\x24``.
    A local ``$ref`` is replaced by the definition it points to, as draft-07 reads it (other keywords
    beside a ``$ref`` do not count): fastjsonschema calls a function for each ``$ref`` and builds the
    name of the place in the data for it every time, even when nothing is wrong.
    """
    root = node if root is None else root
    if isinstance(node, Mapping):
        reference = node.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/") and reference not in inlining:
            return _for_fastjsonschema(resolve_ref(node, root), root, (*inlining, reference))
        return {key: _class_dollars(value) if key == "pattern" and isinstance(value, str)
                else _for_fastjsonschema(value, root, inlining) for key, value in node.items()}
    if isinstance(node, list):
        return [_for_fastjsonschema(item, root, inlining) for item in node]
    return node


def _class_dollars(pattern: str) -> str:
    out, in_class, escaped = [], False, False
    for character in pattern:
        if escaped:
            out.append(character)
            escaped = False
        elif character == "\\":
            out.append(character)
            escaped = True
        elif character == "[" and not in_class:
            in_class = True
            out.append(character)
        elif character == "]" and in_class:
            in_class = False
            out.append(character)
        else:
            out.append("\\x24" if character == "$" and in_class else character)
    return "".join(out)


def is_valid_fast(document_data: Any, schema: Mapping[str, Any]) -> bool:
    try:
        compiled_check_for(schema)(document_data)
    except fastjsonschema.JsonSchemaException:
        return False
    except Exception:  # noqa: BLE001 - anything unexpected: let jsonschema decide
        return False
    return True


def field_name(path: FieldPath) -> str:
    """('doelen', 0, 'indicatoren', 1, 'eenheid') -> 'doelen[1].indicatoren[2].eenheid' (counting from 1)."""
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "de casus"


def place(path: FieldPath) -> str:
    """Where ``path`` is, in words first and then as the technical path, for partners who do not program:

    ('doelen', 0, 'indicatoren', 1) -> "doel 1, indicator 2 ('doelen[1].indicatoren[2]')";
    ('partners', 2, 'rol') -> "'rol' bij partner 3 ('partners[3].rol')"; ('locatie', 'provincie') ->
    "'locatie.provincie'"; () -> "het bestand". Each list item is named by the singular of its list in the
    schemas (``singular_names``); this is the ``{place}`` field of the messages in problems.py."""
    if not path:
        return "het bestand"
    items, last = _items_in_words(path)
    technical = field_name(path)
    if not items:
        return f"'{technical}'"
    words = ", ".join(items)
    rest = path[last + 1:]
    return f"'{field_name(rest)}' bij {words} ('{technical}')" if rest else f"{words} ('{technical}')"


def _items_in_words(path: FieldPath) -> tuple[list[str], int]:
    """"doel 1", "indicator 2", ... for each list item on ``path``, and the index in ``path`` of the last one."""
    names, words, last, key = singular_names(), [], -1, ""
    for index, part in enumerate(path):
        if isinstance(part, int):
            singular = names.get(key)
            words.append(f"{singular} {part + 1}" if singular else f"item {part + 1} van '{key}'")
            last = index
        else:
            key = part
    return words, last


def coerce_plain_scalars(document: Document, schema: Mapping[str, Any]) -> None:
    """Where the schema wants text and the file has a plain number or boolean, keep the exact text.

    ``datum: 2016`` or ``wijk: 1234`` then mean what the writer typed; a number where a number is
    wanted stays a number. Nothing else is retyped. Only the values the loader typed (the paths in
    ``plain_texts``) can change, so only their paths are followed through the schema.
    """
    for path, text in document.plain_texts.items():
        _coerce_at(document, path, text, schema)


def _coerce_at(document: Document, path: FieldPath, text: str, root: Mapping[str, Any]) -> None:
    """Put ``text`` back at ``path`` if the schema (followed by properties and items) wants text there."""
    node, parent, value = resolve_ref(root, root), None, document.data
    for part in path:
        if isinstance(value, dict) and part in node.get("properties", {}):
            node = node["properties"][part]
        elif isinstance(value, list) and "items" in node:
            node = node["items"]
        else:
            return
        parent, value = value, value[part]
        node = resolve_ref(node, root)
    if node.get("type") == "string" and isinstance(value, int | float):
        if parent is None:
            document.data = text
        else:
            parent[path[-1]] = text


def schema_problems(
    document: Document, schema: Mapping[str, Any], registries: Mapping[str, Registry]
) -> Iterator[Problem]:
    """Every schema error in ``document`` as a Dutch problem, without repeats for one value."""
    if is_valid_fast(document.data, schema):
        return
    errors = sorted(validator_for(schema).iter_errors(document.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    seen: set[Problem] = set()  # jsonschema repeats 'required' once per missing field
    for error in _without_repeats(errors):
        if not holds_after_a_cut(error, document.open_ends):
            continue
        for found in _to_problems(error, document, schema, registries):
            if found not in seen:  # one at a time: a caller that has enough stops the work (documents.at_most)
                seen.add(found)
                yield found


# What the schema can say about a value that may go on after a cut (a document read up to a syntax
# error): the fields it has that do not exist, and its type (a group stays a group).
_TRUE_OF_AN_OPEN_VALUE = frozenset({"additionalProperties", "type"})


def holds_after_a_cut(error: ValidationError, open_ends: tuple[FieldPath, ...]) -> bool:
    """Whether ``error`` holds for the whole file when the document is only the part before a syntax error:
    not when it is about a value that may go on after the cut (one of ``open_ends``: a missing field, too
    few items), and nothing about the last of them, which may be cut short."""
    if not open_ends:
        return True
    path = tuple(error.absolute_path)
    if path == open_ends[-1]:
        return False
    return path not in open_ends or error.validator in _TRUE_OF_AN_OPEN_VALUE


def _without_repeats(errors: list[ValidationError]) -> Iterator[ValidationError]:
    """A wrong type says it all for that value; a wrong pattern makes the format error redundant."""
    by_path: dict[tuple[Any, ...], set[str]] = {}
    for error in errors:
        by_path.setdefault(tuple(error.absolute_path), set()).add(str(error.validator))
    for error in errors:
        keywords = by_path[tuple(error.absolute_path)]
        if error.validator != "type" and "type" in keywords:
            continue
        if error.validator == "format" and "pattern" in keywords:
            continue
        yield error


def _to_problems(
    error: ValidationError, document: Document, root: Mapping[str, Any], registries: Mapping[str, Registry]
) -> Iterator[Problem]:
    path: FieldPath = tuple(error.absolute_path)
    field = place(path)
    keyword = error.validator
    instance, keyword_value = _instance_and_value(error)
    node = error.schema if isinstance(error.schema, Mapping) else {}
    here = document.position_of(path)
    if instance == "" and keyword in ("minLength", "enum", "pattern"):
        yield problem("TB112", document.path, here, place=field, hint=empty_hint(node, registries))
    elif keyword == "required":
        for missing in keyword_value:
            if isinstance(instance, dict) and missing not in instance:
                yield problem("TB101", document.path, here, field=missing,
                              where=_where(path), hint=_describe(node.get("properties", {}).get(missing, {}), root))
    elif keyword == "additionalProperties":
        allowed = list(node.get("properties", {}))
        for extra in instance:
            if extra not in allowed:
                yield problem("TB102", document.path, document.key_position_of((*path, extra)), field=extra,
                              where=_where(path), suggestion=suggest(extra, allowed), allowed=", ".join(allowed))
    elif keyword == "type" and _is_too_large_number(error):
        yield problem("TB113", document.path, here, place=field, value=_shortened_number(instance),
                      expected=_range_of(node))
    elif keyword == "type":
        yield problem("TB103", document.path, here, place=field, expected=_expected(keyword_value),
                      actual=describe_value(instance), hint=type_hint(keyword_value, instance))
    elif keyword == "enum":
        yield _enum_problem(error, document, field, node, registries)
    elif keyword in ("minLength", "maxLength"):
        limit = "minimaal" if keyword == "minLength" else "maximaal"
        yield problem("TB105", document.path, here, place=field, actual=counted(len(instance), "teken", "tekens"),
                      expected=f"{limit} {keyword_value} tekens")
    elif keyword == "pattern":
        yield problem("TB106", document.path, here, place=field, value=instance,
                      hint=date_hint(instance, keyword_value) + node.get("description", ""))
    elif keyword == "format" and keyword_value == "label":
        character = invisible_character(instance) or ""
        yield problem("TB114", document.path, here, place=field, character=f"U+{ord(character):04X}")
    elif keyword == "format":
        yield problem("TB107", document.path, here, place=field, value=instance)
    elif keyword in ("minimum", "maximum"):
        bound = "minstens" if keyword == "minimum" else "hoogstens"
        yield problem("TB108", document.path, here, place=field, value=_number_as_written(document, path, instance),
                      expected=f"het moet {bound} {number_text(keyword_value)} zijn")
    elif keyword == "minItems":
        detail = "is een lege lijst" if not instance else f"heeft {len(instance)} item(s)"
        yield problem("TB109", document.path, here, place=field, detail=f"{detail}; er moet minstens {keyword_value} in staan")
    elif keyword == "maxItems":
        yield problem("TB109", document.path, here, place=field,
                      detail=f"heeft {len(instance)} items; er mogen er hoogstens {keyword_value} in staan")
    elif keyword == "uniqueItems":
        index = first_repeat(instance) or 0
        yield problem("TB109", document.path, document.position_of((*path, index)), place=field,
                      detail=f"noemt '{instance[index]}' meer dan eens; laat de herhaling weg")
    elif keyword == "dependencies":
        yield from _dependency_problems(error, document, path, node, root)
    elif keyword == "minProperties":
        yield problem("TB111", document.path, here, place=field)
    else:
        yield problem("TB199", document.path, here, place=field, detail=error.message)


def _is_too_large_number(error: ValidationError) -> bool:
    """A number the loader left as text because no field could hold it (1.0e999, 5,000 digits)."""
    wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return ("number" in wanted or "integer" in wanted) and isinstance(error.instance, str) and is_too_large_number(error.instance)


def _number_as_written(document: Document, path: FieldPath, value: object) -> str:
    """A number the Dutch way (2,5), but a long one as the file says it (``1.5e300``, not its 301 digits)."""
    shown = number_text(value)
    return shown if len(shown) <= _SHOWN_DIGITS else _shortened_number(document.plain_texts.get(path) or shown)


_SHOWN_DIGITS = 32


def _shortened_number(text: str) -> str:
    return text if len(text) <= _SHOWN_DIGITS else f"{text[:12]}… ({len(text)} tekens)"


def _range_of(node: Mapping[str, Any]) -> str:
    if "minimum" in node and "maximum" in node:
        return f"Het moet tussen {number_text(node['minimum'])} en {number_text(node['maximum'])} liggen"
    return "Schrijf een getal met minder cijfers"


def empty_hint(node: Mapping[str, Any], registries: Mapping[str, Registry]) -> str:
    """What to fill in where a value is still empty: the registry's choices, else the field's description.
    Public, like the other hints here, because the casus-wizard (render/wizard.py) ships their words."""
    registry = registries.get(node.get("x-registry", ""))
    if registry is not None:
        return f"Kies uit: {registry.labelled()}."
    return str(node.get("description", ""))


def _where(path: FieldPath) -> str:
    return f" in {place(path)}" if path else ""


def _describe(node: Mapping[str, Any], root: Mapping[str, Any]) -> str:
    title = node.get("title") or resolve_ref(node, root).get("title", "")
    description = node.get("description") or resolve_ref(node, root).get("description", "")
    return f"{title}: {description}" if title and description else description or title


def suggest(value: str, options: list[str]) -> str:
    """" Bedoelde je 'titel'?" for the closest option, or nothing."""
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.75)
    return f" Bedoelde je '{close[0]}'?" if close else ""


def _expected(expected: str | list[str]) -> str:
    if isinstance(expected, list):
        return " of ".join(EXPECTED_TYPES.get(item, item) for item in expected)
    return EXPECTED_TYPES.get(expected, expected)


def describe_value(value: Any) -> str:
    """A value as a message names it: 'leeg', "de tekst '1,5'", 'het getal 7', ..."""
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return f"de waarde {'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"het getal {number_text(value)}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"de tekst '{shown}'"
    if isinstance(value, list):
        return "een lijst"
    return "een groep velden"


_DECIMAL_COMMA = re.compile(r"-?\d+,\d+")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})[-/.](?P<month>\d{1,2})[-/.](?P<year>\d{4})")


def date_hint(value: object, pattern: object) -> str:
    """'12-03-2024' where a date is wanted: 'Bedoel je 2024-03-12?' (when that form fits the field)."""
    found = _DAY_FIRST.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None or not isinstance(pattern, str):
        return ""
    iso = f"{found['year']}-{int(found['month']):02d}-{int(found['day']):02d}"
    if not re.search(pattern, iso):
        return ""
    return f"Bedoel je {iso}? Schrijf een datum als jaar-maand-dag. "


def type_hint(expected: str | list[str], value: Any) -> str:
    """What to write instead of a value of the wrong kind ('gebruik een punt: 1.5', ...), or nothing."""
    wanted = expected if isinstance(expected, list) else [expected]
    if value is None:
        return " Vul een waarde in of laat het veld weg als het niet verplicht is."
    if ("number" in wanted or "integer" in wanted) and isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value.strip()):
        return f" Gebruik een punt voor een decimaal getal: {value.strip().replace(',', '.')}."
    if wanted == ["number", "object"]:  # a meetwaarde
        return (" Schrijf een getal zonder eenheid, zoals 450 of 12.5. Zegt de bron 'ruim 450' of 'tussen 800 en 900',"
                " schrijf dan {waarde: 450, kwalificatie: ruim} of {van: 800, tot: 900}.")
    if ("number" in wanted or "integer" in wanted) and isinstance(value, str):
        return " Schrijf alleen een getal, zonder aanhalingstekens en zonder eenheid, zoals 450 of 12.5."
    if "integer" in wanted and isinstance(value, float):
        return " Schrijf een heel getal, zonder komma of punt."
    if "boolean" in wanted:
        return " Schrijf true of false (ja, nee, yes of no tellen niet)."
    if "array" in wanted:
        return " Schrijf een lijst: elk item op een eigen regel, beginnend met '- '."
    if "string" in wanted and isinstance(value, dict):
        return " Staat er een dubbele punt met een spatie in de tekst? Zet de tekst dan tussen aanhalingstekens."
    if "object" in wanted:
        return " Schrijf de onderdelen op eigen regels eronder, ingesprongen, als 'veld: waarde'."
    return ""


def _enum_problem(
    error: ValidationError, document: Document, field: str, node: Mapping[str, Any], registries: Mapping[str, Registry]
) -> Problem:
    value = error.instance
    registry = registries.get(node.get("x-registry", ""))
    if registry is not None:
        options = registry.ids()
        labels = {term.label.lower(): term.id for term in registry.terms}
        allowed, name = registry.labelled(), f"'{registry.title}'"
    else:
        options, labels = [str(option) for option in _instance_and_value(error)[1]], {}
        allowed, name = ", ".join(options), "van dit veld"
    text = str(value)
    by_label = labels.get(text.lower())
    suggestion = f" Bedoelde je '{by_label}'?" if by_label else suggest(text.lower().replace(" ", "-"), options)
    return problem("TB104", document.path, document.position_of(tuple(error.absolute_path)), place=field,
                   value=text, registry=name, suggestion=suggestion, allowed=allowed)


def _dependency_problems(
    error: ValidationError, document: Document, path: FieldPath, node: Mapping[str, Any], root: Mapping[str, Any]
) -> Iterator[Problem]:
    failed, dependencies = _instance_and_value(error)
    instance = failed if isinstance(failed, dict) else {}
    for present, needed in dependencies.items():
        if present not in instance:
            continue
        for missing in needed:
            if missing not in instance:
                yield problem("TB110", document.path, document.key_position_of((*path, present)),
                              place=place(path), present=present, missing=missing,
                              hint=_describe(node.get("properties", {}).get(missing, {}), root))
