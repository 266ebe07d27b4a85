"""Making a site, in four stages, the same whoever asks: the build (the MkDocs hook and the process it
forks, ``background``), the live preview (``preview``, ``make serve``) and the command line (``cli``:
``check``, ``generate``, ``extras``).

1. ``load``: the content folder read and checked into a ``Site`` (raises ContentErrors; nothing is
   written before it succeeds);
2. ``plan``: every page the site has (docs path, page, language, in the order MkDocs reads them) and
   what the theme needs beyond the pages;
3. ``write_pages``: each page rendered and written into docs/, only where its bytes changed, in the
   plan's order (what MkDocs reads first is there first);
4. ``make_extras``: the files beside the pages (calendars, exports, api, QR codes, images, share
   cards, redirects) and the search index, into a cache folder; the runner puts them into the built
   site when MkDocs is done (moved by a build, linked by the preview).

The runners differ only in where the stages run and how the results reach MkDocs: the build forks a
process that runs all four while MkDocs renders; the preview runs 1-3 in the server, recording what each
page reads (its ``render``), and 4 in a process of its own; ``summit generate`` runs 1-3 and writes the
data files into docs/ too.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..content.history import Histories, record_history
from ..content.images import ImageCache
from ..content.loader import Content, ContentCache, load_content
from ..errors import say
from ..outputs.datafiles import QrCodes, data_at, render_data
from ..outputs.markup import localized_path
from ..outputs.pages import PageSpec, Renderer, page_jobs
from ..outputs.search import build_index, dictionary, documents, part_size
from ..outputs.share import share_files
from ..outputs.theme import theme_context
from ..schedule.site import Site
from ..schedule.timing import build_time
from .docs import Result, prepare_pages, write_page
from .files import sync_files

__all__ = [
    "DEFAULT_BASE_URL",
    "Plan",
    "generate_docs",
    "load_site",
    "make_extras",
    "plan",
    "site_of",
    "write_pages",
]

DEFAULT_BASE_URL = "http://127.0.0.1:8000/"

Job = tuple[str, PageSpec, str]
"""(docs path, page, language)."""


def site_of(
    content: Content,
    now: dt.datetime | None = None,
    base_url: str = DEFAULT_BASE_URL,
    history: Histories | None = None,
) -> Site:
    """``content`` as one build sees it: as of ``now`` (the build time in the site's zone, unless given),
    at ``base_url``, with its ``history`` (if known)."""
    return Site(
        content,
        now or build_time(content.site.timezone),
        base_url if base_url.endswith("/") else base_url + "/",
        history,
    )


_told_no_history: set[Path] = set()


def history_of(root: Path, folder: Path) -> Histories | None:
    """The content's history (``content.history``, kept in the cache folder by commit); where there is
    none, says once (per content folder and process) that the build's time dates every record."""
    try:
        history = record_history(folder, root / ".cache" / "history.pickle")
    except Exception:  # nothing in the history may stop a build (each record is dated by the build)
        history = None
    if history is None and folder not in _told_no_history:
        _told_no_history.add(folder)
        print(f"INFO    -  {say('history.none')}", file=sys.stderr)
    return history


def load_site(
    root: Path,
    folder: Path,
    base_url: str = DEFAULT_BASE_URL,
    *,
    share: bool = False,
    cache: ContentCache | None = None,
    wrap: Callable[[Content], Content] | None = None,
    now: dt.datetime | None = None,
    aside: bool = False,
) -> Site:
    """Stage 1: the content ``folder`` loaded and checked (raises ContentErrors), with its history from
    git (``history_of``). ``share`` and ``cache``: see ``load_content``; ``wrap`` is given the content
    first (the preview's recording records); ``aside``: the history is read by a child process meanwhile
    (a process with one thread only: the build's forked one)."""
    history = _history_aside(root, folder) if aside else (lambda: history_of(root, folder))
    content = load_content(root, folder, share=share, cache=cache)
    return site_of(wrap(content) if wrap else content, now, base_url, history())


def _history_aside(root: Path, folder: Path) -> Callable[[], Histories | None]:
    """The history read by a child process (on another core, while this one loads the content) into its
    cache file; returns what waits for it and reads the file (by commit: at once)."""
    try:
        pid = os.fork()
    except OSError:
        return lambda: history_of(root, folder)
    if pid == 0:  # the child: reads and keeps; nothing else
        try:
            record_history(folder, root / ".cache" / "history.pickle")
        finally:
            os._exit(0)

    def result() -> Histories | None:
        os.waitpid(pid, 0)
        return history_of(root, folder)

    return result


@dataclass(frozen=True)
class Plan:
    """Stage 2: what a site's build makes for MkDocs."""

    jobs: list[Job]
    """Every page, in the order MkDocs reads them."""
    theme: dict[str, Any]
    """What the theme needs beyond the pages (``theme.theme_context``)."""

    @property
    def paths(self) -> list[str]:
        return [path for path, _, _ in self.jobs]


def plan(site: Site) -> Plan:
    return Plan(page_jobs(site), theme_context(site.content.site, site.content.images))


def write_pages(
    site: Site,
    the_plan: Plan,
    docs: Path,
    render: Callable[[Job], str] | None = None,
    *,
    also: Mapping[str, str | bytes] | None = None,
    done: Callable[[int], None] | None = None,
) -> Result:
    """Stage 3: docs/ made to hold the plan's pages (and ``also``, other generated files) and nothing
    else the generator owns; each page rendered (by ``render``, else a ``Renderer`` of the site) and
    written if its bytes changed, in the plan's order; ``done(n)`` after the n-th page."""
    result = prepare_pages(the_plan.paths + list(also or ()), docs)
    if render is None:
        renderer = Renderer(site)

        def render(job: Job) -> str:
            return renderer.render(job[1], job[2])

    for n, job in enumerate(the_plan.jobs, 1):
        if write_page(docs, job[0], render(job)):
            result.written.append(job[0])
        else:
            result.unchanged += 1
        if done is not None:
            done(n)
    for path, data in sorted((also or {}).items()):
        if write_page(docs, path, data):
            result.written.append(path)
        else:
            result.unchanged += 1
    return result


def make_extras(site: Site, cache: Path, warn: Callable[[str], None]) -> None:
    """Stage 4: the data files into ``cache/data`` (only the changed ones written, images linked from
    ``cache/images``, QR codes and share cards kept in ``cache/qr`` and ``cache/cards``), the search
    index into ``cache/search``; ``warn`` is told what a share card could not show."""
    files = render_data(site, QrCodes(cache / "qr"), ImageCache(cache / "images"), True)
    files.update(share_files(site, cache / "cards", warn))
    sync_files(cache / "data", files)
    build_index(documents(site), dictionary(site.content), cache / "search", part_size())


_QR = QrCodes()
"""QR codes made in this process (``generate_docs`` called again makes each one once)."""


def generate_docs(site: Site, docs: Path, cache: Path | None = None) -> Result:
    """(``summit generate``) Stages 2-3 for ``site``, with the data files written into docs/ too (each at
    its page-relative place, as MkDocs would copy them); ``cache``: a folder to keep QR codes in."""
    qr = _QR if cache is None or _QR.folder in (None, cache) else QrCodes(cache)
    qr.folder = qr.folder or cache
    return write_pages(site, plan(site), docs, also=data_at(site, qr, localized_path))
