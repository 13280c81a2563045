"""A trainer merges participants' answers in Chromium (issue 14): each participant downloads a file from the
checklist page; the merge page reads several in the browser, refuses a broken one by name, counts per item,
lists every note, prints on A4 and exports CSV, without sending anything anywhere."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from playwright.sync_api import Download, Locator, Page, expect
from pypdf import PdfReader

from browser.conftest import axe_violations, set_dark
from browser.test_checklists import CHECKLIST, item_ids


@pytest.fixture
def urls(base_url: str) -> tuple[str, str]:
    """The checklist page and its merge page."""
    checklist = f"{base_url}/checklists/{CHECKLIST}/"
    return checklist, f"{checklist}samenvoegen/"


def saved(download: Download, folder: Path) -> Path:
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def participant_file(page: Page, checklist_url: str, folder: Path, label: str, ticks: list[int],
                     notes: dict[int, str]) -> Path:
    """Fill in the checklist as one participant (a fresh browser storage) and download the file for the trainer."""
    page.goto(checklist_url)
    page.evaluate("localStorage.clear()")
    page.reload()
    ids = item_ids(page)
    page.get_by_label("Je naam of groep (mag leeg blijven)").fill(label)
    for index in ticks:
        page.locator(f"#vink-{ids[index]}").check()
    for index, note in notes.items():
        page.locator(f"#notitie-{ids[index]}").fill(note)
    with page.expect_download() as download:
        page.get_by_role("button", name="Antwoorden downloaden voor de trainer").click()
    return saved(download.value, folder)


def row(page: Page, item_id: str) -> Locator:
    return page.locator(f".tb-merge__row[data-item='{item_id}']")


def test_a_participant_downloads_a_file_for_the_trainer(page: Page, urls: tuple[str, str], tmp_path: Path) -> None:
    checklist_url, _ = urls
    path = participant_file(page, checklist_url, tmp_path, "groep 2", [0], {1: "Nog navragen"})
    ids = item_ids(page)
    assert path.name.startswith(f"{CHECKLIST}-antwoorden-groep-2-") and path.suffix == ".json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["kind"] == "thuisbasis-checklist-antwoorden"
    assert data["checklist"] == CHECKLIST
    assert data["items_version"] == page.locator("#tb-checklist").get_attribute("data-items-version")
    assert data["participant"] == "groep 2"
    assert data["items"] == {ids[0]: {"done": True, "note": ""}, ids[1]: {"done": False, "note": "Nog navragen"}}
    expect(page.locator("#tb-deelnemer-uitleg")).to_contain_text('Een voornaam of "groep 2" is genoeg.')
    page.reload()  # the label is kept with the answers
    expect(page.get_by_label("Je naam of groep (mag leeg blijven)")).to_have_value("groep 2")


def test_a_trainer_merges_two_participants_and_a_broken_file_without_sending_anything(
        page: Page, urls: tuple[str, str], tmp_path: Path) -> None:
    checklist_url, merge_url = urls
    anna = participant_file(page, checklist_url, tmp_path, "Anna", [0, 1], {0: "Loopt al sinds maart"})
    group = participant_file(page, checklist_url, tmp_path, "groep 2", [0], {2: "Wie trekt dit?"})
    ids = item_ids(page)
    broken = tmp_path / "kapot.json"
    broken.write_text('{"kind": "thuisbasis-checklist-ant', encoding="utf-8")

    page.goto(merge_url, wait_until="networkidle")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_input_files("#tb-merge-files", [anna, group, broken])
    expect(page.locator(".tb-merge__summary")).to_have_text("Samengevoegd: 2 deelnemers. 1 bestand telt niet mee.")

    expect(row(page, ids[0]).locator(".tb-merge__count")).to_have_text("2 van 2")
    expect(row(page, ids[1]).locator(".tb-merge__count")).to_have_text("1 van 2")
    expect(row(page, ids[2]).locator(".tb-merge__count")).to_have_text("niemand (0 van 2)")
    expect(row(page, ids[2])).to_have_class("tb-merge__row tb-merge__row--none")
    expect(row(page, ids[0])).not_to_have_class("tb-merge__row tb-merge__row--none")
    expect(row(page, ids[0]).locator(".tb-merge__notes li")).to_have_text(["Anna: Loopt al sinds maart"])
    expect(row(page, ids[2]).locator(".tb-merge__notes li")).to_have_text(["groep 2: Wie trekt dit?"])
    expect(page.locator(".tb-merge__participants")).to_have_text("Deelnemers: Anna, groep 2.")
    refused = page.locator(".tb-merge__file--refused")
    expect(refused).to_have_count(1)
    expect(refused).to_contain_text("Telt niet mee: kapot.json: dit bestand is kapot")

    # The same file again (here by drag and drop) counts once, and the page says so.
    page.evaluate("""([name, text]) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], name, { type: "application/json" }));
        document.querySelector(".tb-merge__drop").dispatchEvent(
            new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }""", ["anna-nog-een-keer.json", anna.read_text(encoding="utf-8")])
    expect(page.locator(".tb-merge__summary")).to_have_text("Samengevoegd: 2 deelnemers. 2 bestanden tellen niet mee.")
    expect(page.locator(".tb-merge__files")).to_contain_text(
        f"anna-nog-een-keer.json: dit bestand is hetzelfde als {anna.name} en telt daarom één keer mee.")
    expect(row(page, ids[0]).locator(".tb-merge__count")).to_have_text("2 van 2")
    assert [url for url in requests if not url.startswith(("blob:", "data:"))] == []  # nothing left the browser

    assert axe_violations(page) == []


def test_the_overview_works_by_keyboard_and_exports_csv_for_dutch_excel(
        page: Page, urls: tuple[str, str], tmp_path: Path) -> None:
    checklist_url, merge_url = urls
    anna = participant_file(page, checklist_url, tmp_path, "Anna", [0], {0: "=SOM(A1) kan weg"})
    ids = item_ids(page)
    page.goto(merge_url)
    page.locator(".tb-merge__tools ol a").focus()  # the last link before the file chooser
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tb-merge-files"
    # The browser's own control ("Choose Files" in an English browser) is hidden; the Dutch label is the button
    # and shows the keyboard focus.
    label = page.locator("label[for=tb-merge-files]")
    assert page.locator("#tb-merge-files").bounding_box()["width"] <= 1
    assert label.inner_text() == "Bestanden van de deelnemers kiezen (.json)"
    assert label.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    with page.expect_file_chooser() as chooser:
        label.click()
    assert chooser.value.is_multiple()
    page.set_input_files("#tb-merge-files", [anna])

    page.get_by_role("button", name="Overzicht downloaden als tabel (Excel)").focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    raw = saved(download.value, tmp_path).read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [line["item"] for line in rows] == ids
    assert (rows[0]["afgevinkt"], rows[0]["deelnemers"], rows[0]["afgevinkt door"]) == ("1", "1", "Anna")
    assert rows[0]["notities"] == "Anna: =SOM(A1) kan weg"
    assert rows[1]["afgevinkt"] == "0"

    page.get_by_role("button", name="Opnieuw beginnen").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".tb-merge__overview")).to_be_hidden()
    assert page.evaluate("document.activeElement.id") == "tb-merge-files"


def test_the_overview_prints_on_a4_without_the_tools(page: Page, urls: tuple[str, str], tmp_path: Path) -> None:
    checklist_url, merge_url = urls
    anna = participant_file(page, checklist_url, tmp_path, "Anna", [0], {0: "Loopt al"})
    page.goto(merge_url)
    page.set_input_files("#tb-merge-files", [anna])
    page.evaluate("() => { window.tbPrinted = 0; window.print = () => { window.tbPrinted += 1; }; }")  # no dialog
    page.get_by_role("button", name="Overzicht afdrukken").click()
    assert page.evaluate("window.tbPrinted") == 1
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2, (width, height)
    text = " ".join(" ".join(one.extract_text() for one in pdf.pages).split())
    assert "Anna: Loopt al" in text and "1 van 1" in text and "niemand (0 van 1)" in text
    assert "Bestanden van de deelnemers kiezen" not in text and "Opnieuw beginnen" not in text
    assert "Pagina 1 van" in text


def test_the_merge_page_passes_axe_in_the_dark(page: Page, base_url: str, urls: tuple[str, str], tmp_path: Path) -> None:
    _, merge_url = urls
    set_dark(page, base_url)
    page.goto(merge_url)
    broken = tmp_path / "ander.json"
    broken.write_text(json.dumps({"kind": "thuisbasis-checklist-antwoorden", "checklist": "woningdelen-starten",
                                  "items": {}}), encoding="utf-8")
    page.set_input_files("#tb-merge-files", [broken])
    expect(page.locator(".tb-merge__file--refused")).to_contain_text(
        "ander.json: dit zijn antwoorden op een andere checklist ('woningdelen-starten')")
    expect(page.locator(".tb-merge__overview")).to_be_hidden()  # nothing to show yet
    assert axe_violations(page) == []
