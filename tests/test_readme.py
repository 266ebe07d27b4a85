"""The README stays short and true: its commands run, its links lead somewhere, its example record is the
real one, its error report is what the check prints, and the addresses it gives are published."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from conftest import ROOT, edit, run_summit

README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = ["README.md", "ARCHITECTURE.md", "CONTRIBUTING.md", "bench/README.md"]


def blocks(text: str, lang: str) -> list[str]:
    """The fenced code blocks of ``text`` marked ``lang`` ("" for unmarked)."""
    return [body for mark, body in re.findall(r"^```(\w*)\n(.*?)^```$", text, re.S | re.M) if mark == lang]


def test_readme_is_short() -> None:
    assert len(README.splitlines()) < 150


def test_every_make_command_of_the_readme_runs() -> None:
    commands = [line.split("#")[0].strip() for block in blocks(README, "sh") for line in block.splitlines()]
    commands = [c for c in commands if c.startswith("make ")]
    assert {c.split()[1] for c in commands} >= {"build", "test", "serve", "check", "new", "schema"}
    for command in commands:  # a dry run: the target exists and its recipe expands
        result = subprocess.run([*command.split(), "-n"], cwd=ROOT, capture_output=True, text=True)
        assert result.returncode == 0, (command, result.stderr)


@pytest.mark.parametrize("doc", DOCS)
def test_every_link_leads_to_a_file(doc: str) -> None:
    text = (ROOT / doc).read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    local = [link for link in links if not re.match(r"[a-z]+:", link) and not link.startswith("#")]
    missing = [link for link in local if not ((ROOT / doc).parent / link.split("#")[0]).exists()]
    assert missing == []


def test_the_example_record_is_the_real_one() -> None:
    (example,) = blocks(README, "yaml")
    (record,) = yaml.safe_load(example)["events"]
    events = yaml.safe_load((ROOT / "content" / "events" / "2020.yml").read_text(encoding="utf-8"))["events"]
    assert record == next(e for e in events if e["id"] == record["id"])


def test_the_error_report_is_what_the_check_prints(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (report,) = [b for b in blocks(README, "") if "错误（必须改正" in b]
    edit(content / "events" / "2020.yml", "date: 2020-04-15", "date: 2020-04-31")
    edit(content / "stations.yml", "timezone: Asia/Tokyo", "timezone: Asia/Tokio")
    result = run_summit("check", content=content, cwd=tmp_path)
    assert result.returncode == 1
    shown = report.strip("\n").splitlines()
    assert result.stderr.splitlines()[: len(shown)] == shown
    english = run_summit("check", content=content, cwd=tmp_path, extra_env={"SUMMIT_EDITOR_LANG": "en"})
    assert "SUMMIT_EDITOR_LANG=en" in README
    assert english.stderr.splitlines()[2] == (
        "content/stations.yml:34:15: error: station tokyo (Tokyo Station) › time zone: "
        "unknown time zone 'Asia/Tokio'; did you mean 'Asia/Tokyo'?"
    )


def test_the_published_addresses_exist(built_site: Path, programme_site: Path) -> None:
    from test_programme import SUMMIT_WEEK

    table = README[README.index("| address | what |") :].split("\n\n")[0]
    addresses = [a for a in re.findall(r"`([a-z/][^`]*)`", table) if "://" not in a]
    assert len(addresses) >= 6
    for address in addresses:
        concrete = address.replace("<id>", "vancouver").replace("<event>", "2024-04-15-roadshow")
        site = built_site
        if "/screen/" in address:  # an event with a programme
            concrete, site = address.replace("<event>", SUMMIT_WEEK), programme_site
        path, query = urlsplit(concrete).path, urlsplit(address).query
        for prefix in ("",) if address.startswith("/") else ("", "en/"):
            target = site / prefix / path.lstrip("/")
            assert (target / "index.html" if path.endswith("/") else target).is_file(), prefix + path
        schedule = (built_site / path / "index.html").read_text(encoding="utf-8") if query else ""
        for name, value in parse_qsl(query):  # a filter the schedule offers, with that value
            assert re.search(rf'<select name="{name}">.*?<option value="{value}">', schedule, re.S), name
