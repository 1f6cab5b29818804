"""Call data from the switch: call detail records, their hourly summaries, and the marks of the
hours that changed since the last roll-up.

Money here is kept as whole 1/10 000 units of the customer's currency (`*_units`, the scale of
MONEY_PLACES): sums are then exact integer sums in SQL on every engine (SQLite keeps DECIMAL
columns as text, and its SUM of text is a float). Services turn units into Decimal and back."""

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.customers import Customer

# One unit of `*_units` columns is 10 ** -MONEY_UNIT_PLACES of the currency (MONEY_PLACES).
MONEY_UNIT_PLACES = 4


class Cdr(Model):
    """One call as the switch reported it; written once, never updated.

    No foreign-key constraints (`db_constraint=False`) here or on the marks: the feed inserts
    them by the hundred thousand and a constraint check per row and key halved its rate; the
    ingest resolves every customer in the key's account before inserting, and customers are only
    ever soft-deleted."""

    account_id: int
    customer_id: int

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="cdrs", on_delete=fields.NO_ACTION, db_constraint=False
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="cdrs", on_delete=fields.NO_ACTION, db_constraint=False
    )
    # The switch's call id: a re-sent record is recognized by it and added nothing.
    call_id = fields.CharField(max_length=128)
    started_at = fields.DatetimeField()
    answered_at = fields.DatetimeField(null=True)
    ended_at = fields.DatetimeField()
    # `started_at` truncated to its UTC hour: the hourly summary the call counts in.
    hour = fields.DatetimeField()
    duration = fields.IntField()
    billed_duration = fields.IntField()
    cli = fields.CharField(max_length=64, default="")
    destination = fields.CharField(max_length=64, default="")
    destination_prefix = fields.CharField(max_length=32, default="")
    destination_country = fields.CharField(max_length=2, default="")
    charge_units = fields.BigIntField()
    cost_units = fields.BigIntField()
    pdd = fields.IntField(default=0)  # post-dial delay, ms
    disconnect_cause = fields.IntField(null=True)  # SIP status code
    ingested_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "cdr"
        unique_together = (("account", "call_id"),)
        indexes = (("customer", "hour"),)


class CdrHourlySummary(Model):
    """The sums of one customer's CDRs that started in one UTC hour; recomputed whole from the
    CDRs whenever that hour receives a CDR (the billing source of truth)."""

    account_id: int
    customer_id: int

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="cdr_summaries", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="cdr_summaries", on_delete=fields.CASCADE
    )
    hour = fields.DatetimeField()
    attempts = fields.IntField()
    connected = fields.IntField()
    duration = fields.BigIntField()
    billed_duration = fields.BigIntField()
    charge_units = fields.BigIntField()
    cost_units = fields.BigIntField()
    pdd_sum = fields.BigIntField()  # ms, over every attempt
    computed_at = fields.DatetimeField()

    class Meta:
        table = "cdr_hourly_summary"
        unique_together = (("customer", "hour"),)
        indexes = (("account", "hour"),)


class CdrRollupMark(Model):
    """ "This customer's hour received CDRs": written in the ingest's transaction, consumed
    (deleted) by the roll-up in the transaction that recomputes the hour."""

    customer_id: int

    id = fields.BigIntField(primary_key=True)
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="cdr_rollup_marks", on_delete=fields.NO_ACTION, db_constraint=False
    )
    hour = fields.DatetimeField()

    class Meta:
        table = "cdr_rollup_mark"
