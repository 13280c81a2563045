/*
 * Checklist pages: tick items, write notes, see progress, export the answers, see next steps.
 *
 * Answers live only in this browser (localStorage), under one key per checklist, and are keyed by the
 * item's stable id: when a checklist changes later, answers stay with the right item, and answers to
 * removed items are simply not shown. Everything is built with DOM methods and textContent, so no text
 * from a checklist can become markup. Without JavaScript the page is a plain, readable list.
 */
(function () {
  "use strict";

  var root = document.getElementById("tb-checklist");
  if (!root) {
    return;
  }

  var checklistId = root.getAttribute("data-checklist");
  var title = root.getAttribute("data-title") || document.title;
  var storageKey = "thuisbasis:checklist:" + checklistId;
  var tools = root.querySelector(".tb-checklist__tools");
  var total = root.querySelector(".tb-checklist__total");
  var nextSteps = document.getElementById("tb-next-steps");
  var items = Array.prototype.slice.call(root.querySelectorAll(".tb-item[data-item]"));
  var storageWorks = true;

  function load() {
    try {
      var parsed = JSON.parse(window.localStorage.getItem(storageKey) || "{}");
      if (parsed && typeof parsed === "object" && parsed.items && typeof parsed.items === "object") {
        return parsed;
      }
    } catch (error) {
      storageWorks = storageWorks && !(error instanceof DOMException);
    }
    return { version: 1, items: {} };
  }

  var state = load();

  function save() {
    state.updated = new Date().toISOString();
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (error) {
      storageWorks = false;
      showStorageProblem();
    }
  }

  function answer(itemId) {
    var value = state.items[itemId];
    if (!value || typeof value !== "object") {
      value = { done: false, note: "" };
      state.items[itemId] = value;
    }
    return value;
  }

  function itemText(item) {
    return item.querySelector(".tb-item__text").textContent.trim();
  }

  function sectionOf(item) {
    return item.closest(".tb-checklist__section");
  }

  function sectionTitle(section) {
    var heading = section.querySelector("h2, h3");
    return heading ? heading.textContent.trim() : "";
  }

  /* Turn one plain list item into a checkbox with a label and a note field. */
  function enhance(item) {
    var itemId = item.getAttribute("data-item");
    var textElement = item.querySelector(".tb-item__text");
    var checkbox = document.createElement("input");
    checkbox.type = "checkbox";
    checkbox.id = "vink-" + itemId;
    checkbox.className = "tb-item__check";
    var label = document.createElement("label");
    label.htmlFor = checkbox.id;
    label.className = "tb-item__text";
    label.textContent = textElement.textContent;
    var line = document.createElement("div");
    line.className = "tb-item__line";
    line.appendChild(checkbox);
    line.appendChild(label);
    item.replaceChild(line, textElement);

    var noteLabel = document.createElement("label");
    noteLabel.htmlFor = "notitie-" + itemId;
    noteLabel.className = "tb-item__note-label";
    noteLabel.textContent = "Notitie";
    var note = document.createElement("textarea");
    note.id = "notitie-" + itemId;
    note.className = "tb-item__note";
    note.rows = 2;
    var noteBox = document.createElement("div");
    noteBox.className = "tb-item__notes";
    noteBox.appendChild(noteLabel);
    noteBox.appendChild(note);
    item.insertBefore(noteBox, item.querySelector(".tb-item__lines"));

    var current = answer(itemId);
    checkbox.checked = current.done === true;
    note.value = typeof current.note === "string" ? current.note : "";
    item.classList.toggle("tb-item--done", checkbox.checked);

    checkbox.addEventListener("change", function () {
      answer(itemId).done = checkbox.checked;
      item.classList.toggle("tb-item--done", checkbox.checked);
      save();
      update();
    });
    note.addEventListener("input", function () {
      answer(itemId).note = note.value;
      save();
    });
  }

  function isDone(item) {
    return item.querySelector(".tb-item__check").checked;
  }

  function progressText(done, count) {
    return done + " van " + count + " punten afgevinkt";
  }

  function update() {
    var sections = root.querySelectorAll(".tb-checklist__section");
    Array.prototype.forEach.call(sections, function (section) {
      var own = section.querySelectorAll(".tb-item[data-item]");
      var done = Array.prototype.filter.call(own, isDone).length;
      var progress = section.querySelector(".tb-checklist__progress");
      if (progress) {
        progress.textContent = progressText(done, own.length);
      }
    });
    var allDone = items.filter(isDone).length;
    total.textContent = progressText(allDone, items.length) + ".";
    renderNextSteps();
  }

  /* The unticked items, each with the cases and werkzame bestanddelen that show how others did it. */
  function renderNextSteps() {
    if (!nextSteps) {
      return;
    }
    var list = nextSteps.querySelector(".tb-next-steps__list");
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    var open = items.filter(function (item) { return !isDone(item); });
    if (open.length === 0) {
      var finished = document.createElement("li");
      finished.textContent = "Alle punten zijn afgevinkt.";
      list.appendChild(finished);
    }
    open.forEach(function (item) {
      var entry = document.createElement("li");
      var text = document.createElement("a");
      text.href = "#" + item.id;
      text.textContent = itemText(item);
      entry.appendChild(text);
      var examples = item.querySelectorAll(".tb-item__case, .tb-item__ingredient");
      if (examples.length) {
        var how = document.createElement("span");
        how.className = "tb-next-steps__how";
        how.appendChild(document.createTextNode(" Zie: "));
        Array.prototype.forEach.call(examples, function (example, index) {
          var copy = document.createElement("a");
          copy.href = example.getAttribute("href");
          copy.textContent = example.textContent;
          how.appendChild(copy);
          if (index < examples.length - 1) {
            how.appendChild(document.createTextNode("; "));
          }
        });
        entry.appendChild(how);
      }
      list.appendChild(entry);
    });
    nextSteps.hidden = false;
  }

  function exportDate() {
    return new Date().toISOString().slice(0, 10);
  }

  function asMarkdown() {
    var lines = ["# " + title, "", "Antwoorden van " + exportDate() + ". " + total.textContent, ""];
    var lastSection = null;
    items.forEach(function (item) {
      var section = sectionOf(item);
      if (section !== lastSection) {
        lines.push("## " + sectionTitle(section), "");
        lastSection = section;
      }
      lines.push("- [" + (isDone(item) ? "x" : " ") + "] " + itemText(item));
      var note = item.querySelector(".tb-item__note").value.trim();
      if (note) {
        lines.push("  Notitie: " + note.replace(/\s*\n\s*/g, " "));
      }
    });
    return lines.join("\n") + "\n";
  }

  /* A spreadsheet may split on ',' ';' or a tab and start a field after a line break: wherever a field
     could start (past spaces and quotes), a formula character gets an apostrophe before it. The same rule
     as spreadsheet_safe in scripts/thuisbasis/render/data.py. */
  var FORMULA_AT_FIELD_START = /(?:^|(?<=[,;\t\r\n]))[ "]*(?=[=+\-@\t\r])/g;

  function csvCell(value) {
    var text = String(value).replace(FORMULA_AT_FIELD_START, "$&'");
    return '"' + text.replace(/"/g, '""') + '"';
  }

  function asCsv() {
    var rows = [["sectie", "item", "punt", "afgevinkt", "notitie"]];
    items.forEach(function (item) {
      rows.push([sectionTitle(sectionOf(item)), item.getAttribute("data-item"), itemText(item),
                 isDone(item) ? "ja" : "nee", item.querySelector(".tb-item__note").value.trim()]);
    });
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function download(content, type, extension) {
    var blob = new Blob([content], { type: type + ";charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = checklistId + "-antwoorden-" + exportDate() + "." + extension;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function reset() {
    if (!window.confirm("Alle antwoorden en notities van deze checklist wissen?")) {
      return;
    }
    state = { version: 1, items: {} };
    try {
      window.localStorage.removeItem(storageKey);
    } catch (error) {
      storageWorks = false;
    }
    items.forEach(function (item) {
      item.querySelector(".tb-item__check").checked = false;
      item.querySelector(".tb-item__note").value = "";
      item.classList.remove("tb-item--done");
    });
    update();
  }

  function showStorageProblem() {
    if (tools.querySelector(".tb-checklist__storage")) {
      return;
    }
    var warning = document.createElement("p");
    warning.className = "tb-checklist__storage";
    warning.setAttribute("role", "status");
    warning.textContent = "Let op: deze browser bewaart je antwoorden niet. Download ze voordat je de pagina sluit.";
    tools.appendChild(warning);
  }

  var actions = {
    "export-markdown": function () { download(asMarkdown(), "text/markdown", "md"); },
    "export-csv": function () { download(asCsv(), "text/csv", "csv"); },
    "print": function () { window.print(); },
    "reset": reset
  };

  items.forEach(enhance);
  tools.hidden = false;
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (button && actions[button.getAttribute("data-action")]) {
      actions[button.getAttribute("data-action")]();
    }
  });
  if (!storageWorks) {
    showStorageProblem();
  }
  update();
})();
