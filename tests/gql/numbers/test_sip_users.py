"""SIP users: uniqueness, block rules, the digest hash, and their concurrency."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, SipUser
from tests.client import global_id, gql, make_principal
from tests.factories import Principal, make_account, make_customer

CREATE = """
mutation($input: SipUserCreateInput!) { sipUserCreate(input: $input) {
  sipUser { username channels cps ipAllow } errors { field code message } } }
"""
UPDATE = """
mutation($input: SipUserUpdateInput!) { sipUserUpdate(input: $input) {
  sipUser { username channels cps ipAllow } errors { field code message } } }
"""
ASSIGN = "mutation($id: ID!) { numberBlockAssign(input: {customerId: $id}) { errors { code } } }"


async def create(
    client: httpx.AsyncClient, admin: Principal, customer_id: int, **fields: Any
) -> dict[str, Any]:
    values = {
        "customerId": global_id("Customer", customer_id),
        "username": "alice",
        "password": "long-secret-1",
        **fields,
    }
    body = await gql(client, CREATE, {"input": values}, admin.token)
    payload: dict[str, Any] = body["data"]["sipUserCreate"]
    return payload


async def setup(client: httpx.AsyncClient, with_block: bool) -> tuple[Account, Principal, int]:
    account = await make_account()
    await Account.filter(id=account.id).update(
        number_range_start=1000, number_block_size=100, sip_realm="sip.carrier.example"
    )
    admin = await make_principal(client, account)
    customer = await make_customer(account, channels=10, flow_speed=5)
    if with_block:
        await gql(client, ASSIGN, {"id": global_id("Customer", customer.id)}, admin.token)
    return account, admin, customer.id


async def test_the_password_is_stored_only_as_the_digest_hash(client: httpx.AsyncClient) -> None:
    account, admin, customer_id = await setup(client, with_block=False)

    payload = await create(
        client, admin, customer_id, channels=5, cps=2, ipAllow=["192.0.2.10", "198.51.100.0/24"]
    )

    assert payload == {
        "sipUser": {
            "username": "alice",
            "channels": 5,
            "cps": 2,
            "ipAllow": ["192.0.2.10/32", "198.51.100.0/24"],
        },
        "errors": [],
    }
    row = await SipUser.get(account_id=account.id)
    assert row.ha1 == hashlib.md5(b"alice:sip.carrier.example:long-secret-1").hexdigest()
    entry = await AuditEntry.get(account_id=account.id, table_name="sip_user")
    assert entry.diff["ha1"] == {"old": None, "new": "[redacted]"}
    assert "long-secret-1" not in str(await SipUser.filter(account_id=account.id).values())
    assert "long-secret-1" not in str(await AuditEntry.filter(account_id=account.id).values())


async def test_a_duplicate_username_is_refused_in_the_whole_account(client: httpx.AsyncClient) -> None:
    account, admin, customer_id = await setup(client, with_block=False)
    other = await make_customer(account)
    await create(client, admin, customer_id)
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    payload = await create(client, admin, other.id)

    assert payload == {
        "sipUser": None,
        "errors": [
            {
                "field": ["input", "username"],
                "code": "DUPLICATE_SIP_USER",
                "message": "Duplicate User Detected",
            }
        ],
    }
    assert await SipUser.filter(account_id=account.id).count() == 1
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


@pytest.mark.parametrize(
    ("username", "ok"),
    [("1000", True), ("1099", True), ("1100", False), ("999", False), ("alice", False), ("01000", False)],
)
async def test_with_blocks_the_username_is_an_extension_of_them(
    client: httpx.AsyncClient, username: str, ok: bool
) -> None:
    account, admin, customer_id = await setup(client, with_block=True)

    payload = await create(client, admin, customer_id, username=username)

    assert [e["code"] for e in payload["errors"]] == ([] if ok else ["EXTENSION_OUT_OF_BLOCK"])
    assert await SipUser.filter(account_id=account.id).count() == (1 if ok else 0)


async def test_without_blocks_any_free_username_but_not_another_customers_extension(
    client: httpx.AsyncClient,
) -> None:
    account, admin, _holder_id = await setup(client, with_block=True)
    free = await make_customer(account)

    outside = await create(client, admin, free.id, username="5000")
    taken = await create(client, admin, free.id, username="1050")

    assert outside["errors"] == []
    assert [e["code"] for e in taken["errors"]] == ["EXTENSION_OUT_OF_BLOCK"]


@pytest.mark.parametrize(
    ("fields", "path"),
    [
        ({"username": "has space"}, ["input", "username"]),
        ({"password": "short"}, ["input", "password"]),
        ({"channels": -1}, ["input", "channels"]),
        ({"cps": -2}, ["input", "cps"]),
        ({"ipAllow": ["10.0.0.0/8", "not-an-ip"]}, ["input", "ipAllow", "1"]),
    ],
)
async def test_bad_input_is_refused_with_nothing_written(
    client: httpx.AsyncClient, fields: dict[str, Any], path: list[str]
) -> None:
    account, admin, customer_id = await setup(client, with_block=False)

    payload = await create(client, admin, customer_id, **fields)

    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(path, "INVALID")]
    assert await SipUser.filter(account_id=account.id).count() == 0


async def test_update_rehashes_a_new_password_and_a_rename_needs_it(client: httpx.AsyncClient) -> None:
    account, admin, customer_id = await setup(client, with_block=False)
    await create(client, admin, customer_id)
    sip_id = global_id("SipUser", (await SipUser.get(account_id=account.id)).id)

    rename_alone = await gql(client, UPDATE, {"input": {"id": sip_id, "username": "bob"}}, admin.token)
    renamed = await gql(
        client,
        UPDATE,
        {"input": {"id": sip_id, "username": "bob", "password": "new-secret-22", "channels": 3}},
        admin.token,
    )

    assert rename_alone["data"]["sipUserUpdate"]["errors"][0]["code"] == "REQUIRED"
    assert renamed["data"]["sipUserUpdate"]["sipUser"] == {
        "username": "bob",
        "channels": 3,
        "cps": 0,
        "ipAllow": [],
    }
    row = await SipUser.get(account_id=account.id)
    assert row.ha1 == hashlib.md5(b"bob:sip.carrier.example:new-secret-22").hexdigest()


async def test_sip_users_need_write_permission_and_stay_in_their_account(client: httpx.AsyncClient) -> None:
    account, _, customer_id = await setup(client, with_block=False)
    support = await make_principal(client, account, role_name="Support")
    outsider = await make_principal(client, await make_account())

    denied = await create(client, support, customer_id)
    hidden = await create(client, outsider, customer_id)

    assert [e["code"] for e in denied["errors"]] == ["PERMISSION_DENIED"]
    assert [e["code"] for e in hidden["errors"]] == ["NOT_FOUND"]
    assert await SipUser.all().count() == 0


async def test_fifty_concurrent_creations_of_one_username_end_with_one_success(
    client: httpx.AsyncClient,
) -> None:
    account, admin, customer_id = await setup(client, with_block=False)
    customers = [customer_id] + [(await make_customer(account)).id for _ in range(4)]

    payloads = await asyncio.gather(
        *(create(client, admin, customers[i % 5], username="shared") for i in range(50))
    )

    codes = [tuple(e["code"] for e in p["errors"]) for p in payloads]
    assert codes.count(()) == 1
    assert codes.count(("DUPLICATE_SIP_USER",)) == 49
    assert await SipUser.filter(account_id=account.id).count() == 1
