"""CONTRIBUTING.md as a new partner follows it: from `thuisbasis new` to a page on the built site, and
the docs only name commands, codes, anchors and a template that really exist."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_environment, run_thuisbasis
from thuisbasis.cli import build_parser
from thuisbasis.commands.new import case_from_template
from thuisbasis.problems import CODES

ROOT = Path(__file__).parent.parent
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
DOCS = [CONTRIBUTING, ROOT / "README.md", ROOT / "docs" / "bijdragen.md"]
SITE = ROOT / "tests" / "sites" / "minimal"


def subcommands() -> set[str]:
    action = next(action for action in build_parser()._actions if action.dest == "command")
    return set(action.choices)


@pytest.mark.parametrize("path", DOCS, ids=lambda path: path.name)
def test_the_docs_name_only_real_commands_and_codes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    named = set(re.findall(r"\bthuisbasis ([a-z][a-z-]+)", text))
    assert named and named - subcommands() == set()
    assert set(re.findall(r"\bTB\d{3}\b", text)) - set(CODES) == set()


def github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_inside_contributing_goes_to_a_heading() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    anchors = {github_anchor(heading) for heading in re.findall(r"^#{2,3} (.+)$", text, re.MULTILINE)}
    assert set(re.findall(r"\]\(#([^)]+)\)", text)) - anchors == set()


def test_the_template_to_copy_is_the_real_template() -> None:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = re.search(r"<summary>Het sjabloon om te kopiëren</summary>\n\n```yaml\n(.*?)```", text, re.DOTALL)
    assert block is not None
    date = re.search(r'^laatst_beoordeeld: "(\d{4}-\d{2}-\d{2})"$', block.group(1), re.MULTILINE)
    assert date is not None
    expected = case_from_template("naam-van-je-casus", "Titel van je casus", dt.date.fromisoformat(date.group(1)))
    assert block.group(1) == expected


def documented_example() -> list[str]:
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text.split("## Meldingen lezen", 1)[1]
    return re.search(r"```\n(.*?)```", section, re.DOTALL).group(1).splitlines()  # type: ignore[union-attr]


def fill(path: Path, replacements: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_a_new_partner_goes_from_scaffold_to_a_page_on_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    # Step 2: a new file from the template.
    new = run_thuisbasis("new", "Titel van je casus", cwd=site)
    assert new.returncode == 0, new.stderr
    case = site / "cases" / "titel-van-je-casus.yaml"

    # Step 4 on the fresh template: every empty field is explained, in Dutch, with its line.
    fresh = run_thuisbasis("validate", str(case.relative_to(site)), cwd=site)
    assert fresh.returncode == 1
    assert all(re.match(r"cases/titel-van-je-casus\.yaml:\d+:\d+: TB\d{3} ", line) for line in fresh.stdout.splitlines()[:-1])

    # Step 3, with the two mistakes of the documented example.
    fill(case, {
        'samenvatting: ""': "samenvatting: Dakloze mensen krijgen eerst een woning en daarna hulp. Dit is een verzonnen voorbeeld.",
        'woonvorm: ""': "woonvorm: Housing First",
        'doelgroepen:\n  - ""': "doelgroepen:\n  - dakloze-mensen",
        'gemeenten:\n    - ""': "gemeenten:\n    - Zwolle",
        'provincie: ""': "provincie: overijssel",
        '- organisatie: ""\n    rol: ""': "- organisatie: Gemeente Zwolle\n    rol: regie",
        'status: ""': "status: gepland",
        "aanleiding: |\n": "aanleiding: |\n  Er slapen mensen buiten in de stad.\n",
        "aanpak: |\n": "aanpak: |\n  Eerst een woning, dan begeleiding door mevrouw Jansen.\n",
        '- id: ""\n    toepassing: ""': "- id: eerst-een-woning\n    toepassing: Iedereen krijgt direct een eigen woning.",
        '- id: ""          # korte sleutel, zoals jaarverslag-2024\n    titel: ""\n    uitgever: ""':
            "- id: raadsbrief\n    titel: Raadsbrief Housing First\n    uitgever: Gemeente Zwolle",
        'organisatie: ""\n  # website': "organisatie: Gemeente Zwolle\n  # website",
    })
    checked = run_thuisbasis("validate", "cases/titel-van-je-casus.yaml", cwd=site)
    assert checked.returncode == 1
    shown = checked.stdout.splitlines()
    example = documented_example()
    assert len(shown) == len(example)
    for line, documented in zip(shown, example, strict=True):
        assert line.startswith(documented.removesuffix("...")) if documented.endswith("...") else line == documented

    # Fixing what the messages say gives a valid case and a page on a strictly built site.
    fill(case, {"woonvorm: Housing First": "woonvorm: housing-first", "door mevrouw Jansen.": "door een woonbegeleider."})
    valid = run_thuisbasis("validate", "cases/titel-van-je-casus.yaml", cwd=site)
    assert valid.stdout.splitlines()[-1] == (
        "Thuisbasis: 1 casus en 17 registers gecontroleerd: geen fouten; 3 waarschuwingen in 1 bestand.")
    assert valid.returncode == 0
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(site / "mkdocs.yml")],
        capture_output=True, text=True, cwd=site, env=build_environment(),
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    page = (site / "site" / "casussen" / "titel-van-je-casus" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<h1[^>]*>Titel van je casus", page)
