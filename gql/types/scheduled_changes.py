"""Delay and Save: the ScheduledChange node, the Delay Log's filter and sort, and the inputs and
payloads of scheduledChangeCancel, scheduledChangeReschedule and the timed penalties."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeAlias, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from gql.context import Info
from gql.errors import UserError
from gql.nodes import resolve_nodes
from gql.types.common import REASON, DateTimeFilter, IDFilter, SortDirection
from models import ScheduledChange as ScheduledChangeModel
from models import enums
from services.listing import Condition, Filter
from services.scheduled_changes.queries import ScheduledChangeSortField as SortField
from services.scheduled_changes.queries import changes_by_id

ScheduledChangeStatus: TypeAlias = enums.ScheduledChangeStatus
strawberry.enum(
    ScheduledChangeStatus,
    description="PENDING until due; then APPLIED, or FAILED (failureCode says why); or CANCELLED.",
)
ScheduledChangeKind: TypeAlias = enums.ScheduledChangeKind
strawberry.enum(ScheduledChangeKind, description="What a scheduled change does when applied.")
ScheduledChangeSortField: TypeAlias = SortField
strawberry.enum(ScheduledChangeSortField, description="What the Delay Log can be sorted by.")

# The Node type of each table a change can target.
NODE_OF_TABLE = {
    "customer": "Customer",
    "contact": "Contact",
    "sip_user": "SipUser",
    "ip_auth": "IpAuth",
    "cli": "Cli",
}
EFFECTIVE_AT = (
    "When the change takes effect (UTC). In the future (at most 366 days ahead) the change is "
    "validated now against the record as it is, stored and returned as `scheduledChange`; "
    "omitted, now or in the past, it applies at once. Not offered to the customer portal."
)
OVERWRITE = (
    "Apply the scheduled change even over a direct edit of the same fields made after it was "
    "scheduled; without it such a change FAILS with CONFLICT."
)


@strawberry.type(
    description="A change stored to take effect later (Delay and Save): one line of the Delay Log."
)
class ScheduledChange(relay.Node):
    id: relay.NodeID[int]
    kind: ScheduledChangeKind = strawberry.field(description="What it does.")
    status: ScheduledChangeStatus = strawberry.field(description="Where it stands.")
    effective_at: datetime = strawberry.field(description="When it takes (or took) effect, UTC.")
    target_type: str = strawberry.field(
        description="The type of the record it changes (Customer, Contact...)."
    )
    target_id: relay.GlobalID | None = strawberry.field(
        description="The record it changes; for a creation, null until applied, then the new record."
    )
    customer_id: relay.GlobalID | None = strawberry.field(
        description="The customer concerned (null for a customer creation and a bulk edit)."
    )
    patch: JSON = strawberry.field(
        description="The change as stored: {field: value} by the service's field names (as in "
        "audit diffs); a bulk edit holds {ids, changes, error_policy}; a penalty lift the status it restores."
    )
    values_when_scheduled: JSON = strawberry.field(
        description="The patched fields' values when it was scheduled, by record id: a field "
        "edited directly since makes the change fail with CONFLICT unless `overwrite`."
    )
    overwrite: bool = strawberry.field(description="Applies even over a direct edit made since.")
    reason: str | None = strawberry.field(description="Why, as given when it was scheduled.")
    created_at: datetime = strawberry.field(description="When it was scheduled (UTC).")
    created_by_label: str = strawberry.field(description="Who scheduled it: a user's name or an API key's.")
    created_by_user_id: relay.GlobalID | None = strawberry.field(description="The user who scheduled it.")
    applied_at: datetime | None = strawberry.field(description="When it was applied or failed (UTC).")
    failure_code: str | None = strawberry.field(description="Why it failed: an ErrorCode (CONFLICT...).")
    failure_message: str | None = strawberry.field(description="Why it failed, in words.")

    @classmethod
    def from_model(cls, row: ScheduledChangeModel) -> ScheduledChange:
        return cls(
            id=row.id,
            kind=row.kind,
            status=row.status,
            effective_at=row.effective_at,
            target_type=NODE_OF_TABLE.get(row.target_table, row.target_table),
            target_id=_global_id(NODE_OF_TABLE.get(row.target_table, ""), row.target_id),
            customer_id=_global_id("Customer", row.customer_id),
            patch=cast(JSON, row.patch),
            values_when_scheduled=cast(JSON, row.baseline),
            overwrite=row.overwrite,
            reason=row.reason,
            created_at=row.created_at,
            created_by_label=row.created_by_label,
            created_by_user_id=_global_id("User", row.created_by_user_id),
            applied_at=row.applied_at,
            failure_code=row.failure_code,
            failure_message=row.failure_message,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, ScheduledChangeModel, changes_by_id, cls.from_model)


def _global_id(type_name: str, pk: int | None) -> relay.GlobalID | None:
    return relay.GlobalID(type_name, str(pk)) if pk and type_name else None


def scheduled(row: ScheduledChangeModel | None) -> ScheduledChange | None:
    return ScheduledChange.from_model(row) if row is not None else None


@strawberry.input(description="Conditions on the status of a scheduled change.")
class ScheduledChangeStatusFilter:
    eq: ScheduledChangeStatus | None = strawberry.field(default=None, description="Equal to.")
    in_: list[ScheduledChangeStatus] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Conditions on the kind of a scheduled change.")
class ScheduledChangeKindFilter:
    eq: ScheduledChangeKind | None = strawberry.field(default=None, description="Equal to.")
    in_: list[ScheduledChangeKind] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Which scheduled changes to list; every field given must hold.")
class ScheduledChangeWhere:
    customer_id: IDFilter | None = strawberry.field(default=None, description="By customer.")
    status: ScheduledChangeStatusFilter | None = strawberry.field(default=None, description="By status.")
    kind: ScheduledChangeKindFilter | None = strawberry.field(default=None, description="By kind.")
    effective_at: DateTimeFilter | None = strawberry.field(default=None, description="By effective time.")
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By scheduling time.")
    and_: list[ScheduledChangeWhere] | None = strawberry.field(
        default=None, name="AND", description="All of."
    )
    or_: list[ScheduledChangeWhere] | None = strawberry.field(default=None, name="OR", description="Any of.")
    not_: ScheduledChangeWhere | None = strawberry.field(default=None, name="NOT", description="Not this.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in ("status", "kind", "effective_at", "created_at"):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        if self.customer_id is not None:
            conditions["customer_id"] = self.customer_id.to_condition_for("Customer")
        return Filter(
            conditions=conditions,
            and_=[w.to_filter() for w in self.and_ or []],
            or_=[w.to_filter() for w in self.or_ or []],
            not_=self.not_.to_filter() if self.not_ else None,
        )


@strawberry.input(description="One sort key of the Delay Log.")
class ScheduledChangeSort:
    field: ScheduledChangeSortField = strawberry.field(description="What to sort by.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Direction.")


@strawberry.input(description="Cancel a pending scheduled change.")
class ScheduledChangeCancelInput:
    id: relay.GlobalID = strawberry.field(description="The scheduled change.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Move a pending scheduled change to another time.")
class ScheduledChangeRescheduleInput:
    id: relay.GlobalID = strawberry.field(description="The scheduled change.")
    effective_at: datetime = strawberry.field(description="The new time (future, at most 366 days ahead).")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of scheduledChangeCancel and scheduledChangeReschedule.")
class ScheduledChangePayload:
    scheduled_change: ScheduledChange | None = strawberry.field(default=None, description="The change.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Put a customer in PENALTY until a time.")
class CustomerPenalizeInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    until: datetime = strawberry.field(
        description="When the penalty lifts itself (future, at most 366 days)."
    )
    reason: str = strawberry.field(description="Why (required; kept on the customer and in the audit).")


@strawberry.input(description="End a customer's penalty now.")
class CustomerPenaltyLiftInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)
