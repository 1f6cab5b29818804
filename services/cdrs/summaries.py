"""The Summary section of the customer card, and the billing systems' read of it: the hourly
summaries (services/cdrs/rollup.py) folded into periods, all in UTC.

Periods
- LAST_24_HOURS: the 24 hourly rows ending with the current hour (which is still filling).
  `from`/`to` do not apply and are refused (INVALID) rather than silently ignored.
- DAILY (00:00-00:00), WEEKLY (Monday 00:00 to the next Monday), MONTHLY (the 1st 00:00 to the
  next 1st): the whole periods that overlap [from, to). `from` is inclusive, `to` exclusive, both
  required, and a period is never cut: a billing period is whole or absent.
Every period of the range has a row, zeros where nothing was called (a billing UI lists the days
without calls too); a ratio whose denominator is zero is null.

Figures of a row: attempts, connected, duration and billed duration (seconds), charge, cost and
profit (charge - cost) in the customer's currency, each rounded once, half-even, from the exact
1/10 000 units to the currency's minor unit (so profit can differ by one minor unit from the
difference of the rounded charge and cost). Ratios, rounded half-even to 2 places: ASR =
connected / attempts (percent), ACD = duration / connected (seconds), profit % = profit / charge.
Totals sum the rows exactly (money rounded once, from the summed units) and give every ratio
twice: weighted (from the sums, e.g. total connected / total attempts) and the seeds' "average
of averages" (the plain mean of the rows' exact ratios, over the rows where it is defined).

Cost: two statements whatever the number of customers: the visible customers with their
currencies, then the sums of their hourly rows per customer and period, grouped by the database
(one row per customer and period with calls); the empty periods, money, ratios and totals are
done here. Bounded so that the hourly rows the database sums stay bounded: a range of at most
MAX_RANGE_DAYS, at most MAX_CUSTOMERS customers, and customers x hours of the range at most
MAX_HOUR_SLOTS; beyond, TOO_MANY."""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from models import CdrHourlySummary
from models.cdrs import MONEY_UNIT_PLACES
from models.enums import Permission, PortalSection
from services.actor import Actor
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, permission_denied
from services.portal import forbidden, shows
from services.reference import currency_places

MAX_RANGE_DAYS = 732  # two years of days, weeks or months
MAX_CUSTOMERS = 1_000
MAX_HOUR_SLOTS = 2_000_000  # customers x hours of the range: what bounds the rows read
RATIO_PLACES = 2
HOUR = timedelta(hours=1)
Quotient = tuple[int, int]
READERS = (Permission.CUSTOMERS_READ, Permission.BILLING_READ)


class SummaryPeriod(StrEnum):
    LAST_24_HOURS = "LAST_24_HOURS"
    DAILY = "DAILY"
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"


@dataclass(frozen=True)
class SummaryQuery:
    """The arguments of a summary read, as given (from/to may be absent)."""

    period: SummaryPeriod
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class SummaryRange:
    """The resolved range: whole periods from `start` (inclusive) to `end` (exclusive), UTC."""

    period: SummaryPeriod
    start: datetime
    end: datetime

    @property
    def hours(self) -> int:
        return int((self.end - self.start) / HOUR)

    def period_starts(self) -> list[datetime]:
        starts, moment = [], self.start
        while moment < self.end:
            starts.append(moment)
            moment = next_period(self.period, moment)
        return starts


@dataclass
class Sums:
    """Exact sums of hourly rows: counts, seconds and money in 1/10 000 units."""

    attempts: int = 0
    connected: int = 0
    duration: int = 0
    billed_duration: int = 0
    charge_units: int = 0
    cost_units: int = 0

    def add(self, other: Sums) -> None:
        self.attempts += other.attempts
        self.connected += other.connected
        self.duration += other.duration
        self.billed_duration += other.billed_duration
        self.charge_units += other.charge_units
        self.cost_units += other.cost_units

    @property
    def profit_units(self) -> int:
        return self.charge_units - self.cost_units

    # Each ratio as (numerator, denominator), exact integers; undefined when the denominator is 0.
    def asr(self) -> Quotient:
        return self.connected * 100, self.attempts

    def acd(self) -> Quotient:
        return self.duration, self.connected

    def profit_percent(self) -> Quotient:
        return self.profit_units * 100, self.charge_units


class _Figures:
    """What a row and the totals derive from their sums: money and the weighted ratios."""

    sums: Sums
    currency: str

    @property
    def charge(self) -> Decimal:
        return money(self.sums.charge_units, self.currency)

    @property
    def cost(self) -> Decimal:
        return money(self.sums.cost_units, self.currency)

    @property
    def profit(self) -> Decimal:
        return money(self.sums.profit_units, self.currency)

    @property
    def asr(self) -> Decimal | None:
        return ratio(*self.sums.asr())

    @property
    def acd(self) -> Decimal | None:
        return ratio(*self.sums.acd())

    @property
    def profit_percent(self) -> Decimal | None:
        return ratio(*self.sums.profit_percent())


@dataclass(frozen=True)
class SummaryRow(_Figures):
    """One period of one customer."""

    period_start: datetime
    period_end: datetime
    sums: Sums
    currency: str


@dataclass(frozen=True)
class SummaryTotals(_Figures):
    """The rows summed, with each ratio weighted (the properties) and as the plain mean of the
    rows' ratios (the *_average_of_averages)."""

    sums: Sums
    currency: str
    asr_average_of_averages: Decimal | None
    acd_average_of_averages: Decimal | None
    profit_percent_average_of_averages: Decimal | None


@dataclass(frozen=True)
class CustomerSummaries:
    """One customer's rows for the range, oldest first, and their totals."""

    customer_id: int
    currency: str
    range: SummaryRange
    rows: list[SummaryRow] = field(default_factory=list)
    totals: SummaryTotals | None = None


def money(units: int, currency: str) -> Decimal:
    """1/10 000 units as an amount of the currency, rounded half-even to its minor unit."""
    exact = Decimal(units).scaleb(-MONEY_UNIT_PLACES)
    return exact.quantize(Decimal(1).scaleb(-currency_places(currency)))


def ratio(numerator: int, denominator: int) -> Decimal | None:
    """numerator / denominator rounded half-even to RATIO_PLACES, exactly (integer arithmetic:
    no float, no intermediate rounding); None when the denominator is 0."""
    if denominator == 0:
        return None
    quotient, remainder = divmod(numerator * 10**RATIO_PLACES, denominator)  # floor, 0 <= remainder
    if 2 * remainder > denominator or (2 * remainder == denominator and quotient % 2):
        quotient += 1
    return Decimal(quotient).scaleb(-RATIO_PLACES)


def average(quotients: Iterable[Quotient]) -> Decimal | None:
    """The exact mean of the defined quotients, rounded like `ratio`: summed over their least
    common denominator (Fraction additions were the read's main cost)."""
    defined = [(n, d) for n, d in quotients if d]
    if not defined:
        return None
    common = math.lcm(*(d for _, d in defined))
    return ratio(sum(n * (common // d) for n, d in defined), common * len(defined))


# --- periods ---------------------------------------------------------------------------------


def period_start(period: SummaryPeriod, moment: datetime) -> datetime:
    """The start of the period (UTC) that `moment` lies in; weeks start on Monday."""
    hour = moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    if period is SummaryPeriod.LAST_24_HOURS:
        return hour
    day = hour.replace(hour=0)
    if period is SummaryPeriod.DAILY:
        return day
    if period is SummaryPeriod.WEEKLY:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_period(period: SummaryPeriod, start: datetime) -> datetime:
    if period is SummaryPeriod.LAST_24_HOURS:
        return start + HOUR
    if period is SummaryPeriod.DAILY:
        return start + timedelta(days=1)
    if period is SummaryPeriod.WEEKLY:
        return start + timedelta(days=7)
    return start + timedelta(days=calendar.monthrange(start.year, start.month)[1])


def resolve_range(query: SummaryQuery, now: datetime | None = None) -> SummaryRange:
    """The whole periods a query covers, or ServiceError (field paths name the arguments)."""
    if query.period is SummaryPeriod.LAST_24_HOURS:
        given = [name for name, value in (("from", query.start), ("to", query.end)) if value is not None]
        if given:
            raise ServiceError.single(
                ErrorCode.INVALID, "LAST_24_HOURS is the 24 hours ending now: give no from or to.", given[0]
            )
        current = period_start(SummaryPeriod.LAST_24_HOURS, now or datetime.now(UTC))
        return SummaryRange(query.period, current - 23 * HOUR, current + HOUR)
    missing = [name for name, value in (("from", query.start), ("to", query.end)) if value is None]
    if missing:
        raise ServiceError(
            [FieldError(ErrorCode.REQUIRED, f"{name} is required.", (name,)) for name in missing]
        )
    assert query.start is not None and query.end is not None
    start, end = _utc(query.start), _utc(query.end)
    if start >= end:
        raise ServiceError.single(ErrorCode.INVALID, "from must be before to.", "to")
    first = period_start(query.period, start)
    last = period_start(query.period, end - timedelta(microseconds=1))
    resolved = SummaryRange(query.period, first, next_period(query.period, last))
    if resolved.end - resolved.start > timedelta(days=MAX_RANGE_DAYS):
        raise ServiceError.single(
            ErrorCode.TOO_MANY, f"The range covers more than {MAX_RANGE_DAYS} days of whole periods.", "to"
        )
    return resolved


def _utc(moment: datetime) -> datetime:
    """A time as UTC; one without an offset is taken as UTC (the API's times are UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


# --- reads -----------------------------------------------------------------------------------


def require_reader(actor: Actor) -> None:
    """Summaries are read with customers:read (the customer card) or billing:read (billing
    systems); a portal principal (scoped to its own customer) not when its customer's portal
    hides the SUMMARY section."""
    if not any(actor.can(p) for p in READERS):
        raise permission_denied()
    if not shows(actor, PortalSection.SUMMARY):
        raise forbidden()


async def summaries_of_customers(
    actor: Actor, customer_ids: Sequence[int], query: SummaryQuery, now: datetime | None = None
) -> dict[int, CustomerSummaries]:
    """Each customer's summaries, by id. An id the actor may not see, like one that does not
    exist, is NOT_FOUND at its position (`customerIds`, n). Two statements for every id."""
    require_reader(actor)
    resolved = resolve_range(query, now)
    _check_size(len(set(customer_ids)), resolved)
    currencies = await _currencies(actor, customer_ids)
    missing = [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customerIds", str(n)))
        for n, customer_id in enumerate(customer_ids)
        if customer_id not in currencies
    ]
    if missing:
        raise ServiceError(missing)
    return await _summaries(actor, currencies, resolved)


async def summaries_by_customer(
    actor: Actor, customer_ids: Sequence[int], query: SummaryQuery
) -> dict[int, CustomerSummaries]:
    """For a loader (Customer.summaries): the customers the actor sees among `customer_ids`;
    the others are absent from the answer."""
    require_reader(actor)
    resolved = resolve_range(query)
    _check_size(len(set(customer_ids)), resolved)
    return await _summaries(actor, await _currencies(actor, customer_ids), resolved)


def _check_size(customers: int, resolved: SummaryRange) -> None:
    if customers > MAX_CUSTOMERS:
        raise ServiceError.single(
            ErrorCode.TOO_MANY, f"At most {MAX_CUSTOMERS} customers at once.", "customerIds"
        )
    if customers * resolved.hours > MAX_HOUR_SLOTS:
        raise ServiceError.single(
            ErrorCode.TOO_MANY,
            f"Customers x hours of the range is more than {MAX_HOUR_SLOTS}: ask for fewer "
            "customers or a shorter range.",
            "customerIds",
        )


async def _currencies(actor: Actor, customer_ids: Sequence[int]) -> dict[int, str]:
    rows = await visible_customers(actor).filter(id__in=list(set(customer_ids))).values_list("id", "currency")
    return {int(customer_id): str(currency) for customer_id, currency in rows}


async def summaries_in_range(
    actor: Actor, currencies: dict[int, str], resolved: SummaryRange
) -> dict[int, CustomerSummaries]:
    """The summaries of customers already found visible (id -> currency) over a resolved
    range (an export's, fixed when its link was made); one statement, bounded like a read."""
    _check_size(len(currencies), resolved)
    return await _summaries(actor, currencies, resolved)


async def _summaries(
    actor: Actor, currencies: dict[int, str], resolved: SummaryRange
) -> dict[int, CustomerSummaries]:
    if not currencies:
        return {}
    starts = resolved.period_starts()
    sums: dict[int, dict[datetime, Sums]] = {cid: {s: Sums() for s in starts} for cid in currencies}
    for customer_id, bucket, values in await _period_sums(actor, list(currencies), resolved):
        sums[customer_id][period_start(resolved.period, bucket)].add(values)
    return {cid: _customer_summaries(cid, currencies[cid], resolved, starts, sums[cid]) for cid in currencies}


_SUMS = """sum(attempts), sum(connected), sum(duration), sum(billed_duration), sum(charge_units),
    sum(cost_units)"""
# The period an hourly row falls in, computed by the database so that it returns one row per
# customer and period. PostgreSQL's week is the ISO week (Monday). SQLite keeps times as text,
# "YYYY-MM-DD HH:MM:SS+00:00" (always UTC here): "-6 days, weekday 1" is the Monday on or before.
_POSTGRES_UNITS = {
    SummaryPeriod.LAST_24_HOURS: "hour",
    SummaryPeriod.DAILY: "day",
    SummaryPeriod.WEEKLY: "week",
    SummaryPeriod.MONTHLY: "month",
}
_SQLITE_BUCKETS = {
    SummaryPeriod.LAST_24_HOURS: "hour",
    SummaryPeriod.DAILY: "substr(hour, 1, 10)",
    SummaryPeriod.WEEKLY: "date(substr(hour, 1, 10), '-6 days', 'weekday 1')",
    SummaryPeriod.MONTHLY: "substr(hour, 1, 7) || '-01'",
}


async def _period_sums(
    actor: Actor, customer_ids: list[int], resolved: SummaryRange
) -> list[tuple[int, datetime, Sums]]:
    """The sums of these customers' hourly rows per period of the range: one statement, one
    row per customer and period with calls."""
    db = CdrHourlySummary._meta.db
    if db.capabilities.dialect == "postgres":
        sql = f"""SELECT customer_id, date_trunc('{_POSTGRES_UNITS[resolved.period]}', hour AT TIME ZONE 'UTC'),
            {_SUMS} FROM cdr_hourly_summary
            WHERE account_id = $1 AND customer_id = ANY($2::int[]) AND hour >= $3 AND hour < $4
            GROUP BY 1, 2"""
        values: list[object] = [actor.account_id, customer_ids, resolved.start, resolved.end]
    else:
        marks = ", ".join("?" for _ in customer_ids)
        sql = f"""SELECT customer_id, {_SQLITE_BUCKETS[resolved.period]}, {_SUMS} FROM cdr_hourly_summary
            WHERE account_id = ? AND customer_id IN ({marks}) AND hour >= ? AND hour < ?
            GROUP BY 1, 2"""
        values = [actor.account_id, *customer_ids, _sqlite_time(resolved.start), _sqlite_time(resolved.end)]
    _count, rows = await db.execute_query(sql, values)
    return [(int(row[0]), _bucket(row[1]), Sums(*(int(v) for v in tuple(row)[2:]))) for row in rows]


def _sqlite_time(moment: datetime) -> str:
    """A UTC time as SQLite holds it (Tortoise's text form), so that text order is time order."""
    return moment.astimezone(UTC).isoformat(sep=" ")


def _bucket(value: object) -> datetime:
    """A period start as the database returns it: a timestamp, or text on SQLite."""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return _utc(moment)


def _customer_summaries(
    customer_id: int,
    currency: str,
    resolved: SummaryRange,
    starts: list[datetime],
    sums: dict[datetime, Sums],
) -> CustomerSummaries:
    rows = [SummaryRow(start, next_period(resolved.period, start), sums[start], currency) for start in starts]
    return CustomerSummaries(customer_id, currency, resolved, rows, totals_of(rows, currency))


def totals_of(rows: Sequence[SummaryRow], currency: str) -> SummaryTotals:
    total = Sums()
    for row in rows:
        total.add(row.sums)
    return SummaryTotals(
        total,
        currency,
        asr_average_of_averages=average(row.sums.asr() for row in rows),
        acd_average_of_averages=average(row.sums.acd() for row in rows),
        profit_percent_average_of_averages=average(row.sums.profit_percent() for row in rows),
    )
