/* Casussen zoeken: filters all cases in the browser (see tests/browser/test_filters.py).
 *
 * Acts only on a page with #tb-zoeken. Without JavaScript that element holds the plain case list, rendered
 * at build time; this script replaces it with filters, free text, sorting and a compare selection.
 *
 * Data: data/zoekindex.json, fetched from the URL in data-index (relative to the page). Case URLs in the
 * index are relative to the site root; the root is the index URL minus 'data/zoekindex.json', so the
 * site works under any base path.
 *
 * URL format (the state of the page, so a shared link reopens the same selection):
 *   ?woonvorm=woningdelen,gemengd-wonen&provincie=noord-holland&tekst=haarlem&sort=nieuw
 * - one key per facet: woonvorm, doelgroep, provincie, bewijs, status, bestanddeel; several values of one
 *   facet as a comma list (written that way; repeated keys are also read and merged);
 * - tekst: free text (not 'q': Material for MkDocs takes ?q= for its own search, opens that search over the
 *   page and then removes q from the address, and it uses ?h= to highlight); sort: titel (default, left out), nieuw (newest first, by 'toegevoegd') or bewijs
 *   (highest evidence level first);
 * - unknown keys and values are ignored.
 * Semantics: values within one facet are OR, facets are AND, and every word of q must occur
 * (case- and accent-insensitive) in titel, samenvatting or gemeenten; a word may be part of a longer word,
 * as Dutch compounds are common ('delen' finds 'woningdelen').
 *
 * Case text only ever enters the page through textContent: nothing from the data becomes markup.
 */
(function () {
  "use strict";

  var FACETS = [
    { key: "woonvorm", legend: "Woonvorm" },
    { key: "doelgroep", legend: "Doelgroep" },
    { key: "provincie", legend: "Provincie" },
    { key: "bewijs", legend: "Bewijsniveau" },
    { key: "status", legend: "Status" },
    { key: "bestanddeel", legend: "Werkzaam bestanddeel" }
  ];
  var SORTS = [
    { id: "titel", label: "Op titel" },
    { id: "nieuw", label: "Nieuwste eerst" },
    { id: "bewijs", label: "Hoogste bewijsniveau eerst" }
  ];
  var DEFAULT_SORT = "titel";
  var TEXT_KEY = "tekst";
  var COLLAPSE_OVER = 12; // a facet with more options shows the first SHOWN_WHEN_COLLAPSED (and checked ones)
  var SHOWN_WHEN_COLLAPSED = 8;
  var MAX_COMPARE = 3;
  var PAGE_SIZE = 50; // cards shown at once; 'Toon meer' adds the next ones (the site may hold thousands)
  var TYPING_DELAY = 400; // ms before the live region announces the count while typing

  /* ---------- small helpers ---------- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) return;
      if (name === "text") node.textContent = value;
      else if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  /** Lower case, without accents, punctuation as spaces: 'Almere-Haven é' -> 'almere haven e'. */
  function fold(text) {
    return String(text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function words(text) {
    var folded = fold(text);
    return folded ? folded.split(" ") : [];
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  /* ---------- state and URL ---------- */

  function emptyState() {
    var facets = {};
    FACETS.forEach(function (facet) { facets[facet.key] = new Set(); });
    return { facets: facets, q: "", sort: DEFAULT_SORT };
  }

  /** The state a query string describes; unknown keys and values are dropped silently. */
  function parseState(search, known) {
    var params = new URLSearchParams(search);
    var state = emptyState();
    FACETS.forEach(function (facet) {
      params.getAll(facet.key).forEach(function (value) {
        value.split(",").forEach(function (part) {
          var id = part.trim();
          if (known[facet.key].has(id)) state.facets[facet.key].add(id);
        });
      });
    });
    state.q = (params.get(TEXT_KEY) || "").trim();
    var sort = params.get("sort");
    if (SORTS.some(function (option) { return option.id === sort; })) state.sort = sort;
    return state;
  }

  /** The canonical query string ('' when nothing is chosen); commas stay readable. */
  function queryString(state, order) {
    var parts = [];
    FACETS.forEach(function (facet) {
      var chosen = order[facet.key].filter(function (id) { return state.facets[facet.key].has(id); });
      if (chosen.length) parts.push(facet.key + "=" + chosen.map(encodeURIComponent).join(","));
    });
    if (state.q) parts.push(TEXT_KEY + "=" + encodeURIComponent(state.q).replace(/%20/g, "+"));
    if (state.sort !== DEFAULT_SORT) parts.push("sort=" + state.sort);
    return parts.length ? "?" + parts.join("&") : "";
  }

  function chosenCount(state) {
    return FACETS.reduce(function (sum, facet) { return sum + state.facets[facet.key].size; }, 0);
  }

  /* ---------- the page ---------- */

  function FilterPage(root, index, indexUrl) {
    this.root = root;
    this.siteRoot = new URL("../", indexUrl); // data/zoekindex.json lives one folder below the site root
    this.compareUrl = new URL(root.getAttribute("data-vergelijken") || "../vergelijken/", document.baseURI);
    this.facets = index.facetten || {};
    this.labels = {};
    this.order = {};
    this.known = {};
    var self = this;
    FACETS.forEach(function (facet) {
      var terms = self.facets[facet.key] || [];
      self.labels[facet.key] = new Map(terms.map(function (term) { return [term.id, term.label]; }));
      self.order[facet.key] = terms.map(function (term) { return term.id; });
      self.known[facet.key] = new Set(self.order[facet.key]);
    });
    this.cases = (index.casussen || []).map(function (item, position) {
      return { data: item, position: position, text: " " + fold([item.titel, item.samenvatting].concat(item.gemeenten || []).join(" ")) };
    });
    this.serverCards = this.readServerCards();
    // Ids chosen to compare, in the order they were ticked. Kept in history.state (not in the URL), so
    // coming back from the compare page with the back button keeps the choice.
    var remembered = window.history.state && window.history.state.tbVergelijk;
    var ids = new Set(this.cases.map(function (entry) { return entry.data.id; }));
    this.compare = Array.isArray(remembered)
      ? remembered.filter(function (id) { return ids.has(id); }).slice(0, MAX_COMPARE) : [];
    this.results = [];
    this.shown = PAGE_SIZE;
    this.state = parseState(window.location.search, this.known);
    this.lastPush = null; // 'text' while the visitor is typing: one history entry per typing session
    this.announceTimer = null;
    this.build();
    this.update({ announce: true });
    window.addEventListener("popstate", function () {
      self.state = parseState(window.location.search, self.known);
      self.lastPush = null;
      self.syncControls();
      self.update({ announce: true });
    });
  }

  /** Texts of the cards rendered at build time (place with wijk, goals summary) that the index lacks. */
  FilterPage.prototype.readServerCards = function () {
    var cards = new Map();
    this.root.querySelectorAll(".tb-card").forEach(function (card) {
      var link = card.querySelector("a.tb-card__title");
      var meta = card.querySelector(".tb-card__meta");
      var evidence = card.querySelector(".tb-card__evidence");
      if (link && link.href) {
        cards.set(link.href, { meta: meta ? meta.textContent : null, evidence: evidence ? evidence.textContent : null });
      }
    });
    return cards;
  };

  FilterPage.prototype.build = function () {
    var self = this;
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    this.root.classList.add("tb-search--ready");

    // Free text and sort order.
    this.input = el("input", {
      type: "search", id: "tb-zoeken-tekst", name: TEXT_KEY, autocomplete: "off", spellcheck: "false",
      "aria-describedby": "tb-zoeken-tekst-uitleg"
    });
    this.input.value = this.state.q;
    this.input.addEventListener("input", function () {
      self.state.q = self.input.value.trim();
      self.commit("text");
      self.update({ announce: "later" });
    });
    this.sortSelect = el("select", { id: "tb-zoeken-sortering", name: "sort" },
      SORTS.map(function (option) { return el("option", { value: option.id, text: option.label }); }));
    this.sortSelect.value = this.state.sort;
    this.sortSelect.addEventListener("change", function () {
      self.state.sort = self.sortSelect.value;
      self.commit("push");
      self.update({ announce: false });
    });
    var form = el("form", { className: "tb-search__bar", role: "search", "aria-label": "Zoek in de casussen" }, [
      el("div", { className: "tb-search__field tb-search__field--text" }, [
        el("label", { for: "tb-zoeken-tekst", text: "Zoek op woorden" }),
        this.input,
        el("span", { id: "tb-zoeken-tekst-uitleg", className: "tb-search__hint", text: "Zoekt in titel, samenvatting en gemeente." })
      ]),
      el("div", { className: "tb-search__field" }, [
        el("label", { for: "tb-zoeken-sortering", text: "Sorteer" }),
        this.sortSelect
      ])
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });

    // Facets: one fieldset each, real checkboxes whose labels carry the count.
    this.options = {}; // facet key -> Map(id -> {input, label text node, item})
    this.toggles = {};
    var fieldsets = FACETS.map(function (facet) { return self.buildFacet(facet); });
    this.panel = el("div", { className: "tb-search__panel", id: "tb-zoeken-filters" }, [
      el("h2", { className: "tb-search__heading", text: "Filters" })
    ].concat(fieldsets));
    this.panelToggle = el("button", {
      type: "button", className: "tb-button tb-search__panel-toggle", "aria-controls": "tb-zoeken-filters"
    });
    this.panelToggle.addEventListener("click", function () {
      self.setPanelOpen(self.panelToggle.getAttribute("aria-expanded") !== "true");
    });

    // Results: the count (a live region), clear-all, the cards and the compare bar.
    this.status = el("p", { className: "tb-search__count", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.clearButton = el("button", { type: "button", className: "tb-button tb-search__clear", text: "Wis alle filters" });
    this.clearButton.addEventListener("click", function () {
      self.state = emptyState();
      self.state.sort = self.sortSelect.value;
      self.commit("push");
      self.syncControls();
      self.update({ announce: true });
    });
    this.list = el("ul", { className: "tb-cards tb-search__list" });
    this.more = el("button", { type: "button", className: "tb-button tb-search__more" });
    this.moreWrap = el("p", { className: "tb-search__more-wrap" }, [this.more]);
    this.more.addEventListener("click", function () {
      var first = self.shown;
      self.shown += PAGE_SIZE;
      self.renderResults();
      var link = self.list.children[first] && self.list.children[first].querySelector("a");
      if (link) link.focus(); // keyboard and screen reader users continue at the first new card
    });
    this.empty = el("p", {
      className: "tb-search__empty", hidden: true,
      text: "Geen casussen gevonden. Haal een vinkje weg of wis alle filters."
    });
    this.compareBar = this.buildCompareBar();
    var results = el("section", { className: "tb-search__results", "aria-labelledby": "tb-zoeken-resultaten" }, [
      el("h2", { id: "tb-zoeken-resultaten", className: "tb-sr-only", text: "Resultaten" }),
      el("div", { className: "tb-search__summary" }, [this.status, this.clearButton]),
      this.list,
      this.moreWrap,
      this.empty,
      this.compareBar
    ]);

    this.root.appendChild(form);
    this.root.appendChild(el("div", { className: "tb-search__layout" }, [
      el("div", { className: "tb-search__filters" }, [this.panelToggle, this.panel]),
      results
    ]));
    // On a narrow screen the filters start closed, so the results are in view; the button opens them.
    this.setPanelOpen(!window.matchMedia("(max-width: 44.9375em)").matches);
  };

  FilterPage.prototype.setPanelOpen = function (open) {
    this.panelToggle.setAttribute("aria-expanded", open ? "true" : "false");
    this.panel.classList.toggle("tb-search__panel--closed", !open);
    this.updatePanelToggle();
  };

  FilterPage.prototype.updatePanelToggle = function () {
    var count = chosenCount(this.state);
    var open = this.panelToggle.getAttribute("aria-expanded") === "true";
    this.panelToggle.textContent = (open ? "Verberg filters" : "Toon filters") + (count ? " (" + count + " gekozen)" : "");
  };

  FilterPage.prototype.buildFacet = function (facet) {
    var self = this;
    var ids = this.order[facet.key];
    var options = new Map();
    var listId = "tb-zoeken-" + facet.key;
    var list = el("ul", { className: "tb-facet__options", id: listId });
    ids.forEach(function (id) {
      var inputId = "tb-zoeken-" + facet.key + "-" + id;
      var input = el("input", { type: "checkbox", id: inputId, name: facet.key, value: id });
      input.checked = self.state.facets[facet.key].has(id);
      input.addEventListener("change", function () {
        var chosen = self.state.facets[facet.key];
        if (input.checked) chosen.add(id); else chosen.delete(id);
        self.commit("push");
        self.update({ announce: true });
      });
      var text = el("span", { className: "tb-facet__label" });
      var count = el("span", { className: "tb-facet__count" });
      var item = el("li", { className: "tb-facet__option" }, [
        input, el("label", { for: inputId }, [text, " ", count])
      ]);
      text.textContent = self.labels[facet.key].get(id);
      options.set(id, { input: input, count: count, item: item });
      list.appendChild(item);
    });
    this.options[facet.key] = options;
    var children = [el("legend", { text: facet.legend }), list];
    if (ids.length > COLLAPSE_OVER) {
      var toggle = el("button", { type: "button", className: "tb-facet__more", "aria-controls": listId, "aria-expanded": "false" });
      toggle.addEventListener("click", function () {
        toggle.setAttribute("aria-expanded", toggle.getAttribute("aria-expanded") === "true" ? "false" : "true");
        self.applyCollapse(facet.key);
      });
      this.toggles[facet.key] = toggle;
      children.push(toggle);
    }
    return el("fieldset", { className: "tb-facet" }, children);
  };

  /** A long facet shows its first options and every checked one until 'Toon alle' is pressed. */
  FilterPage.prototype.applyCollapse = function (key) {
    var toggle = this.toggles[key];
    if (!toggle) return;
    var expanded = toggle.getAttribute("aria-expanded") === "true";
    var position = 0;
    var hiddenCount = 0;
    this.options[key].forEach(function (option) {
      var hide = !expanded && position >= SHOWN_WHEN_COLLAPSED && !option.input.checked;
      option.item.hidden = hide;
      if (hide) hiddenCount += 1;
      position += 1;
    });
    var total = this.options[key].size;
    toggle.textContent = expanded ? "Toon minder" : "Toon alle " + total;
    toggle.hidden = !expanded && hiddenCount === 0;
  };

  FilterPage.prototype.buildCompareBar = function () {
    var self = this;
    this.compareText = el("p", { className: "tb-compare-bar__text", id: "tb-zoeken-vergelijk-tekst", tabindex: "-1" });
    this.compareChosen = el("ul", { className: "tb-compare-bar__chosen" });
    this.compareLink = el("a", { className: "tb-button tb-button--primary tb-compare-bar__go", text: "Vergelijk" });
    var clear = el("button", { type: "button", className: "tb-button tb-compare-bar__clear", text: "Wis keuze" });
    clear.addEventListener("click", function () {
      self.compare = [];
      self.renderCompare();
      self.compareText.focus(); // the button is gone now; focus stays in the bar, which says what happened
    });
    this.compareClear = clear;
    return el("section", { className: "tb-compare-bar", "aria-labelledby": "tb-zoeken-vergelijk" }, [
      el("h2", { id: "tb-zoeken-vergelijk", className: "tb-compare-bar__heading", text: "Vergelijken" }),
      this.compareText,
      this.compareChosen,
      el("p", { className: "tb-compare-bar__actions" }, [this.compareLink, " ", clear])
    ]);
  };

  /** Put the state in the address bar: 'push' adds a history entry, 'text' one per typing session. */
  FilterPage.prototype.commit = function (mode) {
    var url = window.location.pathname + queryString(this.state, this.order) + window.location.hash;
    var current = window.location.pathname + window.location.search + window.location.hash;
    if (url === current) return;
    if (mode === "text" && this.lastPush === "text") {
      window.history.replaceState(this.historyState(), "", url);
    } else {
      window.history.pushState(this.historyState(), "", url);
    }
    this.lastPush = mode === "text" ? "text" : "push";
  };

  /** Set every control to the state (after popstate or 'Wis alle filters'). */
  FilterPage.prototype.syncControls = function () {
    var self = this;
    FACETS.forEach(function (facet) {
      self.options[facet.key].forEach(function (option, id) {
        option.input.checked = self.state.facets[facet.key].has(id);
      });
    });
    if (this.input.value.trim() !== this.state.q) this.input.value = this.state.q;
    this.sortSelect.value = this.state.sort;
  };

  FilterPage.prototype.matchesText = function (entry, terms) {
    return terms.every(function (term) { return entry.text.indexOf(term) !== -1; });
  };

  FilterPage.prototype.matchesFacet = function (entry, key) {
    var chosen = this.state.facets[key];
    if (!chosen.size) return true;
    return (entry.data[key] || []).some(function (id) { return chosen.has(id); });
  };

  FilterPage.prototype.update = function (options) {
    var self = this;
    var terms = words(this.state.q);
    var textHits = this.cases.filter(function (entry) { return self.matchesText(entry, terms); });
    // Per case: which facets it fails. A result fails none; for the count of an option in facet F it
    // may fail F only (the option itself then decides).
    var counts = {};
    FACETS.forEach(function (facet) { counts[facet.key] = new Map(); });
    var results = [];
    textHits.forEach(function (entry) {
      var failing = FACETS.filter(function (facet) { return !self.matchesFacet(entry, facet.key); });
      if (!failing.length) results.push(entry);
      if (failing.length > 1) return;
      FACETS.forEach(function (facet) {
        if (failing.length === 1 && failing[0].key !== facet.key) return;
        new Set(entry.data[facet.key] || []).forEach(function (id) {
          counts[facet.key].set(id, (counts[facet.key].get(id) || 0) + 1);
        });
      });
    });
    FACETS.forEach(function (facet) {
      self.options[facet.key].forEach(function (option, id) {
        var count = counts[facet.key].get(id) || 0;
        option.count.textContent = "(" + count + ")";
        option.item.classList.toggle("tb-facet__option--leeg", count === 0);
      });
      self.applyCollapse(facet.key);
    });
    this.results = this.sorted(results);
    this.shown = PAGE_SIZE;
    this.renderResults();
    this.updatePanelToggle();
    this.announce(results.length, options && options.announce);
  };

  FilterPage.prototype.sorted = function (results) {
    var byPosition = function (a, b) { return a.position - b.position; }; // the index is in title order
    var sort = this.state.sort;
    return results.slice().sort(function (a, b) {
      if (sort === "nieuw") {
        var newer = String(b.data.toegevoegd || "").localeCompare(String(a.data.toegevoegd || ""));
        if (newer) return newer;
      } else if (sort === "bewijs") {
        var stronger = (b.data.bewijsniveau || 0) - (a.data.bewijsniveau || 0);
        if (stronger) return stronger;
      }
      return byPosition(a, b);
    });
  };

  FilterPage.prototype.announce = function (count, mode) {
    var self = this;
    var text = count === 1 ? "1 casus gevonden" : count + " casussen gevonden";
    window.clearTimeout(this.announceTimer);
    if (mode === "later") {
      this.announceTimer = window.setTimeout(function () { self.status.textContent = text; }, TYPING_DELAY);
    } else {
      this.status.textContent = text;
    }
  };

  /** The first `shown` results as cards, and a button for the next ones. */
  FilterPage.prototype.renderResults = function () {
    var self = this;
    var results = this.results;
    var visible = results.slice(0, this.shown);
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    visible.forEach(function (entry) { self.list.appendChild(self.card(entry.data)); });
    this.list.hidden = results.length === 0;
    this.empty.hidden = results.length !== 0;
    var rest = results.length - visible.length;
    this.moreWrap.hidden = rest <= 0;
    this.more.textContent = "Toon meer (" + visible.length + " van " + results.length + " getoond)";
    this.renderCompare();
  };

  FilterPage.prototype.historyState = function () {
    return { tbVergelijk: this.compare.slice() };
  };

  FilterPage.prototype.labelsOf = function (key, ids) {
    var labels = this.labels[key];
    return (ids || []).map(function (id) { return labels.get(id) || id; }).join(", ");
  };

  /** The same card as the server-side list (_macros.j2 case_card), plus a compare checkbox. */
  FilterPage.prototype.card = function (item) {
    var self = this;
    var href = new URL(item.url, this.siteRoot).href;
    // The index has no place with its wijk ('plaats') nor goals summary ('doelen_samenvatting') yet: use
    // them when it has, else the texts of the same card in the build-time list, else what the index gives.
    var server = this.serverCards.get(href) || {};
    var meta = [this.labelsOf("woonvorm", item.woonvorm),
      (item.plaats || (item.gemeenten || []).join(", ")) + ", " + this.labelsOf("provincie", item.provincie),
      this.labelsOf("status", item.status)].join(" · ");
    if (item.plaats === undefined && server.meta) meta = server.meta;
    var evidence = "Bewijs: niveau " + item.bewijsniveau + " van 5, " + this.labelsOf("bewijs", item.bewijs).toLowerCase() +
      "." + (item.doelen_samenvatting ? " " + item.doelen_samenvatting : "");
    if (item.doelen_samenvatting === undefined && server.evidence) evidence = server.evidence;
    var checkboxId = "tb-zoeken-vergelijk-" + item.id;
    var checkbox = el("input", { type: "checkbox", id: checkboxId, value: item.id });
    checkbox.checked = this.compare.indexOf(item.id) !== -1;
    checkbox.addEventListener("change", function () {
      var at = self.compare.indexOf(item.id);
      if (checkbox.checked && at === -1 && self.compare.length < MAX_COMPARE) self.compare.push(item.id);
      if (!checkbox.checked && at !== -1) self.compare.splice(at, 1);
      self.renderCompare();
    });
    var titleForLabel = el("span", { className: "tb-sr-only" });
    titleForLabel.textContent = ": " + item.titel;
    var title = el("a", { className: "tb-card__title", href: href });
    title.textContent = item.titel;
    var metaNode = el("span", { className: "tb-card__meta" });
    metaNode.textContent = meta;
    var evidenceNode = el("span", { className: "tb-card__evidence" });
    evidenceNode.textContent = evidence;
    var summary = el("span", { className: "tb-card__summary" });
    summary.textContent = item.samenvatting || "";
    return el("li", { className: "tb-card", "data-id": item.id }, [
      title, metaNode, evidenceNode, summary,
      el("span", { className: "tb-card__compare" }, [
        checkbox, el("label", { for: checkboxId }, ["Vergelijk", titleForLabel])
      ])
    ]);
  };

  FilterPage.prototype.titleOf = function (id) {
    var entry = this.cases.find(function (candidate) { return candidate.data.id === id; });
    return entry ? entry.data.titel : id;
  };

  FilterPage.prototype.renderCompare = function () {
    var self = this;
    var count = this.compare.length;
    var full = count >= MAX_COMPARE;
    this.list.querySelectorAll(".tb-card__compare input").forEach(function (input) {
      input.checked = self.compare.indexOf(input.value) !== -1;
      input.disabled = full && !input.checked;
    });
    if (count === 0) this.compareText.textContent = "Kies 2 of 3 casussen met ‘Vergelijk’ om ze naast elkaar te zetten.";
    else if (count === 1) this.compareText.textContent = "1 casus gekozen. Kies er nog 1 of 2.";
    else if (full) this.compareText.textContent = "3 casussen gekozen. Meer kan niet.";
    else this.compareText.textContent = "2 casussen gekozen. Je kunt er nog 1 kiezen.";
    while (this.compareChosen.firstChild) this.compareChosen.removeChild(this.compareChosen.firstChild);
    this.compare.forEach(function (id) {
      var item = el("li");
      item.textContent = self.titleOf(id);
      self.compareChosen.appendChild(item);
    });
    this.compareChosen.hidden = count === 0;
    var url = new URL(this.compareUrl.href);
    url.search = "?casussen=" + this.compare.map(encodeURIComponent).join(",");
    this.compareLink.href = url.pathname + url.search;
    this.compareLink.hidden = count < 2;
    this.compareLink.textContent = "Vergelijk " + plural(count, "casus", "casussen");
    this.compareClear.hidden = count === 0;
    this.compareBar.classList.toggle("tb-compare-bar--active", count > 0);
    window.history.replaceState(this.historyState(), "", window.location.href);
  };

  function showFailure(root) {
    var note = el("p", { className: "tb-search__error", role: "alert" });
    note.textContent = "Filteren lukt nu niet. Hieronder staat de lijst zonder filters.";
    root.insertBefore(note, root.firstChild);
  }

  function start() {
    var root = document.getElementById("tb-zoeken");
    if (!root || root.getAttribute("data-tb-started")) return;
    root.setAttribute("data-tb-started", "true");
    var indexUrl = new URL(root.getAttribute("data-index"), document.baseURI);
    fetch(indexUrl.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (index) { root.tbFilterPage = new FilterPage(root, index, indexUrl); })
      .catch(function (error) {
        if (window.console) window.console.error("Thuisbasis zoeken:", error);
        showFailure(root);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
