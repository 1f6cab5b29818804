"""`switchboard serve --demo` twice on one checkout: the second instance, whether it starts on
another port or stops on a busy one, leaves the login the first one printed valid and its
sessions open. A busy port is reported before anything is migrated or loaded. Real processes,
as a newcomer runs them (the checkout's own `var/secret_key`), on the test database."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from models import AuditEntry, User
from services.demo import ADMIN_EMAIL
from settings import Settings
from tests.client import LOGIN
from tests.hardening.auth_servers import free_port, wait_until_up

ROOT = Path(__file__).resolve().parents[1]
VIEWER = "{ viewer { user { email } } }"
BUSY = (
    "switchboard: 127.0.0.1:{port} is already in use (another `switchboard serve`?); "
    "stop it or pick another --port. Nothing was started or changed.\n"
)


@dataclass
class Instance:
    url: str
    email: str
    password: str


def _env(database_url: str) -> dict[str, str]:
    # No SWITCHBOARD_SECRET_KEY: like a newcomer's checkout, the key is kept in ./var/secret_key.
    env = {key: value for key, value in os.environ.items() if not key.startswith("SWITCHBOARD_")}
    return {
        **env,
        "PYTHONPATH": str(ROOT),
        "SWITCHBOARD_DATABASE_URL": database_url,
        "SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS": "false",
    }


def _serve_demo(port: int) -> list[str]:
    return [sys.executable, "-m", "cli", "serve", "--demo", "--port", str(port)]


@contextmanager
def demo_server(checkout: Path, database_url: str, port: int | None = None) -> Iterator[Instance]:
    """`serve --demo` in the checkout; its URL and the login it printed."""
    port = port or free_port()
    output = checkout / f"serve-{port}.out"
    with output.open("w") as sink:
        process = subprocess.Popen(
            _serve_demo(port),
            cwd=checkout,
            env=_env(database_url),
            stdout=sink,
            stderr=subprocess.DEVNULL,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url)
        login = re.search(r"^Login: (\S+) / (\S+)$", output.read_text(), re.MULTILINE)
        assert login is not None, output.read_text()
        yield Instance(url, login[1], login[2])
    finally:
        process.terminate()
        process.wait(timeout=15)


async def _login(
    instance: Instance, email: str | None = None, password: str | None = None
) -> dict[str, object]:
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.post(
            f"{instance.url}/graphql",
            json={
                "query": LOGIN,
                "variables": {"e": email or instance.email, "p": password or instance.password},
            },
        )
    payload: dict[str, object] = response.json()["data"]["login"]
    return payload


async def _viewer(instance: Instance, token: object) -> object:
    async with httpx.AsyncClient(timeout=30) as http:
        response = await http.post(
            f"{instance.url}/graphql", json={"query": VIEWER}, headers={"Authorization": f"Bearer {token}"}
        )
    return response.json()["data"]["viewer"]


async def _admin_state() -> tuple[list[str], int]:
    hashes = await User.filter(email=ADMIN_EMAIL).values_list("password_hash", flat=True)
    return [str(h) for h in hashes], await AuditEntry.all().count()


async def test_a_second_instance_on_the_busy_port_or_another_one_leaves_the_first_login_valid(
    tmp_path: Path, settings: Settings
) -> None:
    """One test for both ways, so the demo account is loaded once (it takes a while)."""
    with demo_server(tmp_path, settings.database_url) as first:
        # given: someone logged in on the first instance
        session = await _login(first)
        assert session["errors"] == []
        before = await _admin_state()
        port = int(first.url.rsplit(":", 1)[1])

        # when: a second `serve --demo` on the same port
        started = time.monotonic()
        done = await asyncio.to_thread(
            subprocess.run,
            _serve_demo(port),
            cwd=tmp_path,
            env=_env(settings.database_url),
            capture_output=True,
            text=True,
            timeout=120,
        )

        # then: one line and a failure status, at once; no migration and no demo output
        assert (done.returncode, done.stdout, done.stderr) == (1, "", BUSY.format(port=port))
        assert time.monotonic() - started < 30
        assert await _admin_state() == before

        # when: a second instance starts on another port
        with demo_server(tmp_path, settings.database_url) as second:
            # then: the same login; nothing was reset (no new hash, no audit entry)
            assert (second.email, second.password) == (ADMIN_EMAIL, first.password)
            assert await _admin_state() == before
            assert (await _login(second))["errors"] == []

        # and the first instance's login and session work all along
        assert (await _login(first))["errors"] == []
        assert await _viewer(first, session["accessToken"]) == {"user": {"email": ADMIN_EMAIL}}


def test_a_busy_port_is_reported_before_the_database_is_created(tmp_path: Path) -> None:
    # given: the port is taken by anything at all
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        database = tmp_path / "fresh.db"

        # when
        done = subprocess.run(
            _serve_demo(port),
            cwd=tmp_path,
            env=_env(f"sqlite://{database}"),
            capture_output=True,
            text=True,
            timeout=120,
        )

    # then: nothing was created, not even the key file
    assert (done.returncode, done.stdout, done.stderr) == (1, "", BUSY.format(port=port))
    assert sorted(path.name for path in tmp_path.iterdir()) == []
