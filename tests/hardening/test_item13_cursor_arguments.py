"""Item 13: every cursor argument is validated, and `first`/`last` combine with `after` and
`before` as the Relay connection spec slices: apply both cursors, then take the first or last."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.client import gql, make_principal, refusal, refusals
from tests.factories import Principal, make_account, make_customer

PAGE = """
query($first: Int, $after: String, $last: Int, $before: String) {
  customers(sortBy: [{field: NAME}], first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage }
  }
}
"""
NAMES = ["A", "B", "C", "D", "E", "F"]
INVALID_CURSOR = "This cursor is not valid for this list and sort order."


@pytest.fixture
async def admin(client: httpx.AsyncClient) -> Principal:
    account = await make_account()
    principal = await make_principal(client, account)
    for name in NAMES:
        await make_customer(account, name=name)
    return principal


async def page(client: httpx.AsyncClient, admin: Principal, **variables: Any) -> dict[str, Any]:
    body = await gql(client, PAGE, variables, admin.token)
    assert "errors" not in body, body
    connection: dict[str, Any] = body["data"]["customers"]
    return connection


def names(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["name"] for edge in connection["edges"]]


def flags(connection: dict[str, Any]) -> tuple[bool, bool]:
    info = connection["pageInfo"]
    return info["hasPreviousPage"], info["hasNextPage"]


async def cursors(client: httpx.AsyncClient, admin: Principal) -> dict[str, str]:
    everything = await page(client, admin)
    return {edge["node"]["name"]: edge["cursor"] for edge in everything["edges"]}


@pytest.mark.parametrize(
    "variables",
    [
        {"before": "garbage"},
        {"first": 2, "before": "garbage"},
        {"last": 2, "after": "garbage"},
        {"first": 2, "after": "VALID", "before": "garbage"},
        {"last": 2, "after": "garbage", "before": "VALID"},
    ],
    ids=["before-alone", "first+before", "last+after", "valid-after+bad-before", "bad-after+valid-before"],
)
async def test_a_garbage_cursor_in_any_argument_is_invalid(
    client: httpx.AsyncClient, admin: Principal, variables: dict[str, Any]
) -> None:
    valid = (await cursors(client, admin))["C"]
    garbage = next(name for name, value in variables.items() if value == "garbage")
    variables = {name: valid if value == "VALID" else value for name, value in variables.items()}

    body = await gql(client, PAGE, variables, admin.token)

    assert refusals(body) == [refusal(INVALID_CURSOR, "BAD_USER_INPUT", "customers", argument=[garbage])]
    assert body["data"] is None


async def test_first_with_before_takes_the_first_rows_before_the_cursor(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    at = await cursors(client, admin)

    two = await page(client, admin, first=2, before=at["E"])
    alone = await page(client, admin, before=at["C"])

    assert (names(two), flags(two)) == (["A", "B"], (False, True))
    assert (names(alone), flags(alone)) == (["A", "B"], (False, True))


async def test_last_with_after_takes_the_last_rows_after_the_cursor(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    at = await cursors(client, admin)

    two = await page(client, admin, last=2, after=at["B"])
    more_than_left = await page(client, admin, last=5, after=at["B"])

    assert (names(two), flags(two)) == (["E", "F"], (True, False))
    assert (names(more_than_left), flags(more_than_left)) == (["C", "D", "E", "F"], (True, False))


async def test_after_and_before_together_bound_the_slice_from_both_sides(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    at = await cursors(client, admin)

    between = await page(client, admin, after=at["A"], before=at["F"])
    first_two = await page(client, admin, first=2, after=at["A"], before=at["F"])
    last_two = await page(client, admin, last=2, after=at["A"], before=at["F"])
    empty = await page(client, admin, after=at["D"], before=at["C"])

    assert (names(between), flags(between)) == (["B", "C", "D", "E"], (True, True))
    assert (names(first_two), flags(first_two)) == (["B", "C"], (True, True))
    assert (names(last_two), flags(last_two)) == (["D", "E"], (True, True))
    assert names(empty) == []
