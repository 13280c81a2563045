/*
 * The merge page of a checklist (checklists/<id>/samenvoegen/): a trainer chooses or drops the participants'
 * answers files; this browser reads them (FileReader), checks and merges them (samenvoeging.js) and fills in
 * the tables the page already holds: per item how many participants ticked it, and every note with its
 * participant's label. Nothing is sent anywhere; the files stay in this page until it is closed.
 */
import { el, offerDownload, replaceChildren } from "./dom.js";
import { mergeFiles, overviewCsv, sizeProblem, summaryText, tickedText } from "./samenvoeging.js";
import { exportName } from "./antwoorden.js";

/** The text of a chosen file, or {problem} when the browser cannot read it. */
function readFile(file) {
  const problem = sizeProblem(file.name, file.size);
  if (problem) return Promise.resolve({ name: file.name, problem });
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.addEventListener("load", () => resolve({ name: file.name, text: String(reader.result) }));
    reader.addEventListener("error", () => resolve({
      name: file.name, problem: `${file.name}: dit bestand kon niet worden gelezen. Kies het nog een keer.`,
    }));
    reader.readAsText(file, "utf-8");
  });
}

/** One line per file: counted or not, and why. */
function fileLine(file) {
  const word = file.counted ? "Telt mee" : "Telt niet mee";
  const texts = file.messages.length ? file.messages : [`${file.name}.`];
  return el("li", { className: file.counted ? "tb-merge__file" : "tb-merge__file tb-merge__file--refused" },
    [el("strong", { text: `${word}: ` }), texts.join(" ")]);
}

function noteList(notes) {
  if (!notes.length) return [];
  return [el("ul", { className: "tb-merge__note-list" }, notes.map(({ label, note }) => el("li", {}, [
    el("strong", { text: `${label}: ` }), el("span", { className: "tb-merge__note", text: note }),
  ])))];
}

class MergePage {
  constructor(root) {
    this.root = root;
    this.rows = [...root.querySelectorAll(".tb-merge__row[data-item]")];
    this.checklist = {
      id: root.getAttribute("data-checklist"), title: root.getAttribute("data-title"),
      itemsVersion: root.getAttribute("data-items-version"), itemIds: this.rows.map((row) => row.getAttribute("data-item")),
    };
    this.files = [];
    this.result = null;
    this.input = root.querySelector(".tb-merge__input");
    this.drop = root.querySelector(".tb-merge__drop");
    this.overview = root.querySelector(".tb-merge__overview");
    root.querySelector(".tb-merge__needs-script").hidden = true;
    root.querySelector(".tb-merge__tools").hidden = false;
    this.input.addEventListener("change", () => this.add([...this.input.files]).then(() => { this.input.value = ""; }));
    this.listenForDrops();
    this.overview.addEventListener("click", (event) => this.act(event));
  }

  listenForDrops() {
    // Dropping a file anywhere else would make the browser open it and leave this page (and the overview).
    for (const type of ["dragover", "drop"]) document.addEventListener(type, (event) => event.preventDefault());
    this.drop.addEventListener("dragover", () => this.drop.classList.add("tb-merge__drop--over"));
    this.drop.addEventListener("dragleave", () => this.drop.classList.remove("tb-merge__drop--over"));
    this.drop.addEventListener("drop", (event) => {
      this.drop.classList.remove("tb-merge__drop--over");
      this.add([...event.dataTransfer.files]);
    });
  }

  async add(chosen) {
    if (!chosen.length) return;
    this.files.push(...await Promise.all(chosen.map(readFile)));
    this.show();
  }

  show() {
    this.result = mergeFiles(this.files, this.checklist);
    const summary = this.files.length ? summaryText(this.result) : "";
    replaceChildren(this.root.querySelector(".tb-merge__files"), [
      ...(summary ? [el("li", { className: "tb-merge__status", text: summary })] : []),
      ...this.result.files.map(fileLine),
    ]);
    const total = this.result.participants.length;
    this.overview.hidden = total === 0;
    this.root.querySelector(".tb-merge__summary").textContent = summary;
    this.root.querySelector(".tb-merge__participants").textContent = `Deelnemers: ${this.result.participants.join(", ")}.`;
    for (const row of this.rows) {
      const entry = this.result.items[row.getAttribute("data-item")];
      row.classList.toggle("tb-merge__row--none", entry.ticked === 0);
      row.querySelector(".tb-merge__count").textContent = tickedText(entry.ticked, total);
      replaceChildren(row.querySelector(".tb-merge__notes"), noteList(entry.notes));
    }
  }

  /** A button of the overview was pressed (data-action on the button). */
  act(event) {
    const button = event.target.closest("button[data-action]");
    const actions = {
      "print-overview": () => window.print(),
      "export-csv": () => this.exportCsv(),
      clear: () => this.clear(),
    };
    const action = button && actions[button.getAttribute("data-action")];
    if (action) action();
  }

  exportCsv() {
    const items = this.rows.map((row) => ({
      section: row.closest("table").querySelector("caption").textContent.trim(), id: row.getAttribute("data-item"),
      text: row.querySelector(".tb-merge__text").textContent.trim(),
    }));
    const date = new Date().toISOString().slice(0, 10);
    offerDownload(overviewCsv(this.result, items), "text/csv", exportName(this.checklist.id, `samengevoegd-${date}`, "csv"));
  }

  clear() {
    this.files = [];
    this.show();
    this.input.focus();
  }
}

const root = document.getElementById("tb-merge");
if (root) root.tbMergePage = new MergePage(root);
