"""Login maintenance actors: they call the service; safe to run twice."""

from __future__ import annotations

from services import login_throttle, runtime
from workers.registry import actor


@actor(login_throttle.PRUNE)
async def prune_logins() -> None:
    await login_throttle.prune(runtime.current().settings)
