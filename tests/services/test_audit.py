"""The audit trail, called directly: diffs (services/auditing.py), entries written by the unit of
work inside the change's transaction, redaction of secrets, and the reads (services/audit.py)
with their scope and origin rule."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from models import AuditEntry
from models.enums import ActorKind, AuditAction, CustomerStatus, Permission
from services.account_settings import AccountSettingsPatch, update_settings
from services.actor import Actor, RequestOrigin, system_actor
from services.api_keys import create_api_key
from services.audit import entries_by_id, list_audit_entries, may_see_origin
from services.auditing import REDACTED, JsonValue, creation_diff, diff, json_safe
from services.auth import authenticate
from services.customers.commands import create_customer, update_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError
from services.listing import Condition, Filter, PageRequest
from services.uow import unit_of_work
from settings import Settings
from tests.factories import make_account, make_actor, make_customer, make_reseller, refused

DENIED = [FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, None),
        (True, True),
        (7, 7),
        ("text", "text"),
        (Decimal("10.5000"), "10.5"),
        (Decimal("1E+2"), "100"),
        (datetime(2026, 11, 29, 12, 30, tzinfo=UTC), "2026-11-29T12:30:00+00:00"),
        (date(2026, 11, 29), "2026-11-29"),
        (time(8, 0), "08:00:00"),
        (uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
        (CustomerStatus.PENALTY, "PENALTY"),
        ({"limit": Decimal("5.0"), 3: [CustomerStatus.ACTIVE]}, {"limit": "5", "3": ["ACTIVE"]}),
        (("a", Decimal("1.10")), ["a", "1.1"]),
    ],
)
def test_values_are_shown_json_safe(value: Any, shown: Any) -> None:
    assert json_safe(value) == shown


def test_a_diff_holds_the_changed_fields_and_never_a_secrets_value() -> None:
    before: dict[str, JsonValue] = {
        "name": "Acme",
        "channels": 1,
        "password": "old-secret",
        "token": None,
        "pin": "1234",
    }
    after: dict[str, JsonValue] = {
        "name": "Acme",
        "channels": 2,
        "password": "new-secret",
        "token": "fresh",
        "pin": "1234",
    }

    changes = diff(before, after, secrets=frozenset({"password", "token", "pin"}))

    assert changes == {
        "channels": {"old": 1, "new": 2},
        "password": {"old": REDACTED, "new": REDACTED},
        "token": {"old": None, "new": REDACTED},
    }


def test_a_creation_diff_lists_the_set_fields_from_null() -> None:
    after: dict[str, JsonValue] = {
        "name": "Acme",
        "notes": "",
        "tags": [],
        "vars": {},
        "city": None,
        "channels": 0,
        "vip": False,
    }

    assert creation_diff({**after, "ha1": "abc"}, secrets=frozenset({"ha1"})) == {
        "name": {"old": None, "new": "Acme"},
        "channels": {"old": None, "new": 0},
        "vip": {"old": None, "new": False},
        "ha1": {"old": None, "new": REDACTED},
    }


async def test_an_entry_records_who_from_where_and_why_in_the_changes_transaction() -> None:
    # Given a user acting from a browser with a very long user agent
    account = await make_account()
    actor = replace(
        make_actor(account, user_id=41, label="Ann"),
        origin=RequestOrigin(ip="2001:db8::7", user_agent="UA" * 400),
    )

    # When a change writes its entry with an over-long message and a padded reason
    async with unit_of_work(actor, reason="  ticket 12  ") as uow:
        uow.audit(
            AuditAction.EXPORT, "customer", 9, "m" * 600, customer_id=9, diff={"x": {"old": 1, "new": 2}}
        )

    # Then the entry holds all of it, cut to the columns' lengths
    [entry] = await AuditEntry.all().values()
    assert {k: entry[k] for k in ("account_id", "actor_kind", "actor_user_id", "actor_label", "ip")} == {
        "account_id": account.id,
        "actor_kind": "USER",
        "actor_user_id": 41,
        "actor_label": "Ann",
        "ip": "2001:db8::7",
    }
    assert (entry["user_agent"], entry["message"]) == ("UA" * 250, "m" * 500)
    assert (entry["action"], entry["http_verb"], entry["table_name"], entry["record_id"]) == (
        "EXPORT",
        "GET",
        "customer",
        "9",
    )
    assert (entry["customer_id"], entry["reason"], entry["diff"]) == (
        9,
        "ticket 12",
        {"x": {"old": 1, "new": 2}},
    )


async def test_a_key_with_the_longest_name_allowed_can_still_make_changes(settings: Settings) -> None:
    # Given a key whose name has the 200 characters allowed: its label "API key <name>" is longer
    # than the entry's actor_label column
    account = await make_account()
    _key, secret = await create_api_key(
        system_actor(account.id), "K" * 200, [Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE]
    )
    key_actor = await authenticate(settings, secret, RequestOrigin())
    assert key_actor is not None

    # When it creates a customer
    customer = await create_customer(key_actor, CustomerPatch(name="Acme", currency="EUR"))

    # Then the change is made and audited under the label cut to the column
    assert await AuditEntry.filter(customer_id=customer.id).values_list("actor_kind", "actor_label") == [
        ("API_KEY", ("API key " + "K" * 200)[:200])
    ]


async def test_a_change_that_fails_leaves_no_entry() -> None:
    account = await make_account()

    with pytest.raises(RuntimeError):
        async with unit_of_work(make_actor(account)) as uow:
            uow.audit(AuditAction.UPDATE, "customer", 1, "Customer updated")
            raise RuntimeError("the change fails after auditing")

    assert await AuditEntry.all().count() == 0


async def test_the_system_and_the_portal_are_named_in_their_entries() -> None:
    account = await make_account()
    contact = Actor(account_id=account.id, kind=ActorKind.CONTACT, label="Jane Doe", contact_id=5)

    for actor in (system_actor(account.id, on_behalf_of_user_id=41), contact):
        async with unit_of_work(actor) as uow:
            uow.audit(AuditAction.APPLY, "customer", 1, "Scheduled change applied")

    assert await AuditEntry.all().order_by("id").values_list(
        "actor_kind", "actor_label", "on_behalf_of_user_id", "actor_contact_id", "http_verb"
    ) == [("SYSTEM", "System", 41, None, "PUT"), ("CONTACT", "Portal", None, 5, "PUT")]


async def test_settings_secrets_are_redacted_when_set_changed_and_cleared() -> None:
    # Given an account
    account = await make_account()
    admin = make_actor(account)

    # When its SMTP password is set (with its user name), changed, set again the same, and cleared
    await update_settings(admin, AccountSettingsPatch(smtp_username="mailer", smtp_password="first-secret"))
    await update_settings(admin, AccountSettingsPatch(smtp_password="second-secret"))
    await update_settings(admin, AccountSettingsPatch(smtp_password="second-secret"))
    await update_settings(admin, AccountSettingsPatch(smtp_password=None))

    # Then three entries record that it changed, never its value
    assert await AuditEntry.filter(table_name="account").order_by("id").values_list("diff", flat=True) == [
        {"smtp_username": {"old": None, "new": "mailer"}, "smtp_password": {"old": None, "new": REDACTED}},
        {"smtp_password": {"old": REDACTED, "new": REDACTED}},
        {"smtp_password": {"old": REDACTED, "new": None}},
    ]
    entries = str(await AuditEntry.all().values())
    assert "first-secret" not in entries and "second-secret" not in entries


async def history() -> tuple[Actor, Actor, dict[str, int]]:
    """An account's trail: a settings change, a staff customer updated, a customer of North
    updated, and another account's customer; returns a staff reader, North's partner reader and
    the ids of the customers."""
    account = await make_account()
    north = await make_reseller(account)
    system = system_actor(account.id)
    staff_only = await make_customer(account, name="Staff only")
    theirs = await make_customer(account, name="North's", reseller_id=north.id)
    await update_settings(
        system, AccountSettingsPatch(require_audit_reason=False, email_from="noc@acme.example")
    )
    await update_customer(system, staff_only.id, CustomerPatch(channels=2))
    await update_customer(system, theirs.id, CustomerPatch(channels=3))
    await make_customer(await make_account(), name="Foreign")
    staff = make_actor(account, [Permission.AUDIT_READ])
    partner = make_actor(account, [Permission.AUDIT_READ], reseller_id=north.id)
    return staff, partner, {"staff_only": staff_only.id, "theirs": theirs.id}


async def test_the_trail_is_listed_newest_first_within_the_scope() -> None:
    staff, partner, _customers = await history()

    everything = await list_audit_entries(staff, PageRequest())
    partners = await list_audit_entries(partner, PageRequest())

    assert [e.message for e in everything.rows] == [
        "Customer North's updated",
        "Customer Staff only updated",
        "Account settings updated",
        "Customer North's created",
        "Customer Staff only created",
    ]
    assert [e.message for e in partners.rows] == ["Customer North's updated", "Customer North's created"]
    assert (await everything.count_total(), await partners.count_total()) == (5, 2)


async def test_the_trail_narrows_to_a_customer_and_by_filter() -> None:
    staff, partner, customers = await history()
    updates = Filter({"action": Condition(eq=AuditAction.UPDATE)})

    card = await list_audit_entries(staff, PageRequest(), customer_id=customers["staff_only"])
    hidden_card = await list_audit_entries(partner, PageRequest(), customer_id=customers["staff_only"])
    filtered = await list_audit_entries(staff, PageRequest(first=2), where=updates)

    assert [e.message for e in card.rows] == ["Customer Staff only updated", "Customer Staff only created"]
    assert hidden_card.rows == []
    assert [e.message for e in filtered.rows] == ["Customer North's updated", "Customer Staff only updated"]
    assert filtered.has_next_page is True


async def test_entries_are_read_by_id_within_the_scope_and_need_audit_read() -> None:
    staff, partner, _customers = await history()
    entries = {e.message: e.id for e in await AuditEntry.all()}
    ids = [*entries.values(), 987_654]

    assert sorted(await entries_by_id(staff, ids)) == sorted(
        entry_id for message, entry_id in entries.items() if message != "Customer Foreign created"
    )
    assert sorted(await entries_by_id(partner, ids)) == sorted(
        [entries["Customer North's created"], entries["Customer North's updated"]]
    )
    reader = replace(staff, permissions=frozenset(p for p in Permission if p is not Permission.AUDIT_READ))
    assert await refused(entries_by_id(reader, ids)) == DENIED
    assert await refused(list_audit_entries(reader, PageRequest())) == DENIED


def test_only_partners_are_kept_from_seeing_where_changes_came_from() -> None:
    account_id = 1
    staff = Actor(account_id=account_id, kind=ActorKind.USER, label="Ann")
    key = Actor(account_id=account_id, kind=ActorKind.API_KEY, label="API key Feed", api_key_id=3)
    partner = Actor(account_id=account_id, kind=ActorKind.USER, label="Pat", reseller_id=2)

    assert [may_see_origin(a) for a in (staff, key, system_actor(account_id), partner)] == [
        True,
        True,
        True,
        False,
    ]
