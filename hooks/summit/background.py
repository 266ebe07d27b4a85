"""What the build makes that MkDocs does not read: calendars, exports, QR codes, redirect pages and the
search index. They are made in a process of its own while MkDocs renders the pages (the machine's other
core), kept in a cache folder, and put into the built site when MkDocs is done (hard links)."""

from __future__ import annotations

import os
import shutil
import traceback
from pathlib import Path

from .calendar import Site
from .render import QrCodes, render_data
from .search import BUNDLE, SearchError, build_index, dictionary, documents, link_tree, part_size, sync_files

__all__ = ["Background", "BuildError"]


class BuildError(Exception):
    """The background work failed; the message says what went wrong."""


class Background:
    """The data files and the search index of ``site``, made in a forked process when ``fork`` (and the
    system can fork), else at once. ``finish`` waits for them and puts them into a built site."""

    def __init__(self, site: Site, cache: Path, *, fork: bool = True) -> None:
        self.cache = cache
        self.data = cache / "data"
        self.search = cache / "search"
        self.error_file = cache / "background-error.txt"
        self.error: str | None = None
        self.pid: int | None = None
        cache.mkdir(parents=True, exist_ok=True)
        self.error_file.unlink(missing_ok=True)
        if fork and hasattr(os, "fork"):
            pid = os.fork()
            if pid == 0:  # the child: do the work, never return into MkDocs
                code = 1
                try:
                    self._work(site)
                    code = 0
                except BaseException as exc:  # reported by the parent
                    self.error_file.write_text(_describe(exc), encoding="utf-8")
                finally:
                    os._exit(code)
            self.pid = pid
        else:
            try:
                self._work(site)
            except Exception as exc:
                self.error = _describe(exc)

    def _work(self, site: Site) -> None:
        sync_files(self.data, render_data(site, QrCodes(self.cache / "qr")))
        build_index(documents(site), dictionary(site.content), self.search, part_size())

    def wait(self) -> None:
        """Wait for the work; raise BuildError if it failed."""
        if self.pid is not None:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if status != 0 and self.error is None:
                text = self.error_file.read_text(encoding="utf-8") if self.error_file.is_file() else ""
                self.error = text or f"the background build stopped (status {status})"
        if self.error is not None:
            raise BuildError(self.error)

    def finish(self, site_dir: Path) -> None:
        """Wait for the work, then put the data files and the search bundle into ``site_dir``."""
        self.wait()
        link_tree(self.data, site_dir)
        bundle = site_dir / BUNDLE
        shutil.rmtree(bundle, ignore_errors=True)
        link_tree(self.search / BUNDLE, bundle)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SearchError):
        return f"the search index could not be made: {exc}"
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()
