"""View models and URLs: what pages say in words, and where they link."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thuisbasis.derive.evidence import GoalTally
from thuisbasis.render.urls import PAGE_SIZE, directory_url, link, md_link, page_numbered, relative_path
from thuisbasis.render.views import describe_tally


@pytest.mark.parametrize(
    ("tally", "text"),
    [
        (GoalTally(0, 0, 0, 0), "Er zijn geen doelen beschreven."),
        (GoalTally(1, 0, 0, 1), "Het doel heeft nog geen meting."),
        (GoalTally(3, 0, 0, 3), "De 3 doelen hebben nog geen meting."),
        (GoalTally(1, 1, 0, 0), "Het gemeten doel is gehaald."),
        (GoalTally(2, 1, 0, 1), "Het gemeten doel is gehaald. 1 doel heeft nog geen meting."),
        (GoalTally(1, 0, 1, 0), "Het gemeten doel is niet gehaald."),
        (GoalTally(3, 3, 0, 0), "Alle 3 gemeten doelen zijn gehaald."),
        (GoalTally(5, 1, 2, 2), "1 van de 3 gemeten doelen is gehaald. 2 doelen hebben nog geen meting."),
        (GoalTally(4, 2, 2, 0), "2 van de 4 gemeten doelen zijn gehaald."),
    ],
)
def test_goal_tally_reads_as_plain_dutch(tally: GoalTally, text: str) -> None:
    assert describe_tally(tally) == text


@pytest.mark.parametrize(
    ("page", "url"),
    [("index.md", ""), ("casussen/index.md", "casussen/"), ("casussen/x.md", "casussen/x/"),
     ("woonvormen/woningdelen/pagina-2.md", "woonvormen/woningdelen/pagina-2/")],
)
def test_directory_urls(page: str, url: str) -> None:
    assert directory_url(page) == url


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("casussen/a.md", "casussen/b.md", "../b/"),
        ("casussen/index.md", "casussen/b.md", "b/"),
        ("index.md", "casussen/index.md", "casussen/"),
        ("woonvormen/woningdelen.md", "casussen/x.md", "../../casussen/x/"),
        ("casussen/a.md", "data/cases.json", "../../data/cases.json"),
        ("index.md", "data/cases.json", "data/cases.json"),
        ("casussen/a.md", "index.md", "../../"),
        ("woonvormen/woningdelen/pagina-2.md", "woonvormen/woningdelen.md", "../"),
    ],
)
def test_links_between_generated_pages_are_relative(source: str, target: str, expected: str) -> None:
    assert link(source, target) == expected


paths = st.lists(st.sampled_from(["casussen", "x", "index", "data", "a.json", ".", "..", ""]), max_size=4).map(
    "/".join) | st.just(".")


@settings(max_examples=300, derandomize=True, database=None)
@given(paths, paths, st.booleans())
def test_relative_paths_are_those_of_posixpath(path: str, start: str, absolute: bool) -> None:
    path = f"/{path}" if absolute else path or "."
    assert relative_path(path, start or ".") == posixpath.relpath(path, start or ".")


def test_markdown_links_point_at_source_files() -> None:
    assert md_link("casussen/index.md", "bewijs/index.md") == "../bewijs/index.md"
    assert md_link("index.md", "data/cases.json") == "data/cases.json"


def test_list_pages_are_numbered_below_the_first() -> None:
    assert page_numbered("woonvormen/woningdelen.md", 1) == "woonvormen/woningdelen.md"
    assert page_numbered("woonvormen/woningdelen.md", 2) == "woonvormen/woningdelen/pagina-2.md"
    assert page_numbered("casussen/index.md", 3) == "casussen/pagina-3.md"
    assert PAGE_SIZE == 50
