"""What each kind of scheduled change does: how its stored patch is applied (through the same
service as a direct edit, so rehearsing it at scheduling time and applying it when due run the
same checks), which permission it needs, and which values it watches for conflicts.

A new kind is one entry in KINDS. For a record edited with a typed patch (e.g. a CLI):

    update_kind(
        ScheduledChangeKind.CLI_UPDATE, clis.TABLE, Permission.CUSTOMERS_WRITE, clis.CliPatch,
        clis.update_cli, Cli, clis.AUDITED,
    ),
    owned_create_kind(
        ScheduledChangeKind.CLI_ADD, clis.TABLE, Permission.CUSTOMERS_WRITE, clis.CliPatch,
        clis.create_cli,
    ),
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.models import Model

from models import Cli, Contact, Customer, IpAuth, ScheduledChange, SipUser
from models.enums import Permission, ScheduledChangeKind
from services.actor import Actor
from services.auditing import JsonValue, snapshot
from services.contacts import commands as contacts
from services.contacts.passwords import PasswordChoice, PasswordMode
from services.contacts.values import ContactPatch
from services.customers import bulk
from services.customers import commands as customers
from services.customers.scope import tags_of
from services.customers.values import FIELDS as CUSTOMER_FIELDS
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, ServiceError, not_found
from services.numbers import clis, ip_auth, sip_users
from services.scheduled_changes import penalties
from services.scheduled_changes.codec import decode_patch, decode_value, encode_value
from services.validation import Patch

# The values of the fields a change patches, by record id, as the audit trail writes them.
Baseline = dict[str, dict[str, JsonValue]]
Run = Callable[[Actor, ScheduledChange], Awaitable[object]]
Current = Callable[[BaseDBAsyncClient, ScheduledChange], Awaitable[tuple[int | None, Baseline]]]
PASSWORD_MODE = "password_mode"


@dataclass(frozen=True)
class ChangeKind:
    """`run` applies a stored change as its creator's edit would (the actor decides whose);
    `current` reads the watched values now and the customer concerned (None for a creation:
    nothing to watch)."""

    kind: ScheduledChangeKind
    table: str
    permission: Permission
    run: Run
    current: Current | None = None


def update_kind(
    kind: ScheduledChangeKind,
    table: str,
    permission: Permission,
    patch_type: type[Patch],
    update: Callable[[Actor, int, Any, str | None], Awaitable[Model]],
    model: type[Model],
    audited: Sequence[str],
) -> ChangeKind:
    """A kind that edits one record of `model` with a typed patch."""

    async def run(actor: Actor, change: ScheduledChange) -> object:
        assert change.target_id is not None, "an update has a target"
        return await update(actor, change.target_id, decode_patch(patch_type, change.patch), change.reason)

    async def current(conn: BaseDBAsyncClient, change: ScheduledChange) -> tuple[int | None, Baseline]:
        row = await model.filter(id=change.target_id).using_db(conn).first()
        if row is None:
            raise not_found(table.replace("_", " ").capitalize(), "id")
        names = [name for name in change.patch if name in audited]
        customer_id = getattr(row, "customer_id", None) or row.pk
        return customer_id, {str(row.pk): snapshot(row, names)}

    return ChangeKind(kind, table, permission, run, current)


def owned_create_kind(
    kind: ScheduledChangeKind,
    table: str,
    permission: Permission,
    patch_type: type[Patch],
    create: Callable[[Actor, int, Any, str | None], Awaitable[Model]],
) -> ChangeKind:
    """A kind that creates a record of a customer from a typed patch."""

    async def run(actor: Actor, change: ScheduledChange) -> object:
        assert change.customer_id is not None, "an owned record has its customer"
        return await create(actor, change.customer_id, decode_patch(patch_type, change.patch), change.reason)

    return ChangeKind(kind, table, permission, run, None)


# --- customers ----------------------------------------------------------------------------


async def _create_customer(actor: Actor, change: ScheduledChange) -> object:
    return await customers.create_customer(actor, decode_patch(CustomerPatch, change.patch), change.reason)


async def _update_customer(actor: Actor, change: ScheduledChange) -> object:
    assert change.target_id is not None
    patch = decode_patch(CustomerPatch, change.patch)
    return await customers.update_customer(actor, change.target_id, patch, change.reason)


async def customer_values(
    conn: BaseDBAsyncClient, customer_ids: Sequence[int], names: Sequence[str]
) -> Baseline:
    """The customers' audited values of `names` (tags included), by id."""
    rows = await Customer.filter(id__in=list(customer_ids), deleted_at__isnull=True).using_db(conn)
    values = {str(row.id): snapshot(row, [n for n in names if n in customers.AUDITED_FIELDS]) for row in rows}
    if "tags" in names:
        for row in values.values():
            row["tags"] = []
        for customer_id, tag in (
            await tags_of(list(customer_ids)).using_db(conn).values_list("customer_id", "tag")
        ):
            tags = values.get(str(customer_id), {}).get("tags")
            if isinstance(tags, list):
                tags.append(str(tag))
    return values


async def _customer_now(conn: BaseDBAsyncClient, change: ScheduledChange) -> tuple[int | None, Baseline]:
    assert change.target_id is not None
    values = await customer_values(conn, [change.target_id], list(change.patch))
    if not values:
        raise not_found("Customer", "id")
    return change.target_id, values


# --- the bulk edit: {"ids": [...], "changes": {...}, "error_policy": ...} -----------------


def encode_bulk(ids: Sequence[int], changes: bulk.BulkChanges, policy: bulk.ErrorPolicy) -> dict[str, Any]:
    return {
        "ids": list(ids),
        "changes": {
            "numeric": {
                name: {k: encode_value(v) for k, v in vars(change).items() if v is not None}
                for name, change in changes.numeric.items()
            },
            "values": {name: encode_value(value) for name, value in changes.values.items()},
            "add_tags": list(changes.add_tags),
            "remove_tags": list(changes.remove_tags),
        },
        "error_policy": policy.value,
    }


def decode_bulk(raw: dict[str, Any]) -> tuple[list[int], bulk.BulkChanges, bulk.ErrorPolicy]:
    changes = raw["changes"]
    numeric = {
        name: bulk.NumericChange(
            **{k: decode_value(CUSTOMER_FIELDS[name].value_type, v) for k, v in change.items()}
        )
        for name, change in changes["numeric"].items()
    }
    values = {
        name: decode_value(CUSTOMER_FIELDS[name].value_type, v) for name, v in changes["values"].items()
    }
    decoded = bulk.BulkChanges(numeric, values, changes["add_tags"], changes["remove_tags"])
    return list(raw["ids"]), decoded, bulk.ErrorPolicy(raw["error_policy"])


def bulk_fields(raw: dict[str, Any]) -> list[str]:
    """The customer fields a stored bulk edit changes."""
    changes = raw["changes"]
    tags = ["tags"] if changes["add_tags"] or changes["remove_tags"] else []
    return [*changes["numeric"], *changes["values"], *tags]


async def _bulk_update(actor: Actor, change: ScheduledChange) -> object:
    ids, changes, policy = decode_bulk(change.patch)
    return await bulk.bulk_update_customers(
        actor, bulk.Selection(ids=ids), changes, policy=policy, reason=change.reason, refuse_as_error=True
    )


async def _bulk_now(conn: BaseDBAsyncClient, change: ScheduledChange) -> tuple[int | None, Baseline]:
    ids = [int(i) for i in change.patch["ids"]]
    return None, await customer_values(conn, ids, bulk_fields(change.patch))


# --- contacts -----------------------------------------------------------------------------


def contact_create_patch(
    patch: dict[str, JsonValue], password: PasswordChoice | None
) -> dict[str, JsonValue]:
    """A contact's creation as stored: a generated password may be asked for (it is made and
    e-mailed when the change applies); a password given now is never stored for later."""
    if password is None:
        return patch
    if password.mode is not PasswordMode.GENERATE:
        raise ServiceError.single(
            ErrorCode.INVALID,
            "A password is never stored for later: schedule the contact with a generated password, "
            "or set it once the contact exists.",
            "password",
        )
    return {**patch, PASSWORD_MODE: PasswordMode.GENERATE.value}


async def _create_contact(actor: Actor, change: ScheduledChange) -> object:
    assert change.customer_id is not None
    fields = {k: v for k, v in change.patch.items() if k != PASSWORD_MODE}
    choice = PasswordChoice(PasswordMode.GENERATE) if PASSWORD_MODE in change.patch else None
    return await contacts.create_contact(
        actor, change.customer_id, decode_patch(ContactPatch, fields), choice, change.reason
    )


KINDS: dict[ScheduledChangeKind, ChangeKind] = {
    k.kind: k
    for k in (
        ChangeKind(
            ScheduledChangeKind.CUSTOMER_CREATE, customers.TABLE, Permission.CUSTOMERS_WRITE, _create_customer
        ),
        ChangeKind(
            ScheduledChangeKind.CUSTOMER_UPDATE,
            customers.TABLE,
            Permission.CUSTOMERS_WRITE,
            _update_customer,
            _customer_now,
        ),
        ChangeKind(
            ScheduledChangeKind.CUSTOMER_BULK_UPDATE,
            customers.TABLE,
            Permission.CUSTOMERS_WRITE,
            _bulk_update,
            _bulk_now,
        ),
        ChangeKind(
            ScheduledChangeKind.CONTACT_CREATE, contacts.TABLE, Permission.CONTACTS_WRITE, _create_contact
        ),
        update_kind(
            ScheduledChangeKind.CONTACT_UPDATE,
            contacts.TABLE,
            Permission.CONTACTS_WRITE,
            ContactPatch,
            contacts.update_contact,
            Contact,
            contacts.AUDITED,
        ),
        owned_create_kind(
            ScheduledChangeKind.SIP_USER_CREATE,
            sip_users.TABLE,
            Permission.CUSTOMERS_WRITE,
            sip_users.SipUserPatch,
            sip_users.create_sip_user,
        ),
        update_kind(
            ScheduledChangeKind.SIP_USER_UPDATE,
            sip_users.TABLE,
            Permission.CUSTOMERS_WRITE,
            sip_users.SipUserPatch,
            sip_users.update_sip_user,
            SipUser,
            sip_users.AUDITED,
        ),
        owned_create_kind(
            ScheduledChangeKind.IP_AUTH_CREATE,
            ip_auth.TABLE,
            Permission.CUSTOMERS_WRITE,
            ip_auth.IpAuthPatch,
            ip_auth.create_ip_auth,
        ),
        update_kind(
            ScheduledChangeKind.IP_AUTH_UPDATE,
            ip_auth.TABLE,
            Permission.CUSTOMERS_WRITE,
            ip_auth.IpAuthPatch,
            ip_auth.update_ip_auth,
            IpAuth,
            ip_auth.AUDITED,
        ),
        owned_create_kind(
            ScheduledChangeKind.CLI_ADD,
            clis.TABLE,
            Permission.CUSTOMERS_WRITE,
            clis.CliPatch,
            clis.create_cli,
        ),
        update_kind(
            ScheduledChangeKind.CLI_UPDATE,
            clis.TABLE,
            Permission.CUSTOMERS_WRITE,
            clis.CliPatch,
            clis.update_cli,
            Cli,
            clis.AUDITED,
        ),
        ChangeKind(
            ScheduledChangeKind.PENALTY_LIFT, customers.TABLE, Permission.CUSTOMERS_WRITE, penalties.lift_due
        ),
    )
}


def kind_of(kind: ScheduledChangeKind) -> ChangeKind:
    return KINDS[kind]
