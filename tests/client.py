"""Talking to the API as a client does: GraphQL requests over the ASGI app, logins, global ids,
and the shapes of refusals."""

from __future__ import annotations

import base64
from typing import Any

import httpx

from models import Account, Customer, Reseller
from tests.factories import PASSWORD, Principal, make_user


async def make_principal(
    client: httpx.AsyncClient,
    account: Account,
    *,
    role_name: str = "Administrator",
    reseller: Reseller | None = None,
    email: str | None = None,
) -> Principal:
    """A user of the account (tests/factories.make_user), logged in through the API."""
    user = await make_user(account, role_name=role_name, reseller=reseller, email=email)
    body = await gql(
        client,
        "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
        "{ accessToken errors { code } } }",
        {"e": user.email, "p": PASSWORD},
    )
    return Principal(user=user, token=body["data"]["login"]["accessToken"])


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def contact_login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """The contactLogin payload (tokens, or errors) of the customer portal's login."""
    body = await gql(
        client,
        "mutation($e: String!, $p: String!) { contactLogin(input: {email: $e, password: $p}) "
        "{ accessToken refreshToken errors { field code message } } }",
        {"e": email, "p": password},
    )
    payload: dict[str, Any] = body["data"]["contactLogin"]
    return payload


def global_id(type_name: str, pk: int) -> str:

    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def post_gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """The raw HTTP response of one GraphQL request (for status codes and headers)."""
    all_headers = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=all_headers
    )


LOGIN = (
    "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
    "{ accessToken refreshToken errors { code message field } } }"
)


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """The `login` payload for these credentials."""
    body = await gql(client, LOGIN, {"e": email, "p": password})
    payload: dict[str, Any] = body["data"]["login"]
    return payload


USER_ERRORS = "errors { field message code }"


async def customer_mutation(
    client: httpx.AsyncClient, token: str, mutation: str, input: dict[str, Any], selection: str
) -> dict[str, Any]:
    """Run `mutation(input: $input) { selection }` and return its payload (no GraphQL errors)."""
    input_type = f"{mutation[0].upper()}{mutation[1:]}Input"
    body = await gql(
        client,
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {selection} }} }}",
        {"input": input},
        token,
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][mutation]
    return payload


def customer_id_of(global_customer_id: str) -> int:
    """The database id inside a Customer global id."""

    type_name, _, pk = base64.b64decode(global_customer_id).decode().partition(":")
    assert type_name == "Customer", global_customer_id
    return int(pk)


def refusals(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The body's GraphQL errors without their source locations (those follow the query's layout)."""
    return [{k: v for k, v in error.items() if k != "locations"} for error in body.get("errors", [])]


def refusal(message: str, code: str, *path: str, argument: list[str] | None = None) -> dict[str, Any]:
    """One coded GraphQL error as `refusals` shows it; `argument` is where a BAD_USER_INPUT
    value sits in the field's arguments."""
    extensions: dict[str, Any] = {"code": code}
    if argument is not None:
        extensions["argument"] = argument
    return {"message": message, "path": list(path), "extensions": extensions}


BULK_FIELDS = f"dryRun applied failed results {{ customerId ok changedFields {USER_ERRORS} }} {USER_ERRORS}"


async def bulk_update(client: httpx.AsyncClient, token: str, **input: Any) -> dict[str, Any]:
    return await customer_mutation(client, token, "customerBulkUpdate", input, BULK_FIELDS)


def customer_ids(*customers: Customer) -> list[str]:
    return [global_id("Customer", c.id) for c in customers]
