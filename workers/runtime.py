"""How background work runs beside the API: with SWITCHBOARD_REDIS_URL, jobs go to Redis for
`switchboard worker`; without it, the same actors run in-process with the scheduler."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass

from redis import asyncio as aioredis
from tortoise import Tortoise

from services.messaging import outbox
from services.runtime import Runtime, installed
from settings import Settings
from workers.broker import RedisDispatcher, redis_broker
from workers.inprocess import InProcessRunner
from workers.registry import load_actors
from workers.scheduler import run_scheduler


@dataclass
class Background:
    """What runs the jobs of this process; `runner` is set in embedded mode, `redis_probe`
    (a client of its own, with short timeouts) when the jobs go to Redis."""

    mode: str
    runner: InProcessRunner | None = None
    redis_dispatcher: RedisDispatcher | None = None
    redis_probe: RedisProbe | None = None

    async def broker_ok(self) -> bool:
        """The broker answers a PING in time (the in-process one always does)."""
        return True if self.redis_probe is None else await self.redis_probe.answers()


class RedisProbe:
    """PINGs Redis on the event loop with a bound: a hung server (one that accepts and never
    answers) must not hold /health for the client's default 5 s socket timeout, nor a thread."""

    def __init__(self, url: str, timeout: float) -> None:
        self.timeout = timeout
        self.client = aioredis.Redis.from_url(url, socket_timeout=timeout, socket_connect_timeout=timeout)

    async def answers(self) -> bool:
        """True if Redis answers a PING within the timeout (retries included)."""
        try:
            return bool(await asyncio.wait_for(self.client.ping(), self.timeout))
        except Exception:  # noqa: BLE001 - any failure means the broker is unreachable
            return False

    async def close(self) -> None:
        await self.client.aclose()


@asynccontextmanager
async def background(settings: Settings) -> AsyncIterator[Background]:
    """Start the background side for a serving process (on its event loop)."""
    if settings.redis_url:
        broker, specs = redis_broker(settings)
        dispatcher = RedisDispatcher(broker, specs)
        probe = RedisProbe(settings.redis_url, settings.health_timeout_seconds)
        try:
            with installed(Runtime(settings, dispatcher.dispatch)):
                yield Background("redis", redis_dispatcher=dispatcher, redis_probe=probe)
        finally:
            broker.close()
            await probe.close()
        return
    runner = InProcessRunner(load_actors())
    runner.start()
    with installed(Runtime(settings, runner.dispatch)):
        async with _in_process(settings, runner) as background:
            yield background


@asynccontextmanager
async def _in_process(settings: Settings, runner: InProcessRunner) -> AsyncIterator[Background]:
    """Embedded mode: the scheduler beside the API, and what an earlier process left queued."""
    stop = asyncio.Event()
    scheduler = (
        asyncio.create_task(run_scheduler(settings, stop)) if settings.run_scheduler_in_process else None
    )
    await outbox.redrive(settings)  # what an earlier process left queued: memory queues do not survive
    try:
        yield Background("in-process", runner=runner)
    finally:
        stop.set()
        if scheduler is not None:
            await scheduler
        await runner.stop()


async def scheduler_main(settings: Settings) -> int:
    """`switchboard scheduler`: claim and dispatch the periodic jobs until SIGTERM or SIGINT."""
    await Tortoise.init(config=settings.tortoise_config(), _enable_global_fallback=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    try:
        async with background(settings.model_copy(update={"run_scheduler_in_process": False})):
            await run_scheduler(settings, stop)
    finally:
        with suppress(Exception):
            await Tortoise.close_connections()
    return 0
