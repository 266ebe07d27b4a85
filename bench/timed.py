"""Run one command and report, as one JSON object on stdout: its wall seconds, its exit code, the peak
resident memory of its largest process (``peak_rss_mb``: the kernel's own figure, ``ru_maxrss``), and
the peak of each kind of process it ran, sampled every 100 ms from /proc (``rss_mb``): the command's own
process (``main``: MkDocs), the processes it forked (``forked``: the build's background work) and every
other program by name (``pagefind``); ``together_mb`` is the most they held together at one sample
(proportional set sizes summed: a page two processes share counts once).

    python bench/timed.py mkdocs build ...
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

INTERVAL = 0.1


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(n) for n in (task / "children").read_text().split()]
    except OSError:  # ended meanwhile
        pass
    return found


def _status(pid: int) -> tuple[str, float, float] | None:
    """(program name, resident MiB, proportional MiB) of a process, None if it has ended; the
    proportional size counts a page shared by n processes as 1/n in each (so they can be summed)."""
    try:
        status = (Path("/proc") / str(pid) / "status").read_text()
        rollup = (Path("/proc") / str(pid) / "smaps_rollup").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    pss = next((line.split()[1] for line in rollup.splitlines() if line.startswith("Pss:")), "0")
    return fields["Name"].strip(), int(fields.get("VmRSS", "0 kB").split()[0]) / 1024, int(pss) / 1024


def _sample(root: int, peaks: dict[str, float]) -> float:
    """Record the resident memory of ``root``'s processes by kind; return their sum (MiB)."""
    top = _status(root)
    together = 0.0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack += _children(pid)
        status = _status(pid)
        if status is None or top is None:
            continue
        name, rss, pss = status
        kind = "main" if pid == root else "forked" if name == top[0] else name
        peaks[kind] = max(peaks.get(kind, 0.0), rss)
        together += pss
    return together


def main(command: list[str]) -> int:
    started = time.perf_counter()
    process = subprocess.Popen(command)
    peaks: dict[str, float] = {}
    together = 0.0
    while process.poll() is None:
        together = max(together, _sample(process.pid, peaks))
        time.sleep(INTERVAL)
    seconds = time.perf_counter() - started
    report = {
        "seconds": round(seconds, 3),
        "code": process.returncode,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        "rss_mb": {kind: round(mb, 1) for kind, mb in sorted(peaks.items())},
        "together_mb": round(together, 1),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    if os.name != "posix" or not Path("/proc").is_dir():
        raise SystemExit("timed.py reads /proc: Linux only")
    raise SystemExit(main(sys.argv[1:]))
