"""Reading payments: staff with payments:read, billing systems with billing:read, partners for
their reseller's customers, portal contacts for their own customer unless its portal hides the
PAYMENTS section."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from models import Payment
from models.enums import Permission, PortalSection
from services.actor import Actor
from services.errors import permission_denied
from services.listing import (
    ConditionBuilder,
    Filter,
    Page,
    PageRequest,
    SortKey,
    column_condition,
    cursor_datetime,
    cursor_decimal,
    filter_q,
    paginate,
    paginate_each,
)
from services.payments.commands import visible_payments
from services.portal import forbidden, shows

CONDITIONS: dict[str, ConditionBuilder] = {
    "customer_id": column_condition("customer_id", Payment),
    "status": column_condition("status", Payment),
    "method": column_condition("method", Payment),
    "currency": column_condition("currency", Payment),
    "external_id": column_condition("external_id", Payment),
    "created_at": column_condition("created_at", Payment),
    "completed_at": column_condition("completed_at", Payment),
}


class PaymentSortField(StrEnum):
    CREATED_AT = "CREATED_AT"
    CONVERTED_AMOUNT = "CONVERTED_AMOUNT"


SORT_KEYS = {
    PaymentSortField.CREATED_AT: SortKey("created_at", cursor_datetime),
    PaymentSortField.CONVERTED_AMOUNT: SortKey("converted_amount", cursor_decimal),
}
NEWEST_FIRST = ((PaymentSortField.CREATED_AT, True),)


@dataclass(frozen=True)
class PaymentQuery:
    """Which payments a list shows, in what order ((field, descending) pairs; newest first)."""

    where: Filter | None = None
    sort: tuple[tuple[PaymentSortField, bool], ...] = ()


def require_reader(actor: Actor) -> None:
    if actor.is_portal:
        if not shows(actor, PortalSection.PAYMENTS):
            raise forbidden()
        return
    if not (actor.can(Permission.PAYMENTS_READ) or actor.can(Permission.BILLING_READ)):
        raise permission_denied()


def _queryset(actor: Actor, query: PaymentQuery) -> QuerySet[Payment]:
    queryset = visible_payments(actor)
    if query.where is not None:
        queryset = queryset.filter(filter_q(query.where, CONDITIONS, Payment.filter))
    return queryset


def _order(query: PaymentQuery) -> list[tuple[SortKey, bool]]:
    return [(SORT_KEYS[field], descending) for field, descending in query.sort or NEWEST_FIRST]


async def list_payments(actor: Actor, query: PaymentQuery, page: PageRequest) -> Page[Payment]:
    require_reader(actor)
    return await paginate(_queryset(actor, query), _order(query), page)


async def payments_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Payment]:
    require_reader(actor)
    return {row.id: row for row in await visible_payments(actor).filter(id__in=list(ids))}


async def payments_by_customer(
    actor: Actor, customer_ids: Sequence[int], query: PaymentQuery, page: PageRequest
) -> dict[int, Page[Payment]]:
    """A page of each customer's payments, one statement for any number of customers."""
    require_reader(actor)
    queryset = _queryset(actor, query).filter(customer_id__in=list(customer_ids))
    return await paginate_each(queryset, "customer_id", customer_ids, _order(query), page)


async def payment_counts_by_customer(
    actor: Actor, customer_ids: Sequence[int], query: PaymentQuery
) -> dict[int, int]:
    require_reader(actor)
    queryset = _queryset(actor, query).filter(customer_id__in=list(customer_ids))
    rows = await queryset.annotate(count=Count("id")).group_by("customer_id").values("customer_id", "count")
    counts = {customer_id: 0 for customer_id in customer_ids}
    counts.update({int(row["customer_id"]): int(row["count"]) for row in rows})
    return counts
