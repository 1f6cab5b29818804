"""Jobs are declared once (a JobSpec), bound to one actor each, and checked at start-up."""

from __future__ import annotations

import pytest

from services import jobs
from services.messaging import outbox
from workers import registry
from workers.inprocess import InProcessRunner


def test_every_declared_job_has_exactly_its_actor() -> None:
    actors = registry.load_actors()

    assert (
        set(actors)
        == set(jobs.DECLARED)
        == {
            "messages.send",
            "outbox.redrive",
            "logins.prune",
            "broadcasts.fan_out",
            "summaries.roll_up",
            "invoices.auto_generate",
        }
    )
    assert {name: (spec.queue, spec.max_retries) for name, spec in actors.items()} == {
        "messages.send": ("messages", 0),
        "outbox.redrive": ("maintenance", 0),
        "logins.prune": ("maintenance", 0),
        "broadcasts.fan_out": ("messages", 0),
        "summaries.roll_up": ("maintenance", 0),
        "invoices.auto_generate": ("maintenance", 0),
    }
    assert actors["messages.send"].job is outbox.SEND


def test_a_job_declared_without_an_actor_stops_the_start() -> None:
    orphan = jobs.declare("tests.orphan", queue="default")
    try:
        with pytest.raises(RuntimeError, match=r"^Jobs declared without an actor: tests\.orphan\.$"):
            registry.load_actors()
    finally:
        del jobs.DECLARED[orphan.name]


def test_a_job_name_cannot_be_declared_twice() -> None:
    with pytest.raises(ValueError, match=r"^Job messages\.send is declared twice\.$"):
        jobs.declare("messages.send", queue="other")


async def test_an_unknown_job_is_an_error_not_a_silent_drop() -> None:
    runner = InProcessRunner(registry.load_actors())
    runner.start()
    stray = jobs.JobSpec("tests.stray", queue="default")

    with pytest.raises(LookupError, match=r"^No actor runs the job tests\.stray\.$"):
        runner.dispatch([stray(message_id=1)])
    assert runner.tasks == set()
