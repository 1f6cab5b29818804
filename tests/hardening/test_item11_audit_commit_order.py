"""Concurrent updates of one customer, through two server processes and the in-process app at once:
the customer's audit trail lists the changes in the order they committed, each diff's `old` is the
previous entry's `new`, and the last entry is the customer's current value and `updatedAt`."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.client import USER_ERRORS, global_id, gql, make_principal
from tests.conftest import ENGINE
from tests.factories import make_account, make_customer
from tests.test_concurrency import servers  # noqa: F401 - the two-process fixture

# PostgreSQL locks the row; SQLite runs one writer at a time, so fewer writers show the same.
WRITERS = 50 if ENGINE == "postgres" else 20
UPDATE = (
    "mutation($input: CustomerUpdateInput!) "
    f"{{ customerUpdate(input: $input) {{ customer {{ channels }} {USER_ERRORS} }} }}"
)
CARD = """query($id: ID!) { customer(id: $id) {
    channels updatedAt auditLog(first: 100) { edges { node { action at diff } } } } }"""


async def _update(http: httpx.AsyncClient, url: str, token: str, input: dict[str, Any]) -> Any:
    response = await http.post(
        f"{url}/graphql",
        json={"query": UPDATE, "variables": {"input": input}},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.slow
async def test_concurrent_updates_are_listed_in_commit_order_with_an_unbroken_chain(
    client: httpx.AsyncClient,
    servers: list[str],  # noqa: F811
) -> None:
    # Given a customer with 0 channels
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, channels=0)
    customer_id = global_id("Customer", customer.id)

    # When every writer sets a different channel count at once, a third of them in this process
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=WRITERS)) as http:
        targets = [(http, servers[0]), (http, servers[1]), (client, "")]
        bodies = await asyncio.gather(
            *(
                _update(*targets[i % 3], admin.token, {"id": customer_id, "channels": i})
                for i in range(1, WRITERS + 1)
            )
        )
    assert [body["data"]["customerUpdate"]["errors"] for body in bodies] == [[]] * WRITERS

    # Then the trail, oldest first, is the creation and one update per writer ...
    card = (await gql(client, CARD, {"id": customer_id}, admin.token))["data"]["customer"]
    entries = [edge["node"] for edge in reversed(card["auditLog"]["edges"])]
    assert [entry["action"] for entry in entries] == ["CREATE"] + ["UPDATE"] * WRITERS
    updates = entries[1:]
    # ... each taking over from the one listed before it, ending at the current value
    olds = [entry["diff"]["channels"]["old"] for entry in updates]
    news = [entry["diff"]["channels"]["new"] for entry in updates]
    assert [list(entry["diff"]) for entry in updates] == [["channels"]] * WRITERS
    assert olds == [0, *news[:-1]]
    assert sorted(news) == list(range(1, WRITERS + 1))
    assert news[-1] == card["channels"]
    # ... stamped in that same order, the last one with the customer's updatedAt
    stamps = [datetime.fromisoformat(entry["at"]) for entry in updates]
    assert stamps == sorted(stamps)
    assert stamps[-1] == datetime.fromisoformat(card["updatedAt"])
