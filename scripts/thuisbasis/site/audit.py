"""Audit: a safety scan of the built site (``thuisbasis audit site/``).

Every file a browser renders is scanned, chosen by extension and by content, so a renamed file is
scanned too: HTML (``.html``, ``.htm`` and any file that starts like markup), XML that a browser shows
as a document (``.xhtml``, ``.svg``, ``.xml``, ``.xsl``, ``.xslt`` and any file that starts with
``<?xml`` or ``<svg``), stylesheets (``.css``) and scripts (``.js``, ``.mjs``). Markup is read with the
standard library's ``html.parser``; where that parser and a browser can read the same text differently
(comments, ``<![CDATA[``, ``</script`` inside a script, a tag the parser cannot read), the audit reports
the text instead of trusting either view. A page of ours must not hold:

- a ``<script>`` the theme did not put there. Allowed: a script file that is byte-equal to the file at
  the same path in the installed mkdocs-material (``assets/javascripts/…``), to
  ``docs/javascripts/<name>.js``, to what the installed Pagefind writes into ``pagefind/``, or to the
  installed npm package's file in ``javascripts/vendor/json-schema/`` (site/vendor.py): by content, never
  by name. Material's configuration block (``<script id="__config"
  type="application/json">``: data, never executed, and it must be valid JSON), and Material's known
  inline scripts (below). An SVG or XML file may hold no script at all;
- an ``on*`` event-handler attribute; a ``javascript:`` or ``vbscript:`` URL in any URL attribute; a
  ``data:`` URL in a link, form or script; ``<iframe>``, ``<frame>``, ``<object>``, ``<embed>``,
  ``<applet>``, ``<base>`` and ``xml:base``; an SVG animation that changes a link or a handler;
- anything loaded from or sent to another host: every URL attribute except the navigation links
  (``<a href>``, ``<area href>``, ``<link>`` with only navigation ``rel`` values, ``cite``), so
  ``<img src>``, ``srcset``, ``<link rel=prefetch>``, ``<form action>``, SVG ``<image href>`` and
  the rest; ``<meta http-equiv="refresh">`` to another host; CSS ``url()``, ``image-set()`` and
  ``@import`` to another host, in ``.css`` files, ``<style>`` blocks and ``style=`` attributes;
- a character set other than UTF-8, and processing instructions other than ``<?xml …?>``.

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
import functools
import hashlib
import html
import importlib.util
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from thuisbasis.problems import MAX_FIELD_CHARACTERS, Place, printable
from thuisbasis.site.vendor import VENDOR_FOLDER, VendorError, vendor_files

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
_OWN_SCRIPT = re.compile(r"javascripts/(?P<name>[a-z0-9-]+\.js)")
PAGEFIND_FOLDER = "pagefind/"  # thuisbasis.site.search.INDEX_FOLDER

# Which files are scanned, and how. A file with another extension is scanned as markup when its
# content starts like markup (a browser sniffs too, and a server may label it by content).
HTML_SUFFIXES = {".html", ".htm"}
XML_SUFFIXES = {".xhtml", ".svg", ".xml", ".xsl", ".xslt"}
CSS_SUFFIXES = {".css"}
SCRIPT_SUFFIXES = {".js", ".mjs"}
_SNIFF_MARKUP = re.compile(r"\A\s*<[!?/a-zA-Z]")
_SNIFF_XML = re.compile(r"\A\s*<(?:\?xml|svg[\s>/])", re.IGNORECASE)

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "background", "cite", "srcset",
                  "imagesrcset", "ping", "manifest", "codebase", "longdesc"}
SRCSET_ATTRIBUTES = {"srcset", "imagesrcset"}
# Where a data: URL is refused: it would be a page, a form target or code, not an inline image.
NO_DATA_URL = {"a": {"href"}, "area": {"href"}, "form": {"action"}, "button": {"formaction"},
               "input": {"formaction"}, "script": {"src", "href"}, "link": {"href"}, "use": {"href"}}
# A <link> whose rel values are all here loads nothing: it names a page. Any other rel (stylesheet,
# icon, preload, prefetch, prerender, preconnect, dns-prefetch, manifest, …) makes the browser fetch.
NAVIGATION_RELS = {"alternate", "canonical", "author", "license", "help", "next", "prev", "me", "bookmark",
                   "external", "nofollow", "noopener", "noreferrer", "self", "related", "via", "edit"}
SVG_ANIMATIONS = {"animate", "set", "animatetransform", "animatemotion"}
RAW_TEXT_ELEMENTS = {"script", "style"}
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# Comment text that a browser may end earlier than html.parser does (<!-->, <!--->, --!>), or that
# holds markup: an old-IE conditional comment or a hidden tag. Our own pages hold no comments at all.
_SUSPECT_COMMENT = re.compile(r"[<>]|\A\s*\[\s*if\b", re.IGNORECASE)
_REFRESH = re.compile(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(?P<url>.*)", re.IGNORECASE | re.DOTALL)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*(?P<charset>[^\s;\"']*)", re.IGNORECASE)
_XML_ENCODING = re.compile(r"""\bencoding\s*=\s*["'](?P<charset>[^"']*)["']""", re.IGNORECASE)
_UTF8 = {"utf-8", "utf8"}


@dataclass(frozen=True, order=True)
class Finding(Place):
    message: str

    def __str__(self) -> str:
        """One line, whatever the file name or the quoted page text holds (a newline could forge a finding)."""
        return f"{self.where()}: {printable(self.message, limit=MAX_FIELD_CHARACTERS)}"


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
    """The URLs of a ``srcset``, split as a browser does: a URL may hold commas, descriptors may not."""
    urls: list[str] = []
    position = 0
    while position < len(value):
        while position < len(value) and (value[position].isspace() or value[position] == ","):
            position += 1
        start = position
        while position < len(value) and not value[position].isspace():
            position += 1
        url = value[start:position]
        if not url:
            break
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        urls.append(url)
        depth = 0  # skip the descriptors, up to a comma outside parentheses
        while position < len(value) and (value[position] != "," or depth):
            depth += {"(": 1, ")": -1}.get(value[position], 0)
            position += 1
    return urls


def local_name(name: str) -> str:
    """``svg:script`` -> ``script``, ``xlink:href`` -> ``href``: in XML a prefix can name any namespace."""
    return name.rsplit(":", 1)[-1]


def advance(position: tuple[int, int], text: str) -> tuple[int, int]:
    """The (line, 0-based column) just after ``text`` when it starts at ``position``."""
    line, column = position
    if "\n" not in text:
        return line, column + len(text)
    return line + text.count("\n"), len(text) - text.rindex("\n") - 1


# --- CSS ---------------------------------------------------------------------------------------------

_CSS_NAME = r"(?:[\w-]|\\[0-9a-fA-F]{1,6}[ \t\r\n\f]?|\\[^\n0-9a-fA-F]|[^\x00-\x7f])+"
_CSS_TOKEN = re.compile(
    r"(?P<comment>/\*.*?(?:\*/|\Z))"
    r"|\"(?P<dq>(?:[^\"\\\n]|\\.)*)(?:\"|(?=\n)|\Z)|'(?P<sq>(?:[^'\\\n]|\\.)*)(?:'|(?=\n)|\Z)"
    rf"|@(?P<at>{_CSS_NAME})"
    rf"|(?P<function>{_CSS_NAME})\(\s*|(?P<ident>{_CSS_NAME})"
    r"|(?P<open>\()|(?P<close>\))|(?P<space>\s+)|(?P<other>[^\"'/@()\\\w\s\x80-\U0010ffff-]+|.)",
    re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\(?:(?P<hex>[0-9a-fA-F]{1,6})[ \t\r\f\n]?|(?P<newline>\n)|(?P<char>.))", re.DOTALL)
# Functions whose string arguments are fetched as URLs.
CSS_URL_FUNCTIONS = {"url", "src", "image-set", "-webkit-image-set", "image"}


def css_unescape(text: str) -> str:
    """CSS escapes decoded as a browser does: ``u\\72l`` is ``url``, ``\\68ttps`` is ``https``."""
    def decoded(match: re.Match[str]) -> str:
        if match.group("hex"):
            code = int(match.group("hex"), 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        return "" if match.group("newline") else match.group("char")
    return _CSS_ESCAPE.sub(decoded, text)


def unquoted_url_end(css: str, position: int) -> int:
    """Where the unquoted URL of ``url(`` that starts at ``position`` ends: its ``)``, skipping escapes."""
    while position < len(css) and css[position] != ")":
        position += 2 if css[position] == "\\" else 1
    return min(position, len(css))


def css_urls(css: str) -> Iterator[tuple[int, str]]:
    """Every URL the CSS makes a browser fetch, with its offset: ``url()``, ``src()``, ``image-set()``
    and ``@import``, escapes decoded; comments skipped."""
    functions: list[str] = []
    after_import = False
    position = 0
    while (token := _CSS_TOKEN.match(css, position)) is not None:  # None only at the end: "other" takes any character
        start, position = token.start(), token.end()
        kind = token.lastgroup
        if kind in {"comment", "space"}:
            continue
        if kind in {"dq", "sq"} and (after_import or (functions and functions[-1] in CSS_URL_FUNCTIONS)):
            yield start, css_unescape(token.group(kind))
        elif kind == "function":
            name = css_unescape(token.group("function")).lower()
            if name == "url" and css[position:position + 1] not in {"\"", "'"}:
                end = unquoted_url_end(css, position)
                yield start, css_unescape(css[position:end]).strip()
                position = end + 1
            else:
                functions.append(name)
        elif kind == "open":
            functions.append("")
        elif kind == "close" and functions:
            functions.pop()
        after_import = kind == "at" and css_unescape(token.group("at")).lower() == "import"


def css_problems(css: str) -> Iterator[tuple[int, str]]:
    """(offset, message) for every URL in the CSS that loads from another host or runs code."""
    for offset, url in css_urls(css):
        scheme = scheme_of(url)
        if scheme in {"javascript", "vbscript"}:
            yield offset, f"{scheme}:-adres in CSS is niet toegestaan"
        elif is_other_host(url):
            yield offset, f"CSS laadt \"{url}\" van een andere host; de site laadt alles zelf"


def xml_text_content(raw: str) -> tuple[str, bool]:
    """The text an XML parser gives for raw element content, and whether it held markup besides
    CDATA sections (comments, elements: an XML parser drops those and joins the text around them)."""
    parts = re.split(r"<!\[CDATA\[(.*?)(?:\]\]>|\Z)", raw, flags=re.DOTALL)  # outside, CDATA, outside, …
    text = "".join(html.unescape(part) if index % 2 == 0 else part for index, part in enumerate(parts))
    return text, any("<" in part for part in parts[0::2])


# --- Scripts -------------------------------------------------------------------------------------------

def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@functools.cache
def material_files() -> dict[str, str]:
    """SHA-256 of every script the installed mkdocs-material ships, by its path in a built site."""
    spec = importlib.util.find_spec("material")
    if spec is None or spec.origin is None:
        return {}
    templates = Path(spec.origin).parent / "templates"
    return {path.relative_to(templates).as_posix(): sha256_hex(path.read_bytes())
            for path in sorted((templates / "assets").rglob("*")) if path.suffix in SCRIPT_SUFFIXES}


@functools.cache
def pagefind_files() -> dict[str, str]:
    """SHA-256 of every script the installed Pagefind writes, by its path in a built site.

    Pagefind keeps its scripts inside its binary and writes the same bytes for any site (they depend
    on its version only), so the audit lets it index a one-page site and asks for the files it would
    write (kept in memory: read back from disk on a busy machine, a file was sometimes not yet whole).
    """
    from thuisbasis.site.search import SearchIndex, SearchIndexError

    try:
        index = SearchIndex()
        index.add('<html lang="nl"><body data-pagefind-body><p>audit</p></body></html>', url="/")
        files = index.files()
    except (SearchIndexError, OSError):
        return {}
    return {f"{PAGEFIND_FOLDER}{path}": sha256_hex(content)
            for path, content in sorted(files.items()) if PurePosixPath(path).suffix in SCRIPT_SUFFIXES}


class KnownScripts:
    """The scripts a site of ours may hold: Material's, Pagefind's and ours, each recognised by content.

    ``own`` maps a name in docs/javascripts/ to its bytes; None accepts any ``javascripts/<name>.js``.
    Each file is judged once per audit, however many pages load it.
    """

    def __init__(self, site: Path, own: dict[str, bytes] | None) -> None:
        self.site, self.own = site, own
        self._problems: dict[str, str | None] = {}

    def problem(self, relative: str) -> str | None:
        """Why the file at ``relative`` (a path in the site) is not one of our scripts, or None."""
        if relative not in self._problems:
            path = self.site / relative
            self._problems[relative] = self.judge(relative, path.read_bytes()) if path.is_file() else \
                "bestaat niet in de site"
        return self._problems[relative]

    def judge(self, relative: str, content: bytes) -> str | None:
        own = _OWN_SCRIPT.fullmatch(relative)
        if own and self.own is None:
            return None
        if own and own.group("name") in (self.own or {}):
            same = content == (self.own or {})[own.group("name")]
            return None if same else f"verschilt van docs/javascripts/{own.group('name')}"
        if relative.startswith(VENDOR_FOLDER):
            return vendor_problem(relative, content)
        maker = "Pagefind" if relative.startswith(PAGEFIND_FOLDER) else "Material"
        shipped = pagefind_files() if maker == "Pagefind" else material_files()
        if relative in shipped:
            same = shipped[relative] == sha256_hex(content)
            return None if same else f"heeft de naam van een bestand van {maker}, maar andere inhoud"
        return "komt niet van het thema, niet van Pagefind en niet uit docs/javascripts/"


def vendor_problem(relative: str, content: bytes) -> str | None:
    """Why a file in the vendor folder is not the installed npm package's file of that name, or None."""
    try:
        shipped = vendor_files()
    except VendorError:
        return "staat in de map voor npm-pakketten, maar dat pakket is niet geïnstalleerd (npm ci)"
    if relative not in shipped:
        return "staat in de map voor npm-pakketten, maar komt niet uit het pakket"
    return None if shipped[relative] == content else "heeft de naam van een bestand uit een npm-pakket, maar andere inhoud"


# --- Markup --------------------------------------------------------------------------------------------

class _MarkupAuditor(HTMLParser):
    """One HTML or XML file. ``xml`` is True for files a browser parses as XML (SVG, XHTML, XML)."""

    def __init__(self, path: Path, site: Path, known: KnownScripts, base_path: str, xml: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.path, self.site, self.known, self.base_path, self.xml = path, site, known, base_path, xml
        self.findings: list[Finding] = []
        self._raw: tuple[str, tuple[int, int], dict[str, str | None]] | None = None  # an open script or style
        self._raw_text: list[str] = []
        self._in_start_tag = False

    def report(self, message: str, position: tuple[int, int] | None = None) -> None:
        line, offset = position or self.getpos()
        self.findings.append(Finding(self.path, line, offset + 1, message))

    # The parser's events.

    def parse_starttag(self, i: int) -> int:
        self._in_start_tag = True
        try:
            return super().parse_starttag(i)
        finally:
            self._in_start_tag = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if local_name(tag) in RAW_TEXT_ELEMENTS:
            if not self.xml:
                self.report(f"<{tag}/> sluit in HTML niet: een browser leest de tekst erna als {tag}")
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = local_name(tag)
        attributes = {local_name(key): value for key, value in attrs}
        for key, value in attrs:
            self.check_attribute(tag, key, value or "")
        if name in FORBIDDEN_ELEMENTS:
            self.report(f"element <{tag}> is niet toegestaan: het laadt of verandert inhoud buiten de pagina om")
        else:
            self.check_other_hosts(tag, attrs, attributes)
        if name in SVG_ANIMATIONS:
            self.check_animation(tag, attributes)
        if name == "meta":
            self.check_meta(attributes)
        if name in RAW_TEXT_ELEMENTS:
            text = self.get_starttag_text() or ""
            self._raw = (name, advance(self.getpos(), text), attributes)
            self._raw_text = []

    def handle_data(self, data: str) -> None:
        if self._in_start_tag:
            self.report(f"\"{data[:40]}\" is een tag die deze controle niet kan lezen; een browser leest hem wel")
        elif self._raw is not None:
            self._raw_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._raw is not None and local_name(tag) == self._raw[0]:
            self.close_raw_text()

    def handle_comment(self, data: str) -> None:
        if _SUSPECT_COMMENT.search(data):
            self.report("commentaar met opmaak erin: een browser kan het eerder laten eindigen dan deze "
                        "controle (<!-->, --!>, voorwaardelijk commentaar)")

    def handle_decl(self, decl: str) -> None:
        if "[" in decl or "<" in decl:
            self.report("<!DOCTYPE> met eigen definities (entiteiten) is niet toegestaan")

    def unknown_decl(self, data: str) -> None:
        self.report(f"<![{data[:20]}…]> is niet toegestaan: een browser leest het anders dan deze controle")

    def handle_pi(self, data: str) -> None:
        if not re.match(r"xml\s", data):
            self.report(f"verwerkingsinstructie <?{data.split()[0] if data.split() else ''} …?> is niet toegestaan")
            return
        encoding = _XML_ENCODING.search(data)
        if encoding and encoding.group("charset").lower() not in _UTF8:
            self.report(f"tekenset '{encoding.group('charset')}' is niet toegestaan; gebruik UTF-8")

    def close_raw_text(self) -> None:
        """End an open script or style (also one left open at the end of the file) and check it."""
        if self._raw is None:
            return
        name, position, attributes = self._raw
        self._raw = None
        text = "".join(self._raw_text)
        if re.search(rf"</{name}[\s/>]|<!--", text, re.IGNORECASE):
            self.report(f"<{name}> bevat '</{name}' of '<!--': een browser laat het dan anders eindigen", position)
        elif name == "script":
            self.check_script(position, attributes, text)
        else:
            self.check_style(position, text)

    # The checks.

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        local = local_name(name)
        if local.startswith("on"):
            self.report(f"attribuut '{name}' op <{tag}> is niet toegestaan: een event-handler voert code uit")
            return
        if name == "xml:base":
            self.report(f"attribuut 'xml:base' op <{tag}> is niet toegestaan: het verandert waar links heen gaan")
            return
        if local == "style":
            for _, message in css_problems(value):
                self.report(f"style-attribuut op <{tag}>: {message}")
            return
        if local not in URL_ATTRIBUTES:
            return
        for url in srcset_urls(value) if local in SRCSET_ATTRIBUTES else [value]:
            scheme = scheme_of(url)
            if scheme in {"javascript", "vbscript"}:
                self.report(f"{scheme}:-adres in '{name}' op <{tag}> is niet toegestaan")
            elif scheme == "data" and local in NO_DATA_URL.get(local_name(tag), set()):
                self.report(f"data:-adres in '{name}' op <{tag}> is niet toegestaan")

    def check_other_hosts(self, tag: str, attrs: list[tuple[str, str | None]], attributes: dict[str, str | None]) -> None:
        name = local_name(tag)
        rels = set((attributes.get("rel") or "").lower().split())
        for key, value in attrs:
            local = local_name(key)
            if local not in URL_ATTRIBUTES or not value:
                continue
            if local == "cite" or (local == "href" and (name in {"a", "area"} or (name == "link" and rels <= NAVIGATION_RELS))):
                continue  # a link to another site: the visitor chooses to go there
            for url in srcset_urls(value) if local in SRCSET_ATTRIBUTES else [value]:
                if not is_other_host(url) or scheme_of(url) in {"javascript", "vbscript"}:
                    continue  # code in a URL is reported by check_attribute
                if local == "formaction" or (name == "form" and local == "action"):
                    self.report(f"<{tag} {key}=\"{url}\"> stuurt gegevens naar een andere host")
                else:
                    self.report(f"<{tag} {key}=\"{url}\"> laadt iets van een andere host; de site laadt alles zelf")

    def check_animation(self, tag: str, attributes: dict[str, str | None]) -> None:
        target = local_name((attributes.get("attributename") or "").strip().lower())
        if target in URL_ATTRIBUTES or target.startswith("on"):
            self.report(f"<{tag}> verandert '{target}': een animatie mag geen link of event-handler zetten")

    def check_meta(self, attributes: dict[str, str | None]) -> None:
        equiv = (attributes.get("http-equiv") or "").strip().lower()
        content = attributes.get("content") or ""
        if equiv == "refresh":
            match = _REFRESH.match(content)
            url = match.group("url").strip().strip("\"'") if match else ""
            scheme = scheme_of(url)
            if scheme in {"javascript", "vbscript", "data"}:
                self.report(f"{scheme}:-adres in <meta http-equiv=\"refresh\"> is niet toegestaan")
            elif is_other_host(url):
                self.report(f"<meta http-equiv=\"refresh\"> stuurt door naar een andere host: \"{url}\"")
        declared = attributes.get("charset")
        if declared is None and equiv == "content-type":
            found = _CHARSET.search(content)
            declared = found.group("charset") if found else None
        if declared is not None and declared.strip().lower() not in _UTF8:
            self.report(f"tekenset '{declared.strip()}' is niet toegestaan; gebruik UTF-8")

    def check_style(self, position: tuple[int, int], text: str) -> None:
        if self.xml:
            text, markup = xml_text_content(text)
            if markup:
                self.report("<style> in een XML- of SVG-bestand bevat opmaak: een browser leest de CSS dan anders",
                            position)
        for offset, message in css_problems(text):
            self.report(message, advance(position, text[:offset]))

    def check_script(self, position: tuple[int, int], attributes: dict[str, str | None], text: str) -> None:
        if self.xml:
            self.report("<script> in een SVG- of XML-bestand is niet toegestaan", position)
            return
        src = attributes.get("src")
        if attributes.get("href") is not None:
            self.report("<script href> (SVG) is niet toegestaan", position)
            return
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
        problem = self.known.problem(relative)
        if problem:
            self.report(f"<script src=\"{src}\"> {problem}", position)


# --- The site ------------------------------------------------------------------------------------------

def decoded(content: bytes) -> str:
    """The text as a browser decodes it: a byte-order mark decides, else UTF-8 (the only one we allow)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if content.startswith(bom):
            return content[len(bom):].decode(encoding, errors="replace")
    return content.decode("utf-8", errors="replace")


def kind_of(path: Path, text: str) -> str | None:
    """How a browser would treat the file: "script", "css", "xml", "html", or None (not rendered)."""
    suffix = path.suffix.lower()
    if suffix in SCRIPT_SUFFIXES:
        return "script"
    if suffix in CSS_SUFFIXES:
        return "css"
    if suffix in XML_SUFFIXES or (suffix not in HTML_SUFFIXES and _SNIFF_XML.match(text)):
        return "xml"
    if suffix in HTML_SUFFIXES or _SNIFF_MARKUP.match(text):
        return "html"
    return None


def audit_markup(path: Path, text: str, site: Path, known: KnownScripts, base_path: str, xml: bool) -> list[Finding]:
    auditor = _MarkupAuditor(path, site, known, base_path, xml)
    try:
        auditor.feed(text)
        auditor.close()
    except AssertionError:  # html.parser gives up on an unknown <![keyword[ section
        auditor.report("opmaak die deze controle niet kan lezen (<![…[): een browser leest die wel")
    auditor.close_raw_text()  # an unclosed <script> or <style>: still check what it holds
    return auditor.findings


def audit_css(path: Path, text: str) -> list[Finding]:
    findings = []
    for offset, message in css_problems(text):
        line, column = advance((1, 0), text[:offset])
        findings.append(Finding(path, line, column + 1, message))
    return findings


def audit_script_file(path: Path, site: Path, known: KnownScripts) -> list[Finding]:
    problem = known.problem(path.relative_to(site).as_posix())
    return [Finding(path, 1, 1, f"script {problem}")] if problem else []


def audit_site(site: Path, scripts_dir: Path | None = None, site_url: str | None = None) -> tuple[int, list[Finding]]:
    """Scan every file of ``site`` a browser renders; return the number of pages and every finding, sorted.

    ``scripts_dir`` (normally docs/javascripts) lists our own scripts; each one in the site must have
    the same bytes. Without it, any ``javascripts/<name>.js`` of the site is accepted. ``site_url`` is
    where the site is published (THUISBASIS_SITE_URL): root-absolute paths are read below its path.
    """
    base_path = urlsplit(site_url or "/").path or "/"
    base_path = base_path if base_path.endswith("/") else base_path + "/"
    own = {path.name: path.read_bytes() for path in sorted(scripts_dir.glob("*.js"))} if scripts_dir else None
    known = KnownScripts(site, own)
    pages = 0
    findings: list[Finding] = []
    for path in sorted(path for path in site.rglob("*") if path.is_file()):
        with path.open("rb") as file:
            kind = kind_of(path, decoded(file.read(1024)))
        if kind in {"html", "xml"}:
            pages += 1
            findings.extend(audit_markup(path, decoded(path.read_bytes()), site, known, base_path, xml=kind == "xml"))
        elif kind == "css":
            findings.extend(audit_css(path, decoded(path.read_bytes())))
        elif kind == "script":
            findings.extend(audit_script_file(path, site, known))
    return pages, sorted(findings)
