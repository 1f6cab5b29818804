"""Typed filters, sorting and keyset pagination for every list, at a constant query count.

A page is one SELECT (plus one COUNT when the total is asked for). Cursors carry the sort values
of the row and its id, so pages stay stable while rows are added or removed elsewhere.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import orjson
from tortoise.expressions import Q, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from services.auditing import JsonValue, json_safe
from services.errors import ErrorCode, ServiceError

M = TypeVar("M", bound=Model)
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Condition:
    """Operators on one field; every operator given must hold."""

    eq: Any = None
    ne: Any = None
    in_: Sequence[Any] | None = None
    not_in: Sequence[Any] | None = None
    gt: Any = None
    gte: Any = None
    lt: Any = None
    lte: Any = None
    contains: str | None = None
    is_null: bool | None = None
    contains_any: Sequence[str] | None = None
    contains_all: Sequence[str] | None = None


@dataclass(frozen=True)
class Filter:
    """Conditions by field name, combined with AND, plus nested AND / OR / NOT filters."""

    conditions: dict[str, Condition] = field(default_factory=dict)
    and_: Sequence[Filter] = ()
    or_: Sequence[Filter] = ()
    not_: Filter | None = None


# Builds the Q for one condition on one field (tags and other relations need their own).
ConditionBuilder = Callable[[Condition], Q]

_OPERATORS = {
    "eq": "",
    "ne": "__not",
    "in_": "__in",
    "not_in": "__not_in",
    "gt": "__gt",
    "gte": "__gte",
    "lt": "__lt",
    "lte": "__lte",
    "contains": "__icontains",
}


def column_condition(column: str) -> ConditionBuilder:
    """Plain column operators: each operator given becomes one ANDed lookup."""

    def build(condition: Condition) -> Q:
        q = Q()
        for operator, suffix in _OPERATORS.items():
            value = getattr(condition, operator)
            if value is not None:
                q &= Q(**{f"{column}{suffix}": value})
        if condition.is_null is not None:
            is_null: dict[str, Any] = {f"{column}__isnull": condition.is_null}
            q &= Q(**is_null)
        return q

    return build


def any_of(qs: Sequence[Q]) -> Q:
    """OR of the given conditions (an empty Q would not be neutral in an OR)."""
    combined = qs[0]
    for q in qs[1:]:
        combined |= q
    return combined


# The rows matching a condition, as a queryset (with whatever annotations the builders use).
Matching = Callable[[Q], QuerySet[Any]]


def filter_q(where: Filter, builders: dict[str, ConditionBuilder], matching: Matching) -> Q:
    q = Q()
    for name, condition in where.conditions.items():
        q &= builders[name](condition)
    for sub in where.and_:
        q &= filter_q(sub, builders, matching)
    if where.or_:
        q &= any_of([filter_q(sub, builders, matching) for sub in where.or_])
    if where.not_ is not None:
        # Not SQL's NOT: a comparison with NULL is never true, so `NOT (manager = 5)` would drop
        # the rows without a manager. "Every row but the matching ones" keeps them.
        inner = filter_q(where.not_, builders, matching)
        q &= Q(id__not_in=Subquery(matching(inner).values("id")))
    return q


@dataclass(frozen=True)
class SortKey:
    """A sortable column: `column` is ordered and compared, `parse` reads it from a cursor."""

    column: str
    parse: Callable[[Any], Any] = lambda value: value


@dataclass(frozen=True)
class PageRequest:
    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


@dataclass
class Page(Generic[M]):
    rows: list[M]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    count_total: Callable[[], Awaitable[int]]


async def paginate(
    queryset: QuerySet[M], order: Sequence[tuple[SortKey, bool]], request: PageRequest
) -> Page[M]:
    """One page of `queryset` in `order` ((key, descending) pairs; `id` is appended as the
    tie-breaker unless the order ends with it), after/before the given cursors."""
    size, backward = _page_size(request)
    keys = list(order)
    if not keys or keys[-1][0].column != "id":
        keys.append((SortKey("id", int), keys[-1][1] if keys else False))
    cursor = request.before if backward else request.after
    page_qs = queryset
    if cursor is not None:
        page_qs = page_qs.filter(_beyond(keys, _decode(cursor, keys), backward))
    directions = [(key, descending != backward) for key, descending in keys]
    page_qs = page_qs.order_by(*[("-" if desc else "") + key.column for key, desc in directions])
    rows = list(await page_qs.limit(size + 1))
    more = len(rows) > size
    rows = rows[:size]
    if backward:
        rows.reverse()
    return Page(
        rows=rows,
        cursors=[_encode(row, keys) for row in rows],
        has_next_page=more if not backward else request.before is not None,
        has_previous_page=more if backward else request.after is not None,
        count_total=queryset.count,
    )


def _page_size(request: PageRequest) -> tuple[int, bool]:
    if request.first is not None and request.last is not None:
        raise _invalid("Give either first or last, not both.", "first")
    backward = request.last is not None
    size = request.last if backward else request.first
    if size is None:
        return DEFAULT_PAGE_SIZE, backward
    if size < 0 or size > MAX_PAGE_SIZE:
        raise _invalid(f"Page size must be between 0 and {MAX_PAGE_SIZE}.", "last" if backward else "first")
    return size, backward


def _beyond(keys: list[tuple[SortKey, bool]], values: list[Any], backward: bool) -> Q:
    """Rows strictly after (or before) the cursor row in the sort order."""
    steps = []
    for index, (key, descending) in enumerate(keys):
        earlier_equal = {k.column: values[i] for i, (k, _) in enumerate(keys[:index])}
        operator = "lt" if descending != backward else "gt"
        steps.append(Q(**earlier_equal, **{f"{key.column}__{operator}": values[index]}))
    return any_of(steps)


def _encode(row: Model, keys: list[tuple[SortKey, bool]]) -> str:
    values: list[JsonValue] = [json_safe(getattr(row, key.column)) for key, _ in keys]
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode().rstrip("=")


def _decode(cursor: str, keys: list[tuple[SortKey, bool]]) -> list[Any]:
    try:
        raw = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError(cursor)
        return [key.parse(value) for (key, _), value in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, ArithmeticError, binascii.Error, orjson.JSONDecodeError) as exc:
        raise _invalid("This cursor is not valid for this list and sort order.", "after") from exc


def _invalid(message: str, *field: str) -> ServiceError:
    return ServiceError.single(ErrorCode.INVALID, message, *field)
