"""View models and URLs: what pages say in words, and where they link."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import thuisbasis.render
from thuisbasis.derive.evidence import GoalTally
from thuisbasis.derive.staleness import REVIEW_YEARS
from thuisbasis.derive.verdict import Verdict
from thuisbasis.render.markup import count_nl
from thuisbasis.render.views import describe_tally, verdict_answer
from thuisbasis.urls import (
    FIXED_PAGES,
    PAGE_SIZE,
    PAGES,
    directory_url,
    link,
    md_link,
    md_url,
    page_numbered,
    relative_path,
    url,
)


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


def test_counts_in_running_text_are_dutch_words_up_to_twelve() -> None:
    assert [count_nl(number) for number in (0, 1, 2, 12, 13, 1500)] == ["nul", "een", "twee", "twaalf", "13", "1.500"]


def test_the_review_notice_says_the_review_period_in_words() -> None:
    """'meer dan twee jaar' on a case page comes from staleness.REVIEW_YEARS, not from the template."""
    template = (Path(thuisbasis.render.__file__).parent / "templates" / "case.md.j2").read_text(encoding="utf-8")
    assert "twee jaar" not in template
    assert f"meer dan {count_nl(REVIEW_YEARS)} jaar" == "meer dan twee jaar"


def test_fixed_pages_are_named_in_one_place() -> None:
    assert url("casussen/x.md", "search") == "../zoeken/"
    assert url("index.md", "search_index") == "data/zoekindex.json"
    assert md_url("casussen/index.md", "methodology") == "../bewijs/index.md"
    fixed = {PAGES[name] for name in ("search", "compare", "trainers", "matrix", "matrix_groups")}
    assert fixed == FIXED_PAGES


def test_no_template_writes_a_page_path_or_the_number_of_levels() -> None:
    """Paths come from urls.py (url, link), the number of levels from derive/evidence.py LEVELS."""
    for template in (Path(thuisbasis.render.__file__).parent / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.findall(r"'[\w/.-]+\.(?:md|json|csv)'", text), template.name
        assert "van 5" not in text, template.name


def test_a_verdict_that_rests_on_the_partners_alone_says_so() -> None:
    own = verdict_answer(Verdict("positief", "Werkt", "Op grond van het doel.", self_reported=True))
    assert (own.label, own.qualifier) == ("Werkt", "volgens de organisatie zelf")
    unknown = verdict_answer(Verdict("nog-niet-bekend", "Nog niet bekend", "Er is niets.", self_reported=True))
    assert unknown.qualifier == ""
    independent = verdict_answer(Verdict("negatief", "Werkt niet", "Volgens de evaluatie."))
    assert independent.qualifier == ""


@pytest.mark.parametrize(("dates", "said"), [
    (["onbekend"], "Hoe oud de bronnen zijn, is niet bekend"),
    (["2016-05"], "De bronnen zijn oud"),
    (["2026"], None),
])
def test_how_current_says_old_only_when_a_source_date_shows_it(dates: list[str], said: str | None) -> None:
    """An undated source is not known to be old: the answer says that the age is unknown, not that it is old."""
    import dataclasses
    import datetime as dt

    from conftest import TODAY, VALID_CASE
    from thuisbasis.model.catalog import load_catalog
    from thuisbasis.render.views import currency_answer

    catalog, _ = load_catalog(VALID_CASE.parent, today=TODAY)
    assert catalog is not None
    case = next(case for case in catalog.cases if case.id == VALID_CASE.stem)
    case = dataclasses.replace(case, sources=tuple(dataclasses.replace(case.sources[0], date=date) for date in dates))
    sentence = currency_answer(case, dt.date(2026, 12, 3)).sentence
    for phrase in ("Hoe oud de bronnen zijn, is niet bekend", "De bronnen zijn oud"):
        assert (phrase in sentence) is (phrase == said), sentence
