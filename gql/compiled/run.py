"""Serving a planned document: the same service reads as the resolvers, written straight into
the response's data in selection order, without graphql-core's per-field execution.

Whatever this path cannot answer exactly as the general path would (a refusal, a service error,
bad variables, a null where the schema has none, a field the portal hides from its principal)
is not answered here: `serve` returns None and the general path runs the request, so errors,
their codes and their masking come from one place. The reads are side-effect free, so running
them again costs time only, on requests that fail anyway.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from graphql import DocumentNode, GraphQLField, GraphQLSchema, OperationDefinitionNode
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from strawberry.relay import GlobalID
from strawberry.schema.config import StrawberryConfig
from strawberry.types.arguments import convert_arguments
from strawberry.types.field import StrawberryField

from gql.compiled.fast import RowPlan, row_plan, write_connection
from gql.compiled.plan import DEFINITION, ConnectionPlan, Entry, Leaf, ObjectPlan, Plan, Uncovered, build_plan
from gql.context import Context
from gql.errors import Refusals
from gql.inputs import text_errors
from gql.portal_guard import visibility
from gql.resolvers.contacts import contact_connection
from gql.resolvers.customers import RELATION_FIELDS, customer_connection
from gql.types.accounts import Reseller, User
from gql.types.common import Connection, SortDirection
from gql.types.contacts import contact_query, customer_contacts_of
from services.actor import Actor
from services.contacts.rows import contact_rows
from services.customers.rows import customer_rows
from services.listing import PageRequest
from services.portal import shows

PLAN_CACHE_SIZE = 256


class Fallback(Exception):
    """This request is the general path's to answer."""


class Plans:
    """Plans by (document text, operation name), least recently used dropped past `size`;
    None for a document the general path serves."""

    def __init__(self, size: int = PLAN_CACHE_SIZE) -> None:
        self.size = size
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()

    def get(
        self, schema: GraphQLSchema, query: str, document: DocumentNode, operation: str | None
    ) -> Plan | None:
        key = (query, operation)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        try:
            plan: Plan | None = build_plan(schema, document, operation)
        except Uncovered:
            plan = None
        if plan is not None:
            plan.row_plans = [row_plan(root) for root in plan.roots]
        self._plans[key] = plan
        if len(self._plans) > self.size:
            self._plans.popitem(last=False)
        return plan


class Converter:
    """GraphQL argument values to the resolvers' Python arguments, as strawberry converts them."""

    def __init__(self, scalar_registry: Mapping[object, Any], config: StrawberryConfig) -> None:
        self.scalar_registry = scalar_registry
        self.config = config

    def arguments(
        self, definition: GraphQLField, node: Any, variables: VariableValues, hide_suggestions: bool
    ) -> dict[str, Any]:
        strawberry_field: StrawberryField = definition.extensions[DEFINITION]
        raw = get_argument_values(definition, node, variables, hide_suggestions=hide_suggestions)
        kwargs = convert_arguments(raw, strawberry_field.arguments, self.scalar_registry, self.config)
        if text_errors(kwargs):
            raise Fallback  # Refusals answers these (BAD_USER_INPUT)
        return kwargs


async def serve(
    plan: Plan,
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    inputs: dict[str, Any] | None,
    context: Context,
    converter: Converter,
    hide_suggestions: bool,
) -> dict[str, Any] | None:
    """The response's `data` for this plan, or None when the general path must answer."""
    actor = context.actor
    if actor is None or not _portal_shows(plan, actor, schema):
        return None
    variables = get_variable_values(
        schema, operation.variable_definitions or (), inputs or {}, hide_suggestions=hide_suggestions
    )
    if isinstance(variables, list):
        return None
    writer = _Writer(actor, context, converter, variables, hide_suggestions)
    try:
        data: dict[str, Any] = {}
        for root, rows in zip(plan.roots, plan.row_plans, strict=True):
            kwargs = converter.arguments(root.definition, root.nodes[0], variables, hide_suggestions)
            if rows is not None:
                data[root.key] = await _from_rows(actor, rows, kwargs)
                continue
            connection = await writer.root(root.kind, root.connection, kwargs)
            data[root.key] = await writer.connection(root.connection, connection, None)
    except Fallback:
        return None
    except Exception:  # noqa: BLE001 - any refusal or failure is answered by the general path
        return None
    return data


async def _from_rows(actor: Actor, plan: RowPlan, kwargs: dict[str, Any]) -> dict[str, Any]:
    """A customers or contacts connection from plain rows (the arguments read as
    `customer_connection` and `contact_connection` read them)."""
    where = kwargs.get("where")
    page = PageRequest(kwargs.get("first"), kwargs.get("after"), kwargs.get("last"), kwargs.get("before"))
    if plan.kind == "contacts":
        query = contact_query(where, kwargs.get("search"), kwargs.get("sort_by"))
        return write_connection(
            plan, await contact_rows(actor, page, query, plan.wanted, plan.connection.wants_total)
        )
    sort = [(s.field, s.direction is SortDirection.DESC) for s in kwargs.get("sort_by") or []]
    rows = await customer_rows(
        actor, page, plan.wanted, where.to_filter() if where else None, kwargs.get("search"), sort
    )
    return write_connection(plan, rows)


def _portal_shows(plan: Plan, actor: Actor, schema: GraphQLSchema) -> bool:
    """Whether every field the plan may write is one the portal shows this principal (always
    true for staff): the general path refuses the others field by field (gql/portal_guard.py)."""
    if not actor.is_portal:
        return True
    query_type = schema.query_type
    assert query_type is not None
    for type_name, field_name in plan.shown:
        parent = schema.get_type(type_name)
        if type_name == "Query":
            definition = query_type.fields[field_name].extensions.get(DEFINITION)
            if not any(isinstance(e, Refusals) and e.portal for e in getattr(definition, "extensions", ())):
                return False
        elif not shows(actor, visibility(parent, field_name)):  # type: ignore[arg-type]
            return False
    return True


class _Writer:
    def __init__(
        self,
        actor: Actor,
        context: Context,
        converter: Converter,
        variables: VariableValues,
        hide_suggestions: bool,
    ) -> None:
        self.actor = actor
        self.context = context
        self.converter = converter
        self.variables = variables
        self.hide_suggestions = hide_suggestions

    async def root(self, kind: str, plan: ConnectionPlan, kwargs: dict[str, Any]) -> Connection[Any]:
        if kind == "customers":
            shown = plan.node.field_names() if plan.node else frozenset()
            relations = {relation for name, relation in RELATION_FIELDS.items() if name in shown}
            return await customer_connection(self.actor, relations, **kwargs)
        if kind == "contacts":
            return await contact_connection(self.actor, **kwargs)
        raise Fallback

    async def connection(
        self, plan: ConnectionPlan, connection: Connection[Any], total: int | None
    ) -> dict[str, Any]:
        """The connection's keys; nested connections of its nodes read first, for all at once."""
        if plan.wants_total and total is None:
            total = await connection.count_total()
        nodes = [edge.node for edge in connection.edges]
        nested = await self._nested(plan.node, nodes) if plan.node is not None else {}
        out: dict[str, Any] = {}
        for key, name in plan.keys:
            if name == "edges":
                out[key] = [self._edge(plan, edge, nested) for edge in connection.edges]
            elif name == "totalCount":
                out[key] = total
            elif name == "pageInfo":
                out[key] = self._object(plan.page_info[key], connection.page_info, {})
            else:
                out[key] = plan.type_name
        return out

    def _edge(self, plan: ConnectionPlan, edge: Any, nested: dict[tuple[int, int], Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, name in plan.edge_keys:
            if name == "cursor":
                out[key] = edge.cursor
            elif name == "node":
                assert plan.node is not None
                out[key] = self._object(plan.node, edge.node, nested)
            else:
                out[key] = plan.edge_type
        return out

    async def _nested(self, plan: ObjectPlan, nodes: Sequence[Any]) -> dict[tuple[int, int], Any]:
        """The nested connections of these nodes, by (entry, node id), already written."""
        written: dict[tuple[int, int], Any] = {}
        for entry in plan.entries:
            if entry.kind != "nested" or not nodes:
                continue
            assert entry.connection is not None and entry.definition is not None
            kwargs = self.converter.arguments(
                entry.definition, entry.nodes[0], self.variables, self.hide_suggestions
            )
            query = contact_query(kwargs.get("where"), kwargs.get("search"), kwargs.get("sort_by"))
            page = PageRequest(kwargs.get("first"), kwargs.get("after"))
            loaders = self.context.loaders
            connections = await asyncio.gather(
                *(customer_contacts_of(loaders, node.id, query, page) for node in nodes)
            )
            totals: list[int | None] = [None] * len(nodes)
            if entry.connection.wants_total:
                totals = list(await asyncio.gather(*(c.count_total() for c in connections)))
            for node, connection, total in zip(nodes, connections, totals, strict=True):
                written[(id(entry), node.id)] = await self.connection(entry.connection, connection, total)
        return written

    def _object(self, plan: ObjectPlan, value: Any, nested: dict[tuple[int, int], Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for entry in plan.entries:
            kind = entry.kind
            if kind == "leaf":
                assert entry.leaf is not None
                out[entry.key] = _leaf(entry.leaf, getattr(value, entry.leaf.attribute))
            elif kind == "id":
                out[entry.key] = str(GlobalID(entry.type_name, str(value.id)))
            elif kind == "typename":
                out[entry.key] = entry.type_name
            elif kind == "relation":
                out[entry.key] = self._relation(entry, value)
            else:
                out[entry.key] = nested[(id(entry), value.id)]
        return out

    def _relation(self, entry: Entry, customer: Any) -> Any:
        related = customer.related
        if related is None:
            raise Fallback
        if entry.relation == "tags":
            tags: list[str] = related.tags.get(customer.id, [])
            return list(tags)
        assert entry.target is not None
        if entry.relation == "reseller":
            reference = customer.reseller_id
            row = related.resellers.get(reference) if reference is not None else None
            return self._object(entry.target, Reseller.from_model(row), {}) if row else None
        reference = customer.account_manager_id
        row = related.managers.get(reference) if reference is not None else None
        return self._object(entry.target, User.from_model(row), {}) if row else None


def _leaf(leaf: Leaf, value: Any) -> Any:
    if value is None:
        if not leaf.nullable:
            raise Fallback  # graphql-core reports a null in a non-null field
        return None
    if leaf.list_depth:
        out: list[Any] = []
        for item in value:
            if item is None:
                if not leaf.item_nullable:
                    raise Fallback
                out.append(None)
            else:
                out.append(_one(leaf, item))
        return out
    return _one(leaf, value)


def _one(leaf: Leaf, value: Any) -> Any:
    if leaf.item_plan is not None:
        out: dict[str, Any] = {}
        for entry in leaf.item_plan.entries:
            if entry.kind == "typename":
                out[entry.key] = entry.type_name
            elif entry.kind == "leaf" and entry.leaf is not None:
                out[entry.key] = _leaf(entry.leaf, getattr(value, entry.leaf.attribute))
            else:
                raise Fallback
        return out
    return leaf.serialize(value)
