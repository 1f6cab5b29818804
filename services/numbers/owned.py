"""What SIP users and IP authentications share as rows of a customer: the locked, scope-checked
reads of the customer and of the row, and the audited delete. Every change takes the account's
row lock first (blocks.lock_account), the lock that makes extension claims race-safe."""

from __future__ import annotations

from tortoise.expressions import Subquery

from models import Customer
from models.enums import AuditAction, Permission
from services.actor import Actor
from services.customers.scope import visible_customers
from services.errors import not_found
from services.fields import CleanContext
from services.numbers.blocks import lock_account
from services.numbers.extensions import Row
from services.uow import UnitOfWork, unit_of_work
from services.validation import non_negative_int


def cap(value: int, _context: CleanContext) -> int:
    """The cleaner of a count or cap: 0 or more."""
    return non_negative_int(value)


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


async def delete_owned(
    actor: Actor, model: type[Row], row_id: int, *, what: str, named_by: str, reason: str | None
) -> Row:
    """Delete the row, audited as "<what> <its name> deleted" with its name in the diff."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        row = await owned_row(uow, model, row_id, what)
        await row.delete(using_db=uow.conn)
        name = getattr(row, named_by)
        uow.audit(
            AuditAction.DELETE,
            model._meta.db_table,
            row.id,
            f"{what} {name} deleted",
            customer_id=row.customer_id,
            diff={named_by: {"old": name, "new": None}},
        )
    return row
