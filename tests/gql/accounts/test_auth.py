"""Authentication over the real app: login, throttling, token refresh, logout, API keys and
bearer tokens that authenticate nobody."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from models import Account, ApiKey, AuditEntry, AuthSession, RefreshToken
from models.enums import Permission
from services.auth import sha256
from settings import Settings
from tests.client import LOGIN, gql, login, post_gql, refusal, refusals
from tests.factories import PASSWORD, make_account, make_api_key, make_user

VIEWER = "{ viewer { kind label user { email } reseller { name } permissions } }"
CUSTOMERS = "{ customers { totalCount } }"
REFRESH = (
    "mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) "
    "{ accessToken refreshToken errors { code message field } } }"
)
LOGOUT = "mutation { logout { ok errors { code message field } } }"
AUDIT_LOG = (
    "{ auditLog { totalCount edges { node { actorKind actorLabel ip userAgent action httpVerb "
    "table recordId customerId message reason diff } } } }"
)
ALL_PERMISSIONS = [
    "AUDIT_READ",
    "BILLING_READ",
    "BILLING_WRITE",
    "CDRS_INGEST",
    "CLIS_APPROVE",
    "CONTACTS_IMPERSONATE",
    "CONTACTS_WRITE",
    "CUSTOMERS_READ",
    "CUSTOMERS_WRITE",
    "INVOICES_READ",
    "INVOICES_WRITE",
    "MESSAGING_SEND",
    "PAYMENTS_READ",
    "PAYMENTS_WRITE",
    "SETTINGS_READ",
    "SETTINGS_WRITE",
    "SWITCH_READ",
    "USERS_WRITE",
]
WRONG_CREDENTIALS = {
    "accessToken": None,
    "refreshToken": None,
    "errors": [{"code": "INVALID_CREDENTIALS", "message": "Wrong e-mail or password.", "field": None}],
}
THROTTLED = {
    "accessToken": None,
    "refreshToken": None,
    "errors": [
        {
            "code": "THROTTLED",
            "message": "Too many failed logins; try again in a few minutes.",
            "field": None,
        }
    ],
}
INVALID_REFRESH = {
    "accessToken": None,
    "refreshToken": None,
    "errors": [{"code": "UNAUTHENTICATED", "message": "This refresh token is not valid.", "field": None}],
}
UNAUTHENTICATED = [refusal("Authentication required.", "UNAUTHENTICATED", "customers")]
SESSION_ENDED = (
    "This session has ended (logout, password change, or a refresh token used twice); log in again."
)
REVOKED_REFRESH = {
    "accessToken": None,
    "refreshToken": None,
    "errors": [{"code": "SESSION_REVOKED", "message": SESSION_ENDED, "field": None}],
}


async def assert_anonymous(client: httpx.AsyncClient, token: str) -> None:
    """The token authenticates nobody: no viewer, and a protected query is refused."""
    assert (await gql(client, VIEWER, token=token))["data"] == {"viewer": None}
    customers = await gql(client, CUSTOMERS, token=token)
    assert customers["data"] is None
    assert refusals(customers) == UNAUTHENTICATED


async def assert_revoked(client: httpx.AsyncClient, token: str) -> None:
    """The token's session was revoked, and every request with it says so."""
    viewer = await gql(client, VIEWER, token=token)
    assert viewer["data"] == {"viewer": None}
    assert refusals(viewer) == [refusal(SESSION_ENDED, "SESSION_REVOKED", "viewer")]
    customers = await gql(client, CUSTOMERS, token=token)
    assert customers["data"] is None
    assert refusals(customers) == [refusal(SESSION_ENDED, "SESSION_REVOKED", "customers")]


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> dict[str, Any]:
    payload: dict[str, Any] = (await gql(client, REFRESH, {"t": refresh_token}))["data"]["tokenRefresh"]
    return payload


@pytest.mark.parametrize("typed_email", ["ann@example.com", "  Ann@Example.COM "])
async def test_login_returns_tokens_of_the_user(client: httpx.AsyncClient, typed_email: str) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com", name="Ann Admin")

    # when
    payload = await login(client, typed_email)

    # then
    assert payload["errors"] == []
    assert payload["refreshToken"]
    viewer = await gql(client, VIEWER, token=payload["accessToken"])
    assert viewer["data"] == {
        "viewer": {
            "kind": "USER",
            "label": "Ann Admin",
            "user": {"email": "ann@example.com"},
            "reseller": None,
            "permissions": ALL_PERMISSIONS,
        }
    }


async def test_login_writes_one_login_audit_entry(client: httpx.AsyncClient) -> None:
    # given
    user = await make_user(await make_account(), email="ann@example.com", name="Ann Admin")

    # when
    response = await post_gql(
        client, LOGIN, {"e": "ann@example.com", "p": PASSWORD}, headers={"User-Agent": "switchboard-ui/2.1"}
    )

    # then
    token = response.json()["data"]["login"]["accessToken"]
    assert (await gql(client, AUDIT_LOG, token=token))["data"] == {
        "auditLog": {
            "totalCount": 1,
            "edges": [
                {
                    "node": {
                        "actorKind": "USER",
                        "actorLabel": "Ann Admin",
                        "ip": "203.0.113.7",
                        "userAgent": "switchboard-ui/2.1",
                        "action": "LOGIN",
                        "httpVerb": "POST",
                        "table": "user",
                        "recordId": str(user.id),
                        "customerId": None,
                        "message": "ann@example.com logged in",
                        "reason": None,
                        "diff": {},
                    }
                }
            ],
        }
    }


@pytest.mark.parametrize(
    ("email", "password"),
    [("ann@example.com", "not the password"), ("nobody@example.com", PASSWORD)],
    ids=["wrong-password", "unknown-email"],
)
async def test_wrong_credentials_are_refused_alike_without_a_trace(
    client: httpx.AsyncClient, email: str, password: str
) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when
    payload = await login(client, email, password)

    # then
    assert payload == WRONG_CREDENTIALS
    assert await AuditEntry.all().count() == 0
    assert await AuthSession.all().count() == 0


@pytest.mark.parametrize(("failures", "succeeds"), [(4, True), (5, False)])
async def test_login_is_throttled_after_too_many_failures_for_the_email(
    client: httpx.AsyncClient, settings: Settings, failures: int, succeeds: bool
) -> None:
    # given
    assert settings.login_max_failures == 5
    await make_user(await make_account(), email="ann@example.com")
    for _ in range(failures):
        assert await login(client, "ann@example.com", "not the password") == WRONG_CREDENTIALS

    # when
    payload = await login(client, "ann@example.com", PASSWORD)

    # then
    if succeeds:
        assert payload["errors"] == []
        assert await AuditEntry.filter(action="LOGIN").count() == 1
    else:
        assert payload == THROTTLED
        assert await AuditEntry.all().count() == 0
        assert await AuthSession.all().count() == 0


async def test_throttling_one_email_leaves_other_emails_alone(client: httpx.AsyncClient) -> None:
    # given
    account = await make_account()
    await make_user(account, email="ann@example.com")
    await make_user(account, email="bob@example.com")
    for _ in range(5):
        await login(client, "ann@example.com", "not the password")

    # when
    payload = await login(client, "bob@example.com")

    # then
    assert payload["errors"] == []
    assert await login(client, "ann@example.com") == THROTTLED


async def test_token_refresh_rotates_the_refresh_token(client: httpx.AsyncClient) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    first = await login(client, "ann@example.com")

    # when
    second = await refresh(client, first["refreshToken"])

    # then
    assert second["errors"] == []
    assert second["refreshToken"] not in (None, first["refreshToken"])
    viewer = await gql(client, VIEWER, token=second["accessToken"])
    assert viewer["data"]["viewer"]["user"] == {"email": "ann@example.com"}
    third = await refresh(client, second["refreshToken"])
    assert third["errors"] == []


async def test_two_tabs_refreshing_at_once_get_the_same_tokens(client: httpx.AsyncClient) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    first = await login(client, "ann@example.com")

    # when
    tab_a, tab_b = await asyncio.gather(
        refresh(client, first["refreshToken"]), refresh(client, first["refreshToken"])
    )

    # then
    assert tab_a == tab_b
    assert tab_a["errors"] == []
    viewer = await gql(client, VIEWER, token=tab_b["accessToken"])
    assert viewer["data"]["viewer"]["user"] == {"email": "ann@example.com"}
    assert (await refresh(client, tab_b["refreshToken"]))["errors"] == []


async def test_reusing_a_spent_refresh_token_past_the_grace_window_revokes_the_session(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    # given: the first use was longer ago than the grace window
    await make_user(await make_account(), email="ann@example.com")
    first = await login(client, "ann@example.com")
    second = await refresh(client, first["refreshToken"])
    await spent_seconds_ago(first["refreshToken"], settings.refresh_grace_seconds + 1)

    # when
    replay = await refresh(client, first["refreshToken"])

    # then
    assert replay == REVOKED_REFRESH
    await assert_revoked(client, second["accessToken"])
    await assert_revoked(client, first["accessToken"])
    assert await refresh(client, second["refreshToken"]) == REVOKED_REFRESH
    assert await AuthSession.filter(revoked_at__isnull=True).count() == 0


async def spent_seconds_ago(refresh_token: str, seconds: float) -> None:
    """Move the first use of a spent refresh token into the past."""
    used_at = datetime.now(UTC) - timedelta(seconds=seconds)
    assert await RefreshToken.filter(token_hash=sha256(refresh_token)).update(used_at=used_at) == 1


@pytest.mark.parametrize("refresh_token", ["", "garbage", "sbk_abc_def"])
async def test_token_refresh_refuses_unknown_tokens(client: httpx.AsyncClient, refresh_token: str) -> None:
    assert await refresh(client, refresh_token) == INVALID_REFRESH


async def test_logout_revokes_the_session(client: httpx.AsyncClient) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")
    tokens = await login(client, "ann@example.com")

    # when
    body = await gql(client, LOGOUT, token=tokens["accessToken"])

    # then
    assert body["data"] == {"logout": {"ok": True, "errors": []}}
    await assert_revoked(client, tokens["accessToken"])
    assert await refresh(client, tokens["refreshToken"]) == REVOKED_REFRESH
    assert (await gql(client, LOGOUT, token=tokens["accessToken"]))["data"] == {
        "logout": {
            "ok": False,
            "errors": [{"code": "SESSION_REVOKED", "message": SESSION_ENDED, "field": None}],
        }
    }
    logouts = await AuditEntry.filter(action="LOGOUT").values("table_name", "actor_label", "ip")
    assert logouts == [{"table_name": "auth_session", "actor_label": "ann", "ip": "203.0.113.7"}]


async def test_logout_needs_a_principal(client: httpx.AsyncClient) -> None:
    body = await gql(client, LOGOUT)

    assert body["data"] == {
        "logout": {
            "ok": False,
            "errors": [{"code": "UNAUTHENTICATED", "message": "Authentication required.", "field": None}],
        }
    }


async def test_api_key_authenticates_as_its_own_principal(client: httpx.AsyncClient) -> None:
    # given
    secret = await make_api_key(
        await make_account(), "Billing sync", [Permission.CUSTOMERS_READ, Permission.AUDIT_READ]
    )

    # when
    body = await gql(client, VIEWER, token=secret)

    # then
    assert body["data"] == {
        "viewer": {
            "kind": "API_KEY",
            "label": "API key Billing sync",
            "user": None,
            "reseller": None,
            "permissions": ["AUDIT_READ", "CUSTOMERS_READ"],
        }
    }


async def test_api_key_changes_are_audited_under_its_name(client: httpx.AsyncClient) -> None:
    # given
    secret = await make_api_key(
        await make_account(), "Billing sync", [Permission.CUSTOMERS_WRITE, Permission.AUDIT_READ]
    )

    # when
    created = await gql(
        client,
        'mutation { customerCreate(input: {name: "Acme", currency: "EUR"}) { errors { code } } }',
        token=secret,
    )

    # then
    assert created["data"] == {"customerCreate": {"errors": []}}
    # (the key's own creation is audited too, under the system that made it here)
    query = (
        '{ auditLog(where: {table: {eq: "customer"}}) { edges { node { actorKind actorLabel action } } } }'
    )
    log = await gql(client, query, token=secret)
    assert log["data"]["auditLog"]["edges"] == [
        {"node": {"actorKind": "API_KEY", "actorLabel": "API key Billing sync", "action": "CREATE"}}
    ]


async def test_api_key_cannot_log_out(client: httpx.AsyncClient) -> None:
    secret = await make_api_key(await make_account(), "Feed", [Permission.CUSTOMERS_READ])

    body = await gql(client, LOGOUT, token=secret)

    assert body["data"] == {
        "logout": {
            "ok": False,
            "errors": [
                {"code": "INVALID", "message": "This principal has no session to end.", "field": None}
            ],
        }
    }


async def _bad_token(kind: str, account: Account, settings: Settings, client: httpx.AsyncClient) -> str:
    if kind == "garbage":
        return "garbage"
    if kind == "unknown-api-key":
        return "sbk_000000000000_secret"
    if kind in ("tampered-api-key", "revoked-api-key"):
        secret = await make_api_key(account, "Feed", [Permission.CUSTOMERS_READ])
        if kind == "revoked-api-key":
            await ApiKey.filter(account_id=account.id).update(revoked_at=datetime.now(UTC))
            return secret
        return secret[:-1] + ("A" if secret[-1] != "A" else "B")
    user = await make_user(account, email="ann@example.com")
    tokens = await login(client, "ann@example.com")
    session = await AuthSession.get(user_id=user.id)
    now = datetime.now(UTC)
    claims = {"sub": str(user.id), "sid": str(session.id), "acc": account.id, "iat": now}
    if kind == "other-signing-key":
        return jwt.encode({**claims, "exp": now + timedelta(minutes=5)}, "another-key-" * 4, "HS256")
    if kind == "expired":
        return jwt.encode({**claims, "exp": now - timedelta(seconds=1)}, settings.signing_key(), "HS256")
    if kind == "unknown-session":
        claims["sid"] = str(uuid.uuid4())
        return jwt.encode({**claims, "exp": now + timedelta(minutes=5)}, settings.signing_key(), "HS256")
    assert kind == "inactive-user"
    user.is_active = False
    await user.save(update_fields=["is_active"])
    token: str = tokens["accessToken"]
    return token


@pytest.mark.parametrize(
    "kind",
    [
        "garbage",
        "unknown-api-key",
        "tampered-api-key",
        "revoked-api-key",
        "other-signing-key",
        "expired",
        "unknown-session",
        "inactive-user",
    ],
)
async def test_a_bad_bearer_token_is_anonymous(
    client: httpx.AsyncClient, settings: Settings, kind: str
) -> None:
    # given
    token = await _bad_token(kind, await make_account(), settings, client)

    # then
    await assert_anonymous(client, token)
