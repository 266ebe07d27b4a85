"""`mkdocs serve` (what `make serve` runs) rebuilds when a file under the content folder changes, and a
broken file neither stops it nor loses the last good pages."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURE, edit
from sitebuild import copy_project

pytestmark = pytest.mark.site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.5)
    return False


def start_serve(project: Path, content: Path, port: int, log: Path, **env: str) -> subprocess.Popen:
    """`mkdocs serve` (what `make serve` runs) of ``content`` on 127.0.0.1:``port``, its messages into
    ``log``; the hook finds its package by itself."""
    environment = {**os.environ, "SUMMIT_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", **env}
    environment.pop("PYTHONPATH", None)
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )


def test_serve_rebuilds_on_content_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    port = free_port()
    log = tmp_path / "serve.log"
    server = start_serve(project, content, port, log)
    try:
        url = f"http://127.0.0.1:{port}/en/events/2024-04-15-roadshow/"
        assert wait_for(url, "Vancouver project roadshow")
        edit(content / "events" / "2024.yml", "en: Vancouver project roadshow", "en: Renamed roadshow")
        assert wait_for(url, "Renamed roadshow")
        # an editor's typo: the server stays up with the last good page and says what is wrong
        edit(content / "events" / "2024.yml", "    kind: roadshow", "    kind: [roadshow")
        deadline = time.monotonic() + 30
        while "YAML syntax error" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "content/events/2024.yml:5:11: error: YAML syntax error" in log.read_text(encoding="utf-8")
        assert "Renamed roadshow" in fetch(url)
        assert server.poll() is None
        # fixed: the change is picked up again
        edit(content / "events" / "2024.yml", "    kind: [roadshow", "    kind: roadshow")
        edit(content / "events" / "2024.yml", "en: Renamed roadshow", "en: Fixed roadshow")
        assert wait_for(url, "Fixed roadshow")
    finally:
        server.terminate()
        server.wait(timeout=10)


def _extras_of(content: Path) -> list[int]:
    """The preview's extras processes (``python -m summit ... extras``) for ``content``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"extras" in command and str(content).encode() in command:
            found.append(int(proc.name))
    return found


def test_a_supervisor_stopping_the_preview_stops_the_work_beside_it(tmp_path: Path) -> None:
    """SIGTERM (a supervisor, a test, `kill`) stops the preview as Ctrl-C does: the process making the
    calendars and search index goes with it instead of writing on into .cache."""
    project = copy_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    port = free_port()
    server = start_serve(project, content, port, tmp_path / "serve.log")
    try:
        assert wait_for(f"http://127.0.0.1:{port}/en/events/2024-04-15-roadshow/", "Vancouver project roadshow")
        edit(content / "events" / "2024.yml", "en: Vancouver project roadshow", "en: Renamed roadshow")
        deadline = time.monotonic() + 30
        while not _extras_of(content) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _extras_of(content), "the edit started no extras run"
    finally:
        server.terminate()
        server.wait(timeout=20)
    # gone with the server (killed at its exit), not when its run is done or fails to write its messages
    # (about 0.3 s later without the handler)
    time.sleep(0.05)
    assert _extras_of(content) == []
