"""A page of customers as plain rows, for the compiled read path (gql/compiled): one statement
for the page with the reseller and account manager joined and the tags aggregated (services/rows.py
runs it), no model instantiated; the total, when asked for, runs alongside.

Every rule is the list's own: the page's WHERE, ORDER BY, cursors, scope and permission come
from `customer_page_query` (the statement `list_customers` runs, whose SQL is reused here), the
joined relations' scope from `visible_resellers` / `visible_users` (the very querysets
`related_of` reads through). Statements are built once per shape (fields, relations, arguments
and the principal's scope) and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from models import Customer, CustomerTag, Reseller, User
from services import rows
from services.actor import Actor
from services.customers import queries
from services.customers.queries import CustomerSortField, customer_page_query
from services.customers.scope import visible_resellers, visible_users
from services.listing import Filter, PageRequest
from services.rows import RowPage, RowStatement, StatementCache

STATEMENTS = StatementCache()


@dataclass(frozen=True)
class Wanted:
    """What the page's rows carry: customer fields, reseller and account manager fields (None:
    not read), tags, and whether the total is counted. A row's `reseller` and
    `account_manager` are dicts of their fields or None, its `tags` a list."""

    customer: tuple[str, ...]
    reseller: tuple[str, ...] | None = None
    manager: tuple[str, ...] | None = None
    tags: bool = False
    total: bool = False


async def customer_rows(
    actor: Actor,
    page: PageRequest,
    wanted: Wanted,
    where: Filter | None = None,
    search: str | None = None,
    sort: Sequence[tuple[CustomerSortField, bool]] = (),
) -> RowPage:
    """The page `list_customers` reads (same refusals), as rows with what `wanted` names."""
    queries.check_list(actor, where, search, sort)  # per request, as list_customers does
    key = None
    if where is None and not search and page.after is None and page.before is None:
        scope = (actor.account_id, actor.reseller_id, actor.is_portal, actor.customer_id)
        key = (scope, page.first, page.last, wanted, tuple(sort), Customer._meta.db.capabilities.dialect)
    statement = STATEMENTS.get(key, lambda: _statement(actor, page, wanted, where, search, sort))
    return await rows.run(statement)


def _statement(
    actor: Actor,
    page: PageRequest,
    wanted: Wanted,
    where: Filter | None,
    search: str | None,
    sort: Sequence[tuple[CustomerSortField, bool]],
) -> RowStatement:
    query = customer_page_query(actor, page, where, search, sort)
    fields = list(wanted.customer)
    if wanted.reseller is not None:
        fields.append("reseller_id")
    if wanted.manager is not None:
        fields.append("account_manager_id")
    columns = rows.columns_of(query, fields)
    inner_sql, parameters = rows.sql_of(query.page.values(*columns))
    select = ['"p".*']
    joins = []
    related: list[tuple[str, str, list[tuple[str, rows.Convert]]]] = []
    for name, alias, fk, model, scope, wanted_fields in (
        ("reseller", "r", "reseller_id", Reseller, visible_resellers, wanted.reseller),
        ("account_manager", "u", "account_manager_id", User, visible_users, wanted.manager),
    ):
        if wanted_fields is None:
            continue
        names = list(dict.fromkeys(["id", *wanted_fields]))
        sql, _ = rows.sql_of(scope(actor).values(*names), inline=True)
        joins.append(f'LEFT JOIN ({sql}) AS "{alias}" ON "{alias}"."id" = "p"."{fk}"')
        select += [f'"{alias}"."{field}" AS "{alias}__{field}"' for field in names]
        related.append((name, alias, [(field, rows.conversion(model, field)) for field in names]))
    tags_json = False
    if wanted.tags:
        # each customer's tags in the order they were given (`tags_of`), aggregated per row
        table = CustomerTag._meta.db_table
        tagged = (
            f'SELECT "t"."tag" FROM "{table}" AS "t" WHERE "t"."customer_id" = "p"."id" ORDER BY "t"."id"'
        )
        if Customer._meta.db.capabilities.dialect == "postgres":
            select.append(f'ARRAY({tagged}) AS "t__tags"')
        else:
            tags_json = True
            select.append(f'(SELECT json_group_array("tag") FROM ({tagged})) AS "t__tags"')
    order = ", ".join(f'"p"."{column}" {"DESC" if desc else "ASC"}' for column, desc in query.directions)
    sql = f'SELECT {", ".join(select)} FROM ({inner_sql}) AS "p" {" ".join(joins)} ORDER BY {order}'
    count_sql, count_parameters = rows.sql_of(query.queryset.count()) if wanted.total else (None, [])
    tags = wanted.tags

    def extra(record: Any, row: dict[str, Any]) -> None:
        for name, alias, converts in related:
            row[name] = (
                {field: convert(record[f"{alias}__{field}"]) for field, convert in converts}
                if record[f"{alias}__id"] is not None
                else None
            )
        if tags:
            value = record["t__tags"]
            row["tags"] = orjson.loads(value) if tags_json else list(value)

    return RowStatement(
        Customer,
        sql,
        parameters,
        count_sql,
        count_parameters,
        rows.conversions(query, columns),
        query,
        extra,
    )
