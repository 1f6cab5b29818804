"""Pages as plain rows, for the compiled read path (gql/compiled): a list's own page statement
(`services.listing.page_query`, after the list's own checks), its SQL reused as it is, selecting
only the wanted columns, run on the connection directly; values converted as Tortoise converts
them for a model, no model instantiated. The total, when wanted, runs alongside."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from tortoise.models import Model

from services.listing import PageQuery, encode_cursor

STATEMENT_CACHE_SIZE = 512
Convert = Callable[[Any], Any]


@dataclass
class RowPage:
    """Rows as dicts of Python values by field name, their cursors, the page flags and the total
    (None unless wanted)."""

    rows: list[dict[str, Any]]
    cursors: list[str]
    has_next_page: bool
    has_previous_page: bool
    total: int | None


@dataclass(frozen=True)
class RowStatement:
    """A page's statement and how to read its records (`extra` adds joined values to a row)."""

    model: type[Model]
    sql: str
    parameters: list[Any]
    count_sql: str | None
    count_parameters: list[Any]
    columns: list[tuple[str, Convert]]  # (field = column alias, conversion)
    query: PageQuery[Any]
    extra: Callable[[Any, dict[str, Any]], None] | None = field(default=None)


class StatementCache:
    """Statements by shape, least recently used dropped past `size`."""

    def __init__(self, size: int = STATEMENT_CACHE_SIZE) -> None:
        self.size = size
        self._statements: OrderedDict[Hashable, RowStatement] = OrderedDict()

    def get(self, key: Hashable | None, build: Callable[[], RowStatement]) -> RowStatement:
        if key is None:
            return build()
        found = self._statements.get(key)
        if found is not None:
            self._statements.move_to_end(key)
            return found
        built = self._statements[key] = build()
        if len(self._statements) > self.size:
            self._statements.popitem(last=False)
        return built


def columns_of(query: PageQuery[Any], wanted: list[str]) -> list[str]:
    """The wanted fields plus the id and the sort keys (for the cursors), once each."""
    columns = dict.fromkeys(["id", *wanted])
    for key, _ in query.keys:
        columns[key.column] = None
    return list(columns)


def plain_statement(query: PageQuery[Any], wanted: list[str], total: bool) -> RowStatement:
    """The page's statement selecting these fields only."""
    model = query.queryset.model
    columns = columns_of(query, wanted)
    sql, parameters = sql_of(query.page.values(*columns))
    count_sql, count_parameters = sql_of(query.queryset.count()) if total else (None, [])
    return RowStatement(
        model, sql, parameters, count_sql, count_parameters, conversions(query, columns), query
    )


def conversions(query: PageQuery[Any], columns: list[str]) -> list[tuple[str, Convert]]:
    annotations = set(query.queryset._annotations)
    model = query.queryset.model
    return [(name, _raw if name in annotations else conversion(model, name)) for name in columns]


def sql_of(queryset: Any, inline: bool = False) -> tuple[str, list[Any]]:
    """A queryset's SQL and parameters (inline: with the parameters written in)."""
    queryset.sql()  # builds the query
    if inline:
        return queryset.query.get_sql(), []
    sql, parameters = queryset.query.get_parameterized_sql()
    return sql, list(parameters)


async def run(statement: RowStatement) -> RowPage:
    db = statement.model._meta.db
    total: int | None = None
    if statement.count_sql is not None:
        (_, raw), (_, counted) = await asyncio.gather(
            db.execute_query(statement.sql, statement.parameters),
            db.execute_query(statement.count_sql, statement.count_parameters),
        )
        total = int(counted[0][0])
    else:
        _, raw = await db.execute_query(statement.sql, statement.parameters)
    query = statement.query
    more = len(raw) > query.size
    raw = list(raw[: query.size])
    if query.backward:
        raw.reverse()
    columns, extra = statement.columns, statement.extra
    rows = []
    for record in raw:
        row = {name: convert(record[name]) for name, convert in columns}
        if extra is not None:
            extra(record, row)
        rows.append(row)
    return RowPage(
        rows=rows,
        cursors=[encode_cursor(_Values(row), query.keys) for row in rows],
        has_next_page=query.has_next_page(more),
        has_previous_page=query.has_previous_page(more),
        total=total,
    )


class _Values:
    """Attribute access on a row's values (for `encode_cursor`)."""

    __slots__ = ("values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values

    def __getattr__(self, name: str) -> Any:
        return self.values[name]


def _raw(value: Any) -> Any:
    return value


def conversion(model: type[Model], name: str) -> Convert:
    """How Tortoise converts this field's database value when it builds a model."""
    meta = model._meta
    column = meta.fields_db_projection[name]
    for key, _, _field in meta.db_native_fields:
        if key == column:
            return _raw
    for key, _, db_field in meta.db_default_fields:
        if key == column:
            field_type = db_field.field_type
            return lambda value: field_type(value) if value is not None else None
    to_python: Convert = meta.fields_map[name].to_python_value
    return to_python
