"""Benchmark: number block assignment over HTTP on PostgreSQL, 16 concurrent clients.

    uv run python bench/run_block_assign.py [--requests 2000] [--clients 16] [--keep-db]

1. (Re)creates the PostgreSQL database `switchboard_bench_blocks` and migrates it. Seeds one
   account per run (range start 100 000, block size 100, an Administrator, 100 customers made
   with `create_customer`), so every run starts with no block assigned; then ANALYZE.
2. Run "1 process": starts ONE `python -m cli serve` (real uvicorn process, scheduler off),
   logs in, warms up, times `--sequential` assignments from a single client (the latency of one
   transaction with no contention), then `--requests` assignments from `--clients` concurrent
   clients in a closed loop (each client its own keep-alive connection, random customers).
   Meanwhile it samples `pg_stat_activity` for backends waiting on a lock, and reads the server
   processes' CPU time from /proc.
3. Verifies in the database: blocks == successful assignments, starts distinct and contiguous
   from 100 000 in steps of 100, every response's block is the row the database holds (same
   start, same customer), one audit entry per block.
4. Run "2 processes": the same against TWO server processes (clients alternate), on the second
   account (skip with --single-only).
5. Prints a table, writes bench/results/block_assign.json (server logs:
   bench/results/block_assign_server*.log) and drops the database (unless --keep-db).

The helpers it shares with the other benchmarks (database, server processes, statistics, login,
results) are in bench/common.py.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import random
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import asyncpg
import httpx
import orjson
from common import (
    PASSWORD,
    SECRET_KEY,
    add_keep_db,
    admin_execute,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    free_port,
    global_id,
    json_headers,
    latency,
    load_average,
    login,
    machine,
    machine_summary,
    parse_options,
    percentile,
    print_report,
    process_cpu_seconds,
    reap,
    relative,
    results_path,
    server_version,
    spawn_server,
    wait_healthy,
    write_json,
)

DB_NAME = "switchboard_bench_blocks"
RANGE_START = 100_000
BLOCK_SIZE = 100

ASSIGN = (
    "mutation($id: ID!) { numberBlockAssign(input: {customerId: $id}) "
    "{ numberBlock { id start end } errors { code } } }"
)
LOCK_SAMPLE_SQL = """
SELECT count(*) FILTER (WHERE wait_event_type = 'Lock') AS waiting,
       count(*) FILTER (WHERE xact_start IS NOT NULL) AS in_transaction,
       count(*) AS backends
FROM pg_stat_activity
WHERE datname = $1 AND pid <> pg_backend_pid()
"""


# --- database and seed ------------------------------------------------------------------------


@dataclass
class Tenant:
    label: str
    account_id: int
    email: str
    customer_ids: list[int]


async def seed(database_url: str, labels: list[str], customers: int) -> tuple[list[Tenant], float]:
    """One account per label, through the services: range settings, an Administrator, customers."""
    from tortoise import Tortoise

    from models import Account
    from services.accounts import create_account, create_user
    from services.actor import system_actor
    from services.customers.commands import create_customer
    from services.customers.values import CustomerPatch
    from settings import tortoise_config

    started = time.perf_counter()
    tenants = []
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        for number, label in enumerate(labels, start=1):
            account = await create_account(f"Bench Carrier {number}")
            await Account.filter(id=account.id).update(
                number_range_start=RANGE_START, number_block_size=BLOCK_SIZE
            )
            email = f"admin{number}@bench.example"
            await create_user(account, email=email, name=f"Bench Admin {number}", password=PASSWORD)
            actor = system_actor(account.id)
            ids = [
                (await create_customer(actor, CustomerPatch(name=f"Customer {i:03d}", currency="EUR"))).id
                for i in range(customers)
            ]
            tenants.append(Tenant(label=label, account_id=account.id, email=email, customer_ids=ids))
    finally:
        await Tortoise.close_connections()
    return tenants, round(time.perf_counter() - started, 2)


# --- the real servers -------------------------------------------------------------------------


def server_env(database_url: str, outbox_dir: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("SWITCHBOARD_")}
    env.update(
        SWITCHBOARD_DATABASE_URL=database_url,
        SWITCHBOARD_SECRET_KEY=SECRET_KEY,
        SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS="false",
        SWITCHBOARD_OUTBOX_DIR=str(outbox_dir),
    )
    return env


@dataclass
class Server:
    url: str
    process: asyncio.subprocess.Process
    log: IO[bytes]


async def start_servers(database_url: str, count: int, outbox_dir: Path) -> list[Server]:
    servers = []
    for number in range(count):
        port = free_port()
        log = results_path(f"block_assign_server{number + 1}.log").open("wb")
        process = await spawn_server(port, server_env(database_url, outbox_dir), log)
        servers.append(Server(url=f"http://127.0.0.1:{port}", process=process, log=log))
    try:
        await asyncio.gather(
            *(wait_healthy(server.url, server.process, server.log.name) for server in servers)
        )
    except BaseException:
        await stop_servers(servers)
        raise
    return servers


async def stop_servers(servers: list[Server]) -> None:
    for server in servers:
        if server.process.returncode is None:
            server.process.terminate()
    for server in servers:
        await reap(server.process)
        server.log.close()


# --- the clients ------------------------------------------------------------------------------


def database_id(value: str) -> int:
    return int(base64.b64decode(value).decode().split(":", 1)[1])


@dataclass
class Assigned:
    """What one successful response said: the block and the customer it was asked for."""

    block_id: int
    start: int
    end: int
    customer_id: int


@dataclass
class Phase:
    latencies: list[float] = field(default_factory=list)
    finished_at: list[float] = field(default_factory=list)  # perf_counter, in completion order
    assigned: list[Assigned] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


async def assign_loop(
    urls: list[str], token: str, customer_ids: list[int], clients: int, total: int, rng: random.Random
) -> Phase:
    """`clients` tasks, each on its own keep-alive connection (client i to urls[i % len(urls)]),
    issuing `total` assignments between them back to back."""
    headers = json_headers(token)
    bodies = [
        (
            customer_id,
            orjson.dumps({"query": ASSIGN, "variables": {"id": global_id("Customer", customer_id)}}),
        )
        for customer_id in (rng.choice(customer_ids) for _ in range(total))
    ]
    phase = Phase()
    order = itertools.count()
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def client_task(number: int) -> None:
        async with httpx.AsyncClient(
            base_url=urls[number % len(urls)], headers=headers, limits=limits, timeout=60
        ) as client:
            while (index := next(order)) < total:
                customer_id, body = bodies[index]
                begin = time.perf_counter()
                try:
                    response = await client.post("/graphql", content=body)
                except httpx.HTTPError as exc:
                    phase.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                elapsed = time.perf_counter() - begin
                phase.latencies.append(elapsed)
                phase.finished_at.append(begin + elapsed)
                outcome = parse_assignment(response, customer_id)
                if isinstance(outcome, Assigned):
                    phase.assigned.append(outcome)
                else:
                    phase.errors.append(outcome)

    started = time.perf_counter()
    await asyncio.gather(*(client_task(number) for number in range(clients)))
    phase.seconds = time.perf_counter() - started
    return phase


def parse_assignment(response: httpx.Response, customer_id: int) -> Assigned | str:
    """The block the response reports, or why the request did not assign one."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:300]}"
    body = orjson.loads(response.content)
    if body.get("errors"):
        return f"GraphQL errors: {str(body['errors'])[:300]}"
    payload = body["data"]["numberBlockAssign"]
    if payload["errors"] or payload["numberBlock"] is None:
        return f"refused: {payload['errors']}"
    block = payload["numberBlock"]
    return Assigned(
        block_id=database_id(block["id"]), start=block["start"], end=block["end"], customer_id=customer_id
    )


@dataclass
class LockSamples:
    waiting: list[int] = field(default_factory=list)
    in_transaction: list[int] = field(default_factory=list)
    backends: list[int] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        if not self.waiting:
            return {"samples": 0}
        return {
            "samples": len(self.waiting),
            "mean_waiting_on_lock": round(sum(self.waiting) / len(self.waiting), 2),
            "max_waiting_on_lock": max(self.waiting),
            "mean_in_transaction": round(sum(self.in_transaction) / len(self.in_transaction), 2),
            "mean_in_transaction_not_waiting": round(
                sum(t - w for t, w in zip(self.in_transaction, self.waiting, strict=True))
                / len(self.waiting),
                2,
            ),
            "max_backends": max(self.backends),
        }


async def sample_locks(database_url: str, samples: LockSamples, stop: asyncio.Event, interval: float) -> None:
    """Every `interval` s: backends of the bench database waiting on a lock, in a transaction."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        while not stop.is_set():
            row = await conn.fetchrow(LOCK_SAMPLE_SQL, DB_NAME)
            assert row is not None
            samples.waiting.append(int(row["waiting"]))
            samples.in_transaction.append(int(row["in_transaction"]))
            samples.backends.append(int(row["backends"]))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=interval)
    finally:
        await conn.close()


# --- verification -----------------------------------------------------------------------------


async def verify(database_url: str, tenant: Tenant, told: list[Assigned], failed: int) -> dict[str, Any]:
    """The database against what the clients were told."""
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        rows = await conn.fetch(
            "SELECT id, start, size, customer_id FROM number_block WHERE account_id = $1 ORDER BY start",
            tenant.account_id,
        )
        audited = await conn.fetchval(
            "SELECT count(*) FROM audit_entry WHERE account_id = $1 AND table_name = 'number_block'",
            tenant.account_id,
        )
    finally:
        await conn.close()
    by_id = {int(row["id"]): row for row in rows}
    starts = [int(row["start"]) for row in rows]
    expected_starts = list(range(RANGE_START, RANGE_START + len(rows) * BLOCK_SIZE, BLOCK_SIZE))
    mismatched = [
        a
        for a in told
        if a.block_id not in by_id
        or (int(by_id[a.block_id]["start"]), int(by_id[a.block_id]["customer_id"]))
        != (a.start, a.customer_id)
        or a.end != a.start + BLOCK_SIZE
    ]
    checks = {
        "blocks_in_db": len(rows),
        "successful_assignments": len(told),
        "failed_requests": failed,
        "count_matches": len(rows) == len(told),
        "starts_distinct": len(set(starts)) == len(starts),
        "starts_contiguous": starts == expected_starts,
        "all_sizes_100": all(int(row["size"]) == BLOCK_SIZE for row in rows),
        "responses_match_rows": not mismatched and len({a.block_id for a in told}) == len(told),
        "audit_entries": int(audited),
        "first_start": starts[0] if starts else None,
        "last_start": starts[-1] if starts else None,
    }
    checks["ok"] = all(
        checks[key]
        for key in (
            "count_matches",
            "starts_distinct",
            "starts_contiguous",
            "all_sizes_100",
            "responses_match_rows",
        )
    ) and checks["audit_entries"] == len(rows)
    return checks


# --- one run ----------------------------------------------------------------------------------


@dataclass
class Options:
    requests: int
    clients: int
    warmup: int
    sequential: int
    customers: int
    sample_interval: float
    single_only: bool
    keep_db: bool
    seed: int


async def measure(
    options: Options, database_url: str, tenant: Tenant, processes: int, outbox_dir: Path
) -> dict[str, Any]:
    rng = random.Random(options.seed + processes)
    begin = time.perf_counter()
    servers = await start_servers(database_url, processes, outbox_dir)
    startup_seconds = round(time.perf_counter() - begin, 1)
    try:
        urls = [server.url for server in servers]
        async with httpx.AsyncClient(base_url=urls[0], timeout=30) as client:
            token = await login(client, tenant.email)
        warm = await assign_loop(urls, token, tenant.customer_ids, options.clients, options.warmup, rng)
        single = await assign_loop(urls[:1], token, tenant.customer_ids, 1, options.sequential, rng)
        blocks_before = len(warm.assigned) + len(single.assigned)
        cpu_before = [process_cpu_seconds(server.process.pid or 0) for server in servers]
        bench_cpu_before = time.process_time()
        load_before = load_average()
        samples, stop = LockSamples(), asyncio.Event()
        sampler = asyncio.create_task(sample_locks(database_url, samples, stop, options.sample_interval))
        loaded = await assign_loop(urls, token, tenant.customer_ids, options.clients, options.requests, rng)
        stop.set()
        await sampler
        server_cpu = sum(
            process_cpu_seconds(server.process.pid or 0) - before
            for server, before in zip(servers, cpu_before, strict=True)
        )
        bench_cpu = time.process_time() - bench_cpu_before
        load_after = load_average()
    finally:
        await stop_servers(servers)

    told = warm.assigned + single.assigned + loaded.assigned
    failed = len(warm.errors) + len(single.errors) + len(loaded.errors)
    checks = await verify(database_url, tenant, told, failed)
    done = len(loaded.latencies)
    quarter = max(1, done // 4)
    per_second = len(loaded.assigned) / loaded.seconds
    result: dict[str, Any] = {
        "processes": processes,
        "server_startup_seconds": startup_seconds,
        "clients": options.clients,
        "warmup_requests": options.warmup,
        "warmup_errors": len(warm.errors),
        "blocks_before_timed_phase": blocks_before,
        "single_client": {
            **asdict(latency(single.latencies)),
            "per_second": round(len(single.assigned) / single.seconds, 1),
            "errors": len(single.errors),
        },
        "concurrent": {
            **asdict(latency(loaded.latencies)),
            "requests": options.requests,
            "seconds": round(loaded.seconds, 3),
            "assignments_per_second": round(per_second, 1),
            "errors": len(loaded.errors),
            # completion order: the blocks table grows during the run and next_free_start reads it all
            "per_second_first_quarter": round(
                (quarter - 1) / (loaded.finished_at[quarter - 1] - loaded.finished_at[0] + 1e-9), 1
            ),
            "per_second_last_quarter": round(
                (quarter - 1) / (loaded.finished_at[-1] - loaded.finished_at[-quarter] + 1e-9), 1
            ),
            "p50_ms_first_quarter": round(percentile(sorted(loaded.latencies[:quarter]), 50) * 1000, 2),
            "p50_ms_last_quarter": round(percentile(sorted(loaded.latencies[-quarter:]), 50) * 1000, 2),
            # assignments are serialized by the account row lock: this is the time each one holds it
            "ms_per_assignment": round(1000 / per_second, 2),
            "littles_law_mean_ms": round(options.clients / per_second * 1000, 2),
            "server_cpu_ms_per_assignment": round(server_cpu * 1000 / max(1, done), 2),
            "bench_client_cpu_ms_per_assignment": round(bench_cpu * 1000 / max(1, done), 2),
            "load_average_before": load_before,
            "load_average_after": load_after,
        },
        "lock_samples": samples.summary(),
        "first_errors": (warm.errors + single.errors + loaded.errors)[:5],
        "verification": checks,
    }
    return result


# --- the whole run ----------------------------------------------------------------------------


async def run(options: Options, meta: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    runs: dict[str, Any] = {}
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        meta["postgres"] = await server_version(database_url)
        plans = [1] if options.single_only else [1, 2]
        tenants, seconds = await seed(
            database_url, [f"{n} process{'es' if n > 1 else ''}" for n in plans], options.customers
        )
        meta["seed_seconds"] = seconds
        await admin_execute("ANALYZE", database_url)  # statistics, as a long-lived database has them
        print(f"seeded {len(tenants)} account(s) x {options.customers} customers in {seconds} s", flush=True)
        with tempfile.TemporaryDirectory(prefix="bench-blocks-outbox-") as outbox:
            for processes, tenant in zip(plans, tenants, strict=True):
                print(f"run: {tenant.label}, {options.clients} clients", flush=True)
                runs[tenant.label] = await measure(options, database_url, tenant, processes, Path(outbox))
    meta["wall_seconds"] = round(time.perf_counter() - started, 1)
    return runs


def report(runs: dict[str, Any], meta: dict[str, Any], options: Options) -> str:
    labels = list(runs)
    width = 16

    def row(title: str, values: list[Any]) -> str:
        return f"{title:44}" + "".join(f"{value!s:>{width}}" for value in values)

    def values(section: str, key: str) -> list[Any]:
        return [runs[label][section].get(key) for label in labels]

    def pairs(section: str, first: str, second: str) -> list[str]:
        return [f"{a} / {b}" for a, b in zip(values(section, first), values(section, second), strict=True)]

    lines = [
        f"numberBlockAssign over HTTP, {options.clients} clients, {options.requests} timed requests "
        f"(after {options.warmup} warm-up + {options.sequential} single-client)",
        "",
        row("", labels),
        row("assignments/s", values("concurrent", "assignments_per_second")),
        row("ms per assignment (1 / throughput)", values("concurrent", "ms_per_assignment")),
        row("p50 latency (ms)", values("concurrent", "p50_ms")),
        row("p95 latency (ms)", values("concurrent", "p95_ms")),
        row("p99 latency (ms)", values("concurrent", "p99_ms")),
        row("max latency (ms)", values("concurrent", "max_ms")),
        row("mean latency (ms)", values("concurrent", "mean_ms")),
        row("errors", values("concurrent", "errors")),
        row(
            "assignments/s first / last quarter",
            pairs("concurrent", "per_second_first_quarter", "per_second_last_quarter"),
        ),
        row(
            "p50 first / last quarter (ms)",
            pairs("concurrent", "p50_ms_first_quarter", "p50_ms_last_quarter"),
        ),
        row("server CPU per assignment (ms)", values("concurrent", "server_cpu_ms_per_assignment")),
        row(
            "bench client CPU per assignment (ms)", values("concurrent", "bench_client_cpu_ms_per_assignment")
        ),
        row(
            "backends waiting on a lock (mean / max)",
            pairs("lock_samples", "mean_waiting_on_lock", "max_waiting_on_lock"),
        ),
        row(
            "in a transaction: not waiting / all (mean)",
            pairs("lock_samples", "mean_in_transaction_not_waiting", "mean_in_transaction"),
        ),
        row("1 client: p50 latency (ms)", values("single_client", "p50_ms")),
        row("1 client: assignments/s", values("single_client", "per_second")),
        row("load average before / after", pairs("concurrent", "load_average_before", "load_average_after")),
        row("verified blocks (db / told)", pairs("verification", "blocks_in_db", "successful_assignments")),
        row("distinct + contiguous + match + audit", [runs[label]["verification"]["ok"] for label in labels]),
        "",
        f"machine: {machine_summary(meta)}, commit {meta['git_commit']}"
        f"{' (dirty)' if meta['git_dirty'] else ''}, wall {meta.get('wall_seconds')} s",
    ]
    for label in labels:
        if runs[label]["first_errors"]:
            lines.append(f"first errors ({label}): {runs[label]['first_errors']}")
    return "\n".join(lines)


def main() -> int:
    parser = argument_parser(__doc__)
    parser.add_argument("--requests", type=int, default=2000, help="timed concurrent assignments per run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--warmup", type=int, default=160, help="untimed assignments before each run")
    parser.add_argument("--sequential", type=int, default=100, help="timed single-client assignments")
    parser.add_argument("--customers", type=int, default=100, help="customers per account")
    parser.add_argument("--sample-interval", type=float, default=0.05, help="pg_stat_activity sampling (s)")
    parser.add_argument("--single-only", action="store_true", help="skip the two-process run")
    add_keep_db(parser, DB_NAME)
    parser.add_argument("--seed", type=int, default=20_261_122, help="random customer choice")
    options = parse_options(parser, Options)
    meta = {**machine(), "options": asdict(options), "mutation": ASSIGN}
    runs = asyncio.run(run(options, meta))
    output = write_json("block_assign.json", {"meta": meta, "runs": runs})
    print_report(report(runs, meta, options), str(relative(output)))
    failed = [label for label, result in runs.items() if not result["verification"]["ok"]]
    errors = sum(result["concurrent"]["errors"] for result in runs.values())
    if failed or errors:
        print(f"FAILED: verification {failed or 'ok'}, {errors} errors", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
