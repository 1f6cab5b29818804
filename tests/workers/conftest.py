"""Real peers for the senders: an SMTP server (aiosmtpd) and an HTTP server standing in for a
Twilio-compatible SMS provider, both on loopback; and helpers to wait for background work."""

from __future__ import annotations

import base64
import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

SMTP_USER, SMTP_PASSWORD = "mailer", "s3cret-smtp"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    email: EmailMessage


@dataclass
class SmtpServer:
    port: int
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.received.append(
                Received(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    message_from_bytes(envelope.content, policy=policy.default),
                )
            )
        return "250 Message accepted for delivery"

    def message_ids(self) -> list[str]:
        with self.lock:
            return [str(r.email["Message-ID"]) for r in self.received]


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
        SMTP_USER.encode(),
        SMTP_PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_smtp(**options: Any) -> Iterator[SmtpServer]:
    holder = SmtpServer(port=_free_port())
    controller = Controller(holder, hostname="127.0.0.1", port=holder.port, **options)
    controller.start()
    yield holder
    controller.stop()


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    yield from _start_smtp()


@pytest.fixture
def smtp_server_with_auth() -> Iterator[SmtpServer]:
    yield from _start_smtp(authenticator=_authenticator, auth_require_tls=False, auth_required=True)


@dataclass
class SmsRequest:
    path: str
    username: str
    password: str
    form: dict[str, str]


@dataclass
class SmsProvider:
    """Answers like Twilio: 201 with a SID, or the status and body set in `reply`."""

    port: int = 0
    requests: list[SmsRequest] = field(default_factory=list)
    reply: tuple[int, dict[str, Any]] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def sms_provider() -> Iterator[SmsProvider]:
    provider = SmsProvider()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            auth = base64.b64decode(self.headers.get("authorization", "Basic ").split(" ", 1)[1]).decode()
            username, _, password = auth.partition(":")
            provider.requests.append(SmsRequest(self.path, username, password, form))
            status, body = provider.reply or (
                201,
                {"sid": f"SM{len(provider.requests):032d}", "status": "queued"},
            )
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    provider.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield provider
    server.shutdown()
    server.server_close()
