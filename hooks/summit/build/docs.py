"""Write the generated files into docs/: only those whose content changed, and remove stale ones."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "GENERATED",
    "Result",
    "docs_changes",
    "fingerprint",
    "has_generated",
    "owned",
    "prepare_pages",
    "write_page",
    "write_pages",
]

GENERATED = (
    "index",
    "schedule",
    "about",
    "agenda",
    "partners",
    "events/",
    "stations/",
    "projects/",
    "people/",
    "calendar/",
    "api/",
    "qr/",
    "icons/",
    "images/",
    "manifest",
)
"""What the generator owns under docs/: root files with these stems in every language, and these folders."""
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
    return path.split(".")[0] in GENERATED


def fingerprint(path: Path) -> tuple:
    """Names, sizes and modification times of the files at ``path`` (a file or a folder)."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path] if path.exists() else []
    return tuple((str(f), s.st_size, s.st_mtime_ns) for f in files if f.is_file() for s in [f.stat()])


def has_generated(docs: Path) -> bool:
    """True when docs/ holds pages of an earlier successful generation."""
    return (docs / MANIFEST).is_file()


def _existing(docs: Path) -> set[str]:
    found = set()
    manifest = docs / MANIFEST
    if manifest.is_file():
        found.update(line for line in manifest.read_text(encoding="utf-8").splitlines() if line)
    for folder in (p for p in GENERATED if p.endswith("/")):
        if (docs / folder).is_dir():
            found.update(
                f.relative_to(docs).as_posix()
                for f in (docs / folder).rglob("*")
                if f.is_file() and not f.name.startswith(".")  # not a page being written
            )
    return {p for p in found if owned(p)}


def docs_changes(found: list[str], pages: list[str]) -> tuple[set[str], list[str]]:
    """What MkDocs's files lack, when it ``found`` these docs paths and the build makes these generated
    ``pages`` (written while MkDocs runs, so a new one is not found yet and a stale one still is): the
    stale paths to leave out, and the missing ones to add (see ``render.read_order`` for where)."""
    wanted = set(pages)
    return {path for path in found if owned(path) and path not in wanted}, sorted(wanted.difference(found))


def write_pages(pages: dict[str, str | bytes], docs: Path) -> Result:
    """Bring docs/ in line with ``pages``; a file is written (atomically) only if its bytes changed."""
    result = prepare_pages(list(pages), docs)
    for path, text in sorted(pages.items()):
        if write_page(docs, path, text):
            result.written.append(path)
        else:
            result.unchanged += 1
    return result


def prepare_pages(paths: list[str], docs: Path) -> Result:
    """Make docs/ hold only the generated ``paths`` (before they are written): generated files not among
    them go, with their empty folders, and the manifest lists them."""
    result = Result()
    wanted = set(paths)
    for path in sorted(_existing(docs) - wanted):
        (docs / path).unlink(missing_ok=True)
        result.removed.append(path)
    keep = {docs / posixpath.dirname(path) for path in wanted}  # (a build may be writing into them)
    for folder in (p for p in GENERATED if p.endswith("/")):
        for sub in sorted((docs / folder).glob("**/"), key=lambda p: len(p.parts), reverse=True):
            if sub not in keep and sub.is_dir() and not any(sub.iterdir()):
                sub.rmdir()
    manifest = ("\n".join(sorted(wanted)) + "\n").encode("utf-8")
    docs.mkdir(parents=True, exist_ok=True)
    if not (docs / MANIFEST).is_file() or (docs / MANIFEST).read_bytes() != manifest:
        (docs / MANIFEST).write_bytes(manifest)
    return result


def write_page(docs: Path, path: str, text: str | bytes) -> bool:
    """Write one generated file (atomically) unless it holds these bytes already; True if written."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    target = docs / path
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return True
