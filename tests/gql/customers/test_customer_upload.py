"""customerBulkCreate: the seeds' bulk upload."""

from __future__ import annotations

from typing import Any

import httpx

from models import AuditEntry, Customer
from tests.client import gql, make_principal
from tests.factories import make_account, make_customer

UPLOAD = """
mutation($input: CustomerBulkCreateInput!) {
  customerBulkCreate(input: $input) {
    dryRun applied failed
    results { ok changedFields errors { field code } }
    errors { field code }
  }
}
"""


async def names_of(account_id: int) -> list[str]:
    return sorted(row["name"] for row in await Customer.filter(account_id=account_id).values("name"))


def rows(*names: str, currency: str = "EUR") -> list[dict[str, Any]]:
    return [{"name": name, "currency": currency} for name in names]


async def test_upload_creates_every_row_with_one_audit_entry_each(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)

    body = await gql(client, UPLOAD, {"input": {"rows": rows("A", "B"), "reason": "import"}}, admin.token)

    payload = body["data"]["customerBulkCreate"]
    assert (payload["applied"], payload["failed"], payload["errors"]) == (2, 0, [])
    assert await names_of(account.id) == ["A", "B"]
    entries = await AuditEntry.filter(account_id=account.id, action="CREATE").values("reason")
    assert entries == [{"reason": "import"}, {"reason": "import"}]


async def test_all_or_nothing_upload_with_a_bad_row_writes_nothing(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    await make_customer(account, name="Taken")
    audit_before = await AuditEntry.filter(account_id=account.id).count()

    upload = [*rows("New", "taken"), {"name": "Bad", "currency": "XYZ"}, *rows("New")]
    body = await gql(client, UPLOAD, {"input": {"rows": upload}}, admin.token)

    results = body["data"]["customerBulkCreate"]["results"]
    assert [r["ok"] for r in results] == [True, False, False, False]
    assert [r["errors"] for r in results[1:]] == [
        [{"field": ["input", "rows", "1", "name"], "code": "DUPLICATE"}],
        [{"field": ["input", "rows", "2", "currency"], "code": "INVALID"}],
        [{"field": ["input", "rows", "3", "name"], "code": "DUPLICATE"}],
    ]
    assert body["data"]["customerBulkCreate"]["applied"] == 0
    assert await Customer.filter(account_id=account.id).count() == 1
    assert await AuditEntry.filter(account_id=account.id).count() == audit_before


async def test_skip_invalid_creates_the_valid_rows_and_dry_run_none(client: httpx.AsyncClient) -> None:
    account = await make_account()
    admin = await make_principal(client, account)
    upload = [*rows("Good"), {"name": "", "currency": "EUR"}]

    dry = await gql(
        client,
        UPLOAD,
        {"input": {"rows": upload, "dryRun": True, "errorPolicy": "SKIP_INVALID"}},
        admin.token,
    )
    assert (
        dry["data"]["customerBulkCreate"]["applied"],
        await Customer.filter(account_id=account.id).count(),
    ) == (0, 0)

    real = await gql(client, UPLOAD, {"input": {"rows": upload, "errorPolicy": "SKIP_INVALID"}}, admin.token)

    payload = real["data"]["customerBulkCreate"]
    assert (payload["applied"], payload["failed"]) == (1, 1)
    assert await names_of(account.id) == ["Good"]
