"""The tenant (Account) and the principals that act inside it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from tortoise import fields
from tortoise.models import Model

from models.enums import PasswordTokenPurpose, SessionKind, SmtpTlsMode

if TYPE_CHECKING:
    from models.contacts import Contact


class Account(Model):
    """A carrier: every other row belongs to exactly one account."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200)
    number_range_start = fields.BigIntField(null=True)
    number_block_size = fields.IntField(null=True)
    require_audit_reason = fields.BooleanField(default=False)
    email_from = fields.CharField(max_length=320, null=True)
    smtp_host = fields.CharField(max_length=255, null=True)
    smtp_port = fields.IntField(null=True)
    smtp_tls_mode = fields.CharEnumField(SmtpTlsMode, max_length=8, default=SmtpTlsMode.STARTTLS)
    smtp_username = fields.CharField(max_length=255, null=True)
    smtp_password = fields.CharField(max_length=255, null=True)
    sms_api_base_url = fields.CharField(max_length=500, null=True)
    sms_account_sid = fields.CharField(max_length=100, null=True)
    sms_auth_token = fields.CharField(max_length=255, null=True)
    sms_from = fields.CharField(max_length=32, null=True)
    # The voice provider (Twilio-compatible Calls API) that places caller-id verification calls.
    voice_api_base_url = fields.CharField(max_length=500, null=True)
    voice_account_sid = fields.CharField(max_length=100, null=True)
    voice_auth_token = fields.CharField(max_length=255, null=True)
    voice_from = fields.CharField(max_length=32, null=True)
    sip_realm = fields.CharField(max_length=255, default="switchboard")
    # Host names the customer portal is served on; a customer's portal_domain is one of them.
    portal_domains = fields.JSONField[list[str]](default=list)
    # The PayPal business account that receives the customers' payments: PayPal IPN
    # notifications are matched to the account by their receiver_email (unique, case-folded).
    paypal_receiver_email = fields.CharField(max_length=320, null=True, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "account"


class Role(Model):
    """A named set of permissions, defined per account and granted to users."""

    account_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="roles", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=100)
    permissions = fields.JSONField[list[str]](default=list)
    # Made with the account: it holds what services/permissions.py DEFAULT_ROLES says (the stored
    # list is what it held then), and is never renamed, edited or deleted through the API.
    built_in = fields.BooleanField(default=False)

    class Meta:
        table = "role"
        unique_together = (("account", "name"),)


class Reseller(Model):
    """A partner group: its users see and edit only the customers assigned to it."""

    account_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="resellers", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "reseller"
        unique_together = (("account", "name"),)


class User(Model):
    """Staff of an account, or a partner user when `reseller` is set."""

    account_id: int
    role_id: int
    reseller_id: int | None

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="users", on_delete=fields.CASCADE
    )
    email = fields.CharField(max_length=320, unique=True)
    name = fields.CharField(max_length=200)
    password_hash = fields.CharField(max_length=255)
    role: fields.ForeignKeyRelation[Role] = fields.ForeignKeyField(
        "models.Role", related_name="users", on_delete=fields.RESTRICT
    )
    reseller: fields.ForeignKeyNullableRelation[Reseller] = fields.ForeignKeyField(
        "models.Reseller", related_name="users", null=True, on_delete=fields.RESTRICT
    )
    is_active = fields.BooleanField(default=True)
    # False for an invited user until they choose a password through their link: the stored
    # hash is then of a random secret nobody knows, so no password logs them in.
    password_set = fields.BooleanField(default=True)
    last_login_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user"


class ApiKey(Model):
    """A credential for an integration (billing system, CDR feed); the secret is stored hashed."""

    account_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="api_keys", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    prefix = fields.CharField(max_length=16, unique=True)
    key_hash = fields.CharField(max_length=64)
    permissions = fields.JSONField[list[str]](default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    last_used_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_key"


class AuthSession(Model):
    """One login (or impersonation); access tokens name it, so revoking it ends them all.

    Its principal is a staff or partner user, or a customer's contact (the portal): exactly one
    of `user` and `contact` is set. A staff "Portal Login" is a contact session of kind
    IMPERSONATION that names the staff user who asked (`impersonator`)."""

    account_id: int
    user_id: int | None
    contact_id: int | None
    impersonator_id: int | None

    id = fields.UUIDField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="sessions", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE, null=True
    )
    contact: fields.ForeignKeyNullableRelation[Contact] = fields.ForeignKeyField(
        "models.Contact", related_name="sessions", on_delete=fields.CASCADE, null=True
    )
    impersonator: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="impersonations", on_delete=fields.CASCADE, null=True
    )
    kind = fields.CharEnumField(SessionKind, max_length=16, default=SessionKind.LOGIN)
    ip = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=500, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "auth_session"


class RefreshToken(Model):
    """A single-use refresh token; presenting a used one revokes its whole session."""

    session_id: UUID

    id = fields.IntField(primary_key=True)
    session: fields.ForeignKeyRelation[AuthSession] = fields.ForeignKeyField(
        "models.AuthSession", related_name="refresh_tokens", on_delete=fields.CASCADE
    )
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)

    class Meta:
        table = "refresh_token"


class PasswordToken(Model):
    """A single-use, expiring set-password link (an invitation or a password reset).

    Stored as the SHA-256 of its secret: the secret itself exists only in the e-mail."""

    account_id: int
    user_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="password_tokens", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="password_tokens", on_delete=fields.CASCADE
    )
    purpose = fields.CharEnumField(PasswordTokenPurpose, max_length=10)
    token_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    expires_at = fields.DatetimeField()
    # Set when the link is used, or when a newer link, a password change or a deactivation
    # makes it worthless: a spent link never works again.
    spent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "password_token"
        indexes = (("user", "created_at"),)


class LoginAttempt(Model):
    """Every login try, for throttling by address and by e-mail."""

    id = fields.IntField(primary_key=True)
    email = fields.CharField(max_length=320, db_index=True)
    ip = fields.CharField(max_length=64, db_index=True)
    succeeded = fields.BooleanField()
    at = fields.DatetimeField(auto_now_add=True, db_index=True)

    class Meta:
        table = "login_attempt"


class LoginThrottle(Model):
    """Login back-off of an (e-mail, address) pair, or of a whole address (empty e-mail).

    See services/login_throttle.py for the policy."""

    id = fields.IntField(primary_key=True)
    ip = fields.CharField(max_length=64)
    email = fields.CharField(max_length=320)
    failures = fields.IntField(default=0)
    last_failure_at = fields.DatetimeField(null=True)
    blocked_until = fields.DatetimeField(null=True)
    succeeded_at = fields.DatetimeField(null=True)

    class Meta:
        table = "login_throttle"
        unique_together = (("ip", "email"),)
