"""MkDocs hook: a thin adapter from MkDocs events to the summit package.

- on_pre_build: start making the pages and the rest in another process (summit.background), load and
  check the content meanwhile;
- on_page_read_source: a generated page is read once it is written;
- on_post_build: the sitemap with every language's alternates; the calendars, exports, QR codes and the
  search index, made in a process of its own while MkDocs renders (summit.background);
- on_serve: rebuild when anything under the content folder changes; while serving, a content error keeps
  the last good pages and prints the errors instead of stopping the preview.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from summit.background import Background, BuildError
from summit.content import content_dir
from summit.errors import ContentErrors
from summit.generate import DEFAULT_BASE_URL, fingerprint, has_generated, load_site
from summit.theme import finish_site, theme_context
from summit.views import build_time

_command = "build"
_background: Background | None = None
_done: tuple | None = None
"""What the last generation in this process was made from (the i18n plugin builds each language in
turn, calling on_pre_build again: the same content is not generated twice)."""


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, **_: Any) -> None:
    global _command
    _command = command


def _stamp(folder: Path, config: Any) -> tuple:
    """What a generation is made from: the content, the day, the address, and what it wrote last."""
    docs = Path(config.docs_dir)
    return (folder, build_time().date(), config.site_url, fingerprint(folder), fingerprint(docs / ".generated"))


def _off() -> bool:
    """``SUMMIT_HOOK=off`` builds docs/ as it is (the benchmark's plain-MkDocs baseline)."""
    return os.environ.get("SUMMIT_HOOK") == "off"


@event_priority(100)
def on_pre_build(config: Any, **_: Any) -> None:
    if _off():
        return
    global _done, _background
    if _background is not None:
        _background.begin()
    root = _root(config)
    folder = content_dir(root)
    if _stamp(folder, config) == _done:
        return
    if _background is not None:
        _background.wait()  # one at a time uses the cache folder (`make serve` rebuilds)
    url = config.site_url or DEFAULT_BASE_URL
    work = Background(root / ".cache", Path(config.docs_dir))
    # a build forks at once (the other core works while MkDocs renders, and loads the content itself);
    # the preview server has threads: no fork
    forked = _command == "build" and hasattr(os, "fork")
    if forked:
        work.start(lambda: load_site(root, folder, url))
    try:
        site = load_site(root, folder, url)
    except ContentErrors as exc:
        work.cancel()
        if _command == "serve" and has_generated(Path(config.docs_dir)):
            # a typo must not stop the preview: keep the last good pages, show what is wrong
            print(f"{exc.report()}\nThe preview keeps the last good content until this is fixed.", file=sys.stderr)
            return
        raise Abort(f"{exc.report()}\nThe site was not built.") from None
    config.extra["summit"] = theme_context(site.content.site)
    if forked:
        work.expect(site)
    else:
        work.run(site)
    _background = work
    _done = _stamp(folder, config)


def on_page_read_source(page: Any, **_: Any) -> None:
    """A generated page is read once the build has written it (summit.background)."""
    if _background is not None:
        try:
            _background.page(page.file.src_uri)
        except BuildError as exc:
            raise Abort(f"{exc}\nThe site was not built.") from None


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    server.watch(str(content_dir(_root(config))))
    return server


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: Any, **_: Any) -> None:
    if _off():
        return
    finish_site(Path(config.site_dir))
    if _background is not None:
        try:
            _background.finish(Path(config.site_dir))
        except BuildError as exc:
            raise Abort(f"{exc}\nThe site was not built.") from None
