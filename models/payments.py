"""Payments (top-ups of a customer's balance) and the account's exchange rates."""

from decimal import Decimal

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account, User
from models.customers import Customer, money_field
from models.enums import PaymentMethod, PaymentStatus
from models.invoices import Invoice

RATE_DIGITS = 24
RATE_PLACES = 10


def rate_field() -> fields.DecimalField[Decimal]:
    return fields.DecimalField(max_digits=RATE_DIGITS, decimal_places=RATE_PLACES)


class ExchangeRate(Model):
    """Units of `to_currency` one unit of `from_currency` buys, for top-ups in another currency.
    One per account and currency pair; set by staff (exchangeRateSet), never derived."""

    account_id: int
    updated_by_id: int | None

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="exchange_rates", on_delete=fields.CASCADE
    )
    from_currency = fields.CharField(max_length=3)
    to_currency = fields.CharField(max_length=3)
    rate = rate_field()
    updated_at = fields.DatetimeField()
    updated_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="exchange_rates_set", null=True, on_delete=fields.SET_NULL
    )
    # Who set it as the audit trail names them (a user, an API key, the system).
    updated_by_label = fields.CharField(max_length=200)

    class Meta:
        table = "exchange_rate"
        unique_together = (("account", "from_currency", "to_currency"),)


class Payment(Model):
    """Money a customer paid (or, negative, got back): `amount` in `currency`, worth
    `converted_amount` in the customer's currency at `rate`, fixed when the payment was
    recorded. Completing it adds `converted_amount` to the balance, once."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="payments", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="payments", on_delete=fields.RESTRICT
    )
    amount = money_field()
    currency = fields.CharField(max_length=3)
    converted_amount = money_field()
    customer_currency = fields.CharField(max_length=3)
    rate = rate_field()
    status = fields.CharEnumField(PaymentStatus, max_length=10, default=PaymentStatus.PENDING)
    method = fields.CharEnumField(PaymentMethod, max_length=20)
    # The payment's id at the processor or bank (PayPal txn_id): unique per account and method.
    external_id = fields.CharField(max_length=100, null=True)
    # A refund or reversal: the id of the payment (of the same account) it takes back. A plain
    # column: aerich cannot create a table that references itself.
    parent_id = fields.IntField(null=True, db_index=True)
    note = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    completed_at = fields.DatetimeField(null=True)
    cancelled_at = fields.DatetimeField(null=True)

    class Meta:
        table = "payment"
        unique_together = (("account", "method", "external_id"),)
        indexes = (("account", "created_at"), ("customer", "created_at"))


class PaymentAllocation(Model):
    """Part of a completed payment's converted amount applied to one invoice of its customer
    (paymentAllocate, or a receipt). A payment's unallocated amount is its converted amount less
    its allocations; written under the payment's row lock, so it never goes below zero."""

    account_id: int
    payment_id: int
    invoice_id: int
    by_user_id: int | None

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="payment_allocations", on_delete=fields.CASCADE
    )
    payment: fields.ForeignKeyRelation[Payment] = fields.ForeignKeyField(
        "models.Payment", related_name="allocations", on_delete=fields.RESTRICT
    )
    invoice: fields.ForeignKeyRelation[Invoice] = fields.ForeignKeyField(
        "models.Invoice", related_name="allocations", on_delete=fields.RESTRICT
    )
    # In the customer's currency (the payment's converted currency and the invoice's).
    amount = money_field()
    at = fields.DatetimeField()
    by_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="payment_allocations", null=True, on_delete=fields.SET_NULL
    )
    # Who allocated it as the audit trail names them (a user, an API key, PayPal IPN, the system).
    by_label = fields.CharField(max_length=200)

    class Meta:
        table = "payment_allocation"
        indexes = (("payment", "id"), ("invoice", "id"))
