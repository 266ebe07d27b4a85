"""The live preview's pages, kept up to date edit by edit (`make serve`).

A full generation renders every page while recording what each reads (``depends``). After a save, the
content is loaded again from the changed files only (``content.ContentCache``), compared with the last
good version on the same terms, and the pages that read something that changed become stale. A stale
page is made again when it is asked for (``refresh``): the preview server asks first for the pages a
browser requests, then for the rest in the background. An edit that adds or removes pages, changes the
theme, or comes on another day asks for a full build instead (``update`` returns None).

The calendars, exports, QR codes, share images and the search index follow in a process of their own
(``Extras``), and are put into the served site when done.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.loader import ContentCache
from ..outputs.pages import PageSpec, Renderer
from ..outputs.search import BUNDLE
from ..outputs.theme import theme_context
from ..schedule.site import Site
from ..schedule.timing import build_time
from ..schedule.views import Views
from .depends import Dep, changes, reading, track
from .docs import write_page
from .files import link_tree
from .pipeline import Job, Plan, load_site, plan, write_pages

__all__ = ["Extras", "Preview", "Update"]

PAGE_KINDS = {"event", "station", "project", "person"}
"""Kinds of record with pages of their own: one added or removed changes the site's pages."""


@dataclass
class Update:
    """What an edit changed: the pages now stale (docs paths) and how long finding them took."""

    stale: set[str]
    changed: set[Dep] = field(default_factory=set)
    seconds: float = 0.0


class Preview:
    """The pages of one content folder, written into ``docs`` (thread-safe: one page at a time)."""

    def __init__(self, root: Path, folder: Path, docs: Path, base_url: str) -> None:
        self.root, self.folder, self.docs, self.base_url = root, folder, docs, base_url
        self.cache = ContentCache()
        self.lock = threading.RLock()
        self.site: Site | None = None
        self.renderer: Renderer | None = None
        self.plan = Plan([], {})
        self.jobs: dict[str, tuple[PageSpec, str]] = {}
        self.reads: dict[str, set[Dep]] = {}
        """docs path -> what the page read when last made."""
        self.views: dict[Dep, Any] = {}
        self.theme: dict[str, Any] = {}
        self.stale: set[str] = set()
        self.queue: list[str] = []
        """The stale pages in the order ``next_stale`` gives them (the last first)."""
        self.generation = 0
        """How many versions of the content the preview has taken (a full build or an edit)."""

    def load(self, now: Any = None) -> Site:
        """The content loaded again (only the files changed since the last load are read); raises
        ContentErrors."""
        return load_site(self.root, self.folder, self.base_url, cache=self.cache, wrap=track, now=now)

    def _take(self, site: Site, pages: bool) -> dict[Dep, Any]:
        """Make ``site`` the current version (``pages``: list its pages; else they are those of the
        version before); returns its shared values."""
        self.site = site
        views = Views(site.content)
        self.renderer = Renderer(site, views)
        if pages:
            self.plan = plan(site)
            self.jobs = {path: (spec, lang) for path, spec, lang in self.plan.jobs}
        values: dict[Dep, Any] = views.values()
        if self.renderer.share is not None:
            values.update(self.renderer.share.views())
        self.theme = theme_context(site.content.site, site.content.images)
        self.generation += 1
        return values

    def full(self, site: Site) -> list[str]:
        """Render and write every page of ``site`` (the pages of a full build), recording what each
        reads; returns the docs paths."""
        with self.lock:
            self.views = self._take(site, pages=True)
            self.reads = {}
            self.stale, self.queue = set(self.plan.paths), []
            write_pages(site, self.plan, self.docs, self._render)
            return self.plan.paths

    def update(self) -> Update | None:
        """Take the content as saved now: the pages it makes stale, or None when it needs a full build
        (pages added or removed, the theme changed, an image file changed, another day). Raises
        ContentErrors (the last good version stays)."""
        started = time.perf_counter()
        with self.lock:
            old = self.site
            if old is None:
                return None
            site = self.load(old.now)
            if build_time(site.content.site.timezone).date() != old.now.date():
                return None
            before, theme = self.views, self.theme
            views = self._take(site, pages=False)
            changed, added_or_removed = changes(old.content, site.content, before, views)
            if (
                added_or_removed & PAGE_KINDS
                or self.theme != theme  # (the last version's, kept by ``_take``)
                or site.content.images != old.content.images  # (pages use images through their checked files)
            ):
                self.views = views
                return None
            self.views = views
            stale = {path for path, reads in self.reads.items() if not reads.isdisjoint(changed)}
            self.stale |= stale
            self.queue = sorted(self.stale, key=lambda path: (len(self.reads.get(path, ())), path), reverse=True)
            return Update(stale, changed, time.perf_counter() - started)

    def refresh(self, path: str) -> bool:
        """Make the page at the docs ``path`` again if it is stale; True if its Markdown changed."""
        with self.lock:
            if path not in self.stale:
                return False
            spec, lang = self.jobs[path]
            return write_page(self.docs, path, self._render((path, spec, lang)))

    def _render(self, job: Job) -> str:
        """A page's Markdown, recording what it reads; it is no longer stale."""
        path, spec, lang = job
        assert self.renderer is not None
        with reading() as reads:
            text = self.renderer.render(spec, lang)
        self.reads[path] = reads
        self.stale.discard(path)
        return text

    def next_stale(self) -> str | None:
        """A stale page to make next: the one that read least (a record's own page before the
        listings of everything, which take longest)."""
        with self.lock:
            while self.queue:
                if self.queue[-1] in self.stale:
                    return self.queue[-1]
                self.queue.pop()
            return next(iter(sorted(self.stale)), None)


class Extras:
    """The calendars, exports, QR codes, share images and search index of the current content, made
    by ``python -m summit extras`` in a process of its own and put into the served site when done. A
    new edit stops the run under way and starts another."""

    def __init__(self, root: Path, folder: Path, base_url: str) -> None:
        self.root, self.folder, self.base_url = root, folder, base_url
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()
        self.generation = 0
        self.site_dir: Path | None = None
        self.done = 0
        """The generation last put into the site."""
        self.error: str | None = None
        self.linked: set[str] = set()
        """Data files put into the site last time (one no longer made is removed from the site)."""
        atexit.register(self.stop)  # the preview stopped (Ctrl-C): so does the run under way

    def start(self, site_dir: Path, generation: int) -> None:
        """Make the extras of the content's ``generation`` for ``site_dir`` (unless they are under way or
        done, or a later generation's are)."""
        with self.lock:
            if generation < self.generation or (generation, site_dir) == (self.generation, self.site_dir):
                return
            self._stop()
            self.site_dir = site_dir
            out = self.root / ".cache"
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2]), *sys.path])}
            command = [sys.executable, "-m", "summit", "--root", str(self.root), "extras", "--content"]
            command += [str(self.folder), "--url", self.base_url, "--out", str(out)]
            self.process = subprocess.Popen(
                command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
            )
            self.generation = generation
            threading.Thread(target=self._wait, args=(self.process, site_dir, out, generation), daemon=True).start()

    def _wait(self, process: subprocess.Popen, site_dir: Path, out: Path, generation: int) -> None:
        _, errors = process.communicate()
        with self.lock:
            if process is not self.process:
                return  # stopped: a newer run is under way
            self.process = None
            if process.returncode != 0:
                self.error = errors.decode("utf-8", "replace").strip() or f"stopped (status {process.returncode})"
                print(f"ERROR - calendars, exports and search index not made: {self.error}", file=sys.stderr)
                return
            self.error = None
            if not site_dir.is_dir():
                return
            made = {f.relative_to(out / "data").as_posix() for f in (out / "data").rglob("*") if f.is_file()}
            for gone in self.linked - made:
                (site_dir / gone).unlink(missing_ok=True)
            self.linked = made
            link_tree(out / "data", site_dir)
            bundle = site_dir / BUNDLE
            shutil.rmtree(bundle, ignore_errors=True)
            link_tree(out / "search" / BUNDLE, bundle)
            self.done = generation
            print("INFO    -  Calendars, exports, share images and search index are up to date", file=sys.stderr)

    def _stop(self) -> None:
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # with what it runs (Pagefind)
            self.process = None

    def stop(self) -> None:
        with self.lock:
            self._stop()

    @property
    def running(self) -> bool:
        return self.process is not None
