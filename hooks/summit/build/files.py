"""Files written into the cache and moved into the site: only what changed is written, and whole folders
move by renaming (a built site may hold hard links to the cache's files)."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

__all__ = ["link_file", "link_tree", "move_tree", "sync_files"]


def sync_files(folder: Path, files: Mapping[str, bytes | Path]) -> None:
    """Make ``folder`` hold exactly ``files``, writing only those whose bytes changed, each as a new file
    (a built site may hold hard links to the old one); a file given as a path is linked there (copied
    where the file system cannot link), not read."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in [f for f in folder.rglob("*") if f.is_file()]:
        if old.relative_to(folder).as_posix() not in files:
            old.unlink()
    for name, data in files.items():
        target = folder / name
        if isinstance(data, Path):
            if not (target.is_file() and target.samefile(data)):
                link_file(data, target)
            continue
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)


def link_tree(source: Path, target: Path) -> None:
    """Put every file of ``source`` at the same place under ``target``: a hard link where the file system
    allows, a copy otherwise; a file already there is replaced."""
    for file in (f for f in source.rglob("*") if f.is_file()):
        link_file(file, target / file.relative_to(source))


def link_file(source: Path, dest: Path) -> None:
    """``dest`` becomes ``source``: a hard link where the file system allows, a copy otherwise."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def move_tree(source: Path, target: Path) -> None:
    """Move everything in ``source`` to the same place under ``target``: a folder ``target`` lacks is
    moved whole (one rename, however many files it holds), a file already there is replaced. Falls back
    to ``link_tree`` where ``source`` is on another file system."""
    try:
        entries = list(os.scandir(source))
    except FileNotFoundError:
        return
    for entry in entries:
        item, dest = Path(entry.path), target / entry.name
        if entry.is_dir(follow_symlinks=False) and dest.is_dir():
            move_tree(item, dest)
            continue
        target.mkdir(parents=True, exist_ok=True)
        try:
            item.replace(dest)  # a folder that ``target`` lacks: one rename
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            if entry.is_dir(follow_symlinks=False):
                link_tree(item, dest)
            else:
                shutil.copy2(item, dest)
