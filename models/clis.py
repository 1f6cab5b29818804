"""A customer's caller ids (CLIs) and their verification by a test call."""

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account, User
from models.customers import Customer
from models.enums import CliStatus, StirShakenAttestation


class Cli(Model):
    """A number the customer may present as its caller id: PENDING until the customer proves it
    answers the number (a test call speaks a code) or staff approve it. The live code is kept
    only as an HMAC (`code_hash`), with its expiry and the wrong tries it took."""

    account_id: int
    customer_id: int
    approved_by_id: int | None

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="clis", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="clis", on_delete=fields.CASCADE
    )
    number = fields.CharField(max_length=20)
    status = fields.CharEnumField(CliStatus, max_length=8, default=CliStatus.PENDING)
    attestation = fields.CharEnumField(StirShakenAttestation, max_length=1, null=True)
    # The staff user who approved it directly; null when a verification call proved it.
    approved_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="approved_clis", null=True, on_delete=fields.SET_NULL
    )
    # Who approved it as the audit trail names them ("Portal", a user's or API key's name).
    approved_by_label = fields.CharField(max_length=200, null=True)
    approved_at = fields.DatetimeField(null=True)
    code_hash = fields.CharField(max_length=64, null=True)
    code_expires_at = fields.DatetimeField(null=True)
    code_attempts = fields.IntField(default=0)
    last_call_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "cli"
        unique_together = (("customer", "number"),)
