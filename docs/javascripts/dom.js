/* Helpers the page scripts share: building DOM from data, URL state, starting a page from its data file.
 *
 * Nothing here runs at import time, so Node can import this module for the unit tests (tests/js/).
 * Text from the data only ever enters the page through textContent or a text node, never as markup.
 */

/** A new element: el("a", { className: "x", href: url, text: "Titel" }, [child, "tekst"]).
 *  Attributes that are null, undefined or false are left out; true gives an empty attribute. */
export function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** Let the browser download `content` as `fileName` (made here, in the page: nothing is sent anywhere). */
export function offerDownload(content, type, fileName) {
  const link = el("a", { href: URL.createObjectURL(new Blob([content], { type: `${type};charset=utf-8` })), download: fileName });
  document.body.appendChild(link);
  link.click();
  document.body.removeChild(link);
  window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** Remove every child of `node`. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

/** Replace every child of `node` by `children`. */
export function replaceChildren(node, children) {
  clear(node);
  for (const child of children) node.appendChild(child);
}

/** '1 casus', '3 casussen'. */
export function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

/** The values of `key` in a query string: comma lists and repeated keys, trimmed, empty parts dropped.
 *  A value cannot hold a comma (the values are ids, which are slugs). */
export function readList(search, key) {
  return new URLSearchParams(search).getAll(key)
    .flatMap((value) => value.split(","))
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** `key=a,b` with each value encoded and the commas readable; '' for no values. */
export function listParameter(key, values) {
  return values.length ? `${key}=${values.map(encodeURIComponent).join(",")}` : "";
}

/** '?a&b' from the non-empty parameters, '' when there are none. */
export function queryFrom(parameters) {
  const present = parameters.filter((parameter) => parameter !== "");
  return present.length ? `?${present.join("&")}` : "";
}

/** Put `search` in the address bar (same path and hash): a new history entry, or in place with
 *  `replace`. Returns false, and does nothing, when the address already has it. */
export function setSearch(search, historyState = null, replace = false) {
  const { pathname, hash } = window.location;
  const url = pathname + search + hash;
  if (url === pathname + window.location.search + hash) return false;
  if (replace) window.history.replaceState(historyState, "", url);
  else window.history.pushState(historyState, "", url);
  return true;
}

/** The JSON at `url`; an HTTP error is an error. */
export async function fetchJson(url) {
  const response = await fetch(url.href, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

/** Start a page script on its root element (`#rootId`), once, with the JSON that `data-<dataAttribute>`
 *  points at (relative to the page). When that fails, a note with `failureText` goes above the root's
 *  plain content. */
export async function startPage({ rootId, dataAttribute, failureClass, failureText, create }) {
  const root = document.getElementById(rootId);
  if (!root || root.getAttribute("data-tb-started")) return;
  root.setAttribute("data-tb-started", "true");
  const dataUrl = new URL(root.getAttribute(`data-${dataAttribute}`), document.baseURI);
  try {
    create(root, await fetchJson(dataUrl), dataUrl);
  } catch (error) {
    window.console.error(`Thuisbasis ${rootId}:`, error);
    root.insertBefore(el("p", { className: failureClass, role: "alert", text: failureText }), root.firstChild);
  }
}
