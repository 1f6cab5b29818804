"""Periodic jobs are claimed in the database: one winner per due slot, whatever the concurrency."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from models import Message
from models.enums import MessageChannel, MessageKind, MessageStatus
from services import jobs, runtime
from services.messaging import outbox
from services.scheduling import claim_run
from settings import Settings
from tests.factories import make_account
from workers.inprocess import InProcessRunner
from workers.scheduler import run_due_jobs

NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)


@pytest.fixture
def dispatched(runner: InProcessRunner) -> Iterator[list[jobs.Job]]:
    recorded: list[jobs.Job] = []
    with runtime.installed(runtime.current().with_dispatcher(recorded.extend)):
        yield recorded


async def test_a_due_job_is_claimed_once_per_slot(settings: Settings, dispatched: list[jobs.Job]) -> None:
    every = timedelta(seconds=settings.outbox_redrive_seconds)

    first = await run_due_jobs(settings, NOW)
    again = await run_due_jobs(settings, NOW + every / 2)
    next_slot = await run_due_jobs(settings, NOW + every)

    # the hourly login prune, roll-up and invoice run are due once in these slots; the re-drive in each
    hourly = ["logins.prune", "summaries.roll_up", "invoices.auto_generate"]
    assert (first, again, next_slot) == (["outbox.redrive", *hourly], [], ["outbox.redrive"])
    assert [job.name for job in dispatched] == ["outbox.redrive", *hourly, "outbox.redrive"]


async def test_concurrent_schedulers_have_exactly_one_winner() -> None:
    await claim_run("test.job", timedelta(minutes=1), "seed", NOW - timedelta(minutes=1))

    wins = await asyncio.gather(
        *(claim_run("test.job", timedelta(minutes=1), f"s{i}", NOW) for i in range(10))
    )

    assert wins.count(True) == 1


async def test_redrive_sends_only_due_unheld_queued_messages(
    dispatched: list[jobs.Job], settings: Settings
) -> None:
    account = await make_account()
    now = datetime.now(UTC)

    async def message(status: MessageStatus, due: timedelta, lease: timedelta | None) -> int:
        row = await Message.create(
            account_id=account.id,
            channel=MessageChannel.EMAIL,
            kind=MessageKind.TEST,
            to="a@example.com",
            header_message_id=f"<{status}-{due}-{lease}@t>",
            status=status,
            next_attempt_at=now + due,
            lease_until=now + lease if lease is not None else None,
        )
        return int(row.id)

    due = await message(MessageStatus.QUEUED, timedelta(seconds=-5), None)
    lease_expired = await message(MessageStatus.QUEUED, timedelta(seconds=-5), timedelta(seconds=-1))
    await message(MessageStatus.QUEUED, timedelta(seconds=-5), timedelta(seconds=60))  # being sent
    await message(MessageStatus.QUEUED, timedelta(seconds=60), None)  # retry not due yet
    await message(MessageStatus.SENT, timedelta(seconds=-5), None)
    await message(MessageStatus.FAILED, timedelta(seconds=-5), None)

    count = await outbox.redrive(settings)

    assert count == 2
    assert dispatched == [
        outbox.SEND(message_id=due),
        outbox.SEND(message_id=lease_expired),
    ]
