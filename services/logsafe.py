"""Logging an unexpected exception without what it says.

An exception's message and args can carry input values (a secret in a failed INSERT, a
remote server's answer): logs keep its type, where it was raised and the frames that led
there, never its text."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import MutableMapping
from typing import Any


def type_name(exc: BaseException) -> str:
    kind = type(exc)
    return kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"


def safe_traceback(exc: BaseException) -> str:
    """Like a traceback, chained causes included, with each exception reduced to its type."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = "".join(traceback.StackSummary.extract(traceback.walk_tb(current.__traceback__)).format())
        parts.append(f"Traceback (most recent call last):\n{frames}{type_name(current)}\n")
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    return "\nWhich was raised while handling:\n\n".join(parts).rstrip("\n")


def exception_fields(exc: BaseException) -> dict[str, str]:
    """Structured fields for a log line about `exc`: type, innermost location, frames."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno} in {frames[-1].name}" if frames else "unknown"
    return {"exc_type": type_name(exc), "where": where, "traceback": safe_traceback(exc)}


def structlog_exc_info(logger: Any, method: str, event: MutableMapping[str, Any]) -> MutableMapping[str, Any]:
    """A structlog processor in place of `format_exc_info`: the exception as `safe_traceback`."""
    exc_info = event.pop("exc_info", None)
    exc = _exception(exc_info)
    if exc is not None:
        event["exc_type"] = type_name(exc)
        event["exception"] = safe_traceback(exc)
    return event


class SafeFormatter(logging.Formatter):
    """For the standard library's loggers (uvicorn, dramatiq, strawberry): tracebacks without
    the exception's text."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - the stdlib's name
        exc = _exception(ei)
        return safe_traceback(exc) if exc is not None else ""


def _exception(exc_info: Any) -> BaseException | None:
    if isinstance(exc_info, BaseException):
        return exc_info
    if exc_info is True:
        return sys.exc_info()[1]
    if isinstance(exc_info, tuple) and len(exc_info) == 3:
        return exc_info[1] if isinstance(exc_info[1], BaseException) else None
    return None
