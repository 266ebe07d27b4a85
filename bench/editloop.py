"""The editor's loop at archive scale: `mkdocs serve` (what `make serve` runs) on a content folder, the
time until its first page is served, then edits of different reach, each timed from the save to the
served page showing it (polled every 20 ms):

- ``title``: one event's English title (its pages, the listings and agendas that name it);
- ``date``: one event's date moved to another month of its year (its pages, the schedule's months,
  the agendas of its stations; the page polled shows the new date);
- ``station``: one station's English name (the station's page, every page of its events and projects,
  the schedule's filters: thousands of pages at scale 1; the page polled is the station's).

Between two edits the preview is let finish the pages of the edit before (not the calendars and search
index, which run on meanwhile, as they would for an editor)."""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

KINDS = ("title", "date", "station")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, project: Path, content: Path, today: str, log: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "SUMMIT_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", "SUMMIT_TODAY": today}
        env.pop("PYTHONPATH", None)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )

    def get(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=120) as response:
                return response.read().decode("utf-8")
        except OSError:
            return None

    def status(self) -> dict:
        text = self.get("/.summit/preview.json")
        return json.loads(text) if text else {}

    def wait_until(self, path: str, text: str, limit: float) -> float:
        """Seconds until the page at ``path`` holds ``text`` (polled every 20 ms)."""
        started = time.perf_counter()
        while time.perf_counter() - started < limit:
            if self.process.poll() is not None:
                raise RuntimeError("the preview server stopped")
            page = self.get(path)
            if page is not None and text in page:
                return time.perf_counter() - started
            time.sleep(0.02)
        raise RuntimeError(f"{path} did not show {text!r} within {limit} s")

    def settle(self, limit: float = 900) -> None:
        """Wait until no page is stale."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            if self.status().get("stale") == 0:
                return
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _replace_after(file: Path, anchor: str, old: re.Pattern[str], new: Callable[[re.Match[str]], str]) -> None:
    text = file.read_text(encoding="utf-8")
    start = text.index(anchor)
    found = old.search(text, start)
    assert found is not None
    file.write_text(text[: found.start()] + new(found) + text[found.end() :], encoding="utf-8")


def edits(content: Path, per_kind: int) -> list[tuple[str, Callable[[], None], str, str]]:
    """(kind, save, page, text the page shows once it is made again) of each edit."""
    events = []
    for file in sorted((content / "events").glob("*.yml")):
        for event in yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["events"]:
            if re.fullmatch(r"\d{4}-\d\d-\d\d", event["date"]) and not event.get("sessions") and "en" in event["title"]:
                events.append((file, event))
    step = max(1, len(events) // (2 * per_kind + 1))
    chosen = events[step::step][: 2 * per_kind]
    stations = yaml.load((content / "stations.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["stations"]
    found: list[tuple[str, Callable[[], None], str, str]] = []
    for n, (file, event) in enumerate(chosen[:per_kind]):
        mark = f"Edited{n}"

        def title(file: Path = file, event: dict = event, mark: str = mark) -> None:
            line = re.compile(r"^    en: (.*)$", re.M)
            _replace_after(file, f"- id: {event['id']}\n", line, lambda m: f"    en: {mark} {m.group(1)}")

        found.append(("title", title, f"/en/events/{event['id']}/", mark))
    for file, event in chosen[per_kind:]:
        day = event["date"]
        moved = f"{day[:5]}{(int(day[5:7]) % 12) + 1:02d}{day[7:8]}{min(int(day[8:]), 28):02d}"

        def date(file: Path = file, event: dict = event, day: str = day, moved: str = moved) -> None:
            line = re.compile(r"^  date: '?" + day + "'?$", re.M)
            _replace_after(file, f"- id: {event['id']}\n", line, lambda m: f"  date: '{moved}'")

        found.append(("date", date, f"/en/events/{event['id']}/", f'"startDate": "{moved}'))
    for n in range(per_kind):
        station = stations[n % len(stations)]
        mark = f"Renamed{n}"

        def rename(station: dict = station, mark: str = mark) -> None:
            line = re.compile(r"^    en: (.*)$", re.M)
            file = content / "stations.yml"
            _replace_after(file, f"- id: {station['id']}\n", line, lambda m: f"    en: {m.group(1)} {mark}")

        found.append(("station", rename, f"/en/stations/{station['id']}/", mark))
    return found


def edit_loop(project: Path, content: Path, today: str, log: Path, per_kind: int = 5) -> dict:
    """Start the preview, then make each edit and time it; returns the figures (seconds)."""
    planned = edits(content, per_kind)
    server = Server(project, content, today, log)
    try:
        server.wait_until("/", "<html", 3600)
        first = time.perf_counter() - server.started
        server.settle()
        times: dict[str, list[float]] = {kind: [] for kind in KINDS}
        for kind, save, page, text in planned:
            time.sleep(0.5)
            save()
            times[kind].append(server.wait_until(page, text, 600))
            server.settle()
        stale = [int(n) for n in re.findall(r"Content changed: (\d+) pages", log.read_text(encoding="utf-8"))]
    finally:
        server.stop()
    row: dict = {"serve_first_page_s": round(first, 1)}
    for kind, runs in times.items():
        row[f"edit_{kind}_median_s"] = round(statistics.median(runs), 2)
        row[f"edit_{kind}_max_s"] = round(max(runs), 2)
        row[f"edit_{kind}_runs"] = [round(r, 2) for r in runs]
    row["edit_stale_pages"] = stale
    return row
