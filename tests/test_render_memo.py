"""scripts/thuisbasis/render/memo.py: while serving, a render reuses what its inputs did not change, and
gives the very bytes a render without the memo gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from conftest import TODAY
from thuisbasis.model.cases import Catalog
from thuisbasis.model.catalog import load_catalog
from thuisbasis.render import RenderedSite, render_site
from thuisbasis.render import memo as memo_module
from thuisbasis.render.memo import RenderMemo, Same, Unseen, fingerprint

T = TypeVar("T")
CASES = Path(__file__).parents[1] / "cases"


@pytest.fixture(scope="module")
def real() -> Catalog:
    catalog = load_catalog(CASES, today=TODAY)[0]
    assert catalog is not None
    return catalog


def everything(site: RenderedSite) -> tuple[dict[str, tuple[str, tuple[str, ...]]], dict[str, str]]:
    return {page.path: (page.markdown, page.html_blocks) for page in site.pages}, dict(site.data)


class Counting(RenderMemo):
    """A memo that writes down what it had to make."""

    def __init__(self) -> None:
        super().__init__()
        self.made_now: list[str] = []

    def made(self, name: str, inputs: Any, make: Callable[[], T]) -> T:
        def counted() -> T:
            self.made_now.append(name)
            return make()
        return super().made(name, inputs, counted)


def with_title(catalog: Catalog, index: int, title: str) -> Catalog:
    edited = dataclasses.replace(catalog.cases[index], title=title)
    return dataclasses.replace(catalog, cases=(*catalog.cases[:index], edited, *catalog.cases[index + 1:]))


def test_with_the_memo_every_page_and_file_is_the_same_bytes(real: Catalog) -> None:
    memo = RenderMemo()
    expected = everything(render_site(real, TODAY))
    assert everything(render_site(real, TODAY, memo=memo)) == expected  # made
    assert everything(render_site(real, TODAY, memo=memo)) == expected  # reused
    changed = with_title(real, 3, "Een andere titel")
    assert everything(render_site(changed, TODAY, memo=memo)) == everything(render_site(changed, TODAY))
    later = TODAY + dt.timedelta(days=800)  # reviews go stale: views, badges and lists change
    assert everything(render_site(changed, later, memo=memo)) == everything(render_site(changed, later))


def test_an_unchanged_catalog_makes_nothing_again(real: Catalog) -> None:
    memo = Counting()
    render_site(real, TODAY, memo=memo)
    assert len(memo.made_now) > len(real.cases) * 3  # the first render makes every page and piece
    memo.made_now.clear()
    render_site(real, TODAY, memo=memo)
    assert memo.made_now == []


def test_an_edited_title_makes_again_only_what_shows_that_case(real: Catalog) -> None:
    memo = Counting()
    render_site(real, TODAY, memo=memo)
    memo.made_now.clear()
    case = real.cases[0]
    site = render_site(with_title(real, 0, "Een andere titel"), TODAY, memo=memo)
    made = set(memo.made_now)
    assert f"casussen/{case.id}.md" in made and "casussen/index.md" in made
    assert {"case_record", "search_record", "case_csv_line", "feed_entry"} <= made  # the case's own pieces
    pages_with_the_case = {page.path for page in site.pages if case.id in page.content}
    made_pages = {name for name in made if name.endswith(".md")}
    assert made_pages <= pages_with_the_case | {"casussen/zoeken.md", "landelijk-beeld.md"}  # lists by title
    assert len(made_pages) < len(site.pages) / 5
    other_cases = {f"casussen/{other.id}.md" for other in real.cases[1:]}
    related = {f"casussen/{other.id}.md" for other in real.cases if case.id in other.see_also}
    assert not (made_pages & (other_cases - related))  # another case's page shows this one only as related


def test_another_day_makes_every_case_page_again(real: Catalog) -> None:
    memo = Counting()
    render_site(real, TODAY, memo=memo)
    memo.made_now.clear()
    render_site(real, TODAY + dt.timedelta(days=1), memo=memo)
    assert {f"casussen/{case.id}.md" for case in real.cases} <= set(memo.made_now)  # staleness depends on the day


def test_an_edited_template_makes_everything_again(real: Catalog, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo_module, "TEMPLATE_DIR", tmp_path)
    template = tmp_path / "case.md.j2"
    template.write_text("{{ view }}", encoding="utf-8")
    memo = Counting()
    render_site(real, TODAY, memo=memo)
    memo.made_now.clear()
    later = template.stat().st_mtime_ns + 10**9
    os.utime(template, ns=(later, later))
    render_site(real, TODAY, memo=memo)
    assert len(memo.made_now) > len(real.cases) * 3


def test_only_what_the_last_render_used_is_kept(real: Catalog) -> None:
    memo = Counting()
    render_site(real, TODAY, memo=memo)
    fewer = dataclasses.replace(real, cases=real.cases[1:])
    render_site(fewer, TODAY, memo=memo)
    memo.made_now.clear()
    render_site(real, TODAY, memo=memo)  # the removed case is back: its page is made again, not remembered
    assert f"casussen/{real.cases[0].id}.md" in memo.made_now


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str
    parts: tuple[int, ...]
    helper: Callable[[], int] = dataclasses.field(default=lambda: 1, compare=False)


@dataclasses.dataclass
class Mutable:
    name: str


def test_fingerprints_compare_values_and_views_by_identity(real: Catalog) -> None:
    assert fingerprint(Frozen("a", (1, 2))) == fingerprint(Frozen("a", (1, 2)))
    assert fingerprint(Frozen("a", (1, 2))) != fingerprint(Frozen("a", (1, 3)))
    assert fingerprint([1, "x"]) != fingerprint((1, "x"))  # a list and a tuple may render differently
    assert fingerprint(Frozen("a", (1,), helper=lambda: 2)) == fingerprint(Frozen("a", (1,)))  # compare=False
    case = real.cases[0]
    copy = dataclasses.replace(case)
    assert copy == case and fingerprint(copy) != fingerprint(case)  # cases by identity: the memo's models
    assert fingerprint({"case": case}) == fingerprint({"case": case})
    with pytest.raises(Unseen):
        fingerprint({"thing": Mutable("a")})  # can change in place: never a key


def test_a_same_key_holds_its_object() -> None:
    key = Same([1, 2])
    assert key == Same(key.item) and key != Same([1, 2]) and hash(key) == id(key.item)


def test_a_page_whose_context_cannot_be_fingerprinted_is_made_every_time() -> None:
    memo = RenderMemo()
    memo.start()
    made: list[str] = []
    for _ in range(2):
        memo.page("x.md.j2", "x.md", {"thing": Mutable("a")}, lambda: made.append("x") or "X")
    assert made == ["x", "x"]
