"""Delay and Save, called directly: scheduling (rehearsed against the record as it is),
applying when due (once, audited as the system on behalf of the creator), the conflict rule,
cancel and reschedule, and timed penalties."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from models import Account, AuditEntry, Customer, IpAuth, ScheduledChange
from models.enums import (
    AuditAction,
    CustomerStatus,
    Permission,
    ScheduledChangeKind,
    ScheduledChangeStatus,
)
from services.contacts.passwords import PasswordChoice, PasswordMode
from services.contacts.values import ContactPatch
from services.customers import bulk
from services.customers.commands import update_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError, ServiceError
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth
from services.numbers.sip_users import SipUserPatch
from services.scheduled_changes import penalties
from services.scheduled_changes.applying import apply_change, apply_due
from services.scheduled_changes.codec import encode_patch
from services.scheduled_changes.commands import (
    Request,
    cancel_change,
    reschedule_change,
    schedule,
    schedule_bulk_update,
)
from services.scheduled_changes.kinds import contact_create_patch
from tests.factories import DENIED, make_actor, make_customer, refused

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
DUE = LATER + timedelta(seconds=1)


def update(customer: Customer, overwrite: bool = False, **values: Any) -> Request:
    return Request(
        ScheduledChangeKind.CUSTOMER_UPDATE,
        encode_patch(CustomerPatch(**values)),
        target_id=customer.id,
        overwrite=overwrite,
    )


async def fresh(customer: Customer) -> Customer:
    return await Customer.get(id=customer.id)


async def test_a_future_update_changes_nothing_now_and_is_stored_with_its_baseline(account: Account) -> None:
    customer = await make_customer(account, debit_limit=Decimal("10"))
    actor = make_actor(account, label="Ann")
    change = await schedule(actor, update(customer, debit_limit=Decimal("50")), LATER, "month end", now=NOW)

    assert (await fresh(customer)).debit_limit == Decimal("10")
    stored = await ScheduledChange.get(id=change.id)
    assert (stored.kind, stored.status, stored.target_id, stored.customer_id) == (
        ScheduledChangeKind.CUSTOMER_UPDATE,
        ScheduledChangeStatus.PENDING,
        customer.id,
        customer.id,
    )
    assert stored.patch == {"debit_limit": "50"}
    assert stored.baseline == {str(customer.id): {"debit_limit": "10"}}
    assert (stored.effective_at, stored.reason, stored.created_by_label) == (LATER, "month end", "Ann")
    entries = await AuditEntry.filter(table_name="scheduled_change").values("action", "record_id", "reason")
    assert entries == [{"action": AuditAction.SCHEDULE, "record_id": str(change.id), "reason": "month end"}]
    assert await AuditEntry.filter(table_name="customer", action=AuditAction.UPDATE).count() == 0


async def test_scheduling_is_refused_with_the_direct_edits_errors_and_writes_nothing(
    account: Account,
) -> None:
    customer = await make_customer(account)
    other = await make_customer(account, name="Taken")
    actor = make_actor(account)
    errors = await refused(schedule(actor, update(customer, name=other.name, channels=-1), LATER, now=NOW))
    assert {e.code for e in errors} == {ErrorCode.DUPLICATE, ErrorCode.INVALID}
    assert (
        await refused(
            schedule(
                make_actor(account, [Permission.CUSTOMERS_READ]), update(customer, channels=3), LATER, now=NOW
            )
        )
        == DENIED
    )
    assert await refused(
        schedule(actor, update(customer, channels=3), NOW + timedelta(days=367), now=NOW)
    ) == [
        FieldError(
            ErrorCode.TOO_FAR_AHEAD, "A change can be scheduled at most 366 days ahead.", ("effective_at",)
        )
    ]


async def test_a_due_change_applies_once_audited_as_the_system_on_behalf_of_its_creator(
    account: Account,
) -> None:
    customer = await make_customer(account, debit_limit=Decimal("10"))
    change = await schedule(
        make_actor(account, label="Ann", user_id=7),
        update(customer, debit_limit=Decimal("50")),
        LATER,
        "raise",
        now=NOW,
    )
    assert (await apply_due("test", NOW)).applied == 0  # not due yet
    outcome = await apply_due("test", DUE)
    assert (outcome.applied, outcome.failed) == (1, 0)
    assert (await fresh(customer)).debit_limit == Decimal("50")
    stored = await ScheduledChange.get(id=change.id)
    assert stored.status is ScheduledChangeStatus.APPLIED and stored.applied_at is not None
    entry = await AuditEntry.get(table_name="customer", action=AuditAction.APPLY)
    assert (entry.actor_label, entry.on_behalf_of_user_id, entry.reason, entry.diff) == (
        "System on behalf of Ann",
        7,
        "raise",
        {"debit_limit": {"old": "10", "new": "50"}},
    )
    assert entry.message == f"Customer {customer.name} updated (scheduled change {change.id})"
    assert await apply_change(change.id, DUE) is None  # settled: never twice
    assert await AuditEntry.filter(action=AuditAction.APPLY).count() == 1


async def test_a_direct_edit_since_scheduling_makes_the_change_fail_with_conflict(account: Account) -> None:
    customer = await make_customer(account, debit_limit=Decimal("10"), channels=5)
    actor = make_actor(account)
    change = await schedule(actor, update(customer, debit_limit=Decimal("50"), channels=9), LATER, now=NOW)
    await update_customer(actor, customer.id, CustomerPatch(debit_limit=Decimal("20")))

    assert (await apply_due("test", DUE)).failed == 1
    stored = await ScheduledChange.get(id=change.id)
    assert (stored.status, stored.failure_code) == (ScheduledChangeStatus.FAILED, "CONFLICT")
    assert stored.failure_message is not None and "debit_limit" in stored.failure_message
    now = await fresh(customer)
    assert (now.debit_limit, now.channels) == (Decimal("20"), 5)
    failed = await AuditEntry.get(action=AuditAction.APPLY)
    assert (failed.table_name, failed.diff["status"]) == (
        "scheduled_change",
        {"old": "PENDING", "new": "FAILED"},
    )


async def test_overwrite_applies_over_a_direct_edit(account: Account) -> None:
    customer = await make_customer(account, debit_limit=Decimal("10"))
    actor = make_actor(account)
    await schedule(actor, update(customer, overwrite=True, debit_limit=Decimal("50")), LATER, now=NOW)
    await update_customer(actor, customer.id, CustomerPatch(debit_limit=Decimal("20")))
    assert (await apply_due("test", DUE)).applied == 1
    assert (await fresh(customer)).debit_limit == Decimal("50")


async def test_a_change_invalid_when_due_fails_with_its_code_and_changes_nothing(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    change = await schedule(actor, update(customer, name="Acme"), LATER, now=NOW)
    await make_customer(account, name="ACME")
    assert (await apply_due("test", DUE)).failed == 1
    stored = await ScheduledChange.get(id=change.id)
    assert (stored.status, stored.failure_code, stored.failure_message) == (
        ScheduledChangeStatus.FAILED,
        "DUPLICATE",
        "A customer with this name exists.",
    )
    assert (await fresh(customer)).name == customer.name


async def test_cancel_and_reschedule_act_on_pending_changes_only(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    change = await schedule(actor, update(customer, channels=3), LATER, now=NOW)
    moved = await reschedule_change(actor, change.id, LATER + timedelta(hours=2), now=NOW)
    assert moved.effective_at == LATER + timedelta(hours=2)
    assert (await apply_due("test", DUE)).applied == 0
    await cancel_change(actor, change.id, "not needed")
    assert (await ScheduledChange.get(id=change.id)).status is ScheduledChangeStatus.CANCELLED
    not_pending = [
        FieldError(
            ErrorCode.NOT_PENDING, "Only a pending change can be changed; this one is CANCELLED.", ("id",)
        )
    ]
    assert await refused(cancel_change(actor, change.id)) == not_pending
    assert await refused(reschedule_change(actor, change.id, LATER, now=NOW)) == not_pending
    assert await refused(cancel_change(make_actor(account, [Permission.CUSTOMERS_READ]), change.id)) == DENIED
    actions = (
        await AuditEntry.filter(table_name="scheduled_change").order_by("id").values_list("action", flat=True)
    )
    assert actions == [AuditAction.SCHEDULE, AuditAction.SCHEDULE, AuditAction.CANCEL]


async def test_creations_of_a_customer_and_of_its_records_apply_when_due(account: Account) -> None:
    customer = await make_customer(account, channels=10)
    actor = make_actor(account)
    create = Request(
        ScheduledChangeKind.CUSTOMER_CREATE, encode_patch(CustomerPatch(name="Later Ltd", currency="USD"))
    )
    created = await schedule(actor, create, LATER, now=NOW)
    ip = Request(
        ScheduledChangeKind.IP_AUTH_CREATE,
        encode_patch(IpAuthPatch(address="192.0.2.0/24", channels=4)),
        customer_id=customer.id,
    )
    await schedule(actor, ip, LATER, now=NOW)
    contact = Request(
        ScheduledChangeKind.CONTACT_CREATE,
        contact_create_patch(
            encode_patch(ContactPatch(name="Bo", email="bo@example.com")),
            PasswordChoice(PasswordMode.GENERATE),
        ),
        customer_id=customer.id,
    )
    await schedule(actor, contact, LATER, now=NOW)
    assert not await Customer.filter(name="Later Ltd").exists() and not await IpAuth.exists()

    assert (await apply_due("test", DUE)).applied == 3
    new = await Customer.get(name="Later Ltd")
    assert (await ScheduledChange.get(id=created.id)).target_id == new.id
    assert (await IpAuth.get(customer_id=customer.id)).address == "192.0.2.0/24"


async def test_secrets_are_never_stored_for_later(account: Account) -> None:
    with pytest.raises(ServiceError) as caught:
        encode_patch(SipUserPatch(username="a1", password="x" * 12))
    assert caught.value.errors == [
        FieldError(
            ErrorCode.INVALID,
            "A secret is never stored for later: set it now, or schedule the change without it.",
            ("password",),
        )
    ]
    with pytest.raises(ServiceError) as caught:
        contact_create_patch({}, PasswordChoice(PasswordMode.SET, "Secret-Pass-123"))
    assert caught.value.errors[0].field == ("password",)


async def test_a_scheduled_ip_auth_update_conflicts_like_a_customer_one(account: Account) -> None:
    customer = await make_customer(account, channels=10)
    actor = make_actor(account)
    row = await create_ip_auth(actor, customer.id, IpAuthPatch(address="192.0.2.1", channels=2))
    change = await schedule(
        actor,
        Request(ScheduledChangeKind.IP_AUTH_UPDATE, encode_patch(IpAuthPatch(channels=5)), target_id=row.id),
        LATER,
        now=NOW,
    )
    assert change.customer_id == customer.id and change.baseline == {str(row.id): {"channels": 2}}
    assert (await apply_due("test", DUE)).applied == 1
    assert (await IpAuth.get(id=row.id)).channels == 5


async def test_a_bulk_edit_for_later_stores_the_customers_it_would_write(account: Account) -> None:
    first = await make_customer(account, channels=1)
    second = await make_customer(account, channels=2)
    actor = make_actor(account)
    changes = bulk.BulkChanges(numeric={"channels": bulk.NumericChange(increase_by=10)})
    result, change = await schedule_bulk_update(
        actor,
        bulk.Selection(ids=[first.id, second.id]),
        changes,
        bulk.ErrorPolicy.ALL_OR_NOTHING,
        LATER,
        now=NOW,
    )
    assert change is not None and result.dry_run and result.applied == 0
    assert change.patch["ids"] == [first.id, second.id]
    assert change.baseline == {str(first.id): {"channels": 1}, str(second.id): {"channels": 2}}
    assert (await fresh(first)).channels == 1
    assert (await apply_due("test", DUE)).applied == 1
    assert [(await fresh(c)).channels for c in (first, second)] == [11, 12]
    assert await AuditEntry.filter(action=AuditAction.APPLY, table_name="customer").count() == 2


async def test_a_penalty_lifts_itself_and_restores_the_status_it_replaced(account: Account) -> None:
    customer = await make_customer(account, status=CustomerStatus.PENDING_APPROVAL)
    actor = make_actor(account)
    penalized, lift = await penalties.penalize(actor, customer.id, LATER, "fraud check", now=NOW)
    assert (penalized.status, penalized.penalty_until, penalized.penalty_reason) == (
        CustomerStatus.PENALTY,
        LATER,
        "fraud check",
    )
    assert (lift.kind, lift.status, lift.effective_at) == (
        ScheduledChangeKind.PENALTY_LIFT,
        ScheduledChangeStatus.PENDING,
        LATER,
    )
    assert (await apply_due("test", DUE)).applied == 1
    after = await fresh(customer)
    assert (after.status, after.penalty_until, after.penalty_reason) == (
        CustomerStatus.PENDING_APPROVAL,
        None,
        None,
    )


async def test_an_expiring_penalty_keeps_a_status_set_by_hand(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    await penalties.penalize(actor, customer.id, LATER, "late payment", now=NOW)
    await update_customer(actor, customer.id, CustomerPatch(status=CustomerStatus.INACTIVE))
    assert (await apply_due("test", DUE)).applied == 1
    after = await fresh(customer)
    assert (after.status, after.penalty_until) == (CustomerStatus.INACTIVE, None)


async def test_a_penalty_lifted_by_hand_cancels_its_lift(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    _, lift = await penalties.penalize(actor, customer.id, LATER, "late payment", now=NOW)
    lifted = await penalties.lift_penalty(actor, customer.id, "paid")
    assert (lifted.status, lifted.penalty_until) == (CustomerStatus.ACTIVE, None)
    assert (await ScheduledChange.get(id=lift.id)).status is ScheduledChangeStatus.CANCELLED
    assert (await apply_due("test", DUE)).applied == 0
    assert await refused(penalties.lift_penalty(actor, customer.id)) == [
        FieldError(ErrorCode.INVALID, "The customer has no penalty in force.", ("customer_id",))
    ]
    assert (
        await refused(
            penalties.penalize(
                make_actor(account, [Permission.CUSTOMERS_READ]), customer.id, LATER, "x", now=NOW
            )
        )
        == DENIED
    )
