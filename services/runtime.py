"""The process's runtime: its settings and where after-commit jobs go, as one object.

Whatever runs the process installs it (the app's lifespan through `workers.runtime.background`,
`switchboard worker`, `switchboard scheduler`); services, actors and the GraphQL limits read it
with `current()`. Installing is scoped: leaving `installed()` puts the previous runtime back, so
an app or a test can run with other settings and leave nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import structlog

from settings import Settings, get_settings

if TYPE_CHECKING:
    from services.jobs import Job

log = structlog.get_logger(__name__)

Dispatcher = Callable[[list["Job"]], None]


def log_only(jobs: list[Job]) -> None:
    """Where jobs go when nothing runs them (a script, a shell): the log."""
    for job in jobs:
        log.warning("job.not_dispatched", job=job.name, kwargs=dict(job.kwargs))


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    dispatch: Dispatcher = log_only

    def with_dispatcher(self, dispatch: Dispatcher) -> Runtime:
        return replace(self, dispatch=dispatch)


_current: Runtime | None = None


def current() -> Runtime:
    """The installed runtime; before any, the environment's settings and the log for jobs."""
    return _current if _current is not None else Runtime(get_settings())


@contextmanager
def installed(runtime: Runtime) -> Iterator[Runtime]:
    global _current
    previous, _current = _current, runtime
    try:
        yield runtime
    finally:
        _current = previous


def install_for_process(runtime: Runtime) -> None:
    """For a process that serves one runtime until it ends (`switchboard worker`)."""
    global _current
    _current = runtime
