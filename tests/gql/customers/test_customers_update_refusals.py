"""customerUpdate refusals over HTTP: out-of-scope customers, required reasons, permissions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Customer
from tests.client import USER_ERRORS, customer_mutation, global_id, make_principal
from tests.factories import db_state, make_account, make_customer

PAYLOAD = f"customer {{ name channels }} {USER_ERRORS}"


async def update(client: httpx.AsyncClient, token: str, customer: Customer, **input: Any) -> dict[str, Any]:
    return await customer_mutation(
        client, token, "customerUpdate", {"id": global_id("Customer", customer.id), **input}, PAYLOAD
    )


async def update_entries() -> list[dict[str, Any]]:
    return await AuditEntry.filter(action="UPDATE").order_by("id").values("record_id", "diff", "reason")


async def test_a_customer_of_another_account_is_not_found(client: httpx.AsyncClient) -> None:
    # Given a customer of another account
    foreign = await make_customer(await make_account(), name="Foreign")
    admin = await make_principal(client, await make_account())
    before = await db_state()

    # When it is updated
    payload = await update(client, admin.token, foreign, name="Mine now")

    # Then it is not found and nothing changes
    assert payload == {
        "customer": None,
        "errors": [{"field": ["input", "id"], "message": "Customer not found.", "code": "NOT_FOUND"}],
    }
    assert await db_state() == before


async def test_a_deleted_customer_is_not_found(client: httpx.AsyncClient) -> None:
    # Given a deleted customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await customer_mutation(
        client, admin.token, "customerDelete", {"id": global_id("Customer", customer.id)}, USER_ERRORS
    )
    before = await db_state()

    # When it is updated
    payload = await update(client, admin.token, customer, channels=3)

    # Then it is not found and nothing changes
    assert payload["errors"] == [
        {"field": ["input", "id"], "message": "Customer not found.", "code": "NOT_FOUND"}
    ]
    assert await db_state() == before


@pytest.mark.parametrize("reason", [None, "", "   "])
async def test_a_change_without_reason_is_refused_when_the_account_requires_one(
    client: httpx.AsyncClient, reason: str | None
) -> None:
    # Given an account that requires a reason for every change
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, channels=1)
    await Account.filter(id=account.id).update(require_audit_reason=True)
    before = await db_state()

    # When a customer is updated without a (non-blank) reason
    payload = await update(client, admin.token, customer, channels=2, reason=reason)

    # Then the reason is required and nothing changes
    assert payload == {
        "customer": None,
        "errors": [
            {
                "field": ["input", "reason"],
                "message": "This account requires a reason for every change.",
                "code": "REASON_REQUIRED",
            }
        ],
    }
    assert await db_state() == before


async def test_a_change_with_a_reason_passes_when_the_account_requires_one(client: httpx.AsyncClient) -> None:
    # Given an account that requires a reason for every change
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, channels=1)
    await Account.filter(id=account.id).update(require_audit_reason=True)

    # When a customer is updated with a reason
    payload = await update(client, admin.token, customer, channels=2, reason="Ticket 1234")

    # Then it is saved and the reason is kept in the entry
    assert payload["errors"] == []
    assert await update_entries() == [
        {"record_id": str(customer.id), "reason": "Ticket 1234", "diff": {"channels": {"old": 1, "new": 2}}}
    ]


async def test_a_read_only_user_cannot_update(client: httpx.AsyncClient) -> None:
    # Given a support user (customers:read only)
    account = await make_account()
    support = await make_principal(client, account, role_name="Support")
    customer = await make_customer(account)
    before = await db_state()

    # When they update a customer
    payload = await update(client, support.token, customer, channels=3)

    # Then permission is denied and nothing changes
    assert payload == {
        "customer": None,
        "errors": [
            {"field": None, "message": "You do not have permission to do this.", "code": "PERMISSION_DENIED"}
        ],
    }
    assert await db_state() == before


@pytest.mark.parametrize(
    "field",
    [
        "name",
        "status",
        "channels",
        "flowSpeed",
        "debitLimit",
        "minimumPayment",
        "topupCurrencies",
        "taxPercent",
        "portalAccess",
        "portalHiddenSections",
        "tags",
        "vars",
        "invoiceSchedule",
        "createInvoiceOnPayment",
        "invoiceDueDays",
        "rtpFirewall",
        "recordingRetentionDays",
        "approvedCliOnly",
        "emailVerificationRequired",
        "mobileVerificationRequired",
        "notes",
        "timezone",
        "dialWindows",
    ],
)
async def test_null_for_a_non_nullable_field_is_required(client: httpx.AsyncClient, field: str) -> None:
    # Given a customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Acme", tags=["vip"])
    before = await db_state()

    # When a field that cannot be null is given as null
    payload = await update(client, admin.token, customer, city="Paris", **{field: None})

    # Then it is required and nothing changes
    assert payload == {
        "customer": None,
        "errors": [{"field": ["input", field], "message": "This field cannot be null.", "code": "REQUIRED"}],
    }
    assert await db_state() == before


async def test_null_currency_is_a_currency_change(client: httpx.AsyncClient) -> None:
    # Given a EUR customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, currency="EUR")
    before = await db_state()

    # When the currency is given as null
    payload = await update(client, admin.token, customer, currency=None)

    # Then the currency is immutable and nothing changes
    assert payload["errors"] == [
        {
            "field": ["input", "currency"],
            "message": "The currency cannot change after creation (it is EUR).",
            "code": "CURRENCY_IMMUTABLE",
        }
    ]
    assert await db_state() == before
