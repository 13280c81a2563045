"""The casus-wizard (Casus indienen zonder GitHub) in Chromium: fill in, get an error, fix it, download the
file and validate it with thuisbasis; the prefilled issue reads back through from-issue; the e-mail text;
keyboard only; axe; the same messages as thuisbasis validate; nothing sent anywhere."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from playwright.sync_api import Page, Route, expect

from browser.conftest import ROOT, axe_violations, set_dark
from thuisbasis.commands.from_issue import case_from_issue
from thuisbasis.model.registries import registry_paths
from thuisbasis.validation import Report, validate_paths, validate_registries

PATH = "/casus-indienen/"
TODAY = dt.date(2026, 12, 4)


def registries() -> Any:
    report = Report()
    validate_registries(report, registry_paths())
    return report.registries


def open_wizard(page: Page, base_url: str, email: str | None = None, issue_url: str | None = None) -> list[str]:
    """Open the page (with a mailbox and a repository put into its data file, as a publisher's build would);
    return the list that collects every request the page makes."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    if email or issue_url:
        def with_settings(route: Route) -> None:
            data = json.loads(route.fetch().text())
            data["editors_email"] = email
            data["issue"]["new_issue_url"] = issue_url
            route.fulfill(json=data)
        page.route("**/data/casus-wizard.json", with_settings)
    page.goto(base_url + PATH, wait_until="networkidle")
    expect(at(page, "titel")).to_be_visible()
    return requests


def field(page: Page, label: str, nth: int = 0) -> Any:
    return page.get_by_label(label, exact=True).nth(nth)


def at(page: Page, path: str) -> Any:
    """The control of a schema field by its path ('bronnen[].datum'): the page's ids start with it."""
    prefix = re.sub(r"[^a-z0-9]+", "-", path, flags=re.IGNORECASE)
    return page.locator(f"input[id^='tb-veld-{prefix}-'], select[id^='tb-veld-{prefix}-'], "
                        f"textarea[id^='tb-veld-{prefix}-']").first


def fill_case(page: Page) -> None:
    """A small valid case, with one mistake: the start date written day first."""
    field(page, "Titel (verplicht)").fill("Woningdelen voor jongeren in Haarlem")
    field(page, "Samenvatting (verplicht)").fill(
        "Jonge statushouders wonen samen in een huis. Een begeleider helpt hen. Bijna alle jongeren wonen er nog.")
    field(page, "Woonvorm (verplicht)").select_option("woningdelen")
    page.get_by_label("Jonge alleenstaande statushouders").check()
    field(page, "Provincie (verplicht)").select_option("noord-holland")
    page.get_by_role("button", name="Nog een gemeente toevoegen").click()
    at(page, "locatie.gemeenten[]").fill("Haarlem")
    field(page, "Organisatie (verplicht)").fill("Gemeente Haarlem")
    field(page, "Rol (verplicht)").select_option("regie")
    field(page, "Start (verplicht)").fill("12-03-2024")
    field(page, "Status (verplicht)").select_option("lopend")
    field(page, "Aanleiding (verplicht)").fill("Jongeren wachtten lang op een eigen woning in de regio.")
    field(page, "Aanpak (verplicht)").fill("Een corporatie gaf een groot huis.\nDe jongeren kozen zelf met wie ze wonen.")
    field(page, "Werkzaam bestanddeel (verplicht)").select_option("huisgenoten-zelf-kiezen")
    field(page, "Toepassing (verplicht)").fill("De jongeren kozen samen hun huisgenoten.")
    at(page, "bronnen[].id").fill("raadsbrief-2024")
    at(page, "bronnen[].titel").fill("Raadsbrief woningdelen")
    at(page, "bronnen[].uitgever").fill("Gemeente Haarlem")
    at(page, "bronnen[].datum").fill("2024")
    at(page, "contact.organisatie").fill("Gemeente Haarlem")


def check(page: Page) -> None:
    page.get_by_role("button", name="Controleer en maak het bestand").click()


def test_fill_fix_download_and_validate(page: Page, base_url: str, tmp_path: Path) -> None:
    requests = open_wizard(page, base_url)
    fill_case(page)
    check(page)
    summary = page.locator(".tb-wizard__summary")
    expect(summary).to_be_focused()
    expected = ("'periode.start' heeft niet de juiste vorm: '12-03-2024'. Bedoel je 2024-03-12? Schrijf een datum als "
                "jaar-maand-dag. Een datum als 2024-03-01, 2024-03 of 2024, of 'onbekend'.")
    start = field(page, "Start (verplicht)")
    expect(summary.get_by_role("link")).to_have_text([expected])
    expect(start).to_have_attribute("aria-invalid", "true")
    error_id = start.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text(expected)
    summary.get_by_role("link").click()
    expect(start).to_be_focused()
    start.fill("2024-03-12")
    check(page)
    expect(summary).to_be_hidden()
    expect(page.locator("#tb-klaar")).to_be_focused()
    expect(page.locator(".tb-wizard__no-mail")).to_have_text(
        "Er is nog geen e-mailadres van de redactie. Kies een van de andere manieren.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download het bestand woningdelen-voor-jongeren-in-haarlem.yaml").click()
    assert download.value.suggested_filename == "woningdelen-voor-jongeren-in-haarlem.yaml"
    case = tmp_path / "cases" / download.value.suggested_filename
    case.parent.mkdir()
    download.value.save_as(case)
    result = subprocess.run([sys.executable, "-m", "thuisbasis", "validate", str(case)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert " 0 fouten" in result.stdout or "geen fouten" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout
    assert "aanpak: |-\n  Een corporatie gaf een groot huis.\n  De jongeren kozen zelf" in case.read_text(encoding="utf-8")
    others = [url for url in requests if not url.startswith(base_url) and not url.startswith("blob:")]
    assert others == []
    assert {urlsplit(url).path for url in requests if url.startswith(base_url)} >= {"/data/casus-wizard.json"}
    assert not [url for url in requests if url.startswith(base_url) and urlsplit(url).path.startswith("/data/")
                and urlsplit(url).path != "/data/casus-wizard.json"]


def test_the_prefilled_issue_reads_back_as_the_case_and_the_mail_text(page: Page, base_url: str, tmp_path: Path) -> None:
    open_wizard(page, base_url, email="redactie@example.org", issue_url="https://github.com/o/r/issues/new")
    fill_case(page)
    field(page, "Start (verplicht)").fill("2024-03")
    check(page)
    link = page.locator("#tb-issue")
    url = link.get_attribute("href") or ""
    assert url.startswith("https://github.com/o/r/issues/new?template=casus-aanmelden.yml&")
    answers = dict(parse_qsl(urlsplit(url).query))
    assert answers["title"] == "Casus: Woningdelen voor jongeren in Haarlem"
    wizard = json.loads(page.evaluate("fetch('/data/casus-wizard.json').then(r => r.text())"))
    body = "\n\n".join(f"### {question['label']}\n\n{answers.get(question['id']) or '_No response_'}"
                       for question in wizard["issue"]["questions"])
    cases = tmp_path / "cases"
    cases.mkdir()
    made = case_from_issue(Path("issue.md"), body.encode(), cases, registries(), TODAY)
    assert made.problems == [] and made.path is not None
    report = validate_paths([made.path], today=TODAY)
    assert [str(found) for found in report.problems if found.is_error] == []
    text = made.path.read_text(encoding="utf-8")
    assert "rol: regie" in text and "woonvorm: woningdelen" in text and "jonge-statushouders" in text
    mail = page.locator("#tb-mail-tekst")
    expect(page.get_by_text("Plak de tekst in een e-mail aan redactie@example.org.")).to_be_visible()
    value = mail.input_value()
    assert value.startswith("Casus: Woningdelen voor jongeren in Haarlem\n\nBeste redactie,")
    assert "id: woningdelen-voor-jongeren-in-haarlem\n" in value


BASE_CASE: dict[str, Any] = {
    "id": "woningdelen-haarlem", "titel": "Woningdelen in Haarlem",
    "samenvatting": "Jonge statushouders wonen samen in een huis met begeleiding, en bijna allemaal wonen ze er nog.",
    "woonvorm": "woningdelen", "doelgroepen": ["jonge-statushouders"],
    "locatie": {"gemeenten": ["Haarlem"], "provincie": "noord-holland"},
    "partners": [{"organisatie": "Gemeente Haarlem", "rol": "regie"}], "periode": {"start": "2024"},
    "status": "lopend", "aanleiding": "Jongeren wachtten lang op een woning.", "aanpak": "Een corporatie gaf een groot huis.",
    "werkzame_bestanddelen": [{"id": "huisgenoten-zelf-kiezen", "toepassing": "De jongeren kozen zelf."}],
    "bronnen": [{"id": "raadsbrief", "titel": "Raadsbrief", "uitgever": "Gemeente Haarlem", "datum": "2024"}],
    "contact": {"organisatie": "Gemeente Haarlem"}, "laatst_beoordeeld": "2026-11-01",
}
CASES_FOR_MESSAGES = [
    ("woonvorm", "woningdeel"),  # not in the register, with a suggestion
    ("woonvorm", "Woningdelen"),  # the label typed instead of the id
    ("onbekend_veld", "x"),  # unknown field
    ("samenvatting", "Te kort."),  # too short
    ("laatst_beoordeeld", "04-12-2026"),  # a day-first date
    ("schaal", {"wooneenheden": "1,5"}),  # a decimal comma
]


@pytest.mark.parametrize(("key", "value"), CASES_FOR_MESSAGES, ids=[key for key, _ in CASES_FOR_MESSAGES])
def test_the_page_says_what_thuisbasis_validate_says(page: Page, base_url: str, tmp_path: Path, key: str,
                                                     value: Any) -> None:
    data = {**BASE_CASE, key: value}
    del data["titel"]  # and a required field missing
    case = tmp_path / f"{data['id']}.yaml"
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")  # JSON is YAML
    report = validate_paths([case], today=TODAY)
    expected = sorted(found.message for found in report.problems if found.code.startswith("TB1"))
    open_wizard(page, base_url)
    shown = page.evaluate("""async ([data]) => {
        const wizard = await (await fetch('/data/casus-wizard.json')).json();
        const { Validator } = await import('/javascripts/vendor/json-schema/index.js');
        const { problemsFor } = await import('/javascripts/meldingen.js');
        const errors = new Validator(wizard.schema, '7', false).validate(data).errors;
        return problemsFor(errors, data, wizard.schema, wizard.messages).map((problem) => problem.message);
    }""", [data])
    assert sorted(shown) == expected
    assert any("ontbreekt" in message for message in shown)


def test_keyboard_only_adds_and_removes_a_partner(page: Page, base_url: str) -> None:
    open_wizard(page, base_url)
    add = page.get_by_role("button", name="Nog een partners toevoegen")
    add.focus()
    page.keyboard.press("Enter")
    second = field(page, "Organisatie (verplicht)", 1)
    expect(second).to_be_focused()
    page.keyboard.type("Woonstichting")
    remove = page.get_by_role("button", name="Partners 2 weghalen")
    remove.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Partners 2 weghalen")).to_have_count(0)
    expect(add).to_be_focused()
    page.get_by_role("button", name="Controleer en maak het bestand").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".tb-wizard__summary")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("[aria-invalid=true]").first).to_be_focused()


@pytest.mark.parametrize(("width", "dark"), [(375, False), (1280, False), (375, True)])
def test_no_accessibility_violations_and_no_sideways_scrolling(page: Page, base_url: str, width: int,
                                                               dark: bool) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    if dark:
        set_dark(page, base_url)  # the messages' colours too, in the dark palette on a phone
    open_wizard(page, base_url)
    check(page)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
