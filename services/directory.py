"""Reading the account's people and groups: staff and partner users, reseller groups.

Who may read them: a principal with `customers:read` reads the users and resellers of its
scope (the customer card names them as account manager and reseller; a partner sees only its
own reseller and its users); every principal reads its own user and its own reseller; asking for
anyone else without `customers:read` is refused. Ids outside the scope are absent, exactly like
ids that do not exist.
"""

from __future__ import annotations

from collections.abc import Sequence

from models import Reseller, User
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import visible_resellers, visible_users
from services.errors import permission_denied

# What the User type shows: a list never loads password hashes.
USER_COLUMNS = ("id", "name", "email", "reseller_id", "is_active")


async def users_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, User]:
    """The users among `ids` that the actor may read, by id."""
    wanted = _readable(actor, ids, actor.user_id)
    if not wanted:
        return {}
    users = await visible_users(actor).filter(id__in=wanted).only(*USER_COLUMNS)
    return {user.id: user for user in users}


async def resellers_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Reseller]:
    """The reseller groups among `ids` that the actor may read, by id."""
    wanted = _readable(actor, ids, actor.reseller_id)
    if not wanted:
        return {}
    return {reseller.id: reseller for reseller in await visible_resellers(actor).filter(id__in=wanted)}


def _readable(actor: Actor, ids: Sequence[int], own_id: int | None) -> list[int]:
    """`ids` for a reader of customers; anyone else may ask only for its own record."""
    if not actor.can(Permission.CUSTOMERS_READ) and any(i != own_id for i in ids):
        raise permission_denied()
    return list(ids)


async def own_user(actor: Actor) -> User | None:
    """The actor's own user (for `viewer`), or None for API keys and the system."""
    if actor.user_id is None:
        return None
    return (await users_by_id(actor, [actor.user_id])).get(actor.user_id)


async def own_reseller(actor: Actor) -> Reseller | None:
    """The actor's reseller group, or None for staff."""
    if actor.reseller_id is None:
        return None
    return (await resellers_by_id(actor, [actor.reseller_id])).get(actor.reseller_id)
