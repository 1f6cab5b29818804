"""Invoices and invoice templates: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.types.common import Connection, SortDirection, connection_of, decode_id
from gql.types.invoices import (
    Invoice,
    InvoiceIssueInput,
    InvoicePayload,
    InvoicesAutoGenerateInput,
    InvoicesGenerateInput,
    InvoiceSort,
    InvoicesPayload,
    InvoiceTemplate,
    InvoiceTemplateCreateInput,
    InvoiceTemplateDeleteInput,
    InvoiceTemplatePayload,
    InvoiceTemplatePreviewInput,
    InvoiceTemplatePreviewPayload,
    InvoiceTemplateUpdateInput,
    InvoiceVoidInput,
    InvoiceWhere,
)
from models.enums import Permission
from services.invoices import generation, lifecycle, queries, templates
from services.listing import PageRequest


async def invoices(
    info: Info,
    where: InvoiceWhere | None = None,
    sort_by: list[InvoiceSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Invoice]:
    sort = [(s.field, s.direction is SortDirection.DESC) for s in sort_by or []]
    page = await queries.list_invoices(
        require_actor(info),
        PageRequest(first, after, last, before),
        where.to_filter() if where else None,
        sort,
    )
    return connection_of(page, Invoice.from_model)


async def invoice_templates(info: Info) -> list[InvoiceTemplate]:
    return [InvoiceTemplate.from_model(row) for row in await templates.list_templates(require_actor(info))]


async def invoices_generate(info: Info, input: InvoicesGenerateInput) -> InvoicesPayload:
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    periods = [generation.PeriodRef(p.period, p.start) for p in input.periods]
    rows = await generation.generate_invoices(
        require_actor(info), customer_id, periods, input.reason, issue=input.issue
    )
    return InvoicesPayload(invoices=[Invoice.from_model(row) for row in rows])


async def invoices_auto_generate(info: Info, input: InvoicesAutoGenerateInput) -> InvoicesPayload:
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    rows = await generation.auto_generate(require_actor(info), customer_id, input.reason, issue=input.issue)
    return InvoicesPayload(invoices=[Invoice.from_model(row) for row in rows])


async def invoice_issue(info: Info, input: InvoiceIssueInput) -> InvoicePayload:
    row = await lifecycle.issue_invoice(
        require_actor(info), decode_id(input.id, "Invoice", "id"), input.reason
    )
    return InvoicePayload(invoice=Invoice.from_model(row))


async def invoice_void(info: Info, input: InvoiceVoidInput) -> InvoicePayload:
    row = await lifecycle.void_invoice(
        require_actor(info), decode_id(input.id, "Invoice", "id"), input.reason
    )
    return InvoicePayload(invoice=Invoice.from_model(row))


async def invoice_template_create(info: Info, input: InvoiceTemplateCreateInput) -> InvoiceTemplatePayload:
    row = await templates.create_template(require_actor(info), input.name, input.body, input.reason)
    return InvoiceTemplatePayload(invoice_template=InvoiceTemplate.from_model(row))


async def invoice_template_update(info: Info, input: InvoiceTemplateUpdateInput) -> InvoiceTemplatePayload:
    template_id = decode_id(input.id, "InvoiceTemplate", "id")
    row = await templates.update_template(
        require_actor(info), template_id, input.name, input.body, input.reason
    )
    return InvoiceTemplatePayload(invoice_template=InvoiceTemplate.from_model(row))


async def invoice_template_delete(info: Info, input: InvoiceTemplateDeleteInput) -> InvoiceTemplatePayload:
    template_id = decode_id(input.id, "InvoiceTemplate", "id")
    row = await templates.delete_template(require_actor(info), template_id, input.reason)
    return InvoiceTemplatePayload(invoice_template=InvoiceTemplate.from_model(row))


async def invoice_template_preview(
    info: Info, input: InvoiceTemplatePreviewInput
) -> InvoiceTemplatePreviewPayload:
    invoice_id = decode_id(input.invoice_id, "Invoice", "invoice_id") if input.invoice_id else None
    html = await templates.preview(require_actor(info), input.body, invoice_id)
    return InvoiceTemplatePreviewPayload(html=html)


@strawberry.type(description="Queries of invoices and invoice templates.")
class InvoiceQueries:
    invoices: Connection[Invoice] = query(
        invoices,
        needs=Permission.INVOICES_READ,
        or_=(Permission.BILLING_READ,),
        portal=True,
        description="Invoices of the customers in scope, newest number first unless sorted. In the "
        "portal: the customer's own, except drafts, unless its portal hides INVOICES.",
    )
    invoice_templates: list[InvoiceTemplate] = query(
        invoice_templates,
        needs=Permission.INVOICES_READ,
        description="The account's invoice templates, by name.",
    )


@strawberry.type(description="Mutations of invoices and invoice templates.")
class InvoiceMutations:
    invoices_generate: InvoicesPayload = mutation(
        invoices_generate,
        needs=Permission.INVOICES_WRITE,
        description="Generate one invoice per complete summary period asked (an existing one is "
        "returned as it is).",
    )
    invoices_auto_generate: InvoicesPayload = mutation(
        invoices_auto_generate,
        needs=Permission.INVOICES_WRITE,
        description="Generate every missing complete period of the customer's invoice schedule "
        "(periods without billable calls give no invoice).",
    )
    invoice_issue: InvoicePayload = mutation(
        invoice_issue,
        needs=Permission.INVOICES_WRITE,
        description="Issue a DRAFT invoice and e-mail it (PDF attached) to the customer's contacts.",
    )
    invoice_void: InvoicePayload = mutation(
        invoice_void,
        needs=Permission.INVOICES_WRITE,
        description="Void a DRAFT or ISSUED invoice (a reason is required; the number stays taken).",
    )
    invoice_template_create: InvoiceTemplatePayload = mutation(
        invoice_template_create, needs=Permission.INVOICES_WRITE, description="Create an invoice template."
    )
    invoice_template_update: InvoiceTemplatePayload = mutation(
        invoice_template_update, needs=Permission.INVOICES_WRITE, description="Change an invoice template."
    )
    invoice_template_delete: InvoiceTemplatePayload = mutation(
        invoice_template_delete,
        needs=Permission.INVOICES_WRITE,
        description="Delete an invoice template that no customer uses.",
    )
    invoice_template_preview: InvoiceTemplatePreviewPayload = mutation(
        invoice_template_preview,
        needs=Permission.INVOICES_READ,
        description="Render a template body with an invoice or a sample invoice (nothing is saved).",
    )
