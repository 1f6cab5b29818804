"""Benchmark: the Summaries read (services/cdrs/summaries.py) on PostgreSQL, in process.

    uv run python bench/run_summaries.py [--customers 1000] [--repeats 15] [--keep-db]

1. (Re)creates the database `switchboard_bench_summaries` and migrates it. Seeds one account,
   `--customers` customers (Customer.bulk_create) and a full month of hourly summary rows for
   each (October 2026 plus the first hour of November: 745 rows per customer, 745 000 for 1 000
   customers, loaded with COPY), every hour with calls; then ANALYZE.
2. Times `summaries_of_customers` (what the root `summaries` field and the Customer.summaries
   loader call) for LAST_24_HOURS ("now" = 1 Nov 2026 00:30 UTC) and MONTHLY (October), for one
   customer and for all `--customers`: `--repeats` runs each after one warm-up, p50 and max.
   Also counts the SQL statements of each read (Tortoise's db_client logger).
3. Prints a table, writes bench/results/summaries.json and drops the database (unless --keep-db).
"""

from __future__ import annotations

import asyncio
import io
import logging
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
from common import (
    add_keep_db,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    latency,
    machine,
    machine_summary,
    parse_options,
    print_report,
    relative,
    server_version,
    write_json,
)

DB_NAME = "switchboard_bench_summaries"
MONTH_START = datetime(2026, 10, 1, tzinfo=UTC)
HOURS = 31 * 24 + 1
NOW = datetime(2026, 11, 1, 0, 30, tzinfo=UTC)


@dataclass
class Options:
    customers: int
    repeats: int
    keep_db: bool


class Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().lstrip().split(" ", 1)[0].upper() in {"SELECT", "WITH"}:
            self.count += 1


async def seed(database_url: str, customers: int) -> tuple[int, list[int], float]:
    from models import Customer
    from services.accounts import create_account

    started = time.perf_counter()
    rng = random.Random(20_261_101)
    account = await create_account("Bench Carrier")
    await Customer.bulk_create(
        [
            Customer(
                account_id=account.id, name=f"Customer {i:05d}", name_key=f"customer {i:05d}", currency="EUR"
            )
            for i in range(customers)
        ],
        batch_size=1000,
    )
    ids: list[int] = [customer.id for customer in await Customer.filter(account_id=account.id).order_by("id")]
    buffer = io.StringIO()
    for customer_id in ids:
        for h in range(HOURS):
            attempts = rng.randint(1, 200)
            connected = rng.randint(0, attempts)
            duration = connected * rng.randint(10, 300)
            charge = duration * rng.randint(1, 200)
            hour = (MONTH_START + timedelta(hours=h)).isoformat()
            buffer.write(
                f"{account.id}\t{customer_id}\t{hour}\t{attempts}\t{connected}\t{duration}\t{duration}\t"
                f"{charge}\t{charge * 2 // 3}\t{attempts * 1200}\t{hour}\n"
            )
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await connection.copy_to_table(
            "cdr_hourly_summary",
            source=io.BytesIO(buffer.getvalue().encode()),
            columns=[
                "account_id",
                "customer_id",
                "hour",
                "attempts",
                "connected",
                "duration",
                "billed_duration",
                "charge_units",
                "cost_units",
                "pdd_sum",
                "computed_at",
            ],
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return account.id, ids, time.perf_counter() - started


async def timed(account_id: int, ids: list[int], period: str, repeats: int) -> dict[str, Any]:
    from models.enums import ActorKind, Permission
    from services.actor import Actor
    from services.cdrs.summaries import SummaryPeriod, SummaryQuery, summaries_of_customers

    actor = Actor(account_id, ActorKind.API_KEY, "bench", frozenset({Permission.BILLING_READ}), api_key_id=1)
    query = (
        SummaryQuery(SummaryPeriod.LAST_24_HOURS)
        if period == "LAST_24_HOURS"
        else SummaryQuery(SummaryPeriod.MONTHLY, MONTH_START, MONTH_START + timedelta(days=31))
    )
    statements = Statements()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(statements)
    logger.setLevel(logging.DEBUG)
    found = await summaries_of_customers(actor, ids, query, NOW)  # warm-up, and the statement count
    logger.setLevel(logging.WARNING)
    logger.removeHandler(statements)
    rows = sum(len(s.rows) for s in found.values())
    attempts = sum(s.totals.sums.attempts for s in found.values() if s.totals)
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        await summaries_of_customers(actor, ids, query, NOW)
        seconds.append(time.perf_counter() - started)
    stats = latency(seconds)
    return {
        "period": period,
        "customers": len(ids),
        "rows_answered": rows,
        "attempts_summed": attempts,
        "statements": statements.count,
        "p50_ms": stats.p50_ms,
        "max_ms": stats.max_ms,
    }


async def run(options: Options) -> None:
    from tortoise import Tortoise

    from settings import Settings

    async with bench_database(DB_NAME, options.keep_db) as database_url:
        await Tortoise.init(config=Settings(database_url=database_url).tortoise_config())
        try:
            account_id, ids, seed_seconds = await seed(database_url, options.customers)
            results = [
                await timed(account_id, chosen, period, options.repeats)
                for period in ("LAST_24_HOURS", "MONTHLY")
                for chosen in (ids[:1], ids)
            ]
        finally:
            await Tortoise.close_connections()
        meta = {**machine(), "postgres": await server_version(database_url)}
    output = write_json(
        "summaries.json",
        {
            "meta": meta,
            "seed_seconds": round(seed_seconds, 1),
            "hourly_rows": len(ids) * HOURS,
            "results": results,
        },
    )
    lines = [
        f"Summaries read, {len(ids) * HOURS} hourly rows seeded in {seed_seconds:.1f} s; {machine_summary(meta)}",
        f"{'period':<14} {'customers':>9} {'rows':>7} {'stmts':>5} {'p50 ms':>9} {'max ms':>9}",
    ]
    for r in results:
        lines.append(
            f"{r['period']:<14} {r['customers']:>9} {r['rows_answered']:>7} {r['statements']:>5} "
            f"{r['p50_ms']:>9.1f} {r['max_ms']:>9.1f}"
        )
    print_report("\n".join(lines), str(relative(output)))


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--customers", type=int, default=1000, help="customers seeded and read at once")
    parser.add_argument("--repeats", type=int, default=15, help="timed runs per case")
    add_keep_db(parser, DB_NAME)
    asyncio.run(run(parse_options(parser, Options)))


if __name__ == "__main__":
    main()
