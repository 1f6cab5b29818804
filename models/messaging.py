"""The outbox (one row per recipient of every e-mail and SMS) and the scheduler's claims."""

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.enums import AttachmentSource, MessageChannel, MessageKind, MessageStatus


class Message(Model):
    """One e-mail or SMS to one recipient, written in the transaction of the change that causes
    it and sent after commit. `lease_until` marks a send in progress: nobody else may send it
    until then, and a crashed sender's lease simply runs out."""

    account_id: int

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="messages", on_delete=fields.CASCADE
    )
    customer_id = fields.IntField(null=True)
    contact_id = fields.IntField(null=True)
    # The broadcast ("Send Email" or "Send SMS") this message is one recipient of, if any.
    broadcast_id = fields.IntField(null=True, db_index=True)
    channel = fields.CharEnumField(MessageChannel, max_length=5)
    kind = fields.CharEnumField(MessageKind, max_length=12)
    to = fields.CharField(max_length=320)
    subject = fields.CharField(max_length=500, default="")
    body_text = fields.TextField(default="")
    body_html = fields.TextField(null=True)
    # A body that carries a secret (a generated password) is not kept readable: the columns above
    # hold it with the secret left out, and this holds what is sent, sealed with the app's secret
    # key (services/messaging/sealing.py); it is cleared once the message is SENT or FAILED.
    sealed_body = fields.TextField(null=True)
    # Stable across retries, so a receiver can drop the copy a crash may cause.
    header_message_id = fields.CharField(max_length=200, unique=True)
    status = fields.CharEnumField(MessageStatus, max_length=6, default=MessageStatus.QUEUED)
    attempts = fields.IntField(default=0)
    last_error = fields.TextField(null=True)
    provider_reference = fields.CharField(max_length=200, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    next_attempt_at = fields.DatetimeField()
    lease_until = fields.DatetimeField(null=True)
    sent_at = fields.DatetimeField(null=True)

    class Meta:
        table = "message"
        indexes = (("status", "next_attempt_at"), ("account", "created_at"))


class MessageAttachment(Model):
    """A file sent with an e-mail, stored by reference: what to produce (`source`, `source_id`)
    when the message is delivered, never the bytes (the broker and the outbox row stay small)."""

    message_id: int

    id = fields.BigIntField(primary_key=True)
    message: fields.ForeignKeyRelation[Message] = fields.ForeignKeyField(
        "models.Message", related_name="attachments", on_delete=fields.CASCADE
    )
    filename = fields.CharField(max_length=200)
    content_type = fields.CharField(max_length=100)
    source = fields.CharEnumField(AttachmentSource, max_length=20)
    source_id = fields.BigIntField()

    class Meta:
        table = "message_attachment"


class Broadcast(Model):
    """One "Send Email" or "Send SMS" to the contacts of many customers: its messages (one per
    recipient, `Message.broadcast_id`) are written in the same transaction. `reseller_id` is the
    sender's reseller when a partner sent it: partners see only their reseller's broadcasts."""

    account_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="broadcasts", on_delete=fields.CASCADE
    )
    reseller_id = fields.IntField(null=True)
    channel = fields.CharEnumField(MessageChannel, max_length=5)
    subject = fields.CharField(max_length=200, default="")
    body = fields.TextField()
    created_by_label = fields.CharField(max_length=200)
    recipient_count = fields.IntField(default=0)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "broadcast"
        indexes = (("account", "created_at"),)


class PeriodicRun(Model):
    """When a periodic job is next due; advancing `next_run_at` is the claim of one run."""

    name = fields.CharField(max_length=100, primary_key=True)
    next_run_at = fields.DatetimeField()
    last_claimed_by = fields.CharField(max_length=200, null=True)

    class Meta:
        table = "periodic_run"
