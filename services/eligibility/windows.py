"""Dialing windows in the customer's IANA time zone: whether an instant lies in one, and the
earliest instant at or after a given one that does. Pure functions (zoneinfo only).

The rule is the wall clock: an instant is in a window when the customer's local time at that
instant, read off a clock on the wall there, is in [start, end) on one of the window's days
(every day when none are named). A window whose end is before its start crosses midnight
(22:00-02:00): it opens at `start` on one of its days and closes at `end` the next morning.

Daylight-saving changes follow from that rule, and are pinned by tests:
- spring forward (the clock jumps from 02:00 to 03:00 in America/New_York, 01:00 to 02:00 in
  Europe/London): a boundary inside the skipped hour takes effect at the jump, the first
  instant whose wall time is past it. A window 02:30-04:00 opens at 03:00 local that day; a
  window 01:00-02:30 closes at the jump; a window wholly inside the skipped hour does not
  happen that day.
- fall back (the clock repeats 01:00-02:00): a wall time in the repeated hour happens twice,
  and both passes count. A window 01:15-01:45 is open twice that night (once in summer time,
  once in standard time); a window that ended at 01:30 reopens when the clock goes back to
  01:00 until it reaches 01:30 again.
The window is thus as long on the wall as on any other day, and a change never opens or
closes it except where the wall clock itself crosses a boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from models.enums import Weekday

MINUTES_PER_DAY = 24 * 60
_WEEKDAYS = list(Weekday)  # MON first, as datetime.weekday() counts
# A window opens at least once a week; a day more covers one that opens the day before and a
# week more one that a daylight-saving jump skips once.
_HORIZON_DAYS = 16
_MINUTE = timedelta(minutes=1)


def minutes_of(hhmm: str) -> int:
    """Minutes after midnight of "HH:MM" ("24:00" is 1440)."""
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class Window:
    """A cleaned dialing window: minutes after local midnight; `end` < `start` crosses midnight."""

    start: int
    end: int
    days: frozenset[int] = frozenset()  # datetime.weekday() numbers; every day when empty

    @classmethod
    def of(cls, start: str, end: str, days: Sequence[Weekday | str] = ()) -> Window:
        return cls(minutes_of(start), minutes_of(end), frozenset(_WEEKDAYS.index(Weekday(d)) for d in days))

    @property
    def overnight(self) -> bool:
        return self.end < self.start

    def on(self, weekday: int) -> bool:
        return not self.days or weekday in self.days

    def covers(self, local: datetime) -> bool:
        """Whether this wall time (an aware local datetime) is inside the window."""
        minute, today = local.hour * 60 + local.minute, local.weekday()
        if not self.overnight:
            return self.on(today) and self.start <= minute < self.end
        return (self.on(today) and minute >= self.start) or (self.on((today - 1) % 7) and minute < self.end)


def is_open(windows: Sequence[Window], zone: ZoneInfo, at: datetime) -> bool:
    """Whether `at` lies in one of the windows (any time when there are none)."""
    if not windows:
        return True
    local = at.astimezone(zone)
    return any(window.covers(local) for window in windows)


def next_open(windows: Sequence[Window], zone: ZoneInfo, at: datetime) -> datetime:
    """The earliest instant at or after `at` that lies in one of the windows.

    The set of open instants only starts at `at`, at a wall time equal to a window's start (once,
    or twice in a repeated hour), or at a daylight-saving change (the wall clock jumps into a
    window); the answer is the earliest of those candidates that is open."""
    if is_open(windows, zone, at):
        return at
    at_utc = at.astimezone(UTC)
    first_day = at.astimezone(zone).date() - timedelta(days=1)
    opening: datetime | None = None
    for offset in range(_HORIZON_DAYS):
        day = first_day + timedelta(days=offset)
        found = [c for c in _openings_on(windows, zone, day) if c > at_utc and is_open(windows, zone, c)]
        if found:
            # a later day's openings come later, but for a change at midnight: one more day
            later = _openings_on(windows, zone, day + timedelta(days=1))
            opening = min([*found, *(c for c in later if c > at_utc and is_open(windows, zone, c))])
            break
    assert opening is not None, "every window opens within the horizon"
    jumps = [c for c in changes_between(zone, at_utc, opening) if is_open(windows, zone, c)]
    return min([opening, *jumps])


def _openings_on(windows: Sequence[Window], zone: ZoneInfo, day: date) -> list[datetime]:
    """The instants at which the wall clock shows a start of a window on `day` (a window of that
    weekday)."""
    found = []
    for window in windows:
        if window.on(day.weekday()):
            wall = datetime(day.year, day.month, day.day) + timedelta(minutes=window.start)
            found.extend(_instants_of(wall, zone))
    return found


def _instants_of(wall: datetime, zone: ZoneInfo) -> list[datetime]:
    """The instants (UTC) at which the wall clock shows `wall` (naive): one, two in a repeated
    hour, none in a skipped one."""
    found = []
    for fold in (0, 1):
        instant = wall.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == wall:
            found.append(instant)
    return found


def changes_between(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    """The instants in (start, end] at which the zone's UTC offset changes (to the minute),
    found day by day and then by halving: zones change at most once a day."""
    changes = []
    day = timedelta(days=1)
    left = start
    while left < end:
        right = min(left + day, end)
        if _offset(zone, left) != _offset(zone, right):
            changes.append(_change_in(zone, left, right))
        left = right
    return changes


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta | None:
    return instant.astimezone(zone).utcoffset()


def _change_in(zone: ZoneInfo, left: datetime, right: datetime) -> datetime:
    """The first minute in (left, right] with right's offset (left's differs)."""
    low = left.replace(second=0, microsecond=0)
    high = right
    target = _offset(zone, right)
    while high - low > _MINUTE:
        middle = low + _half(high - low)
        if _offset(zone, middle) == target:
            high = middle
        else:
            low = middle
    return high


def _half(span: timedelta) -> timedelta:
    """Half of `span`, rounded down to a whole minute (at least one)."""
    return max(_MINUTE, timedelta(minutes=(span // _MINUTE) // 2))
