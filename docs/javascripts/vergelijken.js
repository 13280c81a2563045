/* Casussen vergelijken: two or three cases side by side (see tests/browser/test_compare.py).
 *
 * Acts only on a page with #tb-vergelijken. Without JavaScript that element explains what the page does
 * and links to the list of cases. Data: data/cases.json, fetched from the URL in data-cases (relative to
 * the page); case URLs in it are relative to the site root, which is the data URL minus 'data/cases.json'.
 * The URL format and the pure rules are in vergelijking.js; choosing in the selects adds a history entry,
 * so the back button returns to the previous comparison and a shared link reopens the same one.
 *
 * Case text only ever enters the page through textContent: nothing from the data becomes markup.
 */
import { el, replaceChildren, setSearch, startPage } from "./dom.js";
import {
  MAX_CASES, byTitle, compareQuery, indicatorsOf, knownUnique, lessonLines, outcomeClass, outcomeText, parseIds,
  partnerLines, sharedBadge,
} from "./vergelijking.js";

/** A list of items, each made by `item` from one value; `empty` (text) when there are none. */
function listOf(values, empty, item, className = "tb-compare__list") {
  return values.length ? el("ul", { className }, values.map(item)) : empty;
}

function termList(terms) {
  return listOf(terms, "Onbekend", (term) => el("li", { text: term.label }));
}

/** A figure with an optional note below it; the figure alone when there is no note. */
function withNote(text, note) {
  if (!note) return text;
  return el("div", {}, [el("p", { className: "tb-compare__figure", text }), el("p", { className: "tb-compare__note", text: note })]);
}

function place(item) {
  const location = item.locatie || {};
  const text = (location.gemeenten || []).join(", ") || "Onbekend";
  return withNote(location.wijk ? `${text} (${location.wijk})` : text, location.regio && `Regio: ${location.regio}`);
}

function scale(item) {
  const figures = item.schaal;
  if (!figures) return "Onbekend";
  return el("div", {}, [
    el("p", { className: "tb-compare__figure", text: `Wooneenheden: ${figures.wooneenheden_tekst || "onbekend"}` }),
    el("p", { className: "tb-compare__figure", text: `Bewoners: ${figures.bewoners_tekst || "onbekend"}` }),
    figures.toelichting ? el("p", { className: "tb-compare__note", text: figures.toelichting }) : null,
  ]);
}

function evidence(item) {
  const level = item.bewijsniveau || {};
  return `Niveau ${level.niveau} van ${level.van}: ${String(level.label || "").toLowerCase()}`;
}

function goals(item) {
  return listOf(item.doelen || [], "Geen doelen beschreven.", (goal) => el("li", {}, [
    el("span", { text: `${goal.doel} ` }),
    el("span", { className: outcomeClass(goal.gehaald), text: `Uitkomst: ${outcomeText(goal.gehaald)}.` }),
  ]));
}

/** Target, result (with its date), method and, when both figures are known, whether the target was met. */
function indicatorFacts(indicator) {
  const target = indicator.streefwaarde_tekst || "";
  const result = indicator.resultaat_tekst || "";
  const date = indicator.meetdatum_tekst || "";
  const facts = [
    ["Streefwaarde", target || "niet genoemd"],
    ["Resultaat", result ? result + (date ? ` (${date})` : "") : "nog niet gemeten"],
    ["Meetwijze", indicator.meetwijze ? indicator.meetwijze.label : "onbekend"],
  ];
  if (target && result) facts.push(["Streefwaarde gehaald", outcomeText(indicator.gehaald)]);
  return el("dl", { className: "tb-compare__facts" }, facts.map(([term, value]) =>
    el("div", {}, [el("dt", { text: `${term}:` }), " ", el("dd", { text: value })])));
}

function indicators(item) {
  return listOf(indicatorsOf(item), "Geen indicatoren beschreven.", (indicator) => el("li", {}, [
    el("p", { className: "tb-compare__name", text: indicator.naam }), indicatorFacts(indicator),
  ]), "tb-compare__list tb-compare__indicators");
}

/** Each werkzaam bestanddeel; those that more chosen cases have are marked. */
function ingredients(item, chosen) {
  return listOf(item.werkzame_bestanddelen || [], "Geen werkzame bestanddelen beschreven.", (use) => {
    const badge = sharedBadge(use.id, chosen);
    if (!badge) return el("li", {}, [el("span", { text: use.label })]);
    return el("li", { className: "tb-compare__shared" }, [
      el("span", { text: use.label }), " ", el("span", { className: badge.className, text: badge.text }),
    ]);
  });
}

/** Lines of text as a list; `empty` when there are none. */
function lines(values, empty) {
  return listOf(values, empty, (text) => el("li", { text }));
}

/** The verdict and what it rests on (texts made at build time, as on the case page). */
function verdict(item) {
  const found = item.oordeel || {};
  return withNote(found.kort || found.label || "Onbekend", found.tekst);
}

/** The cost band with its sentence, then every amount the sources name. */
function costs(item) {
  const band = item.kostenband || {};
  return el("div", {}, [
    withNote(band.label || "Niet bekend", band.tekst),
    lines((item.kosten || []).map((cost) => cost.tekst), null),
  ]);
}

/** Period and newest source year, and the status as of that source. */
function currency(item) {
  const found = item.actualiteit || {};
  return withNote(found.label || "Onbekend", found.tekst);
}

/** The rows of the table: a heading and what a cell shows for a case (text or a node). */
const ROWS = [
  ["Woonvorm", (item) => (item.woonvorm ? item.woonvorm.label : "Onbekend")],
  ["Doelgroepen", (item) => termList(item.doelgroepen || [])],
  ["Gemeenten", place],
  ["Provincie", (item) => (item.locatie && item.locatie.provincie ? item.locatie.provincie.label : "Onbekend")],
  ["Status", (item) => (item.status ? item.status.label : "Onbekend")],
  ["Periode", (item) => (item.periode && item.periode.tekst) || "Onbekend"],
  ["Hoe actueel?", currency],
  ["Schaal", scale],
  ["Werkt het?", verdict],
  ["Bewijsniveau", evidence],
  ["Kosten", costs],
  ["Doelen", goals],
  ["Indicatoren", indicators],
  ["Werkzame bestanddelen", ingredients],
  ["Randvoorwaarden", (item) => lines(item.randvoorwaarden || [], "Niet beschreven.")],
  ["Lessen", (item) => lines(lessonLines(item), "Niet beschreven.")],
  ["Partners", (item) => lines(partnerLines(item), "Niet beschreven.")],
  ["Laatst beoordeeld", (item) => item.laatst_beoordeeld_tekst || "Onbekend"],
];

/** A case's cell in a row, labelled with the case's title: on a phone the table stacks and every value
 *  shows that label above it (zoeken.css, the stacked-table pattern of the case pages, thuisbasis.css). */
function cell(value, item) {
  const label = { "data-label": item.titel };
  return typeof value === "string" ? el("td", { ...label, text: value }) : el("td", label, [value]);
}

class ComparePage {
  constructor(root, cases, dataUrl) {
    this.root = root;
    this.siteRoot = new URL("../", dataUrl); // data/cases.json lives one folder below the site root
    this.searchUrl = root.getAttribute("data-zoeken");
    this.cases = byTitle(cases);
    this.byId = new Map(this.cases.map((item) => [item.id, item]));
    this.ids = parseIds(window.location.search, this.byId);
    this.build();
    this.syncSelects();
    this.render();
    window.addEventListener("popstate", () => {
      this.ids = parseIds(window.location.search, this.byId);
      this.syncSelects();
      this.render();
    });
  }

  build() {
    this.root.classList.add("tb-compare--ready");
    const form = el("form", { className: "tb-compare__form" }, [
      el("fieldset", { className: "tb-compare__choice" }, [
        el("legend", { text: "Welke casussen wil je vergelijken?" }), ...this.buildSelects(),
      ]),
    ]);
    form.addEventListener("submit", (event) => event.preventDefault());
    this.status = el("p", { className: "tb-compare__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.output = el("div", { className: "tb-compare__output" });
    replaceChildren(this.root, [this.intro(), form, this.status, this.output]);
  }

  intro() {
    const link = this.searchUrl ? [el("a", { href: this.searchUrl, text: "Casussen zoeken" }), ": vink daar ‘Vergelijk’ aan."] : [];
    return el("p", { className: "tb-compare__intro" }, [
      "Kies hieronder twee of drie casussen. Je ziet dan per onderdeel wat elke casus zegt. ",
      "Je kunt ook kiezen op de pagina ",
      ...link,
    ]);
  }

  /** One select per case, each in a field with its label. */
  buildSelects() {
    this.selects = [];
    const fields = [];
    for (let number = 1; number <= MAX_CASES; number += 1) {
      const id = `tb-vergelijk-${number}`;
      const select = el("select", { id, name: `casus${number}` }, [
        el("option", { value: "", text: number <= 2 ? "Kies een casus" : "Geen derde casus" }),
        ...this.cases.map((item) => el("option", { value: item.id, text: item.titel })),
      ]);
      select.addEventListener("change", () => this.chosen());
      this.selects.push(select);
      fields.push(el("div", { className: "tb-compare__field" }, [
        el("label", { for: id, text: number <= 2 ? `Casus ${number}` : "Casus 3 (mag leeg blijven)" }),
        select,
      ]));
    }
    return fields;
  }

  /** The selects changed: the ids in their order, without doubles, into the URL (one history entry). */
  chosen() {
    this.ids = knownUnique(this.selects.map((select) => select.value), this.byId);
    setSearch(compareQuery(this.ids));
    this.disableChosenElsewhere();
    this.render();
  }

  syncSelects() {
    this.selects.forEach((select, position) => { select.value = this.ids[position] || ""; });
    this.disableChosenElsewhere();
  }

  /** A case chosen in one select cannot be chosen in another. */
  disableChosenElsewhere() {
    for (const select of this.selects) {
      const elsewhere = new Set(this.selects.filter((other) => other !== select && other.value).map((other) => other.value));
      for (const option of select.options) option.disabled = option.value !== "" && elsewhere.has(option.value);
    }
  }

  render() {
    const chosen = this.ids.map((id) => this.byId.get(id));
    if (chosen.length < 2) {
      this.status.textContent = chosen.length === 1
        ? "1 casus gekozen. Kies er nog minstens 1 om te vergelijken."
        : "Nog geen casussen gekozen.";
      replaceChildren(this.output, []);
      return;
    }
    this.status.textContent = `${chosen.length} casussen vergeleken. Per onderdeel zie je wat elke casus zegt.`;
    replaceChildren(this.output, [this.table(chosen)]);
  }

  caseLink(item) {
    return el("a", { href: new URL(item.url, this.siteRoot).href, text: item.titel });
  }

  table(chosen) {
    const captionId = "tb-vergelijk-bijschrift";
    const head = el("tr", {}, [
      el("th", { scope: "col", text: "Onderdeel" }),
      ...chosen.map((item) => el("th", { scope: "col" }, [this.caseLink(item)])),
    ]);
    const rows = ROWS.map(([heading, show]) => el("tr", {}, [
      el("th", { scope: "row", text: heading }), ...chosen.map((item) => cell(show(item, chosen), item)),
    ]));
    const table = el("table", { className: "tb-compare__table" }, [
      el("caption", { id: captionId, text: `Vergelijking van ${chosen.length} casussen` }),
      el("thead", {}, [head]),
      el("tbody", {}, rows),
    ]);
    // The wrapper scrolls sideways when a wide table does not fit; it is focusable so a keyboard can scroll it
    // too. On a phone the table stacks (one block per onderdeel, each case's value under its title) instead.
    return el("div", { className: "tb-compare__scroll", role: "region", tabindex: "0", "aria-labelledby": captionId }, [table]);
  }
}

startPage({
  rootId: "tb-vergelijken",
  dataAttribute: "cases",
  failureClass: "tb-compare__error",
  failureText: "Vergelijken lukt nu niet. Probeer het later opnieuw.",
  create: (root, cases, dataUrl) => { root.tbComparePage = new ComparePage(root, cases, dataUrl); },
});
