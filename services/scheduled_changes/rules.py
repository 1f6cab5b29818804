"""The rules every scheduled change shares: when it may take effect, who may schedule it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.actor import Actor
from services.errors import ErrorCode, ServiceError

MAX_AHEAD = timedelta(days=366)


def is_delayed(effective_at: datetime | None, now: datetime | None = None) -> bool:
    """Whether an edit given this `effectiveAt` is scheduled (a future time) rather than applied
    now (none given, now, or in the past)."""
    return effective_at is not None and as_utc(effective_at) > (now or datetime.now(UTC))


def wants_delay(actor: Actor, effective_at: datetime | None, now: datetime | None = None) -> bool:
    """Whether a mutation given this `effectiveAt` schedules its change (see `is_delayed`); the
    customer portal may not give one at all (FORBIDDEN)."""
    if effective_at is not None:
        refuse_portal(actor)
    return is_delayed(effective_at, now)


def as_utc(moment: datetime) -> datetime:
    """A time in UTC; one without an offset is taken as UTC (the API's DateTime is UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def checked_time(effective_at: datetime, now: datetime, *field: str) -> datetime:
    """`effective_at` in UTC, refused (TOO_FAR_AHEAD) when more than MAX_AHEAD after `now`."""
    when = as_utc(effective_at)
    if when - now > MAX_AHEAD:
        raise ServiceError.single(
            ErrorCode.TOO_FAR_AHEAD,
            f"A change can be scheduled at most {MAX_AHEAD.days} days ahead.",
            *(field or ("effective_at",)),
        )
    return when


def refuse_portal(actor: Actor) -> None:
    """The customer portal's principals edit now or not at all."""
    if actor.is_portal:
        raise ServiceError.single(
            ErrorCode.FORBIDDEN, "The customer portal cannot schedule changes.", "effective_at"
        )


def creator_label(actor: Actor) -> str:
    return "Portal" if actor.is_portal else actor.label
