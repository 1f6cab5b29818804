"""Internal number blocks: next free block, release, range settings, reads."""

from __future__ import annotations

from typing import Any

import httpx

from models import Account, AuditEntry, NumberBlock
from tests.client import global_id, gql, make_principal
from tests.factories import Principal, make_account, make_customer

ASSIGN = """
mutation($id: ID!) { numberBlockAssign(input: {customerId: $id}) {
  numberBlock { id start end size used free } errors { field code message } } }
"""
RELEASE = "mutation($id: ID!) { numberBlockRelease(input: {id: $id}) { releasedId errors { field code } } }"
SIP = """
mutation($customer: ID!, $username: String!) {
  sipUserCreate(input: {customerId: $customer, username: $username, password: "long-secret-1"}) {
    sipUser { id username } errors { field code message } } }
"""
SETTINGS = """
mutation($input: AccountSettingsUpdateInput!) { accountSettingsUpdate(input: $input) {
  accountSettings { numberRangeStart numberBlockSize blocksAssigned nextFreeBlockStart } errors { field code } } }
"""


async def ranged_admin(
    client: httpx.AsyncClient, start: int = 1000, size: int = 100
) -> tuple[Account, Principal]:
    account = await make_account()
    await Account.filter(id=account.id).update(number_range_start=start, number_block_size=size)
    return account, await make_principal(client, account)


async def assign(client: httpx.AsyncClient, admin: Principal, customer_id: int) -> dict[str, Any]:
    body = await gql(client, ASSIGN, {"id": global_id("Customer", customer_id)}, admin.token)
    payload: dict[str, Any] = body["data"]["numberBlockAssign"]
    return payload


async def test_blocks_are_handed_out_next_free_in_order(client: httpx.AsyncClient) -> None:
    account, admin = await ranged_admin(client)
    first, second = await make_customer(account), await make_customer(account)

    a = await assign(client, admin, first.id)
    b = await assign(client, admin, second.id)
    c = await assign(client, admin, first.id)

    assert [(p["numberBlock"]["start"], p["numberBlock"]["end"]) for p in (a, b, c)] == [
        (1000, 1100),
        (1100, 1200),
        (1200, 1300),
    ]
    assert a["numberBlock"] | {"id": None} == {
        "id": None,
        "start": 1000,
        "end": 1100,
        "size": 100,
        "used": 0,
        "free": 100,
    }
    entries = (
        await AuditEntry.filter(account_id=account.id, table_name="number_block")
        .order_by("id")
        .values("action", "customer_id", "diff")
    )
    assert entries[0] == {
        "action": "CREATE",
        "customer_id": first.id,
        "diff": {"start": {"old": None, "new": 1000}, "end": {"old": None, "new": 1100}},
    }


async def test_assignment_needs_a_configured_range(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    payload = await assign(client, admin, customer.id)

    assert payload["numberBlock"] is None
    assert [e["code"] for e in payload["errors"]] == ["NUMBER_RANGE_NOT_CONFIGURED"]
    assert await NumberBlock.filter(account_id=account.id).count() == 0
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


async def test_a_customer_of_another_account_is_not_found(client: httpx.AsyncClient) -> None:
    _, admin = await ranged_admin(client)
    stranger = await make_customer(await make_account())

    payload = await assign(client, admin, stranger.id)

    assert payload["errors"] == [
        {"field": ["input", "customerId"], "code": "NOT_FOUND", "message": "Customer not found."}
    ]
    assert await NumberBlock.all().count() == 0


async def test_a_released_block_is_free_again_and_comes_back_first(client: httpx.AsyncClient) -> None:
    account, admin = await ranged_admin(client)
    customer, other = await make_customer(account), await make_customer(account)
    first = (await assign(client, admin, customer.id))["numberBlock"]
    await assign(client, admin, customer.id)

    released = await gql(client, RELEASE, {"id": first["id"]}, admin.token)
    again = await assign(client, admin, other.id)

    assert released["data"]["numberBlockRelease"] == {"releasedId": first["id"], "errors": []}
    assert again["numberBlock"]["start"] == 1000
    actions = (
        await AuditEntry.filter(account_id=account.id, table_name="number_block")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["CREATE", "CREATE", "DELETE", "CREATE"]


async def test_a_block_with_sip_users_cannot_be_released(client: httpx.AsyncClient) -> None:
    account, admin = await ranged_admin(client)
    customer = await make_customer(account)
    block = (await assign(client, admin, customer.id))["numberBlock"]
    await gql(client, SIP, {"customer": global_id("Customer", customer.id), "username": "1042"}, admin.token)

    body = await gql(client, RELEASE, {"id": block["id"]}, admin.token)

    assert body["data"]["numberBlockRelease"] == {
        "releasedId": None,
        "errors": [{"field": ["input", "id"], "code": "BLOCK_IN_USE"}],
    }
    assert await NumberBlock.filter(account_id=account.id).count() == 1


async def test_the_next_block_skips_extensions_already_in_use(client: httpx.AsyncClient) -> None:
    account, admin = await ranged_admin(client)
    without_blocks, customer = await make_customer(account), await make_customer(account)
    await gql(
        client, SIP, {"customer": global_id("Customer", without_blocks.id), "username": "1005"}, admin.token
    )

    payload = await assign(client, admin, customer.id)

    assert payload["numberBlock"]["start"] == 1100


async def test_customer_card_shows_blocks_usage_and_free_extensions(client: httpx.AsyncClient) -> None:
    account, admin = await ranged_admin(client, start=500, size=5)
    customer = await make_customer(account)
    await assign(client, admin, customer.id)
    for username in ("500", "502"):
        await gql(
            client, SIP, {"customer": global_id("Customer", customer.id), "username": username}, admin.token
        )
    query = """query($id: ID!) { customer(id: $id) {
      numberBlocks { start end used free } sipUsers { username }
      availableExtensions(first: 2) { totalCount edges { node } pageInfo { hasNextPage endCursor } } } }"""

    body = await gql(client, query, {"id": global_id("Customer", customer.id)}, admin.token)
    rest = await gql(
        client,
        query.replace("first: 2", 'first: 2, after: "503"'),
        {"id": global_id("Customer", customer.id)},
        admin.token,
    )

    assert body["data"]["customer"] == {
        "numberBlocks": [{"start": 500, "end": 505, "used": 2, "free": 3}],
        "sipUsers": [{"username": "500"}, {"username": "502"}],
        "availableExtensions": {
            "totalCount": 3,
            "edges": [{"node": 501}, {"node": 503}],
            "pageInfo": {"hasNextPage": True, "endCursor": "503"},
        },
    }
    assert rest["data"]["customer"]["availableExtensions"]["edges"] == [{"node": 504}]


async def test_range_settings_cannot_strand_assigned_blocks(client: httpx.AsyncClient) -> None:
    account, admin = await ranged_admin(client)
    await assign(client, admin, (await make_customer(account)).id)

    shifted = await gql(client, SETTINGS, {"input": {"numberRangeStart": 1050}}, admin.token)
    resized = await gql(client, SETTINGS, {"input": {"numberBlockSize": 50}}, admin.token)
    cleared = await gql(client, SETTINGS, {"input": {"numberRangeStart": None}}, admin.token)
    aligned = await gql(client, SETTINGS, {"input": {"numberRangeStart": 0}}, admin.token)

    assert shifted["data"]["accountSettingsUpdate"]["errors"] == [
        {"field": ["input", "numberRangeStart"], "code": "RANGE_IN_USE"}
    ]
    assert resized["data"]["accountSettingsUpdate"]["errors"] == [
        {"field": ["input", "numberBlockSize"], "code": "RANGE_IN_USE"}
    ]
    assert cleared["data"]["accountSettingsUpdate"]["errors"] == [
        {"field": ["input", "numberRangeStart"], "code": "RANGE_IN_USE"}
    ]
    assert aligned["data"]["accountSettingsUpdate"] == {
        "accountSettings": {
            "numberRangeStart": 0,
            "numberBlockSize": 100,
            "blocksAssigned": 1,
            "nextFreeBlockStart": 0,
        },
        "errors": [],
    }
