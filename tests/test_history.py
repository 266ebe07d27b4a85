"""When each record was added and last changed, and what changed, from the content's git history."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from summit.build.history import record_history

from conftest import FIXTURE, edit

DAY = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def _commit(repo: Path, message: str, days: int) -> None:
    moment = (DAY + dt.timedelta(days=days)).isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), *identity, "commit", "-qm", message], check=True, env=env)


def _repository(tmp_path: Path) -> tuple[Path, Path]:
    """A repository whose first commit (on DAY) is the fixture content: (repository, content folder)."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURE, content)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    _commit(repo, "the content", 0)
    return repo, content


def test_the_history_of_each_record_in_a_readers_terms(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    edit(content / "events" / "2030.yml", "    date: 2030-10-10\n", "    date: 2030-10-12\n")
    _commit(repo, "the signing moves", 3)
    edit(content / "stations.yml", "en: Tokyo Station", "en: Tokyo station")
    _commit(repo, "a station's name", 5)
    edit(content / "events" / "2030.yml", "    status: postponed\n", "    status: cancelled\n")
    _commit(repo, "the signing is cancelled", 8)
    (repo / "README.md").write_text("not content\n", encoding="utf-8")
    _commit(repo, "not the content", 9)

    history = record_history(repo, content)
    assert history is not None
    signing = history[("event", "2030-10-10-signing")]
    assert signing.added == DAY and signing.changed == DAY + dt.timedelta(days=8)
    assert [c.what for c in signing.changes] == [("added",), ("date",), ("status",)]
    assert signing.changes[1].after["date"] == "2030-10-12" and signing.changes[2].after["status"] == "cancelled"
    assert signing.sequence == 2  # a calendar that keeps a copy replaces it twice
    tokyo = history[("station", "tokyo")]
    assert [c.what for c in tokyo.changes] == [("added",), ("title",)] and tokyo.sequence == 0
    roadshow = history[("event", "2024-04-15-roadshow")]
    assert roadshow.changes == roadshow.changes[:1] and roadshow.changed == DAY  # never changed since


def test_an_event_moved_to_another_years_file_keeps_its_history(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    text = (content / "events" / "2030.yml").read_text(encoding="utf-8")
    first, rest = text.split("  - id: 2030-10-10-signing\n", 1)
    moved, after = rest.split("\n  - id:", 1) if "\n  - id:" in rest else (rest, None)
    (content / "events" / "2030.yml").write_text(first + ("  - id:" + after if after else ""), encoding="utf-8")
    (content / "events" / "2031.yml").write_text(
        "events:\n  - id: 2030-10-10-signing\n" + moved.replace("date: 2030-10-10", "date: 2031-01-10") + "\n",
        encoding="utf-8",
    )
    _commit(repo, "the signing moves to 2031", 2)
    signing = record_history(repo, content)[("event", "2030-10-10-signing")]
    assert [c.what for c in signing.changes] == [("added",), ("date",)]


def test_no_history_outside_a_checkout(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    assert record_history(tmp_path, tmp_path / "content") is None
