"""The outbox: queue a message in the transaction of its cause; deliver it at most once at a
time (a lease claimed by an atomic UPDATE); retry transient failures with backoff; re-drive
what a crash, a restart or a lost broker left behind. At most `outbox_max_attempts` attempts,
however each one ends."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import phonenumbers
import structlog
from tortoise.expressions import F, Q

from models import Account, Message
from models.enums import MessageChannel, MessageKind, MessageStatus
from services import jobs, runtime
from services.errors import ErrorCode, ServiceError
from services.logsafe import exception_fields
from services.messaging import attachments, sealing
from services.messaging.rendering import Rendered
from services.messaging.senders import Outgoing, PermanentSendError, TransientSendError, sender_for
from services.uow import UnitOfWork
from services.validation import Invalid, email
from settings import Settings

log = structlog.get_logger(__name__)
# Messages whose body carries a secret (a set-password link, a password): once the message is
# SENT or FAILED, its stored body is replaced, so the secret does not outlive the delivery.
SECRET_BEARING = frozenset(
    {MessageKind.PASSWORD, MessageKind.INVITATION, MessageKind.RESET_LINK, MessageKind.VERIFICATION}
)
REMOVED_BODY = "(Removed once the message was delivered or gave up: it carried a secret.)"
SEND = jobs.declare("messages.send", queue="messages")
REDRIVE = jobs.declare("outbox.redrive", queue="maintenance")
REDRIVE_BATCH = 500


def normalized_destination(channel: MessageChannel, to: str) -> str:
    """An e-mail address, or a phone number in E.164 (SMS, VOICE); raises Invalid otherwise."""
    if channel is MessageChannel.EMAIL:
        address = email(to)
        if address is None:
            raise Invalid("An e-mail address is required.", ErrorCode.REQUIRED)
        return address
    try:
        number = phonenumbers.parse(to.strip(), None)
    except phonenumbers.NumberParseException as exc:
        raise Invalid("Give the number in E.164 form, e.g. +447911123456.") from exc
    if not phonenumbers.is_valid_number(number):
        raise Invalid(f"{to.strip()} is not a valid phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


async def queue_message(
    uow: UnitOfWork,
    channel: MessageChannel,
    kind: MessageKind,
    to: str,
    content: Rendered,
    *,
    customer_id: int | None = None,
    contact_id: int | None = None,
    secret_content: Rendered | None = None,
) -> Message:
    """Write the outbox row in the caller's transaction; it is sent after commit.

    A message that carries a secret gives it in `secret_content` (what is sent) and leaves it
    out of `content` (what the row shows): the secret waits only sealed (services/messaging/sealing.py)."""
    try:
        destination = normalized_destination(channel, to)
    except Invalid as exc:
        raise ServiceError([exc.at("to")]) from exc
    header_message_id = f"<{uuid.uuid4().hex}@switchboard.invalid>"
    sealed_body = None
    if secret_content is not None:
        sealed_body = sealing.seal(
            runtime.current().settings.signing_key(), secret_content, header_message_id
        )
    message = await Message.create(
        account_id=uow.actor.account_id,
        customer_id=customer_id,
        contact_id=contact_id,
        channel=channel,
        kind=kind,
        to=destination,
        subject=content.subject,
        body_text=content.text,
        body_html=content.html,
        sealed_body=sealed_body,
        header_message_id=header_message_id,
        next_attempt_at=uow.now,
        using_db=uow.conn,
    )
    uow.after_commit(SEND(message_id=message.id))
    return message


@dataclass(frozen=True)
class Delivery:
    """What one delivery attempt did: None when someone else holds (or finished) the message."""

    status: MessageStatus | None
    error: str | None = None


async def deliver(settings: Settings, message_id: int) -> Delivery:
    """Send one message if it is still QUEUED, under the attempt limit and nobody is sending
    it; record the outcome. Every attempt counts, whatever ends it (an unclassified exception
    or a lost lease included), so the limit holds on every path (see `redrive` for the last)."""
    now = datetime.now(UTC)
    if not await _claim(message_id, now, settings):
        return Delivery(None)
    message = await Message.get(id=message_id)
    account = await Account.get(id=message.account_id)
    sender = sender_for(
        account,
        message.channel,
        settings.outbox_dir,
        settings.send_timeout_seconds,
        allow_private=settings.allow_private_outbound,
    )
    try:
        outgoing = _outgoing(message, account, settings)
    except sealing.Unreadable:
        return await _failed(message, "The sealed body does not open: the secret key changed.")
    try:
        outgoing = replace(outgoing, attachments=await attachments.produce(message.id))
    except Exception as exc:  # noqa: BLE001 - a file that cannot be made now may be made later
        log.error("message.attachment_failed", message_id=message.id, **exception_fields(exc))
        return await _transient(message, f"attachment could not be made ({type(exc).__name__})", settings)
    try:
        reference = await sender.send(outgoing)
    except PermanentSendError as exc:
        return await _failed(message, str(exc))
    except TransientSendError as exc:
        return await _transient(message, str(exc), settings)
    except Exception as exc:  # noqa: BLE001 - an unclassified failure is still a counted attempt
        log.error("message.send_crashed", message_id=message.id, **exception_fields(exc))
        return await _transient(message, f"unexpected error ({type(exc).__name__})", settings)
    await Message.filter(id=message.id).update(
        status=MessageStatus.SENT,
        sent_at=datetime.now(UTC),
        provider_reference=reference[:200],
        lease_until=None,
        last_error=None,
        sealed_body=None,
        **_secret_removed(message),
    )
    return Delivery(MessageStatus.SENT)


def _secret_removed(message: Message) -> dict[str, str | None]:
    """The body columns to overwrite when the message reached its last status."""
    if message.kind not in SECRET_BEARING:
        return {}
    return {"body_text": REMOVED_BODY, "body_html": None}


async def _claim(message_id: int, now: datetime, settings: Settings) -> bool:
    """Take the send lease and count the attempt; an atomic UPDATE, so two senders never both
    win, and none wins once the attempts are spent."""
    claimed = await Message.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        id=message_id,
        status=MessageStatus.QUEUED,
        attempts__lt=settings.outbox_max_attempts,
    ).update(
        lease_until=now + timedelta(seconds=settings.outbox_lease_seconds),
        attempts=F("attempts") + 1,
    )
    return bool(claimed)


async def _transient(message: Message, error: str, settings: Settings) -> Delivery:
    if message.attempts >= settings.outbox_max_attempts:
        return await _failed(message, f"Gave up after {message.attempts} attempts: {error}")
    return await _retry_later(message, error, settings)


async def _failed(message: Message, error: str) -> Delivery:
    log.warning("message.failed", message_id=message.id, channel=message.channel.value, error=error)
    await Message.filter(id=message.id).update(
        status=MessageStatus.FAILED,
        last_error=error,
        lease_until=None,
        sealed_body=None,
        **_secret_removed(message),
    )
    return Delivery(MessageStatus.FAILED, error)


async def _retry_later(message: Message, error: str, settings: Settings) -> Delivery:
    backoff = settings.outbox_backoff_seconds
    delay = backoff[min(message.attempts - 1, len(backoff) - 1)] if backoff else 0
    log.info("message.retry_later", message_id=message.id, attempt=message.attempts, delay=delay, error=error)
    await Message.filter(id=message.id).update(
        last_error=error, lease_until=None, next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay)
    )
    return Delivery(MessageStatus.QUEUED, error)


def _outgoing(message: Message, account: Account, settings: Settings) -> Outgoing:
    sender = account.email_from or f"no-reply@{_slug(account.name)}.switchboard.invalid"
    if message.channel is MessageChannel.SMS:
        sender = account.sms_from or "Switchboard"
    elif message.channel is MessageChannel.VOICE:
        sender = account.voice_from or "Switchboard"
    text: str = message.body_text
    html: str | None = message.body_html
    if message.sealed_body is not None:
        sealed = sealing.unseal(
            settings.signing_key(), message.sealed_body, message.subject, message.header_message_id
        )
        text, html = sealed.text, sealed.html
    return Outgoing(
        message_id=message.id,
        channel=message.channel,
        sender=sender,
        to=message.to,
        subject=message.subject,
        text=text,
        html=html,
        header_message_id=message.header_message_id,
    )


def _slug(name: str) -> str:
    return "".join(c for c in name.lower().replace(" ", "-") if c.isalnum() or c == "-") or "account"


async def redrive(settings: Settings, limit: int = REDRIVE_BATCH) -> int:
    """Fail what spent its attempts, then enqueue a send for every due QUEUED message nobody
    holds; returns how many were enqueued."""
    now = datetime.now(UTC)
    await _give_up_exhausted(now, settings.outbox_max_attempts)
    ids = (
        await Message.filter(
            Q(lease_until__isnull=True) | Q(lease_until__lt=now),
            status=MessageStatus.QUEUED,
            next_attempt_at__lte=now,
            attempts__lt=settings.outbox_max_attempts,
        )
        .order_by("next_attempt_at", "id")
        .limit(limit)
        .values_list("id", flat=True)
    )
    jobs.dispatch([SEND(message_id=int(str(i))) for i in ids])
    return len(ids)


async def _give_up_exhausted(now: datetime, max_attempts: int) -> None:
    """QUEUED messages nobody holds whose attempts are spent: the last attempt never recorded an
    outcome (its process died, or its lease ran out). They fail instead of going round again."""
    error = f"Gave up after {max_attempts} attempts: the last attempt did not finish."
    exhausted = Message.filter(
        Q(lease_until__isnull=True) | Q(lease_until__lt=now),
        status=MessageStatus.QUEUED,
        attempts__gte=max_attempts,
    )
    outcome: dict[str, Any] = {
        "status": MessageStatus.FAILED,
        "last_error": error,
        "lease_until": None,
        "sealed_body": None,
    }
    failed = await exhausted.filter(kind__in=list(SECRET_BEARING)).update(
        **outcome, body_text=REMOVED_BODY, body_html=None
    )
    failed += await exhausted.update(**outcome)
    if failed:
        log.warning("message.gave_up", count=failed, error=error)
