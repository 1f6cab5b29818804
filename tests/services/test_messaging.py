"""Messaging, called directly: send_test_message, the outbox (queue, deliver, redrive), the
outbox reads and the templates. Jobs are recorded instead of run (the `dispatched` fixture), so
nothing is sent behind a test's back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from jinja2 import UndefinedError

from models import Account, AuditEntry, Message
from models.enums import MessageChannel, MessageKind, MessageStatus, Permission
from services import runtime
from services.actor import system_actor
from services.errors import ErrorCode, FieldError
from services.jobs import Job
from services.listing import Condition, Filter, PageRequest
from services.messaging import outbox
from services.messaging.commands import send_test_message
from services.messaging.outbox import SEND, Delivery, normalized_destination
from services.messaging.queries import find_message, list_messages, messages_by_id
from services.messaging.rendering import Rendered, render
from services.uow import unit_of_work
from services.validation import Invalid
from settings import Settings
from tests.factories import make_account, make_actor, make_customer, make_reseller, refused

DENIED = [FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")]
ROW = ("channel", "kind", "to", "subject", "body_text", "body_html", "status", "attempts", "customer_id")


@pytest.fixture(autouse=True)
def dispatched() -> Iterator[list[Job]]:
    """The jobs that commits dispatch during the test, recorded and not run."""
    jobs: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(jobs.extend)):
        yield jobs


async def queued(
    account: Account,
    to: str = "ops@example.com",
    *,
    customer_id: int | None = None,
    channel: MessageChannel = MessageChannel.EMAIL,
) -> Message:
    """A message queued by the system in its own transaction, as a change that sends one does."""
    async with unit_of_work(system_actor(account.id)) as uow:
        return await outbox.queue_message(
            uow, channel, MessageKind.TEST, to, Rendered("Hi", "Hello", None), customer_id=customer_id
        )


async def test_a_test_email_is_queued_audited_and_sent_after_commit(dispatched: list[Job]) -> None:
    # Given an account
    account = await make_account("Acme Carrier")

    # When a user sends a test e-mail
    message = await send_test_message(
        make_actor(account, label="Ann"), MessageChannel.EMAIL, "Ops@Example.COM"
    )

    # Then the outbox row holds the rendered message, one SEND entry records it, and its send
    # job was dispatched after the commit
    text = (
        "Hello,\n\nthis is a test message from Acme Carrier, sent by Ann to check the email settings.\n"
        "If you can read it, they work.\n"
    )
    html = (
        "<p>Hello,</p>\n<p>this is a test message from <strong>Acme Carrier</strong>, sent by Ann to "
        "check the email settings.</p>\n<p>If you can read it, they work.</p>\n"
    )
    assert await Message.filter(id=message.id).values(*ROW) == [
        {
            "channel": "EMAIL",
            "kind": "TEST",
            "to": "Ops@example.com",
            "subject": "Switchboard test message from Acme Carrier",
            "body_text": text,
            "body_html": html,
            "status": "QUEUED",
            "attempts": 0,
            "customer_id": None,
        }
    ]
    assert await AuditEntry.filter(table_name="message").values(
        "action", "http_verb", "record_id", "message", "actor_label", "ip", "diff"
    ) == [
        {
            "action": "SEND",
            "http_verb": "POST",
            "record_id": str(message.id),
            "message": "Test email queued for Ops@example.com",
            "actor_label": "Ann",
            "ip": "198.51.100.1",
            "diff": {"to": {"old": None, "new": "Ops@example.com"}, "channel": {"old": None, "new": "EMAIL"}},
        }
    ]
    assert dispatched == [SEND(message_id=message.id)]


async def test_a_test_sms_goes_to_the_number_in_e164_form() -> None:
    account = await make_account("Beta Carrier")

    message = await send_test_message(make_actor(account), MessageChannel.SMS, "+44 7911 123456")

    assert (message.to, message.subject, message.body_text, message.body_html) == (
        "+447911123456",
        "",
        "Test message from Beta Carrier: your SMS settings work.",
        None,
    )


async def test_a_test_message_needs_no_reason_even_where_changes_do() -> None:
    # Sending a test changes nothing of the account, so the reason policy does not apply
    account = await make_account()
    await Account.filter(id=account.id).update(require_audit_reason=True)

    message = await send_test_message(make_actor(account), MessageChannel.EMAIL, "ops@example.com")

    assert await AuditEntry.filter(record_id=str(message.id)).values_list("reason", flat=True) == [None]


@pytest.mark.parametrize(
    ("channel", "to", "error"),
    [
        (
            MessageChannel.EMAIL,
            "  ",
            FieldError(ErrorCode.REQUIRED, "An e-mail address is required.", ("to",)),
        ),
        (
            MessageChannel.EMAIL,
            "nope",
            FieldError(
                ErrorCode.INVALID,
                "Not a valid e-mail address: An email address must have an @-sign.",
                ("to",),
            ),
        ),
        (
            MessageChannel.SMS,
            "12345",
            FieldError(ErrorCode.INVALID, "Give the number in E.164 form, e.g. +447911123456.", ("to",)),
        ),
        (
            MessageChannel.SMS,
            "+44 20",
            FieldError(ErrorCode.INVALID, "+44 20 is not a valid phone number.", ("to",)),
        ),
    ],
)
async def test_a_bad_destination_is_refused_and_nothing_is_queued(
    channel: MessageChannel, to: str, error: FieldError, dispatched: list[Job]
) -> None:
    account = await make_account()

    assert await refused(send_test_message(make_actor(account), channel, to)) == [error]
    assert dispatched == []


async def test_sending_needs_messaging_send(dispatched: list[Job]) -> None:
    account = await make_account()
    everything_else = [p for p in Permission if p is not Permission.MESSAGING_SEND]

    errors = await refused(
        send_test_message(make_actor(account, everything_else), MessageChannel.EMAIL, "a@b.c")
    )

    assert errors == DENIED
    assert dispatched == []


async def test_a_rolled_back_change_dispatches_nothing(dispatched: list[Job]) -> None:
    account = await make_account()

    with pytest.raises(RuntimeError):
        async with unit_of_work(system_actor(account.id)) as uow:
            await outbox.queue_message(
                uow, MessageChannel.EMAIL, MessageKind.TEST, "ops@example.com", Rendered("Hi", "Hello", None)
            )
            raise RuntimeError("the change fails after queueing its message")

    assert await Message.all().count() == 0
    assert dispatched == []


@pytest.mark.parametrize(
    ("channel", "to", "expected"),
    [
        (MessageChannel.EMAIL, " Ops@Example.COM ", "Ops@example.com"),
        (MessageChannel.SMS, "+1 (415) 555-0100", "+14155550100"),
        (MessageChannel.SMS, "+44 7911 123456", "+447911123456"),
    ],
)
def test_destinations_are_normalized(channel: MessageChannel, to: str, expected: str) -> None:
    assert normalized_destination(channel, to) == expected


def test_a_destination_of_the_other_channel_is_invalid() -> None:
    with pytest.raises(Invalid):
        normalized_destination(MessageChannel.SMS, "ops@example.com")
    with pytest.raises(Invalid):
        normalized_destination(MessageChannel.EMAIL, "+447911123456")


def test_html_parts_are_escaped_and_text_parts_are_not() -> None:
    values = {"account_name": "<b>Acme</b> & Co", "sent_by": "Ann", "channel": "email"}

    rendered = render(MessageKind.TEST, MessageChannel.EMAIL, values)

    assert rendered.subject == "Switchboard test message from <b>Acme</b> & Co"
    assert "from <b>Acme</b> & Co, sent by Ann" in rendered.text
    assert rendered.html is not None
    assert "<strong>&lt;b&gt;Acme&lt;/b&gt; &amp; Co</strong>" in rendered.html


def test_a_template_value_left_out_is_an_error_not_a_blank() -> None:
    with pytest.raises(UndefinedError):
        render(MessageKind.TEST, MessageChannel.SMS, {})


async def test_deliver_sends_once_and_records_the_outcome(settings: Settings) -> None:
    # Given a queued e-mail of an account without an SMTP server (it goes to the outbox folder)
    account = await make_account()
    message = await queued(account)

    # When it is delivered, and delivered again
    first = await outbox.deliver(settings, message.id)
    again = await outbox.deliver(settings, message.id)

    # Then the first attempt sends it into the folder, and the second finds nothing to do
    path = Path(settings.outbox_dir) / str(account.id) / f"message-{message.id}.eml"
    sent = await Message.get(id=message.id)
    assert (first, again) == (Delivery(MessageStatus.SENT), Delivery(None))
    assert (sent.status, sent.attempts, sent.provider_reference, sent.lease_until, sent.last_error) == (
        MessageStatus.SENT,
        1,
        f"file:{path}",
        None,
        None,
    )
    assert sent.sent_at is not None
    assert f"Message-ID: {message.header_message_id}" in path.read_text()


async def test_a_held_lease_or_spent_attempts_leave_the_message_alone(settings: Settings) -> None:
    account = await make_account()
    leased, spent = await queued(account), await queued(account, "b@example.com")
    now = datetime.now(UTC)
    await Message.filter(id=leased.id).update(lease_until=now + timedelta(minutes=1))
    await Message.filter(id=spent.id).update(attempts=settings.outbox_max_attempts)

    results = [await outbox.deliver(settings, m.id) for m in (leased, spent)]

    assert results == [Delivery(None), Delivery(None)]
    assert await Message.filter(account_id=account.id).order_by("id").values_list("status", "attempts") == [
        (MessageStatus.QUEUED, 0),
        (MessageStatus.QUEUED, settings.outbox_max_attempts),
    ]


async def test_a_transient_failure_is_retried_until_the_attempts_are_spent(
    settings: Settings, tmp_path: Path
) -> None:
    # Given an outbox "folder" that is a file, so every write fails
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    failing = settings.model_copy(update={"outbox_dir": blocked})
    message = await queued(await make_account())

    # When it is delivered as often as the attempts allow
    outcomes = [await outbox.deliver(failing, message.id) for _ in range(failing.outbox_max_attempts)]

    # Then it waits for a retry until the last attempt, which fails it with the reason
    reason = "cannot write to the outbox folder"
    assert outcomes == [
        Delivery(MessageStatus.QUEUED, reason),
        Delivery(MessageStatus.QUEUED, reason),
        Delivery(MessageStatus.FAILED, f"Gave up after 3 attempts: {reason}"),
    ]
    final = await Message.get(id=message.id)
    assert (final.status, final.attempts, final.lease_until) == (MessageStatus.FAILED, 3, None)


async def test_redrive_enqueues_what_is_due_and_fails_what_spent_its_attempts(
    settings: Settings, dispatched: list[Job]
) -> None:
    # Given queued messages in every state a crash or a retry leaves behind
    account = await make_account()
    now = datetime.now(UTC)
    rows: dict[str, Message] = {}
    states: dict[str, dict[str, Any]] = {
        "due": {},
        "lease-ran-out": {"lease_until": now - timedelta(seconds=1), "attempts": 1},
        "leased": {"lease_until": now + timedelta(minutes=1), "attempts": 1},
        "later": {"next_attempt_at": now + timedelta(minutes=1), "attempts": 1},
        "spent": {"attempts": settings.outbox_max_attempts},
        "sent": {"status": MessageStatus.SENT, "attempts": 1},
    }
    for name, state in states.items():
        rows[name] = await queued(account, f"{name}@example.com")
        await Message.filter(id=rows[name].id).update(**state)
    dispatched.clear()

    # When the outbox is re-driven
    enqueued = await outbox.redrive(settings)

    # Then the due ones are sent again and the spent one fails with the reason
    assert enqueued == 2
    assert dispatched == [SEND(message_id=rows["due"].id), SEND(message_id=rows["lease-ran-out"].id)]
    spent = await Message.get(id=rows["spent"].id)
    assert (spent.status, spent.last_error) == (
        MessageStatus.FAILED,
        "Gave up after 3 attempts: the last attempt did not finish.",
    )
    assert await Message.filter(status=MessageStatus.QUEUED).count() == 4


async def test_the_outbox_is_read_newest_first_within_the_scope() -> None:
    # Given messages about North's customer, about a staff customer, about no customer, and
    # another account's
    account = await make_account()
    north = await make_reseller(account)
    mine, staff_only = await make_customer(account, reseller_id=north.id), await make_customer(account)
    about_mine = await queued(account, "mine@example.com", customer_id=mine.id)
    about_staff = await queued(
        account, "+447911123456", customer_id=staff_only.id, channel=MessageChannel.SMS
    )
    about_nobody = await queued(account, "noc@example.com")
    foreign = await queued(await make_account(), "other@example.com")
    ids = [about_mine.id, about_staff.id, about_nobody.id, foreign.id, 987_654]
    staff = make_actor(account, [Permission.MESSAGING_SEND])
    partner = make_actor(account, [Permission.MESSAGING_SEND], reseller_id=north.id)

    # When staff and the partner list and read them
    everything = await list_messages(staff, PageRequest())
    sms = await list_messages(staff, PageRequest(), Filter({"channel": Condition(eq=MessageChannel.SMS)}))
    partners = await list_messages(partner, PageRequest())

    # Then staff see the account's outbox newest first, the partner only its customers' messages
    assert [m.to for m in everything.rows] == ["noc@example.com", "+447911123456", "mine@example.com"]
    assert await everything.count_total() == 3
    assert [m.id for m in sms.rows] == [about_staff.id]
    assert [m.id for m in partners.rows] == [about_mine.id]
    assert sorted(await messages_by_id(staff, ids)) == [about_mine.id, about_staff.id, about_nobody.id]
    assert list(await messages_by_id(partner, ids)) == [about_mine.id]
    assert await find_message(partner, about_staff.id) is None
    assert (await find_message(staff, about_staff.id)) is not None


async def test_reading_the_outbox_needs_messaging_send() -> None:
    account = await make_account()
    message = await queued(account)
    reader = make_actor(account, [Permission.CUSTOMERS_READ, Permission.AUDIT_READ])

    assert await refused(list_messages(reader, PageRequest())) == DENIED
    assert await refused(messages_by_id(reader, [message.id])) == DENIED
    assert await refused(find_message(reader, message.id)) == DENIED
