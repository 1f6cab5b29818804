"""Embedded mode: the actors run as tasks on the API's own event loop (Dramatiq's AsyncIO
middleware would start a second loop that cannot share the API's database connections)."""

from __future__ import annotations

import asyncio
from typing import Any

import structlog

from services.jobs import Job
from workers.registry import ActorSpec, spec_of

log = structlog.get_logger(__name__)
RETRY_DELAY_SECONDS = 1.0


class InProcessRunner:
    """Runs dispatched jobs as tasks; `join()` waits until none is left (used by tests)."""

    def __init__(self, actors: dict[str, ActorSpec]) -> None:
        self.actors = actors
        self.tasks: set[asyncio.Task[Any]] = set()
        self.loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        self.loop = asyncio.get_running_loop()

    def dispatch(self, jobs: list[Job]) -> None:
        for job in jobs:
            self._spawn(self._run(spec_of(job.name), dict(job.kwargs)))

    def _spawn(self, coroutine: Any) -> None:
        assert self.loop is not None, "start() the runner on the serving loop first"
        task = self.loop.create_task(coroutine)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _run(self, spec: ActorSpec, kwargs: dict[str, Any]) -> None:
        for attempt in range(spec.max_retries + 1):
            try:
                await spec.fn(**kwargs)
                return
            except Exception:
                log.exception("job.failed", job=spec.name, attempt=attempt + 1, kwargs=kwargs)
                await asyncio.sleep(RETRY_DELAY_SECONDS * (attempt + 1))

    async def join(self) -> None:
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)

    async def stop(self) -> None:
        for task in list(self.tasks):
            task.cancel()
        await asyncio.gather(*list(self.tasks), return_exceptions=True)
