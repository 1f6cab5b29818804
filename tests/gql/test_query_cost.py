"""The per-request cost in extensions.cost, and the refusal of a query over the limit."""

from __future__ import annotations

import httpx

from tests.client import gql, make_principal
from tests.factories import make_account


async def test_cost_counts_fields_times_page_sizes(client: httpx.AsyncClient) -> None:
    admin = await make_principal(client, await make_account())

    body = await gql(
        client, "{ customers(first: 10) { totalCount edges { node { name tags } } } }", token=admin.token
    )

    # customers: 1 + 10 x (totalCount 1 + edges (1 + node (1 + name 1 + tags 1)))
    assert body["extensions"] == {"cost": 1 + 10 * (1 + 1 + 1 + 1 + 1)}


async def test_a_query_over_the_limit_is_refused_before_it_runs(client: httpx.AsyncClient) -> None:
    admin = await make_principal(client, await make_account())
    query = "{ customers(first: 100) { edges { node { auditLog(first: 100) { edges { node { id diff message reason at } } } } } } }"

    body = await gql(client, query, token=admin.token)

    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
