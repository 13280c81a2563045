/* Casussen vergelijken: two or three cases side by side (see tests/browser/test_compare.py).
 *
 * Acts only on a page with #tb-vergelijken. Without JavaScript that element explains what the page does
 * and links to the list of cases. Data: data/cases.json, fetched from the URL in data-cases (relative to
 * the page); case URLs in it are relative to the site root, which is the data URL minus 'data/cases.json'.
 *
 * URL format: ?casussen=a,b,c (case ids, comma list; repeated keys are also read). Unknown ids and
 * duplicates are ignored; at most three are used. Choosing in the selects adds a history entry, so the
 * back button returns to the previous comparison and a shared link reopens the same one.
 *
 * Case text only ever enters the page through textContent: nothing from the data becomes markup.
 */
(function () {
  "use strict";

  var MAX = 3;
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"];

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

  /** 1000 -> '1.000'; 12.5 -> '12,5'; 0.125 -> '0,13' (at most two decimals, as number_nl in Python). */
  function numberNl(value) {
    if (value === null || value === undefined || value === "") return "";
    var number = Number(value);
    if (!isFinite(number)) return String(value);
    var negative = number < 0;
    var text = Math.abs(number).toFixed(Number.isInteger(number) ? 0 : 2);
    var parts = text.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var fraction = parts[1] ? parts[1].replace(/0+$/, "") : "";
    return (negative ? "-" : "") + whole + (fraction ? "," + fraction : "");
  }

  /** A value with its unit, as the case pages show it: '12,5%', '€ 1.000', '35 personen'. */
  function withUnit(value, unit) {
    if (value === null || value === undefined) return "";
    if (typeof value === "object") return value.tekst;  // a value as the source said it: 'ruim 450 personen'
    var id = unit && unit.id;
    if (id === "procent") return numberNl(value) + "%";
    if (id === "euro") return "€ " + numberNl(value);
    return numberNl(value) + (unit && unit.label ? " " + unit.label : "");
  }

  /** '2020-04-15' -> '15 april 2020'; '2020-04' -> 'april 2020'; '2016' and 'onbekend' stay. */
  function dateNl(value) {
    if (!value) return "";
    var parts = String(value).split("-");
    if (parts.length === 3) return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    if (parts.length === 2) return MONTHS[Number(parts[1]) - 1] + " " + parts[0];
    return String(value);
  }

  /** The period in words, as on the case page (views.describe_period). */
  function describePeriod(item) {
    var period = item.periode || {};
    var start = period.start;
    var end = period.eind;
    var planned = item.status && item.status.id === "gepland";
    if (!start || start === "onbekend") {
      if (end === null || end === undefined) return "Start onbekend";
      return end === "onbekend" ? "Start en einde onbekend" : "Start onbekend, einde " + dateNl(end);
    }
    if (end === null || end === undefined) return (planned ? "Start " : "Sinds ") + dateNl(start);
    if (end === "onbekend") return "Vanaf " + dateNl(start) + ", einde onbekend";
    return dateNl(start) + " tot " + dateNl(end);
  }

  function outcomeText(value) {
    if (value === true) return "gehaald";
    if (value === false) return "niet gehaald";
    return "onbekend";
  }

  function outcomeClass(value) {
    if (value === true) return "tb-outcome tb-outcome--gehaald";
    if (value === false) return "tb-outcome tb-outcome--niet-gehaald";
    return "tb-outcome tb-outcome--onbekend";
  }

  function textNode(tag, className, text) {
    var node = el(tag, { className: className });
    node.textContent = text;
    return node;
  }

  /** ?casussen=a,b,c -> known, unique ids, at most MAX. */
  function parseIds(search, known) {
    var params = new URLSearchParams(search);
    var ids = [];
    params.getAll("casussen").forEach(function (value) {
      value.split(",").forEach(function (part) {
        var id = part.trim();
        if (known.has(id) && ids.indexOf(id) === -1 && ids.length < MAX) ids.push(id);
      });
    });
    return ids;
  }

  /* ---------- the page ---------- */

  function ComparePage(root, cases, dataUrl) {
    var self = this;
    this.root = root;
    this.siteRoot = new URL("../", dataUrl); // data/cases.json lives one folder below the site root
    this.searchUrl = root.getAttribute("data-zoeken");
    var collator = new Intl.Collator("nl", { sensitivity: "base" });
    this.cases = cases.slice().sort(function (a, b) { return collator.compare(a.titel, b.titel) || (a.id < b.id ? -1 : 1); });
    this.byId = new Map(this.cases.map(function (item) { return [item.id, item]; }));
    this.ids = parseIds(window.location.search, this.byId);
    this.build();
    this.syncSelects();
    this.render();
    window.addEventListener("popstate", function () {
      self.ids = parseIds(window.location.search, self.byId);
      self.syncSelects();
      self.render();
    });
  }

  ComparePage.prototype.build = function () {
    var self = this;
    while (this.root.firstChild) this.root.removeChild(this.root.firstChild);
    this.root.classList.add("tb-compare--ready");
    var intro = el("p", { className: "tb-compare__intro" }, [
      "Kies hieronder twee of drie casussen. Je ziet ze dan naast elkaar in een tabel. ",
      "Je kunt ook kiezen op de pagina "
    ]);
    if (this.searchUrl) {
      intro.appendChild(el("a", { href: this.searchUrl, text: "Casussen zoeken" }));
      intro.appendChild(document.createTextNode(": vink daar ‘Vergelijk’ aan."));
    }
    this.selects = [];
    var fields = [];
    for (var number = 1; number <= MAX; number += 1) {
      var id = "tb-vergelijk-" + number;
      var select = el("select", { id: id, name: "casus" + number });
      select.appendChild(el("option", { value: "", text: number <= 2 ? "Kies een casus" : "Geen derde casus" }));
      this.cases.forEach(function (item) {
        var option = el("option", { value: item.id });
        option.textContent = item.titel;
        select.appendChild(option);
      });
      select.addEventListener("change", function () { self.chosen(); });
      this.selects.push(select);
      fields.push(el("div", { className: "tb-compare__field" }, [
        el("label", { for: id, text: number <= 2 ? "Casus " + number : "Casus 3 (mag leeg blijven)" }),
        select
      ]));
    }
    var form = el("form", { className: "tb-compare__form" }, [
      el("fieldset", { className: "tb-compare__choice" }, [el("legend", { text: "Welke casussen wil je vergelijken?" })].concat(fields))
    ]);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.status = el("p", { className: "tb-compare__status", role: "status", "aria-live": "polite", "aria-atomic": "true" });
    this.output = el("div", { className: "tb-compare__output" });
    this.root.appendChild(intro);
    this.root.appendChild(form);
    this.root.appendChild(this.status);
    this.root.appendChild(this.output);
  };

  /** The selects changed: the ids in their order, without doubles, into the URL (one history entry). */
  ComparePage.prototype.chosen = function () {
    var ids = [];
    this.selects.forEach(function (select) {
      if (select.value && ids.indexOf(select.value) === -1) ids.push(select.value);
    });
    this.ids = ids;
    var search = ids.length ? "?casussen=" + ids.map(encodeURIComponent).join(",") : "";
    var url = window.location.pathname + search + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.pushState(null, "", url);
    }
    this.disableChosenElsewhere();
    this.render();
  };

  ComparePage.prototype.syncSelects = function () {
    var ids = this.ids;
    this.selects.forEach(function (select, position) { select.value = ids[position] || ""; });
    this.disableChosenElsewhere();
  };

  /** A case chosen in one select cannot be chosen in another. */
  ComparePage.prototype.disableChosenElsewhere = function () {
    var selects = this.selects;
    selects.forEach(function (select) {
      var elsewhere = new Set(selects.filter(function (other) { return other !== select && other.value; })
        .map(function (other) { return other.value; }));
      Array.prototype.forEach.call(select.options, function (option) {
        option.disabled = option.value !== "" && elsewhere.has(option.value);
      });
    });
  };

  ComparePage.prototype.render = function () {
    var self = this;
    var chosen = this.ids.map(function (id) { return self.byId.get(id); });
    while (this.output.firstChild) this.output.removeChild(this.output.firstChild);
    if (chosen.length < 2) {
      this.status.textContent = chosen.length === 1
        ? "1 casus gekozen. Kies er nog minstens 1 om te vergelijken."
        : "Nog geen casussen gekozen.";
      return;
    }
    this.status.textContent = chosen.length + " casussen naast elkaar. Elke kolom is een casus.";
    this.output.appendChild(this.table(chosen));
  };

  ComparePage.prototype.caseLink = function (item) {
    var link = el("a", { href: new URL(item.url, this.siteRoot).href });
    link.textContent = item.titel;
    return link;
  };

  ComparePage.prototype.table = function (chosen) {
    var self = this;
    var captionId = "tb-vergelijk-bijschrift";
    var caption = el("caption", { id: captionId });
    caption.textContent = "Vergelijking van " + chosen.length + " casussen";
    var headRow = el("tr", {}, [el("th", { scope: "col", text: "Onderdeel" })]);
    chosen.forEach(function (item) { headRow.appendChild(el("th", { scope: "col" }, [self.caseLink(item)])); });
    var body = el("tbody");
    var rows = [
      ["Woonvorm", function (item) { return item.woonvorm ? item.woonvorm.label : "Onbekend"; }],
      ["Doelgroepen", function (item) { return self.labelList(item.doelgroepen || []); }],
      ["Gemeenten", function (item) { return self.place(item); }],
      ["Provincie", function (item) { return item.locatie && item.locatie.provincie ? item.locatie.provincie.label : "Onbekend"; }],
      ["Status", function (item) { return item.status ? item.status.label : "Onbekend"; }],
      ["Periode", describePeriod],
      ["Schaal", function (item) { return self.scale(item); }],
      ["Bewijsniveau", function (item) {
        var level = item.bewijsniveau || {};
        return "Niveau " + level.niveau + " van 5: " + String(level.label || "").toLowerCase();
      }],
      ["Doelen", function (item) { return self.goals(item); }],
      ["Indicatoren", function (item) { return self.indicators(item); }],
      ["Werkzame bestanddelen", function (item) { return self.ingredients(item, chosen); }],
      ["Laatst beoordeeld", function (item) { return dateNl(item.laatst_beoordeeld) || "Onbekend"; }]
    ];
    rows.forEach(function (row) {
      var tr = el("tr", {}, [el("th", { scope: "row", text: row[0] })]);
      chosen.forEach(function (item) {
        var value = row[1](item);
        var cell = el("td");
        if (typeof value === "string") cell.textContent = value; else cell.appendChild(value);
        tr.appendChild(cell);
      });
      body.appendChild(tr);
    });
    var table = el("table", { className: "tb-compare__table" }, [caption, el("thead", {}, [headRow]), body]);
    // The wrapper scrolls sideways on a small screen; it is focusable so a keyboard can scroll it too.
    var scroll = el("div", { className: "tb-compare__scroll", role: "region", tabindex: "0", "aria-labelledby": captionId }, [table]);
    return el("div", {}, [
      el("p", { className: "tb-compare__swipe", text: "Tip: schuif de tabel opzij om alle casussen te zien." }),
      scroll
    ]);
  };

  ComparePage.prototype.labelList = function (terms) {
    if (!terms.length) return "Onbekend";
    var list = el("ul", { className: "tb-compare__list" });
    terms.forEach(function (term) { list.appendChild(textNode("li", "", term.label)); });
    return list;
  };

  ComparePage.prototype.place = function (item) {
    var location = item.locatie || {};
    var text = (location.gemeenten || []).join(", ") || "Onbekend";
    if (location.wijk) text += " (" + location.wijk + ")";
    if (!location.regio) return text;
    return el("div", {}, [textNode("p", "tb-compare__figure", text),
      textNode("p", "tb-compare__note", "Regio: " + location.regio)]);
  };

  ComparePage.prototype.scale = function (item) {
    var scale = item.schaal;
    if (!scale) return "Onbekend";
    var box = el("div");
    var units = scale.wooneenheden;
    var residents = scale.bewoners;
    box.appendChild(textNode("p", "tb-compare__figure", "Wooneenheden: " +
      (units === null || units === undefined ? "onbekend" : numberNl(units))));
    box.appendChild(textNode("p", "tb-compare__figure", "Bewoners: " +
      (residents === null || residents === undefined ? "onbekend" : numberNl(residents))));
    if (scale.toelichting) box.appendChild(textNode("p", "tb-compare__note", scale.toelichting));
    return box;
  };

  ComparePage.prototype.goals = function (item) {
    var goals = item.doelen || [];
    if (!goals.length) return "Geen doelen beschreven.";
    var list = el("ul", { className: "tb-compare__list" });
    goals.forEach(function (goal) {
      list.appendChild(el("li", {}, [
        textNode("span", "", goal.doel + " "),
        textNode("span", outcomeClass(goal.gehaald), "Uitkomst: " + outcomeText(goal.gehaald) + ".")
      ]));
    });
    return list;
  };

  ComparePage.prototype.indicators = function (item) {
    var indicators = [];
    (item.doelen || []).forEach(function (goal) { indicators = indicators.concat(goal.indicatoren || []); });
    if (!indicators.length) return "Geen indicatoren beschreven.";
    var list = el("ul", { className: "tb-compare__list tb-compare__indicators" });
    indicators.forEach(function (indicator) {
      var facts = el("dl", { className: "tb-compare__facts" });
      var add = function (term, value) {
        facts.appendChild(el("div", {}, [textNode("dt", "", term + ":"), " ", textNode("dd", "", value)]));
      };
      add("Streefwaarde", indicator.streefwaarde === null || indicator.streefwaarde === undefined
        ? "niet genoemd" : withUnit(indicator.streefwaarde, indicator.eenheid));
      add("Resultaat", indicator.resultaat === null || indicator.resultaat === undefined
        ? "nog niet gemeten" : withUnit(indicator.resultaat, indicator.eenheid) +
          (indicator.meetdatum ? " (" + dateNl(indicator.meetdatum) + ")" : ""));
      add("Meetwijze", indicator.meetwijze ? indicator.meetwijze.label : "onbekend");
      if (indicator.resultaat !== null && indicator.resultaat !== undefined && indicator.streefwaarde !== null &&
          indicator.streefwaarde !== undefined) {
        add("Streefwaarde gehaald", outcomeText(indicator.gehaald));
      }
      list.appendChild(el("li", {}, [textNode("p", "tb-compare__name", indicator.naam), facts]));
    });
    return list;
  };

  ComparePage.prototype.ingredients = function (item, chosen) {
    var uses = item.werkzame_bestanddelen || [];
    if (!uses.length) return "Geen werkzame bestanddelen beschreven.";
    var list = el("ul", { className: "tb-compare__list" });
    uses.forEach(function (use) {
      var shared = chosen.filter(function (other) {
        return (other.werkzame_bestanddelen || []).some(function (candidate) { return candidate.id === use.id; });
      }).length;
      var entry = el("li", {}, [textNode("span", "", use.label)]);
      if (shared === chosen.length) {
        entry.className = "tb-compare__shared";
        entry.appendChild(document.createTextNode(" "));
        entry.appendChild(textNode("span", "tb-badge tb-badge--alle", "bij alle gekozen casussen"));
      } else if (shared > 1) {
        entry.className = "tb-compare__shared";
        entry.appendChild(document.createTextNode(" "));
        entry.appendChild(textNode("span", "tb-badge", "bij " + shared + " van de " + chosen.length + " gekozen casussen"));
      }
      list.appendChild(entry);
    });
    return list;
  };

  function start() {
    var root = document.getElementById("tb-vergelijken");
    if (!root || root.getAttribute("data-tb-started")) return;
    root.setAttribute("data-tb-started", "true");
    var dataUrl = new URL(root.getAttribute("data-cases"), document.baseURI);
    fetch(dataUrl.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (cases) { root.tbComparePage = new ComparePage(root, cases, dataUrl); })
      .catch(function (error) {
        if (window.console) window.console.error("Thuisbasis vergelijken:", error);
        var note = el("p", { className: "tb-compare__error", role: "alert" });
        note.textContent = "Vergelijken lukt nu niet. Probeer het later opnieuw.";
        root.insertBefore(note, root.firstChild);
      });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
