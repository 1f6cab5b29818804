"""Who may do what, one parametrized test per operation.

Account A has resellers A and B; the customer under test, "Acme", belongs to reseller A. A
refused call changes nothing, and a customer outside the principal's scope (another account,
another reseller) is refused exactly like an id that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, Customer, Reseller
from models.enums import Permission
from tests.client import Principals, global_id, gql, refusal, refusals
from tests.factories import db_state, make_account, make_customer, make_reseller, make_role

MISSING = 987_654
USER_ERRORS = "errors { code message field }"
BULK_FIELDS = f"dryRun applied failed results {{ customerId ok changedFields {USER_ERRORS} }} {USER_ERRORS}"


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    other_account: Account
    reseller_a: Reseller
    reseller_b: Reseller
    acme: Customer

    async def token(self, principal: str, lacking_role: str = "Support") -> str | None:
        """Log in as the principal; `lacking_role` is the staff role without the permission."""
        principals = Principals(
            self.client, self.account, self.other_account, self.reseller_a, self.reseller_b
        )
        named = "administrator" if principal == "administrator_missing_id" else principal
        return await principals.token(named, lacking_role=lacking_role)

    def target(self, principal: str) -> str:
        """The customer the principal acts on: Acme, or an id that does not exist."""
        return global_id("Customer", MISSING if principal == "administrator_missing_id" else self.acme.id)


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other_account = await make_account(), await make_account()
    reseller_a, reseller_b = (
        await make_reseller(account, "Reseller A"),
        await make_reseller(account, "Reseller B"),
    )
    await make_role(account, "Clerk", [Permission.BILLING_WRITE])
    acme = await make_customer(account, name="Acme", reseller_id=reseller_a.id)
    await make_customer(account, name="Bravo", reseller_id=reseller_b.id)
    await make_customer(other_account, name="Zulu")
    return World(client, account, other_account, reseller_a, reseller_b, acme)


def payload_error(code: str, message: str, field: list[str] | None = None) -> list[dict[str, Any]]:
    return [{"code": code, "message": message, "field": field}]


UNAUTHENTICATED = payload_error("UNAUTHENTICATED", "Authentication required.")
PERMISSION_DENIED = payload_error("PERMISSION_DENIED", "You do not have permission to do this.")
CUSTOMER_NOT_FOUND = payload_error("NOT_FOUND", "Customer not found.", ["input", "id"])


def query_refusal(code: str, field: str) -> list[dict[str, Any]]:
    message = {"UNAUTHENTICATED": "Authentication required."}.get(
        code, "You do not have permission to do this."
    )
    return [refusal(message, code, field)]


def bulk_refused(errors: list[dict[str, Any]]) -> dict[str, Any]:
    return {"dryRun": False, "applied": 0, "failed": 0, "results": [], "errors": errors}


def bulk_not_found(target: str) -> dict[str, Any]:
    row = {
        "customerId": target,
        "ok": False,
        "changedFields": [],
        "errors": payload_error("NOT_FOUND", "Customer not found.", ["input", "ids", "0"]),
    }
    return {"dryRun": False, "applied": 0, "failed": 1, "results": [row], "errors": []}


def bulk_applied(target: str, changed: str) -> dict[str, Any]:
    row = {"customerId": target, "ok": True, "changedFields": [changed], "errors": []}
    return {"dryRun": False, "applied": 1, "failed": 0, "results": [row], "errors": []}


NOT_IN_SCOPE = ["partner_other_reseller", "user_of_other_account", "administrator_missing_id"]
ALLOWED = ["administrator", "partner_own_reseller"]


def matrix(refused_for_scope: str) -> list[tuple[str, str]]:
    """(principal, outcome) pairs: outcome is the principal's expected result class."""
    return [
        ("anonymous", "unauthenticated"),
        ("staff_without_permission", "permission_denied"),
        *[(principal, refused_for_scope) for principal in NOT_IN_SCOPE],
        *[(principal, "allowed") for principal in ALLOWED],
    ]


async def call(
    world: World, principal: str, query: str, variables: dict[str, Any], lacking: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Log in as the principal, then run the operation; returns the body and the state before it."""
    token = await world.token(principal, lacking)
    before = await db_state()
    body = await gql(world.client, query, variables, token=token)
    return body, before


# --- Queries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "names"),
    [
        ("anonymous", None),
        ("staff_without_permission", None),
        ("partner_other_reseller", ["Bravo"]),
        ("user_of_other_account", ["Zulu"]),
        ("administrator", ["Acme", "Bravo"]),
        ("partner_own_reseller", ["Acme"]),
    ],
)
async def test_customers_query(world: World, principal: str, names: list[str] | None) -> None:
    # when
    body, before = await call(
        world,
        principal,
        "{ customers(sortBy: [{field: NAME}]) { totalCount edges { node { name } } } }",
        {},
        "Clerk",
    )

    # then
    assert await db_state() == before
    if names is None:
        code = "UNAUTHENTICATED" if principal == "anonymous" else "PERMISSION_DENIED"
        assert (body["data"], refusals(body)) == (None, query_refusal(code, "customers"))
    else:
        edges = [{"node": {"name": name}} for name in names]
        assert body["data"] == {"customers": {"totalCount": len(names), "edges": edges}}


@pytest.mark.parametrize(("principal", "outcome"), matrix("null"))
async def test_customer_query(world: World, principal: str, outcome: str) -> None:
    # when
    target = world.target(principal)
    body, before = await call(
        world, principal, "query($id: ID!) { customer(id: $id) { id name } }", {"id": target}, "Clerk"
    )

    # then
    assert await db_state() == before
    expected_data = {"customer": {"id": target, "name": "Acme"} if outcome == "allowed" else None}
    expected_errors = {
        "unauthenticated": query_refusal("UNAUTHENTICATED", "customer"),
        "permission_denied": query_refusal("PERMISSION_DENIED", "customer"),
    }.get(outcome, [])
    assert (body["data"], refusals(body)) == (expected_data, expected_errors)


@pytest.mark.parametrize(
    ("principal", "messages"),
    [
        ("anonymous", None),
        ("staff_without_permission", None),
        ("partner_other_reseller", ["Customer Bravo created"]),
        ("user_of_other_account", ["Customer Zulu created"]),
        ("administrator", ["Customer Bravo created", "Customer Acme created"]),
        ("partner_own_reseller", ["Customer Acme created"]),
    ],
)
async def test_audit_log_query(world: World, principal: str, messages: list[str] | None) -> None:
    # when
    query = '{ auditLog(where: {table: {eq: "customer"}}) { totalCount edges { node { message } } } }'
    body, before = await call(world, principal, query, {}, "Clerk")

    # then
    assert await db_state() == before
    if messages is None:
        code = "UNAUTHENTICATED" if principal == "anonymous" else "PERMISSION_DENIED"
        assert (body["data"], refusals(body)) == (None, query_refusal(code, "auditLog"))
    else:
        edges = [{"node": {"message": message}} for message in messages]
        assert body["data"] == {"auditLog": {"totalCount": len(messages), "edges": edges}}


# --- Mutations -----------------------------------------------------------------------------


async def assert_written(world: World, before: dict[str, Any], changed: dict[str, Any]) -> None:
    """Acme changed exactly as given, with one more audit entry."""
    after = await db_state()
    acme_before = next(row for row in before["customers"] if row["id"] == world.acme.id)
    acme_after = next(row for row in after["customers"] if row["id"] == world.acme.id)
    assert {k: v for k, v in acme_after.items() if k in changed} == changed
    assert {k: v for k, v in acme_after.items() if k not in {*changed, "updated_at", "name_key"}} == {
        k: v for k, v in acme_before.items() if k not in {*changed, "updated_at", "name_key"}
    }
    assert len(after["audit"]) == len(before["audit"]) + 1


def expect(outcome: str, allowed: Any, not_found: Any, refused: Any) -> Any:
    if outcome == "allowed":
        return allowed
    if outcome == "not_found":
        return not_found
    return refused(UNAUTHENTICATED if outcome == "unauthenticated" else PERMISSION_DENIED)


@pytest.mark.parametrize(("principal", "outcome"), matrix("not_found"))
async def test_customer_update(world: World, principal: str, outcome: str) -> None:
    # when
    target = world.target(principal)
    query = f'mutation($id: ID!) {{ customerUpdate(input: {{id: $id, notes: "Changed"}}) {{ customer {{ id notes }} {USER_ERRORS} }} }}'
    body, before = await call(world, principal, query, {"id": target}, "Support")

    # then
    assert body["data"]["customerUpdate"] == expect(
        outcome,
        {"customer": {"id": target, "notes": "Changed"}, "errors": []},
        {"customer": None, "errors": CUSTOMER_NOT_FOUND},
        lambda errors: {"customer": None, "errors": errors},
    )
    if outcome == "allowed":
        await assert_written(world, before, {"notes": "Changed"})
    else:
        assert await db_state() == before


@pytest.mark.parametrize(("principal", "outcome"), matrix("not_found"))
async def test_customer_delete(world: World, principal: str, outcome: str) -> None:
    # when
    target = world.target(principal)
    query = f"mutation($id: ID!) {{ customerDelete(input: {{id: $id}}) {{ deletedId {USER_ERRORS} }} }}"
    body, before = await call(world, principal, query, {"id": target}, "Support")

    # then
    assert body["data"]["customerDelete"] == expect(
        outcome,
        {"deletedId": target, "errors": []},
        {"deletedId": None, "errors": CUSTOMER_NOT_FOUND},
        lambda errors: {"deletedId": None, "errors": errors},
    )
    if outcome == "allowed":
        deleted_at = (await Customer.get(id=world.acme.id)).deleted_at
        assert deleted_at is not None
        await assert_written(world, before, {"deleted_at": deleted_at})
    else:
        assert await db_state() == before


@pytest.mark.parametrize(("principal", "outcome"), matrix("not_found"))
async def test_customer_bulk_update(world: World, principal: str, outcome: str) -> None:
    # when
    target = world.target(principal)
    query = f"mutation($ids: [ID!]!) {{ customerBulkUpdate(input: {{ids: $ids, changes: {{channels: {{set: 7}}}}}}) {{ {BULK_FIELDS} }} }}"
    body, before = await call(world, principal, query, {"ids": [target]}, "Support")

    # then
    assert body["data"]["customerBulkUpdate"] == expect(
        outcome, bulk_applied(target, "channels"), bulk_not_found(target), bulk_refused
    )
    if outcome == "allowed":
        await assert_written(world, before, {"channels": 7})
    else:
        assert await db_state() == before


@pytest.mark.parametrize(("principal", "outcome"), matrix("not_found"))
async def test_customer_bulk_delete(world: World, principal: str, outcome: str) -> None:
    # when
    target = world.target(principal)
    query = f"mutation($ids: [ID!]!) {{ customerBulkDelete(input: {{ids: $ids}}) {{ {BULK_FIELDS} }} }}"
    body, before = await call(world, principal, query, {"ids": [target]}, "Support")

    # then
    assert body["data"]["customerBulkDelete"] == expect(
        outcome, bulk_applied(target, "deletedAt"), bulk_not_found(target), bulk_refused
    )
    if outcome == "allowed":
        deleted_at = (await Customer.get(id=world.acme.id)).deleted_at
        assert deleted_at is not None
        await assert_written(world, before, {"deleted_at": deleted_at})
    else:
        assert await db_state() == before


RESELLER_NOT_FOUND = payload_error("NOT_FOUND", "Reseller not found.", ["input", "resellerId"])
OWN_RESELLER_ONLY = payload_error(
    "PERMISSION_DENIED",
    "A partner user can only assign customers to its own reseller.",
    ["input", "resellerId"],
)


@pytest.mark.parametrize(
    ("principal", "outcome"),
    [
        ("anonymous", "unauthenticated"),
        ("staff_without_permission", "permission_denied"),
        ("partner_other_reseller", "own_reseller_only"),
        ("user_of_other_account", "not_found"),
        ("administrator_missing_id", "not_found"),
        ("administrator", "allowed"),
        ("partner_own_reseller", "allowed"),
    ],
)
async def test_customer_create(world: World, principal: str, outcome: str) -> None:
    # when: a customer for reseller A (an unknown reseller for administrator_missing_id)
    reseller = global_id(
        "Reseller", MISSING if principal == "administrator_missing_id" else world.reseller_a.id
    )
    query = (
        'mutation($r: ID!) { customerCreate(input: {name: "Newco", currency: "EUR", resellerId: $r}) '
        f"{{ customer {{ name reseller {{ id }} }} {USER_ERRORS} }} }}"
    )
    body, before = await call(world, principal, query, {"r": reseller}, "Support")

    # then
    errors = {
        "unauthenticated": UNAUTHENTICATED,
        "permission_denied": PERMISSION_DENIED,
        "not_found": RESELLER_NOT_FOUND,
        "own_reseller_only": OWN_RESELLER_ONLY,
    }
    assert body["data"]["customerCreate"] == (
        {"customer": {"name": "Newco", "reseller": {"id": reseller}}, "errors": []}
        if outcome == "allowed"
        else {"customer": None, "errors": errors[outcome]}
    )
    after = await db_state()
    if outcome == "allowed":
        assert [row["name"] for row in after["customers"]] == ["Acme", "Bravo", "Zulu", "Newco"]
        assert after["customers"][-1]["reseller_id"] == world.reseller_a.id
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        assert after == before


async def test_partner_naming_another_reseller_is_refused_like_an_unknown_reseller(world: World) -> None:
    # given
    token = await world.token("partner_other_reseller")
    query = f'mutation($r: ID!) {{ customerCreate(input: {{name: "Newco", currency: "EUR", resellerId: $r}}) {{ {USER_ERRORS} }} }}'
    before = await db_state()

    # when
    other = await gql(world.client, query, {"r": global_id("Reseller", world.reseller_a.id)}, token=token)
    unknown = await gql(world.client, query, {"r": global_id("Reseller", MISSING)}, token=token)

    # then
    assert other["data"] == unknown["data"] == {"customerCreate": {"errors": OWN_RESELLER_ONLY}}
    assert await db_state() == before
