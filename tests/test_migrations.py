"""The two aerich histories: current with the models, and safe to re-apply to a database that
already holds data, without disturbing the running app's ORM.

Known bug (migrations/runner.py): `stale_histories()`, `make()` and `upgrade()` initialise
aerich's Tortoise context with the same process-global model classes, and leave them bound to
the dialect of the database they last touched (the models' base queries and Tortoise's executor
cache). In a process whose ORM runs on PostgreSQL, `stale_histories()` (its last history is
SQLite) or `upgrade()` of a SQLite file makes the app send SQLite `?` placeholders to
PostgreSQL. So these tests run `stale_histories()` and the data upgrade in a child process, as
`switchboard makemigrations --check` and `switchboard migrate` do, and the in-process test
upgrades a database of the app's own engine.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from migrations.runner import upgrade
from tests.client import gql, make_principal
from tests.conftest import ENGINE, PG_ADMIN_URL
from tests.factories import make_account, make_customer

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ["sqlite", "postgres"] if ENGINE == "postgres" else ["sqlite"]
NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
# login_attempt: a table whose columns the product is not changing (the account's are).
INSERTS = [
    'INSERT INTO "login_attempt" ("email", "ip", "succeeded", "at") '
    f"VALUES ('{email}', '192.0.2.1', {{{succeeded}}}, {{now}})"
    for email, succeeded in (("ann@example.com", "false"), ("bob@example.com", "true"))
]
SELECT = 'SELECT "email", "ip" FROM "login_attempt" ORDER BY "id"'
ROWS = [("ann@example.com", "192.0.2.1"), ("bob@example.com", "192.0.2.1")]


@pytest.fixture(params=ENGINES)
async def fresh_database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database of the engine."""
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'fresh' / 'switchboard.db'}"
        return
    name = f"sb_migrations_{uuid.uuid4().hex[:8]}"
    admin = PG_ADMIN_URL.replace("postgres://", "postgresql://")
    conn = await asyncpg.connect(admin)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()


async def _execute(database_url: str, statements: list[str]) -> list[tuple[object, ...]]:
    """Run raw SQL on its own connection; returns the rows of the last statement."""
    if database_url.startswith("sqlite://"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite://"))) as db, db:
            rows: list[tuple[object, ...]] = []
            for statement in statements:
                rows = db.execute(statement.format(false=0, true=1, now=f"'{NOW.isoformat()}'")).fetchall()
            return rows
    conn = await asyncpg.connect(database_url.replace("postgres://", "postgresql://"))
    try:
        records: list[asyncpg.Record] = []
        for statement in statements:
            records = await conn.fetch(
                statement.format(false="FALSE", true="TRUE", now=f"'{NOW.isoformat()}'")
            )
        return [tuple(record) for record in records]
    finally:
        await conn.close()


async def _in_a_child_process(call: str, *args: str) -> Any:
    """`asyncio.run(call)` from migrations.runner in a process of its own (as the CLI runs it);
    `args` are its sys.argv[1:]. Returns the result, through JSON."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        f"import asyncio, json, sys; from migrations.runner import *; print(json.dumps(asyncio.run({call})))",
        *args,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await child.communicate()
    assert child.returncode == 0, err.decode()
    return json.loads(out.decode().strip().splitlines()[-1])


async def test_both_histories_are_current_with_the_models() -> None:
    assert await _in_a_child_process("stale_histories()") == []


async def test_upgrading_a_database_that_holds_data_keeps_the_data(fresh_database: str) -> None:
    # given: a migrated database with rows written by raw SQL
    assert await _in_a_child_process("upgrade(sys.argv[1])", fresh_database) == ["(all)"]
    await _execute(fresh_database, INSERTS)

    # when
    applied = await _in_a_child_process("upgrade(sys.argv[1])", fresh_database)

    # then
    assert applied == []
    assert await _execute(fresh_database, [SELECT]) == ROWS


@pytest.mark.parametrize("fresh_database", [ENGINE], indirect=True)
async def test_upgrade_in_process_leaves_the_apps_orm_alone(
    client: httpx.AsyncClient, fresh_database: str
) -> None:
    # given: a database of the app's own engine (another engine's is not safe yet: see the
    # module docstring), migrated and holding a row
    account = await make_account()
    admin = await make_principal(client, account)
    assert await upgrade(fresh_database) == ["(all)"]
    await _execute(fresh_database, INSERTS)

    # when
    applied = await upgrade(fresh_database)

    # then: nothing to apply, the row is intact, and the app still reads and writes its own database
    assert applied == []
    assert await _execute(fresh_database, [SELECT]) == ROWS
    await make_customer(account, name="Acme")
    body = await gql(client, "{ customers { totalCount edges { node { name } } } }", token=admin.token)
    assert body["data"] == {"customers": {"totalCount": 1, "edges": [{"node": {"name": "Acme"}}]}}
    assert await _execute(fresh_database, ['SELECT COUNT(*) FROM "customer"']) == [(0,)]
