"""A scheduler process for the exactly-once test: applies due scheduled changes, tick after
tick (the scheduler's own `apply_due_changes`), until none is PENDING, then exits 0.

    PYTHONPATH=. python tests/workers/scheduler_process.py <database_url> <lease_seconds> <batch>
        [--die-after N] [--gated]

With `--die-after N` it kills itself with SIGKILL once it has applied N changes, inside the
transaction of the next one: its edit, its audit entry and its PENDING -> APPLIED flip are
written but not committed, and the rest of its claimed batch is leased. A deterministic kill
point, where a kill from outside lands wherever the process happens to be. With `--gated` it
starts up (imports, connection), writes "ready" to stderr and waits for a line on stdin before applying
anything, so a test can start it early (its start-up is most of its cost) and release it at the
right moment.

Run as a script, not `-m tests...`: the `tests` package imports pytest, a second of start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys

from tortoise import Tortoise

from models import ScheduledChange
from models.enums import ScheduledChangeStatus
from services.scheduled_changes.applying import ApplyGuard
from services.uow import UnitOfWork
from settings import Settings
from workers.scheduler import apply_due_changes


def die_inside_the_commit_after(applied: int) -> None:
    """Make this process SIGKILL itself in the transaction of change number `applied` + 1."""
    flip = ApplyGuard.before_commit
    flipped = 0

    async def before_commit(self: ApplyGuard, uow: UnitOfWork) -> None:
        nonlocal flipped
        await flip(self, uow)  # raises when another scheduler settled it: not counted
        if flipped == applied:
            os.kill(os.getpid(), signal.SIGKILL)
        flipped += 1

    ApplyGuard.before_commit = before_commit  # type: ignore[method-assign]


async def main(database_url: str, lease_seconds: float, batch: int, gated: bool) -> None:
    settings = Settings(
        database_url=database_url,
        scheduled_change_lease_seconds=lease_seconds,
        scheduled_change_batch=batch,
    )
    await Tortoise.init(config=settings.tortoise_config(), _enable_global_fallback=True)
    try:
        if gated:
            print("ready", file=sys.stderr, flush=True)
            await asyncio.to_thread(sys.stdin.readline)
        while await ScheduledChange.filter(status=ScheduledChangeStatus.PENDING).exists():
            await apply_due_changes(settings)
            # What is left is leased by another scheduler: its lease may end (it was killed).
            await asyncio.sleep(0.05)
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("lease_seconds", type=float)
    parser.add_argument("batch", type=int)
    parser.add_argument("--die-after", type=int)
    parser.add_argument("--gated", action="store_true")
    options = parser.parse_args()
    if options.die_after is not None:
        die_inside_the_commit_after(options.die_after)
    asyncio.run(main(options.database_url, options.lease_seconds, options.batch, options.gated))
