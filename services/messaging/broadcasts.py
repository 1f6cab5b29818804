"""Send Email / Send SMS to the contacts of many customers (a broadcast): one outbox message per
recipient, so recipients never see each other, all written in one transaction.

Bounded memory whatever the number of recipients: customers are read by keyset pages, their
contacts per page, and the messages inserted by `bulk_create` one chunk at a time. Delivery
starts after commit with ONE fan-out job per broadcast (`FAN_OUT`), which enqueues a send per
message page by page, as the outbox's re-drive does, instead of 10 000 jobs kept in memory until
commit. A lost fan-out job is recovered by the periodic re-drive (the messages are QUEUED rows).

The subject and body are plain text. The only placeholders are `{{customer.name}}` and
`{{contact.name}}`, substituted as data; anything else between `{{ }}` or `{% %}` is refused,
so the sender's text is never a template. The result is then put in the CAMPAIGN templates
(services/messaging/rendering.py), which escape it in the HTML part."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field

from tortoise.expressions import Subquery
from tortoise.functions import Count
from tortoise.queryset import QuerySet

from models import Broadcast, Contact, Customer, Message
from models.enums import AuditAction, MessageChannel, MessageKind, MessageStatus, Permission
from services import jobs
from services.actor import Actor
from services.customers.bulk import Selection
from services.customers.queries import customer_queryset
from services.errors import ErrorCode, FieldError, ServiceError
from services.listing import Page, PageRequest, SortKey, cursor_datetime, paginate
from services.messaging.outbox import SEND
from services.messaging.rendering import Rendered, render
from services.uow import UnitOfWork, unit_of_work

MAX_SUBJECT = 200
MAX_BODY = {MessageChannel.EMAIL: 20_000, MessageChannel.SMS: 1_600}
MAX_IDS = 1000
MAX_RECIPIENTS = 50_000
# How many unreachable customers are named; the count covers them all.
MAX_UNREACHABLE_LISTED = 500
CUSTOMER_PAGE = 500
INSERT_CHUNK = 1000
FAN_OUT_PAGE = 1000
FAN_OUT = jobs.declare("broadcasts.fan_out", queue="messages")
NEWEST_FIRST = [(SortKey("created_at", cursor_datetime), True)]

PLACEHOLDER = re.compile(r"\{\{\s*(customer\.name|contact\.name)\s*\}\}")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class BroadcastRequest:
    selection: Selection
    channel: MessageChannel
    subject: str
    body: str


@dataclass(frozen=True)
class Unreachable:
    customer_id: int
    name: str


@dataclass
class BroadcastResult:
    """What a send did, or on a dry run would do (then `broadcast` is None)."""

    broadcast: Broadcast | None
    recipient_count: int
    preview: Rendered | None
    first_to: str | None = None
    unreachable: list[Unreachable] = field(default_factory=list)
    unreachable_count: int = 0


@dataclass(frozen=True)
class _Recipient:
    customer_id: int
    customer_name: str
    contact_id: int
    contact_name: str
    to: str


async def send_broadcast(
    actor: Actor, request: BroadcastRequest, *, dry_run: bool = False, reason: str | None = None
) -> BroadcastResult:
    """Queue one message per contact e-mail (EMAIL) or mobile (SMS) of the selected customers."""
    actor.require(Permission.MESSAGING_SEND)
    subject, body = _checked(request)
    async with unit_of_work(actor, reason, is_change=not dry_run) as uow:
        customers = await _selected_customers(uow, request.selection)
        if dry_run:
            return await _dry_run(uow, customers, request.channel, subject, body)
        return await _write(uow, customers, request.channel, subject, body)


def _checked(request: BroadcastRequest) -> tuple[str, str]:
    """The subject and body, or a typed error per bad field (nothing read or written yet)."""
    if request.channel is MessageChannel.VOICE:
        raise ServiceError.single(ErrorCode.INVALID, "Broadcasts go by e-mail or SMS.", "channel")
    errors: list[FieldError] = []
    subject = request.subject.strip()
    body = request.body.strip()
    if request.channel is MessageChannel.EMAIL:
        if not subject:
            errors.append(FieldError(ErrorCode.REQUIRED, "An e-mail needs a subject.", ("subject",)))
        elif len(subject) > MAX_SUBJECT:
            errors.append(_too_long("subject", MAX_SUBJECT))
        elif "\n" in subject or "\r" in subject:
            errors.append(FieldError(ErrorCode.INVALID, "The subject is one line.", ("subject",)))
    elif subject:
        errors.append(FieldError(ErrorCode.INVALID, "An SMS has no subject: leave it empty.", ("subject",)))
    if not body:
        errors.append(FieldError(ErrorCode.REQUIRED, "Write the message.", ("body",)))
    elif len(body) > MAX_BODY[request.channel]:
        errors.append(_too_long("body", MAX_BODY[request.channel]))
    for name, value in (("subject", subject), ("body", body)):
        if TEMPLATE_SYNTAX.search(PLACEHOLDER.sub("", value)):
            errors.append(
                FieldError(
                    ErrorCode.INVALID,
                    "The only placeholders are {{customer.name}} and {{contact.name}}.",
                    (name,),
                )
            )
    if errors:
        raise ServiceError(errors)
    return subject, body


def _too_long(name: str, limit: int) -> FieldError:
    return FieldError(ErrorCode.INVALID, f"At most {limit} characters.", (name,))


def personalised(text: str, recipient: _Recipient) -> str:
    """The text with its placeholders replaced by the recipient's names (as data, never code)."""
    names = {"customer.name": recipient.customer_name, "contact.name": recipient.contact_name}
    return PLACEHOLDER.sub(lambda match: names[match.group(1)], text)


def _content(channel: MessageChannel, subject: str, body: str, recipient: _Recipient) -> Rendered:
    values = {"subject": personalised(subject, recipient), "text": personalised(body, recipient)}
    return render(MessageKind.CAMPAIGN, channel, values)


async def _selected_customers(uow: UnitOfWork, selection: Selection) -> QuerySet[Customer]:
    """The customers selected, within the actor's scope; an id outside it is NOT_FOUND."""
    if (selection.ids is None) == (selection.where is None):
        raise ServiceError.single(ErrorCode.INVALID, "Select customers by ids or by where, not both.", "ids")
    queryset = customer_queryset(uow.actor, selection.where, None)
    if selection.ids is None:
        return queryset
    ids = list(dict.fromkeys(selection.ids))
    if len(ids) > MAX_IDS:
        raise ServiceError.single(ErrorCode.TOO_MANY, f"At most {MAX_IDS} ids; select by where.", "ids")
    queryset = queryset.filter(id__in=ids)
    found = {int(str(i)) for i in await queryset.using_db(uow.conn).values_list("id", flat=True)}
    missing = [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("ids", str(i)))
        for i, customer_id in enumerate(ids)
        if customer_id not in found
    ]
    if missing:
        raise ServiceError(missing)
    return queryset


async def _customer_pages(
    uow: UnitOfWork, customers: QuerySet[Customer]
) -> AsyncIterator[list[tuple[int, str]]]:
    """(id, name) of the selected customers, by keyset pages in id order."""
    last_id = 0
    while True:
        page = await (
            customers.filter(id__gt=last_id)
            .using_db(uow.conn)
            .order_by("id")
            .limit(CUSTOMER_PAGE)
            .values_list("id", "name")
        )
        if not page:
            return
        yield [(int(row[0]), str(row[1])) for row in page]
        last_id = int(page[-1][0])


async def _recipients(
    uow: UnitOfWork, customers: QuerySet[Customer], channel: MessageChannel, result: BroadcastResult
) -> AsyncIterator[list[_Recipient]]:
    """Each page's recipients; the customers with none are counted (and named) in `result`."""
    address = "email" if channel is MessageChannel.EMAIL else "mobile"
    async for page in _customer_pages(uow, customers):
        contacts = await (
            Contact.filter(customer_id__in=[customer_id for customer_id, _ in page])
            .using_db(uow.conn)
            .order_by("customer_id", "id")
            .values_list("customer_id", "id", "name", address)
        )
        by_customer: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        for customer_id, contact_id, name, to in contacts:
            if to:
                by_customer[customer_id].append((contact_id, name, to))
        recipients = []
        for customer_id, customer_name in page:
            reachable = by_customer.get(customer_id)
            if not reachable:
                result.unreachable_count += 1
                if len(result.unreachable) < MAX_UNREACHABLE_LISTED:
                    result.unreachable.append(Unreachable(customer_id, customer_name))
                continue
            recipients += [_Recipient(customer_id, customer_name, *contact) for contact in reachable]
        yield recipients


async def _dry_run(
    uow: UnitOfWork, customers: QuerySet[Customer], channel: MessageChannel, subject: str, body: str
) -> BroadcastResult:
    result = BroadcastResult(broadcast=None, recipient_count=0, preview=None)
    async for recipients in _recipients(uow, customers, channel, result):
        if result.preview is None and recipients:
            result.preview = _content(channel, subject, body, recipients[0])
            result.first_to = recipients[0].to
        result.recipient_count += len(recipients)
    return result


async def _write(
    uow: UnitOfWork, customers: QuerySet[Customer], channel: MessageChannel, subject: str, body: str
) -> BroadcastResult:
    actor = uow.actor
    broadcast = await Broadcast.create(
        account_id=actor.account_id,
        reseller_id=actor.reseller_id,
        channel=channel,
        subject=subject,
        body=body,
        created_by_label=actor.label[:200],
        using_db=uow.conn,
    )
    result = BroadcastResult(broadcast=broadcast, recipient_count=0, preview=None)
    chunk: list[Message] = []
    async for recipients in _recipients(uow, customers, channel, result):
        for recipient in recipients:
            content = _content(channel, subject, body, recipient)
            if result.preview is None:
                result.preview, result.first_to = content, recipient.to
            chunk.append(_message(uow, broadcast, channel, recipient, content))
            if result.recipient_count + len(chunk) > MAX_RECIPIENTS:
                raise _too_many_recipients()
            if len(chunk) >= INSERT_CHUNK:
                result.recipient_count += await _insert(uow, chunk)
                chunk = []
    result.recipient_count += await _insert(uow, chunk)
    if result.recipient_count == 0:
        raise ServiceError.single(
            ErrorCode.INVALID, "None of the selected customers has a contact to reach.", "ids"
        )
    broadcast.recipient_count = result.recipient_count
    await broadcast.save(using_db=uow.conn, update_fields=["recipient_count"])
    uow.audit(
        AuditAction.SEND,
        "broadcast",
        broadcast.id,
        f"{channel.value.title()} to {result.recipient_count} contacts queued",
        diff={
            "channel": {"old": None, "new": channel.value},
            "subject": {"old": None, "new": subject},
            "recipients": {"old": None, "new": result.recipient_count},
        },
    )
    uow.after_commit(FAN_OUT(broadcast_id=broadcast.id))
    return result


def _message(
    uow: UnitOfWork, broadcast: Broadcast, channel: MessageChannel, recipient: _Recipient, content: Rendered
) -> Message:
    return Message(
        account_id=broadcast.account_id,
        broadcast_id=broadcast.id,
        customer_id=recipient.customer_id,
        contact_id=recipient.contact_id,
        channel=channel,
        kind=MessageKind.CAMPAIGN,
        to=recipient.to,
        subject=content.subject,
        body_text=content.text,
        body_html=content.html,
        header_message_id=f"<{uuid.uuid4().hex}@switchboard.invalid>",
        next_attempt_at=uow.now,
    )


async def _insert(uow: UnitOfWork, chunk: list[Message]) -> int:
    if not chunk:
        return 0
    await Message.bulk_create(chunk, using_db=uow.conn)
    return len(chunk)


def _too_many_recipients() -> ServiceError:
    return ServiceError.single(
        ErrorCode.TOO_MANY, f"At most {MAX_RECIPIENTS} recipients per message; select fewer.", "ids"
    )


async def fan_out(broadcast_id: int) -> int:
    """Enqueue a send for each QUEUED message of the broadcast, page by page; returns how many.
    Safe to run twice: a message is claimed by one sender only (outbox.deliver)."""
    last_id = 0
    total = 0
    while True:
        ids = await (
            Message.filter(broadcast_id=broadcast_id, status=MessageStatus.QUEUED, id__gt=last_id)
            .order_by("id")
            .limit(FAN_OUT_PAGE)
            .values_list("id", flat=True)
        )
        if not ids:
            return total
        jobs.dispatch([SEND(message_id=int(str(i))) for i in ids])
        total += len(ids)
        last_id = int(str(ids[-1]))


# --- reading ---------------------------------------------------------------------------------


def visible_broadcasts(actor: Actor) -> QuerySet[Broadcast]:
    """The account's broadcasts; a partner sees only those sent within its reseller."""
    queryset = Broadcast.filter(account_id=actor.account_id)
    if actor.reseller_id is not None:
        queryset = queryset.filter(reseller_id=actor.reseller_id)
    return queryset


async def list_broadcasts(actor: Actor, page: PageRequest) -> Page[Broadcast]:
    """Newest first."""
    actor.require(Permission.MESSAGING_SEND)
    return await paginate(visible_broadcasts(actor), NEWEST_FIRST, page)


async def broadcasts_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Broadcast]:
    actor.require(Permission.MESSAGING_SEND)
    return {row.id: row for row in await visible_broadcasts(actor).filter(id__in=list(ids))}


async def status_counts(actor: Actor, broadcast_ids: Sequence[int]) -> dict[int, dict[MessageStatus, int]]:
    """Each broadcast's messages per status, in one statement (GROUP BY)."""
    actor.require(Permission.MESSAGING_SEND)
    visible = visible_broadcasts(actor).filter(id__in=list(broadcast_ids)).values("id")
    rows = await (
        Message.filter(broadcast_id__in=Subquery(visible))
        .annotate(n=Count("id"))
        .group_by("broadcast_id", "status")
        .values_list("broadcast_id", "status", "n")
    )
    counts: dict[int, dict[MessageStatus, int]] = defaultdict(dict)
    for broadcast_id, status, n in rows:
        counts[int(broadcast_id)][MessageStatus(status)] = int(n)
    return dict(counts)
