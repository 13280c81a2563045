"""`mkdocs serve --dirty` (what `make serve` runs): after an edit, rebuild only the pages that changed.

MkDocs rebuilds the whole site after every change; with --dirty it skips pages whose source file is
older than their output, but a generated page has no source file, so MkDocs rebuilds every case page
anyway (1,000 cases: about 30 s per edit). Here a generated page counts as modified only when its
rendered Markdown differs from the last successful build's. Validation and rendering still cover every
case (an edit can change overviews and the gap matrix), but MkDocs turns only the changed pages into
HTML. Dirty builds are safe for this site because the navigation holds only the fixed section pages.

Two things a dirty build would miss are handled here: a change to mkdocs.yml or the theme overrides
(every page looks different) empties the site folder, so the next build is complete; and a page that is
no longer generated (a deleted case) has its output removed.

Search: Pagefind indexes the whole site, which takes seconds at 1,000 cases, so while serving it runs
in a background thread after each build; the edited page shows at once and search catches up.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import threading
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from thuisbasis.site.search import SearchIndexError, index_served_site

log = logging.getLogger("mkdocs.plugins.thuisbasis")


class ChangeAwareFile(File):
    """A generated file that MkDocs' dirty build treats as modified only when its content changed."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def content_digest(*parts: str | bytes) -> str:
    """A digest of the parts together; each part's length goes in first, so no two splits of a text agree."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def theme_fingerprint(config: MkDocsConfig) -> tuple[tuple[str, int], ...]:
    """mkdocs.yml and the files of the theme overrides, with their modification times."""
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    custom_dir = config.theme.custom_dir
    if custom_dir:
        paths += sorted(path for path in Path(custom_dir).rglob("*") if path.is_file())
    return tuple((str(path), path.stat().st_mtime_ns) for path in paths if path.exists())


class IncrementalBuilds:
    """What the last successful build generated, to tell MkDocs which generated pages changed."""

    def __init__(self) -> None:
        # src_uri -> the parts and the content digest of the last successful build
        self.built: dict[str, tuple[tuple[str | bytes, ...], str]] = {}
        self.outputs: dict[str, str] = {}  # src_uri -> output path of the last successful build
        self.pending: dict[str, tuple[tuple[str | bytes, ...], str]] = {}
        self.pending_outputs: dict[str, str] = {}
        self.theme: tuple[tuple[str, int], ...] | None = None

    def start(self, config: MkDocsConfig) -> None:
        fingerprint = theme_fingerprint(config)
        if self.theme is not None and fingerprint != self.theme:
            log.info("thuisbasis: mkdocs.yml of het thema is gewijzigd; alle pagina's worden opnieuw gemaakt")
            utils.clean_directory(config.site_dir)
            self.built = {}
            self.outputs = {}
        self.theme = fingerprint
        self.pending = {}
        self.pending_outputs = {}

    def generated(self, config: MkDocsConfig, src_uri: str, content: str | bytes,
                  inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
                  parts: tuple[str | bytes, ...] = ()) -> ChangeAwareFile:
        """``parts``: what the file is made of when that is more than ``content`` (a page's Markdown and its HTML
        blocks). Parts that are the very objects of the last build (the render memo gave them again) are not
        hashed again: the same object has the same text."""
        file = ChangeAwareFile.generated(config, src_uri, content=content, inclusion=inclusion)
        assert isinstance(file, ChangeAwareFile)  # File.generated makes an instance of the class it is called on
        parts = parts or (content,)
        known = self.built.get(src_uri)
        if known is not None and len(known[0]) == len(parts) and all(a is b for a, b in zip(known[0], parts)):
            digest = known[1]
        else:
            digest = content_digest(*parts)
        file.changed = known is None or known[1] != digest or not os.path.exists(file.abs_dest_path)
        self.pending[src_uri] = (parts, digest)
        self.pending_outputs[src_uri] = file.abs_dest_path
        return file

    def finish(self) -> None:
        """After a successful build: remove the output of pages that are no longer generated."""
        for src_uri, output in self.outputs.items():
            if src_uri not in self.pending_outputs and os.path.isfile(output):
                os.remove(output)
        self.built, self.outputs = self.pending, self.pending_outputs

    def forget(self) -> None:
        """After a failed build nothing is known to be written: the next build makes every page."""
        self.built = {}


class LongLivedObjects:
    """Keeps Python's cycle collector off the objects that live for the whole serve session. After the first
    build the catalog, the memos and the compiled theme stay alive across rebuilds, and every full collection
    walked all of them: 0.2 to 0.3 s of a 1.5 to 2 s rebuild at 1,000 cases, at a random moment. Before the
    second build, once the first build's pages are garbage, one collection runs and what is left is frozen
    (``gc.freeze``): later collections walk only what rebuilds make. A frozen object that later dies in a
    reference cycle is not collected; the memos hold their entries in plain references, so little does."""

    def __init__(self) -> None:
        self.builds = 0  # started

    def before_build(self) -> None:
        self.builds += 1
        if self.builds == 2:
            gc.collect()
            gc.freeze()


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per serve session. MkDocs makes a new theme environment for every
    rebuild, and compiling Material's templates again took a tenth of a rebuild at 1,000 cases. Jinja keys
    each entry by the template's name and checks the checksum of its source, so an edited override is
    compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class BackgroundSearchIndex:
    """Runs Pagefind over the served site in a thread; a request while it runs makes it run once more."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._site_dir: Path | None = None
        self._thread: threading.Thread | None = None

    def request(self, site_dir: Path) -> None:
        with self._lock:
            self._site_dir = site_dir
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="thuisbasis-zoekindex", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                site_dir, self._site_dir = self._site_dir, None
                if site_dir is None:
                    self._thread = None
                    return
            try:
                index_served_site(site_dir)
                log.info("thuisbasis: zoekindex bijgewerkt")
            except SearchIndexError as error:
                log.warning(str(error))

    def wait(self, timeout: float | None = None) -> None:
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
