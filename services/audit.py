"""Reading the audit trail (writing happens in the unit of work)."""

from __future__ import annotations

from collections.abc import Sequence

from tortoise.queryset import QuerySet

from models import AuditEntry
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
    cursor_int,
    filter_q,
    paginate,
)

CONDITIONS: dict[str, ConditionBuilder] = {
    "actor_kind": column_condition("actor_kind", AuditEntry),
    "actor_user_id": column_condition("actor_user_id", AuditEntry),
    "action": column_condition("action", AuditEntry),
    "table_name": column_condition("table_name", AuditEntry),
    "record_id": column_condition("record_id", AuditEntry),
    "customer_id": column_condition("customer_id", AuditEntry),
    "at": column_condition("at", AuditEntry),
}
# By id, not by `at`: ids are drawn when the entries are inserted, just before commit and after
# every row lock the change took, so one record's entries are listed in the order its changes
# committed, whatever the clocks of the servers that stamped them.
NEWEST_FIRST = [(SortKey("id", cursor_int(AuditEntry, "id")), True)]


def visible_entries(actor: Actor) -> QuerySet[AuditEntry]:
    """The account's trail; a partner sees only entries about its reseller's customers."""
    return about_visible_customers(AuditEntry.filter(account_id=actor.account_id), actor)


def may_see_origin(actor: Actor) -> bool:
    """Staff see where a change came from (IP, user agent); partners see only what was done."""
    return not actor.is_partner


async def entries_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, AuditEntry]:
    """The entries among `ids` that the actor may read, by id."""
    actor.require(Permission.AUDIT_READ)
    return {row.id: row for row in await visible_entries(actor).filter(id__in=list(ids))}


async def list_audit_entries(
    actor: Actor, page: PageRequest, where: Filter | None = None, customer_id: int | None = None
) -> Page[AuditEntry]:
    """Newest (last written) first; `customer_id` narrows to one customer's card."""
    actor.require(Permission.AUDIT_READ)
    queryset = visible_entries(actor)
    if customer_id is not None:
        queryset = queryset.filter(customer_id=customer_id)
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, AuditEntry.filter))
    return await paginate(queryset, NEWEST_FIRST, page)
