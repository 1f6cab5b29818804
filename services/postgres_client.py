"""The PostgreSQL engine (`"engine": "services.postgres_client"`): no session reset on release.

Tortoise's asyncpg client runs every statement outside a transaction on a connection it takes
from the pool and gives back at once, and asyncpg resets a connection it gets back
(`SELECT pg_advisory_unlock_all(); CLOSE ALL; UNLISTEN *; RESET ALL;`): one more round trip
after each statement, 6 of the 12 of a customers page. The reset undoes session state; this
application leaves none: no `SET`, no session advisory locks (the
number-block writers serialize on a row lock), no `LISTEN`, no SQL cursors, no temporary tables,
no SQL-level `PREPARE` (asyncpg's own statement cache is per connection and the reset would not
clear it anyway). tests/services/test_postgres_session_state.py proves it on the connections
after the application's work, and checks the source for statements that would set such state.

What is still done on release: asyncpg's `Connection._reset` (it rolls back a transaction left
open, drops listeners), which costs no round trip when nothing is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import asyncpg
from tortoise.backends.asyncpg.client import AsyncpgDBClient

if TYPE_CHECKING:
    _Connection = asyncpg.connection.Connection[asyncpg.Record]
else:  # generic for the type checker only
    _Connection = asyncpg.connection.Connection


class NoResetConnection(_Connection):
    def get_reset_query(self) -> str:
        # Nothing to undo: the application sets no session state (see the module docstring).
        return ""


class NoResetAsyncpgClient(AsyncpgDBClient):
    connection_class = NoResetConnection  # type: ignore[assignment]  # Tortoise types it with an unbound TypeVar


client_class = NoResetAsyncpgClient
