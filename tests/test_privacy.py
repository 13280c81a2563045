"""The privacy lint: personal data in case text, at its exact line and column, with the right severity."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from phonenumbers import Leniency, PhoneNumberMatcher

from conftest import TODAY, build_environment, least_cpu_seconds, replace_line, run_thuisbasis, valid_case_text
from thuisbasis.data import EMAIL_ALLOWLIST, REGISTRY_DIR
from thuisbasis.problems import CODES, Problem, Severity
from thuisbasis.validation import validate_paths
from thuisbasis.validation.privacy import (
    DOTTED_TITLES,
    ROLE_WORDS,
    TITLE_ABBREVIATIONS,
    TITLE_WORDS,
    Budget,
    EmailAllowlist,
    Finding,
    Limits,
    email_allowlist,
    find_ibans,
    find_mobile_numbers,
    find_personal_data,
    find_personal_data_in_texts,
    find_personal_emails,
    find_titled_names,
    without_urls,
)
from thuisbasis.validation.privacy import (
    _BSN,
    _MIGHT_BE_A_NAME,
    _MIGHT_BE_A_NUMBER,
    _NAME_LEAD,
    _NAME_LEAD_FORMS,
    _NAMED_PERSON,
    _ROLE,
    _ROLE_FORMS,
    _TITLE,
    _TITLE_FORMS,
    _TITLED_NAME,
    Form,
)
from thuisbasis.validation.privacy import _checks_sharing as checks_sharing

ROOT = Path(__file__).parent.parent
SITE = ROOT / "tests" / "sites" / "minimal"

def found(check: Callable[[str], Iterator[Finding]], text: str) -> list[str]:
    """What one check finds in ``text``."""
    return [text[finding.start:finding.end] for finding in check(text)]


def spots(text: str, code: str) -> list[str]:
    """What the whole lint (web addresses blanked out, every check) finds in ``text`` under ``code``."""
    return [text[finding.start:finding.end] for finding in find_personal_data(text) if finding.code == code]


# --- Each check on its own -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel 06-12345678.", ["06-12345678"]),
        ("Bel 06 1234 5678 of +31 6 12345678 of 0031612345678.", ["06 1234 5678", "+31 6 12345678", "0031612345678"]),
        ("Belgisch: +32 470 12 34 56.", ["+32 470 12 34 56"]),
        ("Bel de gemeente: 14 030, 14030, 030-1234567, 088 123 4567, 0800-1234 of 0900-1234567.", []),
        ("In 2023-2025 kregen 612345678 mensen 1.250.000 euro.", []),
        ("Zie https://example.org/0612345678 voor meer.", []),
    ],
    ids=["dashed", "spaced-and-international", "belgian", "organisation-numbers", "other-numbers", "inside-url"],
)
def test_mobile_numbers_are_found_and_organisation_numbers_pass(text: str, expected: list[str]) -> None:
    assert spots(text, "TB401") == expected


def test_the_mobile_check_reports_what_was_written() -> None:
    assert [finding.fields for finding in find_mobile_numbers("Bel 06-1234 5678.")] == [{"value": "06-1234 5678"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mail j.jansen@gmail.com of piet@woonstichting.nl.", ["j.jansen@gmail.com", "piet@woonstichting.nl"]),
        ("Mail info@woonstichting.nl, Secretariaat@gemeente.nl of contact@x.org.", []),
        ("Voorbeeld: wie.dan.ook@example.org of iemand@sub.example.com.", []),
        ("[Mail ons](mailto:jan@hotmail.com)", ["jan@hotmail.com"]),
    ],
    ids=["personal", "generic-local-parts", "allowlisted-domains", "mailto-link"],
)
def test_email_addresses_outside_the_allowlist_are_found(text: str, expected: list[str]) -> None:
    assert found(find_personal_emails, text) == expected


def test_the_allowlist_file_is_read_and_both_of_its_lists_work() -> None:
    allowlist = email_allowlist(EMAIL_ALLOWLIST)
    assert {"info", "contact", "secretariaat"} <= allowlist.local_parts
    assert "example.org" in allowlist.domains
    custom = EmailAllowlist(local_parts=frozenset({"info"}), domains=frozenset({"project.nl"}))
    assert custom.allows("INFO", "ergens.nl")
    assert custom.allows("jan", "project.nl") and custom.allows("jan", "team.project.nl")
    assert not custom.allows("jan", "nietproject.nl")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BSN 111222333.", ["111222333"]),
        ("Nummer 1112.22.333 of 1112 22 333.", ["1112.22.333", "1112 22 333"]),
        ("Geen BSN: 123456789 (de elfproef klopt niet).", []),
        ("Bedragen: € 111222333, EUR 111222333 en 111.222.333 euro.", []),
        ("Langer: 1112223330 of 11122233.5 of 0111222333.", []),
        ("In een webadres: https://example.org/besluit/111222333.", []),
        ("Telefoon +31 111222333 is een nummer.", []),
        ("Nullen: 000000000.", []),
    ],
    ids=["plain", "grouped", "fails-eleven-test", "amounts", "longer-numbers", "inside-url", "phone", "zeros"],
)
def test_numbers_that_pass_the_bsn_eleven_test_are_found(text: str, expected: list[str]) -> None:
    assert spots(text, "TB403") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rekening NL91ABNA0417164300.", ["NL91ABNA0417164300"]),
        ("Rekening NL91 ABNA 0417 1643 00 EUR.", ["NL91 ABNA 0417 1643 00"]),
        ("Duits DE89370400440532013000.", ["DE89370400440532013000"]),
        ("Checksum fout: NL91ABNA0417164301.", []),
        ("Geen rekening: NL2024 is een programma.", []),
    ],
    ids=["compact", "grouped-then-capitals", "german", "bad-checksum", "not-an-iban"],
)
def test_ibans_with_a_valid_checksum_are_found(text: str, expected: list[str]) -> None:
    assert found(find_ibans, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We spraken mevrouw Jansen.", ["mevrouw Jansen"]),
        ("De heer Pietersen opende het pand.", ["De heer Pietersen"]),
        ("Met dhr. De Vries en mw. El Amrani.", ["dhr. De Vries", "mw. El Amrani"]),
        ("Mevr. van der Berg en dhr J.P. de Boer.", ["Mevr. van der Berg", "dhr J.P. de Boer"]),
        ("Ook meneer Öztürk en de familie Yilmaz.", ["meneer Öztürk", "familie Yilmaz"]),
        ("Een naam over twee regels: mevrouw\nJansen.", ["mevrouw\nJansen"]),
        ("Zoals de heer des huizes zegt: geef de heer de kans.", []),
        ("Er kwam een mevrouw. Zij bleef.", []),
        ("Een windpark van 12 MW Windkracht.", []),
        ("De familie en de buren hielpen.", []),
    ],
    ids=["mevrouw", "de-heer", "abbreviations", "particles-and-initials", "meneer-familie", "line-break",
         "no-capitalised-name", "sentence-end", "megawatt", "no-name"],
)
def test_titled_names_are_found_and_ordinary_text_passes(text: str, expected: list[str]) -> None:
    assert found(find_titled_names, text) == expected


def test_privacy_codes_have_the_documented_severities() -> None:
    severities = {code: CODES[code].severity for code in ("TB401", "TB402", "TB403", "TB404", "TB405")}
    assert severities == {"TB401": Severity.WARNING, "TB402": Severity.WARNING, "TB403": Severity.ERROR,
                          "TB404": Severity.ERROR, "TB405": Severity.WARNING}


# --- In a case file: field, line and column --------------------------------------------------------

def position(text: str, marker: str) -> tuple[int, int]:
    """Line and column of the one occurrence of ``marker`` in ``text``."""
    assert text.count(marker) == 1, marker
    offset = text.index(marker)
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


def test_each_finding_names_field_line_and_column_in_every_kind_of_value(problems_in: Callable[..., list[Problem]]) -> None:
    text = valid_case_text()
    # A literal block (|), where '06' also stands earlier in '2006'.
    text = replace_line(text, "- Meer weten? Zie [de website](https://example.org/gemengd).",
                        "- Meer weten? Zie [de website](https://example.org/gemengd).\n"
                        "- Sinds 2006 helpt mevrouw Jansen; bel haar op 06 1234 5678.")
    # A folded block (>-): the title and the name are on different lines in the file.
    text = replace_line(text, "kantoor. Een begeleider is twee dagen per week in het gebouw.",
                        "kantoor. Een begeleider, de heer\n  Pietersen, is twee dagen per week in het gebouw.")
    # A plain value in a nested group, a quoted value and a list item.
    text = replace_line(text, "email: info@example.org", "email: p.pietersen@gmail.com")
    text = replace_line(text, "toelichting: De helft van de bewoners komt uit de opvang.",
                        'toelichting: "Betaald via NL91 ABNA 0417 1643 00."')
    text = replace_line(text, "- Laat bewoners elkaar vooraf ontmoeten.", "- Vraag naar BSN 111222333 bij de intake.")
    problems = problems_in(text)
    assert shown(problems) == [
        "{}:{}: TB405 'samenvatting' noemt een persoon: 'de heer Pietersen'. Noem geen namen van bewoners of "
        "medewerkers; schrijf bijvoorbeeld 'een bewoner' of 'de wijkcoördinator'.".format(*position(text, "de heer")),
        "{}:{}: TB404 'schaal.toelichting' bevat een rekeningnummer (IBAN). Rekeningnummers horen niet op de "
        "site: haal het weg.".format(*position(text, "NL91 ABNA")),
        "{}:{}: TB405 'aanpak' noemt een persoon: 'mevrouw Jansen'. Noem geen namen van bewoners of medewerkers; "
        "schrijf bijvoorbeeld 'een bewoner' of 'de wijkcoördinator'.".format(*position(text, "mevrouw Jansen")),
        "{}:{}: TB401 'aanpak' bevat een mobiel telefoonnummer (06 1234 5678). Zet geen nummers van personen in "
        "een casus; noem bij 'contact' de organisatie en haar website.".format(*position(text, "06 1234 5678")),
        "{}:{}: TB403 Tip 1 ('lessen.tips[1]') bevat een getal dat een burgerservicenummer (BSN) kan "
        "zijn (het klopt met de elfproef). Een BSN hoort nooit op de site: haal het weg.".format(*position(text, "111222333")),
        "{}:{}: TB402 'contact.email' bevat het e-mailadres p.pietersen@gmail.com. Dat lijkt het adres van een "
        "persoon. Gebruik een algemeen adres van de organisatie, zoals info@organisatie.nl.".format(
            *position(text, "p.pietersen@gmail.com")),
    ]
    assert [found.is_error for found in problems] == [False, True, False, False, True, False]


def test_warnings_alone_keep_the_report_ok_but_a_bsn_does_not(write_case: Callable[..., Path]) -> None:
    warned = write_case(replace_line(valid_case_text(), "- Laat bewoners elkaar vooraf ontmoeten.",
                                     "- Vraag het aan mevrouw Jansen."))
    report = validate_paths([warned], today=TODAY)
    assert [found.code for found in report.problems] == ["TB405"]
    assert report.ok
    assert report.summary() == ("Thuisbasis: 1 casus en 17 registers gecontroleerd: "
                                "geen fouten; 1 waarschuwing in 1 bestand.")

    both = write_case(replace_line(valid_case_text(), "- Laat bewoners elkaar vooraf ontmoeten.",
                                   "- Mevrouw Jansen (BSN 111222333)."))
    report = validate_paths([both], today=TODAY)
    assert [found.code for found in report.problems] == ["TB405", "TB403"]
    assert not report.ok
    assert report.summary() == ("Thuisbasis: 1 casus en 17 registers gecontroleerd: "
                                "1 fout en 1 waarschuwing in 1 bestand.")


def test_the_real_cases_checklists_and_registries_have_no_personal_data() -> None:
    report = validate_paths([ROOT / "cases", ROOT / "checklists"])
    assert report.checked_checklists and report.checked_registries
    assert [str(found) for found in report.problems if found.code.startswith("TB4")] == []


def test_the_lint_runs_on_registry_labels_and_descriptions(tmp_path: Path, write_case: Callable[..., Path]) -> None:
    registries = tmp_path / "registers"
    shutil.copytree(REGISTRY_DIR, registries)
    woonvormen = registries / "woonvormen.yaml"
    text = woonvormen.read_text(encoding="utf-8")
    label = next(line for line in text.splitlines() if line.strip().startswith("label:"))
    woonvormen.write_text(text.replace(label, f"{label.split(':')[0]}: Bel huurder Fatima El Amrani (BSN 111222333)", 1),
                          encoding="utf-8")
    report = validate_paths([write_case(valid_case_text())], today=TODAY, registry_dir=registries)
    assert [(found.path.name, found.code) for found in report.problems] == [("woonvormen.yaml", "TB405"),
                                                                             ("woonvormen.yaml", "TB403")]
    assert not report.ok


# --- Every way of writing it, and what only looks like it --------------------------------------------

@pytest.mark.parametrize(
    ("text", "code", "expected"),
    [
        ("BSN 123 456 782.", "TB403", "123 456 782"),
        ("BSN 123-45-6782.", "TB403", "123-45-6782"),
        ("BSN 123-456-782.", "TB403", "123-456-782"),
        ("Zonder voorloopnul: 12345672.", "TB403", "12345672"),
        ("Met voorloopnul: 012345672.", "TB403", "012345672"),
        ("Rekening nl91abna0417164300.", "TB404", "nl91abna0417164300"),
        ("Rekening NL91-ABNA-0417-1643-00.", "TB404", "NL91-ABNA-0417-1643-00"),
        ("Rekening nl91 abna 0417 1643 00.", "TB404", "nl91 abna 0417 1643 00"),
        ("Rekening XY12 NL91ABNA0417164300.", "TB404", "NL91ABNA0417164300"),
        ("Mail piet [at] gmail [dot] com.", "TB402", "piet [at] gmail [dot] com"),
        ("Mail piet(at)gmail(dot)com.", "TB402", "piet(at)gmail(dot)com"),
        ("Mail piet at gmail dot com.", "TB402", "piet at gmail dot com"),
        ("Mail piet {at} gmail (punt) nl.", "TB402", "piet {at} gmail (punt) nl"),
        ("Mail piet＠gmail.com.", "TB402", "piet＠gmail.com"),
        ("Mail piet @ gmail.com.", "TB402", "piet @ gmail.com"),
        ("Gesprek met MEVROUW JANSEN.", "TB405", "MEVROUW JANSEN"),
        ("Gesprek met DE HEER DE VRIES.", "TB405", "DE HEER DE VRIES"),
        ("Gesprek met Dhr.Jansen.", "TB405", "Dhr.Jansen"),
        ("Gesprek met mevrouw\u00a0Jansen.", "TB405", "mevrouw\u00a0Jansen"),
        ("Gesprek met dhr.\u202fDe Vries.", "TB405", "dhr.\u202fDe Vries"),
        ("Volgens bewoner Piet Jansen gaat het goed.", "TB405", "bewoner Piet Jansen"),
        ("De huurder Fatima El Amrani verhuisde.", "TB405", "huurder Fatima El Amrani"),
        ("Cliënt Jan-Willem de Vries: tevreden.", "TB405", "Cliënt Jan-Willem de Vries"),
        ("Statushouder, Yonas Tesfaye, vertelt.", "TB405", "Statushouder, Yonas Tesfaye"),
    ],
    ids=["bsn-spaced-3-3-3", "bsn-dashed-3-2-4", "bsn-dashed-3-3-3", "bsn-eight-digits", "bsn-leading-zero",
         "iban-lower-case", "iban-dashed", "iban-lower-spaced", "iban-after-a-look-alike", "email-brackets",
         "email-parentheses", "email-words", "email-braces-and-punt", "email-full-width", "email-spaces",
         "title-upper-case", "de-heer-upper-case", "title-without-space", "title-no-break-space",
         "title-narrow-no-break-space", "bewoner", "huurder-with-particle", "client-double-first-name",
         "statushouder-comma"],
)
def test_every_listed_way_of_writing_personal_data_is_found(text: str, code: str, expected: str) -> None:
    assert spots(text, code) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Op 20250630 en 2025-06-30 en 30-06-2025 begon het.",
        "Postcode 3511 AB, 1234AB en 9999 ZZ.",
        "KvK 12345672, KvK-nummer: 30287472, ingeschreven bij de Kamer van Koophandel onder nummer 12345672.",
        "RSIN 111222333 en fiscaal nummer 111222333 van de stichting.",
        "Bel de gemeente: 14 030, 030-1234567, 088 123 4567, 0800-1234 of (030) 12345678.",
        "Bedragen: € 12345672, 12.345.672 euro en EUR 111 222 333.",
        "De huurder Woonstad Rotterdam, de huurder Eigen Haard en de cliënt Leger des Heils.",
        "Een bewoner van Stichting Thuis Utrecht; bewoners Amsterdam Noord.",
        "De bewoner Jan vertelt; een huurder Zegt niets; de jongere Statushouders Utrecht.",
        "Hij at een appel. Hij at bij gmail. Mail info [at] woonstichting [dot] nl.",
        "Een windpark van 12 MW Windkracht, De heer des huizes, Er kwam een mevrouw. Zij bleef.",
        "In 2023 kregen 450 mensen hulp; 1.250.000 euro; NL2024 is een programma.",
    ],
    ids=["dates", "postcodes", "kvk-numbers", "rsin", "organisation-phone-numbers", "amounts", "organisations",
         "places", "one-name-or-lower-case", "the-word-at", "title-look-alikes", "ordinary-numbers"],
)
def test_look_alikes_are_not_personal_data(text: str) -> None:
    assert list(find_personal_data(text)) == []


# --- Bounded: many findings are counted, not listed; a file full of numbers is quick -----------------

def test_more_than_ten_of_a_kind_are_counted_in_one_message(problems_in: Callable[..., list[Problem]]) -> None:
    numbers = " ".join(f"06-{12345600 + number}" for number in range(25))
    problems = problems_in(replace_line(valid_case_text(), "- Laat bewoners elkaar vooraf ontmoeten.",
                                        f'- "Bellen: {numbers}."'))
    assert [found.code for found in problems] == ["TB401"] * 10 + ["TB406"]
    assert problems[-1].message == ("Vanaf tip 1 ('lessen.tips[1]') staan in dit bestand nog 15 meldingen TB401 (mobiel "
                                    "telefoonnummer); die worden niet apart getoond. Haal eerst de gemelde weg en "
                                    "controleer dan opnieuw.")
    assert problems[-1].column == problems[-2].column + len("06-12345609 ")


def test_numbers_past_what_libphonenumber_reads_are_counted() -> None:
    text = " ".join(["+32 2 123 45 67"] * 100 + ["06-12345678"] * 3)
    findings = list(find_personal_data(text, Limits(phone_digit_groups=50)))
    assert [(finding.code, finding.fields) for finding in findings] == [("TB407", {"count": "93"})]
    assert text[findings[0].start:].startswith("+32 2 123 45 67")


WORST_CASES = {  # one kind of finding, again and again, up to the size limit: in one text or in a long list
    "mobile-numbers": "06-12345678", "organisation-numbers": "030-1234567", "foreign-numbers": "+32 2 123 45 67",
    "bsn": "111222333", "iban": "NL91ABNA0417164300", "email": "piet [at] gmail [dot] com",
    "names": "bewoner Piet Jansen", "mixed": "Bel 06-12345678 of mail piet@gmail.com, BSN 111222333, mevrouw Jansen",
}


@pytest.mark.parametrize("shape", ["text", "list"])
@pytest.mark.parametrize("unit", list(WORST_CASES.values()), ids=list(WORST_CASES))
def test_a_file_full_of_personal_data_validates_in_under_two_seconds(write_case: Callable[..., Path], unit: str,
                                                                     shape: str) -> None:
    room = 256 * 1024 - len(valid_case_text().encode()) - 100
    if shape == "text":
        extra = 'extra: "' + " ".join([unit] * (room // (len(unit) + 1))) + '"\n'
    else:
        extra = "extra:\n" + f'  - "{unit}"\n' * (room // (len(unit) + 7))
    path = write_case(valid_case_text() + extra)
    # CPU time of the validation only, the least of up to three runs (conftest.least_cpu_seconds): the suite
    # runs on every core, and wall time on a busy machine said more about the machine than about the code.
    seconds, report = least_cpu_seconds(lambda: validate_paths([path], today=TODAY), 2)
    assert seconds < 2
    assert "TB002" not in {found.code for found in report.problems}  # under the size limit
    assert sum(found.code.startswith("TB4") for found in report.problems) <= 6 * 10 + 6  # a few lines, not thousands


# --- On the command line and in the site build -----------------------------------------------------

def test_validate_prints_warnings_like_errors_but_exits_0(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    text = replace_line(valid_case_text(), "- Laat bewoners elkaar vooraf ontmoeten.", "- Bel dhr. De Vries op 06-12345678.")
    (tmp_path / "cases" / "voorbeeld-gemengd-wonen.yaml").write_text(text, encoding="utf-8")
    result = run_thuisbasis("validate", cwd=tmp_path, github=True)
    assert result.returncode == 0, result.stdout
    line, column = position(text, "dhr. De Vries")
    phone = position(text, "06-12345678")[1]
    assert result.stdout.splitlines() == [
        f"cases/voorbeeld-gemengd-wonen.yaml:{line}:{column}: TB405 Tip 1 ('lessen.tips[1]') noemt een persoon: 'dhr. De Vries'. "
        "Noem geen namen van bewoners of medewerkers; schrijf bijvoorbeeld 'een bewoner' of 'de wijkcoördinator'.",
        f"::warning file=cases/voorbeeld-gemengd-wonen.yaml,line={line},col={column},title=TB405::Tip 1 ('lessen.tips[1]') "
        "noemt een persoon: 'dhr. De Vries'. Noem geen namen van bewoners of medewerkers; schrijf bijvoorbeeld "
        "'een bewoner' of 'de wijkcoördinator'.",
        f"cases/voorbeeld-gemengd-wonen.yaml:{line}:{phone}: TB401 Tip 1 ('lessen.tips[1]') bevat een mobiel "
        "telefoonnummer (06-12345678). Zet geen nummers van personen in een casus; noem bij 'contact' de "
        "organisatie en haar website.",
        f"::warning file=cases/voorbeeld-gemengd-wonen.yaml,line={line},col={phone},title=TB401::Tip 1 ('lessen.tips[1]') "
        "bevat een mobiel telefoonnummer (06-12345678). Zet geen nummers van personen in een casus; noem bij "
        "'contact' de organisatie en haar website.",
        "Thuisbasis: 1 casus en 17 registers gecontroleerd: geen fouten; 2 waarschuwingen in 1 bestand.",
    ]


def test_an_iban_is_an_error_annotation_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    text = replace_line(valid_case_text(), "- Laat bewoners elkaar vooraf ontmoeten.", "- Stort op NL91ABNA0417164300.")
    (tmp_path / "cases" / "voorbeeld-gemengd-wonen.yaml").write_text(text, encoding="utf-8")
    result = run_thuisbasis("validate", cwd=tmp_path, github=True)
    assert result.returncode == 1
    line, column = position(text, "NL91ABNA")
    assert result.stdout.splitlines()[1] == (
        f"::error file=cases/voorbeeld-gemengd-wonen.yaml,line={line},col={column},title=TB404::Tip 1 ('lessen.tips[1]') "
        "bevat een rekeningnummer (IBAN). Rekeningnummers horen niet op de site: haal het weg.")
    assert result.stdout.splitlines()[-1] == "Thuisbasis: 1 casus en 17 registers gecontroleerd: 1 fout in 1 bestand."


def build_site(tmp_path: Path, addition: str) -> tuple[subprocess.CompletedProcess[str], str]:
    """Build the small example site with ``addition`` at the start of its case's 'aanpak'."""
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    case = site / "cases" / "kleine-casus.yaml"
    text = case.read_text(encoding="utf-8").replace("aanpak: Twee statushouders", f"aanpak: {addition} Twee statushouders")
    case.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(site / "mkdocs.yml")],
        capture_output=True, text=True, cwd=site, env=build_environment(),
        timeout=120,
    )
    return result, text


def test_a_warning_is_logged_as_info_and_does_not_fail_a_strict_build(tmp_path: Path) -> None:
    result, text = build_site(tmp_path, "Mevrouw Jansen helpt.")
    assert result.returncode == 0, result.stderr
    line, column = position(text, "Mevrouw Jansen")
    assert (f"INFO    -  cases/kleine-casus.yaml:{line}:{column}: TB405 'aanpak' noemt een persoon: 'Mevrouw Jansen'. "
            "Noem geen namen van bewoners of medewerkers; schrijf bijvoorbeeld 'een bewoner' of 'de "
            "wijkcoördinator'.\n") in result.stderr
    assert (site_page := tmp_path / "site" / "site" / "casussen" / "kleine-casus" / "index.html").is_file(), site_page


def test_a_bsn_stops_the_build_with_its_message(tmp_path: Path) -> None:
    result, text = build_site(tmp_path, "BSN 111222333.")
    assert result.returncode == 1
    line, column = position(text, "111222333")
    assert (f"ERROR   -  cases/kleine-casus.yaml:{line}:{column}: TB403 'aanpak' bevat een getal dat een "
            "burgerservicenummer (BSN) kan zijn (het klopt met de elfproef). Een BSN hoort nooit op de site: haal het weg.\n") in result.stderr
    # kleine-casus has only the required fields: three completeness warnings (TB244-TB246) come with the error.
    assert ("ERROR   -  Thuisbasis: 1 casus en 17 registers gecontroleerd: 1 fout en 3 waarschuwingen in 1 bestand.\n"
            in result.stderr)


# --- Many texts at once: the same findings as every check on every text ----------------------------

LINT_EXAMPLES = [
    "Bel 06-12345678.", "Bel 06 1234 5678 of +31 6 12345678 of 0031612345678.", "Belgisch: +32 470 12 34 56.",
    "Bel de gemeente: 14 030, 14030, 030-1234567, 088 123 4567, 0800-1234 of 0900-1234567.",
    "In 2023-2025 kregen 612345678 mensen 1.250.000 euro.", "Zie https://example.org/0612345678 voor meer.",
    "Mail j.jansen@gmail.com of piet@woonstichting.nl.", "Mail info@woonstichting.nl of contact@x.org.",
    "[Mail ons](mailto:jan@hotmail.com)", "BSN 111222333.", "Nummer 1112.22.333 of 1112 22 333.",
    "Bedragen: € 111222333, EUR 111222333 en 111.222.333 euro.", "Telefoon +31 111222333 is een nummer.",
    "Rekening NL91ABNA0417164300.", "Rekening NL91 ABNA 0417 1643 00 EUR.", "Geen rekening: NL2024 is een programma.",
    "We spraken mevrouw Jansen.", "Met dhr. De Vries en mw. El Amrani.", "Een naam over twee regels: mevrouw\nJansen.",
    "Een windpark van 12 MW Windkracht.", "2025-06-30", "2025-06", "1999-12-31 en 06-12345678", "06–2025-06-30",
    "HTTPS://EXAMPLE.ORG/111222333 en 111222333", "", "a\x00b 06-12345678", "NL91ABNA0417164300mevrouw Jansen",
    "Mail piet (apenſtaartje) gmail.com.", "Mail piet AT gmail DOT com.", "Mail piet ＠ gmail.com.",
    "De bewoners spraken met bewoner Piet Jansen.", "CLIËNT: Fatima El Amrani", "Dhr.Jansen en Mw.de Vries",
    "Rekening nl91abna0417164300.", "Cijfers ٣٤ en ab٣٤", "HUURDER, Anna de Wit", "familie\tYilmaz",
]


def fixture_texts() -> list[str]:
    from thuisbasis.loading import load_document
    from thuisbasis.validation.rules import text_values

    paths = [*(Path(__file__).parent / "fixtures").rglob("*.yaml"), *(ROOT / "cases").glob("*.yaml")]
    return [text for path in sorted(paths) for _, text in text_values(load_document(path)[0].data)]


UNLIMITED = Limits(findings_per_kind=10**9, phone_digit_groups=10**9)


def test_the_lint_reads_the_texts_of_a_file_in_the_order_their_paths_are_found() -> None:
    """check_personal_data lints ``texts_of`` and looks up a finding's path by its index in ``text_values``."""
    from thuisbasis.loading import load_document
    from thuisbasis.validation.rules import text_values, texts_of

    nested = {"a": "een", "b": [{"c": "twee", "d": 3, "e": ["drie", None, {"f": "vier"}]}, "vijf"], "g": {"h": "zes"}}
    assert texts_of(nested) == ["een", "twee", "drie", "vier", "vijf", "zes"]
    assert [path for path, _ in text_values(nested)] == [("a",), ("b", 0, "c"), ("b", 0, "e", 0), ("b", 0, "e", 2, "f"),
                                                         ("b", 1), ("g", "h")]
    for path in sorted([*(Path(__file__).parent / "fixtures").rglob("*.yaml"), *(ROOT / "cases").glob("*.yaml")]):
        data = load_document(path)[0].data
        assert texts_of(data) == [text for _, text in text_values(data)], path


def every_check_on_every_text(texts: list[str]) -> list[tuple[int, Finding]]:
    """The reference: each check on each text, without the search for candidate texts that the lint does
    first (``_candidates``). The lint must find exactly this; a candidate search that is too narrow shows here."""
    checks = checks_sharing(Budget.of(UNLIMITED))
    return [(index, finding) for index, text in enumerate(texts) for check in checks
            for finding in check(without_urls(text))]


def test_the_reference_finds_what_the_lint_finds_in_one_text() -> None:
    assert [finding for _, finding in every_check_on_every_text(["Bel 06-12345678, mail piet@gmail.com."])] == \
        list(find_personal_data("Bel 06-12345678, mail piet@gmail.com.", UNLIMITED))


# A text that holds the separator makes the lint check every text (no candidate search): left out here.
SEPARATED_EXAMPLES = [text for text in LINT_EXAMPLES if "\x00" not in text]


@pytest.mark.parametrize("texts", [LINT_EXAMPLES, SEPARATED_EXAMPLES, SEPARATED_EXAMPLES[::-1], fixture_texts(),
                                   fixture_texts() + SEPARATED_EXAMPLES, ["06-12345678"], []],
                         ids=["examples", "examples-searched", "examples-searched-reversed", "fixtures-and-cases", "all",
                              "one", "none"])
def test_the_lint_over_many_texts_finds_what_every_check_finds_in_every_text(texts: list[str]) -> None:
    assert list(find_personal_data_in_texts(texts, UNLIMITED)) == every_check_on_every_text(texts)


LINT_FRAGMENTS = [
    "06", "-", "1234", "5678", " ", "\n", "+31", "NL91", "ABNA", "0417", "1643", "00", "mevrouw", "Jansen", "dhr.",
    "de heer", "De Vries", "@", "piet", "gmail.com", "info", "111222333", "1112", ".", "22", "333", "€", "https://",
    "x.nl/", "2025-06-30", "é", "(", ")", "/", "bewoner", "Bewoners", "CLIËNT", ":", ",", "Piet", " at ", "[at]",
    "apenſtaartje", "ab", "٣", "Mw", "familie", "\t",
    # White space, case and folding that regular expressions and casefold() treat in their own ways
    "\u00a0", "\u2003", "\u3000", "\u0085", "MEVR", "Hr", "FAM", "Fam", "DE HEER", "Clie\u0308nt", "Jongere",
    "Ervaringsdeskundige", "Émile", "İlker", "\u212aees", "ß", "ﬆ", "ı", "APENSTAARTJE", "AT", "{", "}", "[", "]",
    "DOT", "punt", "＠", "﹫", "\u0660\u0661",
]


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(LINT_FRAGMENTS), st.characters(blacklist_categories=["Cs"])),
                         max_size=12).map("".join), max_size=8))
def test_generated_texts_give_what_every_check_finds_in_every_text(texts: list[str]) -> None:
    assert list(find_personal_data_in_texts(texts, UNLIMITED)) == every_check_on_every_text(texts)


# Every way _BSN writes a number: nine or eight digits, or groups with a dot, space or dash between them.
BSN_FORMS = ["{d[0]}{d[1]}{d[2]}{d[3]}{d[4]}{d[5]}{d[6]}{d[7]}{d[8]}", "{d[1]}{d[2]}{d[3]}{d[4]}{d[5]}{d[6]}{d[7]}{d[8]}",
             *("{d[0]}{d[1]}{d[2]}{d[3]}" + sep + "{d[4]}{d[5]}" + sep + "{d[6]}{d[7]}{d[8]}" for sep in ". -"),
             *("{d[0]}{d[1]}{d[2]}" + sep + "{d[3]}{d[4]}{d[5]}" + sep + "{d[6]}{d[7]}{d[8]}" for sep in " -"),
             *("{d[0]}{d[1]}{d[2]}" + sep + "{d[3]}{d[4]}" + sep + "{d[5]}{d[6]}{d[7]}{d[8]}" for sep in ". -")]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.text("0123456789", min_size=9, max_size=9), st.sampled_from(BSN_FORMS),
       st.sampled_from(["", "BSN ", "nummer: ", "(", "x"]), st.sampled_from(["", ".", " en", ")", "x"]))
def test_every_bsn_form_is_a_text_the_lint_reads_numbers_in(digits: str, form: str, before: str, after: str) -> None:
    """The lint runs the BSN check only on texts where a run of digits may be a number (``_candidates``)."""
    text = before + form.format(d=digits) + after
    if _BSN.search(text):
        assert _MIGHT_BE_A_NUMBER.search(text), text


@pytest.mark.parametrize("form", BSN_FORMS)
def test_a_bsn_in_any_form_among_other_texts_is_found(form: str) -> None:
    texts = ["Een tekst zonder cijfers.", f"Zijn BSN is {form.format(d='012345672')}.", "Opgeleverd in 2024."]
    found = list(find_personal_data_in_texts(texts, UNLIMITED))
    assert found == every_check_on_every_text(texts)
    assert [finding.code for _, finding in found] == ["TB403"]


def test_a_text_that_is_only_a_date_holds_no_phone_number() -> None:
    """Why the lint skips libphonenumber for such texts (checked here on a spread of the 1.6 million)."""
    for year in range(1000, 3000, 37):
        for month in range(20):
            for day in range(0, 40, 7):
                text = f"{year}-{month:02d}-{day:02d}"
                assert list(PhoneNumberMatcher(text, "NL", leniency=Leniency.VALID)) == [], text


# Every form of address and word for a resident the name patterns know, with what may follow it.
NAME_LEADS = [*(f"{word} " for word in TITLE_WORDS),
              *(f"{word}{after}" for word in TITLE_ABBREVIATIONS for after in (". ", ".", " ")),
              *(f"{word}{after}" for word in DOTTED_TITLES for after in (". ", ".")),
              *(f"{word}{after}" for word in ROLE_WORDS for after in (" ", ": ", ", "))]


@pytest.mark.parametrize("lead", NAME_LEADS)
def test_every_form_of_address_and_word_for_a_resident_is_a_candidate_for_a_name(lead: str) -> None:
    """The lint looks for names only in texts with one of these words (``_MIGHT_BE_A_NAME``); each, in small
    letters, with a capital and in capitals, is found in a text among others as every check finds it."""
    for written in (lead, lead[0].upper() + lead[1:], lead.upper()):
        text = f"Gesproken met {written}Piet Jansen."
        texts = ["Een tekst zonder namen.", text, "Nog een tekst."]
        found = list(find_personal_data_in_texts(texts, UNLIMITED))
        assert found == every_check_on_every_text(texts)
        if not written.isupper():
            assert [finding.code for _, finding in found] == ["TB405"], written


# --- The name patterns, written to be searched for fast ----------------------------------------------

def plain_alternation(forms: Sequence[Form], not_after: str = "") -> str:
    """What ``_one_of`` stands for, written the plain way: "(?<![\\w.])(?:[Mm]evrouw\\s+|MEVROUW\\s+|...)"."""
    alternation = "|".join(f"[{letters}]{rest}" for letters, rest in forms)
    return (f"(?<!{not_after})" if not_after else "") + f"(?:{alternation})"


# Each pattern the lint uses, and the same pattern with its fast part written the plain way.
NAME_PATTERNS = [
    (_TITLED_NAME, _TITLED_NAME.pattern.replace(_TITLE, plain_alternation(_TITLE_FORMS, r"[\w.]"), 1)),
    (_NAMED_PERSON, _NAMED_PERSON.pattern.replace(_ROLE, plain_alternation(_ROLE_FORMS, r"[\w-]"), 1)),
    (_MIGHT_BE_A_NAME, _MIGHT_BE_A_NAME.pattern.replace(_NAME_LEAD, plain_alternation(_NAME_LEAD_FORMS), 1)),
]
NAME_FRAGMENTS = [*(form for lead in NAME_LEADS for form in (lead, lead.capitalize(), lead.upper(), lead.title())),
                  "Piet", "Jansen", "J.", "A.B. ", "de ", "Van ", "'t ", "El Amrani", "Fatima-Zahra", "Jan-Willem",
                  "Gemeente", "Utrecht", " ", "  ", "\n", ".", ",", ":", "-", "x", "é", "2", "ß", "vrouw", "heer", "de"]


def fast_and_plain_matches(fast: re.Pattern[str], plain: re.Pattern[str], text: str) -> tuple[list[object], list[object]]:
    return ([(match.span(), match.groupdict()) for match in fast.finditer(text)],
            [(match.span(), match.groupdict()) for match in plain.finditer(text)])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NAME_FRAGMENTS), max_size=14).map("".join))
def test_the_fast_name_patterns_match_what_their_plain_forms_match(text: str) -> None:
    for fast, plain in NAME_PATTERNS:
        found, expected = fast_and_plain_matches(fast, re.compile(plain), text)
        assert found == expected, (fast.pattern[:40], text)
    folded = text.casefold()
    found, expected = fast_and_plain_matches(_MIGHT_BE_A_NAME, re.compile(NAME_PATTERNS[2][1]), folded)
    assert found == expected


def test_the_fast_name_patterns_match_what_their_plain_forms_match_in_every_text_of_every_case() -> None:
    from thuisbasis.loading import load_document
    from thuisbasis.validation.rules import texts_of

    compiled = [(fast, re.compile(plain)) for fast, plain in NAME_PATTERNS]
    found_any = 0
    for path in sorted([*(Path(__file__).parent / "fixtures").rglob("*.yaml"), *(ROOT / "cases").glob("*.yaml")]):
        for text in texts_of(load_document(path)[0].data):
            for fast, plain in compiled:
                for written in (text, text.casefold()):
                    found, expected = fast_and_plain_matches(fast, plain, written)
                    assert found == expected, (path, fast.pattern[:40])
                    found_any += len(found)
    assert found_any > 0
