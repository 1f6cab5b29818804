"""Item 9: bodies the JSON parser cannot take answer 400 with a GraphQL error, never a 500."""

from __future__ import annotations

import httpx
import pytest

from models import AuditEntry, Customer

QUERY = b'{"query": "query($v: JSON) { viewer { kind } }", "variables": {"v": %b}}'


def _error(message: str) -> dict[str, object]:
    return {"errors": [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (b"9" * 4_300, "Unable to parse request body as JSON"),
        (b"9" * 50_000, "Unable to parse request body as JSON"),
        (b"[" * 1_500 + b"]" * 1_500, "Unable to parse request body as JSON"),
        (b"[" * 1_000 + b"]" * 1_000, "The request body nests deeper than 64 levels."),
        (b'{"a":' * 200 + b"1" + b"}" * 200, "The request body nests deeper than 64 levels."),
        (b"[1,", "Unable to parse request body as JSON"),
    ],
    ids=["int-4300-digits", "int-50000-digits", "nesting-1500", "nesting-1000", "objects-200", "truncated"],
)
async def test_a_body_the_parser_refuses_is_a_400_graphql_error(
    client: httpx.AsyncClient, value: bytes, message: str
) -> None:
    # when
    response = await client.post(
        "/graphql", content=QUERY % value, headers={"Content-Type": "application/json"}
    )

    # then
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/json"
    assert response.json() == _error(message)
    assert "Traceback" not in response.text
    assert await Customer.all().count() == 0
    assert await AuditEntry.all().count() == 0


async def test_nesting_at_the_limit_is_accepted(client: httpx.AsyncClient) -> None:
    # the body object and the variables object are two of the 64 levels
    value = b"[" * 61 + b"]" * 61

    response = await client.post(
        "/graphql", content=QUERY % value, headers={"Content-Type": "application/json"}
    )

    # then: decoded and passed on to GraphQL (which finds the variable unused)
    assert response.status_code == 200
    assert response.json()["errors"][0]["message"] == "Variable '$v' is never used."
