"""When each record was added and last changed, and what changed, from the content's git history."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from summit.content.history import record_history

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

    history = record_history(content)
    assert history is not None
    signing = history.get("event", "2030-10-10-signing")
    assert signing.added == DAY and signing.changed == DAY + dt.timedelta(days=8)
    assert [c.what for c in signing.changes] == [("added",), ("date",), ("status",)]
    assert signing.changes[1].after["date"] == "2030-10-12" and signing.changes[2].after["status"] == "cancelled"
    assert signing.sequence == 2  # a calendar that keeps a copy replaces it twice
    tokyo = history.get("station", "tokyo")
    assert [c.what for c in tokyo.changes] == [("added",), ("title",)] and tokyo.sequence == 0
    roadshow = history.get("event", "2024-04-15-roadshow")
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
    signing = record_history(content).get("event", "2030-10-10-signing")
    assert [c.what for c in signing.changes] == [("added",), ("date",)]


def test_no_history_outside_a_checkout(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "content")
    assert record_history(tmp_path / "content") is None


def _git(repo: Path, *args: str) -> None:
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    env = {**os.environ, "GIT_AUTHOR_DATE": DAY.isoformat(), "GIT_COMMITTER_DATE": DAY.isoformat()}
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True, env=env)


def test_a_record_renamed_with_its_old_id_as_an_alias_keeps_its_history(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    edit(
        content / "events" / "2030.yml",
        "  - id: 2030-10-10-signing\n    title: {zh: 云签约, en: Cloud signing}\n",
        "  - id: 2030-10-10-cloud-signing\n    aliases: [2030-10-10-signing]\n"
        "    title: {zh: 线上签约, en: Online signing}\n",
    )
    _commit(repo, "the signing renamed", 4)
    history = record_history(content)
    assert history.get("event", "2030-10-10-signing") is None
    signing = history.get("event", "2030-10-10-cloud-signing")
    assert [c.what for c in signing.changes] == [("added",), ("title",)]
    assert signing.added == DAY
    assert (
        signing.changes[1].before["title"]["zh"] == "云签约" and signing.changes[1].after["title"]["zh"] == "线上签约"
    )


def test_a_version_that_does_not_read_leaves_its_records_to_the_build(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    events = content / "events" / "2030.yml"
    good = events.read_bytes()
    events.write_bytes(good.replace("云签约".encode(), "云签约".encode("gb18030")))  # not UTF-8
    _commit(repo, "saved in the wrong encoding", 2)
    events.write_bytes(good.replace(b"date: 2030-10-10", b"date: 2030-10-11"))
    _commit(repo, "saved again", 3)
    edit(content / "stations.yml", "en: Tokyo Station", "en: Tokyo station")
    _commit(repo, "a station's name", 5)
    history = record_history(content)
    assert history is not None
    for event_id in ("2030-09-01-tokyo-forum", "2030-10-10-signing", "2030-11-20-london-exchange"):
        assert history.get("event", event_id) is None  # dated by the build
    assert history.get("event", "2024-04-15-roadshow").changed == DAY  # another file: read as ever
    assert [c.what for c in history.get("station", "tokyo").changes] == [("added",), ("title",)]


def test_conflict_markers_committed_and_a_renamed_file_build_on(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    events = content / "events" / "2024.yml"
    good = events.read_text(encoding="utf-8")
    events.write_text("<<<<<<< HEAD\n" + good + "=======\n" + good + ">>>>>>> other\n", encoding="utf-8")
    _commit(repo, "a merge resolved by hand, badly", 1)
    events.write_text(good, encoding="utf-8")
    _commit(repo, "resolved", 2)
    _git(repo, "mv", "content/events/2030.yml", "content/events/2030-old.yml")
    _commit(repo, "a file renamed", 3)
    history = record_history(content)
    assert history.get("event", "2024-04-15-roadshow") is None
    signing = history.get("event", "2030-10-10-signing")
    assert [c.what for c in signing.changes] == [("added",)]  # the same record in another file


def test_a_merge_is_one_change_on_the_main_line(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    _git(repo, "checkout", "-q", "-b", "side")
    edit(content / "events" / "2030.yml", "    date: 2030-10-10\n", "    date: 2030-10-12\n")
    _commit(repo, "on a branch: the date", 2)
    edit(content / "events" / "2030.yml", "    date: 2030-10-12\n", "    date: 2030-10-14\n")
    _commit(repo, "on a branch: the date again", 3)
    _git(repo, "checkout", "-q", "-")
    moment = (DAY + dt.timedelta(days=6)).isoformat()
    env = {**os.environ, "GIT_AUTHOR_DATE": moment, "GIT_COMMITTER_DATE": moment}
    identity = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org"]
    subprocess.run(
        ["git", "-C", str(repo), *identity, "merge", "-q", "--no-ff", "-m", "merge", "side"], check=True, env=env
    )
    signing = record_history(content).get("event", "2030-10-10-signing")
    assert [c.what for c in signing.changes] == [("added",), ("date",)]
    assert signing.changed == DAY + dt.timedelta(days=6) and signing.changes[1].after["date"] == "2030-10-14"


def test_the_history_is_kept_by_commit_and_read_on_from_there(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    cache = tmp_path / "cache" / "history.pickle"
    first = record_history(content, cache)
    assert cache.is_file() and first.get("event", "2030-10-10-signing").sequence == 0
    edit(content / "events" / "2030.yml", "    status: postponed\n", "    status: cancelled\n")
    _commit(repo, "cancelled", 2)
    again = record_history(content, cache)
    fresh = record_history(content)
    assert again.records == fresh.records and again.head == fresh.head
    assert again.get("event", "2030-10-10-signing").sequence == 1
    cache.write_bytes(b"not a pickle")
    assert record_history(content, cache).records == fresh.records


def test_no_history_in_a_shallow_clone(tmp_path: Path) -> None:
    repo, content = _repository(tmp_path)
    edit(content / "stations.yml", "en: Tokyo Station", "en: Tokyo station")
    _commit(repo, "a station's name", 5)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    assert record_history(clone / "content") is None


def test_reading_only_what_changed_reads_the_same_as_reading_everything(tmp_path: Path, monkeypatch) -> None:
    """A version is cut into items only where it differs from the one before (``_spans``): the archive's
    history (a hundred editors' commits) is the same as when every version is read whole."""
    import sys

    import yaml

    from summit.content import history as module

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import synth
    from history import make_history

    content = tmp_path / "content"
    synth.generate(content, 0.02)
    make_history(content, 100)
    quick = record_history(content)
    monkeypatch.setattr(module, "_KNOWN", {})
    monkeypatch.setattr(module, "_spans", lambda data, key, last, checked: None)  # every version read whole
    whole = record_history(content)
    assert sum(len(h.changes) for h in quick.records.values()) > len(quick.records) + 50
    assert {k: [(c.when, c.what, c.before, c.after) for c in h.changes] for k, h in quick.records.items()} == {
        k: [(c.when, c.what, c.before, c.after) for c in h.changes] for k, h in whole.records.items()
    }
    reader = module._Reader()
    for path, records in quick.files.items():
        on_disk = yaml.load((content / path).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        key = next(iter(on_disk))
        assert {i: reader.record(item) for i, item in records.items()} == {r["id"]: r for r in on_disk[key]}


def test_a_version_cut_where_it_differs_is_cut_as_a_whole_one_would_be() -> None:
    """Random edits of a file (an item changed, added, removed; the head or the end touched): cutting the
    new version where it differs from the old one gives what cutting it whole gives."""
    import random

    from summit.content.history import _spans

    rng = random.Random(7)

    def item(n: int, indent: str) -> str:
        return f"{indent}- id: e-{n}\n{indent}  title: {{zh: 标题{n}, en: Title {n}}}\n{indent}  date: 2030-01-{n % 28 + 1:02d}\n"

    for trial in range(400):
        indent = rng.choice(["", "  "])
        ids = list(range(rng.randint(0, 6)))
        old = "# schema\nevents:\n" + "".join(item(n, indent) for n in ids)
        new_ids = list(ids)
        choice = rng.randrange(6)
        if choice == 0 and new_ids:
            new_ids.pop(rng.randrange(len(new_ids)))
        elif choice == 1:
            new_ids.insert(rng.randint(0, len(new_ids)), 100 + trial)
        new = "# schema\nevents:\n" + "".join(item(n, indent) for n in new_ids)
        if choice == 2 and new_ids:
            new = new.replace(f"Title {new_ids[-1]}}}", f"Title {new_ids[-1]} again}}")
        elif choice == 3:
            new = new.replace("# schema\n", "# schema, again\n")
        elif choice == 4:
            new += "other: 1\n"
        elif choice == 5 and new_ids:
            new = new.replace(f"{indent}- id: e-{new_ids[0]}\n", f"{indent}- title: x\n", 1)
        last = (old.encode(), _spans(old.encode(), "events", None, set()))
        assert _spans(new.encode(), "events", last, set()) == _spans(new.encode(), "events", None, set()), (old, new)
