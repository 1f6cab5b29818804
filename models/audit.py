"""The append-only audit trail."""

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.enums import ActorKind, AuditAction, HttpVerb


class AuditEntry(Model):
    """One change (or login, send, export...), written in the transaction of the change.

    Actor columns are plain ids, not foreign keys: the trail outlives the rows it names."""

    account_id: int

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="audit_entries", on_delete=fields.CASCADE
    )
    at = fields.DatetimeField()
    actor_kind = fields.CharEnumField(ActorKind, max_length=10)
    actor_user_id = fields.IntField(null=True)
    actor_contact_id = fields.IntField(null=True)
    actor_api_key_id = fields.IntField(null=True)
    on_behalf_of_user_id = fields.IntField(null=True)
    actor_label = fields.CharField(max_length=200)
    ip = fields.CharField(max_length=64, null=True)
    user_agent = fields.CharField(max_length=500, null=True)
    action = fields.CharEnumField(AuditAction, max_length=12)
    http_verb = fields.CharEnumField(HttpVerb, max_length=6)
    table_name = fields.CharField(max_length=64)
    record_id = fields.CharField(max_length=64)
    customer_id = fields.IntField(null=True)
    message = fields.CharField(max_length=500)
    reason = fields.TextField(null=True)
    diff = fields.JSONField[dict[str, dict[str, object]]](default=dict)

    class Meta:
        table = "audit_entry"
        # The trail is listed by id (commit order); `at` serves time-range filters.
        indexes = (
            ("account", "id"),
            ("account", "customer_id", "id"),
            ("account", "at"),
            ("account", "table_name"),
        )
