"""The partial index of live customers per account (migration 7, both engines), which makes the
customers list's `totalCount` an index-only count."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from tortoise import Tortoise

from tests.conftest import ENGINE
from tests.factories import make_account, make_customer

COUNT = 'SELECT COUNT(*) FROM "customer" WHERE "account_id" = {} AND "deleted_at" IS NULL'


async def index_definition() -> str:
    conn = Tortoise.get_connection("default")
    if ENGINE == "postgres":
        rows: list[Any] = await conn.execute_query_dict(
            "SELECT indexdef AS sql FROM pg_indexes WHERE indexname = 'idx_customer_live_account'"
        )
    else:
        rows = await conn.execute_query_dict(
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'idx_customer_live_account'"
        )
    return " ".join(str(row["sql"]) for row in rows)


async def test_the_migrated_database_has_the_live_customers_index(app: Starlette) -> None:
    definition = await index_definition()
    expected = {
        "postgres": "CREATE INDEX idx_customer_live_account ON public.customer USING btree (account_id) "
        "WHERE (deleted_at IS NULL)",
        "sqlite": 'CREATE INDEX "idx_customer_live_account" ON "customer" ("account_id") WHERE "deleted_at" IS NULL',
    }
    assert definition == expected[ENGINE]


async def test_sqlite_counts_live_customers_through_the_index(app: Starlette) -> None:
    if ENGINE != "sqlite":
        return  # PostgreSQL's planner picks it by statistics (see bench/README.md)
    account = await make_account()
    await make_customer(account)
    conn = Tortoise.get_connection("default")
    plan = await conn.execute_query_dict("EXPLAIN QUERY PLAN " + COUNT.format(account.id))
    assert [row["detail"] for row in plan] == [
        "SEARCH customer USING INDEX idx_customer_live_account (account_id=?)"
    ]
