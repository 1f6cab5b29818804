"""Contact verification at the service level: sending a code (stored hashed, sealed in the
outbox, replacing older ones, rate-limited), checking it (expiry, attempts, single use), who may
do either, and Customer.verificationPending's batched read."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from models import Account, AuditEntry, Contact, ContactVerificationCode, Message
from models.enums import MessageChannel, MessageKind, MessageStatus, Permission, VerificationChannel
from services import runtime
from services.actor import Actor
from services.contacts import verification
from services.errors import ErrorCode, FieldError
from services.jobs import Job
from services.messaging import outbox, sealing
from settings import Settings
from tests.conftest import SqlCounter
from tests.factories import make_account, make_actor, make_contact, make_customer, make_reseller
from tests.factories import refused as refused_unchanged

MOBILE = "+447911123456"
CODE = re.compile(r"\b(\d{6})\b")
EMAIL, SMS = VerificationChannel.EMAIL, VerificationChannel.SMS


@pytest.fixture(autouse=True)
def held_jobs() -> Iterator[list[Job]]:
    """After-commit sends are kept, not run: a test delivers (or not) itself."""
    held: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(held.extend)):
        yield held


def sent_code(settings: Settings, message: Message) -> str:
    """The code the message carries: only in its sealed body."""
    assert message.sealed_body is not None
    body = sealing.unseal(
        settings.signing_key(), message.sealed_body, message.subject, message.header_message_id
    )
    found = CODE.search(body.text)
    assert found is not None, body.text
    return found.group(1)


async def send(actor: Actor, contact: Contact, channel: VerificationChannel, settings: Settings) -> str:
    await verification.send_verification_code(actor, contact.id, channel)
    message = (
        await Message.filter(contact_id=contact.id, kind=MessageKind.VERIFICATION).order_by("-id").first()
    )
    assert message is not None
    return sent_code(settings, message)


def codes(errors: list[FieldError]) -> list[tuple[ErrorCode, tuple[str, ...]]]:
    return [(error.code, error.field) for error in errors]


async def contact_of(account: Account, **overrides: object) -> Contact:
    return await make_contact(await make_customer(account), **overrides)


# --- sending ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("channel", "to"), [(EMAIL, "alice@example.com"), (SMS, MOBILE)])
async def test_a_code_is_sent_sealed_and_kept_only_hashed(
    settings: Settings, channel: VerificationChannel, to: str
) -> None:
    account = await make_account("Acme Carrier")
    contact = await contact_of(account, email="alice@example.com", mobile=MOBILE)

    await verification.send_verification_code(make_actor(account), contact.id, channel, "asked by phone")

    message = await Message.get(contact_id=contact.id, kind=MessageKind.VERIFICATION)
    assert (message.channel, message.to, message.status) == (
        MessageChannel(channel.value),
        to,
        MessageStatus.QUEUED,
    )
    assert verification.LEFT_OUT in message.body_text
    code = sent_code(settings, message)
    row = await ContactVerificationCode.get(contact_id=contact.id)
    assert (row.channel, row.destination, row.attempts, row.spent_at) == (channel, to, 0, None)
    assert row.code_hash == verification.code_hash(code) and len(row.code_hash) == 64
    assert timedelta(minutes=14) < row.expires_at - datetime.now(UTC) <= timedelta(minutes=15)
    entry = await AuditEntry.get(table_name="contact", action="SEND")
    assert (entry.reason, entry.diff) == (
        "asked by phone",
        {"verification_channel": {"old": None, "new": channel.value}},
    )
    # the code is nowhere in the database but the sealed body, which delivery clears
    await outbox.deliver(settings, message.id)
    delivered = await Message.get(id=message.id)
    readable = [
        delivered.body_text,
        delivered.body_html,
        delivered.sealed_body,
        entry.message,
        json.dumps(entry.diff),
    ]
    assert delivered.sealed_body is None and all(code not in str(text) for text in readable)


async def test_a_contact_without_the_address_is_refused_with_nothing_written() -> None:
    account = await make_account()
    contact = await contact_of(account, mobile=None)

    errors = await refused_unchanged(
        verification.send_verification_code(make_actor(account), contact.id, SMS)
    )

    assert codes(errors) == [(ErrorCode.NO_ADDRESS, ("channel",))]


async def test_a_new_code_replaces_the_older_one(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account)
    actor = make_actor(account)
    first = await send(actor, contact, EMAIL, settings)
    second = await send(actor, contact, EMAIL, settings)

    if first != second:  # one in a million they are the same; the old code is a wrong try
        errors = await _refused(verification.verify_contact(actor, contact.id, EMAIL, first))
        assert codes(errors) == [(ErrorCode.INVALID_CODE, ("code",))]
    await verification.verify_contact(actor, contact.id, EMAIL, second)

    rows = await ContactVerificationCode.filter(contact_id=contact.id).order_by("id")
    assert [row.spent_at is not None for row in rows] == [True, True]
    assert (await Contact.get(id=contact.id)).email_verified is True


async def test_sends_are_limited_per_contact_and_hour(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account)
    actor = make_actor(account)
    for _ in range(settings.verification_max_sends_per_hour):
        await verification.send_verification_code(actor, contact.id, EMAIL)

    errors = await refused_unchanged(verification.send_verification_code(actor, contact.id, EMAIL))

    assert codes(errors) == [(ErrorCode.THROTTLED, ("contact_id",))]
    # an hour later it may go again
    await ContactVerificationCode.filter(contact_id=contact.id).update(
        created_at=datetime.now(UTC) - timedelta(hours=2)
    )
    await verification.send_verification_code(actor, contact.id, EMAIL)


# --- verifying -------------------------------------------------------------------------------


async def test_the_right_code_sets_the_flag_once_audited(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account, mobile=MOBILE)
    actor = make_actor(account)
    code = await send(actor, contact, SMS, settings)

    verified = await verification.verify_contact(actor, contact.id, SMS, f" {code} ")

    row = await Contact.get(id=contact.id)
    assert (verified.mobile_verified, row.mobile_verified, row.email_verified) == (True, True, False)
    entry = await AuditEntry.filter(table_name="contact", action="UPDATE").order_by("-id").first()
    assert entry is not None and entry.diff == {"mobile_verified": {"old": False, "new": True}}
    assert code not in entry.message
    # single use
    errors = await refused_unchanged(verification.verify_contact(actor, contact.id, SMS, code))
    assert codes(errors) == [(ErrorCode.INVALID_CODE, ("code",))]


async def test_a_wrong_code_counts_an_attempt_and_changes_nothing_else(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account)
    actor = make_actor(account)
    code = await send(actor, contact, EMAIL, settings)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    audit_before = await AuditEntry.all().count()

    errors = await _refused(verification.verify_contact(actor, contact.id, EMAIL, wrong))

    assert codes(errors) == [(ErrorCode.INVALID_CODE, ("code",))]
    row = await ContactVerificationCode.get(contact_id=contact.id)
    assert (row.attempts, row.spent_at) == (1, None)
    assert (await Contact.get(id=contact.id)).email_verified is False
    assert await AuditEntry.all().count() == audit_before
    await verification.verify_contact(actor, contact.id, EMAIL, code)


async def test_after_the_last_attempt_even_the_right_code_fails(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account)
    actor = make_actor(account)
    code = await send(actor, contact, EMAIL, settings)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(settings.verification_max_attempts):
        await _refused(verification.verify_contact(actor, contact.id, EMAIL, wrong))

    errors = await refused_unchanged(verification.verify_contact(actor, contact.id, EMAIL, code))

    assert codes(errors) == [(ErrorCode.INVALID_CODE, ("code",))]
    row = await ContactVerificationCode.get(contact_id=contact.id)
    assert row.attempts == settings.verification_max_attempts and row.spent_at is not None
    assert (await Contact.get(id=contact.id)).email_verified is False


async def test_an_expired_code_fails(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account)
    actor = make_actor(account)
    code = await send(actor, contact, EMAIL, settings)
    await ContactVerificationCode.filter(contact_id=contact.id).update(
        expires_at=datetime.now(UTC) - timedelta(seconds=1)
    )

    errors = await refused_unchanged(verification.verify_contact(actor, contact.id, EMAIL, code))

    assert codes(errors) == [(ErrorCode.INVALID_CODE, ("code",))]


async def test_a_code_is_for_the_address_it_went_to(settings: Settings) -> None:
    account = await make_account()
    contact = await contact_of(account, email="old@example.com")
    actor = make_actor(account)
    code = await send(actor, contact, EMAIL, settings)
    await Contact.filter(id=contact.id).update(email="new@example.com", email_key="new@example.com")

    errors = await refused_unchanged(verification.verify_contact(actor, contact.id, EMAIL, code))

    assert codes(errors) == [(ErrorCode.INVALID_CODE, ("code",))]


async def _refused(call: object) -> list[FieldError]:
    """A refusal that may write (a wrong code's attempt): only the errors."""
    from services.errors import ServiceError

    with pytest.raises(ServiceError) as caught:
        await call  # type: ignore[misc]
    return caught.value.errors


# --- who may -----------------------------------------------------------------------------------


async def test_who_may_send_and_verify(settings: Settings) -> None:
    account, other = await make_account(), await make_account()
    reseller, other_reseller = await make_reseller(account), await make_reseller(account)
    own = await make_contact(await make_customer(account, reseller_id=reseller.id))
    elsewhere = await make_contact(await make_customer(account, reseller_id=other_reseller.id))
    without = make_actor(account, [p for p in Permission if p is not Permission.CONTACTS_WRITE])
    partner = make_actor(account, reseller_id=reseller.id)
    outsider = make_actor(other)

    assert codes(await refused_unchanged(verification.send_verification_code(without, own.id, EMAIL))) == [
        (ErrorCode.PERMISSION_DENIED, ())
    ]
    for actor, contact in ((partner, elsewhere), (outsider, own)):
        for call in (
            verification.send_verification_code(actor, contact.id, EMAIL),
            verification.verify_contact(actor, contact.id, EMAIL, "000000"),
        ):
            assert codes(await refused_unchanged(call)) == [(ErrorCode.NOT_FOUND, ("contact_id",))]

    code = await send(partner, own, EMAIL, settings)
    await verification.verify_contact(partner, own.id, EMAIL, code)
    assert (await Contact.get(id=own.id)).email_verified is True


async def test_a_portal_contact_may_verify_itself_only() -> None:
    """The portal principal (a later part) acts as the contact itself, without contacts:write."""
    account = await make_account()
    contact = await contact_of(account)
    other = await contact_of(account)
    itself = Actor(
        account_id=account.id, kind=make_actor(account).kind, label="Portal", contact_id=contact.id
    )

    await verification.send_verification_code(itself, contact.id, EMAIL)
    errors = await refused_unchanged(verification.send_verification_code(itself, other.id, EMAIL))

    assert codes(errors) == [(ErrorCode.PERMISSION_DENIED, ())]


# --- Customer.verificationPending ---------------------------------------------------------------


async def test_pending_channels_are_read_in_two_statements(sql_counter: SqlCounter) -> None:
    account = await make_account()
    both = await make_customer(account, email_verification_required=True, mobile_verification_required=True)
    email_done = await make_customer(
        account, email_verification_required=True, mobile_verification_required=True
    )
    none_required = await make_customer(account)
    await make_contact(email_done, email_verified=True)
    await make_contact(both, mobile_verified=False)
    ids = [both.id, email_done.id, none_required.id]

    sql_counter.reset()
    pending = await verification.verification_pending_by_customer(make_actor(account), ids)

    assert pending == {both.id: [EMAIL, SMS], email_done.id: [SMS], none_required.id: []}
    assert sql_counter.count == 3
