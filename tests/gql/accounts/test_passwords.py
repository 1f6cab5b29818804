"""Passwords over the API: passwordResetRequest (public, the same answer for every e-mail),
passwordResetComplete (public, with an e-mailed link's token) and viewerPasswordChange."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog

from cli import configure_logging
from models import AuditEntry, Message
from models.enums import Permission
from services.logsafe import SafeFormatter
from settings import Settings
from tests.client import gql, login, make_principal
from tests.factories import (
    PASSWORD,
    db_state,
    make_account,
    make_api_key,
    make_reseller,
    make_role,
    make_user,
)
from tests.mailbox import delivered, last_link_secret
from workers.inprocess import InProcessRunner

ERRORS = "errors { field message code }"
REQUEST = f"mutation($email: String!) {{ passwordResetRequest(input: {{email: $email}}) {{ ok {ERRORS} }} }}"
COMPLETE = (
    "mutation($token: String!, $password: String!) { passwordResetComplete(input: {token: $token, "
    f"newPassword: $password}}) {{ ok email {ERRORS} }} }}"
)
CHANGE = (
    "mutation($current: String!, $new: String!) { viewerPasswordChange(input: {currentPassword: $current, "
    f"newPassword: $new}}) {{ ok {ERRORS} }} }}"
)
NEW = "a fresh long secret"
VIEWER = "{ viewer { user { email } } }"


def error(code: str, message: str, *field: str) -> dict[str, Any]:
    return {"code": code, "message": message, "field": ["input", *field] if field else None}


async def test_a_reset_request_answers_the_same_for_any_email(
    client: httpx.AsyncClient, settings: Settings, runner: InProcessRunner
) -> None:
    account = await make_account()
    await make_user(account, email="ann@example.com")

    known = await client.post("/graphql", json={"query": REQUEST, "variables": {"email": "ann@example.com"}})
    unknown = await client.post(
        "/graphql", json={"query": REQUEST, "variables": {"email": "nobody@example.com"}}
    )

    assert known.status_code == unknown.status_code == 200
    assert (
        known.json()
        == unknown.json()
        == {
            "data": {"passwordResetRequest": {"ok": True, "errors": []}},
            "extensions": {"cost": 6},
        }
    )
    assert await Message.all().values_list("to", flat=True) == ["ann@example.com"]
    assert len(await delivered(settings, runner, "ann@example.com")) == 1


async def test_reset_end_to_end_then_log_in(
    client: httpx.AsyncClient, settings: Settings, runner: InProcessRunner
) -> None:
    account = await make_account()
    ann = await make_principal(client, account, email="ann@example.com")

    await gql(client, REQUEST, {"email": "ann@example.com"})
    secret = await last_link_secret(settings, runner, "ann@example.com")
    done = await gql(client, COMPLETE, {"token": secret, "password": NEW})
    again = await gql(client, COMPLETE, {"token": secret, "password": "yet another secret"})

    assert done["data"]["passwordResetComplete"] == {"ok": True, "email": "ann@example.com", "errors": []}
    assert again["data"]["passwordResetComplete"] == {
        "ok": False,
        "email": None,
        "errors": [
            error(
                "INVALID_TOKEN",
                "This link is not valid: it was used, it expired, or a newer one was sent.",
                "token",
            )
        ],
    }
    assert (await gql(client, VIEWER, token=ann.token))["data"] == {"viewer": None}
    assert (await login(client, "ann@example.com"))["errors"][0]["code"] == "INVALID_CREDENTIALS"
    assert (await login(client, "ann@example.com", NEW))["errors"] == []
    assert secret not in str(await AuditEntry.all().values())


async def test_reset_errors(client: httpx.AsyncClient, settings: Settings, runner: InProcessRunner) -> None:
    account = await make_account()
    await make_user(account, email="ann@example.com")
    await gql(client, REQUEST, {"email": "ann@example.com"})
    secret = await last_link_secret(settings, runner, "ann@example.com")
    before = await db_state()

    weak = await gql(client, COMPLETE, {"token": secret, "password": "password123"})
    blank = await gql(client, REQUEST, {"email": "  "})

    assert weak["data"]["passwordResetComplete"]["errors"] == [
        error("INVALID", "This password is too well known; choose another.", "newPassword")
    ]
    assert blank["data"]["passwordResetRequest"] == {
        "ok": False,
        "errors": [error("REQUIRED", "This field is required.", "email")],
    }
    assert await db_state() == before


async def test_changing_ones_own_password(client: httpx.AsyncClient) -> None:
    account = await make_account()
    ann = await make_principal(client, account, email="ann@example.com")
    other_session = await login(client, "ann@example.com")

    wrong = await gql(client, CHANGE, {"current": "not my password", "new": NEW}, ann.token)
    weak = await gql(client, CHANGE, {"current": PASSWORD, "new": "short"}, ann.token)
    changed = await gql(client, CHANGE, {"current": PASSWORD, "new": NEW}, ann.token)

    assert wrong["data"]["viewerPasswordChange"] == {
        "ok": False,
        "errors": [error("INVALID_CREDENTIALS", "The current password is wrong.", "currentPassword")],
    }
    assert weak["data"]["viewerPasswordChange"]["errors"] == [
        error("INVALID", "At least 10 characters.", "newPassword")
    ]
    assert changed["data"]["viewerPasswordChange"] == {"ok": True, "errors": []}
    assert (await gql(client, VIEWER, token=ann.token))["data"] == {
        "viewer": {"user": {"email": "ann@example.com"}}
    }
    assert (await gql(client, VIEWER, token=other_session["accessToken"]))["data"] == {"viewer": None}
    assert (await login(client, "ann@example.com", NEW))["errors"] == []


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        ("anonymous", [error("UNAUTHENTICATED", "Authentication required.")]),
        ("api_key", [error("PERMISSION_DENIED", "Only a signed-in user has a password to change.")]),
        ("partner", []),
        ("staff_without_any_permission", []),
    ],
)
async def test_who_may_change_a_password(
    client: httpx.AsyncClient, principal: str, expected: list[dict[str, Any]]
) -> None:
    account = await make_account()
    await make_role(account, "Nothing", [])
    token: str | None = None
    if principal == "api_key":
        token = await make_api_key(account, "key", list(Permission))
    elif principal == "partner":
        token = (
            await make_principal(client, account, role_name="Partner", reseller=await make_reseller(account))
        ).token
    elif principal == "staff_without_any_permission":
        token = (await make_principal(client, account, role_name="Nothing")).token
    before = await db_state()

    body = await gql(client, CHANGE, {"current": PASSWORD, "new": NEW}, token)

    assert body["data"]["viewerPasswordChange"] == {"ok": not expected, "errors": expected}
    if expected:
        assert await db_state() == before


@pytest.mark.parametrize("principal", ["anonymous", "administrator", "api_key"])
async def test_anyone_may_ask_for_a_reset_and_use_a_link(
    client: httpx.AsyncClient, settings: Settings, runner: InProcessRunner, principal: str
) -> None:
    account = await make_account()
    await make_user(account, email="ann@example.com")
    token = {
        "anonymous": None,
        "administrator": (await make_principal(client, account)).token,
        "api_key": await make_api_key(account, "key", []),
    }[principal]

    asked = await gql(client, REQUEST, {"email": "ann@example.com"}, token)
    secret = await last_link_secret(settings, runner, "ann@example.com")
    done = await gql(client, COMPLETE, {"token": secret, "password": NEW}, token)

    assert asked["data"]["passwordResetRequest"] == {"ok": True, "errors": []}
    assert done["data"]["passwordResetComplete"] == {"ok": True, "email": "ann@example.com", "errors": []}


@pytest.fixture
def server_log(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """The server's own logging, as `switchboard serve` configures it, captured."""
    configure_logging(settings)
    records = io.StringIO()
    handler = logging.StreamHandler(records)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)

    def text() -> str:
        captured = capsys.readouterr()
        return captured.out + captured.err + records.getvalue()

    yield text
    logging.getLogger().removeHandler(handler)
    structlog.reset_defaults()


async def test_neither_a_link_nor_a_password_reaches_the_log(
    client: httpx.AsyncClient, settings: Settings, runner: InProcessRunner, server_log: Any
) -> None:
    account = await make_account()
    ann = await make_principal(client, account, email="ann@example.com")

    await gql(client, REQUEST, {"email": "ann@example.com"})
    secret = await last_link_secret(settings, runner, "ann@example.com")
    await gql(client, COMPLETE, {"token": secret, "password": "ann@example.com"})  # refused: weak
    await gql(client, COMPLETE, {"token": secret, "password": NEW})
    await gql(client, COMPLETE, {"token": secret, "password": NEW})  # refused: spent
    fresh = await login(client, "ann@example.com", NEW)
    await gql(client, CHANGE, {"current": "a wrong guess!", "new": "another long one"}, fresh["accessToken"])
    await gql(client, CHANGE, {"current": NEW, "new": "another long one"}, fresh["accessToken"])

    log = server_log()
    assert "message.written_to_folder" in log  # the log was captured
    for secret_text in (secret, NEW, "a wrong guess!", "another long one", PASSWORD, ann.token):
        assert secret_text not in log
