"""Benchmark: Send Email to customers' contacts (customerMessageSend's service), on SQLite and
PostgreSQL, next to raw aiosmtplib sends.

    uv run python bench/broadcast.py --engine sqlite|postgres [--customers 5000] [--contacts 2]
                                     [--deliver-customers 500]

One engine per run: a fresh database (a temporary SQLite file; PostgreSQL `switchboard_bench_broadcast`
on 127.0.0.1:5432, dropped at the end), migrated; one account whose SMTP settings point at an
aiosmtpd server in a child process (bench/run_outbox.py's counting server); `--customers`
customers with `--contacts` contacts each (bulk_create).

1. Enqueue: `send_broadcast` to every customer (by `where`, so --customers x --contacts
   recipients, 10 000 by default) in its one transaction; jobs are recorded, not run. Reports
   seconds, messages/s, the process's peak RSS growth (ru_maxrss) and, from a second, untimed
   send under tracemalloc, the peak of Python memory allocated during the send.
2. Delivery: a second broadcast to the first `--deliver-customers` customers, its fan-out job run
   by the in-process worker (workers/inprocess.py, as `switchboard serve --demo` runs it); timed
   from the fan-out until the SMTP server has them all and no message is QUEUED.
3. Raw: `aiosmtplib.send` of as many e-mails of the same size to the same server, 1 and 8 tasks.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
import tracemalloc
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from common import bench_database, machine, write_json
from run_outbox import SmtpServer, raw_sends, start_smtp, stop_smtp, wait_for

DB_NAME = "switchboard_bench_broadcast"
SENDER = "noc@carrier.example"


@dataclass
class EngineResult:
    engine: str
    recipients: int
    enqueue_seconds: float
    enqueue_per_second: float
    peak_rss_growth_mb: float
    peak_python_mb_tracemalloc: float
    delivered: int
    delivery_seconds: float
    delivered_per_second: float


@dataclass
class Results:
    meta: dict[str, Any]
    engines: list[dict[str, Any]] = field(default_factory=list)
    raw: list[dict[str, Any]] = field(default_factory=list)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def seed(account_id: int, customers: int, contacts: int) -> None:
    from models import Contact, Customer

    await Customer.bulk_create(
        [
            Customer(
                account_id=account_id, name=f"Customer {i:05}", name_key=f"customer {i:05}", currency="USD"
            )
            for i in range(customers)
        ],
        batch_size=1000,
    )
    ids = await Customer.filter(account_id=account_id).order_by("id").values_list("id", flat=True)
    rows = []
    for customer_id in ids:
        for n in range(contacts):
            email = f"c{customer_id}.{n}@example.com"
            rows.append(
                Contact(
                    account_id=account_id,
                    customer_id=customer_id,
                    name=f"Person {customer_id}.{n}",
                    name_key=f"person {customer_id}.{n}",
                    email=email,
                    email_key=email,
                )
            )
    await Contact.bulk_create(rows, batch_size=1000)


async def run_engine(database_url: str, options: argparse.Namespace, smtp: SmtpServer) -> EngineResult:
    from tortoise import Tortoise

    from models import Account, Customer, Message
    from models.enums import ActorKind, MessageChannel, MessageStatus, Permission, SmtpTlsMode
    from services import runtime
    from services.accounts import create_account
    from services.actor import Actor
    from services.customers.bulk import Selection
    from services.jobs import Job
    from services.listing import Filter
    from services.messaging.broadcasts import BroadcastRequest, fan_out, send_broadcast
    from services.runtime import Runtime
    from settings import Settings
    from tests.factories import ORIGIN
    from workers.inprocess import InProcessRunner
    from workers.registry import load_actors

    settings = Settings(database_url=database_url, allow_private_outbound=True)
    recorded: list[Job] = []
    with runtime.installed(Runtime(settings, recorded.extend)):
        await Tortoise.init(config=settings.tortoise_config())
        try:
            account = await create_account("Bench Carrier")
            await Account.filter(id=account.id).update(
                email_from=SENDER, smtp_host="127.0.0.1", smtp_port=smtp.port, smtp_tls_mode=SmtpTlsMode.NONE
            )
            await seed(account.id, options.customers, options.contacts)
            actor = Actor(
                account_id=account.id,
                kind=ActorKind.USER,
                label="Bench",
                permissions=frozenset(Permission),
                origin=ORIGIN,
            )
            body = (
                "Dear {{contact.name}},\n\nthe network of {{customer.name}} will be upgraded on Sunday.\n" * 4
            )
            request = BroadcastRequest(
                Selection(where=Filter(conditions={})), MessageChannel.EMAIL, "Maintenance", body
            )
            rss = max_rss_mb()
            started = time.perf_counter()
            result = await send_broadcast(actor, request)
            enqueue = time.perf_counter() - started
            growth = max_rss_mb() - rss
            # the same send again under tracemalloc (slower, so untimed): its peak Python memory
            tracemalloc.start()
            await send_broadcast(actor, request)
            peak_mb = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()

            # delivery of a smaller broadcast through the in-process worker
            await Message.filter(status=MessageStatus.QUEUED).update(status=MessageStatus.FAILED)
            ids = (
                await Customer.filter(account_id=account.id)
                .order_by("id")
                .limit(options.deliver_customers)
                .values_list("id", flat=True)
            )
            small = await send_broadcast(
                actor,
                BroadcastRequest(
                    Selection(ids=[int(str(i)) for i in ids]), MessageChannel.EMAIL, "Maintenance", body
                ),
            )
            assert small.broadcast is not None
            runner = InProcessRunner(load_actors())
            runner.start()
            before = smtp.count
            with runtime.installed(runtime.current().with_dispatcher(runner.dispatch)):
                started = time.perf_counter()
                await fan_out(small.broadcast.id)
                await runner.join()

                async def all_received() -> bool:
                    return smtp.count - before >= small.recipient_count

                await wait_for(all_received, 120, "broadcast e-mails at the server")
                delivery = time.perf_counter() - started
            left = await Message.filter(broadcast_id=small.broadcast.id, status=MessageStatus.QUEUED).count()
            if left:
                raise RuntimeError(f"{left} messages still QUEUED")
        finally:
            await Tortoise.close_connections()
    return EngineResult(
        engine="sqlite" if database_url.startswith("sqlite") else "postgres",
        recipients=result.recipient_count,
        enqueue_seconds=round(enqueue, 2),
        enqueue_per_second=round(result.recipient_count / enqueue),
        peak_rss_growth_mb=round(growth, 1),
        peak_python_mb_tracemalloc=round(peak_mb, 1),
        delivered=small.recipient_count,
        delivery_seconds=round(delivery, 2),
        delivered_per_second=round(small.recipient_count / delivery, 1),
    )


async def run(options: argparse.Namespace, smtp: SmtpServer, results: Results) -> None:
    # One engine per process: Tortoise and aerich keep per-process state of the first engine.
    from migrations.runner import upgrade

    if options.engine == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite://{Path(folder) / 'bench.sqlite3'}"
            await upgrade(url)
            results.engines.append(asdict(await run_engine(url, options, smtp)))
    else:
        async with bench_database(DB_NAME, keep=False) as url:
            results.engines.append(asdict(await run_engine(url, options, smtp)))
    print(results.engines[-1], flush=True)
    count = options.deliver_customers * options.contacts
    for concurrency in (1, 8):
        raw = await raw_sends(smtp, count, concurrency)
        results.raw.append(asdict(raw))
        print(f"raw aiosmtplib.send, {concurrency} task(s): {raw.per_second}/s", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--contacts", type=int, default=2, help="contacts per customer")
    parser.add_argument("--deliver-customers", type=int, default=500, help="customers of the delivery run")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    options = parser.parse_args()
    results = Results(meta={**machine(), "options": vars(options)})
    smtp = start_smtp()
    try:
        asyncio.run(run(options, smtp, results))
    finally:
        stop_smtp(smtp)
    print(f"written: {write_json(f'broadcast_{options.engine}.json', asdict(results))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
