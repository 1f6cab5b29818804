"""Caller ids: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation
from gql.types.clis import Cli, CliAddInput, CliInput, CliPayload, CliUpdateInput, CliVerifyInput
from gql.types.common import decode_id
from gql.types.scheduled_changes import ScheduledChange
from models.enums import Permission
from models.enums import ScheduledChangeKind as Kind
from services.numbers import cli_verification, clis
from services.scheduled_changes import commands as scheduling
from services.scheduled_changes.commands import Request
from services.scheduled_changes.rules import wants_delay
from services.validation import UNSET


async def cli_add(info: Info, input: CliAddInput) -> CliPayload:
    actor, customer_id = require_actor(info), decode_id(input.customer_id, "Customer", "customer_id")
    attestation = UNSET if input.attestation is None else input.attestation.value
    patch = clis.CliPatch(number=input.number, attestation=attestation)
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.CLI_ADD, patch, customer_id=customer_id)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        return CliPayload(scheduled_change=ScheduledChange.from_model(change))
    row = await clis.create_cli(actor, customer_id, patch, input.reason)
    return CliPayload(cli=Cli.from_model(row))


async def cli_update(info: Info, input: CliUpdateInput) -> CliPayload:
    actor, cli_id = require_actor(info), decode_id(input.id, "Cli", "id")
    patch = clis.CliPatch(attestation=UNSET if input.attestation is None else input.attestation.value)
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.CLI_UPDATE, patch, target_id=cli_id, overwrite=input.overwrite)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        current = (await clis.clis_by_id(actor, [cli_id])).get(cli_id)
        return CliPayload(
            cli=None if current is None else Cli.from_model(current),
            scheduled_change=ScheduledChange.from_model(change),
        )
    row = await clis.update_cli(actor, cli_id, patch, input.reason)
    return CliPayload(cli=Cli.from_model(row))


async def cli_delete(info: Info, input: CliInput) -> CliPayload:
    row = await clis.delete_cli(require_actor(info), decode_id(input.cli_id, "Cli", "cli_id"), input.reason)
    return CliPayload(cli=Cli.from_model(row))


async def cli_approve(info: Info, input: CliInput) -> CliPayload:
    row = await clis.approve_cli(require_actor(info), decode_id(input.cli_id, "Cli", "cli_id"), input.reason)
    return CliPayload(cli=Cli.from_model(row))


async def cli_verification_call(info: Info, input: CliInput) -> CliPayload:
    cli_id = decode_id(input.cli_id, "Cli", "cli_id")
    row = await cli_verification.place_verification_call(require_actor(info), cli_id, input.reason)
    return CliPayload(cli=Cli.from_model(row))


async def cli_verify(info: Info, input: CliVerifyInput) -> CliPayload:
    cli_id = decode_id(input.cli_id, "Cli", "cli_id")
    row = await cli_verification.verify_cli(require_actor(info), cli_id, input.code, input.reason)
    return CliPayload(cli=Cli.from_model(row))


@strawberry.type(description="Mutations of customers' caller ids.")
class CliMutations:
    cli_add: CliPayload = mutation(
        cli_add,
        needs=Permission.CUSTOMERS_WRITE,
        description="Add a caller id (E.164) to a customer, PENDING until verified. DUPLICATE when the "
        "customer has it, TOO_MANY past the cap per customer; with effectiveAt in the future, added "
        "then (staff only). In the portal: the contact's own customer, with the customer's attestation.",
        portal=True,
    )
    cli_update: CliPayload = mutation(
        cli_update,
        needs=Permission.CUSTOMERS_WRITE,
        description="Change a caller id's STIR/SHAKEN attestation, now or at effectiveAt.",
    )
    cli_delete: CliPayload = mutation(
        cli_delete,
        needs=Permission.CUSTOMERS_WRITE,
        description="Delete a caller id. In the portal: one of the contact's own customer.",
        portal=True,
    )
    cli_approve: CliPayload = mutation(
        cli_approve,
        needs=Permission.CLIS_APPROVE,
        description="Approve a PENDING caller id without a verification call. CONFLICT when approved already.",
    )
    cli_verification_call: CliPayload = mutation(
        cli_verification_call,
        needs=Permission.CUSTOMERS_WRITE,
        description="Call the caller id's number through the account's voice provider and speak a new "
        "code (it expires; a newer call replaces it). THROTTLED when calls come too often. In the "
        "portal: a caller id of the contact's own customer.",
        portal=True,
    )
    cli_verify: CliPayload = mutation(
        cli_verify,
        needs=Permission.CUSTOMERS_WRITE,
        description="Approve the caller id with the code its verification call spoke. INVALID_CODE for a "
        "wrong code (it counts a try), CODE_EXPIRED, TOO_MANY_ATTEMPTS; nothing else changes on refusal. "
        "In the portal: a caller id of the contact's own customer.",
        portal=True,
    )
