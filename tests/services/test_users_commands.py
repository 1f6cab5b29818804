"""Inviting, changing and deactivating users (services/users/commands.py): the rules on top of
users:write, each refusal leaving everything as it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import uuid4

import pytest

from models import Account, AuditEntry, AuthSession, Message, PasswordToken, Role, User
from models.enums import ActorKind, MessageKind, Permission
from services.actor import Actor, RequestOrigin
from services.auth import sha256, user_actor
from services.errors import ServiceError
from services.users.commands import Invitation, UserPatch, deactivate_user, invite_user, update_user
from settings import Settings
from tests.factories import db_state, make_account, make_reseller, make_role, make_user
from tests.mailbox import delivered, link_secret, text_of
from workers.inprocess import InProcessRunner

ORIGIN = RequestOrigin(ip="192.0.2.10", user_agent="tests")


async def actor_of(user: User) -> Actor:
    await user.fetch_related("role")
    return user_actor(user, ORIGIN)


async def admin_of(account: Account) -> Actor:
    return await actor_of(await make_user(account, email=f"admin{account.id}@example.com", name="Ada Admin"))


async def role_id(account: Account, name: str) -> int:
    return (await Role.get(account_id=account.id, name=name)).id


def refusal(exc: pytest.ExceptionInfo[ServiceError]) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.code.value, e.field) for e in exc.value.errors]


# --- invite ------------------------------------------------------------------------------------


async def test_an_invitation_makes_a_user_without_a_password_and_emails_a_working_link(
    settings: Settings, runner: InProcessRunner
) -> None:
    # given
    account = await make_account("Acme Carrier")
    admin = await admin_of(account)
    support = await role_id(account, "Support")

    # when
    user = await invite_user(
        admin, settings, Invitation(" New.Person@Example.com ", " Nia New ", support), "Hired"
    )

    # then: the user, without a usable password
    row = await User.get(id=user.id)
    assert (row.email, row.name, row.role_id, row.reseller_id, row.is_active, row.password_set) == (
        "new.person@example.com",
        "Nia New",
        support,
        None,
        True,
        False,
    )
    # the e-mail: one link whose secret is stored only as its hash, valid 72 hours
    [email] = await delivered(settings, runner, "new.person@example.com")
    assert email["Subject"] == "You are invited to Acme Carrier on Switchboard"
    secret = link_secret(email)
    assert f"{settings.public_url}/set-password#token={secret}" in text_of(email)
    assert "72 hours" in text_of(email)
    token = await PasswordToken.get(user_id=user.id)
    assert token.token_hash == sha256(secret)
    assert (token.expires_at - token.created_at).total_seconds() == pytest.approx(72 * 3600, abs=5)
    # the secret is nowhere else: not in the outbox row once sent, not in the audit trail
    message = await Message.get(to="new.person@example.com")
    assert message.kind is MessageKind.INVITATION
    assert secret not in message.body_text and secret not in (message.body_html or "")
    audit = await AuditEntry.filter(table_name="user", record_id=str(user.id)).values(
        "action", "message", "reason", "diff"
    )
    assert audit == [
        {
            "action": "CREATE",
            "message": "User new.person@example.com invited",
            "reason": "Hired",
            "diff": {
                "email": {"old": None, "new": "new.person@example.com"},
                "name": {"old": None, "new": "Nia New"},
                "role_id": {"old": None, "new": support},
                "is_active": {"old": None, "new": True},
            },
        }
    ]
    assert secret not in str(await AuditEntry.all().values())


@pytest.mark.parametrize(
    ("email", "name", "expected"),
    [
        ("not an address", "Nia", [("INVALID", ("email",))]),
        ("", "", [("REQUIRED", ("email",)), ("REQUIRED", ("name",))]),
        ("nia@example.com", "x" * 201, [("INVALID", ("name",))]),
    ],
)
async def test_an_invitation_with_a_bad_email_or_name_is_refused(
    settings: Settings, email: str, name: str, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    account = await make_account()
    admin = await admin_of(account)
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await invite_user(admin, settings, Invitation(email, name, await role_id(account, "Support")))

    assert refusal(refused) == expected
    assert await db_state() == before


async def test_an_email_is_taken_across_accounts(settings: Settings) -> None:
    account, other = await make_account(), await make_account()
    await make_user(other, email="taken@example.com")
    admin = await admin_of(account)
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await invite_user(
            admin, settings, Invitation("Taken@Example.com", "T", await role_id(account, "Support"))
        )

    assert refusal(refused) == [("DUPLICATE", ("email",))]
    assert await db_state() == before


async def test_an_existing_login_is_taken_even_where_its_address_would_be_refused(settings: Settings) -> None:
    # given: a login on a special-use domain (the demo's), which e-mail validation refuses
    account = await make_account()
    await make_user(account, email="admin@demo.switchboard.test")
    admin = await admin_of(account)
    support = await role_id(account, "Support")
    before = await db_state()

    with pytest.raises(ServiceError) as taken:
        await invite_user(admin, settings, Invitation("Admin@demo.switchboard.test", "A", support))
    with pytest.raises(ServiceError) as refused:
        await invite_user(admin, settings, Invitation("new@demo.switchboard.test", "N", support))

    assert refusal(taken) == [("DUPLICATE", ("email",))]
    assert refusal(refused) == [("INVALID", ("email",))]
    assert await db_state() == before


async def test_nobody_invites_to_a_role_beyond_its_own_permissions(settings: Settings) -> None:
    account = await make_account()
    await make_role(account, "User manager", [Permission.USERS_WRITE, Permission.CUSTOMERS_READ])
    manager = await actor_of(await make_user(account, role_name="User manager"))
    administrator = await role_id(account, "Administrator")
    other_accounts_role = await role_id(await make_account(), "Support")
    before = await db_state()

    with pytest.raises(ServiceError) as beyond:
        await invite_user(manager, settings, Invitation("a@example.com", "A", administrator))
    with pytest.raises(ServiceError) as elsewhere:
        await invite_user(manager, settings, Invitation("a@example.com", "A", other_accounts_role))

    assert refusal(beyond) == [("PERMISSION_DENIED", ("role_id",))]
    assert "You cannot grant what you do not hold: audit:read, billing:read, billing:write" in str(
        beyond.value
    )
    assert refusal(elsewhere) == [("NOT_FOUND", ("role_id",))]
    assert await db_state() == before


async def test_a_partner_invites_only_into_its_own_reseller(
    settings: Settings, runner: InProcessRunner
) -> None:
    account = await make_account()
    own, other = await make_reseller(account, "Own"), await make_reseller(account, "Other")
    await make_role(account, "Partner admin", [Permission.USERS_WRITE, Permission.CUSTOMERS_READ])
    partner = await actor_of(await make_user(account, role_name="Partner admin", reseller=own))
    role = await role_id(account, "Partner admin")

    implicit = await invite_user(partner, settings, Invitation("p1@example.com", "P1", role))
    await runner.join()  # its e-mail is sent before the state is taken
    before = await db_state()
    with pytest.raises(ServiceError) as refused:
        await invite_user(partner, settings, Invitation("p2@example.com", "P2", role, other.id))

    assert implicit.reseller_id == own.id
    assert refusal(refused) == [("PERMISSION_DENIED", ("reseller_id",))]
    assert await db_state() == before


async def test_an_api_key_cannot_invite(settings: Settings) -> None:
    account = await make_account()
    key = Actor(account_id=account.id, kind=ActorKind.API_KEY, label="key", permissions=frozenset(Permission))
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await invite_user(key, settings, Invitation("k@example.com", "K", await role_id(account, "Support")))

    assert refusal(refused) == [("PERMISSION_DENIED", ())]
    assert await db_state() == before


async def test_an_unknown_reseller_is_not_found(settings: Settings) -> None:
    account = await make_account()
    admin = await admin_of(account)
    foreign = await make_reseller(await make_account())
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await invite_user(
            admin, settings, Invitation("r@example.com", "R", await role_id(account, "Partner"), foreign.id)
        )

    assert refusal(refused) == [("NOT_FOUND", ("reseller_id",))]
    assert await db_state() == before


# --- update and deactivate ------------------------------------------------------------------------


async def test_an_update_changes_only_what_is_given_and_audits_the_difference() -> None:
    account = await make_account()
    admin = await admin_of(account)
    reseller = await make_reseller(account)
    ann = await make_user(account, email="ann@example.com", name="Ann", role_name="Support")

    moved = await update_user(
        admin, ann.id, UserPatch(role_id=await role_id(account, "Partner"), reseller_id=reseller.id), "Moved"
    )
    unchanged = await update_user(admin, ann.id, UserPatch(name="Ann"))
    back_to_staff = await update_user(admin, ann.id, UserPatch(reseller_id=None))

    assert (moved.name, moved.reseller_id) == ("Ann", reseller.id)
    assert unchanged.role_id == await role_id(account, "Partner")
    assert back_to_staff.reseller_id is None
    entries = await AuditEntry.filter(table_name="user").order_by("id").values_list("message", "diff")
    assert entries == [
        (
            "User ann@example.com updated",
            {
                "role_id": {
                    "old": await role_id(account, "Support"),
                    "new": await role_id(account, "Partner"),
                },
                "reseller_id": {"old": None, "new": reseller.id},
            },
        ),
        ("User ann@example.com updated", {"reseller_id": {"old": reseller.id, "new": None}}),
    ]


@pytest.mark.parametrize("field", ["name", "role_id", "active"])
async def test_null_is_refused_where_a_value_is_needed(field: str) -> None:
    nulled: dict[str, Any] = {field: None}
    account = await make_account()
    admin = await admin_of(account)
    ann = await make_user(account)
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await update_user(admin, ann.id, UserPatch(**nulled))

    assert refusal(refused) == [("REQUIRED", (field,))]
    assert await db_state() == before


async def test_deactivating_through_an_update_ends_sessions_and_links(settings: Settings) -> None:
    account = await make_account()
    admin = await admin_of(account)
    invited = await invite_user(
        admin, settings, Invitation("i@example.com", "I", await role_id(account, "Support"))
    )

    user = await update_user(admin, invited.id, UserPatch(active=False))
    again = await update_user(admin, invited.id, UserPatch(active=True))

    assert (user.is_active, again.is_active) == (False, True)
    assert await PasswordToken.filter(user_id=invited.id, spent_at__isnull=True).count() == 0
    messages = (
        await AuditEntry.filter(table_name="user", action="UPDATE")
        .order_by("id")
        .values_list("message", flat=True)
    )
    assert messages == ["User i@example.com deactivated", "User i@example.com reactivated"]


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"active": False}, "active"),
        ({"role": "Support"}, "role_id"),
        ({"reseller": True}, "reseller_id"),
    ],
)
async def test_nobody_locks_itself_out(patch: dict[str, object], field: str) -> None:
    account = await make_account()
    me = await make_user(account, email="me@example.com")
    actor = await actor_of(me)
    values: dict[str, object] = {}
    if "active" in patch:
        values["active"] = patch["active"]
    if "role" in patch:
        values["role_id"] = await role_id(account, str(patch["role"]))
    if "reseller" in patch:
        values["reseller_id"] = (await make_reseller(account)).id
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await update_user(actor, me.id, UserPatch(**values))  # type: ignore[arg-type]
    with pytest.raises(ServiceError) as deactivated:
        await deactivate_user(actor, me.id)

    assert refusal(refused) == [("SELF_LOCKOUT", (field,))]
    assert refusal(deactivated) == [("SELF_LOCKOUT", ("id",))]
    assert await db_state() == before


async def test_a_user_holding_more_than_the_actor_is_out_of_its_reach() -> None:
    account = await make_account()
    await make_role(account, "User manager", [Permission.USERS_WRITE, Permission.CUSTOMERS_READ])
    manager = await actor_of(await make_user(account, role_name="User manager"))
    boss = await make_user(account, email="boss@example.com")
    peer = await make_user(account, email="peer@example.com", role_name="User manager")
    before = await db_state()

    with pytest.raises(ServiceError) as renamed:
        await update_user(manager, boss.id, UserPatch(name="Demoted"))
    with pytest.raises(ServiceError) as deactivated:
        await deactivate_user(manager, boss.id)
    assert await db_state() == before
    renamed_peer = await update_user(manager, peer.id, UserPatch(name="Peer"))

    assert refusal(renamed) == refusal(deactivated) == [("PERMISSION_DENIED", ())]
    assert renamed_peer.name == "Peer"


async def test_a_partner_manages_only_its_own_resellers_users() -> None:
    account = await make_account()
    own, other = await make_reseller(account, "Own"), await make_reseller(account, "Other")
    await make_role(account, "Partner admin", [Permission.USERS_WRITE, Permission.CUSTOMERS_READ])
    partner = await actor_of(await make_user(account, role_name="Partner admin", reseller=own))
    colleague = await make_user(account, role_name="Partner admin", reseller=own)
    stranger = await make_user(account, role_name="Partner admin", reseller=other)
    staff = await make_user(account, role_name="Support")
    before = await db_state()

    refusals = []
    for user_id, patch in (
        (stranger.id, UserPatch(name="x")),
        (staff.id, UserPatch(name="x")),
        (colleague.id, UserPatch(reseller_id=None)),
        (colleague.id, UserPatch(reseller_id=other.id)),
    ):
        with pytest.raises(ServiceError) as refused:
            await update_user(partner, user_id, patch)
        refusals.append(refusal(refused))

    assert refusals == [
        [("NOT_FOUND", ("id",))],
        [("NOT_FOUND", ("id",))],
        [("PERMISSION_DENIED", ("reseller_id",))],
        [("PERMISSION_DENIED", ("reseller_id",))],
    ]
    assert await db_state() == before


async def test_deactivation_ends_every_session_of_the_user() -> None:
    account = await make_account()
    admin = await admin_of(account)
    ann = await make_user(account)
    await AuthSession.create(
        id=uuid4(), account_id=account.id, user_id=ann.id, expires_at=datetime.now(UTC) + timedelta(days=1)
    )

    await deactivate_user(admin, ann.id, "Left")

    assert await AuthSession.filter(user_id=ann.id, revoked_at__isnull=True).count() == 0
