"""The halls' screens as a hall sees them in Chromium at 1920 x 1080: each room's session now and next in
both languages, the venue's clock (a kiosk set to another zone shows the venue's), a day-long run with a
driven clock that follows the programme and does not grow, content changes taken by refetching the api
files, the day without sessions, dark and light, axe, and the page's weight."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from test_programme import SUMMIT_WEEK, built, with_programme  # noqa: F401 (the fixture)

from browser import local_context, serve
from conftest import BASE_URL, NOW, edit

pytestmark = pytest.mark.site

SCREEN = f"events/{SUMMIT_WEEK}/screen/"
ROOMS = ["主会场", "A厅", "B厅", "C厅", "路演厅", "签约厅"]
BERLIN = "Europe/Berlin"  # the kiosk's own zone: never the venue's


@pytest.fixture(scope="module")
def base(built: Path) -> Iterator[str]:  # noqa: F811 (test_programme's site with the summit week)
    with serve(built) as url:
        yield url


def screen_at(chromium, url: str, at: str, scheme: str = "light"):
    context = local_context(chromium, viewport={"width": 1920, "height": 1080}, timezone_id=BERLIN, color_scheme=scheme)
    page = context.new_page()
    page.clock.install(time=at)
    page.goto(url)
    return page


def rooms(page) -> dict[str, dict[str, str]]:
    """Each room card's name (first language) -> its now and next titles (first language) and times
    (a card with neither is left out)."""
    cards = page.eval_on_selector_all(
        ".room",
        """cards => Object.fromEntries(cards.map(card => [card.querySelector('.name .text').textContent,
            Object.fromEntries(['now', 'next'].filter(k => card.querySelector('.' + k)).map(k => [k,
              card.querySelector('.' + k + ' .title .text').textContent + ' ' +
              card.querySelector('.' + k + ' .time').textContent]))]))""",
    )
    return {name: shown for name, shown in cards.items() if shown}


def programme(built: Path, lang: str = "zh") -> dict:  # noqa: F811
    prefix = "" if lang == "zh" else f"{lang}/"
    return json.loads((built / f"{prefix}api/events/{SUMMIT_WEEK}.json").read_text(encoding="utf-8"))["events"][0]


def expected_at(event: dict, at: str) -> dict[str, dict[str, str]]:
    """What each room should show at ``at`` (venue time, +08:00), worked out from the api file."""
    import datetime as dt

    now = dt.datetime.fromisoformat(at)
    shown: dict[str, dict[str, str]] = {}
    today = [s for s in event["sessions"] if s["start"][:10] == at[:10] and s["room"]]
    for session in sorted(today, key=lambda s: s["start"]):
        start, end = dt.datetime.fromisoformat(session["start"]), dt.datetime.fromisoformat(session["end"])
        room = shown.setdefault(session["room"], {})
        said = f"{session['title']} {session['start'][11:16]}–{session['end'][11:16]}"
        if start <= now < end:
            room.setdefault("now", said)
        elif start > now:
            room.setdefault("next", said)
    return {name: value for name, value in shown.items() if value}


def test_each_room_shows_its_session_now_and_next_in_both_languages(chromium, built: Path, base: str) -> None:  # noqa: F811
    at = "2030-07-11T10:30:00+08:00"
    page = screen_at(chromium, base + SCREEN, at)
    assert page.locator("#clock").inner_text() == "10:30"  # the venue's clock, not Berlin's (04:30)
    assert page.locator("#date").inner_text() == "2030年7月11日周四 · 北京时间 UTC+8"
    shown = rooms(page)
    assert list(shown) == ROOMS
    assert shown == expected_at(programme(built), at)
    # the English title under each Chinese one, marked as English; the language marks
    english = {s["id"]: s["title"] for s in programme(built, "en")["sessions"]}
    main = page.locator(".room").first
    assert main.locator(".now .title .other").inner_text() == english["d2-2-main-hall"]
    assert main.locator(".now .title .other").get_attribute("lang") == "en"
    assert main.locator(".name").inner_text().split() == ["主会场", "Main", "hall"]
    assert main.locator(".now .lang").inner_text() == "中 · 同传"
    assert page.locator(".room").nth(2).locator(".now .lang").inner_text() == "中英"
    # it fills the screen without scrolling, and the QR code takes a phone to the event's page
    assert page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]") == [
        1920,
        1080,
    ]
    assert page.locator(".qr svg title").text_content() == f"{BASE_URL}events/{SUMMIT_WEEK}/"
    page.context.close()


def test_the_english_screen_puts_english_first_and_the_opening_is_for_every_room(chromium, base: str) -> None:
    page = screen_at(chromium, base + "en/" + SCREEN, "2030-07-10T08:40:00+08:00")
    assert page.locator("#title").inner_text() == "Summit week"
    assert page.locator("#subtitle").inner_text() == "海创周主会"
    banner = page.locator("#banner")
    assert banner.is_visible() and "All rooms" in banner.inner_text() and "Opening ceremony" in banner.inner_text()
    assert banner.locator(".lang").inner_text() == "ZH · interp."
    assert page.locator(".room .now").count() == 0 and page.locator(".room .next").count() == 6
    assert page.locator("#date").inner_text() == "Wed, July 10, 2030 · Beijing time UTC+8"
    page.context.close()


def test_a_day_long_run_follows_the_programme_and_does_not_grow(chromium, built: Path, base: str) -> None:  # noqa: F811
    """From 06:00 on the second day to 06:00 the next (its evening: "ended"), ten minutes at a time on a driven clock: every room
    right at every step, the api files fetched every five minutes, and the page's DOM and heap the same
    size at the end as after the first hour."""
    event = programme(built)
    page = screen_at(chromium, base + SCREEN, "2030-07-11T06:00:00+08:00")
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "/api/events/" in request.url else None)
    cdp = page.context.new_cdp_session(page)
    cdp.send("HeapProfiler.enable")

    def weight() -> tuple[int, int, int]:
        """Elements in the document, DOM nodes Blink still counts (detached ones not yet swept too) and
        the JavaScript heap, after a full collection."""
        cdp.send("HeapProfiler.collectGarbage")
        elements = page.evaluate("document.getElementsByTagName('*').length")
        return elements, cdp.send("Memory.getDOMCounters")["nodes"], cdp.send("Runtime.getHeapUsage")["usedSize"]

    import datetime as dt

    start = dt.datetime.fromisoformat("2030-07-11T06:00:00+08:00")
    sizes = {}
    for step in range(1, 24 * 6 + 1):
        page.clock.run_for(10 * 60 * 1000)
        at = (start + dt.timedelta(minutes=10 * step)).isoformat()
        page.wait_for_function("t => document.getElementById('clock').textContent === t", arg=at[11:16])
        assert rooms(page) == expected_at(event, at), at
        if step % 6 == 0:
            sizes[step // 6] = weight()
    assert len(rooms(page)) == 6  # the third day's first sessions are next
    # 07:00 and the next day's 06:00 show the same kind of screen (every room's first session next)
    assert sizes[1][0] == sizes[24][0], sizes
    # Blink's count holds detached nodes not yet swept (about 1,100 after the load); a leak of the cards
    # of each redraw would hold thousands by the day's end
    assert max(nodes for _, nodes, _ in sizes.values()) < 2000, sizes
    heaps = [heap for _, _, heap in sizes.values()]
    assert max(heaps) < 8 * 2**20 and heaps[-1] <= heaps[0] + 2 * 2**20, sizes
    assert len(fetched) >= 2 * (24 * 12 - 2)  # both languages' files, every five minutes
    print(
        f"\nscreen over a day: elements {sizes[1][0]} -> {sizes[24][0]}, DOM nodes at most "
        f"{max(n for _, n, _ in sizes.values())}, JS heap {min(heaps)}-{max(heaps)} bytes, {len(fetched)} fetches"
    )
    page.context.close()


def test_a_content_change_reaches_the_screen_without_a_reload(chromium, built: Path, base: str) -> None:  # noqa: F811
    page = screen_at(chromium, base + SCREEN, "2030-07-11T10:30:00+08:00")
    page.evaluate("window.sameDocument = true")
    changed = programme(built)
    session = next(s for s in changed["sessions"] if s["id"] == "d2-2-hall-a")
    session["title"] = "改了名字的论坛"
    session["language"] = "zh-en"
    feed = {"version": 1, "events": [changed]}
    page.route(
        f"**/api/events/{SUMMIT_WEEK}.json",
        lambda route: route.fulfill(json=feed) if "/en/" not in route.request.url else route.continue_(),
    )
    page.clock.run_for(5 * 60 * 1000 + 1000)
    card = page.locator(".room").nth(1)
    card.locator(".now .title .text", has_text="改了名字的论坛").wait_for()
    assert card.locator(".now .lang").inner_text() == "中英"
    assert page.evaluate("window.sameDocument") is True
    page.context.close()


def test_a_day_without_sessions_says_so_with_the_programmes_days(chromium, base: str) -> None:
    page = screen_at(chromium, base + SCREEN, "2030-07-09T10:00:00+08:00")
    assert page.locator(".none h2").inner_text().split("\n") == ["今日无场次", "No sessions today"]
    assert "2030年7月10日 – 2030年7月12日" in page.locator(".none .days").inner_text()
    assert page.locator(".room").count() == 0
    page.context.close()


def test_the_days_other_events_are_listed_and_a_far_venue_keeps_its_clock(
    chromium, content_copy: Path, tmp_path: Path
) -> None:
    """The Tokyo forum's screen: Tokyo's clock and offset on a kiosk set to Berlin; on the day before it,
    the summit's other event of that day (not the cancelled one). A title cannot end the page's script."""
    from summit.build.pipeline import site_of
    from summit.content.loader import load_content
    from summit.outputs.datafiles import QrCodes
    from summit.outputs.screens import screen_files

    with_programme(content_copy)
    edit(
        content_copy / "events" / "2030.yml",
        "  - id: 2030-09-01-tokyo-forum\n",
        "  - id: 2030-08-31-osaka-exchange\n"
        "    title: {zh: 大阪交流会</script><script>alert(1)</script>, en: Osaka exchange}\n"
        '    kind: exchange\n    date: 2030-08-31\n    start: "14:00"\n    end: "16:00"\n'
        "    timezone: Asia/Tokyo\n    city: {zh: 大阪, en: Osaka}\n"
        "    summary: {zh: 交流。, en: An exchange.}\n"
        "  - id: 2030-08-31-kobe-signing\n"
        "    title: {zh: 神户签约（已取消）, en: Kobe signing}\n"
        "    kind: signing\n    date: 2030-08-31\n    status: cancelled\n"
        "    summary: {zh: 签约。, en: A signing.}\n"
        "  - id: 2030-09-01-tokyo-forum\n",
    )
    site = site_of(load_content(content_copy.parent, content_copy, now=NOW), NOW, BASE_URL)
    made = screen_files(site, "zh", QrCodes().svg)
    assert sorted(made) == ["events/2030-09-01-tokyo-forum/screen/index.html"]  # only events with a programme
    page_html = made["events/2030-09-01-tokyo-forum/screen/index.html"].decode()
    assert page_html.count("</script>") == 2 and "<script>alert" not in page_html
    folder = tmp_path / "site" / "events" / "2030-09-01-tokyo-forum" / "screen"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(page_html, encoding="utf-8")
    with serve(tmp_path / "site") as url:
        page = screen_at(chromium, url + "events/2030-09-01-tokyo-forum/screen/", "2030-09-01T10:45:00+09:00")
        assert page.locator("#clock").inner_text() == "10:45"
        assert page.locator("#date").inner_text().endswith("东京时间 UTC+9")
        assert rooms(page)["主会场"] == {"now": "人工智能论坛 10:30–12:00"}
        page.clock.set_system_time("2030-08-31T15:00:00+09:00")
        page.reload()
        assert page.locator(".none h2 .text").first.inner_text() == "今日无场次"
        other = page.locator(".none li")
        assert other.count() == 1 and "大阪交流会</script><script>alert(1)</script>" in other.inner_text()
        assert "14:00" in other.inner_text() and "Osaka exchange" in other.inner_text()
        page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_screen_passes_axe_and_is_dark_on_request(chromium, base: str, scheme: str) -> None:
    from test_audit import axe_violations

    for prefix in ("", "en/"):
        assert axe_violations(chromium, base + prefix + SCREEN, scheme) == [], prefix
    page = screen_at(chromium, base + SCREEN + "?theme=dark", "2030-07-11T10:30:00+08:00")
    background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    assert background == "rgb(14, 17, 22)"
    page.context.close()


def test_the_screen_weighs_under_100_kb_and_loads_nothing_else(chromium, built: Path, base: str) -> None:  # noqa: F811
    page_file = built / SCREEN / "index.html"
    assert len(page_file.read_bytes()) < 100_000
    context = local_context(chromium, viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(base + SCREEN, wait_until="networkidle")
    # styles, script, QR code and programme are inside; the icon is the site's (when the browser asks)
    assert requests[0] == base + SCREEN and set(requests[1:]) <= {base + "icons/favicon.svg"}, requests
    print(f"\nscreen page: {len(page_file.read_bytes())} bytes, {len(gzip.compress(page_file.read_bytes()))} gzipped")
    context.close()


def test_the_events_page_links_its_screen(built: Path) -> None:  # noqa: F811
    for prefix, words in (("", "会场大屏幕显示"), ("en/", "Hall screen view")):
        page = (built / prefix / f"events/{SUMMIT_WEEK}/index.html").read_text(encoding="utf-8")
        assert re.search(r'<a href="screen/">' + words, page)
        screen = (built / prefix / SCREEN / "index.html").read_text(encoding="utf-8")
        (icon,) = re.findall(r'<link rel="icon" href="([^"]+)"', screen)
        assert (built / prefix / SCREEN / icon).resolve().is_file(), icon  # the language's own icon
    assert not (built / "events/2024-04-15-roadshow/screen").exists()  # no programme, no screen
