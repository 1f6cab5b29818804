"""Allocating completed payments to invoices (paymentAllocate), and reading allocations.

Rules (README "Payments"):
- Only a COMPLETED payment is allocated (PAYMENT_NOT_COMPLETED otherwise). What it can still
  settle, its unallocated amount, is its converted amount (in the customer's currency), less its
  completed refunds, less what was allocated before; never below zero. A payment with nothing
  left is NOTHING_TO_ALLOCATE.
- It settles ISSUED invoices of its own customer only: the ones named, in the order named, or,
  when none is named, every ISSUED invoice of the customer, oldest due date first (then
  number). An invoice of another customer (or out of the caller's sight) is NOT_FOUND, one not
  ISSUED is INVALID_STATUS, one in another currency CURRENCY_MISMATCH: any of them refuses
  the whole allocation. Each invoice takes what it still owes, the last one may be settled in
  part (it stays ISSUED with its amountPaid); a covered one is PAID.
- Concurrency: the payment's row is locked first (FOR UPDATE; SQLite's write transaction holds
  the database), then the invoices in id order, so concurrent allocations of one payment run
  one after the other and the second sees what the first allocated: never over-allocated.
  Refunds of the payment take the same row lock.
- Every allocation is a PaymentAllocation row (payment, invoice, amount, when, by whom), and the
  payment's audit entry lists them, beside the invoices' own entries (amount paid, status)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tortoise.expressions import Subquery

from models import Invoice, Payment, PaymentAllocation
from models.enums import AuditAction, InvoiceStatus, PaymentStatus, Permission
from services.actor import Actor
from services.customers.scope import about_visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found, permission_denied
from services.invoices.lifecycle import settle
from services.reference import quantum
from services.uow import UnitOfWork, unit_of_work

TABLE = "payment"
MAX_INVOICES = 100
ZERO = Decimal(0)


@dataclass(frozen=True)
class Allocated:
    """What paymentAllocate did: the payment, the allocations it made (in order) and the
    invoices they settled, as saved."""

    payment: Payment
    allocations: list[PaymentAllocation]
    invoices: list[Invoice]


def _shown(value: Decimal, currency: str) -> str:
    return f"{value.quantize(quantum(currency)):f}"


async def allocate_payment(
    actor: Actor, payment_id: int, invoice_ids: Sequence[int] | None, reason: str | None = None
) -> Allocated:
    """Settle ISSUED invoices of the payment's customer from its unallocated amount (see the
    module's rules); one transaction, audited."""
    actor.require(Permission.PAYMENTS_WRITE)
    if invoice_ids is not None:
        _check_ids(invoice_ids)
    async with unit_of_work(actor, reason) as uow:
        scoped = about_visible_customers(Payment.filter(account_id=actor.account_id, id=payment_id), actor)
        payment = await uow.locked(scoped).first()
        if payment is None:
            raise not_found("Payment", "paymentId")
        if payment.status is not PaymentStatus.COMPLETED:
            raise ServiceError.single(
                ErrorCode.PAYMENT_NOT_COMPLETED,
                f"Only a COMPLETED payment is allocated; this one is {payment.status.value}.",
                "paymentId",
            )
        left = await unallocated_locked(uow, payment)
        if left <= 0:
            raise ServiceError.single(
                ErrorCode.NOTHING_TO_ALLOCATE, "Nothing of this payment is left to allocate.", "paymentId"
            )
        invoices = await _open_invoices(uow, payment, invoice_ids)
        made, settled = await _settle_all(uow, payment, invoices, left)
    return Allocated(payment, made, settled)


def _check_ids(invoice_ids: Sequence[int]) -> None:
    if not invoice_ids:
        raise ServiceError.single(
            ErrorCode.REQUIRED, "Name at least one invoice, or omit invoiceIds.", "invoiceIds"
        )
    if len(invoice_ids) > MAX_INVOICES:
        raise ServiceError.single(
            ErrorCode.TOO_MANY, f"At most {MAX_INVOICES} invoices at once.", "invoiceIds"
        )
    if len(set(invoice_ids)) != len(invoice_ids):
        raise ServiceError.single(ErrorCode.INVALID, "An invoice is named twice.", "invoiceIds")


async def unallocated_locked(uow: UnitOfWork, payment: Payment) -> Decimal:
    """The payment's unallocated amount, read in the caller's transaction (the payment locked)."""
    allocated = (
        await PaymentAllocation.filter(payment_id=payment.id)
        .using_db(uow.conn)
        .values_list("amount", flat=True)
    )
    refunds = (
        await Payment.filter(parent_id=payment.id, status=PaymentStatus.COMPLETED)
        .using_db(uow.conn)
        .values_list("converted_amount", flat=True)
    )
    return _left(payment, [Decimal(a) for a in allocated], [Decimal(r) for r in refunds])


def _left(payment: Payment, allocated: Sequence[Decimal], refunds: Sequence[Decimal]) -> Decimal:
    # Sums in Decimal: SQLite keeps money as text and would add it in floating point.
    value = payment.converted_amount + sum(refunds, ZERO) - sum(allocated, ZERO)
    if payment.status is not PaymentStatus.COMPLETED or value < 0:
        value = ZERO
    return value.quantize(quantum(payment.customer_currency))


async def _open_invoices(
    uow: UnitOfWork, payment: Payment, invoice_ids: Sequence[int] | None
) -> list[Invoice]:
    """The invoices to settle, locked in id order, returned in settling order."""
    mine = Invoice.filter(account_id=payment.account_id, customer_id=payment.customer_id)
    if invoice_ids is None:
        rows = await uow.locked(mine.filter(status=InvoiceStatus.ISSUED).order_by("id"))
        if not rows:
            raise ServiceError.single(
                ErrorCode.NOTHING_TO_ALLOCATE, "The customer has no ISSUED invoice to settle.", "invoiceIds"
            )
        return sorted(rows, key=lambda row: (row.due_date, row.number, row.id))
    found = {row.id: row for row in await uow.locked(mine.filter(id__in=list(invoice_ids)).order_by("id"))}
    errors: list[FieldError] = []
    for index, invoice_id in enumerate(invoice_ids):
        at = ("invoiceIds", str(index))
        invoice = found.get(invoice_id)
        if invoice is None:
            errors.append(FieldError(ErrorCode.NOT_FOUND, "Invoice not found.", at))
        elif invoice.status is not InvoiceStatus.ISSUED:
            errors.append(
                FieldError(
                    ErrorCode.INVALID_STATUS,
                    f"Only an ISSUED invoice is settled; invoice {invoice.number} is {invoice.status.value}.",
                    at,
                )
            )
        elif invoice.currency != payment.customer_currency:
            errors.append(
                FieldError(
                    ErrorCode.CURRENCY_MISMATCH,
                    f"Invoice {invoice.number} is in {invoice.currency}, the payment in "
                    f"{payment.customer_currency}.",
                    at,
                )
            )
    if errors:
        raise ServiceError(errors)
    return [found[invoice_id] for invoice_id in invoice_ids]


async def _settle_all(
    uow: UnitOfWork, payment: Payment, invoices: Sequence[Invoice], available: Decimal
) -> tuple[list[PaymentAllocation], list[Invoice]]:
    """The allocations made and the invoices settled (an ISSUED invoice of total 0 is PAID
    without an allocation)."""
    made: list[PaymentAllocation] = []
    settled: list[Invoice] = []
    left = available
    for invoice in invoices:
        if left <= 0:
            break
        if invoice.currency != payment.customer_currency:
            continue  # only reachable without invoiceIds: a customer's invoices share its currency
        rest = await settle(uow, invoice, left)
        settled.append(invoice)
        if rest < left:
            made.append(await record_allocation(uow, payment, invoice, left - rest))
        left = rest
    currency = payment.customer_currency
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        payment.id,
        f"Allocated {_shown(available - left, currency)} {currency} to invoice(s) "
        + ", ".join(str(i.number) for i in settled),
        customer_id=payment.customer_id,
        diff={
            "unallocated_amount": {"old": _shown(available, currency), "new": _shown(left, currency)},
            "allocations": {
                "old": None,
                "new": [{"invoice_id": a.invoice_id, "amount": _shown(a.amount, currency)} for a in made],
            },
        },
    )
    return made, settled


async def record_allocation(
    uow: UnitOfWork, payment: Payment, invoice: Invoice, amount: Decimal
) -> PaymentAllocation:
    """One allocation row, in the caller's transaction (the payment's row locked by it)."""
    actor = uow.actor
    return await PaymentAllocation.create(
        account_id=payment.account_id,
        payment_id=payment.id,
        invoice_id=invoice.id,
        amount=amount,
        at=uow.stamp(),
        by_user_id=actor.user_id,
        by_label=("Portal" if actor.is_portal else actor.label)[:200],
        using_db=uow.conn,
    )


# --- reads ---------------------------------------------------------------------------------------


def _readable(actor: Actor) -> None:
    if actor.is_portal:
        return  # the caller's read of the payment or invoice decided already
    if not any(
        actor.can(p) for p in (Permission.PAYMENTS_READ, Permission.BILLING_READ, Permission.INVOICES_READ)
    ):
        raise permission_denied()


async def allocations_by_payment(
    actor: Actor, payment_ids: Sequence[int]
) -> dict[int, list[PaymentAllocation]]:
    """The allocations of the visible payments among `payment_ids`, oldest first (one statement)."""
    _readable(actor)
    payments = about_visible_customers(Payment.filter(account_id=actor.account_id), actor)
    rows = await PaymentAllocation.filter(
        payment_id__in=Subquery(payments.filter(id__in=list(payment_ids)).values("id"))
    ).order_by("payment_id", "id")
    found: dict[int, list[PaymentAllocation]] = {}
    for row in rows:
        found.setdefault(row.payment_id, []).append(row)
    return found


async def allocations_by_invoice(
    actor: Actor, invoice_ids: Sequence[int]
) -> dict[int, list[PaymentAllocation]]:
    """The allocations to the visible invoices among `invoice_ids`, oldest first (one statement)."""
    _readable(actor)
    invoices = about_visible_customers(Invoice.filter(account_id=actor.account_id), actor)
    rows = await PaymentAllocation.filter(
        invoice_id__in=Subquery(invoices.filter(id__in=list(invoice_ids)).values("id"))
    ).order_by("invoice_id", "id")
    found: dict[int, list[PaymentAllocation]] = {}
    for row in rows:
        found.setdefault(row.invoice_id, []).append(row)
    return found


async def unallocated_by_payment(actor: Actor, payment_ids: Sequence[int]) -> dict[int, Decimal]:
    """What each visible payment among `payment_ids` can still allocate (three statements for
    any number of payments)."""
    _readable(actor)
    payments = await about_visible_customers(Payment.filter(account_id=actor.account_id), actor).filter(
        id__in=list(payment_ids)
    )
    ids = [p.id for p in payments]
    allocated: dict[int, list[Decimal]] = {}
    for payment_id, amount in await PaymentAllocation.filter(payment_id__in=ids).values_list(
        "payment_id", "amount"
    ):
        allocated.setdefault(int(payment_id), []).append(Decimal(amount))
    refunds: dict[int, list[Decimal]] = {}
    for parent_id, amount in await Payment.filter(
        parent_id__in=ids, status=PaymentStatus.COMPLETED
    ).values_list("parent_id", "converted_amount"):
        refunds.setdefault(int(parent_id), []).append(Decimal(amount))
    return {p.id: _left(p, allocated.get(p.id, []), refunds.get(p.id, [])) for p in payments}
