/*
 * Thuisbasis search worker: Material's search dialog, Pagefind's index.
 *
 * Material for MkDocs runs its search in a web worker and lets a site supply its own worker (the "search"
 * URL in __config, set in overrides/main.html). Material's dialog, keyboard handling, ?q= links and
 * highlighting stay; only the engine changes. Material's own worker downloads the whole lunr index before
 * the first result (6 MB at 5,000 pages); Pagefind downloads a small runtime and only the index chunks and
 * page fragments a query needs, and it stems Dutch (docs/dev/performance.md, "Search").
 *
 * The protocol is Material 9.8.1's (integrations/search/worker/message):
 *   SETUP (0) -> READY (1); QUERY (2, data: the typed text) -> RESULT (3, data: {items: SearchItem[][]}).
 * Each item group is one page: the page itself ({location, title, text, score, terms}) followed by its
 * sections. Material puts title and text into the page as HTML, so both are escaped here; only Pagefind's
 * <mark> around matched words is kept.
 *
 * The index (pagefind/, made by `thuisbasis.site.search` after every build) is loaded at the first query,
 * not when a page opens. Only the best MAX_RESULTS pages are loaded and shown; when there are more, the
 * worker says how many on the "thuisbasis-zoeken" broadcast channel and zoekresultaten.js puts that in the count.
 */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const MAX_RESULTS = 10; // Material shows ten at first; each page loaded costs a fragment of about 2 KB
const MAX_SECTIONS = 3;
const TYPING_PAUSE_MS = 150; // Material asks at every keystroke; search when the typing pauses

// This file is <site>/javascripts/zoekmachine.js, so the site's root is one folder up.
const SITE_ROOT = new URL("../", self.location.href);
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("thuisbasis-zoeken") : null;

let pagefind = null;
let latestQuery = 0;

function loadPagefind() {
  if (pagefind === null) {
    pagefind = import(new URL("pagefind/pagefind.js", SITE_ROOT).href).then(async (module) => {
      await module.options({ excerptLength: 24 });
      return module;
    });
  }
  return pagefind;
}

const ENTITIES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

function unescapeHtml(html) {
  return html.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name) =>
    ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'" })[name]);
}

// Pagefind's excerpt is text with <mark> around matches. Whatever else it holds is shown as text.
function safeExcerpt(excerpt) {
  return String(excerpt || "")
    .split(/(<\/?mark>)/)
    .map((part) => (part === "<mark>" || part === "</mark>" ? part : escapeHtml(unescapeHtml(part))))
    .join("");
}

// Material builds the result link's ?h= (words to highlight on the page) from the matched terms.
function termsOf(query) {
  const terms = {};
  for (const word of query.toLowerCase().split(/\s+/)) {
    if (word) terms[word] = true;
  }
  return terms;
}

function pageItems(page, score, terms) {
  const article = {
    location: page.url,
    // What the page is, before its title: "Casus · Housing First in Arnhem" (overrides/main.html).
    title: `${escapeHtml(page.meta.soort || "Achtergrond")} · ${escapeHtml(page.meta.title || page.url)}`,
    text: safeExcerpt(page.excerpt),
    score,
    terms,
  };
  // Sections score below the page, so Material folds them under "n meer op deze pagina".
  const sections = (page.sub_results || [])
    .filter((section) => section.url.includes("#") && section.title !== page.meta.title)
    .slice(0, MAX_SECTIONS)
    .map((section) => ({
      location: section.url,
      title: escapeHtml(section.title),
      text: safeExcerpt(section.excerpt),
      score: 0,
      terms,
    }));
  return [article, ...sections];
}

async function search(query) {
  const words = query.trim();
  if (!words) return { items: [], total: 0 };
  const engine = await loadPagefind();
  const found = await engine.search(words);
  const best = found.results.slice(0, MAX_RESULTS);
  const pages = await Promise.all(best.map((result) => result.data()));
  const terms = termsOf(words);
  const items = pages.map((page, index) => pageItems(page, best[index].score, terms));
  return { items, total: found.results.length };
}

async function answer(query) {
  const id = ++latestQuery;
  await new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));
  if (id !== latestQuery) return; // typed on: only the last query is searched
  let result;
  try {
    result = await search(query);
  } catch (error) {
    console.warn("Zoeken mislukt:", error);
    result = { items: [], total: 0 };
  }
  if (id !== latestQuery) return; // a newer query is on its way; its answer counts
  postMessage({ type: RESULT, data: { items: result.items } });
  if (channel) channel.postMessage({ query, shown: result.items.length, total: result.total });
}

addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    answer(String(message.data || ""));
  }
});
