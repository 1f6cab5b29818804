"""Benchmark: CSV export of CDRs over HTTP on PostgreSQL (cdrExportCreate, GET /exports/<token>).

    uv run python bench/run_exports.py [--cdrs 1000000] [--port 8767] [--keep-db]

1. (Re)creates the database `switchboard_bench_exports` and migrates it. Seeds one account, one
   EUR customer, an API key with billing:read (through the services) and `--cdrs` CDRs of that
   customer spread over one UTC day (2026-11-20), loaded with COPY in chunks of 100 000; ANALYZE.
2. Starts `python -m cli serve` (one uvicorn process) on the bench database and waits for /health.
3. For one hour of the day (about 1/24 of the rows) and then the whole day: makes the link with
   cdrExportCreate (as the API key), downloads it with a streaming client that only counts bytes
   and lines, and samples the server's resident memory (VmRSS in /proc/<pid>/status) every 20 ms
   during the download; also reads the kernel's high-water mark (VmHWM) before and after, and the
   server process's CPU time (utime + stime) spent on the download. Checks
   that the CSV has exactly one line per CDR of the range (and the header).
4. Prints a table, writes bench/results/exports.json, stops the server and drops the database
   (unless --keep-db).
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
    machine,
    machine_summary,
    parse_options,
    print_report,
    process_cpu_seconds,
    relative,
    results_path,
    server_version,
    spawn_server,
    stop_process,
    wait_healthy,
    write_json,
)

DB_NAME = "switchboard_bench_exports"
DAY = datetime(2026, 11, 20, tzinfo=UTC)
CHUNK = 100_000
EXPORT = """mutation($input: CdrExportCreateInput!) { cdrExportCreate(input: $input) {
  export { url rowEstimate filename } errors { code message } } }"""
COLUMNS = [
    "account_id",
    "customer_id",
    "call_id",
    "started_at",
    "answered_at",
    "ended_at",
    "hour",
    "duration",
    "billed_duration",
    "cli",
    "destination",
    "destination_prefix",
    "destination_country",
    "charge_units",
    "cost_units",
    "pdd",
    "disconnect_cause",
    "ingested_at",
]


@dataclass
class Options:
    cdrs: int
    port: int
    keep_db: bool


async def seed(database_url: str, cdrs: int) -> tuple[int, str, float]:
    """The customer's id, the API key's secret, and the seconds seeding took."""
    from models import Customer
    from models.enums import Permission
    from services.accounts import create_account
    from services.actor import system_actor
    from services.api_keys import create_api_key

    started = time.perf_counter()
    account = await create_account("Bench Carrier")
    customer = await Customer.create(account_id=account.id, name="Bench", name_key="bench", currency="EUR")
    _key, secret = await create_api_key(system_actor(account.id), "bench exports", [Permission.BILLING_READ])
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        await connection.copy_to_table(
            "cdr", source=_rows(account.id, customer.id, cdrs), columns=COLUMNS, format="text"
        )
        await connection.execute("ANALYZE cdr")
    finally:
        await connection.close()
    return customer.id, secret, time.perf_counter() - started


async def _rows(account_id: int, customer_id: int, count: int) -> AsyncIterator[bytes]:
    """The CDRs as COPY text, CHUNK rows per piece (memory stays small for any count)."""
    rng = random.Random(20_261_120)
    spacing = 86_400 / count
    for first in range(0, count, CHUNK):
        lines = []
        for n in range(first, min(first + CHUNK, count)):
            start = DAY + timedelta(seconds=n * spacing)
            answered = rng.random() < 0.6
            duration = rng.randint(1, 600) if answered else 0
            answer = (start + timedelta(seconds=3)).isoformat() if answered else "\\N"
            end = (start + timedelta(seconds=3 + duration)).isoformat()
            hour = start.replace(minute=0, second=0, microsecond=0).isoformat()
            charge = duration * rng.randint(1, 250)
            lines.append(
                f"{account_id}\t{customer_id}\tcall-{n:08d}\t{start.isoformat()}\t{answer}\t{end}\t{hour}\t"
                f"{duration}\t{duration}\t+44{rng.randint(10**9, 10**10 - 1)}\t+49{rng.randint(10**8, 10**9 - 1)}\t"
                f"4930\tDE\t{charge}\t{charge * 2 // 3}\t{rng.randint(200, 4000)}\t{200 if answered else 486}\t"
                f"{start.isoformat()}\n"
            )
        yield "".join(lines).encode()


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in KiB, from /proc."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0])
    return found


async def export_once(
    client: httpx.AsyncClient, key: str, customer_id: int, pid: int, period: str, start: datetime
) -> dict[str, Any]:
    body = await client.post(
        "/graphql",
        json={
            "query": EXPORT,
            "variables": {
                "input": {
                    "customerId": global_id("Customer", customer_id),
                    "period": period,
                    "start": start.isoformat(),
                }
            },
        },
        headers={"Authorization": f"Bearer {key}"},
    )
    payload = body.json()["data"]["cdrExportCreate"]
    if payload["errors"]:
        raise RuntimeError(payload["errors"])
    url = payload["export"]["url"]
    before = memory_kib(pid)
    samples: list[int] = []
    done = asyncio.Event()

    async def sample() -> None:
        while not done.is_set():
            samples.append(memory_kib(pid)["VmRSS"])
            await asyncio.sleep(0.02)

    sampler = asyncio.create_task(sample())
    size = lines = 0
    cpu_before = process_cpu_seconds(pid)
    started = time.perf_counter()
    async with client.stream("GET", url) as response:
        response.raise_for_status()
        async for chunk in response.aiter_raw():
            size += len(chunk)
            lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    cpu = process_cpu_seconds(pid) - cpu_before
    done.set()
    await sampler
    after = memory_kib(pid)
    rows = lines - 1
    return {
        "period": period,
        "rows": rows,
        "bytes": size,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "server_cpu_seconds": round(cpu, 2),
        "rows_per_server_cpu_second": round(rows / cpu) if cpu else None,
        "mb_per_second": round(size / seconds / 1e6, 1),
        "rss_before_mib": round(before["VmRSS"] / 1024, 1),
        "rss_peak_sampled_mib": round(max(samples) / 1024, 1),
        "rss_after_mib": round(after["VmRSS"] / 1024, 1),
        "hwm_before_mib": round(before["VmHWM"] / 1024, 1),
        "hwm_after_mib": round(after["VmHWM"] / 1024, 1),
        "samples": len(samples),
    }


async def cdrs_in(database_url: str, start: datetime, end: datetime) -> int:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        count: int = await connection.fetchval(
            "SELECT count(*) FROM cdr WHERE hour >= $1 AND hour < $2", start, end
        )
        return count
    finally:
        await connection.close()


async def run(options: Options) -> None:
    from tortoise import Tortoise

    from settings import Settings

    async with bench_database(DB_NAME, options.keep_db) as database_url:
        await Tortoise.init(config=Settings(database_url=database_url).tortoise_config())
        try:
            customer_id, key, seed_seconds = await seed(database_url, options.cdrs)
        finally:
            await Tortoise.close_connections()
        url = f"http://127.0.0.1:{options.port}"
        env = {
            **os.environ,
            "SWITCHBOARD_DATABASE_URL": database_url,
            "SWITCHBOARD_SECRET_KEY": SECRET_KEY,
            "SWITCHBOARD_PUBLIC_URL": url,
        }
        log_path = results_path("exports_server.log")
        results = []
        with log_path.open("wb") as log:
            server = await spawn_server(options.port, env, log)
            try:
                await wait_healthy(url, server, str(log_path))
                async with httpx.AsyncClient(base_url=url, timeout=600) as client:
                    for period, start, end in (
                        ("LAST_24_HOURS", DAY + timedelta(hours=12), DAY + timedelta(hours=13)),
                        ("DAILY", DAY, DAY + timedelta(days=1)),
                    ):
                        result = await export_once(client, key, customer_id, server.pid, period, start)
                        expected = await cdrs_in(database_url, start, end)
                        if result["rows"] != expected:
                            raise RuntimeError(f"{result['rows']} CSV rows for {expected} CDRs")
                        results.append(result)
            finally:
                await stop_process(server)
        meta = {**machine(), "postgres": await server_version(database_url)}
    output = write_json(
        "exports.json",
        {"meta": meta, "cdrs": options.cdrs, "seed_seconds": round(seed_seconds, 1), "results": results},
    )
    lines = [
        f"CDR export over HTTP, {options.cdrs} CDRs seeded (COPY) in {seed_seconds:.1f} s; {machine_summary(meta)}",
        f"{'range':<14} {'rows':>9} {'MB':>7} {'s':>7} {'rows/s':>9} {'cpu s':>6} {'rows/cpu s':>10} "
        f"{'RSS before':>11} {'RSS peak':>9} {'HWM after':>10}",
    ]
    for r in results:
        lines.append(
            f"{'one hour' if r['period'] == 'LAST_24_HOURS' else 'whole day':<14} {r['rows']:>9} "
            f"{r['bytes'] / 1e6:>7.1f} {r['seconds']:>7.2f} {r['rows_per_second']:>9} "
            f"{r['server_cpu_seconds']:>6.1f} {r['rows_per_server_cpu_second']:>10} "
            f"{r['rss_before_mib']:>9.1f}Mi {r['rss_peak_sampled_mib']:>7.1f}Mi {r['hwm_after_mib']:>8.1f}Mi"
        )
    print_report("\n".join(lines), str(relative(output)))


def main() -> None:
    parser = argument_parser(__doc__)
    parser.add_argument("--cdrs", type=int, default=1_000_000, help="CDRs seeded (one customer, one day)")
    parser.add_argument("--port", type=int, default=8767, help="the server's port")
    add_keep_db(parser, DB_NAME)
    asyncio.run(run(parse_options(parser, Options)))


if __name__ == "__main__":
    main()
