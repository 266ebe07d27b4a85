"""When each record was added and last changed, and what changed in a reader's terms, from the content's
git history (for feeds' ``updated``, calendars' ``LAST-MODIFIED`` and ``SEQUENCE``, the sitemap's
``lastmod`` and a page of recent changes).

Each commit that touches the content folder is read file by file (``git show``), each file's records by
their ids; a record's fields as written are compared with the commit before, and what differs is named as
a reader would: its date, its time, its place, its status, its title, or something else. A record moved
to another file (an event to the file of its new year) keeps its history: records are followed by kind
and id, not by file. Outside a git checkout, or in a shallow clone that lacks the history, there is none
(``record_history`` returns None and the caller falls back to the build time).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..content.kinds import EVENTS, ONE_FILE

__all__ = ["ASPECTS", "Change", "History", "record_history"]

ASPECTS = {
    "date": "date",
    "end_date": "date",
    "start": "time",
    "end": "time",
    "timezone": "time",
    "city": "place",
    "venue": "place",
    "format": "place",
    "status": "status",
    "title": "title",
    "name": "title",
}
"""A field -> what changed, as a reader says it; any other field is "other"."""
RESCHEDULING = {"date", "time", "place", "status"}
"""Changes after which a calendar that keeps a copy must replace it (iCalendar ``SEQUENCE``)."""


@dataclass(frozen=True)
class Change:
    """One commit's change to a record."""

    when: dt.datetime
    """The commit's time (aware, UTC)."""
    commit: str
    what: tuple[str, ...]
    """``added``, or what changed: ``date``, ``time``, ``place``, ``status``, ``title``, ``other``."""
    before: dict[str, Any] = field(default_factory=dict, compare=False)
    after: dict[str, Any] = field(default_factory=dict, compare=False)
    """The record as written before and after (for wording the change: the new date, the new status)."""


@dataclass
class History:
    """A record's history."""

    changes: list[Change]

    @property
    def added(self) -> dt.datetime:
        return self.changes[0].when

    @property
    def changed(self) -> dt.datetime:
        return self.changes[-1].when

    @property
    def sequence(self) -> int:
        """How many times its date, time, place or status changed."""
        return sum(1 for change in self.changes if RESCHEDULING & set(change.what))


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _kind_of(path: str, folder: str) -> Any:
    """The kind of record a content file holds (by its path in the repository), or None."""
    name = path.removeprefix(folder + "/") if folder else path
    if name.startswith("events/") and name.endswith(".yml") and name.count("/") == 1:
        return EVENTS
    return ONE_FILE.get(name)


def _records(text: str | None, key: str) -> dict[str, dict[str, Any]]:
    """A file's records by id, as written (every value text); none when it does not read."""
    try:
        data = yaml.load(text or "", Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return {}
    items = data.get(key) if isinstance(data, dict) else None
    return {item["id"]: item for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _what(before: dict[str, Any], after: dict[str, Any]) -> tuple[str, ...]:
    names = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    return tuple(sorted({ASPECTS.get(name, "other") for name in names}))


def record_history(root: Path, folder: Path) -> dict[tuple[str, str], History] | None:
    """(kind, id) -> the record's history, from the commits of the content ``folder`` in the git checkout
    at ``root``; None when there is no history to read (no git, not a checkout, a shallow clone)."""
    inside = _git(root, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-toplevel")
    if inside is None or not inside.startswith("true") or inside.split()[1] != "false":
        return None
    top = Path(inside.split("\n")[2]).resolve()
    try:
        relative = folder.resolve().relative_to(top).as_posix()
    except ValueError:
        return None
    log = _git(top, "log", "--reverse", "--format=%x01%H %ct", "--name-only", "--", relative)
    if log is None:
        return None
    files: dict[str, dict[str, dict[str, Any]]] = {}
    """path -> its records, as of the commit being read."""
    histories: dict[tuple[str, str], History] = {}
    for entry in log.split("\x01")[1:]:
        head, *paths = entry.strip().split("\n")
        commit, stamp = head.split()
        when = dt.datetime.fromtimestamp(int(stamp), dt.UTC)
        touched = {p for p in paths if p and _kind_of(p, relative) is not None}
        if not touched:
            continue
        before = {kind: _merged(files, kind, relative) for kind in {_kind_of(p, relative) for p in touched}}
        for path in touched:
            files[path] = _records(_git(top, "show", f"{commit}:{path}"), _kind_of(path, relative).key)
        for kind, old in before.items():
            new = _merged(files, kind, relative)
            for record_id, item in new.items():
                if record_id not in old:
                    histories.setdefault((kind.name, record_id), History([])).changes.append(
                        Change(when, commit, ("added",), {}, item)
                    )
                elif (what := _what(old[record_id], item)) and (kind.name, record_id) in histories:
                    histories[(kind.name, record_id)].changes.append(Change(when, commit, what, old[record_id], item))
    return histories


def _merged(files: dict[str, dict[str, dict[str, Any]]], kind: Any, folder: str) -> dict[str, dict[str, Any]]:
    """Every record of ``kind`` in the files read so far."""
    merged: dict[str, dict[str, Any]] = {}
    for path, records in files.items():
        if _kind_of(path, folder) is kind:
            merged.update(records)
    return merged
