"""The SQLite engine (`"engine": "services.sqlite_client"`): transactions take the write lock first.

Tortoise's SQLite client opens a transaction with a plain BEGIN (deferred): it reads under a shared
lock and asks for the write lock at its first write. When another process has written since the
read, SQLite cannot upgrade the lock without breaking the reader's snapshot, so it answers
"database is locked" at once, without waiting for the busy timeout: 2-34 % of concurrent writes
from two server processes failed that way. BEGIN IMMEDIATE takes the write lock before anything is
read, waiting up to the busy timeout for it; after that no statement of the transaction can be
refused for locking, and the transaction reads the latest committed data.

Transactions of one process already run one at a time (one connection behind a lock), so taking
the write lock early costs a read-only transaction nothing it did not already wait for.
"""

from __future__ import annotations

import sqlite3

from tortoise.backends.base.client import TransactionalDBClient, TransactionContext
from tortoise.backends.sqlite.client import (
    SqliteClient,
    SqliteTransactionContext,
    SqliteTransactionWrapper,
)
from tortoise.connection import get_connections
from tortoise.exceptions import OperationalError, TransactionManagementError


class DatabaseBusy(OperationalError):
    """Another process held the write lock for longer than the busy timeout; nothing was done."""


def is_busy(exc: BaseException) -> bool:
    """Whether `exc` (or the sqlite3 error Tortoise wrapped in it) is SQLite's BUSY or LOCKED."""
    if isinstance(exc, DatabaseBusy):
        return True
    causes = [exc, *exc.args, exc.__cause__, exc.__context__]
    return any(_primary_code(cause) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) for cause in causes)


def _primary_code(error: object) -> int | None:
    """SQLite's primary result code (the low byte: BUSY_SNAPSHOT and BUSY_RECOVERY are BUSY)."""
    if not isinstance(error, sqlite3.OperationalError):
        return None
    code: int | None = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


class ImmediateTransactionWrapper(SqliteTransactionWrapper):
    async def begin(self) -> None:
        try:
            await self._connection.commit()
            await self._connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if is_busy(exc):
                raise DatabaseBusy(exc) from exc
            raise TransactionManagementError(exc) from exc


class ImmediateTransactionContext(SqliteTransactionContext):
    async def __aenter__(self) -> TransactionalDBClient:
        # Tortoise's own __aenter__ keeps the connection lock when BEGIN fails, and every later
        # query of the process then waits for it forever: release it on any failure here.
        await self._trxlock.acquire()
        try:
            await self.ensure_connection()
            self.token = get_connections().set(self.connection_name, self.connection)
            try:
                await self.connection.begin()
            except BaseException:
                get_connections().reset(self.token)
                raise
        except BaseException:
            self._trxlock.release()
            raise
        connection: TransactionalDBClient = self.connection
        return connection


class ImmediateSqliteClient(SqliteClient):
    def _in_transaction(self) -> TransactionContext:
        return ImmediateTransactionContext(ImmediateTransactionWrapper(self), self._lock)


client_class = ImmediateSqliteClient
