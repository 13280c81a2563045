/* Casussen zoeken: filters all cases in the browser (see tests/browser/test_filters.py).
 *
 * Acts only on a page with #tb-zoeken. Without JavaScript that element holds the plain case list, rendered
 * at build time; this script replaces it with filters, free text, sorting and a compare selection. The
 * URL format and the filter rules are in filteren.js.
 *
 * Data: data/zoekindex.json, fetched from the URL in data-index (relative to the page). Case URLs in the
 * index are relative to the site root; the root is the index URL minus 'data/zoekindex.json', so the
 * site works under any base path.
 *
 * Free text also asks the site's full-text index (Pagefind, loaded at the first typed word, not before):
 * every case page carries the Pagefind filter 'casus' with its id, so one search says which cases hold
 * the words anywhere on their page. Until it answers (or when it cannot load) the words are matched in
 * titel, samenvatting and gemeenten only (filteren.js).
 *
 * Case text only ever enters the page through textContent: nothing from the data becomes markup.
 */
import { el, plural, replaceChildren, setSearch, startPage } from "./dom.js";
import {
  FACETS, SORTS, TEXT_KEY, cardTexts, chosenCount, compareText, emptyState, emptyText, entryOf, filterEntries,
  foundCases, foundText, fullTextQuery, parseState, queryString, rememberedChoice, sortEntries, toggleChoice,
} from "./filteren.js";
import { MAX_CASES, compareQuery } from "./vergelijking.js";

const COLLAPSE_OVER = 12; // a facet with more options shows the first SHOWN_WHEN_COLLAPSED (and checked ones)
const SHOWN_WHEN_COLLAPSED = 8;
const PAGE_SIZE = 50; // cards shown at once; 'Toon meer' adds the next ones (the site may hold thousands)
const TYPING_DELAY = 400; // ms before the live region announces the count while typing
const NARROW = "(max-width: 44.9375em)";

/** A button that runs `action` when pressed. */
function button(attributes, action) {
  const node = el("button", { type: "button", ...attributes });
  node.addEventListener("click", action);
  return node;
}

class FilterPage {
  constructor(root, index, indexUrl) {
    this.root = root;
    this.siteRoot = new URL("../", indexUrl); // data/zoekindex.json lives one folder below the site root
    this.compareUrl = new URL(root.getAttribute("data-vergelijken") || "../vergelijken/", document.baseURI);
    this.readFacets(index.facetten || {});
    this.cases = (index.casussen || []).map(entryOf);
    // Ids chosen to compare, in the order they were ticked. Kept in history.state (not in the URL), so
    // coming back from the compare page with the back button keeps the choice.
    const ids = new Set(this.cases.map((entry) => entry.data.id));
    this.compare = rememberedChoice(window.history.state && window.history.state.tbVergelijk, ids);
    this.results = [];
    this.shown = PAGE_SIZE;
    this.state = parseState(window.location.search, this.known);
    this.lastPush = null; // 'text' while the visitor is typing: one history entry per typing session
    this.announceTimer = null;
    this.fullText = { q: "", found: null }; // the words Pagefind last answered for, and the case ids it found
    this.pagefind = null;
    this.build();
    this.update({ announce: true });
    window.addEventListener("popstate", () => this.restore());
  }

  /** Labels, order and known ids of every facet's values. */
  readFacets(facets) {
    this.labels = {};
    this.order = {};
    this.known = {};
    for (const facet of FACETS) {
      const terms = facets[facet.key] || [];
      this.labels[facet.key] = new Map(terms.map((term) => [term.id, term.label]));
      this.order[facet.key] = terms.map((term) => term.id);
      this.known[facet.key] = new Set(this.order[facet.key]);
    }
  }

  /** Back or forward: the state from the address. */
  restore() {
    this.state = parseState(window.location.search, this.known);
    this.lastPush = null;
    this.syncControls();
    this.update({ announce: true });
  }

  /** Pagefind's module with its filters loaded (the 'casus' counts of a search need them). */
  loadPagefind() {
    if (this.pagefind === null) {
      this.pagefind = import(new URL("pagefind/pagefind.js", this.siteRoot).href).then(async (module) => {
        await module.filters();
        return module;
      });
    }
    return this.pagefind;
  }

  /** Ask the full-text index for the current words; when it answers and the words are still the same,
   *  show the results again. Without an index (a failed load) the page keeps its own matching. */
  searchFullText(announce) {
    const q = this.state.q;
    if (!q || this.fullText.q === q) return;
    this.loadPagefind()
      .then((pagefind) => pagefind.search(fullTextQuery(q)))
      .then((response) => {
        if (this.state.q !== q) return;
        this.fullText = { q, found: foundCases(response) };
        this.update({ announce });
      })
      .catch(() => { this.pagefind = null; });
  }

  build() {
    this.root.classList.add("tb-search--ready");
    const filters = el("div", { className: "tb-search__filters" }, [this.buildPanelToggle(), this.buildPanel()]);
    replaceChildren(this.root, [
      // Past the search bar and up to 20 filter groups in one step (keyboard users; WCAG 2.4.1).
      el("a", { className: "tb-skip-link", href: "#tb-zoeken-resultaten", text: "Direct naar de resultaten" }),
      this.buildSearchBar(),
      el("div", { className: "tb-search__layout" }, [filters, this.buildResults()]),
    ]);
    // On a narrow screen the filters start closed, so the results are in view; the button opens them.
    this.setPanelOpen(!window.matchMedia(NARROW).matches);
  }

  /** Free text and sort order. */
  buildSearchBar() {
    this.input = el("input", {
      type: "search", id: "tb-zoeken-tekst", name: TEXT_KEY, autocomplete: "off", spellcheck: "false",
      "aria-describedby": "tb-zoeken-tekst-uitleg",
    });
    this.input.value = this.state.q;
    this.input.addEventListener("input", () => this.change("text", { q: this.input.value.trim() }, "later"));
    this.sortSelect = el("select", { id: "tb-zoeken-sortering", name: "sort" },
      SORTS.map((option) => el("option", { value: option.id, text: option.label })));
    this.sortSelect.value = this.state.sort;
    this.sortSelect.addEventListener("change", () => this.change("push", { sort: this.sortSelect.value }, false));
    const form = el("form", { className: "tb-search__bar", role: "search", "aria-label": "Zoek in de casussen" }, [
      el("div", { className: "tb-search__field tb-search__field--text" }, [
        el("label", { for: "tb-zoeken-tekst", text: "Zoek op woorden" }),
        this.input,
        el("span", {
          id: "tb-zoeken-tekst-uitleg", className: "tb-search__hint",
          text: "Zoekt in alle tekst van de casussen. Hoofdletters en meervoud maken niet uit.",
        }),
      ]),
      el("div", { className: "tb-search__field" }, [
        el("label", { for: "tb-zoeken-sortering", text: "Sorteer" }),
        this.sortSelect,
      ]),
    ]);
    form.addEventListener("submit", (event) => event.preventDefault());
    return form;
  }

  /** Text or sort order changed: into the state and the address, then the results. */
  change(mode, changes, announce) {
    Object.assign(this.state, changes);
    this.commit(mode);
    this.update({ announce });
  }

  /** Facets: one fieldset each, real checkboxes whose labels carry the count. */
  buildPanel() {
    this.options = {}; // facet key -> Map(id -> {input, count, item})
    this.toggles = {};
    this.panel = el("div", { className: "tb-search__panel", id: "tb-zoeken-filters" }, [
      el("h2", { className: "tb-search__heading", text: "Filters" }),
      ...FACETS.map((facet) => this.buildFacet(facet)),
      // On a phone the results are far below the filters: this button (shown there only) closes the
      // filters and goes to the results, and it says how many there are while boxes are ticked.
      this.showResults = button({ className: "tb-button tb-search__show-results" }, () => this.goToResults()),
    ]);
    return this.panel;
  }

  buildPanelToggle() {
    this.panelToggle = button({ className: "tb-button tb-search__panel-toggle", "aria-controls": "tb-zoeken-filters" },
      () => this.setPanelOpen(this.panelToggle.getAttribute("aria-expanded") !== "true"));
    return this.panelToggle;
  }

  /** Results: the count (a live region), clear-all, the cards, 'Toon meer' and the compare bar. */
  buildResults() {
    this.status = el("p", { className: "tb-search__count", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    const clearAll = button({ className: "tb-button tb-search__clear", text: "Wis alle filters" }, () => this.clearAll());
    this.list = el("ul", { className: "tb-cards tb-search__list" });
    this.more = button({ className: "tb-button tb-search__more" }, () => this.showMore());
    this.moreWrap = el("p", { className: "tb-search__more-wrap" }, [this.more]);
    this.empty = el("p", { className: "tb-search__empty", hidden: true });
    this.resultsHeading = el("h2", { id: "tb-zoeken-resultaten", className: "tb-sr-only", tabindex: "-1", text: "Resultaten" });
    return el("section", { className: "tb-search__results", "aria-labelledby": "tb-zoeken-resultaten" }, [
      this.resultsHeading,
      el("div", { className: "tb-search__summary" }, [this.status, clearAll]),
      this.list,
      this.moreWrap,
      this.empty,
      this.buildCompareBar(),
    ]);
  }

  goToResults() {
    this.setPanelOpen(false);
    this.resultsHeading.focus();
    this.resultsHeading.scrollIntoView({ block: "start" });
  }

  clearAll() {
    this.state = emptyState();
    this.state.sort = this.sortSelect.value;
    this.commit("push");
    this.syncControls();
    this.update({ announce: true });
  }

  showMore() {
    const first = this.shown;
    this.shown += PAGE_SIZE;
    this.renderResults();
    const link = this.list.children[first] && this.list.children[first].querySelector("a");
    if (link) link.focus(); // keyboard and screen reader users continue at the first new card
  }

  setPanelOpen(open) {
    this.panelToggle.setAttribute("aria-expanded", open ? "true" : "false");
    this.panel.classList.toggle("tb-search__panel--closed", !open);
    this.updatePanelToggle();
  }

  updatePanelToggle() {
    const count = chosenCount(this.state);
    const open = this.panelToggle.getAttribute("aria-expanded") === "true";
    this.panelToggle.textContent = (open ? "Verberg filters" : "Toon filters") + (count ? ` (${count} gekozen)` : "");
  }

  buildFacet(facet) {
    const ids = this.order[facet.key];
    const listId = `tb-zoeken-${facet.key}`;
    this.options[facet.key] = new Map(ids.map((id) => [id, this.buildOption(facet.key, id)]));
    const items = [...this.options[facet.key].values()].map((option) => option.item);
    const children = [el("legend", { text: facet.legend }), el("ul", { className: "tb-facet__options", id: listId }, items)];
    if (ids.length > COLLAPSE_OVER) children.push(this.buildCollapseToggle(facet.key, listId));
    return el("fieldset", { className: "tb-facet" }, children);
  }

  /** One checkbox of a facet, its label and its count. */
  buildOption(key, id) {
    const inputId = `tb-zoeken-${key}-${id}`;
    const input = el("input", { type: "checkbox", id: inputId, name: key, value: id });
    input.checked = this.state.facets[key].has(id);
    input.addEventListener("change", () => {
      const chosen = this.state.facets[key];
      if (input.checked) chosen.add(id); else chosen.delete(id);
      this.commit("push");
      this.update({ announce: true });
    });
    const count = el("span", { className: "tb-facet__count" });
    const label = el("label", { for: inputId }, [
      el("span", { className: "tb-facet__label", text: this.labels[key].get(id) }), " ", count,
    ]);
    return { input, count, item: el("li", { className: "tb-facet__option" }, [input, label]) };
  }

  buildCollapseToggle(key, listId) {
    const toggle = button({ className: "tb-facet__more", "aria-controls": listId, "aria-expanded": "false" }, () => {
      toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
      this.applyCollapse(key);
    });
    this.toggles[key] = toggle;
    return toggle;
  }

  /** A long facet shows its first options and every checked one until 'Toon alle' is pressed. */
  applyCollapse(key) {
    const toggle = this.toggles[key];
    if (!toggle) return;
    const expanded = toggle.getAttribute("aria-expanded") === "true";
    let position = 0;
    let hiddenCount = 0;
    for (const option of this.options[key].values()) {
      const hide = !expanded && position >= SHOWN_WHEN_COLLAPSED && !option.input.checked;
      option.item.hidden = hide;
      if (hide) hiddenCount += 1;
      position += 1;
    }
    toggle.textContent = expanded ? "Toon minder" : `Toon alle ${this.options[key].size}`;
    toggle.hidden = !expanded && hiddenCount === 0;
  }

  buildCompareBar() {
    this.compareText = el("p", { className: "tb-compare-bar__text", id: "tb-zoeken-vergelijk-tekst", tabindex: "-1" });
    this.compareChosen = el("ul", { className: "tb-compare-bar__chosen" });
    this.compareLink = el("a", { className: "tb-button tb-button--primary tb-compare-bar__go", text: "Vergelijk" });
    this.compareClear = button({ className: "tb-button tb-compare-bar__clear", text: "Wis keuze" }, () => {
      this.compare = [];
      this.renderCompare();
      this.compareText.focus(); // the button is gone now; focus stays in the bar, which says what happened
    });
    this.compareBar = el("section", { className: "tb-compare-bar", "aria-labelledby": "tb-zoeken-vergelijk" }, [
      el("h2", { id: "tb-zoeken-vergelijk", className: "tb-compare-bar__heading", text: "Vergelijken" }),
      this.compareText,
      this.compareChosen,
      el("p", { className: "tb-compare-bar__actions" }, [this.compareLink, " ", this.compareClear]),
    ]);
    return this.compareBar;
  }

  /** Put the state in the address bar: 'push' adds a history entry, 'text' one per typing session. */
  commit(mode) {
    const replace = mode === "text" && this.lastPush === "text";
    if (setSearch(queryString(this.state, this.order), this.historyState(), replace)) {
      this.lastPush = mode === "text" ? "text" : "push";
    }
  }

  /** Set every control to the state (after popstate or 'Wis alle filters'). */
  syncControls() {
    for (const facet of FACETS) {
      this.options[facet.key].forEach((option, id) => {
        option.input.checked = this.state.facets[facet.key].has(id);
      });
    }
    if (this.input.value.trim() !== this.state.q) this.input.value = this.state.q;
    this.sortSelect.value = this.state.sort;
  }

  update({ announce }) {
    const found = this.state.q && this.fullText.q === this.state.q ? this.fullText.found : null;
    const { results, counts } = filterEntries(this.cases, this.state, found);
    this.renderCounts(counts);
    this.showResults.textContent = `Toon ${plural(results.length, "casus", "casussen")}`;
    this.results = sortEntries(results, this.state.sort);
    this.shown = PAGE_SIZE;
    this.renderResults();
    this.updatePanelToggle();
    this.announce(results.length, announce);
    this.searchFullText(announce);
  }

  renderCounts(counts) {
    for (const facet of FACETS) {
      this.options[facet.key].forEach((option, id) => {
        const count = counts[facet.key].get(id) || 0;
        option.count.textContent = `(${count})`;
        option.item.classList.toggle("tb-facet__option--leeg", count === 0);
      });
      this.applyCollapse(facet.key);
    }
  }

  announce(count, mode) {
    const text = foundText(count);
    window.clearTimeout(this.announceTimer);
    if (mode === "later") {
      this.announceTimer = window.setTimeout(() => { this.status.textContent = text; }, TYPING_DELAY);
    } else {
      this.status.textContent = text;
    }
  }

  /** The first `shown` results as cards, and a button for the next ones. */
  renderResults() {
    const total = this.results.length;
    const visible = this.results.slice(0, this.shown);
    replaceChildren(this.list, visible.map((entry) => this.card(entry.data)));
    this.list.hidden = total === 0;
    this.empty.hidden = total !== 0;
    this.empty.textContent = emptyText(this.state);
    this.moreWrap.hidden = total <= visible.length;
    this.more.textContent = `Toon meer (${visible.length} van ${total} getoond)`;
    this.renderCompare();
  }

  historyState() {
    return { tbVergelijk: this.compare.slice() };
  }

  labelsOf(key, ids) {
    return (ids || []).map((id) => this.labels[key].get(id) || id).join(", ");
  }

  /** The same card as the build-time list (_macros.j2 case_list), plus a compare checkbox. */
  card(item) {
    const texts = cardTexts(item, (key, ids) => this.labelsOf(key, ids));
    const answers = texts.answers.flatMap(({ question, answer }, position) => [
      position ? " · " : "",
      el("span", { className: "tb-card__answer" }, [el("span", { className: "tb-card__question", text: question }), ` ${answer}`]),
    ]);
    return el("li", { className: "tb-card", "data-id": item.id }, [
      el("a", { className: "tb-card__title", href: new URL(item.url, this.siteRoot).href, text: item.titel }),
      el("span", { className: "tb-card__meta", text: texts.meta }),
      el("span", { className: `tb-card__answers tb-card__answers--${texts.verdict}` }, answers),
      el("span", { className: "tb-card__summary", text: item.samenvatting || "" }),
      this.compareBox(item),
    ]);
  }

  compareBox(item) {
    const checkboxId = `tb-zoeken-vergelijk-${item.id}`;
    const checkbox = el("input", { type: "checkbox", id: checkboxId, value: item.id });
    checkbox.checked = this.compare.includes(item.id);
    checkbox.addEventListener("change", () => {
      this.compare = toggleChoice(this.compare, item.id, checkbox.checked);
      this.renderCompare();
    });
    const label = el("label", { for: checkboxId }, ["Vergelijk", el("span", { className: "tb-sr-only", text: `: ${item.titel}` })]);
    return el("span", { className: "tb-card__compare" }, [checkbox, label]);
  }

  titleOf(id) {
    const entry = this.cases.find((candidate) => candidate.data.id === id);
    return entry ? entry.data.titel : id;
  }

  renderCompare() {
    const count = this.compare.length;
    const full = count >= MAX_CASES;
    for (const input of this.list.querySelectorAll(".tb-card__compare input")) {
      input.checked = this.compare.includes(input.value);
      input.disabled = full && !input.checked;
    }
    this.compareText.textContent = compareText(count);
    replaceChildren(this.compareChosen, this.compare.map((id) => el("li", { text: this.titleOf(id) })));
    this.compareChosen.hidden = count === 0;
    this.compareLink.href = this.compareUrl.pathname + compareQuery(this.compare);
    this.compareLink.hidden = count < 2;
    this.compareLink.textContent = `Vergelijk ${plural(count, "casus", "casussen")}`;
    this.compareClear.hidden = count === 0;
    this.compareBar.classList.toggle("tb-compare-bar--active", count > 0);
    window.history.replaceState(this.historyState(), "", window.location.href);
  }
}

startPage({
  rootId: "tb-zoeken",
  dataAttribute: "index",
  failureClass: "tb-search__error",
  failureText: "Filteren lukt nu niet. Hieronder staat de lijst zonder filters.",
  create: (root, index, indexUrl) => { root.tbFilterPage = new FilterPage(root, index, indexUrl); },
});
