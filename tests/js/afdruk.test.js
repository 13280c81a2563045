// docs/javascripts/afdruk.js: what the printed footer says.
import assert from "node:assert/strict";
import { test } from "node:test";

import { cssString, printedFooter } from "../../docs/javascripts/afdruk.js";

test("the footer names the page without its query or anchor, and the day in Dutch", () => {
  const footer = printedFooter("https://example.org/thuisbasis/checklists/x/?a=1#item-y", new Date(2026, 11, 4));
  assert.equal(footer, "https://example.org/thuisbasis/checklists/x/ · afgedrukt op 4 december 2026");
});

test("a CSS string cannot be broken out of", () => {
  assert.equal(cssString('a"b\\c\nd'), '"a\\"b\\\\c d"');
});
