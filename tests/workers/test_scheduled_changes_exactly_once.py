"""Exactly once under a crash: scheduled changes due in the same minute, applied by two
schedulers on PostgreSQL (one at a time on SQLite): a scheduler process killed with SIGKILL
mid-way, and this test process as the other (it runs what a scheduler's tick runs,
`apply_due`). Each change adds 1 to a customer's channels (a bulk edit's `increaseBy`, so
applying one twice would show), ten changes per customer: every customer ends at exactly 10,
every change is APPLIED, and the trail holds exactly one APPLY entry per change.

The kill point is deterministic: the process kills itself once it has applied a quarter of the
changes, inside the next change's transaction (edit, audit entry and APPLIED flip written, not
committed), with the rest of its batch leased (tests/workers/scheduler_process.py), so the
hardest moment is hit on every run. The issue's 1 000 changes cost about 4 to 6 s of applying;
the scheduler process's start-up (seconds of imports) overlaps the seeding. About 8 to 10 s per
engine at a load average of 3, against 33 to 41 s under 13 to 16 for the earlier layout (a
second process started after the kill, a kill from outside while polling). EXACTLY_ONCE_CHANGES
sets another size; `bench/run_exactly_once_crash.py` runs it on both engines and reports."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from models import Account, AuditEntry, Customer, ScheduledChange
from models.enums import AuditAction, ScheduledChangeKind, ScheduledChangeStatus
from services.customers import bulk
from services.scheduled_changes.applying import apply_due
from services.scheduled_changes.kinds import encode_bulk
from settings import Settings
from tests.conftest import ENGINE
from tests.factories import make_customer

PER_CUSTOMER = 10
CUSTOMERS = int(os.environ.get("EXACTLY_ONCE_CHANGES", "1000")) // PER_CUSTOMER
TOTAL = CUSTOMERS * PER_CUSTOMER
DIE_AFTER = TOTAL // 4  # changes the first scheduler applies before it is killed
BATCH = 25
LEASE_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[2]
HELPER = Path(__file__).resolve().with_name("scheduler_process.py")


def scheduler(database_url: str, *options: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(HELPER), database_url, str(LEASE_SECONDS), str(BATCH), *options],
        cwd=ROOT,
        env={**os.environ, "SWITCHBOARD_LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def ready(process: subprocess.Popen[bytes]) -> None:
    """Wait until a `--gated` scheduler is started and connected."""
    assert process.stderr is not None
    said: list[bytes] = []
    while not said or said[-1] not in (b"ready\n", b""):
        said.append(await asyncio.wait_for(asyncio.to_thread(process.stderr.readline), timeout=90))
    assert said[-1] == b"ready\n", b"".join(said).decode()


def release(process: subprocess.Popen[bytes]) -> None:
    """Let a ready `--gated` scheduler apply changes."""
    assert process.stdin is not None
    process.stdin.write(b"go\n")
    process.stdin.close()


async def applied() -> int:
    return await ScheduledChange.filter(status=ScheduledChangeStatus.APPLIED).count()


async def wait_for(process: subprocess.Popen[bytes], deadline: float, returncode: int = 0) -> None:
    while process.poll() is None:
        assert time.monotonic() < deadline, "the scheduler did not finish in time"
        await asyncio.sleep(0.05)
    assert process.returncode == returncode, process.stderr.read().decode() if process.stderr else ""


async def survivor(deadline: float) -> None:
    """This test process as the other scheduler: what a scheduler's ticks do (`apply_due`), until
    no change is PENDING; what the killed one leased is claimed once its lease ends."""
    while await ScheduledChange.filter(status=ScheduledChangeStatus.PENDING).exists():
        assert time.monotonic() < deadline, "the surviving scheduler did not finish in time"
        await apply_due("survivor", batch=BATCH, lease=timedelta(seconds=LEASE_SECONDS))
        await asyncio.sleep(0.05)


async def test_each_change_applies_exactly_once_when_a_scheduler_is_killed(
    account: Account, settings: Settings
) -> None:
    # the scheduler to kill starts up (seconds of imports) while the changes are seeded
    first = scheduler(settings.database_url, "--gated", "--die-after", str(DIE_AFTER))
    try:
        # given: TOTAL changes due in the same minute, ten per customer
        customers = [await make_customer(account, name=f"Trunk {i:03}") for i in range(CUSTOMERS)]
        due = datetime.now(UTC).replace(second=0, microsecond=0)
        plus_one = bulk.BulkChanges(numeric={"channels": bulk.NumericChange(increase_by=1)})
        await ScheduledChange.bulk_create(
            [
                ScheduledChange(
                    account_id=account.id,
                    kind=ScheduledChangeKind.CUSTOMER_BULK_UPDATE,
                    target_table="customer",
                    patch=encode_bulk([customer.id], plus_one, bulk.ErrorPolicy.ALL_OR_NOTHING),
                    baseline={},
                    overwrite=True,  # each one follows the others on the same customer
                    effective_at=due,
                    created_by_label="Ops",
                )
                for customer in customers
                for _ in range(PER_CUSTOMER)
            ]
        )
        # when: the scheduler process is released and, on PostgreSQL, this test process runs
        # a second scheduler beside it; the first kills itself inside a transaction once it
        # has applied DIE_AFTER changes; on SQLite the second starts after the kill
        await ready(first)
        started = time.monotonic()
        deadline = started + 90  # a bound against a stall, not a target
        release(first)
        second = asyncio.create_task(survivor(deadline)) if ENGINE == "postgres" else None
        await wait_for(first, deadline, returncode=-signal.SIGKILL)
        killed_at = await applied()
        if second is None:
            # alone, it applied exactly DIE_AFTER; the change in flight rolled back and the
            # rest of its batch stays leased to it until the lease ends
            assert killed_at == DIE_AFTER
            left_leased = ScheduledChange.filter(
                status=ScheduledChangeStatus.PENDING, claimed_by__endswith=f":{first.pid}"
            )
            assert await left_leased.count() == min(BATCH - DIE_AFTER % BATCH, TOTAL - DIE_AFTER)
            second = asyncio.create_task(survivor(deadline))
        assert DIE_AFTER <= killed_at < TOTAL
        await second
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        for pipe in (first.stdin, first.stderr):
            if pipe is not None:
                pipe.close()
    print(f"{TOTAL} changes; killed at {killed_at} applied; applied in {time.monotonic() - started:.1f} s")

    # then: 0 missed, 0 doubled
    assert await applied() == TOTAL
    assert [c.channels for c in await Customer.filter(account_id=account.id).order_by("id")] == [
        PER_CUSTOMER
    ] * CUSTOMERS
    messages = await AuditEntry.filter(action=AuditAction.APPLY).values_list("message", flat=True)
    applied_ids = sorted(int(str(m).rsplit("scheduled change ", 1)[1].rstrip(")")) for m in messages)
    all_ids = sorted(await ScheduledChange.all().values_list("id", flat=True))
    assert applied_ids == all_ids
