"""Checklist pages in Chromium: ticks and notes survive a reload, exports match, printing gives a clean A4 handout."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from browser.conftest import axe_violations, requests_to_other_hosts
from test_serialisation import FORMULA_STARTS, field_starts
from thuisbasis.render.data import spreadsheet_safe

ROOT = Path(__file__).parent.parent.parent
CHECKLIST = "opgaveteam-inrichten"


@pytest.fixture
def checklist_url(base_url: str) -> str:
    return f"{base_url}/checklists/{CHECKLIST}/"


def item_ids(page: Page) -> list[str]:
    return page.locator(".tb-item[data-item]").evaluate_all("items => items.map(item => item.dataset.item)")


def item_text(page: Page, item_id: str) -> str:
    return page.locator(f"#item-{item_id} label.tb-item__text").inner_text().strip()


def test_ticks_and_notes_survive_a_reload(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    first, second = item_ids(page)[:2]
    page.locator(f"#vink-{first}").check()
    page.locator(f"#notitie-{second}").fill("Bespreken in het overleg van maandag")
    page.reload()
    assert page.locator(f"#vink-{first}").is_checked()
    assert not page.locator(f"#vink-{second}").is_checked()
    assert page.locator(f"#notitie-{second}").input_value() == "Bespreken in het overleg van maandag"
    stored = json.loads(page.evaluate(f"localStorage.getItem('thuisbasis:checklist:{CHECKLIST}')"))
    assert stored["items"][first]["done"] is True
    assert stored["items"][second]["note"] == "Bespreken in het overleg van maandag"


def test_answers_are_keyed_by_item_id_so_changes_do_not_scramble_them(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    ids = item_ids(page)
    saved = {"version": 1, "items": {"item-dat-niet-meer-bestaat": {"done": True, "note": "oud"},
                                     ids[-1]: {"done": True, "note": ""}}}
    page.evaluate("([key, value]) => localStorage.setItem(key, value)",
                  [f"thuisbasis:checklist:{CHECKLIST}", json.dumps(saved)])
    page.reload()
    ticked = [item_id for item_id in ids if page.locator(f"#vink-{item_id}").is_checked()]
    assert ticked == [ids[-1]]


def test_corrupt_storage_does_not_break_the_page(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    page.evaluate(f"localStorage.setItem('thuisbasis:checklist:{CHECKLIST}', '{{niet json')")
    page.reload()
    assert page.locator(".tb-checklist__total").inner_text() == f"0 van {len(item_ids(page))} punten afgevinkt."


def test_progress_is_shown_per_section_and_in_total(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    section = page.locator(".tb-checklist__section").first
    own = section.locator(".tb-item[data-item]").evaluate_all("items => items.map(item => item.dataset.item)")
    page.locator(f"#vink-{own[0]}").check()
    assert section.locator(".tb-checklist__progress").inner_text() == f"1 van {len(own)} punten afgevinkt"
    assert page.locator(".tb-checklist__total").inner_text() == f"1 van {len(item_ids(page))} punten afgevinkt."


def test_exported_answers_match_what_was_ticked(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    ids = item_ids(page)
    ticked = {ids[0], ids[2]}
    for item_id in ticked:
        page.locator(f"#vink-{item_id}").check()
    page.locator(f"#notitie-{ids[1]}").fill("Nog navragen, bij de jurist")

    with page.expect_download() as text_download:
        page.get_by_role("button", name="Antwoorden downloaden als tekst").click()
    assert text_download.value.suggested_filename.endswith(".txt")  # opens in any editor, unlike .md
    markdown = Path(text_download.value.path()).read_text(encoding="utf-8")
    for item_id in ids:
        mark = "x" if item_id in ticked else " "
        assert f"- [{mark}] {item_text(page, item_id)}\n" in markdown
    assert "  Notitie: Nog navragen, bij de jurist\n" in markdown
    assert markdown.startswith("# ")

    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Antwoorden downloaden als tabel (Excel)").click()
    assert csv_download.value.suggested_filename.startswith(f"{CHECKLIST}-antwoorden-")
    raw = Path(csv_download.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())  # else Excel reads the UTF-8 as Windows-1252
    # Dutch Excel splits a double-clicked CSV on ';' (',' is its decimal separator).
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row["item"] for row in rows] == ids
    assert {row["item"] for row in rows if row["afgevinkt"] == "ja"} == ticked
    assert rows[1]["notitie"] == "Nog navragen, bij de jurist"


HOSTILE_NOTES = ["=1+1", "Samen;=HYPERLINK(\"https://evil.example\")", "a, @SOM(A1)", "a\t+1;\t-2",
                 'a;"=1"', "Doelen:\n- minder huisuitzettingen\n=1", "1+1=2 en e-mail@voorbeeld.nl"]


def test_exported_csv_never_starts_a_formula_wherever_a_spreadsheet_splits(page: Page, checklist_url: str) -> None:
    # Dutch spreadsheets split on ';': a formula after it in a note was not defused (issue 11, item 8).
    page.goto(checklist_url)
    ids = item_ids(page)[:len(HOSTILE_NOTES)]
    for item_id, note in zip(ids, HOSTILE_NOTES, strict=True):
        page.locator(f"#notitie-{item_id}").fill(note)
    with page.expect_download() as csv_download:
        page.get_by_role("button", name="Antwoorden downloaden als tabel (Excel)").click()
    text = Path(csv_download.value.path()).read_bytes().decode("utf-8-sig")
    lines = text.replace("\r\n", "\n")  # a record's line end is no formula
    assert all(start == len(lines) or lines[start] not in FORMULA_STARTS for start in field_starts(lines))
    notes = {row["item"]: row["notitie"] for row in csv.DictReader(io.StringIO(text, newline=""), delimiter=";")}
    assert [notes[item_id] for item_id in ids] == [spreadsheet_safe(note) for note in HOSTILE_NOTES]


def test_next_steps_list_the_unticked_items_with_examples(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    ids = item_ids(page)
    page.locator(f"#vink-{ids[0]}").check()
    steps = page.locator("#tb-next-steps .tb-next-steps__list > li")
    assert steps.count() == len(ids) - 1
    assert steps.first.locator("a").first.get_attribute("href") == f"#item-{ids[1]}"
    linked = page.locator(f"#item-{ids[1]} .tb-item__case, #item-{ids[1]} .tb-item__ingredient").count()
    assert steps.first.locator(".tb-next-steps__how a").count() == linked


def test_reset_clears_every_answer(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    first = item_ids(page)[0]
    page.locator(f"#vink-{first}").check()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Alle antwoorden wissen").click()
    assert not page.locator(f"#vink-{first}").is_checked()
    page.reload()
    assert not page.locator(f"#vink-{first}").is_checked()


def test_without_javascript_the_checklist_is_a_plain_readable_list(browser: Browser, checklist_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(checklist_url)
    assert page.locator("#tb-checklist input[type=checkbox]").count() == 0
    assert page.locator(".tb-item .tb-item__text").first.is_visible()
    assert not page.locator(".tb-checklist__tools").is_visible()
    context.close()


def test_printed_a4_pdf_has_no_header_navigation_or_search(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    page.locator(f"#vink-{item_ids(page)[0]}").check()  # printing shows empty boxes regardless
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".tb-checklist__tools", ".tb-item__check"):
        assert page.locator(selector).first.evaluate("element => getComputedStyle(element).display") == "none", selector
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)  # A4 is 595.3 x 841.9 points
    text = " ".join(page_.extract_text() for page_ in pdf.pages)
    assert "Zoeken" not in text
    assert "Ontdekken" not in text  # a navigation section
    assert "Antwoorden downloaden" not in text
    assert page.locator("h1").evaluate("h1 => h1.firstChild.textContent").strip() in text


def test_workform_handout_prints_without_site_chrome(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/checklists/{CHECKLIST}/werkvorm/")
    assert "Doen we de goede dingen, en doen we de dingen goed?" in page.locator(".tb-questions").inner_text()
    page.emulate_media(media="print")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert "Gespreksvragen" in text and "Zoeken" not in text


def test_checklist_pages_pass_axe_and_stay_on_this_site(page: Page, checklist_url: str, base_url: str) -> None:
    assert requests_to_other_hosts(page, checklist_url, base_url) == []
    page.locator(f"#vink-{item_ids(page)[0]}").check()
    assert axe_violations(page) == []
    page.goto(f"{base_url}/checklists/")
    assert axe_violations(page) == []


def test_case_page_links_to_its_checklists(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/casussen/utrecht-plan-van-aanpak-kwetsbare-doelgroepen/")
    links = page.locator(".tb-case-checklists a").evaluate_all("links => links.map(link => link.textContent)")
    assert "Samenwerking tussen gemeente, corporaties en zorg" in links


# --- Issue 14: printing for trainers ---------------------------------------------------------------------

def printed_text(page: Page) -> str:
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return "\n".join(page_.extract_text() for page_ in pdf.pages)


def choose_print(page: Page, button: str) -> None:
    page.evaluate("() => { window.tbPrinted = 0; window.print = () => { window.tbPrinted += 1; }; }")  # no dialog
    page.get_by_role("button", name=button).click()
    assert page.evaluate("window.tbPrinted") == 1


def test_the_team_prints_an_empty_form_or_its_own_answers(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    ids = item_ids(page)
    page.locator(f"#vink-{ids[0]}").check()
    page.locator(f"#notitie-{ids[0]}").fill("Afgesproken met de corporatie op 12 maart")

    choose_print(page, "Afdrukken: met onze antwoorden")
    answers = printed_text(page)
    assert "Notitie: Afgesproken met de corporatie op 12 maart" in answers
    tick = page.locator(f"#item-{ids[0]}").evaluate("item => getComputedStyle(item, '::before').content")
    assert tick == '"✓"'
    assert page.locator(f"#item-{ids[1]}").evaluate("item => getComputedStyle(item, '::before').content") == '""'

    page.emulate_media(media="screen")
    choose_print(page, "Afdrukken: leeg formulier")
    empty = printed_text(page)
    assert "Afgesproken met de corporatie" not in empty
    assert page.locator(f"#item-{ids[0]}").evaluate("item => getComputedStyle(item, '::before').content") == '""'


def test_every_printed_page_has_its_number_the_address_and_the_date(page: Page, checklist_url: str) -> None:
    page.goto(checklist_url)
    text = printed_text(page)
    pages = len(re.findall(r"Pagina \d+ van \d+", text))
    assert pages >= 1 and f"Pagina 1 van {pages}" in text, text[-300:]
    assert f"{checklist_url} · afgedrukt op " in text.replace("\n", "")


def test_printed_links_show_where_they_go(page: Page, base_url: str) -> None:
    # Any page of the site (afdrukken.css): here a case page, whose sources link to other sites.
    page.goto(f"{base_url}/casussen/rotterdam-skaeve-huse/")
    external = page.locator(".tb-sources a[href^='http']").first.get_attribute("href")
    assert external
    assert external in printed_text(page).replace("\n", "")


def test_the_workform_handout_holds_the_case_to_read_and_a_page_for_next_steps(page: Page, base_url: str) -> None:
    # Issue 14: the step "Lees samen de casus" neither included nor linked the case; there was no print
    # button and no page for the team's next steps.
    page.goto(f"{base_url}/checklists/woningdelen-starten/werkvorm/")
    case = page.locator(".tb-handout-case")
    expect(case.locator("h2")).to_have_text("Casus: Plan voor woningdelen door jonge statushouders in Haarlem")
    expect(case.get_by_role("link", name="Plan voor woningdelen door jonge statushouders in Haarlem")).to_have_attribute(
        "href", "../../../casussen/haarlem-woningdelen-jonge-statushouders/")
    expect(case.locator("dt")).to_contain_text(["Werkt het?", "Hoe zeker?", "Wat kost het?", "Hoe actueel?"])
    expect(page.locator(".tb-handout-next")).to_be_hidden()  # printed only
    page.evaluate("() => { window.tbPrinted = 0; window.print = () => { window.tbPrinted += 1; }; }")
    page.get_by_role("button", name="Hand-out afdrukken").click()
    assert page.evaluate("window.tbPrinted") == 1
    text = printed_text(page)
    assert "Casus: Plan voor woningdelen door jonge statushouders in Haarlem" in text
    assert "Onze volgende stappen" in text and "Wat Wie Wanneer" in text.replace("\n", " ")
    assert "Hand-out afdrukken" not in text
