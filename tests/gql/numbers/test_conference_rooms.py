"""Conference rooms through the API: who may create, change and delete them (one parametrized
test per operation, the principals of the authorization tests), typed errors for every field,
and Customer.conferenceRooms at a constant number of statements."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Account, ConferenceRoom, Customer
from models.enums import Permission
from services.actor import system_actor
from services.numbers.conference_rooms import ConferenceRoomPatch, create_conference_room
from tests.client import Principals, global_id, gql
from tests.conftest import SqlCounter
from tests.factories import Principal, db_state, make_account, make_customer, make_reseller
from tests.gql.numbers.matrix import WRITE_MATRIX, refused_with

ROOM = "conferenceRoom { extension name pinSet maxParticipants recording } errors { field code message }"
CREATE = (
    f"mutation($input: ConferenceRoomCreateInput!) {{ conferenceRoomCreate(input: $input) {{ {ROOM} }} }}"
)
UPDATE = (
    f"mutation($input: ConferenceRoomUpdateInput!) {{ conferenceRoomUpdate(input: $input) {{ {ROOM} }} }}"
)
DELETE = (
    f"mutation($input: ConferenceRoomDeleteInput!) {{ conferenceRoomDelete(input: $input) {{ {ROOM} }} }}"
)


async def world(client: httpx.AsyncClient) -> tuple[Principals, Customer, ConferenceRoom]:
    """Acme (reseller A) with room 500 (PIN 1234); Bravo of reseller B; another account."""
    account, other = await make_account(), await make_account()
    own, theirs = await make_reseller(account, "A"), await make_reseller(account, "B")
    acme = await make_customer(account, name="Acme", reseller_id=own.id)
    await make_customer(account, name="Bravo", reseller_id=theirs.id)
    room = await create_conference_room(
        system_actor(account.id),
        acme.id,
        ConferenceRoomPatch(extension="500", pin="1234", max_participants=8),
    )
    return Principals(client, account, other, own, theirs), acme, room


async def run(client: httpx.AsyncClient, principal: str, query: str, values: dict[str, Any]) -> Any:
    principals, acme, room = await world(client)
    token = await principals.token(
        principal,
        key_with=[Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE],
        key_without=[Permission.CUSTOMERS_READ],
    )
    ids = {"customer": global_id("Customer", acme.id), "room": global_id("ConferenceRoom", room.id)}
    variables = {
        "input": {
            key: ids.get(value, value) if key in ("id", "customerId") else value
            for key, value in values.items()
        }
    }
    before = await db_state()
    body = await gql(client, query, variables, token)
    return next(iter(body["data"].values())), before, await db_state()


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_conference_room_create(client: httpx.AsyncClient, principal: str, outcome: str) -> None:
    values = {"customerId": "customer", "extension": "501", "name": "Sales", "recording": True}

    payload, before, after = await run(client, principal, CREATE, values)

    if outcome == "allowed":
        assert payload == {
            "conferenceRoom": {
                "extension": "501",
                "name": "Sales",
                "pinSet": False,
                "maxParticipants": 0,
                "recording": True,
            },
            "errors": [],
        }
    else:
        assert payload == {
            "conferenceRoom": None,
            "errors": refused_with(outcome, "Customer", ["input", "customerId"]),
        }
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_conference_room_update(client: httpx.AsyncClient, principal: str, outcome: str) -> None:
    payload, before, after = await run(
        client, principal, UPDATE, {"id": "room", "pin": None, "name": "Board"}
    )

    if outcome == "allowed":
        assert payload == {
            "conferenceRoom": {
                "extension": "500",
                "name": "Board",
                "pinSet": False,
                "maxParticipants": 8,
                "recording": False,
            },
            "errors": [],
        }
    else:
        assert payload == {
            "conferenceRoom": None,
            "errors": refused_with(outcome, "Conference room", ["input", "id"]),
        }
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_conference_room_delete(client: httpx.AsyncClient, principal: str, outcome: str) -> None:
    payload, before, after = await run(client, principal, DELETE, {"id": "room"})

    if outcome == "allowed":
        assert payload["errors"] == []
        assert payload["conferenceRoom"]["extension"] == "500"
        assert await ConferenceRoom.all().count() == 0
    else:
        assert payload == {
            "conferenceRoom": None,
            "errors": refused_with(outcome, "Conference room", ["input", "id"]),
        }
        assert after == before


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"extension": "1x"}, ("extension", "INVALID")),
        ({"extension": ""}, ("extension", "INVALID")),
        ({"name": "n" * 201}, ("name", "INVALID")),
        ({"pin": "123"}, ("pin", "INVALID")),
        ({"pin": "1234567890123"}, ("pin", "INVALID")),
        ({"maxParticipants": -1}, ("maxParticipants", "INVALID")),
        ({"maxParticipants": 2**31}, ("maxParticipants", "INVALID")),
    ],
)
async def test_every_bad_field_is_a_typed_error_and_nothing_is_written(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    fields: dict[str, Any],
    error: tuple[str, str],
) -> None:
    customer = await make_customer(account)
    values = {"customerId": global_id("Customer", customer.id), "extension": "700", **fields}
    before = await db_state()

    body = await gql(client, CREATE, {"input": values}, admin.token)

    if error[0] == "maxParticipants" and fields["maxParticipants"] >= 2**31:
        # beyond GraphQL's Int: refused before any resolver, at the variable
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    else:
        errors = body["data"]["conferenceRoomCreate"]["errors"]
        assert [(e["field"], e["code"]) for e in errors] == [(["input", error[0]], error[1])]
    assert await db_state() == before


async def test_customers_with_their_rooms_cost_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    system = system_actor(account.id)
    for index in range(8):
        customer = await make_customer(account, name=f"Customer {index}")
        for number in range(index % 3):
            await create_conference_room(
                system, customer.id, ConferenceRoomPatch(extension=f"{index}{number}0")
            )
    query = "query($first: Int!) { customers(first: $first) { edges { node { name conferenceRooms { extension } } } } }"

    counts = []
    for first in (2, 8):
        sql_counter.reset()
        body = await gql(client, query, {"first": first}, admin.token)
        assert "errors" not in body, body
        counts.append(sql_counter.count)

    assert counts == [3, 3], sql_counter.statements
    rooms = {
        edge["node"]["name"]: edge["node"]["conferenceRooms"] for edge in body["data"]["customers"]["edges"]
    }
    assert rooms["Customer 5"] == [{"extension": "500"}, {"extension": "510"}]
