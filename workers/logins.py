"""Login maintenance actors: they call the service; safe to run twice."""

from __future__ import annotations

from services import login_throttle, runtime
from services.users import links
from workers.registry import actor


@actor(login_throttle.PRUNE)
async def prune_logins() -> None:
    """Forget spent throttles and old login attempts, and set-password links that cannot work."""
    await login_throttle.prune(runtime.current().settings)
    await links.prune_links()
