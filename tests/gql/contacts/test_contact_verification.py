"""contactVerificationSend / contactVerify over GraphQL: who may call them (the contacts'
authorization world), the code received by a real SMTP server and by an HTTP SMS provider and
kept nowhere else, typed errors with nothing changed, and Customer.verificationPending's cost."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Contact, ContactVerificationCode
from models.enums import VerificationChannel
from services.contacts.verification import code_hash
from tests.client import global_id, gql, make_principal
from tests.conftest import SqlCounter
from tests.factories import Principal, db_state, make_account, make_contact, make_customer
from tests.gql.contacts.conftest import USER_ERRORS, mutate
from tests.gql.contacts.test_contacts_authorization import World, portal_matrix, refused_with, run, world
from tests.workers.conftest import SmsProvider, SmtpServer, sms_provider
from tests.workers.test_outbox_inprocess import configure_sms, configure_smtp
from workers.inprocess import InProcessRunner

__all__ = ["sms_provider", "world"]  # fixtures used here, defined elsewhere

MOBILE = "+447911123456"
CODE = re.compile(r"\b(\d{6})\b")
SEND = f"mutation($id: ID!, $c: VerificationChannel!) {{ contactVerificationSend(input: {{contactId: $id, channel: $c}}) {{ contact {{ emailVerified }} {USER_ERRORS} }} }}"
VERIFY = f"mutation($id: ID!, $c: VerificationChannel!, $code: String!) {{ contactVerify(input: {{contactId: $id, channel: $c, code: $code}}) {{ contact {{ emailVerified mobileVerified }} {USER_ERRORS} }} }}"


# --- who may ------------------------------------------------------------------------------------


# Signed in to the portal, Alice verifies her own address; Bob, of another customer, cannot see her.
@pytest.mark.parametrize(("principal", "outcome"), portal_matrix("allowed"))
async def test_contact_verification_send(world: World, principal: str, outcome: str) -> None:
    body, before, after = await run(
        world, principal, SEND, {"id": global_id("Contact", world.alice.id), "c": "EMAIL"}
    )

    payload = body["data"]["contactVerificationSend"]
    if outcome == "allowed":
        assert payload == {"contact": {"emailVerified": False}, "errors": []}
        assert len(after["contact_verification_code"]) == len(before["contact_verification_code"]) + 1
        assert len(after["message"]) == len(before["message"]) + 1
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        assert payload == {
            "contact": None,
            "errors": refused_with(outcome, ("Contact not found.", ["input", "contactId"])),
        }
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), portal_matrix("allowed"))
async def test_contact_verify(world: World, principal: str, outcome: str) -> None:
    await ContactVerificationCode.create(
        account_id=world.account.id,
        contact_id=world.alice.id,
        channel=VerificationChannel.EMAIL,
        destination=world.alice.email,
        code_hash=code_hash("424242"),
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )

    body, before, after = await run(
        world, principal, VERIFY, {"id": global_id("Contact", world.alice.id), "c": "EMAIL", "code": "424242"}
    )

    payload = body["data"]["contactVerify"]
    if outcome == "allowed":
        assert payload == {"contact": {"emailVerified": True, "mobileVerified": False}, "errors": []}
        assert (await Contact.get(id=world.alice.id)).email_verified is True
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        assert payload == {
            "contact": None,
            "errors": refused_with(outcome, ("Contact not found.", ["input", "contactId"])),
        }
        assert after == before


# --- the code through real peers -------------------------------------------------------------------


async def test_an_emailed_code_verifies_the_address_and_is_kept_nowhere_else(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer, server_log: Any
) -> None:
    account = await make_account("Acme Carrier")
    await configure_smtp(account, smtp_server.port)
    admin = await make_principal(client, account)
    contact = await make_contact(await make_customer(account), email="alice@example.com")
    target = global_id("Contact", contact.id)

    sent = await mutate(
        client, admin.token, "contactVerificationSend", {"contactId": target, "channel": "EMAIL"}, USER_ERRORS
    )
    await runner.join()

    [received] = smtp_server.received
    assert received.rcpt_tos == ["alice@example.com"]
    assert received.email["Subject"] == "Your Acme Carrier verification code"
    text = received.email.get_body(("plain",))
    assert text is not None
    found = CODE.search(text.get_content())
    assert found is not None
    code = found.group(1)
    state = json.dumps(await db_state(), default=str)
    log = server_log()

    verified = await mutate(
        client,
        admin.token,
        "contactVerify",
        {"contactId": target, "channel": "EMAIL", "code": code},
        f"contact {{ emailVerified }} {USER_ERRORS}",
    )

    assert sent == {"errors": []}
    assert verified == {"contact": {"emailVerified": True}, "errors": []}
    assert f"Code: {code}" not in state and code not in log and code not in json.dumps(sent)
    assert (await ContactVerificationCode.get(contact_id=contact.id)).spent_at is not None


async def test_an_sms_code_verifies_the_mobile(
    client: httpx.AsyncClient, runner: InProcessRunner, sms_provider: SmsProvider
) -> None:
    account = await make_account("Beta Carrier")
    await configure_sms(account, sms_provider)
    admin = await make_principal(client, account)
    contact = await make_contact(await make_customer(account), mobile=MOBILE)
    target = global_id("Contact", contact.id)

    await mutate(
        client, admin.token, "contactVerificationSend", {"contactId": target, "channel": "SMS"}, USER_ERRORS
    )
    await runner.join()

    [request] = sms_provider.requests
    assert request.form["To"] == MOBILE
    found = CODE.search(request.form["Body"])
    assert found is not None and request.form["Body"].startswith("Beta Carrier verification code: ")
    verified = await mutate(
        client,
        admin.token,
        "contactVerify",
        {"contactId": target, "channel": "SMS", "code": found.group(1)},
        f"contact {{ emailVerified mobileVerified }} {USER_ERRORS}",
    )
    assert verified == {"contact": {"emailVerified": False, "mobileVerified": True}, "errors": []}


# --- typed errors ----------------------------------------------------------------------------------


async def test_no_mobile_is_a_typed_error_with_nothing_changed(
    client: httpx.AsyncClient, admin: Principal, account: Account
) -> None:
    contact = await make_contact(await make_customer(account))
    before = await db_state()

    payload = await mutate(
        client,
        admin.token,
        "contactVerificationSend",
        {"contactId": global_id("Contact", contact.id), "channel": "SMS"},
        USER_ERRORS,
    )

    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("NO_ADDRESS", ["input", "channel"])]
    assert await db_state() == before


async def test_a_wrong_code_is_a_typed_error_that_counts_an_attempt_only(
    client: httpx.AsyncClient, admin: Principal, account: Account
) -> None:
    contact = await make_contact(await make_customer(account))
    await ContactVerificationCode.create(
        account_id=account.id,
        contact_id=contact.id,
        channel=VerificationChannel.EMAIL,
        destination=contact.email,
        code_hash=code_hash("111111"),
        expires_at=datetime.now(UTC) + timedelta(minutes=5),
    )
    audit_before = await AuditEntry.all().count()

    payload = await mutate(
        client,
        admin.token,
        "contactVerify",
        {"contactId": global_id("Contact", contact.id), "channel": "EMAIL", "code": "222222"},
        USER_ERRORS,
    )

    assert [(e["code"], e["field"]) for e in payload["errors"]] == [("INVALID_CODE", ["input", "code"])]
    assert (await ContactVerificationCode.get(contact_id=contact.id)).attempts == 1
    assert (await Contact.get(id=contact.id)).email_verified is False
    assert await AuditEntry.all().count() == audit_before


async def test_staff_may_set_a_flag_directly_audited(
    client: httpx.AsyncClient, admin: Principal, account: Account
) -> None:
    contact = await make_contact(await make_customer(account))

    payload = await mutate(
        client,
        admin.token,
        "contactUpdate",
        {"id": global_id("Contact", contact.id), "mobileVerified": True, "reason": "checked by phone"},
        f"contact {{ mobileVerified }} {USER_ERRORS}",
    )

    assert payload == {"contact": {"mobileVerified": True}, "errors": []}
    entry = await AuditEntry.get(table_name="contact", action="UPDATE")
    assert (entry.diff, entry.reason) == (
        {"mobile_verified": {"old": False, "new": True}},
        "checked by phone",
    )


# --- Customer.verificationPending -------------------------------------------------------------------

CUSTOMERS = "query($first: Int!) { customers(first: $first) { edges { node { name verificationPending } } } }"


async def test_verification_pending_costs_the_same_statements_for_any_page_size(
    client: httpx.AsyncClient, account: Account, admin: Principal, sql_counter: SqlCounter
) -> None:
    for index in range(12):
        customer = await make_customer(
            account,
            name=f"Customer {index:02}",
            email_verification_required=index % 2 == 0,
            mobile_verification_required=index % 3 == 0,
        )
        if index % 4 == 0:
            await make_contact(customer, email_verified=True)

    counts, pages = [], []
    for first in (2, 12):
        sql_counter.reset()
        body = await gql(client, CUSTOMERS, {"first": first}, admin.token)
        assert "errors" not in body, body
        counts.append(sql_counter.count)
        pages.append([edge["node"]["verificationPending"] for edge in body["data"]["customers"]["edges"]])

    assert counts[0] == counts[1], sql_counter.statements
    expected = [
        [*(["EMAIL"] if i % 2 == 0 and i % 4 != 0 else []), *(["SMS"] if i % 3 == 0 else [])]
        for i in range(12)
    ]
    assert pages[1] == expected and pages[0] == expected[:2]
