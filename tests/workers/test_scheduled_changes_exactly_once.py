"""Exactly once under a crash: 1 000 scheduled changes due in the same minute, applied by two
scheduler processes on PostgreSQL (one at a time on SQLite), the first killed with SIGKILL
mid-way. Each change adds 1 to a customer's channels (a bulk edit's `increaseBy`, so applying
one twice would show), ten changes per customer: every customer ends at exactly 10, every
change is APPLIED, and the trail holds exactly one APPLY entry per change.

Its time is the schedulers' throughput (about 20 s on this two-core machine when it is not
shared, 40 to 60 s under a load average of 15); the 90 s bound only keeps a stall from hanging
the suite."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from models import Account, AuditEntry, Customer, ScheduledChange
from models.enums import AuditAction, ScheduledChangeKind, ScheduledChangeStatus
from services.customers import bulk
from services.scheduled_changes.kinds import encode_bulk
from settings import Settings
from tests.conftest import ENGINE
from tests.factories import make_customer

CUSTOMERS, PER_CUSTOMER = 100, 10
TOTAL = CUSTOMERS * PER_CUSTOMER
LEASE_SECONDS = 1.0
ROOT = Path(__file__).resolve().parents[2]


def scheduler(database_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.workers.scheduler_process", database_url, str(LEASE_SECONDS), "25"],
        cwd=ROOT,
        env={**os.environ, "SWITCHBOARD_LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def applied() -> int:
    return await ScheduledChange.filter(status=ScheduledChangeStatus.APPLIED).count()


async def wait_for(process: subprocess.Popen[bytes], deadline: float) -> None:
    while process.poll() is None:
        assert time.monotonic() < deadline, "the scheduler did not finish in time"
        await asyncio.sleep(0.1)
    assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""


async def test_each_change_applies_exactly_once_when_a_scheduler_is_killed(
    account: Account, settings: Settings
) -> None:
    # given: 1 000 changes due in the same minute, ten per customer
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
    started = time.monotonic()
    deadline = started + 90  # a bound against a stall, not a target: see the module docstring

    # when: a first scheduler (and, on PostgreSQL, a second one beside it) starts; the first is
    # killed once some changes are applied; on SQLite a second one starts after the kill
    first = scheduler(settings.database_url)
    second = scheduler(settings.database_url) if ENGINE == "postgres" else None
    try:
        while await applied() < TOTAL // 4:
            assert time.monotonic() < deadline and first.poll() is None, "the first scheduler stalled"
            await asyncio.sleep(0.02)
        first.send_signal(signal.SIGKILL)
        first.wait()
        killed_at = await applied()
        second = second or scheduler(settings.database_url)
        await wait_for(second, deadline)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    print(f"killed at {killed_at} applied; done in {time.monotonic() - started:.1f} s")

    # then: 0 missed, 0 doubled
    assert await applied() == TOTAL
    assert [c.channels for c in await Customer.filter(account_id=account.id).order_by("id")] == [
        PER_CUSTOMER
    ] * CUSTOMERS
    messages = await AuditEntry.filter(action=AuditAction.APPLY).values_list("message", flat=True)
    applied_ids = sorted(int(str(m).rsplit("scheduled change ", 1)[1].rstrip(")")) for m in messages)
    all_ids = sorted(await ScheduledChange.all().values_list("id", flat=True))
    assert applied_ids == all_ids
