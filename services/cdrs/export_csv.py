"""The CSV of an export, produced as it is read: a header row, then one chunk per batch of
rows, so memory stays flat whatever the number of rows.

CDRs are read in the order (hour, start, id): on PostgreSQL through one server-side cursor
inside a read-only REPEATABLE READ transaction (one consistent snapshot, `batch` rows per
fetch); on SQLite by keyset pages of `batch` rows on the (customer, hour) index. Summary rows
are bounded by the summaries' own limits and computed by their service, then written in
batches.

Values: times ISO 8601 in UTC (`2026-11-20T10:15:00+00:00`), empty when absent; money as
plain decimals with at least the currency's minor-unit places, and more only where a CDR's
exact amount has them (rates are often fractions of a cent: nothing is rounded away); ratios
with 2 places, empty when undefined. The CDR columns are the feed's own keys, so an export can
be fed back to `POST /ingest/cdrs`. A text cell that a spreadsheet would run as a formula
(starting with = + - @, a tab or a carriage return, and not a plain number such as
+4930123456) is written with a leading apostrophe."""

from __future__ import annotations

import base64
import csv
import io
import re
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import UTC, datetime
from decimal import Decimal

from models import Cdr
from services.actor import Actor
from services.cdrs.export_links import ExportGrant, ExportKind
from services.cdrs.summaries import HOUR, SummaryRange, summaries_in_range
from services.reference import currency_places

CDR_HEADER = (
    "callId",
    "customerId",
    "startedAt",
    "answeredAt",
    "endedAt",
    "duration",
    "billedDuration",
    "cli",
    "destination",
    "destinationPrefix",
    "destinationCountry",
    "charge",
    "cost",
    "currency",
    "pdd",
    "disconnectCause",
)
SUMMARY_HEADER = (
    "customerId",
    "customerName",
    "periodStart",
    "periodEnd",
    "attempts",
    "connected",
    "asr",
    "acd",
    "duration",
    "billedDuration",
    "charge",
    "cost",
    "profit",
    "profitPercent",
    "currency",
)
_SELECT = """call_id, started_at, answered_at, ended_at, duration, billed_duration, cli, destination,
    destination_prefix, destination_country, charge_units, cost_units, pdd, disconnect_cause, hour, id"""
# Keyset: the rows after the last one sent; `hour >= ?` (the last row's hour) keeps the index range.
_SQLITE = f"""SELECT {_SELECT} FROM cdr
    WHERE account_id = ? AND customer_id = ? AND hour >= ? AND hour < ?
      AND (hour, started_at, id) > (?, ?, ?)
    ORDER BY hour, started_at, id LIMIT ?"""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9][0-9 ]*(\.[0-9]+)?")


def filename(grant: ExportGrant) -> str:
    day = grant.start.strftime("%Y-%m-%d")
    if grant.kind is ExportKind.CDRS:
        hour = grant.start.strftime("T%H") if grant.end - grant.start <= HOUR else ""
        return f"cdrs-{grant.customer_ids[0]}-{grant.period.value.lower()}-{day}{hour}.csv"
    last = grant.end.strftime("%Y-%m-%d")
    who = f"{grant.customer_ids[0]}-" if len(grant.customer_ids) == 1 else ""
    return f"summaries-{who}{grant.period.value.lower()}-{day}-to-{last}.csv"


async def cdr_csv(grant: ExportGrant, customer_id: int, currency: str, batch: int) -> AsyncIterator[bytes]:
    yield _encode([CDR_HEADER])
    async for lines in cdr_lines(grant.account_id, customer_id, currency, grant.start, grant.end, batch):
        yield _encode(lines)


async def cdr_lines(
    account_id: int, customer_id: int, currency: str, start: datetime, end: datetime, batch: int
) -> AsyncIterator[Sequence[Sequence[object]]]:
    """The customer's CDRs of [start, end) as CSV lines, `batch` at a time. PostgreSQL writes
    the cells itself, the same text as `_cdr_line` (the per-row Python was most of the cost)."""
    places = currency_places(currency)
    customer = global_id("Customer", customer_id)
    db = Cdr._meta.db
    if db.capabilities.dialect == "postgres":
        async with (
            db.acquire_connection() as raw,
            raw.transaction(isolation="repeatable_read", readonly=True),
        ):
            cursor = await raw.cursor(
                _POSTGRES_LINES, account_id, customer_id, start, end, places, customer, currency
            )
            while rows := await cursor.fetch(batch):
                yield rows
        return
    after: list[object] = ["", "", 0]
    low = _sqlite_time(start)
    while True:
        _count, rows = await db.execute_query(
            _SQLITE, [account_id, customer_id, low, _sqlite_time(end), *after, batch]
        )
        if not rows:
            return
        values = [tuple(row[key] for key in row.keys()) for row in rows]  # noqa: SIM118 - sqlite3.Row iterates values
        yield [_cdr_line(row, customer, currency, places) for row in values]
        last = values[-1]
        after, low = [last[14], last[1], last[15]], last[14]
        if len(rows) < batch:
            return


def _pg_time(column: str) -> str:
    """`_time()` in SQL: Python's isoformat of a UTC time, microseconds only when there are some."""
    utc = f"({column} AT TIME ZONE 'UTC')"
    return (
        f"""to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN date_trunc('second', {column}) = {column} """
        f"THEN '' ELSE to_char({utc}, '.US') END || '+00:00'"
    )


def _pg_money(column: str) -> str:
    """`units()` in SQL ($5: the currency's places)."""
    fraction = f"rtrim(lpad((abs({column}) % 10000)::text, 4, '0'), '0')"
    width = f"greatest(length({fraction}), $5)"
    return (
        f"CASE WHEN {column} < 0 THEN '-' ELSE '' END || (abs({column}) / 10000)::text || "
        f"CASE WHEN {width} = 0 THEN '' ELSE '.' || rpad({fraction}, {width}, '0') END"
    )


def _pg_text(column: str) -> str:
    """`_text()` in SQL."""
    plain = r"'^[+-]?[0-9][0-9 ]*(\.[0-9]+)?$'"
    return (
        f"CASE WHEN left({column}, 1) IN ('=', '+', '-', '@', chr(9), chr(13)) AND {column} !~ {plain} "
        f"THEN chr(39) || {column} ELSE {column} END"
    )


_POSTGRES_LINES = f"""SELECT {_pg_text("call_id")}, $6::text, {_pg_time("started_at")},
    {_pg_time("answered_at")}, {_pg_time("ended_at")}, duration, billed_duration, {_pg_text("cli")},
    {_pg_text("destination")}, {_pg_text("destination_prefix")}, destination_country,
    {_pg_money("charge_units")}, {_pg_money("cost_units")}, $7::text, pdd, disconnect_cause
    FROM cdr WHERE account_id = $1 AND customer_id = $2 AND hour >= $3 AND hour < $4
    ORDER BY hour, started_at, id"""


def _cdr_line(row: Sequence[object], customer: str, currency: str, places: int) -> list[object]:
    return [
        _text(row[0]),
        customer,
        _time(row[1]),
        _time(row[2]),
        _time(row[3]),
        row[4],
        row[5],
        _text(row[6]),
        _text(row[7]),
        _text(row[8]),
        row[9],
        units(int(row[10]), places),  # type: ignore[call-overload]
        units(int(row[11]), places),  # type: ignore[call-overload]
        currency,
        row[12],
        "" if row[13] is None else row[13],
    ]


async def summary_csv(
    actor: Actor, grant: ExportGrant, currencies: dict[int, str], names: dict[int, str], batch: int
) -> AsyncIterator[bytes]:
    resolved = SummaryRange(grant.period, grant.start, grant.end)
    found = await summaries_in_range(actor, currencies, resolved)
    yield _encode([SUMMARY_HEADER])
    lines: list[list[object]] = []
    for customer_id in grant.customer_ids:
        summaries, name = found[customer_id], _text(names[customer_id])
        customer = global_id("Customer", customer_id)
        for row in summaries.rows:
            lines.append(
                [
                    customer,
                    name,
                    row.period_start.isoformat(),
                    row.period_end.isoformat(),
                    row.sums.attempts,
                    row.sums.connected,
                    _decimal(row.asr),
                    _decimal(row.acd),
                    row.sums.duration,
                    row.sums.billed_duration,
                    _decimal(row.charge),
                    _decimal(row.cost),
                    _decimal(row.profit),
                    _decimal(row.profit_percent),
                    summaries.currency,
                ]
            )
            if len(lines) >= batch:
                yield _encode(lines)
                lines = []
    if lines:
        yield _encode(lines)


def units(value: int, places: int) -> str:
    """1/10 000 units as a plain decimal: at least `places` decimals, more where the exact
    amount has them (0.0125 stays 0.0125; 0.5 in EUR is 0.50; 12 in JPY is 12)."""
    sign = "-" if value < 0 else ""
    whole, fraction = divmod(abs(value), 10_000)
    digits = f"{fraction:04d}".rstrip("0").ljust(places, "0")
    return f"{sign}{whole}.{digits}" if digits else f"{sign}{whole}"


def global_id(type_name: str, pk: int) -> str:
    """The relay global id of a row, as the API shows it."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def _decimal(value: Decimal | None) -> str:
    return "" if value is None else format(value, "f")


def _time(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and value.tzinfo is UTC:  # asyncpg's timestamptz: as is
        return value.isoformat()
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.astimezone(UTC).isoformat()


def _text(value: object) -> str:
    """A text cell, made inert for spreadsheets when it would start a formula."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def _sqlite_time(moment: datetime) -> str:
    """A UTC time as SQLite holds it (Tortoise's text form), so that text order is time order."""
    return moment.astimezone(UTC).isoformat(sep=" ")


def _encode(lines: Iterable[Sequence[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    return out.getvalue().encode()
