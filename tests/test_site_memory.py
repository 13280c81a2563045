"""scripts/thuisbasis/site/memory.py: the built pages are let go, and freed memory goes back to the system.

That a real build still writes its search index after the pages are released is checked by the site
builds in tests/test_site_build.py (which search the built index).
"""

from __future__ import annotations

import os
import platform
import weakref
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from thuisbasis.site import memory
from thuisbasis.site.memory import give_freed_memory_back, release_built_pages


def resident_mb() -> float:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def generated(path: str, content: str) -> File:
    """A file made in memory by a plugin, as File.generated makes it during a build."""
    file = File(path, src_dir=None, dest_dir="/site", use_directory_urls=True)
    file.content_string = content
    file.generated_by = "thuisbasis"
    return file


def test_release_drops_each_pages_markdown_and_html_and_generated_content() -> None:
    config = MkDocsConfig()
    case, data = generated("casussen/a.md", "# A\n"), generated("data/casussen.json", '{"casussen": []}')
    page = Page("A", case, config)
    page.markdown, page.content = "# A\n", "<h1>A</h1>"
    release_built_pages(Files([case, data]))
    assert page.markdown is None  # a page the navigation still holds keeps neither
    assert page.content is None
    assert case.content_bytes == b"" and data.content_bytes == b""


def test_release_lets_go_of_pages_nothing_else_holds() -> None:
    file = generated("casussen/a.md", "# A\n")
    page = Page("A", file, MkDocsConfig())
    page.markdown, page.content = "# A\n", "<h1>A</h1>"
    released = weakref.ref(page)
    del page
    release_built_pages(Files([file]))
    assert file.page is None
    assert released() is None  # freed at once: the file held it, and it holds the file (no cycle left)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_freed_memory_goes_back_to_the_system() -> None:
    # Blocks of 50 KB come from the C heap, not the mmap'ed blocks that are returned when freed; keeping every
    # tenth one fragments the heap, so that freeing the rest lowers the resident memory only when it is trimmed.
    blocks = [bytearray(50_000) for _ in range(3_000)]
    for block in blocks:
        block[::4096] = b"x" * len(block[::4096])  # touched: resident
    kept = blocks[::10]
    del blocks
    before = resident_mb()
    assert give_freed_memory_back()
    after = resident_mb()
    assert before - after > 60, (before, after)
    assert len(kept) == 300


@pytest.mark.parametrize("error", [AttributeError("no malloc_trim"), OSError("no C library"), TypeError("Windows")])
def test_without_malloc_trim_nothing_is_given_back_and_nothing_fails(monkeypatch: pytest.MonkeyPatch,
                                                                     error: Exception) -> None:
    def unavailable(name: object) -> object:
        raise error

    monkeypatch.setattr(memory.ctypes, "CDLL", unavailable)
    assert give_freed_memory_back() is False
