"""The front-end suite (tests/frontend, a Node project): GraphQL Code Generator and `tsc --noEmit`
check its documents against the committed schema.graphql, then Apollo Client 4 drives a real
`switchboard serve --demo` (fresh SQLite file, in-process worker) with a real SMTP server beside it.

It runs once per `scripts/run_tests.py`, on the SQLite pass (the server under test has its own
SQLite file whatever the engine); on the PostgreSQL pass it is skipped, saying so. Without node or
npm it fails. `npm ci` runs when node_modules is missing or was installed from another lock file.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.conftest import ENGINE

ROOT = Path(__file__).resolve().parents[2]
SUITE = Path(__file__).resolve().parent
INSTALLED_STAMP = SUITE / "node_modules" / ".installed-from"
SETUP_LOCK = SUITE / "generated" / ".lock"
SMTP_USER, SMTP_PASSWORD = "carrier-mailer", "smtp-secret-for-the-suite"
MIN_NODE_MAJOR = 20

pytestmark = pytest.mark.skipif(
    ENGINE != "sqlite",
    reason="the front-end suite runs once, on the SQLite pass (its server has its own file)",
)


def run(command: list[str], what: str, timeout: float, env: dict[str, str] | None = None) -> str:
    """Run a command in tests/frontend; fail the test with its whole output if it fails."""
    try:
        done = subprocess.run(
            command, cwd=SUITE, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"{what} took over {timeout} s:\n{_text(exc.stdout)}{_text(exc.stderr)}")
    output = done.stdout + done.stderr
    if done.returncode != 0:
        pytest.fail(f"{what} failed (exit {done.returncode}):\n{output}")
    return output


def _text(output: str | bytes | None) -> str:
    return output.decode(errors="replace") if isinstance(output, bytes) else output or ""


@contextmanager
def one_setup_at_a_time() -> Iterator[None]:
    """xdist workers share tests/frontend: one installs and generates while the others wait."""
    SETUP_LOCK.parent.mkdir(exist_ok=True)
    with SETUP_LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture(scope="module")
def generated_types() -> None:
    """node_modules installed from the committed lock file, then the documents' types generated
    from schema.graphql; codegen fails on a document the schema does not accept (an unknown
    field, a wrong argument, a missing variable)."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            pytest.fail(
                f"`{tool}` is not on PATH: the front-end suite needs Node.js {MIN_NODE_MAJOR}+ and npm."
            )
    version = run(["node", "--version"], "node --version", 30).strip()
    if int(version.lstrip("v").split(".")[0]) < MIN_NODE_MAJOR:
        pytest.fail(f"Node.js {version} is too old: the front-end suite needs {MIN_NODE_MAJOR}+.")
    with one_setup_at_a_time():
        wanted = hashlib.sha256(
            (SUITE / "package.json").read_bytes() + (SUITE / "package-lock.json").read_bytes()
        ).hexdigest()
        if not INSTALLED_STAMP.exists() or INSTALLED_STAMP.read_text() != wanted:
            run(
                ["npm", "ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
                "npm ci",
                600,
            )
            INSTALLED_STAMP.write_text(wanted)
        run(["npm", "run", "--silent", "codegen"], "GraphQL Code Generator (tests/frontend/codegen.ts)", 180)


def test_documents_and_suite_type_check_against_the_schema(generated_types: None) -> None:
    run(["npm", "run", "--silent", "typecheck"], "tsc --noEmit (tests/frontend)", 180)


# --- The SMTP server the account is configured with: every accepted e-mail becomes a JSON file ---


@dataclass
class Mailbox:
    directory: Path
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        email = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(email, EmailMessage)
        body = email.get_body(("plain",))
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": list(envelope.rcpt_tos),
            "subject": str(email["Subject"]),
            "messageId": str(email["Message-ID"]),
            "text": body.get_content() if isinstance(body, EmailMessage) else "",
        }
        with self.lock:
            self.count += 1
            name = f"{self.count:04d}"
        written = self.directory / f"{name}.tmp"
        written.write_text(json.dumps(record))
        written.rename(self.directory / f"{name}.json")  # the suite never sees half a file
        return "250 Message accepted for delivery"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    mailbox = Mailbox(tmp_path / "mailbox")
    mailbox.directory.mkdir()
    port = free_port()
    controller = Controller(
        mailbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=_authenticate,
        auth_require_tls=False,
        auth_required=True,
    )
    controller.start()
    yield port, mailbox.directory
    controller.stop()


# --- The server, as an operator starts it on a fresh machine ---


@dataclass(frozen=True)
class DemoServer:
    url: str
    admin: tuple[str, str]
    partner: tuple[str, str]


@pytest.fixture
def demo_server(tmp_path: Path) -> Iterator[DemoServer]:
    """`switchboard serve --demo` on a fresh SQLite file: migrated, demo account loaded, jobs
    (the outbox) run in-process. Its logins are read from what it prints."""
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("SWITCHBOARD_")}
    env |= {
        "SWITCHBOARD_DATABASE_URL": f"sqlite://{tmp_path / 'switchboard.db'}",
        "SWITCHBOARD_SECRET_KEY": "front-end-suite-secret-key-0123456789abcdef",
        "SWITCHBOARD_OUTBOX_DIR": str(tmp_path / "outbox"),
        "SWITCHBOARD_ALLOW_PRIVATE_OUTBOUND": "true",  # the suite's SMTP server is on loopback
        "SWITCHBOARD_PUBLIC_URL": f"http://127.0.0.1:{port}",  # export links point at this server
    }
    log_path = tmp_path / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--demo", "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, process, log_path)
        printed = log_path.read_text()
        admin = re.search(r"^Login: (\S+) / (\S+)$", printed, re.MULTILINE)
        partner = re.search(r"^Partner login: (\S+) / (\S+)$", printed, re.MULTILINE)
        assert admin and partner, f"the demo logins were not printed:\n{printed}"
        yield DemoServer(url, (admin[1], admin[2]), (partner[1], partner[2]))
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 120  # a guard against a hang: a loaded CI machine starts servers slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"switchboard serve exited ({process.returncode}):\n{log_path.read_text()}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"switchboard serve did not answer /health within 60 s:\n{log_path.read_text()}")


def test_frontend_suite_against_a_real_server(
    generated_types: None, demo_server: DemoServer, smtp_server: tuple[int, Path]
) -> None:
    smtp_port, mailbox_dir = smtp_server
    env = os.environ | {
        "SUITE_API_URL": demo_server.url,
        "SUITE_ADMIN_EMAIL": demo_server.admin[0],
        "SUITE_ADMIN_PASSWORD": demo_server.admin[1],
        "SUITE_PARTNER_EMAIL": demo_server.partner[0],
        "SUITE_PARTNER_PASSWORD": demo_server.partner[1],
        "SUITE_SMTP_HOST": "127.0.0.1",
        "SUITE_SMTP_PORT": str(smtp_port),
        "SUITE_SMTP_USERNAME": SMTP_USER,
        "SUITE_SMTP_PASSWORD": SMTP_PASSWORD,
        "SUITE_MAILBOX_DIR": str(mailbox_dir),
    }

    output = run(["npm", "test", "--silent"], "the front-end suite (npm test)", 240, env)

    # the spec reporter's summary lines: "\u2139 pass 25" (an information sign, then the count)
    passed = re.search(r"^\u2139 pass (\d+)$", output, re.MULTILINE)
    failed = re.search(r"^\u2139 fail (\d+)$", output, re.MULTILINE)
    assert passed and failed, f"no summary from node:test:\n{output}"
    assert (int(failed[1]), int(passed[1]) > 0) == (0, True), output
