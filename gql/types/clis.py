"""Caller ids (CLIs): the type, its status, inputs and payloads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.fields import portal_field
from gql.nodes import resolve_nodes
from gql.types.accounts import User
from gql.types.common import REASON
from gql.types.scheduled_changes import EFFECTIVE_AT, OVERWRITE, ScheduledChange
from models import Cli as CliModel
from models import enums
from services.numbers.clis import clis_by_id

CliStatus: TypeAlias = enums.CliStatus
strawberry.enum(CliStatus, description="PENDING until verified by a test call or approved by staff.")
StirShakenAttestation: TypeAlias = enums.StirShakenAttestation
strawberry.enum(StirShakenAttestation, description="STIR/SHAKEN level.")

SHOWN = portal_field()


@strawberry.type(description="A caller id (CLI) a customer may present, with its STIR/SHAKEN attestation.")
class Cli(relay.Node):
    id: relay.NodeID[int]
    number: str = strawberry.field(description="The number, E.164.", metadata=SHOWN)
    status: CliStatus = strawberry.field(description="PENDING or APPROVED.", metadata=SHOWN)
    attestation: StirShakenAttestation | None = strawberry.field(
        description="STIR/SHAKEN attestation of calls from it: the customer's default unless set "
        "for this caller id; null when neither is set.",
        metadata=SHOWN,
    )
    approved_at: datetime | None = strawberry.field(description="When it was approved (UTC).", metadata=SHOWN)
    approved_by_label: str | None = strawberry.field(
        description='Who approved it, as the audit trail names them ("Portal" when a contact '
        "entered the code of the verification call).",
        metadata=SHOWN,
    )
    code_expires_at: datetime | None = strawberry.field(
        description="Until when the code of the last verification call works (UTC).", metadata=SHOWN
    )
    last_call_at: datetime | None = strawberry.field(
        description="When the last verification call was queued (UTC).", metadata=SHOWN
    )
    created_at: datetime = strawberry.field(description="When it was added (UTC).", metadata=SHOWN)
    updated_at: datetime = strawberry.field(description="When it last changed (UTC).", metadata=SHOWN)
    approved_by_id: strawberry.Private[int | None]

    @strawberry.field(description="The staff user who approved it directly (cliApprove); null otherwise.")
    async def approved_by(self, info: Info) -> User | None:
        if self.approved_by_id is None:
            return None
        row = await info.context.loaders.user_by_id.load(self.approved_by_id)
        return None if row is None else User.from_model(row)

    @classmethod
    def from_model(cls, row: CliModel) -> Cli:
        return cls(
            id=row.id,
            number=row.number,
            status=row.status,
            attestation=row.attestation,
            approved_at=row.approved_at,
            approved_by_label=row.approved_by_label,
            code_expires_at=row.code_expires_at,
            last_call_at=row.last_call_at,
            created_at=row.created_at,
            updated_at=row.updated_at,
            approved_by_id=row.approved_by_id,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, CliModel, clis_by_id, cls.from_model)


@strawberry.input(description="A new caller id of a customer (PENDING until verified or approved).")
class CliAddInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    number: str = strawberry.field(description="The number, E.164 (e.g. +447911123456).")
    attestation: strawberry.Maybe[StirShakenAttestation | None] = strawberry.field(
        description="STIR/SHAKEN attestation; the customer's stirShakenAttestation when omitted. "
        "Staff only: the portal takes the customer's."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(
        default=None,
        description=EFFECTIVE_AT + " Added later, the CLI takes the customer's attestation of "
        "that moment unless one is given.",
    )


@strawberry.input(description="Change a caller id's attestation.")
class CliUpdateInput:
    id: relay.GlobalID = strawberry.field(description="The caller id.")
    attestation: strawberry.Maybe[StirShakenAttestation | None] = strawberry.field(
        description="STIR/SHAKEN attestation; null: none. Omitted: unchanged."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)
    overwrite: bool = strawberry.field(default=False, description=OVERWRITE)


@strawberry.input(description="A caller id to delete, approve, or call with a verification code.")
class CliInput:
    cli_id: relay.GlobalID = strawberry.field(description="The caller id.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="The code the verification call spoke.")
class CliVerifyInput:
    cli_id: relay.GlobalID = strawberry.field(description="The caller id.")
    code: str = strawberry.field(description="The code, as heard.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of the caller-id mutations; a code is never in it.")
class CliPayload:
    cli: Cli | None = strawberry.field(
        default=None,
        description="The caller id as saved (as it was, once deleted); when scheduled, as it is "
        "now (cliUpdate) or null (cliAdd).",
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None,
        description="The change stored for later, when cliAdd or cliUpdate is given an effectiveAt "
        "in the future.",
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
