"""The commands an editor runs: `summit check` and a MkDocs build, on good and bad content."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.schedule.zones import IANA_VERSION

from conftest import FIXTURE, ROOT, edit, run_summit
from sitebuild import copy_project, mkdocs_build

summit = run_summit


def test_check_passes_on_good_content() -> None:
    result = summit("check", content=FIXTURE)
    assert result.returncode == 0
    assert result.stdout.splitlines() == [  # in the editors' language, Chinese, unless told otherwise
        "警告（网站照常生成）：",
        "tests/fixtures/content/events/2024.yml:20:5: 警告：活动「2024-05-policy-conference」（政策落地会）的状态："
        "活动在生成之前已经举行，但状态仍是 scheduled：请改为 held（已举行）、unreported（结果未公布）、"
        "postponed（延期）或 cancelled（取消）",
        "没有错误，1个警告。",
        "翻译：",
        "  中文：完整",
        "  英文：完整",
        f"5个活动、3个海外工作站、2个合作伙伴、2个项目：可以生成网站（时区规则：IANA {IANA_VERSION}）",
    ]


def test_check_reports_all_errors_without_traceback(content_copy: Path) -> None:
    edit(content_copy / "stations.yml", "timezone: Asia/Tokyo", "timezone: Mars/Base")
    edit(content_copy / "events/2024.yml", "    kind: conference", "    kind: party")
    result = summit("check", content=content_copy, cwd=content_copy.parent)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:4] == [
        "错误（必须改正，否则网站不会生成）：",
        "content/events/2024.yml:22:11: 错误：活动「2024-05-policy-conference」（政策落地会）的类型："
        "必须是以下之一：roadshow、forum、exchange、signing、conference或launch（写的是「party」）",
        "content/stations.yml:14:15: 错误：海外工作站「tokyo」（东京工作站）的时区："
        "未知的时区「Mars/Base」（请用 IANA 时区名，例如 Asia/Shanghai）",
        "2个错误，在2个文件中。",
    ]


def test_real_content_is_valid() -> None:
    result = summit("check", content=ROOT / "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"5个活动、6个海外工作站、12个合作伙伴、0个项目：可以生成网站（时区规则：IANA {IANA_VERSION}）"
    )


@pytest.mark.site
def test_build_with_bad_content_fails_cleanly_and_keeps_the_old_site(tmp_path: Path, content_copy: Path) -> None:
    project = copy_project(tmp_path / "project")
    assert mkdocs_build(project, FIXTURE).returncode == 0
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    edit(content_copy / "events/2024.yml", "    date: 2024-04-15", "    date: 2024-13-01")
    result = mkdocs_build(project, content_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    said = result.stdout + result.stderr  # the build speaks the editors' language (here English)
    assert "› date: '2024-13-01' is not a date: month must be in 1..12" in said
    assert "The site was not built." in said
    after = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    assert after == before
