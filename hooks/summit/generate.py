"""Write the generated Markdown into docs/: only files whose text changed, and remove stale ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .content import Content
from .render import render_all

__all__ = ["GENERATED", "Result", "generate_docs", "write_pages"]

GENERATED = ("index", "schedule", "about", "partners", "events/", "stations/", "projects/")
"""What the generator owns under docs/: these root pages in every language, and these folders."""
MANIFEST = ".generated"


@dataclass
class Result:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


def owned(path: str) -> bool:
    """True when the generator owns the docs path (so may overwrite or delete it)."""
    if "/" in path:
        return any(path.startswith(p) for p in GENERATED if p.endswith("/"))
    stem = path.split(".")[0]
    return stem in GENERATED


def _existing(docs: Path) -> set[str]:
    found = set()
    manifest = docs / MANIFEST
    if manifest.is_file():
        found.update(line for line in manifest.read_text(encoding="utf-8").splitlines() if line)
    for folder in (p for p in GENERATED if p.endswith("/")):
        if (docs / folder).is_dir():
            found.update(f.relative_to(docs).as_posix() for f in (docs / folder).rglob("*.md"))
    return {p for p in found if owned(p)}


def write_pages(pages: dict[str, str], docs: Path) -> Result:
    """Bring docs/ in line with ``pages``; a file is written (atomically) only if its text changed."""
    result = Result()
    for path, text in sorted(pages.items()):
        target = docs / path
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            result.unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)
        result.written.append(path)
    for path in sorted(_existing(docs) - set(pages)):
        (docs / path).unlink(missing_ok=True)
        result.removed.append(path)
    for folder in (p for p in GENERATED if p.endswith("/")):
        if (docs / folder).is_dir() and not any((docs / folder).iterdir()):
            (docs / folder).rmdir()
    manifest = "\n".join(sorted(pages)) + "\n"
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_text(encoding="utf-8") != manifest:
        (docs / MANIFEST).write_text(manifest, encoding="utf-8")
    return result


def generate_docs(content: Content, docs: Path, today: dt.date) -> Result:
    """Render every page of ``content`` and write the changed ones into ``docs``."""
    return write_pages(render_all(content, today), docs)
