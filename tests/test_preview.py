"""The live preview makes again only what an edit changed, and what it serves is what a clean build of
the same content makes, file by file: after each of a series of random edits of a small synthetic
archive (a title, a date moving an event to another month or year, a station added to an event, a record
removed, a record renamed with an alias, a station's, a person's and a project's name), once the preview
says it is done (``/.summit/preview.json``), its site folder holds the same files, byte for byte, as
`mkdocs build` of a copy of the content.

The seed of the edits is printed; ``SUMMIT_PREVIEW_SEED`` replays one."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from test_serve import free_port, start_serve

from conftest import ROOT
from sitebuild import copy_project, mkdocs_build

sys.path.insert(0, str(ROOT / "bench"))
from synth import generate

pytestmark = pytest.mark.site

TODAY = "2025-06-01"
"""Some of the archive's events are upcoming then (own share cards, posters)."""


def load(file: Path) -> dict:
    return yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text


def save(file: Path, data: dict) -> None:
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


class Archive:
    """Edits of a content folder, as an editor would make them (each keeps the content valid)."""

    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.folder, self.rng = folder, rng

    def event_files(self) -> list[Path]:
        return sorted((self.folder / "events").glob("*.yml"))

    def pick_event(self, plain: bool = False) -> tuple[Path, dict, dict]:
        """(file, its data, an event); ``plain``: one with no programme and no end date."""
        choices = [
            (file, data, event)
            for file in self.event_files()
            for data in [load(file)]
            for event in data["events"]
            if not plain or not (event.get("sessions") or event.get("end_date") or event.get("rooms"))
        ]
        return self.rng.choice(choices)

    def title(self) -> str:
        file, data, event = self.pick_event()
        lang = self.rng.choice(["zh", "en"])
        event["title"][lang] = event["title"].get(lang, event["title"]["zh"]) + (" 新" if lang == "zh" else " edited")
        save(file, data)
        return f"title of {event['id']} ({lang})"

    def _move(self, year: int | None) -> str:
        file, data, event = self.pick_event(plain=True)
        date = event["date"]
        old_year, month = int(date[:4]), int(date[5:7])
        new_month = self.rng.choice([m for m in range(1, 13) if m != month])
        new_year = year or old_year
        event["date"] = f"{new_year:04d}-{new_month:02d}" + (
            f"-{min(int(date[8:10]), 28):02d}" if len(date) > 7 else ""
        )
        if new_year == old_year:
            save(file, data)
        else:
            data["events"].remove(event)
            save(file, data)
            target = self.folder / "events" / f"{new_year}.yml"
            other = load(target) if target.is_file() else {"events": []}
            other["events"].append(event)
            save(target, other)
        return f"date of {event['id']}: {date} -> {event['date']}"

    def month(self) -> str:
        return self._move(None)

    def year(self) -> str:
        years = [int(f.stem) for f in self.event_files()]
        return self._move(self.rng.choice(years))

    def station_added(self) -> str:
        stations = [s["id"] for s in load(self.folder / "stations.yml")["stations"]]
        while True:
            file, data, event = self.pick_event()
            missing = [s for s in stations if s not in event.get("stations", [])]
            if missing:
                break
        added = self.rng.choice(missing)
        event.setdefault("stations", []).append(added)
        save(file, data)
        return f"station {added} added to {event['id']}"

    def removed(self) -> str:
        file, data, event = self.pick_event(plain=True)
        data["events"].remove(event)
        save(file, data)
        return f"{event['id']} removed"

    def renamed(self) -> str:
        file, data, event = self.pick_event()
        old = event["id"]
        event["id"] = f"{old}-renamed"
        event["aliases"] = [*event.get("aliases", []), old]
        save(file, data)
        return f"{old} renamed {event['id']}"

    def _name(self, name: str, key: str) -> str:
        file = self.folder / name
        data = load(file)
        record = self.rng.choice(data[key])
        lang = self.rng.choice(["zh", "en"])
        record["name"][lang] = record["name"].get(lang, record["name"]["zh"]) + (" 新" if lang == "zh" else " Renamed")
        save(file, data)
        return f"name of {key} {record['id']} ({lang})"

    def station_name(self) -> str:
        return self._name("stations.yml", "stations")

    def person_name(self) -> str:
        people = load(self.folder / "people.yml")["people"]
        speaking = {
            p
            for f in self.event_files()
            for e in load(f)["events"]
            for s in e.get("sessions", [])
            for p in [*s.get("speakers", []), *s.get("moderators", [])]
        }
        person = self.rng.choice([p for p in people if p["id"] in speaking])
        data = load(self.folder / "people.yml")
        record = next(p for p in data["people"] if p["id"] == person["id"])
        record["name"]["zh"] = record["name"]["zh"] + "新"
        save(self.folder / "people.yml", data)
        return f"name of speaker {person['id']}"

    def project_name(self) -> str:
        return self._name("projects.yml", "projects")


EDITS = ["title", "month", "year", "station_added", "removed", "renamed", "station_name", "person_name", "project_name"]


def status(port: int) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/.summit/preview.json", timeout=10) as response:
        return json.loads(response.read())


def settled(port: int, after: int, server: subprocess.Popen, log: Path, seconds: float = 180) -> dict:
    """Wait until the preview has taken a version after ``after`` and made everything of it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text(encoding="utf-8")
        try:
            now = status(port)
        except OSError:
            now = None
        if (
            now
            and now["generation"] > after
            and now["stale"] == 0
            and now["extras"]["generation"] == now["generation"]
            and not now["extras"]["running"]
        ):
            assert now["extras"]["error"] is None
            return now
        time.sleep(0.2)
    raise AssertionError(f"the preview did not settle: {status(port)}\n{log.read_text(encoding='utf-8')[-3000:]}")


def files(folder: Path) -> dict[str, Path]:
    return {f.relative_to(folder).as_posix(): f for f in folder.rglob("*") if f.is_file()}


def differences(served: Path, built: Path) -> list[str]:
    """What differs between the preview's site and a clean build's; the offline worker is a build's only
    (the preview answers sw.js with a worker that removes itself: test_offline)."""
    have, want = files(served), files(built)
    want.pop("sw.js", None)
    found = [f"missing: {p}" for p in sorted(want.keys() - have.keys())]
    found += [f"not in a clean build: {p}" for p in sorted(have.keys() - want.keys())]
    found += [
        f"differs: {p}" for p in sorted(want.keys() & have.keys()) if have[p].read_bytes() != want[p].read_bytes()
    ]
    return found


def test_served_site_equals_a_clean_build_after_random_edits(tmp_path: Path) -> None:
    seed = int(os.environ.get("SUMMIT_PREVIEW_SEED") or random.randrange(1_000_000))
    print(f"SUMMIT_PREVIEW_SEED={seed}")
    rng = random.Random(seed)
    content = tmp_path / "content"
    generate(content, 0.03, seed=seed % 1000)
    project = copy_project(tmp_path / "project")
    clean = copy_project(tmp_path / "clean")
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = tmp_path / "serve.log"
    # TMPDIR: where the server builds the site it serves
    server = start_serve(project, content, port, log, SUMMIT_TODAY=TODAY, TMPDIR=str(temp))
    archive = Archive(content, rng)
    edits: list[Callable[[], str]] = [getattr(archive, name) for name in rng.sample(EDITS, len(EDITS))]
    try:
        done = settled(port, 0, server, log)
        (served,) = temp.glob("mkdocs_*")
        for n, make_edit in enumerate([lambda: "(none)", *edits]):
            said = make_edit()
            snapshot = tmp_path / f"content-{n}"
            shutil.copytree(content, snapshot)
            site = tmp_path / f"site-{n}"
            with ThreadPoolExecutor(1) as pool:  # the clean build runs while the preview takes the edit
                build = pool.submit(mkdocs_build, clean, snapshot, today=TODAY, site=str(site), url=url)
                if n:
                    done = settled(port, done["generation"], server, log)
                result = build.result()
            assert result.returncode == 0, result.stderr
            found = differences(served, site)
            assert not found, f"after edit {n} ({said}), seed {seed}:\n" + "\n".join(found[:20])
            shutil.rmtree(site)
    finally:
        server.terminate()
        server.wait(timeout=10)
    log_text = log.read_text(encoding="utf-8")
    assert "pages to make again" in log_text  # edits were taken one by one, not by full builds only


def test_an_open_page_reloads_itself_with_the_edit(tmp_path: Path, chromium) -> None:
    """An editor keeps the event's page open in the browser and saves: the page shows the edit by
    itself (live reload), and so does the page of its station open in another tab."""
    from browser import local_context
    from conftest import FIXTURE, edit

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    server = start_serve(project, content, port, log, SUMMIT_TODAY=TODAY)
    try:
        settled(port, 0, server, log)
        context = local_context(chromium)
        event = context.new_page()
        event.goto(f"http://127.0.0.1:{port}/en/events/2024-04-15-roadshow/")
        station = context.new_page()
        station.goto(f"http://127.0.0.1:{port}/en/stations/vancouver/")
        assert "Vancouver project roadshow" in event.inner_text("h1")
        # nothing offline on the preview: its sw.js is the worker that removes itself
        from summit.outputs.offline import RETIRE

        worker = event.request.get(f"http://127.0.0.1:{port}/sw.js")
        assert worker.ok and worker.body() == RETIRE
        # (the page registers it, it removes itself)
        event.wait_for_function(
            "navigator.serviceWorker.getRegistrations().then(r => r.length === 0 && !navigator.serviceWorker.controller)"
        )
        edit(content / "events" / "2024.yml", "en: Vancouver project roadshow", "en: Roadshow seen at once")
        # (while the page reloads, it may have no heading or body yet)
        event.wait_for_function("(document.querySelector('h1')?.innerText || '').includes('Roadshow seen at once')")
        station.wait_for_function("(document.body?.innerText || '').includes('Roadshow seen at once')")
        assert "Vancouver project roadshow" not in station.inner_text("body")
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_refused_save_is_shown_on_every_open_page(tmp_path: Path, chromium) -> None:
    """An editor who watches the browser sees that a save was refused, and why, in the editors'
    language, on every open page; the banner goes when the next good save lands."""
    from browser import local_context
    from conftest import FIXTURE, edit

    content = tmp_path / "content"
    shutil.copytree(FIXTURE, content)
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    server = start_serve(project, content, port, log, SUMMIT_TODAY=TODAY, SUMMIT_EDITOR_LANG="")
    try:
        settled(port, 0, server, log)
        context = local_context(chromium)
        pages = [context.new_page() for _ in range(2)]
        pages[0].goto(f"http://127.0.0.1:{port}/en/events/2024-04-15-roadshow/")
        pages[1].goto(f"http://127.0.0.1:{port}/stations/vancouver/")
        assert pages[0].locator("#summit-preview-errors").count() == 0
        edit(content / "events" / "2024.yml", "stations: [vancouver]", "stations: [vancover]")
        for page in pages:
            banner = page.locator("#summit-preview-errors[role=alert]")
            banner.wait_for(timeout=20_000)
            text = banner.inner_text()
            assert text.startswith("内容有错误，这次保存没有生效：预览仍显示上一次正确的内容。")
            assert (
                "content/events/2024.yml:9:16: 错误：活动「2024-04-15-roadshow」（温哥华项目路演）的海外工作站（第1项）："
                "没有编号为「vancover」的海外工作站；是不是「vancouver」（温哥华工作站）？"
            ) in text.replace(str(tmp_path) + "/", "")
        assert "Vancouver project roadshow" in pages[0].inner_text("h1")  # the last good page stays
        edit(content / "events" / "2024.yml", "stations: [vancover]", "stations: [vancouver]")
        edit(content / "events" / "2024.yml", "en: Vancouver project roadshow", "en: Roadshow fixed")
        pages[0].wait_for_function("(document.querySelector('h1')?.innerText || '').includes('Roadshow fixed')")
        for page in pages:
            page.locator("#summit-preview-errors").wait_for(state="detached", timeout=20_000)
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_preview_stops_clearly_on_a_server_it_does_not_know() -> None:
    from mkdocs.exceptions import Abort

    from summit_preview import check_private_parts

    class Server:  # a live-reload server of another MkDocs: no request hook of that name
        builder = observer = _epoch_cond = _visible_epoch = _wanted_epoch = None

    with pytest.raises(Abort, match=r"lacks LiveReloadServer\._serve_request\. Install the versions of requirements"):
        check_private_parts(Server())
