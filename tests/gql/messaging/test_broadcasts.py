"""customerMessageSend, broadcasts and Broadcast by node: who may, what is written, what arrives."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Broadcast, Customer, Message
from models.enums import MessageKind, MessageStatus, Permission
from tests.client import contact_login, global_id, gql, make_principal
from tests.conftest import SqlCounter
from tests.factories import (
    PASSWORD,
    Principal,
    db_state,
    make_account,
    make_api_key,
    make_contact,
    make_customer,
    make_reseller,
)
from tests.workers import conftest as workers_conftest
from tests.workers.conftest import SmsProvider, SmtpServer, _start_smtp
from tests.workers.test_outbox_inprocess import configure_sms, configure_smtp
from workers.inprocess import InProcessRunner

SEND = """mutation($input: CustomerMessageSendInput!) { customerMessageSend(input: $input) {
  dryRun recipientCount unreachableCount unreachable { customerId name }
  preview { to subject text }
  broadcast { id channel subject createdBy recipientCount counts { status count }
              messages { totalCount edges { node { to status } } } }
  errors { field code } } }"""
LIST = "query($first: Int) { broadcasts(first: $first) { edges { node { id subject createdBy counts { status count } } } } }"
NODE = "query($id: ID!) { node(id: $id) { ... on Broadcast { id subject } } }"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    yield from _start_smtp()


sms_provider = workers_conftest.sms_provider


def email_input(ids: list[int], **overrides: Any) -> dict[str, Any]:
    return {
        "ids": [global_id("Customer", i) for i in ids],
        "channel": "EMAIL",
        "subject": "Maintenance for {{customer.name}}",
        "body": "Dear {{contact.name}},\nwe will be down on Sunday.",
        **overrides,
    }


def refusal(body: dict[str, Any], field: str = "customerMessageSend") -> str:
    """The code a refused call answered with: its payload's error, or the top-level one."""
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    data = body["data"][field]
    if isinstance(data, dict) and data.get("errors"):
        return str(data["errors"][0]["code"])
    return "allowed"


async def send(client: httpx.AsyncClient, token: str | None, input: dict[str, Any]) -> dict[str, Any]:
    return await gql(client, SEND, {"input": input}, token)


async def test_each_contact_gets_its_own_email_through_a_real_smtp_server(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    # given: two customers with two and one contacts, and one with none
    account = await make_account("Acme Carrier")
    await configure_smtp(account, smtp_server.port)
    admin = await make_principal(client, account)
    northwind = await make_customer(account, name="Northwind")
    contoso = await make_customer(account, name="Contoso")
    lonely = await make_customer(account, name="Lonely Ltd")
    await make_contact(northwind, name="Alice", email="alice@northwind.example")
    await make_contact(northwind, name="Bob", email="bob@northwind.example")
    await make_contact(contoso, name="Carol", email="carol@contoso.example")

    # when
    body = await send(client, admin.token, email_input([northwind.id, contoso.id, lonely.id]))
    await runner.join()

    # then: three messages, each to one recipient, from the account's address, personalised
    answer = body["data"]["customerMessageSend"]
    assert answer["errors"] == []
    assert answer["recipientCount"] == 3
    assert answer["unreachable"] == [{"customerId": global_id("Customer", lonely.id), "name": "Lonely Ltd"}]
    assert answer["broadcast"]["createdBy"] and answer["broadcast"]["channel"] == "EMAIL"
    received = sorted(smtp_server.received, key=lambda r: r.rcpt_tos[0])
    assert [(r.mail_from, r.rcpt_tos) for r in received] == [
        ("noc@carrier.example", ["alice@northwind.example"]),
        ("noc@carrier.example", ["bob@northwind.example"]),
        ("noc@carrier.example", ["carol@contoso.example"]),
    ]
    assert received[0].email["Subject"] == "Maintenance for Northwind"
    assert received[0].email["To"] == "alice@northwind.example"
    assert "Dear Alice," in str(received[0].email.get_body(("plain",)))
    assert received[2].email["Subject"] == "Maintenance for Contoso"
    # and the broadcast counts them SENT
    listed = await gql(client, LIST, {"first": 10}, admin.token)
    [node] = [edge["node"] for edge in listed["data"]["broadcasts"]["edges"]]
    assert {c["status"]: c["count"] for c in node["counts"]} == {"QUEUED": 0, "SENT": 3, "FAILED": 0}
    assert await AuditEntry.filter(table_name="broadcast").count() == 1


async def test_sms_goes_to_every_contact_mobile_through_the_sms_provider(
    client: httpx.AsyncClient, runner: InProcessRunner, sms_provider: SmsProvider
) -> None:
    account = await make_account()
    await configure_sms(account, sms_provider)
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Northwind")
    await make_contact(customer, name="Alice", mobile="+447911123456")
    await make_contact(customer, name="No mobile")

    body = await send(
        client,
        admin.token,
        {"ids": [global_id("Customer", customer.id)], "channel": "SMS", "body": "Hi {{contact.name}}"},
    )
    await runner.join()

    assert body["data"]["customerMessageSend"]["recipientCount"] == 1
    [request] = sms_provider.requests
    assert (request.form["To"], request.form["Body"]) == ("+447911123456", "Hi Alice")


async def test_a_dry_run_counts_and_previews_without_writing(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Northwind")
    await make_contact(customer, name="Alice", email="alice@northwind.example")
    await make_contact(customer, name="Bob", email="bob@northwind.example")
    before = await db_state()

    body = await send(client, admin.token, email_input([customer.id], dryRun=True))
    await runner.join()

    answer = body["data"]["customerMessageSend"]
    assert (answer["dryRun"], answer["recipientCount"], answer["broadcast"]) == (True, 2, None)
    assert answer["preview"] == {
        "to": "alice@northwind.example",
        "subject": "Maintenance for Northwind",
        "text": "Dear Alice,\nwe will be down on Sunday.\n",
    }
    assert await db_state() == before


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"subject": ""}, ["input", "subject"], "REQUIRED"),
        ({"subject": "x" * 201}, ["input", "subject"], "INVALID"),
        ({"subject": "two\nlines"}, ["input", "subject"], "INVALID"),
        ({"body": "  "}, ["input", "body"], "REQUIRED"),
        ({"body": "x" * 20_001}, ["input", "body"], "INVALID"),
        ({"body": "{{ config.__class__ }}"}, ["input", "body"], "INVALID"),
        ({"body": "{% for x in y %}{% endfor %}"}, ["input", "body"], "INVALID"),
        ({"channel": "SMS"}, ["input", "subject"], "INVALID"),
        ({"ids": [global_id("Customer", 999_999)]}, ["input", "ids", "0"], "NOT_FOUND"),
        ({"where": {"name": {"eq": "x"}}}, ["input", "ids"], "INVALID"),
    ],
)
async def test_bad_input_is_a_typed_error_and_nothing_is_written(
    client: httpx.AsyncClient,
    runner: InProcessRunner,
    overrides: dict[str, Any],
    field: list[str],
    code: str,
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await make_contact(customer)
    before = await db_state()

    body = await send(client, admin.token, {**email_input([customer.id]), **overrides})
    await runner.join()

    answer = body["data"]["customerMessageSend"]
    assert {"field": field, "code": code} in answer["errors"], answer
    assert answer["broadcast"] is None
    assert await db_state() == before


async def test_a_selection_without_any_reachable_contact_is_refused(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    before = await db_state()

    body = await send(client, admin.token, email_input([customer.id]))

    assert body["data"]["customerMessageSend"]["errors"] == [{"field": ["input", "ids"], "code": "INVALID"}]
    assert await db_state() == before


async def test_a_send_by_filter_reaches_every_matching_customer(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    for name in ("Alpha", "Beta"):
        await make_contact(await make_customer(account, name=name))
    await make_contact(await make_customer(account, name="Gamma"))

    body = await send(
        client,
        admin.token,
        {**email_input([]), "ids": None, "where": {"name": {"in": ["Alpha", "Beta"]}}},
    )

    assert body["data"]["customerMessageSend"]["recipientCount"] == 2
    assert await Message.filter(kind=MessageKind.CAMPAIGN).count() == 2


# --- authorization ----------------------------------------------------------------------------


async def _partner_world(client: httpx.AsyncClient, account: Account) -> tuple[Principal, Customer, Customer]:
    """A partner, a customer of its reseller, and one of another reseller (each with a contact)."""
    own, other = await make_reseller(account, "Own"), await make_reseller(account, "Other")
    partner = await make_principal(client, account, role_name="Partner", reseller=own)
    mine = await make_customer(account, name="Mine", reseller_id=own.id)
    theirs = await make_customer(account, name="Theirs", reseller_id=other.id)
    await make_contact(mine)
    await make_contact(theirs)
    return partner, mine, theirs


async def test_a_partner_sends_to_its_own_customers_only(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    partner, mine, theirs = await _partner_world(client, account)
    admin = await make_principal(client, account)

    own = await send(client, partner.token, email_input([mine.id]))
    before = await db_state()
    other = await send(client, partner.token, email_input([theirs.id]))
    assert await db_state() == before
    everyone = await send(client, partner.token, {**email_input([]), "ids": None, "where": {}})
    await runner.join()

    assert own["data"]["customerMessageSend"]["recipientCount"] == 1
    assert other["data"]["customerMessageSend"]["errors"] == [
        {"field": ["input", "ids", "0"], "code": "NOT_FOUND"}
    ]
    # a filter over everything stays within its reseller
    assert everyone["data"]["customerMessageSend"]["recipientCount"] == 1
    # the admin's send is not listed to the partner, nor reachable by node
    admin_send = await send(client, admin.token, email_input([theirs.id]))
    admin_id = admin_send["data"]["customerMessageSend"]["broadcast"]["id"]
    listed = await gql(client, LIST, {"first": 10}, partner.token)
    assert admin_id not in [e["node"]["id"] for e in listed["data"]["broadcasts"]["edges"]]
    assert len(listed["data"]["broadcasts"]["edges"]) == 2
    assert (await gql(client, NODE, {"id": admin_id}, partner.token))["data"]["node"] is None


async def test_refused_principals_change_nothing(client: httpx.AsyncClient, runner: InProcessRunner) -> None:
    account = await make_account()
    customer = await make_customer(account)
    await make_contact(customer, email="pat@portal.example", password=PASSWORD)
    staff = await make_principal(client, account, role_name="Support")
    own_contact = (await contact_login(client, "pat@portal.example", PASSWORD))["accessToken"]
    no_send_key = await make_api_key(account, "No send", [Permission.CUSTOMERS_READ])
    send_key = await make_api_key(account, "Sender", [Permission.MESSAGING_SEND])
    stranger = await make_principal(client, await make_account())
    before = await db_state()

    anonymous = await send(client, None, email_input([customer.id]))
    without = await send(client, no_send_key, email_input([customer.id]))
    other_account = await send(client, stranger.token, email_input([customer.id]))
    staff_without = await send(client, staff.token, email_input([customer.id]))
    portal = await send(client, own_contact, email_input([customer.id]))
    await runner.join()

    assert refusal(portal) == "FORBIDDEN"  # not even a contact of the customer

    assert refusal(staff_without) == "PERMISSION_DENIED"
    assert refusal(anonymous) == "UNAUTHENTICATED"
    assert refusal(without) == "PERMISSION_DENIED"
    assert other_account["data"]["customerMessageSend"]["errors"] == [
        {"field": ["input", "ids", "0"], "code": "NOT_FOUND"}
    ]
    assert await db_state() == before
    # an API key holding messaging:send may send
    allowed = await send(client, send_key, email_input([customer.id]))
    assert allowed["data"]["customerMessageSend"]["recipientCount"] == 1


async def test_broadcasts_and_node_are_refused_without_the_permission(
    client: httpx.AsyncClient, runner: InProcessRunner
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await make_contact(customer)
    sent = await send(client, admin.token, email_input([customer.id]))
    broadcast_id = sent["data"]["customerMessageSend"]["broadcast"]["id"]
    no_send_key = await make_api_key(account, "No send", [Permission.CUSTOMERS_READ])

    listed = await gql(client, LIST, {"first": 10}, no_send_key)
    node = await gql(client, NODE, {"id": broadcast_id}, no_send_key)
    anonymous = await gql(client, LIST, {"first": 10}, None)

    assert refusal(listed, "broadcasts") == "PERMISSION_DENIED"
    assert refusal(node, "node") == "PERMISSION_DENIED"
    assert refusal(anonymous, "broadcasts") == "UNAUTHENTICATED"
    own = await gql(client, NODE, {"id": broadcast_id}, admin.token)
    assert own["data"]["node"] == {"id": broadcast_id, "subject": "Maintenance for {{customer.name}}"}


async def test_broadcasts_cost_the_same_statements_whatever_the_page_size(
    client: httpx.AsyncClient, runner: InProcessRunner, sql_counter: SqlCounter
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await make_contact(customer)
    for _ in range(4):
        await send(client, admin.token, email_input([customer.id]))
    await runner.join()

    sql_counter.reset()
    await gql(client, LIST, {"first": 1}, admin.token)
    one = len(sql_counter.statements)
    sql_counter.reset()
    listed = await gql(client, LIST, {"first": 4}, admin.token)
    four = len(sql_counter.statements)

    assert len(listed["data"]["broadcasts"]["edges"]) == 4
    assert one == four
    assert await Broadcast.all().count() == 4
    assert await Message.filter(status=MessageStatus.SENT).count() == 4


NESTED = (
    "query($first: Int) { broadcasts(first: $first) { edges { node { id "
    "messages(first: 2) { edges { node { to status } } pageInfo { hasNextPage } } } } } }"
)


async def test_nested_messages_cost_the_same_statements_whatever_the_number_of_broadcasts(
    client: httpx.AsyncClient, runner: InProcessRunner, sql_counter: SqlCounter
) -> None:
    # given: four broadcasts, each to the three contacts of one customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    for _ in range(3):
        await make_contact(customer)
    for _ in range(4):
        await send(client, admin.token, email_input([customer.id]))
    await runner.join()

    # when: one and four broadcasts are listed with their messages nested
    sql_counter.reset()
    await gql(client, NESTED, {"first": 1}, admin.token)
    one = len(sql_counter.statements)
    sql_counter.reset()
    listed = await gql(client, NESTED, {"first": 4}, admin.token)
    four = len(sql_counter.statements)

    # then: each broadcast shows its first two messages, and the pages are one statement
    edges = listed["data"]["broadcasts"]["edges"]
    assert [len(e["node"]["messages"]["edges"]) for e in edges] == [2, 2, 2, 2]
    assert {e["node"]["messages"]["pageInfo"]["hasNextPage"] for e in edges} == {True}
    assert all(m["node"]["status"] == "SENT" for e in edges for m in e["node"]["messages"]["edges"])
    assert one == four
