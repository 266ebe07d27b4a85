"""A visitor in Chromium: switching language keeps the page; the site opened from disk navigates."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import browser, serve
from conftest import FIXTURE
from sitebuild import copy_project, mkdocs_build

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("browser"))
    result = mkdocs_build(project, FIXTURE, today="2025-06-01")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def page(site: Path):
    with browser() as chromium:
        context = chromium.new_context()
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if "//127.0.0.1" in route.request.url or route.request.url.startswith("file:")
                else route.abort()
            ),
        )
        yield context.new_page()
        context.close()


@pytest.mark.parametrize(
    ("start", "lang", "expected", "title"),
    [
        ("events/2024-04-15-roadshow/", "en", "en/events/2024-04-15-roadshow/", "Vancouver project roadshow"),
        ("en/stations/tokyo/", "zh", "stations/tokyo/", "东京工作站"),
        ("en/", "zh", "", "测试创业周"),
    ],
)
def test_language_switcher_keeps_the_page(site: Path, page, start: str, lang: str, expected: str, title: str) -> None:
    with serve(site) as base:
        page.goto(base + start)
        page.hover(".md-header__option .md-select")
        page.click(f"a[hreflang={lang}]")
        page.wait_for_url(base + expected)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").first.inner_text() == title


def test_site_opened_from_disk_follows_links(site: Path, page) -> None:
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name="查看完整日程").click()
    assert page.url == (site / "schedule" / "index.html").as_uri()
    page.get_by_role("link", name="温哥华项目路演").first.click()
    assert page.url == (site / "events" / "2024-04-15-roadshow" / "index.html").as_uri()
    assert page.locator("h1").inner_text() == "温哥华项目路演"
