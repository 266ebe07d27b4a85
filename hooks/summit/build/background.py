"""The generated pages, and what the build makes that MkDocs does not read: calendars, exports, QR codes,
redirect pages and the search index. A build makes them in a process of its own while MkDocs renders (the
machine's other core), forked before anything is loaded: it loads the content (MkDocs's process does
not: it holds none of it), says which pages it makes (``Background.pages``: MkDocs is given them as it
collects its files, so none needs to be on disk yet), writes them in the order MkDocs reads them (MkDocs
waits for a page only if it gets there first: ``Background.page``), then the rest, kept in a cache
folder and put into the built site when MkDocs is done."""

from __future__ import annotations

import contextlib
import gc
import json
import mmap
import os
import shutil
import signal
import struct
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ContentErrors, OutputError, describe
from ..outputs.search import BUNDLE, SearchError
from ..schedule.site import Site
from .files import link_tree, move_tree
from .pipeline import make_extras, plan, write_pages

__all__ = ["Background", "BuildError"]


class BuildError(Exception):
    """The background work failed; the message says what went wrong."""


class Background:
    """The pages of a site (into ``docs``), its data files and its search index: ``start`` makes them in a
    forked process, ``run`` at once in this one. ``page`` waits for one page, ``finish`` for everything,
    and puts the rest into a built site."""

    def __init__(self, cache: Path, docs: Path) -> None:
        self.cache = cache
        self.docs = docs
        self.data = cache / "data"
        self.search = cache / "search"
        self.index = self.search / BUNDLE
        """Where the search bundle is (moved into the first site a build finishes)."""
        self.error_file = cache / "background-error.txt"
        self.error: str | None = None
        self.pid: int | None = None
        self.forked = False
        self.finished: Path | None = None
        """The built site the work was put into since the build began (the i18n plugin ends a build once
        per language); ``begin`` forgets it."""
        self.order: dict[str, int] = {}
        """docs path -> its place among the pages the forked process writes, in turn."""
        self.done = mmap.mmap(-1, 8)
        """How many pages the forked process has written (shared with it)."""
        self._heard: dict[str, Any] = {}
        """What the forked process has said (``pages``, then ``theme``), or ``run`` made out."""
        self._told: int | None = None
        """The pipe on which the forked process says each is written (closed without a word if it
        failed first)."""
        cache.mkdir(parents=True, exist_ok=True)
        self.error_file.unlink(missing_ok=True)

    def start(self, make: Callable[[], Site]) -> Background:
        """Fork a process that makes the site (``make`` loads the content), says which pages it makes
        (``pages``) and the theme's context (``theme``), then writes the pages in the order MkDocs reads
        them, then the rest. This process loads nothing."""
        # what both processes hold stays out of the cycle collector: its passes would write to every
        # object, copying the shared pages one by one
        gc.freeze()
        ready, said = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the work, never return into MkDocs
            code = 1
            try:
                os.close(ready)
                os.nice(10)  # MkDocs first: it waits for nothing but pages, and they come first here
                gc.disable()  # loading makes many objects and frees few: no collector passes meanwhile
                site = make()  # MkDocs's process waits meanwhile: the loading may use every core
                the_plan = plan(site)
                gc.freeze()  # what is loaded stays: later passes skip it
                gc.enable()
                _leave_a_core()
                self._say(said, "pages", the_plan.paths)
                self._say(said, "theme", the_plan.theme)
                os.close(said)
                write_pages(site, the_plan, self.docs, done=lambda n: struct.pack_into("q", self.done, 0, n))
                self.work(site)
                code = 0
            except ContentErrors as exc:  # reported by the parent, by file, line and field
                self.error_file.write_text(exc.report(), encoding="utf-8")
            except BaseException as exc:  # reported by the parent
                self.error_file.write_text(_describe(exc), encoding="utf-8")
            finally:
                os._exit(code)
        os.close(said)
        self.pid = pid
        self.forked = True
        self._told = ready
        return self

    def _say(self, said: int, name: str, value: Any) -> None:
        """(The forked process) tell this process ``value``, through a file and a byte on the pipe."""
        tmp = self.cache / f".{name}.json.tmp"
        tmp.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.cache / f"{name}.json")
        os.write(said, b"1")

    def _hear(self, name: str) -> Any:
        """What the forked process said as ``name``, waiting for it (in the order it says them)."""
        if name not in self._heard:
            told = os.read(self._told, 1) if self._told is not None else b""
            if not told:  # the process ended first
                if self._told is not None:
                    os.close(self._told)
                    self._told = None
                self.wait()
                raise BuildError(self.error or "the background build stopped")
            self._heard[name] = json.loads((self.cache / f"{name}.json").read_text(encoding="utf-8"))
        return self._heard[name]

    def pages(self) -> list[str]:
        """The generated pages (docs paths, in the order they are written); a forked build waits for its
        process to load the content. Raises BuildError (the content's errors, reported by file, line
        and field, or another failure)."""
        pages = self._hear("pages")
        if self.forked and not self.order:
            self.order = {path: n for n, path in enumerate(pages)}
        return pages

    def theme(self) -> dict[str, Any]:
        """The theme's context (``theme.theme_context``), said after the pages. Raises BuildError."""
        self.pages()
        theme = self._hear("theme")
        if self._told is not None:  # nothing more is said
            os.close(self._told)
            self._told = None
        return theme

    def run(self, site: Site) -> Background:
        """Make everything at once, in this process (the preview server has threads: no fork)."""
        the_plan = plan(site)
        write_pages(site, the_plan, self.docs)
        self._heard = {"pages": the_plan.paths, "theme": the_plan.theme}
        try:
            self.work(site)
        except Exception as exc:
            self.error = _describe(exc)
        return self

    def given(self, pages: list[str], theme: dict[str, Any]) -> Background:
        """The pages (written already) and the theme's context, made elsewhere (the live preview's);
        no other work."""
        self._heard = {"pages": pages, "theme": theme}
        return self

    def cancel(self) -> None:
        """Stop the forked process (the build stops)."""
        if self.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None

    def begin(self) -> None:
        """A build (of a language) begins: ``finish`` puts the work into its site again."""
        self.finished = None

    def page(self, path: str) -> None:
        """Wait until the page at the docs ``path`` is written (at once if it is not one of ours or the
        work is not forked); raise BuildError if the forked process failed first."""
        place = self.order.pop(path, None)
        while place is not None and self._written() <= place:
            if not self._running():
                self.wait()
                if self._written() <= place:
                    raise BuildError(f"the page {path} was not made")
                return
            time.sleep(0.0005)

    def _written(self) -> int:
        return struct.unpack_from("q", self.done, 0)[0]

    def _running(self) -> bool:
        """True while the forked process runs; once it has ended, how it ended is recorded."""
        if self.pid is None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self._ended(status)
        return False

    def _ended(self, status: int) -> None:
        self.pid = None
        if status != 0 and self.error is None:
            text = self.error_file.read_text(encoding="utf-8") if self.error_file.is_file() else ""
            self.error = text or f"the background build stopped (status {status})"

    def work(self, site: Site) -> None:
        """The data files into ``data``, the search index into ``search`` (of the cache folder)."""
        make_extras(site, self.cache, lambda text: print(f"WARNING - {text}", file=sys.stderr))

    def wait(self) -> None:
        """Wait for the work; raise BuildError if it failed."""
        if self.pid is not None:
            _, status = os.waitpid(self.pid, 0)
            self._ended(status)
        if self.error is not None:
            raise BuildError(self.error)

    def finish(self, site_dir: Path) -> None:
        """Wait for the work, then put the data files and the search bundle into ``site_dir`` (once: the
        i18n plugin ends a build once per language). A forked build's are moved there, not linked: it
        finishes one site."""
        self.wait()
        if self.finished == site_dir:
            return
        if self.forked:  # the forked build's data files are made anew each time: moved in, not linked
            move_tree(self.data, site_dir)
        else:
            link_tree(self.data, site_dir)
        bundle = site_dir / BUNDLE
        if self.index == bundle:  # moved there by a build of another language
            self.finished = site_dir
            return
        shutil.rmtree(bundle, ignore_errors=True)
        if self.forked and self.index == self.search / BUNDLE:
            # a build's index is made anew each time: moved, not linked file by file (unless the site
            # is on another file system)
            with contextlib.suppress(OSError):
                self.index.rename(bundle)
                self.index = bundle
        if self.index != bundle:
            link_tree(self.index, bundle)
        self.finished = site_dir


def _leave_a_core() -> None:
    """Keep this process and what it runs (Pagefind's threads) off one of the machine's cores, where
    MkDocs's process (one thread) then runs alone."""
    if hasattr(os, "sched_setaffinity"):
        cores = os.sched_getaffinity(0)
        if len(cores) > 1:
            os.sched_setaffinity(0, cores - {min(cores)})


def _describe(exc: BaseException) -> str:
    if isinstance(exc, SearchError):
        return f"the search index could not be made: {exc}"
    if isinstance(exc, OutputError):  # names the record, its file and the output
        return str(exc)
    return describe(exc)
