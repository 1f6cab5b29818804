"""After-commit work: services name a job by its actor name and never import the workers.

The broker module installs the dispatcher at start-up; jobs carry ids only and are safe to run
twice, so a job lost before dispatch is recovered by the periodic re-drive of its rows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import structlog

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    kwargs: Mapping[str, int | str]


Dispatcher = Callable[[list[Job]], None]


def _log_only(jobs: list[Job]) -> None:
    for job in jobs:
        log.warning("job.not_dispatched", job=job.name, kwargs=dict(job.kwargs))


_dispatcher: Dispatcher = _log_only


def set_dispatcher(dispatcher: Dispatcher | None) -> None:
    global _dispatcher
    _dispatcher = dispatcher or _log_only


def dispatch(jobs: list[Job]) -> None:
    if jobs:
        _dispatcher(jobs)
