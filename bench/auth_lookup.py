"""Benchmark: the switch's lookups (customerAuthLookup, customerAuthLookupBySipUser) over HTTP
with 100 000 IP authentications, on PostgreSQL.

    uv run python bench/auth_lookup.py [--ip-auths 100000] [--sip-users 10000] [--requests 500]
                                       [--connections 8] [--duration 10] [--keep-db]

1. (Re)creates the PostgreSQL database `switchboard_bench_auth` and migrates it. Seeds one
   account (an API key holding only switch:read, 200 customers through `create_customer`), then
   `--ip-auths` IP authentications with `bulk_create`: IPv4 /30 networks packed from 10.0.0.0
   (9 in 10) and IPv6 /64 networks (1 in 10), a third with a tech prefix, spread over the
   customers; and `--sip-users` SIP users. Then ANALYZE.
2. In process: the SQL statements of one lookup of each kind (a handler on Tortoise's logger),
   and PostgreSQL's plan of the address lookup (EXPLAIN ANALYZE), to show the index at work.
3. Starts ONE `python -m cli serve` (a real uvicorn process), warms up, then per lookup kind
   times `--requests` sequential requests on one keep-alive connection (p50/p95/p99; the
   addresses are random, about 1 in 5 matches nothing) and `--connections` concurrent
   connections in a closed loop for `--duration` s (requests/s).
4. Prints a table, writes bench/results/auth_lookup.json (server log:
   bench/results/auth_lookup_server.log) and drops the database (unless --keep-db).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from typing import Any

import httpx
from common import (
    SECRET_KEY,
    add_keep_db,
    argument_parser,
    bench_database,
    free_port,
    latency,
    load_average,
    machine,
    machine_summary,
    parse_options,
    print_report,
    reap,
    relative,
    results_path,
    server_version,
    spawn_server,
    wait_healthy,
    write_json,
)

DB_NAME = "switchboard_bench_auth"
CUSTOMERS = 200
V4_BASE = int(ipaddress.ip_address("10.0.0.0"))
V6_BASE = int(ipaddress.ip_address("2001:db8::"))
BY_ADDRESS = (
    "query($ip: String!, $p: String) { customerAuthLookup(ip: $ip, techPrefix: $p) "
    "{ customerId customerName status channels cps balance debitLimit ipAuth { id address } } }"
)
BY_SIP_USER = (
    "query($u: String!) { customerAuthLookupBySipUser(username: $u) "
    "{ customerId customerName status channels cps balance debitLimit sipUser { id username } } }"
)


@dataclass
class Options:
    ip_auths: int
    sip_users: int
    requests: int
    connections: int
    duration: float
    keep_db: bool


def network_of(index: int) -> tuple[str, str | None]:
    """The index-th seeded network and its tech prefix."""
    prefix = f"{index % 90 + 10}#" if index % 3 == 0 else None
    if index % 10 == 9:
        return str(ipaddress.ip_network((V6_BASE + (index << 64), 64))), prefix
    return str(ipaddress.ip_network((V4_BASE + index * 4, 30))), prefix


def question(index: int) -> dict[str, Any]:
    """A lookup of an address inside the index-th network (with its prefix), or a miss."""
    if index < 0:
        return {"ip": "192.0.2.1", "p": None}
    net, prefix = network_of(index)
    return {"ip": str(ipaddress.ip_network(net)[1]), "p": prefix}


async def seed(database_url: str, options: Options) -> tuple[str, int, float]:
    """The account, its switch key and rows; returns the key's secret, the account id and seconds."""
    from tortoise import Tortoise

    from models import IpAuth, SipUser
    from models.enums import Permission
    from services.accounts import create_account
    from services.actor import system_actor
    from services.api_keys import create_api_key
    from services.customers.commands import create_customer
    from services.customers.values import CustomerPatch
    from services.numbers.ip_auth import as_bound, bounds
    from services.validation import network
    from settings import tortoise_config

    started = time.perf_counter()
    await Tortoise.init(config=tortoise_config(database_url))
    try:
        account = await create_account("Bench Carrier")
        actor = system_actor(account.id)
        _key, secret = await create_api_key(actor, "Switch", [Permission.SWITCH_READ])
        customers = [
            (
                await create_customer(
                    actor, CustomerPatch(name=f"Customer {i:03d}", currency="EUR", channels=50)
                )
            ).id
            for i in range(CUSTOMERS)
        ]
        rows = []
        for index in range(options.ip_auths):
            address, prefix = network_of(index)
            first, last = bounds(network(address))
            rows.append(
                IpAuth(
                    account_id=account.id,
                    customer_id=customers[index % CUSTOMERS],
                    address=address,
                    range_start=as_bound(first),
                    range_end=as_bound(last),
                    tech_prefix=prefix,
                )
            )
        await IpAuth.bulk_create(rows, batch_size=5000)
        users = [
            SipUser(
                account_id=account.id,
                customer_id=customers[index % CUSTOMERS],
                username=f"trunk{index}",
                realm="sip.bench.example",
                ha1="0" * 32,
            )
            for index in range(options.sip_users)
        ]
        await SipUser.bulk_create(users, batch_size=5000)
        await Tortoise.get_connection("default").execute_script("ANALYZE")
    finally:
        await Tortoise.close_connections()
    return secret, account.id, round(time.perf_counter() - started, 2)


class _Statements(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.sql: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().split(" ", 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}:
            self.sql.append(message)


async def in_process(database_url: str, account_id: int, options: Options) -> dict[str, Any]:
    """Statements per lookup (service calls) and the plan of the address lookup."""
    from tortoise import Tortoise

    from models import IpAuth
    from models.enums import ActorKind, Permission
    from services.actor import Actor
    from services.numbers import lookup
    from services.numbers.ip_auth import containing, parse_address
    from settings import tortoise_config

    await Tortoise.init(config=tortoise_config(database_url))
    try:
        actor = Actor(account_id, ActorKind.API_KEY, "Switch", frozenset({Permission.SWITCH_READ}))
        logger = logging.getLogger("tortoise.db_client")
        counter = _Statements()
        logger.setLevel(logging.DEBUG)
        logger.addHandler(counter)
        asked = question(options.ip_auths // 2)
        found = await lookup.customer_auth_by_address(actor, asked["ip"], asked["p"])
        by_address = list(counter.sql)
        counter.sql.clear()
        await lookup.customer_auth_by_sip_user(actor, "trunk7")
        by_sip_user = list(counter.sql)
        logger.removeHandler(counter)
        logger.setLevel(logging.WARNING)
        queryset = containing(
            IpAuth.filter(account_id=account_id, customer__deleted_at__isnull=True),
            parse_address(asked["ip"]),
        ).select_related("customer")
        plan_rows = await Tortoise.get_connection("default").execute_query_dict(
            f"EXPLAIN (ANALYZE, COSTS OFF) {queryset.sql(params_inline=True)}"
        )
        plan = [row["QUERY PLAN"] for row in plan_rows]
    finally:
        await Tortoise.close_connections()
    assert found is not None and found.ip_auth is not None
    return {
        "statements_by_address": len(by_address),
        "statements_by_sip_user": len(by_sip_user),
        "sql_by_address": by_address,
        "sql_by_sip_user": by_sip_user,
        "plan_by_address": plan,
    }


def next_request(kind: str, rng: random.Random, options: Options) -> dict[str, Any]:
    if kind == "by_address":
        index = rng.randrange(options.ip_auths) if rng.random() < 0.8 else -1
        return {"query": BY_ADDRESS, "variables": question(index)}
    username = f"trunk{rng.randrange(options.sip_users)}" if rng.random() < 0.8 else "nobody"
    return {"query": BY_SIP_USER, "variables": {"u": username}}


async def timed(client: httpx.AsyncClient, body: dict[str, Any]) -> float:
    started = time.perf_counter()
    response = await client.post("/graphql", json=body)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    return elapsed


async def sequential(url: str, headers: dict[str, str], kind: str, options: Options) -> dict[str, Any]:
    rng = random.Random(7)
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        for _ in range(30):
            await timed(client, next_request(kind, rng, options))
        samples = [await timed(client, next_request(kind, rng, options)) for _ in range(options.requests)]
    return asdict(latency(samples))


async def concurrent(url: str, headers: dict[str, str], kind: str, options: Options) -> dict[str, Any]:
    deadline = time.perf_counter() + options.duration
    done: list[int] = []

    async def worker(seed: int) -> None:
        rng = random.Random(seed)
        count = 0
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
            while time.perf_counter() < deadline:
                await timed(client, next_request(kind, rng, options))
                count += 1
        done.append(count)

    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(options.connections)))
    elapsed = time.perf_counter() - started
    return {"requests": sum(done), "seconds": round(elapsed, 2), "req_per_s": round(sum(done) / elapsed, 1)}


async def over_http(database_url: str, secret: str, options: Options) -> dict[str, Any]:
    port = free_port()
    log_path = results_path("auth_lookup_server.log")
    env = {key: value for key, value in os.environ.items() if not key.startswith("SWITCHBOARD_")}
    env |= {
        "SWITCHBOARD_DATABASE_URL": database_url,
        "SWITCHBOARD_SECRET_KEY": SECRET_KEY,
        "SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS": "false",
        "SWITCHBOARD_OUTBOX_DIR": tempfile.mkdtemp(prefix="bench-outbox-"),
    }
    url = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {secret}"}
    with log_path.open("wb") as log:
        process = await spawn_server(port, env, log)
        try:
            await wait_healthy(url, process, str(log_path))
            results = {}
            for kind in ("by_address", "by_sip_user"):
                results[kind] = {
                    "sequential": await sequential(url, headers, kind, options),
                    "concurrent": await concurrent(url, headers, kind, options),
                }
            return results
        finally:
            process.terminate()
            await reap(process)


def report(result: dict[str, Any]) -> str:
    lines = [
        f"{result['ip_auths']} IP authentications, {result['sip_users']} SIP users, seeded in {result['seed_seconds']} s",
        f"1-minute load average around the HTTP runs: {result['load_average_before_http']} / "
        f"{result['load_average_after_http']}",
        f"statements per lookup: by address {result['in_process']['statements_by_address']}, "
        f"by SIP user {result['in_process']['statements_by_sip_user']} (plus the API key's own)",
        "",
        "| lookup | p50 ms | p95 ms | p99 ms | req/s (concurrent) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for kind, figures in result["http"].items():
        seq, conc = figures["sequential"], figures["concurrent"]
        lines.append(
            f"| {kind} | {seq['p50_ms']} | {seq['p95_ms']} | {seq['p99_ms']} | {conc['req_per_s']} |"
        )
    lines += ["", "plan of the address lookup:", *result["in_process"]["plan_by_address"]]
    return "\n".join(lines)


async def main(options: Options) -> None:
    meta = machine()
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        secret, account_id, seconds = await seed(database_url, options)
        result: dict[str, Any] = {
            "machine": meta,
            "postgres": await server_version(database_url),
            "ip_auths": options.ip_auths,
            "sip_users": options.sip_users,
            "seed_seconds": seconds,
            "in_process": await in_process(database_url, account_id, options),
            "load_average_before_http": load_average(),
            "http": await over_http(database_url, secret, options),
            "load_average_after_http": load_average(),
        }
    written = write_json("auth_lookup.json", result)
    print(machine_summary(meta))
    print_report(report(result), str(relative(written)))


if __name__ == "__main__":
    parser = argument_parser(__doc__)
    parser.add_argument("--ip-auths", type=int, default=100_000)
    parser.add_argument("--sip-users", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    add_keep_db(parser, DB_NAME)
    asyncio.run(main(parse_options(parser, Options)))
