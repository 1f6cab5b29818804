"""The project's `actor()` decorator binds a coroutine to the `JobSpec` its domain declared
and returns the coroutine unchanged, so tests can await it. Registration with Dramatiq happens
when a broker is set up (`workers.broker`), which keeps actor modules free of import-order traps.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from services.jobs import DECLARED, JobSpec

ActorFn = Callable[..., Awaitable[Any]]
F = TypeVar("F", bound=ActorFn)


@dataclass(frozen=True)
class ActorSpec:
    job: JobSpec
    fn: ActorFn

    @property
    def name(self) -> str:
        return self.job.name

    @property
    def queue(self) -> str:
        return self.job.queue

    @property
    def max_retries(self) -> int:
        return self.job.max_retries


ACTORS: dict[str, ActorSpec] = {}


def actor(job: JobSpec) -> Callable[[F], F]:
    """Run `fn` for every `job` dispatched; one actor per job."""

    def register(fn: F) -> F:
        if job.name in ACTORS:
            raise ValueError(f"Job {job.name} has two actors.")
        ACTORS[job.name] = ActorSpec(job, fn)
        return fn

    return register


def load_actors() -> dict[str, ActorSpec]:
    """Import every actor module (they register themselves) and return the registry; a job
    declared without an actor is a start-up error, not a job silently never run."""
    import workers.cdrs
    import workers.invoices
    import workers.logins
    import workers.messages  # noqa: F401

    missing = sorted(set(DECLARED) - set(ACTORS))
    if missing:
        raise RuntimeError(f"Jobs declared without an actor: {', '.join(missing)}.")
    return ACTORS


def spec_of(job_name: str) -> ActorSpec:
    """The actor of a dispatched job; an unknown name is a programming error, never dropped."""
    try:
        return ACTORS[job_name]
    except KeyError:
        raise LookupError(f"No actor runs the job {job_name}.") from None
