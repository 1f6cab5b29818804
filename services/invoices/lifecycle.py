"""An invoice's status: DRAFT -> ISSUED -> PAID, or VOID (from DRAFT or ISSUED, with a reason;
the number stays taken, so the sequence keeps no gap).

Issuing sets the issue date to the day it is issued (due date = issue date + the customer's
invoiceDueDays) and e-mails the invoice, its PDF attached, to the customer's contacts: its
BILLING contacts when it has any, else every contact; one outbox message per recipient, in the
issuing transaction (sent after commit, nothing on rollback).

Settling (`settle`, for payments): adds a paid amount in the invoice's currency; once the paid
amount covers the total the invoice is PAID."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from babel.numbers import format_currency

from models import Account, Contact, Customer, Invoice
from models.enums import (
    AttachmentSource,
    AuditAction,
    ContactType,
    InvoiceStatus,
    MessageChannel,
    MessageKind,
    Permission,
)
from services.actor import Actor
from services.auditing import Diff
from services.customers.scope import about_visible_customers
from services.errors import ErrorCode, ServiceError, not_found
from services.messaging import attachments, outbox
from services.messaging.rendering import render
from services.reference import quantum
from services.uow import UnitOfWork, unit_of_work

TABLE = "invoice"
MAX_VOID_REASON = 500


async def _locked_invoice(uow: UnitOfWork, invoice_id: int) -> Invoice:
    scoped = about_visible_customers(
        Invoice.filter(account_id=uow.actor.account_id, id=invoice_id), uow.actor
    )
    invoice = await uow.locked(scoped).first()
    if invoice is None:
        raise not_found("Invoice", "id")
    return invoice


async def issue_invoice(actor: Actor, invoice_id: int, reason: str | None = None) -> Invoice:
    """Issue a DRAFT invoice and e-mail it; anything else is INVALID_STATUS."""
    actor.require(Permission.INVOICES_WRITE)
    async with unit_of_work(actor, reason) as uow:
        invoice = await _locked_invoice(uow, invoice_id)
        if invoice.status is not InvoiceStatus.DRAFT:
            raise ServiceError.single(
                ErrorCode.INVALID_STATUS,
                f"Only a DRAFT invoice is issued; this one is {invoice.status.value}.",
                "id",
            )
        customer = await Customer.filter(id=invoice.customer_id).using_db(uow.conn).get()
        await issue_locked(uow, invoice, customer)
    return invoice


async def issue_locked(uow: UnitOfWork, invoice: Invoice, customer: Customer) -> None:
    """DRAFT -> ISSUED inside the caller's transaction (the invoice's row written or locked by it)."""
    at = uow.stamp()
    before: Diff = {}
    invoice.status = InvoiceStatus.ISSUED
    invoice.issued_at = at
    old_due = invoice.due_date
    invoice.issue_date = at.date()
    invoice.due_date = invoice.issue_date + timedelta(days=customer.invoice_due_days)
    await invoice.save(
        using_db=uow.conn, update_fields=["status", "issued_at", "issue_date", "due_date", "updated_at"]
    )
    before = {
        "status": {"old": InvoiceStatus.DRAFT.value, "new": InvoiceStatus.ISSUED.value},
        "issued_at": {"old": None, "new": at.isoformat()},
    }
    if old_due != invoice.due_date:
        before["due_date"] = {"old": old_due.isoformat(), "new": invoice.due_date.isoformat()}
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        invoice.id,
        f"Issued invoice {invoice.number}",
        customer_id=customer.id,
        diff=before,
        at=at,
    )
    await _send(uow, invoice, customer)


async def _send(uow: UnitOfWork, invoice: Invoice, customer: Customer) -> None:
    contacts = await Contact.filter(customer_id=customer.id).using_db(uow.conn).order_by("id")
    billing = [c for c in contacts if c.contact_type is ContactType.BILLING]
    recipients = billing or contacts
    if not recipients:
        return
    account = await Account.filter(id=customer.account_id).using_db(uow.conn).get()
    for contact in recipients:
        content = render(
            MessageKind.INVOICE,
            MessageChannel.EMAIL,
            {
                "contact_name": contact.name,
                "account_name": account.name,
                "customer_name": customer.name,
                "number": invoice.number,
                "period": f"{invoice.period_start.date().isoformat()} to {invoice.period_end.date().isoformat()}",
                "total": invoice.total.quantize(quantum(invoice.currency)),
                "currency": invoice.currency,
                "due_date": invoice.due_date.isoformat(),
            },
        )
        message = await outbox.queue_message(
            uow,
            MessageChannel.EMAIL,
            MessageKind.INVOICE,
            contact.email,
            content,
            customer_id=customer.id,
            contact_id=contact.id,
        )
        await attachments.attach(
            uow,
            message,
            AttachmentSource.INVOICE_PDF,
            invoice.id,
            f"invoice-{invoice.number}.pdf",
            "application/pdf",
        )
    uow.audit(
        AuditAction.SEND,
        TABLE,
        invoice.id,
        f"E-mailed invoice {invoice.number} to {len(recipients)} contact(s)",
        customer_id=customer.id,
    )


async def void_invoice(actor: Actor, invoice_id: int, reason: str | None) -> Invoice:
    """Void a DRAFT or ISSUED invoice; a reason is required; the number stays taken."""
    actor.require(Permission.INVOICES_WRITE)
    text = (reason or "").strip()
    if not text:
        raise ServiceError.single(ErrorCode.REQUIRED, "Say why the invoice is voided.", "reason")
    if len(text) > MAX_VOID_REASON:
        raise ServiceError.single(ErrorCode.INVALID, f"At most {MAX_VOID_REASON} characters.", "reason")
    async with unit_of_work(actor, text) as uow:
        invoice = await _locked_invoice(uow, invoice_id)
        if invoice.status not in (InvoiceStatus.DRAFT, InvoiceStatus.ISSUED):
            raise ServiceError.single(
                ErrorCode.INVALID_STATUS, f"A {invoice.status.value} invoice cannot be voided.", "id"
            )
        old = invoice.status
        at = uow.stamp()
        invoice.status, invoice.voided_at, invoice.void_reason = InvoiceStatus.VOID, at, text
        await invoice.save(
            using_db=uow.conn, update_fields=["status", "voided_at", "void_reason", "updated_at"]
        )
        uow.audit(
            AuditAction.UPDATE,
            TABLE,
            invoice.id,
            f"Voided invoice {invoice.number}",
            customer_id=invoice.customer_id,
            diff={"status": {"old": old.value, "new": InvoiceStatus.VOID.value}},
            at=at,
        )
    return invoice


async def settle(uow: UnitOfWork, invoice: Invoice, amount: Decimal) -> Decimal:
    """Apply `amount` (in the invoice's currency) to an ISSUED invoice locked by the caller's
    transaction; returns what is left of the amount once the invoice is covered. Covered, the
    invoice becomes PAID (audited). For payments (paymentAllocate, createInvoiceOnPayment)."""
    if invoice.status is not InvoiceStatus.ISSUED:
        raise ServiceError.single(
            ErrorCode.INVALID_STATUS,
            f"Only an ISSUED invoice is settled; this one is {invoice.status.value}.",
            "id",
        )
    due = invoice.total - invoice.amount_paid
    applied = min(max(amount, Decimal(0)), due)
    old_paid = invoice.amount_paid
    invoice.amount_paid = old_paid + applied
    diff: Diff = {"amount_paid": {"old": str(old_paid), "new": str(invoice.amount_paid)}}
    fields = ["amount_paid", "updated_at"]
    if invoice.amount_paid >= invoice.total:
        invoice.status, invoice.paid_at = InvoiceStatus.PAID, datetime.now(UTC)
        diff["status"] = {"old": InvoiceStatus.ISSUED.value, "new": InvoiceStatus.PAID.value}
        fields += ["status", "paid_at"]
    await invoice.save(using_db=uow.conn, update_fields=fields)
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        invoice.id,
        f"Settled {applied} {invoice.currency} of invoice {invoice.number}",
        customer_id=invoice.customer_id,
        diff=diff,
    )
    return amount - applied


def total_text(invoice: Invoice) -> str:
    """The total as people read it, with the currency's symbol ("€1,234.50")."""
    return str(
        format_currency(invoice.total.quantize(quantum(invoice.currency)), invoice.currency, locale="en")
    )
