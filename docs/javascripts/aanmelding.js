/* The casus-wizard's ways out, as pure functions: the case id from the title, the prefilled GitHub issue
 * (the issue form's answers as `thuisbasis from-issue` reads them back), and the e-mail to the editors.
 * The questions, their kinds and every Dutch word come from data/casus-wizard.json (render/wizard.py).
 * Pure: nothing touches `document`, so tests/js/ runs it in Node.
 */

import { numberText } from "./meldingen.js";

const MAX_SLUG = 80; // commands/new.py: MAX_SLUG

/** commands/new.py slugify: 'Woningdelen in Haarlem (2016)' -> 'woningdelen-in-haarlem-2016'. */
export function slugify(title) {
  const ascii = title.normalize("NFKD").replace(/[^\p{ASCII}]/gu, "");
  return ascii.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, MAX_SLUG).replace(/-+$/, "");
}

/** The value at a dotted field ('locatie.provincie'; 'partners' for a list). */
function valueOf(data, field) {
  return field.split(".").reduce((value, key) => (value === undefined ? undefined : value[key]), data);
}

/** The Dutch label of a registry id, from the form's options (the id itself when it has none). */
export function labelOf(options, id) {
  return options?.find((option) => option.value === id)?.label ?? String(id);
}

/** A meetwaarde as a partner writes it in the issue form: 450, 'ruim 450', '800 tot 900'; a comma for decimals,
 *  as from_issue._number reads it and as the messages write a number (meldingen.numberText). */
export function measureText(value, qualifiers) {
  if (typeof value === "number") return numberText(value);
  if (value === undefined || value === null || typeof value !== "object") return value === undefined ? "" : String(value);
  const qualifier = value.kwalificatie ? `${labelOf(qualifiers, value.kwalificatie)} ` : "";
  if ("van" in value) return `${qualifier}${numberText(value.van)} tot ${numberText(value.tot)}`;
  return `${qualifier}${numberText(value.waarde)}`;
}

/** A part of a ';'-separated line: a ';' inside it would split the line, so it becomes a ','. */
function part(text) {
  return String(text ?? "").replace(/[;\n]+/g, ",").trim();
}

function sourceNumber(data, id) {
  const index = (data.bronnen ?? []).findIndex((source) => source.id === id);
  return `bron ${index < 0 ? 1 : index + 1}`;
}

/** How each kind of question (from_issue.Kind) writes its answer. `options(field)`: a field's choices. */
const WRITERS = {
  text: (value) => String(value),
  integer: (value) => String(value),
  choice: (value, field, options) => labelOf(options(field), value),
  choices: (value, field, options) => value.map((id) => labelOf(options(`${field}[]`), id)).join(", "),
  list: (value) => value.join(", "),
  lines: (value) => value.join("\n"),
  partners: (value, field, options) => value.map((partner) =>
    `${partner.organisatie}: ${labelOf(options("partners[].rol"), partner.rol)}`).join("\n"),
  components: (value, field, options) => value.map((component) =>
    `${labelOf(options("werkzame_bestanddelen[].id"), component.id)}: ${String(component.toepassing).replace(/\n/g, " ")}`).join("\n"),
  sources: (value) => value.map((source) =>
    [source.titel, source.uitgever, source.datum, source.url].filter((item) => item).map(part).join("; ")).join("\n"),
  goals: (value, field, options, data) => value.flatMap((goal) => (goal.indicatoren ?? []).map((indicator) => [
    goal.doel, indicator.naam,
    labelOf(options("doelen[].indicatoren[].soort"), indicator.soort),
    labelOf(options("doelen[].indicatoren[].eenheid"), indicator.eenheid),
    measureText(indicator.streefwaarde, options("doelen[].indicatoren[].streefwaarde.kwalificatie")),
    measureText(indicator.resultaat, options("doelen[].indicatoren[].resultaat.kwalificatie")),
    indicator.meetwijze ? labelOf(options("doelen[].indicatoren[].meetwijze"), indicator.meetwijze) : "",
  ].map(part).concat(sourceNumber(data, indicator.bron)).join("; "))).join("\n"),
  costs: (value, field, options, data) => value.map((cost) => [
    labelOf(options("kosten[].soort"), cost.soort), measureText(cost.bedrag, options("kosten[].bedrag.kwalificatie")),
    labelOf(options("kosten[].per"), cost.per), labelOf(options("kosten[].periode"), cost.periode), cost.prijspeil ?? "",
  ].map(part).concat(sourceNumber(data, cost.bron)).join("; ")).join("\n"),
  evaluations: (value, field, options, data, texts) => value.map((evaluation) => [
    evaluation.titel, evaluation.uitvoerder, evaluation.onafhankelijk ? texts.yes : texts.no,
    labelOf(options("evaluaties[].opzet"), evaluation.opzet),
    evaluation.uitkomst ? labelOf(options("evaluaties[].uitkomst"), evaluation.uitkomst) : "", evaluation.bevindingen ?? "",
  ].map(part).concat(sourceNumber(data, evaluation.bron)).join("; ")).join("\n"),
};

/** Each question of the issue form with the answer the case gives it ('' for none), in the form's order. */
export function issueAnswers(data, issue, options, texts) {
  return issue.questions.map((question) => {
    const value = valueOf(data, question.field);
    const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
    const answer = empty ? "" : WRITERS[question.kind](value, question.field, options, data, texts);
    return { ...question, answer };
  });
}

/** The issue's body as GitHub writes it from the form ('### Label', the answer or '_No response_'): what
 *  a partner pastes when the prefilled address would be too long, and what `thuisbasis from-issue` reads. */
export function issueBody(answers, issue) {
  return answers.map((question) => `### ${question.label}\n\n${question.answer || issue.no_response}`).join("\n\n") + "\n";
}

/** The new-issue address with the form's answers as query parameters (the question ids); null when
 *  there is no repository or the address would be longer than the issue's `url_limit`. */
export function issueUrl(answers, issue, title) {
  if (!issue.new_issue_url) return null;
  const parameters = new URLSearchParams({ template: issue.template, title });
  for (const question of answers) {
    if (question.answer) parameters.append(question.id, question.answer);
  }
  const url = `${issue.new_issue_url}?${parameters.toString()}`;
  return url.length <= issue.url_limit ? url : null;
}

/** The e-mail to the editors: subject and body, from the page's texts; null without a mailbox. */
export function mailText(email, texts, title, file, yaml) {
  if (!email) return null;
  return {
    to: email,
    subject: texts.mail_subject.replace("{title}", title),
    body: texts.mail_body.replace("{file}", file).replace("{yaml}", yaml),
  };
}
