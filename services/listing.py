"""Typed filters, sorting and keyset pagination for every list, at a constant query count.

A page is one SELECT (plus one COUNT when the total is asked for). Cursors carry the sort values
of the row and its id, so pages stay stable while rows are added or removed elsewhere.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Generic, TypeVar

import orjson
from tortoise.expressions import Q, RawSQL, Subquery
from tortoise.models import Model
from tortoise.queryset import QuerySet

from services.auditing import JsonValue, json_safe
from services.errors import ErrorCode, ServiceError

M = TypeVar("M", bound=Model)
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# A filter is a tree the database plans and runs: bound its shape so one request cannot ask
# for a statement no engine parses (SQLite's parser overflows near 30 nested NOTs).
MAX_FILTER_DEPTH = 5  # nested AND / OR / NOT levels, the top filter being level 1
MAX_FILTER_BRANCHES = 50  # filters in one AND or OR list
MAX_FILTER_PARTS = 200  # filters in the whole tree
MAX_FILTER_VALUES = 100  # values in one `in`, `notIn`, `containsAny` or `containsAll` list
# Decimal operands stay within what the numeric columns hold (money is below 1e15).
MAX_FILTER_DECIMAL = Decimal("1e15")
FILTER_DECIMAL_PLACES = 10
MAX_SEARCH_LENGTH = 200
# Cursors carry a few sort values: a longer one is not one of ours.
MAX_CURSOR_LENGTH = 1_000


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


def column_condition(column: str, model: type[Model] | None = None) -> ConditionBuilder:
    """Plain column operators: each operator given becomes one ANDed lookup. With the model,
    every operand must fit the column (a longer text or a larger number than the column holds
    is refused: Tortoise or the driver would fail on it)."""

    def build(condition: Condition) -> Q:
        check_operands(condition, column_limits(model, column) if model else {})
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
    """The Q of a filter whose shape is within the limits (INVALID otherwise)."""
    _check_shape(where)
    return _filter_q(where, builders, matching)


def _filter_q(where: Filter, builders: dict[str, ConditionBuilder], matching: Matching) -> Q:
    q = Q()
    for name, condition in where.conditions.items():
        q &= builders[name](condition)
    for sub in where.and_:
        q &= _filter_q(sub, builders, matching)
    if where.or_:
        q &= any_of([_filter_q(sub, builders, matching) for sub in where.or_])
    if where.not_ is not None:
        # Not SQL's NOT: a comparison with NULL is never true, so `NOT (manager = 5)` would drop
        # the rows without a manager. "Every row but the matching ones" keeps them.
        inner = _filter_q(where.not_, builders, matching)
        q &= Q(id__not_in=Subquery(matching(inner).values("id")))
    return q


def _check_shape(where: Filter) -> None:
    """Depth, width and size of the tree, walked without recursion (a hostile tree may be
    deeper than the stack) and stopped at the first excess."""
    parts = 0
    pending = [(where, 1)]
    while pending:
        current, depth = pending.pop()
        parts += 1
        if depth > MAX_FILTER_DEPTH:
            raise _invalid(f"Filters nest at most {MAX_FILTER_DEPTH} levels deep.", "where")
        if parts > MAX_FILTER_PARTS:
            raise _invalid(f"A filter has at most {MAX_FILTER_PARTS} parts in all.", "where")
        for branches in (current.and_, current.or_):
            if len(branches) > MAX_FILTER_BRANCHES:
                raise _invalid(f"AND and OR take at most {MAX_FILTER_BRANCHES} filters each.", "where")
            pending.extend((sub, depth + 1) for sub in branches)
        if current.not_ is not None:
            pending.append((current.not_, depth + 1))


def column_limits(model: type[Model], column: str) -> dict[str, Any]:
    """Tortoise's constraints of a column (`max_length`, `ge`, `le`), read when a query is built:
    foreign-key columns join the model's fields only once the ORM is initialised."""
    constraints: dict[str, Any] = model._meta.fields_map[column].constraints
    return constraints


def check_operands(condition: Condition, limits: dict[str, Any]) -> None:
    """Every operand of the condition fits a column with these constraints (INVALID otherwise)."""
    for operator in dataclass_fields(condition):
        value = getattr(condition, operator.name)
        values = value if isinstance(value, list | tuple) else [value]
        if len(values) > MAX_FILTER_VALUES:
            raise _invalid(f"A filter list has at most {MAX_FILTER_VALUES} values.", "where")
        for item in values:
            problem = operand_problem(item, limits)
            if problem is not None:
                raise _invalid(problem, "where")


def operand_problem(value: Any, limits: dict[str, Any]) -> str | None:
    """Why `value` cannot be compared with a column of these Tortoise constraints, if it cannot."""
    if isinstance(value, str):
        if "\x00" in value:
            return "A filter text cannot contain NUL characters."
        max_length = limits.get("max_length")
        if max_length is not None and len(value) > max_length:
            return f"A filter text on this field has at most {max_length} characters."
    elif isinstance(value, Decimal):
        if not value.is_finite() or abs(value) >= MAX_FILTER_DECIMAL:
            return (
                f"A filter decimal is between -{MAX_FILTER_DECIMAL:f} and {MAX_FILTER_DECIMAL:f}, exclusive."
            )
        if value.normalize().as_tuple().exponent < -FILTER_DECIMAL_PLACES:  # type: ignore[operator]
            return f"A filter decimal has at most {FILTER_DECIMAL_PLACES} decimal places."
    elif (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not limits.get("ge", value) <= value <= limits.get("le", value)
    ):
        return f"A filter number on this field is between {limits['ge']} and {limits['le']}."
    return None


def check_search(search: str | None, *field: str) -> None:
    """Free text for a search: bounded, and without NUL (PostgreSQL text cannot hold it)."""
    if search is None:
        return
    if len(search) > MAX_SEARCH_LENGTH:
        raise _invalid(f"A search has at most {MAX_SEARCH_LENGTH} characters.", *field)
    if "\x00" in search:
        raise _invalid("A search cannot contain NUL characters.", *field)


@dataclass(frozen=True)
class SortKey:
    """A sortable column: `column` is ordered and compared, `parse` reads it from a cursor (and
    raises ValueError, TypeError or ArithmeticError on anything this column cannot hold)."""

    column: str
    parse: Callable[[Any], Any] = lambda value: value


def cursor_int(model: type[Model], column: str) -> Callable[[Any], int]:
    """A whole number read from a cursor, within the column's range."""

    def parse(value: Any) -> int:
        limits = column_limits(model, column)
        if not isinstance(value, int) or isinstance(value, bool) or not limits["ge"] <= value <= limits["le"]:
            raise ValueError(value)
        return value

    return parse


def cursor_text(model: type[Model], column: str) -> Callable[[Any], str]:
    """A text read from a cursor, that the column can hold."""

    def parse(value: Any) -> str:
        if not isinstance(value, str) or operand_problem(value, column_limits(model, column)) is not None:
            raise ValueError(value)
        return value

    return parse


def cursor_decimal(value: Any) -> Decimal:
    """A decimal read from a cursor, within the filter range (SQLite's numeric cast may have
    written it as a JSON number)."""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise TypeError(value)
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(value) from exc
    if operand_problem(number, {}) is not None:
        raise ValueError(value)
    return number


def cursor_datetime(value: Any) -> datetime:
    """An ISO 8601 time with its offset, read from a cursor, in UTC."""
    if not isinstance(value, str):
        raise TypeError(value)
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(value)
    return parsed.astimezone(UTC)


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
    tie-breaker unless the order ends with it), as the Relay connection spec slices it: the rows
    after `after` and before `before` (each cursor given is applied), then the first `first` of
    them, or the last `last` (the first DEFAULT_PAGE_SIZE when neither is given)."""
    plan = page_query(queryset, order, request)
    rows = list(await plan.page)
    more = len(rows) > plan.size
    rows = rows[: plan.size]
    if plan.backward:
        rows.reverse()
    return Page(
        rows=rows,
        cursors=[encode_cursor(row, plan.keys) for row in rows],
        has_next_page=plan.has_next_page(more),
        has_previous_page=plan.has_previous_page(more),
        count_total=queryset.count,
    )


@dataclass(frozen=True)
class PageQuery(Generic[M]):
    """What `paginate` runs: `page` is `queryset` past the cursors, in order, limited to one row
    more than the page (the compiled read path runs its SQL itself, gql/compiled)."""

    queryset: QuerySet[M]
    page: QuerySet[M]
    keys: list[tuple[SortKey, bool]]
    directions: list[tuple[str, bool]]  # (column, descending) as the statement orders
    size: int
    backward: bool
    request: PageRequest

    def has_next_page(self, more: bool) -> bool:
        # Beyond a cursor there is at least the cursor's own row (the spec lets a server answer
        # so when it cannot tell cheaply).
        return (more and not self.backward) or self.request.before is not None

    def has_previous_page(self, more: bool) -> bool:
        return (more and self.backward) or self.request.after is not None


def page_query(
    queryset: QuerySet[M], order: Sequence[tuple[SortKey, bool]], request: PageRequest
) -> PageQuery[M]:
    """The statement of one page (see `paginate`); INVALID for a bad size or cursor."""
    size, backward = _page_size(request)
    keys = _with_tie_breaker(queryset, order)
    page_qs = queryset
    if request.after is not None:
        page_qs = page_qs.filter(_beyond(keys, _decode(request.after, keys, "after"), backward=False))
    if request.before is not None:
        page_qs = page_qs.filter(_beyond(keys, _decode(request.before, keys, "before"), backward=True))
    directions = [(key.column, descending != backward) for key, descending in keys]
    page_qs = page_qs.order_by(*[("-" if desc else "") + column for column, desc in directions])
    return PageQuery(queryset, page_qs.limit(size + 1), keys, directions, size, backward, request)


async def paginate_each(
    queryset: QuerySet[M],
    group: str,
    groups: Sequence[Any],
    order: Sequence[tuple[SortKey, bool]],
    request: PageRequest,
) -> dict[Any, Page[M]]:
    """A page of `queryset` for each value of the column `group` in `groups` (each customer's
    first contacts), all in one statement whatever the number of groups: the rows are ranked
    within their group in `order` (ROW_NUMBER() OVER (PARTITION BY ...), on every engine) and
    the first `first` + 1 of each kept. Forward only: `after`, when given, applies to every group.
    `order` names columns of the model itself. A page's `count_total` counts its own group (one
    statement each: batch totals with a GROUP BY where many are asked for)."""
    if request.last is not None or request.before is not None:
        raise _invalid("This list pages forward only: give first and after.", "last")
    size, _ = _page_size(request)
    keys = _with_tie_breaker(queryset, order)
    page_qs = queryset
    if request.after is not None:
        page_qs = page_qs.filter(_beyond(keys, _decode(request.after, keys, "after"), backward=False))
    ranked = await _first_of_each(page_qs, group, keys, size + 1)
    members: dict[Any, list[M]] = {value: [] for value in groups}
    for row in ranked:
        members.setdefault(getattr(row, group), []).append(row)
    return {
        value: Page(
            rows=rows[:size],
            cursors=[encode_cursor(row, keys) for row in rows[:size]],
            has_next_page=len(rows) > size,
            has_previous_page=request.after is not None,
            count_total=queryset.filter(**{group: value}).count,
        )
        for value, rows in members.items()
    }


def _with_tie_breaker(
    queryset: QuerySet[M], order: Sequence[tuple[SortKey, bool]]
) -> list[tuple[SortKey, bool]]:
    """The order with `id` appended (in the last key's direction) unless it ends with it."""
    keys = list(order)
    if not keys or keys[-1][0].column != "id":
        id_key = SortKey("id", cursor_int(queryset.model, queryset.model._meta.pk_attr))
        keys.append((id_key, keys[-1][1] if keys else False))
    return keys


async def _first_of_each(
    queryset: QuerySet[M], group: str, keys: list[tuple[SortKey, bool]], limit: int
) -> list[M]:
    """The first `limit` rows of each group, in group then sort order. Tortoise cannot filter on a
    window function (that needs a derived table), so the ranked query it builds, parameters
    and all, is wrapped in one here and run by the model's own executor (the same row
    conversion as any query)."""
    meta = queryset.model._meta
    table = meta.db_table
    columns = [group, *(key.column for key, _ in keys)]
    unknown = [column for column in columns if column not in meta.fields_db_projection.values()]
    assert not unknown, f"ranked lists order by columns of {table} only, not {unknown}"
    order_sql = ", ".join(f'"{table}"."{key.column}" {"DESC" if desc else "ASC"}' for key, desc in keys)
    rank = RawSQL(f'ROW_NUMBER() OVER (PARTITION BY "{table}"."{group}" ORDER BY {order_sql})')
    ranked = queryset.annotate(group_rank=rank)
    ranked.sql()  # builds the query
    inner, parameters = ranked.query.get_parameterized_sql()
    statement = (
        f'SELECT * FROM ({inner}) AS "ranked" WHERE "ranked"."group_rank" <= {int(limit)} '
        f'ORDER BY "ranked"."{group}", "ranked"."group_rank"'
    )
    db = meta.db
    rows: list[M] = await db.executor_class(model=queryset.model, db=db).execute_select(
        statement, list(parameters), custom_fields=["group_rank"]
    )
    return rows


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


def encode_cursor(row: Any, keys: list[tuple[SortKey, bool]]) -> str:
    values: list[JsonValue] = [json_safe(getattr(row, key.column)) for key, _ in keys]
    return base64.urlsafe_b64encode(orjson.dumps(values)).decode().rstrip("=")


def _decode(cursor: str, keys: list[tuple[SortKey, bool]], argument: str) -> list[Any]:
    """The sort values in a cursor; INVALID (naming the argument) unless each one is a value
    its column can hold: a cursor is client input like any other."""
    try:
        if len(cursor) > MAX_CURSOR_LENGTH:
            raise ValueError(argument)
        raw = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(raw, list) or len(raw) != len(keys):
            raise ValueError(cursor)
        return [key.parse(value) for (key, _), value in zip(keys, raw, strict=True)]
    except (ValueError, TypeError, ArithmeticError, binascii.Error, orjson.JSONDecodeError) as exc:
        raise _invalid("This cursor is not valid for this list and sort order.", argument) from exc


def _invalid(message: str, *field: str) -> ServiceError:
    return ServiceError.single(ErrorCode.INVALID, message, *field)
