"""Who may create, change and delete IP authentications, and who may ask the switch's lookups:
one parametrized test per operation.

The account has resellers A and B; customer Acme (reseller A) holds 192.0.2.0/24 with tech
prefix 77 and the SIP user acme-pbx; Bravo belongs to reseller B; another account has its own
administrator. Writes need customers:write within the principal's customers; the lookups need
switch:read. A refused call changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, Customer, IpAuth, Reseller
from models.enums import Permission
from services.actor import system_actor
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth
from services.numbers.sip_users import SipUserPatch, create_sip_user
from tests.client import Principals, global_id, gql, refusal, refusals
from tests.factories import db_state, make_account, make_customer, make_reseller
from tests.gql.numbers.matrix import MESSAGES, WRITE_MATRIX, refused_with

PAYLOAD = "ipAuth { address techPrefix extension channels cps notes } errors { field code message }"
CREATE = f"mutation($input: IpAuthCreateInput!) {{ ipAuthCreate(input: $input) {{ {PAYLOAD} }} }}"
UPDATE = f"mutation($input: IpAuthUpdateInput!) {{ ipAuthUpdate(input: $input) {{ {PAYLOAD} }} }}"
DELETE = f"mutation($input: IpAuthDeleteInput!) {{ ipAuthDelete(input: $input) {{ {PAYLOAD} }} }}"
LOOKUP_FIELDS = "customerName status channels cps ipAuth { address } sipUser { username }"
BY_ADDRESS = (
    f"query($ip: String!, $p: String) {{ customerAuthLookup(ip: $ip, techPrefix: $p) {{ {LOOKUP_FIELDS} }} }}"
)
BY_SIP_USER = f"query($u: String!) {{ customerAuthLookupBySipUser(username: $u) {{ {LOOKUP_FIELDS} }} }}"


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    other_account: Account
    reseller_a: Reseller
    reseller_b: Reseller
    acme: Customer
    acme_auth: IpAuth

    async def token(self, principal: str) -> str | None:
        """Log in (or mint a key) as the principal."""
        principals = Principals(
            self.client, self.account, self.other_account, self.reseller_a, self.reseller_b
        )
        return await principals.token(
            principal,
            key_with=[Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE, Permission.SWITCH_READ],
            key_without=[Permission.CUSTOMERS_READ],
        )


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other_account = await make_account(), await make_account()
    reseller_a, reseller_b = await make_reseller(account, "A"), await make_reseller(account, "B")
    acme = await make_customer(account, name="Acme", reseller_id=reseller_a.id, channels=20, flow_speed=5)
    await make_customer(account, name="Bravo", reseller_id=reseller_b.id)
    system = system_actor(account.id)
    acme_auth = await create_ip_auth(
        system, acme.id, IpAuthPatch(address="192.0.2.0/24", tech_prefix="77", channels=4)
    )
    await create_sip_user(system, acme.id, SipUserPatch(username="acme-pbx", password="long-secret-1", cps=2))
    return World(client, account, other_account, reseller_a, reseller_b, acme, acme_auth)


async def run(world: World, principal: str, query: str, variables: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The body of the call as the principal, with the state before and after it."""
    token = await world.token(principal)
    before = await db_state()
    body = await gql(world.client, query, variables, token=token)
    return body, before, await db_state()


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_ip_auth_create(world: World, principal: str, outcome: str) -> None:
    values = {"customerId": global_id("Customer", world.acme.id), "address": "198.51.100.9", "cps": 0}

    body, before, after = await run(world, principal, CREATE, {"input": values})

    payload = body["data"]["ipAuthCreate"]
    if outcome == "allowed":
        assert payload == {
            "ipAuth": {
                "address": "198.51.100.9/32",
                "techPrefix": None,
                "extension": None,
                "channels": 0,
                "cps": 0,
                "notes": None,
            },
            "errors": [],
        }
        assert await IpAuth.filter(customer_id=world.acme.id).count() == 2
    else:
        assert payload == {
            "ipAuth": None,
            "errors": refused_with(outcome, "Customer", ["input", "customerId"]),
        }
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_ip_auth_update(world: World, principal: str, outcome: str) -> None:
    values = {"id": global_id("IpAuth", world.acme_auth.id), "notes": "moved racks", "techPrefix": None}

    body, before, after = await run(world, principal, UPDATE, {"input": values})

    payload = body["data"]["ipAuthUpdate"]
    if outcome == "allowed":
        assert payload == {
            "ipAuth": {
                "address": "192.0.2.0/24",
                "techPrefix": None,
                "extension": None,
                "channels": 4,
                "cps": 0,
                "notes": "moved racks",
            },
            "errors": [],
        }
    else:
        assert payload == {
            "ipAuth": None,
            "errors": refused_with(outcome, "IP authentication", ["input", "id"]),
        }
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), WRITE_MATRIX)
async def test_ip_auth_delete(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(
        world, principal, DELETE, {"input": {"id": global_id("IpAuth", world.acme_auth.id)}}
    )

    payload = body["data"]["ipAuthDelete"]
    if outcome == "allowed":
        assert payload["errors"] == []
        assert payload["ipAuth"]["address"] == "192.0.2.0/24"
        assert await IpAuth.filter(id=world.acme_auth.id).exists() is False
    else:
        assert payload == {
            "ipAuth": None,
            "errors": refused_with(outcome, "IP authentication", ["input", "id"]),
        }
        assert after == before


LOOKUP_MATRIX = [
    ("anonymous", "UNAUTHENTICATED"),
    ("staff_without_permission", "PERMISSION_DENIED"),
    ("api_key_without_permission", "PERMISSION_DENIED"),
    ("partner_own_reseller", "PERMISSION_DENIED"),  # partners hold no switch:read
    ("partner_other_reseller", "PERMISSION_DENIED"),
    ("user_of_other_account", "none"),  # its own account has no such authentication
    ("administrator", "found"),
    ("api_key_with_permission", "found"),
]
ACME = {"customerName": "Acme", "status": "ACTIVE"}


@pytest.mark.parametrize(("principal", "outcome"), LOOKUP_MATRIX)
async def test_customer_auth_lookup(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(world, principal, BY_ADDRESS, {"ip": "192.0.2.200", "p": "77"})

    assert after == before
    if outcome == "found":
        assert body["data"] == {
            "customerAuthLookup": {
                **ACME,
                "channels": 4,
                "cps": 5,
                "ipAuth": {"address": "192.0.2.0/24"},
                "sipUser": None,
            }
        }
    elif outcome == "none":
        assert body["data"] == {"customerAuthLookup": None}
        assert "errors" not in body
    else:
        assert body["data"] == {"customerAuthLookup": None}
        assert refusals(body) == [refusal(MESSAGES[outcome], outcome, "customerAuthLookup")]


@pytest.mark.parametrize(("principal", "outcome"), LOOKUP_MATRIX)
async def test_customer_auth_lookup_by_sip_user(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(world, principal, BY_SIP_USER, {"u": "acme-pbx"})

    assert after == before
    if outcome == "found":
        assert body["data"] == {
            "customerAuthLookupBySipUser": {
                **ACME,
                "channels": 20,
                "cps": 2,
                "ipAuth": None,
                "sipUser": {"username": "acme-pbx"},
            }
        }
    elif outcome == "none":
        assert body["data"] == {"customerAuthLookupBySipUser": None}
        assert "errors" not in body
    else:
        assert body["data"] == {"customerAuthLookupBySipUser": None}
        assert refusals(body) == [refusal(MESSAGES[outcome], outcome, "customerAuthLookupBySipUser")]
