/* The casus-wizard's messages: a JSON Schema error from @cfworker/json-schema as the Dutch problem that
 * `thuisbasis validate` gives for the same value (validation/schema.py: _to_problems).
 *
 * No Dutch sentence is written here: the templates come from problems.py and the hints from
 * validation/schema.py, both in data/casus-wizard.json (`messages`, rendered by render/wizard.py).
 * tests/browser/test_wizard.py checks that the page and the command say the same for the same input.
 * Pure: nothing touches `document`, so tests/js/ runs it in Node.
 */

/** A template of problems.py filled in as Python's str.format does it ('{{' is a brace). */
export function fill(template, fields) {
  return template.replace(/\{\{|\}\}|\{([a-z_]+)\}/g, (whole, name) => {
    if (whole === "{{") return "{";
    if (whole === "}}") return "}";
    return printable(String(fields[name] ?? ""));
  });
}

const MAX_FIELD_CHARACTERS = 1000; // problems.MAX_FIELD_CHARACTERS
const ESCAPES = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** problems.printable for what a form can hold: one line, at most MAX_FIELD_CHARACTERS characters. */
export function printable(text) {
  const characters = [...text];
  let shown = text;
  if (characters.length > MAX_FIELD_CHARACTERS) {
    shown = `${characters.slice(0, MAX_FIELD_CHARACTERS).join("")}… (nog ${characters.length - MAX_FIELD_CHARACTERS} tekens)`;
  }
  return shown.replace(/[\n\r\t]/g, (character) => ESCAPES[character]);
}

/** ['doelen', 0, 'doel'] -> 'doelen[1].doel' (validation/schema.py: field_name). */
export function fieldName(path) {
  let name = "";
  for (const part of path) {
    if (typeof part === "number") name += `[${part + 1}]`;
    else name += name ? `.${part}` : part;
  }
  return name || "de casus";
}

/** Where `path` is, in words and then as the technical path (validation/schema.py: place):
 *  ['doelen', 0, 'indicatoren', 1] -> "doel 1, indicator 2 ('doelen[1].indicatoren[2]')";
 *  ['partners', 2, 'rol'] -> "'rol' bij partner 3 ('partners[3].rol')". `singulars` names a list's item. */
export function place(path, singulars) {
  if (!path.length) return "het bestand";
  const words = [];
  let last = -1;
  let key = "";
  path.forEach((part, index) => {
    if (typeof part === "number") {
      const singular = singulars[key];
      words.push(singular ? `${singular} ${part + 1}` : `item ${part + 1} van '${key}'`);
      last = index;
    } else {
      key = part;
    }
  });
  const technical = fieldName(path);
  if (!words.length) return `'${technical}'`;
  const rest = path.slice(last + 1);
  return rest.length ? `'${fieldName(rest)}' bij ${words.join(", ")} ('${technical}')` : `${words.join(", ")} ('${technical}')`;
}

/** '#/doelen/0/doel' as a path into `data`: list indexes become numbers. */
export function pathOf(pointer, data) {
  const path = [];
  let value = data;
  for (const raw of pointer.replace(/^#\/?/, "").split("/").filter((part) => part !== "")) {
    const part = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    const key = Array.isArray(value) ? Number(part) : part;
    path.push(key);
    value = value === undefined || value === null ? undefined : value[key];
  }
  return path;
}

/** The value at `path` in `data`. */
export function valueAt(data, path) {
  return path.reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), data);
}

/** The schema node a keyword sits in, from its keywordLocation ('#/properties/x/$ref/pattern'). */
export function schemaNodeOf(keywordLocation, root) {
  const parts = keywordLocation.replace(/^#\/?/, "").split("/").filter((part) => part !== "").slice(0, -1);
  let node = root;
  for (const raw of parts) {
    const part = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = part === "$ref" ? resolveRef(node, root) : node?.[part];
  }
  return node ?? {};
}

/** A local "$ref" followed (draft-07: the referenced node, whatever stands beside the $ref). */
export function resolveRef(node, root) {
  let current = node;
  while (current && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    current = current.$ref.slice(2).split("/").reduce((found, key) => found?.[key], root);
  }
  return current ?? {};
}

// --- difflib.get_close_matches(word, options, n=1, cutoff=0.75), as validation/schema.py calls it ---------

function longestMatch(a, b, aLow, aHigh, bLow, bHigh) {
  let best = [aLow, bLow, 0];
  let lengths = new Map();
  for (let i = aLow; i < aHigh; i += 1) {
    const next = new Map();
    for (let j = bLow; j < bHigh; j += 1) {
      if (a[i] !== b[j]) continue;
      const length = (lengths.get(j - 1) || 0) + 1;
      next.set(j, length);
      if (length > best[2]) best = [i - length + 1, j - length + 1, length];
    }
    lengths = next;
  }
  return best;
}

function matchingCharacters(a, b) {
  let total = 0;
  const queue = [[0, a.length, 0, b.length]];
  while (queue.length) {
    const [aLow, aHigh, bLow, bHigh] = queue.pop();
    const [i, j, length] = longestMatch(a, b, aLow, aHigh, bLow, bHigh);
    if (!length) continue;
    total += length;
    if (aLow < i && bLow < j) queue.push([aLow, i, bLow, j]);
    if (i + length < aHigh && j + length < bHigh) queue.push([i + length, aHigh, j + length, bHigh]);
  }
  return total;
}

/** difflib.SequenceMatcher(None, a, b).ratio() for strings shorter than 200 characters (no junk). */
export function similarity(a, b) {
  const size = a.length + b.length;
  return size ? (2 * matchingCharacters([...a], [...b])) / size : 1;
}

/** The option closest to `word` at 0.75 or more (ties: the greater string, as heapq.nlargest does). */
export function closest(word, options, cutoff = 0.75) {
  let best = null;
  for (const option of options) {
    const score = similarity(word, option);
    if (score < cutoff) continue;
    if (!best || score > best.score || (score === best.score && option > best.option)) best = { score, option };
  }
  return best ? best.option : null;
}

// --- From an error to a message -------------------------------------------------------------------------

function suggestion(value, options, messages) {
  const close = closest(value, options);
  return close === null ? "" : fill(messages.hints.suggestion, { value: close });
}

/** problems.number_text: 2,5 and 40 (not 2.5). */
export function numberText(value) {
  return String(value).replace(".", ",");
}

function describeValue(value, messages) {
  if (typeof value === "string") {
    const characters = [...value];
    const shown = characters.length <= 60 ? value : `${characters.slice(0, 57).join("")}...`;
    return messages.hints.described_text.replace("{value}", shown);
  }
  return messages.hints.described_number.replace("{value}", numberText(value));
}

function expectedText(type, messages) {
  const wanted = Array.isArray(type) ? type : [type];
  return wanted.map((item) => messages.expected[item] ?? item).join(" of ");
}

const DECIMAL_COMMA = /^-?\d+,\d+$/;

function typeHint(type, value, messages) {
  const wanted = Array.isArray(type) ? type : [type];
  const numeric = wanted.includes("number") || wanted.includes("integer");
  if (numeric && typeof value === "string" && DECIMAL_COMMA.test(value.trim())) {
    return messages.hints.decimal_comma.replace("{value}", value.trim().replace(",", "."));
  }
  if (wanted.length === 2 && wanted[0] === "number" && wanted[1] === "object") return messages.hints.measure;
  if (numeric && typeof value === "string") return messages.hints.number_text;
  if (wanted.includes("integer") && typeof value === "number") return messages.hints.integer_fraction;
  if (wanted.includes("boolean")) return messages.hints.boolean;
  return "";
}

const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;

function dateHint(value, pattern, messages) {
  const found = typeof value === "string" ? DAY_FIRST.exec(value.trim()) : null;
  if (!found || typeof pattern !== "string") return "";
  const iso = `${found[3]}-${found[2].padStart(2, "0")}-${found[1].padStart(2, "0")}`;
  return new RegExp(pattern, "u").test(iso) ? messages.hints.date.replace("{iso}", iso) : "";
}

function describe(node, root) {
  const resolved = resolveRef(node, root);
  const title = node?.title || resolved.title || "";
  const description = node?.description || resolved.description || "";
  return title && description ? `${title}: ${description}` : description || title;
}

function emptyHint(node, messages) {
  const registry = messages.registries[node["x-registry"] ?? ""];
  return registry ? messages.hints.choose_from.replace("{allowed}", registry.allowed) : String(node.description ?? "");
}

function enumMessage(value, field, node, messages) {
  const registry = messages.registries[node["x-registry"] ?? ""];
  const text = String(value);
  const options = registry ? registry.ids : node.enum.map(String);
  const byLabel = registry ? registry.labels[text.toLowerCase()] : undefined;
  return {
    place: field, value: text, registry: registry ? `'${registry.title}'` : "van dit veld",
    suggestion: byLabel ? fill(messages.hints.suggestion, { value: byLabel })
      : suggestion(text.toLowerCase().replaceAll(" ", "-"), options, messages),
    allowed: registry ? registry.allowed : options.join(", "),
  };
}

function firstRepeat(items) {
  const seen = new Set();
  for (const [index, item] of items.entries()) {
    const form = JSON.stringify(item);
    if (seen.has(form)) return index;
    seen.add(form);
  }
  return 0;
}

/** Each problem of one error: [{code, path, fields}] (the message is filled in by `problemsFor`). */
function problemsOfError(error, data, root, messages) {
  const path = pathOf(error.instanceLocation, data);
  const field = place(path, messages.singulars);
  const value = valueAt(data, path);
  const node = schemaNodeOf(error.keywordLocation, root);
  const keyword = error.keyword;
  const where = path.length ? ` in ${field}` : "";
  if (value === "" && ["minLength", "enum", "pattern"].includes(keyword)) {
    return [{ code: "TB112", path, fields: { place: field, hint: emptyHint(node, messages) } }];
  }
  switch (keyword) {
    case "required":
      return node.required.filter((missing) => !(missing in value)).map((missing) => ({
        code: "TB101", path: [...path, missing],
        fields: { field: missing, where, hint: describe(node.properties?.[missing], root) },
      }));
    case "additionalProperties": {
      const allowed = Object.keys(node.properties ?? {});
      return Object.keys(value).filter((extra) => !allowed.includes(extra)).map((extra) => ({
        code: "TB102", path: [...path, extra],
        fields: { field: extra, where, suggestion: suggestion(extra, allowed, messages), allowed: allowed.join(", ") },
      }));
    }
    case "type":
      return [{ code: "TB103", path, fields: {
        place: field, expected: expectedText(node.type, messages), actual: describeValue(value, messages),
        hint: typeHint(node.type, value, messages) } }];
    case "enum":
      return [{ code: "TB104", path, fields: enumMessage(value, field, node, messages) }];
    case "minLength":
    case "maxLength": {
      const count = [...value].length;
      return [{ code: "TB105", path, fields: {
        place: field, actual: `${count} ${count === 1 ? "teken" : "tekens"}`,
        expected: `${keyword === "minLength" ? "minimaal" : "maximaal"} ${node[keyword]} tekens` } }];
    }
    case "pattern":
      return [{ code: "TB106", path, fields: {
        place: field, value, hint: dateHint(value, node.pattern, messages) + String(node.description ?? "") } }];
    case "format":
      return node.format === "date" ? [{ code: "TB107", path, fields: { place: field, value } }] : [];
    case "minimum":
    case "maximum":
      return [{ code: "TB108", path, fields: {
        place: field, value: numberText(value),
        expected: `het moet ${keyword === "minimum" ? "minstens" : "hoogstens"} ${numberText(node[keyword])} zijn` } }];
    case "minItems":
      return [{ code: "TB109", path, fields: {
        place: field, detail: `${value.length ? `heeft ${value.length} item(s)` : "is een lege lijst"}; er moet minstens ${node.minItems} in staan` } }];
    case "maxItems":
      return [{ code: "TB109", path, fields: {
        place: field, detail: `heeft ${value.length} items; er mogen er hoogstens ${node.maxItems} in staan` } }];
    case "uniqueItems": {
      const index = firstRepeat(value);
      return [{ code: "TB109", path: [...path, index], fields: {
        place: field, detail: `noemt '${value[index]}' meer dan eens; laat de herhaling weg` } }];
    }
    case "dependencies":
      return Object.entries(node.dependencies ?? {}).filter(([present]) => present in value).flatMap(([present, needed]) =>
        needed.filter((missing) => !(missing in value)).map((missing) => ({
          code: "TB110", path: [...path, present],
          fields: { place: field, present, missing, hint: describe(node.properties?.[missing], root) } })));
    case "minProperties":
      return [{ code: "TB111", path, fields: { place: field } }];
    default:
      return []; // a keyword that only says "a part had errors": its parts are reported themselves
  }
}

/** Errors without the repeats validation/schema.py drops: a wrong type says it all for that value, and
 *  a wrong pattern makes the format error redundant. */
function withoutRepeats(errors) {
  const byPath = new Map();
  for (const error of errors) {
    if (!byPath.has(error.instanceLocation)) byPath.set(error.instanceLocation, new Set());
    byPath.get(error.instanceLocation).add(error.keyword);
  }
  return errors.filter((error) => {
    const keywords = byPath.get(error.instanceLocation);
    if (error.keyword !== "type" && keywords.has("type")) return false;
    return !(error.keyword === "format" && keywords.has("pattern"));
  });
}

function compareLists(a, b) {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    if (a[index] !== b[index]) return a[index] < b[index] ? -1 : 1;
  }
  return a.length - b.length;
}

/** Errors in validation/schema.py's order: by the value's path (as text), then by keyword. */
function sorted(errors, data) {
  const keyed = errors.map((error) => ({ error, path: pathOf(error.instanceLocation, data).map(String) }));
  keyed.sort((a, b) => compareLists(a.path, b.path) || (a.error.keyword < b.error.keyword ? -1 : a.error.keyword > b.error.keyword ? 1 : 0));
  return keyed.map((item) => item.error);
}

/** Every problem in `errors` (cfworker's, with shortCircuit off) as {code, path, message}, once each. */
export function problemsFor(errors, data, root, messages) {
  const seen = new Set();
  const problems = [];
  for (const error of withoutRepeats(sorted(errors, data))) {
    for (const found of problemsOfError(error, data, root, messages)) {
      const message = fill(messages.templates[found.code], found.fields).trim();
      const key = `${JSON.stringify(found.path)} ${found.code} ${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ code: found.code, path: found.path, message });
    }
  }
  return problems;
}
