"""A summit week's programme as a visitor meets it in Chromium: a grid with a column per room on a
desktop, a list on a phone, the day a link points to, filters kept in the address, the session running
now and the next; stars kept over a reload, the agenda page with its clashes, its .ics export and the
link that shows it on another browser; and nothing on the page moves while it loads."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from icalendar import Calendar

from test_programme import SUMMIT_WEEK, built  # noqa: F401 (the fixture)

from browser import local_context, serve

pytestmark = pytest.mark.site

PAGE = f"events/{SUMMIT_WEEK}/"
TRACK = {"": "人工智能", "en/": "AI"}  # a track of the summit week (bench/synth.py)
ROOMS = ["main-hall", "hall-a", "hall-b", "hall-c", "roadshow-hall", "signing-hall"]


@pytest.fixture(scope="module")
def base(built: Path) -> Iterator[str]:  # noqa: F811 (test_programme's site with the summit week)
    with serve(built) as url:
        yield url


def open_page(chromium, url: str, width: int = 1280, at: str | None = None, context=None):
    context = context or local_context(chromium, viewport={"width": width, "height": 900}, timezone_id="Europe/Berlin")
    page = context.new_page()
    if at:
        page.clock.set_fixed_time(at)
    page.goto(url)
    return page


def boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent).map(e => ({id: e.id, room: e.dataset.room || '',"
        " x: Math.round(e.getBoundingClientRect().x), y: Math.round(e.getBoundingClientRect().y),"
        " w: Math.round(e.getBoundingClientRect().width), text: e.textContent.trim()}))",
    )


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_a_desktop_shows_a_grid_with_a_column_per_room(chromium, base: str, prefix: str) -> None:
    page = open_page(chromium, base + prefix + PAGE)
    heads = boxes(page, ".summit-timetable__room")
    assert len(heads) == 6 and len({h["y"] for h in heads}) == 1  # six room heads in one row
    sessions = boxes(page, ".summit-session")
    assert len(sessions) == 1 + 6 * 6  # the first day: the opening, then six slots in six rooms
    column = {h["x"]: index for index, h in enumerate(sorted(heads, key=lambda h: h["x"]))}
    for session in sessions[1:]:
        assert column[session["x"]] == ROOMS.index(session["room"]), session["id"]  # under its room's head
    # rows by time: a slot's six sessions side by side, the next slot below
    slots: dict[str, set[int]] = {}
    for session in sessions[1:]:
        slots.setdefault(session["id"].split("-")[2], set()).add(session["y"])
    assert all(len(ys) == 1 for ys in slots.values())
    assert sorted(slots, key=lambda s: next(iter(slots[s]))) == ["1", "2", "3", "4", "5", "6"]
    opening = sessions[0]
    assert opening["id"] == "session-opening" and opening["w"] > 5 * heads[0]["w"]  # across every room
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    page.context.close()


@pytest.mark.parametrize(("prefix", "room"), [("", "主会场"), ("en/", "Main hall")])
def test_a_phone_shows_a_list_by_time_with_the_room_on_each_session(
    chromium, base: str, prefix: str, room: str
) -> None:
    page = open_page(chromium, base + prefix + PAGE, width=390)
    assert boxes(page, ".summit-timetable__room") == []
    sessions = boxes(page, ".summit-session")
    assert len({s["x"] for s in sessions}) == 1  # one column
    ys = [s["y"] for s in sessions]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    second = page.locator("#session-d1-1-main-hall")
    assert re.match(r"09:00–10:00 · " + room, second.locator(".summit-session__time").inner_text())
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.context.close()


def test_a_link_to_a_session_opens_its_day(chromium, base: str) -> None:
    page = open_page(chromium, base + "en/" + PAGE + "#session-d3-4-hall-c")
    target = page.locator("#session-d3-4-hall-c")
    assert target.is_visible() and page.locator("#tab-2030-07-12").is_checked()
    assert not page.locator("#session-d1-4-hall-c").is_visible()  # the other days are closed
    page.locator("label[for=tab-2030-07-10]").click()  # a tab is a day
    assert page.locator("#session-d1-4-hall-c").is_visible() and not target.is_visible()
    page.context.close()


def test_room_and_track_filters_are_kept_in_the_address(chromium, base: str) -> None:
    page = open_page(chromium, base + "en/" + PAGE)
    page.select_option("select[name=room]", "hall-b")
    assert page.url.endswith("?room=hall-b")
    visible = boxes(page, ".summit-session")
    assert {s["room"] for s in visible} == {"", "hall-b"} and len(visible) == 1 + 6
    track = page.eval_on_selector("select[name=track] option:nth-child(2)", "o => o.value")
    page.select_option("select[name=track]", track)
    assert f"track={quote(track).replace('%20', '+')}" in page.url
    again = open_page(chromium, page.url, context=page.context)
    shown = again.eval_on_selector_all(
        ".summit-session:not([hidden])", "els => els.map(e => [e.dataset.room, e.dataset.track])"
    )
    assert shown and all(room in (None, "hall-b") and t in (None, track) for room, t in shown)
    assert "Showing" in again.locator(".summit-filters--programme .summit-filter-count").inner_text()
    page.context.close()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_language_filter_keeps_what_one_can_follow_and_is_kept_in_the_address(
    chromium, base: str, prefix: str
) -> None:
    page = open_page(chromium, base + prefix + PAGE, width=390)
    options = page.eval_on_selector_all("select[name=language] option", "os => os.map(o => [o.value, o.text])")
    assert [value for value, _ in options] == ["", "zh", "en"]
    assert options[2][1] == ("英文（含同传）" if prefix == "" else "English (or interpreted)")
    page.select_option("select[name=language]", "en")
    assert page.url.endswith("?language=en")
    shown = page.eval_on_selector_all(
        ".summit-session:not([hidden])", "els => els.map(e => [e.id, e.dataset.room || '', e.dataset.language])"
    )
    # said in English or both, or interpreted into English: the opening, the main hall, halls A and B
    assert {room for _, room, _ in shown} == {"", "main-hall", "hall-a", "hall-b"}
    assert len(shown) == 1 + 3 * 6 * 3
    marks = page.locator("#session-d1-1-main-hall .summit-lang")
    assert marks.locator("[aria-hidden]").inner_text() == ("中 · 同传" if prefix == "" else "ZH · interp.")
    # the address opens the same choice (before the first paint too), and with a room
    again = open_page(chromium, page.url + "&room=hall-c", width=390, context=page.context)
    assert again.locator("select[name=language]").input_value() == "en"
    # hall C speaks Chinese only: the opening (in every room, interpreted into English) is left
    kept = again.eval_on_selector_all(".summit-session:not([hidden])", "els => els.map(e => e.id)")
    assert kept == ["session-opening"]
    assert again.locator(".summit-filter-count").inner_text() == (
        "显示 1 / 109 场" if prefix == "" else "Showing 1 of 109 sessions"
    )
    nothing = open_page(
        chromium,
        base + prefix + PAGE + "?language=en&room=hall-c&track=" + quote(TRACK[prefix]),
        width=390,
        context=page.context,
    )
    assert nothing.locator(".summit-filter-count").inner_text() == (
        "没有符合条件的场次。" if prefix == "" else "No session matches."
    )
    chinese = open_page(chromium, base + prefix + PAGE + "?language=zh", width=390, context=page.context)
    kept = chinese.eval_on_selector_all(".summit-session:not([hidden])", "els => els.map(e => e.dataset.room || '')")
    assert set(kept) == {"", "main-hall", "hall-b", "hall-c"}
    page.context.close()


def test_the_session_running_now_and_the_next_are_marked(chromium, base: str) -> None:
    # 10:30 in Beijing on the second day: the 10:15 slot runs, the 11:30 slot is next; that day is open
    page = open_page(chromium, base + PAGE, at="2030-07-11T10:30:00+08:00")
    assert page.locator("#tab-2030-07-11").is_checked()
    now = page.eval_on_selector_all(".summit-session--now", "els => els.map(e => e.id)")
    following = page.eval_on_selector_all(".summit-session--next", "els => els.map(e => e.id)")
    assert sorted(now) == sorted(f"session-d2-2-{room}" for room in ROOMS)
    assert sorted(following) == sorted(f"session-d2-3-{room}" for room in ROOMS)
    assert page.locator("#session-d2-2-hall-a").get_attribute("data-state") == "正在进行"
    page.context.close()


@pytest.mark.parametrize(
    "at",
    [
        "2030-03-01T09:00:00+08:00",  # months before: no "next" on the first session
        "2030-07-09T23:00:00+08:00",  # the evening before its first day
        "2030-07-13T09:00:00+08:00",  # the morning after its last day
    ],
)
def test_now_and_next_only_while_the_events_days_are_on(chromium, base: str, at: str) -> None:
    page = open_page(chromium, base + PAGE, at=at)
    assert page.locator(".summit-session").count() > 100
    assert page.locator(".summit-session--now, .summit-session--next, .summit-session[data-state]").count() == 0
    page.context.close()


def test_each_session_has_calendar_links(chromium, base: str) -> None:
    page = open_page(chromium, base + "en/" + PAGE)
    links = page.locator("#session-d1-2-hall-a .summit-session__links a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs[0].endswith(f"calendar/events/{SUMMIT_WEEK}/d1-2-hall-a.ics")
    assert "dates=20300710T021500Z%2F20300710T033000Z" in hrefs[1]  # 10:15–11:30 Beijing time in UTC
    assert hrefs[2].startswith("https://outlook.live.com/") and "startdt=2030-07-10T02%3A15%3A00.000Z" in hrefs[2]
    page.context.close()


def test_a_starred_session_is_kept_listed_exported_and_shared(chromium, base: str, tmp_path: Path) -> None:
    context = local_context(chromium, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = open_page(chromium, base + "en/" + PAGE, context=context)
    star = page.locator("#session-d1-2-hall-a .summit-star")
    assert star.get_attribute("aria-pressed") == "false"
    star.click()
    page.locator("#session-d1-2-hall-b .summit-star").click()  # the same time: a clash
    page.locator(".summit-header .summit-star").click()  # the event itself
    page.reload()
    assert page.locator("#session-d1-2-hall-a .summit-star").get_attribute("aria-pressed") == "true"
    assert "Remove" in page.locator("#session-d1-2-hall-a .summit-star").get_attribute("aria-label")

    agenda = open_page(chromium, base + "en/agenda/", context=context)
    agenda.wait_for_selector(".summit-agenda[data-ready]")
    items = agenda.locator(".summit-agenda__item")
    assert items.count() == 3
    titles = [items.nth(i).locator(".summit-agenda__title").inner_text() for i in range(3)]
    assert titles[0] == "Summit week"  # in time order: the event starts first
    clashes = agenda.locator(".summit-agenda__clash")
    assert clashes.count() == 2 and titles[2] in clashes.nth(0).inner_text()

    with agenda.expect_download() as download:
        agenda.get_by_role("button", name="Download as calendar (.ics)").click()
    path = tmp_path / "agenda.ics"
    download.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    session = events[f"{SUMMIT_WEEK}.d1-2-hall-a@127.0.0.1"]
    assert session.decoded("dtstart").isoformat() == "2030-07-10T02:15:00+00:00"
    assert str(session["location"]) == "Hall A, Dalian"  # the room, the event's venue and city (no venue here)
    assert str(session["summary"]).startswith(titles[1].split(" ·")[0])
    page_url = f"https://summit.example.org/en/{PAGE}#session-d1-2-hall-a"  # as the event's api file names it
    assert str(session["url"]) == page_url and str(session["description"]) == page_url
    assert str(events[f"{SUMMIT_WEEK}@127.0.0.1"]["dtstart"].to_ical().decode()).startswith("20300710")

    agenda.get_by_role("button", name="Copy the link to this list").click()
    link = agenda.locator(".summit-agenda__link").input_value()
    assert "?items=" in link
    context.close()

    other = local_context(chromium, viewport={"width": 390, "height": 844})  # another phone: nothing kept
    shared = open_page(chromium, link, context=other)
    shared.wait_for_selector(".summit-agenda[data-ready]")
    assert [shared.locator(".summit-agenda__title").nth(i).inner_text() for i in range(3)] == titles
    shared.get_by_role("button", name="Add to my agenda").click()
    shared.wait_for_selector(".summit-agenda[data-ready]")
    assert shared.locator(".summit-agenda__item").count() == 3 and "?items" not in shared.url
    other.close()


def test_the_agenda_works_offline_once_loaded(chromium, base: str) -> None:
    context = local_context(chromium, viewport={"width": 390, "height": 844})
    page = open_page(chromium, base + PAGE, context=context)
    page.locator("#session-d1-5-hall-c .summit-star").click()
    agenda = open_page(chromium, base + "agenda/", context=context)
    agenda.wait_for_selector(".summit-agenda[data-ready]")
    context.set_offline(True)
    assert agenda.locator(".summit-agenda__item").count() == 1
    agenda.locator(".summit-agenda__item .summit-star").click()  # removed without the network
    assert agenda.locator(".summit-agenda__item").count() == 0 and agenda.locator(".summit-agenda__empty").is_visible()
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_programme_does_not_move_while_it_loads(chromium, base: str, width: int) -> None:
    context = local_context(chromium, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(l => { for (const e of l.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; }).observe({type: 'layout-shift', buffered: true});"
    )
    page.goto(base + PAGE + "?room=hall-a")
    page.wait_for_timeout(500)
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.01
    context.close()


def test_the_reader_may_see_the_times_in_their_own_zone(chromium, base: str) -> None:
    context = local_context(chromium, viewport={"width": 1280, "height": 900}, timezone_id="America/Vancouver")
    page = open_page(chromium, base + "en/" + PAGE, context=context)
    clock = page.locator("#session-d1-2-hall-a .summit-session__clock")
    assert clock.inner_text() == "10:15–11:30"  # Beijing time
    page.get_by_role("button", name="Show in my local time").click()
    # 10:15 in Beijing is 19:15 the day before in Vancouver (summer time)
    assert clock.inner_text() == "07-09 19:15–07-09 20:30"
    assert "America/Vancouver" in page.locator(".summit-programme__zone").inner_text()
    assert page.locator(".summit-timetable__time").first.inner_text() == "07-09 17:30"  # the 08:30 row
    page.get_by_role("button", name="Show in Beijing time").click()
    assert clock.inner_text() == "10:15–11:30"
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_programme_and_a_filled_agenda_have_no_accessibility_violation(
    chromium, base: str, scheme: str, width: int
) -> None:
    """What the script adds is audited too: stars, calendar links, now and next, the agenda's list with
    a clash, the shared link's field."""
    from test_audit import AXE, TAGS

    context = local_context(chromium, viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = open_page(chromium, base + PAGE, at="2030-07-10T10:30:00+08:00", context=context)
    page.locator("#session-d1-2-hall-a .summit-star").click()
    page.locator("#session-d1-2-hall-b .summit-star").click()
    agenda = open_page(chromium, base + "agenda/", at="2030-07-10T10:30:00+08:00", context=context)
    agenda.wait_for_selector(".summit-agenda[data-ready]")
    agenda.get_by_role("button", name="复制此列表的链接").click()
    assert agenda.locator(".summit-agenda__clash").count() == 2
    for visited in (page, agenda):
        visited.add_script_tag(content=AXE)
        result = visited.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]] == [], visited.url
    context.close()
