"""bulk_update_customers / bulk_delete_customers, called directly with an Actor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models import AuditEntry, Customer
from services.actor import system_actor
from services.customers.bulk import (
    MAX_BULK_ROWS,
    BulkChanges,
    ErrorPolicy,
    NumericChange,
    RowResult,
    Selection,
    bulk_delete_customers,
    bulk_update_customers,
)
from services.errors import ErrorCode, FieldError, ServiceError
from services.listing import Condition, Filter
from tests.factories import db_state, make_account, make_customer


@pytest.mark.parametrize(
    ("change", "current", "result"),
    [
        (NumericChange(set=5), 9, 5),
        (NumericChange(increase_by=2), 9, 11),
        (NumericChange(decrease_by=10), 9, -1),
        (NumericChange(increase_by=Decimal("0.25")), Decimal("1.50"), Decimal("1.75")),
    ],
)
async def test_a_numeric_change_applies_to_the_current_value(
    change: NumericChange, current: int | Decimal, result: int | Decimal
) -> None:
    assert change.is_well_formed()
    assert change.applied_to(current) == result


@pytest.mark.parametrize(
    "change", [NumericChange(), NumericChange(set=1, increase_by=1), NumericChange(set=0, decrease_by=0)]
)
async def test_a_numeric_change_needs_exactly_one_operation(change: NumericChange) -> None:
    assert not change.is_well_formed()


async def test_bulk_update_by_filter_reports_rows_in_id_order() -> None:
    # Given customers, two of them ACTIVE
    account = await make_account()
    first = await make_customer(account, channels=1)
    await make_customer(account, status="INACTIVE", channels=1)
    third = await make_customer(account, channels=5)

    # When the ACTIVE ones lose two channels, skipping invalid rows
    result = await bulk_update_customers(
        system_actor(account.id),
        Selection(where=Filter(conditions={"status": Condition(eq="ACTIVE")})),
        BulkChanges(numeric={"channels": NumericChange(decrease_by=2)}),
        policy=ErrorPolicy.SKIP_INVALID,
    )

    # Then the invalid row is reported and the valid one written
    assert result.rows == [
        RowResult(
            first.id,
            False,
            [],
            [FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("changes", "channels"))],
        ),
        RowResult(third.id, True, ["channels"]),
    ]
    assert (result.applied, result.failed, result.dry_run) == (1, 1, False)
    assert await Customer.all().order_by("id").values_list("channels", flat=True) == [1, 1, 3]


async def test_bulk_update_reports_duplicate_ids_once() -> None:
    # Given a customer
    account = await make_account()
    customer = await make_customer(account)

    # When it is named twice
    result = await bulk_update_customers(
        system_actor(account.id),
        Selection(ids=[customer.id, customer.id]),
        BulkChanges(values={"portal_access": False}),
    )

    # Then it is changed and audited once
    assert result.rows == [RowResult(customer.id, True, ["portal_access"])]
    assert await AuditEntry.filter(action="UPDATE").count() == 1


@pytest.mark.parametrize(
    ("selection", "code", "message"),
    [
        (Selection(), ErrorCode.INVALID, "Select customers by ids or by where, not both."),
        (
            Selection(ids=[1], where=Filter()),
            ErrorCode.INVALID,
            "Select customers by ids or by where, not both.",
        ),
        (
            Selection(ids=list(range(1, MAX_BULK_ROWS + 2))),
            ErrorCode.TOO_MANY,
            f"At most {MAX_BULK_ROWS} customers per bulk operation.",
        ),
    ],
)
async def test_bulk_update_refuses_a_bad_selection(
    selection: Selection, code: ErrorCode, message: str
) -> None:
    account = await make_account()
    await make_customer(account)
    before = await db_state()

    with pytest.raises(ServiceError) as caught:
        await bulk_update_customers(
            system_actor(account.id), selection, BulkChanges(values={"status": "INACTIVE"})
        )

    assert caught.value.errors == [FieldError(code, message, ("ids",))]
    assert await db_state() == before


async def test_bulk_delete_by_ids_marks_each_row_and_audits_it() -> None:
    # Given three customers
    account = await make_account()
    customers = [await make_customer(account) for _ in range(3)]

    # When two are deleted
    result = await bulk_delete_customers(system_actor(account.id), [customers[2].id, customers[0].id])

    # Then both are deleted, in the order given, one DELETE entry each
    assert result.rows == [
        RowResult(customers[2].id, True, ["deleted_at"]),
        RowResult(customers[0].id, True, ["deleted_at"]),
    ]
    assert result.applied == 2
    assert await Customer.filter(deleted_at__isnull=False).order_by("id").values_list("id", flat=True) == [
        customers[0].id,
        customers[2].id,
    ]
    assert sorted(await AuditEntry.filter(action="DELETE").values_list("customer_id", flat=True)) == [
        customers[0].id,
        customers[2].id,
    ]


async def test_bulk_delete_dry_run_writes_nothing() -> None:
    account = await make_account()
    customer = await make_customer(account)
    before = await db_state()

    result = await bulk_delete_customers(system_actor(account.id), [customer.id, 12345], dry_run=True)

    assert result.rows == [
        RowResult(customer.id, True, ["deleted_at"]),
        RowResult(12345, False, [], [FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("ids", "1"))]),
    ]
    assert (result.dry_run, result.applied, result.failed) == (True, 0, 1)
    assert await db_state() == before
