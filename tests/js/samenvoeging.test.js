// docs/javascripts/samenvoeging.js (merging participants' answers) and the participant's file it reads
// (antwoorden.js: participantExport).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { participantExport, participantFileName } from "../../docs/javascripts/antwoorden.js";
import {
  mergeFiles, overviewCsv, readParticipantFile, sizeProblem, summaryText, tickedText,
} from "../../docs/javascripts/samenvoeging.js";

const CHECKLIST = { id: "opgaveteam", title: "Een opgaveteam inrichten", itemsVersion: "abc123", itemIds: ["a", "b", "c"] };

function exported(participant, items, exportedAt = "2026-12-04T10:00:00.000Z") {
  return participantExport({
    checklistId: "opgaveteam", itemsVersion: "abc123", participant, exported: exportedAt,
    answers: { version: 1, items }, itemIds: CHECKLIST.itemIds,
  });
}

function file(name, data) {
  return { name, text: typeof data === "string" ? data : JSON.stringify(data) };
}

describe("the participant's file", () => {
  test("carries the checklist, the version of its items, the label, the date and the answers", () => {
    const data = exported("  groep\n2 ", { a: { done: true, note: " ja " }, b: { done: false, note: "" }, weg: { done: true } });
    assert.deepEqual(data, {
      kind: "thuisbasis-checklist-antwoorden", version: 1, checklist: "opgaveteam", items_version: "abc123",
      participant: "groep 2", date: "2026-12-04", exported: "2026-12-04T10:00:00.000Z",
      items: { a: { done: true, note: "ja" } },
    });
  });

  test("its name carries the label when there is one", () => {
    assert.equal(participantFileName("opgaveteam", "Groep 2 (Zuid)", "2026-12-04"), "opgaveteam-antwoorden-groep-2-zuid-2026-12-04.json");
    assert.equal(participantFileName("opgaveteam", "Anaïs", "2026-12-04"), "opgaveteam-antwoorden-anais-2026-12-04.json");
    assert.equal(participantFileName("opgaveteam", "", "2026-12-04"), "opgaveteam-antwoorden-2026-12-04.json");
  });
});

describe("reading one file", () => {
  test("a good file is read with its answers and no message", () => {
    const read = readParticipantFile("anna.json", JSON.stringify(exported("Anna", { a: { done: true, note: "" } })), CHECKLIST);
    assert.equal(read.ok, true);
    assert.deepEqual(read.items, { a: { done: true, note: "" } });
    assert.deepEqual(read.messages, []);
  });

  test("broken JSON, another kind of file and another checklist are refused with a message naming the file", () => {
    const cases = [
      ["kapot.json", '{"kind": "thuis', /^kapot\.json: dit bestand is kapot .*geen geldige JSON/],
      ["lijst.json", "[1, 2]", /^lijst\.json: dit is geen bestand met antwoorden op een checklist van Thuisbasis/],
      ["oud.json", '{"version": 1, "items": {}}', /^oud\.json: dit is geen bestand met antwoorden/],
      ["ander.json", JSON.stringify({ ...exported("B", {}), checklist: "woningdelen-starten" }),
        /^ander\.json: dit zijn antwoorden op een andere checklist \('woningdelen-starten'\), niet op 'Een opgaveteam inrichten'/],
    ];
    for (const [name, text, expected] of cases) {
      const read = readParticipantFile(name, text, CHECKLIST);
      assert.equal(read.ok, false, name);
      assert.equal(read.messages.length, 1, name);
      assert.match(read.messages[0], expected);
    }
  });

  test("answers to unknown items are left out and counted in a warning; the file still counts", () => {
    const data = { ...exported("C", { a: { done: true, note: "" } }), items_version: "ouder" };
    data.items.weg = { done: true, note: "" };
    data.items.b = "ja";
    const read = readParticipantFile("c.json", JSON.stringify(data), CHECKLIST);
    assert.equal(read.ok, true);
    assert.deepEqual(read.items, { a: { done: true, note: "" } });
    assert.deepEqual(read.messages, ["c.json: 2 antwoorden horen niet bij een punt van deze checklist en tellen niet mee. "
      + "Misschien is de checklist veranderd sinds de deelnemer het bestand maakte."]);
  });

  test("a file from another version of the items counts, with a warning", () => {
    const read = readParticipantFile("d.json", JSON.stringify({ ...exported("D", {}), items_version: "ouder" }), CHECKLIST);
    assert.equal(read.ok, true);
    assert.match(read.messages[0], /^d\.json: dit bestand is gemaakt bij een andere versie van deze checklist\. Het telt mee/);
  });

  test("only a tick that is true counts, and a note must be text", () => {
    const data = exported("E", {});
    data.items = { a: { done: "ja", note: 3 }, b: { done: true, note: "  x " } };
    assert.deepEqual(readParticipantFile("e.json", JSON.stringify(data), CHECKLIST).items,
      { a: { done: false, note: "" }, b: { done: true, note: "x" } });
  });

  test("a file over 1 MB is refused before it is read", () => {
    assert.equal(sizeProblem("groot.json", 2_000_000), "groot.json: dit bestand is te groot voor antwoorden op een checklist (meer dan 1 MB).");
    assert.equal(sizeProblem("klein.json", 2000), null);
  });
});

describe("merging", () => {
  const anna = exported("Anna", { a: { done: true, note: "Loopt al" }, b: { done: true, note: "" } });
  const groep = exported("groep 2", { a: { done: true, note: "" }, b: { done: false, note: "Wie trekt dit?" } });

  test("counts per item how many participants ticked it, with every note and its label", () => {
    const result = mergeFiles([file("anna.json", anna), file("groep.json", groep), file("kapot.json", "{")], CHECKLIST);
    assert.deepEqual(result.participants, ["Anna", "groep 2"]);
    assert.deepEqual(result.items.a, { ticked: 2, tickedBy: ["Anna", "groep 2"], notes: [{ label: "Anna", note: "Loopt al" }] });
    assert.deepEqual(result.items.b, { ticked: 1, tickedBy: ["Anna"], notes: [{ label: "groep 2", note: "Wie trekt dit?" }] });
    assert.deepEqual(result.items.c, { ticked: 0, tickedBy: [], notes: [] });
    assert.deepEqual(result.files.map((one) => [one.name, one.counted]), [["anna.json", true], ["groep.json", true], ["kapot.json", false]]);
    assert.equal(summaryText(result), "Samengevoegd: 2 deelnemers. 1 bestand telt niet mee.");
  });

  test("the same file twice counts once, and says so", () => {
    const result = mergeFiles([file("anna.json", anna), file("anna (1).json", anna)], CHECKLIST);
    assert.deepEqual(result.participants, ["Anna"]);
    assert.equal(result.items.a.ticked, 1);
    assert.deepEqual(result.files[1].messages, ["anna (1).json: dit bestand is hetzelfde als anna.json en telt daarom één keer mee."]);
  });

  test("of two files of one participant on one day only the newest counts, whatever the order", () => {
    const later = exported("Anna", { c: { done: true, note: "" } }, "2026-12-04T11:00:00.000Z");
    for (const files of [[file("oud.json", anna), file("nieuw.json", later)], [file("nieuw.json", later), file("oud.json", anna)]]) {
      const result = mergeFiles(files, CHECKLIST);
      assert.deepEqual(result.participants, ["Anna"]);
      assert.deepEqual([result.items.a.ticked, result.items.c.ticked], [0, 1]);
      const old = result.files.find((one) => one.name === "oud.json");
      assert.equal(old.counted, false);
      assert.deepEqual(old.messages, ["oud.json: van 'Anna' is er van dezelfde dag ook nieuw.json. Alleen het nieuwste bestand telt mee."]);
    }
  });

  test("participants without a label are named by their file; different answers both count", () => {
    const one = exported("", { a: { done: true, note: "" } });
    const two = exported("", { b: { done: true, note: "" } });
    const result = mergeFiles([file("een.json", one), file("twee.json", two), file("Anna.json", anna), file("x/Anna.json", exported("Anna", {}, "2026-12-01T09:00:00Z"))], CHECKLIST);
    assert.deepEqual(result.participants, ["een", "twee", "Anna", "Anna (2)"]);
  });

  test("ticked counts in words", () => {
    assert.equal(tickedText(2, 3), "2 van 3");
    assert.equal(tickedText(0, 3), "niemand (0 van 3)");
  });

  test("the overview as CSV for Dutch Excel: ';', a byte order mark, formula-safe notes", () => {
    const hostile = exported("=Piet", { a: { done: true, note: "=SOM(A1)" } });
    const result = mergeFiles([file("anna.json", anna), file("p.json", hostile)], CHECKLIST);
    const items = [{ section: "Start", id: "a", text: "Doel" }, { section: "Start", id: "b", text: "Wie" }, { section: "Start", id: "c", text: "Wat" }];
    assert.equal(overviewCsv(result, items), "\ufeff" + [
      '"sectie";"item";"punt";"afgevinkt";"deelnemers";"afgevinkt door";"notities"',
      '"Start";"a";"Doel";"2";"2";"Anna, \'=Piet";"Anna: Loopt al\n\'=Piet: =SOM(A1)"',
      '"Start";"b";"Wie";"1";"2";"Anna";""',
      '"Start";"c";"Wat";"0";"2";"";""',
    ].join("\r\n") + "\r\n");
  });
});
