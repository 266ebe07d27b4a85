from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from summit.calendar import Site
from summit.content import Content, load_content
from summit.errors import ContentErrors

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "content"


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
