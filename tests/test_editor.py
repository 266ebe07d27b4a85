"""The editing page (/admin/) as an editor first meets it in Chromium, with Decap's local proxy
(``decap-server`` in its git mode) over a checkout made in the test: Decap's own files from the site,
nothing from another host, the collections named in Chinese and English, a content file's records in
its form; and the page stays out of the public site (sitemap, search)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Locator, Page

from test_audit import AXE, TAGS
from test_format import changed

from browser import local_context, serve
from conftest import ROOT, run_summit

pytestmark = pytest.mark.site

SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
PROXY_LOG = "decap-server.log"
"""What the local proxy printed, beside the checkout it serves."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
GIT_ENV |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A git checkout with the site's own content, as the editors' repository has it."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "content"]):
        git(repo, *command)
    return repo


@pytest.fixture
def proxy(checkout: Path) -> Iterator[int]:
    """decap-server in its git mode over ``checkout``, on a free port of 127.0.0.1."""
    assert SERVER.exists(), "node_modules is missing: run `make test` (it installs package-lock.json)"
    port = free_port()
    env = {**os.environ, "PORT": str(port), "MODE": "git", "GIT_REPO_DIRECTORY": str(checkout)}
    log = (checkout.parent / PROXY_LOG).open("wb")  # read back when a save does not arrive
    process = subprocess.Popen([str(SERVER)], cwd=checkout, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info","params":{}}', method="POST"
                )
                request.add_header("Content-Type", "application/json")
                with urllib.request.urlopen(request, timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "decap-server did not start"
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


@pytest.fixture
def site(built_site: Path, tmp_path: Path, proxy: int, checkout: Path) -> Path:
    """The built site with the editor's files (as `make build` puts them), its forms made for the
    checkout's content (as `make schema` makes them) and told the proxy's port."""
    from summit.build.editor import install_editor
    from summit.content.cms import config

    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    assert install_editor(ROOT, copy) > 50  # the bundle, its chunks and its WebAssembly
    data = config(checkout / "content")
    data["local_backend"]["url"] = f"http://127.0.0.1:{proxy}/api/v1"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    (copy / "admin" / "config.yml").write_text(text, encoding="utf-8")
    return copy


def test_the_editing_page_opens_a_content_file_in_its_form(chromium, site: Path) -> None:
    outside: list[str] = []
    with serve(site) as base:
        context = local_context(chromium, outside, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "admin/")
        page.get_by_role("button", name="登录").click()  # the local proxy: no account
        assert page.locator("#unset").is_hidden()  # a proxy answers: nothing to set
        for label in ("站点信息 / The summit", "活动 / Event", "海外工作站 / Station", "合作伙伴 / Partner"):
            page.get_by_role("link", name=label).first.wait_for()
        page.goto(base + "admin/#/collections/stations/entries/stations")
        page.get_by_text("新增海外工作站 / station").wait_for()
        stations = yaml.safe_load((ROOT / "content" / "stations.yml").read_text(encoding="utf-8"))["stations"]
        for station in stations:  # each closed record shows its id and name
            page.get_by_text(f"{station['id']} · {station['name']['zh']}", exact=True).first.wait_for()
        context.close()
    assert outside == [] and errors == []


def test_the_editing_page_is_not_a_public_page(built_site: Path) -> None:
    assert (built_site / "admin" / "index.html").is_file() and (built_site / "admin" / "config.yml").is_file()
    assert "noindex" in (built_site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "/admin/" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert not (built_site / "en" / "admin").exists()
    # its forms are the built content's: each year's events and the next (the fixture's, not content/'s)
    made = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    events = next(c for c in made["collections"] if c["name"] == "events")
    assert [f["file"] for f in events["files"]] == [f"content/events/{y}.yml" for y in (2024, 2030, 2031)]


# --- The forms driven as an editor drives them -------------------------------------------------------


SHOTS = os.environ.get("SUMMIT_EDITOR_SHOTS")
"""A folder to put the guide's screenshots of the forms in (CONTRIBUTING), when set."""


def shot(page: Page, name: str, locator: Locator | None = None) -> None:
    if SHOTS:
        from PIL import Image

        png = Path(SHOTS) / f"{name}.png"
        (locator or page).screenshot(path=str(png))
        Image.open(png).save(png.with_suffix(".webp"), quality=80)
        png.unlink()


def open_file(page: Page, base: str, collection: str, file: str) -> None:
    """As an editor goes: the collection's page, then the file by its name."""
    page.goto(f"{base}admin/#/collections/{collection}")
    page.get_by_role("link", name=re.compile(f"^{re.escape(file)}")).first.click()
    page.get_by_role("button", name=re.compile("^新增")).first.wait_for()  # the list's "add" button


def record(scope: Locator, summary: str) -> Locator:
    """The list item (a record, a room, a session) whose closed form shows ``summary``: the innermost."""
    return scope.locator("div[class*=listControlItem]").filter(has=scope.page.get_by_text(summary, exact=True)).last


def bar(item: Locator) -> Locator:
    """A list item's top bar: its buttons open (the first) and remove (the last) the item."""
    return item.locator(":scope > div").first.locator("button")


def control(scope: Locator, label: str) -> Locator:
    """The widget of the field labelled ``label`` (optional ones add " (可选)") within ``scope``."""
    name = scope.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}( \\(可选\\))?$")).first
    return name.locator("xpath=ancestor::div[contains(@class, 'ControlContainer')][1]")


def fill(scope: Locator, label: str, value: str) -> None:
    control(scope, label).locator("input, textarea").first.fill(value)


def pair(scope: Locator, label: str, zh: str, en: str) -> None:
    """A {zh, en} text: its two fields side by side."""
    box = control(scope, label)
    box.get_by_label(re.compile("^中文 / Chinese")).fill(zh)
    box.get_by_label(re.compile("^英文 / English")).fill(en)


def choose(scope: Locator, label: str, option: str) -> None:
    """A select or relation: type, then take the option offered."""
    box = control(scope, label)
    box.locator("input").first.fill(option)
    box.page.get_by_role("option").filter(has_text=option).first.click()


def saved(page: Page, repo: Path, branch: str) -> float:
    """Save; the seconds until the local proxy has committed to ``branch`` (a pull request's branch)."""
    started = time.monotonic()
    page.get_by_role("button", name="保存").click()
    deadline = started + 30
    ref, head = repo / ".git" / "refs" / "heads" / branch, repo / ".git" / "HEAD"
    while True:
        # read from git's files, not by running git thirty times a second: the proxy gives a request
        # only 3 s to wait for its turn at the repository, and a loaded machine has little to spare
        if ref.is_file() and head.read_text().strip() == "ref: refs/heads/main":  # the proxy is back on main
            seconds = time.monotonic() - started
            page.get_by_text("修改已保存").wait_for()  # the page has read the saved entry back
            return seconds
        if time.monotonic() >= deadline:  # what the page says (its toolbar, Decap's notices) tells why
            notices = page.locator("[class*=ToolbarContainer], .Toastify__toast-container")
            said = " | ".join(notices.all_inner_texts())
            proxy = (repo.parent / PROXY_LOG).read_text("utf-8", "replace")[-1500:]
            raise AssertionError(f"no commit on {branch} in 30 s; the page says: {said}\nthe proxy: {proxy}")
        time.sleep(0.1)


def file_on(repo: Path, branch: str, path: str) -> str:
    return git(repo, "show", f"{branch}:{path}")


def checked(repo: Path, branch: str, tmp: Path) -> tuple[int, str, float]:
    """`make check` on the branch's content, as the pull request's check runs it: (exit, output, seconds)."""
    tree = Path(tempfile.mkdtemp(prefix=branch.replace("/", "-"), dir=tmp))
    archive = subprocess.run(["git", "archive", branch, "content"], cwd=repo, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    started = time.monotonic()
    done = run_summit("check", content=tree / "content", cwd=tree, extra_env={"SUMMIT_EDITOR_LANG": "en"})
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


def merge(repo: Path, *branches: str) -> None:
    """What a merge of the pull requests on GitHub does (the head branches deleted)."""
    for branch in branches:
        git(repo, "merge", "-q", "--no-ff", "-m", f"Merge {branch}", branch)
        git(repo, "branch", "-D", branch)


NEW_EVENT = """\
  - id: 2020-09-01-tokyo-forum
    title: {zh: 东京创业论坛, en: Tokyo start-up forum}
    kind: forum
    format: offline
    date: 2020-09-01
    venue: {zh: 东京国际论坛, en: Tokyo International Forum}
    stations: [tokyo]
    summary: {zh: 东京工作站的创业论坛。, en: A start-up forum of the Tokyo station.}
    status: scheduled
    rooms:
      - id: hall-a
        name: {zh: A厅, en: Hall A}
    sessions:
      - id: opening
        title: {zh: 开幕致辞, en: Opening remarks}
        kind: keynote
        day: 2020-09-01
        start: 09:00
        end: 09:30
        room: hall-a
        speakers: [li-ming]
"""


def test_an_editor_changes_the_content_through_the_forms(
    chromium, site: Path, checkout: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = checkout
    original = {
        name: (repo / "content" / name).read_text(encoding="utf-8") for name in ("stations.yml", "partners.yml")
    }
    outside: list[str] = []
    figures: list[str] = []
    with serve(site) as base:
        options = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}
        context = local_context(chromium, outside, **options)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "admin/")
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name="海外工作站 / Station").first.wait_for()
        page.get_by_role("link", name=re.compile("^site.yml")).wait_for()
        shot(page, "editor-collections-zh")

        # 1. A station's Chinese name: one line of the file changes, on a branch of its own
        open_file(page, base, "stations", "stations.yml")
        tokyo = record(page.locator("body"), "tokyo · 东京工作站")
        bar(tokyo).first.click()  # open the record
        control(tokyo, "名称 / name").get_by_label(re.compile("^中文 / Chinese")).fill("东京站")
        shot(page, "editor-station-zh")
        seconds = saved(page, repo, "cms/stations/stations")
        shot(page, "editor-saved-zh")
        written = file_on(repo, "cms/stations/stations", "content/stations.yml")
        assert written == original["stations.yml"].replace(
            "name: {zh: 东京工作站, en: Tokyo Station}", "name: {zh: 东京站, en: Tokyo Station}"
        )
        assert changed(file_on(repo, "main", "content/stations.yml"), written) == [
            "-    name: {zh: 东京工作站, en: Tokyo Station}",
            "+    name: {zh: 东京站, en: Tokyo Station}",
        ]
        # one commit on main, touching that file only, named as an editor would
        assert git(repo, "log", "--format=%s", "main..cms/stations/stations").splitlines() == [
            "content/stations.yml：修改 / Edit (editing page)"
        ]
        assert git(repo, "diff", "--name-only", "main", "cms/stations/stations").split() == ["content/stations.yml"]
        code, said, check_seconds = checked(repo, "cms/stations/stations", tmp_path)
        assert code == 0, said
        figures.append(f"station renamed: commit {seconds:.1f} s, check {check_seconds:.1f} s")

        # 2. A partner deleted: its lines go, the other partners' comments stay
        open_file(page, base, "partners", "partners.yml")
        partner = record(page.locator("body"), "green-pine-capital · Green Pine Capital")
        bar(partner).last.click()
        partner.wait_for(state="detached")  # gone from the form before it is saved
        saved(page, repo, "cms/partners/partners")
        written = file_on(repo, "cms/partners/partners", "content/partners.yml")
        gone = (
            "  - id: green-pine-capital\n    name:\n      zh: Green Pine Capital # verify: Chinese name\n"
            "      en: Green Pine Capital\n    kind: investor\n"
        )
        assert gone in original["partners.yml"] and written == original["partners.yml"].replace(gone, "")
        assert checked(repo, "cms/partners/partners", tmp_path)[0] == 0

        # 3. A person in Chinese and English, merged before the event that names them
        open_file(page, base, "people", "people.yml")
        page.get_by_role("button", name=re.compile("新增嘉宾")).click()
        person = page.locator("div[class*=listControlItem]").last
        fill(person, "编号 / id", "li-ming")
        pair(person, "名称 / name", "李明", "Li Ming")
        saved(page, repo, "cms/people/people")
        assert file_on(repo, "cms/people/people", "content/people.yml").endswith(
            "people:\n  - id: li-ming\n    name: {zh: 李明, en: Li Ming}\n"
        )
        assert checked(repo, "cms/people/people", tmp_path)[0] == 0
        merge(repo, "cms/people/people")

        # 4. An event with a room and a session whose speaker is that person
        open_file(page, base, "events", "2020")
        page.get_by_role("button", name=re.compile("新增活动")).first.click()
        event = page.locator("div[class*=listControlItem]").last
        fill(event, "编号 / id", "2020-09-01-tokyo-forum")
        pair(event, "标题 / title", "东京创业论坛", "Tokyo start-up forum")
        event = record(page.locator("body"), "2020-09-01-tokyo-forum · 东京创业论坛")  # its line in the list
        choose(event, "类型 / kind", "forum")
        choose(event, "举办形式 / format", "offline")
        fill(event, "日期 / date", "2020-09-01")
        pair(event, "会场地点 / venue", "东京国际论坛", "Tokyo International Forum")
        choose(event, "海外工作站 / stations", "东京工作站")
        pair(event, "摘要 / summary", "东京工作站的创业论坛。", "A start-up forum of the Tokyo station.")
        choose(event, "状态 / status", "scheduled")
        event.get_by_role("button", name=re.compile("新增会场")).click()
        room = event.locator("div[class*=listControlItem]").nth(0)
        fill(room, "编号 / id", "hall-a")
        pair(room, "名称 / name", "A厅", "Hall A")
        event.get_by_role("button", name=re.compile("新增会议安排")).click()
        session = event.locator("div[class*=listControlItem]").nth(1)
        fill(session, "编号 / id", "opening")
        pair(session, "标题 / title", "开幕致辞", "Opening remarks")
        choose(session, "类型 / kind", "keynote")
        fill(session, "日期 / day", "2020-09-01")
        fill(session, "开始时间 / start", "09:00")
        fill(session, "结束时间 / end", "09:30")
        fill(session, "会场 / room", "hall-a")
        choose(session, "嘉宾 / speakers", "李明")
        control(session, "开始时间 / start").scroll_into_view_if_needed()
        shot(page, "editor-session-zh")
        saved(page, repo, "cms/events/events-2020")
        before = (repo / "content" / "events" / "2020.yml").read_text(encoding="utf-8")
        assert file_on(repo, "cms/events/events-2020", "content/events/2020.yml") == before + NEW_EVENT
        assert checked(repo, "cms/events/events-2020", tmp_path)[0] == 0
        merge(repo, "cms/stations/stations", "cms/partners/partners", "cms/events/events-2020")

        # 5. A mistake no form prevents: a session's end before its start, named at its line
        open_file(page, base, "events", "2020")
        event = record(page.locator("body"), "2020-09-01-tokyo-forum · 东京创业论坛")
        bar(event).first.click()
        session = record(event, "opening · 开幕致辞")
        bar(session).first.click()
        fill(session, "结束时间 / end", "08:30")
        saved(page, repo, "cms/events/events-2020")
        written = file_on(repo, "cms/events/events-2020", "content/events/2020.yml")
        line = written.splitlines().index("        end: 08:30") + 1
        code, said, _ = checked(repo, "cms/events/events-2020", tmp_path)
        assert code == 1 and f"content/events/2020.yml:{line}:" in said, said
        context.close()
    assert outside == [] and errors == []

    # what main now builds: the renamed station, no page for the deleted partner, the person and the event
    from sitebuild import copy_project, mkdocs_build

    project = copy_project(tmp_path / "build")
    result = mkdocs_build(project, repo / "content", today="2020-08-01")
    assert result.returncode == 0, result.stderr
    built = project / "site"
    assert "东京站" in (built / "stations" / "tokyo" / "index.html").read_text(encoding="utf-8")
    assert not (built / "partners" / "green-pine-capital").exists()
    assert "李明" in (built / "people" / "li-ming" / "index.html").read_text(encoding="utf-8")
    page_html = (built / "events" / "2020-09-01-tokyo-forum" / "index.html").read_text(encoding="utf-8")
    assert "开幕致辞" in page_html and "李明" in page_html and "A厅" in page_html
    with capsys.disabled():
        print("\n" + "; ".join(figures))


def violations(page: Page) -> list[tuple[str, list]]:
    page.add_script_tag(content=AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        (v["id"], [n["html"][:100] + n["failureSummary"][-200:] for n in v["nodes"]][:3]) for v in result["violations"]
    ]


def test_the_form_pages_pass_axe(chromium, site: Path) -> None:
    outside: list[str] = []
    found: dict[str, list] = {}
    with serve(site) as base:
        context = local_context(chromium, outside, viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())  # leave the unsaved event
        page.route("**/decap-cms.js", lambda route: route.abort())  # the page before Decap draws (or without it)
        page.goto(base + "admin/", wait_until="load")
        found["shell"] = violations(page)
        page.unroute("**/decap-cms.js")
        page.goto(base + "admin/")
        page.get_by_role("button", name="登录").wait_for()
        found["sign-in"] = violations(page)
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name=re.compile("^site.yml")).wait_for()
        found["collections"] = violations(page)
        open_file(page, base, "stations", "stations.yml")
        bar(record(page.locator("body"), "tokyo · 东京工作站")).first.click()
        found["station"] = violations(page)
        open_file(page, base, "events", "2020")
        page.get_by_role("button", name=re.compile("新增活动")).first.click()
        event = page.locator("div[class*=listControlItem]").last
        event.get_by_role("button", name=re.compile("新增会议安排")).click()
        found["event"] = violations(page)
        page.goto(base + "admin/#/collections/stations")
        page.get_by_role("link", name="工作流").click()
        page.get_by_role("heading", name=re.compile("编辑工作流|工作流")).first.wait_for()
        found["workflow"] = violations(page)
        # its "new" menu names records, not a blog's posts
        assert page.get_by_role("button", name="新建记录").count() == 1 and "新建帖子" not in page.inner_text("body")
        context.close()
    assert outside == []
    for k, v in found.items():
        for rule, nodes in v:
            print(k, rule, nodes)
    assert found == {name: [] for name in found}


def test_a_wrong_sign_in_setting_stops_the_build_with_its_name(tmp_path: Path) -> None:
    from sitebuild import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    settings = {"SUMMIT_CMS_REPO": "chinaocs", "SUMMIT_EDITOR_LANG": "en"}
    result = mkdocs_build(project, ROOT / "tests" / "fixtures" / "content", extra_env=settings)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "SUMMIT_CMS_REPO='chinaocs': write the repository as owner/name\nThe site was not built." in said
    assert "Traceback" not in said


def test_signing_in_to_github_with_an_access_token(chromium, built_site: Path, tmp_path: Path) -> None:
    """Without an OAuth relay: the token is kept as Decap keeps a sign-in's, and Decap asks GitHub who it
    is with it (refused here: no network)."""
    from summit.build.editor import install_editor

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    install_editor(ROOT, site, env={"SUMMIT_CMS_REPO": "chinaocs/site"})
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "chinaocs/site"
    del config["local_backend"]  # as the page is on the site's host, not this machine
    (site / "admin" / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    outside: list[str] = []
    asked: list[str] = []
    with serve(site) as base:
        context = local_context(chromium, outside, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.on("request", lambda r: asked.append(r.headers.get("authorization", "")) if "github" in r.url else None)
        page.goto(base + "admin/")
        page.get_by_label("GitHub 访问令牌 · GitHub access token").wait_for()
        assert violations(page) == []
        page.locator("button[class*=LoginButton]").wait_for(state="attached")  # Decap's GitHub button needs a relay:
        assert page.locator("button[class*=LoginButton]").is_hidden()  # hidden
        page.get_by_label("GitHub 访问令牌 · GitHub access token").fill("github_pat_example")
        page.get_by_role("button", name="用令牌登录 · Sign in with the token").click()
        page.wait_for_load_state("load")
        deadline = time.monotonic() + 20
        while not any("api.github.com/user" in url for url in outside):
            assert time.monotonic() < deadline, outside
            page.wait_for_timeout(100)
        context.close()
    assert "token github_pat_example" in asked  # Decap's GitHub backend, signed in with the token
    assert all(url.startswith("https://api.github.com/") for url in outside)


def test_the_first_event_of_the_next_year_makes_its_file(chromium, site: Path, checkout: Path) -> None:
    assert not (checkout / "content" / "events" / "2021.yml").exists()
    outside: list[str] = []
    with serve(site) as base:
        context = local_context(chromium, outside, viewport={"width": 1280, "height": 900}, locale="zh-CN")
        page = context.new_page()
        page.goto(base + "admin/")
        page.get_by_role("button", name="登录").click()
        open_file(page, base, "events", "2021")
        page.get_by_role("button", name=re.compile("新增活动")).first.click()
        event = page.locator("div[class*=listControlItem]").last
        fill(event, "编号 / id", "2021-03-forum")
        pair(event, "标题 / title", "论坛", "Forum")
        choose(event, "类型 / kind", "forum")
        fill(event, "日期 / date", "2021-03")
        pair(event, "摘要 / summary", "一场论坛。", "A forum.")
        saved(page, checkout, "cms/events/events-2021")
        context.close()
    assert outside == []
    assert file_on(checkout, "cms/events/events-2021", "content/events/2021.yml") == (
        "# yaml-language-server: $schema=../schema/events.schema.json\n"
        "events:\n"
        "  - id: 2021-03-forum\n"
        "    title: {zh: 论坛, en: Forum}\n"
        "    kind: forum\n"
        "    date: 2021-03\n"
        "    summary: {zh: 一场论坛。, en: A forum.}\n"
    )


def test_without_a_repository_or_proxy_the_page_says_what_to_set(chromium, built_site: Path, tmp_path: Path) -> None:
    """A build without SUMMIT_CMS_REPO, opened where no local proxy answers: no sign-in that cannot work."""
    from summit.build.editor import install_editor

    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    install_editor(ROOT, site, env={})
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    config["local_backend"]["url"] = f"http://127.0.0.1:{free_port()}/api/v1"  # nothing listens there
    (site / "admin" / "config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    outside: list[str] = []
    with serve(site) as base:
        context = local_context(chromium, outside, viewport={"width": 390, "height": 844})
        page = context.new_page()
        page.goto(base + "admin/")
        page.get_by_text("编辑页面还没有设置仓库").wait_for()
        page.get_by_text("No repository is set for the editing page").wait_for()
        page.locator("button[class*=LoginButton]").wait_for(state="attached")
        assert page.locator("button[class*=LoginButton]").is_hidden()
        assert page.locator("#token").is_hidden()
        assert violations(page) == []
        context.close()
    assert outside == []
