"""The editing page (/admin/) as an editor first meets it in Chromium, with Decap's local proxy
(``decap-server`` in its git mode) over a checkout made in the test: Decap's own files from the site,
nothing from another host, the collections named in Chinese and English, a content file's records in
its form; and the page stays out of the public site (sitemap, search)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from browser import local_context, serve
from conftest import FIXTURE, ROOT

pytestmark = pytest.mark.site

SERVER = ROOT / "node_modules" / ".bin" / "decap-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git checkout with the fixture content, as the editors' repository has it."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo / "content")
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", *command], cwd=repo, env=env, check=True)
    return repo


@pytest.fixture
def proxy(checkout: Path) -> Iterator[int]:
    """decap-server in its git mode over ``checkout``, on a free port of 127.0.0.1."""
    assert SERVER.exists(), "node_modules is missing: run `make test` (it installs package-lock.json)"
    port = free_port()
    env = {**os.environ, "PORT": str(port), "MODE": "git", "GIT_REPO_DIRECTORY": str(checkout)}
    process = subprocess.Popen(
        [str(SERVER)], cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info","params":{}}', method="POST"
                )
                request.add_header("Content-Type", "application/json")
                with urllib.request.urlopen(request, timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "decap-server did not start"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def site(built_site: Path, tmp_path: Path, proxy: int) -> Path:
    """The built site with the editor's files (as `make build` puts them), its forms told the proxy's port."""
    from summit.build.editor import install_editor

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    assert install_editor(ROOT, copy) > 50  # the bundle, its chunks and its WebAssembly
    config = copy / "admin" / "config.yml"
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["local_backend"]["url"] = f"http://127.0.0.1:{proxy}/api/v1"
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return copy


def test_the_editing_page_opens_a_content_file_in_its_form(chromium, site: Path) -> None:
    outside: list[str] = []
    with serve(site) as base:
        context = local_context(chromium, outside, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "admin/")
        page.get_by_role("button", name="登录").click()  # the local proxy: no account
        for label in ("站点信息 / The summit", "活动 / Event", "海外工作站 / Station", "合作伙伴 / Partner"):
            page.get_by_role("link", name=label).first.wait_for()
        page.goto(base + "admin/#/collections/stations/entries/stations")
        page.get_by_text("新增海外工作站 / station").wait_for()
        stations = yaml.safe_load((FIXTURE / "stations.yml").read_text(encoding="utf-8"))["stations"]
        for station in stations:  # each closed record shows its id and name
            page.get_by_text(f"{station['id']} · {station['name']['zh']}", exact=True).first.wait_for()
        context.close()
    assert outside == [] and errors == []


def test_the_editing_page_is_not_a_public_page(built_site: Path) -> None:
    assert (built_site / "admin" / "index.html").is_file() and (built_site / "admin" / "config.yml").is_file()
    assert "noindex" in (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert not (built_site / "en" / "admin").exists()
