"""Reseller groups over GraphQL: the connection (filters, search, paging, counts at a constant
statement count), typed errors of resellerCreate / resellerUpdate / resellerDelete, and
node()/nodes() answering like `resellers`."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from models import Account, Reseller
from models.enums import Permission
from tests.client import global_id, gql, make_principal, refusal, refusals
from tests.conftest import SqlCounter
from tests.factories import (
    Principal,
    db_state,
    make_account,
    make_customer,
    make_reseller,
    make_role,
    make_user,
)

ERRORS = "errors { field message code counts { name count } }"
NODE = "id name customerCount userCount"
LIST = f"""query($first: Int, $after: String, $where: ResellerWhere, $search: String) {{
  resellers(first: $first, after: $after, where: $where, search: $search) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ node {{ {NODE} }} }} }} }}"""
CREATE = f"mutation($input: ResellerCreateInput!) {{ resellerCreate(input: $input) {{ reseller {{ {NODE} }} {ERRORS} }} }}"
UPDATE = f"mutation($input: ResellerUpdateInput!) {{ resellerUpdate(input: $input) {{ reseller {{ {NODE} }} {ERRORS} }} }}"
DELETE = (
    f"mutation($input: ResellerDeleteInput!) {{ resellerDelete(input: $input) {{ deletedId {ERRORS} }} }}"
)


def error(code: str, message: str, *field: str, counts: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "field": ["input", *field] if field else None,
        "message": message,
        "code": code,
        "counts": counts or [],
    }


async def mutate(client: httpx.AsyncClient, token: str, query: str, **input: Any) -> dict[str, Any]:
    """The payload of a mutation, which must have left nothing changed when it has errors."""
    before = await db_state()
    body = await gql(client, query, {"input": input}, token)
    assert "errors" not in body, body
    payload: dict[str, Any] = next(iter(body["data"].values()))
    if payload["errors"]:
        assert await db_state() == before
    return payload


async def listed(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    body = await gql(client, LIST, variables, token)
    assert "errors" not in body, body
    page: dict[str, Any] = body["data"]["resellers"]
    return page


def names(page: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in page["edges"]]


def node(reseller: Reseller, customers: int = 0, users: int = 0) -> dict[str, Any]:
    return {
        "id": global_id("Reseller", reseller.id),
        "name": reseller.name,
        "customerCount": customers,
        "userCount": users,
    }


async def test_the_list_filters_searches_and_pages_by_name(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    made = {
        name: await make_reseller(account, name)
        for name in ("Delta Voice", "Alpha Voice", "Charlie Tel", "Bravo Voice")
    }

    first = await listed(client, admin.token, first=2)
    second = await listed(client, admin.token, first=2, after=first["pageInfo"]["endCursor"])
    searched = await listed(client, admin.token, search="voice ALPHA")
    by_id = await listed(
        client, admin.token, where={"id": {"in": [global_id("Reseller", made["Charlie Tel"].id)]}}
    )
    either = await listed(
        client,
        admin.token,
        where={"OR": [{"name": {"eq": "Delta Voice"}}, {"name": {"contains": "charlie"}}]},
    )

    assert (names(first), first["totalCount"], first["pageInfo"]["hasNextPage"]) == (
        ["Alpha Voice", "Bravo Voice"],
        4,
        True,
    )
    assert (names(second), second["pageInfo"]["hasNextPage"]) == (["Charlie Tel", "Delta Voice"], False)
    assert (names(searched), searched["totalCount"]) == (["Alpha Voice"], 1)
    assert names(by_id) == ["Charlie Tel"]
    assert names(either) == ["Charlie Tel", "Delta Voice"]


@pytest.mark.parametrize(
    ("variables", "message", "field"),
    [
        ({"search": "x" * 201}, "A search has at most 200 characters.", "search"),
        ({"after": "not-a-cursor"}, "This cursor is not valid for this list and sort order.", "after"),
        ({"first": 101}, "Page size must be between 0 and 100.", "first"),
        (
            {"where": {"name": {"eq": "x" * 201}}},
            "A filter text on this field has at most 200 characters.",
            "where",
        ),
    ],
)
async def test_bad_list_arguments_are_typed_errors(
    client: httpx.AsyncClient, admin: Principal, variables: dict[str, Any], message: str, field: str
) -> None:
    body = await gql(client, LIST, variables, admin.token)

    assert (body["data"], refusals(body)) == (
        None,
        [refusal(message, "BAD_USER_INPUT", "resellers", argument=[field])],
    )


async def seed(account: Account, resellers: int) -> None:
    for n in range(resellers):
        reseller = await make_reseller(account, f"Reseller {n:03d}")
        await make_customer(account, reseller_id=reseller.id)
        await make_user(account, role_name="Partner", reseller=reseller)


async def test_a_page_with_counts_costs_the_same_statements_for_5_and_50_resellers(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    # given: 60 resellers, each with a customer and a partner user
    await seed(account, 60)

    # when
    sql_counter.reset()
    small = await listed(client, admin.token, first=5)
    small_count = sql_counter.count
    sql_counter.reset()
    large = await listed(client, admin.token, first=50)

    # then: session, page, total, customer counts, user counts
    assert small_count == sql_counter.count == 5, sql_counter.statements
    assert len(large["edges"]) == 50
    assert {(e["node"]["customerCount"], e["node"]["userCount"]) for e in large["edges"]} == {(1, 1)}
    assert small["totalCount"] == 60


async def test_counts_are_of_live_customers_and_all_users(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    reseller = await make_reseller(account, "Northwind")
    await make_customer(account, reseller_id=reseller.id)
    gone = await make_customer(account, reseller_id=reseller.id)
    deleted = await gql(
        client,
        "mutation($id: ID!) { customerDelete(input: {id: $id}) { errors { code } } }",
        {"id": global_id("Customer", gone.id)},
        admin.token,
    )
    partner = await make_user(account, role_name="Partner", reseller=reseller)
    partner.is_active = False
    await partner.save()

    page = await listed(client, admin.token)

    assert deleted["data"] == {"customerDelete": {"errors": []}}
    assert page["edges"] == [{"node": node(reseller, customers=1, users=1)}]


# --- mutations -----------------------------------------------------------------------------


async def test_create_rename_and_delete_a_reseller(client: httpx.AsyncClient, admin: Principal) -> None:
    created = await mutate(client, admin.token, CREATE, name=" Northwind ", reason="signed")
    reseller_id = created["reseller"]["id"]
    renamed = await mutate(client, admin.token, UPDATE, id=reseller_id, name="Northwind Ltd")
    omitted = await mutate(client, admin.token, UPDATE, id=reseller_id)
    deleted = await mutate(client, admin.token, DELETE, id=reseller_id)

    expected = {"id": reseller_id, "customerCount": 0, "userCount": 0}
    assert created == {"reseller": {**expected, "name": "Northwind"}, "errors": []}
    assert renamed == omitted == {"reseller": {**expected, "name": "Northwind Ltd"}, "errors": []}
    assert deleted == {"deletedId": reseller_id, "errors": []}
    assert not await Reseller.exists(name__startswith="Northwind")


@pytest.mark.parametrize(
    ("input", "errors"),
    [
        ({"name": ""}, [error("REQUIRED", "This field is required.", "name")]),
        ({"name": "NORTHWIND"}, [error("DUPLICATE", "A reseller with this name exists.", "name")]),
        ({"name": "x" * 201}, [error("INVALID", "At most 200 characters.", "name")]),
        ({"name": "North\u0000wind"}, [error("INVALID", "Text cannot contain NUL characters.", "name")]),
    ],
)
async def test_create_refuses_bad_input_with_typed_errors(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    input: dict[str, Any],
    errors: list[dict[str, Any]],
) -> None:
    await make_reseller(account, "Northwind")

    assert await mutate(client, admin.token, CREATE, **input) == {"reseller": None, "errors": errors}


async def test_update_refusals(client: httpx.AsyncClient, account: Account, admin: Principal) -> None:
    await make_reseller(account, "Northwind")
    bravo = await make_reseller(account, "Bravo")
    elsewhere = await make_reseller(await make_account(), "Elsewhere")
    bravo_id = global_id("Reseller", bravo.id)

    duplicate = await mutate(client, admin.token, UPDATE, id=bravo_id, name="northwind")
    null = await mutate(client, admin.token, UPDATE, id=bravo_id, name=None)
    other = await mutate(client, admin.token, UPDATE, id=global_id("Reseller", elsewhere.id), name="Mine")
    wrong_type = await mutate(client, admin.token, UPDATE, id=global_id("Role", bravo.id), name="Mine")

    assert duplicate["errors"] == [error("DUPLICATE", "A reseller with this name exists.", "name")]
    assert null["errors"] == [error("REQUIRED", "This field cannot be null.", "name")]
    assert other["errors"] == wrong_type["errors"] == [error("NOT_FOUND", "Reseller not found.", "id")]


async def test_a_reseller_in_use_is_not_deleted_and_the_error_counts_what_belongs(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    reseller = await make_reseller(account, "Northwind")
    for _ in range(3):
        await make_customer(account, reseller_id=reseller.id)
    await make_user(account, role_name="Partner", reseller=reseller)

    payload = await mutate(client, admin.token, DELETE, id=global_id("Reseller", reseller.id))

    assert payload == {
        "deletedId": None,
        "errors": [
            error(
                "RESELLER_IN_USE",
                "3 customers and 1 user belong to this reseller; move or delete them first.",
                "id",
                counts=[{"name": "customers", "count": 3}, {"name": "users", "count": 1}],
            )
        ],
    }


# --- node / nodes ------------------------------------------------------------------------


NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Reseller { id name customerCount userCount } } }"


async def test_nodes_answer_like_the_resellers_field(client: httpx.AsyncClient, account: Account) -> None:
    # given: principals that see every reseller, their own, or none
    own, other = await make_reseller(account, "Own"), await make_reseller(account, "Other")
    await make_customer(account, reseller_id=own.id)
    elsewhere = await make_reseller(await make_account(), "Elsewhere")
    await make_role(account, "Clerks", [Permission.USERS_WRITE])
    principals = {
        "admin": await make_principal(client, account),
        "partner": await make_principal(client, account, role_name="Partner", reseller=own),
        "no_customers_read": await make_principal(client, account, role_name="Clerks"),
    }
    ids = [global_id("Reseller", r.id) for r in (own, other, elsewhere)] + [global_id("Reseller", 987_654)]

    for name, principal in principals.items():
        # when
        page = await gql(
            client, f"{{ resellers {{ edges {{ node {{ {NODE} }} }} }} }}", token=principal.token
        )
        nodes = await gql(client, NODES, {"ids": ids}, principal.token)
        one = await gql(client, "query($id: ID!) { node(id: $id) { id } }", {"id": ids[0]}, principal.token)

        # then
        if name == "no_customers_read":
            denied = "You do not have permission to do this."
            assert refusals(page) == [refusal(denied, "PERMISSION_DENIED", "resellers")]
            assert refusals(one) == [refusal(denied, "PERMISSION_DENIED", "node")]
            assert {e["extensions"]["code"] for e in refusals(nodes)} == {"PERMISSION_DENIED"}
            continue
        by_id = {edge["node"]["id"]: edge["node"] for edge in page["data"]["resellers"]["edges"]}
        assert nodes["data"] == {"nodes": [by_id.get(i) for i in ids]}, name
        assert one["data"] == {"node": {"id": ids[0]}}, name
    assert by_id == {ids[0]: node(own, customers=1, users=1)}


async def test_concurrent_creations_of_one_name_in_any_case_end_with_one_success(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    spellings = ["Northwind", "NORTHWIND", "northwind", "NorthWind"]

    payloads = await asyncio.gather(
        *(gql(client, CREATE, {"input": {"name": spellings[i % 4]}}, admin.token) for i in range(20))
    )

    codes = [tuple(e["code"] for e in p["data"]["resellerCreate"]["errors"]) for p in payloads]
    assert (codes.count(()), codes.count(("DUPLICATE",))) == (1, 19)
    assert await Reseller.filter(account_id=account.id).count() == 1
