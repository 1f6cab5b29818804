"""Delay and Save for caller ids, called directly: a CLI added or re-attested later is rehearsed
now against the records as they are (stored, nothing else changes), applied when due through
clis.create_cli / clis.update_cli (APPLY audit as the system on behalf of the creator), and
FAILED with the reason, changing nothing, when it is no longer valid then (a duplicate number,
a deleted CLI, a direct edit of the attestation without `overwrite`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models import Account, AuditEntry, Cli, Customer, ScheduledChange
from models.enums import (
    ActorKind,
    AuditAction,
    CliStatus,
    Permission,
    ScheduledChangeKind,
    ScheduledChangeStatus,
    StirShakenAttestation,
)
from services.actor import Actor
from services.customers.commands import update_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError
from services.numbers import clis
from services.numbers.clis import CliPatch
from services.scheduled_changes.applying import apply_change, apply_due
from services.scheduled_changes.commands import Request, schedule
from tests.factories import DENIED, make_actor, make_customer, make_reseller, refused

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)
DUE = LATER + timedelta(seconds=1)
NUMBER, OTHER = "+447911123456", "+14155550100"


def adding(customer: Customer, number: str = NUMBER) -> Request:
    return Request.of(ScheduledChangeKind.CLI_ADD, CliPatch(number=number), customer_id=customer.id)


def updating(cli: Cli, attestation: StirShakenAttestation | None, overwrite: bool = False) -> Request:
    return Request.of(
        ScheduledChangeKind.CLI_UPDATE,
        CliPatch(attestation=attestation),
        target_id=cli.id,
        overwrite=overwrite,
    )


async def cli_audit() -> list[dict[str, object]]:
    return list(
        await AuditEntry.filter(table_name="cli").order_by("id").values("action", "record_id", "diff")
    )


async def failed(change: ScheduledChange) -> tuple[ScheduledChangeStatus, str | None, str | None]:
    stored = await ScheduledChange.get(id=change.id)
    return stored.status, stored.failure_code, stored.failure_message


async def test_a_cli_added_later_is_stored_and_adds_nothing_now(account: Account) -> None:
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.B)
    actor = make_actor(account, label="Ann")

    change = await schedule(actor, adding(customer, " +44 7911 123456 "), LATER, "new trunk", now=NOW)

    assert not await Cli.exists()
    stored = await ScheduledChange.get(id=change.id)
    assert (stored.kind, stored.status, stored.target_table, stored.target_id, stored.customer_id) == (
        ScheduledChangeKind.CLI_ADD,
        ScheduledChangeStatus.PENDING,
        "cli",
        None,
        customer.id,
    )
    assert (stored.patch, stored.baseline, stored.effective_at) == (
        {"number": " +44 7911 123456 "},
        {},
        LATER,
    )
    entries = await AuditEntry.exclude(table_name="customer").values(
        "action", "table_name", "record_id", "reason"
    )
    assert entries == [
        {
            "action": AuditAction.SCHEDULE,
            "table_name": "scheduled_change",
            "record_id": str(change.id),
            "reason": "new trunk",
        }
    ]


async def test_a_due_addition_adds_the_cli_once_with_the_attestation_of_that_moment(account: Account) -> None:
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.B)
    scheduler = make_actor(account, label="Ann", user_id=7)
    change = await schedule(scheduler, adding(customer), LATER, "new trunk", now=NOW)
    # The customer's default changes before the CLI is added: the new CLI takes the new one.
    await update_customer(
        make_actor(account), customer.id, CustomerPatch(stir_shaken_attestation=StirShakenAttestation.A)
    )

    assert (await apply_due("test", NOW)).applied == 0
    outcome = await apply_due("test", DUE)

    assert (outcome.applied, outcome.failed) == (1, 0)
    cli = await Cli.get(customer_id=customer.id)
    assert (cli.number, cli.status, cli.attestation) == (NUMBER, CliStatus.PENDING, StirShakenAttestation.A)
    stored = await ScheduledChange.get(id=change.id)
    assert (stored.status, stored.target_id) == (ScheduledChangeStatus.APPLIED, cli.id)
    entry = await AuditEntry.get(table_name="cli")
    assert (entry.action, entry.record_id, entry.actor_label, entry.on_behalf_of_user_id, entry.reason) == (
        AuditAction.APPLY,
        str(cli.id),
        "System on behalf of Ann",
        7,
        "new trunk",
    )
    assert entry.message == f"Caller id {NUMBER} added (scheduled change {change.id})"
    assert entry.diff == {
        "number": {"old": None, "new": NUMBER},
        "status": {"old": None, "new": "PENDING"},
        "attestation": {"old": None, "new": "A"},
    }
    assert await apply_change(change.id, DUE) is None  # settled: never twice
    assert await Cli.filter(customer_id=customer.id).count() == 1


async def test_scheduling_is_refused_with_the_direct_errors_and_writes_nothing(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    await clis.add_cli(actor, customer.id, NUMBER)

    assert await refused(schedule(actor, adding(customer, "12"), LATER, now=NOW)) == [
        FieldError(ErrorCode.INVALID, "Give the number in E.164 form, e.g. +447911123456.", ("number",))
    ]
    assert await refused(schedule(actor, adding(customer), LATER, now=NOW)) == [
        FieldError(ErrorCode.DUPLICATE, "The customer already has this caller id.", ("number",))
    ]
    reader = make_actor(account, [Permission.CUSTOMERS_READ])
    assert await refused(schedule(reader, adding(customer, OTHER), LATER, now=NOW)) == DENIED
    partner = make_actor(account, reseller_id=(await make_reseller(account, "Elsewhere")).id)
    assert await refused(schedule(partner, adding(customer, OTHER), LATER, now=NOW)) == [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))
    ]
    portal = Actor(
        account_id=account.id,
        kind=ActorKind.CONTACT,
        label="Pat",
        permissions=frozenset(Permission),
        customer_id=customer.id,
        contact_id=1,
    )
    assert await refused(schedule(portal, adding(customer, OTHER), LATER, now=NOW)) == [
        FieldError(ErrorCode.FORBIDDEN, "The customer portal cannot schedule changes.", ("effective_at",))
    ]


async def test_a_number_added_meanwhile_makes_the_addition_fail_and_change_nothing(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    change = await schedule(actor, adding(customer), LATER, now=NOW)
    direct = await clis.add_cli(actor, customer.id, "+44 7911 123456")
    audit_before = await cli_audit()

    outcome = await apply_due("test", DUE)

    assert (outcome.applied, outcome.failed) == (0, 1)
    assert await failed(change) == (
        ScheduledChangeStatus.FAILED,
        "DUPLICATE",
        "The customer already has this caller id.",
    )
    assert await Cli.all().values_list("id", flat=True) == [direct.id]
    assert await cli_audit() == audit_before
    failure = await AuditEntry.get(action=AuditAction.APPLY)
    assert (failure.table_name, failure.record_id, failure.diff) == (
        "scheduled_change",
        str(change.id),
        {"status": {"old": "PENDING", "new": "FAILED"}, "failure_code": {"old": None, "new": "DUPLICATE"}},
    )


async def test_a_due_re_attestation_applies_with_its_baseline_and_apply_audit(account: Account) -> None:
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.B)
    actor = make_actor(account, label="Ann")
    cli = await clis.add_cli(actor, customer.id, NUMBER)

    change = await schedule(actor, updating(cli, StirShakenAttestation.A), LATER, "signed", now=NOW)

    assert (change.customer_id, change.baseline, change.patch) == (
        customer.id,
        {str(cli.id): {"attestation": "B"}},
        {"attestation": "A"},
    )
    assert (await Cli.get(id=cli.id)).attestation is StirShakenAttestation.B
    assert (await apply_due("test", DUE)).applied == 1
    assert (await Cli.get(id=cli.id)).attestation is StirShakenAttestation.A
    entry = await AuditEntry.get(table_name="cli", action=AuditAction.APPLY)
    assert (entry.actor_label, entry.reason, entry.diff) == (
        "System on behalf of Ann",
        "signed",
        {"attestation": {"old": "B", "new": "A"}},
    )


async def test_a_direct_re_attestation_since_makes_it_conflict_unless_overwrite(account: Account) -> None:
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.B)
    actor = make_actor(account)
    first = await clis.add_cli(actor, customer.id, NUMBER)
    second = await clis.add_cli(actor, customer.id, OTHER)
    conflicting = await schedule(actor, updating(first, None), LATER, now=NOW)
    forced = await schedule(actor, updating(second, None, overwrite=True), LATER, now=NOW)
    for cli in (first, second):
        await clis.update_cli(actor, cli.id, CliPatch(attestation=StirShakenAttestation.C))

    outcome = await apply_due("test", DUE)

    assert (outcome.applied, outcome.failed) == (1, 1)
    status, code, message = await failed(conflicting)
    assert (status, code) == (ScheduledChangeStatus.FAILED, "CONFLICT")
    assert message is not None and "attestation" in message
    assert (await Cli.get(id=first.id)).attestation is StirShakenAttestation.C
    assert (await ScheduledChange.get(id=forced.id)).status is ScheduledChangeStatus.APPLIED
    assert (await Cli.get(id=second.id)).attestation is None


async def test_a_re_attestation_of_a_cli_deleted_meanwhile_fails_not_found(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    cli = await clis.add_cli(actor, customer.id, NUMBER)
    change = await schedule(actor, updating(cli, StirShakenAttestation.A), LATER, now=NOW)
    await clis.delete_cli(actor, cli.id)

    assert (await apply_due("test", DUE)).failed == 1
    assert await failed(change) == (ScheduledChangeStatus.FAILED, "NOT_FOUND", "Caller id not found.")
    assert not await Cli.exists()


async def test_an_update_never_changes_the_number(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    cli = await clis.add_cli(actor, customer.id, NUMBER)
    request = Request.of(ScheduledChangeKind.CLI_UPDATE, CliPatch(number=OTHER), target_id=cli.id)
    assert await refused(schedule(actor, request, LATER, now=NOW)) == [
        FieldError(
            ErrorCode.INVALID,
            "A caller id's number does not change: add the new number instead.",
            ("number",),
        )
    ]
