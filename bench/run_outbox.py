"""Benchmark: the outbox, enqueue and delivery, next to raw aiosmtplib sends, in one run.

    uv run python bench/run_outbox.py [--messages 10000] [--batch 100] [--keep-db]

1. (Re)creates the PostgreSQL database `switchboard_bench_outbox`, migrates it, creates one
   account whose SMTP settings point at an aiosmtpd server that this script starts in a child
   process on 127.0.0.1 (a free port; it counts what it receives). Flushes Redis database 5.
2. Enqueue: `queue_message` in units of work of `--batch` messages (system actor), jobs going to
   Redis through `RedisDispatcher` exactly as in the API process; the clock stops when the last
   transaction has committed AND Redis holds every `messages.send` job.
3. Delivery: starts ONE `python -m cli worker` process (8 threads, then 1 thread on a second,
   smaller batch) and times from its start until the SMTP server has received every message and
   no row is QUEUED any more; then stops it with SIGTERM.
4. For the breakdown: this process awaits `outbox.deliver()` itself on freshly queued rows
   (no Dramatiq, no Redis), with 1 task and with `--concurrency` tasks.
5. Raw baseline: this process sends e-mails of the same shape with plain `aiosmtplib.send` to the
   same server, with 1 task and with `--concurrency` tasks.
6. Prints a table, writes bench/results/outbox.json (worker log: bench/results/outbox_worker.log)
   and drops the database (unless --keep-db).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import re
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import aiosmtplib
import redis.asyncio
from common import (
    RESULTS,
    add_keep_db,
    argument_parser,
    bench_database,
    free_port,
    load_average,
    machine,
    machine_summary,
    parse_options,
    print_report,
    process_cpu_seconds,
    relative,
    results_path,
    server_version,
    spawn_cli,
    stop_process,
    write_json,
)

if TYPE_CHECKING:
    from settings import Settings

DB_NAME = "switchboard_bench_outbox"
# Tests use Redis databases 1 and 2; this benchmark flushes and uses 5.
REDIS_URL = "redis://127.0.0.1:6379/5"
QUEUE_KEY = "dramatiq:messages"  # Dramatiq's list of pending ids for the "messages" queue
SENDER = "noc@carrier.example"
SUBJECT = "Your invoice {i} is ready"
TEXT = (
    "Hello,\n\nyour invoice {i} for November is ready: 1 234.56 USD, due on 2026-12-15.\n"
    "You can pay it from the customer portal.\n\nThank you,\nBench Carrier\n"
)
HTML = (
    "<p>Hello,</p><p>your invoice <b>{i}</b> for November is ready: 1 234.56 USD, due on "
    "2026-12-15.</p><p>You can pay it from the customer portal.</p><p>Thank you,<br>Bench Carrier</p>\n"
)
MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


# --- the SMTP server (child process) -----------------------------------------------------------


class CountingHandler:
    """aiosmtpd handler: counts messages and distinct Message-IDs, keeps nothing else."""

    def __init__(self, received: Any, distinct: Any) -> None:
        self.received = received
        self.distinct = distinct
        self.ids: set[bytes] = set()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        found = MESSAGE_ID.search(envelope.content)
        self.ids.add(found.group(1) if found else b"")
        self.distinct.value = len(self.ids)
        self.received.value += 1
        return "250 Message accepted for delivery"


def serve_smtp(port: int, received: Any, distinct: Any, ready: EventType, stop: EventType) -> None:
    """Child process: aiosmtpd on 127.0.0.1:port until `stop` is set."""
    from aiosmtpd.controller import Controller

    controller = Controller(CountingHandler(received, distinct), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


@dataclass
class SmtpServer:
    port: int
    received: Any  # multiprocessing.Value("q"): messages received so far
    distinct: Any  # multiprocessing.Value("q"): distinct Message-IDs among them
    process: multiprocessing.process.BaseProcess
    stop: EventType

    @property
    def count(self) -> int:
        return int(self.received.value)

    def cpu_seconds(self) -> float:
        assert self.process.pid is not None
        return process_cpu_seconds(self.process.pid)


def start_smtp() -> SmtpServer:
    context = multiprocessing.get_context("spawn")
    port = free_port()
    received, distinct = context.Value("q", 0), context.Value("q", 0)
    ready, stop = context.Event(), context.Event()
    process = context.Process(
        target=serve_smtp, args=(port, received, distinct, ready, stop), name="bench-smtp", daemon=True
    )
    process.start()
    if not ready.wait(30):
        process.kill()
        raise RuntimeError("the SMTP server did not start in 30 s")
    return SmtpServer(port, received, distinct, process, stop)


def stop_smtp(server: SmtpServer) -> None:
    server.stop.set()
    server.process.join(10)
    if server.process.is_alive():
        server.process.kill()


# --- helpers ------------------------------------------------------------------------------------


def rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else 0.0


async def wait_for(condition: Any, seconds: float, what: str, interval: float = 0.005) -> None:
    deadline = time.perf_counter() + seconds
    while not await condition():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"{what}: not reached within {seconds} s")
        await asyncio.sleep(interval)


# --- enqueue ------------------------------------------------------------------------------------


@dataclass
class Enqueue:
    messages: int
    batch: int
    units_of_work: int
    commit_seconds: float  # until the last unit of work has committed
    seconds: float  # until Redis also holds every job
    per_second: float
    python_cpu_seconds: float  # this process, during the enqueue
    load_before: float


async def queue_messages(account_id: int, count: int, batch: int) -> None:
    """`count` messages through `queue_message`, `batch` per unit of work (system actor); each
    unit's jobs go to the installed runtime's dispatcher (services/runtime.py) after its commit."""
    from models.enums import MessageChannel, MessageKind
    from services.actor import system_actor
    from services.messaging.outbox import queue_message
    from services.messaging.rendering import Rendered
    from services.uow import unit_of_work

    actor = system_actor(account_id)
    for first in range(0, count, batch):
        async with unit_of_work(actor) as uow:
            for i in range(first, min(count, first + batch)):
                content = Rendered(SUBJECT.format(i=i), TEXT.format(i=i), HTML.format(i=i))
                await queue_message(
                    uow, MessageChannel.EMAIL, MessageKind.INVOICE, f"c{i}@example.com", content
                )


async def enqueue(account_id: int, count: int, batch: int, queue: redis.asyncio.Redis) -> Enqueue:
    """Queue `count` messages with `RedisDispatcher` installed: it sends each unit's jobs to Redis
    in the loop's thread executor. The clock stops when Redis holds all `count` jobs."""
    already = int(await queue.llen(QUEUE_KEY))
    load = load_average()
    cpu = time.process_time()
    started = time.perf_counter()
    await queue_messages(account_id, count, batch)
    committed = time.perf_counter() - started

    async def all_in_redis() -> bool:
        return int(await queue.llen(QUEUE_KEY)) >= already + count

    await wait_for(all_in_redis, 120, "jobs in Redis")
    seconds = time.perf_counter() - started
    return Enqueue(
        messages=count,
        batch=batch,
        units_of_work=-(-count // batch),
        commit_seconds=round(committed, 3),
        seconds=round(seconds, 3),
        per_second=rate(count, seconds),
        python_cpu_seconds=round(time.process_time() - cpu, 2),
        load_before=load,
    )


# --- delivery by one worker process -------------------------------------------------------------


@dataclass
class Delivery:
    threads: int
    messages: int
    seconds: float  # worker start -> all received and no row QUEUED
    per_second: float
    first_received_after: float  # start-up: process start -> first message at the SMTP server
    steady_per_second: float  # first to last message received
    worker_cpu_seconds: float
    worker_cpu_ms_per_message: float  # all of the worker's CPU (start-up included) / messages
    startup_cpu_seconds: float  # the worker's CPU until the first message was received
    steady_cpu_ms_per_message: float  # the worker's CPU after that / the messages after the first
    smtp_server_cpu_ms_per_message: float
    statuses: dict[str, int]
    received: int
    distinct_received: int
    load_before: float


async def deliver(
    database_url: str, account_id: int, smtp: SmtpServer, threads: int, count: int, log: IO[bytes]
) -> Delivery:
    from models import Message
    from models.enums import MessageStatus

    env = {
        **os.environ,
        "SWITCHBOARD_DATABASE_URL": database_url,
        "SWITCHBOARD_REDIS_URL": REDIS_URL,
        "SWITCHBOARD_WORKER_THREADS": str(threads),
        "SWITCHBOARD_OUTBOX_DIR": str(RESULTS / "outbox"),
        "SWITCHBOARD_ALLOW_PRIVATE_OUTBOUND": "true",  # the benchmark's SMTP server is on loopback
    }
    before, server_cpu = smtp.count, smtp.cpu_seconds()
    log.write(f"\n===== worker with {threads} thread(s), {count} messages =====\n".encode())
    log.flush()
    load = load_average()
    started = time.perf_counter()
    worker = await spawn_cli("worker", env=env, log=log)
    first_at: float | None = None
    cpu_at_first = 0.0
    last_count, last_at = before, started
    try:
        deadline = started + 600
        while True:
            received = smtp.count
            now = time.perf_counter()
            if received != last_count:
                last_count, last_at = received, now
                if first_at is None:
                    first_at, cpu_at_first = now, process_cpu_seconds(worker.pid)
            if (
                received - before >= count
                and not await Message.filter(account_id=account_id, status=MessageStatus.QUEUED).exists()
            ):
                break
            if worker.returncode is not None:
                raise RuntimeError(f"the worker exited with {worker.returncode}; see {log.name}")
            if now > deadline:
                raise RuntimeError(f"{received - before}/{count} delivered after 600 s; see {log.name}")
            await asyncio.sleep(0.01 if received - before >= count else 0.05)
        seconds = time.perf_counter() - started
        cpu = process_cpu_seconds(worker.pid)
        server_cpu = smtp.cpu_seconds() - server_cpu
    finally:
        await stop_process(worker, grace=30)
    rows = await Message.filter(account_id=account_id).values_list("status", flat=True)
    statuses: dict[str, int] = {}
    for status in rows:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    first = first_at or started
    return Delivery(
        threads=threads,
        messages=count,
        seconds=round(seconds, 3),
        per_second=rate(count, seconds),
        first_received_after=round(first - started, 3),
        steady_per_second=rate(last_count - before - 1, last_at - first),
        worker_cpu_seconds=round(cpu, 2),
        worker_cpu_ms_per_message=round(cpu * 1000 / count, 2),
        startup_cpu_seconds=round(cpu_at_first, 2),
        steady_cpu_ms_per_message=round((cpu - cpu_at_first) * 1000 / max(1, count - 1), 2),
        smtp_server_cpu_ms_per_message=round(server_cpu * 1000 / count, 2),
        statuses=statuses,
        received=smtp.count - before,
        distinct_received=0,
        load_before=load,
    )


# --- raw aiosmtplib baseline --------------------------------------------------------------------


@dataclass
class Sends:
    """Sends made by this process: raw `aiosmtplib.send`, or the outbox's `deliver()` called
    directly (no broker, no worker process)."""

    kind: str
    concurrency: int
    messages: int
    seconds: float
    per_second: float
    python_cpu_ms_per_message: float  # this process (the SMTP server is another process)
    smtp_server_cpu_ms_per_message: float
    received: int
    load_before: float


def email_for(i: int) -> EmailMessage:
    """The same shape as the outbox's (services.messaging.senders.email_of): text + HTML."""
    email = EmailMessage()
    email["From"] = SENDER
    email["To"] = f"c{i}@example.com"
    email["Subject"] = SUBJECT.format(i=i)
    email["Message-ID"] = f"<raw-{i}-{time.time_ns()}@bench.invalid>"
    email["Date"] = format_datetime(datetime.now(UTC))
    email.set_content(TEXT.format(i=i))
    email.add_alternative(HTML.format(i=i), subtype="html")
    return email


async def timed_sends(
    kind: str, smtp: SmtpServer, count: int, concurrency: int, send: Callable[[int], Awaitable[object]]
) -> Sends:
    """`send(0)` ... `send(count - 1)` from `concurrency` tasks sharing one counter."""
    numbers = iter(range(count))

    async def sender() -> None:
        for i in numbers:
            await send(i)

    before, server_cpu = smtp.count, smtp.cpu_seconds()
    load = load_average()
    cpu = time.process_time()
    started = time.perf_counter()
    await asyncio.gather(*(sender() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    spent = time.process_time() - cpu

    async def all_received() -> bool:
        return smtp.count - before >= count

    await wait_for(all_received, 10, f"{kind}: e-mails at the server")
    server_cpu = smtp.cpu_seconds() - server_cpu
    return Sends(
        kind=kind,
        concurrency=concurrency,
        messages=count,
        seconds=round(seconds, 3),
        per_second=rate(count, seconds),
        python_cpu_ms_per_message=round(spent * 1000 / count, 2),
        smtp_server_cpu_ms_per_message=round(server_cpu * 1000 / count, 2),
        received=smtp.count - before,
        load_before=load,
    )


async def raw_sends(smtp: SmtpServer, count: int, concurrency: int) -> Sends:
    """Plain `aiosmtplib.send`, one SMTP connection per e-mail like the outbox's SmtpSender."""

    async def send(i: int) -> object:
        return await aiosmtplib.send(email_for(i), hostname="127.0.0.1", port=smtp.port, timeout=30)

    return await timed_sends("raw aiosmtplib.send", smtp, count, concurrency, send)


async def direct_deliveries(
    settings: Settings, account_id: int, smtp: SmtpServer, count: int, concurrency: int
) -> Sends:
    """`outbox.deliver()` awaited by this process on freshly queued rows (the caller drops their
    jobs): the outbox's SQL and sending without Dramatiq, Redis or a second process."""
    from models import Message
    from models.enums import MessageStatus
    from services.messaging.outbox import deliver as deliver_one

    await queue_messages(account_id, count, 100)
    ids = await Message.filter(account_id=account_id, status=MessageStatus.QUEUED).values_list(
        "id", flat=True
    )
    numbers = [int(str(i)) for i in ids]

    async def send(i: int) -> object:
        return await deliver_one(settings, numbers[i])

    sends = await timed_sends("outbox.deliver() in process", smtp, len(numbers), concurrency, send)
    if await Message.filter(account_id=account_id).exclude(status=MessageStatus.SENT).exists():
        raise RuntimeError("outbox.deliver() left messages unsent")
    return sends


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Options:
    messages: int
    batch: int
    threads: list[int]
    later_messages: int
    raw_messages: int
    direct_messages: int
    concurrency: int
    keep_db: bool


@dataclass
class Results:
    meta: dict[str, Any]
    enqueue: list[dict[str, Any]] = field(default_factory=list)
    delivery: list[dict[str, Any]] = field(default_factory=list)
    direct: list[dict[str, Any]] = field(default_factory=list)
    raw: list[dict[str, Any]] = field(default_factory=list)
    ratios: dict[str, float] = field(default_factory=dict)
    worker_log: dict[str, Any] = field(default_factory=dict)


async def run(options: Options, smtp: SmtpServer, log: IO[bytes], results: Results) -> None:
    from tortoise import Tortoise

    from models import Account
    from models.enums import SmtpTlsMode
    from services import runtime
    from services.accounts import create_account
    from services.runtime import Runtime
    from settings import Settings
    from workers.broker import RedisDispatcher, redis_broker

    started = time.perf_counter()
    async with bench_database(DB_NAME, options.keep_db) as database_url:
        queue = redis.asyncio.Redis.from_url(REDIS_URL)
        await queue.flushdb()
        settings = Settings(database_url=database_url, redis_url=REDIS_URL)
        broker, specs = redis_broker(settings)
        installs = contextlib.ExitStack()
        installs.enter_context(runtime.installed(Runtime(settings, RedisDispatcher(broker, specs).dispatch)))
        try:
            await Tortoise.init(config=settings.tortoise_config())
            try:
                account = await create_account("Bench Carrier")
                await Account.filter(id=account.id).update(
                    email_from=SENDER,
                    smtp_host="127.0.0.1",
                    smtp_port=smtp.port,
                    smtp_tls_mode=SmtpTlsMode.NONE,
                )
                results.meta["postgres"] = await server_version(database_url)
                for index, threads in enumerate(options.threads):
                    count = options.messages if index == 0 else options.later_messages
                    queued = await enqueue(account.id, count, options.batch, queue)
                    results.enqueue.append(asdict(queued))
                    print(f"enqueued {count} in {queued.seconds} s ({queued.per_second}/s)", flush=True)
                    distinct_before = int(smtp.distinct.value)
                    delivered = await deliver(database_url, account.id, smtp, threads, count, log)
                    delivered.distinct_received = int(smtp.distinct.value) - distinct_before
                    results.delivery.append(asdict(delivered))
                    print(f"worker, {threads} thread(s): {delivered.per_second}/s", flush=True)
                # the direct runs deliver their rows themselves
                installs.enter_context(
                    runtime.installed(runtime.current().with_dispatcher(lambda batch: None))
                )
                for concurrency in (1, options.concurrency) if options.direct_messages else ():
                    direct = await direct_deliveries(
                        settings, account.id, smtp, options.direct_messages, concurrency
                    )
                    results.direct.append(asdict(direct))
                    print(
                        f"outbox.deliver() in process, {concurrency} task(s): {direct.per_second}/s",
                        flush=True,
                    )
            finally:
                await Tortoise.close_connections()
            for concurrency in (1, options.concurrency):
                raw = await raw_sends(smtp, options.raw_messages, concurrency)
                results.raw.append(asdict(raw))
                print(f"raw aiosmtplib.send, {concurrency} task(s): {raw.per_second}/s", flush=True)
        finally:
            installs.close()
            broker.close()
            await queue.flushdb()
            await queue.aclose()
    results.meta["wall_seconds"] = round(time.perf_counter() - started, 1)
    results.ratios = ratios(results)


def ratios(results: Results) -> dict[str, float]:
    """msg/s of the worker (whole run, and steady) and of direct `deliver()` over raw msg/s at
    the same concurrency (threads or tasks)."""
    raw = {r["concurrency"]: r["per_second"] for r in results.raw}
    found = {}
    for d in results.delivery:
        if d["threads"] in raw:
            found[f"worker_{d['threads']}t_over_raw"] = round(d["per_second"] / raw[d["threads"]], 3)
            found[f"worker_{d['threads']}t_steady_over_raw"] = round(
                d["steady_per_second"] / raw[d["threads"]], 3
            )
    for d in results.direct:
        if d["concurrency"] in raw:
            found[f"direct_deliver_{d['concurrency']}_over_raw"] = round(
                d["per_second"] / raw[d["concurrency"]], 3
            )
    return found


def scan_log(path: Path) -> dict[str, Any]:
    """Lines of the worker log that look like trouble (errors, warnings, tracebacks)."""
    lines = path.read_text(errors="replace").splitlines()
    trouble = [
        line
        for line in lines
        if re.search(r"error|exception|traceback|warning|critical", line, re.IGNORECASE)
    ]
    return {"lines": len(lines), "trouble_lines": len(trouble), "first_trouble": trouble[:10]}


def report(results: Results) -> str:
    lines = [
        f"{'':44}{'messages':>9}{'seconds':>9}{'msg/s':>9}{'CPU ms/msg':>12}{'SMTP srv ms/msg':>17}",
        f"{'':71}{'(sender)':>12}",
    ]
    for queued in results.enqueue:
        label = f"enqueue, {queued['batch']} per unit of work"
        lines.append(f"{label:44}{queued['messages']:>9}{queued['seconds']:>9}{queued['per_second']:>9}")
    for d in results.delivery:
        label = f"worker process, {d['threads']} thread(s)"
        lines.append(
            f"{label:44}{d['messages']:>9}{d['seconds']:>9}{d['per_second']:>9}"
            f"{d['worker_cpu_ms_per_message']:>12}{d['smtp_server_cpu_ms_per_message']:>17}"
        )
        lines.append(
            f"{'  steady (first to last received)':44}{'':>18}{d['steady_per_second']:>9}"
            f"{d['steady_cpu_ms_per_message']:>12}"
        )
    for r in results.direct + results.raw:
        label = f"{r['kind']}, {r['concurrency']} task(s)"
        lines.append(
            f"{label:44}{r['messages']:>9}{r['seconds']:>9}{r['per_second']:>9}"
            f"{r['python_cpu_ms_per_message']:>12}{r['smtp_server_cpu_ms_per_message']:>17}"
        )
    lines += ["", "ratios (msg/s over raw aiosmtplib msg/s at the same concurrency):"]
    lines += [f"  {name}: {value}" for name, value in results.ratios.items()]
    for queued in results.enqueue:
        lines.append(
            f"enqueue {queued['messages']}: last commit at {queued['commit_seconds']} s, all jobs in "
            f"Redis at {queued['seconds']} s, {queued['python_cpu_seconds']} s CPU in this process"
        )
    for d in results.delivery:
        lines.append(
            f"worker {d['threads']}t: first message after {d['first_received_after']} s "
            f"({d['startup_cpu_seconds']} s CPU); rows {d['statuses']}; "
            f"received {d['received']} ({d['distinct_received']} distinct)"
        )
    log = results.worker_log
    lines.append(f"worker log: {log['lines']} lines, {log['trouble_lines']} look like errors/warnings")
    meta = results.meta
    lines.append(
        f"machine: {machine_summary(meta)}, wall {meta.get('wall_seconds')} s, "
        f"1-min load average before the runs: {[d['load_before'] for d in results.delivery]}"
    )
    return "\n".join(lines)


def main() -> int:
    parser = argument_parser(__doc__)
    parser.add_argument("--messages", type=int, default=10_000, help="enqueued, then delivered by 8 threads")
    parser.add_argument("--batch", type=int, default=100, help="messages per unit of work")
    parser.add_argument(
        "--threads", type=int, nargs="+", default=[8, 1], help="one worker run per value (default: 8 1)"
    )
    parser.add_argument(
        "--later-messages", type=int, default=1_000, help="messages of the runs after the first"
    )
    parser.add_argument("--raw-messages", type=int, default=1_000, help="per raw run")
    parser.add_argument(
        "--direct-messages", type=int, default=500, help="per run of deliver() in process (0: skip)"
    )
    parser.add_argument("--concurrency", type=int, default=8, help="tasks of the concurrent in-process runs")
    add_keep_db(parser, DB_NAME)
    options = parse_options(parser, Options)
    results = Results(meta={**machine(), "options": asdict(options), "redis_url": REDIS_URL})
    smtp = start_smtp()
    log_path = results_path("outbox_worker.log")
    try:
        with log_path.open("wb") as log:
            asyncio.run(run(options, smtp, log, results))
    finally:
        stop_smtp(smtp)
    results.worker_log = scan_log(log_path)
    output = write_json("outbox.json", asdict(results))
    print_report(report(results), f"{relative(output)}, worker log: {relative(log_path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
