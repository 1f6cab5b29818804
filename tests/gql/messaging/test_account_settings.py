"""accountSettings and accountSettingsUpdate: secrets write-only, audited with redaction."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Account, AuditEntry
from tests.client import gql, make_principal
from tests.factories import make_account

READ = "{ accountSettings { emailFrom smtpHost smtpPort smtpTlsMode smtpPassword smtpPasswordSet smsAuthToken smsAuthTokenSet smsFrom requireAuditReason } }"
UPDATE = """
mutation($input: AccountSettingsUpdateInput!) {
  accountSettingsUpdate(input: $input) {
    accountSettings { emailFrom smtpHost smtpPort smtpTlsMode smtpPassword smtpPasswordSet smsFrom numberRangeStart }
    errors { field code }
  }
}
"""


async def test_secrets_are_write_only_and_redacted_in_the_audit_diff(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    changes = {
        "emailFrom": "noc@carrier.example",
        "smtpHost": "mail.example",
        "smtpPort": 2525,
        "smtpTlsMode": "NONE",
        "smtpPassword": "hunter2",
        "smsFrom": "+14155550100",
        "numberRangeStart": 1000,
        "reason": "new mail relay",
    }

    body = await gql(client, UPDATE, {"input": changes}, admin.token)

    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": {
            "emailFrom": "noc@carrier.example",
            "smtpHost": "mail.example",
            "smtpPort": 2525,
            "smtpTlsMode": "NONE",
            "smtpPassword": None,
            "smtpPasswordSet": True,
            "smsFrom": "+14155550100",
            "numberRangeStart": 1000,
        },
        "errors": [],
    }
    entry = await AuditEntry.get(account_id=account.id, table_name="account")
    assert entry.reason == "new mail relay"
    assert entry.diff == {
        "email_from": {"old": None, "new": "noc@carrier.example"},
        "smtp_host": {"old": None, "new": "mail.example"},
        "smtp_port": {"old": None, "new": 2525},
        "smtp_tls_mode": {"old": "STARTTLS", "new": "NONE"},
        "smtp_password": {"old": None, "new": "[redacted]"},
        "sms_from": {"old": None, "new": "+14155550100"},
        "number_range_start": {"old": None, "new": 1000},
    }
    assert "hunter2" not in str(await AuditEntry.filter(account_id=account.id).values())
    read = await gql(client, READ, token=admin.token)
    assert read["data"]["accountSettings"]["smtpPassword"] is None


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"smtpPort": 0}, "smtpPort", "INVALID"),
        ({"smtpPort": 70000}, "smtpPort", "INVALID"),
        ({"emailFrom": "not-an-address"}, "emailFrom", "INVALID"),
        ({"smsFrom": "555"}, "smsFrom", "INVALID"),
        ({"smsApiBaseUrl": "ftp://sms.example"}, "smsApiBaseUrl", "INVALID"),
        ({"numberBlockSize": 0}, "numberBlockSize", "INVALID"),
        ({"numberRangeStart": -1}, "numberRangeStart", "INVALID"),
        ({"requireAuditReason": None}, "requireAuditReason", "REQUIRED"),
        ({"smtpTlsMode": None}, "smtpTlsMode", "REQUIRED"),
    ],
)
async def test_bad_settings_are_refused_and_nothing_changes(
    client: httpx.AsyncClient, changes: dict[str, Any], field: str, code: str
) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    before = await Account.filter(id=account.id).values()
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    body = await gql(client, UPDATE, {"input": changes}, admin.token)

    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": None,
        "errors": [{"field": ["input", field], "code": code}],
    }
    assert await Account.filter(id=account.id).values() == before
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


async def test_settings_need_their_permissions(client: httpx.AsyncClient) -> None:
    account = await make_account()
    support = await make_principal(client, account, role_name="Support")
    before = await Account.filter(id=account.id).values()

    read = await gql(client, READ, token=support.token)
    write = await gql(client, UPDATE, {"input": {"smtpHost": "evil.example"}}, support.token)
    anonymous = await gql(client, UPDATE, {"input": {"smtpHost": "evil.example"}})

    assert read["errors"][0]["extensions"]["code"] == "PERMISSION_DENIED"
    assert write["data"]["accountSettingsUpdate"]["errors"] == [{"field": None, "code": "PERMISSION_DENIED"}]
    assert anonymous["data"]["accountSettingsUpdate"]["errors"] == [
        {"field": None, "code": "UNAUTHENTICATED"}
    ]
    assert await Account.filter(id=account.id).values() == before
