"""Privacy lint: personal data in any text that reaches the public site, found before it gets there.

Each check is a small generator over one text value that yields ``Finding``s (a code, where in the
text, and what to fill into the Dutch message). ``validation.rules.check_personal_data`` runs every
check on every text value of a case, a checklist or a registry and turns the findings into problems at
the exact line and column. Severities live with the codes in problems.py: a mobile number (TB401), a
personal e-mail address (TB402) and a name of a person (TB405: after a form of address, or after a word
such as "bewoner") are warnings for the reviewer; a number that passes the BSN eleven-test (TB403) and
an IBAN (TB404) are errors, because they are personal data whatever the context.

What passes on purpose: gemeentelijke 14 0xx-nummers and other non-mobile numbers of organisations,
e-mail addresses on the allowlist (data/email-allowlist.yaml), KvK and RSIN numbers, dates, "de heer"
without a capitalised name after it, names of organisations and places, and anything inside a web
address (long numbers in URLs are document ids, not BSNs).

Bounded: one file gets at most ``Limits.findings_per_kind`` findings of each kind (the rest is counted in
one TB406 message), and the two slow libraries get a budget per file (``Budget``): libphonenumber, which
takes about a millisecond per number, reads at most ``Limits.phone_digit_groups`` groups of digits
(numbers after that are counted in one TB407 message), and python-stdnum checks the country format of at
most ``Limits.iban_checks`` IBANs (after that a right checksum is enough), so a file full of personal
data is checked in well under a second.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher, PhoneNumberType

from thuisbasis.data import EMAIL_ALLOWLIST
from thuisbasis.problems import CODES

DEFAULT_REGION = "NL"  # numbers without +country are read as Dutch


@dataclass(frozen=True)
class Finding:
    """One spot in a text: ``text[start:end]`` is what the message with ``code`` is about."""

    code: str
    start: int
    end: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Limits:
    """How much one file is checked in detail (see the module's docstring)."""

    findings_per_kind: int = 10
    phone_digit_groups: int = 300  # about 0.2 s of libphonenumber
    iban_checks: int = 100  # about 0.02 s of python-stdnum


@dataclass
class Budget:
    """What the slow libraries may still do in this file."""

    phone_digit_groups: int
    iban_checks: int

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits.phone_digit_groups, limits.iban_checks)


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
_DIGITS = re.compile(r"\d+")
# Where a number that may be mobile starts: +, 00 or 06 (Dutch landlines and amounts start otherwise).
# Only counted, for the part of a file that libphonenumber no longer reads.
_MOBILE_START = re.compile(r"(?<![\w+])(?:\+\s*[1-9]|00[1-9]|\(?06)")


def _phone_matches(text: str, budget: Budget) -> tuple[list[phonenumbers.PhoneNumberMatch], int]:
    """libphonenumber's matches in ``text`` and where its reading stopped (``len(text)``: it read all).

    It reads as many groups of digits as the budget allows, and stops before the next one."""
    if not _MIGHT_BE_A_NUMBER.search(text) or _ONLY_A_DATE.fullmatch(text):  # most texts hold no number
        return [], len(text)
    stop = len(text)
    for count, group in enumerate(_DIGITS.finditer(text)):
        if count == budget.phone_digit_groups:  # stop before the word this group is in (+31, (06), ...)
            stop = group.start()
            while stop > 0 and not text[stop - 1].isspace():
                stop -= 1
            break
    budget.phone_digit_groups -= len(_DIGITS.findall(text, 0, stop))
    return list(PhoneNumberMatcher(text[:stop], DEFAULT_REGION, leniency=Leniency.VALID)), stop


def find_mobile_numbers(text: str, budget: Budget | None = None) -> Iterator[Finding]:
    """Mobile numbers (06, +31 6, and mobile numbers of other countries). 14 030, 088, 0800, 030 pass.

    Numbers past the budget are not read: each one that starts like a mobile number is a TB407 finding."""
    matches, stop = _phone_matches(text, budget or Budget.of(Limits()))
    for match in matches:
        if phonenumbers.number_type(match.number) == PhoneNumberType.MOBILE:
            yield Finding("TB401", match.start, match.end, {"value": match.raw_string})
    for start in _MOBILE_START.finditer(text, stop):
        yield Finding("TB407", start.start(), start.end())


# --- E-mail addresses ----------------------------------------------------------------------------

# "@", also written "＠", "[at]", "(at)", "{at}" or " at "; "." also "[dot]", "(punt)", " dot " and so on.
_AT = r"(?:\s*[@＠﹫]\s*|\s*[\[({]\s*(?i:at|apenstaartje)\s*[\])}]\s*|\s+(?i:at)\s+)"
_DOT = r"(?:\.|\s*[\[({]\s*(?i:dot|punt)\s*[\])}]\s*|\s+(?i:dot|punt)\s+)"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL = re.compile(rf"(?<![\w.+-])(?P<local>[\w.+-]+){_AT}(?P<domain>{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[A-Za-z]{{2,}})(?![\w-])")
_DOMAIN_DOT = re.compile(_DOT)


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
    """E-mail addresses that are not on the allowlist of organisational addresses, also when written as
    'naam [at] domein [dot] nl' or with a full-width ＠."""
    allowlist = email_allowlist()
    for match in _EMAIL.finditer(text):
        local, domain = match.group("local").strip("."), _DOMAIN_DOT.sub(".", match.group("domain"))
        if local and not allowlist.allows(local, domain):
            yield Finding("TB402", match.start(), match.end(), {"value": match.group()})


# --- Burgerservicenummers ------------------------------------------------------------------------

# Nine digits in a row, eight (a BSN with its leading zero left off), or in groups: 1234.56.789,
# 1234 56 789, 123 456 789, 123-456-789, 123-45-6789. Not 123.456.789: that is how Dutch writes an
# amount. Not part of a longer number, a decimal or a word.
_BSN = re.compile(r"(?<![\w.,+/-])(\d{8,9}|\d{4}([. -])\d{2}\2\d{3}|\d{3}([ -])\d{3}\3\d{3}|\d{3}([. -])\d{2}\4\d{4})"
                  r"(?![\w]|[.,/-]\d)")
# What comes right before an amount (€), the number of an organisation (KvK, RSIN) or a phone number (+31, 06, 030).
_NOT_A_PERSON_BEFORE = re.compile(
    r"(?:(?:€|\beur|\beuro)\s*"
    r"|\b(?:kvk|k\.v\.k|kamer van koophandel|handelsregister|rsin|fiscaal nummer)\b(?:(?!\.\s)[^\n;]){0,25}"
    r"|(?:\+|\b00)\d{1,3}[\s.-]*(?:\(0\)[\s.-]*)?(?:\d{1,4}[\s.-]*)?|\(?\b0\d{1,3}\)?[\s.-]*)$", re.IGNORECASE)
_DATE_DIGITS = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")


def find_bsn_numbers(text: str) -> Iterator[Finding]:
    """Numbers of eight or nine digits that pass the BSN eleven-test (about one in eleven random numbers
    does), except amounts, dates, phone numbers and the KvK or RSIN number of an organisation."""
    for match in _BSN.finditer(text):
        digits = "".join(character for character in match.group(1) if character.isdigit())
        if not passes_eleven_test(digits) or _DATE_DIGITS.fullmatch(digits):
            continue
        if _NOT_A_PERSON_BEFORE.search(text, max(0, match.start() - 40), match.start()):
            continue
        yield Finding("TB403", match.start(), match.end())


def passes_eleven_test(digits: str) -> bool:
    """The BSN elfproef on eight or nine digits (eight: a leading zero left off); all zeros do not count."""
    digits = digits.zfill(9)
    total = sum(int(digit) * weight for digit, weight in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1), strict=True))
    return total % 11 == 0 and int(digits) != 0


# --- IBANs ---------------------------------------------------------------------------------------


_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){11,30}")


def find_ibans(text: str, budget: Budget | None = None) -> Iterator[Finding]:
    """Bank account numbers with a valid IBAN checksum: in capitals or not, with or without spaces or
    dashes between groups."""
    budget = budget or Budget.of(Limits())
    start = 0
    while match := _IBAN.search(text, start):
        end = _longest_valid_iban(match.group(), budget)
        if end:
            yield Finding("TB404", match.start(), match.start() + end)
        start = match.start() + (end or 1)  # an account number may start inside a longer candidate


def _longest_valid_iban(candidate: str, budget: Budget) -> int:
    """How many characters of ``candidate`` form a valid IBAN (0: none). Text may follow it.

    The mod-97 checksum is kept up to date character by character, so python-stdnum (which also knows
    each country's length and format) only sees the lengths whose checksum is right, and only while the
    budget lasts; after that the longest length with the right checksum counts."""
    header = "".join(str(int(character, 36)) for character in candidate[:4])  # moved to the end, as digits
    rest, right_checksum = 0, []
    for end, character in enumerate(candidate[4:], start=5):
        if character in " -":
            continue
        value = int(character, 36)
        rest = (rest * (100 if value >= 10 else 10) + value) % 97
        if (rest * 10 ** len(header) + int(header)) % 97 == 1:
            right_checksum.append(end)
    if not right_checksum:
        return 0
    if budget.iban_checks <= 0:
        return right_checksum[-1]
    from stdnum import iban as stdnum_iban  # only here: it imports much (ssl, sockets) and few texts get this far

    budget.iban_checks -= len(right_checksum)
    return next((end for end in reversed(right_checksum) if stdnum_iban.is_valid(candidate[:end])), 0)


# --- Names of persons ----------------------------------------------------------------------------

# Forms of address and words for a resident, in small letters. The patterns below and the search for candidate
# texts (_MIGHT_BE_A_NAME) are both made from these lists. The full words take no dot (so "een mevrouw. Zij ..."
# is not a title followed by a name); the abbreviations may have one, and then the name may follow without a
# space ("Dhr.Jansen"); "hr" and "fam" need it.
TITLE_WORDS = ("mevrouw", "meneer", "mijnheer", "de heer", "familie")
TITLE_ABBREVIATIONS = ("mevr", "mvr", "mw", "dhr")
DOTTED_TITLES = ("hr", "fam")
ROLE_WORDS = ("bewoner", "bewoonster", "cliënt", "client", "huurder", "huurster", "deelnemer", "deelneemster",
              "statushouder", "buurman", "buurvrouw", "jongere", "dakloze", "vluchteling", "ervaringsdeskundige")
_NOT_IN_CAPITALS = frozenset({"mw", "hr"})  # MW is megawatt, HR personnel


Form = tuple[str, str]  # a way of writing a word: the letters it may start with, and a pattern for the rest


def _written(words: Sequence[str], *, capitals: bool, then: str = "") -> list[Form]:
    """How ``words`` are written in a text, each followed by ``then``: in small letters or with a capital starting
    each part ("[Dd]e [Hh]eer"), and with ``capitals`` also all in capitals (but not those in _NOT_IN_CAPITALS)."""
    forms: list[Form] = []
    for word in words:
        first, rest = word[0], word[1:]
        parts = rest.split(" ")
        forms.append((first.upper() + first,
                      " ".join([parts[0], *(f"[{part[0].upper()}{part[0]}]{part[1:]}" for part in parts[1:])]) + then))
        if capitals and word not in _NOT_IN_CAPITALS:
            forms.append((first.upper(), rest.upper() + then))
    return forms


def _in_small_letters(words: Sequence[str], *, then: str) -> list[Form]:
    return [(word[0], word[1:] + then) for word in words]


def _one_of(forms: Sequence[Form], *, not_after: str = "") -> str:
    """A pattern for the first of ``forms`` that matches, as the plain alternation "[Mm]evrouw|MEVROUW|..."
    would (not right after a character of the class ``not_after``), written to be searched for fast.

    re tries the plain alternation at every character of a text: its forms start with a class, and the
    look-behind comes first. This pattern has one branch per first letter, each starting with that letter
    and only then looking behind it. re then skips, in C, to the next character that is one of these
    letters, and there tries only the forms that start with it, in their order. So it matches what the
    plain alternation matches, at the same place (tests/test_privacy.py compares the two)."""
    by_letter: dict[str, list[str]] = {}
    for letters, rest in forms:
        for letter in letters:
            by_letter.setdefault(letter, []).append(rest)
    after = f"(?<!{not_after}.)" if not_after else ""  # the letter is never a line break, so "." matches it
    return "(?:" + "|".join(f"{letter}{after}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()) + ")"


_TITLE_FORMS = [*_written(TITLE_WORDS, capitals=True, then=r"\s+"),
                *_written(TITLE_ABBREVIATIONS, capitals=True, then=r"(?:\.\s*|\s+)"),
                *_written(DOTTED_TITLES, capitals=True, then=r"\.\s*")]
_PARTICLE = r"(?i:van|de|der|den|ter|ten|te|in|'t|het|el|al|la|le|du|da|von|op|ben|bin)"
_INITIALS = r"(?:[A-Z]\.\s?){1,4}"
_SURNAME = rf"(?:{_PARTICLE}\s+)*(?P<surname>[^\W\d_][\w'’-]+)"
_TITLE = _one_of(_TITLE_FORMS, not_after=r"[\w.]")
_TITLED_NAME = re.compile(rf"(?P<title>{_TITLE})(?P<name>(?:{_INITIALS}\s*)?{_SURNAME})")

# A word for a resident or client, then a first and a last name: "bewoner Piet Jansen", "huurder Fatima
# El Amrani". Both names start with a capital; words that name organisations or places are not names.
_ROLE_FORMS = _written(ROLE_WORDS, capitals=False)
_ROLE = _one_of(_ROLE_FORMS, not_after=r"[\w-]")
_NAMED_PERSON = re.compile(rf"(?P<role>{_ROLE})[,:]?\s+"
                           rf"(?P<first>[^\W\d_][^\W\d_'’-]*(?:-[^\W\d_]+)?)\s+{_SURNAME}")
_NOT_A_NAME = frozenset({
    "stichting", "gemeente", "woningcorporatie", "corporatie", "vereniging", "coöperatie", "groep", "zorg", "wonen",
    "woningen", "woonstad", "huis", "huizen", "thuis", "centrum", "haard", "leger", "noord", "zuid", "oost", "west",
    "stad", "dorp", "wijk", "regio", "provincie", "nederland", "holland", "utrecht", "amsterdam", "rotterdam", "den",
    "haag", "bv", "nv", "vof", "plus", "housing", "first", "living", "lab", "blue", "district",
})


def find_titled_names(text: str) -> Iterator[Finding]:
    """'mevrouw Jansen', 'de heer Pietersen', 'dhr. De Vries', 'Dhr.Jansen', 'MEVROUW JANSEN', 'familie Yilmaz'."""
    for match in _TITLED_NAME.finditer(text):
        if match.group("surname")[0].isupper():
            yield Finding("TB405", match.start(), match.end(), {"value": " ".join(match.group().split())})


def find_named_persons(text: str) -> Iterator[Finding]:
    """A first and last name after a word such as 'bewoner', 'cliënt' or 'huurder'."""
    for match in _NAMED_PERSON.finditer(text):
        first, surname = match.group("first"), match.group("surname")
        if (first[0].isupper() and surname[0].isupper() and not first.isupper()
                and not {first.lower(), surname.lower()} & _NOT_A_NAME):
            yield Finding("TB405", match.start(), match.end(), {"value": " ".join(match.group().split())})


CHECKS: tuple[Check, ...] = (
    find_mobile_numbers,
    find_personal_emails,
    find_bsn_numbers,
    find_ibans,
    find_titled_names,
    find_named_persons,
)

def _checks_sharing(budget: Budget) -> list[Check]:
    """The checks of one file; the two slow ones (libphonenumber, the IBAN formats) share the file's ``budget``."""
    budgeted: dict[Check, Check] = {find_mobile_numbers: lambda text: find_mobile_numbers(text, budget),
                                    find_ibans: lambda text: find_ibans(text, budget)}
    return [budgeted.get(check, check) for check in CHECKS]


_SEPARATOR = "\x00"  # never in a loaded text (refused as a control character); no pattern here matches it


def _to_the_end_of_its_text(pattern: str) -> re.Pattern[str]:
    """``pattern``, then the rest of the text it matched in: searched for in texts joined by the separator, each
    match ends where the next text starts (see ``_texts_matching``)."""
    return re.compile(f"(?:{pattern})[^{_SEPARATOR}]*")


_A_DIGIT = _to_the_end_of_its_text(r"\d")
_TWO_DIGITS = re.compile(r"\d\d")
_LETTERS_THEN_DIGITS = re.compile(r"[A-Za-z]{2}\d\d")
# In the case-folded text: what every e-mail address has (_AT). "at" as a word is found by its two letters
# first (a pattern that starts with letters is searched for fast); the signs only in a file that has one.
_AT_WORD = _to_the_end_of_its_text(r"at(?<!\wat)(?!\w)")
_EMAIL_SIGNS = tuple((sign, _to_the_end_of_its_text(re.escape(sign))) for sign in ("@", "＠", "﹫", "apenstaartje"))
# In the case-folded text: a form of address (_TITLE) or a word for a resident (_ROLE) with what must follow
# it before a name can: white space, or a dot after an abbreviation. A word such as "bewoners" or "huurwoning"
# is no candidate.
_NAME_LEAD_FORMS = [*_in_small_letters(TITLE_WORDS, then=r"\s"), *_in_small_letters(TITLE_ABBREVIATIONS, then=r"[.\s]"),
                    *_in_small_letters(DOTTED_TITLES, then=r"\."), *_in_small_letters(ROLE_WORDS, then=r"[,:]?\s")]
_NAME_LEAD = _one_of(_NAME_LEAD_FORMS)
_MIGHT_BE_A_NAME = _to_the_end_of_its_text(_NAME_LEAD)


def find_personal_data(text: str, limits: Limits = Limits()) -> Iterator[Finding]:
    """Every finding in one text, within ``limits``."""
    for _, finding in find_personal_data_in_texts([text], limits):
        yield finding


def find_personal_data_in_texts(texts: Sequence[str], limits: Limits = Limits()) -> Iterator[tuple[int, Finding]]:
    """``(index, finding)`` for every finding in ``texts`` (the texts of one file), text by text, in the
    order of the checks; at most ``limits.findings_per_kind`` of one code, then one TB406 message with
    how many more there are (at the first one left out), and one TB407 for the numbers not read."""
    checks = _checks_sharing(Budget.of(limits))
    return _within_limits(_all_findings(texts, checks), limits.findings_per_kind)


def _all_findings(texts: Sequence[str], checks: Sequence[Check]) -> Iterator[tuple[int, Finding]]:
    """Faster for the many short texts of a document: cheap patterns run once over all texts joined, and
    each check runs only on the texts where it could find something (``_candidates``)."""
    visible = [without_urls(text) for text in texts]  # blanking keeps every length and offset
    joined = _SEPARATOR.join(visible)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):  # a text holds the separator itself: check them all
        candidates = [set(range(len(texts)))] * len(checks)
    else:
        candidates = _candidates(joined, visible)
    for index in sorted(set().union(*candidates)):
        for check, where in zip(checks, candidates, strict=True):
            if index in where:
                yield from ((index, finding) for finding in check(visible[index]))


def _within_limits(findings: Iterable[tuple[int, Finding]], per_kind: int) -> Iterator[tuple[int, Finding]]:
    shown: Counter[str] = Counter()
    left_out: dict[str, tuple[int, Finding, int]] = {}  # code -> the first one left out, and how many
    for index, finding in findings:
        if finding.code != "TB407" and shown[finding.code] < per_kind:
            shown[finding.code] += 1
            yield index, finding
        else:
            first_index, first, count = left_out.get(finding.code, (index, finding, 0))
            left_out[finding.code] = (first_index, first, count + 1)
    for code, (index, first, count) in left_out.items():
        if code == "TB407":
            yield index, Finding("TB407", first.start, first.end, {"count": str(count)})
        else:
            yield index, Finding("TB406", first.start, first.end,
                                 {"count": str(count), "kind": f"{code} ({CODES[code].title.lower()})"})


def _candidates(joined: str, texts: Sequence[str]) -> list[set[int]]:
    """For each check in CHECKS, the indexes of ``texts`` (``joined``: them joined by the separator) in which
    it could find something (a superset).

    A phone number is read only where a run of digits may be one (``_MIGHT_BE_A_NUMBER``, as in
    ``_phone_matches``), and every BSN form is such a run too: eight or nine digits, with dots, spaces or
    dashes between groups. An IBAN has two digits after two letters; an e-mail address has an @ (or 'at');
    a name follows a form of address or a word for a resident.
    """
    digits = _texts_matching(_A_DIGIT, joined)  # most texts have no digit: the tests below are on the rest
    numbers = {index for index in digits if _MIGHT_BE_A_NUMBER.search(texts[index])}
    two_digits = {index for index in digits if _TWO_DIGITS.search(texts[index])}
    # Case-folded, not lower-cased: the e-mail pattern ignores case, and so "apenſtaartje" (a long s) is one
    # of its ways of writing "apenstaartje". Folding may change lengths, never the separators.
    folded = joined.casefold()
    names = _texts_matching(_MIGHT_BE_A_NAME, folded)
    return [numbers, _texts_with_an_email_sign(folded), numbers,
            {index for index in two_digits if _LETTERS_THEN_DIGITS.search(texts[index])}, names, names]


def _texts_with_an_email_sign(folded: str) -> set[int]:
    found = _texts_matching(_AT_WORD, folded)
    for sign, pattern in _EMAIL_SIGNS:
        if sign in folded:  # most files have no such sign, or only "@"
            found |= _texts_matching(pattern, folded)
    return found


def _texts_matching(pattern: re.Pattern[str], joined: str) -> set[int]:
    """The indexes of the texts in which ``pattern`` (made by ``_to_the_end_of_its_text``) matches. Each match
    takes the rest of its text, so the search goes on in the next one: a text full of matches costs one."""
    found: set[int] = set()
    index, position = 0, 0
    for match in pattern.finditer(joined):
        index += joined.count(_SEPARATOR, position, match.start())
        found.add(index)
        position = match.end()
    return found
