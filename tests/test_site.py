"""Built-site tests: MkDocs builds the fixture content in strict mode; we read the HTML a visitor gets."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from conftest import FIXTURE
from sitebuild import copy_project, mkdocs_build, page_text

pytestmark = pytest.mark.site

PAGES = [
    "",
    "schedule/",
    "about/",
    "partners/",
    "stations/",
    "stations/vancouver/",
    "stations/tokyo/",
    "projects/",
    "projects/smart-clinic/",
    "projects/quiet-robot/",
    "events/2024-04-15-roadshow/",
    "events/2024-05-policy-conference/",
    "events/2030-09-01-tokyo-forum/",
    "events/2030-10-10-signing/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project, FIXTURE, today="2025-06-01")
    assert result.returncode == 0, result.stderr
    return project / "site"


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", PAGES)
def test_page_in_both_languages_with_html_lang(site: Path, url: str) -> None:
    assert re.search(r'<html lang="zh"', read(site, url))
    assert re.search(r'<html lang="en"', read(site, "en/" + url))


@pytest.mark.parametrize("url", PAGES)
def test_switcher_leads_to_the_same_page(site: Path, url: str) -> None:
    for here, there, lang in ((url, "en/" + url, "en"), ("en/" + url, url, "zh")):
        links = re.findall(r'<a href="([^"]*)" hreflang="' + lang + r'" class="md-select__link">', read(site, here))
        assert len(links) == 1
        target = posixpath.normpath(posixpath.join("/" + here, links[0])).rstrip("/") + "/"
        assert target == posixpath.normpath("/" + there).rstrip("/") + "/"


def test_localized_dates(site: Path) -> None:
    zh = page_text(read(site, "events/2024-04-15-roadshow/"))
    en = page_text(read(site, "en/events/2024-04-15-roadshow/"))
    assert "时间：2024年4月15日 星期一 14:00–16:30（北京时间）" in zh
    assert "When: Monday, April 15, 2024, 14:00–16:30 (Beijing time, UTC+8)" in en
    assert "2024年5月（日期待定）" in page_text(read(site, "events/2024-05-policy-conference/"))
    assert "May 2024 (date to be announced)" in page_text(read(site, "en/events/2024-05-policy-conference/"))


def test_schedule_splits_upcoming_and_past_by_build_date(site: Path) -> None:
    text = page_text(read(site, "en/schedule/"))
    upcoming, past = text.split("Past events")
    assert "Tokyo industry forum" in upcoming and "Cloud signing" in upcoming
    assert "Vancouver project roadshow" in past and "Policy conference" in past
    assert upcoming.index("September 2030") < upcoming.index("October 2030")


def test_links_between_records_stay_in_the_language(site: Path) -> None:
    html = read(site, "en/events/2024-04-15-roadshow/")
    assert 'href="../../stations/vancouver/"' in html  # /en/stations/vancouver/
    assert 'href="../../partners/#alpha-capital"' in html
    assert 'href="../../projects/smart-clinic/"' in html
    assert 'id="alpha-capital"' in read(site, "en/partners/")


def test_station_page_lists_its_events_and_zone(site: Path) -> None:
    text = page_text(read(site, "stations/vancouver/"))
    assert "当地时区：America/Vancouver（北美太平洋时间）" in text
    assert "温哥华项目路演" in text
    assert "东京产业论坛" not in text


def test_record_pages_are_not_in_the_navigation(site: Path) -> None:
    html = read(site, "")
    nav = re.findall(r'<a href="([^"#][^"]*)"[^>]*class="md-(?:nav|tabs)__link', html)
    assert "schedule/" in nav and "stations/" in nav
    assert not [link for link in nav if "events/" in link or "stations/vancouver" in link]


def test_markdown_in_records_is_text_not_markup(site: Path) -> None:
    html = read(site, "en/projects/smart-clinic/")
    assert "AI-assisted diagnosis [beta] for *clinics*." in page_text(html)
    assert "<em>clinics</em>" not in html


def test_no_web_fonts_from_blocked_hosts(site: Path) -> None:
    for page in site.rglob("*.html"):
        assert "fonts.googleapis.com" not in page.read_text(encoding="utf-8"), page
