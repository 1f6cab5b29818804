"""Authentication, called directly: login (and its throttle), refresh_tokens, logout,
authenticate and end_sessions. What a spent refresh token does when presented again is left to
tests/gql/accounts/test_auth.py."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import jwt
import pytest
from tortoise.transactions import in_transaction

from models import AuditEntry, AuthSession, LoginAttempt, LoginThrottle, RefreshToken, User
from models.enums import ActorKind, Permission
from services import login_throttle
from services.actor import RequestOrigin
from services.auth import Tokens, authenticate, end_sessions, login, logout, refresh_tokens, sha256
from services.errors import ErrorCode, FieldError, ServiceError
from settings import Settings
from tests.factories import PASSWORD, make_account, make_reseller, make_user, refused

ORIGIN = RequestOrigin(ip="203.0.113.9", user_agent="pytest-agent")
WRONG = [FieldError(ErrorCode.INVALID_CREDENTIALS, "Wrong e-mail or password.")]
INVALID_REFRESH = [FieldError(ErrorCode.UNAUTHENTICATED, "This refresh token is not valid.")]
SESSION_REVOKED = [
    FieldError(
        ErrorCode.SESSION_REVOKED,
        "This session has ended (logout, password change, or a refresh token used twice); log in again.",
    )
]
SUPPORT = frozenset({Permission.CUSTOMERS_READ, Permission.AUDIT_READ})


async def logged_in(settings: Settings, email: str = "ann@example.com") -> tuple[User, Tokens, AuthSession]:
    """A Support user of a new account, logged in: the user, its tokens and its session."""
    user = await make_user(await make_account(), role_name="Support", email=email)
    tokens = await login(settings, email, PASSWORD, ORIGIN)
    return user, tokens, await AuthSession.get(user_id=user.id)


async def test_login_opens_a_session_that_the_access_token_names(settings: Settings) -> None:
    # Given a Support user
    account = await make_account()
    user = await make_user(account, role_name="Support", email="ann@example.com")

    # When the user logs in, typing the e-mail loosely
    before = datetime.now(UTC)
    tokens = await login(settings, "  Ann@Example.COM ", PASSWORD, ORIGIN)

    # Then one session from that origin holds one refresh token, stored hashed
    session = await AuthSession.get(user_id=user.id)
    assert (session.account_id, session.kind, session.ip, session.user_agent, session.revoked_at) == (
        account.id,
        "LOGIN",
        "203.0.113.9",
        "pytest-agent",
        None,
    )
    assert before + timedelta(days=30) <= session.expires_at <= datetime.now(UTC) + timedelta(days=30)
    assert await RefreshToken.filter(session_id=session.id).values_list("token_hash", flat=True) == [
        sha256(tokens.refresh_token)
    ]
    # ... the access token is a 15-minute JWT naming the user, the session and the account
    claims = jwt.decode(tokens.access_token, settings.signing_key(), algorithms=["HS256"])
    assert (claims["sub"], claims["sid"], claims["acc"]) == (str(user.id), str(session.id), account.id)
    assert tokens.access_expires_at - before <= timedelta(minutes=15, seconds=5)
    # ... and it authenticates as the user with its role's permissions, in that session
    actor = await authenticate(settings, tokens.access_token, ORIGIN)
    assert actor is not None
    assert (actor.kind, actor.label, actor.permissions, actor.user_id, actor.session_id) == (
        ActorKind.USER,
        "ann",
        SUPPORT,
        user.id,
        session.id,
    )
    # ... and the login is recorded: attempt, last login, audit entry
    assert await LoginAttempt.all().values_list("email", "ip", "succeeded") == [
        ("ann@example.com", "203.0.113.9", True)
    ]
    assert (await User.get(id=user.id)).last_login_at is not None
    assert await AuditEntry.all().values_list("action", "table_name", "record_id", "actor_user_id") == [
        ("LOGIN", "user", str(user.id), user.id)
    ]


async def test_a_partner_is_authenticated_inside_its_reseller(settings: Settings) -> None:
    account = await make_account()
    reseller = await make_reseller(account)
    await make_user(account, role_name="Partner", reseller=reseller, email="pat@example.com")

    tokens = await login(settings, "pat@example.com", PASSWORD, ORIGIN)
    actor = await authenticate(settings, tokens.access_token, ORIGIN)

    assert actor is not None
    assert (actor.reseller_id, actor.is_partner) == (reseller.id, True)


@pytest.mark.parametrize("case", ["wrong-password", "unknown-email", "inactive-user"])
async def test_wrong_credentials_open_no_session_and_only_count_the_attempt(
    settings: Settings, case: str
) -> None:
    # Given a user (deactivated in one case)
    user = await make_user(await make_account(), email="ann@example.com")
    if case == "inactive-user":
        await User.filter(id=user.id).update(is_active=False)
    email = "bob@example.com" if case == "unknown-email" else "ann@example.com"
    password = "not the password" if case == "wrong-password" else PASSWORD

    # When someone logs in with these credentials
    with pytest.raises(ServiceError) as caught:
        await login(settings, email, password, ORIGIN)

    # Then it is refused alike in every case, and only the failed attempt is written
    assert caught.value.errors == WRONG
    assert await AuthSession.all().count() == 0
    assert await RefreshToken.all().count() == 0
    assert await AuditEntry.all().count() == 0
    assert await LoginAttempt.all().values_list("email", "succeeded") == [(email, False)]


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("   ", FieldError(ErrorCode.REQUIRED, "This field is required.", ("email",))),
        (
            "ann\x00@example.com",
            FieldError(ErrorCode.INVALID, "Must not contain control characters.", ("email",)),
        ),
        ("a" * 309 + "@example.com", FieldError(ErrorCode.INVALID, "At most 320 characters.", ("email",))),
    ],
    ids=["blank", "control-character", "too-long"],
)
async def test_an_impossible_email_is_refused_before_anything_is_counted(
    settings: Settings, email: str, error: FieldError
) -> None:
    await make_user(await make_account(), email="ann@example.com")

    assert await refused(login(settings, email, PASSWORD, ORIGIN)) == [error]


async def test_after_too_many_failures_even_the_right_password_waits_and_nothing_is_written(
    settings: Settings,
) -> None:
    # Given a pair that failed as often as allowed
    await make_user(await make_account(), email="ann@example.com")
    for _ in range(settings.login_max_failures):
        with pytest.raises(ServiceError):
            await login(settings, "ann@example.com", "not the password", ORIGIN)

    # Then the next attempt, with the right password, is throttled and not counted
    assert await refused(login(settings, "ann@example.com", PASSWORD, ORIGIN)) == [
        FieldError(ErrorCode.THROTTLED, "Too many failed logins; try again in a few minutes.")
    ]


async def test_a_success_resets_the_pair_and_gives_the_address_its_count_back(settings: Settings) -> None:
    # Given two failures, then a success, from one address
    await make_user(await make_account(), email="ann@example.com")
    for _ in range(2):
        with pytest.raises(ServiceError):
            await login(settings, "ann@example.com", "not the password", ORIGIN)
    await login(settings, "ann@example.com", PASSWORD, ORIGIN)

    # Then the pair starts afresh and is known, and the address keeps only the two failures
    rows = await LoginThrottle.all().order_by("email").values("email", "failures", "blocked_until")
    assert rows == [
        {"email": "", "failures": 2, "blocked_until": None},
        {"email": "ann@example.com", "failures": 0, "blocked_until": None},
    ]
    assert (await LoginThrottle.get(email="ann@example.com")).succeeded_at is not None


def test_the_back_off_doubles_per_failure_up_to_its_cap(settings: Settings) -> None:
    waits = [login_throttle.backoff(excess, settings).total_seconds() for excess in (0, 1, 2, 5, 100)]

    assert waits == [30.0, 60.0, 120.0, 900.0, 900.0]


async def test_refresh_gives_a_new_pair_in_the_same_session(settings: Settings) -> None:
    # Given a logged-in user
    user, tokens, session = await logged_in(settings)

    # When the refresh token is exchanged, and the new one exchanged again
    second = await refresh_tokens(settings, tokens.refresh_token)
    third = await refresh_tokens(settings, second.refresh_token)

    # Then each exchange gives new tokens of the same session, each refresh token stored hashed
    assert len({tokens.refresh_token, second.refresh_token, third.refresh_token}) == 3
    actor = await authenticate(settings, third.access_token, ORIGIN)
    assert actor is not None and (actor.user_id, actor.session_id) == (user.id, session.id)
    assert sha256(third.refresh_token) in await RefreshToken.filter(session_id=session.id).values_list(
        "token_hash", flat=True
    )
    assert await AuthSession.all().count() == 1


@pytest.mark.parametrize(
    "case", ["unknown-token", "token-expired", "session-expired", "session-revoked", "user-inactive"]
)
async def test_refresh_refuses_a_token_that_cannot_be_used_and_changes_nothing(
    settings: Settings, case: str
) -> None:
    # Given a logged-in user whose token, session or user is then made unusable
    user, tokens, session = await logged_in(settings)
    past = datetime.now(UTC) - timedelta(seconds=1)
    token = tokens.refresh_token
    if case == "unknown-token":
        token = "not-a-token-we-made"
    elif case == "token-expired":
        await RefreshToken.filter(session_id=session.id).update(expires_at=past)
    elif case == "session-expired":
        await AuthSession.filter(id=session.id).update(expires_at=past)
    elif case == "session-revoked":
        await AuthSession.filter(id=session.id).update(revoked_at=past)
    else:
        await User.filter(id=user.id).update(is_active=False)

    # Then the exchange is refused and the token is not spent; a revoked session says so
    expected = SESSION_REVOKED if case == "session-revoked" else INVALID_REFRESH
    assert await refused(refresh_tokens(settings, token)) == expected


async def test_logout_ends_the_session_and_audits_it(settings: Settings) -> None:
    # Given a logged-in user, acting through its access token
    _user, tokens, session = await logged_in(settings)
    actor = await authenticate(settings, tokens.access_token, ORIGIN)
    assert actor is not None

    # When it logs out
    await logout(actor)

    # Then the session is revoked, neither token works any more, and the logout is audited
    assert (await AuthSession.get(id=session.id)).revoked_at is not None
    with pytest.raises(ServiceError) as refusal:
        await authenticate(settings, tokens.access_token, ORIGIN)
    assert refusal.value.errors == SESSION_REVOKED
    assert await refused(refresh_tokens(settings, tokens.refresh_token)) == SESSION_REVOKED
    assert await AuditEntry.filter(action="LOGOUT").values_list(
        "table_name", "record_id", "message", "ip", "user_agent"
    ) == [("auth_session", str(session.id), "Logged out", "203.0.113.9", "pytest-agent")]


async def test_logout_needs_a_session(
    settings: Settings, api_key: Callable[[list[Permission]], Awaitable[str]]
) -> None:
    # Given an API key's principal, which has no session
    key_actor = await authenticate(settings, await api_key([Permission.CUSTOMERS_READ]), ORIGIN)
    assert key_actor is not None

    # Then it cannot log out
    assert await refused(logout(key_actor)) == [
        FieldError(ErrorCode.INVALID, "This principal has no session to end.")
    ]


@pytest.mark.parametrize("case", ["no-session-claim", "session-claim-not-a-uuid", "session-expired"])
async def test_an_access_token_without_a_live_session_authenticates_nobody(
    settings: Settings, case: str
) -> None:
    user, tokens, session = await logged_in(settings)
    now = datetime.now(UTC)
    claims: dict[str, object] = {
        "sub": str(user.id),
        "acc": user.account_id,
        "exp": now + timedelta(minutes=5),
    }
    token = tokens.access_token
    if case == "no-session-claim":
        token = jwt.encode(claims, settings.signing_key(), algorithm="HS256")
    elif case == "session-claim-not-a-uuid":
        token = jwt.encode({**claims, "sid": "42"}, settings.signing_key(), algorithm="HS256")
    else:
        await AuthSession.filter(id=session.id).update(expires_at=now - timedelta(seconds=1))

    assert await authenticate(settings, token, ORIGIN) is None


async def test_end_sessions_revokes_every_open_session_of_the_user_only(settings: Settings) -> None:
    # Given Ann with two sessions and Bob with one
    ann, _tokens, _session = await logged_in(settings, "ann@example.com")
    await login(settings, "ann@example.com", PASSWORD, ORIGIN)
    _bob, bob_tokens, _bob_session = await logged_in(settings, "bob@example.com")

    # When Ann's sessions are ended
    async with in_transaction() as conn:
        ended = await end_sessions(conn, ann.id, datetime.now(UTC))

    # Then both of hers are revoked and Bob's still authenticates
    assert ended == 2
    assert await AuthSession.filter(user_id=ann.id, revoked_at__isnull=True).count() == 0
    assert await authenticate(settings, bob_tokens.access_token, ORIGIN) is not None
