/* What the filter page (zoeken.js) decides, without the DOM: its URL state, which cases match, how many
 * each option would give, the order of the results and the sentences about the compare choice.
 *
 * URL format (the state of the page, so a shared link reopens the same selection):
 *   ?woonvorm=woningdelen,gemengd-wonen&provincie=noord-holland&tekst=haarlem&sort=nieuw
 * - one key per facet: woonvorm, doelgroep, provincie, bewijs, oordeel, kosten, status, bestanddeel; several values of one
 *   facet as a comma list (written that way; repeated keys are also read and merged);
 * - tekst: free text (not 'q': Material for MkDocs takes ?q= for its own search, opens that search over the
 *   page and then removes q from the address, and it uses ?h= to highlight); sort: titel (default, left
 *   out), nieuw (newest first, by 'toegevoegd'), bewijs (highest evidence level first) or bron (newest source
 *   year first; cases whose sources have no date last);
 * - unknown keys and values are ignored.
 * Semantics: values within one facet are OR, facets are AND. The text matches a case when every word
 * occurs (case- and accent-insensitive) in titel, samenvatting or gemeenten, where a word may be part of a
 * longer word, as Dutch compounds are common ('delen' finds 'woningdelen'); or when the site's full-text
 * index (Pagefind, which stems Dutch: 'omklapcontracten' finds 'omklapcontract') finds all the words
 * anywhere on the case's page: aanpak, bestanddelen, lessen, partners, indicatoren (zoeken.js asks it).
 */
import { listParameter, plural, queryFrom, readList } from "./dom.js";
import { MAX_CASES } from "./vergelijking.js";

export const FACETS = [
  { key: "woonvorm", legend: "Woonvorm" },
  { key: "doelgroep", legend: "Doelgroep" },
  { key: "provincie", legend: "Provincie" },
  { key: "bewijs", legend: "Bewijsniveau" },
  { key: "oordeel", legend: "Werkt het?" },
  { key: "kosten", legend: "Kosten" },
  { key: "status", legend: "Status" },
  { key: "bestanddeel", legend: "Werkzaam bestanddeel" },
];
export const SORTS = [
  { id: "titel", label: "Op titel" },
  { id: "nieuw", label: "Nieuwste eerst" },
  { id: "bewijs", label: "Hoogste bewijsniveau eerst" },
  { id: "bron", label: "Nieuwste bron eerst" },
];
export const DEFAULT_SORT = "titel";
export const TEXT_KEY = "tekst";

/** Lower case, without accents, punctuation as spaces: 'Almere-Haven é' -> 'almere haven e'. */
export function fold(text) {
  return String(text || "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function words(text) {
  const folded = fold(text);
  return folded ? folded.split(" ") : [];
}

/** Nothing chosen, no text, the default order. */
export function emptyState() {
  const facets = {};
  for (const facet of FACETS) facets[facet.key] = new Set();
  return { facets, q: "", sort: DEFAULT_SORT };
}

/** The state a query string describes; `known` maps each facet key to the Set of its ids. Unknown keys
 *  and values are dropped silently. */
export function parseState(search, known) {
  const state = emptyState();
  for (const facet of FACETS) {
    for (const id of readList(search, facet.key)) {
      if (known[facet.key].has(id)) state.facets[facet.key].add(id);
    }
  }
  const params = new URLSearchParams(search);
  state.q = (params.get(TEXT_KEY) || "").trim();
  const sort = params.get("sort");
  if (SORTS.some((option) => option.id === sort)) state.sort = sort;
  return state;
}

/** The canonical query string ('' when nothing is chosen); facet values in `order` (key -> ids). */
export function queryString(state, order) {
  const facets = FACETS.map((facet) =>
    listParameter(facet.key, order[facet.key].filter((id) => state.facets[facet.key].has(id))));
  const text = state.q ? `${TEXT_KEY}=${encodeURIComponent(state.q).replace(/%20/g, "+")}` : "";
  const sort = state.sort !== DEFAULT_SORT ? `sort=${state.sort}` : "";
  return queryFrom([...facets, text, sort]);
}

export function chosenCount(state) {
  return FACETS.reduce((sum, facet) => sum + state.facets[facet.key].size, 0);
}

/** A case of the index as the filter works on it: its data, its place in the index (title order) and its
 *  searchable text, folded, with a leading space. */
export function entryOf(item, position) {
  const text = [item.titel, item.samenvatting, ...(item.gemeenten || [])].join(" ");
  return { data: item, position, text: ` ${fold(text)}` };
}

/** `found`: the ids of the cases the full-text index found for these words, or null while it is not known. */
export function matchesText(entry, terms, found = null) {
  return terms.every((term) => entry.text.includes(term)) || Boolean(found && found.has(entry.data.id));
}

/** The facets whose chosen values `entry` has none of. */
function failingFacets(entry, state) {
  return FACETS.filter((facet) => {
    const ids = state.facets[facet.key];
    return ids.size && !(entry.data[facet.key] || []).some((id) => ids.has(id));
  });
}

function countValues(counts, entry, key) {
  for (const id of new Set(entry.data[key] || [])) counts[key].set(id, (counts[key].get(id) || 0) + 1);
}

/** The entries that match `state`, and per facet option how many results choosing it would give: a case
 *  counts for an option of facet F when it matches the text and every other facet (F itself may fail,
 *  since the option then decides). */
export function filterEntries(entries, state, found = null) {
  const terms = words(state.q);
  const counts = {};
  for (const facet of FACETS) counts[facet.key] = new Map();
  const results = [];
  for (const entry of entries) {
    if (!matchesText(entry, terms, found)) continue;
    const failing = failingFacets(entry, state);
    if (failing.length === 0) results.push(entry);
    if (failing.length > 1) continue;
    for (const facet of FACETS) {
      if (failing.length === 0 || failing[0].key === facet.key) countValues(counts, entry, facet.key);
    }
  }
  return { results, counts };
}

/** Newest or strongest first when asked, else (and within equals) in index order, which is by title. */
export function sortEntries(entries, sort) {
  const ahead = {
    nieuw: (a, b) => String(b.data.toegevoegd || "").localeCompare(String(a.data.toegevoegd || "")),
    bewijs: (a, b) => (b.data.bewijsniveau || 0) - (a.data.bewijsniveau || 0),
    bron: (a, b) => (b.data.nieuwste_bron || 0) - (a.data.nieuwste_bron || 0),
  }[sort];
  return entries.slice().sort((a, b) => (ahead && ahead(a, b)) || a.position - b.position);
}

/** The query for Pagefind: each word in quotes. Pagefind then matches whole words (stemmed: a plural
 *  finds the singular) and every word must occur; unquoted, a word it does not know falls back to
 *  shorter words, so a typo such as 'plopperdeplop' found a page with 'P.'. */
export function fullTextQuery(q) {
  return String(q || "").split(/\s+/).map((word) => word.replace(/"/g, "")).filter(Boolean)
    .map((word) => `"${word}"`).join(" ");
}

/** The ids of the cases in a Pagefind search response (filter 'casus', set on every case page), with at
 *  least one hit. */
export function foundCases(response) {
  const counts = (response && response.filters && response.filters.casus) || {};
  return new Set(Object.keys(counts).filter((id) => counts[id] > 0));
}

/** What the page says when nothing matches: only what was really asked (words, ticked filters or both). */
export function emptyText(state) {
  const ticked = chosenCount(state) > 0;
  if (state.q && ticked) {
    return "Geen casus past bij deze woorden én de gekozen filters. Probeer andere woorden, haal een vinkje weg of wis alle filters.";
  }
  if (state.q) return `Geen casus bevat alle woorden van ‘${state.q}’. Probeer minder of andere woorden.`;
  if (ticked) return "Geen casus past bij alle gekozen filters samen. Haal een vinkje weg of wis alle filters.";
  return "Er staan nog geen casussen op de site.";
}

export function foundText(count) {
  return `${plural(count, "casus", "casussen")} gevonden`;
}

/** What the compare bar says about the choice. */
export function compareText(count) {
  if (count === 0) return "Kies 2 of 3 casussen met ‘Vergelijk’ om ze naast elkaar te zetten.";
  if (count === 1) return "1 casus gekozen. Kies er nog 1 of 2.";
  if (count >= MAX_CASES) return "3 casussen gekozen. Meer kan niet.";
  return "2 casussen gekozen. Je kunt er nog 1 kiezen.";
}

/** The compare choice after ticking (`checked`) or unticking `id`: in the order ticked, at most
 *  MAX_CASES. */
export function toggleChoice(choice, id, checked) {
  if (checked) return choice.includes(id) || choice.length >= MAX_CASES ? choice : [...choice, id];
  return choice.filter((other) => other !== id);
}

/** The ids from history.state that are still cases, at most MAX_CASES; [] for anything else. */
export function rememberedChoice(remembered, ids) {
  return Array.isArray(remembered) ? remembered.filter((id) => ids.has(id)).slice(0, MAX_CASES) : [];
}

/** The texts of a result card, as the build-time list (_macros.j2 case_list) writes them: the meta line
 *  and the four answers ({question, answer}, formatted at build time); `labelsOf(key, ids)` gives the
 *  labels of facet values; `verdict` is the id that colours the answers' marker. */
export function cardTexts(item, labelsOf) {
  const place = [item.plaats, labelsOf("provincie", item.provincie)].filter(Boolean).join(", ");
  const meta = [labelsOf("woonvorm", item.woonvorm), place, labelsOf("status", item.status)].join(" · ");
  const answers = (item.antwoorden || []).map(([question, answer]) => ({ question, answer }));
  return { meta, answers, verdict: (item.oordeel || [])[0] || "nog-niet-bekend" };
}
