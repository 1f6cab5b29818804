"""Item 19 (part): a document with several operations needs an operationName."""

from __future__ import annotations

import httpx

from models import AuditEntry, Customer
from tests.client import make_principal
from tests.factories import make_account

MUTATION_FIRST = (
    'mutation Make { customerCreate(input: {name: "Acme", currency: "EUR"}) { errors { code } } } '
    "query Who { viewer { kind } }"
)
TWO = (
    'query Who { viewer { kind } } mutation Make { customerCreate(input: {name: "Acme", currency: "EUR"}) '
    "{ errors { code } } }"
)


async def test_two_operations_without_an_operation_name_are_refused(client: httpx.AsyncClient) -> None:
    # given
    admin = await make_principal(client, await make_account())
    audit_before = await AuditEntry.all().count()

    # when: the mutation comes first, so strawberry used to run it
    response = await client.post(
        "/graphql", json={"query": MUTATION_FIRST}, headers={"Authorization": f"Bearer {admin.token}"}
    )

    # then
    body = response.json()
    assert response.status_code == 200
    assert body == {
        "data": None,
        "errors": [
            {
                "message": "Must provide operation name if query contains multiple operations.",
                "extensions": {"code": "OPERATION_NAME_REQUIRED"},
            }
        ],
        "extensions": {"cost": 0},
    }
    assert await Customer.all().count() == 0
    assert await AuditEntry.all().count() == audit_before


async def test_the_named_operation_runs(client: httpx.AsyncClient) -> None:
    admin = await make_principal(client, await make_account())

    response = await client.post(
        "/graphql",
        json={"query": TWO, "operationName": "Who"},
        headers={"Authorization": f"Bearer {admin.token}"},
    )

    assert response.json()["data"] == {"viewer": {"kind": "USER"}}
    assert await Customer.all().count() == 0
