"""IP authentication through the API: typed errors for every field, Customer.ipAuths and the
switch's lookups at a constant number of statements, and claims racing each other."""

from __future__ import annotations

import asyncio
import ipaddress
from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import Account, ConferenceRoom, Customer, IpAuth, SipUser
from models.enums import Permission
from services.actor import system_actor
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth
from services.numbers.sip_users import SipUserPatch, create_sip_user
from tests.client import global_id, gql, refusal, refusals
from tests.conftest import SqlCounter
from tests.factories import Principal, db_state, make_api_key, make_customer

CREATE = (
    "mutation($input: IpAuthCreateInput!) { ipAuthCreate(input: $input) { "
    "ipAuth { id address techPrefix extension channels cps notes } errors { field code message } } }"
)
ROOM_CREATE = (
    "mutation($input: ConferenceRoomCreateInput!) { conferenceRoomCreate(input: $input) { "
    "conferenceRoom { extension } errors { field code message } } }"
)
SIP_CREATE = (
    "mutation($input: SipUserCreateInput!) { sipUserCreate(input: $input) { "
    "sipUser { username } errors { field code message } } }"
)
LOOKUP = (
    "query($ip: String!, $p: String) { customerAuthLookup(ip: $ip, techPrefix: $p) { "
    "customerId customerName status channels cps customerChannels flowSpeed currency balance debitLimit "
    "ipAuth { address techPrefix } } }"
)
BY_SIP_USER = "query($u: String!) { customerAuthLookupBySipUser(username: $u) { customerName channels cps sipUser { username } } }"
CUSTOMERS_WITH_IP_AUTHS = "query($first: Int!) { customers(first: $first) { edges { node { name ipAuths { address extension } } } } }"


async def create(client: httpx.AsyncClient, token: str, customer: Customer, **fields: Any) -> dict[str, Any]:
    values = {"customerId": global_id("Customer", customer.id), "address": "192.0.2.1", **fields}
    body = await gql(client, CREATE, {"input": values}, token)
    payload: dict[str, Any] = body["data"]["ipAuthCreate"]
    return payload


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"address": "192.0.2.256"}, ("address", "INVALID")),
        ({"address": "  "}, ("address", "INVALID")),
        ({"address": "fe80::1%eth0/64x"}, ("address", "INVALID")),
        ({"techPrefix": "12 34"}, ("techPrefix", "INVALID")),
        ({"techPrefix": "1" * 21}, ("techPrefix", "INVALID")),
        ({"extension": "abc"}, ("extension", "INVALID")),
        ({"extension": "-5"}, ("extension", "INVALID")),
        ({"extension": "9" * 20}, ("extension", "INVALID")),
        ({"channels": -1}, ("channels", "INVALID")),
        ({"channels": 31}, ("channels", "ABOVE_CUSTOMER_LIMIT")),
        ({"cps": -1}, ("cps", "INVALID")),
        ({"cps": 11}, ("cps", "ABOVE_CUSTOMER_LIMIT")),
        ({"notes": "x" * 1001}, ("notes", "INVALID")),
        ({"notes": "nul\u0000byte"}, ("notes", "INVALID")),
    ],
)
async def test_every_bad_field_is_a_typed_error_and_nothing_is_written(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    fields: dict[str, Any],
    error: tuple[str, str],
) -> None:
    customer = await make_customer(account, channels=30, flow_speed=10)
    before = await db_state()

    payload = await create(client, admin.token, customer, **fields)

    assert payload["ipAuth"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(["input", error[0]], error[1])]
    assert await db_state() == before


async def test_create_answers_the_clean_values_and_the_node_reads_them_back(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    customer = await make_customer(account, channels=30, flow_speed=10)

    payload = await create(
        client,
        admin.token,
        customer,
        address="2001:DB8:0:0::/48",
        techPrefix="9#",
        extension="42",
        channels=3,
    )
    node = await gql(
        client,
        "query($id: ID!) { node(id: $id) { ... on IpAuth { address extension } } }",
        {"id": payload["ipAuth"]["id"]},
        admin.token,
    )

    assert payload == {
        "ipAuth": {
            "id": payload["ipAuth"]["id"],
            "address": "2001:db8::/48",
            "techPrefix": "9#",
            "extension": "42",
            "channels": 3,
            "cps": 0,
            "notes": None,
        },
        "errors": [],
    }
    assert node["data"] == {"node": {"address": "2001:db8::/48", "extension": "42"}}


async def test_customers_with_their_ip_auths_cost_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    # Given 12 customers with 0 to 3 IP authentications each
    system = system_actor(account.id)
    for index in range(12):
        customer = await make_customer(account, name=f"Customer {index:02}")
        for number in range(index % 4):
            await create_ip_auth(system, customer.id, IpAuthPatch(address=f"10.{index}.{number}.0/24"))

    async def statements(first: int) -> tuple[int, Any]:
        sql_counter.reset()
        body = await gql(client, CUSTOMERS_WITH_IP_AUTHS, {"first": first}, admin.token)
        assert "errors" not in body, body
        return sql_counter.count, body["data"]["customers"]["edges"]

    (small, _), (large, edges) = await statements(2), await statements(12)

    # Then: the session, the page, the IP authentications of every customer on it
    assert small == large == 3, sql_counter.statements
    by_name = {edge["node"]["name"]: edge["node"]["ipAuths"] for edge in edges}
    assert by_name["Customer 03"] == [{"address": f"10.3.{n}.0/24", "extension": None} for n in range(3)]
    assert sum(len(auths) for auths in by_name.values()) == sum(i % 4 for i in range(12))


async def switch_key(account: Account) -> str:
    return await make_api_key(account, "Switch", [Permission.SWITCH_READ])


async def test_the_lookup_prefers_the_exact_prefix_then_the_narrowest_network(
    client: httpx.AsyncClient, account: Account
) -> None:
    # Given Wide (10.0.0.0/8 without prefix, 10.1.0.0/16 with prefix 55, 10.2.0.0/16), two
    # customers on 172.16.0.0/12 told apart by their prefixes, and Six (an IPv6 /64)
    system, key = system_actor(account.id), await switch_key(account)
    wide = await make_customer(account, name="Wide", channels=40, flow_speed=8, debit_limit=Decimal("12.5"))
    await create_ip_auth(system, wide.id, IpAuthPatch(address="10.0.0.0/8", channels=10))
    await create_ip_auth(system, wide.id, IpAuthPatch(address="10.1.0.0/16", tech_prefix="55"))
    await create_ip_auth(system, wide.id, IpAuthPatch(address="10.2.0.0/16"))
    for name, prefix in (("Tagged 55", "55"), ("Tagged 66", "66")):
        tagged = await make_customer(account, name=name)
        await create_ip_auth(system, tagged.id, IpAuthPatch(address="172.16.0.0/12", tech_prefix=prefix))
    six = await make_customer(account, name="Six")
    await create_ip_auth(system, six.id, IpAuthPatch(address="2001:db8:1::/64"))

    async def who(ip: str, prefix: str | None = None) -> Any:
        body = await gql(client, LOOKUP, {"ip": ip, "p": prefix}, key)
        assert "errors" not in body, body
        found = body["data"]["customerAuthLookup"]
        return found and (found["customerName"], found["ipAuth"]["address"])

    # Then
    assert await who("10.1.2.3", "55") == ("Wide", "10.1.0.0/16")
    assert await who("10.1.2.3") == ("Wide", "10.0.0.0/8")
    assert await who("10.1.2.3", "56") == ("Wide", "10.0.0.0/8")
    assert await who("10.2.9.9") == ("Wide", "10.2.0.0/16")
    assert await who("::ffff:10.9.9.9") == ("Wide", "10.0.0.0/8")
    assert await who("172.16.5.5", "55") == ("Tagged 55", "172.16.0.0/12")
    assert await who("172.16.5.5", "66") == ("Tagged 66", "172.16.0.0/12")
    assert await who("172.16.5.5") is None
    assert await who("2001:db8:1::abcd") == ("Six", "2001:db8:1::/64")
    assert await who("2001:db8:2::1") is None
    assert await who("11.0.0.1") is None
    full = await gql(client, LOOKUP, {"ip": "10.200.0.1"}, key)
    assert full["data"]["customerAuthLookup"] == {
        "customerId": global_id("Customer", wide.id),
        "customerName": "Wide",
        "status": "ACTIVE",
        "channels": 10,
        "cps": 8,
        "customerChannels": 40,
        "flowSpeed": 8,
        "currency": "EUR",
        "balance": "0.00",
        "debitLimit": "12.50",
        "ipAuth": {"address": "10.0.0.0/8", "techPrefix": None},
    }


@pytest.mark.parametrize(
    ("variables", "message", "argument"),
    [
        ({"ip": "10.0.0.0/8"}, "'10.0.0.0/8' is not an IP address.", ["ip"]),
        ({"ip": "nope"}, "'nope' is not an IP address.", ["ip"]),
        (
            {"ip": "10.0.0.1", "p": "5 5"},
            "Up to 20 digits, letters, '#', '*' or '+'.",
            ["techPrefix"],
        ),
    ],
)
async def test_a_bad_lookup_argument_is_a_coded_error(
    client: httpx.AsyncClient, account: Account, variables: dict[str, Any], message: str, argument: list[str]
) -> None:
    body = await gql(client, LOOKUP, variables, await switch_key(account))

    assert body["data"] == {"customerAuthLookup": None}
    assert refusals(body) == [refusal(message, "BAD_USER_INPUT", "customerAuthLookup", argument=argument)]


async def test_lookups_cost_the_same_statements_whatever_the_number_of_rows(
    client: httpx.AsyncClient, account: Account, sql_counter: SqlCounter
) -> None:
    key = await switch_key(account)
    system = system_actor(account.id)
    target = await make_customer(account, name="Target")
    await create_ip_auth(system, target.id, IpAuthPatch(address="203.0.113.0/24"))
    await create_sip_user(system, target.id, SipUserPatch(username="target", password="long-secret-1"))

    async def statements() -> list[int]:
        counts = []
        for query, variables in ((LOOKUP, {"ip": "203.0.113.9"}), (BY_SIP_USER, {"u": "target"})):
            sql_counter.reset()
            body = await gql(client, query, variables, key)
            assert "errors" not in body and all(body["data"].values()), body
            counts.append(sql_counter.count)
        return counts

    few = await statements()
    filler = await make_customer(account)
    rows = [
        IpAuth(
            account_id=account.id,
            customer_id=filler.id,
            address=f"{ipaddress.ip_address(167772160 + i * 4)}/30",
            range_start=f"{(0xFFFF << 32) + 167772160 + i * 4:039d}",
            range_end=f"{(0xFFFF << 32) + 167772160 + i * 4 + 3:039d}",
        )
        for i in range(300)
    ]
    await IpAuth.bulk_create(rows)
    for n in range(20):
        await create_sip_user(
            system, filler.id, SipUserPatch(username=f"filler{n}", password="long-secret-1")
        )
    many = await statements()

    # the API key, then the one lookup statement (the match joined to its customer)
    assert few == many == [2, 2], sql_counter.statements


async def test_100_concurrent_overlapping_claims_leave_no_overlap(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    customers = [await make_customer(account) for _ in range(10)]
    # nested and overlapping networks of 10.0.0.0/16, each by another customer
    networks = [f"10.0.{i % 7}.0/{24 - i % 3}" for i in range(100)]

    payloads = await asyncio.gather(
        *(create(client, admin.token, customers[i % 10], address=networks[i]) for i in range(100))
    )

    codes = [tuple(e["code"] for e in p["errors"]) for p in payloads]
    assert set(codes) <= {(), ("IP_RANGE_OVERLAP",)}
    rows = await IpAuth.filter(account_id=account.id)
    assert len(rows) == codes.count(())
    for a in rows:
        for b in rows:
            if a.customer_id != b.customer_id:
                assert not ipaddress.ip_network(a.address).overlaps(ipaddress.ip_network(b.address))


async def test_50_concurrent_claims_of_one_extension_across_every_kind_have_one_winner(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    customers = [await make_customer(account) for _ in range(5)]

    async def claim(i: int) -> list[dict[str, Any]]:
        customer_id = global_id("Customer", customers[i % 5].id)
        if i % 3 == 0:
            payload = await create(
                client, admin.token, customers[i % 5], address=f"192.0.2.{i}", extension="7000"
            )
            return list(payload["errors"])
        if i % 3 == 1:
            body = await gql(
                client, ROOM_CREATE, {"input": {"customerId": customer_id, "extension": "7000"}}, admin.token
            )
            return list(body["data"]["conferenceRoomCreate"]["errors"])
        values = {"customerId": customer_id, "username": "7000", "password": "long-secret-1"}
        body = await gql(client, SIP_CREATE, {"input": values}, admin.token)
        return list(body["data"]["sipUserCreate"]["errors"])

    results = await asyncio.gather(*(claim(i) for i in range(50)))

    codes = [tuple(e["code"] for e in errors) for errors in results]
    assert codes.count(()) == 1
    assert set(codes) - {()} <= {("DUPLICATE_EXTENSION",), ("DUPLICATE_SIP_USER",)}
    held = [
        await SipUser.filter(account_id=account.id).count(),
        await IpAuth.filter(account_id=account.id).count(),
        await ConferenceRoom.filter(account_id=account.id).count(),
    ]
    assert sum(held) == 1
