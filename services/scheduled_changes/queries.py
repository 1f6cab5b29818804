"""The Delay Log: the account's scheduled changes, filtered, sorted and paged."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from tortoise.expressions import Q, Subquery
from tortoise.queryset import QuerySet

from models import ScheduledChange
from models.enums import Permission, ScheduledChangeStatus
from services.actor import Actor
from services.customers.scope import visible_customers
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
)

CONDITIONS: dict[str, ConditionBuilder] = {
    "customer_id": column_condition("customer_id", ScheduledChange),
    "status": column_condition("status", ScheduledChange),
    "kind": column_condition("kind", ScheduledChange),
    "effective_at": column_condition("effective_at", ScheduledChange),
    "created_at": column_condition("created_at", ScheduledChange),
}


class ScheduledChangeSortField(StrEnum):
    EFFECTIVE_AT = "effective_at"
    CREATED_AT = "created_at"


SORT_KEYS = {field: SortKey(field.value, cursor_datetime) for field in ScheduledChangeSortField}
# Soonest first: the Delay Log reads as what happens next.
DEFAULT_ORDER = [(SORT_KEYS[ScheduledChangeSortField.EFFECTIVE_AT], False)]


def visible_changes(actor: Actor) -> QuerySet[ScheduledChange]:
    """The account's changes; a partner's are those about its reseller's customers, and the
    customer creations its reseller scheduled."""
    changes = ScheduledChange.filter(account_id=actor.account_id)
    if actor.reseller_id is None:
        return changes
    visible = Subquery(visible_customers(actor).values("id"))
    return changes.filter(
        Q(customer_id__in=visible) | Q(customer_id__isnull=True, created_by_reseller_id=actor.reseller_id)
    )


async def list_scheduled_changes(
    actor: Actor,
    page: PageRequest,
    where: Filter | None = None,
    sort: Sequence[tuple[ScheduledChangeSortField, bool]] = (),
    customer_id: int | None = None,
) -> Page[ScheduledChange]:
    """One page of the Delay Log (soonest first unless sorted otherwise): one SELECT, and one
    COUNT when the total is asked for."""
    actor.require(Permission.CUSTOMERS_READ)
    queryset = visible_changes(actor)
    if customer_id is not None:
        queryset = queryset.filter(customer_id=customer_id)
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, ScheduledChange.filter))
    order = [(SORT_KEYS[field], descending) for field, descending in sort] or DEFAULT_ORDER
    return await paginate(queryset, order, page)


async def changes_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, ScheduledChange]:
    actor.require(Permission.CUSTOMERS_READ)
    return {row.id: row for row in await visible_changes(actor).filter(id__in=list(ids))}


async def pending_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[ScheduledChange]]:
    """Each customer's PENDING changes, soonest first, in one statement."""
    actor.require(Permission.CUSTOMERS_READ)
    rows = await (
        visible_changes(actor)
        .filter(customer_id__in=list(customer_ids), status=ScheduledChangeStatus.PENDING)
        .order_by("effective_at", "id")
    )
    found: dict[int, list[ScheduledChange]] = {}
    for row in rows:
        assert row.customer_id is not None
        found.setdefault(row.customer_id, []).append(row)
    return found
