"""The customers list over HTTP: sorting (stable by id) and keyset pagination both ways."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import orjson
import pytest

from models import Customer
from tests.client import gql, make_principal
from tests.factories import Principal, make_account, make_customer

PAGE = """
query($sortBy: [CustomerSort!], $first: Int, $after: String, $last: Int, $before: String) {
  customers(sortBy: $sortBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name } }
  }
}
"""

# name, status, channels, balance, created (day of May 2024); in id order
ROWS = [
    ("delta", "ACTIVE", 5, "10", 3),
    ("Alpha", "INACTIVE", 0, "9", 1),
    ("charlie", "ACTIVE", 5, "100", 2),
    ("Bravo", "PENALTY", 20, "-5", 1),
    ("echo", "ACTIVE", 0, "9.5", 3),
    ("Foxtrot", "PENDING_APPROVAL", 5, "0.75", 2),
    ("golf", "INACTIVE", 100, "10", 1),
]
BY_ID = [row[0] for row in ROWS]
# Ascending orders; ties broken by id. Descending is the exact reverse (the id follows the last key).
ASCENDING = {
    "NAME": ["Alpha", "Bravo", "charlie", "delta", "echo", "Foxtrot", "golf"],
    "STATUS": ["delta", "charlie", "echo", "Alpha", "golf", "Bravo", "Foxtrot"],
    "CHANNELS": ["Alpha", "echo", "delta", "charlie", "Foxtrot", "Bravo", "golf"],
    # numeric, not text: -5 < 0.75 < 9 < 9.5 < 10 < 100
    "BALANCE": ["Bravo", "Foxtrot", "Alpha", "echo", "delta", "golf", "charlie"],
    "CREATED_AT": ["Alpha", "Bravo", "golf", "charlie", "Foxtrot", "delta", "echo"],
}
SORTS: list[tuple[list[dict[str, str]], list[str]]] = [
    ([], BY_ID),
    *[([{"field": f, "direction": "ASC"}], order) for f, order in ASCENDING.items()],
    *[([{"field": f, "direction": "DESC"}], order[::-1]) for f, order in ASCENDING.items()],
    (
        [{"field": "STATUS"}, {"field": "NAME", "direction": "DESC"}],
        ["echo", "delta", "charlie", "golf", "Alpha", "Bravo", "Foxtrot"],
    ),
    (
        [{"field": "CHANNELS", "direction": "DESC"}, {"field": "BALANCE"}],
        ["golf", "Bravo", "Foxtrot", "delta", "charlie", "Alpha", "echo"],
    ),
]
SORT_IDS = (
    ["default"] + [f"{f}-ASC" for f in ASCENDING] + [f"{f}-DESC" for f in ASCENDING] + ["multi-1", "multi-2"]
)


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> Principal:
    """An administrator of an account holding the ROWS customers."""
    account = await make_account()
    principal = await make_principal(client, account)
    for name, status, channels, balance, day in ROWS:
        customer = await make_customer(account, name=name, status=status, channels=channels)
        await Customer.filter(id=customer.id).update(
            balance=Decimal(balance), created_at=datetime(2024, 5, day, 12, 30, 15, 123456, tzinfo=UTC)
        )
    await make_customer(await make_account(), name="aaa foreign")
    return principal


async def page(client: httpx.AsyncClient, admin: Principal, **variables: Any) -> dict[str, Any]:
    body = await gql(client, PAGE, variables, admin.token)
    assert "errors" not in body, body
    connection: dict[str, Any] = body["data"]["customers"]
    return connection


def names_of(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in connection["edges"]]


@pytest.mark.parametrize(("sort_by", "expected"), SORTS, ids=SORT_IDS)
async def test_one_page_holds_every_customer_in_order(
    client: httpx.AsyncClient, admin: Principal, sort_by: list[dict[str, str]], expected: list[str]
) -> None:
    # When the customers are listed in one page
    connection = await page(client, admin, sortBy=sort_by, first=100)

    # Then they come in the sort order with ties broken by id
    assert names_of(connection) == expected
    assert connection["totalCount"] == 7
    assert connection["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": False,
        "startCursor": connection["edges"][0]["cursor"],
        "endCursor": connection["edges"][-1]["cursor"],
    }


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("sort_by", "expected"), SORTS, ids=SORT_IDS)
async def test_walking_forward_with_first_and_after_visits_each_customer_once(
    client: httpx.AsyncClient, admin: Principal, sort_by: list[dict[str, str]], expected: list[str], size: int
) -> None:
    # Given the first page
    connection = await page(client, admin, sortBy=sort_by, first=size)
    pages = [names_of(connection)]
    assert connection["pageInfo"]["hasPreviousPage"] is False

    # When each next page is asked after the previous page's end cursor
    while connection["pageInfo"]["hasNextPage"]:
        connection = await page(
            client, admin, sortBy=sort_by, first=size, after=connection["pageInfo"]["endCursor"]
        )
        assert connection["pageInfo"]["hasPreviousPage"] is True
        assert connection["totalCount"] == 7
        pages.append(names_of(connection))

    # Then the pages are full (but the last) and hold every customer once, in order
    assert [len(p) for p in pages] == [len(expected[i : i + size]) for i in range(0, len(expected), size)]
    assert [name for p in pages for name in p] == expected


@pytest.mark.parametrize("size", [1, 3])
@pytest.mark.parametrize(("sort_by", "expected"), SORTS, ids=SORT_IDS)
async def test_walking_backward_with_last_and_before_visits_each_customer_once(
    client: httpx.AsyncClient, admin: Principal, sort_by: list[dict[str, str]], expected: list[str], size: int
) -> None:
    # Given the last page
    connection = await page(client, admin, sortBy=sort_by, last=size)
    pages = [names_of(connection)]
    assert connection["pageInfo"]["hasNextPage"] is False

    # When each previous page is asked before the later page's start cursor
    while connection["pageInfo"]["hasPreviousPage"]:
        connection = await page(
            client, admin, sortBy=sort_by, last=size, before=connection["pageInfo"]["startCursor"]
        )
        assert connection["pageInfo"]["hasNextPage"] is True
        pages.insert(0, names_of(connection))

    # Then the pages hold every customer once, in order, the first page possibly short
    assert all(len(p) == size for p in pages[1:])
    assert [name for p in pages for name in p] == expected


async def test_a_cursor_resumes_after_its_own_row_in_both_directions(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    # Given the cursor of the third customer by balance (Alpha)
    sort_by = [{"field": "BALANCE"}]
    everything = await page(client, admin, sortBy=sort_by, first=100)
    cursor = everything["edges"][2]["cursor"]

    # When two customers are asked after it and two before it
    after = await page(client, admin, sortBy=sort_by, first=2, after=cursor)
    before = await page(client, admin, sortBy=sort_by, last=2, before=cursor)

    # Then they are its neighbours in the sort order
    assert names_of(after) == ["echo", "delta"]
    assert names_of(before) == ["Bravo", "Foxtrot"]
    assert (after["pageInfo"]["hasNextPage"], after["pageInfo"]["hasPreviousPage"]) == (True, True)
    assert (before["pageInfo"]["hasNextPage"], before["pageInfo"]["hasPreviousPage"]) == (True, False)


async def test_balance_sorting_is_numeric_on_every_engine(client: httpx.AsyncClient) -> None:
    # Given balances whose text order differs from their numeric order
    account = await make_account()
    admin = await make_principal(client, account)
    for balance in ["100", "9", "1000.5", "10", "-20", "-3", "2.25"]:
        customer = await make_customer(account, name=f"B {balance}")
        await Customer.filter(id=customer.id).update(balance=Decimal(balance))

    # When the customers are sorted by balance, both ways
    ascending = await page(client, admin, sortBy=[{"field": "BALANCE"}], first=100)
    descending = await page(client, admin, sortBy=[{"field": "BALANCE", "direction": "DESC"}], first=100)

    # Then the order is numeric
    expected = ["-20", "-3", "2.25", "9", "10", "100", "1000.5"]
    assert names_of(ascending) == [f"B {b}" for b in expected]
    assert names_of(descending) == [f"B {b}" for b in reversed(expected)]


async def test_first_zero_returns_no_edges_but_the_total(client: httpx.AsyncClient, admin: Principal) -> None:
    # When no customer is asked for
    connection = await page(client, admin, first=0)

    # Then the page is empty and the total counts them all
    assert connection == {
        "totalCount": 7,
        "pageInfo": {"hasNextPage": True, "hasPreviousPage": False, "startCursor": None, "endCursor": None},
        "edges": [],
    }


def cursor_of(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode().rstrip("=")


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 101}, "Page size must be between 0 and 100."),
        ({"last": 101}, "Page size must be between 0 and 100."),
        ({"first": -1}, "Page size must be between 0 and 100."),
        ({"first": 1, "last": 1}, "Give either first or last, not both."),
        ({"first": 2, "after": "not a cursor!"}, "This cursor is not valid for this list and sort order."),
        ({"last": 2, "before": "bm90IGpzb24"}, "This cursor is not valid for this list and sort order."),
        ({"first": 2, "after": cursor_of([1, 2])}, "This cursor is not valid for this list and sort order."),
        (
            {"first": 2, "after": cursor_of(["alpha", 2]), "sortBy": [{"field": "CHANNELS"}]},
            "This cursor is not valid for this list and sort order.",
        ),
        (
            {"first": 2, "after": cursor_of(["yesterday", 2]), "sortBy": [{"field": "CREATED_AT"}]},
            "This cursor is not valid for this list and sort order.",
        ),
        (
            {"first": 2, "after": cursor_of(["a lot", 2]), "sortBy": [{"field": "BALANCE"}]},
            "This cursor is not valid for this list and sort order.",
        ),
        (
            {"first": 2, "after": cursor_of([["alpha"], 2]), "sortBy": [{"field": "NAME"}]},
            "This cursor is not valid for this list and sort order.",
        ),
        (
            {"last": 2, "before": cursor_of([None, 2]), "sortBy": [{"field": "NAME"}]},
            "This cursor is not valid for this list and sort order.",
        ),
        (
            {"first": 2, "after": cursor_of(["SLEEPING", 2]), "sortBy": [{"field": "STATUS"}]},
            "This cursor is not valid for this list and sort order.",
        ),
        (
            {"first": 2, "after": cursor_of([{"status": 1}, 2]), "sortBy": [{"field": "STATUS"}]},
            "This cursor is not valid for this list and sort order.",
        ),
    ],
    ids=[
        "first>100",
        "last>100",
        "first<0",
        "first+last",
        "garbage",
        "not-json",
        "length",
        "type",
        "date",
        "number",
        "name-list",
        "name-null",
        "status-unknown",
        "status-object",
    ],
)
async def test_bad_page_arguments_are_refused_as_bad_user_input(
    client: httpx.AsyncClient, admin: Principal, variables: dict[str, Any], message: str
) -> None:
    # When the page is asked with a bad size or cursor
    body = await gql(client, PAGE, variables, admin.token)

    # Then the query fails with a BAD_USER_INPUT error at the argument, and no data
    argument = next(name for name in ("after", "before", "first", "last") if name in variables)
    assert body["data"] is None
    assert [(e["message"], e["path"], e["extensions"]) for e in body["errors"]] == [
        (message, ["customers"], {"code": "BAD_USER_INPUT", "argument": [argument]})
    ]
