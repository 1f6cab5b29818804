"""Reading the account's people and groups: staff and partner users, their roles, reseller groups.

Who may read them: a principal with `customers:read` reads the users and resellers of its
scope (the customer card names them as account manager and reseller; a partner sees only its
own reseller and its users) and the roles those users hold; every principal reads its own user,
its own role and its own reseller; asking for anyone else without `customers:read` is refused.
Ids outside the scope are absent, exactly like ids that do not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from tortoise.expressions import Q, RawSQL
from tortoise.queryset import QuerySet

from models import Reseller, User
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import visible_resellers, visible_users
from services.errors import permission_denied
from services.listing import (
    ConditionBuilder,
    Filter,
    Page,
    PageRequest,
    SortKey,
    check_search,
    column_condition,
    cursor_datetime,
    cursor_text,
    filter_q,
    paginate,
)

# What the User type shows: a read never loads password hashes.
USER_COLUMNS = (
    "id",
    "name",
    "email",
    "role_id",
    "reseller_id",
    "is_active",
    "password_set",
    "created_at",
    "last_login_at",
)
MAX_SEARCH_TERMS = 8


class UserSortField(StrEnum):
    NAME = "NAME"
    EMAIL = "EMAIL"
    CREATED_AT = "CREATED_AT"


# Names sort ignoring case on both engines (their own collations differ).
_NAME_KEY = "name_key"
SORT_KEYS = {
    UserSortField.NAME: SortKey(_NAME_KEY, cursor_text(User, "name")),
    UserSortField.EMAIL: SortKey("email", cursor_text(User, "email")),
    UserSortField.CREATED_AT: SortKey("created_at", cursor_datetime),
}
CONDITIONS: dict[str, ConditionBuilder] = {
    "id": column_condition("id", User),
    "name": column_condition("name", User),
    "email": column_condition("email", User),
    "role_id": column_condition("role_id", User),
    "reseller_id": column_condition("reseller_id", User),
    "is_active": column_condition("is_active", User),
    "created_at": column_condition("created_at", User),
}


async def users_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, User]:
    """The users among `ids` that the actor may read, by id."""
    wanted = _readable(actor, ids, actor.user_id)
    if not wanted:
        return {}
    users = await visible_users(actor).filter(id__in=wanted).only(*USER_COLUMNS)
    return {user.id: user for user in users}


async def list_users(
    actor: Actor,
    page: PageRequest,
    where: Filter | None = None,
    search: str | None = None,
    sort: Sequence[tuple[UserSortField, bool]] = (),
) -> Page[User]:
    """A page of the users the actor may see (by name unless `sort` says otherwise); `search`
    matches every word against the name or the e-mail. One SELECT, and one COUNT if asked."""
    actor.require(Permission.CUSTOMERS_READ)
    check_search(search, "search")
    queryset = _with_name_key(visible_users(actor))
    if where is not None:
        queryset = queryset.filter(filter_q(where, CONDITIONS, _matching))
    if search and search.strip():
        queryset = queryset.filter(_search_q(search))
    order = [(SORT_KEYS[field], descending) for field, descending in sort] or [
        (SORT_KEYS[UserSortField.NAME], False)
    ]
    return await paginate(queryset.only(*USER_COLUMNS, _NAME_KEY), order, page)


def _with_name_key(queryset: QuerySet[User]) -> QuerySet[User]:
    return queryset.annotate(**{_NAME_KEY: RawSQL('LOWER("name")')})


def _matching(q: Q) -> QuerySet[User]:
    return _with_name_key(User.all()).filter(q)


def _search_q(search: str) -> Q:
    q = Q()
    for term in search.split()[:MAX_SEARCH_TERMS]:
        q &= Q(name__icontains=term) | Q(email__icontains=term)
    return q


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
