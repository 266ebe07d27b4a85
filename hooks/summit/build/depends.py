"""What each page is made from, so that a preview re-renders only the pages an edit changes.

While a page renders, every read of a record's field is recorded as ``(kind, id, field)``; walking a
whole collection (every event, every station...) as ``(kind, "*", "ids")``, which stands for its ids in
order; a derived value shared by many pages (the events of one station, the sessions of one person,
whether a record has its own share card) as ``("view", name, key)``. After an edit, ``changes`` compares
the old and new content on exactly these terms, and a page is re-rendered when one of its reads changed.

Reads are recorded by giving each record a subclass of its model that notes the fields read
(``track``), and each collection a list or dict that notes being walked: the models themselves, and
a build that does not preview, pay nothing.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel

from ..content.kinds import KINDS
from ..content.models import Site

__all__ = [
    "ALL",
    "Dep",
    "changes",
    "paused",
    "reading",
    "record",
    "track",
    "view",
]

Dep = tuple[str, str, str]
"""(kind, id, field) of a record; (kind, "*", "ids") of a collection; ("view", name, key) of a value."""
ALL = "*"
KIND_OF: dict[type[BaseModel], str] = {Site: "site", **{kind.model: kind.name for kind in KINDS}}
COLLECTIONS = {kind.key: kind.name for kind in KINDS}
"""Content's collections and the kind of record each holds."""

_state = threading.local()


def _reads() -> set[Dep] | None:
    return getattr(_state, "reads", None)


def record(dep: Dep) -> None:
    """Note ``dep`` as read by the page being rendered (if one is)."""
    reads = _reads()
    if reads is not None:
        reads.add(dep)


@contextlib.contextmanager
def reading() -> Iterator[set[Dep]]:
    """Record what is read meanwhile (in this thread) into the set yielded."""
    before = _reads()
    reads: set[Dep] = set()
    _state.reads = reads
    try:
        yield reads
    finally:
        _state.reads = before


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """Record nothing meanwhile (a shared value is computed: its users record ``view`` instead)."""
    before = _reads()
    _state.reads = None
    try:
        yield
    finally:
        _state.reads = before


def view(name: str, key: str, compute: Callable[[], Any]) -> Any:
    """A derived value (``views``): computed without recording its reads, recorded as read itself."""
    if _reads() is None:  # nothing records (a full build): no bookkeeping
        return compute()
    record(("view", name, key))
    with paused():
        return compute()


def _tracked_model(model: type[BaseModel], kind: str) -> type[BaseModel]:
    fields = frozenset(model.model_fields)
    get = object.__getattribute__

    def __getattribute__(self: Any, name: str) -> Any:
        if name in fields:
            reads = getattr(_state, "reads", None)
            if reads is not None:
                reads.add((kind, "" if kind == "site" else get(self, "__dict__")["id"], name))
        return get(self, name)

    return type(f"Tracked{model.__name__}", (model,), {"__getattribute__": __getattribute__, "__module__": __name__})


_TRACKED: dict[type[BaseModel], type[BaseModel]] = {}


def _tracked_class(model: type[BaseModel]) -> type[BaseModel]:
    if model not in _TRACKED:
        _TRACKED[model] = _tracked_model(model, KIND_OF[model])
    return _TRACKED[model]


def _retype(record: BaseModel) -> None:
    model = type(record)
    if model in KIND_OF:
        object.__setattr__(record, "__class__", _tracked_class(model))


class _Walked:
    """Walking the collection records ``(kind, "*", "ids")``."""

    kind = ""

    def _walked(self) -> None:
        record((self.kind, ALL, "ids"))

    def __iter__(self) -> Iterator[Any]:
        self._walked()
        return super().__iter__()  # type: ignore[misc]

    def __len__(self) -> int:
        self._walked()
        return super().__len__()  # type: ignore[misc]

    def __contains__(self, item: object) -> bool:
        self._walked()
        return super().__contains__(item)  # type: ignore[misc]


class TrackedList(_Walked, list):
    """A collection's records in order."""

    def __getitem__(self, index: Any) -> Any:
        self._walked()
        return super().__getitem__(index)

    def __reversed__(self) -> Iterator[Any]:
        self._walked()
        return super().__reversed__()


class TrackedDict(_Walked, dict):
    """A collection's records by id (looking one record up is not recorded: its fields are, and a
    record added or removed changes the site's pages or the collection's ids)."""

    def keys(self) -> Any:
        self._walked()
        return super().keys()

    def values(self) -> Any:
        self._walked()
        return super().values()

    def items(self) -> Any:
        self._walked()
        return super().items()


def _collection(kind: str, value: Any) -> Any:
    base = TrackedList if isinstance(value, list) else TrackedDict
    tracked = type(f"{base.__name__}_{kind}", (base,), {"kind": kind})
    return tracked(value)


def track(content: Any) -> Any:
    """Make ``content`` (``content.Content``) record what is read of it; returns it."""
    _retype(content.site)
    for name, kind in COLLECTIONS.items():
        value = getattr(content, name)
        if isinstance(value, (TrackedList, TrackedDict)):
            continue
        for item in value if isinstance(value, list) else value.values():
            _retype(item)
        setattr(content, name, _collection(kind, value))
    return content


def _ids(value: Any) -> tuple[str, ...]:
    items = list.__iter__(value) if isinstance(value, list) else dict.values(value)
    return tuple(object.__getattribute__(r, "__dict__")["id"] for r in items)


def _fields(record: BaseModel) -> dict[str, Any]:
    return object.__getattribute__(record, "__dict__")


def _record_changes(kind: str, record_id: str, old: BaseModel, new: BaseModel) -> set[Dep]:
    if old is new:
        return set()
    before, after = _fields(old), _fields(new)
    return {(kind, record_id, name) for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def changes(old: Any, new: Any, old_views: dict[Dep, Any], new_views: dict[Dep, Any]) -> tuple[set[Dep], set[str]]:
    """What differs between two versions of the content, in the terms pages record (``old`` and ``new``
    are ``content.Content``; the views are ``views.derived`` of each), and the kinds of record some of
    which were added or removed."""
    found: set[Dep] = set()
    membership: set[str] = set()
    with paused():
        found |= _record_changes("site", "", old.site, new.site)
        for name, kind in COLLECTIONS.items():
            before, after = getattr(old, name), getattr(new, name)
            old_ids, new_ids = _ids(before), _ids(after)
            if old_ids != new_ids:
                found.add((kind, ALL, "ids"))
            if set(old_ids) != set(new_ids):
                membership.add(kind)
            if isinstance(before, list):
                before = {r.id: r for r in list.__iter__(before)}
                after = {r.id: r for r in list.__iter__(after)}
            for record_id in set(old_ids) & set(new_ids):
                found |= _record_changes(
                    kind, record_id, dict.__getitem__(before, record_id), dict.__getitem__(after, record_id)
                )
    for key in old_views.keys() | new_views.keys():
        if old_views.get(key) != new_views.get(key):
            found.add(key)
    return found, membership
