"""Bulk upload: many new customers in one transaction, each row checked by the single-create
rules (and against the other rows of the upload), with a dry run and an error policy."""

from __future__ import annotations

from models.enums import Permission
from services.actor import Actor
from services.customers.bulk import MAX_BULK_ROWS, BulkResult, ErrorPolicy, RowResult
from services.customers.commands import creation_patch, insert_customer, validated_creation
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError, ServiceError
from services.uow import unit_of_work


async def bulk_create_customers(
    actor: Actor,
    rows: list[CustomerPatch],
    *,
    dry_run: bool = False,
    policy: ErrorPolicy = ErrorPolicy.ALL_OR_NOTHING,
    reason: str | None = None,
) -> BulkResult:
    """Create every valid row; results are in row order, with `customer_id` 0 until created."""
    actor.require(Permission.CUSTOMERS_WRITE)
    if not rows or len(rows) > MAX_BULK_ROWS:
        message = f"Give between 1 and {MAX_BULK_ROWS} rows."
        raise ServiceError.single(ErrorCode.TOO_MANY if rows else ErrorCode.REQUIRED, message, "rows")
    async with unit_of_work(actor, reason) as uow:
        results: list[RowResult] = []
        valid: list[CustomerPatch | None] = []
        seen_names: set[str] = set()
        for index, patch in enumerate(rows):
            errors: list[FieldError] = []
            cleaned: CustomerPatch | None = None
            try:
                cleaned = await validated_creation(uow, creation_patch(actor, patch))
            except ServiceError as exc:
                errors = exc.errors
            name_key = str(cleaned.name).casefold() if cleaned else ""
            if cleaned and name_key in seen_names:
                errors = [
                    FieldError(ErrorCode.DUPLICATE, "This name appears twice in the upload.", ("name",))
                ]
            seen_names.add(name_key)
            results.append(
                RowResult(
                    0,
                    not errors,
                    sorted(cleaned.given()) if cleaned else [],
                    [e.under("rows", str(index)) for e in errors],
                )
            )
            valid.append(cleaned if not errors else None)
        result = BulkResult(dry_run=dry_run, rows=results)
        if not result.writes(policy):
            return result
        for row_result, clean_row in zip(results, valid, strict=True):
            if clean_row is not None:
                row_result.customer_id = (await insert_customer(uow, clean_row)).id
                result.applied += 1
    return result
