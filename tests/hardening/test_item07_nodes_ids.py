"""Item 7: `nodes(ids:)` costs its selection once per id, and takes at most 100 ids."""

from __future__ import annotations

import httpx
import pytest

from tests.client import global_id, gql, make_principal, refusals
from tests.factories import make_account, make_customer

NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Customer { name } } }"


@pytest.mark.parametrize("inline", [False, True], ids=["variable", "literal"])
async def test_the_cost_of_nodes_multiplies_by_the_number_of_ids(
    client: httpx.AsyncClient, inline: bool
) -> None:
    # given
    account = await make_account()
    admin = await make_principal(client, account)
    customers = [await make_customer(account, name=f"C{i}") for i in range(3)]
    ids = [global_id("Customer", c.id) for c in customers]

    # when
    if inline:
        literal = ", ".join(f'"{i}"' for i in ids)
        body = await gql(
            client, f"{{ nodes(ids: [{literal}]) {{ id ... on Customer {{ name }} }} }}", token=admin.token
        )
    else:
        body = await gql(client, NODES, {"ids": ids}, token=admin.token)

    # then: nodes 1 + 3 ids x (id 1 + name 1)
    assert body["data"] == {"nodes": [{"id": i, "name": f"C{n}"} for n, i in enumerate(ids)]}
    assert body["extensions"] == {"cost": 1 + 3 * 2}


async def test_more_than_100_ids_are_refused(client: httpx.AsyncClient) -> None:
    # given
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)

    # when
    body = await gql(client, NODES, {"ids": [global_id("Customer", customer.id)] * 101}, token=admin.token)

    # then
    assert body["data"] is None
    assert refusals(body) == [
        {
            "message": "At most 100 ids per request.",
            "path": ["nodes"],
            "extensions": {"code": "BAD_USER_INPUT", "argument": ["ids"]},
        }
    ]


async def test_100_ids_are_answered(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Only")

    body = await gql(client, NODES, {"ids": [global_id("Customer", customer.id)] * 100}, token=admin.token)

    assert body["data"] == {"nodes": [{"id": global_id("Customer", customer.id), "name": "Only"}] * 100}
    assert body["extensions"] == {"cost": 1 + 100 * 2}
