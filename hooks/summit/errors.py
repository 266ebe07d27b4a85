"""Content errors: each names the file, line, column, the record and the field, and says what is wrong, in
the editor's language (Chinese, or English with ``SUMMIT_EDITOR_LANG=en``): ``strings/messages.yml``
holds every sentence in both, ``strings/fields.yml`` every field's name as an editor calls it."""

from __future__ import annotations

import os
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

EDITOR_LANG_ENV = "SUMMIT_EDITOR_LANG"
"""The editors' language: ``zh`` (the default) or ``en``."""
STRINGS = Path(__file__).parent / "strings"


def editor_language() -> str:
    """The language messages are written in: English when ``$SUMMIT_EDITOR_LANG`` starts with ``en``."""
    return "en" if os.environ.get(EDITOR_LANG_ENV, "").lower().startswith("en") else "zh"


@cache
def wording(name: str = "messages") -> dict[str, dict[str, str]]:
    """``strings/<name>.yml``: key -> {zh, en} (the project's own file: every value read as text)."""
    data = yaml.load((STRINGS / f"{name}.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return {str(key): value for key, value in data.items()}


@dataclass(frozen=True)
class Message:
    """A sentence of ``strings/messages.yml`` with its values, written in either language when shown.
    A value may be a ``Message`` too (written in the same language), a list (joined), or text."""

    key: str
    values: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang or editor_language()
        entry = wording()[self.key]
        values = {name: _written(value, lang) for name, value in self.values}
        return entry[lang].format(**values) if values else entry[lang].replace("{{", "{").replace("}}", "}")

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Both:
    """A text an editor wrote in both languages (a record's name), shown in the message's language."""

    zh: str
    en: str

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or editor_language()) == "en" else self.zh


class EditorError(Exception):
    """A failure told to an editor: ``message``, written in the editors' language when shown."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


def say(key: str, /, **values: Any) -> Message:
    """The message ``key`` of ``strings/messages.yml`` with ``values``."""
    if key not in wording():
        raise KeyError(f"no message {key!r} in strings/messages.yml")
    return Message(key, tuple(values.items()))


def _written(value: Any, lang: str) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # (a number may have a format: {count:5d})
    if isinstance(value, (Message, Both)) or callable(getattr(value, "text", None)):
        return value.text(lang)
    if isinstance(value, (list, tuple)):
        return ("、" if lang == "zh" else ", ").join(_written(v, lang) for v in value)
    return str(value)


def count(n: int, noun: str) -> Message:
    """``3 errors`` / ``3个错误`` (``count.<noun>.one|other``)."""
    return say(f"count.{noun}.{'one' if n == 1 else 'other'}", n=n)


def choices(values: list[str]) -> Message:
    """``a, b or c`` / ``a、b或c``."""
    if len(values) < 2:
        return Message("got.value", (("value", values[0] if values else ""),))
    return say("choice.or", first=list(values[:-1]), last=values[-1])


def text_of(message: str | Message, lang: str | None = None) -> str:
    return message.text(lang) if isinstance(message, Message) else message


def printable(text: str) -> str:
    """``text`` on one line, as an editor can read it in a terminal: a line break, a control or
    invisible formatting character, or half a character, as its escape (``\\n``, ``\\u200f``)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a content file."""

    line: int
    col: int


Step = tuple[Any, ...]
"""One step of where a mistake is, in the editor's terms (``content.where``): ``("record", kind, n, id,
zh title, en title)``, ``("item", list field, n, zh title, en title)``, ``("field", context, name)``,
``("index", n)`` or ``("lang", "zh"|"en")``; ``n`` counts from one."""


@dataclass(frozen=True)
class ContentError:
    """One mistake in the content. ``loc`` is the field path; None for a file-level error.
    A warning does not stop the build; a ``translation`` warning does under ``--strict``."""

    path: str
    pos: Position
    loc: tuple[str | int, ...] | None
    message: str | Message
    severity: str = "error"
    kind: str = ""
    where: tuple[Step, ...] = field(default=(), compare=False)
    """Where, in the editor's terms (the record by its id and title, the field by its name)."""

    @property
    def field(self) -> str:
        """The field path as a program reads it: ``events[2].title.en``."""
        if self.loc is None:
            return "(file)"
        text = ""
        for part in self.loc:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text or "(file)"

    def place(self) -> str:
        return f"{self.path}:{self.pos.line}:{self.pos.col}"

    def located(self, lang: str | None = None) -> str:
        """Where the mistake is, in words: ``活动「x」（东京论坛）的第3场会议「…」的嘉宾（第1项）``."""
        lang = lang or editor_language()
        return describe_where(self.where, lang) if self.where else ""

    def text(self, lang: str | None = None) -> str:
        """The report's line: file:line:column first (editors' tools jump there), then error or warning,
        where, and what is wrong."""
        lang = lang or editor_language()
        where = self.located(lang)
        line = say(
            "line.warning" if self.severity == "warning" else "line.error",
            place=self.place(),
            where=say("line.where", where=where) if where else "",
            message=text_of(self.message, lang),
        )
        return printable(line.text(lang))

    def __str__(self) -> str:
        return self.text()

    def annotation(self, lang: str | None = None) -> str:
        """The line GitHub Actions turns into an annotation on the pull request."""

        def escape(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        lang = lang or editor_language()
        other = "en" if lang == "zh" else "zh"
        level = "warning" if self.severity == "warning" else "error"
        title = self.located(lang) or self.field
        props = f"file={escape(self.path, True)},line={self.pos.line},col={self.pos.col},title={escape(title, True)}"
        text = text_of(self.message, lang)
        second = text_of(self.message, other)
        said = text if second == text else f"{text}\n{self.located(other) or self.field}: {second}"
        return f"::{level} {props}::{escape(said)}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.pos.line, self.pos.col, text_of(self.message, "en"))


def _label(context: str, name: str, lang: str) -> str:
    labels = wording("fields")
    entry = labels.get(f"{context}.{name}") or labels.get(name)
    return entry[lang] if entry else name.replace("_", " ")


def describe_where(steps: tuple[Step, ...], lang: str) -> str:
    """The steps of a place in words (``ContentError.where``)."""
    parts: list[str] = []
    for step in steps:
        kind = step[0]
        if kind == "record":
            _, record_kind, n, record_id, zh, en = step
            title = (zh or en) if lang == "zh" else (en or zh)
            word = say(f"kind.{record_kind}")
            if record_id is None:
                parts.append(say("where.record_nth", kind=word, n=n).text(lang))
            elif title:
                parts.append(say("where.record_titled", kind=word, id=record_id, title=title).text(lang))
            else:
                parts.append(say("where.record", kind=word, id=record_id).text(lang))
        elif kind == "item":
            _, list_field, n, zh, en = step
            title = (zh or en) if lang == "zh" else (en or zh)
            template = wording("fields").get(f"item.{list_field}")
            if template:
                text = template[lang].format(n=n)
                if title:
                    text += f"「{title}」" if lang == "zh" else f" “{title}”"
            else:
                label = _label("", list_field, lang)
                key = "where.item_titled" if title else "where.item"
                text = say(key, label=label, n=n, title=title or "").text(lang)
            parts.append(text)
        elif kind == "field":
            parts.append(_label(step[1], step[2], lang))
        elif kind == "index" and parts:
            parts[-1] += say("where.index", n=step[1]).text(lang)
        elif kind == "lang" and parts:
            parts[-1] = say("where.lang", field=parts[-1], language=_label("", step[1], lang)).text(lang)
    return say("where.join").text(lang).join(parts)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


GROUPED = ("unused", "translation")
"""Kinds of warning an editor's change does not cause: one line each in the report (``ALL=1``: all)."""


def report(problems: list[ContentError], lang: str | None = None, every: bool = False) -> str:
    """Errors first, labelled, each on its line; then the warnings (those of ``GROUPED`` kinds one line a
    kind unless ``every``); then a count."""
    lang = lang or editor_language()
    problems = sorted(problems, key=ContentError.sort_key)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    lines: list[str] = []
    if errors:
        lines.append(say("report.errors_head").text(lang))
        lines += [p.text(lang) for p in errors]
    if warnings:
        shown = warnings if every else [w for w in warnings if w.kind not in GROUPED]
        grouped = [] if every else [kind for kind in GROUPED if any(w.kind == kind for w in warnings)]
        if errors:
            lines.append("")
        lines.append(say("report.warnings_head").text(lang))
        lines += [p.text(lang) for p in shown]
        for kind in grouped:
            n = sum(w.kind == kind for w in warnings)
            lines.append("  " + say("report.group", count=n, what=say(f"group.{kind}")).text(lang))
    files = len({p.path for p in errors})
    summary = (
        say("report.errors", errors=count(len(errors), "error"), files=count(files, "file"))
        if errors
        else say("report.no_errors")
    )
    text = summary.text(lang)
    if warnings:
        text += say("report.warnings", warnings=count(len(warnings), "warning")).text(lang)
    lines.append(text + say("report.end").text(lang))
    return "\n".join(lines)


class ContentErrors(Exception):
    """Raised when content has mistakes; holds all of them (and the warnings), sorted by file and line."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None) -> None:
        self.errors = sorted(errors, key=ContentError.sort_key)
        self.warnings = sorted(warnings or [], key=ContentError.sort_key)
        super().__init__(self.report())

    def report(self, lang: str | None = None, every: bool = False) -> str:
        return report(self.errors + self.warnings, lang, every)


class OutputError(Exception):
    """Content that was accepted could not be made into an output: the message names the record's file
    and id and the output, so that an editor knows where to look (a mistake of the generator's, which a
    check should have refused)."""


@contextmanager
def making(source: str, record: str, output: str) -> Iterator[None]:
    """Turn any failure inside into an ``OutputError`` naming ``source`` (the content file),
    ``record`` (e.g. ``event '2020-04-15-x'``) and ``output``; the innermost one names the record."""
    try:
        yield
    except OutputError:
        raise
    except Exception as exc:
        raise OutputError(f"{source}: {record}: {output} could not be made: {describe(exc)}") from exc


def describe(exc: BaseException) -> str:
    """An exception as one line: its type and message (``ValueError: ...``), never a traceback."""
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()
