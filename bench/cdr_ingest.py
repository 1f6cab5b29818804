"""CDR ingest and roll-up on PostgreSQL: POST /ingest/cdrs over HTTP and `switchboard import-cdrs`
next to a raw COPY of the same rows, then the hourly roll-up of every CDR next to its SQL run
directly.

    uv run python bench/cdr_ingest.py                   # 300 000 CDRs, about a minute
    uv run python bench/cdr_ingest.py --rows 2000000    # a carrier's day

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth). Writes bench/results/cdr_ingest.json.
"""

from __future__ import annotations

import asyncio
import base64
import os
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import orjson
from common import (
    SECRET_KEY,
    add_keep_db,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    free_port,
    global_id,
    machine,
    machine_summary,
    parse_options,
    print_report,
    relative,
    results_path,
    server_version,
    spawn_cli,
    spawn_server,
    stop_process,
    wait_healthy,
    write_json,
)

DB_NAME = "switchboard_bench_cdrs"
DAY = datetime(2026, 11, 20, tzinfo=UTC)
BATCH = 100_000  # the feed's limit per request


@dataclass
class Options:
    rows: int
    customers: int
    keep_db: bool


def make_rows(count: int, customer_ids: list[int]) -> list[dict[str, Any]]:
    """`count` CDRs spread over one UTC day and the customers; 70 % answered."""
    rng = random.Random(12)
    rows = []
    for i in range(count):
        start = DAY + timedelta(seconds=rng.randrange(86_400))
        answered = rng.random() < 0.7
        duration = rng.randrange(1, 900) if answered else 0
        rows.append(
            {
                "callId": f"bench-{i}",
                "customerId": global_id("Customer", customer_ids[i % len(customer_ids)]),
                "startedAt": start.isoformat(),
                "answeredAt": (start + timedelta(seconds=3)).isoformat() if answered else None,
                "endedAt": (start + timedelta(seconds=3 + duration)).isoformat(),
                "duration": duration,
                "billedDuration": duration,
                "cli": "+441234567890",
                "destination": f"+4930{i % 1_000_000:06d}",
                "destinationPrefix": "4930",
                "destinationCountry": "DE",
                "charge": f"{duration * 0.0002:.4f}",
                "cost": f"{duration * 0.0001:.4f}",
                "pdd": rng.randrange(200, 4000),
                "disconnectCause": 200 if answered else 486,
            }
        )
    return rows


async def seed(database_url: str, customers: int) -> tuple[int, list[int], str]:
    """An account, its customers and an API key with cdrs:ingest (through the services)."""
    from tortoise import Tortoise

    from models import Customer
    from models.enums import Permission
    from services.accounts import create_account
    from services.actor import system_actor
    from services.api_keys import create_api_key
    from settings import tortoise_config

    await Tortoise.init(config=tortoise_config(database_url))
    try:
        account = await create_account("Bench carrier")
        await Customer.bulk_create(
            [
                Customer(account_id=account.id, name=f"C{i}", name_key=f"c{i}", currency="EUR")
                for i in range(customers)
            ]
        )
        found = await Customer.filter(account_id=account.id).order_by("id").values_list("id", flat=True)
        ids: list[int] = list(found)  # type: ignore[arg-type]
        _key, secret = await create_api_key(system_actor(account.id), "switch", [Permission.CDRS_INGEST])
    finally:
        await Tortoise.close_connections()
    return account.id, ids, secret


async def reset_cdrs(database_url: str) -> None:
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await conn.execute(
            "TRUNCATE cdr, cdr_rollup_mark, cdr_hourly_summary; UPDATE customer SET balance = 0"
        )
    finally:
        await conn.close()


async def over_http(database_url: str, rows: list[dict[str, Any]], secret: str) -> dict[str, Any]:
    port = free_port()
    env = {
        **os.environ,
        "SWITCHBOARD_DATABASE_URL": database_url,
        "SWITCHBOARD_SECRET_KEY": SECRET_KEY,
        "SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS": "false",
    }
    log_path = results_path("cdr_ingest_server.log")
    bodies = [
        b"".join(orjson.dumps(r) + b"\n" for r in rows[i : i + BATCH]) for i in range(0, len(rows), BATCH)
    ]
    with log_path.open("wb") as log:
        server = await spawn_server(port, env, log)
        try:
            await wait_healthy(f"http://127.0.0.1:{port}", server, str(relative(log_path)))
            headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/x-ndjson"}
            accepted = 0
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=600) as client:
                started = time.perf_counter()
                for body in bodies:
                    response = await client.post("/ingest/cdrs", content=body, headers=headers)
                    response.raise_for_status()
                    accepted += response.json()["accepted"]
                elapsed = time.perf_counter() - started
        finally:
            await stop_process(server)
    assert accepted == len(rows), accepted
    return {"rows": len(rows), "seconds": round(elapsed, 3), "rows_per_s": round(len(rows) / elapsed)}


async def through_cli(database_url: str, rows: list[dict[str, Any]], account_id: int) -> dict[str, Any]:
    path = results_path("cdr_ingest.ndjson")
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in rows))
    env = {**os.environ, "SWITCHBOARD_DATABASE_URL": database_url, "SWITCHBOARD_SECRET_KEY": SECRET_KEY}
    log_path = results_path("cdr_ingest_cli.log")
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = await spawn_cli("import-cdrs", str(path), "--account", str(account_id), env=env, log=log)
        await process.wait()
        elapsed = time.perf_counter() - started
    path.unlink()
    if process.returncode != 0:
        raise RuntimeError(f"import-cdrs failed; see {relative(log_path)}")
    return {"rows": len(rows), "seconds": round(elapsed, 3), "rows_per_s": round(len(rows) / elapsed)}


async def raw_copy(database_url: str, rows: list[dict[str, Any]], account_id: int) -> dict[str, Any]:
    """The same rows, customers already resolved, COPYed as CSV into a table shaped like `cdr`
    (its indexes and unique constraint included): what the database alone takes."""
    csv_path = results_path("cdr_ingest_copy.csv")
    with csv_path.open("w") as out:
        for r in rows:
            cid = int(base64.b64decode(r["customerId"]).decode().split(":")[1])
            start = datetime.fromisoformat(r["startedAt"])
            hour = start.replace(minute=0, second=0)
            charge = round(float(r["charge"]) * 10_000)
            cost = round(float(r["cost"]) * 10_000)
            out.write(
                f"{account_id},{cid},{r['callId']},{r['startedAt']},{r['answeredAt'] or ''},{r['endedAt']},"
                f"{hour.isoformat()},{r['duration']},{r['billedDuration']},{r['cli']},{r['destination']},"
                f"{r['destinationPrefix']},{r['destinationCountry']},{charge},{cost},{r['pdd']},"
                f"{r['disconnectCause']},{DAY.isoformat()}\n"
            )
    columns = [
        "account_id", "customer_id", "call_id", "started_at", "answered_at", "ended_at", "hour", "duration",
        "billed_duration", "cli", "destination", "destination_prefix", "destination_country", "charge_units",
        "cost_units", "pdd", "disconnect_cause", "ingested_at",
    ]  # fmt: skip
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await conn.execute("DROP TABLE IF EXISTS cdr_raw; CREATE TABLE cdr_raw (LIKE cdr INCLUDING ALL)")
        started = time.perf_counter()
        await conn.copy_to_table("cdr_raw", source=csv_path, columns=columns, format="csv")
        elapsed = time.perf_counter() - started
        await conn.execute("DROP TABLE cdr_raw")
    finally:
        await conn.close()
    csv_path.unlink()
    return {"rows": len(rows), "seconds": round(elapsed, 3), "rows_per_s": round(len(rows) / elapsed)}


async def rollup(database_url: str) -> dict[str, Any]:
    """Every hour of the day marked, then the roll-up; then the same aggregate SQL run directly."""
    from tortoise import Tortoise

    from services.cdrs.rollup import roll_up
    from settings import tortoise_config

    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    mark_all = (
        "TRUNCATE cdr_rollup_mark, cdr_hourly_summary; "
        "INSERT INTO cdr_rollup_mark (customer_id, hour) SELECT DISTINCT customer_id, hour FROM cdr; ANALYZE"
    )
    try:
        await conn.execute(mark_all)
        await Tortoise.init(config=tortoise_config(database_url))
        try:
            started = time.perf_counter()
            stats = await roll_up()
            service_seconds = time.perf_counter() - started
        finally:
            await Tortoise.close_connections()
        await conn.execute("TRUNCATE cdr_hourly_summary")
        started = time.perf_counter()
        await conn.execute(
            """INSERT INTO cdr_hourly_summary (account_id, customer_id, hour, attempts, connected, duration,
            billed_duration, charge_units, cost_units, pdd_sum, computed_at)
            SELECT account_id, customer_id, hour, count(*), count(answered_at), sum(duration), sum(billed_duration),
            sum(charge_units), sum(cost_units), sum(pdd), now() FROM cdr GROUP BY account_id, customer_id, hour"""
        )
        direct_seconds = time.perf_counter() - started
    finally:
        await conn.close()
    return {
        "cdrs": stats.cdrs,
        "hours": stats.hours,
        "seconds": round(service_seconds, 3),
        "rows_per_s": round(stats.cdrs / service_seconds),
        "direct_sql_seconds": round(direct_seconds, 3),
        "ratio_to_direct_sql": round(service_seconds / direct_seconds, 2),
    }


async def main(options: Options) -> None:
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        account_id, customer_ids, secret = await seed(database_url, options.customers)
        rows = make_rows(options.rows, customer_ids)
        copy = await raw_copy(database_url, rows, account_id)
        http = await over_http(database_url, rows, secret)
        await reset_cdrs(database_url)
        cli = await through_cli(database_url, rows, account_id)
        rolled = await rollup(database_url)
        postgres = await server_version(database_url)
    meta = machine() | {"postgres": postgres}
    result: dict[str, Any] = {
        "machine": meta,
        "rows": options.rows,
        "customers": options.customers,
        "raw_copy": copy,
        "http": http | {"ratio_to_copy": round(http["rows_per_s"] / copy["rows_per_s"], 2)},
        "cli": cli | {"ratio_to_copy": round(cli["rows_per_s"] / copy["rows_per_s"], 2)},
        "rollup": rolled,
    }
    written = write_json("cdr_ingest.json", result)
    report = "\n".join(
        [
            machine_summary(meta),
            f"{options.rows} CDRs of one day, {options.customers} customers",
            f"raw COPY (CSV, resolved)  {copy['rows_per_s']:>9} rows/s  ({copy['seconds']} s)",
            f"POST /ingest/cdrs (HTTP)  {http['rows_per_s']:>9} rows/s  ({http['seconds']} s, "
            f"{result['http']['ratio_to_copy']} of COPY)",
            f"switchboard import-cdrs   {cli['rows_per_s']:>9} rows/s  ({cli['seconds']} s incl. start-up, "
            f"{result['cli']['ratio_to_copy']} of COPY)",
            f"hourly roll-up            {rolled['rows_per_s']:>9} CDRs/s  ({rolled['seconds']} s, {rolled['hours']} "
            f"summary rows; the same SQL directly {rolled['direct_sql_seconds']} s, "
            f"x{rolled['ratio_to_direct_sql']})",
        ]
    )
    print_report(report, str(relative(Path(written))))


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--rows", type=int, default=300_000)
    parser.add_argument("--customers", type=int, default=1000)
    add_keep_db(parser, DB_NAME)
    asyncio.run(main(parse_options(parser, Options)))
