"""Invoices (one per customer and billing period, built from the hourly summaries), their lines,
the account's gap-free invoice counter, the account's invoice templates and each customer's
auto-generation cursor."""

from decimal import Decimal

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.customers import Customer, money_field
from models.enums import InvoicePeriod, InvoiceStatus


class InvoiceTemplate(Model):
    """An HTML invoice layout (Jinja2, rendered in a sandbox), written by the account's admins."""

    account_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="invoice_templates", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    body = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "invoice_template"
        unique_together = (("account", "name"),)


class InvoiceCounter(Model):
    """The account's next invoice number; locked (FOR UPDATE) by the transaction that takes a
    number, so numbers are consecutive and a rolled-back generation gives its number back."""

    account_id: int

    account: fields.OneToOneRelation[Account] = fields.OneToOneField(
        "models.Account", related_name="invoice_counter", on_delete=fields.CASCADE, primary_key=True
    )
    next_number = fields.BigIntField(default=1)

    class Meta:
        table = "invoice_counter"


class Invoice(Model):
    """One customer's bill for one summary period. Money is in the customer's currency, rounded
    to its minor unit (services/invoices/money.py). `amount_paid` grows as payments settle it;
    covered, it becomes PAID."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="invoices", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="invoices", on_delete=fields.RESTRICT
    )
    number = fields.BigIntField()
    period = fields.CharEnumField(InvoicePeriod, max_length=10)
    period_start = fields.DatetimeField()
    period_end = fields.DatetimeField()
    status = fields.CharEnumField(InvoiceStatus, max_length=6, default=InvoiceStatus.DRAFT)
    currency = fields.CharField(max_length=3)
    subtotal = money_field()
    tax_percent = fields.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0))
    tax = money_field()
    total = money_field()
    amount_paid = money_field()
    # The exact charge of the period in 1/10 000 units (the summary rows' sum), kept for audits.
    charge_units = fields.BigIntField(default=0)
    issue_date = fields.DateField()
    due_date = fields.DateField()
    issued_at = fields.DatetimeField(null=True)
    paid_at = fields.DatetimeField(null=True)
    voided_at = fields.DatetimeField(null=True)
    void_reason = fields.CharField(max_length=500, null=True)
    # A receipt (period RECEIPT): the payment it acknowledges; one receipt per payment at most.
    # A plain column: payments reference invoices (allocations), not the other way.
    payment_id = fields.IntField(null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "invoice"
        unique_together = (("account", "number"), ("customer", "period", "period_start"))
        indexes = (("account", "updated_at"), ("account", "status"))


class InvoiceLine(Model):
    """One line of an invoice: a day of the period (its calls' charge)."""

    invoice_id: int

    id = fields.IntField(primary_key=True)
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="lines", on_delete=fields.CASCADE
    )
    position = fields.IntField()
    description = fields.CharField(max_length=200)
    day = fields.DateField()
    attempts = fields.IntField(default=0)
    connected = fields.IntField(default=0)
    billed_duration = fields.BigIntField(default=0)
    charge_units = fields.BigIntField(default=0)
    amount = money_field()

    class Meta:
        table = "invoice_line"
        unique_together = (("invoice", "position"),)


class InvoiceCursor(Model):
    """Where a customer's auto-generation stands: every period of `period` before `next_start`
    has been handled (invoiced, or found with nothing billable)."""

    customer_id: int

    customer: fields.OneToOneRelation[Customer] = fields.OneToOneField(
        "models.Customer", related_name="invoice_cursor", on_delete=fields.CASCADE, primary_key=True
    )
    period = fields.CharEnumField(InvoicePeriod, max_length=10)
    next_start = fields.DatetimeField()

    class Meta:
        table = "invoice_cursor"
