"""Reading offline at the venue: the service worker (``sw.js`` at the site's root, for both languages),
written once the site is built, from ``worker.js`` beside this module and the build's values.

Its precache list is what the pages' heads load (styles, scripts, icons, the web app manifest), read
from each language's home page in the built site and named with a hash of its content: a new build
fetches only what changed. Pages and the api's JSON are the network's first and kept for offline
(``MAX_PAGES``, least recently used first out); images are kept up to ``MAX_MEDIA``. The pages register
it (``assets/javascripts/summit.js``) after they have loaded, never from ``file://``; the preview server
answers ``sw.js`` with ``RETIRE``, a worker that removes itself and what it kept, so nothing of it
stays on an editor's preview.

Written here rather than with Workbox: Workbox's files come from npm, and the build needs no Node; the
worker is about 150 lines and tested in Chromium (``tests/test_offline.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import escape

from ..i18n import LANGUAGES, Locale

__all__ = ["MAX_MEDIA", "MAX_PAGES", "RETIRE", "TIMEOUT", "WORKER", "precache", "worker", "write_worker"]

WORKER = "sw.js"
MAX_PAGES = 200
"""Pages and api files kept (a summit week's event page with its 60-odd people is about 70 of them)."""
MAX_MEDIA = 60
"""Images kept."""
TIMEOUT = 4000
"""Milliseconds the network has before a kept copy is shown instead (a crowded hall's network)."""
RETIRE = (
    b'"use strict";\n/* The preview keeps nothing offline: this worker removes itself and what it kept. */\n'
    b"self.addEventListener('install', function () { self.skipWaiting(); });\n"
    b"self.addEventListener('activate', function (event) {\n"
    b"  event.waitUntil(caches.keys().then(function (names) {\n"
    b"    return Promise.all(names.filter(function (n) { return n.indexOf('summit-') === 0; })"
    b".map(function (n) { return caches.delete(n); }));\n"
    b"  }).then(function () { return self.registration.unregister(); }));\n"
    b"});\n"
)


class _Head(HTMLParser):
    """The addresses a page's head loads: stylesheets, scripts, icons and the manifest."""

    RELS = frozenset({"stylesheet", "icon", "apple-touch-icon", "manifest"})

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and set((values.get("rel") or "").split()) & self.RELS and values.get("href"):
            self.found.append(values["href"] or "")
        elif tag == "script" and values.get("src"):
            self.found.append(values["src"] or "")


def precache(site_dir: Path) -> list[tuple[str, str]]:
    """What every page needs, as (path from the site's root, content hash), from each language's home."""
    entries: dict[str, str] = {}
    for lang in LANGUAGES:
        folder = "" if lang == LANGUAGES[0] else f"{lang}/"
        home = site_dir / folder / "index.html"
        if not home.is_file():
            continue
        head = _Head()
        head.feed(home.read_text(encoding="utf-8"))
        for address in head.found:
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another host's (none today): not ours to keep
            path = posixpath.normpath(posixpath.join(folder, parts.path))
            file = site_dir / path
            if path.startswith("..") or not file.is_file():
                continue
            entries[path] = hashlib.sha256(file.read_bytes()).hexdigest()[:16]
    return sorted(entries.items())


def _offline_page() -> str:
    """What a page never opened says offline, in both languages, with the way home."""
    parts = []
    for lang in LANGUAGES:
        loc = Locale(lang)
        home = "./" if lang == LANGUAGES[0] else f"./{lang}/"
        parts.append(
            f'<section lang="{"zh-CN" if lang == "zh" else lang}"><h1>{escape(loc.t("offline.title"))}</h1>'
            f"<p>{escape(loc.t('offline.missing'))}</p>"
            f'<p><a href="{home}">{escape(loc.t("offline.home"))}</a></p></section>'
        )
    style = "body{font:18px/1.5 system-ui,sans-serif;margin:2em auto;max-width:36em;padding:0 1em}"
    return (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(Locale(LANGUAGES[0]).t('offline.title'))}</title><style>{style}</style>"
        f'<base href="{{ROOT}}"></head><body>{"".join(parts)}</body></html>'
    )


def worker(entries: list[tuple[str, str]], built: dt.datetime) -> bytes:
    """The service worker for a build made at ``built`` that keeps ``entries`` (``precache``)."""
    values = {
        "__BUILD__": str(int(built.timestamp() * 1000)),
        "__PRECACHE__": json.dumps([list(entry) for entry in entries]),
        "__MAX_PAGES__": str(MAX_PAGES),
        "__MAX_MEDIA__": str(MAX_MEDIA),
        "__TIMEOUT__": str(TIMEOUT),
        "__OFFLINE_PAGE__": json.dumps(_offline_page(), ensure_ascii=False).replace("{ROOT}", '" + ROOT + "'),
    }
    text = files(__package__).joinpath("worker.js").read_text(encoding="utf-8")
    for name, value in values.items():
        text = text.replace(name, value)
    return text.encode()


def write_worker(site_dir: Path, built: dt.datetime) -> None:
    """Write ``sw.js`` at the root of the built site."""
    (site_dir / WORKER).write_bytes(worker(precache(site_dir), built))
