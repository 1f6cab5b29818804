"""Bulk edit and bulk delete: every row validated by the single-customer rules, one audit
entry per changed row, all in one transaction, with a dry run and an error policy."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

from models import Customer
from models.enums import Permission
from services.actor import Actor
from services.auditing import JsonValue, diff, snapshot
from services.customers.commands import (
    AUDITED_FIELDS,
    apply_changes,
    audited_after,
    auth_limit_errors,
    mark_deleted,
    reference_errors,
)
from services.customers.queries import customer_queryset
from services.customers.scope import tags_of
from services.customers.values import CustomerPatch, clean_patch
from services.errors import ErrorCode, FieldError, ServiceError
from services.listing import Filter
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Invalid, hostname, tag_list

MAX_BULK_ROWS = 1000
NUMERIC_FIELDS = frozenset(
    {"channels", "flow_speed", "invoice_due_days", "debit_limit", "minimum_payment", "tax_percent"}
)
VALUE_FIELDS = frozenset(
    {"status", "portal_access", "invoice_schedule", "rtp_firewall", "account_manager_id", "portal_domain"}
)


class ErrorPolicy(StrEnum):
    ALL_OR_NOTHING = "ALL_OR_NOTHING"
    SKIP_INVALID = "SKIP_INVALID"


@dataclass(frozen=True)
class NumericChange:
    """Exactly one of set / increase_by / decrease_by."""

    set: int | Decimal | None = None
    increase_by: int | Decimal | None = None
    decrease_by: int | Decimal | None = None

    def applied_to(self, current: int | Decimal) -> int | Decimal:
        if self.set is not None:
            return self.set
        if self.increase_by is not None:
            return current + self.increase_by
        assert self.decrease_by is not None
        return current - self.decrease_by

    def is_well_formed(self) -> bool:
        return sum(v is not None for v in (self.set, self.increase_by, self.decrease_by)) == 1


@dataclass(frozen=True)
class BulkChanges:
    numeric: dict[str, NumericChange] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Selection:
    """Customers chosen by ids, or by a filter."""

    ids: list[int] | None = None
    where: Filter | None = None


@dataclass
class RowResult:
    customer_id: int
    ok: bool
    changed_fields: list[str] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)


@dataclass
class BulkResult:
    dry_run: bool
    rows: list[RowResult]
    applied: int = 0

    @property
    def failed(self) -> int:
        return sum(not row.ok for row in self.rows)

    def writes(self, policy: ErrorPolicy) -> bool:
        """Whether the valid rows are written: never on a dry run, and all or nothing under
        ALL_OR_NOTHING (one failed row keeps every row unwritten)."""
        return not self.dry_run and not (policy is ErrorPolicy.ALL_OR_NOTHING and self.failed)


async def bulk_update_customers(
    actor: Actor,
    selection: Selection,
    changes: BulkChanges,
    *,
    dry_run: bool = False,
    policy: ErrorPolicy = ErrorPolicy.ALL_OR_NOTHING,
    reason: str | None = None,
    refuse_as_error: bool = False,
) -> BulkResult:
    """Apply the same changes to every selected customer and report per row. With
    `refuse_as_error`, a refusal under ALL_OR_NOTHING raises the first refused row's errors
    (under `customers.<id>`) instead of reporting it (a scheduled edit fails that way)."""
    actor.require(Permission.CUSTOMERS_WRITE)
    _check_changes(changes)
    async with unit_of_work(actor, reason) as uow:
        await _check_references(uow, changes)
        rows, results = await _selected(uow, selection)
        tags = await _tags_by_customer(uow, rows) if changes.add_tags or changes.remove_tags else {}
        planned = []
        for row in rows:
            cleaned, errors = clean_patch(_new_values(row, changes, tags.get(row.id, [])), row.currency)
            errors += await auth_limit_errors(uow, row, cleaned)
            before: dict[str, JsonValue] = {
                **snapshot(row, AUDITED_FIELDS),
                "tags": list(tags.get(row.id, [])),
            }
            changed = list(diff(before, audited_after(row, cleaned)))
            results.append(RowResult(row.id, not errors, changed, [e.under("changes") for e in errors]))
            planned.append((row, before, cleaned))
        result = BulkResult(dry_run=dry_run, rows=_in_selection_order(results, selection))
        if not result.writes(policy):
            if refuse_as_error and not dry_run:
                refused = next(row for row in result.rows if not row.ok)
                raise ServiceError([e.under("customers", str(refused.customer_id)) for e in refused.errors])
            return result
        valid = {r.customer_id for r in results if r.ok}
        for row, before, cleaned in planned:
            if row.id in valid and await apply_changes(uow, row, before, cleaned, "updated in bulk"):
                result.applied += 1
    return result


async def bulk_delete_customers(
    actor: Actor,
    customer_ids: list[int],
    *,
    dry_run: bool = False,
    policy: ErrorPolicy = ErrorPolicy.ALL_OR_NOTHING,
    reason: str | None = None,
) -> BulkResult:
    """Soft-delete every listed customer, one audit entry each."""
    actor.require(Permission.CUSTOMERS_WRITE)
    selection = Selection(ids=customer_ids)
    async with unit_of_work(actor, reason) as uow:
        rows, results = await _selected(uow, selection)
        results += [RowResult(row.id, True, ["deleted_at"]) for row in rows]
        result = BulkResult(dry_run=dry_run, rows=_in_selection_order(results, selection))
        if not result.writes(policy):
            return result
        for row in rows:
            await mark_deleted(uow, row)
        result.applied = len(rows)
    return result


def _check_changes(changes: BulkChanges) -> None:
    errors = [
        FieldError(ErrorCode.INVALID, "Give exactly one of set, increaseBy, decreaseBy.", ("changes", name))
        for name, change in changes.numeric.items()
        if not change.is_well_formed()
    ]
    for name in ("add_tags", "remove_tags"):
        try:
            tag_list(getattr(changes, name))
        except Invalid as exc:
            errors.append(exc.at("changes", name))
    if not errors and not (changes.numeric or changes.values or changes.add_tags or changes.remove_tags):
        errors.append(FieldError(ErrorCode.REQUIRED, "Give at least one change.", ("changes",)))
    if errors:
        raise ServiceError(errors)


async def _check_references(uow: UnitOfWork, changes: BulkChanges) -> None:
    """The account manager and the portal domain, the same for every row: checked once."""
    references = CustomerPatch(account_manager_id=changes.values.get("account_manager_id", UNSET))
    # A malformed domain is refused on every row by the field's own cleaning.
    with suppress(Invalid):
        references = replace(references, portal_domain=hostname(changes.values.get("portal_domain")))
    errors = await reference_errors(uow, references)
    if errors:
        raise ServiceError([error.under("changes") for error in errors])


async def _selected(uow: UnitOfWork, selection: Selection) -> tuple[list[Customer], list[RowResult]]:
    """The selected rows, locked; and a NOT_FOUND result for each id that is not visible."""
    if (selection.ids is None) == (selection.where is None):
        raise ServiceError.single(ErrorCode.INVALID, "Select customers by ids or by where, not both.", "ids")
    queryset = customer_queryset(uow.actor, selection.where, None)
    if selection.ids is not None:
        if len(set(selection.ids)) > MAX_BULK_ROWS:
            raise _too_many()
        queryset = queryset.filter(id__in=selection.ids)
    rows = list(await uow.locked(queryset.order_by("id").limit(MAX_BULK_ROWS + 1)))
    if len(rows) > MAX_BULK_ROWS:
        raise _too_many()
    found = {row.id for row in rows}
    missing = [
        RowResult(
            customer_id,
            False,
            errors=[FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("ids", str(i)))],
        )
        for i, customer_id in enumerate(dict.fromkeys(selection.ids or []))
        if customer_id not in found
    ]
    return rows, missing


def _too_many() -> ServiceError:
    return ServiceError.single(
        ErrorCode.TOO_MANY, f"At most {MAX_BULK_ROWS} customers per bulk operation.", "ids"
    )


async def _tags_by_customer(uow: UnitOfWork, rows: list[Customer]) -> dict[int, list[str]]:
    tags: dict[int, list[str]] = {}
    for customer_id, tag in (
        await tags_of([r.id for r in rows]).using_db(uow.conn).values_list("customer_id", "tag")
    ):
        tags.setdefault(customer_id, []).append(tag)
    return tags


def _new_values(row: Customer, changes: BulkChanges, tags: list[str]) -> CustomerPatch:
    """The row's patch: the values set, the numbers moved from the row's own, the tags edited."""
    values: dict[str, Any] = dict(changes.values)
    for name, change in changes.numeric.items():
        values[name] = change.applied_to(getattr(row, name))
    if changes.add_tags or changes.remove_tags:
        removed = {tag.strip().casefold() for tag in changes.remove_tags}
        values["tags"] = [t for t in [*tags, *changes.add_tags] if t.strip().casefold() not in removed]
    return CustomerPatch(**values)


def _in_selection_order(results: list[RowResult], selection: Selection) -> list[RowResult]:
    if selection.ids is None:
        return sorted(results, key=lambda r: r.customer_id)
    position = {customer_id: i for i, customer_id in enumerate(dict.fromkeys(selection.ids))}
    return sorted(results, key=lambda r: position.get(r.customer_id, len(position)))
