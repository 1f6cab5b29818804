"""Delay and Save over GraphQL: who may schedule, cancel and read the Delay Log (one
parametrized test per operation), the typed errors, an effectiveAt in the past, and the Delay
Log's constant statement count.

The account has resellers A and B; customer Acme (reseller A, debit limit 10) has one pending
change (debit limit to 50, in an hour); Bravo belongs to reseller B; another account has its
own administrator. A refused call changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import Account, Customer, ScheduledChange
from models.enums import ActorKind, Permission, ScheduledChangeKind, ScheduledChangeStatus
from services.actor import Actor, system_actor
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError
from services.scheduled_changes.commands import Request, schedule
from tests.client import Principals, global_id, gql
from tests.conftest import SqlCounter
from tests.factories import Principal, db_state, make_account, make_customer, make_reseller, refused
from tests.gql.numbers.matrix import WRITE_MATRIX, refused_with

CHANGE = "scheduledChange { kind status effectiveAt patch valuesWhenScheduled overwrite reason }"
UPDATE = (
    "mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) "
    f"{{ customer {{ debitLimit }} {CHANGE} errors {{ field code message }} }} }}"
)
CANCEL = (
    "mutation($input: ScheduledChangeCancelInput!) { scheduledChangeCancel(input: $input) "
    "{ scheduledChange { status } errors { field code message } } }"
)
RESCHEDULE = (
    "mutation($input: ScheduledChangeRescheduleInput!) { scheduledChangeReschedule(input: $input) "
    "{ scheduledChange { status effectiveAt } errors { field code message } } }"
)
PENALIZE = (
    "mutation($input: CustomerPenalizeInput!) { customerPenalize(input: $input) "
    "{ customer { status penaltyUntil penaltyReason } scheduledChange { kind status } errors { field code message } } }"
)
LOG = "query($where: ScheduledChangeWhere) { scheduledChanges(where: $where) { totalCount edges { node { kind customerId } } } }"


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    acme: Customer
    change: ScheduledChange
    principals: Principals

    async def token(self, principal: str) -> str | None:
        return await self.principals.token(
            principal,
            key_with=[Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE],
            key_without=[Permission.CUSTOMERS_READ],
        )


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other_account = await make_account(), await make_account()
    reseller_a, reseller_b = await make_reseller(account, "A"), await make_reseller(account, "B")
    acme = await make_customer(account, name="Acme", reseller_id=reseller_a.id, debit_limit=Decimal(10))
    await make_customer(account, name="Bravo", reseller_id=reseller_b.id)
    request = Request.of(
        ScheduledChangeKind.CUSTOMER_UPDATE, CustomerPatch(debit_limit=Decimal(50)), target_id=acme.id
    )
    change = await schedule(system_actor(account.id), request, datetime.now(UTC) + timedelta(hours=1))
    principals = Principals(client, account, other_account, reseller_a, reseller_b)
    return World(client, account, acme, change, principals)


async def run(world: World, principal: str, query: str, variables: dict[str, Any]) -> tuple[Any, Any, Any]:
    token = await world.token(principal)
    before = await db_state()
    body = await gql(world.client, query, variables, token=token)
    return body, before, await db_state()


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_scheduling_a_customer_update(world: World, principal: str, outcome: str) -> None:
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    values = {
        "id": global_id("Customer", world.acme.id),
        "channels": 7,
        "effectiveAt": iso(when),
        "reason": "later",
    }

    body, before, after = await run(world, principal, UPDATE, {"input": values})

    payload = body["data"]["customerUpdate"]
    if outcome == "allowed":
        assert payload == {
            "customer": {"debitLimit": "10.00"},
            "scheduledChange": {
                "kind": "CUSTOMER_UPDATE",
                "status": "PENDING",
                "effectiveAt": when.isoformat(),
                "patch": {"channels": 7},
                "valuesWhenScheduled": {str(world.acme.id): {"channels": 0}},
                "overwrite": False,
                "reason": "later",
            },
            "errors": [],
        }
        assert (await Customer.get(id=world.acme.id)).channels == 0
        assert await ScheduledChange.filter(status=ScheduledChangeStatus.PENDING).count() == 2
    else:
        assert payload == {
            "customer": None,
            "scheduledChange": None,
            "errors": refused_with(outcome, "Customer", ["input", "id"]),
        }
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_cancelling_a_scheduled_change(world: World, principal: str, outcome: str) -> None:
    values = {"id": global_id("ScheduledChange", world.change.id), "reason": "not needed"}

    body, before, after = await run(world, principal, CANCEL, {"input": values})

    payload = body["data"]["scheduledChangeCancel"]
    if outcome == "allowed":
        assert payload == {"scheduledChange": {"status": "CANCELLED"}, "errors": []}
    else:
        assert payload == {
            "scheduledChange": None,
            "errors": refused_with(outcome, "Scheduled change", ["input", "id"]),
        }
        assert after == before


@pytest.mark.parametrize(
    ("principal", "seen"),
    [
        ("administrator", 1),
        ("partner_own_reseller", 1),
        ("partner_other_reseller", 0),
        ("user_of_other_account", 0),
        ("api_key_without_permission", 1),  # customers:read is what the Delay Log needs
    ],
)
async def test_reading_the_delay_log(world: World, principal: str, seen: int) -> None:
    body = await gql(world.client, LOG, {}, token=await world.token(principal))
    assert body["data"]["scheduledChanges"]["totalCount"] == seen
    if seen:
        assert body["data"]["scheduledChanges"]["edges"][0]["node"] == {
            "kind": "CUSTOMER_UPDATE",
            "customerId": global_id("Customer", world.acme.id),
        }


async def test_typed_errors_of_scheduling(world: World) -> None:
    token = await world.token("administrator")
    customer = global_id("Customer", world.acme.id)
    too_far = iso(datetime.now(UTC) + timedelta(days=400))
    before = await db_state()
    body = await gql(
        world.client, UPDATE, {"input": {"id": customer, "channels": 1, "effectiveAt": too_far}}, token
    )
    assert body["data"]["customerUpdate"]["errors"] == [
        {
            "field": ["input", "effectiveAt"],
            "code": "TOO_FAR_AHEAD",
            "message": "A change can be scheduled at most 366 days ahead.",
        }
    ]
    later = iso(datetime.now(UTC) + timedelta(hours=3))
    body = await gql(
        world.client, UPDATE, {"input": {"id": customer, "channels": -1, "effectiveAt": later}}, token
    )
    assert [e["code"] for e in body["data"]["customerUpdate"]["errors"]] == ["INVALID"]
    assert await db_state() == before

    await gql(world.client, CANCEL, {"input": {"id": global_id("ScheduledChange", world.change.id)}}, token)
    body = await gql(
        world.client,
        RESCHEDULE,
        {"input": {"id": global_id("ScheduledChange", world.change.id), "effectiveAt": later}},
        token,
    )
    assert body["data"]["scheduledChangeReschedule"]["errors"] == [
        {
            "field": ["input", "id"],
            "code": "NOT_PENDING",
            "message": "Only a pending change can be changed; this one is CANCELLED.",
        }
    ]


async def test_an_effective_at_in_the_past_applies_at_once(world: World) -> None:
    token = await world.token("administrator")
    past = iso(datetime.now(UTC) - timedelta(minutes=5))
    values = {"id": global_id("Customer", world.acme.id), "debitLimit": "25", "effectiveAt": past}
    body = await gql(world.client, UPDATE, {"input": values}, token)
    assert body["data"]["customerUpdate"]["customer"] == {"debitLimit": "25.00"}
    assert body["data"]["customerUpdate"]["scheduledChange"] is None


async def test_a_penalty_over_graphql_is_a_pending_lift_in_the_delay_log(world: World) -> None:
    token = await world.token("administrator")
    until = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    values = {"customerId": global_id("Customer", world.acme.id), "until": iso(until), "reason": "chargeback"}
    body = await gql(world.client, PENALIZE, {"input": values}, token)
    assert body["data"]["customerPenalize"] == {
        "customer": {"status": "PENALTY", "penaltyUntil": until.isoformat(), "penaltyReason": "chargeback"},
        "scheduledChange": {"kind": "PENALTY_LIFT", "status": "PENDING"},
        "errors": [],
    }
    log = await gql(world.client, LOG, {"where": {"kind": {"eq": "PENALTY_LIFT"}}}, token)
    assert log["data"]["scheduledChanges"]["totalCount"] == 1


async def test_the_portal_cannot_schedule(account: Account) -> None:
    customer = await make_customer(account)
    contact_actor = Actor(
        account_id=account.id,
        kind=ActorKind.CONTACT,
        label="Alice",
        permissions=frozenset(Permission),
        customer_id=customer.id,
        contact_id=1,
    )
    request = Request.of(
        ScheduledChangeKind.CUSTOMER_UPDATE, CustomerPatch(channels=2), target_id=customer.id
    )
    assert await refused(schedule(contact_actor, request, datetime.now(UTC) + timedelta(hours=1))) == [
        FieldError(ErrorCode.FORBIDDEN, "The customer portal cannot schedule changes.", ("effective_at",))
    ]


PAGE = (
    "query($first: Int) { scheduledChanges(first: $first, sortBy: [{field: EFFECTIVE_AT, direction: DESC}]) "
    "{ totalCount edges { node { id kind status effectiveAt patch customerId } } } "
    "customers(first: $first) { edges { node { name scheduledChanges { kind effectiveAt } } } } }"
)


async def test_the_delay_log_costs_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    soon = datetime.now(UTC) + timedelta(hours=1)
    for index in range(12):
        customer = await make_customer(account, name=f"Customer {index:02}")
        for hours in range(index % 3):
            request = Request.of(
                ScheduledChangeKind.CUSTOMER_UPDATE, CustomerPatch(channels=hours + 1), target_id=customer.id
            )
            await schedule(system_actor(account.id), request, soon + timedelta(hours=hours))

    counts = []
    for first in (2, 30):
        sql_counter.reset()
        body = await gql(client, PAGE, {"first": first}, admin.token)
        assert "errors" not in body, body
        counts.append(sql_counter.count)
    # the session; the log's page and count; the customers' page and their pending changes
    assert counts == [5, 5], sql_counter.statements
    assert body["data"]["scheduledChanges"]["totalCount"] == 12
    nodes = [edge["node"] for edge in body["data"]["customers"]["edges"]]
    assert [len(node["scheduledChanges"]) for node in nodes] == [i % 3 for i in range(12)]
