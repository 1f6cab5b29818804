"""Reference data: offsets as ISO 8601 writes them, exact for every moment of a minute."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services import reference
from tests.conftest import SqlCounter


@pytest.mark.parametrize(
    ("zone", "at", "offset"),
    [
        ("America/New_York", datetime(2026, 1, 15, 12, tzinfo=UTC), "-05:00"),
        ("America/New_York", datetime(2026, 7, 15, 12, tzinfo=UTC), "-04:00"),
        ("America/St_Johns", datetime(2026, 1, 15, 12, tzinfo=UTC), "-03:30"),
        ("Asia/Kolkata", datetime(2026, 1, 15, 12, tzinfo=UTC), "+05:30"),
        ("Pacific/Chatham", datetime(2026, 1, 15, 12, tzinfo=UTC), "+13:45"),
        ("Etc/GMT+12", datetime(2026, 1, 15, 12, tzinfo=UTC), "-12:00"),
        ("UTC", datetime(2026, 1, 15, 12, tzinfo=UTC), "+00:00"),
    ],
)
def test_offsets_are_written_as_iso_8601(zone: str, at: datetime, offset: str) -> None:
    assert reference.utc_offset(zone, at) == offset


def test_the_offsets_change_on_the_minute_of_a_transition() -> None:
    # Europe/Berlin leaves summer time at 01:00 UTC on 25 October 2026
    before = datetime(2026, 10, 25, 0, 59, 59, 999_999, tzinfo=UTC)
    after = datetime(2026, 10, 25, 1, 0, 0, tzinfo=UTC)

    def berlin(at: datetime) -> str:
        return {z.name: z.utc_offset for z in reference.time_zones_at(at)}["Europe/Berlin"]

    assert (berlin(before), berlin(after)) == ("+02:00", "+01:00")


def test_the_lists_read_no_database(sql_counter: SqlCounter) -> None:
    sql_counter.reset()

    reference.currency_list()
    reference.country_list()
    reference.time_zones_at(datetime.now(UTC))

    assert sql_counter.count == 0
