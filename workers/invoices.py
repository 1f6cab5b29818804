"""Invoice actors: they call the service; safe to run twice (a period's invoice is unique)."""

from __future__ import annotations

from services.invoices import generation
from workers.registry import actor


@actor(generation.AUTO_GENERATE_ALL)
async def auto_generate_invoices() -> None:
    """Every customer's missing complete periods of its invoice schedule, issued and e-mailed."""
    await generation.auto_generate_all()
