"""Reading the outbox."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.queryset import QuerySet

from models import Message
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import about_visible_customers
from services.listing import (
    ConditionBuilder,
    Filter,
    Page,
    PageRequest,
    SortKey,
    column_condition,
    cursor_datetime,
    filter_q,
    paginate,
    paginate_each,
)

CONDITIONS: dict[str, ConditionBuilder] = {
    "channel": column_condition("channel", Message),
    "status": column_condition("status", Message),
    "kind": column_condition("kind", Message),
    "customer_id": column_condition("customer_id", Message),
    "broadcast_id": column_condition("broadcast_id", Message),
    "created_at": column_condition("created_at", Message),
    "to": column_condition("to", Message),
}
NEWEST_FIRST = [(SortKey("created_at", cursor_datetime), True)]


def visible_messages(actor: Actor) -> QuerySet[Message]:
    """The account's outbox; a partner sees only messages to its reseller's customers."""
    return about_visible_customers(Message.filter(account_id=actor.account_id), actor)


async def find_message(actor: Actor, message_id: int) -> Message | None:
    actor.require(Permission.MESSAGING_SEND)
    return await visible_messages(actor).get_or_none(id=message_id)


async def messages_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Message]:
    """The messages among `ids` that the actor may read, by id."""
    actor.require(Permission.MESSAGING_SEND)
    return {row.id: row for row in await visible_messages(actor).filter(id__in=list(ids))}


async def list_messages(actor: Actor, page: PageRequest, where: Filter | None = None) -> Page[Message]:
    """Newest first."""
    actor.require(Permission.MESSAGING_SEND)
    queryset = visible_messages(actor)
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, Message.filter))
    return await paginate(queryset, NEWEST_FIRST, page)


async def messages_by_broadcast(
    actor: Actor, broadcast_ids: Sequence[int], page: PageRequest
) -> dict[int, Page[Message]]:
    """A page of each broadcast's messages, newest first, in one statement for any number of
    broadcasts (a `broadcasts` page with its messages nested)."""
    actor.require(Permission.MESSAGING_SEND)
    queryset = visible_messages(actor).filter(broadcast_id__in=list(broadcast_ids))
    return await paginate_each(queryset, "broadcast_id", broadcast_ids, NEWEST_FIRST, page)
