// docs/javascripts/vergelijking.js: the compare page's address and its words.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  byTitle, compareQuery, indicatorsOf, knownUnique, lessonLines, outcomeClass, outcomeText, parseIds, partnerLines,
  sharedBadge,
} from "../../docs/javascripts/vergelijking.js";

const KNOWN = new Map([["a", {}], ["b", {}], ["c", {}], ["d", {}]]);

test("the address names known ids, each once, at most three", () => {
  assert.deepEqual(parseIds("?casussen=bestaat-niet,a,a,%3Cb%3E,b&casussen=c,d&x=1", KNOWN), ["a", "b", "c"]);
  assert.deepEqual(parseIds("", KNOWN), []);
});

test("knownUnique keeps the order of the values", () => {
  assert.deepEqual(knownUnique(["c", "", "c", "a"], KNOWN), ["c", "a"]);
  assert.deepEqual(knownUnique(["a", "b", "c"], KNOWN, 2), ["a", "b"]);
});

test("the address of a choice, read back", () => {
  assert.equal(compareQuery(["a", "b"]), "?casussen=a,b");
  assert.equal(compareQuery([]), "");
  assert.deepEqual(parseIds(compareQuery(["c", "a"]), KNOWN), ["c", "a"]);
});

test("cases in Dutch title order, without case or accents; equal titles by id", () => {
  const cases = [{ id: "z", titel: "écht" }, { id: "b", titel: "Alfa" }, { id: "a", titel: "alfa" }, { id: "y", titel: "Echo" }];
  assert.deepEqual(byTitle(cases).map((item) => item.id), ["a", "b", "y", "z"]); // "echo" before "echt"
  assert.equal(cases[0].id, "z"); // the input stays as it was
});

test("outcomes in words and as a class", () => {
  assert.deepEqual([true, false, null, undefined].map(outcomeText), ["gehaald", "niet gehaald", "onbekend", "onbekend"]);
  assert.equal(outcomeClass(false), "tb-outcome tb-outcome--niet-gehaald");
  assert.equal(outcomeClass(null), "tb-outcome tb-outcome--onbekend");
});

test("a werkzaam bestanddeel shared by all or by some of the chosen cases", () => {
  const uses = (...ids) => ({ werkzame_bestanddelen: ids.map((id) => ({ id })) });
  const chosen = [uses("x", "y"), uses("x", "y"), uses("x"), {}];
  assert.equal(sharedBadge("y", chosen).text, "bij 2 van de 4 gekozen casussen");
  assert.equal(sharedBadge("x", chosen.slice(0, 3)).className, "tb-badge tb-badge--alle");
  assert.equal(sharedBadge("z", chosen), null);
  assert.equal(sharedBadge("y", [uses("y"), uses("x")]), null);
});

test("indicators of every goal, in order", () => {
  const item = { doelen: [{ indicatoren: [{ naam: 1 }, { naam: 2 }] }, {}, { indicatoren: [{ naam: 3 }] }] };
  assert.deepEqual(indicatorsOf(item).map((indicator) => indicator.naam), [1, 2, 3]);
  assert.deepEqual(indicatorsOf({}), []);
});

test("lessons and partners as lines, saying what each is", () => {
  const item = { lessen: { tips: ["Begin klein."], valkuilen: ["Te veel tegelijk."] },
    partners: [{ organisatie: "Gemeente Utrecht", rol: { id: "regie", label: "Regie" } }] };
  assert.deepEqual(lessonLines(item), ["Tip: Begin klein.", "Valkuil: Te veel tegelijk."]);
  assert.deepEqual(partnerLines(item), ["Gemeente Utrecht: regie"]);
  assert.deepEqual(lessonLines({}), []);
  assert.deepEqual(partnerLines({ partners: [] }), []);
});
