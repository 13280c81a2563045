// docs/javascripts/filteren.js: the filter page's URL state, matching, counts and order.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  FACETS, cardTexts, chosenCount, compareText, emptyState, emptyText, entryOf, filterEntries, fold, foundCases, foundText, fullTextQuery,
  parseState, queryString, rememberedChoice, sortEntries, toggleChoice, words,
} from "../../docs/javascripts/filteren.js";

const ORDER = {
  woonvorm: ["woningdelen", "gemengd-wonen", "housing-first"],
  doelgroep: ["jongeren", "statushouders"],
  provincie: ["noord-holland", "utrecht"],
  bewijs: ["beschreven", "onafhankelijk-geevalueerd"],
  oordeel: ["positief", "gemengd"],
  kosten: ["laag", "onbekend"],
  status: ["lopend", "gepland"],
  bestanddeel: ["begeleiding"],
};
const KNOWN = Object.fromEntries(Object.entries(ORDER).map(([key, ids]) => [key, new Set(ids)]));

function item(id, fields) {
  const empty = Object.fromEntries(FACETS.map((facet) => [facet.key, []]));
  return { id, titel: id, samenvatting: "", gemeenten: [], ...empty, ...fields };
}

const CASES = [
  item("a", { titel: "Woningdelen in Haarlem", woonvorm: ["woningdelen"], provincie: ["noord-holland"], bewijsniveau: 1, toegevoegd: "2024-01-01" }),
  item("b", { titel: "Gemengd wonen", gemeenten: ["Almere-Haven"], woonvorm: ["gemengd-wonen"], provincie: ["utrecht"], bewijsniveau: 4, toegevoegd: "2025-05-01" }),
  item("c", { titel: "Samen in Utrecht", samenvatting: "Café-achtige ruimte", woonvorm: ["woningdelen"], provincie: ["utrecht"], bewijsniveau: 4, toegevoegd: "2023-01-01" }),
].map(entryOf);

function stateOf(search) {
  return parseState(search, KNOWN);
}

describe("text", () => {
  test("fold drops case, accents and punctuation", () => {
    assert.equal(fold("Almere-Haven é"), "almere haven e");
    assert.equal(fold("  Café  "), "cafe");
    assert.equal(fold(null), "");
  });

  test("words of a query", () => {
    assert.deepEqual(words("Woning-delen  Haarlem"), ["woning", "delen", "haarlem"]);
    assert.deepEqual(words(" ,; "), []);
  });
});

describe("URL state", () => {
  test("a query string gives the state: known values only, comma lists and repeated keys", () => {
    const state = stateOf("?woonvorm=woningdelen,onbekend&woonvorm=housing-first&provincie=%3Cb%3E&tekst=+haarlem+&sort=nieuw&x=1");
    assert.deepEqual([...state.facets.woonvorm], ["woningdelen", "housing-first"]);
    assert.equal(state.facets.provincie.size, 0);
    assert.equal(state.q, "haarlem");
    assert.equal(state.sort, "nieuw");
    assert.equal(chosenCount(state), 2);
  });

  test("an unknown sort order is the default", () => {
    assert.equal(stateOf("?sort=willekeurig").sort, "titel");
  });

  test("the canonical query string: facets in registry order, text with +, default sort left out", () => {
    const state = stateOf("?provincie=utrecht&woonvorm=housing-first,woningdelen&tekst=samen wonen&sort=titel");
    assert.equal(queryString(state, ORDER), "?woonvorm=woningdelen,housing-first&provincie=utrecht&tekst=samen+wonen");
    assert.equal(queryString(emptyState(), ORDER), "");
  });

  test("a state written and read again is the same state", () => {
    const search = "?woonvorm=woningdelen,gemengd-wonen&doelgroep=jongeren&tekst=caf%C3%A9+%26+co&sort=bewijs";
    const state = stateOf(search);
    assert.equal(queryString(state, ORDER), search);
    assert.deepEqual(stateOf(queryString(state, ORDER)), state);
  });
});

function titles(entries) {
  return entries.map((entry) => entry.data.id);
}

describe("filtering", () => {
  test("OR within a facet, AND across facets", () => {
    assert.deepEqual(titles(filterEntries(CASES, stateOf("?woonvorm=woningdelen,gemengd-wonen")).results), ["a", "b", "c"]);
    assert.deepEqual(titles(filterEntries(CASES, stateOf("?woonvorm=woningdelen&provincie=utrecht")).results), ["c"]);
  });

  test("every word must occur in title, summary or municipalities, without case or accents, also inside words", () => {
    assert.deepEqual(titles(filterEntries(CASES, stateOf("?tekst=delen")).results), ["a"]);
    assert.deepEqual(titles(filterEntries(CASES, stateOf("?tekst=CAFE+utrecht")).results), ["c"]);
    assert.deepEqual(titles(filterEntries(CASES, stateOf("?tekst=haven")).results), ["b"]);
    assert.deepEqual(titles(filterEntries(CASES, stateOf("?tekst=haarlem+utrecht")).results), []);
  });

  test("an option counts what choosing it would give", () => {
    const { counts } = filterEntries(CASES, stateOf("?woonvorm=woningdelen&provincie=utrecht"));
    // Woonvorm options: the cases in Utrecht (the woonvorm itself does not count against them).
    assert.equal(counts.woonvorm.get("woningdelen"), 1);
    assert.equal(counts.woonvorm.get("gemengd-wonen"), 1);
    // Provincie options: the woningdelen cases.
    assert.equal(counts.provincie.get("noord-holland"), 1);
    assert.equal(counts.provincie.get("utrecht"), 1);
    assert.equal(counts.status.get("lopend"), undefined);
  });

  test("sort orders: title (index order), newest first, strongest first", () => {
    assert.deepEqual(titles(sortEntries(CASES, "titel")), ["a", "b", "c"]);
    assert.deepEqual(titles(sortEntries(CASES, "nieuw")), ["b", "a", "c"]);
    assert.deepEqual(titles(sortEntries(CASES, "bewijs")), ["b", "c", "a"]);
    assert.deepEqual(titles(CASES), ["a", "b", "c"]); // the input stays as it was
  });
});

describe("compare choice", () => {
  test("ticking adds in order up to three; unticking removes", () => {
    let choice = [];
    for (const id of ["a", "b", "a", "c", "d"]) choice = toggleChoice(choice, id, true);
    assert.deepEqual(choice, ["a", "b", "c"]);
    assert.deepEqual(toggleChoice(choice, "b", false), ["a", "c"]);
  });

  test("a remembered choice keeps known ids, at most three", () => {
    const ids = new Set(["a", "b", "c", "d"]);
    assert.deepEqual(rememberedChoice(["x", "a", "b", "c", "d"], ids), ["a", "b", "c"]);
    assert.deepEqual(rememberedChoice("a", ids), []);
    assert.deepEqual(rememberedChoice(undefined, ids), []);
  });

  test("what the bar says", () => {
    assert.match(compareText(0), /^Kies 2 of 3/);
    assert.equal(compareText(1), "1 casus gekozen. Kies er nog 1 of 2.");
    assert.equal(compareText(2), "2 casussen gekozen. Je kunt er nog 1 kiezen.");
    assert.equal(compareText(3), "3 casussen gekozen. Meer kan niet.");
    assert.equal(foundText(1), "1 casus gevonden");
    assert.equal(foundText(0), "0 casussen gevonden");
  });
});

test("card texts as the build-time list writes them", () => {
  const labels = { woonvorm: { woningdelen: "Woningdelen" }, provincie: { "noord-holland": "Noord-Holland" },
    status: { lopend: "Lopend" }, bewijs: { beschreven: "Beschreven" } };
  const labelsOf = (key, ids) => ids.map((id) => labels[key][id]).join(", ");
  const card = { woonvorm: ["woningdelen"], plaats: "Haarlem (Schalkwijk)", provincie: ["noord-holland"], status: ["lopend"],
    oordeel: ["gemengd"], antwoorden: [["Werkt het?", "Gemengd"], ["Hoe zeker?", "niveau 2 van 5"]] };
  assert.deepEqual(cardTexts(card, labelsOf), {
    meta: "Woningdelen · Haarlem (Schalkwijk), Noord-Holland · Lopend",
    answers: [{ question: "Werkt het?", answer: "Gemengd" }, { question: "Hoe zeker?", answer: "niveau 2 van 5" }],
    verdict: "gemengd",
  });
  assert.equal(cardTexts({ ...card, oordeel: [] }, labelsOf).verdict, "nog-niet-bekend");
});

test("newest source first, cases without a dated source last, equals by title", () => {
  const dated = [
    item("x", { nieuwste_bron: 2016 }), item("y", { nieuwste_bron: null }), item("z", { nieuwste_bron: 2024 }),
    item("w", { nieuwste_bron: 2016 }),
  ].map(entryOf);
  assert.deepEqual(sortEntries(dated, "bron").map((entry) => entry.data.id), ["z", "x", "w", "y"]);
});

describe("full text", () => {
  const entries = CASES;

  test("a case the full-text index found matches words that are not in its title, summary or place", () => {
    const state = parseState("?tekst=omklapcontracten", KNOWN);
    assert.deepEqual(filterEntries(entries, state).results.map((entry) => entry.data.id), []);
    const found = new Set(["c"]);
    assert.deepEqual(filterEntries(entries, state, found).results.map((entry) => entry.data.id), ["c"]);
  });

  test("the index adds to the page's own matching; it never takes a match away", () => {
    const state = parseState("?tekst=haarlem", KNOWN);
    assert.deepEqual(filterEntries(entries, state, new Set()).results.map((entry) => entry.data.id), ["a"]);
  });

  test("the cases of a Pagefind response are the 'casus' filter values with a hit", () => {
    const response = { filters: { casus: { a: 2, b: 0, c: 1 }, soort: { casus: 3 } } };
    assert.deepEqual([...foundCases(response)].sort(), ["a", "c"]);
    assert.deepEqual([...foundCases({ filters: {} })], []);
    assert.deepEqual([...foundCases(null)], []);
  });
});

describe("the empty state says what was asked", () => {
  test("only words: it names them and does not mention filters", () => {
    const text = emptyText(parseState("?tekst=prikkelarm+wonen", KNOWN));
    assert.match(text, /‘prikkelarm wonen’/);
    assert.doesNotMatch(text, /vinkje|filter/);
  });

  test("only ticked boxes: it says to untick one", () => {
    assert.match(emptyText(parseState("?woonvorm=woningdelen&provincie=utrecht", KNOWN)), /vinkje/);
  });

  test("both: it says both", () => {
    const text = emptyText(parseState("?woonvorm=woningdelen&tekst=x", KNOWN));
    assert.match(text, /woorden/);
    assert.match(text, /vinkje/);
  });
});

test("the full-text query asks for whole words, each of them", () => {
  assert.equal(fullTextQuery("  omklapcontracten  Utrecht "), '"omklapcontracten" "Utrecht"');
  assert.equal(fullTextQuery('zeg "hallo"'), '"zeg" "hallo"');
  assert.equal(fullTextQuery(""), "");
});
