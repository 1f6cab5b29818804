"""The same actors on Redis: `switchboard worker` processes, killed with SIGKILL and restarted."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from models import Account, Message
from models.enums import MessageChannel, MessageKind, MessageStatus, SmtpTlsMode
from services import runtime
from services.messaging import outbox
from settings import Settings
from tests.factories import make_account
from tests.workers.conftest import SmtpServer
from workers.broker import RedisDispatcher, redis_broker
from workers.inprocess import InProcessRunner

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/1"
# Every key of this test process lives under its own prefix, so test runs (both engines, xdist
# workers, two checkouts) share one Redis without consuming or flushing each other's jobs.
REDIS_NAMESPACE = f"switchboard-test-{uuid.uuid4().hex[:12]}"
LEASE_SECONDS = 2


@pytest.fixture
async def redis_jobs(settings: Settings, runner: InProcessRunner) -> AsyncIterator[RedisDispatcher]:
    """Services' jobs go to Redis for the test (instead of the in-process runner)."""
    _forget_keys()
    broker, specs = redis_broker(
        settings.model_copy(update={"redis_url": REDIS_URL, "redis_namespace": REDIS_NAMESPACE})
    )
    dispatcher = RedisDispatcher(broker, specs)
    with runtime.installed(runtime.current().with_dispatcher(dispatcher.dispatch)):
        yield dispatcher
    broker.close()
    _forget_keys()


def _forget_keys() -> None:
    """Delete this process's keys (only those: never FLUSHDB on a shared Redis)."""
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{REDIS_NAMESPACE}:*", count=1000))
    if keys:
        client.delete(*keys)


@contextmanager
def worker_process(
    settings: Settings, threads: int = 4, command: str = "worker"
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "SWITCHBOARD_DATABASE_URL": settings.database_url,
        "SWITCHBOARD_REDIS_URL": REDIS_URL,
        "SWITCHBOARD_REDIS_NAMESPACE": REDIS_NAMESPACE,
        "SWITCHBOARD_OUTBOX_DIR": str(settings.outbox_dir),
        "SWITCHBOARD_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "SWITCHBOARD_WORKER_THREADS": str(threads),
        "SWITCHBOARD_OUTBOX_REDRIVE_SECONDS": "1",
        "SWITCHBOARD_ALLOW_PRIVATE_OUTBOUND": "true",  # the test SMTP server is on loopback
    }
    process = subprocess.Popen([sys.executable, "-m", "cli", command], cwd=ROOT, env=env)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


async def queue_emails(account: Account, count: int) -> list[int]:
    now = datetime.now(UTC)
    await Message.bulk_create(
        [
            Message(
                account_id=account.id,
                channel=MessageChannel.EMAIL,
                kind=MessageKind.CAMPAIGN,
                to=f"customer{i}@example.com",
                subject=f"Notice {i}",
                body_text=f"Body {i}\n",
                header_message_id=f"<crash-{account.id}-{i}@switchboard.test>",
                next_attempt_at=now,
            )
            for i in range(count)
        ]
    )
    return [int(row["id"]) for row in await Message.filter(account_id=account.id).values("id")]


async def wait_until(condition: object, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await condition():  # type: ignore[operator]
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"not reached within {seconds} s")


async def smtp_account(smtp: SmtpServer) -> Account:
    account = await make_account()
    await Account.filter(id=account.id).update(
        email_from="noc@carrier.example",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_tls_mode=SmtpTlsMode.NONE,
    )
    return account


async def all_sent(account: Account) -> bool:
    return not await Message.filter(account_id=account.id).exclude(status=MessageStatus.SENT).exists()


async def test_a_redis_worker_delivers_what_the_api_queues(
    settings: Settings, redis_jobs: RedisDispatcher, smtp_server: SmtpServer
) -> None:
    account = await smtp_account(smtp_server)
    ids = await queue_emails(account, 20)

    with worker_process(settings):
        await asyncio.to_thread(
            redis_jobs._enqueue,
            [redis_jobs._message(outbox.SEND(message_id=i)) for i in ids],
        )
        await wait_until(lambda: all_sent(account), seconds=60)

    assert sorted(smtp_server.message_ids()) == sorted(
        f"<crash-{account.id}-{i}@switchboard.test>" for i in range(20)
    )


async def test_the_scheduler_process_redrives_what_never_reached_redis(
    settings: Settings, redis_jobs: RedisDispatcher, smtp_server: SmtpServer
) -> None:
    """Rows queued while Redis was unreachable (nothing enqueued) still go out."""
    account = await smtp_account(smtp_server)
    await queue_emails(account, 5)

    with worker_process(settings), worker_process(settings, command="scheduler"):
        await wait_until(lambda: all_sent(account), seconds=60)

    assert len(smtp_server.received) == 5


@pytest.mark.slow
async def test_sigkill_mid_batch_loses_nothing_and_duplicates_at_most_one_per_kill(
    settings: Settings, redis_jobs: RedisDispatcher, smtp_server: SmtpServer
) -> None:
    """1 000 messages; the worker is killed mid-way and restarted; the re-drive recovers what
    the dead worker held. With one thread a worker has at most one send in flight."""
    account = await smtp_account(smtp_server)
    ids = await queue_emails(account, 1000)
    messages = [redis_jobs._message(outbox.SEND(message_id=i)) for i in ids]
    await asyncio.to_thread(redis_jobs._enqueue, messages)

    with worker_process(settings, threads=1) as first:
        await wait_until(lambda: _received_at_least(smtp_server, 200), seconds=60)
        first.send_signal(signal.SIGKILL)
        first.wait()
    received_at_kill = len(smtp_server.received)
    with worker_process(settings, threads=1):

        async def redriven_and_done() -> bool:
            await outbox.redrive(settings)
            return await all_sent(account)

        await wait_until(redriven_and_done, seconds=120)

    received = smtp_server.message_ids()
    duplicates = len(received) - len(set(received))
    print(
        f"crash test: {received_at_kill} received before the kill, {len(received)} in all, {duplicates} duplicate(s)"
    )
    assert set(received) == {f"<crash-{account.id}-{i}@switchboard.test>" for i in range(1000)}
    assert duplicates <= 1


async def _received_at_least(smtp: SmtpServer, count: int) -> bool:
    return len(smtp.received) >= count
