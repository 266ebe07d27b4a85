"""The archive-scale benchmark (`make bench`): build a synthetic summit archive and report where the time
goes, against plain MkDocs + Material + i18n building the same Markdown. Figures, not assertions.

    python bench/run.py                 # scales 0.25 and 1, then the seed content's edit loop
    python bench/run.py --scale 0.01    # one scale
    python bench/run.py --repeat 1      # one pair of builds a scale (default 5, the fastest of each kind counts)
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "bench")]

from editloop import edit_loop as serve_edits  # noqa: E402
from history import make_history  # noqa: E402
from searchprobe import probe  # noqa: E402
from synth import generate  # noqa: E402
from synth_images import illustrate  # noqa: E402

from summit.build.docs import owned  # noqa: E402
from summit.build.pipeline import site_of  # noqa: E402
from summit.content.history import record_history  # noqa: E402
from summit.content.loader import load_content  # noqa: E402
from summit.outputs.cards import Drawer  # noqa: E402
from summit.outputs.datafiles import render_data  # noqa: E402
from summit.outputs.pages import render_pages  # noqa: E402
from summit.outputs.share import Share  # noqa: E402
from summit.outputs.theme import finish_site  # noqa: E402

TODAY = "2026-01-01"
COMMITS = 300
"""Edits in the archive's history (bench/history.py): every build reads them (from a fresh checkout)."""
NOW = dt.datetime(2026, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
URL = "https://bench.example.org/"
TIMED = str(ROOT / "bench" / "timed.py")


BASELINE = "mkdocs-baseline.yml"
"""The baseline's configuration: the site's own with no hook at all (MkDocs does not even import it)."""


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for part in ("mkdocs.yml", "hooks", "overrides", "docs"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    (target / BASELINE).write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    clean(target)
    return target


def share_figures(site_model, cache: Path) -> dict[str, object]:
    """Share cards and posters: how many the last build drew, how long drawing them all takes on one
    core (what a first build adds to its background work), and how many a build with nothing changed
    draws again (none: each is named by what it shows and kept in ``cache``)."""
    share = Share(site_model)
    cards, posters = share.all_cards(), [poster for _, _, poster in share.posters()]
    again = Drawer(cache)
    again.files(cards, posters)
    with tempfile.TemporaryDirectory(prefix="summit-cards-") as tmp:
        started = time.perf_counter()
        Drawer(Path(tmp)).files(cards, posters)
        draw_s = time.perf_counter() - started
    return {
        "cards": len(set(cards)),
        "posters": len(posters),
        "cards_draw_s": round(draw_s, 2),
        "cards_drawn_again": again.made,
        "cards_mb": round(size(cache) / 1e6, 1),
    }


def clean(project: Path, keep_cache: bool = False) -> None:
    """Back to a fresh checkout: no generated pages, no cache (unless ``keep_cache``), no built sites."""
    docs = project / "docs"
    for file in [f for f in docs.rglob("*") if f.is_file()]:
        if owned(file.relative_to(docs).as_posix()):
            file.unlink()
    (docs / ".generated").unlink(missing_ok=True)
    for made in ("site", "site-baseline") if keep_cache else (".cache", "site", "site-baseline"):
        shutil.rmtree(project / made, ignore_errors=True)


def builds(project: Path, content: Path, repeat: int) -> dict:
    """The build and the baseline, ``repeat`` times each, in pairs, every build of ours from a fresh
    checkout (the baseline builds the Markdown ours left). The machine's speed drifts by several
    percent from minute to minute (the baseline alone: 56 to 70 s at scale 1), so the two builds of a
    pair run back to back, in turn first, and the ratio is the median of the pairs' own ratios (a pair
    shares the machine's speed of its minutes); the fastest of each kind is compared too
    (``ratio_fastest``: one lucky minute for either kind moves it)."""
    ours: list[dict] = []
    plain: list[dict] = []
    post: list[float] = []

    def build() -> None:
        clean(project)
        os.sync()  # what the last build wrote is on disk before the next starts (else it is written meanwhile)
        ours.append(timed_build(project, content, "site"))  # the real build: hook, MkDocs, post-build

    def baseline() -> None:
        os.sync()
        plain.append(timed_build(project, content, "site-baseline", BASELINE))
        started = time.perf_counter()
        finish_site(project / "site-baseline")  # the sitemaps as the build finishes them (the site's are done)
        post.append(time.perf_counter() - started)

    for n in range(repeat):  # the baseline builds the Markdown the last build of ours left
        if n % 2:
            baseline()
            build()
        else:
            build()
            baseline()
    kinds = sorted({kind for run in ours for kind in run["rss_mb"]})
    pairs = [round(a["seconds"] / b["seconds"], 3) for a, b in zip(ours, plain, strict=True)]
    return {
        "post_s": min(post),
        "total_s": min(run["seconds"] for run in ours),
        "baseline_s": min(run["seconds"] for run in plain),
        "total_runs": [round(run["seconds"], 2) for run in ours],
        "baseline_runs": [round(run["seconds"], 2) for run in plain],
        "pair_ratios": pairs,
        "ratio": statistics.median(pairs),
        "peak_rss_mb": max(run["peak_rss_mb"] for run in ours),
        "baseline_rss_mb": max(run["peak_rss_mb"] for run in plain),
        **{f"rss_{kind}_mb": max(run["rss_mb"].get(kind, 0.0) for run in ours) for kind in kinds},
        "together_mb": max(run["together_mb"] for run in ours),
    }


def timed_build(project: Path, content: Path, site: str, config: str = "mkdocs.yml") -> dict:
    """Wall seconds and memory (bench/timed.py) of one `mkdocs build`, in a process of its own."""
    environment = {
        **os.environ,
        "SUMMIT_CONTENT": str(content),
        "SUMMIT_TODAY": TODAY,
        "SUMMIT_SITE_URL": URL,
        "NO_MKDOCS_2_WARNING": "1",
    }
    cmd = [sys.executable, TIMED, sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", site]
    out = subprocess.run(cmd, cwd=project, env=environment, capture_output=True, text=True, check=True)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    if report["code"] != 0:
        raise SystemExit(f"build failed: {out.stderr[-2000:]}")
    return report


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def serve_scale(scale: float, work: Path, per_kind: int = 5) -> dict:
    """The editor's loop on the archive of ``scale`` (bench/editloop.py): first page, then edits."""
    content = work / "content"
    if not content.is_dir():
        generate(content, scale)
    project = copy_project(work / "serve")
    return {"scale": scale, **serve_edits(project, content, TODAY, work / "serve.log", per_kind)}


def run_scale(
    scale: float,
    work: Path,
    search_limit: int | None = None,
    repeat: int = 3,
    serve: bool = True,
    commits: int = COMMITS,
) -> dict:
    content = work / "content"
    counts = generate(content, scale)
    commits = make_history(content, commits)
    project = copy_project(work / "project")

    started = time.perf_counter()
    history = record_history(content)  # cold: what a build from a fresh checkout reads (in a child process)
    history_s = time.perf_counter() - started
    assert history is not None
    record_history(content, work / "history.pickle")
    record_history.__globals__["_KNOWN"].clear()  # read from the file, as another process would
    started = time.perf_counter()
    record_history(content, work / "history.pickle")  # kept by commit: the next build's (and the preview's)
    history_kept_s = time.perf_counter() - started

    started = time.perf_counter()
    loaded = load_content(work, content, now=NOW)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    site_model = site_of(loaded, NOW, URL)
    render_pages(site_model)
    pages_s = time.perf_counter() - started
    started = time.perf_counter()
    render_data(site_model)
    data_s = time.perf_counter() - started

    timed = builds(project, content, repeat)
    total_s, baseline_s = timed["total_s"], timed["baseline_s"]
    site = project / "site"

    shared = share_figures(site_model, project / ".cache" / "cards")
    search = probe(site, content, search_limit) if search_limit != 0 else {}
    event = loaded.events[len(loaded.events) // 2]
    project_id = next(iter(loaded.projects)) if loaded.projects else None
    week = next((e for e in loaded.events if e.sessions), None)
    week_page = (site / "events" / week.id / "index.html").read_bytes() if week else b""
    pages = sum(1 for _ in site.rglob("index.html"))
    return {
        "scale": scale,
        **counts,
        "commits": commits,
        "history_s": round(history_s, 2),
        "history_kept_s": round(history_kept_s, 2),
        "load_s": round(load_s, 2),
        "generate_s": round(pages_s + data_s, 2),
        "pages_md_s": round(pages_s, 2),
        "data_s": round(data_s, 2),
        "mkdocs_s": round(baseline_s, 2),
        "post_s": round(timed["post_s"], 2),
        "total_s": round(total_s, 2),
        "baseline_s": round(baseline_s, 2),
        "ratio": timed["ratio"],
        "ratio_fastest": round(total_s / baseline_s, 3),
        "total_runs": timed["total_runs"],
        "baseline_runs": timed["baseline_runs"],
        "pair_ratios": timed["pair_ratios"],
        "peak_rss_mb": round(timed["peak_rss_mb"], 1),
        "baseline_rss_mb": round(timed["baseline_rss_mb"], 1),
        **{key: value for key, value in timed.items() if key.startswith("rss_")},
        "together_mb": timed["together_mb"],
        "pages": pages,
        "pages_per_s": round(pages / total_s, 1),
        "site_mb": round(size(site) / 1e6, 1),
        "event_page_bytes": (site / "events" / event.id / "index.html").stat().st_size,
        "project_page_bytes": (site / "projects" / project_id / "index.html").stat().st_size if project_id else 0,
        "programme_sessions": len(week.sessions) if week else 0,
        "programme_page_bytes": len(week_page),
        "programme_page_gzip_bytes": len(gzip.compress(week_page, 6)),
        "search_bundle_mb": round(size(site / "pagefind") / 1e6, 1),
        **shared,
        **search,
        **({k: v for k, v in serve_scale(scale, work).items() if k != "scale"} if serve else {}),
        "python": sys.version.split()[0],
        "cpus": os.cpu_count(),
        "date": dt.date.today().isoformat(),
    }


def image_builds(scale: float, work: Path, repeat: int) -> dict:
    """The archive with images (bench/synth_images.py) against the same archive without, each build
    with its own cache kept from an earlier build (the QR codes, and the made images): what unchanged
    images cost a build. In pairs, as ``builds``."""
    plain_content, images_content = work / "content", work / "content-images"
    counts = generate(plain_content, scale)
    shutil.copytree(plain_content, images_content)
    drawn = illustrate(images_content)
    plain, pictured = copy_project(work / "plain"), copy_project(work / "pictured")
    os.sync()
    cold = timed_build(pictured, images_content, "site")["seconds"]  # every image made
    timed_build(plain, plain_content, "site")
    with_images: list[float] = []
    without: list[float] = []

    def one(project: Path, content: Path, runs: list[float]) -> None:
        clean(project, keep_cache=True)
        os.sync()
        runs.append(timed_build(project, content, "site")["seconds"])

    for n in range(repeat):
        order = [(pictured, images_content, with_images), (plain, plain_content, without)]
        for args in order[:: -1 if n % 2 else 1]:
            one(*args)
    pairs = [round(a / b, 3) for a, b in zip(with_images, without, strict=True)]
    made = pictured / "site" / "images"
    return {
        "scale": scale,
        "kind": "images",
        **counts,
        **drawn,
        "made_files": sum(1 for _ in made.iterdir()),
        "made_mb": round(size(made) / 1e6, 1),
        "cold_s": round(cold, 2),
        "cached_s": round(min(with_images), 2),
        "no_images_s": round(min(without), 2),
        "cached_runs": [round(x, 2) for x in with_images],
        "no_images_runs": [round(x, 2) for x in without],
        "pair_ratios": pairs,
        "ratio": statistics.median(pairs),
        "date": dt.date.today().isoformat(),
    }


def edit_loop(work: Path) -> dict:
    """The seed content: `make build` (check + build) after a one-line edit, and `make serve` latency."""
    project = copy_project(work / "seed")
    content = work / "seed-content"
    shutil.copytree(ROOT / "content", content)
    env = {**os.environ, "SUMMIT_CONTENT": str(content), "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"]
    check = [sys.executable, "-m", "summit", "check"]
    subprocess.run(build, cwd=project, env=env, check=True, capture_output=True)
    events = content / "events" / "2020.yml"
    events.write_text(
        events.read_text("utf-8").replace("A special project roadshow", "A special, edited roadshow"), "utf-8"
    )
    started = time.perf_counter()
    subprocess.run(check, cwd=project, env=env, check=True, capture_output=True)
    subprocess.run(build, cwd=project, env=env, check=True, capture_output=True)
    rebuild_s = time.perf_counter() - started
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/en/events/2020-05-silicon-valley-roadshow/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.time() + 120
        while "edited roadshow" not in page() and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        events.write_text(events.read_text("utf-8").replace("edited roadshow", "twice-edited roadshow"), "utf-8")
        started = time.perf_counter()
        while "twice-edited roadshow" not in page() and time.perf_counter() - started < 60:
            time.sleep(0.05)
        serve_s = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    return {"scale": "seed", "rebuild_after_edit_s": round(rebuild_s, 2), "serve_shows_edit_s": round(serve_s, 2)}


def table(rows: list[dict]) -> str:
    keys = [
        "scale",
        "events",
        "projects",
        "pages",
        "commits",
        "history_s",
        "history_kept_s",
        "load_s",
        "generate_s",
        "post_s",
        "total_s",
        "baseline_s",
        "ratio",
        "ratio_fastest",
        "peak_rss_mb",
        "pages_per_s",
        "site_mb",
        "event_page_bytes",
        "project_page_bytes",
        "programme_sessions",
        "programme_page_bytes",
        "programme_page_gzip_bytes",
        "cards",
        "posters",
        "cards_draw_s",
        "cards_drawn_again",
    ]
    search = [
        "scale",
        "search_bundle_mb",
        "search_queries",
        "search_kib_median",
        "search_kib_max",
        "search_typed_ms_median",
        "search_typed_ms_max",
        "search_done_ms_median",
        "search_done_ms_max",
        "search_cold_ms_median",
        "search_cold_ms_max",
        "search_top3",
    ]
    serve = [
        "scale",
        "serve_first_page_s",
        "edit_title_median_s",
        "edit_title_max_s",
        "edit_date_median_s",
        "edit_date_max_s",
        "edit_station_median_s",
        "edit_station_max_s",
    ]
    memory = [
        "scale",
        "peak_rss_mb",
        "rss_main_mb",
        "rss_forked_mb",
        "rss_pagefind_mb",
        "together_mb",
        "baseline_rss_mb",
    ]
    lines = []
    for columns in (keys, serve, memory, search):
        lines += ["", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += [
            "| " + " | ".join(str(r.get(k, "")) for k in columns) + " |" for r in rows if r.get("scale") != "seed"
        ]
    return "\n".join(lines).strip()


def images_main(args: argparse.Namespace) -> int:
    rows = []
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as tmp:
        for scale in [args.scale] if args.scale is not None else [0.25, 1.0]:
            work = Path(tmp) / f"images-{scale}"
            work.mkdir()
            rows.append(image_builds(scale, work, args.repeat))
            print(json.dumps(rows[-1]), flush=True)
    with args.out.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    columns = ["scale", "logos", "photos", "made_files", "made_mb", "cold_s", "cached_s", "no_images_s", "ratio"]
    columns.append("pair_ratios")
    print("\n| " + " | ".join(columns) + " |\n|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(row[k]) for k in columns) + " |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=None, help="one scale (default: 0.25 then 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.jsonl")
    parser.add_argument("--no-edit-loop", action="store_true", help="skip the edit loops (seed and scales)")
    parser.add_argument("--edit-loop-only", action="store_true", help="only the edit loops (no builds)")
    parser.add_argument("--repeat", type=int, default=5, help="pairs of builds a scale (fastest of each kind counts)")
    parser.add_argument("--commits", type=int, default=COMMITS, help="edits in the archive's git history")
    parser.add_argument("--search-limit", type=int, default=None, help="search queries per language (0: none)")
    parser.add_argument("--images", action="store_true", help="only what unchanged images cost a build")
    args = parser.parse_args()
    if args.images:
        return images_main(args)
    scales = [args.scale] if args.scale is not None else [0.25, 1.0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as tmp:
        for scale in scales:
            work = Path(tmp) / f"scale-{scale}"
            work.mkdir()
            if args.edit_loop_only:
                rows.append(serve_scale(scale, work))
                print(json.dumps(rows[-1]), flush=True)
                continue
            row = run_scale(scale, work, args.search_limit, args.repeat, not args.no_edit_loop, args.commits)
            rows.append(row)
            for query in row.get("search_rows", []):
                print(json.dumps(query, ensure_ascii=False), flush=True)
            print(json.dumps({k: v for k, v in row.items() if k != "search_rows"}), flush=True)
        if args.edit_loop_only or (not args.no_edit_loop and args.scale is None):
            rows.append(edit_loop(Path(tmp)))
            print(json.dumps(rows[-1]), flush=True)
    with args.out.open("a", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    print()
    print(table(rows))
    scaled = {r["scale"]: r for r in rows if r.get("scale") in (0.25, 1.0)}
    if len(scaled) == 2:
        small, big = scaled[0.25], scaled[1.0]
        print(
            f"\ntime(1)/time(0.25) = {big['total_s'] / small['total_s']:.2f}; "
            f"event page bytes ratio = {big['event_page_bytes'] / small['event_page_bytes']:.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
