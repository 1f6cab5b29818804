"""A customer's contacts: its people, reached by e-mail and SMS, and the customer portal's logins."""

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.customers import Customer
from models.enums import ContactType, VerificationChannel


class Contact(Model):
    """One person of a customer. The e-mail is the portal login, unique in the account whatever
    its case (`email_key`); the password is kept only as an argon2id hash, and a contact without
    one cannot log in."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="contacts", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="contacts", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    # Case-folded name: lists sort alike on every engine.
    name_key = fields.CharField(max_length=200)
    email = fields.CharField(max_length=320)
    # Case-folded e-mail: the login, unique in the account.
    email_key = fields.CharField(max_length=320)
    phone = fields.CharField(max_length=20, null=True)
    mobile = fields.CharField(max_length=20, null=True)
    contact_type = fields.CharEnumField(ContactType, max_length=16, default=ContactType.GENERAL)
    public_notes = fields.TextField(default="")
    private_notes = fields.TextField(default="")
    email_verified = fields.BooleanField(default=False)
    mobile_verified = fields.BooleanField(default=False)
    ip_allow = fields.JSONField[list[str]](default=list)
    password_hash = fields.CharField(max_length=255, null=True)
    password_changed_at = fields.DatetimeField(null=True)
    last_login_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "contact"
        unique_together = (("account", "email_key"),)
        indexes = (("customer", "name_key"), ("account", "name_key"), ("account", "created_at"))


class ContactVerificationCode(Model):
    """A code sent to prove that a contact's e-mail address or mobile number is its own. Only
    an HMAC-SHA256 of the code (under the app's secret key) is kept; a code is single-use,
    expires, and is spent after too many wrong tries or when a newer one replaces it. Spent
    rows stay until the contact goes: they count towards the hourly limit of sends."""

    account_id: int
    contact_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="contact_verification_codes", on_delete=fields.CASCADE
    )
    contact: fields.ForeignKeyRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="verification_codes", on_delete=fields.CASCADE
    )
    channel = fields.CharEnumField(VerificationChannel, max_length=8)
    # The address the code went to: verifying flags that address only, not a later one.
    destination = fields.CharField(max_length=320)
    code_hash = fields.CharField(max_length=64)
    attempts = fields.IntField(default=0)
    expires_at = fields.DatetimeField()
    spent_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "contact_verification_code"
        indexes = (("contact", "created_at"),)
