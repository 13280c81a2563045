"""Red team for issue 11: fresh hostile inputs, none of them in the other tests.

Each input must be refused (exit 1, one Dutch line `path:line:col: CODE message` per problem) or accepted
and rendered inert, and none may take over 2 s. Inputs are generated here, not committed as files. A test
marked ``xfail(strict=True)`` is a finding that still stands: it pins the exact reproduction, and fails
(as XPASS) once the cause is fixed, so the mark can then be removed.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock
from xml.etree import ElementTree

import pytest
from mkdocs.utils.meta import get_data

from complexity_shapes import LIMIT, case_with, filled, numbered
from conftest import TODAY, VALID_CASE, build_environment, least_cpu_seconds, replace_line, valid_case_text
from thuisbasis.cli import main
from thuisbasis.data import REGISTRY_DIR
from thuisbasis.loading import load_document
from thuisbasis.model.catalog import load_catalog
from thuisbasis.problems import CODES
from thuisbasis.render import render_site
from thuisbasis.site.audit import audit_site
from thuisbasis.validation import validate_paths

ROOT = Path(__file__).parent.parent
VALID_CHECKLIST = Path(__file__).parent / "fixtures" / "valid_checklists" / "voorbeeld-checklist.yaml"
CONTEXT = ROOT / "context" / "landelijk-beeld.yaml"
SCRIPTS = ROOT / "docs" / "javascripts"
SECONDS = 2.0
PROBLEM_LINE = re.compile(r"^(?P<path>.+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): (?P<code>TB\d{3}) \S.*$")
ANNOTATION = re.compile(r"^::(?:error|warning) file=[^,\n\r]*,line=\d+,col=\d+,title=TB\d{3}::[^\n\r]*$")
# Anything a terminal, a log viewer or GitHub's runner could act on, or read as the end of a line.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def problems_of(report: Any) -> list[Any]:
    return [found for found in report.problems if found.severity.name == "ERROR"]


def assert_dutch_lines(problems: list[Any]) -> None:
    for found in problems:
        assert found.code in CODES and found.code != "TB299", str(found)
        assert PROBLEM_LINE.match(str(found)) and "\n" not in str(found), str(found)


# --- 1. Odd Unicode, Markdown and HTML in every text field of a case, checklist and Landelijk beeld ------

# Each text field gets one piece (rotating, so every field meets every piece over the rotations); a piece
# the schema refuses in a field (a '<' in a title, a link scheme, a length) is replaced there by plain text,
# so what is left is a file that validates and is rendered.
PIECES = [
    "Thuis 👩‍👩‍👧‍👦 🏳️‍🌈 ☺︎ ☺️ 🇳🇱 x\U0001F3FB eind",
    "𝐁𝐨𝐥𝐝 𝕛𝕒𝕧𝕒𝕤𝕔𝕣𝕚𝕡𝕥 ＡＢＣ ｊａｖａ ｔｅｋｓｔ",
    "e\u0301\u0301\u0301 שלום עולם عربى en verder",
    "U+FFFD � en 𝟘𝟙 ﷺ en nog wat tekst",
    "[x](javascript:alert(1)) met tekst erbij",
    "![i](https://other.host/p.png) plaatje",
    "<https://other.host/a> een autolink",
    "[d](data:text/html,x) data-link tekst",
    "a\n\n[r]: https://other.host/ref\n\n![r][r] ![i][r] tekst",
    "<img src=https://other.host/i.png onerror=alert(1)>",
    "<script>alert(1)</script> scripttekst",
    "&lt;b&gt; &#x3C;script&#x3E; en &amp; tekst",
    "--- \n... key: value # commentaar",
    "- item\n? vraag\n&a *a !!python/object tekst",
    "{{ jinja }} {% raw %} ${x} sjabloontekst",
    "'\"\\ud83c\\udfe0 \\U0001F3E0 aanhalingstekens",
    "［x］（javascript:alert(1)） breed",
    "tekst {: onclick=alert(1) } {#id .cls} attr",
    "*x*{: style=\"background:url(//other.host/p)\"}",
    "==foo== ~~del~~ <!-- commentaar --> eind",
    "<svg onload=alert(1)> svg-tekst hier",
    "x\u00a0y\u2009z\u202fw smalle spaties",
    "=HYPERLINK(\"https://other.host\") formule",
    ";=1+1 @SUM(A1) puntkomma formule",
    "```\n<script>x</script>\n```",
    "    <script>code</script> ingesprongen",
    "<https://other.host/@evil> [e](mailto:a@other.host)",
    "[l](https://ｏｔｈｅｒ.host/x) brede host",
    "[l](<javascript:alert(1)>) hoekhaken",
    "[l](java&#x73;cript:alert(1)) entiteit",
    "<a href=\"javascript&colon;x\">y</a> tekst",
]
ROTATIONS = range(0, len(PIECES), 6)
# Keys whose values are ids, enum values, dates, addresses or numbers, not free text.
NOT_TEXT = {"id", "woonvorm", "doelgroepen", "provincie", "rol", "status", "soort", "eenheid", "meetwijze", "bron",
            "opzet", "uitkomst", "niveau", "datum", "start", "eind", "meetdatum", "url", "website", "email",
            "laatst_beoordeeld", "toegevoegd", "per", "periode", "kwalificatie", "casussen", "werkzame_bestanddelen",
            "bronnen", "status_bron", "landelijke_cijfers", "peildatum", "onafhankelijk"}
PLAIN = "Gewone tekst die lang genoeg is voor elk veld"
FILES = {"cases": VALID_CASE, "checklists": VALID_CHECKLIST, "context": CONTEXT}


def _is_id_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def with_pieces(node: object, pieces: Iterator[str], key: str = "") -> object:
    if isinstance(node, dict):
        return {name: value if name in NOT_TEXT and (not isinstance(value, dict | list) or _is_id_list(value))
                else with_pieces(value, pieces, name) for name, value in node.items()}
    if isinstance(node, list):
        return [with_pieces(value, pieces, key) for value in node]
    return next(pieces) if isinstance(node, str) else node


def field_keys(field: str) -> list[str | int]:
    return [name if name is not None else int(index) - 1
            for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field)]


def valid_data(path: Path) -> Any:
    """A valid fixture's data, read as the project reads every case: with its own safe loader."""
    document, problems = load_document(path)
    assert problems == [], problems
    return document.data


def hostile_project(root: Path, rotation: int) -> Path:
    """cases/, checklists/ and context/ under ``root``, every text field holding a piece; valid."""
    pieces = PIECES[rotation:] + PIECES[:rotation]
    endless = (pieces[number % len(pieces)] for number in range(10**6))
    data = {folder: with_pieces(valid_data(path), endless) for folder, path in FILES.items()}
    for _ in range(6):
        for folder, path in FILES.items():
            (root / folder).mkdir(exist_ok=True)
            (root / folder / path.name).write_text(json.dumps(data[folder], ensure_ascii=False, indent=1), encoding="utf-8")
        report = validate_paths([root / folder / path.name for folder, path in FILES.items()], today=TODAY)
        errors = problems_of(report)
        assert_dutch_lines(report.problems)
        if not errors:
            return root
        for found in errors:
            field = re.search(r"'([^']+)'", found.message)
            assert field, str(found)
            node: Any = data[found.path.parent.name]
            keys = field_keys(field[1])
            for name in keys[:-1]:
                node = node[name]
            node[keys[-1]] = PLAIN
    raise AssertionError("still not valid")


OWN_SVG = re.compile(r'<svg class="(?:tb-icon tb-icon--[a-z0-9-]+|tb-chart__svg)"')
LIVE_TAG_TO_OTHER_HOST = re.compile(r"<(?!a\s)[a-zA-Z][^>]*other\.host[^>]*>")
LIVE_SCHEME = re.compile(r"""<[^>]+(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):""", re.IGNORECASE)


@pytest.mark.parametrize("rotation", ROTATIONS)
def test_odd_unicode_and_markup_in_every_text_field_render_inert(tmp_path: Path, rotation: int) -> None:
    root = hostile_project(tmp_path, rotation)
    catalog, report = load_catalog(root / "cases", checklists_dir=root / "checklists", today=TODAY)
    assert catalog is not None, report.summary()
    site = render_site(catalog, TODAY)
    for page in site.pages:
        markdown, meta = get_data(page.content)
        assert isinstance(meta.get("description"), str) and not markdown.startswith("---"), page.path
        assert not LIVE_TAG_TO_OTHER_HOST.search(markdown), (page.path, LIVE_TAG_TO_OTHER_HOST.search(markdown))
        assert not LIVE_SCHEME.search(markdown), (page.path, LIVE_SCHEME.search(markdown))
        # The templates' own SVG (decorative icons, server-rendered charts) are not from the case text.
        own = OWN_SVG.sub("", markdown.replace("<script type=\"application/json\"", ""))
        assert not re.search(r"<(?:script|img|svg|iframe|style)\b", own), page.path
    for name, content in site.data.items():
        if name.endswith(".json"):
            constants: list[str] = []
            json.loads(content, parse_constant=constants.append)
            assert constants == [], name
    ElementTree.fromstring(site.data["feed.xml"])  # noqa: S314 - rendered here
    everything = "\n".join(page.content for page in site.pages) + "".join(site.data.values())
    written = json.dumps([json.loads((root / folder / path.name).read_text(encoding="utf-8")) for folder, path in FILES.items()],
                         ensure_ascii=False)
    for piece in ("👩‍👩‍👧‍👦", "𝕛𝕒𝕧𝕒𝕤𝕔𝕣𝕚𝕡𝕥", "e\u0301\u0301\u0301", "שלום", "�"):
        if piece in written:  # what validated shows up as itself, not as escapes or surrogates
            assert piece in everything, piece


def mkdocs_build(root: Path, out: Path) -> subprocess.CompletedProcess[str]:
    for name in ("docs", "overrides", "mkdocs.yml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns("dev"))
        else:
            shutil.copy(source, root / name)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          capture_output=True, text=True, cwd=root, timeout=300, env=build_environment())


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site configuration built from one hostile project, with a title holding ' & and an emoji."""
    root = hostile_project(tmp_path_factory.mktemp("rood"), rotation=6)
    case = root / "cases" / VALID_CASE.name
    data = json.loads(case.read_text(encoding="utf-8"))
    data["titel"] = TITLE_WITH_QUOTES
    case.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


TITLE_WITH_QUOTES = "Wonen & zorg: 'samen' \"thuis\" 🏠"


@pytest.mark.xdist_group("hostile-site")  # one worker, one build (--dist loadgroup)
def test_the_built_hostile_site_passes_the_audit_and_loads_nothing_from_another_host(hostile_site: Path) -> None:
    pages, findings = audit_site(hostile_site, SCRIPTS)
    assert pages > 50 and findings == [], [str(found) for found in findings]
    for path in hostile_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv") and "pagefind" not in path.parts and "assets" not in path.parts:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".html":
                assert not LIVE_TAG_TO_OTHER_HOST.search(text.split("<article", 1)[-1]), path
                assert not LIVE_SCHEME.search(text), path
    json.loads((hostile_site / "data" / "cases.json").read_text(encoding="utf-8"))
    ElementTree.parse(hostile_site / "feed.xml")  # noqa: S314 - built here


@pytest.mark.xdist_group("hostile-site")  # one worker, one build (--dist loadgroup)
def test_a_title_with_quotes_reads_as_itself_in_the_page_header(hostile_site: Path) -> None:
    html = (hostile_site / "casussen" / VALID_CASE.stem / "index.html").read_text(encoding="utf-8")
    topics = re.findall(r'<div class="md-header__topic" data-md-component="header-topic">\s*<span class="md-ellipsis">'
                        r"\s*(.*?)\s*</span>", html, re.S)
    assert topics, "no header topic"
    import html as html_module
    assert html_module.unescape(topics[0]) == TITLE_WITH_QUOTES


# --- 2. Numbers: every numeric field, odd notations, value objects ------------------------------------

INVESTMENT = "- {soort: investering, bedrag: 1250000, per: totaal, periode: eenmalig, prijspeil: 2024, bron: jaarverslag-2025}"
SUPPORT = "- {soort: begeleiding, bedrag: 80000.5, per: totaal, periode: per-jaar, bron: jaarverslag-2025}"
NUMERIC_LINES = ["wooneenheden: 40", "streefwaarde: 20", "resultaat: 72.5", SUPPORT, "bedrag: 500000", "prijspeil"]
NUMBERS = ["-0.0", "-0", "0.0e0", "1e-300", "5e-324", "1e-400", "1E3", "0x10", "0o17", "017", "1_000", ".5", "+5", "5.",
           ".inf", "-.inf", ".nan", "NaN", "Infinity", "999999999999.999999", "1.0000000000001e12", "9007199254740993",
           "-0.001", "{waarde: -0.0, kwalificatie: ruim}", "{van: 1e-300, tot: -1e-300}", "{van: .nan, tot: 1}",
           "{waarde: 1e-400}", "{van: 0x1, tot: 2}", "{waarde: 7, kwalificatie: ruim, van: 1}", "{van: 1}",
           "{van: -1e12, tot: 1e12}", "[1, 2]", "12:30", "1e12e3"]


def with_number(line: str, number: str) -> str:
    text = valid_case_text()
    if line == "prijspeil":
        return replace_line(text, INVESTMENT, INVESTMENT.replace("prijspeil: 2024", f"prijspeil: {number}"))
    if line.startswith("- {"):
        before, after = line.split("bedrag: ", 1)
        return replace_line(text, line, f"{before}bedrag: {number}{after[after.index(','):]}")
    return replace_line(text, line, f"{line.split(':', 1)[0]}: {number}")


@pytest.mark.parametrize("number", NUMBERS)
def test_odd_numbers_in_every_numeric_field_are_refused_or_render_finite(tmp_path: Path, number: str) -> None:
    for index, line in enumerate(NUMERIC_LINES):
        cases = tmp_path / str(index) / "cases"
        cases.mkdir(parents=True)
        (cases / VALID_CASE.name).write_text(with_number(line, number), encoding="utf-8")
        start = time.process_time()
        catalog, report = load_catalog(cases, checklists_dir=tmp_path / "geen", today=TODAY)
        assert_dutch_lines(report.problems)
        if catalog is not None:
            site = render_site(catalog, TODAY)
            for name, content in site.data.items():
                if name.endswith(".json"):
                    constants: list[str] = []  # Infinity, NaN: not JSON
                    json.loads(content, parse_constant=constants.append)
                    assert constants == [], (line, number, name)
            page = next(page.content for page in site.pages if page.path == f"casussen/{VALID_CASE.stem}.md")
            assert not re.search(r"\b(?:inf|nan)\b|\d[eE][+-]?\d", page, re.IGNORECASE), (line, number)
        assert time.process_time() - start < SECONDS


# --- 3. Line breaks and control characters in every echoed value, with and without GitHub -------------

ESCAPED_KEYS = [r'"\e[31mrood\e[0m"', r'"\x1b]0;titel\x07"', r'"\u009b2J"', r'"a\Nb"', r'"a\Lb"', r'"a\Pb"',
                r'"a\0b"', r'"a\_b"', r'"a\u202eb"', r'"\x85::error file=README.md::x"', r'"a\rb::warning::x"',
                r'"\t::add-mask::x"', r'"%0A::error::x"', r'"a\u001cb"', r'"a\vb"', r'"a\fb"', r'"a\u2066b\u2069"',
                r'"\U000e0001tag"', r'"\ue000pua"', r'"\u180e"']


def validate_in_process(folder: Path, *arguments: str, github: bool) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    environment = {"GITHUB_ACTIONS": "true"} if github else {}
    with mock.patch.dict(os.environ, environment), contextlib.chdir(folder), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        if not github:
            os.environ.pop("GITHUB_ACTIONS", None)
        code = main(list(arguments))
    return code, out.getvalue(), err.getvalue()


def assert_every_line_is_its_own(stdout: str, stderr: str) -> None:
    lines = stdout.split("\n")
    assert lines.pop() == ""
    for line in lines:
        assert not RAW_CONTROL.search(line), repr(line)
        assert PROBLEM_LINE.match(line) or ANNOTATION.match(line) or line.startswith(("Thuisbasis: ", "Nieuwe casus: ", "Lees het bestand na")), \
            repr(line)
        if line.startswith("::"):
            assert re.match(r"::(?:error|warning) file=", line), repr(line)
    assert not RAW_CONTROL.search(stderr.replace("\n", "")), repr(stderr)


@pytest.mark.parametrize("github", [False, True], ids=["terminal", "github"])
def test_escaped_control_characters_in_keys_stay_escaped(tmp_path: Path, github: bool) -> None:
    keys = "\n".join(f"{key}: 1" for key in ESCAPED_KEYS)
    (tmp_path / VALID_CASE.name).write_text(replace_line(valid_case_text(), "status: afgerond", f"status: afgerond\n{keys}"),
                                            encoding="utf-8")
    code, stdout, stderr = validate_in_process(tmp_path, "validate", VALID_CASE.name, github=github)
    assert code == 1
    assert_every_line_is_its_own(stdout, stderr)


@pytest.mark.parametrize("value", ESCAPED_KEYS)
def test_escaped_control_characters_in_values_stay_escaped(tmp_path: Path, value: str) -> None:
    (tmp_path / VALID_CASE.name).write_text(replace_line(valid_case_text(), "status: afgerond", f"status: {value}"),
                                            encoding="utf-8")
    for github in (False, True):
        code, stdout, stderr = validate_in_process(tmp_path, "validate", VALID_CASE.name, github=github)
        assert code == 1
        assert_every_line_is_its_own(stdout, stderr)


FILE_NAMES = ["-x.yaml", "--summary.yaml", "%0A::error::x.yaml", "%25.yaml", "::warning file=a::x.yaml", "a\x85b.yaml",
              "a\u2028b.yaml", "a\rb.yaml", "\x1b[2Jx.yaml", " ::error::x.yaml", "a,b:c.yaml", "x.yaml\n::error::y",
              "%.yaml", "-"]


@pytest.mark.parametrize("name", FILE_NAMES, ids=[repr(name) for name in FILE_NAMES])
def test_hostile_file_names_in_a_folder_and_as_an_argument_stay_on_their_line(tmp_path: Path, name: str) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / name).write_text("titel: x\n", encoding="utf-8")
    for arguments in (["validate", "cases"], ["validate", "--", f"cases/{name}"]):
        for github in (False, True):
            code, stdout, stderr = validate_in_process(tmp_path, *arguments, github=github)
            listed = arguments[-1] != "cases" or name.endswith(".yaml")  # a folder holds only its .yaml files
            assert code == (1 if listed else 0), (arguments, stdout, stderr)
            assert_every_line_is_its_own(stdout, stderr)


@pytest.mark.parametrize("answer", ["Titel\r::error file=README.md::vals", "Titel\u2028/srv/x.yaml:1:1: TB000 nep",
                                    "Titel\x85::stop-commands::x", "Titel \\n %0A::warning::y"])
def test_from_issue_bodies_with_line_breaks_in_answers_stay_on_their_line(tmp_path: Path, answer: str) -> None:
    from tests.test_issue_form import ANSWERS, render_body
    (tmp_path / "cases").mkdir()
    body = render_body({**ANSWERS, "samenvatting": ANSWERS["samenvatting"] + " " + answer,
                        "contact_organisatie": answer})
    (tmp_path / "aanmelding.md").write_text(body, encoding="utf-8", newline="")
    for github in (False, True):
        for existing in (tmp_path / "cases").iterdir():
            existing.unlink()
        code, stdout, stderr = validate_in_process(tmp_path, "from-issue", "aanmelding.md", "--today", TODAY.isoformat(),
                                                   github=github)
        assert code in (0, 1), stdout + stderr
        assert_every_line_is_its_own(stdout, stderr)


def test_a_summary_file_with_a_line_break_in_its_name_is_written_and_every_value_is_escaped(tmp_path: Path) -> None:
    (tmp_path / VALID_CASE.name).write_text(
        replace_line(valid_case_text(), "status: afgerond", 'status: "x\\n| a | b |\\n<script>alert(1)</script>"'),
        encoding="utf-8")
    code, stdout, stderr = validate_in_process(tmp_path, "validate", "--summary", "sa\nmen.md", VALID_CASE.name,
                                               github=True)
    assert code == 1
    assert_every_line_is_its_own(stdout, stderr)
    summary = (tmp_path / "sa\nmen.md").read_text(encoding="utf-8")
    assert "<script>" not in summary and "\n| a | b |" not in summary


# --- 4. Symbolic links, special files, hard links --------------------------------------------------------

def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))  # the socket file stays after close


def _sparse(path: Path) -> None:
    path.write_bytes(b"")
    os.truncate(path, 10 * 1024**3)


def _growing(path: Path) -> None:
    path.write_text(valid_case_text() + "# " + "g" * 300_000 + "\n", encoding="utf-8")


SPECIAL: dict[str, Callable[[Path], Any]] = {
    "link-to-a-file-outside": lambda path: path.symlink_to(Path(os.devnull).parent.parent / "etc" / "hostname"),
    "link-to-etc-passwd": lambda path: path.symlink_to("/etc/passwd"),
    "link-to-proc-self-mem": lambda path: path.symlink_to("/proc/self/mem"),
    "link-to-proc-self-environ": lambda path: path.symlink_to("/proc/self/environ"),
    "link-to-dev-urandom": lambda path: path.symlink_to("/dev/urandom"),
    "dangling-link": lambda path: path.symlink_to("/nergens/y.yaml"),
    "relative-link-up": lambda path: path.symlink_to("../../../../../../etc/hostname"),
    "socket": lambda path: _socket(path),
    "character-device": lambda path: os.mknod(path, 0o600 | 0o020000, os.makedev(1, 3)),
    "sparse-10-gib": lambda path: _sparse(path),
    "empty": lambda path: path.write_bytes(b""),
    "only-a-bom": lambda path: path.write_bytes(b"\xef\xbb\xbf"),
    "bigger-than-the-limit": _growing,
}


@pytest.mark.parametrize("make", SPECIAL.values(), ids=SPECIAL.keys())
def test_special_files_in_the_cases_folder_are_refused_in_one_line_without_echo(tmp_path: Path, make: Any) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    make(cases / "x.yaml")
    start = time.perf_counter()
    report = validate_paths([cases], today=TODAY)
    assert time.perf_counter() - start < SECONDS
    assert not report.ok
    assert_dutch_lines(report.problems)
    shown = " ".join(str(found) for found in report.problems)
    assert "root:" not in shown and "PYTHONPATH" not in shown and "VmPeak" not in shown
    assert all(str(found).startswith(f"{cases / 'x.yaml'}:") for found in report.problems), shown


def test_a_hard_link_to_a_file_outside_the_repository_is_not_echoed(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.yaml"
    secret.write_text("wachtwoord-van-de-beheerder\n", encoding="utf-8")
    (tmp_path / "cases").mkdir()
    os.link(secret, tmp_path / "cases" / "x.yaml")
    report = validate_paths([tmp_path / "cases"], today=TODAY)
    assert not report.ok and "wachtwoord" not in " ".join(str(found) for found in report.problems)


@pytest.mark.parametrize("command", [["validate"], ["stale"], ["render", "--out", "uit"]])
def test_a_symlink_loop_in_the_cases_folder_is_tb015_not_a_traceback(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "x.yaml").symlink_to("x.yaml")
    result = subprocess.run([sys.executable, "-m", "thuisbasis", *command], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert "Traceback" not in result.stderr, result.stderr[-500:]
    assert result.returncode == 1
    assert "cases/x.yaml:1:1: TB015 " in result.stdout


def test_a_link_to_a_folder_is_reported_under_its_own_name(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "elders").mkdir()
    (tmp_path / "cases" / "d.yaml").symlink_to("../elders", target_is_directory=True)
    code, stdout, stderr = validate_in_process(tmp_path, "validate", github=False)
    assert code == 1 and stdout.startswith("cases/d.yaml:1:1: TB015 "), stdout + stderr


def test_a_link_to_a_file_in_the_working_folder_is_reported_under_its_own_name(tmp_path: Path) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "echt.yaml").write_text(valid_case_text(), encoding="utf-8")
    (tmp_path / "cases" / "x.yaml").symlink_to("../echt.yaml")
    code, stdout, stderr = validate_in_process(tmp_path, "validate", github=False)
    assert code == 1 and stdout.startswith("cases/x.yaml:1:1: TB015 "), stdout + stderr


@pytest.mark.parametrize("target", ["/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_named_on_the_command_line_is_tb015(tmp_path: Path, target: str) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "x.yaml").symlink_to(target)
    code, stdout, stderr = validate_in_process(tmp_path, "validate", "cases/x.yaml", github=False)
    assert code == 1 and "cases/x.yaml:1:1: TB015 " in stdout, stdout + stderr


# --- 5. Ids that would replace a generated page --------------------------------------------------------

@pytest.mark.parametrize("case_id", ["index", "zoeken", "vergelijken", "pagina-2", "pagina-0", "pagina-02"])
def test_a_case_id_equal_to_a_generated_page_is_refused(tmp_path: Path, case_id: str) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / f"{case_id}.yaml").write_text(
        valid_case_text().replace("id: voorbeeld-gemengd-wonen", f"id: {case_id}", 1), encoding="utf-8")
    report = validate_paths([tmp_path / "cases"], today=TODAY)
    assert "TB213" in [found.code for found in problems_of(report)]
    assert_dutch_lines(report.problems)


@pytest.mark.parametrize("checklist_id", ["trainers", "index", "pagina-3", "pagina-10"])
def test_a_checklist_id_equal_to_a_generated_page_is_refused(tmp_path: Path, checklist_id: str) -> None:
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / VALID_CASE.name).write_text(valid_case_text(), encoding="utf-8")
    (tmp_path / "checklists").mkdir()
    (tmp_path / "checklists" / f"{checklist_id}.yaml").write_text(
        VALID_CHECKLIST.read_text(encoding="utf-8").replace("id: voorbeeld-checklist", f"id: {checklist_id}"),
        encoding="utf-8")
    catalog, report = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "checklists", today=TODAY)
    assert catalog is None and "TB213" in [found.code for found in report.problems]


@pytest.mark.parametrize("registry", ["woonvormen.yaml", "doelgroepen.yaml", "werkzame-bestanddelen.yaml"])
@pytest.mark.parametrize("term_id", ["index", "pagina-2"])
def test_a_register_id_equal_to_a_generated_page_is_refused(tmp_path: Path, registry: str, term_id: str) -> None:
    registries = tmp_path / "registers"
    shutil.copytree(REGISTRY_DIR, registries)
    text = (registries / registry).read_text(encoding="utf-8")
    first = re.search(r"^(\s*- id: )(\S+)$", text, re.MULTILINE)
    assert first
    (registries / registry).write_text(text.replace(first[0], first[1] + term_id, 1), encoding="utf-8")
    (tmp_path / "cases").mkdir()
    catalog, report = load_catalog(tmp_path / "cases", today=TODAY, registry_dir=registries)
    assert catalog is None and "TB214" in [found.code for found in report.problems]


# --- 6. Worst-case shapes the complexity tests do not have ---------------------------------------------

def _repeat(unit: str) -> Iterator[str]:
    while True:
        yield unit


def _appended(unit: str, head: str = "onbekend: ") -> Callable[[], str]:
    def make() -> str:
        text = valid_case_text()
        return text + filled(head, _repeat(unit) if "{n" not in unit else numbered(unit), "\n", LIMIT - len(text.encode()))
    return make


def _in_field(field: str, head: str, unit: str) -> Callable[[], str]:
    return lambda: case_with(field, head)(filled("", _repeat(unit) if "{n" not in unit else numbered(unit), "\n", LIMIT - 4000))


NEW_SHAPES: dict[str, Callable[[], str]] = {
    "digits-without-spaces": _appended("0612345678"),
    "digits-without-spaces-in-aanpak": _in_field("aanpak", "aanpak: |\n  ", "0612345678"),
    "at-signs": _appended("a@b."),
    "written-at-and-dot": _appended("jan [at] x [dot] "),
    "fullwidth-at": _appended("jan＠x.nl "),
    "forms-of-address": _appended("mevrouw "),
    "capitalised-names": _appended("Mevrouw Jansen "),
    "resident-names": _appended("bewoner Fatima El "),
    "digit-groups": _appended("123 "),
    "digit-dash-groups": _appended("12-"),
    "iban-like": _appended("NL91 ABNA "),
    "dotted-digits": _appended("1234.56."),
    "international-numbers": _appended("+31 6 "),
    "urls-without-spaces": _appended("https://a.nl/"),
    "long-enum-value": _in_field("woonvorm", "woonvorm: ", "gemengd-wonen"),
    "long-unknown-key": lambda: valid_case_text() + filled("", _repeat("onbekendveld"), ": 1\n", LIMIT - len(valid_case_text())),
    "deep-but-allowed-flow": _in_field("randvoorwaarden", "randvoorwaarden:\n",
                                       "  - " + "[" * 20 + "x" + "]" * 20 + "\n"),
    "many-unknown-national-figures": _in_field("niet_vermeld", "landelijke_cijfers:\n", "  - onbekend-cijfer-{n}\n"),
    "open-brackets-in-aanpak": _in_field("aanpak", "aanpak: |\n  ", "["),
    "nested-link-definitions": _in_field("aanpak", "aanpak: |\n", "  > - > [r{n}]: https://x.nl/\n"),
}


@pytest.mark.parametrize("make", NEW_SHAPES.values(), ids=NEW_SHAPES.keys())
@pytest.mark.usefixtures("settled_heap")  # a CPU-time limit: tests/conftest.py
def test_a_new_worst_case_shape_validates_in_under_two_seconds(tmp_path: Path, make: Callable[[], str]) -> None:
    text = make()
    assert LIMIT - 8192 < len(text.encode()) <= LIMIT + 64
    (tmp_path / "cases").mkdir()
    path = tmp_path / "cases" / VALID_CASE.name
    path.write_text(text, encoding="utf-8")
    seconds, report = least_cpu_seconds(lambda: validate_paths([path], today=TODAY), SECONDS)
    assert seconds < SECONDS
    assert not report.ok
    assert_dutch_lines(report.problems[:50])


@pytest.mark.usefixtures("settled_heap")  # a CPU-time limit: tests/conftest.py
def test_many_unknown_keys_are_reported_in_bounded_output_and_time(tmp_path: Path) -> None:
    text = valid_case_text()
    half = LIMIT // 2  # half the size limit is enough to show it (the full file: see the reason)
    (tmp_path / VALID_CASE.name).write_text(text + filled("", numbered("titels{n}: x\n"), "", half), encoding="utf-8")
    start = time.process_time()
    code, stdout, _ = validate_in_process(tmp_path, "validate", VALID_CASE.name, github=True)
    seconds = time.process_time() - start
    assert code == 1
    assert len(stdout) < 1_000_000 and seconds < SECONDS, (len(stdout), seconds)


@pytest.mark.usefixtures("settled_heap")  # a CPU-time limit: tests/conftest.py
def test_a_case_with_pathological_markdown_is_refused_before_it_is_rendered(tmp_path: Path) -> None:
    """Finding (fixed): 4,000 '[' in 'aanpak' validated in 0.4 s but took Python-Markdown about 3 s to render
    (6,000: 8.4 s, and 11 s in mkdocs build). Validation now bounds what rendering is quadratic in (TB215)."""
    text = re.sub(r"^aanpak: \|\n(?:  .*\n|\n)*", "aanpak: |\n  " + "[" * 4000 + "\n", valid_case_text(), flags=re.MULTILINE)
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / VALID_CASE.name).write_text(text, encoding="utf-8")
    start = time.process_time()
    catalog, report = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "geen", today=TODAY)
    assert time.process_time() - start < SECONDS
    assert catalog is None and [found.code for found in report.errors] == ["TB215"]


@pytest.mark.usefixtures("settled_heap")  # a CPU-time limit: tests/conftest.py
def test_the_most_brackets_validation_allows_render_fast(tmp_path: Path) -> None:
    text = re.sub(r"^aanpak: \|\n(?:  .*\n|\n)*", "aanpak: |\n  " + "![" * 100 + "\n", valid_case_text(), flags=re.MULTILINE)
    text = re.sub(r"^aanleiding: \|\n(?:  .*\n|\n)*", "aanleiding: |\n  " + "[" * 200 + "\n", text, flags=re.MULTILINE)
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / VALID_CASE.name).write_text(text, encoding="utf-8")
    catalog, report = load_catalog(tmp_path / "cases", checklists_dir=tmp_path / "geen", today=TODAY)
    assert catalog is not None, report.summary()
    start = time.process_time()
    render_site(catalog, TODAY)
    assert time.process_time() - start < SECONDS


# --- 7. The audit: tricks that are not in tests/fixtures/audit/ ------------------------------------------

def _html(body: str) -> str:
    return f"<!doctype html>\n<html lang=\"nl\"><body>\n{body}\n</body></html>\n"


_SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n{}\n</svg>\n'
AUDIT_TRICKS = {
    "ping.html": _html('<a href="../" ping="https://evil.example/log">x</a>'),
    "backslash-src.html": _html('<img src="/\\evil.example/p.png">'),
    "double-backslash.html": _html('<img src="\\\\evil.example\\p.png">'),
    "http-without-slashes.html": _html('<img src="http:evil.example/p.png">'),
    "tab-in-scheme.html": _html('<img src="ht\ttps://evil.example/p.png">'),
    "formaction.html": _html('<form action="zoeken/"><button formaction="https://evil.example/">x</button></form>'),
    "input-image.html": _html('<input type="image" src="https://evil.example/p.png">'),
    "body-background.html": '<!doctype html>\n<html><body background="https://evil.example/p.png">x</body></html>\n',
    "table-background.html": _html('<table background="//evil.example/p.png"><tr><td>x</td></tr></table>'),
    "html-manifest.html": '<!doctype html>\n<html manifest="https://evil.example/m.appcache"><body>x</body></html>\n',
    "applet.html": _html('<applet code="X.class" codebase="https://evil.example/"></applet>'),
    "portal.html": _html('<portal src="https://evil.example/"></portal>'),
    "frameset.html": '<!doctype html>\n<frameset><frame src="https://evil.example/"></frameset>\n',
    "svg-use.svg": _SVG.format('<use href="https://evil.example/s.svg#a"/>'),
    "svg-feimage.svg": _SVG.format('<filter id="f"><feImage xlink:href="https://evil.example/p.png"/></filter>'),
    "svg-animate-values.svg": _SVG.format('<a><animate attributeName="href" values="javascript:alert(1)"/>'
                                          '<text y="10">x</text></a>'),
    "svg-set-xlink.svg": _SVG.format('<a><set attributeName="xlink:href" to="javascript:alert(1)"/><text y="10">x</text></a>'),
    "svg-onbegin.svg": _SVG.format('<animate onbegin="alert(1)" attributeName="x" dur="1s"/>'),
    "svg-style-cdata.svg": _SVG.format("<style><![CDATA[ @import url(https://evil.example/x.css); ]]></style>"),
    "mathml-href.html": _html('<math href="javascript:alert(1)"><mi>x</mi></math>'),
    "mglyph.html": _html('<math><mglyph src="https://evil.example/p.png"></mglyph></math>'),
    "importmap.html": _html('<script type="importmap">{"imports": {"x": "https://evil.example/x.js"}}</script>'),
    "speculationrules.html": _html('<script type="speculationrules">{"prefetch": [{"urls": ["https://evil.example/"]}]}'
                                   "</script>"),
    "refresh-without-url.html": _html('<meta http-equiv="refresh" content="0; https://evil.example/">'),
    "refresh-comma.html": _html('<meta http-equiv="refresh" content="0,URL=https://evil.example/">'),
    "refresh-spaces.html": _html('<meta http-equiv="Refresh" content="  0 ;  url = //evil.example/">'),
    "colon-entity.html": _html('<a href="javascript&colon;alert(1)">x</a>'),
    "decimal-entities.html": _html('<a href="&#106;&#97;vascript:alert(1)">x</a>'),
    "css-escaped-at-rule.css": '@\\69mport "https://evil.example/x.css";\n',
    "css-import-single-quotes.css": "@import 'https://evil.example/x.css';\n",
    "css-image-function.css": 'a { background: image("https://evil.example/p.png"); }\n',
    "css-src-function.css": 'a { background: src("https://evil.example/p.png"); }\n',
    "style-attribute-escaped.html": _html('<div style="background:u\\rl(//evil.example/p.png)">x</div>'),
    "upper-case.HTML": _html("<script>alert(1)</script>"),
    "mixed-case.Htm": _html("<script>alert(1)</script>"),
    "server-side.shtml": _html("<script>alert(1)</script>"),
    "page.xht": '<html xmlns="http://www.w3.org/1999/xhtml"><body>\n<script>alert(1)</script>\n</body></html>\n',
    "feed.rss": '<?xml version="1.0"?>\n<rss xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></rss>\n',
    "bom-and-space.html": "\ufeff\n\n   " + _html("<script>alert(1)</script>"),
    "no-extension-leading-space": "   \n" + _html("<script>alert(1)</script>"),
    "xslt.xsl": '<?xml version="1.0"?>\n<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
                '<xsl:template match="/"><html><script>alert(1)</script></html></xsl:template></xsl:stylesheet>\n',
    "modulepreload.html": _html('<link rel="modulepreload" href="https://evil.example/x.js">'),
    "track.html": _html('<video><track src="https://evil.example/t.vtt"></video>'),
    "upper-case-object.html": _html('<OBJECT DATA="x.swf"></OBJECT>'),
    "iframe-srcdoc.html": _html('<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>'),
    "xlink-simple.xml": '<?xml version="1.0"?>\n<doc xmlns:xlink="http://www.w3.org/1999/xlink" xlink:type="simple" '
                        'xlink:href="javascript:alert(1)" xlink:show="onLoad" xlink:actuate="onLoad"/>\n',
    "plain.svgz": _SVG.format("<script>alert(1)</script>"),
    "pattern-image.html": _html('<svg><defs><pattern id="p"><image href="https://evil.example/p.png"/></pattern></defs></svg>'),
}


@pytest.mark.parametrize(("name", "content"), AUDIT_TRICKS.items(), ids=list(AUDIT_TRICKS))
def test_a_new_audit_trick_is_reported(tmp_path: Path, name: str, content: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(SCRIPTS, site / "javascripts")
    (site / name).write_text(content, encoding="utf-8")
    _, findings = audit_site(site, SCRIPTS)
    mine = [found for found in findings if found.path == site / name]
    assert mine, [str(found) for found in findings]
    for found in mine:
        assert "\n" not in str(found) and str(found).startswith(f"{(site / name).as_posix()}:")
