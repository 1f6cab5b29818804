"""Item 19 (part): introspection is depth-limited too. Below `__schema` and `__type` its own limit
applies (16 by default: GraphiQL's schema query, 14 deep, must pass); aliases change nothing."""

from __future__ import annotations

import httpx
import pytest
from graphql import get_introspection_query

from settings import Settings
from tests.client import gql, refusals


def _type_chain(of_types: int) -> str:
    """`__schema` at depth 1, `types` 2, `fields` 3, `type` 4, then `of_types` levels of `ofType`."""
    return (
        "{ __schema { types { fields { type { "
        + "ofType { " * of_types
        + "name"
        + " }" * of_types
        + " } } } } }"
    )


async def test_a_deep_introspection_query_is_refused(client: httpx.AsyncClient, settings: Settings) -> None:
    # given: depth 17 with the default introspection limit of 16
    assert (settings.max_introspection_depth, settings.introspection_enabled) == (16, True)

    # when
    body = await gql(client, _type_chain(13))

    # then
    assert body["data"] is None
    assert refusals(body) == [
        {
            "message": "'anonymous' exceeds maximum introspection depth of 16",
            "extensions": {"code": "QUERY_TOO_DEEP"},
        }
    ]


async def test_graphiqls_schema_query_is_answered(client: httpx.AsyncClient) -> None:
    query = get_introspection_query(
        descriptions=True,
        specified_by_url=True,
        directive_is_repeatable=True,
        schema_description=True,
        input_value_deprecation=True,
    )

    body = await gql(client, query)

    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"] == {"name": "Query", "kind": "OBJECT"}


@pytest.mark.parametrize("aliased", [False, True])
async def test_an_introspection_query_at_the_limit_is_answered(
    client: httpx.AsyncClient, aliased: bool
) -> None:
    query = _type_chain(12)
    if aliased:  # an alias changes nothing about the depth
        query = query.replace("{ __schema", "{ s: __schema")

    body = await gql(client, query)

    assert "errors" not in body
    assert len(body["data"]["s" if aliased else "__schema"]["types"]) > 10
