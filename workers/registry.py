"""The project's `actor()` decorator: it records the coroutine under its `domain.verb` name and
returns it unchanged, so tests can await it. Registration with Dramatiq happens when a broker
is set up (`workers.broker`), which keeps actor modules free of import-order traps."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from settings import Settings, get_settings

ActorFn = Callable[..., Awaitable[Any]]
F = TypeVar("F", bound=ActorFn)


@dataclass(frozen=True)
class ActorSpec:
    name: str
    fn: ActorFn
    queue: str
    max_retries: int


ACTORS: dict[str, ActorSpec] = {}
_settings: Settings | None = None


def actor(name: str, *, queue: str = "default", max_retries: int = 3) -> Callable[[F], F]:
    def register(fn: F) -> F:
        if name in ACTORS:
            raise ValueError(f"Actor {name} is declared twice.")
        ACTORS[name] = ActorSpec(name, fn, queue, max_retries)
        return fn

    return register


def configure(settings: Settings) -> None:
    """The settings the actors of this process use."""
    global _settings
    _settings = settings


def current_settings() -> Settings:
    return _settings or get_settings()


def load_actors() -> dict[str, ActorSpec]:
    """Import every actor module (they register themselves) and return the registry."""
    import workers.messages  # noqa: F401

    return ACTORS
