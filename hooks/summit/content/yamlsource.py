"""Read YAML as plain text trees that remember where every key and value was written.

YAML 1.1 turns ``10:30`` into 630, ``no`` into False and ``2020-04-15`` into a date, and lets a
duplicate key silently win. Here every scalar stays a string (the models parse them), an empty
value or ``~``/``null`` becomes None, and a duplicate key is an error.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import re
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Message, Position, say, wording
from .keyboard import keyboard_mistakes, misindented
from .where import where_of

Loc = tuple[str | int, ...]
_NULLS = {"", "~", "null", "Null", "NULL"}
MAX_BYTES = 16_000_000
"""Largest content file read (16 MB): larger ones are refused before parsing."""
MAX_DEPTH = 40
"""Deepest nesting of mappings and lists accepted."""
MAX_ERRORS = 100
"""Errors reported for one file before the rest are summed up."""
SHARED_BYTES = 1_000_000
"""Content smaller than this (1 MB) is read in one process: a second one costs more than it saves."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Control characters (all but tab and line ends) have no place in content, nor half a character (a
lone surrogate, which only an escape such as ``"\\ud800"`` can write, and no output can encode)."""


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]  # libyaml when available
    """Composes nodes only; every scalar stays text, so no tag is resolved (libyaml would ask Python
    for each scalar's implicit type: a quarter of the composing time)."""

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]


_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}


class Document:
    """One YAML file read as text, with the position of each value and each key. The positions are
    found when first asked for (an error or a warning), from the file's text: reading records none."""

    def __init__(self, path: str, data: Any, text: str = "") -> None:
        self.path = path
        self.data = data
        self.text = text
        self._values: dict[Loc, Position] | None = None
        self._keys: dict[Loc, Position] = {}

    @property
    def values(self) -> dict[Loc, Position]:
        """Where each value was written, by its place in the data."""
        if self._values is None:
            self._values = {(): Position(1, 1)}
            nodes = list(yaml.compose_all(self.text, Loader=_Loader)) if self.text.strip() else []
            if nodes and nodes[0] is not None:
                _Builder(self, [], record=True).build(nodes[0], ())
        return self._values

    @property
    def keys(self) -> dict[Loc, Position]:
        """Where each key was written, by the place of its value."""
        self.values  # noqa: B018  # found with the values
        return self._keys

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where ``loc`` was written, or its nearest written ancestor (a missing field)."""
        if key and loc in self.keys:
            return self.keys[loc]
        values = self.values
        while loc not in values and loc:
            loc = loc[:-1]
        return values.get(loc, Position(1, 1))


def _bad_character(char: str) -> Message:
    code = f"U+{ord(char):04X}"
    if "\ud800" <= char <= "\udfff":
        return say("yaml.surrogate", code=code)
    return say("yaml.control", code=code)


def _mark(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Plain data from composed nodes; with ``record``, the position of every value and key into the
    document instead (asked for by an error or a warning)."""

    def __init__(self, doc: Document, errors: list[ContentError], *, record: bool = False) -> None:
        self.doc = doc
        self.errors = errors
        self.seen: set[int] = set()
        self.values = doc._values if record else None
        self.keys = doc._keys

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        if self.values is not None:
            self.values[loc] = _mark(node)
        if len(loc) > MAX_DEPTH:
            self._error(node, loc, say("yaml.too_deep", limit=MAX_DEPTH))
            return None
        if id(node) in self.seen:
            self._error(node, loc, say("yaml.alias"))
            return None
        self.seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if not node.style and node.value in _NULLS:  # plain (unquoted) style
                return None
            control = _CONTROL.search(node.value)
            if control:  # reported once; the value stays so that no second error follows from it
                self._error(node, loc, _bad_character(control[0]))
            return node.value
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, item in enumerate(node.value):
                if id(item) in self.seen:  # an alias: the item has no position of its own, its list has
                    self._error(node, (*loc, i), say("yaml.alias"))
                    items.append(None)
                else:
                    items.append(self.build(item, (*loc, i)))
            return items
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, loc)

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._error(key_node, loc, say("yaml.key_not_text"))
                continue
            key = key_node.value
            if key == "<<":
                self._error(key_node, loc, say("yaml.merge_key"))
                continue
            if key in result:
                first = _mark(next(k for k, _ in node.value if isinstance(k, yaml.ScalarNode) and k.value == key))
                self._error(
                    key_node,
                    (*loc, key),
                    say("yaml.duplicate_key", key=key, line=first.line),
                )
                continue
            if self.values is not None:
                self.keys[(*loc, key)] = _mark(key_node)
            if id(value_node) in self.seen:  # an alias: report it where it is used
                self._error(key_node, (*loc, key), say("yaml.alias"))
                continue
            result[key] = self.build(value_node, (*loc, key))
        return result

    def _error(self, node: yaml.Node, loc: Loc, message: Message) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(ContentError(self.doc.path, _mark(node), loc, message))
        elif len(self.errors) == MAX_ERRORS:
            self.errors.append(ContentError(self.doc.path, _mark(node), None, say("yaml.more_errors")))


def read_yaml(file: Path, display: str) -> tuple[Document | None, list[ContentError]]:
    """Read ``file``; ``display`` is the path shown in messages. Returns the document or errors."""
    errors: list[ContentError] = []
    start = Position(1, 1)
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            message = say("yaml.too_big", size=f"{size / 1e6:.1f}", limit=f"{MAX_BYTES / 1e6:.0f}")
            return None, [ContentError(display, start, None, message)]
        data = file.read_bytes()
    except OSError as exc:
        return None, [ContentError(display, start, None, say("yaml.unreadable", reason=exc.strerror))]
    try:
        text = data.decode("utf-8-sig")  # a byte order mark is allowed and dropped
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = say("yaml.not_utf8", byte=f"{data[exc.start]:02x}", offset=exc.start)
        return None, [ContentError(display, Position(line, 1), None, message)]
    mistakes = keyboard_mistakes(text)
    if mistakes:  # YAML would misread these, or stop somewhere else: each said at its place, in words
        return None, [ContentError(display, pos, None, message) for pos, message in mistakes[:MAX_ERRORS]]
    try:
        nodes = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        pos = Position(before.count("\n") + 1, len(before) - before.rfind("\n"))
        message = say("yaml.control", code=f"U+{exc.character:04X}")
        return None, [ContentError(display, pos, None, message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        off = misindented(text, pos.line)
        if off is not None:  # a key one space off its siblings: the likely cause, at its own line
            return None, [ContentError(display, off[0], None, off[1])]
        problem = exc.problem or exc.context or "invalid YAML"
        said: Message | str = say(f"yamlsays.{problem}") if f"yamlsays.{problem}" in wording() else problem
        if problem == "found invalid Unicode character escape code":  # libyaml's words for it
            said = say("yaml.half_character")
        return None, [ContentError(display, pos, None, say("yaml.syntax", problem=said))]
    except yaml.YAMLError as exc:
        return None, [ContentError(display, Position(1, 1), None, say("yaml.error", problem=str(exc)))]
    except RecursionError:
        return None, [ContentError(display, Position(1, 1), None, say("yaml.too_deep", limit=MAX_DEPTH))]
    if len(nodes) > 1:
        return None, [ContentError(display, _mark(nodes[1]), None, say("yaml.one_document"))]
    doc = Document(display, None, text)
    if not nodes or nodes[0] is None:
        doc.data = {}
        return doc, []
    doc.data = _Builder(doc, errors).build(nodes[0], ())
    return doc, [dataclasses.replace(e, where=where_of(doc.data, e.loc)) if e.loc else e for e in errors]


Read = tuple[Document | None, list[ContentError]]


def read_files(files: list[tuple[Path, str]], *, share: bool = False) -> dict[Path, Read]:
    """``read_yaml`` of each (file, shown path). With ``share`` (only in a process with no threads),
    content of a megabyte or more is shared with a forked process of its own, which reads about half
    of it (by size) on the machine's other core meanwhile and hands back what it read (pickled through
    a pipe). Any failure there and this process reads those files itself."""
    sizes = {file: file.stat().st_size if file.is_file() else 0 for file, _ in files}
    theirs: list[tuple[Path, str]] = []
    if share and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and sum(sizes.values()) >= SHARED_BYTES:
        load = [0, 0]
        for item in sorted(files, key=lambda item: -sizes[item[0]]):
            side = load.index(min(load))
            load[side] += sizes[item[0]]
            if side:
                theirs.append(item)
    if not theirs:
        return {file: read_yaml(file, shown) for file, shown in files}
    took, gave = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: read, hand back, never return
        code = 1
        try:
            os.close(took)
            with os.fdopen(gave, "wb") as out:
                pickle.dump({file: read_yaml(file, shown) for file, shown in theirs}, out, pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(gave)
    results = {file: read_yaml(file, shown) for file, shown in files if (file, shown) not in theirs}
    try:
        with os.fdopen(took, "rb") as handed:
            data = handed.read()
    finally:
        status = os.waitpid(pid, 0)[1]
    try:
        handed_back: dict[Path, Read] = pickle.loads(data) if status == 0 else {}
    except Exception:  # read here instead
        handed_back = {}
    for file, shown in theirs:
        results[file] = handed_back[file] if file in handed_back else read_yaml(file, shown)
    return results
