"""The customers list over HTTP: every filter operator, AND/OR/NOT, search and totalCount."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import Customer, Reseller, User
from tests.client import global_id, gql, make_principal
from tests.factories import Principal, make_account, make_customer, make_reseller, make_user

LIST = """
query($where: CustomerWhere, $search: String, $first: Int) {
  customers(where: $where, search: $search, first: $first) { totalCount edges { node { name } } }
}
"""


@dataclass
class World:
    admin: Principal
    north: Reseller
    south: Reseller
    manager: User
    other_manager: User
    customers: dict[str, Customer]


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    """Four live customers (Alpha..Delta, in id order), a deleted one and a foreign one."""
    account = await make_account()
    admin = await make_principal(client, account)
    north, south = await make_reseller(account, "North"), await make_reseller(account, "South")
    manager, other_manager = await make_user(account), await make_user(account)
    specs: list[tuple[str, dict[str, Any], str, str]] = [
        # name, create values, balance, created at
        (
            "Alpha",
            dict(
                currency="EUR",
                tags=["vip", "gold"],
                reseller_id=north.id,
                account_manager_id=manager.id,
                external_accounting_id="ACC-001",
                channels=5,
            ),
            "10",
            "2024-01-10",
        ),
        (
            "Bravo",
            dict(
                currency="USD",
                status="INACTIVE",
                tags=["gold"],
                reseller_id=south.id,
                external_accounting_id="ACC-002",
                channels=10,
            ),
            "100",
            "2024-02-10",
        ),
        (
            "Charlie",
            dict(currency="EUR", status="PENALTY", account_manager_id=other_manager.id, channels=0),
            "-5",
            "2024-03-10",
        ),
        (
            "Delta",
            dict(
                currency="GBP",
                status="PENDING_APPROVAL",
                tags=["VIP", "silver"],
                reseller_id=north.id,
                account_manager_id=manager.id,
                external_accounting_id="XYZ-9",
                channels=20,
            ),
            "9.5",
            "2024-04-10",
        ),
        ("Echo", dict(currency="EUR", tags=["vip", "gold", "silver"]), "10", "2024-01-10"),
    ]
    customers = {}
    for name, values, balance, created in specs:
        customer = await make_customer(account, name=name, **values)
        await Customer.filter(id=customer.id).update(
            balance=Decimal(balance), created_at=datetime.fromisoformat(created).replace(tzinfo=UTC)
        )
        customers[name] = customer
    await Customer.filter(id=customers["Echo"].id).update(deleted_at=datetime.now(UTC), name_key=None)
    await make_customer(await make_account(), name="Alpha Foreign", tags=["vip", "gold", "silver"])
    return World(admin, north, south, manager, other_manager, customers)


async def listed(client: httpx.AsyncClient, world: World, **variables: Any) -> dict[str, Any]:
    body = await gql(client, LIST, variables, world.admin.token)
    assert "errors" not in body, body
    connection = body["data"]["customers"]
    return {"total": connection["totalCount"], "names": [e["node"]["name"] for e in connection["edges"]]}


def names(*found: str) -> dict[str, Any]:
    return {"total": len(found), "names": list(found)}


ALL = ["Alpha", "Bravo", "Charlie", "Delta"]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({}, ALL),
        ({"status": {"eq": "ACTIVE"}}, ["Alpha"]),
        ({"status": {"ne": "ACTIVE"}}, ["Bravo", "Charlie", "Delta"]),
        ({"status": {"in": ["ACTIVE", "PENALTY"]}}, ["Alpha", "Charlie"]),
        ({"status": {"notIn": ["ACTIVE", "INACTIVE"]}}, ["Charlie", "Delta"]),
        ({"currency": {"in": ["EUR", "GBP"]}}, ["Alpha", "Charlie", "Delta"]),
        ({"currency": {"eq": "USD"}}, ["Bravo"]),
        ({"currency": {"notIn": ["EUR"]}}, ["Bravo", "Delta"]),
        ({"balance": {"gte": "9.5"}}, ["Alpha", "Bravo", "Delta"]),
        ({"balance": {"lt": "10"}}, ["Charlie", "Delta"]),
        ({"balance": {"gte": "9", "lt": "100"}}, ["Alpha", "Delta"]),
        ({"balance": {"gt": "9.5", "lte": "100"}}, ["Alpha", "Bravo"]),
        ({"balance": {"eq": "10.00"}}, ["Alpha"]),
        ({"balance": {"ne": "10"}}, ["Bravo", "Charlie", "Delta"]),
        ({"balance": {"lt": "0"}}, ["Charlie"]),
        (
            {"createdAt": {"gte": "2024-02-01T00:00:00+00:00", "lt": "2024-04-01T00:00:00+00:00"}},
            ["Bravo", "Charlie"],
        ),
        ({"createdAt": {"gt": "2024-03-10T00:00:00+00:00"}}, ["Delta"]),
        ({"createdAt": {"gte": "2024-03-10T00:00:00+00:00"}}, ["Charlie", "Delta"]),
        ({"createdAt": {"lte": "2024-01-10T00:00:00+00:00"}}, ["Alpha"]),
        ({"tags": {"containsAny": ["VIP"]}}, ["Alpha", "Delta"]),
        ({"tags": {"containsAny": ["silver", "gold"]}}, ["Alpha", "Bravo", "Delta"]),
        ({"tags": {"containsAll": ["vip", "GOLD"]}}, ["Alpha"]),
        ({"tags": {"containsAll": ["gold"]}}, ["Alpha", "Bravo"]),
        ({"tags": {"containsAny": ["nothing"]}}, []),
        ({"channels": {"gte": 10}}, ["Bravo", "Delta"]),
        ({"channels": {"in": [0, 5]}}, ["Alpha", "Charlie"]),
        ({"name": {"contains": "HA"}}, ["Alpha", "Charlie"]),
        ({"name": {"eq": "Bravo"}}, ["Bravo"]),
        ({"externalAccountingId": {"isNull": True}}, ["Charlie"]),
        ({"externalAccountingId": {"contains": "acc"}}, ["Alpha", "Bravo"]),
        ({"externalAccountingId": {"ne": "ACC-001"}}, ["Bravo", "Charlie", "Delta"]),
        ({"externalAccountingId": {"notIn": ["ACC-001", "XYZ-9"]}}, ["Bravo", "Charlie"]),
        ({"status": {"ne": "INACTIVE"}, "balance": {"gt": "0"}}, ["Alpha", "Delta"]),
        ({"AND": [{"status": {"in": ["ACTIVE", "INACTIVE"]}}, {"currency": {"eq": "EUR"}}]}, ["Alpha"]),
        (
            {"OR": [{"status": {"eq": "PENALTY"}}, {"tags": {"containsAny": ["silver"]}}]},
            ["Charlie", "Delta"],
        ),
        ({"NOT": {"tags": {"containsAny": ["gold"]}}}, ["Charlie", "Delta"]),
        ({"NOT": {"OR": [{"currency": {"eq": "EUR"}}, {"channels": {"gt": 15}}]}}, ["Bravo"]),
        (
            {
                "OR": [
                    {"AND": [{"currency": {"eq": "EUR"}}, {"balance": {"lt": "0"}}]},
                    {"name": {"eq": "Bravo"}},
                ]
            },
            ["Bravo", "Charlie"],
        ),
    ],
)
async def test_filters(
    client: httpx.AsyncClient, world: World, where: dict[str, Any], expected: list[str]
) -> None:
    # Given the world's customers
    # When they are listed with a filter
    result = await listed(client, world, where=where)

    # Then exactly the matching live customers of the account are listed, in id order
    assert result == names(*expected)


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        (lambda w: {"resellerId": {"eq": global_id("Reseller", w.north.id)}}, ["Alpha", "Delta"]),
        (
            lambda w: {
                "resellerId": {"in": [global_id("Reseller", w.north.id), global_id("Reseller", w.south.id)]}
            },
            ["Alpha", "Bravo", "Delta"],
        ),
        (lambda w: {"resellerId": {"isNull": True}}, ["Charlie"]),
        (lambda w: {"resellerId": {"isNull": False}}, ["Alpha", "Bravo", "Delta"]),
        (lambda w: {"accountManagerId": {"eq": global_id("User", w.manager.id)}}, ["Alpha", "Delta"]),
        (lambda w: {"accountManagerId": {"isNull": True}}, ["Bravo"]),
        (
            lambda w: {"NOT": {"id": {"eq": global_id("Customer", w.customers["Alpha"].id)}}},
            ["Bravo", "Charlie", "Delta"],
        ),
        (
            lambda w: {
                "id": {"in": [global_id("Customer", w.customers[n].id) for n in ("Delta", "Alpha", "Echo")]}
            },
            ["Alpha", "Delta"],
        ),
        # an id of another type matches nothing
        (lambda w: {"resellerId": {"eq": global_id("User", w.north.id)}}, []),
    ],
)
async def test_filters_by_reference(
    client: httpx.AsyncClient, world: World, where: Callable[[World], dict[str, Any]], expected: list[str]
) -> None:
    # Given the world's customers
    # When they are filtered by a reseller, a manager or ids
    result = await listed(client, world, where=where(world))

    # Then exactly the matching ones are listed
    assert result == names(*expected)


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("alp", ["Alpha"]),
        ("ACC-00", ["Alpha", "Bravo"]),
        ("xyz", ["Delta"]),
        ("silver", ["Delta"]),
        ("VIP", ["Alpha", "Delta"]),
        ("gold acc-002", ["Bravo"]),
        ("ha  vip", ["Alpha"]),
        ("   ", ALL),
        ("", ALL),
        ("nomatch", []),
        ("%", []),
    ],
)
async def test_search_matches_name_external_id_or_tag_for_every_term(
    client: httpx.AsyncClient, world: World, search: str, expected: list[str]
) -> None:
    # Given the world's customers
    # When they are searched
    result = await listed(client, world, search=search)

    # Then the customers matching every term (in name, external id or a tag) are listed
    assert result == names(*expected)


async def test_search_and_filter_combine(client: httpx.AsyncClient, world: World) -> None:
    # When customers are searched and filtered at once
    result = await listed(client, world, search="vip", where={"status": {"eq": "PENDING_APPROVAL"}})

    # Then both must hold
    assert result == names("Delta")


async def test_total_count_counts_every_match_beyond_the_page(
    client: httpx.AsyncClient, world: World
) -> None:
    # When a filtered list is asked one item at a time
    result = await listed(client, world, where={"tags": {"containsAny": ["gold", "silver"]}}, first=1)

    # Then the page holds one customer and the total counts all three matches
    assert result == {"total": 3, "names": ["Alpha"]}


async def test_not_keeps_the_rows_whose_column_is_null(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    manager = admin.user
    await make_customer(account, name="Managed", account_manager_id=manager.id, external_accounting_id="A")
    await make_customer(account, name="Unmanaged")
    query = "query($where: CustomerWhere) { customers(where: $where, sortBy: [{field: NAME}]) { edges { node { name } } } }"

    not_managed = await gql(
        client,
        query,
        {"where": {"NOT": {"accountManagerId": {"eq": global_id("User", manager.id)}}}},
        admin.token,
    )
    not_a = await gql(client, query, {"where": {"NOT": {"externalAccountingId": {"eq": "A"}}}}, admin.token)

    assert not_managed["data"]["customers"]["edges"] == [{"node": {"name": "Unmanaged"}}]
    assert not_a["data"]["customers"]["edges"] == [{"node": {"name": "Unmanaged"}}]
