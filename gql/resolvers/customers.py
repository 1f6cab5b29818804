"""Customer queries and mutations: decode, call one service, map."""

from __future__ import annotations

from collections.abc import Collection

import strawberry
from strawberry import relay
from strawberry.utils.str_converters import to_camel_case

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.errors import user_error
from gql.selection import selected_under
from gql.types.common import Connection, SortDirection, connection_of, decode_id, decode_ids
from gql.types.customer_inputs import (
    CustomerBulkChanges,
    CustomerBulkCreateInput,
    CustomerBulkDeleteInput,
    CustomerBulkPayload,
    CustomerBulkRowResult,
    CustomerBulkUpdateInput,
    CustomerCreateInput,
    CustomerCreatePayload,
    CustomerDeleteInput,
    CustomerDeletePayload,
    CustomerUpdateInput,
    CustomerUpdatePayload,
    patch_from,
)
from gql.types.customers import Customer, CustomerSort, CustomerWhere
from gql.types.scheduled_changes import ScheduledChange
from models import ScheduledChange as ScheduledChangeModel
from models.enums import Permission
from models.enums import ScheduledChangeKind as Kind
from services.actor import Actor
from services.customers import bulk, commands, queries, upload
from services.customers.values import CustomerPatch
from services.errors import ServiceError
from services.listing import PageRequest
from services.scheduled_changes import commands as scheduling
from services.scheduled_changes.commands import Request
from services.scheduled_changes.rules import wants_delay


async def customers(
    info: Info,
    where: CustomerWhere | None = None,
    search: str | None = None,
    sort_by: list[CustomerSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Customer]:
    return await customer_connection(
        require_actor(info), _relations_shown(info), where, search, sort_by, first, after, last, before
    )


async def customer_connection(
    actor: Actor,
    relations: Collection[queries.Relation],
    where: CustomerWhere | None = None,
    search: str | None = None,
    sort_by: list[CustomerSort] | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Customer]:
    """The page of `customers` with the `relations` its nodes show (the compiled path,
    gql/compiled, reads it here too)."""
    sort = [(s.field, s.direction is SortDirection.DESC) for s in sort_by or []]
    page = await queries.list_customers(
        actor,
        PageRequest(first, after, last, before),
        where.to_filter() if where else None,
        search,
        sort,
    )
    related = await queries.related_of(actor, page.rows, relations)
    return connection_of(page, lambda row: Customer.from_model(row, related))


# The relations of a customer, by the name of their field on the Customer type.
RELATION_FIELDS = {
    "tags": queries.Relation.TAGS,
    "reseller": queries.Relation.RESELLER,
    "accountManager": queries.Relation.ACCOUNT_MANAGER,
}


def _relations_shown(info: Info) -> set[queries.Relation]:
    """The relations the page's nodes select: read with the page, not by a task per row."""
    selected = selected_under(info, ("edges", "node"))
    return {relation for name, relation in RELATION_FIELDS.items() if name in selected}


async def customer(info: Info, id: relay.GlobalID) -> Customer | None:
    customer_id = decode_id(id, "Customer", "id")
    found = (await queries.customers_by_id(require_actor(info), [customer_id])).get(customer_id)
    return Customer.from_model(found) if found else None


async def customer_create(info: Info, input: CustomerCreateInput) -> CustomerCreatePayload:
    actor = require_actor(info)
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.CUSTOMER_CREATE, patch_from(input))
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        return CustomerCreatePayload(scheduled_change=ScheduledChange.from_model(change))
    row = await commands.create_customer(actor, patch_from(input), input.reason)
    return CustomerCreatePayload(customer=Customer.from_model(row))


async def customer_update(info: Info, input: CustomerUpdateInput) -> CustomerUpdatePayload:
    actor = require_actor(info)
    customer_id = decode_id(input.id, "Customer", "id")
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(
            Kind.CUSTOMER_UPDATE, patch_from(input), target_id=customer_id, overwrite=input.overwrite
        )
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        current = (await queries.customers_by_id(actor, [customer_id]))[customer_id]
        return CustomerUpdatePayload(
            customer=Customer.from_model(current), scheduled_change=ScheduledChange.from_model(change)
        )
    row = await commands.update_customer(actor, customer_id, patch_from(input), input.reason)
    return CustomerUpdatePayload(customer=Customer.from_model(row))


async def customer_delete(info: Info, input: CustomerDeleteInput) -> CustomerDeletePayload:
    row = await commands.delete_customer(
        require_actor(info), decode_id(input.id, "Customer", "id"), input.reason
    )
    return CustomerDeletePayload(deleted_id=relay.GlobalID("Customer", str(row.id)))


async def customer_bulk_update(info: Info, input: CustomerBulkUpdateInput) -> CustomerBulkPayload:
    selection = bulk.Selection(
        ids=decode_ids(input.ids, "Customer", "ids"),
        where=input.where.to_filter() if input.where else None,
    )
    actor, policy = require_actor(info), bulk.ErrorPolicy(input.error_policy.value)
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        result, change = await scheduling.schedule_bulk_update(
            actor,
            selection,
            _bulk_changes(input.changes),
            policy,
            input.effective_at,
            input.reason,
            overwrite=input.overwrite,
        )
        return _bulk_payload(result, change)
    result = await bulk.bulk_update_customers(
        actor,
        selection,
        _bulk_changes(input.changes),
        dry_run=input.dry_run,
        policy=policy,
        reason=input.reason,
    )
    return _bulk_payload(result)


async def customer_bulk_create(info: Info, input: CustomerBulkCreateInput) -> CustomerBulkPayload:
    result = await upload.bulk_create_customers(
        require_actor(info),
        _row_patches(input.rows),
        dry_run=input.dry_run,
        policy=bulk.ErrorPolicy(input.error_policy.value),
        reason=input.reason,
    )
    return _bulk_payload(result)


async def customer_bulk_delete(info: Info, input: CustomerBulkDeleteInput) -> CustomerBulkPayload:
    result = await bulk.bulk_delete_customers(
        require_actor(info),
        decode_ids(input.ids, "Customer", "ids") or [],
        dry_run=input.dry_run,
        policy=bulk.ErrorPolicy(input.error_policy.value),
        reason=input.reason,
    )
    return _bulk_payload(result)


def _row_patches(rows: list[CustomerCreateInput]) -> list[CustomerPatch]:
    patches = []
    for index, row in enumerate(rows):
        try:
            patches.append(patch_from(row))
        except ServiceError as exc:
            raise ServiceError([error.under("rows", str(index)) for error in exc.errors]) from exc
    return patches


def _bulk_changes(changes: CustomerBulkChanges) -> bulk.BulkChanges:
    numeric = {
        name: bulk.NumericChange(change.set, change.increase_by, change.decrease_by)
        for name in bulk.NUMERIC_FIELDS
        if (change := getattr(changes, name)) is not None
    }
    values = {
        name: value
        for name in bulk.VALUE_FIELDS - {"account_manager_id", "portal_domain"}
        if (value := getattr(changes, name)) is not None
    }
    if changes.portal_domain is not None:
        values["portal_domain"] = changes.portal_domain.value
    if changes.account_manager_id is not None:
        manager = changes.account_manager_id.value
        values["account_manager_id"] = (
            decode_id(manager, "User", "changes", "account_manager_id") if manager else None
        )
    return bulk.BulkChanges(numeric, values, changes.add_tags or [], changes.remove_tags or [])


def _bulk_payload(result: bulk.BulkResult, change: ScheduledChangeModel | None = None) -> CustomerBulkPayload:
    rows = [
        CustomerBulkRowResult(
            customer_id=relay.GlobalID("Customer", str(row.customer_id)) if row.customer_id else None,
            ok=row.ok,
            changed_fields=[to_camel_case(name) for name in row.changed_fields],
            errors=[user_error(e) for e in row.errors],
        )
        for row in result.rows
    ]
    return CustomerBulkPayload(
        dry_run=result.dry_run,
        applied=result.applied,
        failed=result.failed,
        results=rows,
        scheduled_change=ScheduledChange.from_model(change) if change else None,
    )


@strawberry.type(description="Queries of customers.")
class CustomerQueries:
    customers: Connection[Customer] = query(
        customers,
        needs=Permission.CUSTOMERS_READ,
        description="Customers, filtered, searched and sorted.",
        portal=True,
    )
    customer: Customer | None = query(
        customer, needs=Permission.CUSTOMERS_READ, description="One customer, or null.", portal=True
    )


@strawberry.type(description="Mutations of customers.")
class CustomerMutations:
    customer_create: CustomerCreatePayload = mutation(
        customer_create, needs=Permission.CUSTOMERS_WRITE, description="Create a customer."
    )
    customer_update: CustomerUpdatePayload = mutation(
        customer_update,
        needs=Permission.CUSTOMERS_WRITE,
        description="Change a customer's fields.",
    )
    customer_delete: CustomerDeletePayload = mutation(
        customer_delete,
        needs=Permission.CUSTOMERS_WRITE,
        description="Soft-delete a customer.",
    )
    customer_bulk_update: CustomerBulkPayload = mutation(
        customer_bulk_update,
        needs=Permission.CUSTOMERS_WRITE,
        description="Edit many customers at once.",
    )
    customer_bulk_create: CustomerBulkPayload = mutation(
        customer_bulk_create,
        needs=Permission.CUSTOMERS_WRITE,
        description="Upload many new customers at once.",
    )
    customer_bulk_delete: CustomerBulkPayload = mutation(
        customer_bulk_delete,
        needs=Permission.CUSTOMERS_WRITE,
        description="Soft-delete many customers.",
    )
