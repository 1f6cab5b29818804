"""Internal number blocks and the SIP users whose extensions they govern."""

from tortoise import fields
from tortoise.models import Model

from models.accounts import Account
from models.customers import Customer


class NumberBlock(Model):
    """[start, start + size) of the account's range, held by one customer. Releasing a block
    deletes the row: the block is free again and is handed out like any other free block."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="number_blocks", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="number_blocks", on_delete=fields.CASCADE
    )
    start = fields.BigIntField()
    size = fields.IntField()
    assigned_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "number_block"
        unique_together = (("account", "start"),)

    @property
    def end(self) -> int:
        """The first number after the block."""
        return int(self.start) + int(self.size)


class SipUser(Model):
    """SIP authentication of a customer. The password is kept only as the digest hash a switch
    needs: HA1 = MD5(username:realm:password)."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="sip_users", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="sip_users", on_delete=fields.CASCADE
    )
    username = fields.CharField(max_length=64)
    # The username as a number when it is one, so block rules are plain range queries.
    extension = fields.BigIntField(null=True)
    realm = fields.CharField(max_length=255)
    ha1 = fields.CharField(max_length=32)
    channels = fields.IntField(default=0)
    cps = fields.IntField(default=0)
    ip_allow = fields.JSONField[list[str]](default=list)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "sip_user"
        unique_together = (("account", "username"),)
        indexes = (("account", "extension"),)


class IpAuth(Model):
    """IP authentication of a customer: calls from `address` (an address or CIDR network), with
    `tech_prefix` when it has one, are the customer's.

    `range_start` and `range_end` are the network's first and last address as 128-bit numbers
    (IPv4 as IPv4-mapped IPv6, so both families share one space), written as 39 zero-padded
    decimal digits: equal-width digit strings order like the numbers they write under every
    collation, so overlap and containment are index range checks on both engines."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="ip_auths", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="ip_auths", on_delete=fields.CASCADE
    )
    address = fields.CharField(max_length=49)
    range_start = fields.CharField(max_length=39)
    range_end = fields.CharField(max_length=39)
    tech_prefix = fields.CharField(max_length=20, null=True)
    # An extension of the account's namespace (shared with SIP users' numeric usernames).
    extension = fields.BigIntField(null=True)
    channels = fields.IntField(default=0)
    cps = fields.IntField(default=0)
    notes = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "ip_auth"
        unique_together = (("account", "extension"),)
        indexes = (("account", "range_start"),)


class ConferenceRoom(Model):
    """A Class 5 conference room of a customer, reached at an extension of the account's
    namespace. The PIN is kept only as an argon2 hash."""

    account_id: int
    customer_id: int

    id = fields.IntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "models.Account", related_name="conference_rooms", on_delete=fields.CASCADE
    )
    customer: fields.ForeignKeyRelation[Customer] = fields.ForeignKeyField(
        "models.Customer", related_name="conference_rooms", on_delete=fields.CASCADE
    )
    extension = fields.BigIntField()
    name = fields.CharField(max_length=200, null=True)
    pin_hash = fields.CharField(max_length=200, null=True)
    max_participants = fields.IntField(default=0)
    recording = fields.BooleanField(default=False)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "conference_room"
        unique_together = (("account", "extension"),)
