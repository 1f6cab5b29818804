"""Item 15: in production no schema suggestion and no exception text leaves the server; our own
scalar messages and coded refusals still do. Development keeps the suggestions."""

from __future__ import annotations

from typing import Any, NoReturn

import httpx
import pytest

from services.customers import queries
from settings import Environment, Settings
from tests.client import gql, make_principal, refusals
from tests.factories import make_account

TYPOS: list[tuple[str, dict[str, Any], str, str]] = [
    # query, variables, production message, development message
    (
        "{ customr { id } }",
        {},
        "Cannot query field 'customr' on type 'Query'.",
        "Cannot query field 'customr' on type 'Query'. Did you mean 'customer' or 'customers'?",
    ),
    (
        "{ customers(whre: {}) { totalCount } }",
        {},
        "Unknown argument 'whre' on field 'Query.customers'.",
        "Unknown argument 'whre' on field 'Query.customers'. Did you mean 'where'?",
    ),
    (
        "{ customers(where: {status: {eq: ACTIV}}) { totalCount } }",
        {},
        "Value 'ACTIV' does not exist in 'CustomerStatus' enum.",
        "Value 'ACTIV' does not exist in 'CustomerStatus' enum. Did you mean the enum value 'ACTIVE' or 'INACTIVE'?",
    ),
    (
        "query($w: CustomerWhere) { customers(where: $w) { totalCount } }",
        {"w": {"status": {"eq": "ACTIV"}}},
        "Variable '$w' has invalid value at .status.eq: Value 'ACTIV' does not exist in 'CustomerStatus' enum.",
        "Variable '$w' has invalid value at .status.eq: Value 'ACTIV' does not exist in 'CustomerStatus' enum. "
        "Did you mean the enum value 'ACTIVE' or 'INACTIVE'?",
    ),
    (
        "query($w: CustomerWhere) { customers(where: $w) { totalCount } }",
        {"w": {"statu": {"eq": "ACTIVE"}}},
        "Variable '$w' has invalid value: Expected value of type 'CustomerWhere' not to include unknown field "
        "'statu', found: {'statu': {'eq': 'ACTIVE'}}.",
        "Variable '$w' has invalid value: Expected value of type 'CustomerWhere' not to include unknown field "
        "'statu'. Did you mean 'status' or 'tags'? Found: {'statu': {'eq': 'ACTIVE'}}.",
    ),
]


@pytest.mark.parametrize("environment", [Environment.PRODUCTION, Environment.DEVELOPMENT])
@pytest.mark.parametrize(("query", "variables", "production", "development"), TYPOS)
async def test_suggestions_are_left_out_in_production(
    client: httpx.AsyncClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    environment: Environment,
    query: str,
    variables: dict[str, Any],
    production: str,
    development: str,
) -> None:
    # given
    monkeypatch.setattr(settings, "environment", environment)

    # when
    body = await gql(client, query, variables)

    # then
    expected = production if environment is Environment.PRODUCTION else development
    assert [error["message"] for error in body["errors"]] == [expected]


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (Environment.PRODUCTION, "Unexpected error."),
        (Environment.DEVELOPMENT, "invalid literal at db.internal:5432"),
    ],
)
async def test_a_raw_value_error_is_masked_in_production(
    client: httpx.AsyncClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    environment: Environment,
    message: str,
) -> None:
    # given
    admin = await make_principal(client, await make_account())
    monkeypatch.setattr(settings, "environment", environment)

    def fail(*_args: object, **_kwargs: object) -> NoReturn:
        # Raises on the call, whether the code under test awaits it or not; the customers
        # list checks its request here on both executors (general and compiled).
        raise ValueError("invalid literal at db.internal:5432")

    monkeypatch.setattr(queries, "check_list", fail)

    # when
    body = await gql(client, "{ customers { totalCount } }", token=admin.token)

    # then
    assert (body["data"], refusals(body)) == (
        None,
        [{"message": message, "path": ["customers"], "extensions": {"code": "INTERNAL"}}],
    )


async def test_our_scalar_messages_stay_in_production(
    client: httpx.AsyncClient, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "environment", Environment.PRODUCTION)

    body = await gql(
        client,
        "query($w: CustomerWhere) { customers(where: $w) { totalCount } }",
        {"w": {"balance": {"gte": "nope"}}},
    )

    assert [error["message"] for error in body["errors"]] == [
        "Variable '$w' has invalid value at .balance.gte: Expected value of type 'Decimal', but encountered "
        "error ''nope' is not a decimal number.'; found: 'nope'."
    ]
