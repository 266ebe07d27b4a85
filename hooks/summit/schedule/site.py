"""What every output needs to know of one build: the content, the build's time, the site's address, and
the schedule worked out once (``times.Schedule``)."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property

from ..content.history import Change, Histories, History
from ..content.kinds import address
from ..content.loader import Content
from ..content.models import Event
from ..errors import making
from .times import EventTimes, Schedule


@dataclass(frozen=True)
class Site:
    """What every output needs to know of one build."""

    content: Content
    now: dt.datetime
    """The build's time (aware)."""
    base_url: str
    """Absolute URL of the site's root, ending in /."""
    history: Histories | None = None
    """Every record's history from git (``content.history``); None where there is none (each record is
    then dated by the build's time)."""

    def page_url(self, path: str, lang: str) -> str:
        """Absolute URL of a page: ``events/x/`` -> ``https://host/en/events/x/``."""
        prefix = "" if lang == "zh" else f"{lang}/"
        return f"{self.base_url}{prefix}{path}"

    def record_url(self, kind: str, record_id: str, lang: str) -> str:
        """Absolute URL of a record's page (``kinds.address``): ``https://host/en/events/x/``."""
        return self.page_url(address(kind, record_id), lang)

    def making(self, kind: str, record_id: str, output: str) -> AbstractContextManager[None]:
        """A failure inside names the record (``kind`` "site", "event", "station", "partner" or
        "project", and its id), its content file and ``output`` (``errors.making``)."""
        source = self.content.sources.get((kind, record_id)) or self.content.sources.get(("site", ""), "site.yml")
        record = "site" if kind == "site" else f"{kind} '{record_id}'"
        return making(source, record, output)

    def uid(self, event: Event) -> str:
        """The event's calendar UID: made of its first id (its first alias, if it was renamed), so that
        a calendar keeps one entry for it whatever it is called now."""
        return f"{origin(event)}@{self.content.site.acronym.lower()}"

    @property
    def build_day(self) -> dt.datetime:
        """The start of the build's day (in the site's zone): what dates a record where the content has
        no history (the same for every build of a day: a later build writes nothing new)."""
        return self.now.replace(hour=0, minute=0, second=0, microsecond=0)

    def history_of(self, kind: str, record_id: str) -> History | None:
        return self.history.get(kind, record_id) if self.history is not None else None

    def updated(self, kind: str, record_id: str) -> dt.datetime:
        """When the record last changed (its last commit), else the build's day."""
        history = self.history_of(kind, record_id)
        return history.changed if history is not None else self.build_day

    def added(self, kind: str, record_id: str) -> dt.datetime:
        """When the record was added (its first commit), else the build's day."""
        history = self.history_of(kind, record_id)
        return history.added if history is not None else self.build_day

    def sequence(self, event: Event) -> int:
        """How many times the event's date, time, place or status changed (iCalendar ``SEQUENCE``)."""
        history = self.history_of("event", event.id)
        return history.sequence if history is not None else 0

    @cached_property
    def last_change(self) -> dt.datetime:
        """The content's last change (of any record that is still there), else the build's day."""
        return max(
            (self.updated(kind, i) for kind, i in self.content.sources if kind != "site"), default=self.build_day
        )

    def recent_changes(self, days: int = 90) -> list[tuple[str, str, Change]]:
        """(kind, id, change) of the records still in the content, changed within ``days`` before the
        build's time, newest first (the same time: by kind and id)."""
        if self.history is None:
            return []
        since = self.now - dt.timedelta(days=days)
        found = [
            (kind, record_id, change)
            for kind, record_id, change in self.history.changes()
            if since <= change.when <= self.now and (kind, record_id) in self.content.sources
        ]
        return sorted(found, key=lambda item: (-item[2].when.timestamp(), item[0], item[1]))

    @cached_property
    def schedule(self) -> Schedule:
        """Every event's times, worked out once for this build (``schedule``)."""
        return Schedule(self.content.events, self.content.site.timezone)

    def times(self, event: Event) -> EventTimes:
        """When ``event`` is (``Schedule.times``)."""
        return self.schedule.times(event)

    def status(self, event: Event) -> str:
        """Where ``event`` stands at the build's time: upcoming, now or past."""
        return self.times(event).standing(self.now)


def origin(record: object) -> str:
    """A record's first id: its first alias if it was renamed (``aliases`` keep the old ids, first
    first), else its id."""
    aliases = getattr(record, "aliases", None) or []
    return aliases[0] if aliases else record.id  # type: ignore[attr-defined]
