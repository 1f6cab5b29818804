"""Item 10 (login e-mail): an e-mail no user can have (over 320 characters, or with a NUL or
another control character) is a typed INVALID error on `input.email`, with nothing written;
not "Unexpected error.", and not a counted failed login."""

from __future__ import annotations

import httpx
import pytest

from models import AuditEntry, AuthSession, LoginAttempt, LoginThrottle
from tests.client import login
from tests.factories import make_account, make_user

LOCAL_320 = "a" * 308 + "@example.com"  # 320 characters


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("a" + LOCAL_320, "At most 320 characters."),
        ("x" * 100_000, "At most 320 characters."),
        # NUL is refused in every text argument, before the login service sees it
        ("ann@example.com\x00", "Text cannot contain NUL characters."),
        ("ann\x00@example.com", "Text cannot contain NUL characters."),
        ("ann@exa\x07mple.com", "Must not contain control characters."),
    ],
    ids=["321-chars", "100k-chars", "trailing-nul", "inner-nul", "bell"],
)
async def test_an_impossible_login_email_is_a_typed_error_with_nothing_written(
    client: httpx.AsyncClient, email: str, message: str
) -> None:
    # given
    await make_user(await make_account(), email="ann@example.com")

    # when
    payload = await login(client, email)

    # then
    assert payload == {
        "accessToken": None,
        "refreshToken": None,
        "errors": [{"code": "INVALID", "message": message, "field": ["input", "email"]}],
    }
    assert await LoginAttempt.all().count() == 0
    assert await LoginThrottle.all().count() == 0
    assert await AuthSession.all().count() == 0
    assert await AuditEntry.all().count() == 0


async def test_a_blank_login_email_is_required(client: httpx.AsyncClient) -> None:
    payload = await login(client, "   ")

    assert payload["errors"] == [
        {"code": "REQUIRED", "message": "This field is required.", "field": ["input", "email"]}
    ]
    assert await LoginThrottle.all().count() == 0


async def test_an_email_of_exactly_320_characters_is_an_ordinary_wrong_login(
    client: httpx.AsyncClient,
) -> None:
    payload = await login(client, LOCAL_320)

    assert payload["errors"] == [
        {"code": "INVALID_CREDENTIALS", "message": "Wrong e-mail or password.", "field": None}
    ]
    assert await LoginAttempt.filter(email=LOCAL_320).count() == 1
