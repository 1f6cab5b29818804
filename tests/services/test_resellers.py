"""services/resellers.py called directly: the list (scope, filters, search, counts) and the rules
of create / update / delete (refusals write nothing, not even an audit entry)."""

from __future__ import annotations

from typing import Any

import pytest

from models import Account, AuditEntry, Customer, Reseller
from models.enums import Permission
from services import resellers
from services.actor import Actor
from services.customers.commands import delete_customer
from services.errors import ErrorCode, FieldError
from services.listing import Condition, Filter, PageRequest
from services.resellers import ResellerPatch
from tests.factories import (
    make_account,
    make_actor,
    make_customer,
    make_reseller,
    make_user,
    refused,
)

READ, MANAGE = Permission.CUSTOMERS_READ, Permission.USERS_WRITE


def user(account: Account, *permissions: Permission, **more: Any) -> Actor:
    """A user-kind actor with exactly these permissions (a partner with `reseller_id`)."""
    return make_actor(account, permissions, **more)


async def names(actor: Actor, where: Filter | None = None, search: str | None = None) -> list[str]:
    page = await resellers.list_resellers(actor, PageRequest(first=100), where, search)
    return [row.name for row in page.rows]


# --- reads ---------------------------------------------------------------------------------


async def test_the_list_is_by_name_and_filtered_and_searched() -> None:
    account, other = await make_account(), await make_account()
    for name in ("Northwind Partners", "Acme Resale", "Bravo Partners"):
        await make_reseller(account, name)
    await make_reseller(other, "Alpha Elsewhere")
    staff = user(account, READ)

    everything = await names(staff)
    searched = await names(staff, search="PART  north")
    filtered = await names(staff, Filter(conditions={"name": Condition(contains="partners")}))
    negated = await names(staff, Filter(not_=Filter(conditions={"name": Condition(eq="Acme Resale")})))

    assert everything == ["Acme Resale", "Bravo Partners", "Northwind Partners"]
    assert searched == ["Northwind Partners"]
    assert filtered == ["Bravo Partners", "Northwind Partners"]
    assert negated == ["Bravo Partners", "Northwind Partners"]


async def test_pages_follow_the_name_order() -> None:
    account = await make_account()
    for name in ("Delta", "Alpha", "Charlie", "Bravo"):
        await make_reseller(account, name)
    staff = user(account, READ)

    first = await resellers.list_resellers(staff, PageRequest(first=2))
    second = await resellers.list_resellers(staff, PageRequest(first=2, after=first.cursors[-1]))

    assert [r.name for r in first.rows] == ["Alpha", "Bravo"]
    assert [r.name for r in second.rows] == ["Charlie", "Delta"]
    assert (first.has_next_page, second.has_previous_page, await first.count_total()) == (True, True, 4)


async def test_the_list_needs_customers_read_and_a_partner_sees_its_own_reseller() -> None:
    account = await make_account()
    own = await make_reseller(account, "Own")
    await make_reseller(account, "Other")

    errors = await refused(resellers.list_resellers(user(account, MANAGE), PageRequest()))
    partner_sees = await names(user(account, READ, reseller_id=own.id))

    assert [e.code for e in errors] == [ErrorCode.PERMISSION_DENIED]
    assert partner_sees == ["Own"]


async def test_counts_are_live_customers_and_all_users_of_the_actors_scope() -> None:
    # given: reseller A with two live customers, one deleted, a user and an inactive user
    account = await make_account()
    reseller_a, reseller_b = await make_reseller(account, "A"), await make_reseller(account, "B")
    for _ in range(2):
        await make_customer(account, reseller_id=reseller_a.id)
    gone = await make_customer(account, reseller_id=reseller_a.id)
    await delete_customer(user(account, *Permission), gone.id)
    await make_customer(account, reseller_id=reseller_b.id)
    await make_user(account, role_name="Partner", reseller=reseller_a)
    inactive = await make_user(account, role_name="Partner", reseller=reseller_a)
    inactive.is_active = False
    await inactive.save()
    ids = [reseller_a.id, reseller_b.id, 987_654]

    # when
    staff_customers = await resellers.customer_counts_by_reseller(user(account, READ), ids)
    staff_users = await resellers.user_counts_by_reseller(user(account, READ), ids)
    partner_customers = await resellers.customer_counts_by_reseller(
        user(account, READ, reseller_id=reseller_b.id), ids
    )

    # then
    assert staff_customers == {reseller_a.id: 2, reseller_b.id: 1}
    assert staff_users == {reseller_a.id: 2}
    assert partner_customers == {reseller_b.id: 1}


# --- writes --------------------------------------------------------------------------------


async def test_create_update_and_delete_are_each_audited() -> None:
    account = await make_account()
    manager = user(account, MANAGE)

    created = await resellers.create_reseller(manager, ResellerPatch(name="  Northwind "), reason="signed")
    renamed = await resellers.update_reseller(manager, created.id, ResellerPatch(name="Northwind Ltd"))
    unchanged = await resellers.update_reseller(manager, created.id, ResellerPatch(name="Northwind Ltd"))
    await resellers.delete_reseller(manager, created.id)

    assert (created.name, renamed.name, unchanged.name) == ("Northwind", "Northwind Ltd", "Northwind Ltd")
    assert not await Reseller.exists(id=created.id)
    entries = (
        await AuditEntry.filter(account_id=account.id)
        .order_by("id")
        .values_list("action", "table_name", "record_id", "message", "reason", "diff")
    )
    record = str(created.id)
    assert entries == [
        (
            "CREATE",
            "reseller",
            record,
            "Reseller Northwind created",
            "signed",
            {"name": {"old": None, "new": "Northwind"}},
        ),
        (
            "UPDATE",
            "reseller",
            record,
            "Reseller Northwind Ltd updated",
            None,
            {"name": {"old": "Northwind", "new": "Northwind Ltd"}},
        ),
        (
            "DELETE",
            "reseller",
            record,
            "Reseller Northwind Ltd deleted",
            None,
            {"name": {"old": "Northwind Ltd", "new": None}},
        ),
    ]


@pytest.mark.parametrize("name", ["NORTHWIND", "northwind", "Ärger"])
async def test_names_are_unique_in_the_account_ignoring_case(name: str) -> None:
    account = await make_account()
    await make_reseller(account, "Northwind")
    await make_reseller(account, "ärger")
    bravo = await make_reseller(account, "Bravo")
    expected = [FieldError(ErrorCode.DUPLICATE, "A reseller with this name exists.", ("name",))]

    assert (
        await refused(resellers.create_reseller(user(account, MANAGE), ResellerPatch(name=name))) == expected
    )
    assert (
        await refused(resellers.update_reseller(user(account, MANAGE), bravo.id, ResellerPatch(name=name)))
        == expected
    )


async def test_another_accounts_reseller_name_is_free_and_its_reseller_not_found() -> None:
    account, other = await make_account(), await make_account()
    elsewhere = await make_reseller(other, "Northwind")

    created = await resellers.create_reseller(user(account, MANAGE), ResellerPatch(name="Northwind"))
    errors = await refused(resellers.delete_reseller(user(account, MANAGE), elsewhere.id))

    assert created.account_id == account.id
    assert errors == [FieldError(ErrorCode.NOT_FOUND, "Reseller not found.", ("id",))]


@pytest.mark.parametrize(
    ("patch", "code"),
    [
        (ResellerPatch(), ErrorCode.REQUIRED),
        (ResellerPatch(name=" "), ErrorCode.REQUIRED),
        (ResellerPatch(name="x" * 201), ErrorCode.INVALID),
    ],
)
async def test_a_bad_name_is_refused(patch: ResellerPatch, code: ErrorCode) -> None:
    account = await make_account()

    errors = await refused(resellers.create_reseller(user(account, MANAGE), patch))

    assert [(e.code, e.field) for e in errors] == [(code, ("name",))]


async def test_partners_and_staff_without_users_write_manage_no_reseller() -> None:
    account = await make_account()
    reseller = await make_reseller(account, "Own")
    partner = user(account, *Permission, reseller_id=reseller.id)
    staff = user(account, *[p for p in Permission if p is not MANAGE])

    for actor in (partner, staff):
        refusals = [
            await refused(resellers.create_reseller(actor, ResellerPatch(name="New"))),
            await refused(resellers.update_reseller(actor, reseller.id, ResellerPatch(name="Renamed"))),
            await refused(resellers.delete_reseller(actor, reseller.id)),
        ]
        assert {e.code for errors in refusals for e in errors} == {ErrorCode.PERMISSION_DENIED}


@pytest.mark.parametrize(
    ("customers", "users", "message"),
    [
        (2, 1, "2 customers and 1 user belong to this reseller; move or delete them first."),
        (1, 0, "1 customer and 0 users belong to this reseller; move or delete them first."),
        (0, 3, "0 customers and 3 users belong to this reseller; move or delete them first."),
    ],
)
async def test_a_reseller_in_use_is_not_deleted_and_the_error_counts_what_belongs(
    customers: int, users: int, message: str
) -> None:
    account = await make_account()
    reseller = await make_reseller(account)
    for _ in range(customers):
        await make_customer(account, reseller_id=reseller.id)
    for _ in range(users):
        await make_user(account, role_name="Partner", reseller=reseller)

    errors = await refused(resellers.delete_reseller(user(account, MANAGE), reseller.id))

    assert errors == [
        FieldError(ErrorCode.RESELLER_IN_USE, message, ("id",), (("customers", customers), ("users", users)))
    ]


async def test_deleting_a_reseller_detaches_its_deleted_customers_in_their_audit_trail() -> None:
    account = await make_account()
    reseller = await make_reseller(account, "Northwind")
    gone = await make_customer(account, reseller_id=reseller.id)
    await delete_customer(user(account, *Permission), gone.id)
    since = await AuditEntry.filter(account_id=account.id).count()

    await resellers.delete_reseller(user(account, MANAGE), reseller.id)

    assert (await Customer.get(id=gone.id)).reseller_id is None
    entries = (
        await AuditEntry.filter(account_id=account.id)
        .order_by("id")
        .offset(since)
        .values_list("table_name", "customer_id", "diff")
    )
    assert entries == [
        ("customer", gone.id, {"reseller_id": {"old": reseller.id, "new": None}}),
        ("reseller", None, {"name": {"old": "Northwind", "new": None}}),
    ]
