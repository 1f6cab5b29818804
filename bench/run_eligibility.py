"""Benchmark: dialingEligibilities (services/eligibility/) for 1 000 customers on PostgreSQL, in
process, next to a raw-SQL floor in the same run.

    uv run python bench/run_eligibility.py [--customers 1000] [--repeats 30] [--keep-db]

1. (Re)creates the database `switchboard_bench_eligibility` and migrates it. Seeds one account,
   an API key holding only switch:read, and `--customers` customers (Customer.bulk_create) with
   every rule's data in play: a third with a daily spend limit, a quarter with dialing windows in
   America/New_York or Europe/London (half of them overnight), a fifth requiring a verified
   e-mail (half with a verified contact), a tenth inactive, a fifth with a fresh channel count;
   two contacts per customer and 10 CDRs per customer started that day (COPY); then ANALYZE.
2. Times, each `--repeats` runs after one warm-up (p50 and max), with its SQL statements counted
   (Tortoise's db_client logger) where Tortoise runs them:
   - `api`: the GraphQL request `dialingEligibilities(customerIds: [1 000 ids], at: ...)` with the
     API key, through the real app (httpx.ASGITransport, no socket): authentication, parsing,
     validation, the service, serialization;
   - `service`: `eligibilities_of_customers` alone (what the resolver calls);
   - `raw SQL`: the same two statements hand-written on asyncpg (one pool connection), rows only:
     the floor of the reads;
   - `raw SQL + rules`: those rows turned into snapshots and evaluated by the same pure rules.
   The raw path's answers are checked equal to the service's before timing.
3. Prints a table, writes bench/results/eligibility.json and drops the database (unless --keep-db).
"""

from __future__ import annotations

import asyncio
import io
import logging
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from common import (
    SECRET_KEY,
    add_keep_db,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    global_id,
    latency,
    machine,
    machine_summary,
    parse_options,
    print_report,
    relative,
    server_version,
    write_json,
)

DB_NAME = "switchboard_bench_eligibility"
AT = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
DAY = datetime(2026, 11, 30, tzinfo=UTC)
QUERY = (
    "query($ids: [ID!]!, $at: DateTime) { dialingEligibilities(customerIds: $ids, at: $at) "
    "{ customerId allowed reasons { code message liftsAt } nextAllowedAt } }"
)
RAW_CUSTOMERS = """
SELECT c.id, c.status, c.balance, c.debit_limit, c.daily_spend_limit, c.channels, c.channels_in_use,
       c.channels_in_use_at, c.timezone, c.dial_windows, c.email_verification_required,
       c.mobile_verification_required,
       EXISTS (SELECT 1 FROM contact t WHERE t.customer_id = c.id AND t.email_verified) AS email_verified,
       EXISTS (SELECT 1 FROM contact t WHERE t.customer_id = c.id AND t.mobile_verified) AS mobile_verified
FROM customer c
WHERE c.account_id = $1 AND c.deleted_at IS NULL AND c.id = ANY($2::int[])"""
RAW_SPEND = """
SELECT customer_id, sum(charge_units) FROM cdr
WHERE account_id = $1 AND customer_id = ANY($2::int[]) AND hour >= $3 AND hour < $4
GROUP BY customer_id"""


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
        if record.getMessage().lstrip().split(" ", 1)[0].upper() in {"SELECT", "WITH", "UPDATE", "INSERT"}:
            self.count += 1


def _customer(account_id: int, i: int, rng: random.Random) -> Any:
    from models import Customer
    from models.enums import CustomerStatus

    windows: list[dict[str, object]] = []
    zone = "UTC"
    if i % 4 == 0:
        zone = rng.choice(["America/New_York", "Europe/London"])
        windows = [
            {"start": "22:00", "end": "06:00", "days": []}
            if i % 8 == 0
            else {"start": "09:00", "end": "17:00", "days": ["MON", "TUE", "WED", "THU", "FRI"]}
        ]
    return Customer(
        account_id=account_id,
        name=f"Customer {i:05d}",
        name_key=f"customer {i:05d}",
        currency="EUR",
        status=CustomerStatus.INACTIVE if i % 10 == 0 else CustomerStatus.ACTIVE,
        channels=10,
        channels_in_use=rng.randint(0, 10) if i % 5 == 0 else 0,
        channels_in_use_at=AT - timedelta(seconds=30) if i % 5 == 0 else None,
        balance=Decimal(rng.randint(-50, 500)),
        debit_limit=Decimal(rng.choice([0, 0, 50])),
        daily_spend_limit=Decimal(rng.randint(1, 20)) if i % 3 == 0 else None,
        email_verification_required=i % 5 == 0,
        timezone=zone,
        dial_windows=windows,
    )


async def seed(database_url: str, customers: int) -> tuple[int, str, list[int], float]:
    from models import Contact, Customer
    from models.enums import Permission
    from services.accounts import create_account
    from services.actor import system_actor
    from services.api_keys import create_api_key

    started = time.perf_counter()
    rng = random.Random(20_261_130)
    account = await create_account("Bench Carrier")
    _key, secret = await create_api_key(system_actor(account.id), "Switch", [Permission.SWITCH_READ])
    await Customer.bulk_create([_customer(account.id, i, rng) for i in range(customers)], batch_size=1000)
    ids: list[int] = [c.id for c in await Customer.filter(account_id=account.id).order_by("id")]
    await Contact.bulk_create(
        [
            Contact(
                account_id=account.id,
                customer_id=customer_id,
                name=f"Contact {customer_id}-{n}",
                name_key=f"contact {customer_id}-{n}",
                email=f"c{customer_id}-{n}@example.com",
                email_key=f"c{customer_id}-{n}@example.com",
                email_verified=n == 0 and customer_id % 2 == 0,
            )
            for customer_id in ids
            for n in range(2)
        ],
        batch_size=1000,
    )
    buffer = io.StringIO()
    for customer_id in ids:
        for call in range(10):
            started_at = DAY + timedelta(minutes=rng.randint(0, 14 * 60))
            hour = started_at.replace(minute=0)
            buffer.write(
                f"{account.id}\t{customer_id}\tcall-{customer_id}-{call}\t{started_at.isoformat()}\t"
                f"{(started_at + timedelta(minutes=2)).isoformat()}\t{hour.isoformat()}\t120\t120\t"
                f"{rng.randint(0, 30_000)}\t0\t{started_at.isoformat()}\t\t\t\t\t0\n"
            )
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await connection.copy_to_table(
            "cdr",
            source=io.BytesIO(buffer.getvalue().encode()),
            columns=[
                "account_id",
                "customer_id",
                "call_id",
                "started_at",
                "ended_at",
                "hour",
                "duration",
                "billed_duration",
                "charge_units",
                "cost_units",
                "ingested_at",
                "cli",
                "destination",
                "destination_prefix",
                "destination_country",
                "pdd",
            ],
        )
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return account.id, secret, ids, time.perf_counter() - started


async def timed(
    name: str, run: Callable[[], Awaitable[Any]], repeats: int, statements: int | None
) -> dict[str, Any]:
    await run()
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        await run()
        seconds.append(time.perf_counter() - started)
    stats = latency(seconds)
    return {"path": name, "statements": statements, "p50_ms": stats.p50_ms, "max_ms": stats.max_ms}


async def counted(run: Callable[[], Awaitable[Any]]) -> int:
    statements = Statements()
    logger = logging.getLogger("tortoise.db_client")
    logger.addHandler(statements)
    logger.setLevel(logging.DEBUG)
    try:
        await run()
    finally:
        logger.setLevel(logging.WARNING)
        logger.removeHandler(statements)
    return statements.count


def raw_snapshots(
    customers: list[asyncpg.Record], spend: list[asyncpg.Record], stale: timedelta
) -> list[Any]:
    """The snapshots from the raw rows, as services/eligibility/reads.py builds them."""
    from zoneinfo import ZoneInfo

    from models.cdrs import MONEY_UNIT_PLACES
    from models.enums import CustomerStatus
    from services.cdrs.channels import channels_now
    from services.eligibility.rules import Snapshot
    from services.eligibility.windows import Window

    spent = {row[0]: Decimal(row[1]).scaleb(-MONEY_UNIT_PLACES) for row in spend}
    found = []
    for row in customers:
        windows = tuple(Window.of(w["start"], w["end"], w["days"]) for w in _json(row["dial_windows"]))
        found.append(
            Snapshot(
                customer_id=row["id"],
                status=CustomerStatus(row["status"]),
                balance=row["balance"],
                debit_limit=row["debit_limit"],
                daily_spend_limit=row["daily_spend_limit"],
                spent=spent.get(row["id"], Decimal(0)),
                spend_day=DAY,
                channels=row["channels"],
                channels_in_use=channels_now(row["channels_in_use"], row["channels_in_use_at"], AT, stale),
                zone=ZoneInfo(row["timezone"]),
                windows=windows,
                email_verification_pending=row["email_verification_required"] and not row["email_verified"],
                mobile_verification_pending=row["mobile_verification_required"]
                and not row["mobile_verified"],
            )
        )
    return found


def _json(value: Any) -> list[dict[str, Any]]:
    import orjson

    parsed: list[dict[str, Any]] = orjson.loads(value) if isinstance(value, str | bytes) else value
    return parsed


async def measure(options: Options, database_url: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    from pydantic import SecretStr

    from app import create_app
    from models.enums import ActorKind, Permission
    from services.actor import Actor
    from services.eligibility.reads import EligibilityQuery, eligibilities_of_customers
    from services.eligibility.rules import evaluate
    from settings import Settings

    # no in-process scheduler: its periodic jobs would add statements and CPU to the figures
    settings = Settings(
        database_url=database_url, secret_key=SecretStr(SECRET_KEY), run_scheduler_in_process=False
    )
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        account_id, secret, ids, seed_seconds = await seed(database_url, options.customers)
        actor = Actor(
            account_id, ActorKind.API_KEY, "bench", frozenset({Permission.SWITCH_READ}), api_key_id=1
        )
        query = EligibilityQuery(at=AT)
        answers = await eligibilities_of_customers(actor, ids, query)
        blocked = sum(not answer.allowed for answer in answers.values())

        async def service() -> None:
            await eligibilities_of_customers(actor, ids, query)

        transport = httpx.ASGITransport(app=application, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=60) as client:
            body = {
                "query": QUERY,
                "variables": {"ids": [global_id("Customer", i) for i in ids], "at": AT.isoformat()},
            }
            headers = {"Authorization": f"Bearer {secret}"}

            async def api() -> None:
                response = await client.post("/graphql", json=body, headers=headers)
                response.raise_for_status()
                payload = response.json()
                assert "errors" not in payload, payload
                assert len(payload["data"]["dialingEligibilities"]) == len(ids)

            results = [
                await timed("api (GraphQL, in process)", api, options.repeats, await counted(api)),
                await timed("service", service, options.repeats, await counted(service)),
            ]

        pool = await asyncpg.create_pool(asyncpg_dsn(database_url), min_size=1, max_size=1)
        stale = timedelta(seconds=settings.channels_stale_seconds)
        try:

            async def raw_rows() -> tuple[list[asyncpg.Record], list[asyncpg.Record]]:
                async with pool.acquire() as connection:
                    customers = await connection.fetch(RAW_CUSTOMERS, account_id, ids)
                    spend = await connection.fetch(RAW_SPEND, account_id, ids, DAY, DAY + timedelta(days=1))
                return customers, spend

            async def raw_and_rules() -> list[Any]:
                customers, spend = await raw_rows()
                return [evaluate(snapshot, AT) for snapshot in raw_snapshots(customers, spend, stale)]

            raw_answers = {answer.customer_id: answer for answer in await raw_and_rules()}
            assert raw_answers == answers, "the raw path must answer as the service does"
            results += [
                await timed("raw SQL (asyncpg, rows only)", raw_rows, options.repeats, 2),
                await timed("raw SQL + the same rules", raw_and_rules, options.repeats, 2),
            ]
        finally:
            await pool.close()
    meta = {
        "seed_seconds": round(seed_seconds, 1),
        "customers": len(ids),
        "blocked": blocked,
        "cdrs": len(ids) * 10,
        "contacts": len(ids) * 2,
    }
    return meta, results


async def run(options: Options) -> None:
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        seeded, results = await measure(options, database_url)
        meta = {**machine(), "postgres": await server_version(database_url)}
    output = write_json("eligibility.json", {"meta": meta, **seeded, "results": results})
    lines = [
        f"dialingEligibilities for {seeded['customers']} customers ({seeded['blocked']} blocked), "
        f"seeded in {seeded['seed_seconds']} s; {machine_summary(meta)}",
        f"{'path':<32} {'stmts':>5} {'p50 ms':>9} {'max ms':>9}",
    ]
    for r in results:
        lines.append(f"{r['path']:<32} {r['statements']!s:>5} {r['p50_ms']:>9.1f} {r['max_ms']:>9.1f}")
    print_report("\n".join(lines), str(relative(output)))


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument(
        "--customers", type=int, default=1000, help="customers seeded and asked about at once"
    )
    parser.add_argument("--repeats", type=int, default=30, help="timed runs per path")
    add_keep_db(parser, DB_NAME)
    asyncio.run(run(parse_options(parser, Options)))


if __name__ == "__main__":
    main()
