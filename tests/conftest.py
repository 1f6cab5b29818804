"""Test harness: one real database per run (and per xdist worker), migrated with the committed
history of its engine, cleaned after every test; the real ASGI app over httpx.

SWITCHBOARD_TEST_DB picks the engine: `sqlite` (default) or `postgres` (127.0.0.1:5432).
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from pydantic import SecretStr
from starlette.applications import Starlette
from tortoise import Tortoise

from app import create_app
from migrations.runner import upgrade
from models import Account
from models.enums import Permission
from services import passwords
from settings import Settings
from tests.client import gql, make_principal
from tests.factories import Principal, make_account, make_api_key, make_reseller
from workers.inprocess import InProcessRunner

ENGINE = os.environ.get("SWITCHBOARD_TEST_DB", "sqlite")
# The production argon2 parameters cost ~70 ms per logged-in principal; the suite makes thousands.
# Servers the tests start in their own processes keep the production parameters.
passwords.set_hashing_cost(time_cost=1, memory_cost_kib=64)
PG_ADMIN_URL = os.environ.get("SWITCHBOARD_TEST_PG", "postgres://postgres@127.0.0.1:5432/postgres")


def pytest_report_header() -> str:
    return f"switchboard database engine: {ENGINE}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if ENGINE == "sqlite":
        yield f"sqlite://{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    name = f"sb_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{uuid.uuid4().hex[:8]}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    _pg_admin(f'CREATE DATABASE "{name}"')
    # A test database never outlives the server's crash: commits need not wait for the disk.
    _pg_admin(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    yield f"{base}/{name}"
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _pg_admin(statement: str) -> None:
    import asyncio

    async def run() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"))
        try:
            await conn.execute(statement)
        finally:
            await conn.close()

    asyncio.run(run())


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key=SecretStr("test-secret-key-of-sufficient-length-0123456789"),
        outbox_dir=Path(tmp_path_factory.mktemp("outbox")),
        run_scheduler_in_process=False,
        outbox_backoff_seconds=[0.0],
        outbox_max_attempts=3,
        outbox_lease_seconds=30.0,
        send_timeout_seconds=5.0,
        allow_private_outbound=True,  # the test SMTP and SMS servers listen on loopback
    )


@pytest.fixture(scope="session")
async def app(settings: Settings) -> AsyncIterator[Starlette]:
    await upgrade(settings.database_url)
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        yield application


def app_tables() -> list[str]:
    """Every table of the project's models (not the migration bookkeeping), from the ORM."""
    return sorted(
        model._meta.db_table
        for model in Tortoise.apps["models"].values()
        if model.__module__.startswith("models")
    )


@pytest.fixture(autouse=True)
async def clean_database(app: Starlette) -> AsyncIterator[None]:
    yield
    conn = Tortoise.get_connection("default")
    tables = app_tables()
    if ENGINE == "postgres":
        await conn.execute_script(_pg_sweep(tuple(tables)))
    else:
        # Foreign keys off for the sweep, so the order of the tables does not matter.
        statements = "".join(f'DELETE FROM "{table}";' for table in tables)
        await conn.execute_script(
            f"PRAGMA foreign_keys = OFF;{statements}DELETE FROM sqlite_sequence;PRAGMA foreign_keys = ON;"
        )


@functools.cache
def _pg_sweep(tables: tuple[str, ...]) -> str:
    """One server-side block that empties every table and rewinds every used sequence, as
    TRUNCATE ... RESTART IDENTITY would: DELETE of a few rows costs far less than TRUNCATE's new
    files per table (about 0.1 s a test), and foreign-key triggers are off for the sweep so the
    order of the tables does not matter."""
    deletes = "".join(f'DELETE FROM "{table}";' for table in tables)
    return f"""DO $$
DECLARE used record;
BEGIN
  SET LOCAL session_replication_role = replica;
  {deletes}
  FOR used IN SELECT schemaname, sequencename FROM pg_sequences WHERE last_value IS NOT NULL LOOP
    PERFORM setval(format('%I.%I', used.schemaname, used.sequencename), 1, false);
  END LOOP;
END $$;"""


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
        yield http


# --- Principals: an account with its administrator, a partner, API keys, and a client for each ---


@pytest.fixture
async def account() -> Account:
    return await make_account()


@pytest.fixture
async def admin(client: httpx.AsyncClient, account: Account) -> Principal:
    """The account's administrator (every permission), logged in."""
    return await make_principal(client, account)


@pytest.fixture
async def partner(client: httpx.AsyncClient, account: Account) -> Principal:
    """A partner user of a reseller of the account, logged in."""
    reseller = await make_reseller(account, "Partner reseller")
    return await make_principal(client, account, role_name="Partner", reseller=reseller)


@pytest.fixture
def api_key(account: Account) -> Callable[[list[Permission]], Awaitable[str]]:
    """Make an API key of the account with these permissions; returns its secret."""

    async def make(permissions: list[Permission]) -> str:
        return await make_api_key(account, f"Key {len(permissions)}", permissions)

    return make


@dataclass
class GqlClient:
    """GraphQL as one principal (or anonymously): `await as_admin(query, id=...)`."""

    http: httpx.AsyncClient
    token: str | None

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        return await gql(self.http, query, variables, token=self.token)


@pytest.fixture
def gql_client(client: httpx.AsyncClient) -> Callable[[Principal | str | None], GqlClient]:
    """A client for a principal, an API key's secret, or nobody."""

    def for_principal(principal: Principal | str | None) -> GqlClient:
        token = principal.token if isinstance(principal, Principal) else principal
        return GqlClient(client, token)

    return for_principal


@pytest.fixture
def runner(app: Starlette) -> InProcessRunner:
    """The session app's in-process runner (embedded mode); `await runner.join()` waits for
    the jobs that commits dispatched."""
    background = app.state.background
    assert background.runner is not None
    runner: InProcessRunner = background.runner
    return runner


class SqlCounter(logging.Handler):
    """Counts the SQL statements Tortoise sends (its db_client logger, at DEBUG)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().split(" ", 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}:
            self.statements.append(message)

    def reset(self) -> None:
        self.statements.clear()

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def sql_counter() -> Iterator[SqlCounter]:
    logger = logging.getLogger("tortoise.db_client")
    counter = SqlCounter()
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(counter)
    yield counter
    logger.removeHandler(counter)
    logger.setLevel(previous)


def pytest_collection_modifyitems(items: list[Any]) -> None:
    # Every test shares the session loop that holds the database connections.
    for item in items:
        if inspect.iscoroutinefunction(getattr(item, "function", None)):
            item.add_marker(pytest.mark.asyncio(loop_scope="session"))
