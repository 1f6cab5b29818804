"""Concurrent writes from two server processes: none fails with "Unexpected error.".

On SQLite a write transaction takes the write lock when it begins (BEGIN IMMEDIATE) and waits for
it (busy timeout); a deferred transaction that had read first could not upgrade its lock and failed
at once. A write that still cannot get the lock answers BUSY (retryable) and changes nothing."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from tortoise import Tortoise

from models import AuditEntry, Customer
from services.accounts import create_user
from settings import Settings
from tests.client import USER_ERRORS, customer_mutation, global_id, make_principal
from tests.conftest import ENGINE
from tests.factories import PASSWORD, db_state, make_account, make_customer
from tests.test_concurrency import _login, servers  # noqa: F401 - the two-process fixture

UPDATE = (
    "mutation($input: CustomerUpdateInput!) "
    f"{{ customerUpdate(input: $input) {{ customer {{ id }} {USER_ERRORS} }} }}"
)
CREATE = (
    "mutation($input: CustomerCreateInput!) "
    f"{{ customerCreate(input: $input) {{ customer {{ id }} {USER_ERRORS} }} }}"
)
BUSY = {
    "field": None,
    "message": "The database is busy with other changes; nothing was changed. Try again.",
    "code": "BUSY",
}
WRITES = 50


async def _post(http: httpx.AsyncClient, url: str, token: str, query: str, input: dict[str, Any]) -> Any:
    response = await http.post(
        f"{url}/graphql",
        json={"query": query, "variables": {"input": input}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.slow
async def test_50_concurrent_writes_over_two_processes_never_fail_unexpectedly(
    servers: list[str],  # noqa: F811
) -> None:
    # Given five customers and a user who may change them
    account = await make_account()
    await create_user(account, email="writer@example.com", name="Writer", password=PASSWORD)
    customers = [(await make_customer(account, name=f"Target {n}")).id for n in range(5)]

    # When 25 updates and 25 creations hit the two processes at once
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=WRITES)) as http:
        token = await _login(http, servers[0], "writer@example.com")
        calls = []
        for i in range(WRITES):
            if i % 2 == 0:
                input = {"id": global_id("Customer", customers[i % 5]), "notes": f"write {i}"}
                calls.append(_post(http, servers[i % 4 // 2], token, UPDATE, input))
            else:
                input = {"name": f"Racer {i}", "currency": "EUR"}
                calls.append(_post(http, servers[i % 4 // 2], token, CREATE, input))
        bodies = await asyncio.gather(*calls)

    # Then no request failed unexpectedly: each write succeeded or was told to try again
    assert [body.get("errors") for body in bodies] == [None] * WRITES
    payloads = [body["data"].get("customerUpdate") or body["data"]["customerCreate"] for body in bodies]
    assert [p["errors"] for p in payloads if p["errors"] not in ([], [BUSY])] == []
    succeeded = [i for i, p in enumerate(payloads) if p["errors"] == []]
    created = [i for i in succeeded if i % 2 == 1]
    updated = [i for i in succeeded if i % 2 == 0]
    # ... here every one got through: the lock was always freed within the busy timeout
    assert (len(created), len(updated)) == (25, 25)
    # ... and what the callers were told is what the rows and the audit trail hold
    racers = Customer.filter(account_id=account.id, name__startswith="Racer")
    assert sorted(await racers.values_list("name", flat=True)) == sorted(f"Racer {i}" for i in created)
    creations = AuditEntry.filter(account_id=account.id, action="CREATE", table_name="customer")
    assert await creations.count() == 5 + len(created)
    assert await AuditEntry.filter(account_id=account.id, action="UPDATE").count() == len(updated)


@asynccontextmanager
async def write_lock_held(settings: Settings) -> AsyncIterator[None]:
    """Another process's transaction holds SQLite's write lock; this process waits 0.2 s for it."""
    conn = Tortoise.get_connection("default")
    await conn.execute_script("PRAGMA busy_timeout=200")
    other = sqlite3.connect(settings.database_url.removeprefix("sqlite://"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()
        await conn.execute_script("PRAGMA busy_timeout=10000")


@pytest.mark.skipif(ENGINE != "sqlite", reason="SQLite's write lock")
async def test_a_write_that_cannot_get_the_lock_answers_busy_and_changes_nothing(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    # Given a customer, and another process holding the write lock longer than the busy timeout
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Acme")
    before = await db_state()
    input = {"id": global_id("Customer", customer.id), "notes": "Called on Monday."}

    # When the customer is updated, and another one created
    async with write_lock_held(settings):
        update = await customer_mutation(client, admin.token, "customerUpdate", input, USER_ERRORS)
        create = await customer_mutation(
            client, admin.token, "customerCreate", {"name": "Bravo", "currency": "EUR"}, USER_ERRORS
        )

    # Then both are refused as retryable, and nothing changed
    assert (update, create) == ({"errors": [BUSY]}, {"errors": [BUSY]})
    assert await db_state() == before

    # ... and once the lock is free the same update goes through
    again = await customer_mutation(client, admin.token, "customerUpdate", input, USER_ERRORS)
    assert again == {"errors": []}
    assert (await Customer.get(id=customer.id)).notes == "Called on Monday."
