"""The Delay Log, cancelling and rescheduling scheduled changes, and timed penalties."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.types.common import Connection, SortDirection, connection_of, decode_id
from gql.types.customer_inputs import CustomerPenaltyPayload
from gql.types.customers import Customer
from gql.types.scheduled_changes import (
    CustomerPenalizeInput,
    CustomerPenaltyLiftInput,
    ScheduledChange,
    ScheduledChangeCancelInput,
    ScheduledChangePayload,
    ScheduledChangeRescheduleInput,
    ScheduledChangeSort,
    ScheduledChangeWhere,
)
from models.enums import Permission
from services.listing import PageRequest
from services.scheduled_changes import commands, penalties, queries


async def scheduled_changes(
    info: Info,
    where: ScheduledChangeWhere | None = None,
    sort_by: list[ScheduledChangeSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[ScheduledChange]:
    page = await queries.list_scheduled_changes(
        require_actor(info),
        PageRequest(first, after, last, before),
        where.to_filter() if where else None,
        [(s.field, s.direction is SortDirection.DESC) for s in sort_by or []],
    )
    return connection_of(page, ScheduledChange.from_model)


async def scheduled_change_cancel(info: Info, input: ScheduledChangeCancelInput) -> ScheduledChangePayload:
    change_id = decode_id(input.id, "ScheduledChange", "id")
    row = await commands.cancel_change(require_actor(info), change_id, input.reason)
    return ScheduledChangePayload(scheduled_change=ScheduledChange.from_model(row))


async def scheduled_change_reschedule(
    info: Info, input: ScheduledChangeRescheduleInput
) -> ScheduledChangePayload:
    change_id = decode_id(input.id, "ScheduledChange", "id")
    row = await commands.reschedule_change(require_actor(info), change_id, input.effective_at, input.reason)
    return ScheduledChangePayload(scheduled_change=ScheduledChange.from_model(row))


async def customer_penalize(info: Info, input: CustomerPenalizeInput) -> CustomerPenaltyPayload:
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    row, lift = await penalties.penalize(require_actor(info), customer_id, input.until, input.reason)
    return CustomerPenaltyPayload(
        customer=Customer.from_model(row), scheduled_change=ScheduledChange.from_model(lift)
    )


async def customer_penalty_lift(info: Info, input: CustomerPenaltyLiftInput) -> CustomerPenaltyPayload:
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    row = await penalties.lift_penalty(require_actor(info), customer_id, input.reason)
    return CustomerPenaltyPayload(customer=Customer.from_model(row))


@strawberry.type(description="The Delay Log.")
class ScheduledChangeQueries:
    scheduled_changes: Connection[ScheduledChange] = query(
        scheduled_changes,
        needs=Permission.CUSTOMERS_READ,
        description="The Delay Log: the account's scheduled changes (Delay and Save, penalty lifts), "
        "soonest first unless sorted otherwise.",
    )


@strawberry.type(description="Mutations of scheduled changes and timed penalties.")
class ScheduledChangeMutations:
    scheduled_change_cancel: ScheduledChangePayload = mutation(
        scheduled_change_cancel,
        needs=Permission.CUSTOMERS_WRITE,
        description="Cancel a PENDING scheduled change (NOT_PENDING otherwise). A contact change "
        "needs contacts:write instead.",
    )
    scheduled_change_reschedule: ScheduledChangePayload = mutation(
        scheduled_change_reschedule,
        needs=Permission.CUSTOMERS_WRITE,
        description="Move a PENDING scheduled change to another future time (NOT_PENDING otherwise). "
        "A contact change needs contacts:write instead.",
    )
    customer_penalize: CustomerPenaltyPayload = mutation(
        customer_penalize,
        needs=Permission.CUSTOMERS_WRITE,
        description="Put a customer in PENALTY until a time; the scheduler lifts it then, restoring "
        "the status it replaced unless the status was changed by hand meanwhile.",
    )
    customer_penalty_lift: CustomerPenaltyPayload = mutation(
        customer_penalty_lift,
        needs=Permission.CUSTOMERS_WRITE,
        description="End a customer's penalty now, restoring the status it replaced (while still PENALTY).",
    )
