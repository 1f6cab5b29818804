"""Periodic runs claimed in the database: advancing `next_run_at` with a conditional UPDATE is
the claim, so two schedulers (or a restarted one) never run the same slot twice."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from tortoise.exceptions import IntegrityError

from models import PeriodicRun


async def claim_run(name: str, every: timedelta, claimer: str, now: datetime) -> bool:
    """True when this caller won the run of `name` that is due at `now`."""
    if not await PeriodicRun.filter(name=name).exists():
        # Another scheduler may create it first; the UPDATE below decides who wins either way.
        with contextlib.suppress(IntegrityError):
            await PeriodicRun.create(name=name, next_run_at=now)
    claimed = await PeriodicRun.filter(name=name, next_run_at__lte=now).update(
        next_run_at=now + every, last_claimed_by=claimer[:200]
    )
    return claimed == 1
