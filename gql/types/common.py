"""Building blocks shared by every domain: connections, filter inputs, id decoding."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import fields as dataclass_fields
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry
from strawberry import relay

import models
from services.errors import ErrorCode, ServiceError
from services.listing import Condition, Page
from services.validation import Record, database_id

NodeT = TypeVar("NodeT")
REASON = "Why (kept in the audit entry; required when the account demands it)."
RowT = TypeVar("RowT")


@strawberry.type(description="An edge in a connection: the node and the cursor to resume after it.")
class Edge(Generic[NodeT]):
    cursor: str = strawberry.field(description="Opaque cursor of this node, for after/before.")
    node: NodeT = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list (Relay connection).")
class Connection(Generic[NodeT]):
    edges: list[Edge[NodeT]] = strawberry.field(description="The items of this page.")
    page_info: relay.PageInfo = strawberry.field(description="Where this page stands.")
    count_total: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(description="How many items match the filter and search, on all pages.")
    async def total_count(self) -> int:
        return await self.count_total()


def connection_of(page: Page[Any], to_node: Callable[[Any], NodeT]) -> Connection[NodeT]:
    edges = [Edge(cursor=c, node=to_node(row)) for row, c in zip(page.rows, page.cursors, strict=True)]
    return Connection(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=page.has_previous_page,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        count_total=page.count_total,
    )


def decode_id(global_id: relay.GlobalID, type_name: str, *field: str) -> int:
    """The database id inside a global id of the expected type; anything else, an id beyond
    its column's range included, is NOT_FOUND (no row can have it)."""
    if global_id.type_name == type_name:
        pk = database_id(global_id.node_id, _model_of(type_name))
        if pk is not None:
            return pk
    raise ServiceError.single(ErrorCode.NOT_FOUND, f"{type_name} not found.", *field)


def node_pks(node_ids: Iterable[str], model: Record) -> list[int | None]:
    """The primary keys in the node ids relay hands to `resolve_nodes`, in order; None where a
    node id cannot be one (no row has it, so its node is null)."""
    return [database_id(node_id, model) for node_id in node_ids]


def _model_of(type_name: str) -> Record:
    # A Node type is named after its model (Customer, SipUser, ApiKey...).
    model = getattr(models, type_name)
    assert isinstance(model, type) and hasattr(model, "_meta"), type_name
    return model


def decode_ids(global_ids: Sequence[relay.GlobalID] | None, type_name: str, *field: str) -> list[int] | None:
    if global_ids is None:
        return None
    return [decode_id(global_id, type_name, *field, str(i)) for i, global_id in enumerate(global_ids)]


class ConditionInput:
    """Filter inputs convert to the services' Condition by their field names."""

    def to_condition(self) -> Condition:
        names = {f.name for f in dataclass_fields(Condition)}
        return Condition(**{k: v for k, v in vars(self).items() if k in names and v is not None})


@strawberry.input(description="Conditions on a text field; all given must hold.")
class StringFilter(ConditionInput):
    eq: str | None = strawberry.field(default=None, description="Equal to.")
    ne: str | None = strawberry.field(default=None, description="Not equal to.")
    in_: list[str] | None = strawberry.field(default=None, name="in", description="One of.")
    not_in: list[str] | None = strawberry.field(default=None, description="None of.")
    contains: str | None = strawberry.field(default=None, description="Contains, ignoring case.")
    is_null: bool | None = strawberry.field(default=None, description="Is (or is not) null.")


@strawberry.input(description="Conditions on a whole-number field; all given must hold.")
class IntFilter(ConditionInput):
    eq: int | None = strawberry.field(default=None, description="Equal to.")
    ne: int | None = strawberry.field(default=None, description="Not equal to.")
    in_: list[int] | None = strawberry.field(default=None, name="in", description="One of.")
    gt: int | None = strawberry.field(default=None, description="Greater than.")
    gte: int | None = strawberry.field(default=None, description="Greater than or equal to.")
    lt: int | None = strawberry.field(default=None, description="Less than.")
    lte: int | None = strawberry.field(default=None, description="Less than or equal to.")


@strawberry.input(description="Conditions on a decimal field; all given must hold.")
class DecimalFilter(ConditionInput):
    eq: Decimal | None = strawberry.field(default=None, description="Equal to.")
    ne: Decimal | None = strawberry.field(default=None, description="Not equal to.")
    gt: Decimal | None = strawberry.field(default=None, description="Greater than.")
    gte: Decimal | None = strawberry.field(default=None, description="Greater than or equal to.")
    lt: Decimal | None = strawberry.field(default=None, description="Less than.")
    lte: Decimal | None = strawberry.field(default=None, description="Less than or equal to.")


@strawberry.input(description="Conditions on a date-time field (UTC); all given must hold.")
class DateTimeFilter(ConditionInput):
    gt: datetime | None = strawberry.field(default=None, description="After.")
    gte: datetime | None = strawberry.field(default=None, description="At or after.")
    lt: datetime | None = strawberry.field(default=None, description="Before.")
    lte: datetime | None = strawberry.field(default=None, description="At or before.")


@strawberry.input(description="Conditions on a yes/no field.")
class BooleanFilter(ConditionInput):
    eq: bool | None = strawberry.field(default=None, description="Equal to.")


@strawberry.input(description="Conditions on a list of tags (matched ignoring case).")
class TagsFilter(ConditionInput):
    contains_any: list[str] | None = strawberry.field(default=None, description="Has at least one of these.")
    contains_all: list[str] | None = strawberry.field(default=None, description="Has every one of these.")


@strawberry.enum(description="Sort direction.")
class SortDirection(Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input(description="Conditions on a reference to another object, by its global id.")
class IDFilter:
    eq: relay.GlobalID | None = strawberry.field(default=None, description="Equal to.")
    in_: list[relay.GlobalID] | None = strawberry.field(default=None, name="in", description="One of.")
    is_null: bool | None = strawberry.field(default=None, description="Is (or is not) set.")

    def to_condition_for(self, type_name: str, *field: str) -> Condition:
        # An id of the wrong type can match nothing: -1 is never a database id.
        def decoded(global_id: relay.GlobalID) -> int:
            try:
                return decode_id(global_id, type_name, *field)
            except ServiceError:
                return -1

        return Condition(
            eq=decoded(self.eq) if self.eq is not None else None,
            in_=[decoded(g) for g in self.in_] if self.in_ is not None else None,
            is_null=self.is_null,
        )
