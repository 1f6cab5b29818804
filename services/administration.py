"""What managing the account's roles and reseller groups shares: who may do it, names unique
ignoring case, and counts per group in one statement."""

from __future__ import annotations

from typing import Any

from tortoise.functions import Count
from tortoise.queryset import QuerySet

from models.enums import Permission
from services.actor import Actor
from services.errors import permission_denied
from services.uow import UnitOfWork


def require_manager(actor: Actor) -> None:
    """`users:write`, and not a partner user: partners never manage roles or resellers."""
    actor.require(Permission.USERS_WRITE)
    if actor.is_partner:
        raise permission_denied("Partner users cannot manage roles or resellers.")


async def name_taken(queryset: QuerySet[Any], uow: UnitOfWork, name: str, exclude_id: int | None) -> bool:
    """Whether a row of `queryset` other than `exclude_id` has this name, ignoring case.

    Compared here, casefolded, over the account's names (one statement, under the account's
    lock): SQLite's UPPER knows only ASCII, so the database would judge "Ä" and "ä" by engine."""
    if exclude_id is not None:
        queryset = queryset.exclude(id=exclude_id)
    names = await queryset.using_db(uow.conn).values_list("name", flat=True)
    wanted = name.casefold()
    return any(str(other).casefold() == wanted for other in names)


async def counts_by(queryset: QuerySet[Any], column: str) -> dict[int, int]:
    """Rows of `queryset` per value of `column` (a value with none is absent), one statement."""
    rows = await queryset.annotate(rows=Count("id")).group_by(column).values(column, "rows")
    return {int(row[column]): int(row["rows"]) for row in rows}
