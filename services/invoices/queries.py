"""Reading invoices.

Who reads them: staff and API keys holding invoices:read (or billing:read: billing systems);
partners, their reseller's customers' only; portal contacts, their own customer's, unless the
customer's portal hides the INVOICES section, and never a DRAFT (a draft is the provider's
work in progress)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from models import Invoice, InvoiceLine
from models.enums import InvoiceStatus, Permission, PortalSection
from services.actor import Actor
from services.customers.scope import about_visible_customers
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
    cursor_int,
    filter_q,
    paginate,
    paginate_each,
)
from services.portal import forbidden, shows

READERS = (Permission.INVOICES_READ, Permission.BILLING_READ)
CONDITIONS: dict[str, ConditionBuilder] = {
    "customer_id": column_condition("customer_id", Invoice),
    "status": column_condition("status", Invoice),
    "period": column_condition("period", Invoice),
    "period_start": column_condition("period_start", Invoice),
    "issued_at": column_condition("issued_at", Invoice),
    "updated_at": column_condition("updated_at", Invoice),
    "number": column_condition("number", Invoice),
}


class InvoiceSortField(StrEnum):
    NUMBER = "NUMBER"
    PERIOD_START = "PERIOD_START"
    ISSUED_AT = "ISSUED_AT"
    UPDATED_AT = "UPDATED_AT"
    TOTAL = "TOTAL"


SORT_KEYS = {
    InvoiceSortField.NUMBER: SortKey("number", cursor_int(Invoice, "number")),
    InvoiceSortField.PERIOD_START: SortKey("period_start", cursor_datetime),
    InvoiceSortField.ISSUED_AT: SortKey("issued_at", cursor_datetime),
    InvoiceSortField.UPDATED_AT: SortKey("updated_at", cursor_datetime),
    InvoiceSortField.TOTAL: SortKey("total", cursor_decimal),
}
NEWEST_FIRST = [(SORT_KEYS[InvoiceSortField.NUMBER], True)]


def require_reader(actor: Actor) -> None:
    if actor.is_portal:
        if not shows(actor, PortalSection.INVOICES):
            raise forbidden()
        return
    if not any(actor.can(p) for p in READERS):
        raise permission_denied()


def visible_invoices(actor: Actor) -> QuerySet[Invoice]:
    queryset = about_visible_customers(Invoice.filter(account_id=actor.account_id), actor)
    if actor.is_portal:
        queryset = queryset.exclude(status=InvoiceStatus.DRAFT)
    return queryset


async def invoices_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Invoice]:
    require_reader(actor)
    return {row.id: row for row in await visible_invoices(actor).filter(id__in=list(ids))}


def _order(sort: Sequence[tuple[InvoiceSortField, bool]] | None) -> list[tuple[SortKey, bool]]:
    return [(SORT_KEYS[field], descending) for field, descending in sort] if sort else NEWEST_FIRST


async def list_invoices(
    actor: Actor,
    page: PageRequest,
    where: Filter | None = None,
    sort: Sequence[tuple[InvoiceSortField, bool]] | None = None,
) -> Page[Invoice]:
    """Newest number first unless sorted; `id` breaks ties."""
    require_reader(actor)
    queryset = visible_invoices(actor)
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, Invoice.filter))
    return await paginate(queryset, _order(sort), page)


async def invoices_by_customer(
    actor: Actor, customer_ids: Sequence[int], page: PageRequest
) -> dict[int, Page[Invoice]]:
    """A page of each customer's invoices, newest first, in one statement (Customer.invoices)."""
    require_reader(actor)
    queryset = visible_invoices(actor).filter(customer_id__in=list(customer_ids))
    return await paginate_each(queryset, "customer_id", customer_ids, NEWEST_FIRST, page)


async def lines_by_invoice(actor: Actor, invoice_ids: Sequence[int]) -> dict[int, list[InvoiceLine]]:
    """The lines of the visible invoices among `invoice_ids`, by position (one statement)."""
    require_reader(actor)
    rows = await InvoiceLine.filter(
        invoice_id__in=Subquery(visible_invoices(actor).filter(id__in=list(invoice_ids)).values("id"))
    ).order_by("invoice_id", "position")
    found: dict[int, list[InvoiceLine]] = {}
    for row in rows:
        found.setdefault(row.invoice_id, []).append(row)
    return found
