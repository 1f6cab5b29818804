"""Who may read and manage roles and reseller groups, one parametrized test per operation.

The account has a custom role "Ops" (held by nobody) and two resellers: "Partner reseller", whose
partner users act here, and "Spare" (empty). Managing needs users:write and is never for partner
users, even one whose role holds users:write. A refused call changes nothing and writes no audit
entry; an allowed one writes exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Reseller, Role
from models.enums import Permission
from tests.client import global_id, gql, make_principal, refusal, refusals
from tests.factories import db_state, make_account, make_api_key, make_reseller, make_role

READ, MANAGE = Permission.CUSTOMERS_READ, Permission.USERS_WRITE
ERRORS = "errors { code message field }"
DENIED = "You do not have permission to do this."
PARTNERS_DENIED = "Partner users cannot manage roles or resellers."


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    other_account: Account
    partner_reseller: Reseller
    spare: Reseller
    ops: Role

    async def token(self, principal: str) -> str | None:
        account, role, reseller = self.account, "Administrator", None
        if principal == "anonymous":
            return None
        if principal.startswith("api_key"):
            permissions = {"api_key_managing": [MANAGE, READ], "api_key_reading": [READ], "api_key_bare": []}
            return await make_api_key(self.account, principal, permissions[principal])
        if principal == "staff_support":
            role = "Support"
        elif principal == "partner":
            role, reseller = "Partner", self.partner_reseller
        elif principal == "partner_with_users_write":
            role, reseller = "Partner managers", self.partner_reseller
        elif principal == "user_of_other_account":
            account = self.other_account
        else:
            assert principal == "administrator", principal
        return (await make_principal(self.client, account, role_name=role, reseller=reseller)).token


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other_account = await make_account(), await make_account()
    partner_reseller, spare = (
        await make_reseller(account, "Partner reseller"),
        await make_reseller(account, "Spare"),
    )
    ops = await make_role(account, "Ops", [])
    await make_role(account, "Partner managers", [READ, MANAGE, Permission.CUSTOMERS_WRITE])
    return World(client, account, other_account, partner_reseller, spare, ops)


async def call(world: World, principal: str, query: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Sign in as the principal, then run the operation; returns the body and the state before."""
    token = await world.token(principal)
    before = await db_state()
    return await gql(world.client, query, token=token), before


# --- queries -------------------------------------------------------------------------------

ALL_ROLES = ["Administrator", "Partner", "Support", "Ops", "Partner managers"]  # built-ins first


@pytest.mark.parametrize(
    ("principal", "names"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("administrator", ALL_ROLES),
        ("staff_support", ALL_ROLES),
        ("partner", ["Partner"]),
        ("partner_with_users_write", ["Partner managers"]),
        ("api_key_managing", ALL_ROLES),
        ("api_key_reading", ALL_ROLES),
        ("api_key_bare", "PERMISSION_DENIED"),
        ("user_of_other_account", ["Administrator", "Partner", "Support"]),
    ],
)
async def test_roles_query(world: World, principal: str, names: list[str] | str) -> None:
    body, before = await call(world, principal, "{ roles { name } }")

    assert await db_state() == before
    if isinstance(names, str):
        message = "Authentication required." if names == "UNAUTHENTICATED" else DENIED
        assert (body["data"], refusals(body)) == (None, [refusal(message, names, "roles")])
    else:
        assert [r["name"] for r in body["data"]["roles"]] == names


@pytest.mark.parametrize(
    ("principal", "names"),
    [
        ("anonymous", "UNAUTHENTICATED"),
        ("administrator", ["Partner reseller", "Spare"]),
        ("staff_support", ["Partner reseller", "Spare"]),
        ("partner", ["Partner reseller"]),
        ("partner_with_users_write", ["Partner reseller"]),
        ("api_key_managing", ["Partner reseller", "Spare"]),
        ("api_key_reading", ["Partner reseller", "Spare"]),
        ("api_key_bare", "PERMISSION_DENIED"),
        ("user_of_other_account", []),
    ],
)
async def test_resellers_query(world: World, principal: str, names: list[str] | str) -> None:
    body, before = await call(world, principal, "{ resellers { totalCount edges { node { name } } } }")

    assert await db_state() == before
    if isinstance(names, str):
        message = "Authentication required." if names == "UNAUTHENTICATED" else DENIED
        assert (body["data"], refusals(body)) == (None, [refusal(message, names, "resellers")])
    else:
        edges = [{"node": {"name": name}} for name in names]
        assert body["data"] == {"resellers": {"totalCount": len(names), "edges": edges}}


# --- mutations -----------------------------------------------------------------------------

OUTCOMES = [
    ("anonymous", "UNAUTHENTICATED"),
    ("administrator", "allowed"),
    ("staff_support", "PERMISSION_DENIED"),
    ("partner", "PERMISSION_DENIED"),
    ("partner_with_users_write", "PARTNER"),
    ("api_key_managing", "allowed"),
    ("api_key_reading", "PERMISSION_DENIED"),
    ("api_key_bare", "PERMISSION_DENIED"),
]
TARGETED = [*OUTCOMES, ("user_of_other_account", "NOT_FOUND")]


REFUSALS: dict[str, dict[str, Any]] = {
    "UNAUTHENTICATED": {"code": "UNAUTHENTICATED", "message": "Authentication required.", "field": None},
    "PERMISSION_DENIED": {"code": "PERMISSION_DENIED", "message": DENIED, "field": None},
    "PARTNER": {"code": "PERMISSION_DENIED", "message": PARTNERS_DENIED, "field": None},
}


def refused_with(outcome: str, what: str) -> list[dict[str, Any]]:
    if outcome == "NOT_FOUND":
        return [{"code": "NOT_FOUND", "message": f"{what} not found.", "field": ["input", "id"]}]
    return [REFUSALS[outcome]]


async def mutation(world: World, principal: str, outcome: str, query: str, what: str) -> dict[str, Any]:
    """Run it; a refusal must change nothing, an allowed call must write one audit entry."""
    body, before = await call(world, principal, query)
    payload: dict[str, Any] = next(iter(body["data"].values()))
    after = await db_state()
    if outcome == "allowed":
        assert payload["errors"] == []
        assert len(after["audit"]) == len(before["audit"]) + 1
        assert await AuditEntry.filter(account_id=world.account.id, table_name=what.lower()).count() == 1
    else:
        assert payload["errors"] == refused_with(outcome, what)
        assert after == before
    return payload


@pytest.mark.parametrize(("principal", "outcome"), OUTCOMES)
async def test_role_create(world: World, principal: str, outcome: str) -> None:
    query = f'mutation {{ roleCreate(input: {{name: "Readers", permissions: [CUSTOMERS_READ]}}) {{ role {{ name }} {ERRORS} }} }}'

    payload = await mutation(world, principal, outcome, query, "Role")

    assert payload["role"] == ({"name": "Readers"} if outcome == "allowed" else None)


@pytest.mark.parametrize(("principal", "outcome"), TARGETED)
async def test_role_update(world: World, principal: str, outcome: str) -> None:
    query = f'mutation {{ roleUpdate(input: {{id: "{global_id("Role", world.ops.id)}", permissions: [CUSTOMERS_READ]}}) {{ role {{ permissions }} {ERRORS} }} }}'

    payload = await mutation(world, principal, outcome, query, "Role")

    assert payload["role"] == ({"permissions": ["CUSTOMERS_READ"]} if outcome == "allowed" else None)


@pytest.mark.parametrize(("principal", "outcome"), TARGETED)
async def test_role_delete(world: World, principal: str, outcome: str) -> None:
    target = global_id("Role", world.ops.id)
    query = f'mutation {{ roleDelete(input: {{id: "{target}"}}) {{ deletedId {ERRORS} }} }}'

    payload = await mutation(world, principal, outcome, query, "Role")

    assert payload["deletedId"] == (target if outcome == "allowed" else None)
    assert await Role.exists(id=world.ops.id) is (outcome != "allowed")


@pytest.mark.parametrize(("principal", "outcome"), OUTCOMES)
async def test_reseller_create(world: World, principal: str, outcome: str) -> None:
    query = f'mutation {{ resellerCreate(input: {{name: "Northwind"}}) {{ reseller {{ name }} {ERRORS} }} }}'

    payload = await mutation(world, principal, outcome, query, "Reseller")

    assert payload["reseller"] == ({"name": "Northwind"} if outcome == "allowed" else None)


@pytest.mark.parametrize(("principal", "outcome"), TARGETED)
async def test_reseller_update(world: World, principal: str, outcome: str) -> None:
    query = f'mutation {{ resellerUpdate(input: {{id: "{global_id("Reseller", world.spare.id)}", name: "Spare Ltd"}}) {{ reseller {{ name }} {ERRORS} }} }}'

    payload = await mutation(world, principal, outcome, query, "Reseller")

    assert payload["reseller"] == ({"name": "Spare Ltd"} if outcome == "allowed" else None)


@pytest.mark.parametrize(("principal", "outcome"), TARGETED)
async def test_reseller_delete(world: World, principal: str, outcome: str) -> None:
    target = global_id("Reseller", world.spare.id)
    query = f'mutation {{ resellerDelete(input: {{id: "{target}"}}) {{ deletedId {ERRORS} }} }}'

    payload = await mutation(world, principal, outcome, query, "Reseller")

    assert payload["deletedId"] == (target if outcome == "allowed" else None)
    assert await Reseller.exists(id=world.spare.id) is (outcome != "allowed")
