"""The PostgreSQL engine skips asyncpg's session reset on release (services/postgres_client.py):
safe only because the application leaves no session state on a pooled connection. Proven here
on the connections themselves after the application's work, and on the source code."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from tortoise import Tortoise

from models import Account
from services.postgres_client import NoResetConnection
from tests.client import customer_mutation, gql, make_principal
from tests.conftest import ENGINE
from tests.factories import Principal, make_account

pytestmark = pytest.mark.skipif(ENGINE != "postgres", reason="asyncpg's pool is PostgreSQL's")

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["app.py", "settings.py", "services", "models", "gql", "workers", "migrations/runner.py"]

# Every kind of state a session can keep that RESET ALL, CLOSE ALL, UNLISTEN * and
# pg_advisory_unlock_all() would undo, plus temporary tables and SQL-level prepared statements
# (which not even the reset undoes): each query counts what this connection holds.
SESSION_STATE = {
    # named, so a failure says which one; a value set back to what RESET gives is no state
    # (asyncpg's type introspection turns `jit` off and then sets it back, as a session value)
    "settings changed by SET": "SELECT coalesce(string_agg(name, ','), '') FROM pg_settings "
    "WHERE source = 'session' AND setting IS DISTINCT FROM reset_val",
    "session advisory locks": "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
    "AND pid = pg_backend_pid()",
    # (the unnamed portal of the asking statement itself is listed too)
    "open cursors": "SELECT count(*) FROM pg_cursors WHERE name <> ''",
    "LISTEN channels": "SELECT count(*) FROM pg_listening_channels()",
    "SQL PREPAREd statements": "SELECT count(*) FROM pg_prepared_statements WHERE from_sql",
    "temporary tables": "SELECT count(*) FROM pg_class WHERE relnamespace = pg_my_temp_schema()",
}
# The roll-up's key table on SQLite (services/cdrs/rollup.py `_recompute_sqlite`).
SQLITE_ONLY = {"services/cdrs/rollup.py: CREATE TEMP "}
CLEAN = {**dict.fromkeys(SESSION_STATE, 0), "settings changed by SET": ""}

# SQL that would leave state behind on the session (a `SET` at the start of a statement, not
# `UPDATE ... SET`; session-level advisory locks; LISTEN; cursors; temporary tables; PREPARE).
SESSION_SQL = re.compile(
    r"(^|[\"';]\s*)SET\s+(SESSION\s+)?(?!LOCAL\b)[a-z_.]+\s*(=|TO\b)|\bpg_(try_)?advisory_lock(_shared)?\(|\bLISTEN\s+\w"
    r"|\bDECLARE\s+\w+\s+(\w+\s+)*CURSOR\b|\bCREATE\s+(TEMP|TEMPORARY)\s(?![^;\"]*\bON\s+COMMIT\s+DROP\b)"
    r"|\bPREPARE\s+\w+\s+AS\b",
    re.MULTILINE,
)

CUSTOMER = "customer { id name tags reseller { id } accountManager { id } }"
PAGE = """{ customers(first: 20) { totalCount edges { node { id name tags reseller { id name }
accountManager { id name email } contacts(first: 2) { edges { node { id } } } } } } }"""
AUDIT = "{ auditLog(first: 10) { totalCount edges { node { action table } } } }"


async def session_state(connection: asyncpg.pool.PoolConnectionProxy[asyncpg.Record]) -> dict[str, Any]:
    state = {name: await connection.fetchval(sql) for name, sql in SESSION_STATE.items()}
    return {**state, "in transaction": connection.is_in_transaction()}


async def every_pooled_connection_state() -> list[dict[str, Any]]:
    """The session state of every connection of the app's pool, all held at once (so each one
    is looked at, the ones the work used among them)."""
    pool: asyncpg.Pool = Tortoise.get_connection("default")._pool
    held = [await pool.acquire() for _ in range(pool.get_max_size())]
    try:
        return [await session_state(connection) for connection in held]
    finally:
        for connection in held:
            await pool.release(connection)


async def app_work(client: httpx.AsyncClient, account: Account, admin: Principal) -> None:
    """Writes (with their transactions, row locks and audit entries), a refused write rolled
    back, logins, and concurrent reads that spread over the pool's connections."""
    await Account.filter(id=account.id).update(number_range_start=1000, number_block_size=10)
    created = await customer_mutation(
        client, admin.token, "customerCreate", {"name": "Acme", "currency": "EUR", "tags": ["vip"]}, CUSTOMER
    )
    customer_id = created["customer"]["id"]
    await customer_mutation(
        client, admin.token, "customerUpdate", {"id": customer_id, "channels": 5}, CUSTOMER
    )
    refused = await customer_mutation(
        client, admin.token, "customerUpdate", {"id": customer_id, "currency": "USD"}, "errors { code }"
    )
    assert refused["errors"] == [{"code": "CURRENCY_IMMUTABLE"}]
    assigned = await gql(
        client,
        "mutation($id: ID!) { numberBlockAssign(input: {customerId: $id}) { errors { code } } }",
        {"id": customer_id},
        admin.token,
    )
    assert assigned["data"] == {"numberBlockAssign": {"errors": []}}
    reads = await asyncio.gather(*(gql(client, query, token=admin.token) for query in [PAGE, AUDIT] * 4))
    assert all("errors" not in body for body in reads), reads


async def test_the_pool_connections_skip_the_reset_query(app: Any) -> None:
    # Given the app's PostgreSQL pool
    pool: asyncpg.Pool = Tortoise.get_connection("default")._pool
    # When a connection is taken from it
    async with pool.acquire() as connection:
        # Then it is ours, and its reset sends nothing to the server
        assert isinstance(connection._con, NoResetConnection)  # type: ignore[attr-defined]
        assert connection.get_reset_query() == ""


async def test_the_app_leaves_no_session_state_on_pooled_connections(client: httpx.AsyncClient) -> None:
    # Given an account, its administrator logged in, and the application's work done
    account = await make_account()
    admin = await make_principal(client, account)
    await app_work(client, account, admin)

    # When every connection of the pool is inspected
    states = await every_pooled_connection_state()

    # Then none holds any session state the reset would have undone
    assert states == [{**CLEAN, "in transaction": False}] * len(states)


def test_no_source_file_sends_sql_that_keeps_session_state() -> None:
    # Given the application's source (not the tests)
    files = [path for source in SOURCES for path in _python_files(ROOT / source)]
    # When it is searched for SQL that leaves state on the session
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in files
        for m in SESSION_SQL.finditer(path.read_text())
    ]
    # Then there is none, but for SQL that only SQLite runs (no pool, no reset there)
    assert [hit for hit in found if hit not in SQLITE_ONLY] == []


def test_the_source_scan_finds_what_it_looks_for() -> None:
    # The pattern of the scan above, on statements that would keep session state, and on ones that do not
    keeps = [
        "'SET search_path TO x'",
        '"SELECT pg_advisory_lock(1)"',
        '"LISTEN jobs"',
        '"DECLARE c NO SCROLL CURSOR WITH HOLD FOR SELECT 1"',
        '"CREATE TEMP TABLE t (x int)"',
        '"PREPARE q AS SELECT 1"',
    ]
    harmless = [
        '"UPDATE account SET x = 1"',
        '"SET LOCAL lock_timeout = 1"',
        '"SELECT pg_advisory_xact_lock(1)"',
        '"Set the number range first."',
        # dropped with its transaction (the CDR feed's staging table)
        '"""\nCREATE TEMPORARY TABLE cdr_stage (\n    line integer\n) ON COMMIT DROP\n"""',
    ]
    assert [bool(SESSION_SQL.search(text)) for text in keeps] == [True] * len(keeps)
    assert [bool(SESSION_SQL.search(text)) for text in harmless] == [False] * len(harmless)


def _python_files(path: Path) -> list[Path]:
    return [path] if path.is_file() else sorted(path.rglob("*.py"))
