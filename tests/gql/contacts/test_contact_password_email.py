"""A generated password reaches the contact through a real SMTP server, in one e-mail, and is
nowhere else: not in the API's answer, the log, the audit trail or the database."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

from models import Account, AuditEntry, Contact, Message
from models.enums import MessageKind, MessageStatus
from services.messaging import outbox
from services.passwords import verify_password
from tests.client import global_id, make_principal
from tests.factories import db_state, make_account, make_contact, make_customer
from tests.gql.contacts.conftest import CONTACT_FIELDS, USER_ERRORS, mutate
from tests.workers.conftest import SmtpServer
from tests.workers.test_outbox_inprocess import configure_smtp
from workers.inprocess import InProcessRunner

PASSWORD_LINE = re.compile(r"^Password: (\S+)\r?$", re.MULTILINE)


def password_in(received: Any) -> str:
    text = received.email.get_body(("plain",))
    assert text is not None
    found = PASSWORD_LINE.search(text.get_content())
    assert found is not None, text.get_content()
    return found.group(1)


async def test_a_generated_password_is_emailed_once_and_kept_nowhere_else(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer, server_log: Any
) -> None:
    # given: an account that sends through the SMTP server, and a customer with a portal domain
    account = await make_account("Acme Carrier")
    await configure_smtp(account, smtp_server.port)
    admin = await make_principal(client, account)
    await Account.filter(id=account.id).update(portal_domains=["portal.northwind.example"])
    customer = await make_customer(account, name="Northwind", portal_domain="portal.northwind.example")

    # when: a contact is created with a generated password
    answer = await mutate(
        client,
        admin.token,
        "contactCreate",
        {
            "customerId": global_id("Customer", customer.id),
            "name": "Alice Smith",
            "email": "Alice@Northwind.example",
            "passwordMode": "GENERATE",
        },
        f"contact {{ {CONTACT_FIELDS} passwordChangedAt }} {USER_ERRORS}",
    )
    await runner.join()

    # then: one e-mail from the account to the contact carries it, in text and HTML
    assert answer["errors"] == [] and answer["contact"]["hasLogin"] is True
    [received] = smtp_server.received
    assert (received.mail_from, received.rcpt_tos) == ("noc@carrier.example", ["Alice@northwind.example"])
    assert received.email["Subject"] == "Your Acme Carrier portal password"
    password = password_in(received)
    html = received.email.get_body(("html",))
    assert html is not None and f"<code>{password}</code>" in html.get_content()
    assert "https://portal.northwind.example/" in str(received.email.get_body(("plain",)))
    contact = await Contact.get(email_key="alice@northwind.example")
    assert verify_password(contact.password_hash, password)

    # and it is nowhere else
    message = await Message.get(contact_id=contact.id)
    assert (message.kind, message.status, message.sealed_body) == (
        MessageKind.PASSWORD,
        MessageStatus.SENT,
        None,
    )
    assert (message.body_text, message.body_html) == (outbox.REMOVED_BODY, None)
    assert password not in json.dumps(answer)
    assert password not in json.dumps(await db_state(), default=str)
    assert password not in server_log()
    entry = await AuditEntry.get(table_name="contact", action="CREATE")
    assert entry.diff["password_hash"] == {"old": None, "new": "[redacted]"}


async def test_a_reset_emails_a_new_password_and_the_old_one_stops_working(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer, server_log: Any
) -> None:
    # given: a contact with a login
    account = await make_account()
    await configure_smtp(account, smtp_server.port)
    admin = await make_principal(client, account)
    contact = await make_contact(
        await make_customer(account), email="bob@example.com", password="amber-falcon-42-river"
    )

    # when: its password is reset twice
    answers = []
    for _ in range(2):
        answers.append(
            await mutate(
                client,
                admin.token,
                "contactPasswordReset",
                {"contactId": global_id("Contact", contact.id), "mode": "GENERATE", "reason": "forgotten"},
                f"contact {{ hasLogin passwordChangedAt }} {USER_ERRORS}",
            )
        )
        await runner.join()

    # then: two e-mails, two different passwords; only the last one opens the door
    first, second = (password_in(received) for received in smtp_server.received)
    row = await Contact.get(id=contact.id)
    assert first != second
    assert verify_password(row.password_hash, second) and not verify_password(row.password_hash, first)
    assert not verify_password(row.password_hash, "amber-falcon-42-river")
    assert [a["errors"] for a in answers] == [[], []]
    entries = await AuditEntry.filter(table_name="contact", action="UPDATE").order_by("id")
    assert [(e.message, e.reason) for e in entries] == [
        ("Password of contact " + f"{contact.name} <bob@example.com> generated and e-mailed", "forgotten")
    ] * 2
    state = json.dumps(await db_state(), default=str)
    log = server_log()
    for password in (first, second):
        assert password not in state and password not in log and password not in json.dumps(answers)


async def test_nothing_is_sent_when_the_change_is_refused(
    client: httpx.AsyncClient, runner: InProcessRunner, smtp_server: SmtpServer
) -> None:
    account = await make_account()
    await configure_smtp(account, smtp_server.port)
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await make_contact(customer, email="taken@example.com")
    before = await db_state()

    refused = await mutate(
        client,
        admin.token,
        "contactCreate",
        {
            "customerId": global_id("Customer", customer.id),
            "name": "X",
            "email": "TAKEN@example.com",
            "passwordMode": "GENERATE",
        },
        USER_ERRORS,
    )
    await runner.join()

    assert [e["code"] for e in refused["errors"]] == ["DUPLICATE"]
    assert smtp_server.received == []
    assert await db_state() == before


async def test_no_account_can_read_another_accounts_password_message(client: httpx.AsyncClient) -> None:
    """The message row is the account's own, like any other; checked here for completeness."""
    account, other = await make_account(), await make_account()
    contact = await make_contact(await make_customer(account))
    outsider = await make_principal(client, other)

    payload = await mutate(
        client,
        outsider.token,
        "contactPasswordReset",
        {"contactId": global_id("Contact", contact.id), "mode": "GENERATE"},
        USER_ERRORS,
    )

    assert [e["code"] for e in payload["errors"]] == ["NOT_FOUND"]
    assert await Message.all().count() == 0
    assert isinstance(account, Account)
