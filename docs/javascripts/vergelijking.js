/* What the compare page (vergelijken.js) decides, without the DOM: which cases its address names, the
 * address for a choice, and the words for outcomes and shared werkzame bestanddelen.
 *
 * URL format: ?casussen=a,b,c (case ids, comma list; repeated keys are also read). Unknown ids and
 * duplicates are ignored; at most MAX_CASES are used. The filter page links here the same way.
 *
 * Numbers, units, dates and periods are not formatted here: data/cases.json carries them as text
 * (`*_tekst`, `periode.tekst`), made by the same Python formatters as the case pages.
 */
import { listParameter, queryFrom, readList } from "./dom.js";

export const MAX_CASES = 3;
const KEY = "casussen";

/** The first `max` distinct values of `values` that `known` has. */
export function knownUnique(values, known, max = MAX_CASES) {
  const chosen = [];
  for (const value of values) {
    if (known.has(value) && !chosen.includes(value) && chosen.length < max) chosen.push(value);
  }
  return chosen;
}

/** ?casussen=a,b,c -> known, unique ids, at most MAX_CASES. */
export function parseIds(search, known) {
  return knownUnique(readList(search, KEY), known);
}

/** '?casussen=a,b' for a choice; '' for none. */
export function compareQuery(ids) {
  return queryFrom([listParameter(KEY, ids)]);
}

/** Titles in Dutch order, case- and accent-insensitive; equal titles by id. */
export function byTitle(cases) {
  const collator = new Intl.Collator("nl", { sensitivity: "base" });
  return cases.slice().sort((a, b) => collator.compare(a.titel, b.titel) || (a.id < b.id ? -1 : 1));
}

const OUTCOMES = new Map([[true, "gehaald"], [false, "niet gehaald"]]);

/** true, false or null (not known) in words. */
export function outcomeText(value) {
  return OUTCOMES.get(value) || "onbekend";
}

export function outcomeClass(value) {
  return `tb-outcome tb-outcome--${outcomeText(value).replace(" ", "-")}`;
}

/** The badge for a werkzaam bestanddeel that more of the chosen cases have, or null. */
export function sharedBadge(ingredientId, chosen) {
  const shared = chosen.filter((other) =>
    (other.werkzame_bestanddelen || []).some((candidate) => candidate.id === ingredientId)).length;
  if (shared === chosen.length) return { text: "bij alle gekozen casussen", className: "tb-badge tb-badge--alle" };
  if (shared > 1) return { text: `bij ${shared} van de ${chosen.length} gekozen casussen`, className: "tb-badge" };
  return null;
}

/** The indicators of every goal of a case, in order. */
export function indicatorsOf(item) {
  return (item.doelen || []).flatMap((goal) => goal.indicatoren || []);
}

/** The lessons of a case as lines: tips first, then pitfalls, each saying which it is. */
export function lessonLines(item) {
  const lessons = item.lessen || {};
  return [
    ...(lessons.tips || []).map((text) => `Tip: ${text}`),
    ...(lessons.valkuilen || []).map((text) => `Valkuil: ${text}`),
  ];
}

/** The partners of a case as lines: 'Gemeente Utrecht: regie'. */
export function partnerLines(item) {
  return (item.partners || []).map((partner) => `${partner.organisatie}: ${String(partner.rol && partner.rol.label || "").toLowerCase()}`);
}
