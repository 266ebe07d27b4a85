"""What every output needs to know of one build: the content, the build's time, the site's address, and
the schedule worked out once (``times.Schedule``)."""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property

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
        return f"{event.id}@{self.content.site.acronym.lower()}"

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
