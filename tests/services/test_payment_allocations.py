"""paymentAllocate and receipt invoices (createInvoiceOnPayment), called directly: exact
allocations oldest due first or as named, partial settling, refusals that change nothing,
scope, two concurrent allocations of one payment, refunds, and receipts issued once per payment
with numbers consecutive with the periodic invoices."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from models import (
    Account,
    AuditEntry,
    CdrHourlySummary,
    Customer,
    Invoice,
    InvoiceLine,
    Message,
    MessageAttachment,
    Payment,
    PaymentAllocation,
)
from models.enums import InvoicePeriod, InvoiceStatus, PaymentMethod, PaymentStatus, Permission
from services import runtime
from services.errors import ErrorCode, FieldError, ServiceError
from services.invoices.generation import PeriodRef, generate_invoices
from services.jobs import Job
from services.payments.allocations import allocate_payment, unallocated_by_payment
from services.payments.commands import PaymentInput, complete_payment, create_payment
from tests.factories import DENIED, make_actor, make_contact, make_customer, make_reseller, refused

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


@pytest.fixture(autouse=True)
def dispatched() -> Iterator[list[Job]]:
    """The jobs that commits dispatch, recorded and not run (no e-mail, no PDF rendered here)."""
    jobs: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(jobs.extend)):
        yield jobs


def pay(customer: Customer, amount: str, **extra: Any) -> PaymentInput:
    return PaymentInput(
        customer_id=customer.id,
        amount=Decimal(amount),
        currency=customer.currency,
        method=extra.pop("method", PaymentMethod.BANK_TRANSFER),
        **extra,
    )


async def issued(customer: Customer, day: int, charge: str, due: date | None = None) -> Invoice:
    """An ISSUED DAILY invoice of 2026-01-<day> whose total is `charge` (no tax)."""
    hour = datetime(2026, 1, day, 9, tzinfo=UTC)
    await CdrHourlySummary.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        hour=hour,
        attempts=1,
        connected=1,
        duration=60,
        billed_duration=60,
        charge_units=int(Decimal(charge) * 10_000),
        cost_units=0,
        pdd_sum=0,
        computed_at=hour,
    )
    actor = make_actor(await Account.get(id=customer.account_id))
    [invoice] = await generate_invoices(
        actor, customer.id, [PeriodRef(InvoicePeriod.DAILY, hour)], issue=True, now=NOW
    )
    if due is not None:
        await Invoice.filter(id=invoice.id).update(due_date=due)
    return await Invoice.get(id=invoice.id)


async def completed(customer: Customer, amount: str, **extra: Any) -> Payment:
    actor = make_actor(await Account.get(id=customer.account_id))
    return await create_payment(actor, pay(customer, amount, **extra), complete=True)


async def state(invoice: Invoice) -> tuple[InvoiceStatus, Decimal, bool]:
    row = await Invoice.get(id=invoice.id)
    return row.status, row.amount_paid, row.paid_at is not None


async def allocations_of(payment: Payment) -> list[tuple[int, Decimal, str]]:
    rows = await PaymentAllocation.filter(payment_id=payment.id).order_by("id")
    return [(row.invoice_id, row.amount, row.by_label) for row in rows]


async def test_without_invoice_ids_the_oldest_due_is_settled_first_and_the_last_in_part(
    account: Account,
) -> None:
    customer = await make_customer(account)
    later = await issued(customer, 5, "10.00", due=date(2026, 2, 20))
    oldest = await issued(customer, 6, "4.50", due=date(2026, 2, 1))
    middle = await issued(customer, 7, "7.25", due=date(2026, 2, 10))
    payment = await completed(customer, "15.00")
    actor = make_actor(account)

    done = await allocate_payment(actor, payment.id, None, "Bank statement 12")

    assert [(a.invoice_id, a.amount) for a in done.allocations] == [
        (oldest.id, Decimal("4.50")),
        (middle.id, Decimal("7.25")),
        (later.id, Decimal("3.25")),
    ]
    assert [i.id for i in done.invoices] == [oldest.id, middle.id, later.id]
    assert await state(oldest) == (InvoiceStatus.PAID, Decimal("4.50"), True)
    assert await state(middle) == (InvoiceStatus.PAID, Decimal("7.25"), True)
    assert await state(later) == (InvoiceStatus.ISSUED, Decimal("3.25"), False)
    assert await unallocated_by_payment(actor, [payment.id]) == {payment.id: Decimal("0.00")}
    [entry] = (
        await AuditEntry.filter(table_name="payment", record_id=str(payment.id), action="UPDATE")
        .filter(message__startswith="Allocated")
        .values("message", "reason", "diff")
    )
    assert entry == {
        "message": f"Allocated 15.00 EUR to invoice(s) {oldest.number}, {middle.number}, {later.number}",
        "reason": "Bank statement 12",
        "diff": {
            "unallocated_amount": {"old": "15.00", "new": "0.00"},
            "allocations": {
                "old": None,
                "new": [
                    {"invoice_id": oldest.id, "amount": "4.50"},
                    {"invoice_id": middle.id, "amount": "7.25"},
                    {"invoice_id": later.id, "amount": "3.25"},
                ],
            },
        },
    }
    settled = await AuditEntry.filter(table_name="invoice", message__startswith="Settled").count()
    assert settled == 3
    # nothing left: a second allocation is refused
    assert await refused(allocate_payment(actor, payment.id, None)) == [
        FieldError(
            ErrorCode.NOTHING_TO_ALLOCATE, "Nothing of this payment is left to allocate.", ("paymentId",)
        )
    ]


async def test_named_invoices_are_settled_in_the_order_named_and_the_rest_stays_unallocated(
    account: Account,
) -> None:
    customer = await make_customer(account)
    first = await issued(customer, 5, "3.00")
    second = await issued(customer, 6, "2.00")
    payment = await completed(customer, "10.00")
    actor = make_actor(account)

    done = await allocate_payment(actor, payment.id, [second.id, first.id])

    assert await allocations_of(payment) == [
        (second.id, Decimal("2.00"), "Tester"),
        (first.id, Decimal("3.00"), "Tester"),
    ]
    assert [i.status for i in done.invoices] == [InvoiceStatus.PAID, InvoiceStatus.PAID]
    assert await unallocated_by_payment(actor, [payment.id]) == {payment.id: Decimal("5.00")}
    # a later invoice takes the rest
    third = await issued(customer, 7, "8.00")
    await allocate_payment(actor, payment.id, None)
    assert await state(third) == (InvoiceStatus.ISSUED, Decimal("5.00"), False)
    assert await unallocated_by_payment(actor, [payment.id]) == {payment.id: Decimal("0.00")}


async def test_refusals_are_typed_and_change_nothing(account: Account) -> None:
    customer = await make_customer(account)
    stranger = await make_customer(account)
    open_invoice = await issued(customer, 5, "3.00")
    foreign = await issued(stranger, 5, "3.00")
    actor = make_actor(account)
    [draft] = await generate_invoices(
        actor, customer.id, [PeriodRef(InvoicePeriod.DAILY, datetime(2026, 1, 9, tzinfo=UTC))], now=NOW
    )
    pending = await create_payment(actor, pay(customer, "5.00"))
    payment = await completed(customer, "5.00")

    assert await refused(allocate_payment(actor, pending.id, None)) == [
        FieldError(
            ErrorCode.PAYMENT_NOT_COMPLETED,
            "Only a COMPLETED payment is allocated; this one is PENDING.",
            ("paymentId",),
        )
    ]
    assert await refused(allocate_payment(actor, payment.id, [open_invoice.id, foreign.id, draft.id])) == [
        FieldError(ErrorCode.NOT_FOUND, "Invoice not found.", ("invoiceIds", "1")),
        FieldError(
            ErrorCode.INVALID_STATUS,
            f"Only an ISSUED invoice is settled; invoice {draft.number} is DRAFT.",
            ("invoiceIds", "2"),
        ),
    ]
    assert await refused(allocate_payment(actor, payment.id, [open_invoice.id, open_invoice.id])) == [
        FieldError(ErrorCode.INVALID, "An invoice is named twice.", ("invoiceIds",))
    ]
    assert await refused(allocate_payment(actor, payment.id, [])) == [
        FieldError(ErrorCode.REQUIRED, "Name at least one invoice, or omit invoiceIds.", ("invoiceIds",))
    ]
    assert await refused(allocate_payment(actor, 10**6, None)) == [
        FieldError(ErrorCode.NOT_FOUND, "Payment not found.", ("paymentId",))
    ]
    assert (
        await refused(allocate_payment(make_actor(account, [Permission.PAYMENTS_READ]), payment.id, None))
        == DENIED
    )
    # a customer without an ISSUED invoice has nothing to settle
    idle = await make_customer(account)
    idle_payment = await completed(idle, "5.00")
    assert await refused(allocate_payment(actor, idle_payment.id, None)) == [
        FieldError(
            ErrorCode.NOTHING_TO_ALLOCATE, "The customer has no ISSUED invoice to settle.", ("invoiceIds",)
        )
    ]


async def test_partners_allocate_their_resellers_customers_payments_only(account: Account) -> None:
    north, south = await make_reseller(account), await make_reseller(account)
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    await issued(mine, 5, "1.00")
    await issued(theirs, 5, "1.00")
    partner = make_actor(account, [Permission.PAYMENTS_WRITE, Permission.PAYMENTS_READ], reseller_id=north.id)
    own, other = await completed(mine, "1.00"), await completed(theirs, "1.00")

    assert await refused(allocate_payment(partner, other.id, None)) == [
        FieldError(ErrorCode.NOT_FOUND, "Payment not found.", ("paymentId",))
    ]
    done = await allocate_payment(partner, own.id, None)
    assert [a.amount for a in done.allocations] == [Decimal("1.00")]
    assert await unallocated_by_payment(partner, [own.id, other.id]) == {own.id: Decimal("0.00")}


async def test_two_concurrent_allocations_of_one_payment_never_over_allocate(account: Account) -> None:
    customer = await make_customer(account)
    one = await issued(customer, 5, "8.00")
    two = await issued(customer, 6, "8.00")
    payment = await completed(customer, "10.00")
    actor = make_actor(account)

    results = await asyncio.gather(
        allocate_payment(actor, payment.id, [one.id]),
        allocate_payment(actor, payment.id, [two.id]),
        return_exceptions=True,
    )

    assert not [r for r in results if isinstance(r, BaseException)], results
    amounts = sorted(a.amount for r in results if not isinstance(r, BaseException) for a in r.allocations)
    assert amounts == [Decimal("2.00"), Decimal("8.00")]
    rows = await PaymentAllocation.filter(payment_id=payment.id).values_list("amount", flat=True)
    assert sum(Decimal(a) for a in rows) == Decimal("10.00")
    paid = sorted([await state(one), await state(two)], key=lambda s: s[1])
    assert paid == [
        (InvoiceStatus.ISSUED, Decimal("2.00"), False),
        (InvoiceStatus.PAID, Decimal("8.00"), True),
    ]


async def test_a_refund_lowers_what_the_payment_can_still_allocate(account: Account) -> None:
    customer = await make_customer(account)
    invoice = await issued(customer, 5, "20.00")
    actor = make_actor(account)
    payment = await completed(customer, "10.00")
    await create_payment(
        actor, pay(customer, "-4.00", parent_id=payment.id, external_id="R-1"), complete=True
    )

    done = await allocate_payment(actor, payment.id, None)

    assert [a.amount for a in done.allocations] == [Decimal("6.00")]
    assert await state(invoice) == (InvoiceStatus.ISSUED, Decimal("6.00"), False)


# --- receipts (createInvoiceOnPayment) ------------------------------------------------------------


async def test_completing_a_payment_issues_one_paid_receipt_numbered_with_the_periodic_invoices(
    account: Account,
) -> None:
    customer = await make_customer(account, create_invoice_on_payment=True, invoice_due_days=7)
    billing = await make_contact(customer, email="bills@example.com")
    periodic = await issued(customer, 5, "3.00")  # number 1
    actor = make_actor(account)
    payment = await create_payment(
        actor, pay(customer, "25.00", external_id="W-1", method=PaymentMethod.BANK_TRANSFER)
    )

    done = await complete_payment(actor, payment.id)

    [receipt] = await Invoice.filter(customer_id=customer.id, period=InvoicePeriod.RECEIPT)
    assert done.completed_at is not None
    assert (receipt.number, receipt.status, receipt.payment_id, receipt.currency) == (
        periodic.number + 1,
        InvoiceStatus.PAID,
        payment.id,
        "EUR",
    )
    assert (receipt.subtotal, receipt.tax, receipt.total, receipt.amount_paid) == (
        Decimal("25.00"),
        Decimal("0.00"),
        Decimal("25.00"),
        Decimal("25.00"),
    )
    assert (receipt.period_start, receipt.period_end, receipt.issue_date) == (
        done.completed_at,
        done.completed_at,
        done.completed_at.date(),
    )
    lines = await InvoiceLine.filter(invoice_id=receipt.id).values_list("position", "description", "amount")
    assert lines == [(1, "Payment received (bank transfer W-1): 25.00 EUR", Decimal("25.00"))]
    assert await allocations_of(payment) == [(receipt.id, Decimal("25.00"), "Tester")]
    assert await unallocated_by_payment(actor, [payment.id]) == {payment.id: Decimal("0.00")}
    assert await state(periodic) == (InvoiceStatus.ISSUED, Decimal("0.00"), False)
    *_periodic_mail, message = (
        await Message.filter(customer_id=customer.id)
        .order_by("id")
        .values("to", "contact_id", "kind", "subject")
    )
    assert message == {
        "to": "bills@example.com",
        "contact_id": billing.id,
        "kind": "INVOICE",
        "subject": f"Invoice {receipt.number} from {account.name}",
    }
    assert await MessageAttachment.filter(source_id=receipt.id).values_list("filename", flat=True) == [
        f"invoice-{receipt.number}.pdf"
    ]
    messages = [
        e["message"]
        for e in await AuditEntry.filter(
            customer_id=customer.id, table_name="invoice", record_id=str(receipt.id)
        )
        .order_by("id")
        .values("message")
    ]
    assert messages == [
        f"Generated receipt invoice {receipt.number} for payment {payment.id}: total 25.00 EUR",
        f"Issued invoice {receipt.number}",
        f"E-mailed invoice {receipt.number} to 1 contact(s)",
        f"Settled 25.00 EUR of invoice {receipt.number}",
    ]

    # completing again is refused and issues nothing; the next periodic invoice takes the next number
    with pytest.raises(ServiceError):
        await complete_payment(actor, payment.id)
    assert await Invoice.filter(payment_id=payment.id).count() == 1
    after = await issued(customer, 6, "1.00")
    assert after.number == receipt.number + 1


async def test_a_completed_payment_recorded_twice_by_external_id_gets_one_receipt(account: Account) -> None:
    customer = await make_customer(account, create_invoice_on_payment=True)
    actor = make_actor(account)
    given = pay(customer, "9.99", external_id="TXN-1", method=PaymentMethod.PAYPAL)

    first = await create_payment(actor, given, complete=True)
    again = await create_payment(actor, given, complete=True)

    assert again.id == first.id
    assert await Invoice.filter(customer_id=customer.id).values_list("number", "status", "total") == [
        (1, InvoiceStatus.PAID, Decimal("9.99"))
    ]


async def test_no_receipt_without_the_flag_nor_for_a_refund(account: Account) -> None:
    plain = await make_customer(account)
    await completed(plain, "5.00")
    customer = await make_customer(account, create_invoice_on_payment=True)
    payment = await completed(customer, "5.00")
    actor = make_actor(account)

    await create_payment(actor, pay(customer, "-2.00", parent_id=payment.id), complete=True)

    assert await Invoice.filter(account_id=account.id).values_list("customer_id", "payment_id") == [
        (customer.id, payment.id)
    ]


async def test_receipts_do_not_overlap_periods_and_are_never_generated(account: Account) -> None:
    customer = await make_customer(account, create_invoice_on_payment=True)
    payment = await completed(customer, "5.00")
    moment = datetime(2026, 1, 5, 10, tzinfo=UTC)
    await Invoice.filter(payment_id=payment.id).update(period_start=moment, period_end=moment)
    actor = make_actor(account)

    [daily] = await generate_invoices(
        actor, customer.id, [PeriodRef(InvoicePeriod.DAILY, datetime(2026, 1, 5, tzinfo=UTC))], now=NOW
    )

    assert (daily.number, daily.period) == (2, InvoicePeriod.DAILY)
    assert await refused(
        generate_invoices(actor, customer.id, [PeriodRef(InvoicePeriod.RECEIPT, moment)], now=NOW)
    ) == [
        FieldError(
            ErrorCode.INVALID,
            "A receipt is issued for a payment (createInvoiceOnPayment), not generated.",
            ("periods", "0", "period"),
        )
    ]
    assert await Payment.filter(id=payment.id).values_list("status", flat=True) == [PaymentStatus.COMPLETED]
