"""Pagefind's indexer memory, apart from this site: peak RSS of the `pagefind` program on plain pages of
made-up words, against how many distinct words each page holds and how often it repeats them.

The build indexes each language in a run of its own; at archive scale the Chinese run holds ~1.2 M
(page, term) pairs and is the build's largest process. This shows the cost is the indexer's own, per
distinct (page, word) pair, whatever the words are.

    python bench/pagefindmem.py               # 7,312 pages, as the Chinese index at scale 1
    python bench/pagefindmem.py --pages 1000
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import string
import subprocess
import sys
import tempfile
from pathlib import Path

from pagefind.service import get_executable

TIMED = str(Path(__file__).resolve().parent / "timed.py")
VOCABULARY = 3913
"""Distinct pair terms of the Chinese index at scale 1."""
CASES = (
    ("no words", 0, 0),
    ("one word 160 times", 1, 160),
    ("16 words 10 times each", 16, 10),
    ("160 words once each", 160, 1),
)
"""(name, distinct words a page, times each)."""


def peak_mb(program: str, pages: int, distinct: int, times: int, work: Path) -> float:
    rnd = random.Random(2000)
    words = ["q" + "".join(rnd.choices(string.ascii_lowercase, k=8)) for _ in range(VOCABULARY)]
    source = work / "site"
    shutil.rmtree(source, ignore_errors=True)
    for n in range(pages):
        body = " ".join(rnd.sample(words, distinct) * times)
        page = source / f"p{n}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(
            f'<html lang="zh-cn"><body><main data-pagefind-body><h1>Page {n}</h1><p>{body}</p></main></body></html>',
            encoding="utf-8",
        )
    command = [program, "--site", str(source), "--output-path", str(work / "out"), "--silent"]
    out = subprocess.run([sys.executable, TIMED, *command], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"pagefind failed: {out.stderr[-2000:]}")
    return report["peak_rss_mb"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=7312)
    args = parser.parse_args()
    program = get_executable()
    if program is None:
        raise SystemExit("the pagefind program is not installed (pip install -r requirements.txt)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="pagefind-memory-") as tmp:
        for name, distinct, times in CASES:
            rows.append(
                {
                    "case": name,
                    "pages": args.pages,
                    "distinct": distinct,
                    "times": times,
                    "peak_rss_mb": round(peak_mb(str(program), args.pages, distinct, times, Path(tmp)), 1),
                }
            )
            print(json.dumps(rows[-1]), flush=True)
    base = rows[0]["peak_rss_mb"]
    print("\n| case | peak RSS MiB | bytes per (page, word) pair | bytes per occurrence |\n|---|---|---|---|")
    for row in rows:
        pairs = row["pages"] * row["distinct"]
        seen = pairs * row["times"]
        extra = (row["peak_rss_mb"] - base) * 1024 * 1024
        print(
            f"| {row['case']} | {row['peak_rss_mb']} | {extra / pairs:.0f} | {extra / seen:.0f} |"
            if pairs
            else f"| {row['case']} | {row['peak_rss_mb']} | | |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
