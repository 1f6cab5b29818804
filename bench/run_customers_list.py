"""Benchmark: the customers page of 50 over HTTP, next to raw asyncpg, in one run.

    uv run python bench/run_customers_list.py [--keep-db] [--port 8765] [--duration 10]

1. (Re)creates the PostgreSQL database `switchboard_bench`, migrates it, seeds one account with
   10 000 customers (a quarter with a reseller, a third with an account manager, 0-3 tags each).
2. In process (httpx.ASGITransport): counts the SQL statements of one page request from Tortoise's
   `tortoise.db_client` DEBUG log, and times the request without a socket.
3. Starts `switchboard serve` as a real uvicorn process on 127.0.0.1, logs in, warms up, then times
   sequential requests (p50/p95) and 4 concurrent connections for a fixed duration (requests/s).
4. Stops the server, then fetches the same 50 rows (+ the count) with raw asyncpg and serializes
   them with orjson into the same JSON shape: sequential p50/p95 and a pool of 4 for requests/s.
5. Prints a table, writes bench/results/customers_list.json and drops the database (unless
   --keep-db).
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import random
import re
import socket
import sys
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import IO, Any

import asyncpg
import httpx
import orjson
from common import (
    PASSWORD,
    SECRET_KEY,
    add_keep_db,
    argument_parser,
    asyncpg_dsn,
    bench_database,
    global_id,
    json_headers,
    latency,
    load_average,
    login,
    machine,
    machine_summary,
    parse_options,
    print_report,
    process_cpu_seconds,
    relative,
    results_path,
    spawn_server,
    stop_process,
    wait_healthy,
    write_json,
)

DB_NAME = "switchboard_bench"
ADMIN_EMAIL = "admin@bench.example"
PAGE_SIZE = 50
RESELLERS = 20
MANAGERS = 10
CURRENCIES = ("USD", "EUR", "GBP")  # all with 2 minor digits, so the raw side quantizes to cents
CENT = Decimal("0.01")
TAGS = ("wholesale", "retail", "premium", "trial", "vip", "sip-trunk", "call-center", "emea")
WORDS = (
    "Acme", "Blue", "Cedar", "Delta", "Echo", "Falcon", "Granite", "Harbor", "Iris", "Juniper",
    "Kestrel", "Lumen", "Meridian", "Nova", "Orbit", "Pioneer", "Quartz", "Raven", "Summit", "Tango",
)  # fmt: skip
SUFFIXES = ("Telecom", "Voice", "Networks", "Communications", "Connect", "Systems", "Media", "Labs")

QUERY = """{ customers(first: 50, sortBy: [{field: NAME, direction: ASC}]) { totalCount edges { cursor
node { id name status currency balance debitLimit channels tags reseller { id name }
accountManager { id name email } } } pageInfo { hasNextPage endCursor } } }"""

RAW_PAGE_SQL = """
SELECT c.id, c.name, c.name_key, c.status, c.currency, c.balance, c.debit_limit, c.channels,
       r.id AS reseller_id, r.name AS reseller_name,
       u.id AS manager_id, u.name AS manager_name, u.email AS manager_email,
       ARRAY(SELECT t.tag FROM customer_tag t WHERE t.customer_id = c.id ORDER BY t.id) AS tags
FROM customer c
LEFT JOIN reseller r ON r.id = c.reseller_id AND r.account_id = c.account_id
LEFT JOIN "user" u ON u.id = c.account_manager_id AND u.account_id = c.account_id
WHERE c.account_id = $1 AND c.deleted_at IS NULL
ORDER BY c.name_key, c.id
LIMIT $2
"""
RAW_COUNT_SQL = "SELECT count(*) FROM customer WHERE account_id = $1 AND deleted_at IS NULL"


# --- statistics -------------------------------------------------------------------------------


@dataclass
class Timing:
    """Latencies of `count` operations, in milliseconds, and their rate over `seconds`."""

    count: int
    seconds: float
    per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float


def timing(latencies: list[float], seconds: float) -> Timing:
    stats = latency(latencies)
    return Timing(
        count=stats.count,
        seconds=round(seconds, 3),
        per_second=round(stats.count / seconds, 1),
        p50_ms=stats.p50_ms,
        p95_ms=stats.p95_ms,
        p99_ms=stats.p99_ms,
        mean_ms=stats.mean_ms,
    )


async def sequential(op: Callable[[], Awaitable[object]], count: int) -> Timing:
    latencies = []
    started = time.perf_counter()
    for _ in range(count):
        begin = time.perf_counter()
        await op()
        latencies.append(time.perf_counter() - begin)
    return timing(latencies, time.perf_counter() - started)


async def concurrent(op: Callable[[], Awaitable[object]], workers: int, duration: float) -> Timing:
    """`workers` loops calling `op` back to back until `duration` seconds have passed."""
    latencies: list[float] = []
    deadline = time.perf_counter() + duration

    async def worker() -> None:
        while time.perf_counter() < deadline:
            begin = time.perf_counter()
            await op()
            latencies.append(time.perf_counter() - begin)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(workers)))
    return timing(latencies, time.perf_counter() - started)


# --- database and seed ------------------------------------------------------------------------


@dataclass
class Seeded:
    account_id: int
    customers: int
    with_reseller: int
    with_manager: int
    tags: int
    seconds: float


async def seed(customers: int) -> Seeded:
    """One account: an admin, resellers, account managers and `customers` customers with tags.
    Needs an initialised Tortoise (the app's lifespan)."""
    from tortoise import Tortoise

    from models import Customer, CustomerTag, Reseller
    from models.enums import CustomerStatus
    from services.accounts import create_account, create_user

    started = time.perf_counter()
    rng = random.Random(20_261_122)
    account = await create_account("Bench Carrier")
    await create_user(account, email=ADMIN_EMAIL, name="Bench Admin", password=PASSWORD)
    resellers = [
        await Reseller.create(account_id=account.id, name=f"Reseller {i:02d}") for i in range(RESELLERS)
    ]
    managers = [
        await create_user(
            account,
            email=f"manager{i}@bench.example",
            name=f"Manager {i}",
            password=PASSWORD,
            role_name="Support",
        )
        for i in range(MANAGERS)
    ]
    statuses = [CustomerStatus.ACTIVE] * 8 + [CustomerStatus.INACTIVE, CustomerStatus.PENALTY]
    rows = []
    for i in range(customers):
        name = f"{rng.choice(WORDS)} {rng.choice(SUFFIXES)} {i:05d}"
        rows.append(
            Customer(
                account_id=account.id,
                name=name,
                name_key=name.casefold(),
                status=rng.choice(statuses),
                currency=rng.choice(CURRENCIES),
                balance=Decimal(rng.randint(-50_000, 5_000_000)) / 100,
                debit_limit=Decimal(rng.choice((0, 0, 100, 500, 1000))),
                channels=rng.choice((0, 10, 30, 100, 300)),
                reseller_id=rng.choice(resellers).id if rng.random() < 0.25 else None,
                account_manager_id=rng.choice(managers).id if rng.random() < 1 / 3 else None,
            )
        )
    await Customer.bulk_create(rows, batch_size=1000)
    ids = await Customer.filter(account_id=account.id).order_by("id").values_list("id", flat=True)
    tags = [
        CustomerTag(customer_id=customer_id, tag=tag)
        for customer_id in ids
        for tag in rng.sample(TAGS, rng.choice((0, 1, 1, 2, 3)))
    ]
    await CustomerTag.bulk_create(tags, batch_size=2000)
    await Tortoise.get_connection("default").execute_script("ANALYZE")
    return Seeded(
        account_id=account.id,
        customers=len(rows),
        with_reseller=sum(1 for row in rows if row.reseller_id is not None),
        with_manager=sum(1 for row in rows if row.account_manager_id is not None),
        tags=len(tags),
        seconds=round(time.perf_counter() - started, 2),
    )


# --- GraphQL over httpx -----------------------------------------------------------------------


def page_request(client: httpx.AsyncClient, token: str) -> Callable[[], Awaitable[bytes]]:
    body = orjson.dumps({"query": QUERY})
    headers = json_headers(token)

    async def request() -> bytes:
        response = await client.post("/graphql", content=body, headers=headers)
        if response.status_code != 200 or b'"errors"' in response.content:
            raise RuntimeError(f"bad response {response.status_code}: {response.text[:500]}")
        return response.content

    return request


def check_page(content: bytes, customers: int) -> dict[str, Any]:
    """The decoded body, after checking it is a full first page of the seeded list."""
    body: dict[str, Any] = orjson.loads(content)
    page = body["data"]["customers"]
    if len(page["edges"]) != PAGE_SIZE or page["totalCount"] != customers:
        raise RuntimeError(f"unexpected page: {len(page['edges'])} edges, totalCount {page['totalCount']}")
    return body


# --- SQL statement count (in process) ---------------------------------------------------------

_SQL_START = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", re.IGNORECASE)
_MAIN_TABLE = re.compile(r'\bFROM\s+"?(\w+)"?', re.IGNORECASE)


class SqlCounter(logging.Handler):
    """Collects the SQL text Tortoise logs on `tortoise.db_client` at DEBUG ("<sql>: <values>")."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.statements: list[str] = []
        self.other: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        (self.statements if _SQL_START.match(message) else self.other).append(message)


@dataclass
class SqlCount:
    per_request: list[int]
    by_table: dict[str, int]
    statements: list[str]
    other_log_lines: int


def describe(statement: str) -> str:
    """`SELECT … FROM "customer" …` shortened to its verb and first table, values dropped."""
    verb = statement.split(None, 1)[0].upper()
    table = _MAIN_TABLE.search(statement)
    return f"{verb} {table.group(1) if table else '?'}"


async def count_sql(request: Callable[[], Awaitable[bytes]], repeats: int) -> SqlCount:
    logger = logging.getLogger("tortoise.db_client")
    counter = SqlCounter()
    previous_level = logger.level
    logger.addHandler(counter)
    logger.setLevel(logging.DEBUG)
    per_request = []
    try:
        for _ in range(repeats):
            before = len(counter.statements)
            await request()
            per_request.append(len(counter.statements) - before)
    finally:
        logger.removeHandler(counter)
        logger.setLevel(previous_level)
    last = counter.statements[-per_request[-1] :] if per_request[-1] else []
    return SqlCount(
        per_request=per_request,
        by_table=dict(Counter(describe(s) for s in last)),
        statements=[s.split(": [", 1)[0].strip() for s in last],
        other_log_lines=len(counter.other),
    )


# --- the real server --------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


async def start_server(database_url: str, port: int, log: IO[bytes]) -> asyncio.subprocess.Process:
    env = {
        **os.environ,
        "SWITCHBOARD_DATABASE_URL": database_url,
        "SWITCHBOARD_SECRET_KEY": SECRET_KEY,
    }
    process = await spawn_server(port, env, log)
    try:
        await wait_healthy(f"http://127.0.0.1:{port}", process, log.name)
    except BaseException:
        await stop_process(process)
        raise
    return process


# --- raw asyncpg baseline ---------------------------------------------------------------------


def cursor_of(name_key: str, node_id: int) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([name_key, node_id])).decode().rstrip("=")


def money(value: Decimal) -> str:
    return format(value.quantize(CENT), "f")


def serialize(rows: list[asyncpg.Record], total: int) -> bytes:
    """The rows and count as the same JSON document the GraphQL query returns."""
    edges = []
    for row in rows[:PAGE_SIZE]:
        reseller = (
            {"id": global_id("Reseller", row["reseller_id"]), "name": row["reseller_name"]}
            if row["reseller_id"] is not None
            else None
        )
        manager = (
            {
                "id": global_id("User", row["manager_id"]),
                "name": row["manager_name"],
                "email": row["manager_email"],
            }
            if row["manager_id"] is not None
            else None
        )
        edges.append(
            {
                "cursor": cursor_of(row["name_key"], row["id"]),
                "node": {
                    "id": global_id("Customer", row["id"]),
                    "name": row["name"],
                    "status": row["status"],
                    "currency": row["currency"],
                    "balance": money(row["balance"]),
                    "debitLimit": money(row["debit_limit"]),
                    "channels": row["channels"],
                    "tags": row["tags"],
                    "reseller": reseller,
                    "accountManager": manager,
                },
            }
        )
    page_info = {
        "hasNextPage": len(rows) > PAGE_SIZE,
        "endCursor": edges[-1]["cursor"] if edges else None,
    }
    return orjson.dumps({"data": {"customers": {"totalCount": total, "edges": edges, "pageInfo": page_info}}})


def raw_page(pool: asyncpg.Pool, account_id: int) -> Callable[[], Awaitable[bytes]]:
    async def fetch() -> bytes:
        async with pool.acquire() as conn:
            rows = await conn.fetch(RAW_PAGE_SQL, account_id, PAGE_SIZE + 1)
            total = await conn.fetchval(RAW_COUNT_SQL, account_id)
        return serialize(rows, total)

    return fetch


def first_difference(left: Any, right: Any, path: str = "") -> str | None:
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(set(left) | set(right)):
            found = first_difference(left.get(key), right.get(key), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            found = first_difference(a, b, f"{path}[{index}]")
            if found:
                return found
        return None
    return None if left == right else f"{path}: API {left!r} != raw {right!r}"


# --- the run ----------------------------------------------------------------------------------


@dataclass
class Options:
    customers: int
    port: int
    warmup: int
    requests: int
    duration: float
    connections: int
    keep_db: bool


@dataclass
class Results:
    meta: dict[str, Any]
    seed: dict[str, Any] = field(default_factory=dict)
    sql: dict[str, Any] = field(default_factory=dict)
    in_process: dict[str, Any] = field(default_factory=dict)
    http: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)


async def measure_in_process(options: Options, database_url: str, results: Results) -> tuple[int, bytes]:
    """Seed, count SQL statements and time the request without a socket; returns the account id
    and one response body."""
    from pydantic import SecretStr

    from app import create_app
    from settings import Settings

    settings = Settings(database_url=database_url, secret_key=SecretStr(SECRET_KEY))
    application = create_app(settings)
    async with application.router.lifespan_context(application):
        seeded = await seed(options.customers)
        results.seed = asdict(seeded)
        print(f"seeded {seeded.customers} customers, {seeded.tags} tags in {seeded.seconds} s", flush=True)
        transport = httpx.ASGITransport(app=application, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            request = page_request(client, await login(client, ADMIN_EMAIL))
            body = await request()
            check_page(body, options.customers)
            sql = await count_sql(request, repeats=5)
            results.sql = asdict(sql)
            for _ in range(options.warmup):
                await request()
            results.in_process = asdict(await sequential(request, options.requests // 2))
    return seeded.account_id, body


async def with_server_cpu(pid: int, measurement: Awaitable[Timing]) -> dict[str, Any]:
    """The timing, plus the CPU time the server process spent per request meanwhile."""
    cpu = process_cpu_seconds(pid)
    measured = await measurement
    spent = process_cpu_seconds(pid) - cpu
    return {**asdict(measured), "server_cpu_ms_per_request": round(spent * 1000 / measured.count, 2)}


# A backend sends its transaction counts to the statistics when it has been idle for 10 s at most
# (PostgreSQL 15+: PGSTAT_IDLE_INTERVAL); wait that long before reading them.
STATS_FLUSH_SECONDS = 11.0


async def server_transactions(database_url: str) -> int:
    """Transactions PostgreSQL has counted in the database (committed or rolled back), minus
    the one of this read. Every statement the app sends outside a transaction is one, and so
    is asyncpg's reset query on release (one simple-protocol script): their number per request
    is the SQL round trips it costs."""
    await asyncio.sleep(STATS_FLUSH_SECONDS)
    name = database_url.rsplit("/", 1)[1]
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        count = await conn.fetchval(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = $1", name
        )
    finally:
        await conn.close()
    return int(count)


async def round_trips(database_url: str, request: Callable[[], Awaitable[bytes]], count: int) -> float:
    """SQL round trips per request, from the server's transaction counts over `count` requests,
    less the counting's own reads and the background work (the in-process scheduler's polls)
    at the rate measured over an idle window just before."""
    first = await server_transactions(database_url)
    idle_started = time.perf_counter()
    before = await server_transactions(database_url)
    started = time.perf_counter()
    background_rate = (before - first - 1) / (started - idle_started)
    for _ in range(count):
        await request()
    after = await server_transactions(database_url)
    background = background_rate * (time.perf_counter() - started)
    return round((after - before - 1 - background) / count, 2)


async def measure_http(options: Options, database_url: str, log: IO[bytes], results: Results) -> None:
    server = await start_server(database_url, options.port, log)
    try:
        limits = httpx.Limits(
            max_connections=options.connections, max_keepalive_connections=options.connections
        )
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{options.port}", limits=limits, timeout=30
        ) as client:
            request = page_request(client, await login(client, ADMIN_EMAIL))
            check_page(await request(), options.customers)
            for _ in range(options.warmup):
                await request()
            results.meta["load_before_http_sequential"] = load_average()
            results.http["sequential"] = await with_server_cpu(
                server.pid, sequential(request, options.requests)
            )
            results.http["sql_round_trips_per_request"] = await round_trips(database_url, request, 100)
            results.meta["load_before_http_concurrent"] = load_average()
            results.http["concurrent"] = await with_server_cpu(
                server.pid, concurrent(request, options.connections, options.duration)
            )
    finally:
        await stop_process(server)


async def measure_raw(
    options: Options, database_url: str, account_id: int, api_body: bytes, results: Results
) -> None:
    pool = await asyncpg.create_pool(
        asyncpg_dsn(database_url), min_size=options.connections, max_size=options.connections
    )
    try:
        fetch = raw_page(pool, account_id)
        body = await fetch()
        check_page(body, options.customers)
        api = orjson.loads(api_body)
        difference = first_difference(api["data"], orjson.loads(body)["data"])
        results.raw["same_data_as_api"] = difference is None
        results.raw["first_difference"] = difference
        results.meta["api_response_extensions"] = api.get("extensions")
        for _ in range(options.warmup):
            await fetch()
        results.raw["sequential"] = asdict(await sequential(fetch, options.requests))
        results.meta["load_before_raw_concurrent"] = load_average()
        cpu = time.process_time()
        measured = await concurrent(fetch, options.connections, options.duration)
        results.raw["concurrent"] = asdict(measured)
        results.raw["concurrent"]["python_cpu_ms_per_page"] = round(
            (time.process_time() - cpu) * 1000 / measured.count, 2
        )
        results.raw["sql_statements_per_page"] = 2
        # asyncpg's pool resets the connection when `raw_page` gives it back: one more.
        results.raw["sql_round_trips_per_page"] = 3
        results.meta["postgres"] = await pool.fetchval("SHOW server_version")
    finally:
        await pool.close()


async def run(options: Options, log: IO[bytes], results: Results) -> None:
    started = time.perf_counter()
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        account_id, api_body = await measure_in_process(options, database_url, results)
        print("SQL counted; starting the server", flush=True)
        await measure_http(options, database_url, log, results)
        print("HTTP measured; raw asyncpg baseline", flush=True)
        await measure_raw(options, database_url, account_id, api_body, results)
    results.meta["wall_seconds"] = round(time.perf_counter() - started, 1)
    http_seq, http_load = results.http["sequential"], results.http["concurrent"]
    raw_seq, raw_load = results.raw["sequential"], results.raw["concurrent"]
    results.ratios = {
        "p50_api_over_raw": round(http_seq["p50_ms"] / raw_seq["p50_ms"], 1),
        "p95_api_over_raw": round(http_seq["p95_ms"] / raw_seq["p95_ms"], 1),
        "throughput_raw_over_api": round(raw_load["per_second"] / http_load["per_second"], 1),
        "python_cpu_api_over_raw": round(
            http_load["server_cpu_ms_per_request"] / raw_load["python_cpu_ms_per_page"], 1
        ),
    }


def report(results: Results, options: Options) -> str:
    http_seq, http_load = results.http["sequential"], results.http["concurrent"]
    raw_seq, raw_load = results.raw["sequential"], results.raw["concurrent"]
    sql = results.sql
    n = options.connections
    lines = [
        f"customers page of {PAGE_SIZE} (sorted by name, reseller + account manager + tags), "
        f"{results.seed['customers']} customers",
        "",
        f"{'':34}{'API (HTTP)':>14}{'raw asyncpg':>14}{'ratio':>9}",
        f"{'p50 latency, sequential (ms)':34}{http_seq['p50_ms']:>14}{raw_seq['p50_ms']:>14}"
        f"{results.ratios['p50_api_over_raw']:>8}x",
        f"{'p95 latency, sequential (ms)':34}{http_seq['p95_ms']:>14}{raw_seq['p95_ms']:>14}"
        f"{results.ratios['p95_api_over_raw']:>8}x",
        f"{f'requests/s, {n} connections':34}{http_load['per_second']:>14}{raw_load['per_second']:>14}"
        f"{results.ratios['throughput_raw_over_api']:>8}x",
        f"{f'rows/s, {n} connections':34}{round(http_load['per_second'] * PAGE_SIZE):>14}"
        f"{round(raw_load['per_second'] * PAGE_SIZE):>14}",
        f"{f'p50 under {n} connections (ms)':34}{http_load['p50_ms']:>14}{raw_load['p50_ms']:>14}",
        f"{'Python CPU per page (ms)':34}{http_load['server_cpu_ms_per_request']:>14}"
        f"{raw_load['python_cpu_ms_per_page']:>14}{results.ratios['python_cpu_api_over_raw']:>8}x",
        f"{'SQL statements per request':34}{sql['per_request'][-1]:>14}"
        f"{results.raw['sql_statements_per_page']:>14}",
        f"{'SQL round trips per request':34}{results.http['sql_round_trips_per_request']:>14}"
        f"{results.raw['sql_round_trips_per_page']:>14}",
        "",
        f"in-process (ASGITransport, no socket) p50: {results.in_process['p50_ms']} ms",
        f"SQL per request over {len(sql['per_request'])} requests: {sql['per_request']}; "
        f"by table: {sql['by_table']}",
        f"raw `data` identical to the API's: {results.raw['same_data_as_api']}"
        + (f" ({results.raw['first_difference']})" if results.raw["first_difference"] else ""),
        f"machine: {machine_summary(results.meta)}, wall {results.meta['wall_seconds']} s",
        f"1-min load average before: HTTP sequential {results.meta['load_before_http_sequential']}, "
        f"HTTP concurrent {results.meta['load_before_http_concurrent']}, "
        f"raw concurrent {results.meta['load_before_raw_concurrent']}",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argument_parser(__doc__)
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--warmup", type=int, default=30, help="requests before each timing")
    parser.add_argument("--requests", type=int, default=300, help="sequential requests timed")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds under concurrent load")
    parser.add_argument("--connections", type=int, default=4)
    add_keep_db(parser, DB_NAME)
    options = parse_options(parser, Options)
    if not port_is_free(options.port):
        print(f"port {options.port} is in use; pass --port", file=sys.stderr)
        return 2
    results = Results(meta={**machine(), "options": asdict(options), "query": " ".join(QUERY.split())})
    with results_path("server.log").open("wb") as log:
        asyncio.run(run(options, log, results))
    output = write_json("customers_list.json", asdict(results))
    print_report(report(results, options), str(relative(output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
