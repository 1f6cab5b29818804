"""Invoices, their lines and the account's invoice templates (services/invoices/)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.fields import portal_field
from gql.nodes import resolve_nodes
from gql.types.common import REASON, DateTimeFilter, IDFilter, SortDirection
from gql.types.payments import PaymentAllocation
from models import Invoice as InvoiceModel
from models import InvoiceLine as InvoiceLineModel
from models import InvoiceTemplate as InvoiceTemplateModel
from models import enums
from services.invoices import documents
from services.invoices.queries import InvoiceSortField as SortField
from services.invoices.queries import invoices_by_id
from services.invoices.templates import templates_by_id
from services.listing import Condition, Filter
from services.reference import quantum

InvoiceStatus: TypeAlias = enums.InvoiceStatus
strawberry.enum(InvoiceStatus, description="DRAFT -> ISSUED -> PAID, or VOID (keeps its number).")
InvoicePeriod: TypeAlias = enums.InvoicePeriod
strawberry.enum(
    InvoicePeriod,
    description="The summary period an invoice covers (UTC; weeks start on Monday), or RECEIPT: the "
    "receipt of one payment (createInvoiceOnPayment).",
)
InvoiceSortField: TypeAlias = SortField
strawberry.enum(InvoiceSortField, description="What invoices can be sorted by.")
PORTAL = portal_field()


@strawberry.type(description="One line of an invoice: the calls of one UTC day of its period.")
class InvoiceLine:
    position: int = strawberry.field(description="1, 2, ... in day order.", metadata=PORTAL)
    description: str = strawberry.field(description="What the line bills.", metadata=PORTAL)
    day: date = strawberry.field(description="The UTC day.", metadata=PORTAL)
    attempts: int = strawberry.field(description="Calls attempted that day.", metadata=PORTAL)
    connected: int = strawberry.field(description="Calls answered that day.", metadata=PORTAL)
    billed_duration: int = strawberry.field(description="Seconds billed that day.", metadata=PORTAL)
    amount: Decimal = strawberry.field(
        description="The line's amount: the day's charge rounded down to the minor unit, plus one "
        "minor unit for the days with the largest remainders, so the lines sum to the subtotal.",
        metadata=PORTAL,
    )

    @classmethod
    def from_model(cls, row: InvoiceLineModel, currency: str) -> InvoiceLine:
        return cls(
            position=row.position,
            description=row.description,
            day=row.day,
            attempts=row.attempts,
            connected=row.connected,
            billed_duration=int(row.billed_duration),
            amount=row.amount.quantize(quantum(currency)),
        )


@strawberry.type(description="A customer's invoice for one summary period, in the customer's currency.")
class Invoice(relay.Node):
    id: relay.NodeID[int]
    number: int = strawberry.field(description="Sequential per account, without gaps.", metadata=PORTAL)
    status: InvoiceStatus = strawberry.field(description="DRAFT, ISSUED, PAID or VOID.", metadata=PORTAL)
    period: InvoicePeriod = strawberry.field(
        description="DAILY, WEEKLY or MONTHLY; RECEIPT for a payment's receipt.", metadata=PORTAL
    )
    period_start: datetime = strawberry.field(
        description="Start of the period (UTC, inclusive).", metadata=PORTAL
    )
    period_end: datetime = strawberry.field(
        description="End of the period (UTC, exclusive).", metadata=PORTAL
    )
    currency: str = strawberry.field(description="ISO 4217 code (the customer's).", metadata=PORTAL)
    subtotal: Decimal = strawberry.field(
        description="The period's charge, rounded once (half-even) to the minor unit: the summary "
        "row's charge.",
        metadata=PORTAL,
    )
    tax_percent: Decimal = strawberry.field(
        description="The customer's tax rate when generated.", metadata=PORTAL
    )
    tax: Decimal = strawberry.field(
        description="subtotal x taxPercent / 100, rounded once (half-even).", metadata=PORTAL
    )
    total: Decimal = strawberry.field(description="subtotal + tax.", metadata=PORTAL)
    amount_paid: Decimal = strawberry.field(description="What payments have settled so far.", metadata=PORTAL)
    issue_date: date = strawberry.field(description="When it was (or will be) issued.", metadata=PORTAL)
    due_date: date = strawberry.field(
        description="issueDate + the customer's invoiceDueDays.", metadata=PORTAL
    )
    issued_at: datetime | None = strawberry.field(description="When it was issued (UTC).", metadata=PORTAL)
    paid_at: datetime | None = strawberry.field(
        description="When it was paid in full (UTC).", metadata=PORTAL
    )
    voided_at: datetime | None = strawberry.field(description="When it was voided (UTC).", metadata=PORTAL)
    void_reason: str | None = strawberry.field(description="Why it was voided.", metadata=PORTAL)
    created_at: datetime = strawberry.field(description="When it was generated (UTC).", metadata=PORTAL)
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).", metadata=PORTAL)
    customer_id: relay.GlobalID = strawberry.field(description="The customer billed.", metadata=PORTAL)
    receipt_for: relay.GlobalID | None = strawberry.field(
        description="A receipt (period RECEIPT, createInvoiceOnPayment): the payment it acknowledges.",
        metadata=PORTAL,
    )

    @strawberry.field(
        description="The payments' allocations that settled it, oldest first (their sum is amountPaid).",
        metadata=PORTAL,
    )
    async def allocations(self, info: Info) -> list[PaymentAllocation]:
        rows = await info.context.loaders.allocations_by_invoice_id.load(self.id)
        return [PaymentAllocation.from_model(row, self.currency) for row in rows]

    @strawberry.field(description="The lines, one per day with calls, in day order.", metadata=PORTAL)
    async def lines(self, info: Info) -> list[InvoiceLine]:
        rows = await info.context.loaders.lines_by_invoice_id.load(self.id)
        return [InvoiceLine.from_model(row, self.currency) for row in rows]

    @strawberry.field(
        description="A signed link to the invoice as HTML, valid for a short time (15 minutes by "
        "default); fetched with a plain GET.",
        metadata=PORTAL,
    )
    def html_url(self, info: Info) -> str:
        return _url(info, self.id, "html")

    @strawberry.field(
        description="A signed link to the invoice as PDF, valid for a short time (15 minutes by "
        "default); fetched with a plain GET.",
        metadata=PORTAL,
    )
    def pdf_url(self, info: Info) -> str:
        return _url(info, self.id, "pdf")

    @classmethod
    def from_model(cls, row: InvoiceModel) -> Invoice:
        step = quantum(row.currency)
        return cls(
            id=row.id,
            number=int(row.number),
            status=row.status,
            period=row.period,
            period_start=row.period_start,
            period_end=row.period_end,
            currency=row.currency,
            subtotal=row.subtotal.quantize(step),
            tax_percent=row.tax_percent.normalize(),
            tax=row.tax.quantize(step),
            total=row.total.quantize(step),
            amount_paid=row.amount_paid.quantize(step),
            issue_date=row.issue_date,
            due_date=row.due_date,
            issued_at=row.issued_at,
            paid_at=row.paid_at,
            voided_at=row.voided_at,
            void_reason=row.void_reason,
            created_at=row.created_at,
            updated_at=row.updated_at,
            customer_id=relay.GlobalID("Customer", str(row.customer_id)),
            receipt_for=relay.GlobalID("Payment", str(row.payment_id)) if row.payment_id else None,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, InvoiceModel, invoices_by_id, cls.from_model)


def _url(info: Info, invoice_id: int, fmt: str) -> str:
    settings = info.context.settings
    actor = info.context.actor
    assert actor is not None, "invoices are read by an authenticated principal"
    return documents.document_url(
        settings.public_url,
        settings.signing_key(),
        invoice_id,
        actor.account_id,
        fmt,
        settings.invoice_link_seconds,
    )


@strawberry.type(description="An HTML invoice layout of the account (Jinja2, rendered in a sandbox).")
class InvoiceTemplate(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Unique in the account.", metadata=PORTAL)
    body: str = strawberry.field(description="The Jinja2 HTML source.")
    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).")

    @classmethod
    def from_model(cls, row: InvoiceTemplateModel) -> InvoiceTemplate:
        return cls(
            id=row.id, name=row.name, body=row.body, created_at=row.created_at, updated_at=row.updated_at
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        async def read(actor: Any, ids: Any) -> dict[int, InvoiceTemplateModel]:
            return await templates_by_id(actor, list(ids))

        return await resolve_nodes(info, node_ids, InvoiceTemplateModel, read, cls.from_model)


# --- filters and sorting -----------------------------------------------------------------------


@strawberry.input(description="Conditions on the status.")
class InvoiceStatusFilter:
    eq: InvoiceStatus | None = strawberry.field(default=None, description="Equal to.")
    in_: list[InvoiceStatus] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Which invoices to list; every field given must hold.")
class InvoiceWhere:
    customer_id: IDFilter | None = strawberry.field(default=None, description="By customer.")
    status: InvoiceStatusFilter | None = strawberry.field(default=None, description="By status.")
    period_start: DateTimeFilter | None = strawberry.field(default=None, description="By period start.")
    issued_at: DateTimeFilter | None = strawberry.field(default=None, description="By time issued.")
    updated_at: DateTimeFilter | None = strawberry.field(
        default=None, description="By last change (for a billing system's incremental sync)."
    )

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in ("status", "period_start", "issued_at", "updated_at"):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        if self.customer_id is not None:
            conditions["customer_id"] = self.customer_id.to_condition_for("Customer", "where", "customerId")
        return Filter(conditions=conditions)


@strawberry.input(description="One sort key.")
class InvoiceSort:
    field: InvoiceSortField = strawberry.field(description="What to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


# --- inputs and payloads -----------------------------------------------------------------------


@strawberry.input(description="A summary period: its length and its start (any moment inside it names it).")
class InvoicePeriodInput:
    period: InvoicePeriod = strawberry.field(description="DAILY, WEEKLY or MONTHLY.")
    start: datetime = strawberry.field(description="The period's start (UTC).")


@strawberry.input(description="Generate a customer's invoices for these periods.")
class InvoicesGenerateInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    periods: list[InvoicePeriodInput] = strawberry.field(description="One invoice per period (at most 100).")
    issue: bool = strawberry.field(default=False, description="Issue (and e-mail) the new ones at once.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Generate every missing complete period of the customer's schedule.")
class InvoicesAutoGenerateInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    issue: bool = strawberry.field(default=False, description="Issue (and e-mail) the new ones at once.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of invoicesGenerate and invoicesAutoGenerate.")
class InvoicesPayload:
    invoices: list[Invoice] = strawberry.field(
        default_factory=list,
        description="invoicesGenerate: one per period asked (existing ones included); "
        "invoicesAutoGenerate: the ones this run created.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(
    description="Issue a DRAFT invoice: it is e-mailed, PDF attached, to the customer's contacts."
)
class InvoiceIssueInput:
    id: relay.GlobalID = strawberry.field(description="The invoice.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Void a DRAFT or ISSUED invoice; its number stays taken.")
class InvoiceVoidInput:
    id: relay.GlobalID = strawberry.field(description="The invoice.")
    reason: str = strawberry.field(description="Why (required).")


@strawberry.type(description="Result of invoiceIssue and invoiceVoid.")
class InvoicePayload:
    invoice: Invoice | None = strawberry.field(default=None, description="As saved.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="A new invoice template.")
class InvoiceTemplateCreateInput:
    name: str = strawberry.field(description="Unique in the account.")
    body: str = strawberry.field(description="Jinja2 HTML; checked by rendering a sample invoice.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Changes to an invoice template: omitted fields stay.")
class InvoiceTemplateUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The template.")
    name: str | None = strawberry.field(default=None, description="Unique in the account.")
    body: str | None = strawberry.field(default=None, description="Jinja2 HTML.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Delete an invoice template no customer uses.")
class InvoiceTemplateDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The template.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(
    description="Result of invoiceTemplateCreate, invoiceTemplateUpdate and invoiceTemplateDelete."
)
class InvoiceTemplatePayload:
    invoice_template: InvoiceTemplate | None = strawberry.field(
        default=None, description="As saved (or deleted)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(
    description="Render a template body (or the default) with an invoice or the sample invoice."
)
class InvoiceTemplatePreviewInput:
    body: str | None = strawberry.field(
        default=None, description="The Jinja2 HTML; omitted: the default template."
    )
    invoice_id: relay.GlobalID | None = strawberry.field(
        default=None, description="An invoice to render; omitted: a sample invoice."
    )


@strawberry.type(description="Result of invoiceTemplatePreview.")
class InvoiceTemplatePreviewPayload:
    html: str | None = strawberry.field(default=None, description="The rendered HTML.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
