"""Timed penalties: status PENALTY until a time, then the status it replaced comes back.

`penalize` sets status PENALTY, `penalty_until` and `penalty_reason`, remembers the status it
replaced (kept from the first penalty when a penalty in force is extended or shortened), and
schedules the lift as a PENALTY_LIFT change, so the penalty shows in the Delay Log and is
lifted by the scheduler exactly once. Lifting (by hand, or when it falls due) restores the
remembered status only while the status is still PENALTY: a status set by hand meanwhile is
kept, and only the penalty's fields are cleared."""

from __future__ import annotations

from datetime import UTC, datetime

from models import Customer, ScheduledChange
from models.enums import AuditAction, CustomerStatus, Permission, ScheduledChangeKind, ScheduledChangeStatus
from services.actor import Actor
from services.auditing import JsonValue, diff, snapshot
from services.customers.commands import TABLE as CUSTOMER_TABLE
from services.customers.scope import visible_customers
from services.errors import ErrorCode, ServiceError, not_found
from services.scheduled_changes.rules import checked_time, creator_label, refuse_portal
from services.uow import UnitOfWork, unit_of_work

PENALTY_FIELDS = ("status", "penalty_until", "penalty_reason")
MAX_REASON = 1000
LIFT_TABLE = "scheduled_change"


async def penalize(
    actor: Actor, customer_id: int, until: datetime, reason: str, *, now: datetime | None = None
) -> tuple[Customer, ScheduledChange]:
    """Put the customer in PENALTY until `until` (future, at most a year away) for `reason`."""
    actor.require(Permission.CUSTOMERS_WRITE)
    refuse_portal(actor)
    now = now or datetime.now(UTC)
    when = checked_time(until, now, "until")
    if when <= now:
        raise ServiceError.single(ErrorCode.INVALID, "A penalty ends in the future.", "until")
    text = (reason or "").strip()
    if not text:
        raise ServiceError.single(ErrorCode.REQUIRED, "Say why the customer is penalized.", "reason")
    if len(text) > MAX_REASON:
        raise ServiceError.single(ErrorCode.INVALID, f"At most {MAX_REASON} characters.", "reason")
    async with unit_of_work(actor, text) as uow:
        customer = await _locked(uow, customer_id)
        before = snapshot(customer, PENALTY_FIELDS)
        if customer.penalty_until is None or customer.status is not CustomerStatus.PENALTY:
            customer.penalty_previous_status = customer.status
        customer.status, customer.penalty_until, customer.penalty_reason = CustomerStatus.PENALTY, when, text
        await customer.save(
            using_db=uow.conn,
            update_fields=[*PENALTY_FIELDS, "penalty_previous_status", "updated_at"],
        )
        await _cancel_pending_lifts(uow, customer.id)
        lift = ScheduledChange(
            account_id=actor.account_id,
            kind=ScheduledChangeKind.PENALTY_LIFT,
            target_table=CUSTOMER_TABLE,
            target_id=customer.id,
            customer_id=customer.id,
            patch={"status": (customer.penalty_previous_status or CustomerStatus.ACTIVE).value},
            effective_at=when,
            reason=text,
            created_by_user_id=actor.user_id if actor.api_key_id is None else None,
            created_by_api_key_id=actor.api_key_id,
            created_by_reseller_id=actor.reseller_id,
            created_by_label=creator_label(actor)[:200],
        )
        await lift.save(using_db=uow.conn)
        uow.audit(
            AuditAction.UPDATE,
            CUSTOMER_TABLE,
            customer.id,
            f"Customer {customer.name} penalized until {when.isoformat()} (lift: scheduled change {lift.id})",
            customer_id=customer.id,
            diff=diff(before, snapshot(customer, PENALTY_FIELDS)),
            at=customer.updated_at,
        )
    return customer, lift


async def lift_penalty(actor: Actor, customer_id: int, reason: str | None = None) -> Customer:
    """End the customer's penalty now (NOT_PENALIZED when none is in force)."""
    actor.require(Permission.CUSTOMERS_WRITE)
    refuse_portal(actor)
    async with unit_of_work(actor, reason) as uow:
        customer = await _locked(uow, customer_id)
        if customer.penalty_until is None:
            raise ServiceError.single(
                ErrorCode.INVALID, "The customer has no penalty in force.", "customer_id"
            )
        await _cancel_pending_lifts(uow, customer.id)
        await _lift(uow, customer, "lifted")
    return customer


async def lift_due(actor: Actor, change: ScheduledChange) -> Customer:
    """The scheduler's lift of an expired penalty (kind PENALTY_LIFT)."""
    async with unit_of_work(actor, change.reason) as uow:
        customer = await _locked(uow, change.target_id or 0)
        if customer.penalty_until is not None:
            await _lift(uow, customer, "lifted (penalty ended)")
    return customer


async def _lift(uow: UnitOfWork, customer: Customer, verb: str) -> None:
    before = snapshot(customer, PENALTY_FIELDS)
    if customer.status is CustomerStatus.PENALTY:
        customer.status = customer.penalty_previous_status or CustomerStatus.ACTIVE
    customer.penalty_until = None
    customer.penalty_reason = None
    customer.penalty_previous_status = None
    await customer.save(
        using_db=uow.conn, update_fields=[*PENALTY_FIELDS, "penalty_previous_status", "updated_at"]
    )
    changes: dict[str, dict[str, JsonValue]] = diff(before, snapshot(customer, PENALTY_FIELDS))
    uow.audit(
        AuditAction.UPDATE,
        CUSTOMER_TABLE,
        customer.id,
        f"Penalty of customer {customer.name} {verb}",
        customer_id=customer.id,
        diff=changes,
        at=customer.updated_at,
    )


async def _cancel_pending_lifts(uow: UnitOfWork, customer_id: int) -> None:
    """A new penalty or a lift by hand replaces the lift that was pending (audited)."""
    pending = await uow.locked(
        ScheduledChange.filter(
            customer_id=customer_id,
            kind=ScheduledChangeKind.PENALTY_LIFT,
            status=ScheduledChangeStatus.PENDING,
        )
    )
    for change in pending:
        change.status = ScheduledChangeStatus.CANCELLED
        await change.save(using_db=uow.conn, update_fields=["status", "updated_at"])
        uow.audit(
            AuditAction.CANCEL,
            LIFT_TABLE,
            change.id,
            f"Scheduled change {change.id} (PENALTY_LIFT of customer {customer_id}) replaced",
            customer_id=customer_id,
            diff={"status": {"old": ScheduledChangeStatus.PENDING.value, "new": change.status.value}},
        )


async def _locked(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = await uow.locked(visible_customers(uow.actor).filter(id=customer_id)).first()
    if customer is None:
        raise not_found("Customer", "customer_id")
    return customer
