/* The printed footer: the page's address and the day it was printed, beside the page number (stylesheets/
 * afdrukken.css). CSS cannot put a page's own address into a page margin, so this adds one rule to the
 * document's style sheets (a constructed style sheet, which the Content-Security-Policy allows) when the page
 * opens; printing with the browser's own command gets it too.
 */
import { cssString, printedFooter } from "./afdruk.js";

const sheet = new CSSStyleSheet();
sheet.replaceSync(`@page { @bottom-left { content: ${cssString(printedFooter(window.location.href, new Date()))};`
  + " font: 8pt sans-serif; color: #333; } }");
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

// "Hand-out afdrukken" on a werkvorm page (an inline onclick would be refused by the CSP).
document.addEventListener("click", (event) => {
  if (event.target.closest('button[data-action="print-page"]')) window.print();
});
