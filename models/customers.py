"""The customer aggregate: the customer row and its tags."""

from decimal import Decimal
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account, Reseller, User

if TYPE_CHECKING:
    from models.invoices import InvoiceTemplate
from models.enums import CustomerStatus, InvoiceSchedule, RtpFirewall, StirShakenAttestation

MONEY_DIGITS = 20
MONEY_PLACES = 4


def money_field(default: Decimal = Decimal(0)) -> fields.DecimalField[Decimal]:
    return fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, default=default)


def nullable_money_field() -> fields.DecimalField[Decimal | None]:
    return fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True)


class Customer(Model):
    """Every field of the customer card's Basic, Config, Address, Verification, Notes and
    Day/Time Restrict tabs, plus the read-only balance and live channel count."""

    account_id: int
    reseller_id: int | None
    account_manager_id: int | None
    invoice_template_id: int | None

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="customers", on_delete=fields.CASCADE
    )
    # Basic
    name = fields.CharField(max_length=200)
    # Case-folded name of a live customer; NULL once deleted, so the name can be reused.
    name_key = fields.CharField(max_length=200, null=True)
    status = fields.CharEnumField(CustomerStatus, max_length=20, default=CustomerStatus.ACTIVE)
    channels = fields.IntField(default=0)
    flow_speed = fields.IntField(default=0)
    debit_limit = money_field()
    minimum_payment = money_field()
    topup_currencies = fields.JSONField[list[str]](default=list)
    tax_percent = fields.DecimalField(max_digits=7, decimal_places=4, default=Decimal(0))
    currency = fields.CharField(max_length=3)
    balance = money_field()
    channels_in_use = fields.IntField(default=0)
    # When the switch's snapshot of active calls that set `channels_in_use` was taken.
    channels_in_use_at = fields.DatetimeField(null=True)
    # Config
    paypal_email = fields.CharField(max_length=320, null=True)
    website = fields.CharField(max_length=500, null=True)
    p_asserted_id = fields.CharField(max_length=200, null=True)
    portal_access = fields.BooleanField(default=True)
    portal_hidden_sections = fields.JSONField[list[str]](default=list)
    # Whether the customer's portal logins see and manage each other (off: each only itself).
    portal_manage_contacts = fields.BooleanField(default=False)
    vars = fields.TextField(default="")
    reseller: fields.ForeignKeyNullableRelation[Reseller] = fields.ForeignKeyField(
        "models.Reseller", related_name="customers", null=True, on_delete=fields.RESTRICT
    )
    account_manager: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="managed_customers", null=True, on_delete=fields.SET_NULL
    )
    invoice_schedule = fields.CharEnumField(InvoiceSchedule, max_length=10, default=InvoiceSchedule.MONTHLY)
    create_invoice_on_payment = fields.BooleanField(default=False)
    invoice_due_days = fields.IntField(default=30)
    # The account's invoice template used for this customer's invoices; null: the shipped default.
    invoice_template: fields.ForeignKeyNullableRelation["InvoiceTemplate"] = fields.ForeignKeyField(
        "models.InvoiceTemplate", related_name="customers", null=True, on_delete=fields.RESTRICT
    )
    external_accounting_id = fields.CharField(max_length=100, null=True)
    rtp_firewall = fields.CharEnumField(RtpFirewall, max_length=10, default=RtpFirewall.LOCKED)
    recording_retention_days = fields.IntField(default=0)
    portal_domain = fields.CharField(max_length=255, null=True)
    daily_spend_limit = nullable_money_field()
    stir_shaken_attestation = fields.CharEnumField(StirShakenAttestation, max_length=1, null=True)
    # Address
    address_line1 = fields.CharField(max_length=200, null=True)
    address_line2 = fields.CharField(max_length=200, null=True)
    city = fields.CharField(max_length=100, null=True)
    region = fields.CharField(max_length=100, null=True)
    postal_code = fields.CharField(max_length=20, null=True)
    country = fields.CharField(max_length=2, null=True)
    # Verification
    approved_cli_only = fields.BooleanField(default=False)
    email_verification_required = fields.BooleanField(default=False)
    mobile_verification_required = fields.BooleanField(default=False)
    # Notes
    notes = fields.TextField(default="")
    # Day/Time Restrict
    timezone = fields.CharField(max_length=64, default="UTC")
    dial_windows = fields.JSONField[list[dict[str, object]]](default=list)

    # Timed penalty (customerPenalize): in force until `penalty_until`; the status it replaced
    # is restored when it lifts, unless the status was changed by hand in the meantime.
    penalty_until = fields.DatetimeField(null=True)
    penalty_reason: str | None = fields.TextField(null=True)
    penalty_previous_status: CustomerStatus | None = fields.CharEnumField(  # type: ignore[assignment]
        CustomerStatus, max_length=20, null=True
    )

    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)
    deleted_at = fields.DatetimeField(null=True)

    class Meta:
        table = "customer"
        unique_together = (("account", "name_key"),)
        indexes = (("account", "status"), ("account", "created_at"))


class CustomerTag(Model):
    """One tag of a customer; a table of its own so filters work alike on every engine."""

    customer_id: int

    id = fields.IntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="tag_rows", on_delete=fields.CASCADE
    )
    tag = fields.CharField(max_length=100, db_index=True)

    class Meta:
        table = "customer_tag"
        unique_together = (("customer", "tag"),)
