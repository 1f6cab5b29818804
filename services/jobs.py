"""After-commit work. Each kind of job is declared once, as a `JobSpec`, by the domain that
enqueues it; the worker side binds one actor to each spec and refuses to start when a spec has
no actor. Services never import the workers: the process's runtime (services/runtime.py) says where jobs go.

Jobs carry ids only and are safe to run twice, so a job lost before dispatch is recovered by
the periodic re-drive of its rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from services import runtime


@dataclass(frozen=True)
class JobSpec:
    """A kind of job: its actor's `domain.verb` name, its queue and the broker's retries."""

    name: str
    queue: str
    max_retries: int = 0

    def __call__(self, **kwargs: int | str) -> Job:
        return Job(self, kwargs)


@dataclass(frozen=True)
class Job:
    spec: JobSpec
    kwargs: Mapping[str, int | str]

    @property
    def name(self) -> str:
        return self.spec.name


DECLARED: dict[str, JobSpec] = {}


def declare(name: str, *, queue: str, max_retries: int = 0) -> JobSpec:
    """Declare a kind of job once; its actor is bound to it by the worker side."""
    if name in DECLARED:
        raise ValueError(f"Job {name} is declared twice.")
    spec = DECLARED[name] = JobSpec(name, queue, max_retries)
    return spec


def dispatch(jobs: list[Job]) -> None:
    """Send jobs where the process's runtime says (services/runtime.py)."""
    if jobs:
        runtime.current().dispatch(jobs)
