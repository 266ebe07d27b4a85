"""MkDocs hook: a thin adapter from MkDocs events to the summit package.

- on_pre_build: load and check the content, write the generated pages, calendars and exports into docs/;
- on_post_build: the sitemap with every language's alternates;
- on_serve: rebuild when anything under the content folder changes; while serving, a content error keeps
  the last good pages and prints the errors instead of stopping the preview.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

from summit.content import content_dir, load_content
from summit.errors import ContentErrors
from summit.generate import DEFAULT_BASE_URL, generate_docs, has_generated
from summit.theme import finish_site, theme_context
from summit.views import build_time

_command = "build"


def _root(config: Any) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, **_: Any) -> None:
    global _command
    _command = command


@event_priority(100)
def on_pre_build(config: Any, **_: Any) -> None:
    root = _root(config)
    try:
        content = load_content(root, content_dir(root))
    except ContentErrors as exc:
        if _command == "serve" and has_generated(Path(config.docs_dir)):
            # a typo must not stop the preview: keep the last good pages, show what is wrong
            print(f"{exc.report()}\nThe preview keeps the last good content until this is fixed.", file=sys.stderr)
            return
        raise Abort(f"{exc.report()}\nThe site was not built.") from None
    config.extra["summit"] = theme_context(content.site)
    now = build_time(content.site.timezone)
    generate_docs(content, Path(config.docs_dir), now, config.site_url or DEFAULT_BASE_URL, root / ".cache" / "qr")


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    server.watch(str(content_dir(_root(config))))
    return server


@event_priority(-200)  # after the i18n plugin has built every language
def on_post_build(config: Any, **_: Any) -> None:
    finish_site(Path(config.site_dir))
