"""Reseller (partner) groups: the list with its counts, and managing them.

Reading follows the directory (services/directory.py, whose `resellers_by_id` serves `node` and
the loaders): `customers:read` reads the resellers of the actor's scope, and a partner sees only
its own. Counts are of the actor's scope too: live customers, and users (inactive included).

Writing needs `users:write` (a reseller group decides what its users see) and is never for
partner users. Names are unique in the account ignoring case (DUPLICATE). A reseller that live
customers or users still belong to cannot be deleted (RESELLER_IN_USE, with both counts); the
customers deleted earlier (soft-deleted: their billing history and audit stay) are detached from
it, each with an audit entry in its trail. Every write runs under the account's row lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.exceptions import IntegrityError
from tortoise.queryset import QuerySet

from models import Customer, Reseller, User
from models.enums import AuditAction, Permission
from services import integrity
from services.actor import Actor
from services.administration import counts_by, name_taken, require_manager
from services.auditing import creation_diff, diff, snapshot
from services.customers.scope import visible_customers, visible_resellers, visible_users
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.fields import CleanContext, clean, spec
from services.listing import (
    ConditionBuilder,
    Filter,
    Page,
    PageRequest,
    SortKey,
    check_search,
    column_condition,
    cursor_text,
    filter_q,
    paginate,
)
from services.numbers.blocks import lock_account
from services.uow import UnitOfWork, unit_of_work
from services.validation import Patch, Unset, text

TABLE = "reseller"
AUDITED = ("name",)
MAX_SEARCH_TERMS = 5
CONDITIONS: dict[str, ConditionBuilder] = {
    "id": column_condition("id", Reseller),
    "name": column_condition("name", Reseller),
    "created_at": column_condition("created_at", Reseller),
}


# --- reads ---------------------------------------------------------------------------------


async def list_resellers(
    actor: Actor, page: PageRequest, where: Filter | None = None, search: str | None = None
) -> Page[Reseller]:
    """A page of the resellers the actor may read, by name. `search`: every word must occur in
    the name, ignoring case."""
    actor.require(Permission.CUSTOMERS_READ)
    check_search(search, "search")
    queryset = visible_resellers(actor)
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, Reseller.filter))
    for term in (search or "").split()[:MAX_SEARCH_TERMS]:
        queryset = queryset.filter(name__icontains=term)
    return await paginate(queryset, [(SortKey("name", cursor_text(Reseller, "name")), False)], page)


async def customer_counts_by_reseller(actor: Actor, reseller_ids: Sequence[int]) -> dict[int, int]:
    """Live customers of each reseller that the actor may see (one statement)."""
    actor.require(Permission.CUSTOMERS_READ)
    return await counts_by(visible_customers(actor).filter(reseller_id__in=list(reseller_ids)), "reseller_id")


async def user_counts_by_reseller(actor: Actor, reseller_ids: Sequence[int]) -> dict[int, int]:
    """Users of each reseller that the actor may see, inactive ones included (one statement)."""
    actor.require(Permission.CUSTOMERS_READ)
    return await counts_by(visible_users(actor).filter(reseller_id__in=list(reseller_ids)), "reseller_id")


# --- writes --------------------------------------------------------------------------------


def _name(value: str, _context: CleanContext) -> str:
    return text(value, max_length=200, required=True)


@dataclass(frozen=True)
class ResellerPatch(Patch):
    """A reseller's editable fields, declared once (see services/fields.py)."""

    name: str | Unset = spec("Unique in the account, ignoring case.", clean=_name)


async def create_reseller(actor: Actor, patch: ResellerPatch, reason: str | None = None) -> Reseller:
    """A new, empty reseller group."""
    require_manager(actor)
    values = clean(patch).given()
    if "name" not in values:
        raise ServiceError.single(ErrorCode.REQUIRED, "This field is required.", "name")
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        await _check_name_free(uow, values["name"])
        reseller = Reseller(account_id=actor.account_id, name=values["name"])
        await _saved(reseller, uow)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            reseller.id,
            f"Reseller {reseller.name} created",
            diff=creation_diff(snapshot(reseller, AUDITED)),
        )
    return reseller


async def update_reseller(
    actor: Actor, reseller_id: int, patch: ResellerPatch, reason: str | None = None
) -> Reseller:
    """Rename a reseller; a rename to the same name is not audited."""
    require_manager(actor)
    values = clean(patch).given()
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        reseller = await _locked_reseller(uow, reseller_id)
        before = snapshot(reseller, AUDITED)
        if "name" in values and values["name"] != reseller.name:
            await _check_name_free(uow, values["name"], exclude_id=reseller.id)
            reseller.name = values["name"]
        changes = diff(before, snapshot(reseller, AUDITED))
        if changes:
            await _saved(reseller, uow)
            uow.audit(
                AuditAction.UPDATE, TABLE, reseller.id, f"Reseller {reseller.name} updated", diff=changes
            )
    return reseller


async def delete_reseller(actor: Actor, reseller_id: int, reason: str | None = None) -> Reseller:
    """Delete a reseller that no live customer and no user belongs to."""
    require_manager(actor)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        reseller = await _locked_reseller(uow, reseller_id)
        await _check_empty(uow, reseller)
        await _detach_deleted_customers(uow, reseller)
        await reseller.delete(using_db=uow.conn)
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            reseller.id,
            f"Reseller {reseller.name} deleted",
            diff={"name": {"old": reseller.name, "new": None}},
        )
    return reseller


async def _check_empty(uow: UnitOfWork, reseller: Reseller) -> None:
    customers = (
        await Customer.filter(reseller_id=reseller.id, deleted_at__isnull=True).using_db(uow.conn).count()
    )
    users = await User.filter(reseller_id=reseller.id).using_db(uow.conn).count()
    if customers or users:
        raise ServiceError(
            [
                FieldError(
                    ErrorCode.RESELLER_IN_USE,
                    f"{_count(customers, 'customer')} and {_count(users, 'user')} belong to this "
                    "reseller; move or delete them first.",
                    ("id",),
                    (("customers", customers), ("users", users)),
                )
            ]
        )


async def _detach_deleted_customers(uow: UnitOfWork, reseller: Reseller) -> None:
    """Deleted customers keep their history, not their reseller: one audit entry each."""
    deleted = Customer.filter(reseller_id=reseller.id, deleted_at__isnull=False).using_db(uow.conn)
    ids: list[int] = list(await deleted.values_list("id", flat=True))  # type: ignore[arg-type]
    if not ids:
        return
    await Customer.filter(id__in=ids).using_db(uow.conn).update(reseller_id=None)
    for customer_id in ids:
        uow.audit(
            AuditAction.UPDATE,
            "customer",
            customer_id,
            f"Deleted customer detached from reseller {reseller.name}, which was deleted",
            customer_id=customer_id,
            diff={"reseller_id": {"old": reseller.id, "new": None}},
        )


async def _locked_reseller(uow: UnitOfWork, reseller_id: int) -> Reseller:
    reseller = await uow.locked(Reseller.filter(id=reseller_id, account_id=uow.actor.account_id)).first()
    if reseller is None:
        raise not_found("Reseller", "id")
    return reseller


async def _check_name_free(uow: UnitOfWork, name: str, exclude_id: int | None = None) -> None:
    account_resellers: QuerySet[Reseller] = Reseller.filter(account_id=uow.actor.account_id)
    if await name_taken(account_resellers, uow, name, exclude_id):
        raise _duplicate()


async def _saved(reseller: Reseller, uow: UnitOfWork) -> None:
    try:
        await reseller.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "name"):
            raise _duplicate() from exc
        raise


def _duplicate() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE, "A reseller with this name exists.", "name")


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
