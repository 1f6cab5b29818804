"""Invoices reconcile to the minor unit with their lines and their summary rows, for random
hourly charges, in currencies of 0 (JPY), 2 (EUR) and 3 (BHD) decimals: the subtotal is the
period's summary row charge, the lines sum to it, each line is within one minor unit of its
day's summary row, tax is the subtotal's rounded once, total = subtotal + tax."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from models import CdrHourlySummary, InvoiceLine
from models.enums import InvoicePeriod, Permission
from services import runtime
from services.cdrs.summaries import SummaryPeriod, SummaryQuery, summaries_of_customers
from services.invoices import money
from services.invoices.generation import PeriodRef, generate_invoices
from services.jobs import Job
from services.reference import quantum
from tests.factories import make_account, make_actor, make_customer

FEBRUARY = datetime(2026, 2, 1, tzinfo=UTC)
NOW = datetime(2026, 3, 10, tzinfo=UTC)


@pytest.fixture(autouse=True)
def dispatched() -> Iterator[list[Job]]:
    jobs: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(jobs.extend)):
        yield jobs


hours = st.lists(
    st.tuples(st.integers(0, 28 * 24 - 1), st.integers(0, 50_000_000)),
    min_size=0,
    max_size=30,
    unique_by=lambda h: h[0],
)


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    currency=st.sampled_from(["JPY", "EUR", "BHD"]),
    tax=st.decimals(0, 30, places=4),
    charges=hours,
)
async def test_invoices_reconcile_with_lines_and_summaries(
    currency: str, tax: Decimal, charges: list[tuple[int, int]]
) -> None:
    account = await make_account()
    customer = await make_customer(account, currency=currency, tax_percent=tax)
    for offset, units in charges:
        hour = FEBRUARY + timedelta(hours=offset)
        await CdrHourlySummary.create(
            account_id=account.id,
            customer_id=customer.id,
            hour=hour,
            attempts=1,
            connected=1,
            duration=1,
            billed_duration=1,
            charge_units=units,
            cost_units=0,
            pdd_sum=0,
            computed_at=hour,
        )
    actor = make_actor(account, [Permission.INVOICES_WRITE, Permission.BILLING_READ])

    [invoice] = await generate_invoices(
        actor, customer.id, [PeriodRef(InvoicePeriod.MONTHLY, FEBRUARY)], now=NOW
    )

    step = quantum(currency)
    month = (
        await summaries_of_customers(
            actor, [customer.id], SummaryQuery(SummaryPeriod.MONTHLY, FEBRUARY, NOW.replace(day=1))
        )
    )[customer.id]
    days = (
        await summaries_of_customers(
            actor, [customer.id], SummaryQuery(SummaryPeriod.DAILY, FEBRUARY, NOW.replace(day=1))
        )
    )[customer.id]
    lines = await InvoiceLine.filter(invoice_id=invoice.id).order_by("position")
    by_day = {row.period_start.date(): row.charge for row in days.rows}
    assert invoice.subtotal == month.rows[0].charge
    assert sum((line.amount for line in lines), Decimal(0)) == invoice.subtotal
    assert all(abs(line.amount - by_day[line.day]) <= step for line in lines)
    assert all(line.amount == line.amount.quantize(step) for line in lines)
    assert invoice.tax == (invoice.subtotal * tax / 100).quantize(step, rounding=ROUND_HALF_EVEN)
    assert invoice.total == invoice.subtotal + invoice.tax
    assert {line.day for line in lines} == {
        day
        for day, charge in by_day.items()
        if any((FEBRUARY + timedelta(hours=o)).date() == day for o, _ in charges)
    }


def test_a_half_minor_unit_rounds_to_even() -> None:
    assert money.lines_minor([50, 150, 250], "EUR") == [
        1,
        1,
        2,
    ]  # 4.5 cents -> 4; remainders tie: earlier first
    assert money.subtotal_minor(250, "EUR") == 2 and money.subtotal_minor(350, "EUR") == 4
    assert money.tax_minor(250, Decimal("1")) == 2  # 2.5 -> 2
    assert money.tax_minor(350, Decimal("1")) == 4  # 3.5 -> 4
