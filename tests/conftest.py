from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import tiers
from summit.content.loader import Content, load_content
from summit.errors import ContentErrors
from summit.schedule.site import Site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "content"
os.environ["SUMMIT_EDITOR_LANG"] = "en"
"""The tests read messages in English unless they ask for a language (``ContentError.text``); a
command run by ``run_summit`` speaks the editors' default language, Chinese, unless told."""
BUILT = {"built", "built_site", "programme_site"}
"""Fixtures that build a site: a test that uses one is a site test."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses Chromium is a browser test (and a site test: it has a site to load); one that
    uses a built site is a site test."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if "chromium" in fixtures:
            item.add_marker(pytest.mark.browser)
        if fixtures & (BUILT | {"chromium"}):
            item.add_marker(pytest.mark.site)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):
    """Which test runs now, its fixtures' setting up included (``tiers.needs_tier`` asks)."""
    tiers.running.append(item)
    yield
    tiers.running.remove(item)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture content folder."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURE, target)
    return target


def edit(file: Path, old: str, new: str) -> None:
    """Replace ``old`` (which must occur once) by ``new`` in ``file``."""
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def errors_of() -> Callable[[Path], list[str]]:
    """Load a content folder that must fail; return the error lines with its folder as root."""

    def run(folder: Path) -> list[str]:
        with pytest.raises(ContentErrors) as info:
            load_content(folder.parent, folder)
        return [str(e) for e in info.value.errors]

    return run


@pytest.fixture(scope="session")
def fixture_content() -> Content:
    return load_content(ROOT, FIXTURE)


BASE_URL = "https://summit.example.org/"
NOW = dt.datetime(2025, 6, 1, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="session")
def fixture_site(fixture_content: Content) -> Site:
    """The fixture content built on 2025-06-01 for https://summit.example.org/."""
    return Site(fixture_content, NOW, BASE_URL)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content built once with MkDocs (strict), as of 2025-06-01; read it, do not change it."""
    from sitebuild import copy_project, mkdocs_build

    project = copy_project(tmp_path_factory.mktemp("built"))
    result = mkdocs_build(project, FIXTURE, today="2025-06-01")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def programme_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture content with the summit week's programme (``test_programme.with_summit_week``), built
    once for the session as of 2025-06-01; read it, do not change it."""
    from test_programme import with_summit_week

    from sitebuild import copy_project, mkdocs_build

    root = tmp_path_factory.mktemp("programme")
    project = copy_project(root / "project")
    content = root / "content"
    shutil.copytree(FIXTURE, content)
    with_summit_week(content)
    result = mkdocs_build(project, content, today="2025-06-01")
    assert result.returncode == 0, result.stderr
    return project / "site"


def run_summit(
    *args: str, content: Path, cwd: Path = ROOT, extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m summit ...` on ``content`` as of 2025-06-01, outside GitHub Actions unless told."""
    env = {
        **os.environ,
        "SUMMIT_CONTENT": str(content),
        "PYTHONPATH": str(ROOT / "hooks"),
        "SUMMIT_TODAY": "2025-06-01",
    }
    env.pop("GITHUB_ACTIONS", None)
    env.pop("SUMMIT_EDITOR_LANG", None)
    env.update(extra_env or {})
    return subprocess.run([sys.executable, "-m", "summit", *args], cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium, started once for the test session."""
    from browser import browser

    with browser() as instance:
        yield instance
