"""Reads of call data for the customer card: what each customer spent today (UTC)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from tortoise.functions import Sum

from models import Cdr
from models.enums import Permission
from services.actor import Actor
from services.cdrs.records import units_to_decimal
from services.customers.scope import about_visible_customers


def utc_day(now: datetime) -> tuple[datetime, datetime]:
    """[00:00, next 00:00) UTC of the day `now` lies in: the daily-spend day."""
    start = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + timedelta(days=1)


async def spent_today_by_customer(
    actor: Actor, customer_ids: Sequence[int], now: datetime | None = None
) -> dict[int, Decimal]:
    """The charges of the calls each customer started today (UTC), from the CDRs themselves:
    exact and current, not waiting for the roll-up. One statement for every id."""
    actor.require(Permission.CUSTOMERS_READ)
    start, end = utc_day(now or datetime.now(UTC))
    cdrs = Cdr.filter(
        account_id=actor.account_id, customer_id__in=list(customer_ids), hour__gte=start, hour__lt=end
    )
    rows = (
        await about_visible_customers(cdrs, actor)
        .annotate(total=Sum("charge_units"))
        .group_by("customer_id")
        .values_list("customer_id", "total")
    )
    return {int(customer_id): units_to_decimal(int(total or 0)) for customer_id, total in rows}


async def charges_in_day(
    account_id: int, customer_ids: Sequence[int], day_start: datetime
) -> dict[int, Decimal]:
    """The charges of the calls each customer started in the UTC day from `day_start`, by id
    (absent: none). One statement; no permission check: for callers that checked already and
    pass only customers the principal may see (dialing eligibility)."""
    cdrs = Cdr.filter(
        account_id=account_id,
        customer_id__in=list(customer_ids),
        hour__gte=day_start,
        hour__lt=day_start + timedelta(days=1),
    )
    rows = (
        await cdrs.annotate(total=Sum("charge_units"))
        .group_by("customer_id")
        .values_list("customer_id", "total")
    )
    return {int(customer_id): units_to_decimal(int(total or 0)) for customer_id, total in rows}
