"""Problems: what is wrong, where, under a stable code, in plain Dutch.

This module is the one place where user-facing messages live. Every code has a short title (used on
the site's error-code page), a message template and a severity. Codes never change meaning; a retired
code is not reused. TB0xx: reading the file. TB1xx: the schema. TB2xx: rules across fields and files.
TB3xx: registries. TB4xx: personal data in any text for the site (privacy lint). TB5xx: upkeep (cases not reviewed
for a long time). TB6xx: turning an issue-form body into a case file (``thuisbasis from-issue``).

Severity: an error makes ``thuisbasis validate`` exit 1 and stops the site build; a warning is printed
the same way (and becomes a ``::warning`` annotation on GitHub) but passes. Warnings are for what a
reviewer must look at but a machine cannot decide, such as a name after "mevrouw".

Templates are data with named fields (``str.format``), so the site's casus wizard can fill the same
templates in the browser. A message that names a place in the file uses the field ``{place}``: the place
in words, then the technical path, as ``validation.schema.place`` writes it:

- a path through list items: the words, then the path in brackets: ``doel 1, indicator 2
  ('doelen[1].indicatoren[2]')``; when fields follow the last item, they come first:
  ``'rol' bij partner 3 ('partners[3].rol')``; each item is named by the singular of its list
  (``schemas.singular_names``: the list's ``x-enkelvoud`` in the schema, else its items' ``title`` in
  lower case), and "item N van 'veld'" where a list has none; counting starts at 1;
- a path without list items: only the path, quoted: ``'locatie.provincie'``; the whole file: ``het bestand``.

``{where}`` (TB101, TB102) is empty for the top level of the file, else " in " and the ``{place}`` of the
group. A message that starts with a place in words starts with a capital ("Doelgroep 1 (...)").
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple


class Position(NamedTuple):
    line: int
    column: int


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label(self) -> str:
        """The Dutch word a partner reads."""
        return "fout" if self is Severity.ERROR else "waarschuwing"


@dataclass(frozen=True)
class Code:
    code: str
    title: str
    template: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True, order=True)
class Place:
    """A place in a file, the way every message of Thuisbasis starts: ``path:line:column``."""

    path: Path
    line: int
    column: int

    def where(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem(Place):
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.where()}: {self.code} {self.message}"

    @property
    def severity(self) -> Severity:
        """Taken from the catalogue, so a code is always as severe as it is documented."""
        entry = CODES.get(self.code)
        return entry.severity if entry is not None else Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


WARNING = Severity.WARNING

_CATALOGUE = [
    # Reading the file.
    Code("TB001", "Bestand niet te lezen", "Het bestand is niet te lezen: {reason}."),
    Code("TB002", "Bestand te groot", "Het bestand is {size} KiB; de grens is {limit} KiB. Een casus is veel kleiner: staat er iets in dat er niet hoort?"),
    Code("TB003", "Geen UTF-8", "Het bestand is geen geldige UTF-8-tekst ({detail}). Sla het op als UTF-8."),
    Code("TB004", "Verboden teken", "Het bestand bevat het onzichtbare teken {character}. Verwijder het; vaak komt het mee bij kopiëren en plakken."),
    Code("TB005", "YAML-syntaxfout", "De YAML klopt hier niet: {detail}."),
    Code("TB006", "Dubbel veld", "Het veld '{key}' staat twee keer in dezelfde groep (eerst op regel {first_line}). Houd er één over."),
    Code("TB007", "Anker of alias", "Ankers en aliassen (&{name} en *{name}) zijn niet toegestaan. Schrijf de waarde gewoon uit."),
    Code("TB008", "Samenvoegsleutel", "De samenvoegsleutel '<<' is niet toegestaan. Schrijf de velden gewoon uit."),
    Code("TB009", "Tag", "De tag '{tag}' is niet toegestaan. Wil je dat een waarde tekst blijft, zet haar dan tussen aanhalingstekens."),
    Code("TB010", "Meer dan één document", "Het bestand bevat een tweede document (na '---'). Zet elke casus in een eigen bestand."),
    Code("TB011", "Leeg bestand", "Het bestand is leeg. Begin met het sjabloon: thuisbasis new \"Titel van de casus\"."),
    Code("TB012", "Te diep genest", "De gegevens zijn dieper genest dan {limit} niveaus. Zo diep gaat geen enkel veld."),
    Code("TB013", "Sleutel geen tekst", "Een veldnaam moet gewone tekst zijn, geen lijst of groep."),
    Code("TB014", "Geen groep velden", "Het bestand moet bestaan uit velden als 'titel: ...', maar het is {kind}."),
    Code("TB015", "Geen gewoon bestand", "Dit is {kind}, geen gewoon bestand; Thuisbasis leest alleen gewone bestanden. Zet de tekst zelf in een .yaml-bestand."),
    Code("TB016", "Rest niet gecontroleerd", "Door de fout in de YAML op regel {error_line} is het bestand vanaf regel {line} niet gecontroleerd. Herstel eerst die fout en controleer het bestand opnieuw; dan volgen ook de meldingen over de rest.", WARNING),
    # The schema.
    Code("TB101", "Verplicht veld ontbreekt", "Het verplichte veld '{field}' ontbreekt{where}. {hint}"),
    Code("TB102", "Onbekend veld", "Het veld '{field}' bestaat niet{where}.{suggestion} Toegestaan: {allowed}."),
    Code("TB103", "Verkeerd soort waarde", "{place} moet {expected} zijn, maar is {actual}.{hint}"),
    Code("TB104", "Waarde niet in register", "{place} is '{value}', maar dat staat niet in het register {registry}.{suggestion} Toegestaan: {allowed}."),
    Code("TB105", "Tekst te kort of te lang", "{place} is {actual} lang; {expected}."),
    Code("TB106", "Verkeerde vorm", "{place} heeft niet de juiste vorm: '{value}'. {hint}"),
    Code("TB107", "Geen bestaande datum", "{place} is '{value}', maar die datum bestaat niet."),
    Code("TB108", "Getal buiten bereik", "{place} is {value}; {expected}."),
    Code("TB109", "Lijst klopt niet", "{place} {detail}."),
    Code("TB110", "Samenhangend veld ontbreekt", "{place} heeft '{present}', maar '{missing}' ontbreekt. {hint}"),
    Code("TB112", "Veld nog leeg", "{place} is nog leeg. {hint}"),
    Code("TB111", "Lege groep", "{place} is leeg. Vul minstens één veld in of laat het helemaal weg."),
    Code("TB113", "Getal te groot", "{place} is {value}: zo'n groot getal kan Thuisbasis niet verwerken. {expected}."),
    Code("TB114", "Onzichtbaar teken", "{place} bevat het onzichtbare of onbekende teken {character}. Verwijder het; vaak komt het mee bij kopiëren en plakken."),
    Code("TB198", "Te veel problemen", "Dit bestand heeft meer dan {limit} problemen van één soort; de rest staat hier niet. Los deze eerst op en controleer het bestand opnieuw."),
    Code("TB199", "Schemafout", "{place}: {detail}."),
    # Rules across fields and files.
    Code("TB201", "Id past niet bij bestandsnaam", "Het id is '{value}', maar het bestand heet '{filename}'. Maak ze gelijk: het id is de bestandsnaam zonder .yaml."),
    Code("TB202", "Id dubbel", "Het id '{value}' wordt ook gebruikt in {other}. Elk id komt maar één keer voor."),
    Code("TB203", "Einde vóór start", "De einddatum {end} ligt vóór de startdatum {start}."),
    Code("TB204", "Waarde past niet bij eenheid", "{place} is {value}, maar in de eenheid '{unit}' {expected}."),
    Code("TB205", "Onbekende bron", "{place} verwijst naar de bron '{value}', maar die staat niet bij 'bronnen'. Bekende bronnen: {allowed}."),
    Code("TB206", "Bron-id dubbel", "Het bron-id '{value}' staat twee keer bij 'bronnen' (eerst op regel {first_line})."),
    Code("TB207", "Link niet toegestaan", "{place} bevat een link naar '{value}'. Alleen links die beginnen met https://, http:// of mailto: zijn toegestaan."),
    Code("TB208", "Datum in de toekomst", "{place} is {value}; dat ligt na vandaag ({today}). {hint}"),
    Code("TB209", "Afgerond zonder einde", "De status is 'afgerond', maar 'periode.eind' ontbreekt. Vul de einddatum in (of 'onbekend')."),
    Code("TB210", "Dubbel werkzaam bestanddeel", "Het werkzame bestanddeel '{value}' staat twee keer in de lijst (eerst op regel {first_line}). Voeg de toepassingen samen."),
    Code("TB211", "Indicator zonder waarden", "De indicator '{value}' heeft geen nulmeting, streefwaarde, resultaat of verwachting. Vul minstens één waarde in, of zet wat je weet in een 'toelichting' bij het doel."),
    # TB212 ("Onbekende verwijzing") was listed but never emitted (TB104 says it): retired, not reused.
    Code("TB213", "Id is de naam van een vaste pagina", "Het id '{value}' geeft de pagina {page}, maar die maakt de site al zelf. Kies een ander id en geef het bestand dezelfde naam."),
    Code("TB215", "Te veel haken", "{place} bevat {count} keer '['; er mogen er hoogstens {limit} in staan. Zoveel links of haakjes heeft een casus niet nodig: schrijf de tekst gewoon uit."),
    Code("TB216", "Punt als duizendtal", "{place} is {text}. Voor de computer is dat {read}: de punt staat voor een komma. Bedoel je {meant}? Schrijf grote getallen zonder punt: {meant}. Bedoel je echt {read}, dan klopt het.", WARNING),
    Code("TB214", "Register-id is de naam van een vaste pagina", "Het id '{value}' geeft de pagina {page}, maar die maakt de site al zelf. Kies een ander id."),
    Code("TB240", "Meetwaarde klopt niet", "{place} {detail}. Schrijf één getal als 'waarde' (zoals {{waarde: 450, kwalificatie: ruim}}) of een bereik met 'van' en 'tot' (zoals {{van: 800, tot: 900}})."),
    Code("TB241", "Bereik loopt achteruit", "{place} loopt van {low} tot {high}, maar 'van' moet kleiner zijn dan 'tot'. Zet het laagste getal bij 'van'."),
    Code("TB242", "Evaluatie zonder uitkomst", "De evaluatie '{value}' heeft geen 'uitkomst'. Vul in wat de evaluatie vond: positief, gemengd, geen-effect of negatief. Ook een negatieve uitkomst is waardevol.", WARNING),
    Code("TB243", "Onbekend landelijk cijfer", "{place} verwijst naar het landelijke cijfer '{value}', maar dat staat niet in {file}. Bekende cijfers: {allowed}."),
    Code("TB244", "Geen doelen met cijfers", "Er staan geen doelen met cijfers in deze casus. Noem bij 'doelen' wat de casus wilde bereiken, met de streefwaarde en het resultaat als de bron die noemt, en hoe het resultaat gemeten is. Weet je het niet, zet het dan bij 'niet_vermeld'.", WARNING),
    Code("TB245", "Geen kosten", "Er staan geen kosten in deze casus. Noem bij 'kosten' de bedragen uit de bronnen (investering, exploitatie, begeleiding, huur), per wat en voor welk jaar. Noemen de bronnen geen kosten, zet dat dan bij 'niet_vermeld'.", WARNING),
    Code("TB246", "Geen evaluatie", "Er staat geen evaluatie in deze casus. Is de aanpak onderzocht, noem dan bij 'evaluaties' wie het deed, hoe en wat de uitkomst was. Is er geen onderzoek, zet dat dan bij 'niet_vermeld'.", WARNING),
    Code("TB247", "Landelijk cijfer dubbel", "Het cijfer-id '{value}' staat twee keer bij 'cijfers' (eerst op regel {first_line}). Casussen verwijzen ernaar: elk id komt één keer voor."),
    Code("TB250", "Onbekende casus bij zie_ook", "{place} verwijst naar de casus '{value}', maar die staat niet in cases/. Gebruik het id van een bestaande casus (de bestandsnaam zonder .yaml)."),
    Code("TB251", "Provincie past niet bij land", "De provincie '{province}' ligt in {province_country}, maar 'locatie.land' is {country}. {hint}"),
    Code("TB252", "Casus verwijst naar zichzelf", "{place} noemt de casus zelf. Zet bij 'zie_ook' alleen andere casussen."),
    Code("TB231", "Id dubbel in checklist", "Het {kind}-id '{value}' staat twee keer in deze checklist (eerst op regel {first_line}). Elk id komt één keer voor: de antwoorden van gebruikers hangen eraan."),
    Code("TB232", "Onbekende casus", "{place} verwijst naar de casus '{value}', maar die staat niet in cases/. Gebruik het id van een bestaande casus (de bestandsnaam zonder .yaml)."),
    Code("TB233", "Item niet herleidbaar", "Het item '{value}' noemt geen bron en geen casus. Elk punt moet herleidbaar zijn: vul 'bronnen' of 'casussen' in."),
    Code("TB234", "Groepsgrootte klopt niet", "De groepsgrootte loopt van {minimum} tot {maximum}: het minimum is groter dan het maximum."),
    Code("TB299", "Interne fout", "De controle '{rule}' liep vast ({error}). Dit is een fout in Thuisbasis, niet in je bestand; meld het aan de redactie."),
    # Registries and the schema that mirrors them.
    Code("TB301", "Register-id dubbel", "Het id '{value}' staat twee keer in dit register (eerst op regel {first_line})."),
    Code("TB302", "Schema loopt achter op register", "Het schema {schema} noemt voor '{field}' andere waarden dan dit register ({difference}). Draai: thuisbasis schema --write"),
    Code("TB303", "Eenheid onvolledig", "De eenheid '{value}' mist 'geheel_getal' (true of false)."),
    Code("TB304", "Bredere waarde klopt niet", "'{value}' is 'onderdeel_van' '{broader}', maar {reason}. Noem een ander id uit dit register, of laat 'onderdeel_van' weg."),
    # Personal data in any text for the site. Warnings, except what is always personal: a BSN or a bank account.
    Code("TB401", "Mobiel telefoonnummer", "{place} bevat een mobiel telefoonnummer ({value}). Zet geen nummers van personen in een casus; noem bij 'contact' de organisatie en haar website.", WARNING),
    Code("TB402", "Persoonlijk e-mailadres", "{place} bevat het e-mailadres {value}. Dat lijkt het adres van een persoon. Gebruik een algemeen adres van de organisatie, zoals info@organisatie.nl.", WARNING),
    Code("TB403", "Burgerservicenummer", "{place} bevat een getal dat een burgerservicenummer (BSN) kan zijn (het klopt met de elfproef). Een BSN hoort nooit op de site: haal het weg."),
    Code("TB404", "Rekeningnummer", "{place} bevat een rekeningnummer (IBAN). Rekeningnummers horen niet op de site: haal het weg."),
    Code("TB405", "Naam van een persoon", "{place} noemt een persoon: '{value}'. Noem geen namen van bewoners of medewerkers; schrijf bijvoorbeeld 'een bewoner' of 'de wijkcoördinator'.", WARNING),
    Code("TB406", "Meer van hetzelfde", "Vanaf {place} staan in dit bestand nog {count} meldingen {kind}; die worden niet apart getoond. Haal eerst de gemelde weg en controleer dan opnieuw.", WARNING),
    Code("TB407", "Te veel nummers", "Vanaf {place} staan in dit bestand nog {count} nummers die met +, 00 of 06 beginnen; het zijn er te veel om na te gaan of het mobiele nummers zijn. Haal telefoonnummers van personen weg en controleer dan opnieuw.", WARNING),
    # Upkeep (thuisbasis stale).
    Code("TB501", "Lang niet beoordeeld", "De casus is voor het laatst beoordeeld op {value}, meer dan {years} jaar geleden. Kijk of alles nog klopt en zet dan de datum van die controle bij 'laatst_beoordeeld'.", WARNING),
    # An issue-form body turned into a case file (thuisbasis from-issue).
    Code("TB601", "Geen aanmeldformulier", "Dit is geen aanmelding via het formulier 'Casus aanmelden': er staat geen enkel kopje van het formulier in (zoals '### {example}'). Kopieer de hele tekst van het issue."),
    Code("TB602", "Vraag ontbreekt", "Het kopje '### {label}' ontbreekt. Het formulier stelt die vraag altijd; is de tekst wel helemaal gekopieerd?"),
    Code("TB603", "Vraag dubbel", "Het kopje '### {label}' staat twee keer in de tekst (eerst op regel {first_line}). Houd er één over."),
    Code("TB604", "Regel niet te lezen", "Bij '{label}' is deze regel niet te lezen: '{value}'. Schrijf hem als: {expected}."),
    Code("TB605", "Formulier niet te lezen", "Het formulier {form} is niet te lezen: {reason}. Dit is een fout in Thuisbasis; meld het aan de redactie."),
]

CODES: dict[str, Code] = {entry.code: entry for entry in _CATALOGUE}


def problem(code: str, path: Path, position: Position, **fields: Any) -> Problem:
    """Build the problem ``code`` at ``position``, filling in its Dutch message.

    Every field is made printable first (``printable``): a field can hold a partner's key, value or file
    name, and the message must stay one line whatever they contain."""
    safe = {name: printable(str(value), limit=MAX_FIELD_CHARACTERS) for name, value in fields.items()}
    message = CODES[code].template.format(**safe).strip()
    message = message[:1].upper() + message[1:]  # "{place} is ..." can start with a word: "Doelgroep 2 (...)"
    return Problem(path=path, line=position.line, column=position.column, code=code, message=message)


MAX_FIELD_CHARACTERS = 1000  # of one field in a message; the longest list of allowed values is 853
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Characters that could break a line or hide what a line says: control and format characters
# (U+0085, bidirectional controls, zero-width characters), line and paragraph separators (U+2028,
# U+2029) and lone surrogates (undecodable bytes in a file name). Everything else prints as itself.
_UNPRINTABLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str, limit: int | None = None) -> str:
    """``text`` as one printable line: each unprintable character written as an escape (a line break
    as \\n, U+2028 as \\u2028), and with ``limit``, text over that many characters cut off with
    "… (nog N tekens)". The one place where text a user wrote is made safe to echo."""
    if limit is not None and len(text) > limit:
        text = f"{text[:limit]}… (nog {len(text) - limit} tekens)"
    if text.isprintable():  # the common case: nothing to escape
        return text
    return "".join(_escaped(character) for character in text)


def _escaped(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    if unicodedata.category(character) not in _UNPRINTABLE_CATEGORIES:
        return character
    code_point = ord(character)
    return f"\\x{code_point:02x}" if code_point < 0x100 else (
        f"\\u{code_point:04x}" if code_point < 0x10000 else f"\\U{code_point:08x}")


def number_text(value: object) -> str:
    """A number as a Dutch message writes it: 2,5 and 40 (not 2.5 or 40.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:  # 1e300 stays 1e+300, not 301 digits
        value = int(value)
    return str(value).replace(".", ",") if isinstance(value, float) else str(value)


def counted(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def display_path(path: Path) -> str:
    """The path as a user wants to read it: relative to the working directory where possible, and
    printable (a file name may hold a line break). Output lines start with the path, and GitHub's runner
    reads a line that starts with '::' (after spaces) as a workflow command; such a path gets './'."""
    try:  # a link is named as itself, never followed (where it points is not the partner's file; it may loop)
        shown = printable(Path(os.path.abspath(path)).relative_to(os.getcwd()).as_posix())
    except ValueError:
        shown = printable(path.as_posix())
    return f"./{shown}" if shown[:1].isspace() or shown.startswith(":") else shown
