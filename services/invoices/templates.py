"""The account's invoice templates: HTML with Jinja2, rendered in a sandbox
(services/invoices/rendering.py). A template is checked when saved: it must parse and render
the sample invoice within the bounds, so a broken one never reaches an invoice. Names are unique
in the account (DUPLICATE). A template that customers use is not deleted (TEMPLATE_IN_USE):
point them elsewhere first. Read with invoices:read, written with invoices:write."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from models import Account, Customer, Invoice, InvoiceLine, InvoiceTemplate
from models.enums import AuditAction, InvoicePeriod, InvoiceStatus, Permission
from services.actor import Actor
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.invoices import rendering
from services.invoices.documents import template_values
from services.invoices.queries import visible_invoices
from services.uow import UnitOfWork, unit_of_work

TABLE = "invoice_template"
MAX_NAME = 100


def _name(raw: str) -> str:
    name = raw.strip()
    if not name:
        raise ServiceError.single(ErrorCode.REQUIRED, "A template needs a name.", "name")
    if len(name) > MAX_NAME:
        raise ServiceError.single(ErrorCode.INVALID, f"At most {MAX_NAME} characters.", "name")
    return name


async def list_templates(actor: Actor) -> list[InvoiceTemplate]:
    """The account's templates by name."""
    actor.require(Permission.INVOICES_READ)
    return list(await InvoiceTemplate.filter(account_id=actor.account_id).order_by("name", "id"))


async def templates_by_id(actor: Actor, ids: list[int]) -> dict[int, InvoiceTemplate]:
    """For Customer.invoiceTemplate and `node`: any reader of the customer's invoices."""
    if not (actor.is_portal or actor.can(Permission.INVOICES_READ) or actor.can(Permission.CUSTOMERS_READ)):
        return {}
    return {t.id: t for t in await InvoiceTemplate.filter(account_id=actor.account_id, id__in=ids)}


async def create_template(actor: Actor, name: str, body: str, reason: str | None = None) -> InvoiceTemplate:
    actor.require(Permission.INVOICES_WRITE)
    clean_name = _name(name)
    await check_body(body)
    async with unit_of_work(actor, reason) as uow:
        await _check_unique(uow, clean_name, None)
        template = await InvoiceTemplate.create(
            account_id=actor.account_id, name=clean_name, body=body, using_db=uow.conn
        )
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            template.id,
            f"Created invoice template {clean_name}",
            diff={"name": {"old": None, "new": clean_name}, "body": {"old": None, "new": body}},
        )
    return template


async def update_template(
    actor: Actor, template_id: int, name: str | None, body: str | None, reason: str | None = None
) -> InvoiceTemplate:
    """Change the name and/or the body (omitted: kept)."""
    actor.require(Permission.INVOICES_WRITE)
    clean_name = _name(name) if name is not None else None
    if body is not None:
        await check_body(body)
    async with unit_of_work(actor, reason) as uow:
        template = await _locked(uow, template_id)
        diff: dict[str, Any] = {}
        if clean_name is not None and clean_name != template.name:
            await _check_unique(uow, clean_name, template.id)
            diff["name"] = {"old": template.name, "new": clean_name}
            template.name = clean_name
        if body is not None and body != template.body:
            diff["body"] = {"old": template.body, "new": body}
            template.body = body
        if diff:
            await template.save(using_db=uow.conn, update_fields=[*(k for k in diff), "updated_at"])
            uow.audit(
                AuditAction.UPDATE, TABLE, template.id, f"Changed invoice template {template.name}", diff=diff
            )
    return template


async def delete_template(actor: Actor, template_id: int, reason: str | None = None) -> InvoiceTemplate:
    actor.require(Permission.INVOICES_WRITE)
    async with unit_of_work(actor, reason) as uow:
        template = await _locked(uow, template_id)
        users = await Customer.filter(invoice_template_id=template.id).using_db(uow.conn).count()
        if users:
            raise ServiceError(
                [
                    FieldError(
                        ErrorCode.TEMPLATE_IN_USE,
                        f"{users} customer(s) use this template: choose another for them first.",
                        ("id",),
                        (("customers", users),),
                    )
                ]
            )
        await InvoiceTemplate.filter(id=template.id).using_db(uow.conn).delete()
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            template.id,
            f"Deleted invoice template {template.name}",
            diff={"name": {"old": template.name, "new": None}},
        )
    return template


async def _locked(uow: UnitOfWork, template_id: int) -> InvoiceTemplate:
    template = await uow.locked(
        InvoiceTemplate.filter(id=template_id, account_id=uow.actor.account_id)
    ).first()
    if template is None:
        raise not_found("Invoice template", "id")
    return template


async def _check_unique(uow: UnitOfWork, name: str, exclude_id: int | None) -> None:
    queryset = InvoiceTemplate.filter(account_id=uow.actor.account_id, name=name).using_db(uow.conn)
    if exclude_id is not None:
        queryset = queryset.exclude(id=exclude_id)
    if await queryset.exists():
        raise ServiceError.single(ErrorCode.DUPLICATE, f"A template named {name} exists.", "name")


async def check_body(body: str) -> str:
    """Render the sample invoice with `body`: the template must parse and stay in bounds."""
    return await rendering.render_html(body, sample_values())


async def preview(actor: Actor, body: str | None, invoice_id: int | None) -> str:
    """`body` (or the shipped default) rendered with an invoice the actor may read, or the
    sample invoice."""
    actor.require(Permission.INVOICES_READ)
    source = body if body is not None else rendering.default_template()
    if invoice_id is None:
        return await rendering.render_html(source, sample_values())
    invoice = await visible_invoices(actor).get_or_none(id=invoice_id)
    if invoice is None:
        raise not_found("Invoice", "invoice_id")
    lines = list(await InvoiceLine.filter(invoice_id=invoice.id).order_by("position"))
    customer = await Customer.get(id=invoice.customer_id)
    account = await Account.get(id=invoice.account_id)
    return await rendering.render_html(source, template_values(invoice, lines, customer, account))


def sample_values() -> dict[str, Any]:
    """A made-up invoice, for checks and previews."""

    start = datetime(2026, 1, 1, tzinfo=UTC)
    invoice = Invoice(
        id=0,
        account_id=0,
        customer_id=0,
        number=1001,
        period=InvoicePeriod.MONTHLY,
        period_start=start,
        period_end=datetime(2026, 2, 1, tzinfo=UTC),
        status=InvoiceStatus.ISSUED,
        currency="EUR",
        subtotal=Decimal("123.45"),
        tax_percent=Decimal("20"),
        tax=Decimal("24.69"),
        total=Decimal("148.14"),
        amount_paid=Decimal("0.00"),
        issue_date=date(2026, 2, 1),
        due_date=date(2026, 3, 3),
    )
    lines = [
        InvoiceLine(
            position=1,
            description="Calls on 2026-01-05",
            day=date(2026, 1, 5),
            attempts=120,
            connected=80,
            billed_duration=14_400,
            amount=Decimal("123.45"),
        )
    ]
    customer = Customer(
        name="Sample Customer Ltd", currency="EUR", address_line1="1 Sample Street", city="Dublin"
    )
    return template_values(invoice, lines, customer, Account(name="Sample Carrier"))
