"""An event's life in a real git repository (added, its date fixed, moved, postponed, cancelled, renamed
with an alias): the Atom feeds, the page of recent changes in both languages, the calendars' SEQUENCE and
LAST-MODIFIED and the sitemap's lastmod follow each step; the same commit builds the same site."""

from __future__ import annotations

import datetime as dt
import filecmp
import os
import re
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import feedparser
import pytest
from icalendar import Calendar

from summit.build.pipeline import load_site
from summit.i18n import Locale
from summit.outputs.calendar import Calendars
from summit.outputs.changelog import recent
from summit.outputs.feeds import feed_files

from conftest import BASE_URL, FIXTURE, edit

DAY = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
"""The first commit (09:00 in Beijing); step n is committed n days later."""
NOW = dt.datetime(2026, 4, 15, tzinfo=ZoneInfo("Asia/Shanghai"))
EVENTS = "content/events/2026.yml"
ADDED = """events:
  - id: 2026-09-tokyo-forum
    title: {zh: 东京秋季论坛, en: Tokyo autumn forum}
    kind: forum
    format: offline
    date: 2026-09
    city: {zh: 东京, en: Tokyo}
    stations: [tokyo]
    summary: {zh: 秋季论坛。, en: An autumn forum.}
"""
STEPS = [
    ("add the forum", None, None),
    ("its date is fixed", "    date: 2026-09\n", "    date: 2026-09-20\n"),
    ("it moves to Osaka", "city: {zh: 东京, en: Tokyo}", "city: {zh: 大阪, en: Osaka}"),
    ("it is postponed", "    summary:", "    status: postponed\n    summary:"),
    ("it is cancelled", "    status: postponed\n", "    status: cancelled\n"),
    (
        "it is renamed",
        "  - id: 2026-09-tokyo-forum\n    title: {zh: 东京秋季论坛, en: Tokyo autumn forum}\n",
        "  - id: 2026-09-osaka-forum\n    aliases: [2026-09-tokyo-forum]\n"
        "    title: {zh: 大阪秋季论坛, en: Osaka autumn forum}\n",
    ),
]
CHANGE_LINES = {
    "zh": ["新增活动", "日期定为9月20日", "地点改为大阪", "已延期", "已取消", "更名为“大阪秋季论坛”"],
    "en": ["New event", "Date set: Sep 20", "Moved to Osaka", "Postponed", "Cancelled", "Renamed “Osaka autumn forum”"],
}
SEQUENCES = [None, 1, 2, 3, 4, 4]  # month-only: not in calendars; a rename is not a reschedule
TITLES = {
    "zh": ["东京秋季论坛"] * 3 + ["【已延期】东京秋季论坛", "【已取消】东京秋季论坛", "【已取消】大阪秋季论坛"],
    "en": ["Tokyo autumn forum"] * 3
    + ["[Postponed] Tokyo autumn forum", "[Cancelled] Tokyo autumn forum", "[Cancelled] Osaka autumn forum"],
}


def _commit(repo: Path, message: str, when: dt.datetime) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), *identity, "commit", "-qm", message], check=True, env=env)
    return subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()


def _repository(root: Path) -> Path:
    repo = root / "repo"
    shutil.copytree(FIXTURE, repo / "content")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "the content", DAY - dt.timedelta(days=1))
    return repo


def _step(repo: Path, n: int) -> dt.datetime:
    message, old, new = STEPS[n]
    if old is None:
        (repo / EVENTS).write_text(ADDED, encoding="utf-8")
    else:
        edit(repo / EVENTS, old, new)
    when = DAY + dt.timedelta(days=n)
    _commit(repo, message, when)
    return when


def _forum_id(n: int) -> str:
    return "2026-09-osaka-forum" if n == 5 else "2026-09-tokyo-forum"


def test_each_step_of_an_events_life_reaches_feeds_changes_and_calendars(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    ids: set[str] = set()
    for n in range(len(STEPS)):
        when = _step(repo, n)
        site = load_site(repo, repo / "content", BASE_URL, now=NOW)
        assert site.history is not None
        forum = next(e for e in site.content.events if e.id == _forum_id(n))
        for lang in ("zh", "en"):
            loc = Locale(lang)
            # the feed: the forum first (the latest change), its status in its title, dated by the commit
            feed = feedparser.parse(feed_files(site, loc)["feeds/events.xml"])
            assert not feed.bozo
            first = feed.entries[0]
            assert first.title == TITLES[lang][n]
            assert first.updated == when.strftime("%Y-%m-%dT%H:%M:%SZ")
            assert first.published == DAY.strftime("%Y-%m-%dT%H:%M:%SZ")
            assert first.link == f"{BASE_URL}{'' if lang == 'zh' else 'en/'}events/{forum.id}/"
            ids.add(first.id.replace(f":{lang}/", ":"))
            tokyo = feedparser.parse(feed_files(site, loc)["feeds/stations/tokyo.xml"])
            assert tokyo.entries[0].title == TITLES[lang][n]
            # the page of recent changes: the newest day first, the forum's words of each step
            days = recent(site, loc)
            assert days[0][0] == when.astimezone(ZoneInfo("Asia/Shanghai")).date()
            said = [line.words for _, lines in days for line in lines if line.record_id == forum.id]
            assert said == [[CHANGE_LINES[lang][k]] for k in range(n, -1, -1)]
        # the calendar: a client that keeps a copy replaces it when SEQUENCE rises
        if SEQUENCES[n] is not None:
            entry = Calendar.from_ical(Calendars(site, Locale("zh")).vevent(forum))
            assert entry["SEQUENCE"] == SEQUENCES[n]
            assert entry["LAST-MODIFIED"].dt == when
            assert str(entry["UID"]) == "2026-09-tokyo-forum@testis"
        else:
            assert forum.date.precise is False
    assert len(ids) == 1  # one entry id through every step, the rename included


def test_the_recent_changes_page_in_both_languages(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    for n in range(len(STEPS)):
        _step(repo, n)
    site = load_site(repo, repo / "content", BASE_URL, now=NOW)
    from summit.outputs.pages import Renderer, page_specs

    spec = next(s for s in page_specs(site) if s.path == "changes.md")
    zh = Renderer(site).render(spec, "zh")
    assert "## 2026年3月7日\n\n- 活动 [大阪秋季论坛](events/2026-09-osaka-forum.md)：更名为“大阪秋季论坛”" in zh
    assert "## 2026年3月3日\n\n- 活动 [大阪秋季论坛](events/2026-09-osaka-forum.md)：日期定为9月20日" in zh
    assert "- 活动 [大阪秋季论坛](events/2026-09-osaka-forum.md)：新增活动" in zh
    en = Renderer(site).render(spec, "en")
    assert "## March 4, 2026\n\n- Event [Osaka autumn forum](events/2026-09-osaka-forum.md): Moved to Osaka" in en
    # ninety days on, the forum's changes have left the page
    later = load_site(repo, repo / "content", BASE_URL, now=NOW + dt.timedelta(days=90))
    assert "2026-09-osaka-forum" not in Renderer(later).render(spec, "zh")


@pytest.mark.site
def test_the_sitemap_dates_each_page_and_a_commit_builds_the_same_site(tmp_path: Path) -> None:
    from sitebuild import copy_project, mkdocs_build

    repo = _repository(tmp_path)
    for n in range(len(STEPS)):
        last = _step(repo, n)
    project = copy_project(tmp_path / "project")
    one = mkdocs_build(project, repo / "content", today="2026-04-15", site="one")
    assert one.returncode == 0, one.stderr
    site = project / "one"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = dict(re.findall(r"<loc>([^<]+)</loc>.*?<lastmod>([^<]+)</lastmod>", sitemap, re.S))
    assert dates[f"{BASE_URL}events/2026-09-osaka-forum/"] == last.isoformat()
    assert dates[f"{BASE_URL}en/events/2026-09-osaka-forum/"] == last.isoformat()
    first = (DAY - dt.timedelta(days=1)).isoformat()
    assert dates[f"{BASE_URL}stations/london/"] == first  # never changed since the first commit
    assert dates[f"{BASE_URL}changes/"] == last.isoformat()
    page = (site / "changes" / "index.html").read_text(encoding="utf-8")
    assert "已取消" in page and "日期定为9月20日" in page
    assert 'type="application/atom+xml"' in (site / "stations" / "tokyo" / "index.html").read_text(encoding="utf-8")
    calendar = Calendar.from_ical((site / "calendar" / "events" / "2026-09-osaka-forum.ics").read_bytes())
    assert [c["SEQUENCE"] for c in calendar.walk("VEVENT")] == [4]
    # the same commit, built again: the same site, byte for byte
    shutil.rmtree(repo / ".cache", ignore_errors=True)
    two = mkdocs_build(project, repo / "content", today="2026-04-15", site="two")
    assert two.returncode == 0, two.stderr
    differ = _differences(site, project / "two")
    assert differ == [], differ[:10]


def _differences(one: Path, two: Path) -> list[str]:
    found = []
    for path in sorted(p for p in one.rglob("*") if p.is_file()):
        other = two / path.relative_to(one)
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            found.append(path.relative_to(one).as_posix())
    found += [
        p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file() and not (one / p.relative_to(two)).exists()
    ]
    return found


def test_a_record_added_and_changed_the_same_day_is_new(tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    _step(repo, 0)
    edit(repo / EVENTS, "    date: 2026-09\n", "    date: 2026-09-20\n")
    _commit(repo, "its date, the same day", DAY + dt.timedelta(hours=3))
    edit(repo / "content" / "stations.yml", "en: Tokyo Station", "en: Tokyo station")
    _commit(repo, "a station's name, the same day", DAY + dt.timedelta(hours=4))
    site = load_site(repo, repo / "content", BASE_URL, now=NOW)
    day, lines = recent(site, Locale("en"))[0]
    assert day == dt.date(2026, 3, 2) and [(line.record_id, line.words) for line in lines] == [
        ("tokyo", ["Renamed “Tokyo station”"]),
        ("2026-09-tokyo-forum", ["New event"]),
    ]


def test_the_history_read_aside_is_the_same(tmp_path: Path) -> None:
    """The build reads the history in a child process while it loads the content (``aside``)."""
    repo = _repository(tmp_path)
    for n in range(3):
        _step(repo, n)
    here = load_site(repo, repo / "content", BASE_URL, now=NOW)
    from summit.content import history as module

    module._KNOWN.clear()
    shutil.rmtree(repo / ".cache", ignore_errors=True)
    aside = load_site(repo, repo / "content", BASE_URL, now=NOW, aside=True)
    assert (repo / ".cache" / "history.pickle").is_file()  # kept by the child, read by the parent
    assert aside.history.records == here.history.records and aside.history.head == here.history.head


def test_outside_a_checkout_the_build_says_so_once_and_dates_by_its_day(tmp_path: Path) -> None:
    from conftest import run_summit

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    for lang, line in {
        "zh": "内容没有可读的 git 历史（不在 git 仓库中，或是浅克隆）：各条记录的更新时间按本次生成的时间计。",
        "en": "The content has no git history to read (not a git checkout, or a shallow clone): every record is "
        "dated by this build.",
    }.items():
        out = tmp_path / f"out-{lang}"
        done = run_summit(
            *("extras", "--content", str(content), "--url", BASE_URL, "--out", str(out)),
            content=content,
            extra_env={"SUMMIT_EDITOR_LANG": lang},
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.count(line) == 1, done.stderr
        feed = feedparser.parse((out / "data" / "feeds" / "events.xml").read_bytes())
        assert {entry.updated for entry in feed.entries} == {"2025-05-31T16:00:00Z"}  # 2025-06-01 in Beijing
