/*
 * Checklist pages: tick items, write notes, see progress, export the answers, see next steps.
 *
 * Answers live only in this browser (localStorage), under one key per checklist, keyed by item id
 * (antwoorden.js). Everything is built with DOM methods and textContent, so no text from a checklist can
 * become markup. Without JavaScript the page is a plain, readable list.
 */
import {
  STORAGE_PREFIX, answerOf, asCsv, asMarkdown, cleanLabel, emptyAnswers, exportName, participantExport, participantFileName,
  readAnswers,
} from "./antwoorden.js";
import { el, offerDownload, replaceChildren } from "./dom.js";

function itemText(item) {
  return item.querySelector(".tb-item__text").textContent.trim();
}

function sectionTitle(item) {
  const heading = item.closest(".tb-checklist__section").querySelector("h2, h3");
  return heading ? heading.textContent.trim() : "";
}

function isDone(item) {
  return item.querySelector(".tb-item__check").checked;
}

function noteOf(item) {
  return item.querySelector(".tb-item__note").value.trim();
}

function progressText(done, count) {
  return `${done} van ${count} punten afgevinkt`;
}

function exportDate() {
  return new Date().toISOString().slice(0, 10);
}

/** What an item says, for the exports. */
function exported(item) {
  return {
    section: sectionTitle(item), id: item.getAttribute("data-item"), text: itemText(item), done: isDone(item),
    note: noteOf(item),
  };
}

/** 'Zie: ' and a copy of each case and werkzaam bestanddeel link of an item, separated by '; '. */
function examplesOf(item) {
  const examples = [...item.querySelectorAll(".tb-item__case, .tb-item__ingredient")];
  if (!examples.length) return null;
  const links = examples.flatMap((example, index) => [
    index ? "; " : " Zie: ", el("a", { href: example.getAttribute("href"), text: example.textContent }),
  ]);
  return el("span", { className: "tb-next-steps__how" }, links);
}

function nextStep(item) {
  return el("li", {}, [el("a", { href: `#${item.id}`, text: itemText(item) }), examplesOf(item)]);
}

class ChecklistPage {
  constructor(root) {
    this.root = root;
    this.checklistId = root.getAttribute("data-checklist");
    this.title = root.getAttribute("data-title") || document.title;
    this.storageKey = STORAGE_PREFIX + this.checklistId;
    this.tools = root.querySelector(".tb-checklist__tools");
    this.total = root.querySelector(".tb-checklist__total");
    this.nextSteps = document.getElementById("tb-next-steps");
    this.participant = root.querySelector(".tb-checklist__participant-label");
    this.items = [...root.querySelectorAll(".tb-item[data-item]")];
    this.storageWorks = true;
    this.answers = this.load();
    for (const item of this.items) this.enhance(item);
    this.enhanceParticipant();
    this.tools.hidden = false;
    this.tools.addEventListener("click", (event) => this.act(event));
    if (!this.storageWorks) this.showStorageProblem();
    this.update();
  }

  load() {
    try {
      return readAnswers(window.localStorage.getItem(this.storageKey));
    } catch {
      this.storageWorks = false;
      return emptyAnswers();
    }
  }

  save() {
    this.answers.updated = new Date().toISOString();
    try {
      window.localStorage.setItem(this.storageKey, JSON.stringify(this.answers));
    } catch {
      this.storageWorks = false;
      this.showStorageProblem();
    }
  }

  /** Turn one plain list item into a checkbox with a label and a note field. */
  enhance(item) {
    const itemId = item.getAttribute("data-item");
    const current = answerOf(this.answers, itemId);
    const checkbox = el("input", { type: "checkbox", id: `vink-${itemId}`, className: "tb-item__check" });
    const textElement = item.querySelector(".tb-item__text");
    const label = el("label", { for: checkbox.id, className: "tb-item__text", text: textElement.textContent });
    item.replaceChild(el("div", { className: "tb-item__line" }, [checkbox, label]), textElement);
    const note = el("textarea", { id: `notitie-${itemId}`, className: "tb-item__note", rows: 2 });
    const noteBox = el("div", { className: "tb-item__notes" }, [
      el("label", { for: note.id, className: "tb-item__note-label", text: "Notitie" }), note,
    ]);
    item.insertBefore(noteBox, item.querySelector(".tb-item__lines"));
    // The note as it prints on "met onze antwoorden" (a textarea prints as a box, not as its text).
    item.insertBefore(el("p", { className: "tb-item__printed-note" }), item.querySelector(".tb-item__lines"));

    checkbox.checked = current.done === true;
    note.value = typeof current.note === "string" ? current.note : "";
    item.classList.toggle("tb-item--done", checkbox.checked);
    checkbox.addEventListener("change", () => {
      answerOf(this.answers, itemId).done = checkbox.checked;
      item.classList.toggle("tb-item--done", checkbox.checked);
      this.save();
      this.update();
    });
    note.addEventListener("input", () => {
      answerOf(this.answers, itemId).note = note.value;
      this.save();
    });
  }

  /** The participant's label for the trainer's file, kept with the answers. */
  enhanceParticipant() {
    if (!this.participant) return;
    this.participant.value = cleanLabel(this.answers.participant);
    this.participant.addEventListener("input", () => {
      this.answers.participant = cleanLabel(this.participant.value);
      this.save();
    });
  }

  update() {
    for (const section of this.root.querySelectorAll(".tb-checklist__section")) {
      const own = [...section.querySelectorAll(".tb-item[data-item]")];
      const progress = section.querySelector(".tb-checklist__progress");
      if (progress) progress.textContent = progressText(own.filter(isDone).length, own.length);
    }
    this.total.textContent = `${progressText(this.items.filter(isDone).length, this.items.length)}.`;
    this.renderNextSteps();
  }

  /** The unticked items, each with the cases and werkzame bestanddelen that show how others did it. */
  renderNextSteps() {
    if (!this.nextSteps) return;
    const open = this.items.filter((item) => !isDone(item));
    const entries = open.length ? open.map(nextStep) : [el("li", { text: "Alle punten zijn afgevinkt." })];
    replaceChildren(this.nextSteps.querySelector(".tb-next-steps__list"), entries);
    this.nextSteps.hidden = false;
  }

  /** A tool button was pressed (data-action on the button). */
  act(event) {
    const button = event.target.closest("button[data-action]");
    const actions = {
      "export-text": () => this.exportText(),
      "export-csv": () => this.exportCsv(),
      "export-participant": () => this.exportForTrainer(),
      "print-empty": () => this.print("leeg"),
      "print-answers": () => this.print("antwoorden"),
      reset: () => this.reset(),
    };
    const action = button && actions[button.getAttribute("data-action")];
    if (action) action();
  }

  /** Print as an empty form or with this team's ticks and notes. The choice stays until the next one, so
   *  the browser's own print command (Ctrl+P) prints the same; without a choice the form prints empty. */
  print(mode) {
    document.documentElement.setAttribute("data-tb-afdruk", mode);
    for (const item of this.items) {
      const printed = item.querySelector(".tb-item__printed-note");
      const note = noteOf(item);
      printed.textContent = mode === "antwoorden" && note ? `Notitie: ${note}` : "";
    }
    window.print();
  }

  exportText() {
    // Markdown is readable as plain text; .txt opens in any editor on any computer.
    const text = asMarkdown(this.title, exportDate(), this.total.textContent, this.items.map(exported));
    offerDownload(text, "text/plain", exportName(this.checklistId, exportDate(), "txt"));
  }

  exportCsv() {
    offerDownload(asCsv(this.items.map(exported)), "text/csv", exportName(this.checklistId, exportDate(), "csv"));
  }

  /** The participant's file, which the trainer merges with the others (samenvoegen.js). */
  exportForTrainer() {
    const data = participantExport({
      checklistId: this.checklistId, itemsVersion: this.root.getAttribute("data-items-version"),
      participant: this.participant ? this.participant.value : "", exported: new Date().toISOString(),
      answers: this.answers, itemIds: this.items.map((item) => item.getAttribute("data-item")),
    });
    offerDownload(`${JSON.stringify(data, null, 2)}\n`, "application/json",
      participantFileName(this.checklistId, data.participant, data.date));
  }

  reset() {
    if (!window.confirm("Alle antwoorden en notities van deze checklist wissen?")) return;
    this.answers = emptyAnswers();
    try {
      window.localStorage.removeItem(this.storageKey);
    } catch {
      this.storageWorks = false;
    }
    if (this.participant) this.participant.value = "";
    for (const item of this.items) {
      item.querySelector(".tb-item__check").checked = false;
      item.querySelector(".tb-item__note").value = "";
      item.classList.remove("tb-item--done");
    }
    this.update();
  }

  showStorageProblem() {
    if (this.tools.querySelector(".tb-checklist__storage")) return;
    this.tools.appendChild(el("p", {
      className: "tb-checklist__storage", role: "status",
      text: "Let op: deze browser bewaart je antwoorden niet. Download ze voordat je de pagina sluit.",
    }));
  }
}

const root = document.getElementById("tb-checklist");
if (root) root.tbChecklistPage = new ChecklistPage(root);
