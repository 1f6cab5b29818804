"""Applying due changes exactly once.

Schedulers claim due changes in batches: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so two
schedulers take disjoint batches, marking each with a lease (SQLite has one writer at a time).
A claim only spares work. What makes a change apply once is its applying transaction: the
edit runs through the same service as a direct edit, as the system on behalf of the change's
creator, and just before that transaction commits the change flips PENDING -> APPLIED with a
conditional UPDATE (services/uow.py `CommitGuard`). A scheduler killed mid-way leaves nothing
half done (its transaction rolls back) and its leased changes are claimed again once the lease
ends; a second applier of the same change blocks on the row, then finds it APPLIED and rolls
its own edit back.

The conflict rule: when a field the change patches no longer holds the value it held when the
change was scheduled (a direct edit since), and the change holds another value for it, the
change FAILS with CONFLICT and changes nothing, unless it was scheduled with `overwrite`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models import ScheduledChange
from models.enums import AuditAction, ScheduledChangeStatus
from services.actor import Actor, system_actor
from services.auditing import JsonValue
from services.errors import ErrorCode, FieldError, ServiceError
from services.scheduled_changes.commands import TABLE, describe
from services.scheduled_changes.kinds import kind_of
from services.uow import UnitOfWork, guarded, unit_of_work

log = structlog.get_logger(__name__)


class AlreadySettled(Exception):
    """The change was applied, failed or cancelled by someone else meanwhile."""


@dataclass
class Outcome:
    applied: int = 0
    failed: int = 0
    skipped: int = 0


def applying_actor(change: ScheduledChange) -> Actor:
    """The system, on behalf of whoever scheduled the change, within that creator's scope."""
    actor = system_actor(change.account_id, on_behalf_of_user_id=change.created_by_user_id)
    return dataclasses.replace(
        actor,
        label=f"System on behalf of {change.created_by_label}",
        reseller_id=change.created_by_reseller_id,
    )


async def claim_due(claimer: str, now: datetime, batch: int, lease: timedelta) -> list[ScheduledChange]:
    """Claim up to `batch` due PENDING changes whose lease (if any) has ended, soonest first."""
    async with in_transaction() as conn:
        due = (
            ScheduledChange.filter(status=ScheduledChangeStatus.PENDING, effective_at__lte=now)
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
            .order_by("effective_at", "id")
            .limit(batch)
            .select_for_update(skip_locked=True)
            .using_db(conn)
        )
        rows = list(await due)
        if rows:
            claim = ScheduledChange.filter(id__in=[row.id for row in rows]).using_db(conn)
            await claim.update(lease_until=now + lease, claimed_by=claimer[:200])
    return rows


async def apply_due(
    claimer: str, now: datetime | None = None, *, batch: int = 100, lease: timedelta = timedelta(seconds=60)
) -> Outcome:
    """Claim and apply due changes, batch after batch, until none is left to claim."""
    outcome = Outcome()
    while True:
        moment = now or datetime.now(UTC)
        claimed = await claim_due(claimer, moment, batch, lease)
        if not claimed:
            return outcome
        for change in claimed:
            status = await apply_claimed(change, moment)
            if status is ScheduledChangeStatus.APPLIED:
                outcome.applied += 1
            elif status is ScheduledChangeStatus.FAILED:
                outcome.failed += 1
            else:
                outcome.skipped += 1


async def apply_change(change_id: int, now: datetime) -> ScheduledChangeStatus | None:
    """Apply one due change by id (see `apply_claimed`)."""
    change = await ScheduledChange.get_or_none(id=change_id)
    if change is None:
        return None
    return await apply_claimed(change, now)


async def apply_claimed(change: ScheduledChange, now: datetime) -> ScheduledChangeStatus | None:
    """Apply one due change, as read when claimed; its status afterwards, or None when another
    applier settled it, it was cancelled or moved meanwhile, or the database was busy (it
    stays PENDING for a later claim). Whatever happened since the claim, the flip in the
    applying transaction decides."""
    if change.status is not ScheduledChangeStatus.PENDING or change.effective_at > now:
        return None
    guard = ApplyGuard(change, now)
    try:
        await guarded(kind_of(change.kind).run(applying_actor(change), change), guard)
    except AlreadySettled:
        return None
    except ServiceError as exc:
        if exc.errors and exc.errors[0].code is ErrorCode.BUSY:
            return None
        return await _fail(change, exc.errors[0] if exc.errors else _unknown(), now)
    except Exception:
        log.exception("scheduled_change.apply_crashed", change_id=change.id)
        return await _fail(change, FieldError(ErrorCode.INVALID, "The change could not be applied."), now)
    if not guard.ran:
        raise RuntimeError(f"{describe(change)}: its service opened no unit of work")
    return ScheduledChangeStatus.APPLIED


def _unknown() -> FieldError:
    return FieldError(ErrorCode.INVALID, "The change was refused.")


class ApplyGuard:
    """Checks the conflict rule, marks the audit entries as an APPLY of this change, and flips
    the change to APPLIED, inside the edit's transaction just before it commits."""

    def __init__(self, change: ScheduledChange, now: datetime) -> None:
        self.change = change
        self.now = now
        self.ran = False

    async def before_commit(self, uow: UnitOfWork) -> None:
        self.ran = True
        change = self.change
        if not change.overwrite:
            conflicts = self.conflicts(uow)
            if conflicts:
                raise ServiceError.single(
                    ErrorCode.CONFLICT,
                    "Changed since the change was scheduled (a direct edit): "
                    + ", ".join(conflicts)
                    + ". Schedule it again, or with overwrite, to replace the new values.",
                    *conflicts[:1],
                )
        target_id = change.target_id
        for entry in uow.entries:
            if entry.action is AuditAction.CREATE and entry.table_name == change.target_table:
                target_id = int(entry.record_id)
            if entry.action in (AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE):
                entry.action = AuditAction.APPLY
                entry.message = f"{entry.message} (scheduled change {change.id})"[:500]
        settled = await (
            # Still PENDING and still due: not applied, cancelled or moved since it was claimed.
            ScheduledChange.filter(
                id=change.id, status=ScheduledChangeStatus.PENDING, effective_at__lte=self.now
            )
            .using_db(uow.conn)
            .update(
                status=ScheduledChangeStatus.APPLIED,
                applied_at=uow.stamp(),
                target_id=target_id,
                lease_until=None,
                updated_at=uow.stamp(),
            )
        )
        if settled != 1:
            raise AlreadySettled()

    def conflicts(self, uow: UnitOfWork) -> list[str]:
        """The watched fields that a direct edit changed since scheduling (the value just
        before this change is the diff's `old`; a field the edit leaves alone already holds
        the scheduled value, so applying undoes nothing there)."""
        found: list[str] = []
        for entry in uow.entries:
            watched = self.change.baseline.get(entry.record_id)
            if entry.table_name != self.change.target_table or watched is None:
                continue
            for name, then in watched.items():
                change = entry.diff.get(name)
                if change is not None and not _same(change.get("old"), then) and name not in found:
                    found.append(name)
        return found


def _same(now: object, then: object) -> bool:
    if isinstance(now, list) and isinstance(then, list):
        return sorted(map(str, now)) == sorted(map(str, then))
    return now == then


async def _fail(change: ScheduledChange, error: FieldError, now: datetime) -> ScheduledChangeStatus | None:
    """Mark the change FAILED with why (if it is still PENDING), audited; nothing else changes."""
    async with unit_of_work(applying_actor(change), change.reason) as uow:
        settled = await (
            ScheduledChange.filter(id=change.id, status=ScheduledChangeStatus.PENDING)
            .using_db(uow.conn)
            .update(
                status=ScheduledChangeStatus.FAILED,
                failure_code=error.code.value,
                failure_message=error.message[:2000],
                applied_at=now,
                lease_until=None,
                updated_at=uow.stamp(),
            )
        )
        if settled == 1:
            diff: dict[str, dict[str, JsonValue]] = {
                "status": {
                    "old": ScheduledChangeStatus.PENDING.value,
                    "new": ScheduledChangeStatus.FAILED.value,
                },
                "failure_code": {"old": None, "new": error.code.value},
            }
            uow.audit(
                AuditAction.APPLY,
                TABLE,
                change.id,
                f"{describe(change)} failed: {error.message}",
                customer_id=change.customer_id,
                diff=diff,
            )
    return ScheduledChangeStatus.FAILED if settled == 1 else None
