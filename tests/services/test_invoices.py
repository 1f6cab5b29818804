"""services/invoices/ called directly: generation from hand-made hourly summaries (exact lines,
subtotal, tax, total, number, dates), retries, numbering without gaps across a rolled-back
generation, auto-generation and its re-run, issue and void, settling, scope and permissions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from models import (
    AuditEntry,
    CdrHourlySummary,
    Customer,
    Invoice,
    InvoiceCursor,
    InvoiceLine,
    Message,
    MessageAttachment,
)
from models.enums import (
    AttachmentSource,
    ContactType,
    InvoicePeriod,
    InvoiceSchedule,
    InvoiceStatus,
    Permission,
)
from services import runtime
from services.errors import ErrorCode, FieldError
from services.invoices import documents, lifecycle, queries
from services.invoices.generation import PeriodRef, auto_generate, auto_generate_all, generate_invoices
from services.jobs import Job
from services.listing import PageRequest
from services.portal import contact_actor
from services.uow import unit_of_work
from tests.factories import (
    DENIED,
    ORIGIN,
    make_account,
    make_actor,
    make_contact,
    make_customer,
    make_reseller,
    refused,
)


@pytest.fixture(autouse=True)
def dispatched() -> Iterator[list[Job]]:
    """The jobs that commits dispatch, recorded and not run (no e-mail, no PDF rendered here)."""
    jobs: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(jobs.extend)):
        yield jobs


D, W, M = InvoicePeriod.DAILY, InvoicePeriod.WEEKLY, InvoicePeriod.MONTHLY
NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def utc(year: int, month: int, day: int, hour: int = 0) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


async def hourly(
    customer: Customer, hour: datetime, charge_units: int, attempts: int = 2, connected: int = 1
) -> None:
    await CdrHourlySummary.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        hour=hour,
        attempts=attempts,
        connected=connected,
        duration=60 * connected,
        billed_duration=60 * connected,
        charge_units=charge_units,
        cost_units=0,
        pdd_sum=0,
        computed_at=hour,
    )


async def lines_of(invoice: Invoice) -> list[tuple[date, Decimal]]:
    rows = await InvoiceLine.filter(invoice_id=invoice.id).order_by("position")
    return [(row.day, row.amount) for row in rows]


async def test_a_month_is_invoiced_per_day_with_tax_and_due_date() -> None:
    # given: three days with calls in January (two hours on the 5th), tax 20 %, due in 14 days
    account = await make_account()
    customer = await make_customer(account, tax_percent=Decimal("20"), invoice_due_days=14)
    await hourly(customer, utc(2026, 1, 5, 9), 12_345)  # 1.2345
    await hourly(customer, utc(2026, 1, 5, 10), 10_000)  # 1.0000
    await hourly(customer, utc(2026, 1, 6, 23), 5_000)  # 0.5000
    await hourly(customer, utc(2026, 1, 31, 23), 1_250)  # 0.1250
    await hourly(customer, utc(2026, 2, 1, 0), 99_999)  # February: not in this invoice
    actor = make_actor(account, [Permission.INVOICES_WRITE])

    # when
    [invoice] = await generate_invoices(
        actor, customer.id, [PeriodRef(M, utc(2026, 1, 17))], "January", now=NOW
    )

    # then: subtotal = 2.8595 rounded once = 2.86; the lines' floors (2.23, 0.50, 0.12) leave one
    # cent, which goes to the largest remainder (January 31st: 0.0050 against 0.0045)
    stored = await Invoice.get(id=invoice.id)
    assert (stored.number, stored.status, stored.period, stored.period_start, stored.period_end) == (
        1,
        InvoiceStatus.DRAFT,
        M,
        utc(2026, 1, 1),
        utc(2026, 2, 1),
    )
    assert (stored.subtotal, stored.tax, stored.total, stored.currency) == (
        Decimal("2.86"),
        Decimal("0.57"),
        Decimal("3.43"),
        "EUR",
    )
    assert await lines_of(stored) == [
        (date(2026, 1, 5), Decimal("2.23")),
        (date(2026, 1, 6), Decimal("0.50")),
        (date(2026, 1, 31), Decimal("0.13")),
    ]
    assert stored.due_date - stored.issue_date == timedelta(days=14)
    [entry] = await AuditEntry.filter(table_name="invoice").values(
        "action", "record_id", "customer_id", "reason"
    )
    assert entry == {
        "action": "GENERATE",
        "record_id": str(invoice.id),
        "customer_id": customer.id,
        "reason": "January",
    }


async def test_asking_again_returns_the_same_invoice_and_takes_no_number() -> None:
    account = await make_account()
    customer = await make_customer(account)
    await hourly(customer, utc(2026, 1, 5, 9), 10_000)
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    [first] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 1, 5))], now=NOW)

    [again] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 1, 5, 13))], now=NOW)
    [nxt] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 1, 6))], now=NOW)

    assert (again.id, again.number) == (first.id, 1)
    assert nxt.number == 2
    assert await Invoice.filter(customer_id=customer.id).count() == 2


async def test_a_rolled_back_generation_consumes_no_number() -> None:
    # given: January invoiced monthly (number 1)
    account = await make_account()
    customer = await make_customer(account)
    await hourly(customer, utc(2026, 1, 5, 9), 10_000)
    await hourly(customer, utc(2026, 2, 1, 9), 10_000)
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    await generate_invoices(actor, customer.id, [PeriodRef(M, utc(2026, 1, 1))], now=NOW)

    # when: February 1st (fine, would be number 2) with January 5th (overlaps): all refused
    errors = await refused(
        generate_invoices(
            actor, customer.id, [PeriodRef(D, utc(2026, 2, 1)), PeriodRef(D, utc(2026, 1, 5))], now=NOW
        )
    )

    # then: nothing written; the next invoice is number 2
    assert [(e.code, e.field) for e in errors] == [(ErrorCode.PERIOD_OVERLAP, ("periods", "1", "start"))]
    [february] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 2, 1))], now=NOW)
    assert february.number == 2


async def test_a_period_not_over_and_a_customer_out_of_sight_are_refused() -> None:
    account = await make_account()
    north, south = await make_reseller(account), await make_reseller(account)
    customer = await make_customer(account, reseller_id=south.id)
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    partner = make_actor(account, [Permission.INVOICES_WRITE], reseller_id=north.id)

    assert await refused(generate_invoices(actor, customer.id, [PeriodRef(M, utc(2026, 3, 1))], now=NOW)) == [
        FieldError(
            ErrorCode.PERIOD_NOT_COMPLETE,
            "The period from 2026-03-01T00:00:00+00:00 is not over yet (it ends 2026-04-01T00:00:00+00:00).",
            ("periods", "0", "start"),
        )
    ]
    assert await refused(
        generate_invoices(partner, customer.id, [PeriodRef(D, utc(2026, 1, 1))], now=NOW)
    ) == [FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))]
    reader = make_actor(account, [p for p in Permission if p is not Permission.INVOICES_WRITE])
    assert (
        await refused(generate_invoices(reader, customer.id, [PeriodRef(D, utc(2026, 1, 1))], now=NOW))
        == DENIED
    )


async def test_auto_generation_fills_the_complete_periods_with_calls_and_a_rerun_creates_nothing() -> None:
    # given: a DAILY customer created on March 5th with calls on the 6th and the 8th
    account = await make_account()
    customer = await make_customer(account, invoice_schedule=InvoiceSchedule.DAILY)
    await Customer.filter(id=customer.id).update(created_at=utc(2026, 3, 5, 8))
    await hourly(customer, utc(2026, 3, 6, 1), 20_000)
    await hourly(customer, utc(2026, 3, 8, 1), 30_000)
    await hourly(customer, utc(2026, 3, 10, 1), 40_000)  # today: not complete
    actor = make_actor(account, [Permission.INVOICES_WRITE])

    # when
    created = await auto_generate(actor, customer.id, now=NOW)
    again = await auto_generate(actor, customer.id, now=NOW)

    # then: one invoice per day with calls, none for the empty days, nothing on the re-run
    assert [(i.number, i.period_start, i.total) for i in created] == [
        (1, utc(2026, 3, 6), Decimal("2.00")),
        (2, utc(2026, 3, 8), Decimal("3.00")),
    ]
    assert again == []
    cursor = await InvoiceCursor.get(customer_id=customer.id)
    assert (cursor.period, cursor.next_start) == (D, utc(2026, 3, 10))
    # and the next day's run picks up where it stopped
    later = await auto_generate(actor, customer.id, now=NOW + timedelta(days=1))
    assert [(i.number, i.period_start) for i in later] == [(3, utc(2026, 3, 10))]


async def test_the_scheduler_run_issues_every_scheduled_customer_once() -> None:
    account = await make_account()
    weekly = await make_customer(account, invoice_schedule=InvoiceSchedule.WEEKLY)
    never = await make_customer(account, invoice_schedule=InvoiceSchedule.NONE)
    for customer in (weekly, never):
        await Customer.filter(id=customer.id).update(created_at=utc(2026, 2, 23))
        await hourly(customer, utc(2026, 2, 24, 1), 10_000)

    stats = await auto_generate_all(batch=1, now=NOW)
    rerun = await auto_generate_all(batch=1, now=NOW)

    rows = await Invoice.filter(account_id=account.id).values_list("customer_id", "period_start", "status")
    assert rows == [(weekly.id, utc(2026, 2, 23), InvoiceStatus.ISSUED)]
    assert (stats.invoices, rerun.invoices) == (1, 0)


async def test_a_run_stopped_midway_leaves_no_partial_invoice_and_the_next_run_completes() -> None:
    # given: three MONTHLY customers with calls in February
    account = await make_account()
    customers = [await make_customer(account) for _ in range(3)]
    for customer in customers:
        await Customer.filter(id=customer.id).update(created_at=utc(2026, 2, 1))
        await hourly(customer, utc(2026, 2, 3, 1), 10_000)

    async def crash_at_second(customer_id: int) -> None:
        if customer_id == customers[1].id:
            raise RuntimeError("killed")

    # when: the run dies inside the second customer's transaction, then runs again
    with pytest.raises(RuntimeError):
        await auto_generate_all(batch=2, now=NOW, hook=crash_at_second)
    done_before = await Invoice.filter(account_id=account.id).values_list("customer_id", "number")
    stats = await auto_generate_all(batch=2, now=NOW)

    # then: the first was whole, the second left nothing; the rerun did the rest, numbers 1..3
    assert done_before == [(customers[0].id, 1)]
    assert stats.invoices == 2
    rows = await Invoice.filter(account_id=account.id).order_by("number").values_list("customer_id", "number")
    assert rows == [(customers[0].id, 1), (customers[1].id, 2), (customers[2].id, 3)]
    assert await InvoiceLine.filter(invoice__account_id=account.id).count() == 3


async def test_issuing_mails_the_billing_contacts_with_the_pdf_by_reference() -> None:
    account = await make_account()
    customer = await make_customer(account)
    await make_contact(customer, email="tech@example.com", contact_type=ContactType.TECHNICAL)
    billing = await make_contact(customer, email="bills@example.com", contact_type=ContactType.BILLING)
    await hourly(customer, utc(2026, 1, 5, 9), 10_000)
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    [draft] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 1, 5))], now=NOW)

    issued = await lifecycle.issue_invoice(actor, draft.id)

    assert issued.status is InvoiceStatus.ISSUED and issued.issue_date == datetime.now(UTC).date()
    [message] = await Message.filter(customer_id=customer.id).values("to", "contact_id", "kind", "subject")
    assert message == {
        "to": "bills@example.com",
        "contact_id": billing.id,
        "kind": "INVOICE",
        "subject": f"Invoice 1 from {account.name}",
    }
    [attachment] = await MessageAttachment.all().values("filename", "content_type", "source", "source_id")
    assert attachment == {
        "filename": "invoice-1.pdf",
        "content_type": "application/pdf",
        "source": AttachmentSource.INVOICE_PDF,
        "source_id": draft.id,
    }
    assert await refused(lifecycle.issue_invoice(actor, draft.id)) == [
        FieldError(ErrorCode.INVALID_STATUS, "Only a DRAFT invoice is issued; this one is ISSUED.", ("id",))
    ]


async def test_voiding_needs_a_reason_and_keeps_the_number() -> None:
    account = await make_account()
    customer = await make_customer(account)
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    [draft] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 1, 5))], now=NOW)

    assert await refused(lifecycle.void_invoice(actor, draft.id, "  ")) == [
        FieldError(ErrorCode.REQUIRED, "Say why the invoice is voided.", ("reason",))
    ]
    voided = await lifecycle.void_invoice(actor, draft.id, "Wrong rates")

    assert (voided.number, voided.status, voided.void_reason) == (1, InvoiceStatus.VOID, "Wrong rates")
    assert await refused(lifecycle.void_invoice(actor, draft.id, "again")) == [
        FieldError(ErrorCode.INVALID_STATUS, "A VOID invoice cannot be voided.", ("id",))
    ]
    # a voided period may be generated again, with the next number
    [again] = await generate_invoices(actor, customer.id, [PeriodRef(W, utc(2026, 1, 5))], now=NOW)
    assert again.number == 2


async def test_settling_marks_an_issued_invoice_paid_once_covered() -> None:
    account = await make_account()
    customer = await make_customer(account)
    await hourly(customer, utc(2026, 1, 5, 9), 100_000)  # 10.00
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    [invoice] = await generate_invoices(
        actor, customer.id, [PeriodRef(D, utc(2026, 1, 5))], issue=True, now=NOW
    )

    async with unit_of_work(actor) as uow:
        left = await lifecycle.settle(uow, await Invoice.get(id=invoice.id), Decimal("4.00"))
    async with unit_of_work(actor) as uow:
        rest = await lifecycle.settle(uow, await Invoice.get(id=invoice.id), Decimal("7.50"))

    paid = await Invoice.get(id=invoice.id)
    assert (left, rest) == (Decimal("0.00"), Decimal("1.50"))
    assert (paid.status, paid.amount_paid) == (InvoiceStatus.PAID, Decimal("10.00"))


async def test_portal_contacts_see_their_issued_invoices_unless_the_section_is_hidden() -> None:
    account = await make_account()
    customer = await make_customer(account)
    other = await make_customer(account)
    actor = make_actor(account, [Permission.INVOICES_WRITE])
    [draft] = await generate_invoices(actor, customer.id, [PeriodRef(D, utc(2026, 1, 5))], now=NOW)
    [issued] = await generate_invoices(
        actor, customer.id, [PeriodRef(D, utc(2026, 1, 6))], issue=True, now=NOW
    )
    await generate_invoices(actor, other.id, [PeriodRef(D, utc(2026, 1, 6))], issue=True, now=NOW)
    contact = await make_contact(customer)

    portal = contact_actor(contact, customer, ORIGIN)
    page = await queries.list_invoices(portal, PageRequest())
    hidden = contact_actor(contact, await _hiding(customer, ["INVOICES"]), ORIGIN)

    assert [row.id for row in page.rows] == [issued.id]
    assert draft.id not in await queries.invoices_by_id(portal, [draft.id, issued.id])
    assert [e.code for e in await refused(queries.list_invoices(hidden, PageRequest()))] == [
        ErrorCode.FORBIDDEN
    ]


async def _hiding(customer: Customer, sections: list[str]) -> Customer:
    await Customer.filter(id=customer.id).update(portal_hidden_sections=sections)
    return await Customer.get(id=customer.id)


async def test_invoices_filter_and_sort_and_need_a_reading_permission() -> None:
    account = await make_account()
    customer = await make_customer(account)
    writer = make_actor(account, [Permission.INVOICES_WRITE])
    for day in (5, 6, 7):
        await generate_invoices(
            writer, customer.id, [PeriodRef(D, utc(2026, 1, day))], issue=day == 6, now=NOW
        )
    billing = make_actor(account, [Permission.BILLING_READ])

    newest = await queries.list_invoices(billing, PageRequest(first=2))
    issued = await queries.list_invoices(
        billing, PageRequest(), generation_filter(status=InvoiceStatus.ISSUED)
    )

    assert [r.number for r in newest.rows] == [3, 2] and newest.has_next_page
    assert [r.number for r in issued.rows] == [2]
    assert (
        await refused(queries.list_invoices(make_actor(account, [Permission.CUSTOMERS_READ]), PageRequest()))
        == DENIED
    )


def generation_filter(**conditions: Any) -> Any:
    from services.listing import Condition, Filter

    return Filter(conditions={name: Condition(eq=value) for name, value in conditions.items()})


async def test_document_links_are_signed_and_expire() -> None:
    key = "k" * 40
    url = documents.document_url("https://api.example", key, 7, 3, "pdf", 60, now=NOW)
    token = url.rsplit("/", 1)[1]

    assert url.startswith("https://api.example/invoices/document/")
    assert documents.verify(key, token, now=NOW) == documents.DocumentGrant(
        7, 3, "pdf", int(NOW.timestamp()) + 60
    )
    assert documents.verify(key, token, now=NOW + timedelta(seconds=61)) is None
    assert documents.verify("x" * 40, token, now=NOW) is None
    payload, signature = token.split(".")
    assert documents.verify(key, payload[:-2] + "AA." + signature, now=NOW) is None
