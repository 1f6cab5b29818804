"""Item 6: an SMS provider's unexpected answer is a classified failure that counts an attempt,
and the attempt limit holds on every path (unexpected exceptions and lost leases included)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from models import Account, Message
from models.enums import MessageChannel, MessageKind, MessageStatus, SmtpTlsMode
from services.messaging import outbox
from services.messaging.outbox import Delivery
from settings import Settings
from tests.client import gql, make_principal
from tests.factories import make_account
from tests.workers.conftest import SmtpServer, smtp_server
from workers.inprocess import InProcessRunner

__all__ = ["smtp_server"]  # the real loopback SMTP server, as a fixture here too

MESSAGE_TEST = """
mutation($channel: MessageChannel!, $to: String!) {
  messageTest(input: {channel: $channel, to: $to}) { message { id } errors { code } }
}
"""


class Provider:
    """A loopback HTTP server answering every POST with `status`, `content_type` and `body`."""

    def __init__(self) -> None:
        self.status, self.content_type, self.body = 200, "text/html", b""
        self.requests = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", "0")))
                owner.requests += 1
                self.send_response(owner.status)
                self.send_header("content-type", owner.content_type)
                self.send_header("content-length", str(len(owner.body)))
                self.end_headers()
                self.wfile.write(owner.body)

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def provider() -> Iterator[Provider]:
    served = Provider()
    thread = threading.Thread(target=served.server.serve_forever, daemon=True)
    thread.start()
    yield served
    served.server.shutdown()
    served.server.server_close()


async def _queue_test(client: httpx.AsyncClient, account: Account, channel: str, to: str) -> int:
    admin = await make_principal(client, account)
    body = await gql(client, MESSAGE_TEST, {"channel": channel, "to": to}, admin.token)
    assert body["data"]["messageTest"]["errors"] == []
    return int((await Message.get(account_id=account.id)).id)


async def _drain(runner: InProcessRunner, settings: Settings, rounds: int) -> None:
    """The scheduler's redrive, a few times more than the limit allows attempts."""
    await runner.join()
    for _ in range(rounds):
        await outbox.redrive(settings)
        await runner.join()


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html", b"<html><body>Service temporarily moved</body></html>"),
        ("application/json", b'{"status": "queued"}'),  # no sid
        ("application/json", b'{"sid": 12345}'),  # not a string
        ("application/json", b'["SM1"]'),
        ("application/json", b"[" * 50_000),  # nesting a parser would recurse into
        ("application/json", b'{"sid": "' + b"S" * 100_000 + b'"}'),  # past the answer limit
        ("application/json", b""),
    ],
)
async def test_a_2xx_answer_that_is_not_a_message_counts_attempts_up_to_the_limit(
    client: httpx.AsyncClient,
    runner: InProcessRunner,
    settings: Settings,
    provider: Provider,
    content_type: str,
    body: bytes,
) -> None:
    provider.content_type, provider.body = content_type, body
    account = await make_account()
    await Account.filter(id=account.id).update(
        sms_api_base_url=provider.base_url, sms_account_sid="AC1", sms_auth_token="tok"
    )

    message_id = await _queue_test(client, account, "SMS", "+447911123456")
    await _drain(runner, settings, settings.outbox_max_attempts + 2)

    message = await Message.get(id=message_id)
    assert (message.status, message.attempts, message.last_error, message.lease_until) == (
        MessageStatus.FAILED,
        3,
        "Gave up after 3 attempts: SMS provider gave an unexpected answer (HTTP 200)",
        None,
    )
    assert provider.requests == 3


async def test_a_redirect_is_not_followed_and_counts_as_an_unexpected_answer(
    client: httpx.AsyncClient, runner: InProcessRunner, settings: Settings, provider: Provider
) -> None:
    provider.status, provider.body = 302, b""
    account = await make_account()
    await Account.filter(id=account.id).update(
        sms_api_base_url=provider.base_url, sms_account_sid="AC1", sms_auth_token="tok"
    )

    message_id = await _queue_test(client, account, "SMS", "+447911123456")
    await _drain(runner, settings, settings.outbox_max_attempts + 2)

    message = await Message.get(id=message_id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        3,
        "Gave up after 3 attempts: SMS provider gave an unexpected answer (HTTP 302)",
    )
    assert provider.requests == 3


async def test_an_unclassified_exception_in_a_sender_counts_attempts_up_to_the_limit(
    client: httpx.AsyncClient, runner: InProcessRunner, settings: Settings
) -> None:
    """A port the database holds but no socket takes (saved before validation existed):
    the connect raises OverflowError, which no sender classifies."""
    account = await make_account()
    await Account.filter(id=account.id).update(
        smtp_host="127.0.0.1", smtp_port=70_000, smtp_tls_mode=SmtpTlsMode.NONE
    )

    message_id = await _queue_test(client, account, "EMAIL", "ops@example.com")
    await _drain(runner, settings, settings.outbox_max_attempts + 2)

    message = await Message.get(id=message_id)
    assert (message.status, message.attempts, message.last_error) == (
        MessageStatus.FAILED,
        3,
        "Gave up after 3 attempts: unexpected error (OverflowError)",
    )


async def test_an_unwritable_outbox_folder_counts_attempts_up_to_the_limit(
    settings: Settings, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the outbox folder should be")
    unwritable = settings.model_copy(update={"outbox_dir": blocker})
    account = await make_account()
    message = await Message.create(
        account_id=account.id,
        channel=MessageChannel.EMAIL,
        kind=MessageKind.TEST,
        to="ops@example.com",
        subject="Hi",
        body_text="Hello",
        header_message_id="<folder@switchboard.test>",
        next_attempt_at=datetime.now(UTC),
    )

    results = [await outbox.deliver(unwritable, message.id) for _ in range(5)]

    assert results == [
        Delivery(MessageStatus.QUEUED, "cannot write to the outbox folder"),
        Delivery(MessageStatus.QUEUED, "cannot write to the outbox folder"),
        Delivery(MessageStatus.FAILED, "Gave up after 3 attempts: cannot write to the outbox folder"),
        Delivery(None),
        Delivery(None),
    ]
    assert (await Message.get(id=message.id)).attempts == 3


async def test_a_message_whose_last_attempt_never_finished_fails_instead_of_resending(
    runner: InProcessRunner, settings: Settings, smtp_server: SmtpServer
) -> None:
    """Its worker died during the last allowed attempt: the lease ran out, attempts are spent."""
    account = await make_account()
    await Account.filter(id=account.id).update(
        smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_tls_mode=SmtpTlsMode.NONE
    )
    now = datetime.now(UTC)
    message = await Message.create(
        account_id=account.id,
        channel=MessageChannel.EMAIL,
        kind=MessageKind.TEST,
        to="ops@example.com",
        subject="Hi",
        body_text="Hello",
        header_message_id="<lost-lease@switchboard.test>",
        next_attempt_at=now - timedelta(minutes=5),
        attempts=settings.outbox_max_attempts,
        lease_until=now - timedelta(seconds=1),
    )

    await _drain(runner, settings, 2)

    message = await Message.get(id=message.id)
    assert (message.status, message.attempts, message.last_error, message.lease_until) == (
        MessageStatus.FAILED,
        3,
        "Gave up after 3 attempts: the last attempt did not finish.",
        None,
    )
    assert smtp_server.received == []


async def test_a_message_still_leased_at_the_limit_is_left_to_its_holder(
    settings: Settings, smtp_server: SmtpServer
) -> None:
    account = await make_account()
    now = datetime.now(UTC)
    message = await Message.create(
        account_id=account.id,
        channel=MessageChannel.EMAIL,
        kind=MessageKind.TEST,
        to="ops@example.com",
        subject="Hi",
        body_text="Hello",
        header_message_id="<held@switchboard.test>",
        next_attempt_at=now,
        attempts=settings.outbox_max_attempts,
        lease_until=now + timedelta(seconds=60),
    )

    assert await outbox.deliver(settings, message.id) == Delivery(None)

    message = await Message.get(id=message.id)
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.QUEUED, 3, None)
    assert smtp_server.received == []
