"""`mkdocs serve` (what `make serve` runs) rebuilds when a file under the content folder changes."""

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


def test_serve_rebuilds_on_content_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    port = free_port()
    env = {**os.environ, "SUMMIT_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/events/2024-04-15-roadshow/"
        assert wait_for(url, "Vancouver project roadshow")
        edit(content / "events" / "2024.yml", "en: Vancouver project roadshow", "en: Renamed roadshow")
        assert wait_for(url, "Renamed roadshow")
    finally:
        server.terminate()
        server.wait(timeout=10)
