"""The live preview's MkDocs side (`make serve`): after a save, only the pages an edit changed are made
again, by MkDocs's own page renderer, with each language's files, navigation and templates kept from
the last full build; the summit package (``summit.build.preview``) says which pages.

- ``rebuild`` replaces the server's builder: a change to the content takes the edit (``Preview.update``),
  which says which pages are stale, then lets the browsers reload; a change to anything else (the
  configuration, the theme's assets), or an edit that adds or removes pages, runs MkDocs's full build
  as before;
- each request for a page that is still stale makes it first (so no page older than one already shown
  is ever served), and a thread makes the remaining stale pages meanwhile;
- ``/.summit/preview.json`` says how far the preview is (for tests and the benchmark);
- the calendars, exports, share images and search index follow in a process of their own
  (``summit.build.preview.Extras``).

This module holds every private part of MkDocs, its live-reload server and watchdog that the preview
uses (``PRIVATE``); ``check_private_parts`` looks for each when the preview starts and stops it with a
clear message on a version that lacks one, instead of a traceback in the middle of an edit.
"""

from __future__ import annotations

import copy
import json
import logging
import posixpath
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort

from summit.build.docs import fingerprint
from summit.build.preview import Extras, Preview
from summit.errors import ContentErrors, say
from summit.outputs.offline import RETIRE, WORKER

log = logging.getLogger("mkdocs.summit")
STATUS = "/.summit/preview.json"
LET_BROWSERS_ASK = 0.3
"""Seconds the thread waits after an edit, and after any request, before making a stale page no browser
asked for (a page being served, with what it loads, goes first)."""
EXTRAS_AFTER = 2.0
"""Seconds after an edit before the calendars, exports and search index are made again (a quick series
of saves starts them once)."""
POLL = 0.1
"""Seconds between two looks at the content folder (MkDocs's server looks every 0.5 s)."""
BANNER = """<script>(function () {
  // the live preview's word on a rejected save: shown on every open page until a good save lands
  var shown = null;
  function show(errors) {
    var key = errors ? JSON.stringify(errors) : null;
    if (key === shown) return;
    shown = key;
    var old = document.getElementById("summit-preview-errors");
    if (old) old.remove();
    if (!errors) return;
    var box = document.createElement("div");
    box.id = "summit-preview-errors";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;top:0;left:0;right:0;z-index:10000;max-height:45vh;overflow:auto;" +
      "background:#8e1b10;color:#fff;font:14px/1.5 system-ui,sans-serif;padding:.6em 1em;" +
      "box-shadow:0 2px 6px rgba(0,0,0,.4)";
    var title = document.createElement("strong");
    title.textContent = errors.title;
    box.appendChild(title);
    var list = document.createElement("ul");
    list.style.cssText = "margin:.3em 0 0;padding-left:1.2em";
    errors.lines.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      item.style.cssText = "font-family:ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere";
      list.appendChild(item);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  function ask() {
    fetch("%(status)s", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (state) { show(state.errors); }, function () {})
      .then(function () { setTimeout(ask, 1000); });
  }
  ask();
})();</script>"""
"""Put into every page as the preview serves it (not into its files, which stay a build's): asks the
preview every second whether the last save was refused and shows its errors as a banner
(``LivePreview.errors``)."""


class LivePreview:
    """What the preview server keeps of the last full build, and how it makes pages after an edit."""

    def __init__(self, preview: Preview, extras: Extras) -> None:
        self.preview = preview
        self.extras = extras
        self.lock = threading.RLock()
        """Held while a page is made (MkDocs's configuration is switched between languages)."""
        self.config: Any = None
        self.nav: Any = None
        """The navigation of the language being built (until its templates are ready: ``captured``)."""
        self.states: dict[str, tuple[Any, Any, Any]] = {}
        """language -> (files, navigation, template environment) of its last full build."""
        self.settings: dict[str, tuple[dict, dict, dict]] = {}
        """language -> the configuration its build had (the i18n plugin overrides some settings for a
        language, and cannot undo them all: they are put back as they were)."""
        self.pages: dict[str, tuple[str, Any]] = {}
        """served address (``/en/events/x/``) -> (language, MkDocs file)."""
        self.by_path: dict[str, tuple[str, Any]] = {}
        """docs path -> (language, MkDocs file)."""
        self.language: str | None = None
        self.waiting = 0
        self.asked = 0.0
        """When a page was last asked for (``time.monotonic``)."""
        self.wake = threading.Event()
        self.others: tuple = ()
        self.full_builder: Callable[[], None] | None = None
        self.watched: list[Path] = []
        self.worker = threading.Thread(target=self._work, daemon=True)
        self.worker_started = False
        self.errors: dict[str, Any] | None = None
        """The mistakes of the last save when it was refused (shown on every open page), else None."""

    # -- what the full build leaves

    def captured(self, config: Any, files: Any, nav: Any, env: Any) -> None:
        """A language's full build has gathered its files, navigation and templates."""
        lang = config.plugins["i18n"].current_language if "i18n" in config.plugins else config.theme["language"]
        with self.lock:
            self.states[lang] = (files, nav, env)
            self.settings[lang] = (dict(config.data), copy.deepcopy(dict(config.theme)), copy.deepcopy(config.extra))
            self.config = config
            self.language = lang
            for file in files.documentation_pages():
                self.pages["/" + file.url] = (lang, file)
                self.by_path[file.src_uri] = (lang, file)

    def reset(self) -> None:
        with self.lock:
            self.states, self.pages, self.by_path = {}, {}, {}

    # -- the server

    def attach(self, server: Any, config: Any, watched: list[Path]) -> None:
        """Take over the server's rebuilds and requests."""
        check_private_parts(server)
        if hasattr(server.observer, "_timeout"):
            server.observer._timeout = POLL  # watchdog's polling: the content folder is small
        self.full_builder = server.builder
        self.watched = watched
        self.others = self._others()
        server.builder = self.rebuild
        serve = server._serve_request

        def serve_request(environ: dict, start_response: Any) -> Iterable[bytes] | None:
            path = environ.get("PATH_INFO", "")
            if path.endswith("/" + WORKER):  # nothing offline on the preview: a worker that removes itself
                start_response("200 OK", [("Content-Type", "text/javascript"), ("Content-Length", str(len(RETIRE)))])
                return [RETIRE]
            if path == STATUS:
                with self.lock:  # not while an edit is taken
                    body = json.dumps(self.status()).encode()
                start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
                return [body]
            self.asked = time.monotonic()
            with server._epoch_cond:  # an edit being taken is taken first (as MkDocs's server does)
                server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            self.fresh(path)
            said: list[Any] = []
            body = serve(environ, lambda status, headers, *_: said.append((status, headers)))
            if body is None or not said:
                return body
            status, headers = said[0]
            if not any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers):
                start_response(status, headers)
                return body
            # a page: it asks the preview whether the last save was refused (the files stay a build's)
            html = b"".join(body)
            if b"</body>" in html:
                html = html.replace(b"</body>", (BANNER % {"status": STATUS}).encode() + b"</body>", 1)
            headers = [(k, str(len(html)) if k.lower() == "content-length" else v) for k, v in headers]
            start_response(status, headers)
            return [html]

        server._serve_request = serve_request
        if not self.worker_started:
            self.worker_started = True
            self.worker.start()

    def _others(self) -> tuple:
        return tuple(fingerprint(path) for path in self.watched)

    def refused(self, exc: ContentErrors | None) -> None:
        """The last save was refused for ``exc`` (shown in the terminal and on every open page), or
        taken (None)."""
        if exc is None:
            self.errors = None
            return
        print(f"{exc.report()}\n{say('preview.kept')}", file=sys.stderr)
        self.errors = {"title": say("preview.banner").text(), "lines": [e.text() for e in exc.errors]}

    def status(self) -> dict[str, Any]:
        return {
            "errors": self.errors,
            "generation": self.preview.generation,
            "stale": len(self.preview.stale),
            "extras": {"generation": self.extras.done, "running": self.extras.running, "error": self.extras.error},
        }

    def rebuild(self) -> None:
        """(The server's builder) take what was saved."""
        assert self.full_builder is not None
        others = self._others()
        if others != self.others or not self.states:
            self.others = others
            self.full_builder()
            return
        started = time.perf_counter()
        with self.lock:
            try:
                update = self.preview.update()
            except ContentErrors as exc:
                self.refused(exc)
                return
            self.refused(None)
            if update is None:
                log.info("The edit adds or removes pages: a full build")
                self.full_builder()
                return
        log.info(
            f"Content changed: {len(update.stale)} pages to make again ({time.perf_counter() - started:.2f} s); "
            "a page asked for is made first, the others follow, and the calendars, exports and search index "
            "in the background"
        )
        # (not waited for: the run before may be putting its files into the site)
        site_dir, generation = Path(self.config.site_dir), self.preview.generation
        threading.Timer(EXTRAS_AFTER, self.extras.start, args=(site_dir, generation)).start()
        self.wake.set()

    def fresh(self, address: str) -> None:
        """Make the page served at ``address`` first if it is stale."""
        address = address.removesuffix("index.html")
        if not address.endswith("/") and posixpath.splitext(address)[1] == "":
            address += "/"
        found = self.pages.get(address)
        if found is None:
            return
        path = found[1].src_uri
        if path not in self.preview.stale:
            return
        self.waiting += 1
        try:
            with self.lock:
                self._make(path)
        finally:
            self.waiting -= 1

    def _work(self) -> None:
        """Make the stale pages no browser asked for, one at a time, giving way to requests (and first
        letting the reloading browsers ask for theirs)."""
        while True:
            self.wake.wait()
            time.sleep(LET_BROWSERS_ASK)
            while True:
                if self.waiting or time.monotonic() - self.asked < LET_BROWSERS_ASK:
                    time.sleep(0.02)
                    continue
                with self.lock:
                    path = self.preview.next_stale()
                    if path is None:
                        break
                    try:
                        self._make(path)
                    except Exception as exc:  # the page's error is shown; the preview goes on
                        log.error(f"{path}: {exc}")
                        self.preview.stale.discard(path)
            self.wake.clear()

    def _make(self, path: str) -> None:
        """Make the page at the docs ``path`` again: its Markdown, then, if that changed, its HTML."""
        if not self.preview.refresh(path) or path not in self.by_path:
            return
        lang, file = self.by_path[path]
        files, nav, env = self.states[lang]
        config = self.config
        if self.language != lang:
            data, theme, extra = self.settings[lang]
            config.data.update(data)
            config.theme.clear()
            config.theme.update(copy.deepcopy(theme))
            config.data["extra"] = copy.deepcopy(extra)
            if "i18n" in config.plugins:
                config.plugins["i18n"].current_language = lang
            self.language = lang
        mkdocs_build._populate_page(file.page, config, files)
        mkdocs_build._build_page(file.page, config, files.documentation_pages(), nav, env)


KNOWN_MKDOCS = "1.6."
"""The MkDocs releases whose private parts the preview was written against (requirements.txt pins one)."""
PRIVATE = {
    "mkdocs.commands.build": ("_populate_page", "_build_page"),
    "the live-reload server": (
        "builder",
        "_serve_request",
        "_epoch_cond",
        "_visible_epoch",
        "_wanted_epoch",
        "observer",
    ),
}
"""What the preview takes from MkDocs beyond its plugin events: a page made again alone, and the server's
rebuild, request and reload machinery (and watchdog's polling interval, when it has one)."""


def check_private_parts(server: Any) -> None:
    """Stop ``make serve`` with a clear message when MkDocs lacks a part the preview uses."""
    build_parts, server_parts = PRIVATE["mkdocs.commands.build"], PRIVATE["the live-reload server"]
    missing = [f"mkdocs.commands.build.{name}" for name in build_parts if not hasattr(mkdocs_build, name)]
    missing += [f"LiveReloadServer.{name}" for name in server_parts if not hasattr(server, name)]
    if missing or not mkdocs.__version__.startswith(KNOWN_MKDOCS):
        raise Abort(
            f"The live preview was written for MkDocs {KNOWN_MKDOCS}x and this is MkDocs {mkdocs.__version__}"
            + (f", which lacks {', '.join(missing)}" if missing else "")
            + ". Install the versions of requirements.txt (make clean serve), or update hooks/summit_preview.py."
        )
