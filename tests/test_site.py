"""Built-site tests: MkDocs builds the fixture content in strict mode; we read the HTML a visitor gets."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import shutil
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
def site(built_site: Path) -> Path:
    return built_site


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", PAGES)
def test_page_in_both_languages_with_html_lang(site: Path, url: str) -> None:
    assert re.search(r'<html lang="zh-Hans"', read(site, url))
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
    assert "当地时区：America/Vancouver（温哥华时间）" in text
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


def json_ld(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def test_event_pages_carry_schema_org_event(site: Path) -> None:
    [data] = json_ld(read(site, "en/events/2024-04-15-roadshow/"))
    assert data["@type"] == "Event" and data["name"] == "Vancouver project roadshow"
    assert (data["startDate"], data["endDate"]) == ("2024-04-15T14:00:00+08:00", "2024-04-15T16:30:00+08:00")
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "VirtualLocation", "url": "https://live.example.org/roadshow"}
    assert data["organizer"]["name"] == "Test Innovation Summit"
    assert data["inLanguage"] == "en"
    assert data["url"] == "https://summit.example.org/en/events/2024-04-15-roadshow/"
    [hybrid] = json_ld(read(site, "events/2030-09-01-tokyo-forum/"))
    assert hybrid["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [loc["@type"] for loc in hybrid["location"]] == ["VirtualLocation", "Place"]
    assert hybrid["location"][1]["address"]["addressLocality"] == "东京" and hybrid["inLanguage"] == "zh-CN"
    [cancelled] = json_ld(read(site, "en/events/2030-11-20-london-exchange/"))
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    [all_day] = json_ld(read(site, "events/2030-10-10-signing/"))
    assert (all_day["startDate"], all_day["endDate"]) == ("2030-10-10", "2030-10-10")
    assert all_day["eventStatus"] == "https://schema.org/EventPostponed"
    assert json_ld(read(site, "events/2024-05-policy-conference/")) == []  # month only


def test_event_page_shows_station_clocks_and_calendar_links(site: Path) -> None:
    text = page_text(read(site, "events/2030-11-20-london-exchange/"))
    assert "时间：2030年11月20日 星期三 21:00–23:00（北京时间）" in text
    assert "伦敦：13:00–15:00 UTC+0" in text and "温哥华：06:00–08:00 UTC-7" in text
    html = read(site, "en/events/2024-04-15-roadshow/")
    assert 'href="../../calendar/events/2024-04-15-roadshow.ics"' in html
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', html).group(1)
    assert "dates=20240415T060000Z%2F20240415T083000Z" in google
    assert "startdt=2024-04-15T06%3A00%3A00%2B00%3A00" in html
    assert 'href="webcal://summit.example.org/en/calendar/stations/vancouver.ics"' in html
    assert 'href="webcal://summit.example.org/en/calendar/events.ics"' in html


def test_vancouver_reader_sees_vancouver_time_and_can_subscribe(site: Path) -> None:
    html = read(site, "en/stations/vancouver/")
    text = page_text(html)
    assert "Sunday, April 14, 2024, 23:00 – Monday, April 15, 2024, 01:30 UTC-7 (Beijing time: Apr 15 14:00)" in text
    assert "Wednesday, November 20, 2030, 06:00–08:00 UTC-7 (Beijing time: Nov 20 21:00)" in text
    assert 'href="webcal://summit.example.org/en/calendar/stations/vancouver.ics"' in html
    feed = (site / "en/calendar/stations/vancouver.ics").read_bytes()
    assert b"DTSTART:20240415T060000Z" in feed and b"SUMMARY:Vancouver project roadshow" in feed


def test_feeds_and_exports_are_published_per_language(site: Path) -> None:
    for path in (
        "calendar/events.ics",
        "en/calendar/events.ics",
        "calendar/stations/tokyo.ics",
        "en/calendar/stations/tokyo.ics",
        "calendar/events/2024-04-15-roadshow.ics",
        "en/calendar/events/2024-04-15-roadshow.ics",
        "schedule.json",
        "en/schedule.json",
        "api/events.json",
        "en/api/events.json",
        "api/events.schema.json",
        "api/stations/vancouver.json",
        "en/api/stations/vancouver.json",
    ):
        assert (site / path).is_file(), path
    assert json.loads((site / "en/api/events.json").read_text())["language"] == "en"
    assert json.loads((site / "api/events.json").read_text())["language"] == "zh"


def test_former_ids_redirect_in_both_languages(site: Path) -> None:
    for prefix, lang in (("", "zh-CN"), ("en/", "en")):
        html = (site / prefix / "stations/uk/index.html").read_text(encoding="utf-8")
        assert '<meta http-equiv="refresh" content="0; url=../london/">' in html
        assert f'<link rel="canonical" href="https://summit.example.org/{prefix}stations/london/">' in html
        assert f'<html lang="{lang}">' in html


@pytest.mark.parametrize(
    "url", ["", "schedule/", "stations/vancouver/", "events/2024-04-15-roadshow/", "projects/smart-clinic/"]
)
def test_search_and_share_metadata(site: Path, url: str) -> None:
    for prefix, lang, locale, other in (("", "zh-Hans", "zh_CN", "en_US"), ("en/", "en", "en_US", "zh_CN")):
        html = read(site, prefix + url)
        assert f'<html lang="{lang}"' in html
        assert f'<link rel="canonical" href="https://summit.example.org/{prefix}{url}">' in html
        links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
        assert links == {
            "zh-Hans": f"https://summit.example.org/{url}",
            "en": f"https://summit.example.org/en/{url}",
            "x-default": f"https://summit.example.org/{url}",
        }
        meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)">', html))
        assert meta["description"] and meta["og:description"] == meta["description"]
        # the page's own share card (tests/test_cards.py draws and checks them), the same for Twitter
        assert re.fullmatch(r"https://summit\.example\.org/cards/[0-9a-f]{20}\.png", meta["og:image"])
        assert (site / meta["og:image"].removeprefix("https://summit.example.org/")).is_file()
        assert meta["twitter:image"] == meta["og:image"] and meta["og:image:alt"] == meta["og:title"]
        assert (meta["og:locale"], meta["og:locale:alternate"]) == (locale, other)
        assert meta["og:url"] == f"https://summit.example.org/{prefix}{url}" and meta["og:title"]
    assert read(site, "en/events/2024-04-15-roadshow/").count('content="An online roadshow."') == 2


def test_one_sitemap_with_alternates_also_where_the_theme_looks(site: Path) -> None:
    main = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "en/sitemap.xml").read_text(encoding="utf-8") == main
    # lastmod: the station's last commit (the fixture is in this repository), or the build's day outside one
    assert re.search(
        r"<loc>https://summit\.example\.org/stations/london/</loc>\n"
        r"    <lastmod>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00</lastmod>\n"
        r'    <xhtml:link rel="alternate" hreflang="zh-Hans" href="https://summit\.example\.org/stations/london/"/>\n'
        r'    <xhtml:link rel="alternate" hreflang="en" href="https://summit\.example\.org/en/stations/london/"/>\n'
        r'    <xhtml:link rel="alternate" hreflang="x-default" href="https://summit\.example\.org/stations/london/"/>',
        main,
    )


def test_qr_codes_point_at_the_page_in_its_language(site: Path) -> None:
    html = read(site, "en/stations/vancouver/")
    assert (
        '<img src="../../qr/stations/vancouver.svg" alt="QR code of this page: scan it to open the page on a phone"'
        ' width="164" height="164" class="summit-qr">' in html
    )
    assert '<a href="../../qr/stations/vancouver.svg" download>' in html
    svg = (site / "en/qr/stations/vancouver.svg").read_text(encoding="utf-8")
    assert "<title>https://summit.example.org/en/stations/vancouver/</title>" in svg
    event = (site / "qr/events/2024-04-15-roadshow.svg").read_text(encoding="utf-8")
    assert "<title>https://summit.example.org/events/2024-04-15-roadshow/</title>" in event
    assert 'viewBox="0 0 ' in event  # vector, scales to any print size


def test_home_carries_the_organization(site: Path) -> None:
    [org] = json_ld(read(site, "en/"))
    assert org["@type"] == "Organization" and org["name"] == "Test Innovation Summit"
    assert org["foundingDate"] == "2001" and org["url"] == "https://summit.example.org/en/"


def test_footer_and_analytics_only_when_set(site: Path, tmp_path: Path) -> None:
    assert "beian.miit.gov.cn" not in read(site, "") and "hm.baidu.com" not in read(site, "")
    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    with (content / "site.yml").open("a", encoding="utf-8") as f:
        f.write(
            "footer:\n  organisers: [{zh: 测试主办方, en: Test Organiser}]\n"
            "  copyright: {zh: © 2026 测试创业周, en: © 2026 Test Innovation Summit}\n"
            "  icp: 辽ICP备12345678号\n  police: 辽公网安备21020000000001号\n"
            "analytics:\n  baidu_tongji: 0123456789abcdef0123456789abcdef\n"
        )
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, content, today="2025-06-01").returncode == 0
    zh = (project / "site/index.html").read_text(encoding="utf-8")
    en = (project / "site/en/index.html").read_text(encoding="utf-8")
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">辽ICP备12345678号</a>' in zh
    assert "https://beian.mps.gov.cn/#/query/webSearch?code=21020000000001" in zh
    assert "测试主办方" in zh and "Test Organiser" in en and "© 2026 Test Innovation Summit" in en
    assert "hm.baidu.com/hm.js?0123456789abcdef0123456789abcdef" in zh


def test_event_page_first_load_is_light(site: Path) -> None:
    """HTML, stylesheets and scripts of an event page, gzipped as the host serves them: under 150 KB."""
    page = "en/events/2024-04-15-roadshow/index.html"
    html = (site / page).read_text(encoding="utf-8")
    refs = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'<script src="([^"]+)"', html)
    assert any(r.endswith(".css") for r in refs) and any(r.endswith(".js") for r in refs)
    files = [posixpath.normpath(posixpath.join(posixpath.dirname(page), ref)) for ref in refs]
    total = len(gzip.compress(html.encode())) + sum(len(gzip.compress((site / f).read_bytes())) for f in files)
    assert total < 150_000, total
    assert not [r for r in refs if r.startswith(("http:", "https:", "//"))]


def test_every_label_names_a_control(site: Path) -> None:
    """A ``<label for>`` points at an element of its page (the table of contents' title on a record page,
    which is not in the navigation, once pointed at a toggle the theme writes only into navigation)."""
    dangling = []
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        dangling += [
            (page.relative_to(site).as_posix(), t)
            for t in re.findall(r'<label\b[^>]*\bfor="([^"]+)"', html)
            if t not in ids
        ]
    assert dangling == []
    assert 'for="__toc"' in (site / "about" / "index.html").read_text(encoding="utf-8")  # kept where it works


def test_the_one_404_page_is_the_default_languages(site: Path) -> None:
    """A host serves one 404 page for every missing address: the Chinese build's, with its header and its
    search box (its script shows the English text for /en/ addresses)."""
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans"' in html
    assert 'placeholder="搜索"' in html
    assert not (site / "en" / "404.html").exists()
