"""Listing contacts: the global `contacts` list and each customer's `contacts` connection, with
filters, search, sorting, paging, `node`, and a constant number of SQL statements."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, Customer
from models.enums import ContactType
from tests.client import global_id, gql
from tests.conftest import SqlCounter
from tests.factories import Principal, make_contact, make_customer

LIST = """
query($where: ContactWhere, $search: String, $sortBy: [ContactSort!], $first: Int, $after: String) {
  contacts(where: $where, search: $search, sortBy: $sortBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name } }
  }
}
"""


@dataclass
class Directory:
    acme: Customer
    bravo: Customer


@pytest.fixture
async def directory(account: Account) -> Directory:
    acme, bravo = await make_customer(account, name="Acme"), await make_customer(account, name="bravo")
    await make_contact(
        acme,
        name="alice",
        email="alice@acme.example",
        contact_type=ContactType.BILLING,
        email_verified=True,
        password="amber-falcon-42-river",
    )
    await make_contact(
        acme, name="Bob", email="bob@acme.example", mobile="+447911123456", mobile_verified=True
    )
    await make_contact(bravo, name="Carol", email="carol@bravo.example", contact_type=ContactType.TECHNICAL)
    await make_contact(bravo, name="dave", email="dave@ops.example", phone="+442071838750")
    return Directory(acme, bravo)


async def names(client: httpx.AsyncClient, admin: Principal, **variables: Any) -> list[str]:
    body = await gql(client, LIST, variables, admin.token)
    assert "errors" not in body, body
    return [edge["node"]["name"] for edge in body["data"]["contacts"]["edges"]]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, ["alice", "Bob", "Carol", "dave"]),  # by name, ignoring case
        ({"sortBy": [{"field": "NAME", "direction": "DESC"}]}, ["dave", "Carol", "Bob", "alice"]),
        ({"sortBy": [{"field": "EMAIL"}]}, ["alice", "Bob", "Carol", "dave"]),
        ({"sortBy": [{"field": "CUSTOMER_NAME", "direction": "DESC"}]}, ["dave", "Carol", "Bob", "alice"]),
        ({"sortBy": [{"field": "CREATED_AT", "direction": "DESC"}]}, ["dave", "Carol", "Bob", "alice"]),
        ({"search": "acme"}, ["alice", "Bob"]),
        ({"search": "ops"}, ["dave"]),
        ({"search": "7911"}, ["Bob"]),
        ({"search": "2071838750"}, ["dave"]),
        ({"search": "o example"}, ["Bob", "Carol", "dave"]),  # every term must match
        ({"where": {"contactType": {"eq": "BILLING"}}}, ["alice"]),
        ({"where": {"contactType": {"in": ["BILLING", "TECHNICAL"]}}}, ["alice", "Carol"]),
        ({"where": {"emailVerified": {"eq": True}}}, ["alice"]),
        ({"where": {"mobileVerified": {"eq": True}}}, ["Bob"]),
        ({"where": {"hasLogin": {"eq": True}}}, ["alice"]),
        ({"where": {"hasLogin": {"eq": False}}}, ["Bob", "Carol", "dave"]),
        ({"where": {"email": {"eq": "CAROL@bravo.example"}}}, ["Carol"]),
        ({"where": {"email": {"contains": "ACME"}}}, ["alice", "Bob"]),
        ({"where": {"NOT": {"contactType": {"eq": "GENERAL"}}}}, ["alice", "Carol"]),
        ({"where": {"OR": [{"name": {"eq": "dave"}}, {"hasLogin": {"eq": True}}]}}, ["alice", "dave"]),
    ],
)
async def test_the_global_list_filters_searches_and_sorts(
    client: httpx.AsyncClient,
    admin: Principal,
    directory: Directory,
    variables: dict[str, Any],
    expected: list[str],
) -> None:
    assert await names(client, admin, **variables) == expected


async def test_the_global_list_filters_by_customer(
    client: httpx.AsyncClient, admin: Principal, directory: Directory
) -> None:
    bravo = global_id("Customer", directory.bravo.id)

    assert await names(client, admin, where={"customerId": {"eq": bravo}}) == ["Carol", "dave"]
    assert await names(client, admin, where={"customerId": {"in": [global_id("Reseller", 1)]}}) == []


async def test_the_global_list_pages_with_cursors(
    client: httpx.AsyncClient, admin: Principal, directory: Directory
) -> None:
    sort = [{"field": "CUSTOMER_NAME"}, {"field": "EMAIL", "direction": "DESC"}]

    first = await gql(client, LIST, {"first": 3, "sortBy": sort}, admin.token)
    page = first["data"]["contacts"]
    rest = await gql(
        client, LIST, {"first": 3, "sortBy": sort, "after": page["pageInfo"]["endCursor"]}, admin.token
    )

    assert [e["node"]["name"] for e in page["edges"]] == ["Bob", "alice", "dave"]
    assert (page["totalCount"], page["pageInfo"]["hasNextPage"]) == (4, True)
    assert [e["node"]["name"] for e in rest["data"]["contacts"]["edges"]] == ["Carol"]
    assert rest["data"]["contacts"]["pageInfo"]["hasNextPage"] is False


CARD = """
query($id: ID!, $first: Int, $after: String, $where: ContactWhere, $search: String, $sortBy: [ContactSort!]) {
  customer(id: $id) {
    contacts(first: $first, after: $after, where: $where, search: $search, sortBy: $sortBy) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor }
      edges { node { name customer { name } } }
    }
  }
}
"""


async def test_a_customers_contacts_page_filter_and_sort(
    client: httpx.AsyncClient, admin: Principal, directory: Directory
) -> None:
    # given
    acme = global_id("Customer", directory.acme.id)

    async def card(**variables: Any) -> dict[str, Any]:
        body = await gql(client, CARD, {"id": acme, **variables}, admin.token)
        assert "errors" not in body, body
        contacts: dict[str, Any] = body["data"]["customer"]["contacts"]
        return contacts

    # when
    first = await card(first=1)
    second = await card(first=1, after=first["pageInfo"]["endCursor"])
    billing = await card(where={"contactType": {"eq": "BILLING"}})
    searched = await card(search="7911", sortBy=[{"field": "EMAIL", "direction": "DESC"}])

    # then
    assert first == {
        "totalCount": 2,
        "pageInfo": {
            "hasNextPage": True,
            "hasPreviousPage": False,
            "endCursor": first["pageInfo"]["endCursor"],
        },
        "edges": [{"node": {"name": "alice", "customer": {"name": "Acme"}}}],
    }
    assert [e["node"]["name"] for e in second["edges"]] == ["Bob"]
    assert (second["pageInfo"]["hasNextPage"], second["pageInfo"]["hasPreviousPage"]) == (False, True)
    assert ([e["node"]["name"] for e in billing["edges"]], billing["totalCount"]) == (["alice"], 1)
    assert [e["node"]["name"] for e in searched["edges"]] == ["Bob"]


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"first": 101}, ["first"]),
        ({"first": -1}, ["first"]),
        ({"after": "not-a-cursor"}, ["after"]),
        ({"sortBy": [{"field": "CUSTOMER_NAME"}]}, ["sortBy"]),
        ({"search": "x" * 201}, ["search"]),
        ({"search": "a\x00"}, ["search"]),
    ],
)
async def test_bad_arguments_of_a_customers_contacts_are_coded_errors(
    client: httpx.AsyncClient,
    admin: Principal,
    directory: Directory,
    variables: dict[str, Any],
    argument: list[str],
) -> None:
    body = await gql(client, CARD, {"id": global_id("Customer", directory.acme.id), **variables}, admin.token)

    assert body["data"] == {"customer": None}  # contacts is a non-null connection
    assert [(e["path"], e["extensions"]["code"], e["extensions"]["argument"]) for e in body["errors"]] == [
        (["customer", "contacts"], "BAD_USER_INPUT", argument)
    ]


async def test_node_gives_a_contact_as_its_list_does(
    client: httpx.AsyncClient, admin: Principal, directory: Directory
) -> None:
    listed = await gql(
        client,
        "{ contacts(first: 1) { edges { node { id name email customer { name } } } } }",
        {},
        admin.token,
    )
    [edge] = listed["data"]["contacts"]["edges"]

    node = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on Contact { id name email customer { name } } } }",
        {"id": edge["node"]["id"]},
        admin.token,
    )

    assert (
        node["data"]["node"]
        == edge["node"]
        == {
            "id": edge["node"]["id"],
            "name": "alice",
            "email": "alice@acme.example",
            "customer": {"name": "Acme"},
        }
    )


# --- statements ------------------------------------------------------------------------------

CUSTOMERS_WITH_CONTACTS = """
query($first: Int!) {
  customers(first: $first, sortBy: [{field: NAME}]) {
    totalCount
    edges { node { name contacts(first: 3) {
      totalCount pageInfo { hasNextPage } edges { node { name email customer { name } } }
    } } }
  }
}
"""
CONTACTS_WITH_CUSTOMERS = """
query($first: Int!) { contacts(first: $first) { totalCount edges { node { name customer { name } } } } }
"""


async def _statements(
    client: httpx.AsyncClient, sql_counter: SqlCounter, admin: Principal, query: str, first: int
) -> tuple[int, dict[str, Any]]:
    sql_counter.reset()
    body = await gql(client, query, {"first": first}, admin.token)
    assert "errors" not in body, body
    return sql_counter.count, body["data"]


async def test_customers_with_their_contacts_cost_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    # given: 30 customers with 0 to 5 contacts each
    for index in range(30):
        customer = await make_customer(account, name=f"Customer {index:02}")
        for number in range(index % 6):
            await make_contact(customer, name=f"Contact {index:02}-{number}")

    # when
    small, small_data = await _statements(client, sql_counter, admin, CUSTOMERS_WITH_CONTACTS, 2)
    large, large_data = await _statements(client, sql_counter, admin, CUSTOMERS_WITH_CONTACTS, 30)

    # then: the session, the customers and their count, the contacts, their counts, their customers
    # (customers sort by name: "Customer 00" .. "Customer 29")
    assert small == large == 6, sql_counter.statements
    nodes = [edge["node"] for edge in large_data["customers"]["edges"]]
    assert [node["contacts"]["totalCount"] for node in nodes] == [i % 6 for i in range(30)]
    assert [len(node["contacts"]["edges"]) for node in nodes] == [min(i % 6, 3) for i in range(30)]
    assert [node["contacts"]["pageInfo"]["hasNextPage"] for node in nodes] == [i % 6 > 3 for i in range(30)]
    assert nodes[5]["contacts"]["edges"][0]["node"] == {
        "name": "Contact 05-0",
        "email": nodes[5]["contacts"]["edges"][0]["node"]["email"],
        "customer": {"name": "Customer 05"},
    }
    assert small_data["customers"]["edges"] == large_data["customers"]["edges"][:2]


async def test_the_global_list_costs_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    for index in range(6):
        customer = await make_customer(account, name=f"Customer {index}")
        for number in range(5):
            await make_contact(customer, name=f"Contact {index}-{number}")

    small, _ = await _statements(client, sql_counter, admin, CONTACTS_WITH_CUSTOMERS, 3)
    large, data = await _statements(client, sql_counter, admin, CONTACTS_WITH_CUSTOMERS, 30)

    assert small == large == 4, sql_counter.statements  # session, page, count, customers
    assert len(data["contacts"]["edges"]) == 30
