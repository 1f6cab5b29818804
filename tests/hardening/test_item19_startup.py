"""Item 19 (start-up): an unreachable database stops `switchboard serve` and `migrate` with one
clear line and a non-zero status, not a traceback; a SQLite file in a missing directory still
works, and the directory's creation is logged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hardening.auth_servers import free_port

ROOT = Path(__file__).resolve().parents[2]
KEY = "startup-test-key-of-sufficient-length-0123456789"


def _run(command: str, cwd: Path, database_url: str) -> subprocess.CompletedProcess[str]:
    # `serve` takes its address first: a free one, so a server already on 8000 changes nothing
    address = ["--port", str(free_port())] if command == "serve" else []
    return subprocess.run(
        [sys.executable, "-m", "cli", command, *address],
        cwd=cwd,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SWITCHBOARD_SECRET_KEY": KEY,
            "SWITCHBOARD_DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["serve", "migrate"])
async def test_an_unreachable_database_stops_the_cli_with_one_line(tmp_path: Path, command: str) -> None:
    # given: a port nobody listens on
    port = free_port()

    # when
    done = _run(command, tmp_path, f"postgres://postgres:hunter2@127.0.0.1:{port}/switchboard")

    # then
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"switchboard: cannot reach the database 127.0.0.1:{port}/switchboard: "
        f"ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', {port})\n"
    )


async def test_a_sqlite_file_in_a_missing_directory_is_created_and_logged(tmp_path: Path) -> None:
    # when
    done = _run("migrate", tmp_path, f"sqlite://{tmp_path}/data/sub/switchboard.db")

    # then
    assert (done.returncode, done.stderr) == (0, "")
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert "[info     ] database.directory_created" in lines[0]
    assert lines[0].endswith(f"path={tmp_path}/data/sub")
    assert lines[1] == "Migrations applied: (all)"
    assert (tmp_path / "data" / "sub" / "switchboard.db").is_file()


async def test_an_existing_directory_is_not_logged(tmp_path: Path) -> None:
    done = _run("migrate", tmp_path, f"sqlite://{tmp_path}/switchboard.db")

    assert (done.returncode, done.stdout, done.stderr) == (0, "Migrations applied: (all)\n", "")
