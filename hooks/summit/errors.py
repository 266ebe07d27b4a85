"""Content errors: each names the file, line, column and field, and says what is wrong."""

from __future__ import annotations

import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass


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


@dataclass(frozen=True)
class ContentError:
    """One mistake in the content. ``loc`` is the field path; None for a file-level error.
    A warning does not stop the build; a ``translation`` warning does under ``--strict``."""

    path: str
    pos: Position
    loc: tuple[str | int, ...] | None
    message: str
    severity: str = "error"
    kind: str = ""

    @property
    def field(self) -> str:
        """The field path as an editor reads it: ``events[2].title.en``."""
        if self.loc is None:
            return "(file)"
        text = ""
        for part in self.loc:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text or "(file)"

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.pos.line}:{self.pos.col}: {printable(self.field)}: {prefix}{printable(self.message)}"

    def annotation(self) -> str:
        """The line GitHub Actions turns into an annotation on the pull request."""

        def escape(text: str, prop: bool = False) -> str:
            text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            return text.replace(":", "%3A").replace(",", "%2C") if prop else text

        level = "warning" if self.severity == "warning" else "error"
        props = (
            f"file={escape(self.path, True)},line={self.pos.line},col={self.pos.col},title={escape(self.field, True)}"
        )
        return f"::{level} {props}::{escape(self.message)}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.pos.line, self.pos.col, self.message)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def report(problems: list[ContentError]) -> str:
    """Every problem on its line, then a count of errors and warnings."""
    problems = sorted(problems, key=ContentError.sort_key)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    lines = [str(p) for p in problems]
    files = len({p.path for p in errors})
    summary = f"{plural(len(errors), 'error')} in {plural(files, 'file')}" if errors else "no errors"
    if warnings:
        summary += f", {plural(len(warnings), 'warning')}"
    lines.append(summary + ".")
    return "\n".join(lines)


class ContentErrors(Exception):
    """Raised when content has mistakes; holds all of them (and the warnings), sorted by file and line."""

    def __init__(self, errors: list[ContentError], warnings: list[ContentError] | None = None) -> None:
        self.errors = sorted(errors, key=ContentError.sort_key)
        self.warnings = sorted(warnings or [], key=ContentError.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        return report(self.errors + self.warnings)


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
