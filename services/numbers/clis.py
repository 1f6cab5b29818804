"""A customer's caller ids (CLIs): the numbers it may present, each PENDING until the customer
proves it answers the number (services/numbers/cli_verification.py: a test call speaks a code
it then enters) or staff holding `clis:approve` approve it. Each CLI carries its STIR/SHAKEN
attestation: the customer's default (`stirShakenAttestation`) unless staff set another.

Who may do what: staff and API keys with `customers:write` add, change and delete CLIs of the
customers they may see (a partner: its reseller's); a portal contact adds, verifies and deletes
its own customer's CLIs (the scope narrows to that customer), but neither sets an attestation
nor approves one directly. Every write is audited in its transaction.

Adding and changing a CLI can be scheduled (Delay and Save): the resolver stores a `CliPatch`
and the scheduler applies it through `create_cli` / `update_cli` when due."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import phonenumbers
from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery
from tortoise.queryset import QuerySet

from models import Cli
from models.enums import AuditAction, CliStatus, Permission, StirShakenAttestation
from services import integrity, runtime
from services.actor import Actor
from services.auditing import creation_diff, diff, snapshot
from services.customers.scope import about_visible_customers, visible_customers
from services.errors import ErrorCode, ServiceError, not_found
from services.fields import spec
from services.numbers.owned import locked_customer
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Patch, Unset

TABLE = "cli"
AUDITED = ("number", "status", "attestation", "approved_by_label", "approved_at")


@dataclass(frozen=True)
class CliPatch(Patch):
    """What cliAdd and cliUpdate give, as a scheduled change stores it (see services/fields.py)."""

    number: str | Unset = spec("The number, E.164; given when adding, never changed afterwards.")
    attestation: StirShakenAttestation | None | Unset = spec(
        "STIR/SHAKEN attestation; null: none. Omitted when adding: the customer's "
        "stirShakenAttestation at the time the CLI is added."
    )


def require_writer(actor: Actor) -> None:
    """Staff need customers:write; a portal contact acts on its own customer (the scope)."""
    if not actor.is_portal:
        actor.require(Permission.CUSTOMERS_WRITE)


def e164(value: str) -> str:
    """The number in E.164 (INVALID at `number` otherwise)."""
    try:
        number = phonenumbers.parse(value.strip(), None)
    except phonenumbers.NumberParseException as exc:
        raise _invalid_number("Give the number in E.164 form, e.g. +447911123456.") from exc
    if not phonenumbers.is_valid_number(number):
        raise _invalid_number(f"{value.strip()} is not a valid phone number.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _invalid_number(message: str) -> ServiceError:
    return ServiceError.single(ErrorCode.INVALID, message, "number")


async def add_cli(
    actor: Actor,
    customer_id: int,
    number: str,
    attestation: StirShakenAttestation | None | Unset = UNSET,
    reason: str | None = None,
) -> Cli:
    """A new PENDING caller id of the customer: unique per customer (DUPLICATE), at most
    `max_clis_per_customer` (TOO_MANY); its attestation is the customer's unless given."""
    require_writer(actor)
    if actor.is_portal and not isinstance(attestation, Unset):
        raise ServiceError.single(
            ErrorCode.FORBIDDEN, "attestation is set by your provider, not in the portal.", "attestation"
        )
    cleaned = e164(number)
    limit = runtime.current().settings.max_clis_per_customer
    async with unit_of_work(actor, reason) as uow:
        customer = await locked_customer(uow, customer_id)
        held = Cli.filter(customer_id=customer.id).using_db(uow.conn)
        if await held.filter(number=cleaned).exists():
            raise _duplicate()
        if await held.count() >= limit:
            raise ServiceError.single(
                ErrorCode.TOO_MANY, f"A customer holds at most {limit} caller ids.", "customer_id"
            )
        cli = Cli(
            account_id=customer.account_id,
            customer_id=customer.id,
            number=cleaned,
            status=CliStatus.PENDING,
            attestation=customer.stir_shaken_attestation if isinstance(attestation, Unset) else attestation,
        )
        await _saved(cli, uow)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            cli.id,
            f"Caller id {cli.number} added",
            customer_id=cli.customer_id,
            diff=creation_diff(snapshot(cli, AUDITED)),
            at=cli.created_at,
        )
    return cli


async def create_cli(actor: Actor, customer_id: int, patch: CliPatch, reason: str | None = None) -> Cli:
    """`add_cli` from a patch (cliAdd, and a scheduled addition when it is due)."""
    if isinstance(patch.number, Unset):
        raise ServiceError.single(ErrorCode.REQUIRED, "This field is required.", "number")
    return await add_cli(actor, customer_id, patch.number, patch.attestation, reason)


async def update_cli(actor: Actor, cli_id: int, patch: CliPatch, reason: str | None = None) -> Cli:
    """Change a caller id's attestation (null: none). Staff only. The number never changes
    (INVALID at `number`): delete the CLI and add the new number."""
    actor.require(Permission.CUSTOMERS_WRITE)
    if not isinstance(patch.number, Unset):
        raise ServiceError.single(
            ErrorCode.INVALID, "A caller id's number does not change: add the new number instead.", "number"
        )
    attestation = patch.attestation
    async with unit_of_work(actor, reason) as uow:
        cli = await locked_cli(uow, cli_id, "id")
        before = snapshot(cli, AUDITED)
        if not isinstance(attestation, Unset):
            setattr(cli, "attestation", attestation)  # noqa: B010 - a nullable enum column
        changes = diff(before, snapshot(cli, AUDITED))
        if changes:
            await cli.save(using_db=uow.conn, update_fields=["attestation", "updated_at"])
            uow.audit(
                AuditAction.UPDATE,
                TABLE,
                cli.id,
                f"Caller id {cli.number} updated",
                customer_id=cli.customer_id,
                diff=changes,
                at=cli.updated_at,
            )
    return cli


async def delete_cli(actor: Actor, cli_id: int, reason: str | None = None) -> Cli:
    """Delete a caller id (approved or not); the audit entry keeps its number."""
    require_writer(actor)
    async with unit_of_work(actor, reason) as uow:
        cli = await locked_cli(uow, cli_id)
        await cli.delete(using_db=uow.conn)
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            cli.id,
            f"Caller id {cli.number} deleted",
            customer_id=cli.customer_id,
            diff={"number": {"old": cli.number, "new": None}},
        )
    return cli


async def approve_cli(actor: Actor, cli_id: int, reason: str | None = None) -> Cli:
    """Approve a PENDING caller id without a verification call (`clis:approve`); a live code
    is spent. CONFLICT when it is approved already."""
    actor.require(Permission.CLIS_APPROVE)
    async with unit_of_work(actor, reason) as uow:
        cli = await locked_cli(uow, cli_id)
        await mark_approved(uow, cli, "approved")
    return cli


async def mark_approved(uow: UnitOfWork, cli: Cli, how: str) -> None:
    """Set the CLI APPROVED by the unit's actor, spend its code, and audit it."""
    if cli.status is CliStatus.APPROVED:
        raise ServiceError.single(ErrorCode.CONFLICT, "This caller id is approved already.", "cli_id")
    before = snapshot(cli, AUDITED)
    cli.status = CliStatus.APPROVED
    cli.approved_by_id = uow.actor.user_id if not uow.actor.is_portal else None
    cli.approved_by_label = _label(uow.actor)
    cli.approved_at = uow.stamp()
    cli.code_hash, cli.code_expires_at = None, None
    await cli.save(using_db=uow.conn)
    uow.audit(
        AuditAction.UPDATE,
        TABLE,
        cli.id,
        f"Caller id {cli.number} {how}",
        customer_id=cli.customer_id,
        diff=diff(before, snapshot(cli, AUDITED)),
        at=cli.updated_at,
    )


def _label(actor: Actor) -> str:
    return "Portal" if actor.is_portal else actor.label[:200]


async def locked_cli(uow: UnitOfWork, cli_id: int, field: str = "cli_id") -> Cli:
    """A caller id of a customer the actor may see, locked until commit (NOT_FOUND at `field`)."""
    visible = Subquery(visible_customers(uow.actor).values("id"))
    cli = await uow.locked(
        Cli.filter(id=cli_id, account_id=uow.actor.account_id, customer_id__in=visible)
    ).first()
    if cli is None:
        raise not_found("Caller id", field)
    return cli


async def _saved(cli: Cli, uow: UnitOfWork) -> None:
    try:
        await cli.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "customer_id", "number"):
            raise _duplicate() from exc
        raise


def _duplicate() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE, "The customer already has this caller id.", "number")


async def clis_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[Cli]]:
    """Each customer's caller ids by number (one statement for any number of customers)."""
    actor.require(Permission.CUSTOMERS_READ)
    grouped: dict[int, list[Cli]] = defaultdict(list)
    for cli in await _readable(actor).filter(customer_id__in=list(customer_ids)).order_by("number", "id"):
        grouped[cli.customer_id].append(cli)
    return grouped


async def clis_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Cli]:
    """The caller ids among `ids` that the actor may read, by id."""
    actor.require(Permission.CUSTOMERS_READ)
    return {cli.id: cli for cli in await _readable(actor).filter(id__in=list(ids))}


def _readable(actor: Actor) -> QuerySet[Cli]:
    return about_visible_customers(
        Cli.filter(account_id=actor.account_id, customer__deleted_at__isnull=True), actor
    )
