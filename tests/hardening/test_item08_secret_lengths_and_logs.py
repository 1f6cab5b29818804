"""Item 8: every stored setting has a validated length (a typed error, nothing written), and no
exception text, which can carry a secret, reaches the server log."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import structlog

from cli import configure_logging
from models import Account, AuditEntry
from services import account_settings
from services.logsafe import SafeFormatter
from settings import Settings
from tests.client import gql, make_principal
from tests.factories import make_account

UPDATE = """
mutation($input: AccountSettingsUpdateInput!) {
  accountSettingsUpdate(input: $input) {
    accountSettings { smtpPasswordSet smsAuthTokenSet }
    errors { field code message }
  }
}
"""
SECRET = "sk_live_" + "7" * 300  # over every column's length
# What a database error quoting the row would say; only the frames' code may be logged.
DETAIL = "Key (smtp_password)=("


@pytest.fixture
def server_log(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Iterator[Any]:
    """The server's own logging (as `switchboard serve` configures it), captured: structlog
    lines on stdout, the standard library's records through its handlers."""
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


@pytest.mark.parametrize(
    ("field", "length", "limit"),
    [
        ("smtpPassword", 256, 255),
        ("smsAuthToken", 256, 255),
        ("smtpUsername", 256, 255),
        ("smtpHost", 256, 255),
        ("smsAccountSid", 101, 100),
    ],
)
async def test_an_overlong_setting_is_refused_with_its_field_and_nothing_changes(
    client: httpx.AsyncClient, field: str, length: int, limit: int
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    before = await Account.filter(id=account.id).values()
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    body = await gql(client, UPDATE, {"input": {field: "x" * length}}, admin.token)

    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": None,
        "errors": [{"field": ["input", field], "code": "INVALID", "message": f"At most {limit} characters."}],
    }
    assert await Account.filter(id=account.id).values() == before
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


async def test_an_overlong_sms_api_url_is_refused(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    url = "https://sms.example.com/" + "p" * 480  # 504 characters

    body = await gql(client, UPDATE, {"input": {"smsApiBaseUrl": url}}, admin.token)

    assert body["data"]["accountSettingsUpdate"]["errors"] == [
        {"field": ["input", "smsApiBaseUrl"], "code": "INVALID", "message": "At most 500 characters."}
    ]
    assert (await Account.get(id=account.id)).sms_api_base_url is None


async def test_a_secret_of_exactly_the_column_length_is_stored_as_given(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    password, token = " " + "p" * 253 + " ", "t" * 255

    body = await gql(
        client, UPDATE, {"input": {"smtpPassword": password, "smsAuthToken": token}}, admin.token
    )

    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": {"smtpPasswordSet": True, "smsAuthTokenSet": True},
        "errors": [],
    }
    stored = await Account.get(id=account.id)
    assert (stored.smtp_password, stored.sms_auth_token) == (password, token)


async def test_an_overlong_secret_never_reaches_the_log(client: httpx.AsyncClient, server_log: Any) -> None:
    account = await make_account()
    admin = await make_principal(client, account)

    body = await gql(client, UPDATE, {"input": {"smtpPassword": SECRET, "smsAuthToken": SECRET}}, admin.token)

    assert [e["field"] for e in body["data"]["accountSettingsUpdate"]["errors"]] == [
        ["input", "smtpPassword"],
        ["input", "smsAuthToken"],
    ]
    assert "7777777777" not in server_log()


async def test_an_unexpected_error_is_logged_with_its_type_and_frames_but_not_its_text(
    client: httpx.AsyncClient, server_log: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)

    async def failing_update(*args: Any, **kwargs: Any) -> Account:
        raise RuntimeError(DETAIL + SECRET + ") violates a constraint")

    monkeypatch.setattr(account_settings, "update_settings", failing_update)

    body = await gql(client, UPDATE, {"input": {"smtpPassword": "hunter2"}}, admin.token)

    assert body["data"] is None
    assert [e["message"] for e in body["errors"]] == ["Unexpected error."]
    log = server_log()
    assert "7777777777" not in log
    assert DETAIL not in log
    assert "graphql.unexpected_error" in log
    assert "exc_type=RuntimeError" in log
    assert "in failing_update" in log  # where it was raised
    assert 'raise RuntimeError(DETAIL + SECRET + ") violates a constraint")' in log  # the frame's code


async def test_the_standard_library_handlers_print_tracebacks_without_the_exception_text() -> None:
    records = io.StringIO()
    handler = logging.StreamHandler(records)
    handler.setFormatter(SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("tests.item08")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError(f"token={SECRET}")
        except ValueError:
            logger.exception("Exception in ASGI application")
    finally:
        logger.removeHandler(handler)

    text = records.getvalue()
    assert text.startswith(
        "ERROR tests.item08: Exception in ASGI application\nTraceback (most recent call last):\n"
    )
    assert text.rstrip().endswith("\nValueError")
    assert "7777777777" not in text
