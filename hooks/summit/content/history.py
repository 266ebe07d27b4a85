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
import re
import subprocess
import textwrap
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
CACHE_VERSION = 3

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
    """What a reader sees of the record (``ASPECTS``) as written before and after, for wording the change
    (the new date, the new status); empty for ``added``."""


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
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Content file (path in the repository) -> its records by id (each its item's text, or the record
    read), as of ``head``."""
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


Span = tuple[int, int, str, str]
"""An item of a file's version: (start, end) in its bytes, its id, its text (the list's key, then it)."""


def _records(data: bytes, key: str, last: tuple[bytes, list[Span]] | None, checked: set[bytes]) -> Any:
    """A file version's records by id, as written, and its items (for the next version of the file):
    (records, spans). A file in the plain form (``_spans``) gives each record as its item's text (read
    only when it is compared with another version) and is cut only where it differs from ``last``, the
    version before; another file is read whole (every value text; no spans). None when the version does
    not read."""
    spans = _spans(data, key, last, checked)
    if spans is not None:
        return {record_id: item for _, _, record_id, item in spans}, spans
    try:
        loaded = yaml.load(data.decode("utf-8"), Loader=_Loader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return None
    if loaded is None:
        return {}, None
    items = loaded.get(key) if isinstance(loaded, dict) else None
    if items is not None and not isinstance(items, list):
        return None
    return {i["id"]: i for i in items or [] if isinstance(i, dict) and isinstance(i.get("id"), str)}, None


_ITEM = re.compile(rb"^( *)- ", re.M)
"""An item of a block list (the file's list: the first one)."""
_ID = re.compile(rb"""- id: *(?P<q>['"]?)(?P<id>[A-Za-z0-9][A-Za-z0-9._-]*)(?P=q) *\n""")


def _common(a: bytes, b: bytes, reverse: bool = False) -> int:
    """How many bytes ``a`` and ``b`` have in common at their start (at their end: ``reverse``), compared
    a block at a time, then halved within the block that differs."""
    n, step = min(len(a), len(b)), 1 << 14
    x, y = memoryview(a), memoryview(b)

    def same(low: int, high: int) -> bool:  # the bytes low..high from the start (or the end) agree
        if reverse:
            return x[len(a) - high : len(a) - low] == y[len(b) - high : len(b) - low]
        return x[low:high] == y[low:high]

    at = 0
    while at < n and same(at, min(at + step, n)):
        at += step
    if at >= n:
        return n
    low, high = at, min(at + step, n) - 1  # the length in common is in [low, high]
    while low < high:
        mid = (low + high + 1) // 2
        if same(low, mid):
            low = mid
        else:
            high = mid - 1
    return low


def _spans(data: bytes, key: str, last: tuple[bytes, list[Span]] | None, checked: set[bytes]) -> list[Span] | None:
    """The items of a file in its plain form (comments, then ``key:`` and a block list of records whose
    first key is the id, nothing after), each as its text; None when the file is not in that form or not
    UTF-8 (the caller reads the whole file). Where ``last`` (the version before) is given, only what lies
    between the two versions' common start and end is cut again. ``checked``: items seen in that form."""
    if last is not None and last[1]:
        old, kept = last
        same_start = _common(old, data)
        same_end = _common(old, data, reverse=True)
        same_end = min(same_end, min(len(old), len(data)) - same_start)
        shift, tail_from = len(data) - len(old), len(old) - same_end
        head = [span for span in kept if span[1] <= same_start]
        tail = [span for span in kept if span[0] > tail_from]
        begin = head[-1][1] if head else kept[0][0]
        if head or same_start >= kept[0][0] + 2:
            end = tail[0][0] if tail else len(old)
            middle = _cut(data, begin, end + shift, key, checked)
            if middle is not None:
                return head + middle + [(a + shift, b + shift, i, t) for a, b, i, t in tail]
    top = re.search(rb"^" + re.escape(key.encode()) + rb":[ \t]*\n", data, re.M)
    if top is None or any(
        line.strip() and not line.lstrip().startswith(b"#") for line in data[: top.start()].splitlines()
    ):
        return None
    first = _ITEM.search(data, top.end())
    if first is None:
        return None if data[top.end() :].strip() else []
    if any(
        line.strip() and not line.lstrip().startswith(b"#") for line in data[top.end() : first.start()].splitlines()
    ):
        return None
    return _cut(data, first.start(), len(data), key, checked)


def _cut(data: bytes, begin: int, end: int, key: str, checked: set[bytes]) -> list[Span] | None:
    """The items of ``data[begin:end]`` (which starts with one): None if one is not an item of the plain
    form or not UTF-8."""
    dash = data.find(b"-", begin, end)
    indent = data[begin:dash]
    if dash < 0 or indent.strip(b" "):
        return None
    starts = [m.start() for m in re.compile(rb"^" + indent + rb"- ", re.M).finditer(data, begin, end)]
    if not starts or starts[0] != begin:
        return None
    inner = indent + b" "
    found = []
    for at, stop in zip(starts, [*starts[1:], end], strict=True):
        chunk = data[at:stop]
        named = _ID.match(chunk, len(indent))
        if named is None:
            return None
        if chunk not in checked:
            for line in chunk.splitlines()[1:]:
                if line.strip() and not line.startswith(inner) and not line.lstrip().startswith(b"#"):
                    return None  # a line outside the item (another top-level key): not the plain form
            checked.add(chunk)
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            return None
        found.append((at, stop, named.group("id").decode(), f"{key}:\n{text}"))
    return found


class _Reader:
    """What changed between two versions of an item, reading as little as it can: an item kept as text is
    cut into its fields' texts, and only the fields a reader sees (``ASPECTS``, small) are read, and only
    when their texts differ (a programme of hundreds of sessions is compared as text)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}
        self.records: dict[str, dict[str, Any] | None] = {}

    def record(self, item: Any) -> dict[str, Any] | None:
        """The record an item holds, read whole; None if it does not read."""
        if not isinstance(item, str):
            return item
        if item not in self.records:
            try:
                loaded = yaml.load(item, Loader=_Loader)
            except yaml.YAMLError:
                loaded = None
            value = next(iter(loaded.values()), None) if isinstance(loaded, dict) and loaded else None
            ok = isinstance(value, list) and len(value) == 1 and isinstance(value[0], dict)
            self.records[item] = value[0] if ok else None
        return self.records[item]

    def value(self, block: str | None) -> Any:
        """A field's value from its text (``  date: 2030-09-20``); None when missing; raises YAMLError."""
        if block is None:
            return None
        if block not in self.values:
            loaded = yaml.load(textwrap.dedent(block), Loader=_Loader)
            self.values[block] = next(iter(loaded.values())) if isinstance(loaded, dict) and loaded else None
        return self.values[block]

    def field(self, item: Any, name: str) -> Any:
        """One field of an item (e.g. its ``aliases``); None when it has none or it does not read."""
        if not isinstance(item, str):
            return item.get(name)
        try:
            return self.value(_fields(item).get(name))
        except yaml.YAMLError:
            return None

    def change(self, old: Any, new: Any) -> tuple[tuple[str, ...], dict[str, Any], dict[str, Any]] | None:
        """(what changed, what a reader sees before, after) from ``old`` to ``new``; None when either
        does not read."""
        if isinstance(old, str) and isinstance(new, str):
            before, after = _fields(old), _fields(new)
            names = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)} - UNSEEN
            try:
                names -= {n for n in names & ASPECTS.keys() if self.value(before.get(n)) == self.value(after.get(n))}
                seen = [{n: self.value(fields[n]) for n in ASPECTS if n in fields} for fields in (before, after)]
            except yaml.YAMLError:
                return None
            return tuple(sorted({ASPECTS.get(n, "other") for n in names})), seen[0], seen[1]
        first, second = self.record(old), self.record(new)
        if first is None or second is None:
            return None
        return _what(first, second), _slim(first), _slim(second)


def _fields(item: str) -> dict[str, str]:
    """An item's fields' texts by name (its text as ``_items`` keeps it: the list's key, then the item)."""
    chunk = item.split("\n", 1)[1]
    indent = len(chunk) - len(chunk.lstrip(" "))
    first, _, rest = chunk.partition("\n")
    fields = {"id": first}
    name, lines = None, []
    field_line = re.compile(rf"^ {{{indent + 2}}}([A-Za-z_][A-Za-z0-9_-]*):(?:\s|$)")
    for line in rest.splitlines(keepends=True):
        found = field_line.match(line)
        if found:
            if name is not None:
                fields[name] = "".join(lines)
            name, lines = found.group(1), [line]
        elif name is not None:
            lines.append(line)
    if name is not None:
        fields[name] = "".join(lines)
    return fields


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


def _merged(files: dict[str, dict[str, Any]], kind: Kind, folder: str) -> dict[str, Any]:
    """Every record of ``kind`` in the files read so far."""
    merged: dict[str, Any] = {}
    for path, records in files.items():
        if _kind_of(path, folder) is kind:
            merged.update(records)
    return merged


def _read(top: Path, state: Histories, since: str | None) -> None:
    """``state`` brought from the commit ``since`` (None: the beginning) to its ``head``."""
    log = _log(top, since, state.head, state.folder)
    wanted = {(path, blob) for _, _, touched in log for path, blob in touched}
    blobs = _blobs(top, {blob for path, blob in wanted if blob and _kind_of(path, state.folder) is not None})
    parsed: dict[tuple[str, str], dict[str, Any] | None] = {}
    read = _Reader()
    checked: set[bytes] = set()
    last: dict[str, tuple[bytes, list[Span]]] = {}
    """Each file's last version read, and its items (the next is cut only where it differs)."""
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
                done = None if data is None else _records(data, kind.key, last.get(path), checked)
                parsed[(path, blob)] = None if done is None else done[0]
                if done is not None and done[1] is not None and data is not None:
                    last[path] = (data, done[1])
                else:
                    last.pop(path, None)
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
            _compare(state, kind, old, _merged(state.files, kind, state.folder), when, commit, read)


def _compare(
    state: Histories,
    kind: Kind,
    old: dict[str, Any],
    new: dict[str, Any],
    when: dt.datetime,
    commit: str,
    read: _Reader,
) -> None:
    """The changes of ``commit`` to the records of ``kind`` (``old`` -> ``new``, by id) into ``state``;
    an item is read only where its text changed (or where it may be a renamed record)."""
    removed = old.keys() - new.keys()
    for record_id, item in new.items():
        key = (kind.name, record_id)
        if record_id in old:
            if old[record_id] == item:
                continue
            change = read.change(old[record_id], item)
            if change is None:
                state.broken.add(key)
            elif change[0] and key in state.records:
                state.records[key].changes.append(Change(when, commit, *change))
            continue
        former = None
        if removed:
            aliases = read.field(item, "aliases")
            aliases = aliases if isinstance(aliases, list) else []
            former = next((a for a in aliases if a in removed and (kind.name, a) in state.records), None)
        if former is None:
            state.records[key] = History([Change(when, commit, ("added",))])
            continue
        history = state.records.pop((kind.name, former))
        if (kind.name, former) in state.broken:
            state.broken.add(key)
        change = read.change(old[former], item)
        if change is None:
            state.broken.add(key)
        else:
            history.changes.append(Change(when, commit, change[0] or ("other",), change[1], change[2]))
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
