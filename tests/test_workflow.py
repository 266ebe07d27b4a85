"""The CI workflow: actionlint finds nothing in it, and the mirror job publishes after GitHub Pages,
skips with a notice when the repository has no mirror secrets, and builds for the mirror's own address."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def test_actionlint_finds_nothing() -> None:
    program = Path(sys.executable).with_name("actionlint")
    run = subprocess.run([str(program), "-no-color", str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_mirror_job_follows_pages_and_skips_without_its_secrets() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    mirror = jobs["mirror"]
    assert mirror["needs"] == "deploy" and "deploy" in jobs
    env = mirror["env"]
    for name in ("ENDPOINT", "BUCKET", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "REGION", "PREFIX", "PROVIDER"):
        assert env[f"SUMMIT_MIRROR_{name}"] == f"${{{{ secrets.SUMMIT_MIRROR_{name} }}}}"
    assert env["SUMMIT_SITE_URL"] == "${{ secrets.SUMMIT_MIRROR_URL }}"  # its own address
    steps = mirror["steps"]
    gate = steps[0]
    assert "::notice" in gate["run"] and "ready=false" in gate["run"]
    assert all(step.get("if") == "steps.mirror.outputs.ready == 'true'" for step in steps[1:])
    commands = [step.get("run", "") for step in steps]
    assert commands.index("make build") < commands.index("make deploy")
    assert any("rclone" in c and "fonts-noto-cjk" in c for c in commands)
