"""The outbox on the in-process runner: real SMTP, a real HTTP SMS provider, the local folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from models import Account, AuditEntry, Message
from models.enums import MessageChannel, MessageKind, MessageStatus, SmtpTlsMode
from services.actor import system_actor
from services.messaging import outbox
from services.messaging.rendering import Rendered
from services.uow import unit_of_work
from settings import Settings
from tests.client import gql, make_principal
from tests.factories import make_account
from tests.workers.conftest import SMTP_PASSWORD, SMTP_USER, SmsProvider, SmtpServer
from workers.inprocess import InProcessRunner

MESSAGE_TEST = """
mutation($channel: MessageChannel!, $to: String!) {
  messageTest(input: {channel: $channel, to: $to}) {
    message { id status to channel }
    errors { field code message }
  }
}
"""


async def configure_smtp(account: Account, port: int, **overrides: object) -> None:
    values = {
        "email_from": "noc@carrier.example",
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_tls_mode": SmtpTlsMode.NONE,
        **overrides,
    }
    await Account.filter(id=account.id).update(**values)


async def configure_sms(account: Account, provider: SmsProvider) -> None:
    await Account.filter(id=account.id).update(
        sms_api_base_url=provider.base_url,
        sms_account_sid="AC123",
        sms_auth_token="tok",
        sms_from="+14155550100",
    )


async def test_test_email_reaches_the_smtp_server_with_from_to_subject_and_body(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    account = await make_account("Acme Carrier")
    admin = await make_principal(client, account)
    await configure_smtp(account, smtp_server.port)

    body = await gql(client, MESSAGE_TEST, {"channel": "EMAIL", "to": "Ops@Example.com"}, admin.token)
    await runner.join()

    assert body["data"]["messageTest"]["errors"] == []
    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts, message.to) == (MessageStatus.SENT, 1, "Ops@example.com")
    [received] = smtp_server.received
    assert (received.mail_from, received.rcpt_tos) == ("noc@carrier.example", ["Ops@example.com"])
    assert received.email["Subject"] == "Switchboard test message from Acme Carrier"
    assert received.email["Message-ID"] == message.header_message_id
    text = received.email.get_body(("plain",))
    assert text is not None and "this is a test message from Acme Carrier" in text.get_content()
    assert await AuditEntry.filter(account_id=account.id, action="SEND", table_name="message").count() == 1


async def test_without_a_server_the_email_is_written_to_the_outbox_folder(
    client: httpx.AsyncClient, runner: InProcessRunner, settings: Settings
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)

    await gql(client, MESSAGE_TEST, {"channel": "EMAIL", "to": "ops@example.com"}, admin.token)
    await runner.join()

    message = await Message.get(account_id=account.id)
    path = Path(settings.outbox_dir) / str(account.id) / f"message-{message.id}.eml"
    assert message.status is MessageStatus.SENT
    assert message.provider_reference == f"file:{path}"
    assert "To: ops@example.com" in path.read_text()


async def test_test_sms_is_posted_in_twilio_form(
    client: httpx.AsyncClient, runner: InProcessRunner, sms_provider: SmsProvider
) -> None:
    account = await make_account("Beta Carrier")
    admin = await make_principal(client, account)
    await configure_sms(account, sms_provider)

    await gql(client, MESSAGE_TEST, {"channel": "SMS", "to": "+44 7911 123456"}, admin.token)
    await runner.join()

    [request] = sms_provider.requests
    assert (request.path, request.username, request.password) == (
        "/2010-04-01/Accounts/AC123/Messages.json",
        "AC123",
        "tok",
    )
    assert request.form == {
        "To": "+447911123456",
        "From": "+14155550100",
        "Body": "Test message from Beta Carrier: your SMS settings work.",
    }
    message = await Message.get(account_id=account.id)
    assert (message.status, message.provider_reference) == (MessageStatus.SENT, f"SM{1:032d}")


async def test_an_invalid_number_is_refused_and_nothing_is_queued(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    body = await gql(client, MESSAGE_TEST, {"channel": "SMS", "to": "12345"}, admin.token)

    assert body["data"]["messageTest"]["errors"] == [
        {
            "field": ["input", "to"],
            "code": "INVALID",
            "message": "Give the number in E.164 form, e.g. +447911123456.",
        }
    ]
    assert await Message.filter(account_id=account.id).count() == 0
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


async def test_a_provider_refusal_ends_failed_with_its_status_not_its_text(
    client: httpx.AsyncClient, runner: InProcessRunner, sms_provider: SmsProvider
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    await configure_sms(account, sms_provider)
    sms_provider.reply = (400, {"code": 21211, "message": "The 'To' number is not a valid phone number."})

    await gql(client, MESSAGE_TEST, {"channel": "SMS", "to": "+447911123456"}, admin.token)
    await runner.join()

    message = await Message.get(account_id=account.id)
    assert (message.status, message.attempts) == (MessageStatus.FAILED, 1)
    assert message.last_error == "SMS provider refused the message (HTTP 400)"


async def test_wrong_smtp_credentials_end_failed(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server_with_auth: SmtpServer
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    await configure_smtp(account, smtp_server_with_auth.port, smtp_username=SMTP_USER, smtp_password="wrong")

    await gql(client, MESSAGE_TEST, {"channel": "EMAIL", "to": "ops@example.com"}, admin.token)
    await runner.join()

    message = await Message.get(account_id=account.id)
    assert message.status is MessageStatus.FAILED
    assert message.last_error == "SMTP server refused the credentials (535)"
    assert smtp_server_with_auth.received == []


async def test_right_smtp_credentials_deliver(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server_with_auth: SmtpServer
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    await configure_smtp(
        account, smtp_server_with_auth.port, smtp_username=SMTP_USER, smtp_password=SMTP_PASSWORD
    )

    await gql(client, MESSAGE_TEST, {"channel": "EMAIL", "to": "ops@example.com"}, admin.token)
    await runner.join()

    assert (await Message.get(account_id=account.id)).status is MessageStatus.SENT
    assert len(smtp_server_with_auth.received) == 1


async def test_an_unreachable_server_is_retried_then_fails_with_the_reason(
    client: httpx.AsyncClient, runner: InProcessRunner, settings: Settings, unused_tcp_port: int
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    await configure_smtp(account, unused_tcp_port)

    await gql(client, MESSAGE_TEST, {"channel": "EMAIL", "to": "ops@example.com"}, admin.token)
    await runner.join()
    first = await Message.get(account_id=account.id)
    for _ in range(settings.outbox_max_attempts):
        await outbox.redrive(settings)
        await runner.join()

    assert (first.status, first.attempts) == (MessageStatus.QUEUED, 1)
    final = await Message.get(account_id=account.id)
    assert (final.status, final.attempts) == (MessageStatus.FAILED, settings.outbox_max_attempts)
    assert final.last_error == "Gave up after 3 attempts: connection refused"


async def test_concurrent_deliveries_of_one_message_send_it_once(
    runner: InProcessRunner, settings: Settings, smtp_server: SmtpServer
) -> None:
    account = await make_account()
    await configure_smtp(account, smtp_server.port)
    async with unit_of_work(system_actor(account.id)) as uow:
        message = await outbox.queue_message(
            uow, MessageChannel.EMAIL, MessageKind.TEST, "ops@example.com", Rendered("Hi", "Hello", None)
        )
    await runner.join()  # the after-commit send

    results = await asyncio.gather(*(outbox.deliver(settings, message.id) for _ in range(5)))
    await outbox.redrive(settings)
    await runner.join()

    assert [r.status for r in results] == [None] * 5
    assert len(smtp_server.received) == 1


async def test_a_rolled_back_change_queues_and_sends_nothing(
    runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    account = await make_account()
    await configure_smtp(account, smtp_server.port)

    with pytest.raises(RuntimeError):
        async with unit_of_work(system_actor(account.id)) as uow:
            await outbox.queue_message(
                uow, MessageChannel.EMAIL, MessageKind.TEST, "ops@example.com", Rendered("Hi", "Hello", None)
            )
            raise RuntimeError("the change fails after queueing its message")
    await runner.join()

    assert await Message.filter(account_id=account.id).count() == 0
    assert smtp_server.received == []
