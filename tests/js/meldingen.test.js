// docs/javascripts/meldingen.js: schema errors as the messages of problems.py (templates given as data).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Validator } from "@cfworker/json-schema";

import { closest, fieldName, fill, pathOf, place, problemsFor, schemaNodeOf, similarity } from "../../docs/javascripts/meldingen.js";

// Stand-ins with the shape of data/casus-wizard.json's `messages`; the real texts are compared with
// `thuisbasis validate` in tests/browser/test_wizard.py.
const MESSAGES = {
  templates: {
    TB101: "[{field}]{where} ontbreekt. {hint}", TB102: "[{field}]{where} onbekend.{suggestion} {allowed}.",
    TB103: "{place} {expected} / {actual}.{hint}", TB104: "{place} {value} {registry}.{suggestion} {allowed}.",
    TB105: "{place} {actual}; {expected}.", TB106: "{place} {value}. {hint}", TB107: "{place} {value} datum.",
    TB108: "{place} {value}; {expected}.", TB109: "{place} {detail}.", TB110: "{place} {present} {missing}. {hint}",
    TB111: "{place} leeg.", TB112: "{place} nog leeg. {hint}",
  },
  expected: { string: "tekst", number: "een getal", integer: "een geheel getal", object: "een groep velden" },
  hints: {
    suggestion: " Bedoelde je '{value}'?", date: "Bedoel je {iso}? ", decimal_comma: " Punt: {value}.",
    measure: " Meetwaarde.", number_text: " Alleen een getal.", integer_fraction: " Heel getal.", boolean: " Ja/nee.",
    described_text: "de tekst '{value}'", described_number: "het getal {value}", choose_from: "Kies uit: {allowed}.",
  },
  singulars: { doelen: "doel", indicatoren: "indicator" },
  registries: {
    rollen: { title: "Rollen", allowed: "regie (Regie), verhuur (Verhuur)", ids: ["regie", "verhuur"],
      labels: { regie: "regie", verhuur: "verhuur", "zelf gemeten": "zelf-gemeten" } },
  },
};

const SCHEMA = {
  type: "object", additionalProperties: false, required: ["titel", "rol"],
  properties: {
    titel: { title: "Titel", description: "De naam.", type: "string", minLength: 5 },
    rol: { type: "string", "x-registry": "rollen", enum: ["regie", "verhuur"] },
    start: { $ref: "#/definitions/datum", title: "Start" },
    aantal: { type: "integer", minimum: 0 },
    waarde: { type: ["number", "object"] },
    lijst: { type: "array", minItems: 1, uniqueItems: true, items: { type: "string" } },
  },
  definitions: { datum: { description: "Een datum als jjjj-mm-dd.", type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?!\\n)$", format: "date" } },
};

function messages(data) {
  const result = new Validator(SCHEMA, "7", false).validate(data);
  return problemsFor(result.errors, data, SCHEMA, MESSAGES).map((problem) => problem.message);
}

test("fill works like str.format: named fields, doubled braces, one printable line", () => {
  assert.equal(fill("{a} {{x}} {b}", { a: "een\ntwee", b: 3 }), "een\\ntwee {x} 3");
});

test("field names count from 1, as validation/schema.py's field_name", () => {
  assert.equal(fieldName(["doelen", 0, "indicatoren", 2, "eenheid"]), "doelen[1].indicatoren[3].eenheid");
  assert.equal(fieldName([]), "de casus");
  assert.deepEqual(pathOf("#/doelen/0/a~1b", { doelen: [{}] }), ["doelen", 0, "a/b"]);
});

test("a place is named in words first, then by its technical path, as validation/schema.py's place", () => {
  const singulars = { doelen: "doel", indicatoren: "indicator", partners: "partner" };
  assert.equal(place(["doelen", 0, "indicatoren", 1], singulars), "doel 1, indicator 2 ('doelen[1].indicatoren[2]')");
  assert.equal(place(["partners", 2, "rol"], singulars), "'rol' bij partner 3 ('partners[3].rol')");
  assert.equal(place(["locatie", "provincie"], singulars), "'locatie.provincie'");
  assert.equal(place(["tags", 0], singulars), "item 1 van 'tags' ('tags[1]')");
  assert.equal(place([], singulars), "het bestand");
});

test("the schema node of an error follows a $ref", () => {
  assert.equal(schemaNodeOf("#/properties/start/$ref/pattern", SCHEMA), SCHEMA.definitions.datum);
});

test("difflib's ratio and get_close_matches, as Python computes them", () => {
  assert.equal(similarity("abcd", "bcde"), 0.75); // difflib.SequenceMatcher(None, "abcd", "bcde").ratio()
  assert.equal(similarity("titl", "titel"), 8 / 9);
  assert.equal(closest("tite", ["titel", "status"]), "titel");
  assert.equal(closest("xyz", ["titel"]), null);
});

test("a missing required field, an unknown field with a suggestion, too short", () => {
  assert.deepEqual(messages({ titl: "x", rol: "regie", titel: "kort" }), [
    "[titl] onbekend. Bedoelde je 'titel'? titel, rol, start, aantal, waarde, lijst.",
    "'titel' 4 tekens; minimaal 5 tekens.",
  ]);
  assert.deepEqual(messages({ rol: "regie" }), ["[titel] ontbreekt. Titel: De naam."]);
});

test("a value not in the register: by label, by a close id, or with no suggestion", () => {
  assert.deepEqual(messages({ titel: "Titel!", rol: "Verhuur" }), [
    "'rol' Verhuur 'Rollen'. Bedoelde je 'verhuur'? regie (Regie), verhuur (Verhuur)."]);
  assert.deepEqual(messages({ titel: "Titel!", rol: "regi" }), [
    "'rol' regi 'Rollen'. Bedoelde je 'regie'? regie (Regie), verhuur (Verhuur)."]);
  assert.deepEqual(messages({ titel: "Titel!", rol: "" }), ["'rol' nog leeg. Kies uit: regie (Regie), verhuur (Verhuur)."]);
});

test("a day-first date gets the ISO suggestion; a decimal comma the point", () => {
  assert.deepEqual(messages({ titel: "Titel!", rol: "regie", start: "12-3-2024" }), [
    "'start' 12-3-2024. Bedoel je 2024-03-12? Een datum als jjjj-mm-dd."]);
  assert.deepEqual(messages({ titel: "Titel!", rol: "regie", aantal: "1,5", waarde: "2,5" }), [
    "'aantal' een geheel getal / de tekst '1,5'. Punt: 1.5.",
    "'waarde' een getal of een groep velden / de tekst '2,5'. Punt: 2.5.",
  ]);
  assert.deepEqual(messages({ titel: "Titel!", rol: "regie", aantal: -2 }), ["'aantal' -2; het moet minstens 0 zijn."]);
});

test("lists: empty, repeated", () => {
  assert.deepEqual(messages({ titel: "Titel!", rol: "regie", lijst: [] }), ["'lijst' is een lege lijst; er moet minstens 1 in staan."]);
  assert.deepEqual(messages({ titel: "Titel!", rol: "regie", lijst: ["a", "a"] }), ["'lijst' noemt 'a' meer dan eens; laat de herhaling weg."]);
});
