"""Send Email / Send SMS to customers' contacts: decode, call one service, map."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.types.broadcasts import (
    Broadcast,
    CustomerMessageSendInput,
    CustomerMessageSendPayload,
    MessagePreview,
    UnreachableCustomer,
)
from gql.types.common import Connection, connection_of, decode_ids
from models.enums import Permission
from services.customers.bulk import Selection
from services.listing import PageRequest
from services.messaging import broadcasts


async def customer_message_send(info: Info, input: CustomerMessageSendInput) -> CustomerMessageSendPayload:
    request = broadcasts.BroadcastRequest(
        selection=Selection(
            ids=decode_ids(input.ids, "Customer", "ids"),
            where=input.where.to_filter() if input.where else None,
        ),
        channel=input.channel,
        subject=input.subject,
        body=input.body,
    )
    result = await broadcasts.send_broadcast(
        require_actor(info), request, dry_run=input.dry_run, reason=input.reason
    )
    preview = result.preview
    return CustomerMessageSendPayload(
        broadcast=Broadcast.from_model(result.broadcast) if result.broadcast else None,
        dry_run=input.dry_run,
        recipient_count=result.recipient_count,
        preview=MessagePreview(to=result.first_to, subject=preview.subject, text=preview.text)
        if preview is not None and result.first_to is not None
        else None,
        unreachable=[
            UnreachableCustomer(customer_id=relay.GlobalID("Customer", str(u.customer_id)), name=u.name)
            for u in result.unreachable
        ],
        unreachable_count=result.unreachable_count,
    )


async def broadcasts_query(
    info: Info, first: int | None = None, after: str | None = None
) -> Connection[Broadcast]:
    page = await broadcasts.list_broadcasts(require_actor(info), PageRequest(first, after))
    return connection_of(page, Broadcast.from_model)


@strawberry.type(description="Queries of Send Email / Send SMS.")
class BroadcastQueries:
    broadcasts: Connection[Broadcast] = query(
        broadcasts_query,
        needs=Permission.MESSAGING_SEND,
        description="Sends to customers' contacts, newest first.",
    )


@strawberry.type(description="Mutations of Send Email / Send SMS.")
class BroadcastMutations:
    customer_message_send: CustomerMessageSendPayload = mutation(
        customer_message_send,
        needs=Permission.MESSAGING_SEND,
        description="Queue one e-mail or SMS per contact of the selected customers (each "
        "recipient gets its own message), or preview it with dryRun.",
    )
