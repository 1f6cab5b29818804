"""A page of customers as plain rows, for the compiled read path (gql/compiled): one statement
for the page with the reseller and account manager joined and the tags aggregated, run on the
connection directly, no model instantiated; the total, when asked for, runs alongside.

Every rule is the list's own: the page's WHERE, ORDER BY, cursors, scope and permission come
from `customer_page_query` (the statement `list_customers` runs, whose SQL is reused here), the
joined relations' scope from `visible_resellers` / `visible_users` (the very querysets
`related_of` reads through), and the values are converted as Tortoise converts them for a model.
Statements are built once per shape (columns, relations, arguments and the principal's scope)
and kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from tortoise.models import Model

from models import Customer, CustomerTag, Reseller, User
from services.actor import Actor
from services.customers.queries import CustomerSortField, check_list, customer_page_query
from services.customers.scope import visible_resellers, visible_users
from services.listing import Filter, PageRequest, encode_cursor

STATEMENT_CACHE_SIZE = 512
Convert = Callable[[Any], Any]


@dataclass(frozen=True)
class Wanted:
    """What the page's rows carry: customer fields, reseller and account manager fields (None:
    not read), tags, and whether the total is counted."""

    customer: tuple[str, ...]
    reseller: tuple[str, ...] | None = None
    manager: tuple[str, ...] | None = None
    tags: bool = False
    total: bool = False


@dataclass
class RowPage:
    """Rows as dicts of Python values by field name (`reseller` / `account_manager`: a dict or
    None; `tags`: a list), their cursors, the page flags and the total (None unless wanted)."""

    rows: list[dict[str, Any]]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total: int | None


@dataclass(frozen=True)
class _Statement:
    sql: str
    parameters: list[Any]
    count_sql: str | None
    count_parameters: list[Any]
    customer: list[tuple[str, str, Convert]]  # (field, column alias, conversion)
    reseller: list[tuple[str, str, Convert]]
    manager: list[tuple[str, str, Convert]]
    keys: Any
    size: int
    backward: bool
    has_next: Callable[[bool], bool]
    has_previous: Callable[[bool], bool]
    tags_json: bool


_STATEMENTS: OrderedDict[tuple[Any, ...], _Statement] = OrderedDict()


async def customer_rows(
    actor: Actor,
    page: PageRequest,
    wanted: Wanted,
    where: Filter | None = None,
    search: str | None = None,
    sort: Sequence[tuple[CustomerSortField, bool]] = (),
) -> RowPage:
    """The page `list_customers` reads (same refusals), as rows with what `wanted` names."""
    key = _cache_key(actor, page, wanted, where, search, sort)
    statement = _STATEMENTS.get(key) if key is not None else None
    if statement is None:
        statement = _statement(actor, page, wanted, where, search, sort)
        if key is not None:
            _STATEMENTS[key] = statement
            if len(_STATEMENTS) > STATEMENT_CACHE_SIZE:
                _STATEMENTS.popitem(last=False)
    else:
        assert key is not None
        _STATEMENTS.move_to_end(key)
        check_list(actor, where, search, sort)
    db = Customer._meta.db
    if statement.count_sql is not None:
        (_, raw), (_, counted) = await asyncio.gather(
            db.execute_query(statement.sql, statement.parameters),
            db.execute_query(statement.count_sql, statement.count_parameters),
        )
        total: int | None = int(counted[0][0])
    else:
        _, raw = await db.execute_query(statement.sql, statement.parameters)
        total = None
    more = len(raw) > statement.size
    raw = list(raw[: statement.size])
    if statement.backward:
        raw.reverse()
    rows = [_row(statement, record) for record in raw]
    return RowPage(
        rows=rows,
        cursors=[encode_cursor(_Values(row), statement.keys) for row in rows],
        has_next_page=statement.has_next(more),
        has_previous_page=statement.has_previous(more),
        total=total,
    )


class _Values:
    """Attribute access on a row's values (for `encode_cursor`)."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __getattr__(self, name: str) -> Any:
        return self.values[name]


def _row(statement: _Statement, record: Any) -> dict[str, Any]:
    row = {name: convert(record[alias]) for name, alias, convert in statement.customer}
    if statement.reseller:
        row["reseller"] = (
            {name: convert(record[alias]) for name, alias, convert in statement.reseller}
            if record["r__id"] is not None
            else None
        )
    if statement.manager:
        row["account_manager"] = (
            {name: convert(record[alias]) for name, alias, convert in statement.manager}
            if record["u__id"] is not None
            else None
        )
    if statement.tags_json:
        row["tags"] = orjson.loads(record["t__tags"])
    elif "t__tags" in record.keys():  # noqa: SIM118 - asyncpg records have no __contains__ by key
        row["tags"] = list(record["t__tags"])
    return row


def _cache_key(
    actor: Actor,
    page: PageRequest,
    wanted: Wanted,
    where: Filter | None,
    search: str | None,
    sort: Sequence[tuple[CustomerSortField, bool]],
) -> tuple[Any, ...] | None:
    """Statements are kept for lists without a filter or cursor (those vary per request)."""
    if where is not None or search or page.after is not None or page.before is not None:
        return None
    scope = (actor.account_id, actor.reseller_id, actor.is_portal, actor.customer_id)
    return (scope, page.first, page.last, wanted, tuple(sort), Customer._meta.db.capabilities.dialect)


def _statement(
    actor: Actor,
    page: PageRequest,
    wanted: Wanted,
    where: Filter | None,
    search: str | None,
    sort: Sequence[tuple[CustomerSortField, bool]],
) -> _Statement:
    query = customer_page_query(actor, page, where, search, sort)
    columns = dict.fromkeys(["id", *wanted.customer])
    if wanted.reseller is not None:
        columns["reseller_id"] = None
    if wanted.manager is not None:
        columns["account_manager_id"] = None
    annotations = set(query.queryset._annotations)
    for key, _ in query.keys:
        columns[key.column] = None
    inner_sql, parameters = _sql(query.page.values(*columns))
    dialect = Customer._meta.db.capabilities.dialect
    select = ['"p".*']
    joins = []
    reseller: list[tuple[str, str, Convert]] = []
    manager: list[tuple[str, str, Convert]] = []
    if wanted.reseller is not None:
        names = list(dict.fromkeys(["id", *wanted.reseller]))
        sql, _ = _sql(visible_resellers(actor).values(*names), inline=True)
        joins.append(f'LEFT JOIN ({sql}) AS "r" ON "r"."id" = "p"."reseller_id"')
        reseller = _fields(Reseller, names, "r__")
        select += [f'"r"."{name}" AS "r__{name}"' for name in names]
    if wanted.manager is not None:
        names = list(dict.fromkeys(["id", *wanted.manager]))
        sql, _ = _sql(visible_users(actor).values(*names), inline=True)
        joins.append(f'LEFT JOIN ({sql}) AS "u" ON "u"."id" = "p"."account_manager_id"')
        manager = _fields(User, names, "u__")
        select += [f'"u"."{name}" AS "u__{name}"' for name in names]
    tags_json = False
    if wanted.tags:
        # each customer's tags in the order they were given (`tags_of`), aggregated per row
        table = CustomerTag._meta.db_table
        tagged = (
            f'SELECT "t"."tag" FROM "{table}" AS "t" WHERE "t"."customer_id" = "p"."id" ORDER BY "t"."id"'
        )
        if dialect == "postgres":
            select.append(f'ARRAY({tagged}) AS "t__tags"')
        else:
            tags_json = True
            select.append(f'(SELECT json_group_array("tag") FROM ({tagged})) AS "t__tags"')
    order = ", ".join(f'"p"."{column}" {"DESC" if desc else "ASC"}' for column, desc in query.directions)
    sql = f'SELECT {", ".join(select)} FROM ({inner_sql}) AS "p" {" ".join(joins)} ORDER BY {order}'
    count_sql: str | None = None
    count_parameters: list[Any] = []
    if wanted.total:
        count_sql, count_parameters = _sql(query.queryset.count())
    customer = [
        (name, name, _raw if name in annotations else _conversion(Customer, name)) for name in columns
    ]
    return _Statement(
        sql,
        parameters,
        count_sql,
        count_parameters,
        customer,
        reseller,
        manager,
        query.keys,
        query.size,
        query.backward,
        query.has_next_page,
        query.has_previous_page,
        tags_json,
    )


def _sql(queryset: Any, inline: bool = False) -> tuple[str, list[Any]]:
    queryset.sql()  # builds the query
    if inline:
        return queryset.query.get_sql(), []
    sql, parameters = queryset.query.get_parameterized_sql()
    return sql, list(parameters)


def _fields(model: type[Model], names: list[str], prefix: str) -> list[tuple[str, str, Convert]]:
    return [(name, prefix + name, _conversion(model, name)) for name in names]


def _raw(value: Any) -> Any:
    return value


def _conversion(model: type[Model], name: str) -> Convert:
    """How Tortoise converts this field's database value when it builds a model."""
    meta = model._meta
    column = meta.fields_db_projection[name]
    for key, _, _field in meta.db_native_fields:
        if key == column:
            return _raw
    for key, _, field in meta.db_default_fields:
        if key == column:
            field_type = field.field_type
            return lambda value: field_type(value) if value is not None else None
    field = meta.fields_map[name]
    return field.to_python_value
