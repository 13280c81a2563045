// docs/javascripts/antwoorden.js: stored checklist answers and their exports.
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { answerOf, asCsv, asMarkdown, csvCell, emptyAnswers, exportName, readAnswers } from "../../docs/javascripts/antwoorden.js";

describe("stored answers", () => {
  test("nothing, broken JSON or the wrong shape give empty answers", () => {
    for (const text of [null, "", "{niet json", "[]", "null", '{"items": 3}', "42"]) {
      assert.deepEqual(readAnswers(text), emptyAnswers(), text);
    }
  });

  test("stored answers are read as they are", () => {
    const stored = { version: 1, items: { "a-1": { done: true, note: "x" } }, updated: "2025-01-01T00:00:00Z" };
    assert.deepEqual(readAnswers(JSON.stringify(stored)), stored);
  });

  test("an item without an answer gets an empty one; a broken answer is replaced", () => {
    const answers = { version: 1, items: { kapot: "ja" } };
    assert.deepEqual(answerOf(answers, "nieuw"), { done: false, note: "" });
    assert.deepEqual(answerOf(answers, "kapot"), { done: false, note: "" });
    answerOf(answers, "nieuw").done = true;
    assert.equal(answers.items.nieuw.done, true);
  });
});

const ITEMS = [
  { section: "Voorbereiden", id: "v-1", text: "Doel kiezen", done: true, note: "eerste regel\n  tweede regel" },
  { section: "Voorbereiden", id: "v-2", text: "Partners \"vragen\"", done: false, note: "" },
  { section: "Uitvoeren", id: "u-1", text: "=SOM(A1)", done: false, note: "@iemand" },
];

test("Markdown: a heading per section, a task per item, a note on one line", () => {
  assert.equal(asMarkdown("Checklist", "2025-03-01", "1 van 3 punten afgevinkt.", ITEMS), [
    "# Checklist", "", "Antwoorden van 2025-03-01. 1 van 3 punten afgevinkt.", "",
    "## Voorbereiden", "", "- [x] Doel kiezen", "  Notitie: eerste regel tweede regel", "- [ ] Partners \"vragen\"",
    "## Uitvoeren", "", "- [ ] =SOM(A1)", "  Notitie: @iemand", "",
  ].join("\n"));
});

describe("CSV", () => {
  test("every cell quoted, quotes doubled", () => {
    assert.equal(csvCell('zeg "ja"'), '"zeg ""ja"""');
    assert.equal(csvCell("a,b\nc"), '"a,b\nc"');
    assert.equal(csvCell(""), '""');
  });

  test("a cell a spreadsheet would run as a formula starts with an apostrophe", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      assert.equal(csvCell(`${start}1+1`), `"'${start}1+1"`, JSON.stringify(start));
    }
    assert.equal(csvCell("1-1"), '"1-1"');
  });

  test("a formula character gets an apostrophe wherever a spreadsheet could start a field", () => {
    assert.equal(csvCell("Samen;=HYPERLINK(1)"), '"Samen;\'=HYPERLINK(1)"');
    assert.equal(csvCell('a, "=1'), '"a, ""\'=1"');
    assert.equal(csvCell("regel\n-1"), '"regel\n\'-1"');
    assert.equal(csvCell("a\t\t=1"), '"a\t\'\t\'=1"');
  });

  test("a byte order mark, a header row, a row per item, CRLF line ends", () => {
    const lines = asCsv(ITEMS).split("\r\n");
    assert.equal(lines[0], '\ufeff"sectie";"item";"punt";"afgevinkt";"notitie"');
    assert.equal(lines[1], '"Voorbereiden";"v-1";"Doel kiezen";"ja";"eerste regel\n  tweede regel"');
    assert.equal(lines[3], '"Uitvoeren";"u-1";"\'=SOM(A1)";"nee";"\'@iemand"');
    assert.equal(lines.length, 5);
    assert.equal(lines[4], "");
  });
});

test("export file name", () => {
  assert.equal(exportName("opgave", "2025-03-01", "csv"), "opgave-antwoorden-2025-03-01.csv");
});
