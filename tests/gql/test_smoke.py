from __future__ import annotations

import httpx

from tests.client import gql, make_principal
from tests.factories import make_account, make_customer


async def test_admin_lists_own_customers_only(client: httpx.AsyncClient) -> None:
    account, other = await make_account(), await make_account()
    admin = await make_principal(client, account)
    await make_customer(account, name="Alpha")
    await make_customer(other, name="Other")

    body = await gql(
        client, "{ customers { totalCount edges { node { name currency } } } }", token=admin.token
    )

    assert body["data"] == {
        "customers": {"totalCount": 1, "edges": [{"node": {"name": "Alpha", "currency": "EUR"}}]}
    }
