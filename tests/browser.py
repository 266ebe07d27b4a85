"""Headless Debian Chromium driven by Playwright, and a static server for a built site on 127.0.0.1."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, and the site's own 404.html for a missing address (as GitHub Pages does)."""

    def __init__(self, *args: object, asked: list[str] | None = None, **options: object) -> None:
        self.asked = asked  # (set first: the base class answers the request from its __init__)
        super().__init__(*args, **options)

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.asked is not None:
            self.asked.append(self.path)
        super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: Path, asked: list[str] | None = None) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL. ``asked``: each GET's path is
    added to it."""
    handler = functools.partial(_Handler, directory=str(folder), asked=asked)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser() -> Iterator[object]:
    """A Chromium browser that may reach 127.0.0.1 only."""
    from tiers import needs_tier

    needs_tier("browser")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium and fonts-noto-cjk (see README)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


LOCAL = ("http://127.0.0.1", "file:", "data:")


def local_context(chromium, outside: list[str] | None = None, **options: object):
    """A browser context that may reach this machine only; what it asks of other hosts is refused and
    recorded in ``outside``."""
    context = chromium.new_context(**options)

    def route(request_route) -> None:
        url = request_route.request.url
        if url.startswith(LOCAL):
            request_route.continue_()
        else:
            if outside is not None:
                outside.append(url)
            request_route.abort()

    context.route("**/*", route)
    return context
