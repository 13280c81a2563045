/* What the printed footer says (afdrukken.js), without the DOM: unit-tested in tests/js/afdruk.test.js. */

const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
  "oktober", "november", "december"];

/** "https://…/checklists/x/ · afgedrukt op 4 december 2026" (the address without ?query or #anchor). */
export function printedFooter(href, date) {
  const address = href.split(/[?#]/)[0];
  return `${address} · afgedrukt op ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
}

/** A CSS string for `content:`: quotes, backslashes and line breaks escaped. */
export function cssString(text) {
  return `"${String(text).replace(/[\\"]/g, (character) => `\\${character}`).replace(/[\n\r\f]/g, " ")}"`;
}
