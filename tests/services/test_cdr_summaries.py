"""services/cdrs/summaries.py called directly: exact rows and totals for hand-made hourly rows
across a week and a month boundary, the property that every row is the sums of its CDRs, scope,
permissions and bad input."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from models import Account, CdrHourlySummary, Customer
from models.enums import Permission
from services.cdrs.ingest import ingest_cdrs
from services.cdrs.reader import FeedFormat
from services.cdrs.rollup import Scope, roll_up
from services.cdrs.summaries import (
    MAX_CUSTOMERS,
    CustomerSummaries,
    SummaryPeriod,
    SummaryQuery,
    summaries_of_customers,
)
from services.errors import ErrorCode
from tests.cdr_data import feed_actor, iso, ndjson, record, stream
from tests.factories import make_account, make_actor, make_customer, make_reseller, refused

D, W, M, L = SummaryPeriod.DAILY, SummaryPeriod.WEEKLY, SummaryPeriod.MONTHLY, SummaryPeriod.LAST_24_HOURS


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def hourly(customer: Customer, hour: datetime, *figures: int) -> None:
    """A hand-made summary row: attempts, connected, duration, billed, charge and cost units."""
    attempts, connected, duration, billed, charge, cost = figures
    await CdrHourlySummary.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        hour=hour,
        attempts=attempts,
        connected=connected,
        duration=duration,
        billed_duration=billed,
        charge_units=charge,
        cost_units=cost,
        pdd_sum=0,
        computed_at=hour,
    )


async def boundary_customer(account: Account) -> Customer:
    """Sunday 29 Nov 23:00, Monday 30 Nov 00:00 (a new week), Tuesday 1 Dec (a new month)."""
    customer = await make_customer(account, currency="EUR")
    await hourly(customer, utc(2026, 11, 29, 23), 4, 3, 300, 306, 12345, 5000)
    await hourly(customer, utc(2026, 11, 30, 0), 2, 1, 61, 61, 150, 50)
    await hourly(customer, utc(2026, 12, 1, 10), 1, 0, 0, 0, 0, 0)
    await hourly(customer, utc(2026, 12, 1, 11), 5, 5, 500, 510, 25000, 30000)
    return customer


def shown(found: CustomerSummaries) -> list[tuple[Any, ...]]:
    return [
        (
            r.period_start,
            r.period_end,
            r.sums.attempts,
            r.sums.connected,
            r.asr,
            r.acd,
            r.sums.duration,
            r.sums.billed_duration,
            r.charge,
            r.cost,
            r.profit,
            r.profit_percent,
        )
        for r in found.rows
    ]


def totals(found: CustomerSummaries) -> tuple[Any, ...]:
    t = found.totals
    assert t is not None
    return (
        t.sums.attempts,
        t.sums.connected,
        t.asr,
        t.asr_average_of_averages,
        t.acd,
        t.acd_average_of_averages,
        t.sums.duration,
        t.sums.billed_duration,
        t.charge,
        t.cost,
        t.profit,
        t.profit_percent,
        t.profit_percent_average_of_averages,
    )


def dec(*values: str | None) -> list[Decimal | None]:
    return [Decimal(v) if v is not None else None for v in values]


async def one(
    account: Account, customer: Customer, query: SummaryQuery, now: datetime | None = None
) -> CustomerSummaries:
    found = await summaries_of_customers(make_actor(account), [customer.id], query, now)
    return found[customer.id]


# --- exact values ----------------------------------------------------------------------------


async def test_daily_rows_cover_every_day_with_money_rounded_half_even(account: Account) -> None:
    customer = await boundary_customer(account)

    found = await one(account, customer, SummaryQuery(D, utc(2026, 11, 29, 5), utc(2026, 12, 1, 12)))

    assert shown(found) == [
        (
            utc(2026, 11, 29),
            utc(2026, 11, 30),
            4,
            3,
            *dec("75.00", "100.00"),
            300,
            306,
            *dec("1.23", "0.50", "0.73", "59.50"),
        ),
        (
            utc(2026, 11, 30),
            utc(2026, 12, 1),
            2,
            1,
            *dec("50.00", "61.00"),
            61,
            61,
            *dec("0.02", "0.00", "0.01", "66.67"),
        ),
        (
            utc(2026, 12, 1),
            utc(2026, 12, 2),
            6,
            5,
            *dec("83.33", "100.00"),
            500,
            510,
            *dec("2.50", "3.00", "-0.50", "-20.00"),
        ),
    ]
    # weighted: 9/12, 861/9 s, 2445/37495; average of averages: (75 + 50 + 83.33..)/3,
    # (100 + 61 + 100)/3, (59.497.. + 66.666.. - 20)/3
    assert totals(found) == (
        12,
        9,
        *dec("75.00", "69.44", "95.67", "87.00"),
        861,
        877,
        *dec("3.75", "3.50", "0.24", "6.52", "35.39"),
    )
    assert (found.range.start, found.range.end) == (utc(2026, 11, 29), utc(2026, 12, 2))


async def test_weeks_start_on_monday(account: Account) -> None:
    customer = await boundary_customer(account)

    found = await one(account, customer, SummaryQuery(W, utc(2026, 11, 29), utc(2026, 12, 2)))

    assert shown(found) == [
        (
            utc(2026, 11, 23),
            utc(2026, 11, 30),
            4,
            3,
            *dec("75.00", "100.00"),
            300,
            306,
            *dec("1.23", "0.50", "0.73", "59.50"),
        ),
        (
            utc(2026, 11, 30),
            utc(2026, 12, 7),
            8,
            6,
            *dec("75.00", "93.50"),
            561,
            571,
            *dec("2.52", "3.00", "-0.49", "-19.48"),
        ),
    ]
    assert totals(found)[:6] == (12, 9, *dec("75.00", "75.00", "95.67", "96.75"))


async def test_months_are_calendar_months(account: Account) -> None:
    customer = await boundary_customer(account)

    found = await one(account, customer, SummaryQuery(M, utc(2026, 11, 15), utc(2026, 12, 15)))

    assert shown(found) == [
        (
            utc(2026, 11, 1),
            utc(2026, 12, 1),
            6,
            4,
            *dec("66.67", "90.25"),
            361,
            367,
            *dec("1.25", "0.50", "0.74", "59.58"),
        ),
        (
            utc(2026, 12, 1),
            utc(2027, 1, 1),
            6,
            5,
            *dec("83.33", "100.00"),
            500,
            510,
            *dec("2.50", "3.00", "-0.50", "-20.00"),
        ),
    ]


async def test_last_24_hours_are_the_hours_ending_with_the_current_one(account: Account) -> None:
    customer = await boundary_customer(account)

    found = await one(account, customer, SummaryQuery(L), now=utc(2026, 12, 1, 11, 30))

    assert [r.period_start for r in found.rows] == [
        utc(2026, 11, 30, 12) + timedelta(hours=h) for h in range(24)
    ]
    assert [r.sums.attempts for r in found.rows] == [0] * 22 + [1, 5]
    assert [r.asr for r in found.rows] == [None] * 22 + dec("0.00", "100.00")
    assert totals(found)[:4] == (6, 5, *dec("83.33", "50.00"))


async def test_a_range_without_calls_has_zero_rows_and_null_ratios(account: Account) -> None:
    customer = await make_customer(account, currency="JPY")

    found = await one(account, customer, SummaryQuery(D, utc(2026, 1, 1), utc(2026, 1, 3)))

    assert shown(found) == [
        (utc(2026, 1, 1), utc(2026, 1, 2), 0, 0, None, None, 0, 0, *dec("0", "0", "0"), None),
        (utc(2026, 1, 2), utc(2026, 1, 3), 0, 0, None, None, 0, 0, *dec("0", "0", "0"), None),
    ]
    assert totals(found) == (0, 0, None, None, None, None, 0, 0, *dec("0", "0", "0"), None, None)


async def test_many_customers_each_in_its_currency(account: Account) -> None:
    eur = await boundary_customer(account)
    jpy = await make_customer(account, currency="JPY")
    await hourly(jpy, utc(2026, 12, 1, 3), 1, 1, 10, 10, 25000, 15000)  # 2.5 yen, half-even

    found = await summaries_of_customers(
        make_actor(account), [jpy.id, eur.id, jpy.id], SummaryQuery(M, utc(2026, 12, 1), utc(2027, 1, 1))
    )

    assert set(found) == {eur.id, jpy.id}
    assert [(r.charge, r.cost, r.profit) for r in found[jpy.id].rows] == [tuple(dec("2", "2", "1"))]
    assert found[eur.id].rows[0].charge == Decimal("2.50")


# --- scope, permissions, bad input -------------------------------------------------------------


async def test_partners_read_their_resellers_customers_only(account: Account) -> None:
    ours, theirs = await make_reseller(account), await make_reseller(account)
    mine = await make_customer(account, reseller_id=ours.id)
    other = await make_customer(account, reseller_id=theirs.id)
    partner = make_actor(account, [Permission.CUSTOMERS_READ], reseller_id=ours.id)
    query = SummaryQuery(D, utc(2026, 1, 1), utc(2026, 1, 2))

    assert set(await summaries_of_customers(partner, [mine.id], query)) == {mine.id}
    errors = await refused(summaries_of_customers(partner, [mine.id, other.id], query))
    assert [(e.code, e.field) for e in errors] == [(ErrorCode.NOT_FOUND, ("customerIds", "1"))]


async def test_billing_read_or_customers_read_is_needed(account: Account) -> None:
    customer = await make_customer(account)
    query = SummaryQuery(D, utc(2026, 1, 1), utc(2026, 1, 2))
    others = [p for p in Permission if p not in (Permission.BILLING_READ, Permission.CUSTOMERS_READ)]

    errors = await refused(summaries_of_customers(make_actor(account, others), [customer.id], query))

    assert [e.code for e in errors] == [ErrorCode.PERMISSION_DENIED]
    for permission in (Permission.BILLING_READ, Permission.CUSTOMERS_READ):
        found = await summaries_of_customers(make_actor(account, [permission]), [customer.id], query)
        assert list(found) == [customer.id]


async def test_another_accounts_customer_is_not_found(account: Account) -> None:
    stranger = await make_customer(await make_account())

    errors = await refused(
        summaries_of_customers(
            make_actor(account), [stranger.id], SummaryQuery(D, utc(2026, 1, 1), utc(2026, 1, 2))
        )
    )

    assert [(e.code, e.message) for e in errors] == [(ErrorCode.NOT_FOUND, "Customer not found.")]


async def test_bad_ranges_are_refused_with_typed_errors(account: Account) -> None:
    customer = await make_customer(account)
    cases = {
        SummaryQuery(D, utc(2026, 2, 1), utc(2026, 1, 1)): [(ErrorCode.INVALID, ("to",))],
        SummaryQuery(D, utc(2026, 1, 1), utc(2026, 1, 1)): [(ErrorCode.INVALID, ("to",))],
        SummaryQuery(D, None, None): [(ErrorCode.REQUIRED, ("from",)), (ErrorCode.REQUIRED, ("to",))],
        SummaryQuery(L, utc(2026, 1, 1), None): [(ErrorCode.INVALID, ("from",))],
        SummaryQuery(D, utc(2024, 1, 1), utc(2026, 1, 3)): [(ErrorCode.TOO_MANY, ("to",))],
        SummaryQuery(M, utc(2024, 1, 15), utc(2026, 1, 2)): [(ErrorCode.TOO_MANY, ("to",))],
    }
    for query, expected in cases.items():
        errors = await refused(summaries_of_customers(make_actor(account), [customer.id], query))
        assert [(e.code, e.field) for e in errors] == expected, query
    # two years of days is the most one range holds
    found = await one(account, customer, SummaryQuery(D, utc(2024, 1, 1), utc(2026, 1, 2)))
    assert len(found.rows) == 732


async def test_too_many_customers_or_customer_hours_are_refused(account: Account) -> None:
    customer = await make_customer(account)
    actor = make_actor(account)
    month = SummaryQuery(M, utc(2026, 1, 1), utc(2026, 2, 1))
    year = SummaryQuery(D, utc(2026, 1, 1), utc(2027, 1, 1))

    too_many = await refused(summaries_of_customers(actor, list(range(1, MAX_CUSTOMERS + 2)), month))
    too_long = await refused(summaries_of_customers(actor, [customer.id, *range(10**6, 10**6 + 300)], year))

    assert [(e.code, e.field) for e in too_many + too_long] == [(ErrorCode.TOO_MANY, ("customerIds",))] * 2


# --- the property: every row is the sums of its CDRs, totals the sums of the rows ------------

BASE = utc(2026, 11, 27)  # a Friday: five days cross a Monday (30 Nov) and a 1st (1 Dec)
SPAN_HOURS = 5 * 24


@dataclass(frozen=True)
class Call:
    customer: int
    hour: int
    minute: int
    charge: int
    cost: int
    duration: int
    answered: bool


calls_strategy = st.lists(
    st.builds(
        Call,
        customer=st.integers(0, 1),
        hour=st.integers(0, SPAN_HOURS - 1),
        minute=st.integers(0, 59),
        charge=st.integers(0, 10**6),
        cost=st.integers(0, 10**6),
        duration=st.integers(0, 3600),
        answered=st.booleans(),
    ),
    max_size=25,
)


def wire(customer: Customer, index: int, c: Call) -> dict[str, Any]:
    start = BASE + timedelta(hours=c.hour, minutes=c.minute)
    duration = c.duration if c.answered else 0
    return record(
        customer,
        callId=f"s{index}",
        startedAt=iso(start),
        answeredAt=iso(start + timedelta(seconds=1)) if c.answered else None,
        endedAt=iso(start + timedelta(seconds=1 + duration)),
        duration=duration,
        billedDuration=duration,
        charge=str(Decimal(c.charge).scaleb(-4)),
        cost=str(Decimal(c.cost).scaleb(-4)),
    )


def bucket(period: SummaryPeriod, moment: datetime) -> datetime:
    """The period start, computed apart from the service: ISO weeks, calendar months."""
    day = datetime(moment.year, moment.month, moment.day, tzinfo=UTC)
    if period is SummaryPeriod.WEEKLY:
        year, week, _ = moment.isocalendar()
        return datetime.fromisocalendar(year, week, 1).replace(tzinfo=UTC)
    if period is SummaryPeriod.MONTHLY:
        return day.replace(day=1)
    return day


def rounded(value: Fraction | None) -> Decimal | None:
    if value is None:
        return None
    with localcontext() as context:
        context.prec = 60
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def expected_rows(calls: list[Call], period: SummaryPeriod) -> dict[datetime, list[int]]:
    rows: dict[datetime, list[int]] = defaultdict(lambda: [0] * 6)
    for c in calls:
        row = rows[bucket(period, BASE + timedelta(hours=c.hour))]
        duration = c.duration if c.answered else 0
        for i, value in enumerate((1, int(c.answered), duration, duration, c.charge, c.cost)):
            row[i] += value
    return rows


def ratios(figures: list[int]) -> tuple[Fraction | None, Fraction | None, Fraction | None]:
    attempts, connected, duration, _billed, charge, cost = figures
    return (
        Fraction(100 * connected, attempts) if attempts else None,
        Fraction(duration, connected) if connected else None,
        Fraction(100 * (charge - cost), charge) if charge else None,
    )


def mean(values: list[Fraction | None]) -> Fraction | None:
    defined = [v for v in values if v is not None]
    return sum(defined, Fraction(0)) / len(defined) if defined else None


@given(calls=calls_strategy)
@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
async def test_property_rows_are_the_sums_of_their_cdrs_and_totals_the_sums_of_rows(
    calls: list[Call],
) -> None:
    account = await make_account()
    customers = [await make_customer(account), await make_customer(account)]
    body = ndjson(wire(customers[c.customer], i, c) for i, c in enumerate(calls))
    await ingest_cdrs(feed_actor(account), stream(body, 4096), FeedFormat.NDJSON)
    await roll_up(Scope(account_id=account.id))

    for period in (D, W, M):
        query = SummaryQuery(period, BASE, BASE + timedelta(hours=SPAN_HOURS))
        found = await summaries_of_customers(make_actor(account), [c.id for c in customers], query)
        for index, customer in enumerate(customers):
            mine = expected_rows([c for c in calls if c.customer == index], period)
            summary = found[customer.id]
            got = {
                r.period_start: [
                    r.sums.attempts,
                    r.sums.connected,
                    r.sums.duration,
                    r.sums.billed_duration,
                    r.sums.charge_units,
                    r.sums.cost_units,
                ]
                for r in summary.rows
            }
            assert {k: v for k, v in got.items() if any(v)} == dict(mine), period
            assert all(bucket(period, r.period_start) == r.period_start for r in summary.rows)
            for r in summary.rows:
                assert (r.asr, r.acd, r.profit_percent) == tuple(
                    rounded(x) for x in ratios(got[r.period_start])
                )
            total = [sum(column) for column in zip(*got.values(), strict=True)]
            t = summary.totals
            assert t is not None
            assert [
                t.sums.attempts,
                t.sums.connected,
                t.sums.duration,
                t.sums.billed_duration,
                t.sums.charge_units,
                t.sums.cost_units,
            ] == total
            assert t.charge == Decimal(total[4]).scaleb(-4).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_EVEN
            )
            assert (t.asr, t.acd, t.profit_percent) == tuple(rounded(x) for x in ratios(total))
            per_row = [ratios(v) for v in got.values()]
            assert (
                t.asr_average_of_averages,
                t.acd_average_of_averages,
                t.profit_percent_average_of_averages,
            ) == tuple(rounded(mean([r[i] for r in per_row])) for i in range(3))
