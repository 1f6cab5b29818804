"""Item 2: an object reached by its global id (`node`, `nodes`) gets exactly the answer and the
refusal of its own query field, for every Node type and every kind of principal.

Each case reads one object twice: through the field a client would use (the customer card,
`auditLog`, `message`, `apiKeys`, `viewer`) and through `node` and `nodes`. Both must agree,
and the expected outcome is also pinned, so that agreement on a wrong answer fails too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, ApiKey, AuditEntry, Message, Reseller
from models.enums import MessageChannel, MessageKind, Permission
from services.actor import system_actor
from services.numbers.blocks import assign_block
from services.numbers.sip_users import SipUserPatch, create_sip_user
from tests.client import global_id, gql, make_principal
from tests.factories import (
    db_state,
    make_account,
    make_api_key,
    make_contact,
    make_customer,
    make_reseller,
    make_role,
)

ALLOWED, NULL = "allowed", "null"

# For each Node type: how its own field reads the object, and what the object looks like.
FIELDS: dict[str, tuple[str, list[Any]]] = {
    "Customer": ("query($c: ID!) { value: customer(id: $c) { id name } }", ["value"]),
    "NumberBlock": (
        "query($c: ID!) { value: customer(id: $c) { numberBlocks { id start used free } } }",
        ["value", "numberBlocks", 0],
    ),
    "SipUser": (
        "query($c: ID!) { value: customer(id: $c) { sipUsers { id username } } }",
        ["value", "sipUsers", 0],
    ),
    "User": (
        "query($c: ID!) { value: customer(id: $c) { accountManager { id name email } } }",
        ["value", "accountManager"],
    ),
    "Role": (
        "query($c: ID!) { value: customer(id: $c) { accountManager { role { id name } } } }",
        ["value", "accountManager", "role"],
    ),
    "Reseller": (
        "query($c: ID!) { value: customer(id: $c) { reseller { id name } } }",
        ["value", "reseller"],
    ),
    "AuditEntry": (
        '{ value: auditLog(where: {table: {eq: "customer"}}) { edges { node { id message } } } }',
        ["value", "edges", 0, "node"],
    ),
    "Message": ("query($m: ID!) { value: message(id: $m) { id to status attempts } }", ["value"]),
    "ApiKey": ("{ value: apiKeys { id name prefix } }", ["value", 0]),
    "AccountSettings": ("{ value: accountSettings { id requireAuditReason } }", ["value"]),
    "Contact": (
        "query($c: ID!) { value: customer(id: $c) { contacts { edges { node { id name email } } } } }",
        ["value", "contacts", "edges", 0, "node"],
    ),
}
SELECTIONS = {
    "Customer": "... on Customer { id name }",
    "NumberBlock": "... on NumberBlock { id start used free }",
    "SipUser": "... on SipUser { id username }",
    "User": "... on User { id name email }",
    "Role": "... on Role { id name }",
    "Reseller": "... on Reseller { id name }",
    "AuditEntry": "... on AuditEntry { id message }",
    "Message": "... on Message { id to status attempts }",
    "ApiKey": "... on ApiKey { id name prefix }",
    "AccountSettings": "... on AccountSettings { id requireAuditReason }",
    "Contact": "... on Contact { id name email }",
}

# principal -> outcome per Node type (customers:read governs the card and what it names).
CARD = ("Customer", "NumberBlock", "SipUser", "User", "Role", "Reseller", "Contact")
EXPECTED: dict[str, dict[str, str]] = {
    "anonymous": dict.fromkeys(FIELDS, "UNAUTHENTICATED"),
    "api_key_without_permissions": dict.fromkeys(FIELDS, "PERMISSION_DENIED"),
    "staff_without_customers_read": {
        **dict.fromkeys(CARD, "PERMISSION_DENIED"),
        "AuditEntry": "PERMISSION_DENIED",
        "Message": "PERMISSION_DENIED",
        "ApiKey": "PERMISSION_DENIED",
        "AccountSettings": "PERMISSION_DENIED",
    },
    "support_role": {
        **dict.fromkeys(CARD, ALLOWED),
        "AuditEntry": ALLOWED,
        "Message": "PERMISSION_DENIED",
        "ApiKey": "PERMISSION_DENIED",
        "AccountSettings": "PERMISSION_DENIED",
    },
    "api_key_reading_customers": {
        **dict.fromkeys(CARD, ALLOWED),
        "AuditEntry": "PERMISSION_DENIED",
        "Message": "PERMISSION_DENIED",
        "ApiKey": "PERMISSION_DENIED",
        "AccountSettings": "PERMISSION_DENIED",
    },
    "partner_own_reseller": {
        **dict.fromkeys(CARD, ALLOWED),
        "User": NULL,  # the account manager is staff, outside the partner's reseller
        "Role": NULL,  # and so is the role only that manager holds
        "AuditEntry": ALLOWED,
        "Message": ALLOWED,  # the built-in Partner role sends to its reseller's customers
        "ApiKey": "PERMISSION_DENIED",
        "AccountSettings": "PERMISSION_DENIED",
    },
    "partner_other_reseller": {
        **dict.fromkeys(CARD, NULL),
        "AuditEntry": NULL,
        "Message": NULL,
        "ApiKey": "PERMISSION_DENIED",
        "AccountSettings": "PERMISSION_DENIED",
    },
    "user_of_other_account": dict.fromkeys(FIELDS, NULL),
    "administrator": dict.fromkeys(FIELDS, ALLOWED),
}


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    other: Account
    resellers: tuple[Reseller, Reseller]
    ids: dict[str, str]
    variables: dict[str, str]


async def _token(world: World, principal: str) -> str | None:
    """Log in (or mint a key) as the principal; only the one a test needs, logins are slow."""
    account, other = world.account, world.other
    reseller_a, reseller_b = world.resellers

    async def login(target: Account, role: str = "Administrator", reseller: Any = None) -> str:
        return (await make_principal(world.client, target, role_name=role, reseller=reseller)).token

    makers: dict[str, Callable[[], Awaitable[str | None]]] = {
        "anonymous": lambda: _none(),
        "api_key_without_permissions": lambda: make_api_key(account, "Bare", []),
        "staff_without_customers_read": lambda: login(account, "Clerk"),
        "support_role": lambda: login(account, "Support"),
        "api_key_reading_customers": lambda: make_api_key(
            account, "Other reader", [Permission.CUSTOMERS_READ]
        ),
        "partner_own_reseller": lambda: login(account, "Partner", reseller_a),
        "partner_other_reseller": lambda: login(account, "Partner", reseller_b),
        "user_of_other_account": lambda: login(other),
        "administrator": lambda: login(account),
    }
    return await makers[principal]()


async def _none() -> None:
    return None


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other = await make_account(), await make_account()
    await Account.filter(id=account.id).update(number_range_start=1000, number_block_size=100)
    resellers = (await make_reseller(account, "Reseller A"), await make_reseller(account, "Reseller B"))
    await make_role(account, "Clerk", [Permission.BILLING_WRITE])
    manager = (await make_principal(client, account, role_name="Support")).user
    await make_api_key(account, "Reader", [Permission.CUSTOMERS_READ])
    acme = await make_customer(
        account, name="Acme", reseller_id=resellers[0].id, account_manager_id=manager.id
    )
    system = system_actor(account.id)
    block = await assign_block(system, acme.id)
    sip_user = await create_sip_user(system, acme.id, SipUserPatch(username="1005", password="long-secret-1"))
    message = await Message.create(
        account_id=account.id,
        customer_id=acme.id,
        channel=MessageChannel.EMAIL,
        kind=MessageKind.TEST,
        to="ops@acme.example",
        header_message_id="<node-test@switchboard>",
        next_attempt_at=acme.created_at,
    )
    contact = await make_contact(acme, name="Alice", email="alice@acme.example")
    key = await ApiKey.filter(account_id=account.id, name="Reader").first()
    entry = await AuditEntry.filter(account_id=account.id, table_name="customer").first()
    assert key is not None and entry is not None
    ids = {
        "Customer": global_id("Customer", acme.id),
        "NumberBlock": global_id("NumberBlock", block.id),
        "SipUser": global_id("SipUser", sip_user.id),
        "User": global_id("User", manager.id),
        "Role": global_id("Role", manager.role_id),
        "Reseller": global_id("Reseller", resellers[0].id),
        "AuditEntry": global_id("AuditEntry", entry.id),
        "Message": global_id("Message", message.id),
        "ApiKey": global_id("ApiKey", key.id),
        "AccountSettings": global_id("AccountSettings", account.id),
        "Contact": global_id("Contact", contact.id),
    }
    return World(client, account, other, resellers, ids, {"c": ids["Customer"], "m": ids["Message"]})


def _dig(data: Any, path: list[Any]) -> Any:
    for step in path:
        if data is None:
            return None
        if isinstance(step, int):
            data = next((item for item in data if item is not None), None) if data else None
            continue
        data = data.get(step)
    return data


def _outcome(body: dict[str, Any], value: Any) -> str | dict[str, Any]:
    """The object, NULL, or the code of the refusal."""
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    return value if value is not None else NULL


async def _field_answer(world: World, type_name: str, token: str | None) -> str | dict[str, Any]:
    query, path = FIELDS[type_name]
    variables = {name: value for name, value in world.variables.items() if f"${name}" in query}
    body = await gql(world.client, query, variables, token=token)
    value = _dig(body["data"], path) if body.get("data") else None
    if type_name == "ApiKey" and value is not None and value["id"] != world.ids["ApiKey"]:
        value = next(k for k in body["data"]["value"] if k["id"] == world.ids["ApiKey"])
    if type_name == "AccountSettings" and value is not None and value["id"] != world.ids[type_name]:
        value = None  # the principal's own account's settings, not the ones asked for
    return _outcome(body, value)


async def _node_answers(world: World, type_name: str, token: str | None) -> list[str | dict[str, Any]]:
    selection = SELECTIONS[type_name]
    node = await gql(
        world.client,
        f"query($id: ID!) {{ node(id: $id) {{ {selection} }} }}",
        {"id": world.ids[type_name]},
        token=token,
    )
    nodes = await gql(
        world.client,
        f"query($ids: [ID!]!) {{ nodes(ids: $ids) {{ {selection} }} }}",
        {"ids": [world.ids[type_name]]},
        token=token,
    )
    node_value = node["data"]["node"] if node.get("data") else None
    nodes_value = nodes["data"]["nodes"][0] if nodes.get("data") else None
    return [_outcome(node, node_value), _outcome(nodes, nodes_value)]


@pytest.mark.parametrize("principal", list(EXPECTED))
async def test_node_and_nodes_answer_like_the_types_own_field(world: World, principal: str) -> None:
    # given
    token = await _token(world, principal)
    before = await db_state()

    # when: every Node type, through its own field, `node` and `nodes`
    answers = {
        type_name: (
            await _field_answer(world, type_name, token),
            await _node_answers(world, type_name, token),
        )
        for type_name in FIELDS
    }

    # then
    for type_name, (field, by_id) in answers.items():
        expected = EXPECTED[principal][type_name]
        if expected == ALLOWED:
            assert isinstance(field, dict) and field["id"] == world.ids[type_name], (type_name, field)
        else:
            assert field == expected, (type_name, field)
        assert by_id == [field, field], type_name
    assert await db_state() == before


async def test_node_on_a_number_block_reports_its_real_usage(world: World) -> None:
    # when
    token = await _token(world, "administrator")
    card = await _field_answer(world, "NumberBlock", token)
    node, nodes = await _node_answers(world, "NumberBlock", token)

    # then: SIP user 1005 lies in the block [1000, 1100)
    expected = {"id": world.ids["NumberBlock"], "start": 1000, "used": 1, "free": 99}
    assert card == node == nodes == expected


async def test_nodes_refuse_item_by_item_and_keep_the_order(world: World) -> None:
    # given: a principal that reads customers but not messages
    token = await _token(world, "support_role")
    ids = [world.ids["Message"], world.ids["Customer"], global_id("Customer", 987_654)]

    # when
    body = await gql(
        world.client,
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": ids},
        token=token,
    )

    # then
    assert body["data"] == {"nodes": [None, {"id": world.ids["Customer"]}, None]}
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["nodes", 0], "PERMISSION_DENIED")
    ]


async def test_partners_do_not_see_where_staff_changes_came_from(world: World) -> None:
    # given: the customer was created by staff from an address with a user agent
    await AuditEntry.filter(account_id=world.account.id).update(ip="198.51.100.9", user_agent="Staff browser")
    query = '{ auditLog(where: {table: {eq: "customer"}}) { edges { node { id ip userAgent } } } }'

    # when
    staff = await gql(world.client, query, token=await _token(world, "support_role"))
    partner_token = await _token(world, "partner_own_reseller")
    partner = await gql(world.client, query, token=partner_token)
    partner_node = await gql(
        world.client,
        "query($id: ID!) { node(id: $id) { ... on AuditEntry { ip userAgent } } }",
        {"id": world.ids["AuditEntry"]},
        token=partner_token,
    )

    # then
    [staff_edge] = staff["data"]["auditLog"]["edges"]
    [partner_edge] = partner["data"]["auditLog"]["edges"]
    assert (staff_edge["node"]["ip"], staff_edge["node"]["userAgent"]) == ("198.51.100.9", "Staff browser")
    assert (partner_edge["node"]["ip"], partner_edge["node"]["userAgent"]) == (None, None)
    assert partner_node["data"] == {"node": {"ip": None, "userAgent": None}}
