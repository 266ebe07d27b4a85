"""The mirror: `make deploy` publishes the built site to a real S3 server on 127.0.0.1 (SeaweedFS), and
every object there has its key, content type and cache header; a second deploy uploads nothing; a page
taken out of the site is deleted, a hashed file kept one deploy; nothing outside the prefix is touched;
a bad key, a missing bucket or an unreachable endpoint is one message and changes nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from summit.build.deploy import (
    IMMUTABLE,
    MANIFEST,
    REVALIDATE,
    DeployError,
    Mirror,
    address_warning,
    cache_control,
    content_type,
    deploy,
    plan,
)

from conftest import ROOT
from s3server import S3Server, s3_server

pytestmark = pytest.mark.site

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".png": "image/png",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
}


def test_content_types_and_cache_rules_by_name() -> None:
    assert content_type("events/x/index.html") == "text/html; charset=utf-8"
    assert content_type("calendar/events.ics") == "text/calendar; charset=utf-8"
    assert content_type("sitemap.xml.gz") == "application/gzip"
    assert content_type("sitemap.xml") == "application/xml"
    assert content_type("api/events.json") == "application/json"
    assert content_type("assets/javascripts/bundle.a5f9d56c.min.js.map") == "application/json"
    hashed = (
        "assets/stylesheets/main.57a0d79d.min.css",
        "assets/javascripts/bundle.a5f9d56c.min.js",
        "pagefind/fragment/zh-hans_2237e39.pf_fragment",
        "pagefind/half/index/en_bfe7817.pf_index",
        "pagefind/pagefind.en_2f1ab8ca94.pf_meta",
        "images/0123456789abcdef0123-480.webp",
        "en/images/0123456789abcdef0123.svg",
    )
    for name in hashed:
        assert cache_control(name) == IMMUTABLE, name
    # named by what they are, not by their bytes: revalidated, however many hex digits an id has
    for name in (
        "index.html",
        "pagefind/pagefind.js",
        "pagefind/wasm.en.pagefind",
        "assets/javascripts/search.js",
        "events/2024-04-15-deadbeef1/index.html",
        "qr/events/x.svg",
        "calendar/events.ics",
    ):
        assert cache_control(name) == REVALIDATE, name


def test_a_plan_puts_hashed_files_first_pages_last_and_keeps_old_hashed_files_one_deploy() -> None:
    old_css = "assets/stylesheets/main.00000000.min.css"
    new_css = "assets/stylesheets/main.11111111.min.css"
    files = ["index.html", "api/events.json", new_css, "events/a/index.html"]
    remote = [*files, old_css, "events/gone/index.html", MANIFEST, "pagefind/fragment/en_abcdef0.pf_fragment"]
    done = plan(files, remote, previous=[old_css])
    order = [name for group in done.groups for name in group.files]
    assert order[0] == new_css and set(order[-2:]) == {"index.html", "events/a/index.html"}
    assert done.groups[0].cache_control == IMMUTABLE
    assert done.kept == [old_css]  # in the deploy before: a page still open may ask for it
    # not in the deploy before (already kept once) or not hashed: deleted
    assert sorted(done.delete) == ["events/gone/index.html", "pagefind/fragment/en_abcdef0.pf_fragment"]
    assert done.manifest == [new_css]


def test_a_missing_variable_is_named() -> None:
    with pytest.raises(DeployError) as caught:
        Mirror.from_env({"SUMMIT_MIRROR_ENDPOINT": "https://oss-cn-hangzhou.aliyuncs.com"})
    message = str(caught.value)
    for name in ("SUMMIT_MIRROR_BUCKET", "SUMMIT_MIRROR_ACCESS_KEY_ID", "SUMMIT_MIRROR_SECRET_ACCESS_KEY"):
        assert name in message
    assert "SUMMIT_MIRROR_ENDPOINT" not in message
    base = {"SUMMIT_MIRROR_BUCKET": "b", "SUMMIT_MIRROR_ACCESS_KEY_ID": "k", "SUMMIT_MIRROR_SECRET_ACCESS_KEY": "s"}
    with pytest.raises(DeployError, match="SUMMIT_MIRROR_PREFIX must be a folder"):
        Mirror.from_env({**base, "SUMMIT_MIRROR_ENDPOINT": "https://h", "SUMMIT_MIRROR_PREFIX": "a/../b"})
    with pytest.raises(DeployError, match="SUMMIT_MIRROR_PROVIDER must be one of"):
        Mirror.from_env({**base, "SUMMIT_MIRROR_ENDPOINT": "https://h", "SUMMIT_MIRROR_PROVIDER": "Qiniu"})
    mirror = Mirror.from_env({**base, "SUMMIT_MIRROR_ENDPOINT": "https://h/", "SUMMIT_MIRROR_PREFIX": "/www/"})
    assert mirror.root == "SUMMITMIRROR:b/www" and mirror.endpoint == "https://h"
    env = mirror.environment(
        {"AWS_CA_BUNDLE": "/nowhere.pem", "RCLONE_CONFIG_SUMMITMIRROR_TYPE": "local", "HOME": "/h"}
    )
    assert "AWS_CA_BUNDLE" not in env and env["RCLONE_CONFIG_SUMMITMIRROR_TYPE"] == "s3" and env["HOME"] == "/h"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[S3Server]:
    with s3_server(tmp_path_factory.mktemp("s3")) as running:
        yield running


def _mirror(server: S3Server, prefix: str, **changes: str) -> Mirror:
    return Mirror.from_env(server.env(prefix, **changes))


def _keys(server: S3Server, prefix: str) -> set[str]:
    """Every key under ``prefix``, as the deploy's own listing reads them, checked against rclone's."""
    from summit.build.deploy import Rclone

    return set(Rclone(_mirror(server, prefix), dry_run=True).listing())


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summit", "deploy", *args],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "hooks")},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_deploy_publishes_every_file_with_its_type_and_cache_rule(
    server: S3Server, built_site: Path, tmp_path: Path
) -> None:
    # something else in the bucket, outside the prefix: never touched
    other = tmp_path / "other"
    (other / "keep").mkdir(parents=True)
    (other / "keep" / "index.html").write_text("<p>not the mirror's</p>", encoding="utf-8")
    (other / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    (other / "index.html").write_text("<p>else</p>", encoding="utf-8")
    deploy(other, _mirror(server, "elsewhere"), say=lambda _: None)

    run = _cli(server.env("www"), "--site", str(built_site))
    assert run.returncode == 0, run.stderr
    site = _files(built_site)
    assert _keys(server, "www") == site | {MANIFEST}
    seen_types = set()
    for name in sorted(site):
        headers = server.head(f"www/{name}")
        assert headers is not None, name
        suffix = Path(name).suffix
        if suffix in TYPES:
            assert headers["content-type"] == TYPES[suffix], name
            seen_types.add(suffix)
        expected = IMMUTABLE if cache_control(name) == IMMUTABLE else REVALIDATE
        assert headers["cache-control"] == expected, name
    assert {".html", ".ics", ".json", ".svg", ".xml", ".gz", ".png", ".css", ".js"} <= seen_types
    hashed = [n for n in site if cache_control(n) == IMMUTABLE]
    assert any(n.startswith("pagefind/") for n in hashed) and any(n.startswith("assets/") for n in hashed)
    assert server.get(f"www/{sorted(site)[0]}") == (built_site / sorted(site)[0]).read_bytes()
    # the other prefix is as it was
    assert _keys(server, "elsewhere") == {"keep/index.html", "sitemap.xml", "index.html", MANIFEST}

    # every page address is a folder with its index.html (OSS's and COS's sub-directory index)
    sitemap = ET.parse(built_site / "sitemap.xml").getroot()
    addresses = [loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(addresses) > 20
    keys = _keys(server, "www")
    for address in addresses:
        path = re.sub(r"^https?://[^/]+/", "", address)
        assert path == "" or path.endswith("/"), address
        assert f"{path}index.html" in keys, address
    for key in keys:
        if key.endswith(".html") and "/" in key:
            assert f"{key.rsplit('/', 1)[0]}/index.html" in keys, key

    # the same site again: nothing uploaded, nothing deleted
    again = _cli(server.env("www"), "--site", str(built_site))
    assert again.returncode == 0, again.stderr
    assert f"{len(site)} files in the site; 0 uploaded" in again.stdout
    assert "\n0 deleted" in again.stdout


def test_a_page_taken_out_is_deleted_and_a_hashed_file_kept_one_deploy(
    server: S3Server, built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    mirror = _mirror(server, "changes")
    deploy(site, mirror, say=lambda _: None)
    page = next(p for p in sorted(site.glob("events/*/index.html")))
    gone_page = page.relative_to(site).as_posix()
    css = next(site.glob("assets/stylesheets/main.*.min.css"))
    old_css = css.relative_to(site).as_posix()
    renamed = css.with_name("main.0123abcd.min.css")
    css.rename(renamed)
    page.unlink()  # (its folder keeps the event's embeddable view)
    edited = site / "index.html"
    edited.write_text(edited.read_text(encoding="utf-8").replace(old_css.rsplit("/", 1)[1], renamed.name), "utf-8")

    # a dry run says what it would do and does nothing
    before = _keys(server, "changes")
    dry = _cli({**server.env("changes"), "DRY_RUN": "1"}, "--site", str(site))
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert lines[0].startswith("Dry run: comparing ") and "(the bucket must be reachable to compare)" in lines[0]
    named = sorted(line.removeprefix("  would upload ") for line in lines if line.startswith("  would upload "))
    assert named == sorted(["index.html", renamed.relative_to(site).as_posix()])  # each file, by its name
    assert f"  would delete {gone_page}" in lines
    assert lines[-3:] == [  # the counts last
        f"{len(_files(site))} files in the site; 2 would be uploaded (the rest unchanged)",
        "1 would be deleted (no longer in the site)",
        "1 hashed files of the last deploy kept one more deploy",  # the stylesheet the old pages name
    ]
    assert _keys(server, "changes") == before

    report = deploy(site, mirror, say=lambda _: None)
    assert report.uploaded == 2  # the page that names the new stylesheet, and the stylesheet
    assert report.deleted == [gone_page] and report.kept == [old_css]
    keys = _keys(server, "changes")
    assert gone_page not in keys and old_css in keys and renamed.relative_to(site).as_posix() in keys
    assert b"main.0123abcd.min.css" in server.get("changes/index.html")

    report = deploy(site, mirror, say=lambda _: None)
    assert report.uploaded == 0 and report.deleted == [old_css] and report.kept == []
    assert old_css not in _keys(server, "changes")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SUMMIT_MIRROR_SECRET_ACCESS_KEY": "wrong"}, "the mirror refused the credentials"),
        ({"SUMMIT_MIRROR_BUCKET": "no-such-bucket"}, "the bucket 'no-such-bucket' does not exist"),
        (
            {"SUMMIT_MIRROR_ENDPOINT": "http://127.0.0.1:9"},
            "the mirror's endpoint http://127.0.0.1:9 cannot be reached",
        ),
        ({"SUMMIT_MIRROR_BUCKET": ""}, "the mirror is not configured; set:\n  SUMMIT_MIRROR_BUCKET"),
    ],
)
def test_a_bad_key_bucket_or_endpoint_is_one_message_and_changes_nothing(
    server: S3Server, built_site: Path, tmp_path: Path, change: dict[str, str], message: str
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (site / "index.html").write_text("changed", encoding="utf-8")
    deploy(built_site, _mirror(server, "guarded"), say=lambda _: None)
    before = {key: server.head(f"guarded/{key}")["etag"] for key in _keys(server, "guarded")}
    run = _cli(server.env("guarded", **change), "--site", str(site))
    assert run.returncode == 1
    assert run.stderr.startswith(f"error: {message}"), run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) <= 3
    assert {key: server.head(f"guarded/{key}")["etag"] for key in _keys(server, "guarded")} == before


def test_an_unbuilt_site_is_not_published(server: S3Server, tmp_path: Path) -> None:
    run = _cli(server.env("nothing"), "--site", str(tmp_path / "site"))
    assert run.returncode == 1 and "is not a built site" in run.stderr and "make build" in run.stderr
    assert _keys(server, "nothing") == set()


def test_a_site_built_for_another_address_is_warned_of(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()

    def built(address: str) -> None:
        (site / "sitemap.xml").write_text(f"<urlset><url><loc>{address}</loc></url></urlset>", encoding="utf-8")

    built("http://127.0.0.1:8000/")
    assert address_warning(site, None).text("en") == (
        f"warning: {site} was built for the local address http://127.0.0.1:8000/: its links, calendars and share "
        "cards would point there; build it again with SUMMIT_SITE_URL=<the mirror's address> make build"
    )
    assert address_warning(site, None).text("zh").startswith(f"注意：{site} 是为本机地址 http://127.0.0.1:8000/ 生成的")
    built("https://www.example.org/")
    assert address_warning(site, None) is None
    assert address_warning(site, "https://www.example.cn/").text("en") == (
        f"warning: {site} was built for https://www.example.org/, but the mirror is read at https://www.example.cn/ "
        "(SUMMIT_MIRROR_URL); build it again with SUMMIT_SITE_URL=https://www.example.cn/ make build"
    )
    built("https://www.example.cn/")
    assert address_warning(site, "https://www.example.cn") is None
