/* What the printed footer says (afdrukken.js), without the DOM: unit-tested in tests/js/afdruk.test.js. */

// The browser's own Dutch date ("4 december 2026"): the day of printing is only known here, and this is
// no second set of formatting rules beside render/markup.py, only the standard one asked in Dutch.
const DUTCH_DATE = new Intl.DateTimeFormat("nl-NL", { day: "numeric", month: "long", year: "numeric" });

/** "https://…/checklists/x/ · afgedrukt op 4 december 2026" (the address without ?query or #anchor). */
export function printedFooter(href, date) {
  const address = href.split(/[?#]/)[0];
  return `${address} · afgedrukt op ${DUTCH_DATE.format(date)}`;
}

/** A CSS string for `content:`: quotes, backslashes and line breaks escaped. */
export function cssString(text) {
  return `"${String(text).replace(/[\\"]/g, (character) => `\\${character}`).replace(/[\n\r\f]/g, " ")}"`;
}
