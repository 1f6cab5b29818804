"""customerBulkUpdate over HTTP: selection, numeric changes, tags, dry run, error policies."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import AuditEntry, Customer, CustomerTag
from tests.client import bulk_update, global_id, make_principal
from tests.client import customer_ids as ids
from tests.factories import db_state, make_account, make_customer


def row(customer: Customer, changed: list[str], errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "customerId": global_id("Customer", customer.id),
        "ok": not errors,
        "changedFields": changed,
        "errors": errors or [],
    }


def invalid(path: list[str], message: str) -> dict[str, Any]:
    return {"field": ["input", *path], "message": message, "code": "INVALID"}


async def column(name: str) -> list[Any]:
    return list(await Customer.all().order_by("id").values_list(name, flat=True))


async def update_diffs() -> list[tuple[str, dict[str, Any]]]:
    entries = await AuditEntry.filter(action="UPDATE").order_by("record_id").values_list("record_id", "diff")
    return list(entries)


@pytest.mark.parametrize(
    ("field", "column_name", "start", "change", "result"),
    [
        ("channels", "channels", [10, 0], {"set": 5}, [5, 5]),
        ("channels", "channels", [10, 0], {"increaseBy": 3}, [13, 3]),
        ("channels", "channels", [10, 4], {"decreaseBy": 4}, [6, 0]),
        ("flowSpeed", "flow_speed", [2, 7], {"increaseBy": 1}, [3, 8]),
        ("invoiceDueDays", "invoice_due_days", [30, 14], {"decreaseBy": 7}, [23, 7]),
        ("debitLimit", "debit_limit", ["10.50", "0"], {"increaseBy": "2.25"}, ["12.75", "2.25"]),
        ("debitLimit", "debit_limit", ["10.50", "0"], {"decreaseBy": "20"}, ["-9.5", "-20"]),
        ("minimumPayment", "minimum_payment", ["5", "1"], {"set": "2.5"}, ["2.5", "2.5"]),
        ("taxPercent", "tax_percent", ["19", "7"], {"increaseBy": "0.5"}, ["19.5", "7.5"]),
    ],
)
async def test_numeric_changes_apply_to_each_row_from_its_own_value(
    client: httpx.AsyncClient,
    field: str,
    column_name: str,
    start: list[Any],
    change: dict[str, Any],
    result: list[Any],
) -> None:
    # Given two customers with different values
    account = await make_account()
    admin = await make_principal(client, account)
    first, second = [await make_customer(account) for _ in start]
    for customer, value in zip((first, second), start, strict=True):
        await Customer.filter(id=customer.id).update(**{column_name: value})

    # When one change is applied to both
    payload = await bulk_update(client, admin.token, ids=ids(first, second), changes={field: change})

    # Then each row is computed from its own value and audited
    assert payload == {
        "dryRun": False,
        "applied": 2,
        "failed": 0,
        "results": [row(first, [field]), row(second, [field])],
        "errors": [],
    }
    assert await column(column_name) == [Decimal(r) if isinstance(r, str) else r for r in result]
    diffs = await update_diffs()
    assert [record for record, _ in diffs] == [str(first.id), str(second.id)]
    assert all(list(diff) == [column_name] for _, diff in diffs)


async def test_values_and_tags_change_together_with_one_audit_entry_per_changed_row(
    client: httpx.AsyncClient,
) -> None:
    # Given two customers, one already inactive with portal access off
    account = await make_account()
    admin = await make_principal(client, account)
    active = await make_customer(account, name="Active", tags=["old", "keep"])
    inactive = await make_customer(
        account, name="Inactive", status="INACTIVE", portal_access=False, tags=["Keep"]
    )

    # When both are set inactive without portal access, tagged "new" and untagged "OLD"
    payload = await bulk_update(
        client,
        admin.token,
        ids=ids(active, inactive),
        changes={"status": "INACTIVE", "portalAccess": False, "addTags": [" new "], "removeTags": ["OLD"]},
        reason="Suspended",
    )

    # Then only the first changes; the second is reported ok with its tag change
    assert payload == {
        "dryRun": False,
        "applied": 2,
        "failed": 0,
        "results": [row(active, ["status", "portalAccess", "tags"]), row(inactive, ["tags"])],
        "errors": [],
    }
    tags = await CustomerTag.all().order_by("customer_id", "id").values_list("customer_id", "tag")
    assert tags == [(active.id, "keep"), (active.id, "new"), (inactive.id, "Keep"), (inactive.id, "new")]
    entries = (
        await AuditEntry.filter(action="UPDATE")
        .order_by("id")
        .values("record_id", "diff", "reason", "message")
    )
    assert entries == [
        {
            "record_id": str(active.id),
            "reason": "Suspended",
            "message": "Customer Active updated in bulk",
            "diff": {
                "status": {"old": "ACTIVE", "new": "INACTIVE"},
                "portal_access": {"old": True, "new": False},
                "tags": {"old": ["old", "keep"], "new": ["keep", "new"]},
            },
        },
        {
            "record_id": str(inactive.id),
            "reason": "Suspended",
            "message": "Customer Inactive updated in bulk",
            "diff": {"tags": {"old": ["Keep"], "new": ["Keep", "new"]}},
        },
    ]


async def test_a_row_without_any_change_is_ok_but_not_applied_nor_audited(client: httpx.AsyncClient) -> None:
    # Given a customer that is already inactive and one that is active
    account = await make_account()
    admin = await make_principal(client, account)
    already = await make_customer(account, status="INACTIVE")
    active = await make_customer(account)

    # When both are set inactive
    payload = await bulk_update(client, admin.token, ids=ids(already, active), changes={"status": "INACTIVE"})

    # Then only the active one is applied and audited
    assert payload == {
        "dryRun": False,
        "applied": 1,
        "failed": 0,
        "results": [row(already, []), row(active, ["status"])],
        "errors": [],
    }
    assert await update_diffs() == [(str(active.id), {"status": {"old": "ACTIVE", "new": "INACTIVE"}})]


async def test_selection_by_where_changes_only_the_matching_customers(client: httpx.AsyncClient) -> None:
    # Given customers with and without the tag "promo", one of them deleted, one in another account
    account = await make_account()
    admin = await make_principal(client, account)
    tagged = await make_customer(account, channels=1, tags=["promo"])
    await make_customer(account, channels=1, tags=["other"])
    deleted = await make_customer(account, channels=1, tags=["PROMO"])
    await Customer.filter(id=deleted.id).update(deleted_at=tagged.created_at, name_key=None)
    await make_customer(await make_account(), channels=1, tags=["promo"])
    also_tagged = await make_customer(account, channels=2, tags=["Promo"])

    # When the customers tagged "promo" get two more channels
    payload = await bulk_update(
        client,
        admin.token,
        where={"tags": {"containsAny": ["promo"]}},
        changes={"channels": {"increaseBy": 2}},
    )

    # Then exactly the live matching customers of the account change, in id order
    assert payload == {
        "dryRun": False,
        "applied": 2,
        "failed": 0,
        "results": [row(tagged, ["channels"]), row(also_tagged, ["channels"])],
        "errors": [],
    }
    assert await column("channels") == [3, 1, 1, 1, 4]


async def test_dry_run_reports_per_row_and_writes_nothing(client: httpx.AsyncClient) -> None:
    # Given two customers, one whose channels cannot go lower
    account = await make_account()
    admin = await make_principal(client, account)
    many, few = await make_customer(account, channels=5), await make_customer(account, channels=1)
    before = await db_state()

    # When their channels are lowered by 2 in a dry run
    payload = await bulk_update(
        client, admin.token, ids=ids(many, few), changes={"channels": {"decreaseBy": 2}}, dryRun=True
    )

    # Then each row reports what would happen and nothing is written
    assert payload == {
        "dryRun": True,
        "applied": 0,
        "failed": 1,
        "results": [
            row(many, ["channels"]),
            row(few, [], [invalid(["changes", "channels"], "Must be 0 or more.")]),
        ],
        "errors": [],
    }
    assert await db_state() == before


async def test_all_or_nothing_with_one_invalid_row_writes_nothing(client: httpx.AsyncClient) -> None:
    # Given two customers, one whose channels cannot go lower
    account = await make_account()
    admin = await make_principal(client, account)
    many, few = await make_customer(account, channels=5), await make_customer(account, channels=1)
    before = await db_state()

    # When their channels are lowered by 2 (default policy: ALL_OR_NOTHING)
    payload = await bulk_update(
        client, admin.token, ids=ids(many, few), changes={"channels": {"decreaseBy": 2}}
    )

    # Then the invalid row is reported and no row is written
    assert payload == {
        "dryRun": False,
        "applied": 0,
        "failed": 1,
        "results": [
            row(many, ["channels"]),
            row(few, [], [invalid(["changes", "channels"], "Must be 0 or more.")]),
        ],
        "errors": [],
    }
    assert await db_state() == before


async def test_skip_invalid_writes_the_valid_rows_only(client: httpx.AsyncClient) -> None:
    # Given a EUR customer and a JPY customer
    account = await make_account()
    admin = await make_principal(client, account)
    eur = await make_customer(account, currency="EUR", debit_limit=Decimal("1.50"))
    jpy = await make_customer(account, currency="JPY", debit_limit=Decimal("100"))

    # When both debit limits rise by 0.25, skipping invalid rows
    payload = await bulk_update(
        client,
        admin.token,
        ids=ids(eur, jpy),
        changes={"debitLimit": {"increaseBy": "0.25"}},
        errorPolicy="SKIP_INVALID",
    )

    # Then the EUR row is written and audited, the JPY row refused
    assert payload == {
        "dryRun": False,
        "applied": 1,
        "failed": 1,
        "results": [
            row(eur, ["debitLimit"]),
            row(jpy, [], [invalid(["changes", "debitLimit"], "JPY amounts have at most 0 decimal places.")]),
        ],
        "errors": [],
    }
    assert await column("debit_limit") == [Decimal("1.75"), Decimal("100")]
    assert await update_diffs() == [(str(eur.id), {"debit_limit": {"old": "1.5", "new": "1.75"}})]


async def test_ids_not_found_are_reported_per_row(client: httpx.AsyncClient) -> None:
    # Given a customer of the account and one of another account
    account = await make_account()
    admin = await make_principal(client, account)
    mine = await make_customer(account, channels=1)
    foreign = await make_customer(await make_account(), channels=1)

    # When both are changed, skipping invalid rows
    payload = await bulk_update(
        client,
        admin.token,
        ids=ids(foreign, mine),
        changes={"channels": {"set": 9}},
        errorPolicy="SKIP_INVALID",
    )

    # Then the foreign one is not found and only the own one is written
    not_found = {"field": ["input", "ids", "0"], "message": "Customer not found.", "code": "NOT_FOUND"}
    assert payload == {
        "dryRun": False,
        "applied": 1,
        "failed": 1,
        "results": [row(foreign, [], [not_found]), row(mine, ["channels"])],
        "errors": [],
    }
    assert await column("channels") == [9, 1]
