"""Where a mistake is, in the editor's terms: the record by its kind, id and title, an item of a list
by its number (counted from one) and title, a field by its name (``errors.describe_where`` words it in
either language). Made from the file's tree as written, so it names a record whose fields are wrong."""

from __future__ import annotations

from typing import Any

from ..errors import Step
from .kinds import BY_KEY

TITLES = ("title", "name", "label")
"""The fields that name an item of a list (a session's title, a room's name, a link's label)."""


def _title(value: Any) -> tuple[str | None, str | None]:
    if isinstance(value, dict):
        zh, en = value.get("zh"), value.get("en")
        return (zh if isinstance(zh, str) else None, en if isinstance(en, str) else None)
    if isinstance(value, str):
        return value, value
    return None, None


def _named(item: dict[str, Any], fields: tuple[str, ...]) -> tuple[str | None, str | None]:
    for name in fields:
        zh, en = _title(item.get(name))
        if zh or en:
            return zh, en
    return None, None


def where_of(data: Any, loc: tuple[str | int, ...] | None) -> tuple[Step, ...]:
    """The steps to ``loc`` in a file's tree ``data`` (None when the file could not be read: the steps
    then have no ids or titles)."""
    if not loc:
        return ()
    steps: list[Step] = []
    node, context, i = data, "site", 0
    while i < len(loc):
        part = loc[i]
        following = loc[i + 1] if i + 1 < len(loc) else None
        if isinstance(part, int):
            steps.append(("index", part + 1))
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            i += 1
            continue
        child = node.get(part) if isinstance(node, dict) else None
        item = (
            child[following]
            if isinstance(following, int) and isinstance(child, list) and 0 <= following < len(child)
            else None
        )
        if isinstance(following, int) and i == 0 and part in BY_KEY:  # a record of the file's list
            kind = BY_KEY[part]
            record_id = item.get("id") if isinstance(item, dict) else None
            zh, en = _named(item, (kind.title,)) if isinstance(item, dict) else (None, None)
            steps.append(
                ("record", kind.name, following + 1, record_id if isinstance(record_id, str) else None, zh, en)
            )
            node, context, i = item, kind.name, i + 2
            continue
        if isinstance(following, int) and isinstance(item, dict):  # an item of a list of mappings
            zh, en = _named(item, TITLES)
            steps.append(("item", part, following + 1, zh, en))
            node, context, i = item, part, i + 2
            continue
        if part in ("zh", "en") and i == len(loc) - 1 and steps:
            steps.append(("lang", part))
        else:
            steps.append(("field", context, part))
        node, i = child, i + 1
    return tuple(steps)
