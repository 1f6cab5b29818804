"""Roles: named sets of permissions of an account, granted to users (what each permission
allows, and what the built-in roles hold, is in services/permissions.py).

Reading follows the directory (services/directory.py): `customers:read` reads the roles, and a
partner reads only the roles its reseller's users hold, counting only those users.

Writing needs `users:write`, and partner users may not do it whatever their role holds. The rules
keep a role from becoming a way up or a way out:
- nobody grants a permission they do not hold (PERMISSION_DENIED at that permission's index);
- nobody changes or deletes a role holding a permission they do not hold (a clerk with
  `users:write` alone cannot strip the administrators' role);
- nobody removes `users:write` from the role they hold themselves (SELF_LOCKOUT): they could
  not give it back. Removing any other permission from one's own role is allowed: whoever
  holds it (the built-in Administrator always does) can give it back;
- the built-in roles (Administrator, Support, Partner) are read-only (BUILT_IN_ROLE): set-up and
  the demo name them, the product defines what they hold, and Administrator keeps every account
  with a role that can do everything;
- a role that users hold (inactive ones included) cannot be deleted (ROLE_IN_USE, with the count);
- names are unique in the account ignoring case (DUPLICATE); an account has at most MAX_ROLES.

Every write runs under the account's row lock, so the name check and the count hold under
concurrency; the unique (account, name) constraint backs exact duplicates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from models import Role, User
from models.enums import AuditAction, Permission
from services import integrity
from services.actor import Actor
from services.administration import counts_by, name_taken, require_manager
from services.auditing import creation_diff, diff, snapshot
from services.customers.scope import visible_users
from services.errors import ErrorCode, FieldError, ServiceError, not_found, permission_denied
from services.fields import CleanContext, clean_each, spec, specs_of
from services.numbers.blocks import lock_account
from services.uow import UnitOfWork, unit_of_work
from services.validation import Patch, Unset, text

TABLE = "role"
AUDITED = ("name", "permissions")
MAX_ROLES = 100
"""Roles per account: the `roles` list is one unpaged answer (a drop-down)."""

# --- reads ---------------------------------------------------------------------------------


def visible_roles(actor: Actor) -> QuerySet[Role]:
    """The account's roles; for a partner, the roles its reseller's users hold."""
    queryset = Role.filter(account_id=actor.account_id)
    if actor.is_partner:
        queryset = queryset.filter(id__in=Subquery(visible_users(actor).values("role_id")))
    return queryset


async def list_roles(actor: Actor) -> list[Role]:
    """The roles the actor may read: built-in ones first, then by name."""
    actor.require(Permission.CUSTOMERS_READ)
    return list(await visible_roles(actor).order_by("-built_in", "name", "id"))


async def roles_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Role]:
    """The roles among `ids` that the actor may read, by id: a reader of customers reads the
    roles it may list; anyone else only its own role (the viewer's), and is refused others."""
    if not ids or actor.is_portal:
        return {}  # the portal shows no roles
    if actor.can(Permission.CUSTOMERS_READ):
        queryset = visible_roles(actor)
    else:
        own = User.filter(account_id=actor.account_id, id=actor.user_id if actor.user_id is not None else -1)
        queryset = Role.filter(account_id=actor.account_id, id__in=Subquery(own.values("role_id")))
    found = {role.id: role for role in await queryset.filter(id__in=list(ids))}
    if not actor.can(Permission.CUSTOMERS_READ) and set(ids) - set(found):
        raise permission_denied()
    return found


async def user_counts_by_role(actor: Actor, role_ids: Sequence[int]) -> dict[int, int]:
    """How many of the users the actor may read hold each role (one statement)."""
    actor.require(Permission.CUSTOMERS_READ)
    return await counts_by(visible_users(actor).filter(role_id__in=list(role_ids)), "role_id")


# --- writes --------------------------------------------------------------------------------


def _name(value: str, _context: CleanContext) -> str:
    return text(value, max_length=100, required=True)


def _permissions(values: list[Permission], _context: CleanContext) -> list[Permission]:
    given = set(values)
    return [p for p in Permission if p in given]  # one order, whatever order they came in


@dataclass(frozen=True)
class RolePatch(Patch):
    """A role's editable fields, declared once (see services/fields.py)."""

    name: str | Unset = spec("Unique in the account, ignoring case.", clean=_name)
    permissions: list[Permission] | Unset = spec(
        "What its users may do; you can grant only permissions you hold.", clean=_permissions, default=[]
    )


async def create_role(actor: Actor, patch: RolePatch, reason: str | None = None) -> Role:
    """A new role of the actor's account."""
    require_manager(actor)
    values = _cleaned(actor, patch)
    if "name" not in values:
        raise ServiceError.single(ErrorCode.REQUIRED, "This field is required.", "name")
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        if await Role.filter(account_id=actor.account_id).using_db(uow.conn).count() >= MAX_ROLES:
            raise ServiceError.single(ErrorCode.TOO_MANY, f"An account has at most {MAX_ROLES} roles.")
        await _check_name_free(uow, values["name"])
        role = Role(
            account_id=actor.account_id,
            name=values["name"],
            permissions=[p.value for p in values.get("permissions", [])],
        )
        await _saved(role, uow)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            role.id,
            f"Role {role.name} created",
            diff=creation_diff(snapshot(role, AUDITED)),
        )
    return role


async def update_role(actor: Actor, role_id: int, patch: RolePatch, reason: str | None = None) -> Role:
    """Rename the role or change its permissions; a change that changes nothing is not audited."""
    require_manager(actor)
    values = _cleaned(actor, patch)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        role = await _editable_role(uow, role_id)
        before = snapshot(role, AUDITED)
        if "name" in values and values["name"] != role.name:
            await _check_name_free(uow, values["name"], exclude_id=role.id)
            role.name = values["name"]
        if "permissions" in values:
            permissions = [p.value for p in values["permissions"]]
            await _check_no_self_lockout(uow, role, permissions)
            role.permissions = permissions
        changes = diff(before, snapshot(role, AUDITED))
        if changes:
            await _saved(role, uow)
            uow.audit(AuditAction.UPDATE, TABLE, role.id, f"Role {role.name} updated", diff=changes)
    return role


async def delete_role(actor: Actor, role_id: int, reason: str | None = None) -> Role:
    """Delete a role that no user holds."""
    require_manager(actor)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        role = await _editable_role(uow, role_id)
        holders = await User.filter(role_id=role.id).using_db(uow.conn).count()
        if holders:
            raise ServiceError(
                [
                    FieldError(
                        ErrorCode.ROLE_IN_USE,
                        f"{_users(holders)} this role; give them another role first.",
                        ("id",),
                        (("users", holders),),
                    )
                ]
            )
        before = snapshot(role, AUDITED)
        await role.delete(using_db=uow.conn)
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            role.id,
            f"Role {role.name} deleted",
            diff={name: {"old": value, "new": None} for name, value in before.items()},
        )
    return role


def _cleaned(actor: Actor, patch: RolePatch) -> dict[str, Any]:
    """The clean given values; every bad field and every permission beyond the actor's own
    (named, at its index in the input) refused at once."""
    given = patch.given()
    cleaned, errors = clean_each(given, specs_of(RolePatch), CleanContext())
    for index, permission in enumerate(given.get("permissions") or []):
        if not actor.can(permission):
            errors.append(
                FieldError(
                    ErrorCode.PERMISSION_DENIED,
                    f"You cannot grant {permission.value}: you do not hold it.",
                    ("permissions", str(index)),
                )
            )
    if errors:
        raise ServiceError(errors)
    return cleaned


async def _editable_role(uow: UnitOfWork, role_id: int) -> Role:
    """The account's role, locked, if the actor may change it."""
    role = await uow.locked(Role.filter(id=role_id, account_id=uow.actor.account_id)).first()
    if role is None:
        raise not_found("Role", "id")
    if role.built_in:
        raise ServiceError.single(
            ErrorCode.BUILT_IN_ROLE,
            f"{role.name} is a built-in role: it cannot be changed or deleted. Create a role instead.",
            "id",
        )
    beyond = [p for p in role.permissions if not uow.actor.can(Permission(p))]
    if beyond:
        raise ServiceError.single(
            ErrorCode.PERMISSION_DENIED,
            f"This role holds permissions you do not: {', '.join(beyond)}.",
            "id",
        )
    return role


async def _check_no_self_lockout(uow: UnitOfWork, role: Role, permissions: list[str]) -> None:
    manage = Permission.USERS_WRITE.value
    if manage not in role.permissions or manage in permissions or uow.actor.user_id is None:
        return
    if await User.filter(id=uow.actor.user_id, role_id=role.id).using_db(uow.conn).exists():
        raise ServiceError.single(
            ErrorCode.SELF_LOCKOUT,
            f"You cannot remove {manage} from your own role: you could not give it back.",
            "permissions",
        )


async def _check_name_free(uow: UnitOfWork, name: str, exclude_id: int | None = None) -> None:
    if await name_taken(Role.filter(account_id=uow.actor.account_id), uow, name, exclude_id):
        raise _duplicate()


async def _saved(role: Role, uow: UnitOfWork) -> None:
    try:
        await role.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "name"):
            raise _duplicate() from exc
        raise


def _duplicate() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE, "A role with this name exists.", "name")


def _users(count: int) -> str:
    return "1 user holds" if count == 1 else f"{count} users hold"
