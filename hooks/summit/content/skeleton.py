"""``make new``: append a skeleton record, every field listed, to the right content file.

Required fields are written out (empty texts fail `make check` until they are filled in); optional
fields are commented out with their meaning, so an editor removes the ``#`` of those they need.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..errors import EditorError, say
from .kinds import KINDS as ALL_KINDS
from .loader import unwrap
from .models import SLUG_RE, EventDate, Session, Text
from .schema import schema_line
from .yamlsource import read_yaml

KINDS: dict[str, tuple[type[BaseModel], str]] = {kind.name: (kind.model, kind.key) for kind in ALL_KINDS}
DATE_PREFIX = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:-|$)")


class SkeletonError(EditorError):
    """Why no record was added (``message``)."""


def _field_lines(name: str, info: Any, value: str | None, indent: str) -> list[str]:
    core = unwrap(info.annotation)
    optional = not info.is_required()
    lead = f"{indent}# " if optional else indent
    doc = (info.description or "").split("\n")[0]
    if core is Text:
        return [f"{lead}{name}:  # {doc}", f'{lead}  zh: ""', f'{lead}  en: ""']
    if typing.get_origin(core) is list:
        return [f"{lead}{name}: []  # {doc}"]
    if typing.get_origin(core) is typing.Literal:
        choices = typing.get_args(core)
        default = info.default if optional and info.default in choices else choices[0]
        return [f"{lead}{name}: {default}  # {', '.join(choices)}"]
    if isinstance(core, type) and issubclass(core, BaseModel) and core is not EventDate:
        return [f"{lead}{name}:  # {doc}"] + [f'{lead}  {n}: ""' for n in core.model_fields]
    shown = value if value is not None else '""'
    return [f"{lead}{name}: {shown}  # {doc}"]


def skeleton(kind: str, record_id: str) -> str:
    """The YAML of a new record (a list item indented under its file's key)."""
    model, _ = KINDS[kind]
    values: dict[str, str] = {"id": record_id}
    match = DATE_PREFIX.match(record_id)
    if kind == "event" and match:
        values["date"] = "-".join(p for p in match.groups() if p)
    lines = []
    for name, info in model.model_fields.items():
        block = _field_lines(name, info, values.get(name), "    ")
        lines.extend(block)
    lines[0] = "  - " + lines[0].lstrip()
    return "\n".join(lines) + "\n"


def target_file(content: Path, kind: str, record_id: str) -> Path:
    _, key = KINDS[kind]
    if kind != "event":
        return content / f"{key}.yml"
    match = DATE_PREFIX.match(record_id)
    if not match:
        raise SkeletonError(say("new.event_id", id=record_id))
    return content / "events" / f"{match[1]}.yml"


def add_record(content: Path, kind: str, record_id: str) -> tuple[Path, int]:
    """Append a skeleton ``kind`` record with ``record_id``; returns the file and the record's first line."""
    if not SLUG_RE.match(record_id):
        raise SkeletonError(say("value.id", value=record_id))
    _, key = KINDS[kind]
    file = target_file(content, kind, record_id)
    files = sorted((content / "events").glob("*.yml")) if kind == "event" else [file]
    for other in files:
        if not other.is_file():
            continue
        doc, _ = read_yaml(other, other.name)
        items = doc.data.get(key) if doc is not None and isinstance(doc.data, dict) else None
        if any(isinstance(i, dict) and i.get("id") == record_id for i in items or []):
            raise SkeletonError(say("new.exists", kind=say(f"kind.{kind}"), id=record_id, file=other.name))
    if file.is_file():
        text = file.read_text(encoding="utf-8")
    else:
        file.parent.mkdir(parents=True, exist_ok=True)
        text = f"{schema_line(file, content)}\n{key}:\n"
    text = re.sub(rf"^{key}:\s*\[\s*\]\s*$", f"{key}:", text, flags=re.M)  # `projects: []` -> a block list
    if not text.endswith("\n"):
        text += "\n"
    first_line = text.count("\n") + 1
    file.write_text(text + skeleton(kind, record_id), encoding="utf-8")
    return file, first_line


def add_session(content: Path, event_id: str, session_id: str) -> tuple[Path, int]:
    """Append a skeleton session with ``session_id`` to the programme of the event ``event_id`` (its
    ``sessions:`` made when it has none); returns the file and the session's first line."""
    if not SLUG_RE.match(session_id):
        raise SkeletonError(say("value.id", value=session_id))
    match = DATE_PREFIX.match(event_id)
    file = content / "events" / f"{match[1]}.yml" if match else None
    doc, _ = read_yaml(file, file.name) if file is not None and file.is_file() else (None, [])
    items = doc.data.get("events") if doc is not None and isinstance(doc.data, dict) else None
    event = next((i for i in items or [] if isinstance(i, dict) and i.get("id") == event_id), None)
    if file is None or event is None:
        raise SkeletonError(say("new.no_event", id=event_id))
    if any(isinstance(s, dict) and s.get("id") == session_id for s in event.get("sessions") or []):
        raise SkeletonError(say("new.exists", kind=say("kind.session"), id=session_id, file=file.name))
    day = str(event.get("date") or "")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
        raise SkeletonError(say("new.session_needs_day", id=event_id))
    lines = file.read_text(encoding="utf-8").split("\n")
    start = next(n for n, line in enumerate(lines) if re.fullmatch(rf"  - id: {re.escape(event_id)}\s*(#.*)?", line))
    end = next((n for n in range(start + 1, len(lines)) if re.match(r"\S|  - ", lines[n])), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # before the blank lines that end the event
    key = next((n for n in range(start + 1, end) if re.match(r"    sessions:", lines[n])), None)
    block = []
    for name, info in Session.model_fields.items():
        block.extend(_field_lines(name, info, {"id": session_id, "day": day}.get(name), "        "))
    block[0] = "      - " + block[0].lstrip()
    if key is None:
        at = end
        block = ["    sessions:", *block]
    else:
        lines[key] = re.sub(r"sessions:\s*\[\s*\]", "sessions:", lines[key])
        at = next((n for n in range(key + 1, end) if not re.match(r"( {6,}|\s*$)", lines[n])), end)
    lines[at:at] = block
    file.write_text("\n".join(lines), encoding="utf-8")
    return file, at + 1 + (key is None)
