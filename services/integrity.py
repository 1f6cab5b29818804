"""Which unique constraint a failed write hit, so each is reported as what it means (a duplicate
name, a taken username) and any other integrity failure stays an unexpected error instead of
being mistaken for one of them."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError

_SQLITE_UNIQUE = "UNIQUE constraint failed: "
_PG_UNIQUE_VIOLATION = "23505"


def unique_columns(exc: IntegrityError) -> frozenset[str] | None:
    """The columns of the unique constraint `exc` reports, or None for any other failure.

    Only column names are read from the driver's error, never the values it quotes."""
    cause = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc.__cause__
    # PostgreSQL (asyncpg): SQLSTATE 23505, detail 'Key (account_id, name_key)=(…) already exists.'
    detail = getattr(cause, "detail", None)
    if (
        getattr(cause, "sqlstate", None) == _PG_UNIQUE_VIOLATION
        and isinstance(detail, str)
        and ")=(" in detail
    ):
        columns = detail[len("Key (") : detail.index(")=(")]
        return frozenset(column.strip().strip('"') for column in columns.split(","))
    # SQLite: 'UNIQUE constraint failed: customer.account_id, customer.name_key'
    message = str(cause)
    if message.startswith(_SQLITE_UNIQUE):
        qualified = message.removeprefix(_SQLITE_UNIQUE).split(",")
        return frozenset(column.strip().rsplit(".", 1)[-1] for column in qualified)
    return None


def hit(exc: IntegrityError, *columns: str) -> bool:
    """Whether `exc` is the unique constraint over exactly these columns."""
    return unique_columns(exc) == frozenset(columns)
