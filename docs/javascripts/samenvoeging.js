/* Merging participants' answers (samenvoegen.js), without the DOM: read and check each participant's file
 * (antwoorden.js: participantExport), leave out repeats, count per item how many participants ticked it and
 * gather every note with its participant's label. Each problem is a Dutch message naming the file; a bad
 * file never stops the good ones from being merged.
 *
 * `checklist` is what the page knows: {id, title, itemsVersion, itemIds: [id, ...]}.
 */
import { PARTICIPANT_KIND, cleanLabel, csvTable } from "./antwoorden.js";
import { plural } from "./dom.js";

export const MAX_FILE_BYTES = 1024 * 1024;  // a participant's file is a few kilobytes
const MAX_NOTE_LENGTH = 5000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHOWN_ID_LENGTH = 60;

function isObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

/** Text from a file, safe to show on one line: control characters dropped, shortened. */
function shown(value) {
  const text = String(value).replace(/\p{Cc}/gu, " ").trim();
  return text.length > SHOWN_ID_LENGTH ? `${text.slice(0, SHOWN_ID_LENGTH)}…` : text;
}

/** The message for a file that is too big to be a participant's file, or null. */
export function sizeProblem(name, size) {
  return size > MAX_FILE_BYTES ? `${name}: dit bestand is te groot voor antwoorden op een checklist (meer dan 1 MB).` : null;
}

function rejected(name, message) {
  return { name, ok: false, messages: [`${name}: ${message}`] };
}

/** The answers in one participant's file, checked against the checklist:
 *  {name, ok: true, participant, date, exported, items: {id: {done, note}}, messages} (messages are warnings:
 *  the file still counts) or {name, ok: false, messages: [why not]}. */
export function readParticipantFile(name, text, checklist) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return rejected(name, "dit bestand is kapot of is geen bestand met antwoorden (het is geen geldige JSON). "
      + "Vraag de deelnemer het opnieuw te downloaden met de knop 'Antwoorden downloaden voor de trainer'.");
  }
  if (!isObject(data) || data.kind !== PARTICIPANT_KIND || !isObject(data.items)) {
    return rejected(name, "dit is geen bestand met antwoorden op een checklist van Thuisbasis. Gebruik het bestand "
      + "dat de knop 'Antwoorden downloaden voor de trainer' op de pagina van de checklist maakt.");
  }
  if (data.checklist !== checklist.id) {
    return rejected(name, `dit zijn antwoorden op een andere checklist ('${shown(data.checklist)}'), niet op `
      + `'${checklist.title}'. Voeg dit bestand samen op de pagina van die checklist.`);
  }
  const known = new Set(checklist.itemIds);
  const items = {};
  let unknown = 0;
  for (const [itemId, answer] of Object.entries(data.items)) {
    if (!known.has(itemId) || !isObject(answer)) {
      unknown += 1;
      continue;
    }
    const note = typeof answer.note === "string" ? answer.note.trim().slice(0, MAX_NOTE_LENGTH) : "";
    items[itemId] = { done: answer.done === true, note };
  }
  const messages = [];
  if (unknown) {
    const [answers, count] = unknown === 1 ? ["antwoord hoort", "telt"] : ["antwoorden horen", "tellen"];
    messages.push(`${name}: ${unknown} ${answers} niet bij een punt van deze checklist en ${count} niet mee. `
      + "Misschien is de checklist veranderd sinds de deelnemer het bestand maakte.");
  } else if (data.items_version !== checklist.itemsVersion) {
    messages.push(`${name}: dit bestand is gemaakt bij een andere versie van deze checklist. Het telt mee; `
      + "kijk wel of de punten nog hetzelfde betekenen.");
  }
  return {
    name, ok: true, messages, items,
    participant: cleanLabel(data.participant),
    date: typeof data.date === "string" && ISO_DATE.test(data.date) ? data.date : "",
    exported: typeof data.exported === "string" ? data.exported : "",
  };
}

/** What makes two files the same answers: participant, date and every answer, in a fixed order. */
function contentKey(file) {
  const answers = Object.keys(file.items).sort().map((itemId) => [itemId, file.items[itemId].done, file.items[itemId].note]);
  return JSON.stringify([file.participant, file.date, answers]);
}

function participantDay(file) {
  return JSON.stringify([file.participant, file.date]);
}

/** The files that count, in their order: a file equal to an earlier one counts once; of files with the same
 *  participant label and date only the newest export counts. Each file left out gets a message saying why. */
export function withoutRepeats(files) {
  const byContent = new Map();
  const unique = [];
  for (const file of files) {
    const same = byContent.get(contentKey(file));
    if (same) file.messages.push(`${file.name}: dit bestand is hetzelfde als ${same.name} en telt daarom één keer mee.`);
    else {
      byContent.set(contentKey(file), file);
      unique.push(file);
    }
  }
  const newest = new Map();
  for (const file of unique.filter((one) => one.participant)) {
    const earlier = newest.get(participantDay(file));
    if (!earlier || file.exported >= earlier.exported) newest.set(participantDay(file), file);
  }
  const counted = unique.filter((file) => !file.participant || newest.get(participantDay(file)) === file);
  for (const file of unique.filter((one) => !counted.includes(one))) {
    const kept = newest.get(participantDay(file));
    file.messages.push(`${file.name}: van '${file.participant}' is er van dezelfde dag ook ${kept.name}. `
      + "Alleen het nieuwste bestand telt mee.");
  }
  for (const file of files) file.counted = counted.includes(file);
  return counted;
}

/** A label per counted file: what the participant typed, else the file name; a repeated label gets a number. */
function labelsOf(counted) {
  const seen = new Map();
  return counted.map((file) => {
    const label = file.participant || file.name.replace(/\.json$/i, "");
    const times = (seen.get(label) || 0) + 1;
    seen.set(label, times);
    return times === 1 ? label : `${label} (${times})`;
  });
}

/** Merge read files ([{name, text}], or {name, problem} for a file that could not be read) into one overview:
 *  {files: [{name, counted, messages}], participants: [label], items: {id: {ticked, tickedBy, notes: [{label, note}]}}}. */
export function mergeFiles(files, checklist) {
  const read = files.map(({ name, text, problem }) => (problem ? { name, ok: false, messages: [problem] }
    : readParticipantFile(name, text, checklist)));
  const counted = withoutRepeats(read.filter((file) => file.ok));
  const participants = labelsOf(counted);
  const items = {};
  for (const itemId of checklist.itemIds) {
    const entry = { ticked: 0, tickedBy: [], notes: [] };
    counted.forEach((file, index) => {
      const answer = file.items[itemId];
      if (!answer) return;
      if (answer.done) {
        entry.ticked += 1;
        entry.tickedBy.push(participants[index]);
      }
      if (answer.note) entry.notes.push({ label: participants[index], note: answer.note });
    });
    items[itemId] = entry;
  }
  return {
    files: read.map((file) => ({ name: file.name, counted: file.ok && file.counted === true, messages: file.messages })),
    participants, items,
  };
}

/** '2 van 3', or 'niemand (0 van 3)'. */
export function tickedText(ticked, total) {
  return ticked ? `${ticked} van ${total}` : `niemand (0 van ${total})`;
}

/** 'Samengevoegd: 3 deelnemers. 1 bestand telt niet mee.' */
export function summaryText(result) {
  const notCounted = result.files.filter((file) => !file.counted).length;
  const parts = [`Samengevoegd: ${plural(result.participants.length, "deelnemer", "deelnemers")}.`];
  if (notCounted) parts.push(`${plural(notCounted, "bestand telt", "bestanden tellen")} niet mee.`);
  return parts.join(" ");
}

/** The overview as CSV for Dutch Excel (csvTable). `items`: [{section, id, text}] in page order. */
export function overviewCsv(result, items) {
  const total = result.participants.length;
  const rows = [["sectie", "item", "punt", "afgevinkt", "deelnemers", "afgevinkt door", "notities"]];
  for (const item of items) {
    const entry = result.items[item.id];
    rows.push([item.section, item.id, item.text, String(entry.ticked), String(total), entry.tickedBy.join(", "),
      entry.notes.map(({ label, note }) => `${label}: ${note}`).join("\n")]);
  }
  return csvTable(rows);
}
