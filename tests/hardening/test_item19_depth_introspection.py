"""Item 19 (part): introspection fields count toward the depth limit like any other field."""

from __future__ import annotations

import httpx
import pytest

from settings import Settings
from tests.factories import gql, refusals


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
    # given: depth 11 with the default limit of 10
    assert (settings.max_query_depth, settings.introspection_enabled) == (10, True)

    # when
    body = await gql(client, _type_chain(7))

    # then
    assert body["data"] is None
    assert refusals(body) == [
        {
            "message": "'anonymous' exceeds maximum operation depth of 10",
            "extensions": {"code": "QUERY_TOO_DEEP"},
        }
    ]


@pytest.mark.parametrize("aliased", [False, True])
async def test_an_introspection_query_at_the_limit_is_answered(
    client: httpx.AsyncClient, aliased: bool
) -> None:
    query = _type_chain(6)
    if aliased:  # an alias changes nothing about the depth
        query = query.replace("{ __schema", "{ s: __schema")

    body = await gql(client, query)

    assert "errors" not in body
    assert len(body["data"]["s" if aliased else "__schema"]["types"]) > 10
