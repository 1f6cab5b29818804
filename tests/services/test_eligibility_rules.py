"""The dialing-eligibility rules as pure functions of a snapshot and an instant: each rule on
and off, its lift time, the windows across daylight-saving changes and midnight, and a
property test of `allowed` and `nextAllowedAt` against a brute force over minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.enums import CustomerStatus
from services.eligibility.rules import RULES, EligibilityCode, Snapshot, evaluate, reasons_at
from services.eligibility.windows import Window, is_open, next_open

NEW_YORK, LONDON = ZoneInfo("America/New_York"), ZoneInfo("Europe/London")
MINUTE = timedelta(minutes=1)
AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday, 08:00 UTC
C = EligibilityCode


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def local(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=NEW_YORK)


def snapshot(**changes: Any) -> Snapshot:
    """A customer that may dial at AT; `changes` turn rules on."""
    base = Snapshot(
        customer_id=1,
        status=CustomerStatus.ACTIVE,
        balance=Decimal("10.00"),
        debit_limit=Decimal(0),
        daily_spend_limit=None,
        spent=Decimal(0),
        spend_day=utc(2026, 11, 30),
        channels=10,
        channels_in_use=None,
        zone=ZoneInfo("UTC"),
        windows=(),
        email_verification_pending=False,
        mobile_verification_pending=False,
    )
    return replace(base, **changes)


@pytest.fixture(autouse=True)
def clean_database() -> None:
    """Pure functions: no database to start or clean (overrides the suite's fixture)."""


def test_a_customer_that_no_rule_blocks_is_allowed_now() -> None:
    answer = evaluate(snapshot(), AT)
    assert (answer.allowed, answer.reasons, answer.next_allowed_at) == (True, (), AT)


MIDNIGHT = utc(2026, 12, 1)


@pytest.mark.parametrize(
    ("on", "off", "code", "lifts_at"),
    [
        ({"status": CustomerStatus.INACTIVE}, {}, C.CUSTOMER_INACTIVE, None),
        ({"status": CustomerStatus.PENALTY}, {}, C.CUSTOMER_PENALTY, None),
        ({"status": CustomerStatus.PENDING_APPROVAL}, {}, C.PENDING_APPROVAL, None),
        # a timed penalty lifts at its end, giving back the status it replaced
        (
            {"status": CustomerStatus.PENALTY, "penalty_until": utc(2026, 11, 30, 12)},
            {"status": CustomerStatus.PENALTY, "penalty_until": AT},
            C.CUSTOMER_PENALTY,
            utc(2026, 11, 30, 12),
        ),
        # pre-pay: no credit at 0
        ({"balance": Decimal(0)}, {"balance": Decimal("0.01")}, C.BALANCE_BELOW_DEBIT_LIMIT, None),
        # post-pay credit of 5
        (
            {"balance": Decimal("-5.00"), "debit_limit": Decimal(5)},
            {"balance": Decimal("-4.99"), "debit_limit": Decimal(5)},
            C.BALANCE_BELOW_DEBIT_LIMIT,
            None,
        ),
        # a buffer of 10 that must stay in the account
        (
            {"balance": Decimal("10.00"), "debit_limit": Decimal(-10)},
            {"balance": Decimal("10.01"), "debit_limit": Decimal(-10)},
            C.BALANCE_BELOW_DEBIT_LIMIT,
            None,
        ),
        (
            {"daily_spend_limit": Decimal(5), "spent": Decimal(5)},
            {"daily_spend_limit": Decimal(5), "spent": Decimal("4.99")},
            C.DAILY_SPEND_LIMIT_REACHED,
            MIDNIGHT,
        ),
        # a limit of 0: no spend at all, any day
        (
            {"daily_spend_limit": Decimal(0)},
            {"daily_spend_limit": None, "spent": Decimal(99)},
            C.DAILY_SPEND_LIMIT_REACHED,
            None,
        ),
        (
            {"windows": (Window.of("09:00", "17:00"),)},
            {"windows": (Window.of("08:00", "17:00"),)},
            C.OUTSIDE_DIALING_WINDOW,
            utc(2026, 11, 30, 9),
        ),
        ({"email_verification_pending": True}, {}, C.EMAIL_VERIFICATION_PENDING, None),
        ({"mobile_verification_pending": True}, {}, C.MOBILE_VERIFICATION_PENDING, None),
        (
            {"approved_cli_only": True},
            {"approved_cli_only": True, "cli_approved": True},
            C.CLI_NOT_APPROVED,
            None,
        ),
        (
            {"approved_cli_only": True, "cli": "+14155552671"},
            {"cli": "+14155552671"},
            C.CLI_NOT_APPROVED,
            None,
        ),
        ({"channels": 0}, {"channels": 1}, C.NO_CHANNELS, None),
        ({"channels_in_use": 10}, {"channels_in_use": 9}, C.CHANNELS_IN_USE, None),
    ],
)
def test_each_rule_blocks_when_on_and_not_when_off(
    on: dict[str, Any], off: dict[str, Any], code: EligibilityCode, lifts_at: datetime | None
) -> None:
    blocked, free = evaluate(snapshot(**on), AT), evaluate(snapshot(**off), AT)

    assert [(r.code, r.lifts_at) for r in blocked.reasons] == [(code, lifts_at)]
    assert (blocked.allowed, blocked.next_allowed_at) == (False, lifts_at)
    assert (free.allowed, free.reasons, free.next_allowed_at) == (True, (), AT)


def test_a_timed_penalty_gives_back_the_status_it_replaced_and_a_status_set_by_hand_stays() -> None:
    until = utc(2026, 11, 30, 12)
    was_inactive = snapshot(
        status=CustomerStatus.PENALTY, penalty_until=until, penalty_previous_status=CustomerStatus.INACTIVE
    )
    answer = evaluate(was_inactive, AT)
    assert [(r.code, r.message, r.lifts_at) for r in answer.reasons] == [
        (C.CUSTOMER_PENALTY, "The customer is under a penalty until 2026-11-30 12:00 UTC.", until)
    ]
    assert answer.next_allowed_at is None  # inactive once the penalty ends
    assert [r.code for r in evaluate(was_inactive, until).reasons] == [C.CUSTOMER_INACTIVE]
    # staff set the status by hand during the penalty: the penalty's end changes nothing
    set_by_hand = replace(was_inactive, status=CustomerStatus.ACTIVE)
    assert evaluate(set_by_hand, AT).allowed and evaluate(set_by_hand, until).allowed


def test_every_reason_is_reported_in_rule_order_with_its_message() -> None:
    everything = snapshot(
        status=CustomerStatus.PENALTY,
        balance=Decimal(0),
        daily_spend_limit=Decimal(1),
        spent=Decimal(1),
        windows=(Window.of("22:00", "02:00"),),
        zone=LONDON,
        email_verification_pending=True,
        mobile_verification_pending=True,
        approved_cli_only=True,
        cli="+14155552671",
        channels_in_use=12,
    )
    answer = evaluate(everything, AT)
    assert [(r.code, r.message) for r in answer.reasons] == [
        (C.CUSTOMER_PENALTY, "The customer is under a penalty."),
        (C.BALANCE_BELOW_DEBIT_LIMIT, "The balance has reached the debit limit: no credit is left."),
        (C.DAILY_SPEND_LIMIT_REACHED, "Today's spend (00:00-00:00 UTC) has reached the daily spend limit."),
        (C.OUTSIDE_DIALING_WINDOW, "Outside the customer's dialing windows (Europe/London)."),
        (
            C.EMAIL_VERIFICATION_PENDING,
            "E-mail verification is required and no contact of the customer has verified an e-mail address.",
        ),
        (
            C.MOBILE_VERIFICATION_PENDING,
            "Mobile verification is required and no contact of the customer has verified a mobile number.",
        ),
        (C.CLI_NOT_APPROVED, "+14155552671 is not an approved caller id of the customer."),
        (C.CHANNELS_IN_USE, "Every channel is in use (12 of 10)."),
    ]
    assert answer.next_allowed_at is None
    assert [r.code for r in evaluate(snapshot(channels=0), AT).reasons] == [C.NO_CHANNELS]


def test_the_spend_limit_and_a_window_lift_together_at_the_first_opening_after_midnight_utc() -> None:
    # 09:00-17:00 in New York (14:00-22:00 UTC in winter): open at 15:00 UTC, but the spend day
    # ends at 00:00 UTC, when New York is closed; the next opening is 09:00 the next day.
    blocked = snapshot(
        daily_spend_limit=Decimal(5), spent=Decimal(7), zone=NEW_YORK, windows=(Window.of("09:00", "17:00"),)
    )
    answer = evaluate(blocked, utc(2026, 11, 30, 15))
    assert [(r.code, r.lifts_at) for r in answer.reasons] == [(C.DAILY_SPEND_LIMIT_REACHED, MIDNIGHT)]
    assert answer.next_allowed_at == utc(2026, 12, 1, 14)


# --- windows: midnight and daylight-saving changes --------------------------------------------


def opens(windows: list[Window], zone: ZoneInfo, at: datetime) -> datetime:
    return next_open(windows, zone, at)


def test_an_overnight_window_is_one_window_from_its_day_into_the_next_morning() -> None:
    friday_night = [Window.of("22:00", "02:00", ["FRI"])]  # 2026-11-27 is a Friday

    assert not is_open(friday_night, NEW_YORK, local(2026, 11, 27, 21, 59))
    assert is_open(friday_night, NEW_YORK, local(2026, 11, 27, 22, 0))
    assert is_open(friday_night, NEW_YORK, local(2026, 11, 28, 1, 59))
    assert not is_open(friday_night, NEW_YORK, local(2026, 11, 28, 2, 0))
    assert not is_open(friday_night, NEW_YORK, local(2026, 11, 28, 22, 30))  # Saturday night
    assert not is_open(friday_night, NEW_YORK, local(2026, 11, 27, 1, 0))  # Thursday's night
    assert opens(friday_night, NEW_YORK, local(2026, 11, 28, 2, 0)) == local(2026, 12, 4, 22, 0)


# New York springs forward on 2026-03-08 at 07:00 UTC (02:00 EST -> 03:00 EDT) and falls back on
# 2026-11-01 at 06:00 UTC (02:00 EDT -> 01:00 EST); London on 2026-03-29 at 01:00 UTC (01:00 GMT
# -> 02:00 BST) and 2026-10-25 at 01:00 UTC (02:00 BST -> 01:00 GMT).


@pytest.mark.parametrize(
    ("zone", "window", "at", "open_at_at", "next_opening"),
    [
        # a window that starts in New York's skipped hour opens at the jump, 03:00 EDT
        (NEW_YORK, ("02:30", "04:00"), utc(2026, 3, 8, 6, 59), False, utc(2026, 3, 8, 7)),
        # one that ends in the skipped hour closes at the jump
        (NEW_YORK, ("01:00", "02:30"), utc(2026, 3, 8, 6, 59), True, utc(2026, 3, 8, 6, 59)),
        (NEW_YORK, ("01:00", "02:30"), utc(2026, 3, 8, 7), False, utc(2026, 3, 9, 5)),
        # one wholly inside the skipped hour does not happen that day (Sunday only: next Sunday)
        (NEW_YORK, ("02:10", "02:50", ["SUN"]), utc(2026, 3, 8, 5), False, utc(2026, 3, 15, 6, 10)),
        # an overnight window across the jump closes at the jump
        (NEW_YORK, ("22:00", "02:30", ["SAT"]), utc(2026, 3, 8, 6, 59), True, utc(2026, 3, 8, 6, 59)),
        (NEW_YORK, ("22:00", "02:30", ["SAT"]), utc(2026, 3, 8, 7), False, utc(2026, 3, 15, 2)),
        # in the repeated hour a window is open on both passes: 01:15-01:45 EDT, then EST
        (NEW_YORK, ("01:15", "01:45"), utc(2026, 11, 1, 5), False, utc(2026, 11, 1, 5, 15)),
        (NEW_YORK, ("01:15", "01:45"), utc(2026, 11, 1, 5, 45), False, utc(2026, 11, 1, 6, 15)),
        # a window closed at 01:30 EDT reopens when the clock goes back to 01:00 EST
        (NEW_YORK, ("00:00", "01:30"), utc(2026, 11, 1, 5, 30), False, utc(2026, 11, 1, 6)),
        (NEW_YORK, ("00:00", "01:30"), utc(2026, 11, 1, 6, 29), True, utc(2026, 11, 1, 6, 29)),
        (NEW_YORK, ("00:00", "01:30"), utc(2026, 11, 1, 6, 30), False, utc(2026, 11, 2, 5)),
        # London's skipped hour is 01:00-02:00 GMT
        (LONDON, ("01:30", "03:00"), utc(2026, 3, 29, 0, 30), False, utc(2026, 3, 29, 1)),
        (LONDON, ("23:00", "01:30"), utc(2026, 3, 29, 0, 59), True, utc(2026, 3, 29, 0, 59)),
        (LONDON, ("23:00", "01:30"), utc(2026, 3, 29, 1), False, utc(2026, 3, 29, 22)),
        # London's repeated hour: 01:00-01:30 BST, then again 01:00-01:30 GMT
        (LONDON, ("01:00", "01:30"), utc(2026, 10, 25, 0), True, utc(2026, 10, 25, 0)),
        (LONDON, ("01:00", "01:30"), utc(2026, 10, 25, 0, 30), False, utc(2026, 10, 25, 1)),
        (LONDON, ("01:00", "01:30"), utc(2026, 10, 25, 1, 30), False, utc(2026, 10, 26, 1)),
    ],
)
def test_windows_follow_the_wall_clock_across_daylight_saving_changes(
    zone: ZoneInfo, window: tuple[Any, ...], at: datetime, open_at_at: bool, next_opening: datetime
) -> None:
    windows = [Window.of(*window)]
    assert is_open(windows, zone, at) is open_at_at
    assert opens(windows, zone, at) == next_opening
    assert opens(windows, zone, at) == brute_force_next_open(windows, zone, at)


def test_the_rule_names_the_window_opening_across_the_change_as_next_allowed() -> None:
    answer = evaluate(snapshot(zone=NEW_YORK, windows=(Window.of("02:30", "04:00"),)), utc(2026, 3, 8, 6))
    assert [(r.code, r.lifts_at) for r in answer.reasons] == [(C.OUTSIDE_DIALING_WINDOW, utc(2026, 3, 8, 7))]
    assert answer.next_allowed_at == utc(2026, 3, 8, 7)


# --- the property ---------------------------------------------------------------------------


def brute_force_next_open(windows: list[Window], zone: ZoneInfo, at: datetime) -> datetime:
    """The first of `at` and the whole minutes after it that lies in a window (every boundary
    and every zone change of these zones falls on a whole minute)."""
    if is_open(windows, zone, at):
        return at
    minute = at.replace(second=0, microsecond=0) + MINUTE
    while not is_open(windows, zone, minute):
        minute += MINUTE
    return minute


ZONES = st.sampled_from([ZoneInfo("UTC"), NEW_YORK, LONDON])
# Instants near the 2026 changes of both zones and an ordinary week, to the second.
BASES = [utc(2026, 3, 8, 5), utc(2026, 3, 29, 0), utc(2026, 10, 25, 0), utc(2026, 11, 1, 4), AT]
INSTANTS = st.builds(
    lambda base, seconds: base + timedelta(seconds=seconds),
    st.sampled_from(BASES),
    st.integers(min_value=-2 * 86_400, max_value=2 * 86_400),
)
WINDOWS = st.lists(
    st.builds(
        lambda start, length, days: Window(start, (start + length) % 1440 or 1440, frozenset(days)),
        st.integers(0, 1439),
        st.integers(1, 1439),
        st.sets(st.integers(0, 6), max_size=3),
    ),
    max_size=3,
)
MONEY = st.integers(-20, 20).map(Decimal)
SNAPSHOTS = st.builds(
    lambda windows, zone, status, balance, debit, limit, spent, channels, in_use, email, mobile, cli_only, approved, until, previous: (
        snapshot(
            windows=tuple(windows),
            zone=zone,
            status=status,
            balance=balance,
            debit_limit=debit,
            daily_spend_limit=limit,
            spent=spent,
            channels=channels,
            channels_in_use=in_use,
            email_verification_pending=email,
            mobile_verification_pending=mobile,
            approved_cli_only=cli_only,
            cli_approved=approved,
            penalty_until=until,
            penalty_previous_status=previous,
        )
    ),
    WINDOWS,
    ZONES,
    st.sampled_from([CustomerStatus.ACTIVE] * 5 + list(CustomerStatus)),
    MONEY,
    MONEY,
    st.none() | st.integers(0, 5).map(Decimal),
    st.integers(0, 8).map(Decimal),
    st.integers(0, 3),
    st.none() | st.integers(0, 3),
    st.sampled_from([False, False, False, True]),
    st.sampled_from([False, False, False, True]),
    st.sampled_from([False, False, False, True]),
    st.booleans(),
    st.none() | INSTANTS,
    st.none() | st.sampled_from(list(CustomerStatus)),
)


@settings(max_examples=50, deadline=None)
@given(SNAPSHOTS, INSTANTS)
def test_allowed_means_no_reason_and_next_allowed_is_the_first_instant_no_rule_blocks(
    shot: Snapshot, instant: datetime
) -> None:
    shot = replace(shot, spend_day=instant.replace(hour=0, minute=0, second=0))
    answer = evaluate(shot, instant)

    assert answer.allowed is (answer.reasons == ())
    if answer.allowed:
        assert answer.next_allowed_at == instant
    for reason in answer.reasons:  # each reason lifts exactly when it says
        rule = next(r for r in RULES if (found := r(shot, instant)) is not None and found.code is reason.code)
        if reason.lifts_at is not None:
            assert rule(shot, reason.lifts_at) is None
            if reason.lifts_at - MINUTE >= instant:
                assert rule(shot, reason.lifts_at - MINUTE) is not None
    if answer.next_allowed_at is None:
        assert any(reason.lifts_at is None for reason in answer.reasons)
        return
    allowed_at = answer.next_allowed_at
    assert reasons_at(shot, allowed_at) == ()
    if allowed_at - MINUTE >= instant:
        assert reasons_at(shot, allowed_at - MINUTE) != ()
    # the windows alone, against a brute force over every minute
    windows = list(shot.windows)
    assert next_open(windows, shot.zone, instant) == brute_force_next_open(windows, shot.zone, instant)
    # and nothing between the instant and the answer is allowed: every blocking rule but the
    # windows lifts once for good, so the answer is the first open minute after the last lift
    lifted = max([instant, *(r.lifts_at for r in answer.reasons if r.lifts_at is not None)])
    assert allowed_at == brute_force_next_open(windows, shot.zone, lifted)
