"""Privacy lint: personal data in the text of a case, found before it reaches a public site.

Each check is a small generator over one text value that yields ``Finding``s (a code, where in the
text, and what to fill into the Dutch message). ``validation.rules.check_personal_data`` runs every
check on every text value of a case and turns the findings into problems at the exact line and
column. Severities live with the codes in problems.py: a mobile number (TB401), a personal e-mail
address (TB402) and a titled name (TB405) are warnings for the reviewer; a number that passes the BSN
eleven-test (TB403) and an IBAN (TB404) are errors, because they are personal data whatever the context.

What passes on purpose: gemeentelijke 14 0xx-nummers and other non-mobile numbers of organisations,
e-mail addresses on the allowlist (data/email-allowlist.yaml), "de heer" without a capitalised name
after it, and anything inside a web address (long numbers in URLs are document ids, not BSNs).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from thuisbasis.data import EMAIL_ALLOWLIST

DEFAULT_REGION = "NL"  # numbers without +country are read as Dutch


@dataclass(frozen=True)
class Finding:
    """One spot in a text: ``text[start:end]`` is what the message with ``code`` is about."""

    code: str
    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)


Check = Callable[[str], Iterator[Finding]]

# http(s) addresses are blanked out before the checks run (same length, so offsets stay right).
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.IGNORECASE)


def without_urls(text: str) -> str:
    if "://" not in text:  # every web address has it; most texts have none
        return text
    return _URL.sub(lambda match: " " * len(match.group()), text)


# --- Phone numbers -------------------------------------------------------------------------------

_MIGHT_BE_A_NUMBER = re.compile(r"\d[\d\s().\-/]{6,}\d")
# A text that is only a date such as 2025-06-30 holds no phone number: its eight digits, read as a Dutch
# number (no 0 or + in front), start with 1 or 2, and no Dutch number of eight digits does
# (tests/test_privacy.py checks this against libphonenumber's matcher).
_ONLY_A_DATE = re.compile(r"[12]\d{3}-[01]\d-[0-3]\d")


def _phone_matches(text: str) -> Iterator[phonenumbers.PhoneNumberMatch]:
    if not _MIGHT_BE_A_NUMBER.search(text):  # libphonenumber's matcher is slow; most texts have no number
        return
    if _ONLY_A_DATE.fullmatch(text):
        return
    yield from PhoneNumberMatcher(text, DEFAULT_REGION, leniency=Leniency.VALID)


def find_mobile_numbers(text: str) -> Iterator[Finding]:
    """Mobile numbers (06, +31 6, and mobile numbers of other countries). 14 030, 088, 0800, 030 pass."""
    for match in _phone_matches(text):
        if phonenumbers.number_type(match.number) == PhoneNumberType.MOBILE:
            yield Finding("TB401", match.start, match.end, {"value": match.raw_string})


# --- E-mail addresses ----------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])(?P<local>[\w.+-]+)@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


@dataclass(frozen=True)
class EmailAllowlist:
    local_parts: frozenset[str]
    domains: frozenset[str]

    def allows(self, local: str, domain: str) -> bool:
        domain = domain.lower()
        return local.lower() in self.local_parts or any(
            domain == allowed or domain.endswith("." + allowed) for allowed in self.domains
        )


@functools.cache
def email_allowlist(path: Path = EMAIL_ALLOWLIST) -> EmailAllowlist:
    """The allowlist file, read with the project's safe loader. A broken file is a bug: it raises."""
    from thuisbasis.loading import load_document

    document, problems = load_document(path)
    if problems or not isinstance(document.data, dict):
        raise ValueError(f"{path}: {problems[0].message if problems else 'geen groep velden'}")
    return EmailAllowlist(
        local_parts=frozenset(str(item).lower() for item in document.data.get("generic_local_parts") or []),
        domains=frozenset(str(item).lower() for item in document.data.get("organisational_domains") or []),
    )


def find_personal_emails(text: str) -> Iterator[Finding]:
    """E-mail addresses that are not on the allowlist of organisational addresses."""
    allowlist = email_allowlist()
    for match in _EMAIL.finditer(text):
        local, domain = match.group("local").strip("."), match.group("domain")
        if local and not allowlist.allows(local, domain):
            yield Finding("TB402", match.start(), match.end(), {"value": match.group()})


# --- Burgerservicenummers ------------------------------------------------------------------------

# Nine digits in a row, or as 1234.56.789 / 1234 56 789. Not 123.456.789: that is how Dutch writes an
# amount. Not part of a longer number, a decimal or a word.
_BSN = re.compile(r"(?<![\w.,+/-])(\d{9}|\d{4}([. ])\d{2}\2\d{3})(?![\w]|[.,/-]\d)")
_CURRENCY = re.compile(r"(€|EUR|euro)\s*$", re.IGNORECASE)


def find_bsn_numbers(text: str) -> Iterator[Finding]:
    """Nine-digit numbers that pass the BSN eleven-test (about one in eleven random numbers does)."""
    phone_spans: list[tuple[int, int]] | None = None  # only looked up when a number passes the test
    for match in _BSN.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if int(digits) == 0 or not stdnum_bsn.is_valid(digits):
            continue
        if _CURRENCY.search(text[max(0, match.start() - 6): match.start()]):
            continue
        if phone_spans is None:
            phone_spans = [(found.start, found.end) for found in _phone_matches(text)]
        if any(start < match.end() and match.start() < end for start, end in phone_spans):
            continue  # a phone number: TB401 says what it is
        yield Finding("TB403", match.start(), match.end())


# --- IBANs ---------------------------------------------------------------------------------------

_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}")


def find_ibans(text: str) -> Iterator[Finding]:
    """Bank account numbers with a valid IBAN checksum, with or without spaces in groups of four."""
    for match in _IBAN.finditer(text):
        end = _longest_valid_iban(match.group())
        if end:
            yield Finding("TB404", match.start(), match.start() + end)


def _longest_valid_iban(candidate: str) -> int:
    """How many characters of ``candidate`` form a valid IBAN (0: none). Text may follow it."""
    for end in range(len(candidate), 14, -1):
        if candidate[end - 1] != " " and stdnum_iban.is_valid(candidate[:end]):
            return end
    return 0


# --- Names after a title -------------------------------------------------------------------------

# Forms of address. The full words take no dot (so "een mevrouw. Zij ..." is not a title followed by
# a name); the abbreviations may have one. Only the first letter may be a capital: "MW" is megawatt.
_TITLE = (r"(?:[Mm]evrouw|[Mm]eneer|[Mm]ijnheer|[Dd]e [Hh]eer|[Ff]amilie"
          r"|(?:[Mm]evr|[Mm]vr|[Mm]w|[Dd]hr)\.?|[Hh]r\.|[Ff]am\.)")
_PARTICLE = r"(?:[Vv]an|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en|[Tt]e|[Ii]n|'t|[Hh]et|[Ee]l|[Aa]l|[Ll]a|[Ll]e|[Dd]u|[Dd]a|[Vv]on|[Oo]p|[Bb]en|[Bb]in)"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
_TITLED_NAME = re.compile(
    rf"(?<![\w.])(?P<title>{_TITLE})[ \t\n]+(?P<name>(?:{_INITIALS}[ \t\n]*)?(?:{_PARTICLE}[ \t\n]+)*(?P<surname>[^\W\d_][\w'’-]+))"
)


def find_titled_names(text: str) -> Iterator[Finding]:
    """'mevrouw Jansen', 'de heer Pietersen', 'dhr. De Vries', 'mw. El Amrani', 'familie Yilmaz'."""
    for match in _TITLED_NAME.finditer(text):
        if match.group("surname")[0].isupper():
            yield Finding("TB405", match.start(), match.end(), {"value": " ".join(match.group().split())})


CHECKS: tuple[Check, ...] = (
    find_mobile_numbers,
    find_personal_emails,
    find_bsn_numbers,
    find_ibans,
    find_titled_names,
)


_SEPARATOR = "\x00"  # never in a loaded text (refused as a control character); no pattern here matches it
_DIGITS = re.compile(r"\d+")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
# Every form of address in _TITLE, lower-cased ("mevr" also stands for "mevrouw"); then the texts that
# may hold one are found with a pattern that matches wherever _TITLE does.
_TITLE_WORDS = ("mevr", "meneer", "mijnheer", "de heer", "familie", "mvr", "mw", "dhr", "hr.", "fam.")
_MIGHT_BE_A_TITLE = re.compile(r"[MmDdHhFf](?:evr|eneer|ijnheer|e [Hh]eer|amilie|vr|w|hr|r\.|am\.)")


def find_personal_data(text: str) -> Iterator[Finding]:
    """Every finding of every check in ``text``, in the order of the checks."""
    visible = without_urls(text)
    for check in CHECKS:
        yield from check(visible)


def find_personal_data_in_texts(texts: Sequence[str]) -> Iterator[tuple[int, Finding]]:
    """``(index, finding)`` for every finding in ``texts``: the same findings, in the same order, as
    ``find_personal_data`` on each text in turn.

    Faster for the many short texts of a document: cheap patterns run once over all texts joined, and
    each check runs only on the texts where it could find something (``_candidates``).
    """
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):  # a text holds the separator itself
        for index, text in enumerate(texts):
            yield from ((index, finding) for finding in find_personal_data(text))
        return
    visible = texts
    if "://" in joined:  # blanking keeps every length, so the joined text keeps its separators in place
        visible = [without_urls(text) for text in texts]
        joined = _SEPARATOR.join(visible)
    candidates = _candidates(joined)
    for index in sorted(set().union(*candidates.values())):
        for check in CHECKS:
            if index in candidates[check]:
                yield from ((index, finding) for finding in check(visible[index]))


def _candidates(joined: str) -> dict[Check, set[int]]:
    """For each check, the indexes of the texts in which it could find something (a superset).

    A mobile number has digits; a BSN has four digits in a row; an IBAN has two digits after two
    capitals; an e-mail address has an @; a titled name has a form of address.
    """
    with_digits, four_digits, iban_starts = set(), set(), set()
    for index, match in _with_text_index(_DIGITS, joined):
        with_digits.add(index)
        length = match.end() - match.start()
        if length >= 4:
            four_digits.add(index)
        if length >= 2 and _TWO_CAPITALS.fullmatch(joined, max(match.start() - 2, 0), match.start()):
            iban_starts.add(index)
    lowered = joined.lower()
    titles = ({index for index, _ in _with_text_index(_MIGHT_BE_A_TITLE, joined)}
              if any(word in lowered for word in _TITLE_WORDS) else set())
    emails = {index for index, _ in _with_text_index(_AT, joined)} if "@" in joined else set()
    return {find_mobile_numbers: with_digits, find_personal_emails: emails, find_bsn_numbers: four_digits,
            find_ibans: iban_starts, find_titled_names: titles}


_AT = re.compile("@")


def _with_text_index(pattern: re.Pattern[str], joined: str) -> Iterator[tuple[int, re.Match[str]]]:
    """Each match of ``pattern`` with the index of the text it is in (a match never spans a separator)."""
    index, counted_to = 0, 0
    for match in pattern.finditer(joined):
        index += joined.count(_SEPARATOR, counted_to, match.start())
        counted_to = match.start()
        yield index, match
