"""Item 5: tenant-configured SMTP hosts and SMS API URLs cannot reach internal addresses
(refused when saved and again, after resolving, when sending), and what a remote end answers
never reaches `message.lastError`."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Message
from models.enums import MessageStatus, SmtpTlsMode
from services.messaging.egress import address_allowed
from settings import Settings
from tests.client import gql, make_principal
from tests.factories import make_account
from tests.workers.conftest import SmsProvider, SmtpServer, sms_provider, smtp_server

__all__ = ["sms_provider", "smtp_server"]  # the real loopback peers, as fixtures here too
from workers.inprocess import InProcessRunner

UPDATE = """
mutation($input: AccountSettingsUpdateInput!) {
  accountSettingsUpdate(input: $input) {
    accountSettings { smtpHost smsApiBaseUrl }
    errors { field code message }
  }
}
"""
MESSAGE_TEST = """
mutation($channel: MessageChannel!, $to: String!) {
  messageTest(input: {channel: $channel, to: $to}) { message { id } errors { code } }
}
"""
REFUSED = "Loopback, private, link-local and cloud metadata addresses cannot be used here."


@pytest.fixture
def no_private_outbound(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """The production default, for this test only (the suite allows loopback)."""
    monkeypatch.setattr(settings, "allow_private_outbound", False)
    return settings


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("::ffff:8.8.8.8", True),  # IPv4-mapped public
        ("64:ff9b::808:808", True),  # NAT64 of a public address
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # shared (CGNAT)
        ("169.254.169.254", False),  # AWS, GCP and Azure metadata
        ("100.100.100.200", False),  # Alibaba metadata
        ("168.63.129.16", False),  # Azure wire server: a global address
        ("192.0.0.192", False),  # Oracle metadata: a global address
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fd00:ec2::254", False),  # AWS metadata over IPv6
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:169.254.169.254", False),
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b::7f00:1", False),  # NAT64 of loopback
        ("2002:7f00:1::", False),  # 6to4 of loopback
        ("2002:a9fe:a9fe::", False),  # 6to4 of the metadata address
        ("::7f00:1", False),  # IPv4-compatible (deprecated) loopback
    ],
)
async def test_which_addresses_a_tenant_may_reach(address: str, allowed: bool) -> None:
    assert address_allowed(ip_address(address), allow_private=False) is allowed


@pytest.mark.parametrize(
    ("address", "allowed"),
    [("127.0.0.1", True), ("10.1.2.3", True), ("::1", True), ("169.254.169.254", False)],
)
async def test_the_operator_may_allow_private_addresses_but_never_metadata(
    address: str, allowed: bool
) -> None:
    assert address_allowed(ip_address(address), allow_private=True) is allowed


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"smtpHost": "127.0.0.1"}, "smtpHost"),
        ({"smtpHost": "127.1"}, "smtpHost"),  # legacy form the resolver expands
        ({"smtpHost": "localhost"}, "smtpHost"),
        ({"smtpHost": "10.0.0.5"}, "smtpHost"),
        ({"smtpHost": "::ffff:10.0.0.5"}, "smtpHost"),
        ({"smtpHost": "169.254.169.254"}, "smtpHost"),
        ({"smsApiBaseUrl": "http://169.254.169.254/latest/meta-data"}, "smsApiBaseUrl"),
        ({"smsApiBaseUrl": "http://0x7f.1:8080/"}, "smsApiBaseUrl"),
        ({"smsApiBaseUrl": "http://[::1]:6379/"}, "smsApiBaseUrl"),
        ({"smsApiBaseUrl": "http://[64:ff9b::a9fe:a9fe]/"}, "smsApiBaseUrl"),
        ({"smsApiBaseUrl": "https://[fd00:ec2::254]/"}, "smsApiBaseUrl"),
    ],
)
async def test_an_internal_literal_host_is_refused_when_saved_and_nothing_changes(
    client: httpx.AsyncClient, no_private_outbound: Settings, changes: dict[str, Any], field: str
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    before = await Account.filter(id=account.id).values()
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    body = await gql(client, UPDATE, {"input": changes}, admin.token)

    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": None,
        "errors": [{"field": ["input", field], "code": "ADDRESS_NOT_ALLOWED", "message": REFUSED}],
    }
    assert await Account.filter(id=account.id).values() == before
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


async def test_a_metadata_host_is_refused_even_where_private_outbound_is_allowed(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    assert settings.allow_private_outbound is True
    account = await make_account()
    admin = await make_principal(client, account)

    body = await gql(client, UPDATE, {"input": {"smtpHost": "169.254.169.254"}}, admin.token)

    assert body["data"]["accountSettingsUpdate"]["errors"] == [
        {"field": ["input", "smtpHost"], "code": "ADDRESS_NOT_ALLOWED", "message": REFUSED}
    ]
    assert (await Account.get(id=account.id)).smtp_host is None


async def test_a_public_host_name_is_accepted(
    client: httpx.AsyncClient, no_private_outbound: Settings
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    changes = {"smtpHost": "smtp.example.com", "smsApiBaseUrl": "https://api.example.com"}

    body = await gql(client, UPDATE, {"input": changes}, admin.token)

    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": {"smtpHost": "smtp.example.com", "smsApiBaseUrl": "https://api.example.com"},
        "errors": [],
    }


async def _send_test(client: httpx.AsyncClient, account: Account, channel: str, to: str) -> Message:
    admin = await make_principal(client, account)
    body = await gql(client, MESSAGE_TEST, {"channel": channel, "to": to}, admin.token)
    assert body["data"]["messageTest"]["errors"] == []
    return await Message.get(account_id=account.id)


async def test_an_internal_smtp_host_saved_earlier_is_not_connected_to(
    client: httpx.AsyncClient, runner: InProcessRunner, no_private_outbound: Settings, smtp_server: SmtpServer
) -> None:
    account = await make_account()
    await Account.filter(id=account.id).update(
        smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_tls_mode=SmtpTlsMode.NONE
    )

    await _send_test(client, account, "EMAIL", "ops@example.com")
    await runner.join()

    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        1,
        "destination address not allowed",
    )
    assert smtp_server.received == []


async def test_a_host_name_resolving_to_an_internal_address_is_not_connected_to(
    client: httpx.AsyncClient, runner: InProcessRunner, no_private_outbound: Settings, smtp_server: SmtpServer
) -> None:
    """The name is resolved and every answer checked (here the machine's own name, which
    resolves to loopback or a private address on any machine)."""
    name = socket.gethostname()
    resolved = {info[4][0] for info in socket.getaddrinfo(name, smtp_server.port, type=socket.SOCK_STREAM)}
    if all(address_allowed(ip_address(a), allow_private=False) for a in resolved):
        pytest.skip(f"{name} resolves to public addresses here")
    account = await make_account()
    await Account.filter(id=account.id).update(
        smtp_host=name, smtp_port=smtp_server.port, smtp_tls_mode=SmtpTlsMode.NONE
    )

    await _send_test(client, account, "EMAIL", "ops@example.com")
    await runner.join()

    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        1,
        "destination address not allowed",
    )
    assert smtp_server.received == []


async def test_an_internal_sms_url_saved_earlier_is_not_requested(
    client: httpx.AsyncClient,
    runner: InProcessRunner,
    no_private_outbound: Settings,
    sms_provider: SmsProvider,
) -> None:
    account = await make_account()
    await Account.filter(id=account.id).update(
        sms_api_base_url=sms_provider.base_url, sms_account_sid="AC1", sms_auth_token="tok"
    )

    await _send_test(client, account, "SMS", "+447911123456")
    await runner.join()

    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        1,
        "destination address not allowed",
    )
    assert sms_provider.requests == []


class Answering:
    """An HTTP server on loopback that answers every POST with `status` and `body`, and keeps
    the Host header of each request."""

    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body
        self.hosts: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", "0")))
                owner.hosts.append(self.headers.get("host", ""))
                self.send_response(owner.status)
                self.send_header("content-type", "text/plain")
                self.send_header("content-length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])


@pytest.fixture
def internal_service() -> Iterator[Answering]:
    service = Answering(500, b"redis_version:7.2.4 requirepass=internal-secret-token")
    thread = threading.Thread(target=service.server.serve_forever, daemon=True)
    thread.start()
    yield service
    service.server.shutdown()
    service.server.server_close()


async def test_a_provider_answer_body_never_reaches_last_error(
    client: httpx.AsyncClient, runner: InProcessRunner, settings: Settings, internal_service: Answering
) -> None:
    """Private outbound allowed (as in development): the request is made, but the tenant reads
    only the status, and the request went to the checked address under the configured name."""
    account = await make_account()
    await Account.filter(id=account.id).update(
        sms_api_base_url=f"http://localhost:{internal_service.port}",
        sms_account_sid="AC1",
        sms_auth_token="t",
    )

    message = await _send_test(client, account, "SMS", "+447911123456")
    await runner.join()

    message = await Message.get(id=message.id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.QUEUED,
        1,
        "SMS provider answered HTTP 500",
    )
    assert internal_service.hosts == [f"localhost:{internal_service.port}"]
    assert settings.outbox_max_attempts == 3


class RefusingSmtp:
    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        return "550 5.1.1 internal-secret-token: no such user here"


async def test_an_smtp_refusal_keeps_its_code_not_its_text(
    client: httpx.AsyncClient, runner: InProcessRunner, unused_tcp_port: int
) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(RefusingSmtp(), hostname="127.0.0.1", port=unused_tcp_port)
    controller.start()
    try:
        account = await make_account()
        await Account.filter(id=account.id).update(
            smtp_host="127.0.0.1", smtp_port=unused_tcp_port, smtp_tls_mode=SmtpTlsMode.NONE
        )
        message = await _send_test(client, account, "EMAIL", "ops@example.com")
        await runner.join()
    finally:
        controller.stop()

    message = await Message.get(id=message.id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        1,
        "SMTP server refused the recipient (550)",
    )
