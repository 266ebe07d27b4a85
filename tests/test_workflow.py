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


def _decide(tmp_path: Path, changed: list[str]) -> str:
    """What the workflow's ``changes`` job says of a pull request changing ``changed`` (its own script, in
    a repository whose main is the base)."""
    script = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["changes"]["steps"][1]["run"]
    repo = tmp_path / "repo"
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    for name in ("content/events/2030.yml", "hooks/summit/cli.py"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("before\n", encoding="utf-8")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    subprocess.run([*git, "update-ref", "refs/remotes/origin/main", "HEAD"], check=True)
    for name in changed:
        (repo / name).write_text("after\n", encoding="utf-8")
    subprocess.run([*git, "commit", "-qam", "change"], check=True)
    output = tmp_path / "output"
    env = {"EVENT": "pull_request", "BASE": "main", "GITHUB_OUTPUT": str(output), "PATH": "/usr/bin:/bin"}
    subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, check=True)
    return output.read_text(encoding="utf-8").strip()


def test_a_content_only_pull_request_gets_the_quick_verdict(tmp_path: Path) -> None:
    assert _decide(tmp_path / "a", ["content/events/2030.yml"]) == "content_only=true"
    assert _decide(tmp_path / "b", ["content/events/2030.yml", "hooks/summit/cli.py"]) == "content_only=false"
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    assert jobs["verdict"]["if"] == "needs.changes.outputs.content_only == 'true'"
    assert jobs["build"]["if"] == "needs.changes.outputs.content_only != 'true'"  # code: the whole suite
    commands = [step.get("run", "") for step in jobs["verdict"]["steps"]]
    assert [c for c in commands if c.startswith("make ")] == ["make check", "make build", "make verify"]
    assert "make test" in [step.get("run", "") for step in jobs["build"]["steps"]]


def test_every_job_that_builds_checks_out_the_contents_history() -> None:
    """The feeds, the calendars' SEQUENCE, the sitemap's lastmod and the recent changes come from git:
    a checkout of one commit (the default) would date every record by the build."""
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    building = [name for name, job in jobs.items() if any(s.get("run") == "make build" for s in job["steps"])]
    assert set(building) >= {"verdict", "build", "mirror"}
    for name in building:
        (checkout,) = [s for s in jobs[name]["steps"] if str(s.get("uses", "")).startswith("actions/checkout")]
        assert checkout.get("with", {}).get("fetch-depth") == 0, name


def test_the_published_builds_carry_the_editing_pages_sign_in() -> None:
    jobs = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]
    publishing = [name for name, job in jobs.items() if "PUBLISH" in job.get("env", {})] + ["mirror"]
    assert len(publishing) == 2
    for name in publishing:
        env = jobs[name]["env"]
        for setting in ("REPO", "BRANCH", "BACKEND", "AUTH_URL", "API_ROOT", "APP_ID"):
            assert env[f"SUMMIT_CMS_{setting}"] == f"${{{{ vars.SUMMIT_CMS_{setting} }}}}", (name, setting)
