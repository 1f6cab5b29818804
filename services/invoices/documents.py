"""An invoice as a document: the values a template sees, its HTML (the customer's template, or
the shipped default), its PDF, and the signed short-lived links that serve them.

Links: `<public_url>/invoices/document/<token>`, the token being
`base64url(json {"i": invoice id, "a": account id, "f": "html" | "pdf", "e": expiry (unix s)})`
+ "." + base64url(HMAC-SHA256 of that part with the app's secret key). The expiry is inside
what is signed; whoever holds a link reads that one document until it expires
(settings.invoice_link_seconds, 15 minutes by default), like a presigned download URL."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from models import Account, Customer, Invoice, InvoiceLine, InvoiceTemplate
from services.invoices import rendering
from services.invoices.lifecycle import total_text
from services.reference import quantum

FORMATS = ("html", "pdf")


def template_values(
    invoice: Invoice, lines: list[InvoiceLine], customer: Customer, account: Account
) -> dict[str, Any]:
    """What a template sees: plain strings, numbers and lists (nothing with methods to reach);
    amounts as text at the currency's minor unit."""
    step = quantum(invoice.currency)
    address = [
        part
        for part in (
            customer.address_line1,
            customer.address_line2,
            " ".join(p for p in (customer.postal_code, customer.city) if p),
            customer.region,
            customer.country,
        )
        if part
    ]
    return {
        "invoice": {
            "number": int(invoice.number),
            "status": invoice.status.value,
            "period": invoice.period.value,
            "period_start": invoice.period_start.date().isoformat(),
            "period_end": invoice.period_end.date().isoformat(),
            "issue_date": invoice.issue_date.isoformat(),
            "due_date": invoice.due_date.isoformat(),
            "currency": invoice.currency,
            "subtotal": str(invoice.subtotal.quantize(step)),
            "tax_percent": str(invoice.tax_percent.normalize()),
            "tax": str(invoice.tax.quantize(step)),
            "total": str(invoice.total.quantize(step)),
            "total_text": total_text(invoice),
            "amount_paid": str(invoice.amount_paid.quantize(step)),
        },
        "lines": [
            {
                "description": line.description,
                "day": line.day.isoformat(),
                "attempts": line.attempts,
                "connected": line.connected,
                "minutes": f"{line.billed_duration / 60:.2f}",
                "amount": str(line.amount.quantize(step)),
            }
            for line in lines
        ],
        "customer": {
            "name": customer.name,
            "address": address,
            "external_accounting_id": customer.external_accounting_id or "",
        },
        "account": {"name": account.name},
    }


async def template_body(customer: Customer) -> str:
    """The customer's template, or the shipped default when it has none."""
    template_id = customer.invoice_template_id
    if template_id is not None:
        row = await InvoiceTemplate.filter(id=template_id, account_id=customer.account_id).first()
        if row is not None:
            return row.body
    return rendering.default_template()


async def invoice_html(invoice_id: int) -> str:
    """The invoice rendered with its customer's template (no permission check: callers hold a
    signed link, or are the outbox delivering what an authorized issue queued)."""
    invoice = await Invoice.get(id=invoice_id)
    lines = await InvoiceLine.filter(invoice_id=invoice_id).order_by("position")
    customer = await Customer.get(id=invoice.customer_id)
    account = await Account.get(id=invoice.account_id)
    values = template_values(invoice, lines, customer, account)
    return await rendering.render_html(await template_body(customer), values)


async def invoice_pdf(invoice_id: int) -> bytes:
    return await rendering.render_pdf(await invoice_html(invoice_id))


# --- signed links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentGrant:
    invoice_id: int
    account_id: int
    format: str
    expires: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(key: str, payload: str) -> str:
    return _b64(hmac.new(key.encode(), b"invoice-document\0" + payload.encode(), hashlib.sha256).digest())


def sign(key: str, grant: DocumentGrant) -> str:
    payload = _b64(
        orjson.dumps({"i": grant.invoice_id, "a": grant.account_id, "f": grant.format, "e": grant.expires})
    )
    return f"{payload}.{_signature(key, payload)}"


def document_url(
    public_url: str,
    key: str,
    invoice_id: int,
    account_id: int,
    fmt: str,
    seconds: int,
    now: datetime | None = None,
) -> str:
    """`<public_url>/invoices/document/<token>`, valid for `seconds` from now."""
    expires = int((now or datetime.now(UTC)).timestamp()) + seconds
    token = sign(key, DocumentGrant(invoice_id, account_id, fmt, expires))
    return f"{public_url.rstrip('/')}/invoices/document/{token}"


def verify(key: str, token: str, now: datetime | None = None) -> DocumentGrant | None:
    """The grant of a valid, unexpired token; None for anything else."""
    payload, _, signature = token.partition(".")
    if len(token) > 500 or not hmac.compare_digest(signature, _signature(key, payload)):
        return None
    try:
        raw = orjson.loads(_unb64(payload))
        grant = DocumentGrant(int(raw["i"]), int(raw["a"]), str(raw["f"]), int(raw["e"]))
    except (ValueError, KeyError, TypeError, binascii.Error, orjson.JSONDecodeError):
        return None
    if grant.format not in FORMATS or grant.expires < int((now or datetime.now(UTC)).timestamp()):
        return None
    return grant


async def document(key: str, token: str) -> tuple[str, bytes] | None:
    """(content type, body) of the document a valid token names; None when the token is not
    valid or the invoice is gone."""
    grant = verify(key, token)
    if grant is None or not await Invoice.filter(id=grant.invoice_id, account_id=grant.account_id).exists():
        return None
    if grant.format == "pdf":
        return "application/pdf", await invoice_pdf(grant.invoice_id)
    return "text/html; charset=utf-8", (await invoice_html(grant.invoice_id)).encode()
