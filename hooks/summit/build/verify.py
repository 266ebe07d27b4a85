"""A built site checked from outside, fast (``summit verify``): the quick verdict on a pull request that
changes only the content (the whole test suite runs when code changes).

- every record's page is there, in every language;
- every link and file a page names on this site leads to a file of the site;
- every calendar reads as iCalendar with its events dated, every JSON file parses, every XML file
  (``schedule.xml``, the sitemap) is well-formed.
"""

from __future__ import annotations

import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from icalendar import Calendar

from ..content.kinds import KINDS
from ..content.loader import Content
from ..errors import Message, say
from ..i18n import LANGUAGES

__all__ = ["verify"]

SKIPPED = ("mailto:", "tel:", "webcal:", "data:", "javascript:", "#")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.found.append(value)
            if value and name == "srcset":
                self.found += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]


def _target(site: Path, page: str, link: str, base: str) -> Path | None:
    """The file of ``site`` that ``link`` on ``page`` (a path in the site) names; None for a link
    elsewhere."""
    if link.startswith(SKIPPED):
        return None
    parts = urlsplit(link)
    if not parts.path and not parts.netloc:
        return None  # ?query or #anchor on the page itself
    if parts.scheme or parts.netloc:
        own = urlsplit(base)
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            return None
        path = parts.path.removeprefix(own.path.rstrip("/"))
    elif parts.path.startswith("/"):
        path = parts.path
    else:
        path = posixpath.join(posixpath.dirname("/" + page), parts.path)
    path = posixpath.normpath(unquote(path))
    return site / path.lstrip("/")


def _exists(target: Path) -> bool:
    return target.is_file() or (target / "index.html").is_file()


def verify(site: Path, content: Content, base_url: str) -> list[Message]:
    """What is wrong with the built ``site`` of ``content`` (empty when nothing is)."""
    found: list[Message] = []
    for kind in KINDS:
        if kind.template is None:
            continue
        for record in kind.records(content):
            for lang in LANGUAGES:
                prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
                page = f"{prefix}{kind.address(record.id)}index.html"
                if not (site / page).is_file():
                    found.append(say("verify.no_page", kind=say(f"kind.{kind.name}"), id=record.id, page=page))
    for file in sorted(site.rglob("*")):
        if not file.is_file():
            continue
        name = file.relative_to(site).as_posix()
        if name.startswith("pagefind/"):
            continue  # Pagefind's own bundle
        try:
            if file.suffix == ".html":
                links = _Links()
                links.feed(file.read_text(encoding="utf-8"))
                for link in dict.fromkeys(links.found):
                    target = _target(site, name, link, base_url)
                    if target is not None and not _exists(target):
                        found.append(say("verify.broken_link", page=name, link=link))
            elif file.suffix == ".ics":
                calendar = Calendar.from_ical(file.read_bytes())
                if any(event.get("dtstart") is None for event in calendar.walk("VEVENT")):
                    found.append(say("verify.undated", file=name))
            elif file.suffix == ".json" or file.name.endswith(".webmanifest"):
                json.loads(file.read_text(encoding="utf-8"))
            elif file.suffix == ".xml":
                ElementTree.parse(file)
        except (ValueError, ElementTree.ParseError, UnicodeDecodeError) as exc:
            found.append(say("verify.unreadable", file=name, problem=str(exc).splitlines()[0][:200]))
    return found
