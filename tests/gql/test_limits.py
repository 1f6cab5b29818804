"""The limits that protect the server: depth, aliases, tokens, body size; masking; introspection.

The limits come from the app's settings, read at each request (the runtime the app installs, see services/runtime.py); the
depth test lowers that limit, since no valid query of this schema reaches the default depth of 10.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, NoReturn

import httpx
import pytest

from models import AuditEntry, Customer
from services import runtime
from services.customers import commands, queries
from settings import Settings
from tests.client import gql, post_gql, refusals
from tests.factories import Principal, db_state

DEPTH_6 = "{ customers { edges { node { auditLog { edges { node { id } } } } } } }"
DEPTH_6_ALIASED = (
    "{ a: customers { b: edges { c: node { d: auditLog { e: edges { f: node { g: id } } } } } } }"
)
DEPTH_6_FRAGMENTS = (
    "{ customers { edges { node { ...Card } } } } "
    "fragment Card on Customer { auditLog { ...Log } } fragment Log on AuditEntryConnection { edges { node { id } } }"
)
CREATE = 'mutation($notes: String!) { customerCreate(input: {name: "Acme", currency: "EUR", notes: $notes}) { errors { code } } }'


async def test_the_schema_enforces_the_limits_of_the_apps_settings(settings: Settings) -> None:
    assert runtime.current().settings is settings


@pytest.mark.parametrize(
    ("query", "data"),
    [
        (DEPTH_6, {"customers": {"edges": []}}),
        (DEPTH_6_ALIASED, {"a": {"b": []}}),
        (DEPTH_6_FRAGMENTS, {"customers": {"edges": []}}),
    ],
    ids=["plain", "aliases", "fragments"],
)
@pytest.mark.parametrize(("limit", "refused"), [(6, False), (5, True)])
async def test_a_query_deeper_than_the_limit_is_refused(
    client: httpx.AsyncClient,
    admin: Principal,
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    query: str,
    data: dict[str, Any],
    limit: int,
    refused: bool,
) -> None:
    # given
    monkeypatch.setattr(settings, "max_query_depth", limit)

    # when
    body = await gql(client, query, token=admin.token)

    # then
    if refused:
        assert body["data"] is None
        assert refusals(body) == [
            {
                "message": "'anonymous' exceeds maximum operation depth of 5",
                "extensions": {"code": "QUERY_TOO_DEEP"},
            }
        ]
    else:
        assert (body["data"], refusals(body)) == (data, [])


@pytest.mark.parametrize(("extra", "refused"), [(0, False), (1, True)])
async def test_too_many_aliases_are_refused(
    client: httpx.AsyncClient, admin: Principal, settings: Settings, extra: int, refused: bool
) -> None:
    # given
    count = settings.max_aliases + extra
    query = "{ " + " ".join(f"v{i}: viewer {{ kind }}" for i in range(count)) + " }"

    # when
    body = await gql(client, query, token=admin.token)

    # then
    if refused:
        assert (body["data"], refusals(body)) == (
            None,
            [
                {
                    "message": f"{count} aliases found. Allowed: {count - 1}",
                    "extensions": {"code": "TOO_MANY_ALIASES"},
                }
            ],
        )
    else:
        assert body["data"] == {f"v{i}": {"kind": "USER"} for i in range(count)}


async def test_a_query_with_too_many_tokens_is_refused(
    client: httpx.AsyncClient, admin: Principal, settings: Settings
) -> None:
    body = await gql(client, "{ " + "__typename " * settings.max_tokens + "}", token=admin.token)

    assert body["data"] is None
    assert [error["message"] for error in body["errors"]] == [
        f"Syntax Error: Document contains more than {settings.max_tokens} tokens. Parsing aborted."
    ]


async def test_an_anonymous_caller_has_the_smaller_token_limit(
    client: httpx.AsyncClient, admin: Principal, settings: Settings
) -> None:
    # given: a document between the anonymous and the signed-in limits
    assert settings.max_anonymous_tokens < settings.max_tokens
    document = "{ " + "__typename " * settings.max_anonymous_tokens + "}"

    # when
    anonymous = await gql(client, document)
    signed_in = await gql(client, document, token=admin.token)

    # then
    assert anonymous["data"] is None
    assert [error["message"] for error in anonymous["errors"]] == [
        f"Syntax Error: Document contains more than {settings.max_anonymous_tokens} tokens. Parsing aborted."
    ]
    assert signed_in["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"  # parsed, then measured


def _create_body(size: int) -> bytes:
    """A customerCreate request of exactly `size` bytes (the notes pad it)."""
    empty = b'{"query": %b, "variables": {"notes": ""}}' % httpx.Request("POST", "/", json=CREATE).content
    return empty.replace(b'"notes": ""', b'"notes": "' + b"x" * (size - len(empty)) + b'"')


async def _chunks(body: bytes) -> AsyncIterator[bytes]:
    for start in range(0, len(body), 16_384):
        yield body[start : start + 16_384]


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "chunked"])
async def test_a_body_over_the_limit_is_refused_with_413(
    client: httpx.AsyncClient, admin: Principal, settings: Settings, streamed: bool
) -> None:
    # given
    body = _create_body(settings.max_body_bytes + 1)
    before = await db_state()

    # when
    response = await client.post(
        "/graphql",
        content=_chunks(body) if streamed else body,
        headers={"Authorization": f"Bearer {admin.token}", "Content-Type": "application/json"},
    )

    # then
    assert (response.status_code, response.text) == (413, "Request body too large.")
    assert await db_state() == before


async def test_a_body_at_the_limit_is_accepted(
    client: httpx.AsyncClient, admin: Principal, settings: Settings
) -> None:
    # given
    body = _create_body(settings.max_body_bytes)

    # when
    response = await client.post(
        "/graphql",
        content=body,
        headers={"Authorization": f"Bearer {admin.token}", "Content-Type": "application/json"},
    )

    # then: parsed and answered (the notes are over their own limit)
    assert response.status_code == 200
    assert response.json()["data"] == {"customerCreate": {"errors": [{"code": "INVALID"}]}}


@pytest.mark.parametrize(
    ("module", "name", "query", "path"),
    [
        (queries, "check_list", "{ customers { totalCount } }", "customers"),
        (commands, "_replace_tags", CREATE, "customerCreate"),
    ],
    ids=["query", "mutation-after-insert"],
)
async def test_an_unexpected_exception_is_masked(
    client: httpx.AsyncClient,
    admin: Principal,
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    name: str,
    query: str,
    path: str,
) -> None:
    # given
    def fail(*_args: object, **_kwargs: object) -> NoReturn:
        # Raises on the call, whether the code under test awaits it or not; the customers
        # list checks its request here on both executors (general and compiled).
        raise RuntimeError("password=hunter2 at db.internal:5432")

    monkeypatch.setattr(module, name, fail)
    audit_before = await AuditEntry.all().count()

    # when
    response = await post_gql(client, query, {"notes": ""}, token=admin.token)

    # then
    body = response.json()
    assert response.status_code == 200
    assert (body["data"], refusals(body)) == (
        None,
        [{"message": "Unexpected error.", "path": [path], "extensions": {"code": "INTERNAL"}}],
    )
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert await Customer.all().count() == 0
    assert await AuditEntry.all().count() == audit_before


async def test_introspection_works_in_development(client: httpx.AsyncClient, settings: Settings) -> None:
    # given
    assert settings.introspection_enabled

    # when
    body = await gql(
        client, '{ __schema { queryType { name } mutationType { name } } __type(name: "Viewer") { kind } }'
    )

    # then
    assert body["data"] == {
        "__schema": {"queryType": {"name": "Query"}, "mutationType": {"name": "Mutation"}},
        "__type": {"kind": "OBJECT"},
    }


async def test_more_distinct_fragments_in_one_selection_than_the_limit_are_refused(
    client: httpx.AsyncClient, admin: Principal, settings: Settings
) -> None:
    # graphql-core compares the fragments of one selection set pairwise
    count = settings.max_fragment_spreads + 1
    fragments = " ".join(f"fragment F{i} on Viewer {{ kind }}" for i in range(count))
    spreads = " ".join(f"...F{i}" for i in range(count))

    body = await gql(client, f"{{ viewer {{ {spreads} }} }} {fragments}", token=admin.token)

    assert body["data"] is None
    assert [(e["message"], e["extensions"]["code"]) for e in body["errors"]] == [
        (
            f"More than {settings.max_fragment_spreads} fragments are spread in one selection set.",
            "QUERY_TOO_COMPLEX",
        )
    ]


async def test_validation_reports_at_most_ten_errors(client: httpx.AsyncClient, admin: Principal) -> None:
    body = await gql(client, "{ " + " ".join(f"unknown{i}" for i in range(50)) + " }", token=admin.token)

    assert body["data"] is None
    assert len(body["errors"]) == 11  # ten, and the note that validation stopped
    assert (
        body["errors"][-1]["message"]
        == "Too many validation errors, error limit reached. Validation aborted."
    )
