"""customerDelete and customerBulkDelete over HTTP: soft deletes, per-row results, audit."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Customer
from tests.client import BULK_FIELDS as BULK
from tests.client import USER_ERRORS, customer_mutation, global_id, gql, make_principal
from tests.factories import db_state, make_account, make_customer

LIST = "{ customers { totalCount edges { node { name } } } }"
ONE = "query($id: ID!) { customer(id: $id) { name } }"


async def delete(client: httpx.AsyncClient, token: str, customer_id: int, **input: Any) -> dict[str, Any]:
    return await customer_mutation(
        client,
        token,
        "customerDelete",
        {"id": global_id("Customer", customer_id), **input},
        f"deletedId {USER_ERRORS}",
    )


async def bulk_delete(client: httpx.AsyncClient, token: str, ids: list[int], **input: Any) -> dict[str, Any]:
    return await customer_mutation(
        client,
        token,
        "customerBulkDelete",
        {"ids": [global_id("Customer", i) for i in ids], **input},
        BULK,
    )


def ok_row(customer_id: int) -> dict[str, Any]:
    return {
        "customerId": global_id("Customer", customer_id),
        "ok": True,
        "changedFields": ["deletedAt"],
        "errors": [],
    }


def missing_row(customer_id: int, index: int) -> dict[str, Any]:
    return {
        "customerId": global_id("Customer", customer_id),
        "ok": False,
        "changedFields": [],
        "errors": [
            {"field": ["input", "ids", str(index)], "message": "Customer not found.", "code": "NOT_FOUND"}
        ],
    }


async def delete_entries() -> list[dict[str, Any]]:
    rows = (
        await AuditEntry.filter(action="DELETE")
        .order_by("id")
        .values("record_id", "customer_id", "message", "reason", "http_verb", "diff")
    )
    for row in rows:
        assert set(row["diff"]) == {"deleted_at"} and row["diff"]["deleted_at"]["old"] is None
        row["diff"] = "deleted_at: null -> " + ("time" if row["diff"]["deleted_at"]["new"] else "null")
    return rows


def delete_entry(customer: Customer, reason: str | None = None) -> dict[str, Any]:
    return {
        "record_id": str(customer.id),
        "customer_id": customer.id,
        "message": f"Customer {customer.name} deleted",
        "reason": reason,
        "http_verb": "DELETE",
        "diff": "deleted_at: null -> time",
    }


async def test_delete_is_soft_and_hides_the_customer(client: httpx.AsyncClient) -> None:
    # Given two customers
    account = await make_account()
    admin = await make_principal(client, account)
    gone = await make_customer(account, name="Gone", tags=["vip"])
    await make_customer(account, name="Kept")
    row_before = (await Customer.filter(id=gone.id).values())[0]

    # When one is deleted, with a reason
    payload = await delete(client, admin.token, gone.id, reason="Contract ended")

    # Then its id is returned
    assert payload == {"deletedId": global_id("Customer", gone.id), "errors": []}
    # And the row stays, only marked deleted (with its name freed) and its tags kept
    row_after = (await Customer.filter(id=gone.id).values())[0]
    deleted_at = row_after.pop("deleted_at")
    assert deleted_at is not None
    assert row_after.pop("updated_at") >= row_before.pop("updated_at")
    assert row_before.pop("deleted_at") is None
    assert row_after == {**row_before, "name_key": None}
    # And one DELETE entry is kept, with the time of the deletion
    assert await delete_entries() == [delete_entry(gone, "Contract ended")]
    entry = await AuditEntry.get(action="DELETE")
    assert entry.diff == {"deleted_at": {"old": None, "new": deleted_at.isoformat()}}
    # And it is gone from the list and from the single-customer query
    listed = await gql(client, LIST, token=admin.token)
    assert listed["data"] == {"customers": {"totalCount": 1, "edges": [{"node": {"name": "Kept"}}]}}
    one = await gql(client, ONE, {"id": global_id("Customer", gone.id)}, admin.token)
    assert one["data"] == {"customer": None}


async def test_deleting_twice_is_not_found_and_changes_nothing(client: httpx.AsyncClient) -> None:
    # Given a deleted customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    assert (await delete(client, admin.token, customer.id))["errors"] == []
    before = await db_state()

    # When it is deleted again
    payload = await delete(client, admin.token, customer.id)

    # Then it is not found and nothing changes (no second audit entry)
    assert payload == {
        "deletedId": None,
        "errors": [{"field": ["input", "id"], "message": "Customer not found.", "code": "NOT_FOUND"}],
    }
    assert await db_state() == before


async def test_deleting_a_customer_of_another_account_is_not_found(client: httpx.AsyncClient) -> None:
    # Given a customer of another account
    foreign = await make_customer(await make_account())
    admin = await make_principal(client, await make_account())
    before = await db_state()

    # When it is deleted
    payload = await delete(client, admin.token, foreign.id)

    # Then it is not found and nothing changes
    assert payload["errors"] == [
        {"field": ["input", "id"], "message": "Customer not found.", "code": "NOT_FOUND"}
    ]
    assert await db_state() == before


async def test_delete_without_reason_is_refused_when_the_account_requires_one(
    client: httpx.AsyncClient,
) -> None:
    # Given an account that requires reasons
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await Account.filter(id=account.id).update(require_audit_reason=True)
    before = await db_state()

    # When a customer is deleted without a reason
    payload = await delete(client, admin.token, customer.id)

    # Then the reason is required and nothing changes
    assert payload["errors"] == [
        {
            "field": ["input", "reason"],
            "message": "This account requires a reason for every change.",
            "code": "REASON_REQUIRED",
        }
    ]
    assert await db_state() == before


async def test_bulk_delete_reports_each_row_and_audits_each_deletion(client: httpx.AsyncClient) -> None:
    # Given three customers
    account = await make_account()
    admin = await make_principal(client, account)
    first, second, third = [await make_customer(account, name=n) for n in ("First", "Second", "Third")]

    # When two of them are deleted in bulk
    payload = await bulk_delete(client, admin.token, [third.id, first.id], reason="Cleanup")

    # Then each row is reported in the order given
    assert payload == {
        "dryRun": False,
        "applied": 2,
        "failed": 0,
        "results": [ok_row(third.id), ok_row(first.id)],
        "errors": [],
    }
    # And only those two are marked deleted, each with its own DELETE entry
    deleted = await Customer.filter(deleted_at__isnull=False).order_by("id").values_list("id", flat=True)
    assert deleted == [first.id, third.id]
    assert await delete_entries() == [delete_entry(first, "Cleanup"), delete_entry(third, "Cleanup")]
    assert await Customer.filter(id=second.id, deleted_at__isnull=True).exists()


async def test_bulk_delete_dry_run_reports_and_writes_nothing(client: httpx.AsyncClient) -> None:
    # Given two customers
    account = await make_account()
    admin = await make_principal(client, account)
    first, second = await make_customer(account), await make_customer(account)
    before = await db_state()

    # When they are deleted in a dry run
    payload = await bulk_delete(client, admin.token, [first.id, second.id], dryRun=True)

    # Then the rows are reported as they would be, and nothing is written
    assert payload == {
        "dryRun": True,
        "applied": 0,
        "failed": 0,
        "results": [ok_row(first.id), ok_row(second.id)],
        "errors": [],
    }
    assert await db_state() == before


async def test_bulk_delete_all_or_nothing_with_a_missing_id_writes_nothing(client: httpx.AsyncClient) -> None:
    # Given a customer, a customer of another account and a deleted customer
    account = await make_account()
    admin = await make_principal(client, account)
    mine = await make_customer(account)
    foreign = await make_customer(await make_account())
    deleted = await make_customer(account)
    await bulk_delete(client, admin.token, [deleted.id])
    before = await db_state()

    # When all three are deleted with the default policy (ALL_OR_NOTHING)
    payload = await bulk_delete(client, admin.token, [mine.id, foreign.id, deleted.id])

    # Then the missing ones are reported and nothing is written
    assert payload == {
        "dryRun": False,
        "applied": 0,
        "failed": 2,
        "results": [ok_row(mine.id), missing_row(foreign.id, 1), missing_row(deleted.id, 2)],
        "errors": [],
    }
    assert await db_state() == before


async def test_bulk_delete_skip_invalid_deletes_the_found_rows(client: httpx.AsyncClient) -> None:
    # Given a customer and an id that does not exist
    account = await make_account()
    admin = await make_principal(client, account)
    mine = await make_customer(account)

    # When both are deleted, skipping invalid rows
    payload = await bulk_delete(client, admin.token, [9999, mine.id], errorPolicy="SKIP_INVALID")

    # Then the existing one is deleted and audited, the other reported
    assert payload == {
        "dryRun": False,
        "applied": 1,
        "failed": 1,
        "results": [missing_row(9999, 0), ok_row(mine.id)],
        "errors": [],
    }
    assert await delete_entries() == [delete_entry(mine)]


@pytest.mark.parametrize("policy", ["ALL_OR_NOTHING", "SKIP_INVALID"])
async def test_bulk_delete_needs_a_reason_when_the_account_requires_one(
    client: httpx.AsyncClient, policy: str
) -> None:
    # Given an account that requires reasons
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account)
    await Account.filter(id=account.id).update(require_audit_reason=True)
    before = await db_state()

    # When customers are deleted in bulk without a reason
    payload = await bulk_delete(client, admin.token, [customer.id], errorPolicy=policy)

    # Then the whole operation is refused and nothing is written
    assert payload == {
        "dryRun": False,
        "applied": 0,
        "failed": 0,
        "results": [],
        "errors": [
            {
                "field": ["input", "reason"],
                "message": "This account requires a reason for every change.",
                "code": "REASON_REQUIRED",
            }
        ],
    }
    assert await db_state() == before
