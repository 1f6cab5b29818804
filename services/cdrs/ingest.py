"""The CDR feed: a body of records in, `{accepted, duplicates, rejected}` out.

The body is read as it arrives and landed in chunks of `CHUNK_ROWS` records, each chunk in one
transaction that inserts the new CDRs, takes their charges off their customers' balances and
marks their hours for the roll-up. "New" is decided by the database (unique account + call id),
in that same transaction, so a record is charged exactly once however often it is sent, even by
two senders at once. A chunk that fails lands nothing; the chunks before it stay (re-sending the
batch is safe).

PostgreSQL: the chunk is COPYed into a temporary staging table, then one statement merges it
(INSERT ... ON CONFLICT DO NOTHING RETURNING, feeding the balance UPDATE and the marks).
SQLite (whose writers take turns): the call ids already present are read, the rest inserted
with one batched executemany."""

from __future__ import annotations

import asyncio
import sys
from collections import defaultdict
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Cdr, CdrRollupMark, Customer, IpAuth, SipUser
from models.enums import ActorKind, Permission
from services.actor import Actor, system_actor
from services.cdrs.reader import FeedFormat, parse_body
from services.cdrs.records import CdrRecord, CustomerRef, RowError, read_record, units_to_decimal
from services.errors import permission_denied
from services.numbers.ip_auth import containing_starts, parse_address
from services.uow import unit_of_work
from services.validation import Invalid

MAX_BATCH_ROWS = 100_000
CHUNK_ROWS = 5_000
_IN_LIMIT = 500  # values per IN (...) list: under SQLite's bound-parameter limit


@dataclass(frozen=True)
class Rejection:
    line: int
    reason: str


@dataclass
class IngestResult:
    accepted: int = 0
    duplicates: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def reject(self, line: int, reason: str) -> None:
        self.rejected.append(Rejection(line, reason))

    def as_json(self) -> dict[str, object]:
        rejected = sorted(self.rejected, key=lambda r: r.line)
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "rejected": [{"line": r.line, "reason": r.reason} for r in rejected],
        }


@dataclass(frozen=True)
class _Target:
    """A resolved customer: where the CDR lands and what currency its money is in."""

    customer_id: int
    currency: str


def require_feed(actor: Actor) -> None:
    """The switch's feeds take an API key holding cdrs:ingest (or the system: `switchboard
    import-cdrs`), never a login: a person's session is not a data feed."""
    if actor.kind not in (ActorKind.API_KEY, ActorKind.SYSTEM):
        raise permission_denied("The call-data feeds take an API key, not a login.")
    actor.require(Permission.CDRS_INGEST)


async def ingest_cdrs(
    actor: Actor,
    body: AsyncIterator[bytes],
    fmt: FeedFormat,
    gzipped: bool = False,
    *,
    max_rows: int = MAX_BATCH_ROWS,
    chunk_rows: int = CHUNK_ROWS,
) -> IngestResult:
    """Land the valid records of the body; list every other one with its line and reason."""
    require_feed(actor)
    result = IngestResult()
    chunk: list[CdrRecord] = []
    landing = _Landing(actor, result)
    rows = 0
    try:
        async for parsed in parse_body(body, fmt, gzipped):
            rows += 1
            if rows > max_rows:
                result.reject(
                    parsed.line,
                    f"The batch limit of {max_rows} rows is reached: this line and the rest were not read.",
                )
                break
            if parsed.error is not None:
                result.reject(parsed.line, parsed.error)
                continue
            try:
                chunk.append(read_record(parsed.line, parsed.values, textual=fmt is FeedFormat.CSV))
            except RowError as exc:
                result.reject(parsed.line, str(exc))
            if len(chunk) >= chunk_rows:
                await landing.land(chunk)
                chunk = []
        if chunk:
            await landing.land(chunk)
        await landing.finish()
    finally:
        landing.cancel()
    return result


class _Landing:
    """Chunks land one after another (so the first line of a call id wins across chunks), each
    while the next one is being read and checked: the database works while Python parses."""

    def __init__(self, actor: Actor, result: IngestResult) -> None:
        self.actor = actor
        self.result = result
        self.pending: asyncio.Task[None] | None = None

    async def land(self, records: list[CdrRecord]) -> None:
        await self.finish()
        self.pending = asyncio.create_task(land_chunk(self.actor, records, self.result))

    async def finish(self) -> None:
        if self.pending is not None:
            pending, self.pending = self.pending, None
            await pending

    def cancel(self) -> None:
        if self.pending is not None:
            self.pending.cancel()


async def land_chunk(actor: Actor, records: Sequence[CdrRecord], result: IngestResult) -> None:
    """Resolve the records' customers, then insert the new ones in one transaction."""
    targets = await _resolve(actor.account_id, [r.customer for r in records])
    rows: list[tuple[CdrRecord, _Target]] = []
    for record in records:
        try:
            rows.append((record, _target_of(record, targets)))
        except RowError as exc:
            result.reject(record.line, str(exc))
    if not rows:
        return
    async with unit_of_work(actor, is_change=False) as uow:
        if uow.conn.capabilities.dialect == "postgres":
            inserted = await _merge_postgres(uow.conn, actor.account_id, rows)
        else:
            inserted = await _merge_sqlite(uow.conn, actor.account_id, rows)
    result.accepted += inserted
    result.duplicates += len(rows) - inserted


def _target_of(record: CdrRecord, targets: dict[CustomerRef, _Target]) -> _Target:
    target = targets.get(record.customer)
    if target is None:
        raise RowError(f"Unknown customer ({record.customer.describe()}).")
    if record.currency is not None and record.currency.upper() != target.currency:
        raise RowError(f"currency {record.currency!r} is not the customer's currency ({target.currency}).")
    return target


async def _resolve(account_id: int, refs: Sequence[CustomerRef]) -> dict[CustomerRef, _Target]:
    """The account's live customers behind the references (by id, SIP username, or source
    address and tech prefix)."""
    usernames = sorted({r.sip_username for r in refs if r.sip_username is not None})
    by_username: dict[str, int] = {}
    for part in _parts(usernames):
        rows = await SipUser.filter(account_id=account_id, username__in=part).values_list(
            "username", "customer_id"
        )
        by_username.update({str(name): int(cid) for name, cid in rows})
    by_address = await _by_address(account_id, [r for r in refs if r.source_ip is not None])
    ids = sorted(
        {r.customer_id for r in refs if r.customer_id is not None}
        | set(by_username.values())
        | set(by_address.values())
    )
    currencies: dict[int, str] = {}
    for part in _parts(ids):
        live = Customer.filter(account_id=account_id, id__in=part, deleted_at__isnull=True)
        currencies.update({int(cid): str(cur) for cid, cur in await live.values_list("id", "currency")})
    targets: dict[CustomerRef, _Target] = {}
    for ref in set(refs):
        if ref.customer_id is not None:
            cid: int | None = ref.customer_id
        elif ref.sip_username is not None:
            cid = by_username.get(ref.sip_username)
        else:
            cid = by_address.get(ref)
        if cid is not None and cid in currencies:
            targets[ref] = _Target(cid, currencies[cid])
    return targets


async def _by_address(account_id: int, refs: Sequence[CustomerRef]) -> dict[CustomerRef, int]:
    """The customer whose IP authentication covers each reference's source address, chosen as
    the switch's lookup chooses (services/numbers/lookup.py): a network with exactly the
    record's tech prefix first, else one without a prefix; the narrowest among them. Live
    customers' networks only. One indexed read per 500 candidate network starts (the starts
    of every network that could hold one of the chunk's distinct addresses), whatever the
    number of records."""
    numbers: dict[str, int] = {}
    for ref in refs:
        assert ref.source_ip is not None
        try:
            numbers[ref.source_ip] = parse_address(ref.source_ip)
        except Invalid:
            continue  # no network holds it: the record's customer is unknown
    starts = sorted({start for number in set(numbers.values()) for start in containing_starts(number)})
    networks: list[tuple[int, int, str | None, int]] = []
    for part in _parts(starts):
        rows = await IpAuth.filter(
            account_id=account_id, range_start__in=part, customer__deleted_at__isnull=True
        ).values_list("range_start", "range_end", "tech_prefix", "customer_id")
        networks.extend(
            (int(str(a)), int(str(b)), None if p is None else str(p), int(str(c))) for a, b, p, c in rows
        )
    found: dict[CustomerRef, int] = {}
    for ref in set(refs):
        number = numbers.get(ref.source_ip or "")
        prefix = ref.tech_prefix or None
        matches = (
            [
                (tech is None, last - first, customer_id)
                for first, last, tech, customer_id in networks
                if first <= number <= last and (tech is None or tech == prefix)
            ]
            if number is not None
            else []
        )
        if matches:
            found[ref] = min(matches)[2]
    return found


def _parts(values: Sequence[object]) -> list[list[object]]:
    return [list(values[i : i + _IN_LIMIT]) for i in range(0, len(values), _IN_LIMIT)]


STAGE_COLUMNS = (
    "line",
    "customer_id",
    "call_id",
    "started_at",
    "answered_at",
    "ended_at",
    "hour",
    "duration",
    "billed_duration",
    "cli",
    "destination",
    "destination_prefix",
    "destination_country",
    "charge_units",
    "cost_units",
    "pdd",
    "disconnect_cause",
)

_CREATE_STAGE = """
CREATE TEMPORARY TABLE cdr_stage (
    line integer, customer_id integer, call_id varchar(128), started_at timestamptz,
    answered_at timestamptz, ended_at timestamptz, hour timestamptz, duration integer,
    billed_duration integer, cli varchar(64), destination varchar(64), destination_prefix varchar(32),
    destination_country varchar(2), charge_units bigint, cost_units bigint, pdd integer,
    disconnect_cause integer
) ON COMMIT DROP
"""

_CDR_COLUMNS = ", ".join(STAGE_COLUMNS[1:])

# Customers are locked in id order first: two chunks charging the same customers queue up
# instead of deadlocking in the UPDATE. Within a chunk the first line of a call id wins.
_LOCK_CUSTOMERS = "SELECT id FROM customer WHERE id = ANY($1::int[]) ORDER BY id FOR UPDATE"
_MERGE = f"""
WITH inserted AS (
    INSERT INTO cdr (account_id, {_CDR_COLUMNS}, ingested_at)
    SELECT DISTINCT ON (call_id) $1::int, {_CDR_COLUMNS}, now() FROM cdr_stage ORDER BY call_id, line
    ON CONFLICT (account_id, call_id) DO NOTHING
    RETURNING customer_id, hour, charge_units
), charged AS (
    UPDATE customer SET balance = customer.balance - spent.total * 0.0001
    FROM (SELECT customer_id, sum(charge_units) AS total FROM inserted GROUP BY customer_id) AS spent
    WHERE customer.id = spent.customer_id
    RETURNING customer.id
), marked AS (
    INSERT INTO cdr_rollup_mark (customer_id, hour)
    SELECT DISTINCT customer_id, hour FROM inserted
    RETURNING id
)
SELECT count(*) AS inserted FROM inserted
"""


def _stage_row(line: CdrRecord, target: _Target) -> tuple[object, ...]:
    return (
        line.line,
        target.customer_id,
        line.call_id,
        line.started_at,
        line.answered_at,
        line.ended_at,
        line.hour,
        line.duration,
        line.billed_duration,
        line.cli,
        line.destination,
        line.destination_prefix,
        line.destination_country,
        line.charge_units,
        line.cost_units,
        line.pdd,
        line.disconnect_cause,
    )


async def _merge_postgres(
    conn: BaseDBAsyncClient, account_id: int, rows: Sequence[tuple[CdrRecord, _Target]]
) -> int:
    """COPY into the staging table, then one merge; the number of CDRs inserted."""
    customer_ids = sorted({target.customer_id for _, target in rows})
    async with conn.acquire_connection() as raw:
        await raw.execute(_CREATE_STAGE)
        await raw.copy_records_to_table(
            "cdr_stage", records=[_stage_row(r, t) for r, t in rows], columns=list(STAGE_COLUMNS)
        )
        await raw.execute(_LOCK_CUSTOMERS, customer_ids)
        inserted: int = await raw.fetchval(_MERGE, account_id)
    return inserted


async def _merge_sqlite(
    conn: BaseDBAsyncClient, account_id: int, rows: Sequence[tuple[CdrRecord, _Target]]
) -> int:
    """The transaction holds SQLite's write lock: read the known call ids, insert the rest."""
    known: set[str] = set()
    call_ids = sorted({record.call_id for record, _ in rows})
    for part in _parts(call_ids):
        found = (
            await Cdr.filter(account_id=account_id, call_id__in=part)
            .using_db(conn)
            .values_list("call_id", flat=True)
        )
        known.update(str(c) for c in found)
    fresh: list[Cdr] = []
    for record, target in rows:
        if record.call_id not in known:
            known.add(record.call_id)
            fresh.append(_cdr(account_id, record, target))
    await Cdr.bulk_create(fresh, batch_size=1000, using_db=conn)
    await _charge(conn, fresh)
    marks = {(cdr.customer_id, cdr.hour) for cdr in fresh}
    await CdrRollupMark.bulk_create(
        [CdrRollupMark(customer_id=c, hour=h) for c, h in sorted(marks)], using_db=conn
    )
    return len(fresh)


def _cdr(account_id: int, record: CdrRecord, target: _Target) -> Cdr:
    return Cdr(
        account_id=account_id,
        customer_id=target.customer_id,
        call_id=record.call_id,
        started_at=record.started_at,
        answered_at=record.answered_at,
        ended_at=record.ended_at,
        hour=record.hour,
        duration=record.duration,
        billed_duration=record.billed_duration,
        cli=record.cli,
        destination=record.destination,
        destination_prefix=record.destination_prefix,
        destination_country=record.destination_country,
        charge_units=record.charge_units,
        cost_units=record.cost_units,
        pdd=record.pdd,
        disconnect_cause=record.disconnect_cause,
        ingested_at=datetime.now(UTC),
    )


async def _charge(conn: BaseDBAsyncClient, fresh: Sequence[Cdr]) -> None:
    """Take the new CDRs' charges off their customers' balances (Decimal arithmetic: SQLite
    keeps the balance as text)."""
    spent: dict[int, int] = defaultdict(int)
    for cdr in fresh:
        spent[cdr.customer_id] += cdr.charge_units
    for customer_id, units in sorted(spent.items()):
        if units == 0:
            continue
        customer = await Customer.filter(id=customer_id).using_db(conn).only("id", "balance").get()
        balance: Decimal = customer.balance - units_to_decimal(units)
        await Customer.filter(id=customer_id).using_db(conn).update(balance=balance)


def format_of(path: Path) -> tuple[FeedFormat, bool]:
    """The format and compression of a CDR file, by its name: .csv, .ndjson or .jsonl, plus .gz."""
    gz = path.suffix.lower() == ".gz"
    stem = path.with_suffix("") if gz else path
    fmt = FeedFormat.CSV if stem.suffix.lower() == ".csv" else FeedFormat.NDJSON
    return fmt, gz


async def import_file(
    account_id: int, path: Path, progress: Callable[[int], None] | None = None
) -> IngestResult:
    """Load a CDR file as the account's system, through the feed's own path (any size: the
    batch limit is lifted, memory stays bounded). `progress` is told the bytes read each step."""
    fmt, gz = format_of(path)

    async def body() -> AsyncIterator[bytes]:
        with path.open("rb") as file:
            while data := await asyncio.to_thread(file.read, 1 << 20):
                yield data
                if progress is not None:
                    progress(len(data))

    return await ingest_cdrs(system_actor(account_id), body(), fmt, gz, max_rows=sys.maxsize)
