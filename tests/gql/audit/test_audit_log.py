"""The audit trail: filters, order, pagination, diffs, reasons, rollbacks, scope and origin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from app import create_app
from models import Account, AuditEntry
from models.enums import Permission
from services.customers import commands
from settings import Settings
from tests.client import LOGIN, customer_id_of, global_id, gql, make_principal, post_gql, refusal, refusals
from tests.factories import (
    PASSWORD,
    Principal,
    db_state,
    make_account,
    make_customer,
    make_reseller,
    make_role,
    make_user,
)

AUDIT_LOG = (
    "query($where: AuditEntryWhere, $first: Int, $after: String, $last: Int, $before: String) "
    "{ auditLog(where: $where, first: $first, after: $after, last: $last, before: $before) "
    "{ totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } "
    "edges { node { at message } } } }"
)
CARD_LOG = (
    "query($id: ID!, $where: AuditEntryWhere, $first: Int) { customer(id: $id) "
    "{ auditLog(where: $where, first: $first) { totalCount edges { node { message } } } } }"
)
ENTRY = "actorKind actorLabel action httpVerb table recordId customerId message reason diff"
USER_ERRORS = "errors { code message field }"
NEWEST_FIRST = [
    "Customer Bravo deleted",
    "Customer Bravo created",
    "Customer Acme updated",
    "Customer Acme created",
    "bob@example.com logged in",
    "ann@example.com logged in",
]


async def mutate(
    client: httpx.AsyncClient, token: str, mutation: str, input: dict[str, Any], fields: str
) -> Any:
    input_type = f"{mutation[0].upper()}{mutation[1:]}Input"
    query = f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {fields} {USER_ERRORS} }} }}"
    payload = (await gql(client, query, {"input": input}, token=token))["data"][mutation]
    assert payload["errors"] == [], payload
    return payload


async def audit_log(client: httpx.AsyncClient, token: str, **variables: Any) -> dict[str, Any]:
    body = await gql(client, AUDIT_LOG, variables, token=token)
    assert "errors" not in body, body
    log: dict[str, Any] = body["data"]["auditLog"]
    return log


def messages(log: dict[str, Any]) -> list[str]:
    return [edge["node"]["message"] for edge in log["edges"]]


@dataclass
class History:
    """Ann and Bob log in; Ann creates Acme, Bob updates it; Ann creates Bravo, Bob deletes it."""

    client: httpx.AsyncClient
    ann: Principal
    bob: Principal
    acme: str
    bravo: str


@pytest.fixture
async def history(client: httpx.AsyncClient) -> History:
    account = await make_account()
    await make_customer(await make_account(), name="Zulu")  # another tenant's trail
    ann = await make_principal(client, account, email="ann@example.com")
    bob = await make_principal(client, account, email="bob@example.com")
    create = {"name": "Acme", "currency": "EUR"}
    acme = (await mutate(client, ann.token, "customerCreate", create, "customer { id }"))["customer"]["id"]
    await mutate(client, bob.token, "customerUpdate", {"id": acme, "channels": 5}, "customer { id }")
    create = {"name": "Bravo", "currency": "EUR"}
    bravo = (await mutate(client, ann.token, "customerCreate", create, "customer { id }"))["customer"]["id"]
    await mutate(client, bob.token, "customerDelete", {"id": bravo}, "deletedId")
    return History(client, ann, bob, acme, bravo)


def _user(principal: Principal) -> str:
    return global_id("User", principal.user.id)


FILTERS: dict[str, tuple[Callable[[History], dict[str, Any]], list[int]]] = {
    "none": (lambda h: {}, [0, 1, 2, 3, 4, 5]),
    "user-eq": (lambda h: {"userId": {"eq": _user(h.bob)}}, [0, 2, 4]),
    "user-in": (lambda h: {"userId": {"in": [_user(h.ann)]}}, [1, 3, 5]),
    "user-of-wrong-type": (lambda h: {"userId": {"eq": global_id("Customer", h.ann.user.id)}}, []),
    "action-eq": (lambda h: {"action": {"eq": "UPDATE"}}, [2]),
    "action-in": (lambda h: {"action": {"in": ["CREATE", "DELETE"]}}, [0, 1, 3]),
    "table": (lambda h: {"table": {"eq": "user"}}, [4, 5]),
    "customer": (lambda h: {"customerId": {"eq": h.acme}}, [2, 3]),
    "no-customer": (lambda h: {"customerId": {"isNull": True}}, [4, 5]),
    "actor-kind": (lambda h: {"actorKind": {"eq": "USER"}}, [0, 1, 2, 3, 4, 5]),
    "and": (lambda h: {"AND": [{"userId": {"eq": _user(h.ann)}}, {"table": {"eq": "customer"}}]}, [1, 3]),
    "or": (lambda h: {"OR": [{"action": {"eq": "LOGIN"}}, {"customerId": {"eq": h.bravo}}]}, [0, 1, 4, 5]),
    "not": (lambda h: {"NOT": {"table": {"eq": "customer"}}}, [4, 5]),
}


@pytest.mark.parametrize("name", FILTERS)
async def test_audit_log_filters_newest_first(history: History, name: str) -> None:
    # given
    where, expected = FILTERS[name]

    # when
    log = await audit_log(history.client, history.ann.token, where=where(history))

    # then
    assert messages(log) == [NEWEST_FIRST[i] for i in expected]
    assert log["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("lower", "upper", "expected"),
    [("gte", "lt", [1, 2]), ("gt", "lte", [0, 1]), ("gte", "lte", [0, 1, 2]), ("gt", "lt", [1])],
)
async def test_audit_log_filters_by_time_range(
    history: History, lower: str, upper: str, expected: list[int]
) -> None:
    # given: the bounds are the times of "Acme updated" (2) and "Bravo deleted" (0)
    at = [edge["node"]["at"] for edge in (await audit_log(history.client, history.ann.token))["edges"]]

    # when
    log = await audit_log(history.client, history.ann.token, where={"at": {lower: at[2], upper: at[0]}})

    # then
    assert messages(log) == [NEWEST_FIRST[i] for i in expected]


async def test_audit_log_pages_forward_and_backward(history: History) -> None:
    client, token = history.client, history.ann.token

    # when
    first = await audit_log(client, token, first=4)
    second = await audit_log(client, token, first=4, after=first["pageInfo"]["endCursor"])
    back = await audit_log(client, token, last=3, before=second["pageInfo"]["startCursor"])

    # then
    assert (messages(first), messages(second), messages(back)) == (
        NEWEST_FIRST[:4],
        NEWEST_FIRST[4:],
        NEWEST_FIRST[1:4],
    )
    pages = [
        (p["totalCount"], p["pageInfo"]["hasNextPage"], p["pageInfo"]["hasPreviousPage"])
        for p in (first, second, back)
    ]
    assert pages == [(6, True, False), (6, False, True), (6, True, True)]


async def test_customer_audit_log_is_the_customers_own_trail(history: History) -> None:
    # when
    body = await gql(history.client, CARD_LOG, {"id": history.acme}, token=history.bob.token)
    created = await gql(
        history.client,
        CARD_LOG,
        {"id": history.acme, "where": {"action": {"eq": "CREATE"}}},
        token=history.bob.token,
    )
    page = await gql(history.client, CARD_LOG, {"id": history.acme, "first": 1}, token=history.bob.token)

    # then
    log = body["data"]["customer"]["auditLog"]
    assert (messages(log), log["totalCount"]) == (["Customer Acme updated", "Customer Acme created"], 2)
    assert messages(created["data"]["customer"]["auditLog"]) == ["Customer Acme created"]
    assert messages(page["data"]["customer"]["auditLog"]) == ["Customer Acme updated"]


async def test_customer_audit_log_needs_audit_read(client: httpx.AsyncClient) -> None:
    # given
    account = await make_account()
    await make_role(account, "Viewer", [Permission.CUSTOMERS_READ])
    viewer = await make_principal(client, account, role_name="Viewer")
    acme = await make_customer(account, name="Acme")

    # when
    body = await gql(client, CARD_LOG, {"id": global_id("Customer", acme.id)}, token=viewer.token)

    # then
    assert body["data"] == {"customer": None}
    assert refusals(body) == [
        refusal("You do not have permission to do this.", "PERMISSION_DENIED", "customer", "auditLog")
    ]


CREATED = {"name": "Acme", "status": "ACTIVE", "channels": 10, "flow_speed": 0, "debit_limit": "25.5"}
CREATED |= {"minimum_payment": "0", "tax_percent": "0", "currency": "EUR", "portal_access": True}
CREATED |= {"portal_manage_contacts": False}
CREATED |= {"invoice_schedule": "MONTHLY", "create_invoice_on_payment": False, "invoice_due_days": 30}
CREATED |= {"rtp_firewall": "LOCKED", "recording_retention_days": 0, "approved_cli_only": False}
CREATED |= {"email_verification_required": False, "mobile_verification_required": False}
CREATED |= {"notes": "VIP", "timezone": "UTC", "tags": ["gold", "sip"]}
DIFFS = {
    "CREATE": {name: {"old": None, "new": value} for name, value in CREATED.items()},
    "UPDATE": {
        "channels": {"old": 10, "new": 12},
        "city": {"old": None, "new": "Lyon"},
        "tags": {"old": ["gold", "sip"], "new": ["gold"]},
    },
}


@pytest.mark.parametrize(
    ("action", "verb", "message"),
    [("CREATE", "POST", "created"), ("UPDATE", "PUT", "updated"), ("DELETE", "DELETE", "deleted")],
)
async def test_a_change_records_its_exact_diff(
    client: httpx.AsyncClient, action: str, verb: str, message: str
) -> None:
    # given: Acme created with a few fields (set fields only are in the diff; "notes" stays equal below)
    admin = await make_principal(client, await make_account(), email="ann@example.com")
    create = {
        "name": "Acme",
        "currency": "EUR",
        "channels": 10,
        "debitLimit": "25.50",
        "notes": "VIP",
        "tags": ["gold", "sip"],
    }
    acme = (await mutate(client, admin.token, "customerCreate", create, "customer { id }"))["customer"]["id"]

    # when
    if action == "UPDATE":
        update = {"id": acme, "channels": 12, "notes": "VIP", "tags": ["gold"], "city": "Lyon"}
        await mutate(client, admin.token, "customerUpdate", update, "customer { id }")
    elif action == "DELETE":
        await mutate(client, admin.token, "customerDelete", {"id": acme}, "deletedId")

    # then
    query = f'{{ auditLog(where: {{table: {{eq: "customer"}}}}, first: 1) {{ edges {{ node {{ at {ENTRY} }} }} }} }}'
    entry = (await gql(client, query, token=admin.token))["data"]["auditLog"]["edges"][0]["node"]
    diff = DIFFS.get(action, {"deleted_at": {"old": None, "new": entry["at"]}})
    assert entry == {
        "at": entry["at"],
        "actorKind": "USER",
        "actorLabel": "ann",
        "action": action,
        "httpVerb": verb,
        "table": "customer",
        "recordId": str(customer_id_of(acme)),
        "customerId": acme,
        "message": f"Customer Acme {message}",
        "reason": None,
        "diff": diff,
    }


@pytest.mark.parametrize(
    ("mutation", "input", "action"),
    [
        ("customerUpdate", {"notes": "Moved to post-pay"}, "UPDATE"),
        ("customerDelete", {}, "DELETE"),
        ("customerBulkUpdate", {"changes": {"channels": {"set": 3}}}, "UPDATE"),
        ("customerBulkDelete", {}, "DELETE"),
    ],
)
async def test_the_reason_is_recorded(
    client: httpx.AsyncClient, mutation: str, input: dict[str, Any], action: str
) -> None:
    # given
    account = await make_account()
    admin = await make_principal(client, account)
    acme = global_id("Customer", (await make_customer(account, name="Acme")).id)
    ids = {"ids": [acme]} if "Bulk" in mutation else {"id": acme}

    # when
    await mutate(client, admin.token, mutation, {**ids, **input, "reason": "  Ticket 4711  "}, "__typename")

    # then
    entries = (
        await AuditEntry.filter(actor_user_id=admin.user.id).order_by("id").values_list("action", "reason")
    )
    assert entries == [("LOGIN", None), (action, "Ticket 4711")]


async def test_an_account_requiring_reasons_refuses_a_change_without_one(client: httpx.AsyncClient) -> None:
    # given
    account = await make_account()
    await Account.filter(id=account.id).update(require_audit_reason=True)
    admin = await make_principal(client, account)
    acme = global_id("Customer", (await make_customer(account, name="Acme")).id)
    query = f'mutation($id: ID!) {{ customerUpdate(input: {{id: $id, notes: "x"}}) {{ {USER_ERRORS} }} }}'
    before = await db_state()

    # when
    body = await gql(client, query, {"id": acme}, token=admin.token)

    # then
    message = "This account requires a reason for every change."
    assert body["data"]["customerUpdate"]["errors"] == [
        {"code": "REASON_REQUIRED", "message": message, "field": ["input", "reason"]}
    ]
    assert await db_state() == before


@pytest.mark.parametrize("race", [False, True], ids=["checked-before-insert", "caught-by-the-database"])
async def test_a_refused_create_leaves_no_row_and_no_entry(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch, race: bool
) -> None:
    # given
    account = await make_account()
    admin = await make_principal(client, account)
    await make_customer(account, name="Acme")
    if race:  # a concurrent create won: the INSERT runs, fails on the unique key and rolls back

        async def name_free(*_args: object) -> bool:
            return False

        monkeypatch.setattr(commands, "_name_taken", name_free)
    before = await db_state()

    # when
    query = f'mutation {{ customerCreate(input: {{name: "ACME", currency: "EUR"}}) {{ customer {{ id }} {USER_ERRORS} }} }}'
    body = await gql(client, query, token=admin.token)

    # then
    error = {"code": "DUPLICATE", "message": "A customer with this name exists.", "field": ["input", "name"]}
    assert body["data"]["customerCreate"] == {"customer": None, "errors": [error]}
    assert await db_state() == before


async def test_support_reads_the_audit_log(history: History) -> None:
    # given
    account_id = history.ann.user.account_id
    support = await make_principal(history.client, await Account.get(id=account_id), role_name="Support")

    # when
    log = await audit_log(history.client, support.token)

    # then
    assert messages(log) == [f"{support.user.email} logged in", *NEWEST_FIRST]


async def test_a_partner_sees_only_entries_about_its_resellers_customers(client: httpx.AsyncClient) -> None:
    # given
    account = await make_account()
    reseller_a, reseller_b = await make_reseller(account), await make_reseller(account)
    acme = await make_customer(account, name="Acme", reseller_id=reseller_a.id)
    bravo = await make_customer(account, name="Bravo", reseller_id=reseller_b.id)
    admin = await make_principal(client, account)
    for customer in (acme, bravo):
        await mutate(
            client,
            admin.token,
            "customerUpdate",
            {"id": global_id("Customer", customer.id), "channels": 2},
            "__typename",
        )
    partner = await make_principal(client, account, role_name="Partner", reseller=reseller_a)

    # when
    log = await audit_log(client, partner.token)
    card = await gql(client, CARD_LOG, {"id": global_id("Customer", bravo.id)}, token=partner.token)

    # then
    assert messages(log) == ["Customer Acme updated", "Customer Acme created"]
    assert card["data"] == {"customer": None}


@pytest.mark.parametrize(
    ("trusted", "forwarded_for", "ip"),
    [
        ([], None, "203.0.113.7"),
        ([], "198.51.100.1", "203.0.113.7"),
        (["10.0.0.0/8"], "198.51.100.1", "203.0.113.7"),
        (["203.0.113.0/24"], None, "203.0.113.7"),
        (["203.0.113.0/24"], "198.51.100.1", "198.51.100.1"),
        (["203.0.113.0/24"], "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (["203.0.113.0/24"], "192.0.2.66, 198.51.100.1", "198.51.100.1"),
    ],
)
async def test_the_recorded_ip_is_the_peer_or_the_client_behind_trusted_proxies(
    app: Starlette, settings: Settings, trusted: list[str], forwarded_for: str | None, ip: str
) -> None:
    # given: an app with these trusted proxies, sharing the session's database
    proxied = create_app(settings.model_copy(update={"trusted_proxies": trusted}))
    transport = httpx.ASGITransport(app=proxied, client=("203.0.113.7", 40000))
    email = (await make_user(await make_account())).email
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}

    # when
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        response = await post_gql(client, LOGIN, {"e": email, "p": PASSWORD}, headers=headers)

    # then
    assert response.json()["data"]["login"]["errors"] == []
    assert await AuditEntry.all().values_list("action", "ip") == [("LOGIN", ip)]
