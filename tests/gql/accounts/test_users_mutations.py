"""userInvite, userUpdate and userDeactivate over the API: who may call them (one matrix per
mutation: administrator, staff without users:write, partners, API keys with and without it,
anonymous, another account), and their typed errors. A refused call changes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Message, Reseller, Role, User
from models.enums import Permission
from settings import Settings
from tests.client import global_id, gql, make_principal
from tests.factories import db_state, make_account, make_api_key, make_reseller, make_role, make_user
from tests.mailbox import delivered
from workers.inprocess import InProcessRunner

ERRORS = "errors { field message code }"
USER = "user { name email active invitationPending role { name } reseller { name } }"
INVITE = f"mutation($input: UserInviteInput!) {{ userInvite(input: $input) {{ {USER} {ERRORS} }} }}"
UPDATE = f"mutation($input: UserUpdateInput!) {{ userUpdate(input: $input) {{ {USER} {ERRORS} }} }}"
DEACTIVATE = (
    f"mutation($input: UserDeactivateInput!) {{ userDeactivate(input: $input) {{ {USER} {ERRORS} }} }}"
)
# The built-in Partner role's (services/permissions.py): a partner admin holds them all, so may
# hand the Partner role out.
PARTNER_PERMISSIONS = [
    Permission.CUSTOMERS_READ,
    Permission.CUSTOMERS_WRITE,
    Permission.CONTACTS_WRITE,
    Permission.MESSAGING_SEND,
    Permission.AUDIT_READ,
    Permission.INVOICES_READ,
    Permission.PAYMENTS_READ,
    Permission.PAYMENTS_WRITE,
]


def error(code: str, message: str, *field: str) -> dict[str, Any]:
    return {"code": code, "message": message, "field": ["input", *field] if field else None}


UNAUTHENTICATED = [error("UNAUTHENTICATED", "Authentication required.")]
PERMISSION_DENIED = [error("PERMISSION_DENIED", "You do not have permission to do this.")]
NOT_FOUND = [error("NOT_FOUND", "User not found.", "id")]


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    reseller_a: Reseller
    reseller_b: Reseller
    pia: User  # a partner user of reseller A: the target of updates

    async def token(self, principal: str) -> str | None:
        account, role, reseller = self.account, "Administrator", None
        if principal == "anonymous":
            return None
        if principal.startswith("api_key"):
            permissions = (
                list(Permission) if principal == "api_key_with_users_write" else [Permission.CUSTOMERS_READ]
            )
            return await make_api_key(self.account, principal, permissions)
        if principal == "staff_without_users_write":
            role = "Support"
        elif principal == "partner":
            role, reseller = "Partner", self.reseller_a
        elif principal == "partner_admin":
            role, reseller = "Partner admin", self.reseller_a
        elif principal == "partner_admin_other_reseller":
            role, reseller = "Partner admin", self.reseller_b
        elif principal == "administrator_of_other_account":
            account = await make_account()
        return (await make_principal(self.client, account, role_name=role, reseller=reseller)).token

    async def role(self, name: str) -> str:
        return global_id("Role", (await Role.get(account_id=self.account.id, name=name)).id)


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account = await make_account("Acme Carrier")
    reseller_a, reseller_b = (
        await make_reseller(account, "Reseller A"),
        await make_reseller(account, "Reseller B"),
    )
    await make_role(account, "Partner admin", [*PARTNER_PERMISSIONS, Permission.USERS_WRITE])
    pia = await make_user(
        account, email="pia@example.com", name="Pia", role_name="Partner", reseller=reseller_a
    )
    return World(client, account, reseller_a, reseller_b, pia)


async def call(
    world: World, principal: str, query: str, input: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Log in as the principal and run the mutation: its payload, and the state before it."""
    token = await world.token(principal)
    before = await db_state()
    body = await gql(world.client, query, {"input": input}, token)
    assert "errors" not in body, body
    return next(iter(body["data"].values())), before


# --- userInvite ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("principal", "outcome"),
    [
        ("anonymous", UNAUTHENTICATED),
        ("staff_without_users_write", PERMISSION_DENIED),
        ("partner", PERMISSION_DENIED),
        ("api_key_without_users_write", PERMISSION_DENIED),
        ("api_key_with_users_write", [error("PERMISSION_DENIED", "Only a user can invite users.")]),
        ("administrator_of_other_account", [error("NOT_FOUND", "Role not found.", "roleId")]),
        ("administrator", None),
        ("partner_admin", None),
    ],
)
async def test_who_may_invite(
    world: World,
    settings: Settings,
    runner: InProcessRunner,
    principal: str,
    outcome: list[dict[str, Any]] | None,
) -> None:
    input = {"email": "New@Example.com", "name": "Nia New", "roleId": await world.role("Partner")}

    payload, before = await call(world, principal, INVITE, input)

    if outcome is not None:
        assert payload == {"user": None, "errors": outcome}
        assert await db_state() == before
        return
    reseller = {"name": "Reseller A"} if principal == "partner_admin" else None
    assert payload == {
        "user": {
            "name": "Nia New",
            "email": "new@example.com",
            "active": True,
            "invitationPending": True,
            "role": {"name": "Partner"},
            "reseller": reseller,
        },
        "errors": [],
    }
    assert len(await delivered(settings, runner, "new@example.com")) == 1
    assert await AuditEntry.filter(action="CREATE", table_name="user").count() == 1


async def test_invitation_errors_name_their_input_fields(world: World) -> None:
    token = await world.token("administrator")
    await make_user(world.account, email="taken@example.com")
    cases = [
        (
            {"email": "taken@example.com", "name": "T", "roleId": await world.role("Support")},
            [error("DUPLICATE", "A user with this e-mail exists.", "email")],
        ),
        (
            {"email": "x@example.com", "name": " ", "roleId": global_id("Customer", 1)},
            [error("NOT_FOUND", "Role not found.", "roleId")],
        ),
        (
            {
                "email": "x@example.com",
                "name": "X",
                "roleId": await world.role("Support"),
                "resellerId": global_id("Reseller", 987654),
            },
            [error("NOT_FOUND", "Reseller not found.", "resellerId")],
        ),
        (
            {"email": "x@example.com", "name": "", "roleId": await world.role("Support")},
            [error("REQUIRED", "This field is required.", "name")],
        ),
    ]
    before = await db_state()

    for input, expected in cases:
        body = await gql(world.client, INVITE, {"input": input}, token)
        assert body["data"]["userInvite"] == {"user": None, "errors": expected}

    assert await db_state() == before


async def test_no_invitation_beyond_ones_own_permissions(world: World) -> None:
    token = await world.token("partner_admin")
    before = await db_state()

    body = await gql(
        world.client,
        INVITE,
        {"input": {"email": "x@example.com", "name": "X", "roleId": await world.role("Administrator")}},
        token,
    )

    [problem] = body["data"]["userInvite"]["errors"]
    assert (problem["code"], problem["field"]) == ("PERMISSION_DENIED", ["input", "roleId"])
    assert problem["message"].startswith("You cannot grant what you do not hold: billing:read, billing:write")
    assert await db_state() == before


# --- userUpdate and userDeactivate -------------------------------------------------------------------


MATRIX = [
    ("anonymous", UNAUTHENTICATED),
    ("staff_without_users_write", PERMISSION_DENIED),
    ("partner", PERMISSION_DENIED),
    ("api_key_without_users_write", PERMISSION_DENIED),
    ("partner_admin_other_reseller", NOT_FOUND),
    ("administrator_of_other_account", NOT_FOUND),
    ("api_key_with_users_write", None),
    ("administrator", None),
    ("partner_admin", None),
]


@pytest.mark.parametrize(("principal", "outcome"), MATRIX)
async def test_who_may_update(world: World, principal: str, outcome: list[dict[str, Any]] | None) -> None:
    input = {"id": global_id("User", world.pia.id), "name": "Pia Renamed", "reason": "Married"}

    payload, before = await call(world, principal, UPDATE, input)

    if outcome is not None:
        assert payload == {"user": None, "errors": outcome}
        assert await db_state() == before
        return
    assert payload["errors"] == [] and payload["user"]["name"] == "Pia Renamed"
    entry = await AuditEntry.get(action="UPDATE", table_name="user")
    assert (entry.message, entry.reason, entry.diff) == (
        "User pia@example.com updated",
        "Married",
        {"name": {"old": "Pia", "new": "Pia Renamed"}},
    )


@pytest.mark.parametrize(("principal", "outcome"), MATRIX)
async def test_who_may_deactivate(world: World, principal: str, outcome: list[dict[str, Any]] | None) -> None:
    payload, before = await call(world, principal, DEACTIVATE, {"id": global_id("User", world.pia.id)})

    if outcome is not None:
        assert payload == {"user": None, "errors": outcome}
        assert await db_state() == before
        return
    assert payload["errors"] == [] and payload["user"]["active"] is False
    assert await User.filter(id=world.pia.id).values_list("is_active", flat=True) == [False]


async def test_update_takes_omitted_null_and_values_apart(world: World) -> None:
    token = await world.token("administrator")
    pia = global_id("User", world.pia.id)

    omitted = await gql(world.client, UPDATE, {"input": {"id": pia}}, token)
    to_staff = await gql(
        world.client,
        UPDATE,
        {"input": {"id": pia, "resellerId": None, "roleId": await world.role("Support")}},
        token,
    )
    before = await db_state()
    null_name = await gql(world.client, UPDATE, {"input": {"id": pia, "name": None}}, token)
    bad_role = await gql(
        world.client, UPDATE, {"input": {"id": pia, "roleId": global_id("Role", 987654)}}, token
    )

    assert omitted["data"]["userUpdate"]["user"]["reseller"] == {"name": "Reseller A"}
    assert to_staff["data"]["userUpdate"]["user"] == {
        "name": "Pia",
        "email": "pia@example.com",
        "active": True,
        "invitationPending": False,
        "role": {"name": "Support"},
        "reseller": None,
    }
    assert null_name["data"]["userUpdate"]["errors"] == [
        error("REQUIRED", "This field cannot be null.", "name")
    ]
    assert bad_role["data"]["userUpdate"]["errors"] == [error("NOT_FOUND", "Role not found.", "roleId")]
    assert await db_state() == before


async def test_nobody_locks_itself_out_through_the_api(client: httpx.AsyncClient) -> None:
    account = await make_account()
    me = await make_principal(client, account)
    myself = global_id("User", me.user.id)
    support = global_id("Role", (await Role.get(account_id=account.id, name="Support")).id)
    before = await db_state()

    deactivate = await gql(client, DEACTIVATE, {"input": {"id": myself}}, me.token)
    inactive = await gql(client, UPDATE, {"input": {"id": myself, "active": False}}, me.token)
    demoted = await gql(client, UPDATE, {"input": {"id": myself, "roleId": support}}, me.token)

    assert deactivate["data"]["userDeactivate"]["errors"] == [
        error("SELF_LOCKOUT", "You cannot deactivate yourself.", "id")
    ]
    assert inactive["data"]["userUpdate"]["errors"] == [
        error("SELF_LOCKOUT", "You cannot deactivate yourself.", "active")
    ]
    assert demoted["data"]["userUpdate"]["errors"] == [
        error("SELF_LOCKOUT", "You cannot give yourself a role without users:write.", "roleId")
    ]
    assert await db_state() == before


async def test_a_deactivated_user_is_signed_out_at_once(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    ann = await make_principal(client, account, role_name="Support", email="ann@example.com")

    await gql(client, DEACTIVATE, {"input": {"id": global_id("User", ann.user.id)}}, admin.token)
    viewer = await gql(client, "{ viewer { kind } }", token=ann.token)

    assert viewer["data"] == {"viewer": None}
    assert await Message.all().count() == 0
