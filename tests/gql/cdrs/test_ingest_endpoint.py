"""POST /ingest/cdrs over HTTP: who may feed, which bodies it takes, what it answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal

import httpx
import pytest

from models import Account, Cdr, Customer
from models.enums import Permission
from tests.cdr_data import csv_body, gzipped, ndjson, record
from tests.factories import Principal, make_customer

KeyMaker = Callable[[list[Permission]], Awaitable[str]]
NDJSON = {"Content-Type": "application/x-ndjson"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        ("anonymous", 401, "UNAUTHENTICATED"),
        ("wrong key", 401, "UNAUTHENTICATED"),
        ("key without cdrs:ingest", 403, "PERMISSION_DENIED"),
        ("staff token", 403, "PERMISSION_DENIED"),
        ("key with cdrs:ingest", 200, None),
    ],
)
async def test_only_a_key_with_cdrs_ingest_may_post_cdrs(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    api_key: KeyMaker,
    who: str,
    status: int,
    code: str | None,
) -> None:
    customer = await make_customer(account)
    headers = {
        "anonymous": {},
        "wrong key": bearer("sbk_000000000000_not-a-real-secret"),
        "key without cdrs:ingest": bearer(await api_key([Permission.CUSTOMERS_READ])),
        "staff token": bearer(admin.token),
        "key with cdrs:ingest": bearer(await api_key([Permission.CDRS_INGEST])),
    }[who]

    response = await client.post(
        "/ingest/cdrs", content=ndjson([record(customer, callId="auth")]), headers={**NDJSON, **headers}
    )

    assert response.status_code == status
    if code is None:
        assert response.json() == {"accepted": 1, "duplicates": 0, "rejected": []}
        assert await Cdr.all().count() == 1
    else:
        assert response.json()["code"] == code
        assert await Cdr.all().count() == 0
        assert (await Customer.get(id=customer.id)).balance == Decimal(0)


async def test_gzip_csv_over_http_and_a_resend(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker
) -> None:
    customer = await make_customer(account)
    key = await api_key([Permission.CDRS_INGEST])
    body = gzipped(
        csv_body(
            [record(customer, callId=f"h-{i}", charge="0.0100") for i in range(20)]
            + [record(customer, callId="bad", pdd=-1)]
        )
    )
    headers = {"Content-Type": "text/csv; charset=utf-8", "Content-Encoding": "gzip", **bearer(key)}

    first = await client.post("/ingest/cdrs", content=body, headers=headers)
    again = await client.post("/ingest/cdrs", content=body, headers=headers)

    assert first.status_code == again.status_code == 200
    rejected = [{"line": 22, "reason": "pdd must not be negative."}]
    assert first.json() == {"accepted": 20, "duplicates": 0, "rejected": rejected}
    assert again.json() == {"accepted": 0, "duplicates": 20, "rejected": rejected}
    assert (await Customer.get(id=customer.id)).balance == Decimal("-0.2000")


@pytest.mark.parametrize(
    "headers",
    [
        {"Content-Type": "application/json"},
        {"Content-Type": "application/x-ndjson", "Content-Encoding": "br"},
        {},
    ],
)
async def test_other_bodies_are_refused_with_415(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker, headers: dict[str, str]
) -> None:
    key = await api_key([Permission.CDRS_INGEST])

    response = await client.post("/ingest/cdrs", content=b"{}", headers={**headers, **bearer(key)})

    assert response.status_code == 415
    assert response.json() == {
        "error": "Send application/x-ndjson or text/csv, optionally with Content-Encoding: gzip.",
        "code": "INVALID",
    }


async def test_a_body_past_the_small_graphql_limit_is_taken(
    client: httpx.AsyncClient, account: Account, api_key: KeyMaker
) -> None:
    customer = await make_customer(account)
    key = await api_key([Permission.CDRS_INGEST])
    body = ndjson([record(customer, callId=f"big-{i}") for i in range(1500)])
    assert len(body) > 200_000

    response = await client.post("/ingest/cdrs", content=body, headers={**NDJSON, **bearer(key)})

    assert response.json() == {"accepted": 1500, "duplicates": 0, "rejected": []}
