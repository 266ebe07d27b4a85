"""The benchmark cannot rot: its archive is deterministic and valid, and its command runs at a tiny scale."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import NOW, ROOT

sys.path.insert(0, str(ROOT / "bench"))
from synth import generate

from summit.content.loader import load_content


def test_same_seed_same_files(tmp_path: Path) -> None:
    counts = generate(tmp_path / "a", 0.01)
    generate(tmp_path / "b", 0.01)
    files_a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yml")}
    files_b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yml")}
    assert files_a == files_b
    assert counts == {"events": 20, "projects": 50, "partners": 3, "stations": 6, "sessions": 0, "people": 30}


def test_archive_passes_the_check(tmp_path: Path) -> None:
    generate(tmp_path / "content", 0.05)
    content = load_content(tmp_path, tmp_path / "content", strict=True, now=NOW)
    # scale 0.05: a summit week of 3 days in 6 rooms (109 sessions) and 150 people, nobody in two rooms
    assert len(content.events) == 101 and len(content.projects) == 250 and len(content.people) == 150
    (week,) = [e for e in content.events if e.sessions]
    assert len(week.sessions) == 109 and len(week.rooms) == 6 and not content.warnings
    assert any("\u4e00" <= ch <= "\u9fff" for ch in content.events[0].summary.zh)


@pytest.mark.site
def test_bench_runs_at_a_tiny_scale(tmp_path: Path) -> None:
    out = tmp_path / "results.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--scale",
            "0.005",
            "--search-limit",
            "2",
            "--repeat",
            "2",
            "--commits",
            "20",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    [row] = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["commits"] == 21 and row["history_s"] > 0  # the archive's history: the first commit and 20 edits
    for key in (
        "load_s",
        "generate_s",
        "total_s",
        "baseline_s",
        "ratio",
        "peak_rss_mb",
        "pages",
        "event_page_bytes",
        "project_page_bytes",
        "scale",
        "search_kib_max",
        "search_typed_ms_median",
        "search_cold_ms_median",
        "search_done_ms_median",
    ):
        assert key in row
    assert row["search_queries"] == 4 and len(row["search_rows"]) == 4 and row["search_kib_max"] > 0
    assert row["scale"] == 0.005 and row["pages"] > 0 and row["peak_rss_mb"] > 0
    assert len(row["total_runs"]) == len(row["baseline_runs"]) == len(row["pair_ratios"]) == 2
    assert row["total_s"] == min(row["total_runs"]) and row["baseline_s"] == min(row["baseline_runs"])
    assert row["ratio"] == statistics.median(row["pair_ratios"])  # each pair shares its minutes' speed
    # the fastest of each kind (the figures are rounded to 0.01 s: their ratio is as exact as that allows)
    slack = 0.005 * (1 + row["ratio_fastest"]) / row["baseline_s"] + 0.0005
    assert abs(row["ratio_fastest"] - row["total_s"] / row["baseline_s"]) < slack
    # memory by process: MkDocs's, the build's forked one (sampled), the largest one's peak (the kernel's)
    assert row["rss_main_mb"] > 0 and row["rss_forked_mb"] > 0 and row["together_mb"] > 0
    assert row["peak_rss_mb"] >= max(row["rss_main_mb"], row["rss_forked_mb"]) - 1
    assert "| scale |" in result.stdout and "| rss_main_mb |" in result.stdout


def test_the_baseline_is_plain_mkdocs_without_the_hook(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from run import BASELINE, copy_project

    project = copy_project(tmp_path / "project")
    plain = load_config(str(project / BASELINE))
    ours = load_config(str(project / "mkdocs.yml"))
    assert list(ours.hooks) == ["hooks/summit_hook.py"] and not plain.hooks  # MkDocs does not even import it
    assert list(plain.plugins) == ["i18n"] and list(ours.plugins) == ["i18n", "hooks/summit_hook.py"]
    assert plain.theme.name == ours.theme.name == "material" and plain.nav == ours.nav
