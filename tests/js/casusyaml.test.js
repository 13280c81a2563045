// docs/javascripts/casusyaml.js: the casus-wizard's YAML writer.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isPlainSafe, quoted, scalar, toYaml } from "../../docs/javascripts/casusyaml.js";

test("plain text stays plain; text YAML would read as something else is quoted", () => {
  assert.equal(scalar("Woningdelen in Haarlem"), "Woningdelen in Haarlem");
  for (const text of ["true", "no", "Yes", "null", "~", "450", "1,5", "2024-03-01", "12:30", "0x1f", ".5", "-3", "1e3"]) {
    assert.equal(isPlainSafe(text), false, text);
    assert.equal(scalar(text), JSON.stringify(text));
  }
  for (const text of ["a: b", "a #b", "- lijst", "'x'", "\"x\"", " spatie", "spatie ", "[a]", "{a}", "&anker", "*alias",
    "!tag", "|", ">", "%", "@", "`", "", "tab\there", "regel\r"]) {
    assert.notEqual(scalar(text), text, text);
  }
});

test("quoted text escapes what JSON escapes, and C1 controls and line separators", () => {
  assert.equal(quoted("a\"b\\c"), "\"a\\\"b\\\\c\"");
  assert.equal(quoted("x\u0085y\u2028"), "\"x\\u0085y\\u2028\"");
  assert.equal(quoted("😀 é"), "\"😀 é\"");
});

test("text with line breaks becomes a literal block, indented under its key", () => {
  assert.equal(toYaml({ aanpak: "Eerst dit.\n\nDan dat." }), "aanpak: |-\n  Eerst dit.\n\n  Dan dat.\n");
  assert.equal(toYaml({ aanpak: "Regel een.\nRegel twee.\n" }), "aanpak: |\n  Regel een.\n  Regel twee.\n");
  assert.equal(toYaml({ aanpak: "  ingesprongen\nregel" }), "aanpak: \"  ingesprongen\\nregel\"\n");
  assert.equal(toYaml({ aanpak: "spatie aan het eind \nregel" }), "aanpak: \"spatie aan het eind \\nregel\"\n");
});

test("mappings and lists nest as block collections, as case-template.yaml writes them", () => {
  const text = toYaml({
    id: "woningdelen-haarlem",
    doelgroepen: ["statushouders", "jonge-statushouders"],
    locatie: { gemeenten: ["Haarlem"], provincie: "noord-holland" },
    partners: [{ organisatie: "Gemeente Haarlem", rol: "regie" }],
    doelen: [{ doel: "Jongeren een plek", indicatoren: [{ naam: "Gehuisvest", streefwaarde: 20,
      resultaat: { waarde: 18, kwalificatie: "ruim" } }] }],
    evaluaties: [{ onafhankelijk: true }],
    schaal: { bewoners: 1.5 },
  });
  assert.equal(text, [
    "id: woningdelen-haarlem",
    "doelgroepen:",
    "- statushouders",
    "- jonge-statushouders",
    "locatie:",
    "  gemeenten:",
    "  - Haarlem",
    "  provincie: noord-holland",
    "partners:",
    "- organisatie: Gemeente Haarlem",
    "  rol: regie",
    "doelen:",
    "- doel: Jongeren een plek",
    "  indicatoren:",
    "  - naam: Gehuisvest",
    "    streefwaarde: 20",
    "    resultaat:",
    "      waarde: 18",
    "      kwalificatie: ruim",
    "evaluaties:",
    "- onafhankelijk: true",
    "schaal:",
    "  bewoners: 1.5",
    "",
  ].join("\n"));
});

test("a value that is no text, number or boolean is refused", () => {
  assert.throws(() => scalar(Number.NaN));
  assert.throws(() => scalar(null));
});
