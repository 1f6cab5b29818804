"""POST /ingest/active-calls and Customer.channelsInUse / channelsInUseAt with its staleness limit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from models import Account, Customer
from models.enums import Permission
from tests.cdr_data import global_id, iso
from tests.conftest import GqlClient
from tests.factories import Principal, make_account, make_customer

KeyMaker = Callable[[list[Permission]], Awaitable[str]]
CARD = "query($id: ID!) { customer(id: $id) { channelsInUse channelsInUseAt } }"


async def post(client: httpx.AsyncClient, key: str, body: object) -> httpx.Response:
    return await client.post("/ingest/active-calls", json=body, headers={"Authorization": f"Bearer {key}"})


async def test_a_snapshot_sets_each_listed_customers_channels(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    api_key: KeyMaker,
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    ann, bob = await make_customer(account), await make_customer(account)
    foreign = await make_customer(await make_account())
    key = await api_key([Permission.CDRS_INGEST])
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=5)

    response = await post(
        client,
        key,
        {
            "at": iso(at),
            "customers": [
                {"customerId": global_id(ann), "channels": 7},
                {"customerId": global_id(bob), "channels": 0},
                {"customerId": global_id(foreign), "channels": 3},
                {"customerId": global_id(ann), "channels": -1},
                {"channels": 1},
            ],
        },
    )

    assert response.status_code == 200
    assert response.json() == {
        "updated": 2,
        "stale": 0,
        "rejected": [
            {"index": 2, "reason": "Unknown customer (customerId)."},
            {"index": 3, "reason": "channels must be a whole number from 0 to 1000000."},
            {"index": 4, "reason": "customerId is missing."},
        ],
    }
    body = await gql_client(admin)(CARD, id=global_id(ann))
    assert body["data"] == {"customer": {"channelsInUse": 7, "channelsInUseAt": at.isoformat()}}
    assert (await Customer.get(id=foreign.id)).channels_in_use_at is None


async def test_an_older_snapshot_arriving_late_changes_nothing(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker
) -> None:
    customer = await make_customer(account)
    key = await api_key([Permission.CDRS_INGEST])
    now = datetime.now(UTC).replace(microsecond=0)
    await post(
        client, key, {"at": iso(now), "customers": [{"customerId": global_id(customer), "channels": 4}]}
    )

    late = await post(
        client,
        key,
        {
            "at": iso(now - timedelta(seconds=10)),
            "customers": [{"customerId": global_id(customer), "channels": 9}],
        },
    )

    assert late.json() == {"updated": 0, "stale": 1, "rejected": []}
    assert (await Customer.get(id=customer.id)).channels_in_use == 4


async def test_a_stale_or_missing_snapshot_shows_null(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    never, stale = await make_customer(account), await make_customer(account)
    old = datetime.now(UTC).replace(microsecond=0) - timedelta(seconds=121)
    await Customer.filter(id=stale.id).update(channels_in_use=5, channels_in_use_at=old)

    first = await gql_client(admin)(CARD, id=global_id(never))
    second = await gql_client(admin)(CARD, id=global_id(stale))

    assert first["data"] == {"customer": {"channelsInUse": None, "channelsInUseAt": None}}
    assert second["data"] == {"customer": {"channelsInUse": None, "channelsInUseAt": old.isoformat()}}


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ([], 'expected {"at": "<RFC 3339 time>", "customers": [...]}.'),
        ({"at": "now", "customers": []}, "at is not an RFC 3339 time."),
        ({"at": "2026-11-20T10:00:00", "customers": []}, "at has no UTC offset."),
        ({"at": "2026-11-20T10:00:00Z", "customers": {}}, "customers must be a list."),
    ],
)
async def test_a_body_of_another_shape_is_a_400(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker, body: object, reason: str
) -> None:
    key = await api_key([Permission.CDRS_INGEST])

    response = await post(client, key, body)

    assert response.status_code == 400
    assert response.json() == {"error": f"Not an active-calls snapshot: {reason}", "code": "INVALID"}


@pytest.mark.parametrize(("permissions", "status"), [(None, 401), ([Permission.CUSTOMERS_READ], 403)])
async def test_active_calls_need_a_key_with_cdrs_ingest(
    client: httpx.AsyncClient,
    account: Account,
    api_key: KeyMaker,
    permissions: list[Permission] | None,
    status: int,
) -> None:
    customer = await make_customer(account)
    headers = {} if permissions is None else {"Authorization": f"Bearer {await api_key(permissions)}"}
    body = {"at": iso(datetime.now(UTC)), "customers": [{"customerId": global_id(customer), "channels": 1}]}

    response = await client.post("/ingest/active-calls", json=body, headers=headers)

    assert response.status_code == status
    assert (await Customer.get(id=customer.id)).channels_in_use_at is None
