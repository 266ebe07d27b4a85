"""The page of recent changes (``changes/``): what changed in the last ``DAYS`` days, in a reader's words
("日期定为9月20日", "已取消", "新增活动"), from the content's history (``content.history``), newest first,
by day in the site's zone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from ..content.history import Change
from ..content.kinds import BY_NAME
from ..i18n import Locale
from ..schedule.site import Site

__all__ = ["DAYS", "Line", "describe", "recent"]

DAYS = 90
"""How far back the page looks."""


@dataclass(frozen=True)
class Line:
    """One record's change, as the page lists it."""

    kind: str
    record_id: str
    name: str
    """The record's name now (its title), in the page's language."""
    page: str | None
    """The docs path of its page (``partners.md#<id>`` for a kind shown on a shared page)."""
    words: list[str]
    """What changed, each as a reader says it."""


def _text(value: Any, lang: str) -> str:
    """A text as written in the content (a ``{zh, en}`` pair or one line) in ``lang``."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("zh") or "")
    return str(value or "")


def _day(value: str, loc: Locale, year: int) -> str:
    """A date as written (``2030-09-20`` or ``2030-09``) as a reader reads it (the year only when it is
    not the year of the change)."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        try:
            first = dt.date.fromisoformat(value + "-01")
        except ValueError:
            return value
        return loc.month(first.year, first.month)
    return loc.month_day(day) if day.year == year else loc.date(day)


def describe(kind: str, change: Change, loc: Locale) -> list[str]:
    """What ``change`` did to a record of ``kind``, in the words of ``loc``."""
    if "added" in change.what:
        return [loc.t(f"changes.added.{kind}")]
    before, after, lang, year = change.before, change.after, loc.lang, change.when.year
    words = []
    if "date" in change.what:
        day = _day(after.get("date", ""), loc, year)
        if after.get("end_date") and after.get("end_date") != after.get("date"):
            day = loc.t("changes.range", first=day, last=_day(after["end_date"], loc, year))
        was_month = len(before.get("date", "")) == 7 and len(after.get("date", "")) == 10
        words.append(loc.t("changes.date_set" if was_month else "changes.date_moved", date=day))
    if "time" in change.what:
        if after.get("start"):
            span = after["start"] + (f"–{after['end']}" if after.get("end") else "")
            words.append(loc.t("changes.time", time=span))
        else:
            words.append(loc.t("changes.time_tba"))
    if "place" in change.what:
        place = loc.join([p for p in (_text(after.get("venue"), lang), _text(after.get("city"), lang)) if p])
        if place and (after.get("venue") != before.get("venue") or after.get("city") != before.get("city")):
            words.append(loc.t("changes.place", place=place))
        if after.get("format") and after.get("format") != before.get("format"):
            words.append(loc.t("changes.format", format=loc.t(f"format.{after['format']}")))
    if "status" in change.what:
        words.append(loc.t(f"changes.status.{after.get('status') or 'scheduled'}"))
    if "title" in change.what:
        words.append(loc.t("changes.title_to", title=_text(after.get("title") or after.get("name"), lang)))
    if "other" in change.what or not words:
        words.append(loc.t("changes.details"))
    return words


def recent(site: Site, loc: Locale) -> list[tuple[dt.date, list[Line]]]:
    """(day, its lines) of the last ``DAYS`` days' changes, newest first; a record changed twice in a
    day has one line (its changes in order; only "new" if it was added that day)."""
    zone = ZoneInfo(site.content.site.timezone)
    days: dict[dt.date, dict[tuple[str, str], Line]] = {}
    for kind, record_id, change in site.recent_changes(DAYS):
        day = change.when.astimezone(zone).date()
        the_kind = BY_NAME[kind]
        lines = days.setdefault(day, {})
        words = describe(kind, change, loc)
        if (kind, record_id) in lines and "added" not in change.what:
            # an older change of the same day: its words before the newer one's
            old = lines[(kind, record_id)]
            words = [w for w in words if w not in old.words] + old.words
        # (a record added that day is new: what else changed that day is part of it)
        page = the_kind.page_path(record_id) if the_kind.page else the_kind.list_page
        name = the_kind.name_of(site.content, record_id).get(loc.lang)
        lines[(kind, record_id)] = Line(kind, record_id, name, page, words)
    return [(day, list(lines.values())) for day, lines in days.items()]
