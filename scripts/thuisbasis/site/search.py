"""Site search: a Pagefind index of the built site, behind Material's search dialog.

Material's own search downloads its whole lunr index before the first result (6 MB gzipped at 5,000
pages) and rebuilds it in the browser on every page. Pagefind splits the index into chunks and page
fragments and a query downloads only what it needs, with Dutch stemming (docs/dev/performance.md,
"Search"). Material's dialog stays: docs/javascripts/zoekmachine.js is a search worker that speaks
Material's protocol and asks Pagefind. Material's search plugin is kept for the dialog only; every page
is left out of its index, so search_index.json holds just its settings.

Pagefind indexes what is inside ``data-pagefind-body`` (the article, overrides/main.html), without
the elements below: permalink signs, the edit button, the visuals that are hidden from screen readers
because their facts are in the text next to them, and the case cards on list pages. A card repeats
its case's title and summary; with 5,000 cases the lists hold those words again on hundreds of pages,
which made the index chunks a query downloads larger and put list pages among the results, where the
case itself belongs. Likewise the citation and licence lines at the foot of every case page ("Zo verwijs
je naar deze casus"): some eighty words, the same on every case, which put every case
among the results for "licentie" or "Thuisbasis". And the two summaries at the top of a case page, the
answers "Werkt het? Hoe zeker? Wat kost het? Hoe actueel?" and the glance at its evidence, goals, key
figures and costs: their facts stand in full further down the page (goals and results, costs, evaluation
and recognition), in sentences that are largely the same on every case ("Er is geen evaluatie met een
uitkomst ..."); leaving them out made the largest first query at 5,000 cases 308 KB instead of 292 KB
(docs/dev/performance.md). The filter that names the case (``casus``) sits on the facts list, which is
indexed. Further down a case page, the same holds for what repeats other pages or is the same on every case
with such a block: the titles under "Zie ook" (each case has its own page), the checklists that share an
ingredient, the national figures a case cites (the national page has them, with sources), and the caption and
column heads of the goals and costs tables ("Indicator Nulmeting Streefwaarde ...", which Pagefind wrote as
one run-together word, and which put every case with a table among the results for "streefwaarde"). Pagefind
holds every word of every page until it writes the index, so this also lowered its peak memory by about
6 % (docs/dev/performance.md, "What the search leaves out").
"""

from __future__ import annotations

import base64
import collections
import contextlib
import io
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import IO, Any, cast

from pagefind.service import get_executable

LANGUAGE = "nl"
INDEX_FOLDER = "pagefind"
NOT_FOUND_PAGE = "404.html"  # at the root of the site (MkDocs' static template)
LEFT_OUT = (".headerlink", ".md-content__button", "[aria-hidden='true']", ".tb-cards", ".tb-cite", ".tb-licence",
            ".tb-answers", ".tb-glance", ".tb-see-also", ".tb-case-checklists", ".tb-national",
            ".tb-goal caption", ".tb-goal thead", ".tb-cost-table caption", ".tb-cost-table thead")


INDEX_CONFIG = {"force_language": LANGUAGE, "exclude_selectors": list(LEFT_OUT)}
REPLY_TIMEOUT_S = 600
IN_FLIGHT = 64  # pages sent to Pagefind that SearchIndex.add lets wait for an answer
# Pagefind's allocator (jemalloc, with the prefix of Rust's tikv-jemallocator) keeps freed memory for ten seconds
# before it gives it back; building the index frees and allocates a lot, so its peak held freed memory too. Given
# back at once, the peak of a 1,000-case index is 261 MB instead of 319 MB, the index the same (performance.md).
ALLOCATOR_SETTINGS = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
BODY_START = "<div data-pagefind-body"  # overrides/main.html
DIV_TAG = re.compile(r"<div[\s>]|</div>")


def searchable_part(html: str) -> str:
    """The page as Pagefind reads it: only the element marked ``data-pagefind-body`` (with the ``nl`` of
    the page), not the header, navigation, footer and scripts around it, which Pagefind would parse and
    leave out. The element ends at the ``</div>`` that closes it (generated HTML escapes every ``<`` in
    text and attributes); a page without it, or where its end is not found, is sent whole."""
    start = html.find(BODY_START)
    if start < 0:
        return html
    depth = 0
    for tag in DIV_TAG.finditer(html, start):
        depth += -1 if tag.group() == "</div>" else 1
        if depth == 0:
            return f'<!DOCTYPE html><html lang="{LANGUAGE}"><body>{html[start:tag.end()]}</body></html>'
    return html


def pagefind_environment() -> dict[str, str]:
    """This process's environment with ``ALLOCATOR_SETTINGS`` added; options someone set there themselves come
    after ours, so theirs count (jemalloc takes the last value of an option)."""
    environment = dict(os.environ)
    for name, settings in ALLOCATOR_SETTINGS.items():
        own = environment.get(name)
        environment[name] = f"{settings},{own}" if own else settings
    return environment


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site; the message says why, in Dutch."""


class PagefindService:
    """A small client for ``pagefind --service``, the binary's own interface for the official wrappers.

    Each message is base64-encoded JSON followed by a comma, both ways; replies carry the message id.
    The pagefind Python package wraps the same protocol, but its reader waits 0.1 s before each reply,
    which makes 1,000 pages take 100 s. Here one thread writes the queued messages and another reads
    the replies as they come, so the caller never waits for Pagefind until it asks for a result.
    """

    def __init__(self) -> None:
        executable = get_executable()
        if executable is None:
            raise SearchIndexError("thuisbasis: Pagefind is niet geïnstalleerd (pakket pagefind[bin])")
        self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,  # noqa: S603
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                         env=pagefind_environment())
        self._replies: dict[int, Future[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self._last_id = 0
        self._outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._writer = threading.Thread(target=self._write, name="pagefind-write", daemon=True)
        self._reader = threading.Thread(target=self._read, name="pagefind-read", daemon=True)
        self._writer.start()
        self._reader.start()

    def request(self, payload: dict[str, Any]) -> Future[dict[str, Any]]:
        """Queue ``payload``; the future gets Pagefind's reply (or an exception)."""
        future: Future[dict[str, Any]] = Future()
        with self._lock:
            self._last_id += 1
            self._replies[self._last_id] = future
            message = {"message_id": self._last_id, "payload": payload}
        self._outbox.put(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
        return future

    def reply(self, future: Future[dict[str, Any]], timeout: float = REPLY_TIMEOUT_S) -> dict[str, Any]:
        """Wait for ``future``'s reply. When Pagefind has stopped (its process ended or its output closed),
        waiting ends two seconds later, even if a copy of the pipe somewhere keeps the output open."""
        deadline = time.monotonic() + timeout
        stopped_at: float | None = None
        while True:
            try:
                return future.result(timeout=0.2)
            except FutureTimeout:
                if stopped_at is None and (not self._reader.is_alive() or self._process.poll() is not None):
                    stopped_at = time.monotonic()  # replies already on their way still get a moment
                if stopped_at is not None and time.monotonic() > stopped_at + 2:
                    raise SearchIndexError("Pagefind stopte onverwacht") from None
                if time.monotonic() > deadline:
                    raise SearchIndexError(f"Pagefind antwoordde niet binnen {timeout:.0f} seconden") from None

    def _write(self) -> None:
        stdin = cast(IO[bytes], self._process.stdin)  # set: stdin=PIPE
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(message)
                stdin.flush()
            stdin.close()
        except (OSError, ValueError):  # a broken or closed pipe
            self._fail_all("Pagefind stopte onverwacht")

    def _read(self) -> None:
        stdout = cast(io.BufferedReader, self._process.stdout)  # set: stdout=PIPE
        pending: list[bytes] = []  # the start of a message whose comma has not come yet
        try:
            while chunk := stdout.read1(1 << 16):
                *complete, rest = chunk.split(b",")  # only the new bytes are searched: a long reply stays linear
                if complete:
                    complete[0] = b"".join([*pending, complete[0]])
                    pending = []
                    for part in complete:
                        if part.strip():
                            self._resolve(json.loads(base64.b64decode(part)))
                if rest:
                    pending.append(rest)
        except (OSError, ValueError):  # a closed pipe, or output that is not the protocol
            pass
        finally:  # nothing more will be answered
            self._fail_all("Pagefind stopte onverwacht")

    def _resolve(self, reply: dict[str, Any]) -> None:
        payload = reply.get("payload") or {}
        message_id = reply.get("message_id")
        if message_id is None and payload.get("original_message"):  # a message Pagefind could not read
            message_id = json.loads(payload["original_message"]).get("message_id")
        if not isinstance(message_id, int):
            return  # not an answer to a message of ours
        with self._lock:
            future = self._replies.pop(message_id, None)
        if future is None:
            return
        if payload.get("type") == "Error":
            future.set_exception(SearchIndexError(str(payload.get("message"))))
        else:
            future.set_result(payload)

    def _fail_all(self, reason: str) -> None:
        with self._lock:
            waiting, self._replies = list(self._replies.values()), {}
        for future in waiting:
            if not future.done():
                future.set_exception(SearchIndexError(reason))

    def close(self) -> None:
        self._outbox.put(None)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._writer.join(5)
        self._reader.join(5)
        for pipe in (self._process.stdin, self._process.stdout):
            if pipe is not None and not pipe.closed:
                with contextlib.suppress(OSError):  # a pipe to a Pagefind that stopped
                    pipe.close()


class SearchIndex:
    """One Pagefind index: give it pages with ``add`` (``index_site``) or a whole built folder with
    ``add_folder`` (while serving), then ``write`` once; or ``close`` after a failure.

    Pagefind runs in its own process and parses each page on the other core while this one reads the next.
    At most ``IN_FLIGHT`` pages wait for Pagefind's answer: the queue to Pagefind, which holds each page's
    text, stays small however large the site is.
    """

    def __init__(self) -> None:
        self._service: PagefindService | None = PagefindService()
        self._added: collections.deque[Future[dict[str, Any]]] = collections.deque()  # replies still to come
        self._indexed = False  # a reply said a page was indexed
        try:
            reply = self._service.reply(self._service.request({"type": "NewIndex", "config": INDEX_CONFIG}))
        except Exception as error:
            self.close()
            raise SearchIndexError(f"thuisbasis: de zoekindex kon niet worden gestart (Pagefind): {error}") from error
        self._index_id = reply["index_id"]

    def add(self, html: str, url: str) -> None:
        """Send one page: its HTML and its URL from the site root. Only the part Pagefind reads is sent
        (``searchable_part``). Waits for the oldest answer when ``IN_FLIGHT`` pages are waiting; a page
        Pagefind refused closes the index and raises."""
        service = self._open_service()
        self._added.append(service.request({"type": "AddFile", "index_id": self._index_id, "url": url,
                                            "file_path": None, "file_contents": searchable_part(html)}))
        if len(self._added) > IN_FLIGHT:
            try:
                self._take_oldest_reply(service)
            except Exception as error:
                self.close()
                raise SearchIndexError(f"thuisbasis: de zoekindex kon niet worden gemaakt (Pagefind): {error}") from error

    def add_folder(self, site_dir: Path) -> None:
        """Let Pagefind read every HTML file in ``site_dir`` itself, as its command line does with --site
        (while serving: faster, but the order of the pages in the index is not fixed)."""
        service = self._open_service()
        self._added.append(service.request(
            {"type": "AddDir", "index_id": self._index_id, "path": str(site_dir.resolve()), "glob": None}))

    def write(self, site_dir: Path, *, replace: bool = False) -> None:
        """Wait for every page, then write the index to ``site_dir/pagefind``; with ``replace``, an index
        already there is removed first (once the new one is made), so none of its files stays behind.

        Pagefind hands the files over (GetFiles) and this process writes them. Pagefind's own WriteFiles
        answered before its last writes had finished, and the service then stopped: on a busy machine a
        script was cut short at a multiple of 16 KiB (pagefind-component-ui.js at 160 of 171 KiB)."""
        folder = (site_dir / INDEX_FOLDER).resolve()
        files = self.files(site_dir)
        targets = {}
        for name in files:
            path = (folder / name).resolve()
            if not path.is_relative_to(folder):
                raise SearchIndexError(f"thuisbasis: Pagefind noemde een bestand buiten {folder}: {name}")
            targets[name] = path
        if replace and folder.is_dir():
            shutil.rmtree(folder)
        for name, content in files.items():
            targets[name].parent.mkdir(parents=True, exist_ok=True)
            targets[name].write_bytes(content)

    def files(self, site_dir: Path | None = None) -> dict[str, bytes]:
        """The index's files by their path in ``pagefind/`` (Pagefind's GetFiles), without writing them."""
        reply = self._finish({"type": "GetFiles"}, site_dir)
        return {str(file["path"]): base64.b64decode(file["content"]) for file in reply.get("files", [])}

    def _finish(self, last: dict[str, Any], site_dir: Path | None = None) -> dict[str, Any]:
        """Wait for every page (at least one), send ``last`` for this index and return its reply; the
        service is closed after, whatever happened."""
        service = self._open_service()
        try:
            while self._added:
                self._take_oldest_reply(service)
            if not self._indexed:
                raise SearchIndexError(f"geen HTML-pagina's gevonden in {site_dir or 'de zoekindex'}")
            return service.reply(service.request({**last, "index_id": self._index_id}))
        except Exception as error:
            raise SearchIndexError(f"thuisbasis: de zoekindex kon niet worden gemaakt (Pagefind): {error}") from error
        finally:
            self.close()

    def _take_oldest_reply(self, service: PagefindService) -> None:
        """Wait for the oldest reply still to come and note whether it indexed a page; raises a refusal."""
        self._indexed = indexed_something(service.reply(self._added.popleft())) or self._indexed

    def _open_service(self) -> PagefindService:
        if self._service is None:
            raise SearchIndexError("thuisbasis: de zoekindex is al geschreven of gesloten")
        return self._service

    def close(self) -> None:
        service, self._service = self._service, None
        if service is not None:
            service.close()


def indexed_something(reply: dict[str, Any]) -> bool:
    """Whether Pagefind's reply to AddFile or AddDir says it indexed a page."""
    return reply.get("type") == "IndexedFile" or bool(reply.get("page_count"))


def searchable_pages(site_dir: Path) -> Iterator[tuple[str, str]]:
    """Every built page Pagefind indexes, as its URL from the site root and its HTML, in the order of their
    paths, outside the index's own folder. As Pagefind itself does: the pages with the search body
    (overrides/main.html) if any page has one, else every page. Page 2 and on of a list has no search body
    (front matter ``zoekindex: nee``); the 404 page is never indexed (nor was it ever a page to MkDocs)."""
    unmarked: list[Path] = []
    marked = False
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] == INDEX_FOLDER:
            continue
        html = read_page(path)
        if BODY_START in html:
            marked = True
            yield page_url(site_dir, path), html
        elif not marked and path != site_dir / NOT_FOUND_PAGE:
            unmarked.append(path)
    if not marked:
        for path in unmarked:
            yield page_url(site_dir, path), read_page(path)


def read_page(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = "geen UTF-8" if isinstance(error, UnicodeDecodeError) else (error.strerror or type(error).__name__)
        raise SearchIndexError(f"thuisbasis: {path} kon niet worden gelezen voor de zoekindex: {reason}") from error


def page_url(site_dir: Path, path: Path) -> str:
    """The address of a built page from the site root: a folder's index.html is the folder."""
    relative = path.relative_to(site_dir)
    if path.name == "index.html":
        return "/" if relative.parent == Path(".") else f"/{relative.parent.as_posix()}/"
    return f"/{relative.as_posix()}"


def index_site(site_dir: Path) -> int:
    """Write the Pagefind index of the site built in ``site_dir`` to ``site_dir/pagefind``: the pipeline's
    step after ``mkdocs build`` (``thuisbasis index``). The pages go to Pagefind one by one in the order of
    their paths, so two builds of the same site give the same index. Returns the number of pages indexed.

    The build has ended by then, so Pagefind's peak memory (building the index) no longer comes on top of
    MkDocs' (docs/dev/performance.md, "The search index after the build")."""
    if not site_dir.is_dir():
        raise SearchIndexError(f"thuisbasis: de map {site_dir} bestaat niet; bouw eerst de site (mkdocs build)")
    index = SearchIndex()
    pages = 0
    try:
        for url, html in searchable_pages(site_dir):
            index.add(html, url)
            pages += 1
    except BaseException:
        index.close()
        raise
    index.write(site_dir, replace=True)  # a page left out since the last run leaves nothing behind
    return pages


def index_served_site(site_dir: Path) -> None:
    """While serving: Pagefind reads every HTML file in ``site_dir`` itself and writes the index to
    ``site_dir/pagefind``."""
    index = SearchIndex()
    index.add_folder(site_dir)
    index.write(site_dir)
