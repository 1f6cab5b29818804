"""Contacts at the service level: create / update / delete / reset_password called with an Actor,
the batched reads, and the sealed outbox body of a generated password."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from pydantic import SecretStr

from models import Account, AuditEntry, Contact, Customer, Message
from models.enums import ActorKind, ContactType, MessageKind, MessageStatus, Permission
from services import runtime
from services.actor import Actor, RequestOrigin
from services.contacts import commands, queries
from services.contacts.passwords import LEFT_OUT, PasswordChoice, PasswordMode
from services.contacts.queries import ContactQuery, ContactSortField
from services.contacts.values import ContactPatch
from services.customers.commands import delete_customer
from services.errors import ErrorCode, FieldError, ServiceError
from services.jobs import Job
from services.listing import Condition, Filter, PageRequest
from services.messaging import outbox, sealing
from services.messaging.rendering import Rendered
from services.passwords import verify_password
from services.permissions import DEFAULT_ROLES
from settings import Settings
from tests.conftest import SqlCounter
from tests.factories import db_state, make_account, make_contact, make_customer, make_reseller

STRONG = "amber-falcon-42-river"


def staff(account: Account, *permissions: Permission, reseller_id: int | None = None) -> Actor:
    return Actor(
        account_id=account.id,
        kind=ActorKind.USER,
        label="Tester",
        permissions=frozenset(permissions or Permission),
        reseller_id=reseller_id,
        origin=RequestOrigin(ip="198.51.100.1", user_agent="tests"),
    )


async def refused(coroutine: object) -> list[FieldError]:
    with pytest.raises(ServiceError) as caught:
        await coroutine  # type: ignore[misc]
    return caught.value.errors


def everything(state: dict[str, Any]) -> str:
    return json.dumps(state, default=str)


# --- create ----------------------------------------------------------------------------------


async def test_create_keeps_clean_values_and_writes_one_audit_entry_without_a_login() -> None:
    # given
    account = await make_account()
    customer = await make_customer(account, name="Acme")

    # when
    contact = await commands.create_contact(
        staff(account),
        customer.id,
        ContactPatch(
            name=" Alice Smith ",
            email="Alice@Example.COM",
            phone="+44 20 7183 8750",
            mobile="+44 7911 123456",
            contact_type=ContactType.BILLING,
            ip_allow=["192.0.2.10", "198.51.100.0/24", "192.0.2.10/32"],
        ),
        reason="new billing contact",
    )

    # then
    row = await Contact.get(id=contact.id)
    assert (row.name, row.name_key, row.email, row.email_key) == (
        "Alice Smith",
        "alice smith",
        "Alice@example.com",
        "alice@example.com",
    )
    assert (row.phone, row.mobile, row.contact_type) == (
        "+442071838750",
        "+447911123456",
        ContactType.BILLING,
    )
    assert row.ip_allow == ["192.0.2.10/32", "198.51.100.0/24"]
    assert (row.password_hash, row.password_changed_at, row.email_verified) == (None, None, False)
    [entry] = await AuditEntry.filter(table_name="contact")
    assert (entry.action, entry.table_name, entry.record_id, entry.customer_id, entry.reason) == (
        "CREATE",
        "contact",
        str(contact.id),
        customer.id,
        "new billing contact",
    )
    assert entry.message == "Contact Alice Smith <Alice@example.com> created"
    assert "password_hash" not in entry.diff
    assert entry.diff["email"] == {"old": None, "new": "Alice@example.com"}
    assert await Message.all().count() == 0


async def test_a_set_password_is_kept_only_as_an_argon2id_hash_and_redacted_in_the_audit() -> None:
    # given
    account = await make_account()
    customer = await make_customer(account)

    # when
    contact = await commands.create_contact(
        staff(account),
        customer.id,
        ContactPatch(name="Bob", email="bob@example.com"),
        PasswordChoice(PasswordMode.SET, STRONG),
    )

    # then
    row = await Contact.get(id=contact.id)
    assert row.password_hash is not None and row.password_hash.startswith("$argon2id$")
    assert verify_password(row.password_hash, STRONG)
    assert row.password_changed_at is not None
    entry = await AuditEntry.get(table_name="contact")
    assert entry.diff["password_hash"] == {"old": None, "new": "[redacted]"}
    assert STRONG not in everything(await db_state())
    assert await Message.all().count() == 0  # a password staff set is not e-mailed


@contextmanager
def jobs_held() -> Iterator[list[Job]]:
    """Jobs dispatched after commit are kept here instead of run, so a test sees the outbox
    before the send."""
    held: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(held.extend)):
        yield held


async def test_a_generated_password_waits_in_the_outbox_only_sealed(settings: Settings) -> None:
    # given
    account = await make_account("Acme Carrier")
    await Account.filter(id=account.id).update(portal_domains=["portal.acme.example"])
    customer = await make_customer(account, portal_domain="portal.acme.example")

    # when
    with jobs_held() as held:
        contact = await commands.create_contact(
            staff(account),
            customer.id,
            ContactPatch(name="Carol", email="carol@example.com"),
            PasswordChoice(PasswordMode.GENERATE),
        )

    # then: the row shows the e-mail with the password left out; the sealed body has it
    message = await Message.get(contact_id=contact.id)
    assert (message.kind, message.to, message.customer_id, message.status) == (
        MessageKind.PASSWORD,
        "carol@example.com",
        customer.id,
        MessageStatus.QUEUED,
    )
    assert message.subject == "Your Acme Carrier portal password"
    assert LEFT_OUT in message.body_text and "https://portal.acme.example/" in message.body_text
    assert message.sealed_body is not None
    sent = sealing.unseal(
        settings.signing_key(), message.sealed_body, message.subject, message.header_message_id
    )
    password = sent.text.split("Password: ", 1)[1].split("\n", 1)[0]
    assert len(password) >= 16 and password not in everything(await db_state())
    row = await Contact.get(id=contact.id)
    assert verify_password(row.password_hash, password)
    assert [job.name for job in held] == ["messages.send"]

    # and once sent, the sealed body is gone (and the readable one too, like every secret-bearing
    # message's): nothing in the database leads to the password
    delivery = await outbox.deliver(settings, message.id)
    sent_row = await Message.get(id=message.id)
    assert (delivery.status, sent_row.sealed_body, sent_row.body_text) == (
        MessageStatus.SENT,
        None,
        outbox.REMOVED_BODY,
    )
    mail = (settings.outbox_dir / str(account.id) / f"message-{message.id}.eml").read_text()
    assert password in mail and LEFT_OUT not in mail


async def test_a_sealed_body_that_no_longer_opens_fails_and_is_cleared(settings: Settings) -> None:
    # given: a generated password waiting in the outbox
    account = await make_account()
    contact = await make_contact(await make_customer(account))
    with jobs_held():
        await commands.reset_password(staff(account), contact.id, PasswordChoice(PasswordMode.GENERATE))
    message = await Message.get(contact_id=contact.id)

    # when the secret key changed before the send
    other_key = settings.model_copy(
        update={"secret_key": SecretStr("another-secret-key-of-sufficient-length-000")}
    )
    delivery = await outbox.deliver(other_key, message.id)

    # then it fails for that reason, and the sealed body is dropped
    row = await Message.get(id=message.id)
    assert (delivery.status, row.status, row.sealed_body) == (
        MessageStatus.FAILED,
        MessageStatus.FAILED,
        None,
    )
    assert row.last_error == "The sealed body does not open: the secret key changed."


def test_a_sealed_body_opens_only_with_its_key_and_for_its_own_message() -> None:
    content = Rendered(subject="s", text="Password: abc", html="<p>abc</p>")
    sealed = sealing.seal("k" * 40, content, "<one@switchboard.invalid>")

    assert "abc" not in sealed
    assert sealing.unseal("k" * 40, sealed, "s", "<one@switchboard.invalid>") == content
    for key, message_id in (("x" * 40, "<one@switchboard.invalid>"), ("k" * 40, "<two@switchboard.invalid>")):
        with pytest.raises(sealing.Unreadable):
            sealing.unseal(key, sealed, "s", message_id)
    with pytest.raises(sealing.Unreadable):
        sealing.unseal("k" * 40, "v1.not-base64!", "s", "<one@switchboard.invalid>")


async def test_create_reports_every_bad_field_at_once_and_writes_nothing() -> None:
    # given
    account = await make_account()
    customer = await make_customer(account)
    before = await db_state()

    # when
    errors = await refused(
        commands.create_contact(
            staff(account),
            customer.id,
            ContactPatch(name=" ", phone="12", mobile="+442071838750", ip_allow=["10.0.0.0/33"]),
        )
    )

    # then
    assert [(e.code, e.field) for e in errors] == [
        (ErrorCode.REQUIRED, ("email",)),
        (ErrorCode.REQUIRED, ("name",)),
        (ErrorCode.INVALID, ("phone",)),
        (ErrorCode.INVALID, ("mobile",)),
        (ErrorCode.INVALID, ("ip_allow", "0")),
    ]
    assert await db_state() == before


@pytest.mark.parametrize(
    ("choice", "expected"),
    [
        (PasswordChoice(PasswordMode.SET), (ErrorCode.REQUIRED, ("password",))),
        (PasswordChoice(PasswordMode.SET, "short"), (ErrorCode.INVALID, ("password",))),
        (PasswordChoice(PasswordMode.SET, "aaaaaaaaaaaa"), (ErrorCode.INVALID, ("password",))),
        (PasswordChoice(PasswordMode.SET, "dave@example.com"), (ErrorCode.INVALID, ("password",))),
        (PasswordChoice(PasswordMode.GENERATE, STRONG), (ErrorCode.INVALID, ("password",))),
    ],
)
async def test_a_bad_password_choice_is_refused_and_nothing_is_written(
    choice: PasswordChoice, expected: tuple[ErrorCode, tuple[str, ...]]
) -> None:
    account = await make_account()
    customer = await make_customer(account)
    before = await db_state()

    errors = await refused(
        commands.create_contact(
            staff(account), customer.id, ContactPatch(name="Dave", email="dave@example.com"), choice
        )
    )

    assert [(e.code, e.field) for e in errors] == [expected]
    assert await db_state() == before


async def test_an_email_is_unique_in_the_account_whatever_its_case() -> None:
    # given
    account, other_account = await make_account(), await make_account()
    customer = await make_customer(account)
    await make_contact(customer, email="erin@example.com")
    await make_contact(await make_customer(other_account), email="frank@example.com")
    before = await db_state()

    # when
    errors = await refused(
        commands.create_contact(
            staff(account), customer.id, ContactPatch(name="Erin", email="ERIN@example.com")
        )
    )

    # then: refused in the account, while another account's address is free
    assert [(e.code, e.field) for e in errors] == [(ErrorCode.DUPLICATE, ("email",))]
    assert await db_state() == before
    await commands.create_contact(
        staff(account), customer.id, ContactPatch(name="F", email="Frank@example.com")
    )


async def test_writing_needs_contacts_write_and_a_customer_in_scope() -> None:
    # given
    account = await make_account()
    own, other = await make_reseller(account), await make_reseller(account)
    theirs = await make_customer(account, reseller_id=other.id)
    contact = await make_contact(theirs)
    partner = staff(account, Permission.CUSTOMERS_READ, Permission.CONTACTS_WRITE, reseller_id=own.id)
    reader = staff(account, Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE)
    patch = ContactPatch(name="Gina", email="gina@example.com")
    before = await db_state()

    # when / then
    assert [e.code for e in await refused(commands.create_contact(reader, theirs.id, patch))] == [
        ErrorCode.PERMISSION_DENIED
    ]
    assert [(e.code, e.field) for e in await refused(commands.create_contact(partner, theirs.id, patch))] == [
        (ErrorCode.NOT_FOUND, ("customer_id",))
    ]
    assert [
        (e.code, e.field) for e in await refused(commands.update_contact(partner, contact.id, patch))
    ] == [(ErrorCode.NOT_FOUND, ("id",))]
    assert [(e.code, e.field) for e in await refused(commands.delete_contact(partner, contact.id))] == [
        (ErrorCode.NOT_FOUND, ("id",))
    ]
    reset = commands.reset_password(partner, contact.id, PasswordChoice(PasswordMode.GENERATE))
    assert [(e.code, e.field) for e in await refused(reset)] == [(ErrorCode.NOT_FOUND, ("contact_id",))]
    assert await db_state() == before


def test_the_partner_role_of_a_new_account_writes_contacts() -> None:
    assert Permission.CONTACTS_WRITE.value in DEFAULT_ROLES["Partner"]
    assert Permission.CONTACTS_WRITE.value not in DEFAULT_ROLES["Support"]


# --- update and delete -----------------------------------------------------------------------


async def test_a_new_email_or_mobile_is_unverified_unless_its_flag_comes_with_it() -> None:
    # given
    account = await make_account()
    contact = await make_contact(
        await make_customer(account),
        email="hank@example.com",
        mobile="+447911123456",
        email_verified=True,
        mobile_verified=True,
    )

    # when
    await commands.update_contact(staff(account), contact.id, ContactPatch(email="HANK@example.com"))
    same_address = await Contact.get(id=contact.id)
    await commands.update_contact(
        staff(account), contact.id, ContactPatch(email="h@example.com", mobile="+447911123457")
    )
    moved = await Contact.get(id=contact.id)
    await commands.update_contact(
        staff(account), contact.id, ContactPatch(mobile=None, email_verified=True, mobile_verified=True)
    )
    confirmed = await Contact.get(id=contact.id)

    # then
    assert (same_address.email_verified, same_address.mobile_verified) == (True, True)
    assert (moved.email_key, moved.email_verified, moved.mobile_verified) == ("h@example.com", False, False)
    assert (confirmed.mobile, confirmed.email_verified, confirmed.mobile_verified) == (None, True, True)


async def test_an_unchanged_update_writes_nothing() -> None:
    account = await make_account()
    contact = await make_contact(await make_customer(account), name="Ivy", public_notes="Hi")
    before = await db_state()

    await commands.update_contact(staff(account), contact.id, ContactPatch(name=" Ivy ", public_notes="Hi"))

    assert await db_state() == before


async def test_an_update_is_audited_with_its_diff() -> None:
    account = await make_account()
    contact = await make_contact(await make_customer(account), name="Jack")

    await commands.update_contact(
        staff(account), contact.id, ContactPatch(private_notes="Pays late", contact_type=ContactType.SALES)
    )

    entry = await AuditEntry.get(action="UPDATE", table_name="contact")
    assert entry.diff == {
        "contact_type": {"old": "GENERAL", "new": "SALES"},
        "private_notes": {"old": "", "new": "Pays late"},
    }


async def test_delete_removes_the_contact_and_audits_what_it_held() -> None:
    account = await make_account()
    customer = await make_customer(account)
    contact = await make_contact(customer, name="Kim", email="kim@example.com", password=STRONG)

    await commands.delete_contact(staff(account), contact.id, reason="left the company")

    assert not await Contact.filter(id=contact.id).exists()
    entry = await AuditEntry.get(action="DELETE", table_name="contact")
    assert (entry.customer_id, entry.reason, entry.message) == (
        customer.id,
        "left the company",
        "Contact Kim <kim@example.com> deleted",
    )
    assert entry.diff["email"] == {"old": "kim@example.com", "new": None}
    assert entry.diff["password_hash"] == {"old": "[redacted]", "new": None}


# --- passwords -------------------------------------------------------------------------------


async def test_a_reset_sets_the_password_and_records_when() -> None:
    # given
    account = await make_account()
    contact = await make_contact(await make_customer(account), name="Leo", email="leo@example.com")

    # when
    await commands.reset_password(staff(account), contact.id, PasswordChoice(PasswordMode.SET, STRONG))

    # then
    row = await Contact.get(id=contact.id)
    assert verify_password(row.password_hash, STRONG) and row.password_changed_at is not None
    entry = await AuditEntry.get(action="UPDATE", table_name="contact")
    assert entry.message == "Password of contact Leo <leo@example.com> set"
    assert entry.diff["password_hash"] == {"old": None, "new": "[redacted]"}
    assert set(entry.diff) == {"password_hash", "password_changed_at"}
    assert await Message.all().count() == 0


async def test_a_generated_reset_replaces_the_old_password_and_queues_one_email() -> None:
    account = await make_account()
    contact = await make_contact(await make_customer(account), email="mia@example.com", password=STRONG)

    with jobs_held():
        await commands.reset_password(staff(account), contact.id, PasswordChoice(PasswordMode.GENERATE))

    row = await Contact.get(id=contact.id)
    assert not verify_password(row.password_hash, STRONG)
    [message] = await Message.all()
    assert (message.to, message.kind, message.contact_id) == (
        "mia@example.com",
        MessageKind.PASSWORD,
        contact.id,
    )
    entry = await AuditEntry.get(action="UPDATE", table_name="contact")
    assert entry.message.endswith("generated and e-mailed")
    assert entry.diff["password_hash"] == {"old": "[redacted]", "new": "[redacted]"}


async def test_a_weak_reset_is_refused_and_the_old_password_stays() -> None:
    account = await make_account()
    contact = await make_contact(await make_customer(account), name="Nora Smith", password=STRONG)
    before = await db_state()

    errors = await refused(
        commands.reset_password(staff(account), contact.id, PasswordChoice(PasswordMode.SET, "nora smith"))
    )

    assert [(e.code, e.field) for e in errors] == [(ErrorCode.INVALID, ("password",))]
    assert await db_state() == before


# --- reads -----------------------------------------------------------------------------------


async def test_reading_needs_customers_read_and_sees_only_live_customers_in_scope() -> None:
    # given
    account, other_account = await make_account(), await make_account()
    own, other = await make_reseller(account), await make_reseller(account)
    mine = await make_contact(await make_customer(account, reseller_id=own.id))
    theirs = await make_contact(await make_customer(account, reseller_id=other.id))
    gone_customer = await make_customer(account, reseller_id=own.id)
    gone = await make_contact(gone_customer)
    elsewhere = await make_contact(await make_customer(other_account))
    await delete_customer(staff(account), gone_customer.id)
    ids = [mine.id, theirs.id, gone.id, elsewhere.id]

    # when
    admin_sees = await queries.contacts_by_id(staff(account), ids)
    partner_sees = await queries.contacts_by_id(
        staff(account, Permission.CUSTOMERS_READ, reseller_id=own.id), ids
    )
    listed = await queries.list_contacts(staff(account), PageRequest(), ContactQuery())

    # then
    assert set(admin_sees) == {mine.id, theirs.id}
    assert set(partner_sees) == {mine.id}
    assert [row.id for row in listed.rows] == sorted(
        [mine.id, theirs.id], key=lambda i: admin_sees[i].name_key
    )
    with pytest.raises(ServiceError):
        await queries.contacts_by_id(staff(account, Permission.CONTACTS_WRITE), ids)


async def test_each_customers_page_comes_from_one_statement(sql_counter: SqlCounter) -> None:
    # given: three customers with 0, 2 and 5 contacts
    account = await make_account()
    customers = [await make_customer(account, name=n) for n in ("A", "B", "C")]
    for index, count in enumerate((0, 2, 5)):
        for number in range(count):
            await make_contact(customers[index], name=f"{'ZYXWV'[number]} {index}")
    ids = [c.id for c in customers]

    # when
    sql_counter.reset()
    pages = await queries.contacts_by_customer(staff(account), ids, ContactQuery(), PageRequest(first=3))
    statements = sql_counter.count
    after = pages[ids[2]].cursors[-1]
    rest = await queries.contacts_by_customer(
        staff(account), ids, ContactQuery(), PageRequest(first=3, after=after)
    )
    counts = await queries.contact_counts_by_customer(staff(account), ids, ContactQuery())

    # then
    assert statements == 1
    assert [[row.name for row in pages[i].rows] for i in ids] == [[], ["Y 1", "Z 1"], ["V 2", "W 2", "X 2"]]
    assert [pages[i].has_next_page for i in ids] == [False, False, True]
    assert [row.name for row in rest[ids[2]].rows] == ["Y 2", "Z 2"]
    assert rest[ids[2]].has_previous_page and not rest[ids[2]].has_next_page
    assert counts == {ids[0]: 0, ids[1]: 2, ids[2]: 5}


async def test_a_customers_page_filters_sorts_and_refuses_sorting_by_customer() -> None:
    account = await make_account()
    customer = await make_customer(account)
    for name, kind in (("Ann", ContactType.BILLING), ("Ben", ContactType.BILLING), ("Cy", ContactType.SALES)):
        await make_contact(customer, name=name, contact_type=kind)
    billing = ContactQuery(
        where=Filter(conditions={"contact_type": Condition(eq=ContactType.BILLING)}),
        sort=((ContactSortField.NAME, True),),
    )

    pages = await queries.contacts_by_customer(staff(account), [customer.id], billing, PageRequest())
    errors = await refused(
        queries.contacts_by_customer(
            staff(account),
            [customer.id],
            ContactQuery(sort=((ContactSortField.CUSTOMER_NAME, False),)),
            PageRequest(),
        )
    )

    assert [row.name for row in pages[customer.id].rows] == ["Ben", "Ann"]
    assert [(e.code, e.field) for e in errors] == [(ErrorCode.INVALID, ("sort_by",))]


async def test_the_global_list_searches_filters_and_sorts_by_customer_name() -> None:
    # given
    account = await make_account()
    zulu, alpha = await make_customer(account, name="Zulu"), await make_customer(account, name="alpha")
    await make_contact(zulu, name="Olga", email="olga@ops.example", mobile="+447911000111")
    await make_contact(alpha, name="Pete", email="pete@ops.example", password=STRONG, email_verified=True)
    await make_contact(alpha, name="Quinn", email="quinn@sales.example")

    # when
    def names(page: Any) -> list[str]:
        return [row.name for row in page.rows]

    async def listed(**query: Any) -> list[str]:
        return names(await queries.list_contacts(staff(account), PageRequest(), ContactQuery(**query)))

    # then
    assert await listed(search="ops") == ["Olga", "Pete"]
    assert await listed(search="7911000") == ["Olga"]
    assert await listed(where=Filter(conditions={"has_login": Condition(eq=True)})) == ["Pete"]
    assert await listed(where=Filter(conditions={"has_login": Condition(eq=False)})) == ["Olga", "Quinn"]
    assert await listed(where=Filter(conditions={"email_verified": Condition(eq=True)})) == ["Pete"]
    assert await listed(where=Filter(conditions={"email": Condition(eq="QUINN@sales.example")})) == ["Quinn"]
    assert await listed(where=Filter(conditions={"customer_id": Condition(eq=zulu.id)})) == ["Olga"]
    assert await listed(sort=((ContactSortField.CUSTOMER_NAME, False),)) == ["Pete", "Quinn", "Olga"]
    assert await listed(sort=((ContactSortField.EMAIL, True),)) == ["Quinn", "Pete", "Olga"]


async def test_a_soft_deleted_customer_keeps_its_contacts() -> None:
    """Soft-deleting a customer keeps its contacts (they are hidden with it, see the reads)."""
    account = await make_account()
    customer = await make_customer(account)
    contact = await make_contact(customer)

    await delete_customer(staff(account), customer.id)

    assert await Contact.filter(id=contact.id).exists()
    assert (await Customer.get(id=customer.id)).deleted_at is not None
