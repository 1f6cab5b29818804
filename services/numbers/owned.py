"""What SIP users, IP authentications and conference rooms share as rows of a customer: the
locked, scope-checked reads of the customer and of the row, and their audited writes. Every change takes the account's
row lock first (blocks.lock_account), the lock that makes extension claims race-safe."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, cast

from tortoise.expressions import Subquery

from models import Account, Customer
from models.enums import AuditAction, Permission
from services.actor import Actor
from services.auditing import JsonValue, creation_diff, diff, snapshot
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.fields import CleanContext, creation_defaults, row_values
from services.numbers.blocks import lock_account
from services.numbers.extensions import Row
from services.uow import UnitOfWork, unit_of_work
from services.validation import Patch, Unset, non_negative_int


def require_given(cleaned: Patch, *names: str) -> None:
    """Refuse a creation that lacks any of these fields (REQUIRED, each named)."""
    given = cleaned.given()
    missing = [
        FieldError(ErrorCode.REQUIRED, "This field is required.", (name,))
        for name in names
        if name not in given
    ]
    if missing:
        raise ServiceError(missing)


def cap(value: int, _context: CleanContext) -> int:
    """The cleaner of a count or cap: 0 or more."""
    return non_negative_int(value)


def check_caps(customer: Customer, channels: int | Unset, cps: int | Unset) -> None:
    """Caps given for an IP authentication or SIP user: at most the customer's channels and flow
    speed (0 applies the customer's). The customer's own caps cannot then drop below them
    (services/customers/commands.py `auth_limit_errors`)."""
    caps = (
        ("channels", channels, customer.channels, "channels"),
        ("cps", cps, customer.flow_speed, "flow speed"),
    )
    for field, value, limit, name in caps:
        if isinstance(value, int) and value > limit:
            raise ServiceError.single(
                ErrorCode.ABOVE_CUSTOMER_LIMIT,
                f"At most the customer's {name} ({limit}); 0 applies the customer's limit.",
                field,
            )


async def locked_customer(uow: UnitOfWork, customer_id: int) -> Customer:
    """The customer, if the actor may see it, locked until commit."""
    customer = await uow.locked(visible_customers(uow.actor).filter(id=customer_id)).first()
    if customer is None:
        raise not_found("Customer", "customer_id")
    return customer


async def owned_row(uow: UnitOfWork, model: type[Row], row_id: int, what: str) -> Row:
    """A row of a customer the actor may see, locked until commit (NOT_FOUND at `id` otherwise)."""
    visible = Subquery(visible_customers(uow.actor).values("id"))
    row = await uow.locked(
        model.filter(id=row_id, account_id=uow.actor.account_id, customer_id__in=visible)
    ).first()
    if row is None:
        raise not_found(what, "id")
    return row


@dataclass(frozen=True)
class Kind:
    """How a kind of owned row is audited: its table, what it is called ("SIP user"), the field
    that names one row, its audited columns and which of them are secret."""

    table: str
    what: str
    named_by: str
    columns: tuple[str, ...]
    secrets: frozenset[str] = frozenset()

    def label(self, row: object) -> str:
        return f"{self.what} {getattr(row, self.named_by)}"


Save = Callable[[Row, UnitOfWork], Awaitable[None]]


async def insert_audited(uow: UnitOfWork, row: Row, kind: Kind, save: Save[Row]) -> None:
    """Save a new row with its CREATE entry (every set column, secrets redacted)."""
    await save(row, uow)
    uow.audit(
        AuditAction.CREATE,
        kind.table,
        row.id,
        f"{kind.label(row)} created",
        customer_id=row.customer_id,
        diff=creation_diff(snapshot(row, kind.columns), kind.secrets),
    )


async def update_audited(
    uow: UnitOfWork, row: Row, before: dict[str, JsonValue], kind: Kind, save: Save[Row]
) -> None:
    """Save a changed row with its UPDATE entry; nothing at all when nothing changed."""
    changes = diff(before, snapshot(row, kind.columns), kind.secrets)
    if changes:
        await save(row, uow)
        uow.audit(
            AuditAction.UPDATE,
            kind.table,
            row.id,
            f"{kind.label(row)} updated",
            customer_id=row.customer_id,
            diff=changes,
        )


Build = Callable[[Account, Customer], Row]
Check = Callable[[UnitOfWork, Customer, Row, dict[str, JsonValue]], Awaitable[None]]


def builder(model: type[Row], cleaned: Patch) -> Build[Row]:
    """Builds the new row of `model` a cleaned patch describes: its given fields, the declared
    defaults for the others, as their columns store them."""
    full = replace(cast(Any, type(cleaned))(**creation_defaults(type(cleaned))), **cleaned.given())
    values = row_values(full)

    def build(account: Account, customer: Customer) -> Row:
        return model(account_id=account.id, customer_id=customer.id, **values)

    return build


async def create_owned(
    actor: Actor,
    customer_id: int,
    kind: Kind,
    build: Build[Row],
    check: Check[Row],
    save: Save[Row],
    reason: str | None,
) -> Row:
    """The command that creates a row of a customer: under the account's lock, `build` the row
    for the (locked, visible) customer, `check` it (`{}` as the state before), save and audit."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        account = await lock_account(uow)
        customer = await locked_customer(uow, customer_id)
        row = build(account, customer)
        await check(uow, customer, row, {})
        await insert_audited(uow, row, kind, save)
    return row


async def update_owned(
    actor: Actor,
    model: type[Row],
    row_id: int,
    kind: Kind,
    columns: Mapping[str, Any],
    check: Check[Row],
    save: Save[Row],
    reason: str | None,
) -> Row:
    """The command that changes a row of a customer: under the account's lock, set `columns`,
    `check` the row against its audited state before, save and audit what changed."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        row = await owned_row(uow, model, row_id, kind.what)
        before = snapshot(row, kind.columns)
        for column, value in columns.items():
            setattr(row, column, value)
        await check(uow, await locked_customer(uow, row.customer_id), row, before)
        await update_audited(uow, row, before, kind, save)
    return row


async def delete_owned(actor: Actor, model: type[Row], row_id: int, kind: Kind, reason: str | None) -> Row:
    """Delete the row, audited as "<what> <its name> deleted" with its name in the diff."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        row = await owned_row(uow, model, row_id, kind.what)
        await row.delete(using_db=uow.conn)
        name = getattr(row, kind.named_by)
        uow.audit(
            AuditAction.DELETE,
            kind.table,
            row.id,
            f"{kind.label(row)} deleted",
            customer_id=row.customer_id,
            diff={kind.named_by: {"old": name, "new": None}},
        )
    return row
