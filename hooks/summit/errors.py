"""Content errors: each names the file, line, column and field, and says what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a content file."""

    line: int
    col: int


@dataclass(frozen=True)
class ContentError:
    """One mistake in the content. ``loc`` is the field path; None for a file-level error."""

    path: str
    pos: Position
    loc: tuple[str | int, ...] | None
    message: str

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
        return f"{self.path}:{self.pos.line}:{self.pos.col}: {self.field}: {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.pos.line, self.pos.col, self.message)


class ContentErrors(Exception):
    """Raised when content has mistakes; holds all of them, sorted by file and line."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = sorted(errors, key=ContentError.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(e) for e in self.errors]
        n = len(self.errors)
        files = len({e.path for e in self.errors})
        lines.append(f"{n} error{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}.")
        return "\n".join(lines)
