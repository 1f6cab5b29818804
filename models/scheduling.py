"""Delay and Save: changes stored now, applied by the scheduler when they fall due."""

from typing import Any

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.enums import ScheduledChangeKind, ScheduledChangeStatus


class ScheduledChange(Model):
    """One stored change: its kind, its target (null for a creation until it is applied), the
    typed patch as JSON, when it takes effect (UTC) and who scheduled it and why.

    `baseline` holds the patched fields' values when the change was scheduled, by record id,
    so that applying it can tell a direct edit made since (the conflict rule). `lease_until` and
    `claimed_by` mark a scheduler's claim; the claim only spares work, the status flip in the
    applying transaction is what makes a change apply once. Creator columns are plain ids: the
    log outlives users and keys."""

    account_id: int

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="scheduled_changes", on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(ScheduledChangeKind, max_length=30)
    status = fields.CharEnumField(ScheduledChangeStatus, max_length=10, default=ScheduledChangeStatus.PENDING)
    target_table = fields.CharField(max_length=32)
    target_id = fields.IntField(null=True)
    customer_id = fields.IntField(null=True)
    patch = fields.JSONField[dict[str, Any]](default=dict)
    baseline = fields.JSONField[dict[str, dict[str, Any]]](default=dict)
    overwrite = fields.BooleanField(default=False)
    effective_at = fields.DatetimeField()
    reason = fields.TextField(null=True)
    created_by_user_id = fields.IntField(null=True)
    created_by_api_key_id = fields.IntField(null=True)
    created_by_reseller_id = fields.IntField(null=True)
    created_by_label = fields.CharField(max_length=200)
    failure_code = fields.CharField(max_length=40, null=True)
    failure_message = fields.TextField(null=True)
    applied_at = fields.DatetimeField(null=True)
    lease_until = fields.DatetimeField(null=True)
    claimed_by = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "scheduled_change"
        indexes = (
            ("status", "effective_at"),
            ("account", "effective_at"),
            ("account", "customer_id", "effective_at"),
        )
