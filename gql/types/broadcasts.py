"""Send Email / Send SMS to customers' contacts: the Broadcast and its mutation's input and payload."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.nodes import resolve_nodes
from gql.types.common import REASON, Connection, connection_of
from gql.types.customers import CustomerWhere
from gql.types.messaging import Message, MessageChannel, MessageStatus
from models import Broadcast as BroadcastModel
from services.listing import PageRequest
from services.messaging.broadcasts import broadcasts_by_id


@strawberry.type(description="How many of a broadcast's messages are in one status.")
class BroadcastStatusCount:
    status: MessageStatus = strawberry.field(description="QUEUED, SENT or FAILED.")
    count: int = strawberry.field(description="How many messages.")


@strawberry.type(description="One Send Email / Send SMS to the contacts of many customers.")
class Broadcast(relay.Node):
    id: relay.NodeID[int]
    channel: MessageChannel = strawberry.field(description="E-mail or SMS.")
    subject: str = strawberry.field(description="Subject as written, placeholders unreplaced (e-mail).")
    body: str = strawberry.field(description="Body as written, placeholders unreplaced.")
    created_by: str = strawberry.field(description="Who sent it (a label: user, API key).")
    created_at: datetime = strawberry.field(description="When it was queued (UTC).")
    recipient_count: int = strawberry.field(description="How many messages it queued.")

    @strawberry.field(description="Its messages per status; every status is listed, 0 included.")
    async def counts(self, info: Info) -> list[BroadcastStatusCount]:
        counts = await info.context.loaders.status_counts_by_broadcast_id.load(self.id)
        return [BroadcastStatusCount(status=status, count=counts.get(status, 0)) for status in MessageStatus]

    @strawberry.field(description="Its messages (one per recipient), newest first.")
    async def messages(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Message]:
        page = await info.context.loaders.message_pages(PageRequest(first, after)).load(self.id)
        return connection_of(page, Message.from_model)

    @classmethod
    def from_model(cls, row: BroadcastModel) -> Broadcast:
        return cls(
            id=row.id,
            channel=row.channel,
            subject=row.subject,
            body=row.body,
            created_by=row.created_by_label,
            created_at=row.created_at,
            recipient_count=row.recipient_count,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, BroadcastModel, broadcasts_by_id, cls.from_model)


@strawberry.type(description="A customer selected that has no contact to reach on the channel.")
class UnreachableCustomer:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    name: str = strawberry.field(description="Its name.")


@strawberry.type(description="What a message would look like (the first recipient's).")
class MessagePreview:
    to: str = strawberry.field(description="Its recipient.")
    subject: str = strawberry.field(description="Subject with placeholders replaced (e-mail).")
    text: str = strawberry.field(description="Plain-text body with placeholders replaced.")


@strawberry.input(
    description="Send an e-mail or SMS to every contact of customers chosen by ids or by a filter."
)
class CustomerMessageSendInput:
    ids: list[relay.GlobalID] | None = strawberry.field(default=None, description="These customers.")
    where: CustomerWhere | None = strawberry.field(default=None, description="Or those matching.")
    channel: MessageChannel = strawberry.field(
        description="EMAIL: each contact's e-mail; SMS: each contact's mobile."
    )
    subject: str = strawberry.field(
        default="", description="One line, at most 200 characters (e-mail only; empty for SMS)."
    )
    body: str = strawberry.field(
        description="Plain text (e-mail: at most 20 000 characters; SMS: 1 600). The only "
        "placeholders are {{customer.name}} and {{contact.name}}."
    )
    dry_run: bool = strawberry.field(default=False, description="Count and preview without writing.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of customerMessageSend.")
class CustomerMessageSendPayload:
    broadcast: Broadcast | None = strawberry.field(default=None, description="As queued; null on a dry run.")
    dry_run: bool = strawberry.field(default=False, description="Nothing was written.")
    recipient_count: int = strawberry.field(default=0, description="Messages queued (or that would be).")
    preview: MessagePreview | None = strawberry.field(default=None, description="The first message.")
    unreachable: list[UnreachableCustomer] = strawberry.field(
        default_factory=list,
        description="Selected customers without a contact to reach (at most 500 named).",
    )
    unreachable_count: int = strawberry.field(
        default=0, description="How many selected customers are unreachable."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
