"""Passwords of users (services/users/credentials.py): reset by e-mail, links that work once,
changing one's own password; the strength rule (services/passwords.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from models import AuditEntry, AuthSession, LoginThrottle, Message, PasswordToken, Role, User
from models.enums import ActorKind, Permission
from services.actor import Actor, RequestOrigin
from services.auth import user_actor
from services.errors import ServiceError
from services.passwords import strength_problem, verify_password
from services.users.commands import Invitation, invite_user
from services.users.credentials import change_own_password, complete_password_link, request_password_reset
from settings import Settings
from tests.factories import PASSWORD, db_state, make_account, make_user
from tests.mailbox import delivered, last_link_secret
from workers.inprocess import InProcessRunner

ORIGIN = RequestOrigin(ip="192.0.2.20", user_agent="tests")
NEW = "a fresh long secret"


def codes(exc: pytest.ExceptionInfo[ServiceError]) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.code.value, e.field) for e in exc.value.errors]


async def open_session(user: User) -> AuthSession:
    return await AuthSession.create(
        id=uuid4(),
        account_id=user.account_id,
        user_id=user.id,
        expires_at=datetime.now(UTC) + timedelta(days=1),
    )


# --- strength ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short", "At least 10 characters."),
        ("x" * 257, "At most 256 characters."),
        ("abababababab", "Use at least 5 different characters."),
        ("Password123", "This password is too well known; choose another."),
        ("ann.lee@example.com", "Do not use your e-mail address or name as the password."),
        ("Ann Lee Smith", "Do not use your e-mail address or name as the password."),
        ("correct horse battery", None),
    ],
)
def test_the_strength_rule(password: str, problem: str | None) -> None:
    assert strength_problem(password, email="ann.lee@example.com", name="Ann Lee Smith") == problem


# --- reset request -------------------------------------------------------------------------------


async def test_a_reset_link_goes_only_to_an_active_user(settings: Settings, runner: InProcessRunner) -> None:
    account = await make_account("Acme Carrier")
    ann = await make_user(account, email="ann@example.com")
    gone = await make_user(account, email="gone@example.com")
    await User.filter(id=gone.id).update(is_active=False)

    for asked in ("ANN@example.com ", "nobody@example.com", "gone@example.com"):
        await request_password_reset(settings, asked, ORIGIN)

    [email] = await delivered(settings, runner, "ann@example.com")
    assert email["Subject"] == "Reset your Switchboard password"
    assert await Message.all().count() == 1
    token = await PasswordToken.get(user_id=ann.id)
    assert (token.expires_at - token.created_at).total_seconds() == pytest.approx(3600, abs=5)
    entry = await AuditEntry.get(table_name="user")
    assert (entry.action, entry.actor_kind, entry.actor_label, entry.ip, entry.message, entry.diff) == (
        "SEND",
        ActorKind.SYSTEM,
        "Password reset request",
        "192.0.2.20",
        "Password reset link sent to ann@example.com",
        {},
    )


async def test_reset_requests_are_throttled_like_logins_on_rows_of_their_own(settings: Settings) -> None:
    account = await make_account()
    await make_user(account, email="ann@example.com")
    limited = settings.model_copy(update={"login_max_failures": 2, "password_reset_max_per_hour": 10})

    await request_password_reset(limited, "ann@example.com", ORIGIN)
    await request_password_reset(limited, "ann@example.com", ORIGIN)
    with pytest.raises(ServiceError) as throttled:
        await request_password_reset(limited, "ann@example.com", ORIGIN)
    with pytest.raises(ServiceError) as unknown_too:
        await request_password_reset(limited, "nobody@example.com", ORIGIN)
        await request_password_reset(limited, "nobody@example.com", ORIGIN)
        await request_password_reset(limited, "nobody@example.com", ORIGIN)

    assert codes(throttled) == codes(unknown_too) == [("THROTTLED", ())]
    assert await Message.all().count() == 2
    # the login's own rows are untouched: ann can still log in from there
    assert await LoginThrottle.filter(email__in=["ann@example.com", ""]).count() == 0


async def test_one_user_gets_a_few_reset_emails_an_hour_whoever_asks(settings: Settings) -> None:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")

    for n in range(5):
        await request_password_reset(settings, "ann@example.com", RequestOrigin(ip=f"198.51.100.{n}"))

    assert await Message.all().count() == settings.password_reset_max_per_hour == 3
    # only the newest link works
    assert await PasswordToken.filter(user_id=ann.id, spent_at__isnull=True).count() == 1


# --- completing a link -----------------------------------------------------------------------------


async def test_a_reset_link_sets_the_password_once_and_ends_every_session(
    settings: Settings, runner: InProcessRunner
) -> None:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")
    session = await open_session(ann)
    await request_password_reset(settings, "ann@example.com", ORIGIN)
    secret = await last_link_secret(settings, runner, "ann@example.com")

    user = await complete_password_link(secret, NEW, ORIGIN)
    before = await db_state()
    with pytest.raises(ServiceError) as reused:
        await complete_password_link(secret, "another long secret", ORIGIN)

    row = await User.get(id=ann.id)
    assert user.id == ann.id and verify_password(row.password_hash, NEW)
    assert not verify_password(row.password_hash, PASSWORD)
    assert (await AuthSession.get(id=session.id)).revoked_at is not None
    assert codes(reused) == [("INVALID_TOKEN", ("token",))]
    assert await db_state() == before
    entry = await AuditEntry.filter(action="UPDATE").values_list("actor_user_id", "message", "diff")
    assert entry == [
        (
            ann.id,
            "Password of ann@example.com reset through an e-mailed link",
            {"password": {"old": "[redacted]", "new": "[redacted]"}},
        )
    ]
    assert secret not in str(await AuditEntry.all().values())
    assert NEW not in str(await AuditEntry.all().values())


async def test_an_invitation_link_completes_the_same_way(settings: Settings, runner: InProcessRunner) -> None:
    account = await make_account()
    admin = await make_user(account, email="admin@example.com")
    await admin.fetch_related("role")
    support = (await Role.get(account_id=account.id, name="Support")).id
    invited = await invite_user(
        user_actor(admin, ORIGIN), settings, Invitation("new@example.com", "New", support)
    )
    secret = await last_link_secret(settings, runner, "new@example.com")

    await complete_password_link(secret, NEW, ORIGIN)

    row = await User.get(id=invited.id)
    assert row.password_set is True and verify_password(row.password_hash, NEW)
    message = await AuditEntry.filter(action="UPDATE").values_list("message", flat=True)
    assert message == ["new@example.com accepted the invitation and chose a password"]


@pytest.mark.parametrize("case", ["expired", "superseded", "deactivated", "unknown", "too long"])
async def test_a_link_that_does_not_work(settings: Settings, runner: InProcessRunner, case: str) -> None:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")
    await request_password_reset(settings, "ann@example.com", ORIGIN)
    secret = await last_link_secret(settings, runner, "ann@example.com")
    if case == "expired":
        await PasswordToken.filter(user_id=ann.id).update(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    elif case == "superseded":
        await request_password_reset(settings, "ann@example.com", ORIGIN)
    elif case == "deactivated":
        await User.filter(id=ann.id).update(is_active=False)
    elif case == "unknown":
        secret = secret[:-2] + "xx"
    else:
        secret = "x" * 101
    await runner.join()  # the superseding link's e-mail is sent before the state is taken
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await complete_password_link(secret, NEW, ORIGIN)

    assert codes(refused) == [("INVALID_TOKEN", ("token",))]
    assert await db_state() == before


async def test_a_weak_password_leaves_the_link_working(settings: Settings, runner: InProcessRunner) -> None:
    account = await make_account()
    await make_user(account, email="ann@example.com")
    await request_password_reset(settings, "ann@example.com", ORIGIN)
    secret = await last_link_secret(settings, runner, "ann@example.com")
    before = await db_state()

    with pytest.raises(ServiceError) as weak:
        await complete_password_link(secret, "ann@example.com", ORIGIN)
    assert await db_state() == before
    await complete_password_link(secret, NEW, ORIGIN)

    assert codes(weak) == [("INVALID", ("new_password",))]


# --- changing one's own ----------------------------------------------------------------------------


async def test_changing_ones_password_keeps_this_session_and_ends_the_others(settings: Settings) -> None:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")
    await ann.fetch_related("role")
    this, other = await open_session(ann), await open_session(ann)
    actor = user_actor(ann, ORIGIN, this.id)

    await change_own_password(settings, actor, PASSWORD, NEW)

    assert verify_password((await User.get(id=ann.id)).password_hash, NEW)
    assert (await AuthSession.get(id=this.id)).revoked_at is None
    assert (await AuthSession.get(id=other.id)).revoked_at is not None
    assert await AuditEntry.filter(action="UPDATE").values_list("message", "diff") == [
        ("Password of ann@example.com changed", {"password": {"old": "[redacted]", "new": "[redacted]"}})
    ]


@pytest.mark.parametrize(
    ("current", "new", "expected"),
    [
        ("wrong password", NEW, [("INVALID_CREDENTIALS", ("current_password",))]),
        (PASSWORD, "short", [("INVALID", ("new_password",))]),
        (PASSWORD, PASSWORD, [("INVALID", ("new_password",))]),
    ],
)
async def test_a_refused_change(settings: Settings, current: str, new: str, expected: object) -> None:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")
    await ann.fetch_related("role")
    session = await open_session(ann)
    before = await db_state()

    with pytest.raises(ServiceError) as refused:
        await change_own_password(settings, user_actor(ann, ORIGIN, session.id), current, new)

    assert codes(refused) == expected
    after = await db_state()
    # only the throttle's bookkeeping moved
    for table in ("login_throttle", "login_attempt"):
        before.pop(table), after.pop(table)
    assert after == before


async def test_guessing_the_current_password_is_throttled_like_a_login(settings: Settings) -> None:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")
    await ann.fetch_related("role")
    actor = user_actor(ann, ORIGIN, (await open_session(ann)).id)
    limited = settings.model_copy(update={"login_max_failures": 2})

    outcomes = []
    for _ in range(3):
        with pytest.raises(ServiceError) as refused:
            await change_own_password(limited, actor, "a wrong guess", NEW)
        outcomes.append(codes(refused)[0][0])

    assert outcomes == ["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "THROTTLED"]


async def test_only_a_signed_in_user_changes_a_password(settings: Settings) -> None:
    account = await make_account()
    key = Actor(account_id=account.id, kind=ActorKind.API_KEY, label="key", permissions=frozenset(Permission))

    with pytest.raises(ServiceError) as refused:
        await change_own_password(settings, key, PASSWORD, NEW)

    assert codes(refused) == [("PERMISSION_DENIED", ())]
