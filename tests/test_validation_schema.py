"""Schema checks: each jsonschema error becomes one Dutch problem at the right line.

Every bad input is a small edit of the valid case, so each test has exactly the problems it lists.
Problems are shown as ``line:column: CODE message`` (the path prefix of ``str(problem)`` left off).
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY, VALID_CASE, replace_line, valid_case_text
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import first_forbidden_character, load_document
from thuisbasis.model.registries import Registry, Term
from thuisbasis.problems import Problem
from thuisbasis.schemas import CASE_SCHEMA, CHECKLIST_SCHEMA, REGISTRY_SCHEMA, load_schema
from thuisbasis.validation import validate_paths
from thuisbasis.validation.schema import field_name, is_valid_fast, parse_partial_date, validator_for

Edits = list[tuple[str, str]]

# Registry lists as messages show them: the id alone where the label only repeats it, else "id (Label)".
WOONVORMEN = (
    "tijdelijke-huisvesting (Tijdelijke huisvesting in leegstaand vastgoed), woningdelen, inbedding-in-de-wijk, "
    "gemengd-wonen, housing-first, flexwonen, versnelde-toewijzing, "
    "begeleid-zelfstandig-wonen (Zelfstandig wonen met begeleiding)"
)
PROVINCIES = (
    "drenthe, flevoland, friesland (Fryslân), gelderland, groningen, limburg, noord-brabant, noord-holland, overijssel, "
    "utrecht, zeeland, zuid-holland, heel-nederland, antwerpen (Antwerpen (België)), oost-vlaanderen (Oost-Vlaanderen (België)), "
    "west-vlaanderen (West-Vlaanderen (België)), vlaams-brabant (Vlaams-Brabant (België)), limburg-be (Limburg "
    "(België)), brussel (Brussel (België))"
)
ROLLEN = (
    "regie (Regie en opdrachtgeverschap), verhuur (Eigenaar of verhuurder), begeleiding (Zorg en begeleiding), "
    "bemiddeling (Bemiddeling en toewijzing), financiering, uitvoering, kennis (Kennis en advies), buurt-en-bewoners, "
    "partij-bij-afspraak (Partij bij de afspraak), rol-niet-vermeld (Genoemd; rol staat niet in de bron)"
)
DOELGROEPEN = (
    "statushouders, jonge-statushouders (Jonge alleenstaande statushouders), "
    "uitstroom-mo (Uitstroom maatschappelijke opvang), uitstroom-bw (Uitstroom beschermd wonen), "
    "dakloze-mensen (Dak- en thuisloze mensen), urgent-woningzoekenden, reguliere-huurders, andere-aandachtsgroepen"
)
MEETWIJZEN = "genoemd-door-betrokkenen, zelf-gemeten, extern-gemeten, extern-geevalueerd (Extern geëvalueerd)"
STATUSSEN = "gepland, lopend, afgerond"
TOP_LEVEL_FIELDS = (
    "id, titel, samenvatting, woonvorm, doelgroepen, doelgroepen_uit_context, locatie, partners, periode, status, status_bron, schaal, "
    "aanleiding, aanpak, doelen, werkzame_bestanddelen, randvoorwaarden, kosten, financiering, lessen, evaluaties, "
    "erkenning, niet_vermeld, landelijke_cijfers, zie_ook, bronnen, contact, laatst_beoordeeld, toegevoegd"
)
NUMBER_HINT = " Schrijf alleen een getal, zonder aanhalingstekens en zonder eenheid, zoals 450 of 12.5."
MEASURE_HINT = (" Schrijf een getal zonder eenheid, zoals 450 of 12.5. Zegt de bron 'ruim 450' of 'tussen 800 en 900', "
                "schrijf dan {waarde: 450, kwalificatie: ruim} of {van: 800, tot: 900}.")
EMPTY_HINT = " Vul een waarde in of laat het veld weg als het niet verplicht is."
ID_HINT = "Korte naam van de casus: kleine letters, cijfers en streepjes. Gelijk aan de bestandsnaam zonder .yaml."
URL_HINT = "Een volledig webadres dat begint met https:// of http://."
PARTIAL_DATE_HINT = "Een datum als 2024-03-01, 2024-03 of 2024, of 'onbekend'."
TITEL = "titel: Gemengd wonen in een voormalig kantoor (voorbeeld)"
RANDVOORWAARDE = "- Een eigenaar die het kantoor tien jaar beschikbaar stelt."


def edited(edits: Edits) -> str:
    text = valid_case_text()
    for old, new in edits:
        text = replace_line(text, old, new)
    return text


def shown(problems: list[Problem]) -> list[str]:
    return [f"{found.line}:{found.column}: {found.code} {found.message}" for found in problems]


Check = Callable[..., list[Problem]]


def test_the_valid_case_has_no_schema_problems(problems_in: Check) -> None:
    assert problems_in(valid_case_text()) == []


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        # TB104: a value that is not in the registry lists the allowed ones (ids with labels).
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: iglo")],
                     [f"8:11: TB104 'woonvorm' is 'iglo', maar dat staat niet in het register 'Woonvormen'. "
                      f"Toegestaan: {WOONVORMEN}."], id="TB104-woonvorm-unknown"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: gemengd-wone")],
                     [f"8:11: TB104 'woonvorm' is 'gemengd-wone', maar dat staat niet in het register 'Woonvormen'. "
                      f"Bedoelde je 'gemengd-wonen'? Toegestaan: {WOONVORMEN}."], id="TB104-woonvorm-near-miss"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: gemengd wonen")],
                     [f"8:11: TB104 'woonvorm' is 'gemengd wonen', maar dat staat niet in het register 'Woonvormen'. "
                      f"Bedoelde je 'gemengd-wonen'? Toegestaan: {WOONVORMEN}."], id="TB104-woonvorm-space-for-dash"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: Zelfstandig wonen met begeleiding")],
                     [f"8:11: TB104 'woonvorm' is 'Zelfstandig wonen met begeleiding', maar dat staat niet in het "
                      f"register 'Woonvormen'. Bedoelde je 'begeleid-zelfstandig-wonen'? Toegestaan: {WOONVORMEN}."],
                     id="TB104-woonvorm-label-instead-of-id"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: HOUSING FIRST")],
                     [f"8:11: TB104 'woonvorm' is 'HOUSING FIRST', maar dat staat niet in het register 'Woonvormen'. "
                      f"Bedoelde je 'housing-first'? Toegestaan: {WOONVORMEN}."], id="TB104-woonvorm-label-any-case"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: 12")],
                     [f"8:11: TB104 'woonvorm' is '12', maar dat staat niet in het register 'Woonvormen'. "
                      f"Toegestaan: {WOONVORMEN}."], id="TB104-number-is-read-as-text"),
        pytest.param([("provincie: utrecht", "provincie: Fryslân")],
                     [f"15:14: TB104 'locatie.provincie' is 'Fryslân', maar dat staat niet in het register 'Provincies'. "
                      f"Bedoelde je 'friesland'? Toegestaan: {PROVINCIES}."], id="TB104-provincie-label"),
        pytest.param([("rol: verhuur", "rol: huurder")],
                     [f"22:10: TB104 'rol' bij partner 2 ('partners[2].rol') is 'huurder', maar dat staat niet in het register "
                      f"'Rollen van partners'. Toegestaan: {ROLLEN}."], id="TB104-rol-in-second-partner"),
        pytest.param([("- reguliere-huurders", "- reguliere huurders")],
                     [f"11:5: TB104 Doelgroep 2 ('doelgroepen[2]') is 'reguliere huurders', maar dat staat niet in het register "
                      f"'Doelgroepen'. Bedoelde je 'reguliere-huurders'? Toegestaan: {DOELGROEPEN}."],
                     id="TB104-list-item"),
        pytest.param([("meetwijze: zelf-gemeten", "meetwijze: Zelf gemeten")],
                     [f"48:20: TB104 'meetwijze' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].meetwijze') is 'Zelf gemeten', maar dat staat niet in "
                      f"het register 'Meetwijzen'. Bedoelde je 'zelf-gemeten'? Toegestaan: {MEETWIJZEN}."],
                     id="TB104-deep-in-indicator"),
        pytest.param([("status: afgerond", "status: klaar")],
                     [f"26:9: TB104 'status' is 'klaar', maar dat staat niet in het register 'Status'. "
                      f"Toegestaan: {STATUSSEN}."], id="TB104-status"),
        # TB102: unknown field, with a suggestion when one is close.
        pytest.param([("wijk: Centrum", "wijkk: Centrum")],
                     ["16:3: TB102 Het veld 'wijkk' bestaat niet in 'locatie'. Bedoelde je 'wijk'? "
                      "Toegestaan: gemeenten, provincie, land, wijk, regio."], id="TB102-nested-with-suggestion"),
        pytest.param([("wijk: Centrum", "buurt: Centrum")],
                     ["16:3: TB102 Het veld 'buurt' bestaat niet in 'locatie'. "
                      "Toegestaan: gemeenten, provincie, land, wijk, regio."], id="TB102-nested-without-suggestion"),
        pytest.param([("laatst_beoordeeld: \"2026-01-15\"", "laatst_beoordeeld: \"2026-01-15\"\nfoto: x")],
                     [f"104:1: TB102 Het veld 'foto' bestaat niet. Toegestaan: {TOP_LEVEL_FIELDS}."],
                     id="TB102-top-level"),
        pytest.param([("rol: verhuur", "rool: verhuur")],
                     ["21:5: TB101 Het verplichte veld 'rol' ontbreekt in partner 2 ('partners[2]'). "
                      "Rol: Wat de organisatie in de casus doet.",
                      "22:5: TB102 Het veld 'rool' bestaat niet in partner 2 ('partners[2]'). Bedoelde je 'rol'? "
                      "Toegestaan: organisatie, rol."],
                     id="TB102-typo-in-list-item-also-misses-the-field"),
        # TB101: missing required field, at the position of the group that misses it.
        pytest.param([("laatst_beoordeeld: \"2026-01-15\"", "")],
                     ["3:1: TB101 Het verplichte veld 'laatst_beoordeeld' ontbreekt. Laatst beoordeeld: Datum waarop "
                      "de redactie de casus voor het laatst heeft nagekeken, als 2026-11-21."], id="TB101-top-level"),
        pytest.param([("provincie: utrecht", "")],
                     ["13:3: TB101 Het verplichte veld 'provincie' ontbreekt in 'locatie'. Provincie: De "
                      "provincie waarin de casus (vooral) plaatsvindt."], id="TB101-nested"),
        pytest.param([("onafhankelijk: true", "")],
                     ["76:5: TB101 Het verplichte veld 'onafhankelijk' ontbreekt in evaluatie 1 ('evaluaties[1]'). "
                      "Onafhankelijk: true als de onderzoeker geen partner in de casus is."], id="TB101-in-list-item"),
        # TB103: wrong kind of value; one problem, with a hint.
        pytest.param([("wooneenheden: 40", 'wooneenheden: "12"')],
                     ["28:17: TB103 'schaal.wooneenheden' moet een geheel getal zijn, maar is de tekst '12'." + NUMBER_HINT],
                     id="TB103-quoted-number"),
        pytest.param([("wooneenheden: 40", "wooneenheden: 12:30")],
                     ["28:17: TB103 'schaal.wooneenheden' moet een geheel getal zijn, maar is de tekst '12:30'." + NUMBER_HINT],
                     id="TB103-sexagesimal"),
        pytest.param([("bewoners: 20", "bewoners: 01234567")],
                     ["29:13: TB103 'schaal.bewoners' moet een geheel getal zijn, maar is de tekst '01234567'." + NUMBER_HINT],
                     id="TB103-leading-zero"),
        pytest.param([("wooneenheden: 40", "wooneenheden: 40.5")],
                     ["28:17: TB103 'schaal.wooneenheden' moet een geheel getal zijn, maar is het getal 40,5. "
                      "Schrijf een heel getal, zonder komma of punt."], id="TB103-float-for-integer"),
        pytest.param([("wooneenheden: 40", "wooneenheden: true")],
                     ["28:17: TB103 'schaal.wooneenheden' moet een geheel getal zijn, maar is de waarde true."],
                     id="TB103-bool-for-integer"),
        pytest.param([("resultaat: 72.5", "resultaat: 72,5")],
                     ["53:20: TB103 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') moet een getal of een groep velden zijn, maar "
                      "is de tekst '72,5'. Gebruik een punt voor een decimaal getal: 72.5."], id="TB103-decimal-comma"),
        pytest.param([("resultaat: 72.5", "resultaat: ruim 72")],
                     ["53:20: TB103 'resultaat' bij doel 1, indicator 2 ('doelen[1].indicatoren[2].resultaat') moet een getal of een groep velden zijn, maar "
                      "is de tekst 'ruim 72'." + MEASURE_HINT], id="TB103-qualifier-written-in-the-number"),
        pytest.param([("bedrag: 500000", "bedrag: € 500000")],
                     ["68:13: TB103 'bedrag' bij financieringsbron 1 ('financiering[1].bedrag') moet een getal of een groep velden zijn, maar is de tekst "
                      "'€ 500000'." + MEASURE_HINT],
                     id="TB103-currency-sign"),
        pytest.param([("bedrag: 500000", "bedrag: 1e3")],
                     ["68:13: TB103 'bedrag' bij financieringsbron 1 ('financiering[1].bedrag') moet een getal of een groep velden zijn, maar is de tekst "
                      "'1e3'." + MEASURE_HINT],
                     id="TB103-exponent-without-fraction"),
        pytest.param([("onafhankelijk: true", "onafhankelijk: yes")],
                     ["78:20: TB103 'onafhankelijk' bij evaluatie 1 ('evaluaties[1].onafhankelijk') moet true of false zijn, maar is de tekst 'yes'. "
                      "Schrijf true of false (ja, nee, yes of no tellen niet)."], id="TB103-yes-for-boolean"),
        pytest.param([("onafhankelijk: true", "onafhankelijk: ja")],
                     ["78:20: TB103 'onafhankelijk' bij evaluatie 1 ('evaluaties[1].onafhankelijk') moet true of false zijn, maar is de tekst 'ja'. "
                      "Schrijf true of false (ja, nee, yes of no tellen niet)."], id="TB103-ja-for-boolean"),
        pytest.param([("onafhankelijk: true", "onafhankelijk: 1")],
                     ["78:20: TB103 'onafhankelijk' bij evaluatie 1 ('evaluaties[1].onafhankelijk') moet true of false zijn, maar is het getal 1. "
                      "Schrijf true of false (ja, nee, yes of no tellen niet)."], id="TB103-number-for-boolean"),
        pytest.param([(TITEL, "titel:")],
                     ["4:7: TB103 'titel' moet tekst zijn, maar is leeg." + EMPTY_HINT], id="TB103-empty-titel"),
        pytest.param([(TITEL, "titel: [a, b]")],
                     ["4:8: TB103 'titel' moet tekst zijn, maar is een lijst."], id="TB103-list-for-text"),
        pytest.param([(TITEL, "titel: {Gemengd wonen: een voorbeeld}")],
                     ["4:8: TB103 'titel' moet tekst zijn, maar is een groep velden. Staat er een dubbele punt met een "
                      "spatie in de tekst? Zet de tekst dan tussen aanhalingstekens."], id="TB103-mapping-for-text"),
        pytest.param([("doelgroepen:", "doelgroepen: uitstroom-mo"), ("- uitstroom-mo", ""), ("- reguliere-huurders", "")],
                     ["9:14: TB103 'doelgroepen' moet een lijst zijn, maar is de tekst 'uitstroom-mo'. Schrijf een "
                      "lijst: elk item op een eigen regel, beginnend met '- '."], id="TB103-text-for-list"),
        pytest.param([("locatie:", "locatie: Utrecht"), ("gemeenten:", ""), ("- Voorbeeldstad", ""),
                      ("provincie: utrecht", ""), ("wijk: Centrum", ""), ("regio: Voorbeeldregio", "")],
                     ["12:10: TB103 'locatie' moet een groep velden zijn, maar is de tekst 'Utrecht'. Schrijf de "
                      "onderdelen op eigen regels eronder, ingesprongen, als 'veld: waarde'."], id="TB103-text-for-group"),
        pytest.param([("wooneenheden: 40", ""), ("bewoners: 20", ""),
                      ("toelichting: De helft van de bewoners komt uit de opvang.", "")],
                     ["27:8: TB103 'schaal' moet een groep velden zijn, maar is leeg." + EMPTY_HINT],
                     id="TB103-group-left-empty"),
        pytest.param([("- Voorbeeldstad", "- {naam: Voorbeeldstad}")],
                     ["14:7: TB103 Gemeente 1 ('locatie.gemeenten[1]') moet tekst zijn, maar is een groep velden. Staat er een "
                      "dubbele punt met een spatie in de tekst? Zet de tekst dan tussen aanhalingstekens."],
                     id="TB103-group-as-list-item"),
        # TB105: text too short or too long.
        pytest.param([(TITEL, "titel: Kort")], ["4:8: TB105 'titel' is 4 tekens lang; minimaal 5 tekens."],
                     id="TB105-too-short"),
        pytest.param([(TITEL, "titel: " + "x" * 121)], ["4:8: TB105 'titel' is 121 tekens lang; maximaal 120 tekens."],
                     id="TB105-too-long"),
        pytest.param([(TITEL, "titel: " + "é" * 120)], [], id="TB105-counts-characters-not-bytes"),
        pytest.param([("- Voorbeeldstad", "- X")],
                     ["14:7: TB105 Gemeente 1 ('locatie.gemeenten[1]') is 1 teken lang; minimaal 2 tekens."], id="TB105-list-item"),
        # TB106: pattern.
        pytest.param([("id: voorbeeld-gemengd-wonen", "id: Voorbeeld_Gemengd")],
                     [f"3:5: TB106 'id' heeft niet de juiste vorm: 'Voorbeeld_Gemengd'. {ID_HINT}",
                      "3:5: TB201 Het id is 'Voorbeeld_Gemengd', maar het bestand heet 'voorbeeld-gemengd-wonen.yaml'. "
                      "Maak ze gelijk: het id is de bestandsnaam zonder .yaml."], id="TB106-bad-id-also-mismatches-file"),
        pytest.param([("website: https://example.org", "website: javascript:alert(1)")],
                     [f"101:12: TB106 'contact.website' heeft niet de juiste vorm: 'javascript:alert(1)'. {URL_HINT}"],
                     id="TB106-javascript-url"),
        pytest.param([("website: https://example.org", "website: www.example.org")],
                     [f"101:12: TB106 'contact.website' heeft niet de juiste vorm: 'www.example.org'. {URL_HINT}"],
                     id="TB106-url-without-scheme"),
        pytest.param([("url: https://example.org/jaarverslag", "url: ftp://example.org/x")],
                     [f"94:10: TB106 'url' bij bron 1 ('bronnen[1].url') heeft niet de juiste vorm: 'ftp://example.org/x'. {URL_HINT}"],
                     id="TB106-ftp-url"),
        pytest.param([("email: info@example.org", "email: info@example")],
                     ["102:10: TB106 'contact.email' heeft niet de juiste vorm: 'info@example'. Algemeen e-mailadres "
                      "van de organisatie, zoals info@organisatie.nl."], id="TB106-email-without-domain"),
        pytest.param([('datum: "2025"', 'datum: "2024-2-3"')],
                     [f"98:12: TB106 'datum' bij bron 2 ('bronnen[2].datum') heeft niet de juiste vorm: '2024-2-3'. {PARTIAL_DATE_HINT}"],
                     id="TB106-date-without-leading-zeros-not-also-TB107"),
        pytest.param([('laatst_beoordeeld: "2026-01-15"', 'laatst_beoordeeld: "2026-01"')],
                     ["103:20: TB106 'laatst_beoordeeld' heeft niet de juiste vorm: '2026-01'. Een datum als "
                      "jjjj-mm-dd, bijvoorbeeld 2024-03-01."], id="TB106-partial-date-where-full-date-needed"),
        # TB107: dates that do not exist.
        pytest.param([('start: "2023-03"', 'start: "2024-02-30"')],
                     ["24:10: TB107 'periode.start' is '2024-02-30', maar die datum bestaat niet."], id="TB107-30-february"),
        pytest.param([('start: "2023-03"', 'start: "2023-13"')],
                     ["24:10: TB107 'periode.start' is '2023-13', maar die datum bestaat niet."], id="TB107-month-13"),
        pytest.param([('start: "2023-03"', 'start: "2023-00"')],
                     ["24:10: TB107 'periode.start' is '2023-00', maar die datum bestaat niet."], id="TB107-month-0"),
        pytest.param([('laatst_beoordeeld: "2026-01-15"', 'laatst_beoordeeld: "2025-02-29"')],
                     ["103:20: TB107 'laatst_beoordeeld' is '2025-02-29', maar die datum bestaat niet."],
                     id="TB107-no-leap-year"),
        pytest.param([('laatst_beoordeeld: "2026-01-15"', 'laatst_beoordeeld: 2024-02-30')],
                     ["103:20: TB107 'laatst_beoordeeld' is '2024-02-30', maar die datum bestaat niet."],
                     id="TB107-unquoted"),
        pytest.param([('laatst_beoordeeld: "2026-01-15"', 'laatst_beoordeeld: "2024-02-29"')], [], id="leap-day-is-fine"),
        # TB108: below the minimum.
        pytest.param([("wooneenheden: 40", "wooneenheden: -1")],
                     ["28:17: TB108 'schaal.wooneenheden' is -1; het moet minstens 0 zijn."], id="TB108-integer"),
        # A funding amount is a meetwaarde in euro: below 0 is the unit rule's TB204, as for cost amounts.
        pytest.param([("bedrag: 500000", "bedrag: -0.5")],
                     ["68:13: TB204 'bedrag' bij financieringsbron 1 ('financiering[1].bedrag') is -0,5, maar in de eenheid 'euro' kan de waarde niet "
                      "kleiner zijn dan 0."], id="TB204-funding-decimal-comma"),
        pytest.param([("bedrag: 500000", "bedrag: -100")],
                     ["68:13: TB204 'bedrag' bij financieringsbron 1 ('financiering[1].bedrag') is -100, maar in de eenheid 'euro' kan de waarde niet "
                      "kleiner zijn dan 0."], id="TB204-funding-list-item"),
        # TB109: lists.
        pytest.param([("randvoorwaarden:", "randvoorwaarden: []"), (RANDVOORWAARDE, "")],
                     ["61:18: TB109 'randvoorwaarden' is een lege lijst; er moet minstens 1 in staan."],
                     id="TB109-empty-list"),
        # A repeated item is named and reported at the repetition, not at the list.
        pytest.param([("- reguliere-huurders", "- uitstroom-mo")],
                     ["11:5: TB109 'doelgroepen' noemt 'uitstroom-mo' meer dan eens; laat de herhaling weg."],
                     id="TB109-duplicate-item"),
        pytest.param([("- Voorbeeldstad", "- Voorbeeldstad\n- Voorbeeldstad")],
                     ["15:7: TB109 'locatie.gemeenten' noemt 'Voorbeeldstad' meer dan eens; laat de herhaling weg."],
                     id="TB109-duplicate-gemeente"),
        pytest.param([("- reguliere-huurders", "- reguliere-huurders\n- uitstroom-mo")],
                     ["12:5: TB109 'doelgroepen' noemt 'uitstroom-mo' meer dan eens; laat de herhaling weg."],
                     id="TB109-repeat-of-the-first-item-after-another"),
        pytest.param([("- reguliere-huurders", "- reguliere-huurders\n- uitstroom-mo\n- reguliere-huurders")],
                     ["12:5: TB109 'doelgroepen' noemt 'uitstroom-mo' meer dan eens; laat de herhaling weg."],
                     id="TB109-two-repeats-name-the-first"),
        # TB112: an empty text ("") says the field is still empty, with what belongs there, instead of TB105/TB104/TB106.
        pytest.param([(TITEL, 'titel: ""')],
                     ["4:8: TB112 'titel' is nog leeg. De naam van de casus zoals die boven de pagina staat. Kort en "
                      "herkenbaar, op één regel en zonder de tekens < en >."], id="TB112-text-instead-of-TB105"),
        pytest.param([("woonvorm: gemengd-wonen", 'woonvorm: ""')],
                     [f"8:11: TB112 'woonvorm' is nog leeg. Kies uit: {WOONVORMEN}."], id="TB112-registry-instead-of-TB104"),
        pytest.param([("- reguliere-huurders", "- ''")],
                     [f"11:5: TB112 Doelgroep 2 ('doelgroepen[2]') is nog leeg. Kies uit: {DOELGROEPEN}."], id="TB112-registry-list-item"),
        pytest.param([("website: https://example.org", 'website: ""')],
                     [f"101:12: TB112 'contact.website' is nog leeg. {URL_HINT}"], id="TB112-pattern-instead-of-TB106"),
        pytest.param([('datum: "2025"', 'datum: ""')],
                     [f"98:12: TB112 'datum' bij bron 2 ('bronnen[2].datum') is nog leeg. {PARTIAL_DATE_HINT}"], id="TB112-date"),
        # TB110: resultaat without meetwijze, at the 'resultaat' key.
        pytest.param([("meetwijze: extern-gemeten", "")],
                     ["53:9: TB110 Doel 1, indicator 2 ('doelen[1].indicatoren[2]') heeft 'resultaat', maar 'meetwijze' ontbreekt. Meetwijze: "
                      "Hoe het resultaat bekend is: genoemd door betrokkenen, zelf gemeten, extern gemeten of extern "
                      "geëvalueerd."], id="TB110-resultaat-without-meetwijze"),
        # TB111: an empty group.
        pytest.param([("lessen:", "lessen: {}"), ("tips:", ""), ("- Laat bewoners elkaar vooraf ontmoeten.", ""),
                      ("valkuilen:", ""), ("- Te weinig begeleiding in de eerste maanden.", "")],
                     ["70:9: TB111 'lessen' is leeg. Vul minstens één veld in of laat het helemaal weg."],
                     id="TB111-empty-group"),
    ],
)
def test_schema_problem(edits: Edits, expected: list[str], problems_in: Check) -> None:
    assert shown(problems_in(edited(edits))) == expected


@pytest.mark.parametrize(
    ("edits", "field", "kept"),
    [
        pytest.param([('datum: "2025"', "datum: 2016")], ("bronnen", 1, "datum"), "2016", id="unquoted-year-as-date"),
        pytest.param([('meetdatum: "2025-06"', "meetdatum: 2025")], ("doelen", 0, "indicatoren", 0, "meetdatum"), "2025",
                     id="unquoted-year-as-meetdatum"),
        pytest.param([('start: "2023-03"', "start: 2023")], ("periode", "start"), "2023", id="unquoted-year-as-start"),
        pytest.param([(TITEL, "titel: 1234567")], ("titel",), "1234567", id="number-as-titel"),
        pytest.param([(TITEL, "titel: 12.50")], ("titel",), "12.50", id="decimal-keeps-its-trailing-zero"),
        pytest.param([(TITEL, "titel: 1.0e+3")], ("titel",), "1.0e+3", id="float-keeps-its-exponent"),
        pytest.param([("wijk: Centrum", "wijk: 1234")], ("locatie", "wijk"), "1234", id="number-as-wijk"),
        pytest.param([("- Voorbeeldstad", "- 12")], ("locatie", "gemeenten", 0), "12", id="number-as-list-item"),
    ],
)
def test_plain_numbers_where_text_is_wanted_are_kept_as_typed(
    edits: Edits, field: tuple[str | int, ...], kept: str, write_case: Callable[..., Path]
) -> None:
    report = validate_paths([write_case(edited(edits))], today=TODAY)
    assert report.problems == []
    value = report.cases[0].data
    for part in field:
        value = value[part]
    assert value == kept


def test_numbers_where_numbers_are_wanted_stay_numbers(write_case: Callable[..., Path]) -> None:
    report = validate_paths([write_case(valid_case_text())], today=TODAY)
    data = report.cases[0].data
    assert data["schaal"]["wooneenheden"] == 40 and isinstance(data["schaal"]["wooneenheden"], int)
    assert data["kosten"][1]["bedrag"] == 80000.5
    assert data["evaluaties"][0]["onafhankelijk"] is True


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param([(TITEL, "titel: 2024")], ["4:8: TB105 'titel' is 4 tekens lang; minimaal 5 tekens."],
                     id="year-as-titel-is-text-that-is-too-short"),
        pytest.param([(TITEL, "titel: true")], ["4:8: TB105 'titel' is 4 tekens lang; minimaal 5 tekens."],
                     id="bool-as-titel-is-text-that-is-too-short"),
    ],
)
def test_plain_values_in_text_fields_are_checked_as_text(edits: Edits, expected: list[str], problems_in: Check) -> None:
    assert shown(problems_in(edited(edits))) == expected


@pytest.mark.parametrize(
    "edits",
    [
        pytest.param([("wooneenheden: 40", 'wooneenheden: "-5"')], id="wrong-type-not-also-minimum"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm: [gemengd-wonen]")], id="wrong-type-not-also-enum"),
        pytest.param([("woonvorm: gemengd-wonen", "woonvorm:")], id="empty-not-also-enum"),
        pytest.param([("website: https://example.org", "website: [https://example.org]")], id="wrong-type-not-also-pattern"),
        pytest.param([('datum: "2025"', 'datum: "2024-2-3"')], id="wrong-pattern-not-also-format"),
        pytest.param([('datum: "2025"', "datum: [2025]")], id="wrong-type-not-also-pattern-or-format"),
        pytest.param([("- Voorbeeldstad", "- [Voorbeeldstad]")], id="wrong-type-list-item-not-also-length"),
        pytest.param([("- reguliere-huurders", "- uitstroom-mo\n- uitstroom-mo")], id="duplicate-reported-once"),
        pytest.param([("provincie: utrecht", ""), ("regio: Voorbeeldregio", "")], id="missing-field-reported-once"),
    ],
)
def test_one_wrong_value_gives_one_problem(edits: Edits, problems_in: Check) -> None:
    problems = problems_in(edited(edits))
    assert len(problems) == 1, shown(problems)


def test_several_missing_fields_in_one_group_each_get_one_problem(problems_in: Check) -> None:
    text = edited([("- organisatie: Gemeente Voorbeeldstad", "- {}"), ("rol: regie", "")])
    assert [line.split(" Het verplichte veld ")[1].split(".")[0] for line in shown(problems_in(text))] == [
        "'organisatie' ontbreekt in partner 1 ('partners[1]')", "'rol' ontbreekt in partner 1 ('partners[1]')"]


def test_a_case_without_municipalities_is_valid_the_province_says_where(problems_in: Check) -> None:
    # A national scheme, or one across a whole province whose sources name no municipality.
    assert problems_in(edited([("gemeenten:", ""), ("- Voorbeeldstad", ""),
                               ("provincie: utrecht", "provincie: heel-nederland")])) == []


def test_too_short_id_with_wrong_form_gets_both_problems(problems_in: Check) -> None:
    # Two different things are wrong with 'A' (length and form); both are said once.
    assert shown(problems_in(edited([("id: voorbeeld-gemengd-wonen", "id: A")]))) == [
        "3:5: TB105 'id' is 1 teken lang; minimaal 3 tekens.",
        f"3:5: TB106 'id' heeft niet de juiste vorm: 'A'. {ID_HINT}",
        "3:5: TB201 Het id is 'A', maar het bestand heet 'voorbeeld-gemengd-wonen.yaml'. Maak ze gelijk: het id is de "
        "bestandsnaam zonder .yaml.",
    ]


def test_schema_and_loading_problems_do_not_mix(problems_in: Check) -> None:
    # A file that cannot be read is not checked against the schema: only the reading problem is shown.
    text = edited([("woonvorm: gemengd-wonen", "woonvorm: iglo"), ("wijk: Centrum", "wijk: Centrum\nwijk: Noord")])
    assert shown(problems_in(text)) == [
        "17:3: TB006 Het veld 'wijk' staat twee keer in dezelfde groep (eerst op regel 16). Houd er één over."]


def test_enum_without_a_loaded_registry_lists_the_schema_values(tmp_path: Path, write_case: Callable[..., Path]) -> None:
    registries = tmp_path / "registries"
    shutil.copytree(REGISTRY_DIR, registries)
    statussen = registries / "statussen.yaml"
    statussen.write_text(statussen.read_text(encoding="utf-8").replace("titel: Status", "titel: St"), encoding="utf-8")
    path = write_case(edited([("status: afgerond", "status: klaar")]))
    report = validate_paths([path], today=TODAY, registry_dir=registries)
    assert [f"{found.path.name}:{found.line}:{found.column}: {found.code} {found.message}" for found in report.problems] == [
        "voorbeeld-gemengd-wonen.yaml:26:9: TB104 'status' is 'klaar', maar dat staat niet in het register van dit "
        "veld. Toegestaan: gepland, lopend, afgerond.",
        "statussen.yaml:2:8: TB105 'titel' is 2 tekens lang; minimaal 3 tekens.",
    ]


@pytest.mark.parametrize(
    ("field", "suggestion"),
    [
        pytest.param("opmerking", "", id="opmerking-is-not-erkenning"),  # similarity 0,67: below the cutoff of 0,75
        pytest.param("erkening", " Bedoelde je 'erkenning'?", id="typo-for-erkenning"),
        pytest.param("titels", " Bedoelde je 'titel'?", id="plural-of-titel"),
    ],
)
def test_unknown_top_level_field_is_only_suggested_a_close_match(field: str, suggestion: str,
                                                                  problems_in: Check) -> None:
    text = edited([('laatst_beoordeeld: "2026-01-15"', f'laatst_beoordeeld: "2026-01-15"\n{field}: x')])
    assert shown(problems_in(text)) == [
        f"104:1: TB102 Het veld '{field}' bestaat niet.{suggestion} Toegestaan: {TOP_LEVEL_FIELDS}."]


def _term(registry: str, term_id: str) -> Term:
    return validate_paths([], today=TODAY).registries[registry].get(term_id)


@pytest.mark.parametrize(
    ("registry", "term_id", "expected"),
    [
        pytest.param("woonvormen", "woningdelen", "woningdelen", id="label-repeats-the-id"),
        pytest.param("woonvormen", "housing-first", "housing-first", id="label-repeats-the-id-with-spaces"),
        pytest.param("doelgroepen", "urgent-woningzoekenden", "urgent-woningzoekenden", id="capitalised-label"),
        pytest.param("eenheden", "rapportcijfer", "rapportcijfer (1 tot 10)", id="label-begins-with-the-id"),
        pytest.param("provincies", "friesland", "friesland (Fryslân)", id="other-label"),
        pytest.param("meetwijzen", "extern-geevalueerd", "extern-geevalueerd (Extern geëvalueerd)",
                     id="label-with-a-diaeresis-adds-something"),
        pytest.param("rollen", "regie", "regie (Regie en opdrachtgeverschap)", id="label-begins-with-capitalised-id"),
        pytest.param("indicatorsoorten", "overlast", "overlast (Overlast en klachten)", id="overlast"),
        pytest.param("onderzoeksopzetten", "gerandomiseerd", "gerandomiseerd (Gerandomiseerd experiment)",
                     id="gerandomiseerd"),
        pytest.param("provincies", "noord-brabant", "noord-brabant", id="label-repeats-a-dashed-id"),
    ],
)
def test_registry_list_shows_each_id_with_a_label_only_where_it_adds_something(registry: str, term_id: str,
                                                                                 expected: str) -> None:
    term = _term(registry, term_id)
    assert Registry(name=registry, title="t", description="d", terms=(term,)).labelled() == expected


def test_every_id_is_visible_in_every_registry_list() -> None:
    # Whatever a label looks like, the list must still show what to type: the id itself, as a separate word.
    registries = validate_paths([], today=TODAY).registries
    hidden = [f"{name}:{term.id}" for name, registry in registries.items() for term in registry.terms
              if term.id not in re.split(r", | \(", registry.labelled())]
    assert hidden == []


# --- Helpers -----------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param((), "de casus", id="root"),
        pytest.param(("titel",), "titel", id="top-level"),
        pytest.param(("locatie", "wijk"), "locatie.wijk", id="nested"),
        pytest.param(("doelgroepen", 0), "doelgroepen[1]", id="first-item-is-1"),
        pytest.param(("doelen", 0, "indicatoren", 1, "eenheid"), "doelen[1].indicatoren[2].eenheid", id="deep"),
        pytest.param(("bronnen", 9, "id"), "bronnen[10].id", id="tenth-item"),
        pytest.param((0, "a"), "[1].a", id="starts-with-index"),
    ],
)
def test_field_name_counts_from_one(path: tuple[str | int, ...], expected: str) -> None:
    assert field_name(path) == expected


@pytest.mark.parametrize(
    ("value", "parts"),
    [("2024", (2024,)), ("2024-02", (2024, 2)), ("2024-02-29", (2024, 2, 29)), ("0001-01-01", (1, 1, 1))],
)
def test_parse_partial_date_gives_the_parts(value: str, parts: tuple[int, ...]) -> None:
    assert parse_partial_date(value) == parts


@pytest.mark.parametrize("value", ["2023-13", "2023-00", "2023-02-29", "0000", "24", "2024-2", "2024/02", "onbekend", ""])
def test_parse_partial_date_refuses_what_is_no_date(value: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message comes from the standard library
        parse_partial_date(value)


def test_problems_are_shown_with_path_line_column_code_and_message(write_case: Callable[..., Path],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_case(edited([("status: afgerond", "status: klaar")]))
    monkeypatch.chdir(path.parent.parent)
    (found,) = validate_paths([path], today=TODAY).problems
    assert str(found) == (f"cases/voorbeeld-gemengd-wonen.yaml:26:9: TB104 'status' is 'klaar', maar dat staat niet in "
                          f"het register 'Status'. Toegestaan: {STATUSSEN}.")



# --- Patterns, bounds and labels: the same answer from both validators, ECMA-262's meaning of '$' ------

def schema_nodes(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from schema_nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schema_nodes(value, f"{path}/{index}")


ALL_SCHEMAS = [CASE_SCHEMA, CHECKLIST_SCHEMA, REGISTRY_SCHEMA]
# One value each pattern accepts; with a line break after it, every one must refuse it.
PATTERN_EXAMPLES = {"^[a-z0-9]+(-[a-z0-9]+)*(?!\\n)$": "gemengd-wonen", "^[^<>\\n]*(?!\\n)$": "Gemengd wonen",
                    "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}(?!\\n)$": "info@voorbeeld.nl",
                    "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$": "2024-02-29",
                    "^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|onbekend)(?!\\n)$": "2024-02",
                    "^https?://[^\\s/$.?#][^\\s]*(?!\\n)$": "https://voorbeeld.nl/rapport.pdf"}
PATTERNS = sorted({node["pattern"] for name in ALL_SCHEMAS for _, node in schema_nodes(load_schema(name))
                   if isinstance(node.get("pattern"), str)})


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("after", ["\n", "\r\n", "\nx", ""], ids=["newline", "crlf", "second-line", "nothing"])
def test_every_pattern_refuses_a_line_break_in_both_validators(pattern: str, after: str) -> None:
    """Python's '$' also matches before a final newline; ECMA-262's (JSON Schema's) does not."""
    schema = {"type": "string", "pattern": pattern}
    value = PATTERN_EXAMPLES[pattern] + after
    valid = after == ""
    assert (list(validator_for(schema).iter_errors(value)) == []) == valid
    assert is_valid_fast(value, schema) == valid


@pytest.mark.parametrize("name", ALL_SCHEMAS)
def test_every_number_in_every_schema_has_a_sane_range(name: str) -> None:
    numbers = [(path, node) for path, node in schema_nodes(load_schema(name)) if node.get("type") in ("number", "integer")]
    assert numbers
    for path, node in numbers:
        assert -1e12 <= node.get("minimum", -math.inf) <= node.get("maximum", math.inf) <= 1e12, path


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("1.0e999", "TB113 'streefwaarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde') is 1.0e999: zo'n groot getal kan Thuisbasis niet "
                    "verwerken. Het moet tussen -1000000000000 en 1000000000000 liggen."),
        ("-" + "9" * 4400, "TB113 'streefwaarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde') is -99999999999… (4401 tekens): zo'n groot "
                           "getal kan Thuisbasis niet verwerken. Het moet tussen -1000000000000 en 1000000000000 liggen."),
        ("1.5e300", "TB108 'streefwaarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde') is 1,5e+300; het moet hoogstens 1000000000000 zijn."),
        ("1000000000001", "TB108 'streefwaarde' bij doel 1, indicator 1 ('doelen[1].indicatoren[1].streefwaarde') is 1000000000001; het moet hoogstens "
                          "1000000000000 zijn."),
    ],
)
def test_numbers_out_of_range_say_so_in_one_line(number: str, expected: str, problems_in: Check) -> None:
    problems = problems_in(edited([("streefwaarde: 20", f"streefwaarde: {number}")]))
    assert f"45:23: {expected}" in shown(problems)


LABEL_FIELDS = ["titel: Gemengd wonen in een voormalig kantoor (voorbeeld)", "- organisatie: Gemeente Voorbeeldstad",
                "- Voorbeeldstad", "- naam: Jongeren gehuisvest"]
INVISIBLE = st.characters(categories=["Cf", "Co"], exclude_characters="\u200d").filter(
    lambda character: first_forbidden_character(character) is None)  # those the loader refuses file-wide (TB004)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(LABEL_FIELDS), INVISIBLE | st.sampled_from(["\u200b", "\u2060", "\u00ad", "\ue000", "\U000f0000",
                                                                   "\u3164", "\u2800"]))
def test_invisible_characters_are_refused_in_titles_and_names(line: str, character: str) -> None:
    prefix, value = (line.split(": ", 1)[0] + ": ", line.split(": ", 1)[1]) if ": " in line else ("- ", line[2:])
    text = replace_line(valid_case_text(), line, f'{prefix}"{value[:4]}{character}{value[4:]}"')
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases" / "voorbeeld-gemengd-wonen.yaml"
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
        problems = validate_paths([path], today=TODAY).problems
    assert [found.code for found in problems] == ["TB114"], problems
    assert problems[0].message.endswith(f"bevat het onzichtbare of onbekende teken U+{ord(character):04X}. Verwijder "
                                        "het; vaak komt het mee bij kopiëren en plakken.")


@pytest.mark.parametrize("emoji", ["\U0001f3e0", "\U0001f468\u200d\U0001f469\u200d\U0001f467", "\u2764\ufe0f",
                                   "\U0001f3f4\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f"],
                         ids=["house", "family-with-joiners", "heart-with-selector", "flag-of-wales"])
def test_emoji_stay_valid_in_titles_and_summaries(emoji: str, problems_in: Check) -> None:
    text = replace_line(valid_case_text(), TITEL, f'titel: "Thuis {emoji} in Voorbeeldstad"')
    text = text.replace("samenvatting: ", f"samenvatting: {emoji} ", 1)
    assert problems_in(text) == []


NUMBER_FIELDS: list[tuple[Any, ...]] = [("schaal", "wooneenheden"), ("kosten", 0, "bedrag"), ("kosten", 1, "bedrag")]


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(st.sampled_from(NUMBER_FIELDS),
       st.one_of(st.integers(-10**30, 10**30), st.floats(allow_nan=False, allow_infinity=False),
                 st.sampled_from([10_000_000, 10_000_001, 10**12, 10**12 + 1, 1e12, 1e12 + 0.5, -0.0, 0.5])),
       st.sampled_from(["Titel", "Titel\u200b", "Titel\n", "Ti\U000f0000tel", "Ti\u200dtel"]))
def test_the_compiled_check_and_jsonschema_agree_on_numbers_and_labels(field: tuple[Any, ...], number: float,
                                                                       title: str) -> None:
    data = loaded_valid_case()
    parent = data
    for key in field[:-1]:
        parent = parent[key]
    parent[field[-1]] = number
    data["titel"] = f"Gemengd {title}"
    schema = load_schema(CASE_SCHEMA)
    assert is_valid_fast(data, schema) == (list(validator_for(schema).iter_errors(data)) == [])


def loaded_valid_case() -> dict[str, Any]:
    document, problems = load_document(VALID_CASE)
    assert problems == [] and isinstance(document.data, dict)
    return document.data


# --- Messages for people who do not program (issue 14) ------------------------------------------------

def test_a_day_first_date_gets_the_date_it_probably_means(problems_in: Check) -> None:
    [found] = problems_in(edited([('start: "2023-03"', 'start: "12-03-2024"')]))
    assert found.code == "TB106"
    assert "Bedoel je 2024-03-12? Schrijf een datum als jaar-maand-dag." in found.message


def test_a_decimal_comma_is_answered_with_the_number_written_with_a_point(problems_in: Check) -> None:
    text = valid_case_text()
    result = next(line for line in text.splitlines() if line.strip().startswith("resultaat: ") and line.strip()[11:].isdigit())
    [found] = problems_in(edited([(result.strip(), "resultaat: 72,5")]))
    assert found.code == "TB103"
    assert found.message.endswith("Gebruik een punt voor een decimaal getal: 72.5.")


def test_a_dot_between_thousands_is_pointed_out(problems_in: Check) -> None:
    text = valid_case_text()
    result = next(line for line in text.splitlines() if line.strip().startswith("resultaat: ") and line.strip()[11:].isdigit())
    found = [problem for problem in problems_in(edited([(result.strip(), "resultaat: 1.800")])) if problem.code == "TB216"]
    assert [problem.message for problem in found] == [
        f"{found[0].message.split(' is 1.800')[0]} is 1.800. Voor de computer is dat 1,8: de punt staat voor een komma. "
        "Bedoel je 1800? Schrijf grote getallen zonder punt: 1800. Bedoel je echt 1,8, dan klopt het."]
    assert found[0].message.startswith("'resultaat' bij doel 1, indicator ")
    assert not found[0].is_error


def test_valid_files_are_checked_without_importing_jsonschema_or_stdnum() -> None:
    """jsonschema words the problems of a file the compiled check refused, and python-stdnum checks an IBAN's
    country format: a run over valid files needs neither, and importing them took about 45 ms of each run."""
    script = ("import sys; from pathlib import Path; from thuisbasis.validation import validate_paths; "
              "report = validate_paths([Path('cases'), Path('checklists'), Path('context')]); "
              "print(report.ok, sorted(name for name in ('jsonschema', 'stdnum') if name in sys.modules))")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False,  # noqa: S603
                            env={**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "THUISBASIS_WORKERS": "1"}, timeout=120)
    assert result.stdout.split() == ["True", "[]"], result.stdout + result.stderr
