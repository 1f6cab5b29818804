"""A repeated document is checked once: the limits' walk and graphql-core's rules are cached by
the document's text (and, for the walk, the variables it reads and the app's bounds), while the
limits themselves are compared with the measure at every request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gql.limits import clear_validation_caches, validation_cache_info
from settings import Settings
from tests.client import gql, refusals
from tests.factories import Principal

PAGE = "{ customers(first: 50) { totalCount edges { node { id name tags reseller { id } } } } }"
PAGED = "query($n: Int!) { customers(first: $n) { edges { node { id name } } } }"
DEPTH_6 = "{ customers { edges { node { auditLog { edges { node { id } } } } } } }"


@pytest.fixture(autouse=True)
def empty_caches(admin: Principal) -> Iterator[None]:
    """Emptied once the administrator has logged in (its login is a document too)."""
    clear_validation_caches()
    yield
    clear_validation_caches()


def counts() -> dict[str, tuple[int, int]]:
    """(hits, misses) of each cache."""
    return {name: (info.hits, info.misses) for name, info in validation_cache_info().items()}


async def test_a_repeated_document_is_measured_and_validated_once(
    client: httpx.AsyncClient, admin: Principal
) -> None:
    # Given a document sent once
    first = await gql(client, PAGE, token=admin.token)
    assert counts() == {"walk": (0, 1), "rules": (0, 1)}

    # When it is sent twice more
    second = await gql(client, PAGE, token=admin.token)
    third = await gql(client, PAGE, token=admin.token)

    # Then neither the walk nor the rules ran again, and the answers are the same
    assert counts() == {"walk": (2, 1), "rules": (2, 1)}
    assert (
        first
        == second
        == third
        == {
            "data": {"customers": {"totalCount": 0, "edges": []}},
            "extensions": {"cost": 401},
        }
    )


async def test_a_cached_document_is_held_to_the_limits_of_each_request(
    client: httpx.AsyncClient, admin: Principal, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a document of depth 6 accepted under a limit of 6 (and so cached)
    monkeypatch.setattr(settings, "max_query_depth", 6)
    accepted = await gql(client, DEPTH_6, token=admin.token)
    assert (accepted["data"], refusals(accepted)) == ({"customers": {"edges": []}}, [])

    # When the limit is 5 for the next request, then 6 again
    monkeypatch.setattr(settings, "max_query_depth", 5)
    refused = await gql(client, DEPTH_6, token=admin.token)
    monkeypatch.setattr(settings, "max_query_depth", 6)
    again = await gql(client, DEPTH_6, token=admin.token)

    # Then the cached measure was refused under 5 and accepted under 6, walked once
    assert (refused["data"], refusals(refused)) == (
        None,
        [
            {
                "message": "'anonymous' exceeds maximum operation depth of 5",
                "extensions": {"code": "QUERY_TOO_DEEP"},
            }
        ],
    )
    assert again == accepted
    assert counts()["walk"] == (2, 1)


async def test_the_walk_is_keyed_by_the_variables_it_reads(
    client: httpx.AsyncClient, admin: Principal, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a cost limit between the costs of two page sizes of one document
    monkeypatch.setattr(settings, "max_query_cost", 100)

    # When it asks for 10, for 10 again, then for 60
    small = await gql(client, PAGED, {"n": 10}, token=admin.token)
    again = await gql(client, PAGED, {"n": 10}, token=admin.token)
    large = await gql(client, PAGED, {"n": 60}, token=admin.token)

    # Then 10 costs 1 + 10 x 4 (edges, node, id, name) and is accepted (once walked), 60 costs 1 + 60 x 4 and is refused
    assert small == again == {"data": {"customers": {"edges": []}}, "extensions": {"cost": 41}}
    assert refusals(large) == [
        {
            "message": "This query would cost 241, over the limit of 100; ask for smaller pages or fewer fields.",
            "extensions": {"code": "QUERY_TOO_COSTLY", "cost": 241},
        }
    ]
    assert counts()["walk"] == (1, 2)


async def test_the_walk_is_keyed_by_the_apps_bounds(
    client: httpx.AsyncClient, admin: Principal, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a document repeating one field 3 times, accepted (and cached) under the default bounds
    document = "{ viewer { kind kind kind } }"
    accepted = await gql(client, document, token=admin.token)
    assert accepted["data"] == {"viewer": {"kind": "USER"}}

    # When the app allows a field at most twice in one selection set
    monkeypatch.setattr(settings, "max_field_repeats", 2)
    refused: dict[str, Any] = await gql(client, document, token=admin.token)

    # Then the document is walked again under those bounds, and refused
    assert refused["data"] is None
    assert [error["extensions"]["code"] for error in refused["errors"]] == ["QUERY_TOO_COMPLEX"]
    assert counts()["walk"] == (0, 2)
