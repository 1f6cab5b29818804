"""Receipt invoices (the customer's createInvoiceOnPayment).

When a payment of a customer with createInvoiceOnPayment on is completed (paymentComplete,
paymentCreate's completion, PayPal IPN's Completed), the completing transaction also:
- takes the account's next invoice number (the counter is locked first, as every generation
  does: numbers stay consecutive with the periodic invoices, and a rolled-back completion takes
  none);
- creates an invoice of period RECEIPT for that payment (`payment_id`, unique: one receipt per
  payment at most), from and to the moment the payment was completed, with one line (the
  payment), subtotal = total = the payment's converted amount in the customer's currency and no
  tax (tax is charged on the usage invoices; a receipt acknowledges money received);
- issues it, which e-mails it (PDF attached) like any issued invoice;
- settles it with that same payment (recorded as an allocation), so it is PAID at once and the
  payment has nothing left to allocate.
A completion happens once per payment (the conditional UPDATE of services/payments/commands.py),
so replays and repeated completes issue nothing more. Refunds (negative payments) get no receipt."""

from __future__ import annotations

from datetime import timedelta

from models import Customer, Invoice, InvoiceLine, Payment
from models.enums import AuditAction, InvoicePeriod
from services.invoices.generation import lock_counter, take_number
from services.invoices.lifecycle import issue_locked, settle
from services.payments.allocations import record_allocation
from services.reference import quantum
from services.uow import UnitOfWork

TABLE = "invoice"
UNITS = 10_000  # the invoices' charge units per currency unit


async def issue_receipt(uow: UnitOfWork, payment: Payment) -> Invoice | None:
    """The payment's receipt, created, issued and settled in the caller's transaction (which
    completed the payment); None when the customer does not want one or it is a refund."""
    if payment.converted_amount <= 0:
        return None
    customer = await Customer.filter(id=payment.customer_id).using_db(uow.conn).get()
    if not customer.create_invoice_on_payment:
        return None
    await lock_counter(uow)
    if await Invoice.filter(payment_id=payment.id).using_db(uow.conn).exists():
        return None
    invoice = await _create(uow, payment, customer)
    await issue_locked(uow, invoice, customer)
    amount = payment.converted_amount.quantize(quantum(customer.currency))
    left = await settle(uow, invoice, amount)
    await record_allocation(uow, payment, invoice, amount - left)
    return invoice


def _description(payment: Payment) -> str:
    paid = f"{payment.amount.quantize(quantum(payment.currency)):f} {payment.currency}"
    reference = f" {payment.external_id}" if payment.external_id else ""
    method = payment.method.value.replace("_", " ").lower()
    text = f"Payment received ({method}{reference}): {paid}"
    if payment.currency != payment.customer_currency:
        text += f" at {payment.rate.normalize():f}"
    return text[:200]


async def _create(uow: UnitOfWork, payment: Payment, customer: Customer) -> Invoice:
    assert payment.completed_at is not None, "a receipt is issued for a completed payment"
    currency = customer.currency
    amount = payment.converted_amount.quantize(quantum(currency))
    units = int(amount * UNITS)
    issue_date = payment.completed_at.date()
    invoice = await Invoice.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        number=await take_number(uow),
        period=InvoicePeriod.RECEIPT,
        period_start=payment.completed_at,
        period_end=payment.completed_at,
        currency=currency,
        subtotal=amount,
        tax=0,
        total=amount,
        charge_units=units,
        issue_date=issue_date,
        due_date=issue_date + timedelta(days=customer.invoice_due_days),
        payment_id=payment.id,
        using_db=uow.conn,
    )
    await InvoiceLine.create(
        invoice_id=invoice.id,
        position=1,
        description=_description(payment),
        day=issue_date,
        charge_units=units,
        amount=amount,
        using_db=uow.conn,
    )
    uow.audit(
        AuditAction.GENERATE,
        TABLE,
        invoice.id,
        f"Generated receipt invoice {invoice.number} for payment {payment.id}: total {amount} {currency}",
        customer_id=customer.id,
        diff={
            "number": {"old": None, "new": invoice.number},
            "status": {"old": None, "new": invoice.status.value},
            "total": {"old": None, "new": str(amount)},
            "payment_id": {"old": None, "new": payment.id},
        },
    )
    return invoice
