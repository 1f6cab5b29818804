"""Benchmark: applying due scheduled changes (Delay and Save) on PostgreSQL, next to a raw-SQL
floor, in one run.

    uv run python bench/run_scheduled_changes.py [--changes 10000] [--batch 100] [--keep-db]

1. (Re)creates the database `switchboard_bench_scheduled`, migrates it, seeds one account and
   `--changes` customers (Customer.bulk_create), and one due CUSTOMER_UPDATE change per customer
   (debit limit 0 -> 50, scheduled with its baseline as the API stores it).
2. Applies them all with `apply_due` (what each scheduler tick calls: claim a batch with FOR
   UPDATE SKIP LOCKED and a lease, then per change one transaction through update_customer,
   the conflict check, the APPLY audit entry and the PENDING -> APPLIED flip); changes/s.
3. Floor: the same writes by hand with asyncpg, one transaction per change: lock the change,
   lock the customer, update it, insert the audit entry, flip the change; changes/s.
4. Prints a table, writes bench/results/scheduled_changes.json and drops the database (unless
   --keep-db).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import asyncpg
from common import (
    add_keep_db,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    load_average,
    machine,
    machine_summary,
    parse_options,
    print_report,
    relative,
    server_version,
    write_json,
)
from tortoise import Tortoise

from models import Account, Customer, ScheduledChange
from models.enums import ScheduledChangeKind, ScheduledChangeStatus
from services.accounts import create_account
from services.customers.values import CustomerPatch
from services.scheduled_changes.applying import apply_due
from services.scheduled_changes.codec import encode_patch
from settings import Settings

DB_NAME = "switchboard_bench_scheduled"


@dataclass
class Options:
    changes: int
    batch: int
    keep_db: bool


async def seed(account: Account, count: int, due: datetime) -> list[int]:
    await Customer.bulk_create(
        [
            Customer(account_id=account.id, name=f"Bench {i:06}", name_key=f"bench {i:06}", currency="EUR")
            for i in range(count)
        ],
        batch_size=1000,
    )
    ids = list(await Customer.filter(account_id=account.id).order_by("id").values_list("id", flat=True))
    patch = encode_patch(CustomerPatch(debit_limit=Decimal(50)))
    await ScheduledChange.bulk_create(
        [
            ScheduledChange(
                account_id=account.id,
                kind=ScheduledChangeKind.CUSTOMER_UPDATE,
                target_table="customer",
                target_id=customer_id,
                customer_id=customer_id,
                patch=patch,
                baseline={str(customer_id): {"debit_limit": "0"}},
                effective_at=due,
                created_by_label="Bench",
                reason="bench",
            )
            for customer_id in ids
        ],
        batch_size=1000,
    )
    return [int(i) for i in ids]  # type: ignore[call-overload]


# (statement, which of (change id, customer id, account id) it takes, in order)
RAW_APPLY: list[tuple[str, tuple[int, ...]]] = [
    ("SELECT id FROM scheduled_change WHERE id = $1 AND status = 'PENDING' FOR UPDATE", (0,)),
    ("SELECT id, debit_limit FROM customer WHERE id = $1 FOR UPDATE", (1,)),
    ("UPDATE customer SET debit_limit = 50, updated_at = now() WHERE id = $1", (1,)),
    (
        "INSERT INTO audit_entry (account_id, at, actor_kind, actor_label, action, http_verb, table_name, "
        "record_id, customer_id, message, reason, diff) VALUES ($1, now(), 'SYSTEM', 'System', 'APPLY', "
        "'PUT', 'customer', $2::int::text, $2, 'Customer updated', 'bench', "
        '\'{"debit_limit": {"old": "0", "new": "50"}}\')',
        (2, 1),
    ),
    (
        "UPDATE scheduled_change SET status = 'APPLIED', applied_at = now(), updated_at = now() WHERE id = $1",
        (0,),
    ),
]


async def raw_floor(database_url: str, account_id: int, pairs: list[tuple[int, int]]) -> float:
    """Seconds to apply the changes by hand: one transaction per change, the same writes."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        statements = [(await conn.prepare(sql), picks) for sql, picks in RAW_APPLY]
        started = time.perf_counter()
        for change_id, customer_id in pairs:
            values = (change_id, customer_id, account_id)
            async with conn.transaction():
                for statement, picks in statements:
                    await statement.fetch(*(values[i] for i in picks))
        return time.perf_counter() - started
    finally:
        await conn.close()


async def main(options: Options) -> dict[str, Any]:
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        await Tortoise.init(config=Settings(database_url=database_url).tortoise_config())
        try:
            account = await create_account("Bench carrier")
            due = datetime.now(UTC) - timedelta(seconds=1)
            await seed(account, options.changes, due)
            load_before = load_average()
            started = time.perf_counter()
            outcome = await apply_due("bench", batch=options.batch, lease=timedelta(minutes=10))
            switchboard_seconds = time.perf_counter() - started
            assert outcome.applied == options.changes, outcome
            # The floor on a fresh set of the same changes (the customers back at 0).
            await Customer.filter(account_id=account.id).update(debit_limit=Decimal(0))
            rows = await ScheduledChange.filter(status=ScheduledChangeStatus.APPLIED).values_list(
                "id", "customer_id"
            )
            await ScheduledChange.filter(status=ScheduledChangeStatus.APPLIED).update(
                status=ScheduledChangeStatus.PENDING, applied_at=None
            )
            raw_seconds = await raw_floor(database_url, account.id, [(int(a), int(b)) for a, b in rows])
            version = await server_version(database_url)
        finally:
            await Tortoise.close_connections()
    return {
        "changes": options.changes,
        "batch": options.batch,
        "switchboard": {
            "seconds": switchboard_seconds,
            "changes_per_s": options.changes / switchboard_seconds,
        },
        "raw_sql_floor": {"seconds": raw_seconds, "changes_per_s": options.changes / raw_seconds},
        "load_average_before": load_before,
        "postgres": version,
        "machine": machine(),
    }


def report(result: dict[str, Any]) -> str:
    sb, raw = result["switchboard"], result["raw_sql_floor"]
    return "\n".join(
        [
            f"Applying {result['changes']} due scheduled changes (batch {result['batch']}), "
            f"PostgreSQL {result['postgres']}, {machine_summary(result['machine'])}",
            f"  {'path':<34} {'seconds':>9} {'changes/s':>10}",
            f"  {'switchboard apply_due':<34} {sb['seconds']:>9.1f} {sb['changes_per_s']:>10.0f}",
            f"  {'raw SQL floor (asyncpg, 1 tx each)':<34} {raw['seconds']:>9.1f} {raw['changes_per_s']:>10.0f}",
            f"  ratio {sb['seconds'] / raw['seconds']:.1f}x; load average before: {result['load_average_before']:.1f}",
        ]
    )


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    add_keep_db(parser, DB_NAME)
    opts = parse_options(parser, Options)
    outcome = asyncio.run(main(opts))
    written = write_json("scheduled_changes.json", outcome)
    print_report(report(outcome), str(relative(written)))
