"""Real `switchboard serve` processes on the test database, for the auth hardening tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(settings: Settings, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "SWITCHBOARD_DATABASE_URL": settings.database_url,
        "SWITCHBOARD_SECRET_KEY": settings.signing_key(),
        "SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS": "false",
        "SWITCHBOARD_OUTBOX_DIR": str(settings.outbox_dir),
        **extra,
    }


@contextmanager
def serving(settings: Settings, *extras: dict[str, str]) -> Iterator[list[str]]:
    """One server process per `extras` (extra environment variables each); their base URLs."""
    ports = [free_port() for _ in extras]
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=server_env(settings, **extra),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port, extra in zip(ports, extras, strict=True)
    ]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_until_up(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)


def wait_until_up(url: str) -> None:
    deadline = time.monotonic() + 120  # a guard against a hang: a loaded CI machine starts servers slowly
    while True:
        try:
            httpx.get(f"{url}/health", timeout=5)
            return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not start")
        time.sleep(0.2)
