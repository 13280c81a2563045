/* The answers on a checklist page (checklist.js), without the DOM: how they are stored and how they are
 * exported as text (Markdown) and as a table for a spreadsheet (CSV).
 *
 * Answers are keyed by the item's stable id ({version: 1, items: {<id>: {done, note}}}): when a checklist
 * changes later, answers stay with the right item, and answers to removed items are simply not shown.
 */

export const STORAGE_PREFIX = "thuisbasis:checklist:";

export function emptyAnswers() {
  return { version: 1, items: {} };
}

/** The answers in stored text; empty answers for nothing, broken JSON or the wrong shape. Throws only
 *  what is not a parse error, so the caller can tell a storage that does not work. */
export function readAnswers(text) {
  let parsed;
  try {
    parsed = JSON.parse(text || "{}");
  } catch (error) {
    if (error instanceof SyntaxError) return emptyAnswers();
    throw error;
  }
  const usable = parsed && typeof parsed === "object" && parsed.items && typeof parsed.items === "object";
  return usable ? parsed : emptyAnswers();
}

/** The answer to one item, made (not done, no note) when there is none yet. */
export function answerOf(answers, itemId) {
  let value = answers.items[itemId];
  if (!value || typeof value !== "object") {
    value = { done: false, note: "" };
    answers.items[itemId] = value;
  }
  return value;
}

/** A note on one line, for a list item. */
function oneLine(note) {
  return note.replace(/\s*\n\s*/g, " ");
}

/** The answers as Markdown: a heading per section, a task list item per point, notes below.
 *  `items`: [{section, text, done, note}] in page order. */
export function asMarkdown(title, date, progress, items) {
  const lines = [`# ${title}`, "", `Antwoorden van ${date}. ${progress}`, ""];
  let lastSection = null;
  for (const item of items) {
    if (item.section !== lastSection) {
      lines.push(`## ${item.section}`, "");
      lastSection = item.section;
    }
    lines.push(`- [${item.done ? "x" : " "}] ${item.text}`);
    if (item.note) lines.push(`  Notitie: ${oneLine(item.note)}`);
  }
  return `${lines.join("\n")}\n`;
}

/* A spreadsheet may split on ',' ';' or a tab and start a field after a line break: wherever a field
   could start (past spaces and quotes), a formula character gets an apostrophe before it. The same rule
   as spreadsheet_safe in scripts/thuisbasis/render/data.py. */
const FORMULA_AT_FIELD_START = /(?:^|(?<=[,;\t\r\n]))[ "]*(?=[=+\-@\t\r])/g;

export function csvCell(value) {
  const text = String(value).replace(FORMULA_AT_FIELD_START, "$&'");
  return `"${text.replace(/"/g, '""')}"`;
}

/** The answers as CSV for a spreadsheet, the way Dutch Excel opens it with a double click: fields separated
 *  by ';' (Excel with Dutch settings splits on ';', since ',' is the decimal separator), a byte order mark
 *  (else it reads UTF-8 as Windows-1252: "cliÃ«nt"), a header row, CRLF line ends.
 *  `items`: [{section, id, text, done, note}] in page order. */
export function asCsv(items) {
  const rows = [["sectie", "item", "punt", "afgevinkt", "notitie"]];
  for (const item of items) rows.push([item.section, item.id, item.text, item.done ? "ja" : "nee", item.note]);
  return csvTable(rows);
}

/** Rows of cells as CSV for Dutch Excel (see asCsv): ';', a byte order mark, formula-safe cells, CRLF. */
export function csvTable(rows) {
  return `\ufeff${rows.map((row) => row.map(csvCell).join(";")).join("\r\n")}\r\n`;
}

/* A participant's file for the trainer ("Antwoorden downloaden voor de trainer"): the stored answers
 * ({version, items}) plus what a trainer needs to merge several (samenvoeging.js): which checklist, which
 * version of its items, an optional label the participant typed, and when. */
export const PARTICIPANT_KIND = "thuisbasis-checklist-antwoorden";
export const PARTICIPANT_LABEL_LENGTH = 60;

/** A label as typed: one line, trimmed, at most PARTICIPANT_LABEL_LENGTH characters. */
export function cleanLabel(label) {
  return typeof label === "string" ? label.replace(/\s+/g, " ").trim().slice(0, PARTICIPANT_LABEL_LENGTH) : "";
}

/** The participant's file: only the answers to items on the page (`itemIds`), each {done, note}. */
export function participantExport({ checklistId, itemsVersion, participant, exported, answers, itemIds }) {
  const items = {};
  for (const itemId of itemIds) {
    const answer = answers.items[itemId];
    if (!answer || typeof answer !== "object") continue;
    const note = typeof answer.note === "string" ? answer.note.trim() : "";
    if (answer.done === true || note) items[itemId] = { done: answer.done === true, note };
  }
  return {
    kind: PARTICIPANT_KIND, version: 1, checklist: checklistId, items_version: itemsVersion,
    participant: cleanLabel(participant), date: exported.slice(0, 10), exported, items,
  };
}

/** 'groep 2' -> 'groep-2': the label in a file name, only letters, digits and dashes. */
function fileNamePart(label) {
  return label.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 30);
}

/** '<checklist>-antwoorden-<label>-<date>.json' ('<checklist>-antwoorden-<date>.json' without a label). */
export function participantFileName(checklistId, participant, date) {
  const part = fileNamePart(cleanLabel(participant));
  return exportName(checklistId, part ? `${part}-${date}` : date, "json");
}

/** The file name of an export: '<checklist>-antwoorden-<date>.<extension>'. */
export function exportName(checklistId, date, extension) {
  return `${checklistId}-antwoorden-${date}.${extension}`;
}
