"""Proving a contact's e-mail address or mobile number: a single-use numeric code sent through
the outbox, then checked.

The code exists in the clear only in this process's memory while the send runs and in the one
message that carries it: the database keeps an HMAC-SHA256 of it under the app's secret key,
the outbox row shows the message with the code left out and the sent body sealed
(services/messaging/sealing.py, cleared after delivery), and neither the audit entry nor the
API answer nor the log has it. A new code spends the older unspent ones; a code is spent by its
use, by `verification_max_attempts` wrong tries, or by time (`verification_code_minutes`); at
most `verification_max_sends_per_hour` codes go to one contact per hour.

Who may do it: staff (and API keys) with `contacts:write`, for a contact of a customer they may
see (a partner: its reseller's customers). The contact itself (a portal actor, `actor.contact_id`)
may do it for its own row without that permission, so the portal can call the same functions.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import timedelta

from tortoise.queryset import QuerySet

from models import Account, Contact, ContactVerificationCode
from models.enums import AuditAction, MessageChannel, MessageKind, Permission, VerificationChannel
from services import portal, runtime
from services.actor import Actor
from services.contacts.queries import visible_contacts
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.messaging.outbox import queue_message
from services.messaging.rendering import render
from services.uow import UnitOfWork, unit_of_work

TABLE = "contact"
CODE_DIGITS = 6
# What the outbox row shows in place of the code.
LEFT_OUT = "(sent in this message only, not kept)"
FLAG = {VerificationChannel.EMAIL: "email_verified", VerificationChannel.SMS: "mobile_verified"}
_MESSAGE_CHANNEL = {
    VerificationChannel.EMAIL: MessageChannel.EMAIL,
    VerificationChannel.SMS: MessageChannel.SMS,
}


def code_hash(code: str) -> str:
    """The stored form of a code: HMAC-SHA256 under the app's secret key (hex)."""
    key = runtime.current().settings.signing_key().encode()
    return hmac.new(key, b"contact verification code v1:" + code.encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


async def send_verification_code(
    actor: Actor, contact_id: int, channel: VerificationChannel, reason: str | None = None
) -> Contact:
    """Send a new code to the contact's e-mail (EMAIL) or mobile (SMS) after commit; older
    unspent codes of that channel are spent. NO_ADDRESS when the contact has no such address,
    THROTTLED past the hourly limit."""
    settings = runtime.current().settings
    async with unit_of_work(actor, reason) as uow:
        contact = await _locked_contact(uow, contact_id)
        destination = _destination(contact, channel)
        await _check_rate(uow, contact, settings.verification_max_sends_per_hour)
        await _spend_unspent(uow, contact, channel)
        code = _new_code()
        await ContactVerificationCode.create(
            account_id=contact.account_id,
            contact_id=contact.id,
            channel=channel,
            destination=destination,
            code_hash=code_hash(code),
            expires_at=uow.now + timedelta(minutes=settings.verification_code_minutes),
            using_db=uow.conn,
        )
        await _queue_code(uow, contact, channel, destination, code, settings.verification_code_minutes)
        uow.audit(
            AuditAction.SEND,
            TABLE,
            contact.id,
            f"Verification code for the {_address_name(channel)} of contact {contact.name} sent to "
            f"{destination}",
            customer_id=contact.customer_id,
            diff={"verification_channel": {"old": None, "new": channel.value}},
        )
    return contact


async def verify_contact(
    actor: Actor, contact_id: int, channel: VerificationChannel, code: str, reason: str | None = None
) -> Contact:
    """Check the code against the channel's live code (constant time); a match spends it and
    sets the contact's flag (audited). A wrong code counts an attempt (the last one spends the
    code) and changes nothing else: INVALID_CODE at `code`, committed before it is raised."""
    settings = runtime.current().settings
    async with unit_of_work(actor, reason) as uow:
        contact = await _locked_contact(uow, contact_id)
        live = await _live_code(uow, contact, channel)
        matched = live is not None and hmac.compare_digest(live.code_hash, code_hash(code.strip()))
        if live is not None and matched:
            await _spend(uow, live)
            await _set_flag(uow, contact, channel, live)
        elif live is not None:
            live.attempts += 1
            fields = ["attempts"]
            if live.attempts >= settings.verification_max_attempts:
                live.spent_at = uow.now
                fields.append("spent_at")
            await live.save(using_db=uow.conn, update_fields=fields)
    if not matched:
        raise ServiceError.single(
            ErrorCode.INVALID_CODE, "The code is wrong, expired or already used; ask for a new one.", "code"
        )
    return contact


async def verification_pending_by_customer(
    actor: Actor, customer_ids: Sequence[int]
) -> dict[int, list[VerificationChannel]]:
    """For each customer, the channels its Verification tab requires that none of its contacts
    has verified yet (two statements for any number of customers; absent customers get none)."""
    actor.require(Permission.CUSTOMERS_READ)
    ids = list(customer_ids)
    required = (
        await visible_customers(actor)
        .filter(id__in=ids)
        .values("id", "email_verification_required", "mobile_verification_required")
    )
    in_view = visible_contacts(actor).filter(customer_id__in=ids)
    email_done = await _customer_ids(in_view.filter(email_verified=True))
    mobile_done = await _customer_ids(in_view.filter(mobile_verified=True))
    pending: dict[int, list[VerificationChannel]] = {}
    for row in required:
        customer_id, channels = int(row["id"]), []
        if row["email_verification_required"] and customer_id not in email_done:
            channels.append(VerificationChannel.EMAIL)
        if row["mobile_verification_required"] and customer_id not in mobile_done:
            channels.append(VerificationChannel.SMS)
        pending[customer_id] = channels
    return pending


async def _customer_ids(contacts: QuerySet[Contact]) -> set[int]:
    return {int(str(i)) for i in await contacts.values_list("customer_id", flat=True)}


async def _locked_contact(uow: UnitOfWork, contact_id: int) -> Contact:
    """The contact, locked: the actor's own (a portal contact), or one of a customer it may see
    with `contacts:write`."""
    actor = uow.actor
    portal.check_own_verification(actor, contact_id)
    if actor.contact_id is not None and actor.contact_id == contact_id:
        rows = Contact.filter(account_id=actor.account_id, id=contact_id)
    else:
        actor.require(Permission.CONTACTS_WRITE)
        rows = visible_contacts(actor).filter(id=contact_id)
    contact = await uow.locked(rows).first()
    if contact is None:
        raise not_found("Contact", "contact_id")
    return contact


def _destination(contact: Contact, channel: VerificationChannel) -> str:
    address = contact.email if channel is VerificationChannel.EMAIL else contact.mobile
    if not address:
        raise ServiceError(
            [FieldError(ErrorCode.NO_ADDRESS, f"The contact has no {_address_name(channel)}.", ("channel",))]
        )
    return address


def _address_name(channel: VerificationChannel) -> str:
    return "e-mail address" if channel is VerificationChannel.EMAIL else "mobile number"


async def _check_rate(uow: UnitOfWork, contact: Contact, per_hour: int) -> None:
    since = uow.now - timedelta(hours=1)
    recent = ContactVerificationCode.filter(contact_id=contact.id, created_at__gte=since)
    if await recent.using_db(uow.conn).count() >= per_hour:
        raise ServiceError.single(
            ErrorCode.THROTTLED,
            f"At most {per_hour} codes per hour go to one contact; try later.",
            "contact_id",
        )


async def _spend_unspent(uow: UnitOfWork, contact: Contact, channel: VerificationChannel) -> None:
    await (
        ContactVerificationCode.filter(contact_id=contact.id, channel=channel, spent_at__isnull=True)
        .using_db(uow.conn)
        .update(spent_at=uow.now)
    )


async def _live_code(
    uow: UnitOfWork, contact: Contact, channel: VerificationChannel
) -> ContactVerificationCode | None:
    """The channel's unspent, unexpired code for the contact's current address (at most one)."""
    current = contact.email if channel is VerificationChannel.EMAIL else contact.mobile
    return (
        await uow.locked(
            ContactVerificationCode.filter(
                contact_id=contact.id,
                channel=channel,
                spent_at__isnull=True,
                expires_at__gt=uow.now,
                destination=current or "",
            )
        )
        .order_by("-id")
        .first()
    )


async def _spend(uow: UnitOfWork, code: ContactVerificationCode) -> None:
    code.spent_at = uow.now
    await code.save(using_db=uow.conn, update_fields=["spent_at"])


async def _set_flag(
    uow: UnitOfWork, contact: Contact, channel: VerificationChannel, code: ContactVerificationCode
) -> None:
    flag = FLAG[channel]
    before = bool(getattr(contact, flag))
    setattr(contact, flag, True)
    await contact.save(using_db=uow.conn, update_fields=[flag, "updated_at"])
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        contact.id,
        f"The {_address_name(channel)} {code.destination} of contact {contact.name} verified by code",
        customer_id=contact.customer_id,
        diff={flag: {"old": before, "new": True}} if not before else {},
        at=contact.updated_at,
    )


async def _queue_code(
    uow: UnitOfWork, contact: Contact, channel: VerificationChannel, destination: str, code: str, minutes: int
) -> None:
    account = await Account.get(id=contact.account_id, using_db=uow.conn)
    values = {"account_name": account.name, "contact_name": contact.name, "minutes": minutes}
    message_channel = _MESSAGE_CHANNEL[channel]
    shown = render(MessageKind.VERIFICATION, message_channel, {**values, "code": LEFT_OUT})
    sent = render(MessageKind.VERIFICATION, message_channel, {**values, "code": code})
    await queue_message(
        uow,
        message_channel,
        MessageKind.VERIFICATION,
        destination,
        shown,
        customer_id=contact.customer_id,
        contact_id=contact.id,
        secret_content=sent,
    )
