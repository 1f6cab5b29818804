"""customerBulkUpdate refusals of the whole operation: malformed changes, selection, references."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Account
from tests.client import bulk_update, global_id, make_principal
from tests.client import customer_ids as ids
from tests.factories import db_state, make_account, make_customer


def invalid(path: list[str], message: str) -> dict[str, Any]:
    return {"field": ["input", *path], "message": message, "code": "INVALID"}


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        (
            {"channels": {"set": 1, "increaseBy": 1}},
            [invalid(["changes", "channels"], "Give exactly one of set, increaseBy, decreaseBy.")],
        ),
        (
            {"flowSpeed": {}},
            [invalid(["changes", "flowSpeed"], "Give exactly one of set, increaseBy, decreaseBy.")],
        ),
        (
            {"debitLimit": {"increaseBy": "1", "decreaseBy": "1"}},
            [invalid(["changes", "debitLimit"], "Give exactly one of set, increaseBy, decreaseBy.")],
        ),
        (
            {"addTags": ["x" * 101]},
            [invalid(["changes", "addTags", "0"], "A tag has at most 100 characters.")],
        ),
        ({}, [{"field": ["input", "changes"], "message": "Give at least one change.", "code": "REQUIRED"}]),
    ],
)
async def test_malformed_changes_refuse_the_whole_operation(
    client: httpx.AsyncClient, changes: dict[str, Any], errors: list[dict[str, Any]]
) -> None:
    # Given a customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, channels=3)
    before = await db_state()

    # When the changes are malformed
    payload = await bulk_update(client, admin.token, ids=ids(customer), changes=changes)

    # Then the operation is refused with no per-row results and nothing is written
    assert payload == {"dryRun": False, "applied": 0, "failed": 0, "results": [], "errors": errors}
    assert await db_state() == before


@pytest.mark.parametrize("selection", ["both", "neither"])
async def test_select_by_ids_or_by_where_not_both(client: httpx.AsyncClient, selection: str) -> None:
    # Given a customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    chosen = {"ids": ids(customer), "where": {"name": {"eq": customer.name}}} if selection == "both" else {}
    before = await db_state()

    # When both selections (or none) are given
    payload = await bulk_update(client, admin.token, changes={"status": "INACTIVE"}, **chosen)

    # Then it is invalid and nothing is written
    assert payload["errors"] == [invalid(["ids"], "Select customers by ids or by where, not both.")]
    assert await db_state() == before


async def test_an_account_manager_of_another_account_is_not_found(client: httpx.AsyncClient) -> None:
    # Given a customer and a user of another account
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    stranger = await make_principal(client, await make_account())
    before = await db_state()

    # When the stranger is made account manager in bulk
    payload = await bulk_update(
        client,
        admin.token,
        ids=ids(customer),
        changes={"accountManagerId": global_id("User", stranger.user.id)},
    )

    # Then the manager is not found and nothing is written
    assert payload["errors"] == [
        {
            "field": ["input", "changes", "accountManagerId"],
            "message": "Account manager not found.",
            "code": "NOT_FOUND",
        }
    ]
    assert await db_state() == before


async def test_bulk_update_without_reason_is_refused_when_the_account_requires_one(
    client: httpx.AsyncClient,
) -> None:
    # Given an account that requires reasons
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await Account.filter(id=account.id).update(require_audit_reason=True)
    before = await db_state()

    # When customers are changed in bulk without a reason
    payload = await bulk_update(client, admin.token, ids=ids(customer), changes={"status": "INACTIVE"})

    # Then the reason is required and nothing is written
    assert payload["errors"] == [
        {
            "field": ["input", "reason"],
            "message": "This account requires a reason for every change.",
            "code": "REASON_REQUIRED",
        }
    ]
    assert await db_state() == before
