"""Item 16: deactivating a user, or changing their password, ends every session at once: the
access tokens authenticate nobody and the refresh tokens mint nothing, and both say the session
was revoked (SESSION_REVOKED). A refresh token of a user
deactivated by any other means (an admin script) mints nothing either."""

from __future__ import annotations

import httpx
import pytest

from models import Account, AuditEntry, AuthSession, RefreshToken, User
from models.enums import Permission
from services.actor import RequestOrigin
from services.auth import user_actor
from services.errors import ServiceError
from tests.client import gql, login, refusal, refusals
from tests.factories import PASSWORD, make_account, make_role, make_user

VIEWER = "{ viewer { user { email } } }"
ORIGIN = RequestOrigin(ip="192.0.2.10")
REFRESH = (
    "mutation($t: String!) { tokenRefresh(input: {refreshToken: $t}) "
    "{ accessToken refreshToken errors { code message field } } }"
)
INVALID_REFRESH = {
    "accessToken": None,
    "refreshToken": None,
    "errors": [{"code": "UNAUTHENTICATED", "message": "This refresh token is not valid.", "field": None}],
}
SESSION_ENDED = (
    "This session has ended (logout, password change, or a refresh token used twice); log in again."
)
REVOKED = [{"code": "SESSION_REVOKED", "message": SESSION_ENDED, "field": None}]


async def _refresh(client: httpx.AsyncClient, token: str) -> dict[str, object]:
    payload: dict[str, object] = (await gql(client, REFRESH, {"t": token}))["data"]["tokenRefresh"]
    return payload


async def _ann_with_two_sessions(client: httpx.AsyncClient) -> tuple[Account, User, list[dict[str, str]]]:
    account = await make_account()
    ann = await make_user(account, email="ann@example.com")
    return account, ann, [await login(client, "ann@example.com") for _ in range(2)]


async def _assert_sessions_over(client: httpx.AsyncClient, sessions: list[dict[str, str]]) -> None:
    for tokens in sessions:
        viewer = await gql(client, VIEWER, token=tokens["accessToken"])
        assert viewer["data"] == {"viewer": None}
        assert refusals(viewer) == [refusal(SESSION_ENDED, "SESSION_REVOKED", "viewer")]
        refreshed = await _refresh(client, tokens["refreshToken"])
        assert refreshed == {"accessToken": None, "refreshToken": None, "errors": REVOKED}


async def test_a_refresh_token_of_a_user_deactivated_behind_the_api_mints_nothing(
    client: httpx.AsyncClient,
) -> None:
    # given
    _account, ann, sessions = await _ann_with_two_sessions(client)
    await User.filter(id=ann.id).update(is_active=False)
    tokens_before = await RefreshToken.all().count()

    # when
    payload = await _refresh(client, sessions[0]["refreshToken"])

    # then
    assert payload == INVALID_REFRESH
    assert await RefreshToken.all().count() == tokens_before == 2
    assert await RefreshToken.filter(used_at__isnull=False).count() == 0


async def test_deactivation_ends_every_session_at_once(client: httpx.AsyncClient) -> None:
    from services.users.commands import deactivate_user

    # given
    account, ann, sessions = await _ann_with_two_sessions(client)
    admin = await make_user(account, email="admin@example.com", name="Admin")
    await admin.fetch_related("role")

    # when
    user = await deactivate_user(user_actor(admin, ORIGIN), ann.id, "Left")

    # then
    assert user.is_active is False
    await _assert_sessions_over(client, sessions)
    assert await AuthSession.filter(user_id=ann.id, revoked_at__isnull=True).count() == 0
    assert await login(client, "ann@example.com") == {
        "accessToken": None,
        "refreshToken": None,
        "errors": [{"code": "INVALID_CREDENTIALS", "message": "Wrong e-mail or password.", "field": None}],
    }
    assert await AuditEntry.filter(action="UPDATE").values_list("record_id", "message", "reason", "diff") == [
        (str(ann.id), "User ann@example.com deactivated", "Left", {"is_active": {"old": True, "new": False}})
    ]


async def test_a_password_change_ends_every_session_and_the_new_password_works(
    client: httpx.AsyncClient,
) -> None:
    from services.accounts import set_password

    # given
    _account, ann, sessions = await _ann_with_two_sessions(client)
    await ann.fetch_related("role")

    # when: ann changes her own password
    await set_password(user_actor(ann, ORIGIN), ann.id, "a brand new secret")

    # then
    await _assert_sessions_over(client, sessions)
    assert (await login(client, "ann@example.com"))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    fresh = await login(client, "ann@example.com", "a brand new secret")
    assert fresh["errors"] == []
    changes = await AuditEntry.filter(action="UPDATE").values_list("message", "diff")
    assert changes == [("Password of ann@example.com changed", {})]


@pytest.mark.parametrize("case", ["short-password", "no-users-write", "other-account"])
async def test_a_refused_change_leaves_the_sessions_alive(client: httpx.AsyncClient, case: str) -> None:
    from services.accounts import set_password
    from services.users.commands import deactivate_user

    # given
    account, ann, sessions = await _ann_with_two_sessions(client)
    await make_role(account, "Viewer", [Permission.CUSTOMERS_READ])
    other = await make_user(
        await make_account() if case == "other-account" else account,
        email="bob@example.com",
        role_name="Administrator" if case == "other-account" else "Viewer",
    )
    await other.fetch_related("role")
    bob = user_actor(other, ORIGIN)

    # when
    await ann.fetch_related("role")
    with pytest.raises(ServiceError) as refused:
        if case == "short-password":
            await set_password(user_actor(ann, ORIGIN), ann.id, "short")
        else:
            await deactivate_user(bob, ann.id)

    # then
    expected = {
        "short-password": ("INVALID", ("password",)),
        "no-users-write": ("PERMISSION_DENIED", ()),
        "other-account": ("NOT_FOUND", ("id",)),
    }[case]
    assert [(e.code.value, e.field) for e in refused.value.errors] == [expected]
    assert await AuthSession.filter(user_id=ann.id, revoked_at__isnull=True).count() == 2
    assert await User.filter(id=ann.id).values_list("is_active", flat=True) == [True]
    assert await AuditEntry.filter(action="UPDATE").count() == 0
    for tokens in sessions:
        viewer = await gql(client, VIEWER, token=tokens["accessToken"])
        assert viewer["data"] == {"viewer": {"user": {"email": "ann@example.com"}}}
    assert (await login(client, "ann@example.com", PASSWORD))["errors"] == []
