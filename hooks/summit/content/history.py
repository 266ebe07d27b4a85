"""When each record was added and last changed, and what changed in a reader's terms, from the content's
git history (for feeds' ``updated``, calendars' ``LAST-MODIFIED`` and ``SEQUENCE``, the sitemap's
``lastmod`` and the page of recent changes).

The commits that touch the content folder are read along the main line (``--first-parent``: a merge is
one change, what it brought as a whole), each content file's version by its blob (read once, in one
``git cat-file`` process), each file's records by their ids; a record's fields as written are compared
with the commit before, and what differs is named as a reader would: its date, its time, its place, its
status, its title, or something else. A record moved to another file (an event to the file of its new
year) keeps its history: records are followed by kind and id, not by file; a record whose id changed
with the old one among its ``aliases`` keeps it too.

A version that does not read (not UTF-8, not YAML: conflict markers committed) is skipped and the
records of its file have no history (the build dates them by its own time); nothing here raises.
Outside a git checkout, or in a shallow clone that lacks the history, there is none (``record_history``
returns None). What was read is kept in a cache file by commit: the next build reads only the commits
since.
"""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .kinds import EVENTS, ONE_FILE, Kind

__all__ = ["ASPECTS", "Change", "Histories", "History", "record_history"]

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
"""A field -> what changed, as a reader says it; any other field is "other" (an id and its aliases are
not a change a reader sees)."""
UNSEEN = {"id", "aliases"}
RESCHEDULING = {"date", "time", "place", "status"}
"""Changes after which a calendar that keeps a copy must replace it (iCalendar ``SEQUENCE``)."""
CACHE_VERSION = 2

_Loader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_KNOWN: dict[tuple[str, str, str], Histories] = {}
"""The last history read in this process, by cache file, content folder and repository."""


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


@dataclass
class Histories:
    """Every record's history as of a commit, and what reading further needs."""

    head: str
    folder: str
    records: dict[tuple[str, str], History] = field(default_factory=dict)
    """(kind, id) -> its history."""
    files: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Content file (path in the repository) -> its records by id, as of ``head``."""
    tainted: set[str] = field(default_factory=set)
    """Files whose last version did not read."""
    broken: set[tuple[str, str]] = field(default_factory=set)
    """Records whose history could not be read (dated by the build)."""
    version: int = CACHE_VERSION

    def get(self, kind: str, record_id: str) -> History | None:
        return None if (kind, record_id) in self.broken else self.records.get((kind, record_id))

    def changes(self) -> Iterable[tuple[str, str, Change]]:
        """(kind, id, change) of every record whose history reads."""
        for (kind, record_id), history in self.records.items():
            if (kind, record_id) not in self.broken:
                for change in history.changes:
                    yield kind, record_id, change


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def _kind_of(path: str, folder: str) -> Kind | None:
    """The kind of record a content file holds (by its path in the repository), or None."""
    name = path.removeprefix(folder + "/") if folder else path
    if name.startswith("events/") and name.endswith(".yml") and name.count("/") == 1:
        return EVENTS
    return ONE_FILE.get(name)


def _records(data: bytes, key: str) -> dict[str, dict[str, Any]] | None:
    """A file version's records by id, as written (every value text); None when it does not read."""
    try:
        loaded = yaml.load(data.decode("utf-8"), Loader=_Loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None
    if loaded is None:
        return {}
    items = loaded.get(key) if isinstance(loaded, dict) else None
    if items is not None and not isinstance(items, list):
        return None
    return {item["id"]: item for item in items or [] if isinstance(item, dict) and isinstance(item.get("id"), str)}


def _slim(item: dict[str, Any]) -> dict[str, Any]:
    """What of a record the wording of a change needs (the fields a reader sees change)."""
    return {name: item[name] for name in ASPECTS if name in item}


def _what(before: dict[str, Any], after: dict[str, Any]) -> tuple[str, ...]:
    names = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)} - UNSEEN
    return tuple(sorted({ASPECTS.get(name, "other") for name in names}))


def _blobs(top: Path, ids: set[str]) -> dict[str, bytes]:
    """The contents of the blobs ``ids``, read by one ``git cat-file --batch``."""
    if not ids:
        return {}
    order = sorted(ids)
    try:
        done = subprocess.run(
            ["git", "-C", str(top), "cat-file", "--batch"],
            input="".join(f"{blob}\n" for blob in order).encode(),
            capture_output=True,
            check=False,
        )
    except OSError:
        return {}
    out, at, found = done.stdout, 0, {}
    for blob in order:
        end = out.find(b"\n", at)
        if end < 0:
            break
        head = out[at:end].split()
        at = end + 1
        if len(head) != 3 or head[1] != b"blob":
            continue
        size = int(head[2])
        found[blob] = out[at : at + size]
        at += size + 1
    return found


def _log(top: Path, since: str | None, head: str, folder: str) -> list[tuple[str, int, list[tuple[str, str]]]]:
    """(commit, time, [(path, blob or "" when deleted)]) of the main line's commits touching ``folder``,
    oldest first, after ``since``."""
    span = f"{since}..{head}" if since else head
    text = _git(
        top,
        "log",
        "--first-parent",
        "-m",
        "--reverse",
        "--raw",
        "--no-renames",
        "--no-abbrev",
        "--format=%x01%H %ct",
        span,
        "--",
        folder or ".",
    )
    commits = []
    for entry in (text or "").split("\x01")[1:]:
        head_line, *lines = entry.strip().split("\n")
        commit, stamp = head_line.split()
        touched = []
        for line in lines:
            if not line.startswith(":"):
                continue
            info, _, path = line.partition("\t")
            parts = info.split()
            blob = "" if parts[4] == "D" else parts[3]
            touched.append((path, blob))
        commits.append((commit, int(stamp), touched))
    return commits


def _merged(files: dict[str, dict[str, dict[str, Any]]], kind: Kind, folder: str) -> dict[str, dict[str, Any]]:
    """Every record of ``kind`` in the files read so far."""
    merged: dict[str, dict[str, Any]] = {}
    for path, records in files.items():
        if _kind_of(path, folder) is kind:
            merged.update(records)
    return merged


def _read(top: Path, state: Histories, since: str | None) -> None:
    """``state`` brought from the commit ``since`` (None: the beginning) to its ``head``."""
    log = _log(top, since, state.head, state.folder)
    wanted = {(path, blob) for _, _, touched in log for path, blob in touched}
    blobs = _blobs(top, {blob for path, blob in wanted if blob and _kind_of(path, state.folder) is not None})
    parsed: dict[tuple[str, str], dict[str, dict[str, Any]] | None] = {}
    for commit, stamp, touched in log:
        when = dt.datetime.fromtimestamp(stamp, dt.UTC)
        touched = [(path, blob) for path, blob in touched if _kind_of(path, state.folder) is not None]
        if not touched:
            continue
        kinds = {_kind_of(path, state.folder) for path, _ in touched}
        before = {kind: _merged(state.files, kind, state.folder) for kind in kinds if kind is not None}
        for path, blob in touched:
            kind = _kind_of(path, state.folder)
            assert kind is not None
            if not blob:
                state.files.pop(path, None)
                continue
            if (path, blob) not in parsed:
                data = blobs.get(blob)
                parsed[(path, blob)] = None if data is None else _records(data, kind.key)
            records = parsed[(path, blob)]
            if records is None:  # this version does not read: its file's records are dated by the build
                state.broken |= {(kind.name, i) for i in state.files.get(path, {})}
                state.tainted.add(path)
                continue
            if path in state.tainted:
                state.broken |= {(kind.name, i) for i in records}
                state.tainted.discard(path)
            state.files[path] = records
        for kind, old in before.items():
            _compare(state, kind, old, _merged(state.files, kind, state.folder), when, commit)


def _compare(
    state: Histories, kind: Kind, old: dict[str, Any], new: dict[str, Any], when: dt.datetime, commit: str
) -> None:
    for record_id, item in new.items():
        key = (kind.name, record_id)
        if record_id in old:
            if (what := _what(old[record_id], item)) and key in state.records:
                state.records[key].changes.append(Change(when, commit, what, _slim(old[record_id]), _slim(item)))
            continue
        aliases = item.get("aliases") if isinstance(item.get("aliases"), list) else []
        former = next((a for a in aliases if a in old and a not in new and (kind.name, a) in state.records), None)
        if former is None:
            state.records[key] = History([Change(when, commit, ("added",), {}, _slim(item))])
            continue
        history = state.records.pop((kind.name, former))
        if (kind.name, former) in state.broken:
            state.broken.add(key)
        if what := _what(old[former], item) or ("other",):
            history.changes.append(Change(when, commit, what, _slim(old[former]), _slim(item)))
        state.records[key] = history


def record_history(folder: Path, cache: Path | None = None) -> Histories | None:
    """Every record's history, from the commits of the content ``folder`` in the git checkout that
    holds it, up to its HEAD; None when there is no history to read (no git, not a checkout, a shallow
    clone). ``cache``: a file that keeps what was read, by commit (read again only since then)."""
    inside = _git(folder, "rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "--show-toplevel", "HEAD")
    if inside is None:
        return None
    lines = inside.split("\n")
    if len(lines) < 4 or lines[0] != "true" or lines[1] != "false":
        return None
    top, head = Path(lines[2]).resolve(), lines[3]
    try:
        relative = folder.resolve().relative_to(top).as_posix()
    except ValueError:
        return None
    relative = "" if relative == "." else relative
    key = (str(cache), relative, top.as_posix())
    if (known := _KNOWN.get(key)) is not None and known.head == head:
        return known  # this process read it already (the preview loads the content at every save)
    kept = _load(cache)
    if kept is not None and kept.folder == relative and kept.version == CACHE_VERSION:
        if kept.head == head:
            _KNOWN[key] = kept
            return kept
        line = _git(top, "rev-list", "--first-parent", head)
        if line is not None and kept.head in line.split():
            since = kept.head
            kept.head = head
            _read(top, kept, since)
            _save(cache, kept)
            _KNOWN[key] = kept
            return kept
    state = Histories(head, relative)
    _read(top, state, None)
    _save(cache, state)
    _KNOWN[key] = state
    return state


def _load(cache: Path | None) -> Histories | None:
    if cache is None or not cache.is_file():
        return None
    try:
        kept = pickle.loads(cache.read_bytes())
    except Exception:  # an unreadable cache is read again from git
        return None
    return kept if isinstance(kept, Histories) else None


def _save(cache: Path | None, state: Histories) -> None:
    if cache is None:
        return
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(cache)
    except OSError:
        pass
