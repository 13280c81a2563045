// docs/javascripts/dom.js: the helpers the page scripts share.
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";

import { clear, el, listParameter, plural, queryFrom, readList, replaceChildren } from "../../docs/javascripts/dom.js";

/** Just enough of a document for el(): elements keep attributes, children and text as data, and
 *  nothing is ever parsed as markup. */
class FakeNode {
  constructor(tag) {
    this.tagName = tag;
    this.attributes = {};
    this.children = [];
    this.className = "";
    this.textContent = "";
  }

  setAttribute(name, value) { this.attributes[name] = value; }
  appendChild(child) { this.children.push(child); return child; }
  removeChild(child) { this.children.splice(this.children.indexOf(child), 1); return child; }
  get firstChild() { return this.children[0] || null; }
}

const fakeDocument = {
  createElement: (tag) => new FakeNode(tag),
  createTextNode: (text) => ({ text }),
};

describe("el", () => {
  beforeEach(() => { globalThis.document = fakeDocument; });
  afterEach(() => { delete globalThis.document; });

  test("sets text, class and attributes; leaves out null, undefined and false; true is empty", () => {
    const node = el("input", { text: "<b>x</b>", className: "a b", id: 7, hidden: true, checked: false, title: null, alt: undefined });
    assert.equal(node.tagName, "input");
    assert.equal(node.textContent, "<b>x</b>");
    assert.equal(node.className, "a b");
    assert.deepEqual(node.attributes, { id: "7", hidden: "" });
  });

  test("strings become text nodes, nodes stay, null and undefined are skipped", () => {
    const child = el("span");
    const node = el("p", {}, ["<i>tekst</i>", null, child, undefined]);
    assert.deepEqual(node.children, [{ text: "<i>tekst</i>" }, child]);
  });

  test("clear and replaceChildren", () => {
    const node = el("ul", {}, [el("li"), el("li")]);
    clear(node);
    assert.equal(node.children.length, 0);
    const item = el("li");
    replaceChildren(node, [item]);
    assert.deepEqual(node.children, [item]);
  });
});

describe("URL state", () => {
  test("readList merges comma lists and repeated keys, trimmed, without empty parts", () => {
    assert.deepEqual(readList("?a=x,%20y&a=z,,&b=w", "a"), ["x", "y", "z"]);
    assert.deepEqual(readList("", "a"), []);
    assert.deepEqual(readList("?a=%3Cb%3E", "a"), ["<b>"]);
  });

  test("listParameter encodes each value and keeps the commas readable", () => {
    assert.equal(listParameter("casussen", ["a", "b c", "d,e"]), "casussen=a,b%20c,d%2Ce");
    assert.equal(listParameter("casussen", []), "");
  });

  test("queryFrom joins the parameters that are there", () => {
    assert.equal(queryFrom(["a=1", "", "b=2"]), "?a=1&b=2");
    assert.equal(queryFrom(["", ""]), "");
  });

  test("a list written and read again is the same list (values are ids: no commas)", () => {
    const values = ["woningdelen", "gemengd wonen", "éü", "a&b=c?#"];
    assert.deepEqual(readList(queryFrom([listParameter("k", values)]), "k"), values);
  });
});

test("plural", () => {
  assert.equal(plural(1, "casus", "casussen"), "1 casus");
  assert.equal(plural(0, "casus", "casussen"), "0 casussen");
  assert.equal(plural(3, "casus", "casussen"), "3 casussen");
});
