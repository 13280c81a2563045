"""The 'Casus aanmelden' issue form, its mapping onto the schema, and thuisbasis from-issue."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY, run_thuisbasis
from thuisbasis.commands.from_issue import (
    DEFAULTS,
    Conversion,
    case_from_issue,
    measure_value,
    schema_node,
)
from thuisbasis.loading import load_document
from thuisbasis.loading.issue_form import FORM, FORM_FIELDS, FormError, Kind, form_elements
from thuisbasis.model.registries import registry_paths
from thuisbasis.schemas import CASE_SCHEMA, load_schema, resolve_ref
from thuisbasis.validation import Report, validate_paths, validate_registries

ROOT = Path(__file__).parent.parent
ELEMENTS = form_elements()
BY_ID = {element.id: element for element in ELEMENTS if element.id}


def registries() -> dict[str, Any]:
    report = Report()
    validate_registries(report, registry_paths())
    return report.registries


def required_fields(node: dict[str, Any] | None = None, prefix: str = "") -> list[str]:
    """Every required field, dotted, following required objects and lists of objects."""
    root = load_schema(CASE_SCHEMA)
    node = resolve_ref(node or root, root)
    found = []
    for name in node.get("required", []):
        field = f"{prefix}{name}"
        found.append(field)
        child = resolve_ref(node["properties"][name], root)
        if child.get("type") == "object":
            found += required_fields(child, f"{field}.")
        elif child.get("type") == "array" and resolve_ref(child.get("items", {}), root).get("type") == "object":
            found += required_fields(resolve_ref(child["items"], root), f"{field}[].")
    return found


# --- Form, mapping and schema agree ---------------------------------------------------------------

def test_every_form_question_is_mapped_and_every_mapping_is_a_question() -> None:
    assert sorted(BY_ID) == sorted(FORM_FIELDS)


def test_questions_without_an_id_are_only_the_consent_checkboxes() -> None:
    assert [(element.type, element.label) for element in ELEMENTS if not element.id] == [("checkboxes", "Afspraken")]


def test_every_label_is_unique_so_the_body_can_be_read() -> None:
    labels = [element.label for element in ELEMENTS]
    assert len(labels) == len(set(labels))


@pytest.mark.parametrize("form_id", sorted(FORM_FIELDS))
def test_every_mapped_field_is_a_real_schema_field(form_id: str) -> None:
    target = FORM_FIELDS[form_id]
    assert schema_node(target.field) is not None, target.field
    for field in target.filled_fields:
        assert schema_node(field) is not None, field


def test_every_required_schema_field_is_asked_or_has_a_documented_default() -> None:
    asked = {field for target in FORM_FIELDS.values() for field in (target.field, *target.filled_fields)}
    parents_asked = {field.rsplit(".", 1)[0] for field in asked if "." in field}
    missing = [field for field in required_fields() if field not in asked | parents_asked | set(DEFAULTS)]
    assert missing == []


def test_every_default_is_for_a_required_schema_field() -> None:
    assert sorted(field for field in DEFAULTS if field not in required_fields()) == []


@pytest.mark.parametrize("form_id", sorted(FORM_FIELDS))
def test_a_question_is_required_exactly_when_its_field_is_required_without_default(form_id: str) -> None:
    field = FORM_FIELDS[form_id].field
    required_in_schema = field in required_fields()
    assert BY_ID[form_id].required == (required_in_schema and field not in DEFAULTS), field


@pytest.mark.parametrize("form_id", [form_id for form_id, target in FORM_FIELDS.items()
                                     if target.kind in (Kind.CHOICE, Kind.CHOICES)])
def test_dropdown_options_are_the_registry_labels_in_registry_order(form_id: str) -> None:
    target = FORM_FIELDS[form_id]
    node = schema_node(target.field + ("[]" if target.kind is Kind.CHOICES else ""))
    registry = registries()[node["x-registry"]]
    assert list(BY_ID[form_id].options) == [term.label for term in registry.terms]
    assert BY_ID[form_id].type == "dropdown"


def test_a_multiple_choice_label_has_no_comma_because_github_joins_answers_with_commas() -> None:
    for form_id, target in FORM_FIELDS.items():
        if target.kind is Kind.CHOICES:
            assert [option for option in BY_ID[form_id].options if "," in option] == [], form_id


@pytest.mark.parametrize(("form_id", "registry"), [
    ("partners", "rollen"), ("werkzame_bestanddelen", "werkzame-bestanddelen"), ("doelen", "indicatorsoorten"),
    ("doelen", "eenheden"), ("doelen", "meetwijzen"), ("kosten", "kostensoorten"), ("kosten", "kosteneenheden"),
    ("kosten", "kostenperiodes"), ("evaluaties", "onderzoeksopzetten"), ("evaluaties", "uitkomsten")])
def test_free_text_questions_list_every_registry_label_in_their_help(form_id: str, registry: str) -> None:
    form = load_document(FORM)[0].data
    element = next(item for item in form["body"] if item.get("id") == form_id)
    description = " ".join(element["attributes"]["description"].split())
    assert [term.label for term in registries()[registry].terms if term.label not in description] == []


def test_the_form_is_a_valid_github_issue_form() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_githubs_copy_of_the_form_is_the_packaged_form() -> None:
    """GitHub reads the form from .github/; from-issue reads the package's copy (it works installed, too)."""
    github_copy = ROOT / ".github" / "ISSUE_TEMPLATE" / FORM.name
    assert github_copy.read_bytes() == FORM.read_bytes(), (
        f"cp {FORM.relative_to(ROOT)} {github_copy.relative_to(ROOT)} (edit the package's copy, then copy it)")


# --- From a body to a case file ------------------------------------------------------------------

ANSWERS = {
    "titel": "Woningdelen voor jonge statushouders in Haarlem",
    "samenvatting": "Jonge statushouders en Nederlandse jongeren wonen samen in een oud kantoor. "
                    "Een begeleider helpt hen op weg.",
    "woonvorm": "Woningdelen",
    "doelgroepen": "Jonge alleenstaande statushouders, Reguliere huurders",
    "gemeenten": "Haarlem, Heemstede",
    "provincie": "Noord-Holland",
    "partners": "Gemeente Haarlem: Regie en opdrachtgeverschap\n- Woonstichting: De Volgende Stap: verhuur",
    "start": "2019-09",
    "status": "Lopend",
    "wooneenheden": "1.200",
    "aanleiding": "Er waren te weinig woningen voor jonge statushouders.\n\n### Wat we zagen\nLange wachtlijsten.",
    "aanpak": '1. Het kantoor werd verbouwd.\n2. Bewoners kozen samen: "wie past bij ons?"',
    "werkzame_bestanddelen": "Huisgenoten zelf laten kiezen: Bewoners kozen samen met wie ze wonen.\n"
                             "woonbegeleiding: Een begeleider is twee dagen per week in het gebouw.",
    "tips": "- Laat bewoners elkaar vooraf ontmoeten.\n- Begin klein: 8 bewoners",
    "niet_vermeld": "Kosten",
    "bronnen": "Jaarverslag 2024; Woonstichting De Volgende Stap; 2025-05; https://www.voorbeeld.nl/jaarverslag\n"
               "Raadsbrief: stand van zaken; Gemeente Haarlem",
    "contact_organisatie": "Gemeente Haarlem",
    "contact_website": "https://www.haarlem.nl",
}

EXPECTED = {
    "id": "woningdelen-voor-jonge-statushouders-in-haarlem",
    "titel": "Woningdelen voor jonge statushouders in Haarlem",
    "samenvatting": ANSWERS["samenvatting"],
    "woonvorm": "woningdelen",
    "doelgroepen": ["jonge-statushouders", "reguliere-huurders"],
    "locatie": {"gemeenten": ["Haarlem", "Heemstede"], "provincie": "noord-holland"},
    "partners": [{"organisatie": "Gemeente Haarlem", "rol": "regie"},
                 {"organisatie": "Woonstichting: De Volgende Stap", "rol": "verhuur"}],
    "periode": {"start": "2019-09"},
    "status": "lopend",
    "schaal": {"wooneenheden": 1200},
    "aanleiding": ANSWERS["aanleiding"],
    "aanpak": ANSWERS["aanpak"],
    "werkzame_bestanddelen": [
        {"id": "huisgenoten-zelf-kiezen", "toepassing": "Bewoners kozen samen met wie ze wonen."},
        {"id": "woonbegeleiding", "toepassing": "Een begeleider is twee dagen per week in het gebouw."},
    ],
    "lessen": {"tips": ["Laat bewoners elkaar vooraf ontmoeten.", "Begin klein: 8 bewoners"]},
    "niet_vermeld": ["Kosten"],
    "bronnen": [
        {"id": "jaarverslag-2024", "titel": "Jaarverslag 2024", "uitgever": "Woonstichting De Volgende Stap",
         "datum": "2025-05", "url": "https://www.voorbeeld.nl/jaarverslag"},
        {"id": "raadsbrief-stand-van-zaken", "titel": "Raadsbrief: stand van zaken", "uitgever": "Gemeente Haarlem",
         "datum": "onbekend"},
    ],
    "contact": {"organisatie": "Gemeente Haarlem", "website": "https://www.haarlem.nl"},
    "laatst_beoordeeld": TODAY.isoformat(),
}


def render_body(answers: dict[str, str], line_end: str = "\n") -> str:
    """An issue body as GitHub renders a submitted form: '### Label', a blank line, the answer."""
    sections = []
    for element in ELEMENTS:
        if element.id is None:
            value = "\n".join(f"- [X] {option}" for option in element.options)
        else:
            value = answers.get(element.id) or "_No response_"
        sections.append(f"### {element.label}\n\n{value}")
    return ("\n\n".join(sections) + "\n").replace("\n", line_end)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "cases").mkdir()
    return tmp_path


COMPLETENESS = ("TB244", "TB245", "TB246")  # warnings: what the prose does not tell (tests/test_validation_measures.py)


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_an_issue_body_becomes_a_valid_case_file(project: Path, line_end: str) -> None:
    (project / "aanmelding.md").write_text(render_body(ANSWERS, line_end), encoding="utf-8", newline="")
    result = run_thuisbasis("from-issue", "aanmelding.md", "--today", TODAY.isoformat(), cwd=project)
    path = project / "cases" / f"{EXPECTED['id']}.yaml"
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    # The form asks for the prose; what a reader also needs (goals with figures, costs) is asked by warnings.
    assert [lines[0], *lines[-2:]] == [
        f"Nieuwe casus: cases/{EXPECTED['id']}.yaml",
        "Thuisbasis: 1 casus en 17 registers gecontroleerd: geen fouten; 2 waarschuwingen in 1 bestand.",
        f"Lees het bestand na, vul aan wat ontbreekt en controleer met: thuisbasis validate cases/{EXPECTED['id']}.yaml",
    ]
    assert [line.split(": ")[1].split()[0] for line in lines[1:-2]] == ["TB244", "TB246"]
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../scripts/thuisbasis/schemas/case.schema.json"
    assert load_document(path)[0].data == EXPECTED
    assert validate_paths([path], today=TODAY).errors == []


def test_the_case_file_reads_like_a_hand_written_one(project: Path) -> None:
    run_thuisbasis("from-issue", "-", "--today", TODAY.isoformat(), cwd=project, stdin=render_body(ANSWERS))
    text = (project / "cases" / f"{EXPECTED['id']}.yaml").read_text(encoding="utf-8")
    assert "\naanleiding: |-\n  Er waren te weinig woningen voor jonge statushouders.\n\n  ### Wat we zagen\n" in text
    assert "\ndoelgroepen:\n  - jonge-statushouders\n  - reguliere-huurders\n" in text
    assert "\nperiode:\n  start: 2019-09\n" in text
    assert f"\nlaatst_beoordeeld: '{TODAY.isoformat()}'\n" in text


@pytest.mark.parametrize(
    ("answer", "value"),
    [("no", "no"), ("0612", "0612"), ("2024", "2024"), ("true", "true"), ("# Kop", "# Kop"),
     ("- lijstje", "- lijstje"), ("'quote' en \"dubbel\"", "'quote' en \"dubbel\""), ("a: b", "a: b"),
     ("Regel 1\n    ingesprongen", "Regel 1\n    ingesprongen")],
    ids=["no", "leading-zero", "year", "true", "hash", "dash", "quotes", "colon", "indented-line"],
)
def test_answers_keep_their_exact_text(project: Path, answer: str, value: str) -> None:
    answers = {**ANSWERS, "wijk": answer.split("\n")[0], "aanpak": f"Stap: {answer}"}
    result = run_thuisbasis("from-issue", "-", "--today", TODAY.isoformat(), cwd=project, stdin=render_body(answers))
    assert "Traceback" not in result.stdout + result.stderr
    data = load_document(project / "cases" / f"{EXPECTED['id']}.yaml")[0].data
    assert data["locatie"]["wijk"] == value.split("\n")[0]
    assert data["aanpak"] == f"Stap: {value}"


def test_empty_required_answers_are_written_and_explained_by_validation(project: Path) -> None:
    answers = {key: value for key, value in ANSWERS.items() if key not in ("samenvatting", "werkzame_bestanddelen")}
    result = run_thuisbasis("from-issue", "-", "--today", TODAY.isoformat(), cwd=project, stdin=render_body(answers))
    assert result.returncode == 1
    path = f"cases/{EXPECTED['id']}.yaml"
    text = (project / path).read_text(encoding="utf-8").splitlines()
    lines = [line for line in result.stdout.splitlines() if not any(f" {code} " in line for code in COMPLETENESS)]
    assert lines[0] == f"Nieuwe casus: {path}"
    summary_line = text.index("samenvatting: ''") + 1
    assert lines[1].startswith(f"{path}:{summary_line}:15: TB112 'samenvatting' is nog leeg. Twee tot vier zinnen "
                               "in eenvoudige taal (B1)")
    assert lines[2] == (f"{path}:{text.index('werkzame_bestanddelen: []') + 1}:24: TB109 'werkzame_bestanddelen' is "
                        "een lege lijst; er moet minstens 1 in staan.")
    assert lines[3] == "Thuisbasis: 1 casus en 17 registers gecontroleerd: 2 fouten en 2 waarschuwingen in 1 bestand."


def test_an_unknown_choice_stays_as_typed_and_validation_suggests_the_right_one(project: Path) -> None:
    answers = {**ANSWERS, "partners": "Gemeente Haarlem: regisseur"}
    result = run_thuisbasis("from-issue", "-", "--today", TODAY.isoformat(), cwd=project, stdin=render_body(answers))
    assert result.returncode == 1
    assert "TB104 'rol' bij partner 1 ('partners[1].rol') is 'regisseur', maar dat staat niet in het register 'Rollen van partners'." \
        in result.stdout


def test_from_issue_refuses_a_title_whose_file_would_replace_a_generated_page(project: Path) -> None:
    result = run_thuisbasis("from-issue", "-", cwd=project, stdin=render_body({**ANSWERS, "titel": "Vergelijken"}))
    assert (result.returncode, list((project / "cases").iterdir())) == (1, [])
    assert result.stderr == ("thuisbasis from-issue: van de titel 'Vergelijken' wordt de bestandsnaam 'vergelijken', "
                             "maar de pagina casussen/vergelijken/ maakt de site al zelf; kies een andere titel\n")


def test_from_issue_never_overwrites_a_case(project: Path) -> None:
    body = render_body(ANSWERS)
    assert run_thuisbasis("from-issue", "-", cwd=project, stdin=body).returncode == 0
    path = project / "cases" / f"{EXPECTED['id']}.yaml"
    path.write_text("# eigen werk\n", encoding="utf-8")
    again = run_thuisbasis("from-issue", "-", cwd=project, stdin=body)
    assert again.returncode == 1
    assert again.stderr == (f"thuisbasis from-issue: 'cases/{EXPECTED['id']}.yaml' bestaat al en wordt niet "
                            "overschreven; kies een andere titel of bewerk dat bestand\n")
    assert path.read_text(encoding="utf-8") == "# eigen werk\n"


# --- Bodies that cannot be read: Dutch messages with the line, and no file -------------------------

@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Hallo, hier is onze casus!\n", [
            "<stdin>:1:1: TB601 Dit is geen aanmelding via het formulier 'Casus aanmelden': er staat geen enkel "
            "kopje van het formulier in (zoals '### Titel van de casus'). Kopieer de hele tekst van het issue.",
        ]),
        (render_body(ANSWERS).replace("### Status\n\nLopend\n\n", ""), [
            "<stdin>:1:1: TB602 Het kopje '### Status' ontbreekt. Het formulier stelt die vraag altijd; is de tekst "
            "wel helemaal gekopieerd?",
        ]),
        (render_body(ANSWERS) + "\n### Titel van de casus\n\nNog een titel\n", [
            "<stdin>:{line}:1: TB603 Het kopje '### Titel van de casus' staat twee keer in de tekst (eerst op regel 1). "
            "Houd er één over.",
        ]),
        (render_body({**ANSWERS, "partners": "Gemeente Haarlem\nWoonstichting: verhuur"}), [
            "<stdin>:{partners}:1: TB604 Bij 'Partners en hun rol' is deze regel niet te lezen: 'Gemeente Haarlem'. "
            "Schrijf hem als: Organisatie: rol (bijvoorbeeld: Gemeente Haarlem: Regie en opdrachtgeverschap).",
        ]),
        (render_body({**ANSWERS, "partners": "\n\n  Gemeente Haarlem"}), [
            "<stdin>:{partners_late}:1: TB604 Bij 'Partners en hun rol' is deze regel niet te lezen: 'Gemeente "
            "Haarlem'. Schrijf hem als: Organisatie: rol (bijvoorbeeld: Gemeente Haarlem: Regie en opdrachtgeverschap).",
        ]),
        (render_body({**ANSWERS, "bronnen": "Jaarverslag 2024; Woonstichting\nAlleen een titel"}), [
            "<stdin>:{bronnen}:1: TB604 Bij 'Bronnen' is deze regel niet te lezen: 'Alleen een titel'. Schrijf hem "
            "als: titel; uitgever; datum; webadres (de datum en het webadres mogen weg).",
        ]),
        (render_body({**ANSWERS, "aanpak": "Stap \u202eomgekeerd"}), [
            "<stdin>:{aanpak}:6: TB004 Het bestand bevat het onzichtbare teken U+202E. Verwijder het; vaak komt het "
            "mee bij kopiëren en plakken.",
        ]),
    ],
    ids=["not-a-form", "question-missing", "question-twice", "partner-line", "partner-line-after-blank-lines",
         "source-line", "invisible-character"],
)
def test_a_body_that_cannot_be_read_gives_dutch_messages_and_no_file(project: Path, body: str, expected: list[str]) -> None:
    lines = body.split("\n")

    def line_after(heading: str, offset: int) -> int:
        return lines.index(heading) + offset if heading in lines else 0

    where = {
        "line": len(lines) - 3,
        "partners": line_after("### Partners en hun rol", 3),
        "partners_late": line_after("### Partners en hun rol", 5),
        "bronnen": line_after("### Bronnen", 4),
        "aanpak": line_after("### Aanpak", 3),
    }
    result = run_thuisbasis("from-issue", "-", cwd=project, stdin=body)
    assert result.returncode == 1
    count = len(expected)
    assert result.stdout.splitlines() == [line.format(**where) for line in expected] + [
        f"Thuisbasis: de aanmelding is niet omgezet; er is geen bestand gemaakt ({count} "
        f"{'probleem' if count == 1 else 'problemen'})."]
    assert list((project / "cases").iterdir()) == []
    assert "Traceback" not in result.stderr


def test_from_issue_usage_errors(project: Path) -> None:
    missing = run_thuisbasis("from-issue", "bestaat-niet.md", cwd=project)
    assert missing.returncode == 2
    assert missing.stderr == "thuisbasis: fout in de opdracht: 'bestaat-niet.md' bestaat niet\n"
    bad_date = run_thuisbasis("from-issue", "-", "--today", "morgen", cwd=project, stdin="")
    assert bad_date.returncode == 2
    assert "argument --today: 'morgen' is geen datum; schrijf bijvoorbeeld 2026-11-21" in bad_date.stderr


def test_an_issue_case_today_defaults_to_the_real_date(project: Path) -> None:
    run_thuisbasis("from-issue", "-", cwd=project, stdin=render_body(ANSWERS))
    data = load_document(project / "cases" / f"{EXPECTED['id']}.yaml")[0].data
    assert data["laatst_beoordeeld"] in {dt.date.today().isoformat(), (dt.date.today() - dt.timedelta(days=1)).isoformat()}


@pytest.mark.parametrize(
    ("form_text", "reason"),
    [("name: Kapot\nbody: [\n", "De YAML klopt hier niet"), ("name: Leeg\nbody: []\n", "er staan geen vragen in")],
    ids=["broken-yaml", "no-questions"],
)
def test_a_broken_form_is_reported_as_a_thuisbasis_bug_not_a_traceback(project: Path, form_text: str, reason: str) -> None:
    form = project / "casus-aanmelden.yml"
    form.write_text(form_text, encoding="utf-8")
    with pytest.raises(FormError) as raised:
        case_from_issue(Path("aanmelding.md"), render_body(ANSWERS).encode(), project / "cases", registries(), TODAY,
                        form=form)
    assert raised.value.problem.code == "TB605"
    assert raised.value.problem.message.startswith("Het formulier casus-aanmelden.yml is niet te lezen: ")
    assert reason in raised.value.problem.message
    assert list((project / "cases").iterdir()) == []


# --- Goals, results, costs and evaluations (issue 12) -----------------------------------------------

FIGURES = {
    "doelen": "Jongeren een eigen plek geven; Jongeren gehuisvest; Gehuisveste mensen; personen; 20; ruim 18; "
              "Zelf gemeten\n"
              "Jongeren een eigen plek geven; Bewoners tevreden; Tevredenheid; procent; ; 60 tot 70; Extern gemeten; "
              "bron 2\n"
              "Buren kennen elkaar; Buren die elkaar groeten; Contact in de buurt; procent; minstens 50; ; ",
    "kosten": "Investering; ongeveer € 1.250.000; totaal; eenmalig; 2024\nBegeleiding; 80000; per persoon; per jaar; ; "
              "bron 2",
    "evaluaties": "Evaluatie gemengd wonen; Bureau Onderzoek; ja; Procesevaluatie; Gemengd; Tevreden, wel eenzaam; bron 2",
}


def test_goals_results_costs_and_evaluations_become_structured_fields(project: Path) -> None:
    (project / "aanmelding.md").write_text(render_body({**ANSWERS, **FIGURES}), encoding="utf-8")
    result = run_thuisbasis("from-issue", "aanmelding.md", "--today", TODAY.isoformat(), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    data = load_document(project / "cases" / f"{EXPECTED['id']}.yaml")[0].data
    assert data["doelen"] == [
        {"doel": "Jongeren een eigen plek geven", "indicatoren": [
            {"naam": "Jongeren gehuisvest", "soort": "gehuisveste-personen", "eenheid": "personen", "streefwaarde": 20,
             "resultaat": {"waarde": 18, "kwalificatie": "ruim"}, "meetwijze": "zelf-gemeten", "bron": "jaarverslag-2024"},
            {"naam": "Bewoners tevreden", "soort": "tevredenheid", "eenheid": "procent",
             "resultaat": {"van": 60, "tot": 70}, "meetwijze": "extern-gemeten", "bron": "raadsbrief-stand-van-zaken"}]},
        {"doel": "Buren kennen elkaar", "indicatoren": [
            {"naam": "Buren die elkaar groeten", "soort": "buurtcontact", "eenheid": "procent",
             "streefwaarde": {"waarde": 50, "kwalificatie": "minimaal"}, "bron": "jaarverslag-2024"}]},
    ]
    assert data["kosten"] == [
        {"soort": "investering", "bedrag": {"waarde": 1250000, "kwalificatie": "ongeveer"}, "per": "totaal",
         "periode": "eenmalig", "prijspeil": 2024, "bron": "jaarverslag-2024"},
        {"soort": "begeleiding", "bedrag": 80000, "per": "persoon", "periode": "per-jaar",
         "bron": "raadsbrief-stand-van-zaken"},
    ]
    assert data["evaluaties"] == [
        {"titel": "Evaluatie gemengd wonen", "uitvoerder": "Bureau Onderzoek", "onafhankelijk": True,
         "opzet": "procesevaluatie", "uitkomst": "gemengd", "bevindingen": "Tevreden, wel eenzaam",
         "bron": "raadsbrief-stand-van-zaken"}]
    # With goals, costs and an evaluation, the completeness warnings are answered.
    assert validate_paths([project / "cases" / f"{EXPECTED['id']}.yaml"], today=TODAY).problems == []


@pytest.mark.parametrize(("written", "value"), [
    ("450", 450), ("ruim 450", {"waarde": 450, "kwalificatie": "ruim"}), ("bijna 1.800", {"waarde": 1800, "kwalificatie": "bijna"}),
    ("72,5", 72.5), ("tussen 800 en 900", {"van": 800, "tot": 900}),
    ("ongeveer 800 à 900", {"van": 800, "tot": 900, "kwalificatie": "ongeveer"}),
    ("minstens 385", {"waarde": 385, "kwalificatie": "minimaal"}), ("veel", "veel"),
    ("heel ruim 5", {"waarde": 5, "kwalificatie": "heel ruim"}),
])
def test_a_value_is_read_as_the_source_says_it(written: str, value: object) -> None:
    conversion = Conversion(Path("aanmelding.md"), registries(), [])
    assert measure_value(written, conversion) == value


def test_a_figure_line_that_cannot_be_read_is_explained_and_nothing_is_written(project: Path) -> None:
    (project / "aanmelding.md").write_text(render_body({**ANSWERS, "doelen": "Alleen een doel"}), encoding="utf-8")
    result = run_thuisbasis("from-issue", "aanmelding.md", "--today", TODAY.isoformat(), cwd=project)
    assert result.returncode == 1 and list((project / "cases").iterdir()) == []
    assert "TB604 Bij 'Doelen en resultaten' is deze regel niet te lezen: 'Alleen een doel'." in result.stdout
