"""services/roles.py called directly: the permission catalogue, reads and their scope, and the
rules of create / update / delete (refusals write nothing, not even an audit entry)."""

from __future__ import annotations

from typing import Any

import pytest

from models import Account, AuditEntry, Role, User
from models.enums import ActorKind, Permission
from services import permissions, roles
from services.actor import Actor, system_actor
from services.errors import ErrorCode, FieldError
from services.permissions import DEFAULT_ROLES
from services.roles import MAX_ROLES, RolePatch
from tests.factories import (
    actor_of,
    db_state,
    make_account,
    make_actor,
    make_reseller,
    make_role,
    make_user,
    refused,
)

READ, WRITE = Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE
MANAGE = Permission.USERS_WRITE


def user(account: Account, *permissions: Permission, **more: Any) -> Actor:
    """A user-kind actor with exactly these permissions (a partner with `reseller_id`)."""
    return make_actor(account, permissions, **more)


def api_key(account: Account, *permissions: Permission) -> Actor:
    return Actor(
        account_id=account.id, kind=ActorKind.API_KEY, label="API key Ops", permissions=frozenset(permissions)
    )


def values(role: Role) -> tuple[str, list[str], bool]:
    return role.name, role.permissions, role.built_in


# --- catalogue and reads -------------------------------------------------------------------


def test_every_permission_is_described_in_declaration_order() -> None:
    catalogue = permissions.permission_catalogue()

    assert [item.permission for item in catalogue] == list(Permission)
    assert all(item.description.endswith(".") and len(item.description) > 10 for item in catalogue)
    assert len({item.label for item in catalogue}) == len(catalogue)


async def test_a_new_account_lists_its_built_in_roles_first() -> None:
    # given
    account = await make_account()
    await make_role(account, "Billing clerks", [Permission.BILLING_WRITE])

    # when
    listed = await roles.list_roles(user(account, READ))

    # then
    assert [values(r) for r in listed] == [
        ("Administrator", DEFAULT_ROLES["Administrator"], True),
        ("Partner", DEFAULT_ROLES["Partner"], True),
        ("Support", DEFAULT_ROLES["Support"], True),
        ("Billing clerks", ["billing:write"], False),
    ]


async def test_reading_roles_needs_customers_read_and_stays_in_the_account() -> None:
    account, other = await make_account(), await make_account()
    other_role = await make_role(other, "Elsewhere", [])

    errors = await refused(roles.list_roles(user(account, MANAGE)))
    found = await roles.roles_by_id(user(account, READ), [other_role.id])

    assert [e.code for e in errors] == [ErrorCode.PERMISSION_DENIED]
    assert found == {}


async def test_a_partner_reads_and_counts_only_the_roles_of_its_resellers_users() -> None:
    # given: two resellers; reseller A has two partner users, B one support user
    account = await make_account()
    reseller_a, reseller_b = await make_reseller(account), await make_reseller(account)
    first = await make_user(account, role_name="Partner", reseller=reseller_a)
    await make_user(account, role_name="Partner", reseller=reseller_a)
    await make_user(account, role_name="Support", reseller=reseller_b)
    await make_user(account, role_name="Partner")
    partner = user(account, READ, user_id=first.id, reseller_id=reseller_a.id)
    ids = [role.id for role in await Role.filter(account_id=account.id)]

    # when
    listed = await roles.list_roles(partner)
    counts = await roles.user_counts_by_role(partner, ids)
    staff_counts = await roles.user_counts_by_role(user(account, READ), ids)

    # then
    partner_role = await Role.get(account_id=account.id, name="Partner")
    support_role = await Role.get(account_id=account.id, name="Support")
    assert [r.name for r in listed] == ["Partner"]
    assert counts == {partner_role.id: 2}
    assert staff_counts == {partner_role.id: 3, support_role.id: 1}


# --- create --------------------------------------------------------------------------------


async def test_create_saves_a_clean_role_with_one_audit_entry() -> None:
    account = await make_account()

    role = await roles.create_role(
        user(account, MANAGE, READ, WRITE),
        RolePatch(name="  Ops  ", permissions=[WRITE, READ, WRITE]),
        reason="new team",
    )

    assert values(role) == ("Ops", ["customers:read", "customers:write"], False)
    entries = await AuditEntry.filter(account_id=account.id).values(
        "action", "table_name", "record_id", "message", "reason", "diff"
    )
    assert entries == [
        {
            "action": "CREATE",
            "table_name": "role",
            "record_id": str(role.id),
            "message": "Role Ops created",
            "reason": "new team",
            "diff": {
                "name": {"old": None, "new": "Ops"},
                "permissions": {"old": None, "new": ["customers:read", "customers:write"]},
            },
        }
    ]


async def test_nobody_grants_what_they_do_not_hold_and_every_such_permission_is_named() -> None:
    account = await make_account()

    errors = await refused(
        roles.create_role(
            user(account, MANAGE, READ),
            RolePatch(name="Escalate", permissions=[READ, Permission.BILLING_WRITE, WRITE]),
        )
    )

    assert errors == [
        FieldError(
            ErrorCode.PERMISSION_DENIED,
            "You cannot grant billing:write: you do not hold it.",
            ("permissions", "1"),
        ),
        FieldError(
            ErrorCode.PERMISSION_DENIED,
            "You cannot grant customers:write: you do not hold it.",
            ("permissions", "2"),
        ),
    ]


@pytest.mark.parametrize("name", ["administrator", "OPS", "Öps"])
async def test_names_are_unique_in_the_account_ignoring_case(name: str) -> None:
    account, other = await make_account(), await make_account()
    await make_role(account, "Ops", [])
    await make_role(account, "öps", [])
    await make_role(other, name, [])

    errors = await refused(roles.create_role(user(account, MANAGE), RolePatch(name=name)))

    assert errors == [FieldError(ErrorCode.DUPLICATE, "A role with this name exists.", ("name",))]


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (RolePatch(), [FieldError(ErrorCode.REQUIRED, "This field is required.", ("name",))]),
        (RolePatch(name="   "), [FieldError(ErrorCode.REQUIRED, "This field is required.", ("name",))]),
        (RolePatch(name="x" * 101), [FieldError(ErrorCode.INVALID, "At most 100 characters.", ("name",))]),
        (
            RolePatch(name=None, permissions=None),  # type: ignore[arg-type]
            [
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("name",)),
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("permissions",)),
            ],
        ),
    ],
)
async def test_bad_input_is_refused_field_by_field(patch: RolePatch, expected: list[FieldError]) -> None:
    account = await make_account()

    assert await refused(roles.create_role(user(account, MANAGE), patch)) == expected


async def test_an_account_has_at_most_max_roles() -> None:
    account = await make_account()
    await Role.bulk_create(
        [Role(account_id=account.id, name=f"Team {n}") for n in range(MAX_ROLES - len(DEFAULT_ROLES))]
    )

    errors = await refused(roles.create_role(user(account, MANAGE), RolePatch(name="One more")))

    assert errors == [FieldError(ErrorCode.TOO_MANY, f"An account has at most {MAX_ROLES} roles.")]


@pytest.mark.parametrize(
    "actor_of",
    [
        lambda account, reseller: user(account, *Permission, reseller_id=reseller.id),
        lambda account, reseller: user(account, *[p for p in Permission if p is not MANAGE]),
        lambda account, reseller: api_key(account, READ),
    ],
    ids=["partner_with_every_permission", "staff_without_users_write", "api_key_without_users_write"],
)
async def test_partners_and_principals_without_users_write_manage_no_role(actor_of: Any) -> None:
    account = await make_account()
    actor = actor_of(account, await make_reseller(account))
    role = await make_role(account, "Ops", [])

    refusals = [
        await refused(roles.create_role(actor, RolePatch(name="New"))),
        await refused(roles.update_role(actor, role.id, RolePatch(name="Renamed"))),
        await refused(roles.delete_role(actor, role.id)),
    ]

    assert {e.code for errors in refusals for e in errors} == {ErrorCode.PERMISSION_DENIED}


async def test_an_api_key_with_users_write_manages_roles_within_its_permissions() -> None:
    account = await make_account()
    key = api_key(account, MANAGE, READ)

    role = await roles.create_role(key, RolePatch(name="Readers", permissions=[READ]))
    errors = await refused(roles.update_role(key, role.id, RolePatch(permissions=[READ, WRITE])))

    assert values(role) == ("Readers", ["customers:read"], False)
    assert [(e.code, e.field) for e in errors] == [(ErrorCode.PERMISSION_DENIED, ("permissions", "1"))]


# --- update --------------------------------------------------------------------------------


async def test_update_changes_the_given_fields_and_audits_the_diff() -> None:
    account = await make_account()
    role = await make_role(account, "Ops", [READ])

    updated = await roles.update_role(
        user(account, MANAGE, READ, WRITE), role.id, RolePatch(permissions=[READ, WRITE])
    )
    renamed = await roles.update_role(user(account, MANAGE, READ, WRITE), role.id, RolePatch(name="ops"))

    assert values(updated) == ("Ops", ["customers:read", "customers:write"], False)
    assert values(await Role.get(id=role.id)) == ("ops", ["customers:read", "customers:write"], False)
    assert renamed.name == "ops"
    diffs = await AuditEntry.filter(account_id=account.id).order_by("id").values_list("action", "diff")
    assert diffs == [
        (
            "UPDATE",
            {"permissions": {"old": ["customers:read"], "new": ["customers:read", "customers:write"]}},
        ),
        ("UPDATE", {"name": {"old": "Ops", "new": "ops"}}),
    ]


async def test_an_update_that_changes_nothing_writes_nothing() -> None:
    account = await make_account()
    role = await make_role(account, "Ops", [READ])
    before = await db_state()

    await roles.update_role(user(account, MANAGE, READ), role.id, RolePatch(name="Ops", permissions=[READ]))

    assert await db_state() == before


async def test_renaming_onto_another_roles_name_is_refused() -> None:
    account = await make_account()
    role = await make_role(account, "Ops", [])

    errors = await refused(roles.update_role(user(account, MANAGE), role.id, RolePatch(name="SUPPORT")))

    assert errors == [FieldError(ErrorCode.DUPLICATE, "A role with this name exists.", ("name",))]


@pytest.mark.parametrize("name", list(DEFAULT_ROLES))
async def test_built_in_roles_are_read_only(name: str) -> None:
    account = await make_account()
    role = await Role.get(account_id=account.id, name=name)
    system = system_actor(account.id)
    message = f"{name} is a built-in role: it cannot be changed or deleted. Create a role instead."

    refusals = [
        await refused(roles.update_role(system, role.id, RolePatch(name="Renamed"))),
        await refused(roles.update_role(system, role.id, RolePatch(permissions=[]))),
        await refused(roles.delete_role(system, role.id)),
    ]

    assert refusals == [[FieldError(ErrorCode.BUILT_IN_ROLE, message, ("id",))]] * 3


async def test_a_role_holding_more_than_the_actor_cannot_be_changed_or_deleted() -> None:
    account = await make_account()
    role = await make_role(account, "Billing", [Permission.BILLING_WRITE, READ])
    clerk = user(account, MANAGE, READ)
    expected = [
        FieldError(
            ErrorCode.PERMISSION_DENIED, "This role holds permissions you do not: billing:write.", ("id",)
        )
    ]

    assert await refused(roles.update_role(clerk, role.id, RolePatch(permissions=[READ]))) == expected
    assert await refused(roles.update_role(clerk, role.id, RolePatch(name="Renamed"))) == expected
    assert await refused(roles.delete_role(clerk, role.id)) == expected


async def test_nobody_removes_users_write_from_their_own_role() -> None:
    # given: a user whose custom role holds users:write
    account = await make_account()
    await make_role(account, "Managers", [MANAGE, READ])
    manager = await make_user(account, role_name="Managers")
    actor = await actor_of(manager)
    role_id = manager.role_id

    # when
    errors = await refused(roles.update_role(actor, role_id, RolePatch(permissions=[READ])))
    kept = await roles.update_role(actor, role_id, RolePatch(permissions=[MANAGE]))

    # then: removing another permission from their own role is allowed
    assert errors == [
        FieldError(
            ErrorCode.SELF_LOCKOUT,
            "You cannot remove users:write from your own role: you could not give it back.",
            ("permissions",),
        )
    ]
    assert kept.permissions == ["users:write"]


async def test_users_write_may_be_removed_from_a_role_the_actor_does_not_hold() -> None:
    account = await make_account()
    role = await make_role(account, "Managers", [MANAGE])
    admin = await make_user(account)

    updated = await roles.update_role(await actor_of(admin), role.id, RolePatch(permissions=[]))

    assert updated.permissions == []


async def test_unknown_and_other_accounts_roles_are_not_found() -> None:
    account, other = await make_account(), await make_account()
    elsewhere = await make_role(other, "Elsewhere", [])
    actor = user(account, *Permission)
    expected = [FieldError(ErrorCode.NOT_FOUND, "Role not found.", ("id",))]

    for role_id in (elsewhere.id, 987_654):
        assert await refused(roles.update_role(actor, role_id, RolePatch(name="Mine"))) == expected
        assert await refused(roles.delete_role(actor, role_id)) == expected


# --- delete --------------------------------------------------------------------------------


async def test_a_role_in_use_is_not_deleted_and_the_error_counts_its_users() -> None:
    account = await make_account()
    await make_role(account, "Ops", [])
    for _ in range(2):
        await make_user(account, role_name="Ops")
    inactive = await make_user(account, role_name="Ops")
    await User.filter(id=inactive.id).update(is_active=False)
    role = await Role.get(account_id=account.id, name="Ops")

    errors = await refused(roles.delete_role(user(account, MANAGE), role.id))

    assert errors == [
        FieldError(
            ErrorCode.ROLE_IN_USE,
            "3 users hold this role; give them another role first.",
            ("id",),
            (("users", 3),),
        )
    ]


async def test_delete_removes_an_unused_role_with_one_audit_entry() -> None:
    account = await make_account()
    role = await make_role(account, "Ops", [READ])

    deleted = await roles.delete_role(user(account, MANAGE, READ), role.id, reason="team merged")

    assert deleted.id == role.id
    assert not await Role.exists(id=role.id)
    entries = await AuditEntry.filter(account_id=account.id).values("action", "record_id", "reason", "diff")
    assert entries == [
        {
            "action": "DELETE",
            "record_id": str(role.id),
            "reason": "team merged",
            "diff": {
                "name": {"old": "Ops", "new": None},
                "permissions": {"old": ["customers:read"], "new": None},
            },
        }
    ]
