"""The periodic jobs, declared in one place, and the loop that claims and dispatches them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog

from services import jobs, login_throttle
from services.cdrs import rollup
from services.invoices import generation as invoices
from services.jobs import JobSpec
from services.messaging import outbox
from services.scheduled_changes.applying import apply_due
from services.scheduling import claim_run
from settings import Settings

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    job: JobSpec
    every: Callable[[Settings], timedelta]

    @property
    def actor_name(self) -> str:
        return self.job.name


PERIODIC_JOBS = (
    PeriodicJob(outbox.REDRIVE, lambda s: timedelta(seconds=s.outbox_redrive_seconds)),
    PeriodicJob(login_throttle.PRUNE, lambda _settings: timedelta(hours=1)),
    PeriodicJob(rollup.ROLL_UP, lambda s: timedelta(seconds=s.rollup_interval_seconds)),
    PeriodicJob(invoices.AUTO_GENERATE_ALL, lambda s: timedelta(seconds=s.invoice_schedule_seconds)),
)


def claimer_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_due_jobs(settings: Settings, now: datetime | None = None) -> list[str]:
    """Claim and dispatch every due periodic job; returns the names this caller won."""
    now = now or datetime.now(UTC)
    won = [
        periodic.job
        for periodic in PERIODIC_JOBS
        if await claim_run(periodic.actor_name, periodic.every(settings), claimer_name(), now)
    ]
    jobs.dispatch([job() for job in won])
    return [job.name for job in won]


async def apply_due_changes(settings: Settings, now: datetime | None = None) -> None:
    """Apply the scheduled changes (Delay and Save) that are due. Every scheduler does this on
    every tick: their claims do not overlap, and each change applies once whoever claims it."""
    outcome = await apply_due(
        claimer_name(),
        now,
        batch=settings.scheduled_change_batch,
        lease=timedelta(seconds=settings.scheduled_change_lease_seconds),
    )
    if outcome.applied or outcome.failed:
        log.info("scheduler.changes_applied", applied=outcome.applied, failed=outcome.failed)


async def run_scheduler(settings: Settings, stop: asyncio.Event) -> None:
    log.info("scheduler.started", jobs=[job.actor_name for job in PERIODIC_JOBS])
    while not stop.is_set():
        try:
            await run_due_jobs(settings)
        except Exception:
            log.exception("scheduler.tick_failed")
        try:
            await apply_due_changes(settings)
        except Exception:
            log.exception("scheduler.changes_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.scheduler_tick_seconds)
