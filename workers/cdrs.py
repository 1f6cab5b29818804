"""Call-data actors: they call the service; safe to run twice (a roll-up recomputes)."""

from __future__ import annotations

from services.cdrs import rollup
from workers.registry import actor


@actor(rollup.ROLL_UP)
async def roll_up_summaries() -> None:
    """Recompute the hourly summaries of every hour that received CDRs since the last run."""
    await rollup.roll_up()
