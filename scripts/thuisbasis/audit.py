"""Audit: a safety scan of the built site (``thuisbasis audit site/``).

Every HTML file is parsed with the standard library's ``html.parser`` and checked for what must never
be in a page of ours, whatever the Markdown, a case or a template let through:

- a ``<script>`` the theme did not put there. Allowed: Material's bundle (``assets/javascripts/bundle.
  <hash>.min.js``), our own ``javascripts/<name>.js`` when ``docs/javascripts/<name>.js`` exists with the
  same bytes, Material's configuration block (``<script id="__config" type="application/json">``: data,
  never executed, and it must be valid JSON), and Material's known inline scripts (below);
- an ``on*`` event-handler attribute; a ``javascript:`` or ``vbscript:`` URL in any URL attribute; a
  ``data:`` URL in a link, form or script; ``<iframe>``, ``<frame>``, ``<object>``, ``<embed>``,
  ``<applet>`` and ``<base>``;
- a resource loaded from another host: ``src``/``href``/``srcset``/``poster`` of scripts, stylesheets,
  preloads, icons, images, sources, video, audio and tracks (links to other sites are fine).

How Material's inline scripts are recognised: by the SHA-256 of their exact text. Material 9.8.1 puts
three inline scripts on a page: palette.html, content.html (opens the tab a link points at) and
base.html, which defines ``__md_scope``. Material writes the page's base URL into that last one, so
``overrides/partials/javascripts/base.html`` moves the URL into a ``data-md-scope`` attribute (checked
here: a plain relative or root path) and the text becomes the same on every page. The same hashes are
in the Content-Security-Policy of ``overrides/main.html``; ``tests/test_audit.py`` recomputes them from
the installed Material templates, so an upgrade that changes a script fails the tests rather than the
site. Content hashes, not a marker: a marker could be copied into a payload, a hash cannot be matched
by a different script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from thuisbasis.problems import MAX_FIELD_CHARACTERS, display_path, printable

# Material 9.8.1's inline scripts. Keep in step with overrides/main.html (tested).
# base.html's script as overrides/partials/javascripts/base.html writes it: Material's text with the base
# URL read from the script's data-md-scope attribute instead of written into the text.
MATERIAL_SCOPE_SCRIPT = (
    '__md_scope=new URL(document.currentScript.dataset.mdScope,location),'
    '__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}'
)
MATERIAL_INLINE_SHA256 = {
    "DrEMJJ29sL7vIloQzly+VUGMxKcBTMII+OfW7Y8AkG4=": "partials/javascripts/palette.html",
    "/8wPdzX9q0NNJXyA5lzsLojXFpkeaXVxhbfkUOQaWy8=": "partials/javascripts/content.html (opens the tab a link points at)",
}
_SCOPE = re.compile(r"(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~-]+/)*)")
_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js")
_OWN_SCRIPT = re.compile(r"javascripts/(?P<name>[a-z0-9-]+\.js)")

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background", "cite",
                  "srcset", "ping", "manifest", "codebase"}
# Where a data: URL is refused: it would be a page, a form target or code, not an inline image.
NO_DATA_URL = {"a": {"href"}, "area": {"href"}, "form": {"action"}, "button": {"formaction"},
               "input": {"formaction"}, "script": {"src"}, "link": {"href"}}
RESOURCE_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch", "icon",
                      "shortcut", "apple-touch-icon", "mask-icon", "manifest"}
RESOURCE_ELEMENTS = {"img": {"src", "srcset"}, "source": {"src", "srcset"}, "video": {"src", "poster"},
                     "audio": {"src"}, "track": {"src"}, "input": {"src"}, "script": {"src"}}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


@dataclass(frozen=True, order=True)
class Finding:
    path: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.path)}:{self.line}:{self.column}: {printable(self.message, limit=MAX_FIELD_CHARACTERS)}"


def sha256_base64(text: str) -> str:
    """The hash as CSP writes it (without the 'sha256-' prefix)."""
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def csp_script_hashes() -> list[str]:
    """Every inline-script hash the CSP must allow, in a fixed order."""
    return [*MATERIAL_INLINE_SHA256, sha256_base64(MATERIAL_SCOPE_SCRIPT)]


def is_material_inline_script(text: str) -> bool:
    return sha256_base64(text) in csp_script_hashes()


def scheme_of(url: str) -> str | None:
    """The URL's scheme in lower case, as a browser reads it (it ignores tabs, newlines and spaces)."""
    match = _SCHEME.match(_INVISIBLE.sub("", url))
    return match.group(1).lower() if match else None


def is_other_host(url: str) -> bool:
    """True when ``url`` loads from a host: ``https://x``, ``//x``; False for relative and root paths."""
    cleaned = _INVISIBLE.sub("", url)
    if cleaned.startswith(("//", "\\\\", "/\\", "\\/")):
        return True
    scheme = scheme_of(url)
    return scheme is not None and scheme not in {"data", "blob"} and bool(urlsplit(cleaned).netloc or scheme)


def srcset_urls(value: str) -> list[str]:
    return [part.strip().split()[0] for part in value.split(",") if part.strip()]


class _PageAuditor(HTMLParser):
    def __init__(self, path: Path, site: Path, own_scripts: dict[str, bytes] | None, base_path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.site, self.own_scripts, self.base_path = path, site, own_scripts, base_path
        self.findings: list[Finding] = []
        self._script: tuple[tuple[int, int], dict[str, str | None]] | None = None
        self._script_text: list[str] = []

    def report(self, message: str, position: tuple[int, int] | None = None) -> None:
        line, offset = position or self.getpos()
        self.findings.append(Finding(self.path, line, offset + 1, message))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
        if tag in FORBIDDEN_ELEMENTS:
            self.report(f"element <{tag}> is niet toegestaan: het laadt of verandert inhoud buiten de pagina om")
        self.check_resources(tag, attributes)
        if tag == "script":
            self._script = (self.getpos(), attributes)
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            position, attributes = self._script
            self._script = None
            self.check_script(position, attributes, "".join(self._script_text))

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.report(f"attribuut '{name}' op <{tag}> is niet toegestaan: een event-handler voert code uit")
            return
        if name not in URL_ATTRIBUTES:
            return
        urls = srcset_urls(value) if name == "srcset" else [value]
        for url in urls:
            scheme = scheme_of(url)
            if scheme in {"javascript", "vbscript"}:
                self.report(f"{scheme}:-adres in '{name}' op <{tag}> is niet toegestaan")
            elif scheme == "data" and name in NO_DATA_URL.get(tag, set()):
                self.report(f"data:-adres in '{name}' op <{tag}> is niet toegestaan")

    def check_resources(self, tag: str, attributes: dict[str, str | None]) -> None:
        names = set(RESOURCE_ELEMENTS.get(tag, set()))
        if tag == "link" and RESOURCE_LINK_RELS & set((attributes.get("rel") or "").lower().split()):
            names.add("href")
        for name in sorted(names):
            value = attributes.get(name)
            if not value:
                continue
            for url in srcset_urls(value) if name == "srcset" else [value]:
                if is_other_host(url):
                    self.report(f"<{tag} {name}=\"{url}\"> laadt iets van een andere host; de site laadt alles zelf")

    def check_script(self, position: tuple[int, int], attributes: dict[str, str | None], text: str) -> None:
        src = attributes.get("src")
        if src is not None:
            if text.strip():
                self.report("<script> met src én inhoud is niet toegestaan", position)
            elif not is_other_host(src) and scheme_of(src) is None:
                self.check_local_script(position, src)
            # A script from another host or with a scheme is already reported as a resource or a URL.
            return
        if attributes.get("type") == "application/json" and attributes.get("id") == "__config":
            try:
                json.loads(text)
            except ValueError:
                self.report("het configuratieblok van Material (<script id=\"__config\">) is geen geldige JSON", position)
            return
        if "data-md-scope" in attributes and _SCOPE.fullmatch(attributes["data-md-scope"] or "") is None:
            self.report(f"data-md-scope=\"{attributes['data-md-scope']}\" is geen gewoon pad", position)
        if not is_material_inline_script(text):
            snippet = " ".join(text.split())[:60]
            self.report(f"inline <script> die niet van het thema komt: \"{snippet}\"", position)

    def check_local_script(self, position: tuple[int, int], src: str) -> None:
        path = urlsplit(src).path
        if path.startswith("/"):  # root-absolute (the 404 page): below the path the site is published at
            if not path.startswith(self.base_path):
                self.report(f"<script src=\"{src}\"> wijst buiten de site", position)
                return
            target = (self.site / path[len(self.base_path):]).resolve()
        else:
            target = (self.path.parent / path).resolve()
        try:
            relative = target.relative_to(self.site.resolve()).as_posix()
        except ValueError:
            self.report(f"<script src=\"{src}\"> wijst buiten de site", position)
            return
        if _BUNDLE.fullmatch(relative):
            return
        own = _OWN_SCRIPT.fullmatch(relative)
        if own and self.own_scripts is None:
            return
        if own and own.group("name") in self.own_scripts:  # type: ignore[operator]
            if target.is_file() and target.read_bytes() == self.own_scripts[own.group("name")]:  # type: ignore[index]
                return
            self.report(f"<script src=\"{src}\"> verschilt van docs/javascripts/{own.group('name')}", position)
            return
        self.report(f"<script src=\"{src}\"> komt niet van het thema en niet uit docs/javascripts/", position)


def audit_site(site: Path, scripts_dir: Path | None = None, site_url: str | None = None) -> tuple[int, list[Finding]]:
    """Scan every HTML file under ``site``; return the number of pages and every finding, sorted.

    ``scripts_dir`` (normally docs/javascripts) lists our own scripts; each one in the site must have
    the same bytes. Without it, any ``javascripts/<name>.js`` of the site is accepted. ``site_url`` is
    where the site is published (THUISBASIS_SITE_URL): root-absolute paths are read below its path.
    """
    base_path = urlsplit(site_url or "/").path or "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    own = {path.name: path.read_bytes() for path in sorted(scripts_dir.glob("*.js"))} if scripts_dir else None
    pages = sorted(site.rglob("*.html"))
    findings: list[Finding] = []
    for page in pages:
        auditor = _PageAuditor(page, site, own, base_path)
        auditor.feed(page.read_text(encoding="utf-8", errors="replace"))
        auditor.close()
        if auditor._script is not None:  # an unclosed <script>: still check what it holds
            position, attributes = auditor._script
            auditor.check_script(position, attributes, "".join(auditor._script_text))
        findings.extend(auditor.findings)
    return len(pages), sorted(findings)
