"""A scheduler process for the exactly-once test: applies due scheduled changes, tick after
tick (the scheduler's own `apply_due_changes`), until none is PENDING, then exits 0.

    python -m tests.workers.scheduler_process <database_url> <lease_seconds> <batch>
"""

from __future__ import annotations

import asyncio
import sys

from tortoise import Tortoise

from models import ScheduledChange
from models.enums import ScheduledChangeStatus
from settings import Settings
from workers.scheduler import apply_due_changes


async def main(database_url: str, lease_seconds: float, batch: int) -> None:
    settings = Settings(
        database_url=database_url,
        scheduled_change_lease_seconds=lease_seconds,
        scheduled_change_batch=batch,
    )
    await Tortoise.init(config=settings.tortoise_config(), _enable_global_fallback=True)
    try:
        while await ScheduledChange.filter(status=ScheduledChangeStatus.PENDING).exists():
            await apply_due_changes(settings)
            # What is left is leased by another scheduler: its lease may end (it was killed).
            await asyncio.sleep(0.05)
    finally:
        await Tortoise.close_connections()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], float(sys.argv[2]), int(sys.argv[3])))
