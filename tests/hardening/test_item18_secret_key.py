"""Item 18: a signing key under 32 bytes (empty included) is refused at start, with one clear line,
instead of failing every login after its rows were committed (or being guessable offline)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from settings import Settings
from tests.hardening.auth_servers import free_port

ROOT = Path(__file__).resolve().parents[2]
HINT = "make one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"


@pytest.mark.parametrize(("key", "size"), [("", 0), ("abc", 3), ("k" * 31, 31), ("€" * 10, 30)])
async def test_settings_refuse_a_key_under_32_bytes(key: str, size: int) -> None:
    with pytest.raises(ValidationError) as refused:
        Settings(secret_key=SecretStr(key))

    assert [(e["loc"], e["msg"]) for e in refused.value.errors()] == [
        (("secret_key",), f"Value error, must be at least 32 bytes long (it has {size}); {HINT}")
    ]


@pytest.mark.parametrize("key", ["k" * 32, "€" * 11])
async def test_settings_take_a_key_of_32_bytes_or_more(key: str) -> None:
    assert Settings(secret_key=SecretStr(key)).signing_key() == key


def _run(command: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    inherited = {k: v for k, v in os.environ.items() if k != "SWITCHBOARD_SECRET_KEY"}
    # serve takes its port first: a free one, so a busy 8000 never answers for the key check
    address = ["--port", str(free_port())] if command == "serve" else []
    return subprocess.run(
        [sys.executable, "-m", "cli", command, *address],
        cwd=cwd,
        env={**inherited, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(("key", "size"), [("", 0), ("abc", 3)])
@pytest.mark.parametrize("command", ["serve", "migrate"])
async def test_the_cli_refuses_to_start_with_one_line(
    tmp_path: Path, command: str, key: str, size: int
) -> None:
    # when
    done = _run(
        command, tmp_path, SWITCHBOARD_SECRET_KEY=key, SWITCHBOARD_DATABASE_URL=f"sqlite://{tmp_path}/db/x.db"
    )

    # then
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "switchboard: invalid configuration: SWITCHBOARD_SECRET_KEY: "
        f"must be at least 32 bytes long (it has {size}); {HINT}\n"
    )
    assert os.listdir(tmp_path) == []  # no database, no key file


async def test_serve_refuses_a_short_key_file(tmp_path: Path) -> None:
    # given: the development key file, truncated
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "secret_key").write_text("short\n")

    # when
    done = _run("serve", tmp_path, SWITCHBOARD_DATABASE_URL=f"sqlite://{tmp_path}/db/x.db")

    # then
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"switchboard: invalid configuration: var/secret_key: must be at least 32 bytes long (it has 5); {HINT}\n"
    )
    assert not (tmp_path / "db").exists()
