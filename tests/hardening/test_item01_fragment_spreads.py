"""Item 1: documents built to make validation re-walk repeated fragments are refused after work
that grows at most linearly with their size, for every caller and environment.

Work is counted in Python function calls (sys.setprofile) made by the whole validation step
(`check_document`: the limits' walk and, for documents it lets through, graphql-core's rules),
not timed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import httpx
import pytest
from graphql import parse, specified_rules

from gql.limits import check_document
from gql.schema import schema
from settings import Environment, Settings
from tests.client import make_principal, refusals
from tests.factories import make_account

# The document of the report (910 bytes there, 966 here): 21 fragments, each spreading the next twice.
REPORTED = "{ customers { edges { node { ...F0 } } } } " + " ".join(
    [f"fragment F{i} on Customer {{ ...F{i + 1} ...F{i + 1} id }}" for i in range(20)]
    + ["fragment F20 on Customer { id }"]
)


def doubling_chain(n: int) -> str:
    fragments = [f"fragment F{i} on Customer {{ ...F{i + 1} ...F{i + 1} id }}" for i in range(n)]
    return "{ customers { edges { node { ...F0 } } } } " + " ".join(
        [*fragments, f"fragment F{n} on Customer {{ id }}"]
    )


def two_way_chain(n: int) -> str:
    """Each level spreads two different fragments of the next level (no spread repeats)."""
    fragments = []
    for i in range(n):
        for side in "AB":
            fragments.append(f"fragment {side}{i} on Query {{ ...A{i + 1} ...B{i + 1} }}")
    fragments += [f"fragment A{n} on Query {{ __typename }}", f"fragment B{n} on Query {{ __typename }}"]
    return "{ ...A0 } " + " ".join(fragments)


def inline_nesting(n: int) -> str:
    return "{ viewer { " + "... on Viewer { kind " * n + "}" * n + " } }"


def alias_fan_out(n: int) -> str:
    return "{ " + " ".join(f"a{i}: viewer {{ kind }}" for i in range(n)) + " }"


def repeated_field(n: int) -> str:
    return "{ " + " viewer { kind }" * n + " }"


def spread_fan_out(n: int) -> str:
    return "{ " + " ...F" * n + " } fragment F on Query { viewer { kind } }"


def mixed(n: int) -> str:
    """Doubling through inline fragments, aliases and spreads at once."""
    fragments = [
        f"fragment F{i} on Query {{ ... on Query {{ ...F{i + 1} x: __typename }} ...F{i + 1} }}"
        for i in range(n)
    ]
    return "{ ...F0 } " + " ".join([*fragments, f"fragment F{n} on Query {{ y: __typename }}"])


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    # shape: (generator, the smallest n of the series n, 2n, 4n, 8n)
    "doubling-chain": (doubling_chain, 20),
    "two-way-chain": (two_way_chain, 12),
    "inline-nesting": (inline_nesting, 20),
    "alias-fan-out": (alias_fan_out, 40),
    "repeated-field": (repeated_field, 60),
    "spread-fan-out": (spread_fan_out, 150),
    "mixed": (mixed, 15),
}


def _settings(environment: Environment) -> Settings:
    # A token limit well above the default, so the shapes grow large enough to show the trend.
    return Settings(environment=environment, max_tokens=5000)


def validation_calls(query: str, settings: Settings) -> tuple[int, list[str]]:
    """Python calls made by the validation step for `query`, and the error codes it gave."""
    document = parse(query, max_tokens=settings.max_tokens)
    calls = 0

    def count(_frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        checked = check_document(
            schema._schema,
            document,
            query=None,  # no validation cache: every call does the whole work
            variables={},
            operation_name_given=False,
            rules=tuple(specified_rules),
            settings=settings,
        )
    finally:
        sys.setprofile(None)
    return calls, [str((error.extensions or {}).get("code")) for error in checked.errors]


@pytest.mark.parametrize("environment", [Environment.DEVELOPMENT, Environment.PRODUCTION])
@pytest.mark.parametrize("shape", list(SHAPES))
async def test_validation_work_grows_at_most_linearly_with_the_document(
    shape: str, environment: Environment
) -> None:
    # given: the shape at n, 2n, 4n and 8n
    generate, n = SHAPES[shape]
    settings = _settings(environment)
    queries = [generate(n * factor) for factor in (1, 2, 4, 8)]

    # when
    measured = [validation_calls(query, settings) for query in queries]

    # then: refused at every size, with work per byte bounded by one constant
    per_byte = [calls / len(query) for (calls, _), query in zip(measured, queries, strict=True)]
    assert all(codes != [] for _, codes in measured), measured
    assert max(per_byte) <= 25, (shape, per_byte)
    assert measured[-1][0] <= 10 * measured[0][0], (shape, [calls for calls, _ in measured])


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        ("doubling-chain", "QUERY_TOO_COMPLEX"),
        ("two-way-chain", "QUERY_TOO_COMPLEX"),
        ("inline-nesting", "QUERY_TOO_COMPLEX"),
        ("alias-fan-out", "TOO_MANY_ALIASES"),
        ("repeated-field", "QUERY_TOO_COMPLEX"),
        ("spread-fan-out", "QUERY_TOO_COMPLEX"),
        ("mixed", "QUERY_TOO_COMPLEX"),
    ],
)
async def test_each_worst_shape_is_refused_by_the_limits_before_graphql_cores_rules(
    shape: str, code: str
) -> None:
    generate, n = SHAPES[shape]
    document = generate(8 * n)

    calls, codes = validation_calls(document, _settings(Environment.PRODUCTION))

    # then: the limits' walk alone (graphql-core's rules make tens of calls per byte)
    assert codes == [code]
    assert calls <= 1.5 * len(document)


async def test_the_reported_document_is_refused_in_few_steps() -> None:
    calls, codes = validation_calls(REPORTED, _settings(Environment.DEVELOPMENT))

    assert len(REPORTED) == 966
    assert codes == ["QUERY_TOO_COMPLEX"]
    assert calls < 2_000


@pytest.mark.parametrize("environment", [Environment.DEVELOPMENT, Environment.PRODUCTION])
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
async def test_the_reported_document_is_refused_over_http(
    client: httpx.AsyncClient,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    environment: Environment,
    logged_in: bool,
) -> None:
    # given
    monkeypatch.setattr(settings, "environment", environment)
    headers = {}
    if logged_in:
        admin = await make_principal(client, await make_account())
        headers["Authorization"] = f"Bearer {admin.token}"

    # when
    response = await client.post("/graphql", json={"query": REPORTED}, headers=headers)

    # then
    body = response.json()
    assert response.status_code == 200
    assert body["data"] is None
    assert refusals(body) == [
        {
            "message": "'id' is selected 15 times in one selection set (fragments included); the limit is 10.",
            "extensions": {"code": "QUERY_TOO_COMPLEX"},
        }
    ]
