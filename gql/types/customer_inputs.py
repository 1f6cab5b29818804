"""Inputs and payloads of the customer mutations."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import strawberry
from strawberry import relay

from gql.errors import UserError
from gql.fields import Mode, declared_fields, given_values
from gql.types.common import REASON, decode_id
from gql.types.customers import (
    Customer,
    CustomerStatus,
    CustomerWhere,
    InvoiceSchedule,
    RtpFirewall,
)
from gql.types.scheduled_changes import EFFECTIVE_AT, OVERWRITE, ScheduledChange
from services.customers.values import FIELDS, CustomerPatch


def _convert(name: str, value: Any) -> Any:
    field = FIELDS[name]
    if field.refers_to is not None and value is not None:
        return decode_id(value, field.refers_to, name)
    if name == "dial_windows" and value is not None:
        return [window.to_value() for window in value]
    return value


def patch_from(source: object) -> CustomerPatch:
    """The service patch for the fields the client gave (Some(...) for Maybe inputs)."""
    values = given_values(source, FIELDS)
    return CustomerPatch(**{name: _convert(name, value) for name, value in values.items()})


@strawberry.input(description="A new customer. Only name and currency are required.")
@declared_fields(FIELDS, Mode.CREATE)
class CustomerCreateInput:
    """One field per customer field declaration (services/customers/values.py)."""

    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(
        default=None, description=EFFECTIVE_AT + " Ignored in customerBulkCreate rows."
    )


@strawberry.input(description="Changes to a customer: omitted fields stay, null clears.")
@declared_fields(FIELDS, Mode.UPDATE)
class CustomerUpdateInput:
    """One optional field per customer field declaration; omitted and null differ."""

    id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)
    overwrite: bool = strawberry.field(default=False, description=OVERWRITE)


@strawberry.input(description="Delete (softly) one customer: billing history and audit stay.")
class CustomerDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of customerCreate.")
class CustomerCreatePayload:
    customer: Customer | None = strawberry.field(
        default=None, description="The new customer; null when its creation is scheduled."
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of customerUpdate.")
class CustomerUpdatePayload:
    customer: Customer | None = strawberry.field(
        default=None, description="The customer as saved (as it is now, when the change is scheduled)."
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of customerDelete.")
class CustomerDeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(default=None, description="The deleted customer.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


# --- bulk ---------------------------------------------------------------------------------


@strawberry.enum(description="What a bulk operation does when some rows are invalid.")
class BulkErrorPolicy(Enum):
    ALL_OR_NOTHING = "ALL_OR_NOTHING"
    SKIP_INVALID = "SKIP_INVALID"


@strawberry.input(description="Set, raise or lower a whole number; give exactly one.")
class IntChange:
    set: int | None = None
    increase_by: int | None = None
    decrease_by: int | None = None


@strawberry.input(description="Set, raise or lower an amount; give exactly one.")
class DecimalChange:
    set: Decimal | None = None
    increase_by: Decimal | None = None
    decrease_by: Decimal | None = None


@strawberry.input(description="What to change on every selected customer.")
class CustomerBulkChanges:
    channels: IntChange | None = None
    flow_speed: IntChange | None = None
    invoice_due_days: IntChange | None = None
    debit_limit: DecimalChange | None = None
    minimum_payment: DecimalChange | None = None
    tax_percent: DecimalChange | None = None
    status: CustomerStatus | None = None
    portal_access: bool | None = None
    invoice_schedule: InvoiceSchedule | None = None
    rtp_firewall: RtpFirewall | None = None
    account_manager_id: strawberry.Maybe[relay.GlobalID | None]
    portal_domain: strawberry.Maybe[str | None] = strawberry.field(
        description="Set the portal domain (one of portalDomains), or clear it with null."
    )
    add_tags: list[str] | None = strawberry.field(default=None, description="Tags to add.")
    remove_tags: list[str] | None = strawberry.field(default=None, description="Tags to remove.")


@strawberry.input(description="Edit many customers, chosen by ids or by a filter.")
class CustomerBulkUpdateInput:
    ids: list[relay.GlobalID] | None = strawberry.field(default=None, description="These customers.")
    where: CustomerWhere | None = strawberry.field(default=None, description="Or those matching.")
    changes: CustomerBulkChanges = strawberry.field(description="What to change.")
    dry_run: bool = strawberry.field(default=False, description="Report without writing.")
    error_policy: BulkErrorPolicy = strawberry.field(
        default=BulkErrorPolicy.ALL_OR_NOTHING, description="What to do with invalid rows."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(
        default=None,
        description=EFFECTIVE_AT + " The results are then the dry run of now; the customers it "
        "would write are stored by id (a `where` is resolved now).",
    )
    overwrite: bool = strawberry.field(default=False, description=OVERWRITE)


@strawberry.input(description="Upload many new customers at once.")
class CustomerBulkCreateInput:
    rows: list[CustomerCreateInput] = strawberry.field(
        description="The customers, as for customerCreate (a row's own reason is ignored)."
    )
    dry_run: bool = strawberry.field(default=False, description="Report without writing.")
    error_policy: BulkErrorPolicy = strawberry.field(
        default=BulkErrorPolicy.ALL_OR_NOTHING, description="What to do with invalid rows."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Delete (softly) many customers.")
class CustomerBulkDeleteInput:
    ids: list[relay.GlobalID] = strawberry.field(description="The customers.")
    dry_run: bool = strawberry.field(default=False, description="Report without writing.")
    error_policy: BulkErrorPolicy = strawberry.field(
        default=BulkErrorPolicy.ALL_OR_NOTHING, description="What to do with invalid rows."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="What a bulk operation did (or would do) to one customer.")
class CustomerBulkRowResult:
    customer_id: relay.GlobalID | None = strawberry.field(
        description="The customer (null for an uploaded row that was not created)."
    )
    ok: bool = strawberry.field(description="Whether the row is (or would be) written.")
    changed_fields: list[str] = strawberry.field(description="Fields whose value changes.")
    errors: list[UserError] = strawberry.field(description="Why this row is refused.")


@strawberry.type(description="Result of a bulk customer operation.")
class CustomerBulkPayload:
    dry_run: bool = strawberry.field(default=False, description="Nothing was written.")
    applied: int = strawberry.field(default=0, description="Rows written (0 on a dry run).")
    failed: int = strawberry.field(default=0, description="Rows refused.")
    results: list[CustomerBulkRowResult] = strawberry.field(default_factory=list, description="Per row.")
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of customerPenalize and customerPenaltyLift.")
class CustomerPenaltyPayload:
    customer: Customer | None = strawberry.field(default=None, description="The customer as saved.")
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The penalty's lift (kind PENALTY_LIFT), for customerPenalize."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
