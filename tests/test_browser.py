"""A visitor in Chromium: language switcher, the site opened from disk, the viewer's local time, status
against the current clock, and the schedule's filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import local_context, serve

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def site(built_site: Path) -> Path:
    return built_site


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def visit(chromium, url: str, *, zone: str = "America/Vancouver", at: str | None = None, js: bool = True):
    """Open ``url`` as a visitor in ``zone`` whose clock reads ``at`` (ISO 8601)."""
    context = local_context(chromium, timezone_id=zone, java_script_enabled=js)
    page = context.new_page()
    if at:
        page.clock.set_fixed_time(at)
    page.goto(url)
    return page


@pytest.fixture
def page(chromium):
    context = local_context(chromium)
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
def test_language_switcher_keeps_the_page(base: str, page, start: str, lang: str, expected: str, title: str) -> None:
    page.goto(base + start)
    page.hover(".md-header__option .md-select")
    page.click(f"a[hreflang={lang}]")
    page.wait_for_url(base + expected)
    assert page.locator("html").get_attribute("lang") == {"zh": "zh-Hans", "en": "en"}[lang]
    assert page.locator("h1").first.inner_text() == title


def test_site_opened_from_disk_follows_links(site: Path, page) -> None:
    page.goto((site / "index.html").as_uri())
    page.get_by_role("link", name="查看完整日程").click()
    assert page.url == (site / "schedule" / "index.html").as_uri()
    page.get_by_role("link", name="温哥华项目路演").first.click()
    assert page.url == (site / "events" / "2024-04-15-roadshow" / "index.html").as_uri()
    assert page.locator("h1").inner_text() == "温哥华项目路演"


def test_viewer_sees_own_local_time(chromium, base: str) -> None:
    page = visit(chromium, base + "en/events/2024-04-15-roadshow/")
    viewer = page.locator(".summit-viewer-time")
    assert viewer.is_visible()
    assert viewer.inner_text() == "(Your time (America/Vancouver): Sun, Apr 14 23:00 – Mon, Apr 15 01:30 PDT)"
    page.close()
    page = visit(chromium, base + "events/2030-11-20-london-exchange/", zone="Europe/London")
    assert (
        page.locator(".summit-viewer-time").inner_text()
        == "（你的时间（Europe/London）：11月20日周三 13:00–15:00 GMT+0）"
    )  # Chromium names the zone so in Chinese
    page.close()


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        ("2030-08-31T23:59:00Z", "Upcoming"),
        ("2030-09-01T03:00:00Z", "Happening now"),  # 12:00 in Tokyo on the first day
        ("2030-09-03T00:00:00Z", "Past"),
    ],
)
def test_status_follows_the_clock_not_the_build(chromium, base: str, at: str, expected: str) -> None:
    page = visit(chromium, base + "en/events/2030-09-01-tokyo-forum/", at=at)
    assert page.locator(".summit-status").first.inner_text() == expected
    page.close()


def test_without_javascript_the_build_text_stays(chromium, base: str) -> None:
    page = visit(chromium, base + "en/schedule/", js=False)
    assert not page.locator("form.summit-filters").is_visible()
    assert page.locator(".summit-events li[data-event]:visible").count() == 5
    assert page.locator(".summit-status").first.inner_text() == "Upcoming"  # as of the build (2025-06-01)
    page.close()


def test_schedule_filters_and_shareable_url(chromium, base: str) -> None:
    page = visit(chromium, base + "en/schedule/?station=vancouver")
    visible = page.locator(".summit-events li[data-event]:visible")
    assert sorted(visible.evaluate_all("els => els.map(e => e.dataset.event)")) == [
        "2024-04-15-roadshow",
        "2030-11-20-london-exchange",
    ]
    assert page.locator(".summit-filter-count").inner_text() == "Showing 2 of 5 events"
    page.select_option("select[name=year]", "2030")
    assert visible.evaluate_all("els => els.map(e => e.dataset.event)") == ["2030-11-20-london-exchange"]
    assert page.url == base + "en/schedule/?year=2030&station=vancouver"
    assert not page.locator("h4", has_text="April 2024").is_visible()  # empty month headings hide
    page.select_option("select[name=format]", "offline")
    assert page.locator(".summit-filter-count").inner_text() == "No event matches."
    page.click("form.summit-filters button[type=reset]")
    page.wait_for_function("document.querySelectorAll('.summit-events li[data-event]:not([hidden])').length === 5")
    assert page.url == base + "en/schedule/"
    page.select_option("select[name=industry]", "artificial-intelligence")
    assert visible.evaluate_all("els => els.map(e => e.dataset.event)") == ["2030-11-20-london-exchange"]
    page.close()


@pytest.mark.parametrize(
    ("old", "new"), [("stations/uk/", "stations/london/"), ("en/stations/uk/", "en/stations/london/")]
)
def test_old_station_url_still_lands(base: str, page, old: str, new: str) -> None:
    page.goto(base + old + "?from=print#events")
    page.wait_for_url(base + new + "?from=print#events")
    assert "London" in page.locator("h1").inner_text() or "伦敦" in page.locator("h1").inner_text()
