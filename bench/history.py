"""A history for the synthetic archive: the archive as a first commit, then ``commits`` commits of the
edits editors make (an event's date moved, its status changed, its title reworded, a project's or a
partner's name), each a small change to one record, one a day; deterministic. The content folder becomes
a git repository of its own."""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import subprocess
from pathlib import Path

START = dt.datetime(2025, 1, 2, 9, 0, tzinfo=dt.UTC)
IDENTITY = ["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"]


def _git(folder: Path, *args: str, when: dt.datetime | None = None) -> None:
    env = {**os.environ}
    if when is not None:
        env |= {"GIT_AUTHOR_DATE": when.isoformat(), "GIT_COMMITTER_DATE": when.isoformat()}
    subprocess.run(["git", "-C", str(folder), *IDENTITY, *args], check=True, capture_output=True, env=env)


def _edit(rng: random.Random, text: str, n: int) -> str:
    """One record of an events file changed: its date, status or title."""
    starts = [m.start() for m in re.finditer(r"^- id: ", text, re.M)]
    # an ordinary event (a summit week's sessions are on its days: its date stays)
    at = rng.choice([s for s in starts if "-event-" in text[s : text.index("\n", s)]])
    end = next((s for s in starts if s > at), len(text))
    record = text[at:end]
    what = n % 3
    if what == 0 and (m := re.search(r"\n  date: '(\d{4})-(\d{2})-(\d{2})'\n", record)):
        day = (int(m.group(3)) % 27) + 1
        record = record.replace(m.group(0), f"\n  date: '{m.group(1)}-{m.group(2)}-{day:02d}'\n", 1)
    elif what == 1 and (m := re.search(r"\n  status: (\w+)\n", record)):
        record = record.replace(m.group(0), f"\n  status: {'cancelled' if m.group(1) == 'held' else 'held'}\n", 1)
    elif m := re.search(r"\n    en: (.*)\n", record):
        record = record.replace(m.group(0), f"\n    en: {m.group(1)} (rev {n})\n", 1)
    return text[:at] + record + text[end:]


def make_history(content: Path, commits: int = 300, seed: int = 29) -> int:
    """Make ``content`` a repository with the archive as its first commit and ``commits`` edits after;
    returns the number of commits."""
    rng = random.Random(seed)
    _git(content, "init", "-q")
    _git(content, "add", "-A")
    _git(content, "commit", "-qm", "the archive", when=START)
    files = [f for f in sorted((content / "events").glob("*.yml")) if "-event-" in f.read_text(encoding="utf-8")]
    if not files:
        return 1
    recent = files[-5:]  # editors mostly work on the last years
    for n in range(1, commits + 1):
        file = rng.choice(recent) if rng.random() < 0.8 else rng.choice(files)
        file.write_text(_edit(rng, file.read_text(encoding="utf-8"), n), encoding="utf-8")
        _git(content, "commit", "-qam", f"edit {n}", when=START + dt.timedelta(days=n))
    return commits + 1
