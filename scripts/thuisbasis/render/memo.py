"""Render memo: what the previous ``render_site`` call made, for ``mkdocs serve``, which renders the whole site
after every edit. With it, a rebuild renders only the pages and data files whose inputs changed.

A page is made from its template, its context and the templates on disk; a data file from the views it lists.
The memo keys each on exactly those inputs (and forgets everything when a template changed on disk), so
what it gives is what rendering would make:

- a case's view is kept while the case object and the day are the same: the loader gives the same ``Case``
  for a file whose bytes did not change (``model.catalog.CaseModels``), and a frozen case cannot change in
  place; staleness depends on the day;
- a page's key is its template, its path and a fingerprint of its context: views, cases and functions (the
  evidence levels' rules) by identity (``Same``), everything else by value, walked through tuples, lists,
  dicts and frozen dataclasses (their fields that take part in comparison: one with ``compare=False`` must
  not be shown on a page). A context with anything else in it (a mutable object the memo cannot see into)
  is not memoised: rendered every time. What the memo gave (a page, a piece, a synthesis) stands for
  itself in later keys, so it must not change after it is made.

Only what the last render used is kept, so the memo holds one site's pages, not every version of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path, PurePath
from types import FunctionType
from typing import Any, TypeVar

from thuisbasis.model.cases import Case
from thuisbasis.render.views import CaseView

T = TypeVar("T")
TEMPLATE_DIR = Path(__file__).parent / "templates"
_PLAIN = (str, int, float, bool, type(None), dt.date, PurePath, Enum)
_SAME = (CaseView, Case, FunctionType)  # a function: the same object does the same (module-level rules)


class Same:
    """A key part equal only to a wrapper of the very same object. It holds the object, so while a key
    lives its object cannot be freed and its id given to another one."""

    __slots__ = ("item",)

    def __init__(self, item: object) -> None:
        self.item = item

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.item is self.item

    def __hash__(self) -> int:
        return id(self.item)


class _Key:
    """A memo key that works out its (deep) hash once, not at every lookup."""

    __slots__ = ("hash", "parts")

    def __init__(self, parts: tuple[Any, ...]) -> None:
        self.parts = parts
        self.hash = hash(parts)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and other.hash == self.hash and other.parts == self.parts

    def __hash__(self) -> int:
        return self.hash


_MISSING: Any = object()


class Unseen(Exception):
    """The context holds a value the memo cannot fingerprint: render the page without the memo."""


class Fingerprints:
    """Makes fingerprints (``fingerprint``) for one render. A frozen dataclass cannot change, so the
    fingerprint of one shared object (a checklist on every case page, a term on every card) is made once;
    the cache holds each object, so its id is not given to another one while the cache lives."""

    def __init__(self) -> None:
        self._made: dict[int, tuple[object, Any]] = {}

    def by_identity(self, value: object) -> None:
        """From now on ``value`` stands for itself: an object the memo gave (made from inputs that were keyed,
        and immutable) is the same exactly when it is the same object."""
        if not isinstance(value, _PLAIN):
            self._made[id(value)] = (value, Same(value))

    def of(self, value: Any) -> Any:
        if isinstance(value, _PLAIN):
            return value
        if isinstance(value, _SAME):
            return Same(value)
        known = self._made.get(id(value))
        if known is not None:
            return known[1]
        if isinstance(value, (tuple, list)):
            return (type(value), tuple(self.of(item) for item in value))
        if isinstance(value, Mapping):
            return (dict, tuple((key, self.of(item)) for key, item in value.items()))
        names = _frozen_fields(type(value))
        if names is None:
            raise Unseen(type(value).__name__)
        found = (type(value), tuple(self.of(getattr(value, name)) for name in names))
        self._made[id(value)] = (value, found)
        return found


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _frozen_fields(kind: type) -> tuple[str, ...] | None:
    """The names of the fields that take part in comparison, for a frozen dataclass; None for any other type."""
    if kind not in _FIELDS:
        params = getattr(kind, "__dataclass_params__", None)
        _FIELDS[kind] = (tuple(field.name for field in dataclasses.fields(kind) if field.compare)
                         if params is not None and params.frozen else None)
    return _FIELDS[kind]


def fingerprint(value: Any) -> Any:
    """A hashable stand-in for ``value`` that is equal for two values exactly when rendering them gives the
    same text (views, cases and functions by identity, the rest by value). Raises ``Unseen`` for anything else."""
    return Fingerprints().of(value)


def templates_on_disk() -> tuple[tuple[str, int], ...]:
    """Each template's name and modification time, compared at every start: an edited template makes all again."""
    return tuple((path.name, path.stat().st_mtime_ns) for path in sorted(TEMPLATE_DIR.iterdir()))


class RenderMemo:
    """Pages, pieces of data files, syntheses and case views of the previous ``render_site`` call (see the
    module's text)."""

    def __init__(self) -> None:
        self._made: dict[_Key, Any] = {}
        self._next: dict[_Key, Any] = {}
        self._fingerprints = Fingerprints()
        self.templates: tuple[tuple[str, int], ...] = ()

    def start(self) -> None:
        self._next = {}
        self._fingerprints = Fingerprints()
        templates = templates_on_disk()
        if templates != self.templates:  # an edited template: every page and file is made again
            self._made, self.templates = {}, templates

    def made(self, name: str, inputs: Any, make: Callable[[], T]) -> T:
        """What ``make`` gave for ``name`` and the same ``inputs`` in the last render, or ``make()`` now
        (also when the inputs hold a value ``fingerprint`` cannot see into)."""
        try:
            key = _Key((name, self._fingerprints.of(inputs)))
        except Unseen:
            return make()
        found: T = self._made.get(key, _MISSING)
        if found is _MISSING:
            found = make()
        self._next[key] = found
        self._fingerprints.by_identity(found)
        return found

    def page(self, template: str, path: str, context: Mapping[str, Any], make: Callable[[], T]) -> T:
        """A page from ``template`` for ``path`` with ``context``: the last render's when its inputs are the same."""
        return self.made(path, (template, context), make)

    def finish(self) -> None:
        """Keep only what this render used."""
        self._made, self._next = self._next, {}
        self._fingerprints = Fingerprints()
