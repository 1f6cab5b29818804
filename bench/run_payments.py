"""Benchmark: payment completion on ONE customer from 16 concurrent clients, over HTTP, on
PostgreSQL.

    uv run python bench/run_payments.py [--payments 800] [--clients 16] [--keep-db]

1. (Re)creates the PostgreSQL database `switchboard_bench_payments`, migrates it, seeds one
   account (an Administrator, one EUR customer with USD top-ups, a USD->EUR rate of 0.9137) and
   `--payments` PENDING payments of that customer through the service (amounts 1.00-99.99,
   half of them in USD, so converted amounts are rounded), plus 5 extra per client for warm-up.
2. Starts ONE `python -m cli serve` (real uvicorn, scheduler off), logs in, warms up, completes
   50 payments from one client alone (the uncontended latency), then
   completes the payments with `paymentComplete` from `--clients` concurrent clients in a closed
   loop (each client its own keep-alive connection), every payment once; then has 16 clients
   complete ONE more payment at the same time (exactly one may win).
3. Checks in the database: the balance equals the sum of the completed payments' converted
   amounts (all completions are of one customer: every one waits for the customer's row lock),
   one completion audit entry per completed payment, and the duplicate race raised it once.
4. Prints the figures and writes bench/results/payments.json (server log:
   bench/results/payments_server.log); drops the database unless --keep-db.
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

import asyncpg
import httpx
from common import (
    PASSWORD,
    SECRET_KEY,
    add_keep_db,
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
    print_report,
    reap,
    relative,
    results_path,
    server_version,
    spawn_server,
    wait_healthy,
    write_json,
)

DB_NAME = "switchboard_bench_payments"
SEQUENTIAL = 50  # completions from one client: the uncontended latency
EMAIL = "admin@payments.bench.example"
COMPLETE = "mutation($id: ID!) { paymentComplete(input: {id: $id}) { payment { status } errors { code } } }"


@dataclass
class Options:
    payments: int
    clients: int
    keep_db: bool


@dataclass
class Seeded:
    customer_id: int
    warmup: list[int]
    timed: list[int]
    race: int
    sequential: list[int]


async def seed(database_url: str, payments: int, clients: int) -> Seeded:
    from tortoise import Tortoise

    from models.enums import PaymentMethod
    from services.accounts import create_account, create_user
    from services.actor import system_actor
    from services.customers.commands import create_customer
    from services.customers.values import CustomerPatch
    from services.payments.commands import PaymentInput, create_payment
    from services.payments.rates import RateInput, set_rate
    from settings import tortoise_config

    await Tortoise.init(config=tortoise_config(database_url))
    try:
        account = await create_account("Bench Carrier")
        await create_user(account, email=EMAIL, name="Bench Admin", password=PASSWORD)
        actor = system_actor(account.id)
        customer = await create_customer(
            actor, CustomerPatch(name="Busy payer", currency="EUR", topup_currencies=["USD"])
        )
        await set_rate(actor, RateInput("USD", "EUR", Decimal("0.9137")))
        rng = random.Random(7)
        ids = []
        for number in range(payments + 5 * clients + SEQUENTIAL + 1):
            amount = Decimal(rng.randint(100, 9999)).scaleb(-2)
            currency = "USD" if number % 2 else "EUR"
            given = PaymentInput(customer.id, amount, currency, PaymentMethod.CARD)
            ids.append((await create_payment(actor, given)).id)
    finally:
        await Tortoise.close_connections()
    warm = 5 * clients
    return Seeded(
        customer.id, ids[:warm], ids[warm + SEQUENTIAL : -1], ids[-1], ids[warm : warm + SEQUENTIAL]
    )


async def complete_all(url: str, token: str, ids: list[int], clients: int) -> tuple[list[float], int]:
    queue = list(reversed(ids))
    seconds: list[float] = []
    errors = 0

    async def client_task() -> None:
        nonlocal errors
        async with httpx.AsyncClient(base_url=url, headers=json_headers(token), timeout=60) as http:
            while queue:
                payment_id = queue.pop()
                body = {"query": COMPLETE, "variables": {"id": global_id("Payment", payment_id)}}
                started = time.perf_counter()
                response = await http.post("/graphql", json=body)
                seconds.append(time.perf_counter() - started)
                payload = response.json()["data"]["paymentComplete"]
                if payload["errors"] or payload["payment"]["status"] != "COMPLETED":
                    errors += 1

    await asyncio.gather(*(client_task() for _ in range(clients)))
    return seconds, errors


async def race(url: str, token: str, payment_id: int, clients: int) -> int:
    """`clients` completions of one payment at once; how many were accepted."""
    body = {"query": COMPLETE, "variables": {"id": global_id("Payment", payment_id)}}

    async def once() -> bool:
        async with httpx.AsyncClient(base_url=url, headers=json_headers(token), timeout=60) as http:
            payload = (await http.post("/graphql", json=body)).json()["data"]["paymentComplete"]
            return not payload["errors"]

    return sum(await asyncio.gather(*(once() for _ in range(clients))))


async def verify(database_url: str, customer_id: int) -> dict[str, Any]:
    conn = await asyncpg.connect(asyncpg_dsn(database_url))
    try:
        balance = await conn.fetchval("SELECT balance FROM customer WHERE id = $1", customer_id)
        completed = await conn.fetchval(
            "SELECT coalesce(sum(converted_amount), 0) FROM payment WHERE customer_id = $1 AND status = 'COMPLETED'",
            customer_id,
        )
        count = await conn.fetchval(
            "SELECT count(*) FROM payment WHERE customer_id = $1 AND status = 'COMPLETED'", customer_id
        )
        audits = await conn.fetchval(
            "SELECT count(*) FROM audit_entry WHERE table_name = 'payment' AND action = 'UPDATE'"
        )
    finally:
        await conn.close()
    return {
        "balance": str(balance),
        "sum_of_completed": str(completed),
        "balance_exact": balance == completed,
        "completed": count,
        "completion_audit_entries": audits,
        "audit_matches": audits == count,
    }


async def run(options: Options) -> dict[str, Any]:
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        seeded = await seed(database_url, options.payments, options.clients)
        port = free_port()
        log = results_path("payments_server.log").open("wb")
        env = {key: value for key, value in os.environ.items() if not key.startswith("SWITCHBOARD_")}
        env.update(
            SWITCHBOARD_DATABASE_URL=database_url,
            SWITCHBOARD_SECRET_KEY=SECRET_KEY,
            SWITCHBOARD_RUN_SCHEDULER_IN_PROCESS="false",
            SWITCHBOARD_OUTBOX_DIR=tempfile.mkdtemp(prefix="bench-outbox-"),
        )
        process = await spawn_server(port, env, log)
        url = f"http://127.0.0.1:{port}"
        try:
            await wait_healthy(url, process, log.name)
            async with httpx.AsyncClient(base_url=url) as http:
                token = await login(http, EMAIL)
            await complete_all(url, token, seeded.warmup, options.clients)
            alone, _ = await complete_all(url, token, seeded.sequential, 1)
            load_before = load_average()
            started = time.perf_counter()
            seconds, errors = await complete_all(url, token, seeded.timed, options.clients)
            wall = time.perf_counter() - started
            accepted = await race(url, token, seeded.race, options.clients)
        finally:
            process.terminate()
            await reap(process)
            log.close()
        checks = await verify(database_url, seeded.customer_id)
        return {
            "postgres": await server_version(database_url),
            "completions": len(seconds),
            "clients": options.clients,
            "errors": errors,
            "completions_per_second": round(len(seconds) / wall, 1),
            "latency": asdict(latency(seconds)),
            "one_client_latency": asdict(latency(alone)),
            "load_average_before": load_before,
            "duplicate_race_accepted": accepted,
            "load_average_after": load_average(),
            **checks,
        }


def report(result: dict[str, Any], meta: dict[str, Any]) -> str:
    lat = result["latency"]
    return "\n".join(
        [
            machine_summary(meta),
            f"PostgreSQL {result['postgres']}; {result['completions']} completions of ONE customer, "
            f"{result['clients']} clients",
            f"completions/s {result['completions_per_second']}; errors {result['errors']}",
            "latency ms: " + ", ".join(f"{k} {v}" for k, v in lat.items()),
            "one client alone, ms: " + ", ".join(f"{k} {v}" for k, v in result["one_client_latency"].items()),
            f"load average before / after: {result['load_average_before']} / {result['load_average_after']}",
            f"balance {result['balance']} == sum of completed {result['sum_of_completed']}: {result['balance_exact']}",
            f"completion audit entries {result['completion_audit_entries']} == completed {result['completed']}: "
            f"{result['audit_matches']}",
            f"16 simultaneous completions of one payment accepted: {result['duplicate_race_accepted']}",
        ]
    )


def main() -> int:
    parser = argument_parser(__doc__)
    parser.add_argument("--payments", type=int, default=800, help="timed completions")
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    add_keep_db(parser, DB_NAME)
    options = parse_options(parser, Options)
    meta = machine()
    result = asyncio.run(run(options))
    output = write_json("payments.json", {"meta": meta, "result": result})
    print_report(report(result, meta), str(relative(output)))
    ok = result["balance_exact"] and result["audit_matches"] and result["errors"] == 0
    return 0 if ok and result["duplicate_race_accepted"] == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
