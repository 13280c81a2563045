/* A case as YAML text, the way case-template.yaml writes one: block mappings and lists, two spaces,
 * plain text where it cannot be read as anything else, double quotes otherwise, and text with line breaks
 * as a literal block (|). Only the shapes the casus-wizard makes: mappings with text keys, lists, text,
 * finite numbers and true/false. thuisbasis validate reads every file it writes (tests/js/, tests/browser/).
 * Pure: nothing touches `document`.
 */

// Plain text that YAML 1.1 or 1.2 could read as something else, or that needs quotes to stay text.
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.?\d[\d_.,:eE+-]*|\.inf|\.nan|0x[\da-f]+|0o[0-7]+))$/i;
const SAFE_PLAIN = /^[\p{L}\p{N}(][^\n\r\t#:"'\\]*$/u;

/** Whether `text` can be written without quotes and read back as the same text. */
export function isPlainSafe(text) {
  return SAFE_PLAIN.test(text) && !RESERVED.test(text) && text === text.trim() && !/[\s]$/.test(text)
    && !/[[\]{},&*!|>%@`]/.test(text) && !/[^\P{C}]/u.test(text);
}

/** A double-quoted scalar: JSON's escapes are YAML's. Characters outside the BMP stay as they are. */
export function quoted(text) {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Whether a multi-line `text` can be a literal block: printable lines, no leading space on the first. */
function isBlockSafe(text) {
  return text.includes("\n") && !/[\r\t]/.test(text) && !/[^\P{C}\n]/u.test(text) && !/^[ \n]/.test(text)
    && !/\n\n$/.test(text) && !/ \n|[ ]$/.test(text);
}

function block(text, indent) {
  const chomp = text.endsWith("\n") ? "" : "-";
  const lines = text.replace(/\n$/, "").split("\n");
  return `|${chomp}\n${lines.map((line) => (line ? `${indent}${line}` : "")).join("\n")}`;
}

/** One scalar as YAML (text after `key: ` or `- `). */
export function scalar(value, indent = "") {
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("geen eindig getal");
    return String(value);
  }
  if (typeof value !== "string") throw new Error(`geen tekst: ${typeof value}`);
  if (isBlockSafe(value)) return block(value, indent);
  return isPlainSafe(value) ? value : quoted(value);
}

function isEmpty(value) {
  return (Array.isArray(value) && value.length === 0)
    || (value !== null && typeof value === "object" && Object.keys(value).length === 0);
}

function lines(value, indent) {
  const out = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === "object" && !isEmpty(item)) {
        const [first, ...rest] = lines(item, `${indent}  `);
        out.push(`${indent}- ${first.slice(indent.length + 2)}`, ...rest);
      } else {
        out.push(`${indent}- ${isEmpty(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item, `${indent}  `)}`);
      }
    }
    return out;
  }
  for (const [key, item] of Object.entries(value)) {
    const name = isPlainSafe(key) ? key : quoted(key);
    if (item !== null && typeof item === "object" && !isEmpty(item)) out.push(`${indent}${name}:`, ...lines(item, Array.isArray(item) ? indent : `${indent}  `));
    else out.push(`${indent}${name}: ${isEmpty(item) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item, `${indent}  `)}`);
  }
  return out;
}

/** The YAML text of a mapping, ending in one line break. */
export function toYaml(mapping, header = "") {
  return `${header}${lines(mapping, "").join("\n")}\n`;
}
