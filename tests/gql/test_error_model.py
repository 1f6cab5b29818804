"""The top-level error model: every error in a response's `errors` carries one code of the
closed set gql/error_codes.py RequestErrorCode; a value that does not parse (Decimal, DateTime,
ID, enum, Int, cursor), written in the document or sent as a variable, is BAD_USER_INPUT with
its place in `extensions.argument`, never a bare message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import httpx
import pytest
from graphql import GraphQLError

from gql.error_codes import RequestErrorCode
from gql.errors import code_errors
from gql.schema import schema
from models import Account, Customer
from models.enums import Permission
from services.customers import queries
from settings import Settings
from tests.client import contact_login, global_id, gql, make_principal, post_gql
from tests.conftest import GqlClient
from tests.factories import PASSWORD, Principal, db_state, make_api_key, make_contact, make_customer

COUNT = "customers(where: $w) { totalCount }"
COSTLY = "{ customers(first: 100) { edges { node { auditLog(first: 100) { edges { node { id diff message } } } } } } }"


def bad_input(body: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(code, argument) of each top-level error."""
    return [(e["extensions"]["code"], e["extensions"].get("argument")) for e in body["errors"]]


@pytest.mark.parametrize(
    ("query", "variables", "argument"),
    [
        # Decimal
        ('{ customers(where: {balance: {gte: "abc"}}) { totalCount } }', {}, ["where", "balance", "gte"]),
        (
            f"query($w: CustomerWhere) {{ {COUNT} }}",
            {"w": {"balance": {"gte": "abc"}}},
            ["$w", "balance", "gte"],
        ),
        # DateTime, inside a list of filters
        (
            '{ customers(where: {OR: [{name: {eq: "a"}}, {createdAt: {gte: "yesterday"}}]}) { totalCount } }',
            {},
            ["where", "OR", "1", "createdAt", "gte"],
        ),
        (
            f"query($w: CustomerWhere) {{ {COUNT} }}",
            {"w": {"createdAt": {"lt": "soon"}}},
            ["$w", "createdAt", "lt"],
        ),
        # ID (a global id)
        ('{ customer(id: "not-an-id") { id } }', {}, ["id"]),
        ("{ customer(id: 42) { id } }", {}, ["id"]),
        ("query($id: ID!) { customer(id: $id) { id } }", {"id": "not-an-id"}, ["$id"]),
        ('{ nodes(ids: ["Q3VzdG9tZXI6MQ==", "!!"]) { id } }', {}, ["ids", "1"]),
        (
            "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
            {"ids": ["Q3VzdG9tZXI6MQ==", "!!"]},
            ["$ids", "1"],
        ),
        # enum
        ("{ customers(where: {status: {eq: SLEEPING}}) { totalCount } }", {}, ["where", "status", "eq"]),
        (
            f"query($w: CustomerWhere) {{ {COUNT} }}",
            {"w": {"status": {"eq": "SLEEPING"}}},
            ["$w", "status", "eq"],
        ),
        # Int
        ('{ customers(first: "ten") { totalCount } }', {}, ["first"]),
        ("query($n: Int) { customers(first: $n) { totalCount } }", {"n": 1.5}, ["$n"]),
        # a required variable left out
        ("query($n: Int!) { customers(first: $n) { totalCount } }", {}, ["$n"]),
        # a cursor (the service decodes it)
        ('{ customers(first: 1, after: "zzz") { totalCount } }', {}, ["after"]),
        # a page size the service refuses
        ("{ customers(first: 1000) { totalCount } }", {}, ["first"]),
    ],
    ids=[
        "decimal-literal",
        "decimal-variable",
        "datetime-literal",
        "datetime-variable",
        "id-literal",
        "id-int-literal",
        "id-variable",
        "ids-literal",
        "ids-variable",
        "enum-literal",
        "enum-variable",
        "int-literal",
        "int-variable",
        "missing-variable",
        "cursor",
        "page-size",
    ],
)
async def test_a_value_that_does_not_parse_is_bad_user_input_at_its_place(
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
    query: str,
    variables: dict[str, Any],
    argument: list[str],
) -> None:
    body = await gql_client(admin)(query, **variables)

    assert bad_input(body) == [("BAD_USER_INPUT", argument)]
    assert body["errors"][0]["message"]
    assert body["data"] is None or all(value is None for value in body["data"].values())


async def test_a_mutation_whose_input_does_not_parse_runs_not_at_all(
    admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    before = await db_state()

    body = await gql_client(admin)(
        "mutation($input: CustomerCreateInput!) { customerCreate(input: $input) { errors { code } } }",
        input={"name": "Acme", "currency": "EUR", "debitLimit": "lots", "resellerId": "nope"},
    )

    assert body["data"] is None
    assert sorted(bad_input(body)) == [("BAD_USER_INPUT", ["$input", "resellerId"])]
    assert await db_state() == before


async def test_every_bad_value_of_a_variable_is_reported_at_its_own_place(
    admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    body = await gql_client(admin)(
        f"query($w: CustomerWhere) {{ {COUNT} }}",
        w={"balance": {"gte": "x"}, "createdAt": {"gte": "y"}, "status": {"in": ["ACTIVE", "NOPE"]}},
    )

    assert sorted(bad_input(body)) == [
        ("BAD_USER_INPUT", ["$w", "balance", "gte"]),
        ("BAD_USER_INPUT", ["$w", "createdAt", "gte"]),
        ("BAD_USER_INPUT", ["$w", "status", "in", "1"]),
    ]


# --- the closed set ----------------------------------------------------------------------------


async def test_every_top_level_error_carries_a_code_of_the_closed_set(
    client: httpx.AsyncClient,
    admin: Principal,
    account: Account,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given: one request for every way the server refuses a request, or a field of it
    bare_key = await make_api_key(account, "Bare", [])
    logged_out = await make_principal(client, account, email="gone@example.com")
    await gql(client, "mutation { logout { ok } }", token=logged_out.token)
    portal_customer = await make_customer(account, name="Portal customer")
    await make_contact(portal_customer, name="Pat", email="pat@portal.example", password=PASSWORD)
    portal_token = (await contact_login(client, "pat@portal.example", PASSWORD))["accessToken"]
    deep = "{ customers { edges { node { reseller { id } } } } }"
    monkeypatch.setattr(settings, "max_query_depth", 3)
    deep_body = await gql(client, deep, token=admin.token)
    monkeypatch.undo()

    def failing(*_args: object, **_kwargs: object) -> NoReturn:
        # The customers list checks its request here on both executors.
        raise RuntimeError("boom")

    requests: dict[RequestErrorCode, Any] = {
        RequestErrorCode.GRAPHQL_PARSE_FAILED: gql(client, "{ customers {", token=admin.token),
        RequestErrorCode.QUERY_TOO_LARGE: gql(client, "{ " + "a " * 600 + "}"),
        RequestErrorCode.OPERATION_NAME_REQUIRED: gql(
            client, "query A { viewer { kind } } query B { viewer { kind } }"
        ),
        RequestErrorCode.QUERY_TOO_COMPLEX: gql(
            client, "{ " + "viewer { kind } " * 11 + "}", token=admin.token
        ),
        RequestErrorCode.TOO_MANY_ALIASES: gql(
            client, "{ " + " ".join(f"v{i}: viewer {{ kind }}" for i in range(31)) + " }", token=admin.token
        ),
        RequestErrorCode.QUERY_TOO_COSTLY: gql(client, COSTLY, token=admin.token),
        RequestErrorCode.GRAPHQL_VALIDATION_FAILED: gql(
            client, "{ customrs { totalCount } }", token=admin.token
        ),
        RequestErrorCode.BAD_USER_INPUT: gql(client, '{ customer(id: "?") { id } }', token=admin.token),
        RequestErrorCode.UNAUTHENTICATED: gql(client, "{ customers { totalCount } }"),
        RequestErrorCode.PERMISSION_DENIED: gql(client, "{ customers { totalCount } }", token=bare_key),
        RequestErrorCode.SESSION_REVOKED: gql(client, "{ customers { totalCount } }", token=logged_out.token),
        RequestErrorCode.FORBIDDEN: gql(
            client, "{ customers { edges { node { notes } } } }", token=portal_token
        ),
        RequestErrorCode.NOT_FOUND: gql(
            client, f'{{ customer(id: "{global_id("User", 1)}") {{ id }} }}', token=admin.token
        ),
    }
    bodies: dict[RequestErrorCode, dict[str, Any]] = {
        code: await request for code, request in requests.items()
    }
    bodies[RequestErrorCode.QUERY_TOO_DEEP] = deep_body
    monkeypatch.setattr(queries, "check_list", failing)
    bodies[RequestErrorCode.INTERNAL] = await gql(client, "{ customers { totalCount } }", token=admin.token)
    not_json = await client.post("/graphql", content=b"{", headers={"content-type": "application/json"})
    bodies[RequestErrorCode.BAD_REQUEST] = not_json.json()

    # then: each answers with its code, and no error anywhere has a code outside the set
    for expected, body in bodies.items():
        codes = [error["extensions"]["code"] for error in body["errors"]]
        assert codes and set(codes) == {expected.value}, (expected, body)
    assert set(bodies) == set(RequestErrorCode), "every code of the set is produced by some request"


def test_an_error_with_a_foreign_or_no_code_is_given_one_of_the_set() -> None:
    errors = [
        GraphQLError("Some library's refusal", extensions={"code": "SOMETHING_ELSE"}),
        GraphQLError("Unexpected", path=["customers"], original_error=RuntimeError("db.internal:5432")),
        GraphQLError("A request-level message from graphql-core"),
    ]

    coded = code_errors(errors, schema._schema, None, production=True)

    assert [(e.message, (e.extensions or {})["code"]) for e in coded] == [
        ("Some library's refusal", "GRAPHQL_VALIDATION_FAILED"),
        ("Unexpected error.", "INTERNAL"),
        ("A request-level message from graphql-core", "GRAPHQL_VALIDATION_FAILED"),
    ]


async def test_payload_errors_keep_their_input_paths_and_codes(
    admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    # A value of the right type that the domain refuses is a payload error, not a top-level one.
    body = await gql_client(admin)(
        "mutation($input: CustomerCreateInput!) { customerCreate(input: $input) "
        "{ customer { id } errors { field code message } } }",
        input={"name": "Acme", "currency": "XYZ"},
    )

    assert "errors" not in body
    assert body["data"]["customerCreate"] == {
        "customer": None,
        "errors": [
            {
                "field": ["input", "currency"],
                "code": "INVALID",
                "message": "'XYZ' is not an ISO 4217 currency code.",
            }
        ],
    }
    assert await Customer.all().count() == 0


async def test_a_bad_request_body_is_coded_too(client: httpx.AsyncClient) -> None:
    response = await post_gql(client, "")

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"] == {"code": "BAD_REQUEST"}


@pytest.mark.parametrize("permissions", [[Permission.CUSTOMERS_READ]])
async def test_bad_input_in_production_keeps_its_message_and_place(
    client: httpx.AsyncClient,
    account: Account,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    permissions: list[Permission],
) -> None:
    from settings import Environment

    key = await make_api_key(account, "Reader", permissions)
    monkeypatch.setattr(settings, "environment", Environment.PRODUCTION)

    body = await gql(
        client,
        f"query($w: CustomerWhere) {{ {COUNT} }}",
        {"w": {"createdAt": {"gte": "yesterday"}}},
        token=key,
    )

    assert bad_input(body) == [("BAD_USER_INPUT", ["$w", "createdAt", "gte"])]
    assert "yesterday" in body["errors"][0]["message"]
