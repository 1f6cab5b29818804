"""The customers list costs a constant number of SQL statements, whatever the page size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from gql.compiled.extension import HEADER
from tests.client import global_id, gql, make_principal
from tests.conftest import SqlCounter
from tests.factories import Principal, make_account, make_customer, make_reseller, make_user

NESTED = """
query($first: Int!) {
  customers(first: $first) {
    totalCount
    edges { node { id name tags reseller { id name } accountManager { id name email } } }
  }
}
"""

# Per request, whatever the page size:
#   1. SELECT auth_session JOIN user JOIN role   -- the bearer token's session and principal
#   2. SELECT customer ... LIMIT n+1              -- the page itself
#   3. SELECT COUNT(*) FROM customer              -- totalCount
#   4. SELECT customer_tag WHERE customer_id IN   -- tags of the page, read with it (related_of)
#   5. SELECT reseller WHERE id IN                -- resellers of the page, the same way
#   6. SELECT user WHERE id IN                    -- account managers of the page, the same way
# The session, the page, the count and one batched read per relation on the general path; the
# session, the page with its relations joined and the count on the compiled read path.
STATEMENTS_PER_PAGE = {"general": 6, "compiled": 3}


@dataclass
class Seeded:
    admin: Principal
    expected_nodes: list[dict[str, Any]]


@pytest.fixture
async def seeded(client: httpx.AsyncClient) -> Seeded:
    """60 customers: 3 resellers, 4 managers, 0 to 3 tags, some without reseller or manager."""
    account = await make_account()
    admin = await make_principal(client, account)
    resellers = [await make_reseller(account) for _ in range(3)]
    managers = [await make_user(account) for _ in range(4)]
    expected = []
    for i in range(60):
        reseller = resellers[i % 3] if i % 4 else None
        manager = managers[i % 4] if i % 5 else None
        tags = [f"tag{j}" for j in range(i % 4)]
        customer = await make_customer(
            account,
            name=f"Customer {i:02}",
            reseller_id=reseller.id if reseller else None,
            account_manager_id=manager.id if manager else None,
            tags=tags,
        )
        expected.append(
            {
                "id": global_id("Customer", customer.id),
                "name": customer.name,
                "tags": tags,
                "reseller": {"id": global_id("Reseller", reseller.id), "name": reseller.name}
                if reseller
                else None,
                "accountManager": {
                    "id": global_id("User", manager.id),
                    "name": manager.name,
                    "email": manager.email,
                }
                if manager
                else None,
            }
        )
    return Seeded(admin, expected)


async def served(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], token: str, executor: str
) -> dict[str, Any]:
    """The body of a request served by `executor` (the development header asks for it)."""
    headers = {"Authorization": f"Bearer {token}", **({HEADER: "general"} if executor == "general" else {})}
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.headers[HEADER] == executor
    body: dict[str, Any] = response.json()
    return body


async def counted(
    client: httpx.AsyncClient, sql_counter: SqlCounter, seeded: Seeded, first: int, executor: str
) -> tuple[int, Any]:
    sql_counter.reset()
    body = await served(client, NESTED, {"first": first}, seeded.admin.token, executor)
    count = sql_counter.count
    assert "errors" not in body, body
    return count, body["data"]["customers"]


@pytest.mark.parametrize("executor", ["general", "compiled"])
async def test_a_page_costs_the_same_statements_for_5_and_50_customers(
    client: httpx.AsyncClient, sql_counter: SqlCounter, seeded: Seeded, executor: str
) -> None:
    # Given 60 customers with resellers, managers and tags (logged in beforehand)
    # When a page of 5 and a page of 50 are listed with their relations
    small_count, small = await counted(client, sql_counter, seeded, 5, executor)
    large_count, large = await counted(client, sql_counter, seeded, 50, executor)

    # Then both cost the same, constant number of statements
    assert small_count == large_count == STATEMENTS_PER_PAGE[executor], sql_counter.statements
    # And every relation was really resolved, row by row
    assert small == {"totalCount": 60, "edges": [{"node": node} for node in seeded.expected_nodes[:5]]}
    assert large == {"totalCount": 60, "edges": [{"node": node} for node in seeded.expected_nodes[:50]]}


FRAGMENTS = """
query($first: Int!) {
  customers(first: $first) {
    totalCount
    edges { node { ...Card } }
  }
}
fragment Card on Customer { id name labels: tags ... on Customer { reseller { id name } } ...Manager }
fragment Manager on Customer { accountManager { id name email } }
"""
PLAIN = "query($first: Int!) { customers(first: $first) { totalCount edges { node { id name } } } }"


@pytest.mark.parametrize("executor", ["general", "compiled"])
async def test_relations_selected_through_fragments_and_aliases_cost_the_same(
    client: httpx.AsyncClient, sql_counter: SqlCounter, seeded: Seeded, executor: str
) -> None:
    # Given the same relations asked for through named and inline fragments, tags aliased
    sql_counter.reset()
    body = await served(client, FRAGMENTS, {"first": 50}, seeded.admin.token, executor)

    # Then they are read with the page as without fragments: same statements, same answers
    assert sql_counter.count == STATEMENTS_PER_PAGE[executor], sql_counter.statements
    expected = [{**node, "labels": node["tags"]} for node in seeded.expected_nodes[:50]]
    for node in expected:
        del node["tags"]
    assert body["data"]["customers"] == {"totalCount": 60, "edges": [{"node": node} for node in expected]}


async def test_a_page_without_relations_reads_none(
    client: httpx.AsyncClient, sql_counter: SqlCounter, seeded: Seeded
) -> None:
    # Given a page that shows no relation
    sql_counter.reset()
    body = await gql(client, PLAIN, {"first": 50}, seeded.admin.token)

    # Then only the session, the page and the count are read
    assert sql_counter.count == 3, sql_counter.statements
    nodes = [{"id": node["id"], "name": node["name"]} for node in seeded.expected_nodes[:50]]
    assert body["data"]["customers"] == {"totalCount": 60, "edges": [{"node": node} for node in nodes]}
