"""MkDocs hook: a thin adapter from MkDocs events to the summit package.

- on_pre_build: start making the pages and the rest in another process (summit.build.background), which
  loads and checks the content and says which pages it makes;
- on_files: the generated pages are among MkDocs's files (written while MkDocs runs);
- on_page_read_source: a generated page is read once it is written;
- on_post_build: the sitemap (the theme's, with every language's alternates) also where the language
  selector looks; the calendars, exports, QR codes and the search index, made in a process of its own
  while MkDocs renders (summit.build.background);
- on_post_build also: the editing page's files (summit.build.editor); the service worker
  (summit.outputs.offline), from what the built pages load;
- on_serve: rebuild when anything under the content folder changes, only the pages an edit changed
  (summit_preview); while serving, a content error keeps the last good pages and prints the errors
  instead of stopping the preview;
- on_page_markdown: a page's metadata reaches the theme as escaped HTML (summit.outputs.theme.escaped_meta);
- on_nav, on_env: what the preview keeps of each language's full build;
- on_build_error: the work beside the build stops too.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import threading
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, set_exclusions

from summit.build.background import Background, BuildError
from summit.build.docs import docs_changes, fingerprint, has_generated
from summit.build.editor import EditorSettingsError, install_editor
from summit.build.pipeline import DEFAULT_BASE_URL, load_site
from summit.build.preview import Extras, Preview
from summit.content.loader import content_dir
from summit.errors import ContentErrors, say
from summit.outputs.offline import write_worker
from summit.outputs.pages import read_order
from summit.outputs.theme import escaped_meta, finish_site, one_404
from summit.schedule.views import build_time
from summit.schedule.zones import IANA_VERSION
from summit_preview import LivePreview

_command = "build"
_background: Background | None = None
_live: LivePreview | None = None
"""The live preview (`make serve`)."""
_done: tuple | None = None
"""What the last generation in this process was made from (the i18n plugin builds each language in
turn, calling on_pre_build again: the same content is not generated twice)."""


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, **_: Any) -> None:
    global _command
    _command = command
    logging.getLogger("mkdocs.hooks.summit").info("Time zones: IANA %s (the tzdata package)", IANA_VERSION)


def _stamp(folder: Path, config: Any) -> tuple:
    """What a generation is made from: the content, the day, the address, and what it wrote last."""
    docs = Path(config.docs_dir)
    return (folder, build_time().date(), config.site_url, fingerprint(folder), fingerprint(docs / ".generated"))


@event_priority(100)
def on_pre_build(config: Any, **_: Any) -> None:
    global _done, _background
    if _background is not None:
        _background.begin()
        if _command == "build":  # the i18n plugin's build of another language: the work is under way
            return
    root = _root(config)
    folder = content_dir(root)
    if _stamp(folder, config) == _done:
        return
    if _background is not None:
        _background.wait()  # one at a time uses the cache folder (`make serve` rebuilds)
    url = config.site_url or DEFAULT_BASE_URL
    work = Background(root / ".cache", Path(config.docs_dir))
    if _command == "build" and hasattr(os, "fork"):
        # another process loads the content and makes the site; this one waits for the list of pages
        # only (the content's errors stop the build here, before MkDocs empties the site folder)
        _background = work.start(lambda: load_site(root, folder, url, share=True, aside=True))
        try:
            work.pages()
        except BuildError as exc:
            raise Abort(f"{exc}\n{say('not_built')}") from None
        return
    # the preview server has threads: no fork; its pages are made by the preview, recording what each
    # reads, and the data files and search index follow in a process of their own
    global _live
    if _live is None:
        _live = LivePreview(Preview(root, folder, Path(config.docs_dir), url), Extras(root, folder, url))
    _live.reset()
    gc.unfreeze()  # what the last full build left may go now (frozen after each: on_post_build)
    try:
        site = _live.preview.load()
    except ContentErrors as exc:
        if has_generated(Path(config.docs_dir)):
            # a typo must not stop the preview: keep the last good pages, show what is wrong (also on
            # every open page)
            _live.refused(exc)
            return
        raise Abort(f"{exc.report()}\n{say('not_built')}") from None
    _live.refused(None)
    _live.extras.stop()
    pages = _live.preview.full(site)
    _background = work.given(pages, _live.preview.theme)
    _done = _stamp(folder, config)


@event_priority(100)  # before the i18n plugin sorts the files by language
def on_files(files: Files, config: Any, **_: Any) -> Files:
    """The generated pages, written while MkDocs runs, are among the files whether on disk yet or not."""
    if _background is None:
        return files
    try:
        config.extra["summit"] = _background.theme()
    except BuildError as exc:
        raise Abort(f"{exc}\n{say('not_built')}") from None
    stale, missing = docs_changes([file.src_uri for file in files], _background.pages())
    if not stale and not missing:
        return files
    made = [File(path, config.docs_dir, config.site_dir, config.use_directory_urls) for path in missing]
    set_exclusions(made, config)
    kept = [file for file in files if file.src_uri not in stale]
    return Files(sorted(kept + made, key=lambda file: read_order(file.src_uri)))  # where MkDocs finds them


def on_build_error(**_: Any) -> None:
    """The build stopped: so does the work beside it."""
    if _background is not None:
        _background.cancel()


def on_page_read_source(page: Any, **_: Any) -> None:
    """A generated page is read once the build has written it (summit.build.background)."""
    if _background is not None:
        try:
            _background.page(page.file.src_uri)
        except BuildError as exc:
            raise Abort(f"{exc}\n{say('not_built')}") from None


@event_priority(-100)  # after any plugin that reads or adds metadata
def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    page.meta = escaped_meta(page.meta)
    return markdown


@event_priority(-200)  # after the i18n plugin has made each language's navigation
def on_nav(nav: Any, config: Any, files: Any, **_: Any) -> Any:
    if _live is not None:
        _live.nav = nav
    return nav


@event_priority(-200)
def on_env(env: Any, config: Any, files: Any, **_: Any) -> Any:
    if _live is not None:
        _live.captured(config, files, _live.nav, env)
    return env


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    if threading.current_thread() is threading.main_thread():
        # stopped by a supervisor (SIGTERM) as by Ctrl-C: the server shuts down and the work beside it
        # (summit.build.preview.Extras, at exit) stops too, instead of writing on into .cache
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    root = _root(config)
    server.watch(str(content_dir(root)))
    if _live is not None:
        # the generated pages are the preview's own: only the rest of docs/ is watched
        server.unwatch(config.docs_dir)
        assets = Path(config.docs_dir) / "assets"
        server.watch(str(assets))
        _live.attach(server, config, [assets, Path(config.config_file_path)])
    return server


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_template(output_content: str, template_name: str, config: Any, **_: Any) -> str:
    return one_404(template_name, config.theme["language"], output_content)


# After the i18n plugin, which builds the other languages from within the first one's post_build: the
# work beside MkDocs is waited for at the end of the last language's build, not between two languages.
@event_priority(-150)
def on_post_build(config: Any, **_: Any) -> None:
    finish_site(Path(config.site_dir))
    try:
        root = _root(config)  # the editing page's files (when installed), its forms for this content
        install_editor(root, Path(config.site_dir), content_dir(root))
    except EditorSettingsError as exc:
        raise Abort(f"{exc}\n{say('not_built')}") from None
    if _live is not None and _command == "serve":
        _live.extras.start(Path(config.site_dir), _live.preview.generation)
        gc.freeze()  # what the full build leaves stays: the collector's passes skip it (no pause after an edit)
        return
    if _background is not None:
        try:
            _background.finish(Path(config.site_dir))
        except BuildError as exc:
            raise Abort(f"{exc}\n{say('not_built')}") from None
        write_worker(Path(config.site_dir), build_time())  # what the pages load, once they are all there
