/* Casus indienen zonder GitHub: the casus-wizard (see tests/browser/test_wizard.py).
 *
 * Acts only on a page with #tb-aanmelden. The form is built from data/casus-wizard.json (data-form):
 * one control per schema field, labels, help and choices from the schema and the registries
 * (render/wizard.py), so a new field needs no change here. "Controleer" validates the case with
 * @cfworker/json-schema (copied from node_modules into the site by site/vendor.py; it needs no eval) and
 * shows problems.py's messages (meldingen.js) at each field and in a summary that links to them. A valid
 * case becomes a YAML file (casusyaml.js) with three ways out (aanmelding.js): a prefilled GitHub issue,
 * a download, an e-mail text to copy. The page sends nothing itself.
 *
 * Text from the data and from the visitor only enters the page through textContent and form values.
 */
import { clear, el, startPage } from "./dom.js";
import { issueAnswers, issueBody, issueUrl, mailText, slugify } from "./aanmelding.js";
import { toYaml } from "./casusyaml.js";
import { problemsFor } from "./meldingen.js";

const VALIDATOR = "./vendor/json-schema/index.js"; // site/vendor.py: VENDOR_FOLDER, relative to this module
let serial = 0;

function nextId(path) {
  serial += 1;
  return `tb-veld-${path.replace(/[^a-z0-9]+/gi, "-")}-${serial}`;
}

function words(texts, key, fields = {}) {
  return Object.entries(fields).reduce((text, [name, value]) => text.replace(`{${name}}`, value), texts[key]);
}

function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

// --- Controls: each returns { element, read(register, path) } -----------------------------------------

function labelText(field, texts) {
  return `${field.label} (${field.required ? texts.required : texts.optional})`;
}

/** The help and error lines of a field, and the ids that aria-describedby names. */
function describedBy(id, field) {
  const help = field.help ? el("p", { className: "tb-wizard__help", id: `${id}-uitleg`, text: field.help }) : null;
  const error = el("p", { className: "tb-wizard__error", id: `${id}-fout`, hidden: true });
  return { help, error, ids: [help ? help.id : null, error.id].filter(Boolean).join(" ") };
}

function numberFrom(text, integer) {
  const pattern = integer ? /^-?\d+$/ : /^-?\d+(?:\.\d+)?$/;
  return pattern.test(text) ? Number(text) : text; // other text stays text: the schema says what is wrong
}

function scalarControl(field, texts) {
  const id = nextId(field.path);
  const { help, error, ids } = describedBy(id, field);
  let input;
  if (field.control === "select" || field.control === "boolean") {
    const options = field.control === "boolean"
      ? [{ value: "true", label: texts.yes }, { value: "false", label: texts.no }] : field.options;
    input = el("select", { id, "aria-describedby": ids }, [el("option", { value: "", text: texts.choose }),
      ...options.map((option) => el("option", { value: option.value, text: option.label }))]);
  } else if (field.control === "textarea") {
    input = el("textarea", { id, rows: 5, "aria-describedby": ids });
  } else {
    const numeric = field.control === "number" || field.control === "integer";
    input = el("input", { id, type: "text", inputmode: numeric ? "decimal" : null, "aria-describedby": ids,
      autocomplete: "off" });
  }
  if (field.required) input.setAttribute("aria-required", "true");
  const element = el("div", { className: "tb-wizard__field" }, [
    el("label", { for: id, text: labelText(field, texts) }), help, input, error]);
  function read(register, path) {
    register(path, { input, error });
    const text = input.value.trim();
    if (text === "") return undefined;
    if (field.control === "boolean") return text === "true";
    if (field.control === "number" || field.control === "integer") return numberFrom(text, field.control === "integer");
    return field.control === "textarea" ? input.value.replace(/\s+$/, "") : text;
  }
  return { element, read, input };
}

function choicesControl(field, texts) {
  const id = nextId(field.path);
  const { help, error, ids } = describedBy(id, field);
  const boxes = field.options.map((option) => el("input", { type: "checkbox", value: option.value, id: nextId(option.value) }));
  const element = el("fieldset", { className: "tb-wizard__group", id, "aria-describedby": ids }, [
    el("legend", { text: labelText(field, texts) }), help,
    el("ul", { className: "tb-wizard__choices" }, boxes.map((box, index) =>
      el("li", {}, [box, " ", el("label", { for: box.id, text: field.options[index].label })]))),
    error]);
  function read(register, path) {
    register(path, { input: boxes[0], error, group: element });
    const chosen = boxes.filter((box) => box.checked).map((box) => box.value);
    return chosen.length ? chosen : undefined;
  }
  return { element, read };
}

function groupControl(field, texts) {
  const id = nextId(field.path);
  const { help, error, ids } = describedBy(id, field);
  const children = field.fields.map((child) => [child, control(child, texts)]);
  const element = el("fieldset", { className: "tb-wizard__group", id, "aria-describedby": ids }, [
    el("legend", { text: labelText(field, texts) }), help, error, ...children.map(([, made]) => made.element)]);
  function read(register, path) {
    const value = {};
    for (const [child, made] of children) {
      const childValue = made.read(register, [...path, child.name]);
      if (childValue !== undefined) value[child.name] = childValue;
    }
    register(path, { input: element.querySelector("input, select, textarea"), error, group: element });
    if (!Object.keys(value).length) return undefined;
    const keys = Object.keys(value);
    if (field.control === "measure" && keys.length === 1 && keys[0] === "waarde" && typeof value.waarde === "number") {
      return value.waarde; // a meetwaarde that is only a number is written as the number
    }
    return value;
  }
  return { element, read, children };
}

function listControl(field, texts) {
  const id = nextId(field.path);
  const { help, error, ids } = describedBy(id, field);
  const items = [];
  const holder = el("div", { className: "tb-wizard__items" });
  const itemName = field.item.label;
  const add = el("button", { type: "button", className: "md-button tb-wizard__add", text: words(texts, "add", { item: itemName.toLowerCase() }) });
  const element = el("fieldset", { className: "tb-wizard__group tb-wizard__list", id, "aria-describedby": ids }, [
    el("legend", { text: labelText(field, texts) }), help, error, holder, add]);

  function renumber() {
    items.forEach((item, index) => {
      item.heading.textContent = words(texts, "item", { item: itemName, number: index + 1 });
      item.remove.textContent = words(texts, "remove", { item: itemName, number: index + 1 });
    });
  }
  function addItem(focus) {
    const made = control(field.item, texts, true);
    const heading = el("h3", { className: "tb-wizard__item-title" });
    const remove = el("button", { type: "button", className: "md-button tb-wizard__remove" });
    const wrapper = el("div", { className: "tb-wizard__item" }, [heading, made.element, remove]);
    const item = { made, heading, remove, wrapper };
    remove.addEventListener("click", () => {
      const index = items.indexOf(item);
      items.splice(index, 1);
      wrapper.remove();
      renumber();
      (items[index]?.heading ? items[index].remove : add).focus();
    });
    items.push(item);
    holder.appendChild(wrapper);
    renumber();
    if (focus) wrapper.querySelector("input, select, textarea")?.focus();
  }
  add.addEventListener("click", () => addItem(true));
  for (let count = 0; count < (field.required ? field.min_items : 0); count += 1) addItem(false); // optional: none yet
  function read(register, path) {
    register(path, { input: items[0]?.wrapper.querySelector("input, select, textarea") ?? add, error, group: element });
    const values = [];
    for (const item of items) {
      const value = item.made.read(register, [...path, values.length]);
      if (value !== undefined) values.push(value);
    }
    return values.length ? values : undefined;
  }
  return { element, read };
}

/** The control of one field; `asItem`: an item of a list, whose label the item's heading already gives. */
function control(field, texts, asItem = false) {
  if (field.control === "list") return listControl(field, texts);
  if (field.control === "choices") return choicesControl(field, texts);
  if (field.control === "group" || field.control === "measure") {
    const made = groupControl(field, texts);
    if (asItem) made.element.classList.add("tb-wizard__group--item");
    return made;
  }
  return scalarControl(field, texts);
}

// --- Checking and showing problems ---------------------------------------------------------------------

function keyOf(path) {
  return path.map(String).join("/");
}

/** The control a problem belongs to: its own, or that of the nearest field above it. */
function controlFor(registered, path) {
  for (let length = path.length; length >= 0; length -= 1) {
    const found = registered.get(keyOf(path.slice(0, length)));
    if (found) return found;
  }
  return null;
}

function clearProblems(registered) {
  for (const { input, error } of registered.values()) {
    input?.removeAttribute("aria-invalid");
    clear(error);
    error.hidden = true;
  }
}

function showProblems(problems, registered, summary, texts) {
  clear(summary);
  const links = [];
  for (const found of problems) {
    const target = controlFor(registered, found.path);
    if (!target) continue;
    target.input?.setAttribute("aria-invalid", "true");
    target.error.hidden = false;
    target.error.appendChild(el("span", { text: found.message }));
    const link = el("a", { href: `#${target.input?.id ?? ""}`, text: found.message });
    link.addEventListener("click", (event) => {
      event.preventDefault();
      target.input?.focus();
    });
    links.push(el("li", {}, [link]));
  }
  const count = problems.length === 1 ? texts.problem_one : words(texts, "problem_many", { count: problems.length });
  summary.append(el("h2", { text: words(texts, "problems_title", { count }) }), el("ul", {}, links));
  summary.hidden = false;
  summary.focus();
}

// --- The ways out --------------------------------------------------------------------------------------

function copyBlock(id, label, text, texts) {
  const area = el("textarea", { id, readonly: true, rows: 8 });
  area.value = text;
  const status = el("p", { className: "tb-wizard__status", role: "status" });
  const button = el("button", { type: "button", className: "md-button", text: label });
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = texts.copied;
    } catch {
      area.focus();
      area.select();
      status.textContent = texts.copy_failed;
    }
  });
  return { area, button, status };
}

function waysOut(data, yaml, wizard, options) {
  const { texts, issue } = wizard;
  const file = `${data.id}.yaml`;
  const blob = new Blob([yaml], { type: "application/yaml" });
  const download = el("a", { className: "md-button md-button--primary", href: URL.createObjectURL(blob), download: file,
    text: words(texts, "download", { file }) });
  const parts = [el("h2", { text: texts.ready, tabindex: "-1", id: "tb-klaar" }), el("p", {}, [download])];
  const answers = issueAnswers(data, issue, options, texts);
  const title = `Casus: ${data.titel}`;
  if (issue.new_issue_url) {
    const url = issueUrl(answers, issue, title);
    if (url) {
      parts.push(el("p", {}, [el("a", { className: "md-button", href: url, id: "tb-issue", rel: "noopener", text: texts.issue })]),
        el("p", { text: texts.issue_note }), el("p", { text: texts.not_in_issue }));
    } else {
      const blank = `${issue.new_issue_url}?${new URLSearchParams({ template: issue.template, title })}`;
      const body = copyBlock("tb-issue-tekst", texts.issue_text, issueBody(answers, issue), texts);
      parts.push(el("p", { text: texts.issue_too_long }), el("label", { for: body.area.id, text: texts.issue_text }), body.area,
        el("p", {}, [body.button, " ", el("a", { className: "md-button", href: blank, rel: "noopener", text: texts.issue_blank })]),
        body.status);
    }
  }
  const mail = mailText(wizard.editors_email, texts, data.titel, file, yaml);
  if (mail) {
    const text = `${mail.subject}\n\n${mail.body}`;
    const block = copyBlock("tb-mail-tekst", texts.mail, text, texts);
    parts.push(el("p", { text: words(texts, "mail_note", { email: mail.to }) }),
      el("label", { for: block.area.id, text: texts.mail_text }), block.area, el("p", {}, [block.button]), block.status);
  } else {
    parts.push(el("p", { className: "tb-wizard__no-mail", text: texts.no_mail }));
  }
  return parts;
}

// --- The page ------------------------------------------------------------------------------------------

function optionsByField(form) {
  const found = new Map();
  const visit = (field) => {
    if (field.options) found.set(field.path, field.options);
    (field.fields ?? []).forEach(visit);
    if (field.item) visit(field.item);
  };
  form.forEach(visit);
  return (path) => found.get(path) ?? [];
}

async function create(root, wizard) {
  const { Validator } = await import(VALIDATOR);
  const validator = new Validator(wizard.schema, "7", false);
  const texts = wizard.texts;
  const controls = wizard.form.map((field) => [field, control(field, texts)]);
  const byName = new Map(controls.map(([field, made]) => [field.name, made]));
  const idInput = byName.get("id")?.input;
  const titleInput = byName.get("titel")?.input;
  if (idInput && titleInput) {
    idInput.dataset.auto = "true";
    idInput.addEventListener("input", () => { idInput.dataset.auto = "false"; });
    titleInput.addEventListener("input", () => {
      if (idInput.dataset.auto === "true") idInput.value = slugify(titleInput.value);
    });
  }
  const reviewed = byName.get("laatst_beoordeeld")?.input;
  if (reviewed && wizard.automatic.laatst_beoordeeld === "today") reviewed.value = today();
  const summary = el("div", { className: "tb-wizard__summary", role: "alert", tabindex: "-1", hidden: true });
  const result = el("section", { className: "tb-wizard__result", "aria-live": "polite" });
  const check = el("button", { type: "submit", className: "md-button md-button--primary", text: texts.check });
  const form = el("form", { className: "tb-wizard__form", novalidate: true },
    [summary, ...controls.map(([, made]) => made.element), el("p", {}, [check])]);
  const options = optionsByField(wizard.form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const registered = new Map();
    const register = (path, entry) => registered.set(keyOf(path), entry);
    const data = {};
    for (const [field, made] of controls) {
      const value = made.read(register, [field.name]);
      if (value !== undefined) data[field.name] = value;
    }
    clearProblems(registered);
    clear(result);
    const problems = problemsFor(validator.validate(data).errors, data, wizard.schema, wizard.messages);
    if (problems.length) {
      showProblems(problems, registered, summary, texts);
      return;
    }
    summary.hidden = true;
    result.append(...waysOut(data, toYaml(data), wizard, options));
    result.querySelector("#tb-klaar").focus();
  });
  clear(root);
  root.append(form, result);
}

startPage({
  rootId: "tb-aanmelden", dataAttribute: "form", failureClass: "tb-wizard__failure",
  failureText: "Het formulier kon niet worden geladen. Meld je casus aan zoals beschreven op de pagina Casus aanmelden.",
  create: (root, wizard) => create(root, wizard).catch((error) => {
    window.console.error("Thuisbasis tb-aanmelden:", error);
    root.insertBefore(el("p", { className: "tb-wizard__failure", role: "alert",
      text: "Het formulier kon niet worden geladen. Meld je casus aan zoals beschreven op de pagina Casus aanmelden." }),
    root.firstChild);
  }),
});
