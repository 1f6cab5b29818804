"""create_customer / update_customer / delete_customer, called directly with an Actor."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

import pytest

from models import Account, AuditEntry, Customer
from models.enums import Permission
from services.actor import system_actor
from services.customers.commands import create_customer, delete_customer, update_customer
from services.customers.scope import find_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError
from tests.factories import db_state, make_account, make_actor, make_customer, make_reseller, refused


async def test_create_saves_the_clean_values_and_one_audit_entry() -> None:
    # Given an account
    account = await make_account()

    # When a customer is created by a user with a reason
    customer = await create_customer(
        make_actor(account),
        CustomerPatch(name=" Acme ", currency="jpy", debit_limit=Decimal("500"), tags=["a", "A", "b"]),
        reason=" onboarding ",
    )

    # Then the row holds the clean values and one CREATE entry records who and why
    assert await Customer.filter(id=customer.id).values_list(
        "name", "name_key", "currency", "debit_limit"
    ) == [("Acme", "acme", "JPY", Decimal(500))]
    entries = await AuditEntry.all().values(
        "action", "actor_label", "ip", "user_agent", "reason", "customer_id"
    )
    assert entries == [
        {
            "action": "CREATE",
            "actor_label": "Tester",
            "ip": "198.51.100.1",
            "user_agent": "tests",
            "reason": "onboarding",
            "customer_id": customer.id,
        }
    ]
    diff = (await AuditEntry.get()).diff
    assert (diff["debit_limit"], diff["tags"]) == (
        {"old": None, "new": "500"},
        {"old": None, "new": ["a", "b"]},
    )


@pytest.mark.parametrize(
    ("patch", "missing"),
    [
        (CustomerPatch(currency="EUR"), ["name"]),
        (CustomerPatch(name="Acme"), ["currency"]),
        (CustomerPatch(name=None, currency=None), ["name", "currency"]),  # type: ignore[arg-type]
        (CustomerPatch(), ["name", "currency"]),
    ],
)
async def test_create_requires_name_and_currency(patch: CustomerPatch, missing: list[str]) -> None:
    account = await make_account()
    before = await db_state()

    errors = await refused(create_customer(make_actor(account), patch))

    assert errors == [FieldError(ErrorCode.REQUIRED, "This field is required.", (name,)) for name in missing]
    assert await db_state() == before


async def test_create_and_update_need_customers_write() -> None:
    # Given a read-only user and a customer
    account = await make_account()
    reader = make_actor(account, [Permission.CUSTOMERS_READ])
    customer = await make_customer(account)
    before = await db_state()

    # When the reader creates, updates or deletes
    attempts = [
        create_customer(reader, CustomerPatch(name="Acme", currency="EUR")),
        update_customer(reader, customer.id, CustomerPatch(channels=1)),
        delete_customer(reader, customer.id),
    ]

    # Then each is refused and nothing is written
    for attempt in attempts:
        assert await refused(attempt) == [
            FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")
        ]
    assert await db_state() == before


@pytest.mark.parametrize(
    "name", ["name", "channels", "status", "tags", "notes", "timezone", "dial_windows", "vars"]
)
async def test_update_to_null_of_a_non_nullable_field_is_required(name: str) -> None:
    # Given a customer
    account = await make_account()
    customer = await make_customer(account)
    before = await db_state()

    # When a non-nullable field is set to null
    errors = await refused(
        update_customer(make_actor(account), customer.id, CustomerPatch(**cast(dict[str, Any], {name: None})))
    )

    # Then it is required and nothing changes
    assert errors == [FieldError(ErrorCode.REQUIRED, "This field cannot be null.", (name,))]
    assert await db_state() == before


async def test_update_returns_the_saved_customer_and_diffs_only_changes() -> None:
    # Given a customer
    account = await make_account()
    customer = await make_customer(account, channels=1, city="Berlin", tags=["x"])

    # When some fields change and others are repeated
    saved = await update_customer(
        make_actor(account), customer.id, CustomerPatch(channels=2, city="Berlin", tags=["x"], country="fr")
    )

    # Then the returned row is updated and the diff holds the real changes only
    assert (saved.channels, saved.city, saved.country) == (2, "Berlin", "FR")
    assert await AuditEntry.filter(action="UPDATE").values_list("diff", flat=True) == [
        {"channels": {"old": 1, "new": 2}, "country": {"old": None, "new": "FR"}}
    ]


async def test_the_system_actor_needs_no_reason_even_when_the_account_requires_one() -> None:
    # Given an account that requires reasons
    account = await make_account()
    await Account.filter(id=account.id).update(require_audit_reason=True)
    customer = await make_customer(account, channels=1)

    # When a user updates without a reason, and then the system does
    user_errors = await refused(update_customer(make_actor(account), customer.id, CustomerPatch(channels=2)))
    await update_customer(system_actor(account.id), customer.id, CustomerPatch(channels=3))

    # Then the user is refused and the system's change is applied and audited without reason
    assert user_errors == [
        FieldError(ErrorCode.REASON_REQUIRED, "This account requires a reason for every change.", ("reason",))
    ]
    assert await AuditEntry.filter(action="UPDATE").values_list("actor_kind", "reason", "diff") == [
        ("SYSTEM", None, {"channels": {"old": 1, "new": 3}})
    ]


async def test_delete_frees_the_name_and_hides_the_customer() -> None:
    # Given a customer
    account = await make_account()
    actor = make_actor(account)
    customer = await make_customer(account, name="Acme")

    # When it is deleted
    deleted = await delete_customer(actor, customer.id, reason="gone")

    # Then it is not found any more, its name is free, and a second delete is NOT_FOUND
    assert deleted.deleted_at is not None
    assert await find_customer(actor, customer.id) is None
    again = await create_customer(actor, CustomerPatch(name="acme", currency="EUR"))
    assert again.id != customer.id
    assert await refused(delete_customer(actor, customer.id)) == [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("id",))
    ]


async def test_a_partner_actor_is_bound_to_its_reseller() -> None:
    # Given a partner of North, and customers of North and South
    account = await make_account()
    north, south = await make_reseller(account), await make_reseller(account)
    partner = make_actor(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)

    # When the partner creates a customer, then touches the other reseller's
    created = await create_customer(partner, CustomerPatch(name="Mine", currency="EUR"))
    update_errors = await refused(update_customer(partner, theirs.id, CustomerPatch(channels=4)))
    move_errors = await refused(update_customer(partner, created.id, CustomerPatch(reseller_id=south.id)))

    # Then its own reseller is forced, and the other reseller's customer stays out of reach
    assert created.reseller_id == north.id
    assert await find_customer(partner, theirs.id) is None
    assert update_errors == [FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("id",))]
    assert move_errors == [
        FieldError(
            ErrorCode.PERMISSION_DENIED,
            "A partner user can only assign customers to its own reseller.",
            ("reseller_id",),
        )
    ]
    assert await Customer.filter(id=theirs.id).values_list("channels", flat=True) == [0]
