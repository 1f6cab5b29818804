"""Scheduling a change (Delay and Save), cancelling and rescheduling it; each audited.

A change whose `effectiveAt` is in the future is rehearsed now: the same service as a direct
edit runs against the record as it is, up to its commit, and is rolled back (services/uow.py
`rehearse`), so it is refused with exactly the errors the edit would get. Then the change is
stored PENDING with the values of the fields it patches (for the conflict rule) and a SCHEDULE
audit entry. An `effectiveAt` now or in the past is not a delay: the edit applies at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from models import ScheduledChange
from models.enums import AuditAction, Permission, ScheduledChangeKind, ScheduledChangeStatus
from services.actor import Actor
from services.auditing import JsonValue
from services.customers import bulk
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.scheduled_changes.codec import encode_patch
from services.scheduled_changes.kinds import ChangeKind, encode_bulk, kind_of
from services.scheduled_changes.queries import visible_changes
from services.scheduled_changes.rules import checked_time, creator_label, refuse_portal
from services.uow import UnitOfWork, rehearse, unit_of_work
from services.validation import Patch

TABLE = "scheduled_change"


@dataclass(frozen=True)
class Request:
    """A change to schedule: its kind, the record it edits (None for a creation), the customer
    it concerns (for creations of a customer's records), its patch as stored."""

    kind: ScheduledChangeKind
    patch: dict[str, Any]
    target_id: int | None = None
    customer_id: int | None = None
    overwrite: bool = False

    @classmethod
    def of(
        cls,
        kind: ScheduledChangeKind,
        patch: Patch,
        *,
        target_id: int | None = None,
        customer_id: int | None = None,
        overwrite: bool = False,
    ) -> Request:
        """The request of a typed patch (refused when it holds a secret: see codec)."""
        return cls(kind, encode_patch(patch), target_id, customer_id, overwrite)


async def schedule(
    actor: Actor,
    request: Request,
    effective_at: datetime,
    reason: str | None = None,
    *,
    now: datetime | None = None,
    rehearsed: bool = False,
) -> ScheduledChange:
    """Store a change to apply at `effective_at` (future, at most MAX_AHEAD away), once the edit
    it makes is rehearsed against the record as it is now (`rehearsed`: the caller already did,
    as the bulk edit does with its own dry run). Needs the edit's own permission; the customer
    portal cannot schedule changes (FORBIDDEN)."""
    kind = kind_of(request.kind)
    actor.require(kind.permission)
    refuse_portal(actor)
    when = checked_time(effective_at, now or datetime.now(UTC))
    change = _new_change(actor, kind, request, when, reason)
    if not rehearsed:
        await rehearse(kind.run(actor, change))
    async with unit_of_work(actor, reason) as uow:
        if kind.current is not None:
            change.customer_id, change.baseline = await kind.current(uow.conn, change)
        await change.save(using_db=uow.conn)
        uow.audit(
            AuditAction.SCHEDULE,
            TABLE,
            change.id,
            f"{describe(change)} scheduled for {when.isoformat()}",
            customer_id=change.customer_id,
            diff=_creation(change),
        )
    return change


def _new_change(
    actor: Actor, kind: ChangeKind, request: Request, when: datetime, reason: str | None
) -> ScheduledChange:
    return ScheduledChange(
        account_id=actor.account_id,
        kind=request.kind,
        status=ScheduledChangeStatus.PENDING,
        target_table=kind.table,
        target_id=request.target_id,
        customer_id=request.customer_id,
        patch=request.patch,
        baseline={},
        overwrite=request.overwrite,
        effective_at=when,
        reason=(reason or "").strip() or None,
        created_by_user_id=actor.user_id if actor.api_key_id is None else None,
        created_by_api_key_id=actor.api_key_id,
        created_by_reseller_id=actor.reseller_id,
        created_by_label=creator_label(actor)[:200],
    )


def describe(change: ScheduledChange) -> str:
    target = f" of {change.target_table} {change.target_id}" if change.target_id is not None else ""
    return f"Scheduled change {change.id} ({change.kind.value}{target})"


def _creation(change: ScheduledChange) -> dict[str, dict[str, JsonValue]]:
    return {
        "kind": {"old": None, "new": change.kind.value},
        "effective_at": {"old": None, "new": change.effective_at.isoformat()},
        "status": {"old": None, "new": change.status.value},
        "patch": {"old": None, "new": change.patch},
        "overwrite": {"old": None, "new": change.overwrite},
    }


async def cancel_change(actor: Actor, change_id: int, reason: str | None = None) -> ScheduledChange:
    """Cancel a PENDING change (NOT_PENDING otherwise); needs customers:write, and the change's
    own write permission (contacts:write for a contact's)."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        change = await _locked_pending(uow, change_id)
        change.status = ScheduledChangeStatus.CANCELLED
        change.lease_until = None
        await change.save(using_db=uow.conn, update_fields=["status", "lease_until", "updated_at"])
        uow.audit(
            AuditAction.CANCEL,
            TABLE,
            change.id,
            f"{describe(change)} cancelled",
            customer_id=change.customer_id,
            diff={"status": {"old": ScheduledChangeStatus.PENDING.value, "new": change.status.value}},
        )
    return change


async def reschedule_change(
    actor: Actor,
    change_id: int,
    effective_at: datetime,
    reason: str | None = None,
    *,
    now: datetime | None = None,
) -> ScheduledChange:
    """Move a PENDING change to another time (in the future, at most MAX_AHEAD away); needs
    what cancelling needs."""
    actor.require(Permission.CUSTOMERS_WRITE)
    now = now or datetime.now(UTC)
    when = checked_time(effective_at, now)
    if when <= now:
        raise ServiceError.single(
            ErrorCode.INVALID, "A change is rescheduled to a time in the future.", "effective_at"
        )
    async with unit_of_work(actor, reason) as uow:
        change = await _locked_pending(uow, change_id)
        before = change.effective_at
        change.effective_at, change.lease_until = when, None
        await change.save(using_db=uow.conn, update_fields=["effective_at", "lease_until", "updated_at"])
        uow.audit(
            AuditAction.SCHEDULE,
            TABLE,
            change.id,
            f"{describe(change)} rescheduled for {when.isoformat()}",
            customer_id=change.customer_id,
            diff={"effective_at": {"old": before.isoformat(), "new": when.isoformat()}},
        )
    return change


async def _locked_pending(uow: UnitOfWork, change_id: int) -> ScheduledChange:
    change = await uow.locked(visible_changes(uow.actor).filter(id=change_id)).first()
    if change is None:
        raise not_found("Scheduled change", "id")
    uow.actor.require(kind_of(change.kind).permission)
    refuse_portal(uow.actor)
    if change.kind is ScheduledChangeKind.PENALTY_LIFT:
        raise ServiceError.single(
            ErrorCode.INVALID,
            "A penalty's end moves with customerPenalize and ends early with customerPenaltyLift.",
            "id",
        )
    if change.status is not ScheduledChangeStatus.PENDING:
        raise ServiceError(
            [
                FieldError(
                    ErrorCode.NOT_PENDING,
                    f"Only a pending change can be changed; this one is {change.status.value}.",
                    ("id",),
                )
            ]
        )
    return change


async def schedule_bulk_update(
    actor: Actor,
    selection: bulk.Selection,
    changes: bulk.BulkChanges,
    policy: bulk.ErrorPolicy,
    effective_at: datetime,
    reason: str | None = None,
    *,
    overwrite: bool = False,
    now: datetime | None = None,
) -> tuple[bulk.BulkResult, ScheduledChange | None]:
    """A bulk edit for later: its dry run now says what it would do to each customer; the
    customers it would write (those found and valid now) are stored by id, so a filter is
    resolved at scheduling time. Nothing is scheduled when the dry run refuses the whole edit
    (ALL_OR_NOTHING with a refused row) or would write no customer."""
    kind_of(ScheduledChangeKind.CUSTOMER_BULK_UPDATE)
    actor.require(Permission.CUSTOMERS_WRITE)
    refuse_portal(actor)
    checked_time(effective_at, now or datetime.now(UTC))
    result = await bulk.bulk_update_customers(
        actor, selection, changes, dry_run=True, policy=policy, reason=reason
    )
    ids = [row.customer_id for row in result.rows if row.ok]
    if (policy is bulk.ErrorPolicy.ALL_OR_NOTHING and result.failed) or not ids:
        return result, None
    request = Request(
        ScheduledChangeKind.CUSTOMER_BULK_UPDATE, encode_bulk(ids, changes, policy), overwrite=overwrite
    )
    change = await schedule(actor, request, effective_at, reason, now=now, rehearsed=True)
    return result, change
