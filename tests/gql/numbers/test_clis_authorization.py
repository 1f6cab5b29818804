"""Who may add, change, delete, approve and verify caller ids, and who reads Customer.clis: one
parametrized test per operation.

The account has resellers A and B; customer Acme (reseller A) holds the PENDING caller id
+447911123456 and a contact with a portal login; Bravo (reseller B) has a contact too; another
account has its own administrator. Writes need customers:write within the principal's
customers, and a portal contact may add, call, verify and delete its own customer's caller ids;
cliApprove needs clis:approve (not in the Partner role) and is closed to the portal. cliAdd and
cliUpdate with an effectiveAt in the future schedule the change for the same principals (never
a portal contact: FORBIDDEN at effectiveAt). A refused call changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from models import Account, Cli, Customer, Reseller, ScheduledChange
from models.enums import CliStatus, Permission, ScheduledChangeKind, ScheduledChangeStatus
from services.actor import system_actor
from services.numbers.clis import add_cli
from tests.client import Principals, contact_login, global_id, gql, make_principal
from tests.conftest import SqlCounter
from tests.factories import PASSWORD, db_state, make_account, make_contact, make_customer, make_reseller
from tests.gql.numbers.matrix import WRITE_MATRIX, refused_with

NUMBER, NEW_NUMBER = "+447911123456", "+14155550100"
PAYLOAD = "cli { number status attestation } errors { field code message }"
ADD = f"mutation($input: CliAddInput!) {{ cliAdd(input: $input) {{ {PAYLOAD} }} }}"
UPDATE = f"mutation($input: CliUpdateInput!) {{ cliUpdate(input: $input) {{ {PAYLOAD} }} }}"
DELETE = f"mutation($input: CliInput!) {{ cliDelete(input: $input) {{ {PAYLOAD} }} }}"
APPROVE = f"mutation($input: CliInput!) {{ cliApprove(input: $input) {{ {PAYLOAD} }} }}"
CALL = f"mutation($input: CliInput!) {{ cliVerificationCall(input: $input) {{ {PAYLOAD} }} }}"
VERIFY = f"mutation($input: CliVerifyInput!) {{ cliVerify(input: $input) {{ {PAYLOAD} }} }}"
PORTAL = [("portal_own_customer", "allowed"), ("portal_other_customer", "NOT_FOUND")]
PORTAL_CLOSED_TO = [("portal_own_customer", "FORBIDDEN"), ("portal_other_customer", "FORBIDDEN")]
FORBIDDEN = {
    "code": "FORBIDDEN",
    "message": "The customer portal does not offer this.",
    "field": None,
}


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    other_account: Account
    reseller_a: Reseller
    reseller_b: Reseller
    acme: Customer
    cli: Cli

    async def token(self, principal: str) -> str | None:
        """Log in (or mint a key) as the principal; portal_* sign in as a contact."""
        if principal.startswith("portal_"):
            email = "pat@acme.example" if principal == "portal_own_customer" else "bo@bravo.example"
            return str((await contact_login(self.client, email, PASSWORD))["accessToken"])
        principals = Principals(
            self.client, self.account, self.other_account, self.reseller_a, self.reseller_b
        )
        return await principals.token(
            principal,
            key_with=[Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE, Permission.CLIS_APPROVE],
            key_without=[Permission.CUSTOMERS_READ],
        )


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other_account = await make_account(), await make_account()
    reseller_a, reseller_b = await make_reseller(account, "A"), await make_reseller(account, "B")
    acme = await make_customer(account, name="Acme", reseller_id=reseller_a.id)
    bravo = await make_customer(account, name="Bravo", reseller_id=reseller_b.id)
    await make_contact(acme, name="Pat", email="pat@acme.example", password=PASSWORD)
    await make_contact(bravo, name="Bo", email="bo@bravo.example", password=PASSWORD)
    cli = await add_cli(system_actor(account.id), acme.id, NUMBER)
    return World(client, account, other_account, reseller_a, reseller_b, acme, cli)


async def run(world: World, principal: str, query: str, variables: dict[str, Any]) -> tuple[Any, Any, Any]:
    token = await world.token(principal)
    before = await db_state()
    body = await gql(world.client, query, variables, token=token)
    return body, before, await db_state()


def refusal(outcome: str, field: list[str]) -> list[dict[str, Any]]:
    if outcome == "FORBIDDEN":
        return [FORBIDDEN]
    return refused_with(outcome, "Caller id" if field[-1] != "customerId" else "Customer", field)


def cli_id(world: World) -> str:
    return global_id("Cli", world.cli.id)


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX + PORTAL)
async def test_cli_add(world: World, principal: str, outcome: str) -> None:
    values = {"customerId": global_id("Customer", world.acme.id), "number": NEW_NUMBER}

    body, before, after = await run(world, principal, ADD, {"input": values})

    payload = body["data"]["cliAdd"]
    if outcome == "allowed":
        assert payload == {
            "cli": {"number": NEW_NUMBER, "status": "PENDING", "attestation": None},
            "errors": [],
        }
        assert await Cli.filter(customer_id=world.acme.id).count() == 2
    else:
        assert payload == {"cli": None, "errors": refusal(outcome, ["input", "customerId"])}
        assert after == before


async def test_a_portal_contact_cannot_choose_the_attestation(world: World) -> None:
    values = {"customerId": global_id("Customer", world.acme.id), "number": NEW_NUMBER, "attestation": "A"}

    body, before, after = await run(world, "portal_own_customer", ADD, {"input": values})

    assert body["data"]["cliAdd"] == {
        "cli": None,
        "errors": [
            {
                "code": "FORBIDDEN",
                "message": "attestation is set by your provider, not in the portal.",
                "field": ["input", "attestation"],
            }
        ],
    }
    assert after == before


UPDATE_MATRIX = [
    ("api_key_without_permission", "PERMISSION_DENIED"),
    ("partner_other_reseller", "NOT_FOUND"),
    ("administrator", "allowed"),
]


@pytest.mark.parametrize(("principal", "outcome"), UPDATE_MATRIX + PORTAL_CLOSED_TO)
async def test_cli_update(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(
        world, principal, UPDATE, {"input": {"id": cli_id(world), "attestation": "B"}}
    )

    payload = body["data"]["cliUpdate"]
    if outcome == "allowed":
        assert payload == {"cli": {"number": NUMBER, "status": "PENDING", "attestation": "B"}, "errors": []}
    else:
        assert payload == {"cli": None, "errors": refusal(outcome, ["input", "id"])}
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), UPDATE_MATRIX + PORTAL)
async def test_cli_delete(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(world, principal, DELETE, {"input": {"cliId": cli_id(world)}})

    payload = body["data"]["cliDelete"]
    if outcome == "allowed":
        assert payload == {"cli": {"number": NUMBER, "status": "PENDING", "attestation": None}, "errors": []}
        assert not await Cli.filter(id=world.cli.id).exists()
    else:
        assert payload == {"cli": None, "errors": refusal(outcome, ["input", "cliId"])}
        assert after == before


APPROVE_MATRIX = [
    ("anonymous", "UNAUTHENTICATED"),
    ("staff_without_permission", "PERMISSION_DENIED"),
    ("api_key_without_permission", "PERMISSION_DENIED"),
    ("partner_own_reseller", "PERMISSION_DENIED"),  # the Partner role holds no clis:approve
    ("user_of_other_account", "NOT_FOUND"),
    ("administrator", "allowed"),
    ("api_key_with_permission", "allowed"),
    *PORTAL_CLOSED_TO,
]


@pytest.mark.parametrize(("principal", "outcome"), APPROVE_MATRIX)
async def test_cli_approve(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(world, principal, APPROVE, {"input": {"cliId": cli_id(world)}})

    payload = body["data"]["cliApprove"]
    if outcome == "allowed":
        assert payload == {"cli": {"number": NUMBER, "status": "APPROVED", "attestation": None}, "errors": []}
        assert (await Cli.get(id=world.cli.id)).status is CliStatus.APPROVED
    else:
        assert payload == {"cli": None, "errors": refusal(outcome, ["input", "cliId"])}
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), UPDATE_MATRIX + PORTAL)
async def test_cli_verification_call(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(world, principal, CALL, {"input": {"cliId": cli_id(world)}})

    payload = body["data"]["cliVerificationCall"]
    if outcome == "allowed":
        assert payload == {"cli": {"number": NUMBER, "status": "PENDING", "attestation": None}, "errors": []}
        assert (await Cli.get(id=world.cli.id)).code_hash is not None
    else:
        assert payload == {"cli": None, "errors": refusal(outcome, ["input", "cliId"])}
        assert after == before


NO_CODE = {
    "code": "INVALID_CODE",
    "message": "No code was sent: place a verification call first.",
    "field": ["input", "code"],
}


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX + PORTAL)
async def test_cli_verify(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(
        world, principal, VERIFY, {"input": {"cliId": cli_id(world), "code": "123456"}}
    )

    # past authorization, the check of the code itself: no call was placed yet
    errors = [NO_CODE] if outcome == "allowed" else refusal(outcome, ["input", "cliId"])
    assert body["data"]["cliVerify"] == {"cli": None, "errors": errors}
    assert after == before


CHANGE = "scheduledChange { kind status effectiveAt targetType targetId customerId patch valuesWhenScheduled overwrite reason }"
LATER_ADD = (
    "mutation($input: CliAddInput!) { cliAdd(input: $input) "
    f"{{ cli {{ number }} {CHANGE} errors {{ field code message }} }} }}"
)
LATER_UPDATE = (
    "mutation($input: CliUpdateInput!) { cliUpdate(input: $input) "
    f"{{ cli {{ number attestation }} {CHANGE} errors {{ field code message }} }} }}"
)
PORTAL_CANNOT_SCHEDULE = [
    {
        "code": "FORBIDDEN",
        "message": "The customer portal cannot schedule changes.",
        "field": ["input", "effectiveAt"],
    }
]


def in_two_days() -> datetime:
    return (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@pytest.mark.parametrize(
    ("principal", "outcome"),
    [*WRITE_MATRIX, ("portal_own_customer", "PORTAL"), ("portal_other_customer", "PORTAL")],
)
async def test_cli_add_later(world: World, principal: str, outcome: str) -> None:
    when = in_two_days()
    values = {
        "customerId": global_id("Customer", world.acme.id),
        "number": NEW_NUMBER,
        "effectiveAt": iso(when),
        "reason": "new trunk",
    }

    body, before, after = await run(world, principal, LATER_ADD, {"input": values})

    payload = body["data"]["cliAdd"]
    if outcome == "allowed":
        assert payload == {
            "cli": None,
            "scheduledChange": {
                "kind": "CLI_ADD",
                "status": "PENDING",
                "effectiveAt": when.isoformat(),
                "targetType": "Cli",
                "targetId": None,
                "customerId": global_id("Customer", world.acme.id),
                "patch": {"number": NEW_NUMBER},
                "valuesWhenScheduled": {},
                "overwrite": False,
                "reason": "new trunk",
            },
            "errors": [],
        }
        assert await Cli.filter(customer_id=world.acme.id).count() == 1
        assert await ScheduledChange.filter(kind=ScheduledChangeKind.CLI_ADD).count() == 1
    else:
        errors = PORTAL_CANNOT_SCHEDULE if outcome == "PORTAL" else refusal(outcome, ["input", "customerId"])
        assert payload == {"cli": None, "scheduledChange": None, "errors": errors}
        assert after == before


@pytest.mark.parametrize(
    ("principal", "outcome"),
    WRITE_MATRIX + PORTAL_CLOSED_TO,
)
async def test_cli_update_later(world: World, principal: str, outcome: str) -> None:
    when = in_two_days()
    values = {"id": cli_id(world), "attestation": "A", "effectiveAt": iso(when), "overwrite": True}

    body, before, after = await run(world, principal, LATER_UPDATE, {"input": values})

    payload = body["data"]["cliUpdate"]
    if outcome == "allowed":
        assert payload == {
            "cli": {"number": NUMBER, "attestation": None},
            "scheduledChange": {
                "kind": "CLI_UPDATE",
                "status": "PENDING",
                "effectiveAt": when.isoformat(),
                "targetType": "Cli",
                "targetId": cli_id(world),
                "customerId": global_id("Customer", world.acme.id),
                "patch": {"attestation": "A"},
                "valuesWhenScheduled": {str(world.cli.id): {"attestation": None}},
                "overwrite": True,
                "reason": None,
            },
            "errors": [],
        }
        assert (await Cli.get(id=world.cli.id)).attestation is None
        assert await ScheduledChange.filter(status=ScheduledChangeStatus.PENDING).count() == 1
    else:
        assert payload == {"cli": None, "scheduledChange": None, "errors": refusal(outcome, ["input", "id"])}
        assert after == before


async def test_an_effective_at_in_the_past_adds_the_cli_at_once(world: World) -> None:
    values = {
        "customerId": global_id("Customer", world.acme.id),
        "number": NEW_NUMBER,
        "effectiveAt": iso(datetime.now(UTC) - timedelta(minutes=5)),
    }

    body, _, _ = await run(world, "administrator", LATER_ADD, {"input": values})

    assert body["data"]["cliAdd"]["cli"] == {"number": NEW_NUMBER}
    assert body["data"]["cliAdd"]["scheduledChange"] is None
    assert not await ScheduledChange.exists()


CLIS = "query($id: ID!) { customer(id: $id) { clis { number status } } }"


@pytest.mark.parametrize(
    ("principal", "shown"),
    [
        ("administrator", True),
        ("partner_own_reseller", True),
        ("partner_other_reseller", False),
        ("portal_own_customer", True),
        ("portal_other_customer", False),
    ],
)
async def test_customer_clis(world: World, principal: str, shown: bool) -> None:
    token = await world.token(principal)

    body = await gql(world.client, CLIS, {"id": global_id("Customer", world.acme.id)}, token=token)

    expected = {"clis": [{"number": NUMBER, "status": "PENDING"}]} if shown else None
    assert body["data"] == {"customer": expected}


CUSTOMERS_WITH_CLIS = (
    "query($first: Int!) { customers(first: $first) { edges { node { name clis { number } } } } }"
)


async def test_customers_with_their_clis_cost_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, sql_counter: SqlCounter
) -> None:
    # Given 10 customers with 0 to 2 caller ids each
    account = await make_account()
    admin = await make_principal(client, account)
    system = system_actor(account.id)
    for index in range(10):
        customer = await make_customer(account, name=f"Customer {index:02}")
        for number in range(index % 3):
            await add_cli(system, customer.id, f"+1415555{index:02}{number:02}")

    async def statements(first: int) -> tuple[int, Any]:
        sql_counter.reset()
        body = await gql(client, CUSTOMERS_WITH_CLIS, {"first": first}, admin.token)
        assert "errors" not in body, body
        return sql_counter.count, body["data"]["customers"]["edges"]

    (small, _), (large, edges) = await statements(2), await statements(10)

    # Then: the session, the page, the caller ids of every customer on it
    assert small == large == 3, sql_counter.statements
    by_name = {edge["node"]["name"]: edge["node"]["clis"] for edge in edges}
    assert by_name["Customer 05"] == [{"number": "+14155550500"}, {"number": "+14155550501"}]
    assert sum(len(found) for found in by_name.values()) == sum(i % 3 for i in range(10))
