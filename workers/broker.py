"""Dramatiq on Redis: the broker, the actors' declaration, the dispatcher that services' jobs
go through, and the worker process (Tortoise started on the AsyncIO middleware's loop)."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import Coroutine
from typing import Any

import dramatiq
import structlog
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.brokers.redis import RedisBroker
from dramatiq.middleware import AsyncIO
from tortoise import Tortoise

from services import jobs, runtime
from services.runtime import Runtime
from settings import Settings
from workers.registry import ActorSpec, load_actors, spec_of

log = structlog.get_logger(__name__)


def redis_broker(settings: Settings, *, with_orm: bool = False) -> tuple[RedisBroker, dict[str, ActorSpec]]:
    """The Redis broker with every actor declared on it (set before any actor is declared).

    `with_orm` is for worker processes: their actors run on Dramatiq's loop, with Tortoise."""
    assert settings.redis_url, "SWITCHBOARD_REDIS_URL is required for the Redis broker"
    broker = RedisBroker(url=settings.redis_url, namespace=settings.redis_namespace)  # type: ignore[no-untyped-call]
    broker.add_middleware(AsyncIOWithOrm(settings) if with_orm else AsyncIO())
    dramatiq.set_broker(broker)
    specs = load_actors()
    for spec in specs.values():
        declare = dramatiq.actor(
            actor_name=spec.name, queue_name=spec.queue, max_retries=spec.max_retries, broker=broker
        )
        declare(spec.fn)
    return broker, specs


class RedisDispatcher:
    """Sends services' after-commit jobs to Redis without blocking the event loop; a lost send
    is recovered by the outbox re-drive, so failures are logged, not raised."""

    def __init__(self, broker: RedisBroker, specs: dict[str, ActorSpec]) -> None:
        self.broker = broker
        self.specs = specs

    def dispatch(self, batch: list[jobs.Job]) -> None:
        messages = [self._message(job) for job in batch]
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._enqueue(messages)
            return
        loop.run_in_executor(None, self._enqueue, messages)

    def _message(self, job: jobs.Job) -> dramatiq.Message[Any]:
        spec = spec_of(job.name)
        return dramatiq.Message(
            queue_name=spec.queue, actor_name=spec.name, args=(), kwargs=dict(job.kwargs), options={}
        )

    def _enqueue(self, messages: list[dramatiq.Message[Any]]) -> None:
        for message in messages:
            try:
                self.broker.enqueue(message)
            except Exception:
                log.exception("job.enqueue_failed", job=message.actor_name)


class AsyncIOWithOrm(AsyncIO):
    """Dramatiq's event-loop thread, with Tortoise started on it once the loop runs and
    closed only after the worker's threads have finished their actors."""

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def before_worker_boot(self, broker: Any, worker: Any) -> None:
        super().before_worker_boot(broker, worker)  # type: ignore[no-untyped-call]
        self._on_loop(Tortoise.init(config=self.settings.tortoise_config(), _enable_global_fallback=True))

    def after_worker_shutdown(self, broker: Any, worker: Any) -> None:
        self._on_loop(Tortoise.close_connections())
        super().after_worker_shutdown(broker, worker)  # type: ignore[no-untyped-call]

    @staticmethod
    def _on_loop(coroutine: Coroutine[Any, Any, Any]) -> None:
        loop_thread = get_event_loop_thread()
        assert loop_thread is not None, "the AsyncIO loop thread runs from before_worker_boot"
        loop_thread.run_coroutine(coroutine)


def run_worker(settings: Settings) -> int:
    """`switchboard worker`: consume every queue until SIGTERM or SIGINT."""
    broker, specs = redis_broker(settings, with_orm=True)
    # The worker's threads run its actors until the process ends: installed for its lifetime.
    runtime.install_for_process(Runtime(settings, RedisDispatcher(broker, specs).dispatch))
    worker = dramatiq.Worker(broker, worker_threads=settings.worker_threads, worker_timeout=100)
    stopped = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopped.set())
    worker.start()
    log.info("worker.started", queues=sorted({spec.queue for spec in specs.values()}))
    stopped.wait()
    worker.stop()
    broker.close()
    return 0
