"""Publish the built site to S3-compatible storage (Alibaba Cloud OSS, Tencent Cloud COS, AWS S3,
MinIO, SeaweedFS): the mirror for readers in mainland China.

rclone moves the files; this module decides in which order, with which headers, and what to delete:

1. the files whose names carry a content hash (the theme's bundles, Pagefind's shards, made images),
   ``Cache-Control: public, max-age=31536000, immutable``;
2. every other file but the pages, then the pages (``text/html``), revalidated (``no-cache``): a page
   never goes up before a file it uses;
3. files no longer in the site are deleted last; a hashed file of the deploy before is kept for one more
   deploy (a page still open in a browser may ask for it), listed in ``MANIFEST``.

Each group is one ``rclone copy --checksum`` with the group's ``Content-Type`` and ``Cache-Control``:
rclone uploads only the files whose size or MD5 differ from the bucket's, so a second deploy of the same
site uploads nothing. Nothing outside the bucket's prefix is listed, written or deleted. Configuration
is read from ``SUMMIT_MIRROR_*`` variables (``VARIABLES``); rclone is given it through its own
environment variables, so no secret is on a command line or in a file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import EditorError, Message, say
from ..errors import say as _say

__all__ = [
    "VARIABLES",
    "DeployError",
    "Mirror",
    "Plan",
    "cache_control",
    "content_type",
    "deploy",
    "plan",
]

REMOTE = "SUMMITMIRROR"
"""The rclone remote's name, defined by environment variables (``RCLONE_CONFIG_SUMMITMIRROR_*``)."""
MANIFEST = ".summit-deploy.json"
"""At the prefix's root: the hashed files of the last deploy (kept one more deploy)."""
VARIABLES = {
    "SUMMIT_MIRROR_ENDPOINT": "the storage's S3 endpoint, e.g. https://oss-cn-hangzhou.aliyuncs.com",
    "SUMMIT_MIRROR_BUCKET": "the bucket's name",
    "SUMMIT_MIRROR_ACCESS_KEY_ID": "an access key allowed to list, write and delete in the bucket",
    "SUMMIT_MIRROR_SECRET_ACCESS_KEY": "its secret",
    "SUMMIT_MIRROR_REGION": "(optional) the region, e.g. oss-cn-hangzhou or ap-shanghai",
    "SUMMIT_MIRROR_PREFIX": "(optional) a folder inside the bucket; nothing outside it is touched",
    "SUMMIT_MIRROR_PROVIDER": "(optional) Alibaba, TencentCOS, AWS, Minio or Other (the default)",
}
REQUIRED = (
    "SUMMIT_MIRROR_ENDPOINT",
    "SUMMIT_MIRROR_BUCKET",
    "SUMMIT_MIRROR_ACCESS_KEY_ID",
    "SUMMIT_MIRROR_SECRET_ACCESS_KEY",
)
PROVIDERS = ("Alibaba", "TencentCOS", "AWS", "Minio", "SeaweedFS", "Other")

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HASHED = (
    re.compile(r"^assets/.+\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$"),  # the theme's bundles
    re.compile(r"^pagefind/(.+/)?[^/]+_[0-9a-f]{7,}\.pf_(fragment|index|meta|filter)$"),  # Pagefind's shards
    re.compile(r"^(en/)?images/[0-9a-f]{20}(-\d+)?\.[a-z]+$"),  # images made from editors' files
    re.compile(r"^(en/)?cards/[0-9a-f]{20}\.(png|pdf)$"),  # share cards and posters
)
"""Files whose names change whenever their bytes do."""
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".ics": "text/calendar; charset=utf-8",
    ".xml": "application/xml",
    ".gz": "application/gzip",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".webp": "image/webp",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".wasm": "application/wasm",
    ".woff2": "font/woff2",
}
BINARY = "application/octet-stream"
"""Anything else (Pagefind's compressed shards and its WebAssembly, which it fetches itself)."""


class DeployError(EditorError):
    """The mirror could not be published; ``message`` says why, in one line or a few."""


def content_type(name: str) -> str:
    return TYPES.get(Path(name).suffix.lower(), BINARY)


def hashed(name: str) -> bool:
    return any(p.match(name) for p in HASHED)


def cache_control(name: str) -> str:
    return IMMUTABLE if hashed(name) else REVALIDATE


@dataclass(frozen=True)
class Group:
    """Files uploaded together: one content type and one cache rule."""

    content_type: str
    cache_control: str
    files: tuple[str, ...]


@dataclass
class Plan:
    """What a deploy does, in order."""

    groups: list[Group]
    """Uploads, hashed files first, pages last (rclone skips the unchanged)."""
    delete: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Hashed files no longer in the site, kept for one more deploy."""
    manifest: list[str] = field(default_factory=list)


def site_files(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def plan(files: Sequence[str], remote: Sequence[str], previous: Sequence[str]) -> Plan:
    """The deploy of ``files`` (the site's, relative) onto a bucket holding ``remote``, whose last deploy
    published the hashed files ``previous``."""
    order = {IMMUTABLE: 0, REVALIDATE: 1}
    buckets: dict[tuple[int, bool, str, str], list[str]] = {}
    for name in files:
        if name == MANIFEST:
            continue
        rule = cache_control(name)
        kind = content_type(name)
        buckets.setdefault((order[rule], kind.startswith("text/html"), kind, rule), []).append(name)
    groups = [Group(kind, rule, tuple(names)) for (_, _, kind, rule), names in sorted(buckets.items())]
    present, before = set(files), set(previous)
    gone = [name for name in remote if name not in present and name != MANIFEST]
    kept = [name for name in gone if hashed(name) and name in before]
    return Plan(
        groups=groups,
        delete=[name for name in gone if name not in kept],
        kept=kept,
        manifest=sorted(name for name in files if hashed(name)),
    )


@dataclass(frozen=True)
class Mirror:
    """Where the mirror is, from the environment."""

    endpoint: str
    bucket: str
    access_key: str
    secret_key: str
    region: str = ""
    prefix: str = ""
    provider: str = "Other"

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Mirror:
        """Raises DeployError naming every missing or wrong variable."""
        missing = [name for name in REQUIRED if not env.get(name, "").strip()]
        if missing:
            lines = _Lines([(f"  {name}: ", say(f"deploy.var.{name}")) for name in missing])
            raise DeployError(say("deploy.not_configured", lines=lines))
        provider = env.get("SUMMIT_MIRROR_PROVIDER", "").strip() or "Other"
        if provider not in PROVIDERS:
            raise DeployError(say("deploy.provider", choices=", ".join(PROVIDERS), value=provider))
        endpoint = env["SUMMIT_MIRROR_ENDPOINT"].strip()
        if not re.match(r"^https?://[^/\s]+/?$", endpoint):
            raise DeployError(say("deploy.endpoint", value=endpoint))
        prefix = env.get("SUMMIT_MIRROR_PREFIX", "").strip().strip("/")
        if any(part in ("", ".", "..") for part in prefix.split("/")) and prefix:
            raise DeployError(say("deploy.prefix", value=prefix))
        return cls(
            endpoint=endpoint.rstrip("/"),
            bucket=env["SUMMIT_MIRROR_BUCKET"].strip(),
            access_key=env["SUMMIT_MIRROR_ACCESS_KEY_ID"].strip(),
            secret_key=env["SUMMIT_MIRROR_SECRET_ACCESS_KEY"].strip(),
            region=env.get("SUMMIT_MIRROR_REGION", "").strip(),
            prefix=prefix,
            provider=provider,
        )

    @property
    def root(self) -> str:
        """The rclone path of the site's root in the bucket."""
        return f"{REMOTE}:{self.bucket}" + (f"/{self.prefix}" if self.prefix else "")

    @property
    def address(self) -> str:
        return f"{self.endpoint}/{self.bucket}" + (f"/{self.prefix}" if self.prefix else "")

    def environment(self, base: Mapping[str, str] = os.environ) -> dict[str, str]:
        """rclone's environment: the remote defined by variables, no configuration file, and none of
        the AWS variables that change its behaviour (an ``AWS_CA_BUNDLE`` it cannot read fails it)."""
        env = {k: v for k, v in base.items() if not k.startswith(("RCLONE_", "AWS_"))}
        settings = {
            "TYPE": "s3",
            "PROVIDER": self.provider,
            "ENDPOINT": self.endpoint,
            "ACCESS_KEY_ID": self.access_key,
            "SECRET_ACCESS_KEY": self.secret_key,
            "REGION": self.region,
            "NO_CHECK_BUCKET": "true",
            "ENV_AUTH": "false",
        }
        env.update({f"RCLONE_CONFIG_{REMOTE}_{key}": value for key, value in settings.items() if value})
        env["RCLONE_CONFIG"] = os.devnull
        return env


class Rclone:
    """Runs rclone against one mirror; every failure becomes one DeployError."""

    RETRIES = ("--retries", "1", "--low-level-retries", "2", "--contimeout", "10s", "--timeout", "60s")

    def __init__(self, mirror: Mirror, dry_run: bool) -> None:
        program = shutil.which("rclone")
        if program is None:
            raise DeployError(say("deploy.no_rclone"))
        self.program = program
        self.mirror = mirror
        self.dry_run = dry_run
        self.env = mirror.environment()

    def run(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        command = [self.program, *args, *self.RETRIES]
        done = subprocess.run(command, env=self.env, input=stdin, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise DeployError(self.explain(done.stderr))
        return done

    def explain(self, stderr: str) -> Message:
        """One line for what went wrong, from rclone's log."""
        m = self.mirror
        text = stderr.replace("\n", " ")
        if re.search(r"InvalidAccessKeyId|SignatureDoesNotMatch|AccessDenied|403 Forbidden|status code: 403", text):
            return say("deploy.credentials", address=m.address)
        if re.search(r"NoSuchBucket|directory not found|status code: 404", text):
            return say("deploy.no_bucket", bucket=m.bucket, endpoint=m.endpoint)
        if re.search(r"connection refused|no such host|i/o timeout|dial tcp|TLS handshake|context deadline", text):
            return say("deploy.unreachable", endpoint=m.endpoint)
        last = [line for line in stderr.splitlines() if "ERROR" in line or "Failed" in line]
        return say("deploy.failed", address=m.address, problem=(last[-1] if last else stderr.strip()[-400:]).strip())

    def listing(self) -> list[str]:
        """Every file under the prefix (nothing outside it)."""
        out = self.run("lsf", "--recursive", "--files-only", "--fast-list", self.mirror.root).stdout
        return sorted(line for line in out.splitlines() if line)

    def check(self) -> None:
        """The bucket exists and the credentials may list the prefix (before anything is written; a new
        prefix lists as empty, a missing bucket as "directory not found")."""
        self.run("lsf", "--max-depth", "1", "--files-only", self.mirror.root)

    def previous(self) -> list[str]:
        try:
            out = self.run("cat", f"{self.mirror.root}/{MANIFEST}").stdout
        except DeployError:
            return []
        try:
            data = json.loads(out)
        except json.JSONDecodeError:
            return []
        return [str(name) for name in data.get("hashed", [])] if isinstance(data, dict) else []

    def upload(self, site: Path, group: Group) -> list[str]:
        """Upload the group's files that differ from the bucket's (a dry run: name them); those that went
        up (or would)."""
        with _listing(group.files) as listing:
            out = self.run(
                "copy",
                str(site),
                self.mirror.root,
                "--files-from-raw",
                listing,
                "--checksum",
                "--fast-list",
                "--no-update-modtime",
                "--header-upload",
                f"Content-Type: {group.content_type}",
                "--header-upload",
                f"Cache-Control: {group.cache_control}",
                "--log-level",
                "INFO",
                *(["--dry-run"] if self.dry_run else []),
            ).stderr
        verb = ": Skipped copy as --dry-run is set" if self.dry_run else ": Copied ("
        found = (re.search(r"(?:INFO|NOTICE)\s*:\s*(.+?)" + re.escape(verb), line) for line in out.splitlines())
        return [m[1] for m in found if m]

    def delete(self, names: Sequence[str]) -> None:
        if not names:
            return
        with _listing(names) as listing:
            self.run("delete", self.mirror.root, "--files-from-raw", listing, *(["--dry-run"] if self.dry_run else []))

    def write_manifest(self, hashed_files: Sequence[str]) -> None:
        if self.dry_run:
            return
        body = json.dumps({"hashed": list(hashed_files)}, indent=0)
        self.run(
            "rcat",
            f"{self.mirror.root}/{MANIFEST}",
            "--header-upload",
            "Content-Type: application/json",
            "--header-upload",
            f"Cache-Control: {REVALIDATE}",
            stdin=body,
        )


@contextmanager
def _listing(names: Sequence[str]) -> Iterator[str]:
    """A temporary file naming ``names`` a line each (rclone's ``--files-from-raw``)."""
    with tempfile.TemporaryDirectory(prefix="summit-deploy-") as folder:
        listing = Path(folder) / "files.txt"
        listing.write_text("\n".join(names) + "\n", encoding="utf-8")
        yield str(listing)


@dataclass
class Report:
    uploaded: int
    deleted: list[str]
    kept: list[str]
    files: int
    dry_run: bool

    def lines(self) -> list[str]:
        """What the deploy did (or would do), counts last."""
        uploaded, deleted = ("would_upload", "would_delete") if self.dry_run else ("files", "deleted")
        return [
            say(f"deploy.report.{uploaded}", files=self.files, uploaded=self.uploaded).text(),
            say(f"deploy.report.{deleted}", deleted=len(self.deleted)).text(),
            say("deploy.report.kept", kept=len(self.kept)).text(),
        ]


class _Lines:
    """Lines of a message, each a prefix and a text in either language."""

    def __init__(self, lines: list[tuple[str, Message]]) -> None:
        self.lines = lines

    def text(self, lang: str | None = None) -> str:
        return "\n".join(prefix + text.text(lang) for prefix, text in self.lines)


def built_for(site: Path) -> str | None:
    """The address a built site was made for (the first address of its sitemap)."""
    found = re.search(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8", errors="replace"))
    return found[1] if found else None


def address_warning(site: Path, mirror_url: str | None) -> Message | None:
    """A warning when ``site`` was built for another address than the mirror's (``SUMMIT_MIRROR_URL``),
    or, that unknown, for a local one."""
    built = built_for(site)
    if built is None:
        return None
    if mirror_url:
        if built.rstrip("/") != mirror_url.strip().rstrip("/"):
            return say("deploy.built_other", site=site, built=built, url=mirror_url.strip())
        return None
    if (urlsplit(built).hostname or "") in ("127.0.0.1", "localhost", "::1", "0.0.0.0"):
        return say("deploy.built_local", site=site, built=built)
    return None


def deploy(site: Path, mirror: Mirror, dry_run: bool = False, say=print) -> Report:
    """Publish ``site`` to ``mirror``. Raises DeployError before anything is written when the site is not
    built or the bucket cannot be listed. A dry run names every file it would upload or delete."""
    if not (site / "index.html").is_file() or not (site / "sitemap.xml").is_file():
        raise DeployError(_say("deploy.not_built", site=site))
    rclone = Rclone(mirror, dry_run)
    rclone.check()
    files = site_files(site)
    the_plan = plan(files, rclone.listing(), rclone.previous())
    uploaded = 0
    for group in the_plan.groups:
        went = rclone.upload(site, group)
        uploaded += len(went)
        if dry_run:
            for name in went:
                say(_say("deploy.would_upload", name=name).text())
        elif went:
            say(_say("deploy.group", count=len(went), type=group.content_type, rule=group.cache_control).text())
    if dry_run:
        for name in the_plan.delete:
            say(_say("deploy.would_delete", name=name).text())
    rclone.delete(the_plan.delete)
    rclone.write_manifest(the_plan.manifest)
    return Report(uploaded, the_plan.delete, the_plan.kept, len(files), dry_run)
