"""Caller ids at the service level: adding (E.164, the customer's attestation by default, unique
per customer, capped), changing the attestation, deleting, approving (clis:approve), and the
verification call (a code stored hashed, sealed in a VOICE outbox row, expiring, with limited
tries and throttled calls). Every refusal changes nothing (but a wrong code's try counter)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Iterator
from datetime import timedelta

import pytest

from models import Account, AuditEntry, Cli, Message
from models.enums import CliStatus, MessageChannel, MessageKind, Permission, StirShakenAttestation
from services import runtime
from services.errors import ErrorCode, FieldError, ServiceError
from services.jobs import Job
from services.messaging import sealing
from services.numbers import cli_verification, clis
from services.portal import contact_actor
from settings import Settings
from tests.factories import (
    ORIGIN,
    db_state,
    make_account,
    make_actor,
    make_contact,
    make_customer,
    make_reseller,
)
from tests.factories import refused as refused_unchanged

NUMBER = "+447911123456"
SPOKEN = re.compile(r"Your verification code is ((?:\d ){5}\d)$")


@pytest.fixture(autouse=True)
def held_jobs() -> Iterator[list[Job]]:
    """After-commit sends are kept, not run: these tests read the outbox rows themselves."""
    held: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(held.extend)):
        yield held


def spoken_code(settings: Settings, message: Message) -> str:
    """The code the call speaks: only in the message's sealed body."""
    assert message.sealed_body is not None
    body = sealing.unseal(
        settings.signing_key(), message.sealed_body, message.subject, message.header_message_id
    )
    found = SPOKEN.fullmatch(body.text)
    assert found is not None, body.text
    return found.group(1).replace(" ", "")


async def call(settings: Settings, account: Account, cli: Cli) -> str:
    """Place a verification call as staff; the code it speaks."""
    await cli_verification.place_verification_call(make_actor(account), cli.id)
    message = (
        await Message.filter(customer_id=cli.customer_id, channel=MessageChannel.VOICE)
        .order_by("-id")
        .first()
    )
    assert message is not None
    return spoken_code(settings, message)


def codes(errors: list[FieldError]) -> list[tuple[ErrorCode, tuple[str, ...]]]:
    return [(e.code, e.field) for e in errors]


async def test_add_normalizes_the_number_takes_the_customers_attestation_and_is_audited() -> None:
    account = await make_account()
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.B)
    actor = make_actor(account, label="Ann")

    cli = await clis.add_cli(actor, customer.id, " +44 7911 123456 ")

    row = await Cli.get(id=cli.id)
    assert (row.number, row.status, row.attestation, row.approved_at, row.code_hash) == (
        NUMBER,
        CliStatus.PENDING,
        StirShakenAttestation.B,
        None,
        None,
    )
    entry = await AuditEntry.get(account_id=account.id, table_name="cli")
    assert (entry.action, entry.record_id, entry.customer_id, entry.message) == (
        "CREATE",
        str(cli.id),
        customer.id,
        f"Caller id {NUMBER} added",
    )
    assert entry.diff == {
        "number": {"old": None, "new": NUMBER},
        "status": {"old": None, "new": "PENDING"},
        "attestation": {"old": None, "new": "B"},
    }


async def test_an_attestation_given_overrides_the_customers_and_update_changes_it() -> None:
    account = await make_account()
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.A)
    actor = make_actor(account)

    cli = await clis.add_cli(actor, customer.id, NUMBER, StirShakenAttestation.C)
    unchanged = await clis.update_cli(actor, cli.id, clis.CliPatch(attestation=StirShakenAttestation.C))
    audit_after_noop = await AuditEntry.filter(table_name="cli").count()
    cleared = await clis.update_cli(actor, cli.id, clis.CliPatch(attestation=None))

    assert unchanged.attestation is StirShakenAttestation.C
    assert audit_after_noop == 1
    assert (await Cli.get(id=cli.id)).attestation is None and cleared.attestation is None
    entry = await AuditEntry.filter(table_name="cli").order_by("-id").first()
    assert entry is not None and entry.diff == {"attestation": {"old": "C", "new": None}}


async def test_a_duplicate_an_invalid_number_and_one_past_the_cap_are_refused(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await make_account()
    customer, other = await make_customer(account), await make_customer(account)
    actor = make_actor(account)
    await clis.add_cli(actor, customer.id, NUMBER)
    monkeypatch.setattr(settings, "max_clis_per_customer", 2)
    await clis.add_cli(actor, customer.id, "+14155550100")

    duplicate = await refused_unchanged(clis.add_cli(actor, customer.id, "+44 (0)7911 123456"))
    invalid = await refused_unchanged(clis.add_cli(actor, customer.id, "12345"))
    too_many = await refused_unchanged(clis.add_cli(actor, customer.id, "+14155550101"))
    elsewhere = await clis.add_cli(actor, other.id, NUMBER)  # unique per customer, not per account

    assert duplicate == [
        FieldError(ErrorCode.DUPLICATE, "The customer already has this caller id.", ("number",))
    ]
    assert invalid == [
        FieldError(ErrorCode.INVALID, "Give the number in E.164 form, e.g. +447911123456.", ("number",))
    ]
    assert too_many == [
        FieldError(ErrorCode.TOO_MANY, "A customer holds at most 2 caller ids.", ("customer_id",))
    ]
    assert elsewhere.number == NUMBER


async def test_approve_needs_clis_approve_and_records_who_and_when() -> None:
    account = await make_account()
    customer = await make_customer(account)
    cli = await clis.add_cli(make_actor(account), customer.id, NUMBER)
    writer = make_actor(account, [Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE])

    denied = await refused_unchanged(clis.approve_cli(writer, cli.id))
    approved = await clis.approve_cli(make_actor(account, label="Ann"), cli.id, "Ticket 4")
    again = await refused_unchanged(clis.approve_cli(make_actor(account), cli.id))

    assert codes(denied) == [(ErrorCode.PERMISSION_DENIED, ())]
    assert codes(again) == [(ErrorCode.CONFLICT, ("cli_id",))]
    row = await Cli.get(id=cli.id)
    assert (row.status, row.approved_by_label, row.approved_at) == (
        CliStatus.APPROVED,
        "Ann",
        approved.approved_at,
    )
    entry = await AuditEntry.filter(table_name="cli").order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.message, entry.reason) == (
        "UPDATE",
        f"Caller id {NUMBER} approved",
        "Ticket 4",
    )
    assert set(entry.diff) == {"status", "approved_by_label", "approved_at"}
    assert entry.diff["status"] == {"old": "PENDING", "new": "APPROVED"}


async def test_a_partner_reaches_only_its_resellers_customers_and_delete_is_audited() -> None:
    account = await make_account()
    north, south = await make_reseller(account, "North"), await make_reseller(account, "South")
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    partner = make_actor(
        account, [Permission.CUSTOMERS_READ, Permission.CUSTOMERS_WRITE], reseller_id=north.id
    )
    their_cli = await clis.add_cli(make_actor(account), theirs.id, NUMBER)

    add_theirs = await refused_unchanged(clis.add_cli(partner, theirs.id, NUMBER))
    delete_theirs = await refused_unchanged(clis.delete_cli(partner, their_cli.id))
    own = await clis.add_cli(partner, mine.id, NUMBER)
    await clis.delete_cli(partner, own.id)

    assert codes(add_theirs) == [(ErrorCode.NOT_FOUND, ("customer_id",))]
    assert codes(delete_theirs) == [(ErrorCode.NOT_FOUND, ("cli_id",))]
    assert not await Cli.filter(id=own.id).exists()
    entry = await AuditEntry.filter(table_name="cli").order_by("-id").first()
    assert entry is not None
    assert (entry.action, entry.message, entry.diff) == (
        "DELETE",
        f"Caller id {NUMBER} deleted",
        {"number": {"old": NUMBER, "new": None}},
    )


async def test_the_call_queues_a_voice_message_whose_code_is_kept_only_hashed_and_sealed(
    settings: Settings, held_jobs: list[Job]
) -> None:
    account = await make_account("Acme Carrier")
    customer = await make_customer(account)
    cli = await clis.add_cli(make_actor(account), customer.id, NUMBER)

    code = await call(settings, account, cli)

    message = await Message.get(customer_id=customer.id)
    assert (message.channel, message.kind, message.to) == (
        MessageChannel.VOICE,
        MessageKind.VERIFICATION,
        NUMBER,
    )
    assert message.body_text == "Your verification code is (spoken in the call only, not kept)"
    assert [(job.name, job.kwargs) for job in held_jobs] == [("messages.send", {"message_id": message.id})]
    row = await Cli.get(id=cli.id)
    assert row.code_hash == cli_verification.code_hash(cli.id, code) and code not in (row.code_hash or "")
    assert row.code_expires_at is not None and row.last_call_at is not None
    assert row.code_expires_at - row.last_call_at == timedelta(minutes=settings.cli_code_minutes)
    entry = await AuditEntry.filter(table_name="cli", action="SEND").first()
    assert entry is not None and code not in str(entry.diff) and code not in entry.message


async def test_the_right_code_approves_it_once(settings: Settings) -> None:
    account = await make_account()
    customer = await make_customer(account)
    cli = await clis.add_cli(make_actor(account), customer.id, NUMBER)
    code = await call(settings, account, cli)

    verified = await cli_verification.verify_cli(make_actor(account, label="Ann"), cli.id, f" {code} ")
    again = await refused_unchanged(cli_verification.verify_cli(make_actor(account), cli.id, code))

    row = await Cli.get(id=cli.id)
    assert (row.status, row.approved_by_label, row.code_hash, row.code_expires_at) == (
        CliStatus.APPROVED,
        "Ann",
        None,
        None,
    )
    assert verified.status is CliStatus.APPROVED
    assert codes(again) == [(ErrorCode.CONFLICT, ("cli_id",))]
    entry = await AuditEntry.filter(table_name="cli").order_by("-id").first()
    assert entry is not None and entry.message == f"Caller id {NUMBER} verified by a test call"


async def test_a_wrong_code_counts_a_try_and_changes_nothing_else(settings: Settings) -> None:
    account = await make_account()
    customer = await make_customer(account)
    cli = await clis.add_cli(make_actor(account), customer.id, NUMBER)
    code = await call(settings, account, cli)
    wrong = "000000" if code != "000000" else "111111"
    before = await db_state()

    errors = await _errors(cli_verification.verify_cli(make_actor(account), cli.id, wrong))

    after = await db_state()
    assert errors == [FieldError(ErrorCode.INVALID_CODE, "The code is wrong; 4 tries left.", ("code",))]
    [row_before], [row_after] = before.pop("cli"), after.pop("cli")
    assert row_after == {**row_before, "code_attempts": 1}
    assert after == before


async def test_after_the_last_wrong_try_even_the_right_code_is_refused(settings: Settings) -> None:
    account = await make_account()
    customer = await make_customer(account)
    cli = await clis.add_cli(make_actor(account), customer.id, NUMBER)
    code = await call(settings, account, cli)
    wrong = "000000" if code != "000000" else "111111"
    actor = make_actor(account)
    messages = [
        (await _errors(cli_verification.verify_cli(actor, cli.id, wrong)))[0].message
        for _ in range(settings.cli_code_max_attempts)
    ]

    too_many = await refused_unchanged(cli_verification.verify_cli(actor, cli.id, code))

    assert messages[-2:] == [
        "The code is wrong; 1 try left.",
        "The code is wrong, and that was the last try: place a new verification call.",
    ]
    assert too_many == [
        FieldError(
            ErrorCode.TOO_MANY_ATTEMPTS,
            "The code took 5 wrong tries: place a new verification call.",
            ("code",),
        )
    ]
    assert (await Cli.get(id=cli.id)).status is CliStatus.PENDING


async def test_an_expired_code_and_no_code_at_all_are_refused(settings: Settings) -> None:
    account = await make_account()
    customer = await make_customer(account)
    actor = make_actor(account)
    cli = await clis.add_cli(actor, customer.id, NUMBER)
    never_called = await refused_unchanged(cli_verification.verify_cli(actor, cli.id, "123456"))
    code = await call(settings, account, cli)
    row = await Cli.get(id=cli.id)
    assert row.code_expires_at is not None
    await Cli.filter(id=cli.id).update(code_expires_at=row.code_expires_at - timedelta(minutes=11))

    expired = await refused_unchanged(cli_verification.verify_cli(actor, cli.id, code))

    assert never_called == [
        FieldError(ErrorCode.INVALID_CODE, "No code was sent: place a verification call first.", ("code",))
    ]
    assert expired == [
        FieldError(ErrorCode.CODE_EXPIRED, "The code has expired: place a new verification call.", ("code",))
    ]


async def test_calls_are_throttled_per_cli_and_per_customer_and_a_new_call_replaces_the_code(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = await make_account()
    customer = await make_customer(account)
    actor = make_actor(account)
    cli = await clis.add_cli(actor, customer.id, NUMBER)
    second = await clis.add_cli(actor, customer.id, "+14155550100")
    first_code = await call(settings, account, cli)

    too_soon = await refused_unchanged(cli_verification.place_verification_call(actor, cli.id))
    row = await Cli.get(id=cli.id)
    assert row.last_call_at is not None
    await Cli.filter(id=cli.id).update(last_call_at=row.last_call_at - timedelta(seconds=61))
    new_code = await call(settings, account, cli)
    monkeypatch.setattr(settings, "cli_calls_per_customer_per_hour", 2)
    per_customer = await refused_unchanged(cli_verification.place_verification_call(actor, second.id))

    assert codes(too_soon) == [(ErrorCode.THROTTLED, ("cli_id",))]
    assert too_soon[0].message.startswith("A call to this caller id was just placed; try again in ")
    assert per_customer == [
        FieldError(
            ErrorCode.THROTTLED, "At most 2 verification calls per customer an hour; try later.", ("cli_id",)
        )
    ]
    if first_code != new_code:
        assert codes(await _errors(cli_verification.verify_cli(actor, cli.id, first_code))) == [
            (ErrorCode.INVALID_CODE, ("code",))
        ]
    await cli_verification.verify_cli(actor, cli.id, new_code)
    assert (await Cli.get(id=cli.id)).status is CliStatus.APPROVED


async def _errors(refused_call: Awaitable[object]) -> list[FieldError]:
    """The errors of a refused call that may change something (a wrong code's try counter)."""
    with pytest.raises(ServiceError) as caught:
        await refused_call
    return caught.value.errors


async def test_a_portal_contact_adds_calls_and_verifies_its_own_customers_cli(settings: Settings) -> None:
    account = await make_account()
    customer = await make_customer(account, stir_shaken_attestation=StirShakenAttestation.A)
    contact = await make_contact(customer, name="Pat")
    portal = contact_actor(contact, customer, ORIGIN)

    cli = await clis.add_cli(portal, customer.id, NUMBER)
    await cli_verification.place_verification_call(portal, cli.id)
    message = await Message.get(customer_id=customer.id)
    await cli_verification.verify_cli(portal, cli.id, spoken_code(settings, message))
    refused_approval = await refused_unchanged(clis.approve_cli(portal, cli.id))

    row = await Cli.get(id=cli.id)
    assert (row.status, row.attestation, row.approved_by_id, row.approved_by_label) == (
        CliStatus.APPROVED,
        StirShakenAttestation.A,
        None,
        "Portal",
    )
    assert codes(refused_approval) == [(ErrorCode.PERMISSION_DENIED, ())]
    entries = (
        await AuditEntry.filter(table_name="cli")
        .order_by("id")
        .values_list("action", "actor_label", "actor_contact_id")
    )
    assert entries == [
        ("CREATE", "Portal", contact.id),
        ("SEND", "Portal", contact.id),
        ("UPDATE", "Portal", contact.id),
    ]
