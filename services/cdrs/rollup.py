"""The hourly roll-up: CDRs -> one summary row per customer and UTC hour.

Incremental by marks: the ingest's transaction writes a `cdr_rollup_mark` (customer, hour) for
every hour that received CDRs. A roll-up step, in one transaction, deletes a batch of marks (its
claim) and recomputes each marked hour whole from its CDRs, replacing the summary row. Hence:
- nothing counts twice: a row is a recomputation, never an increment, so re-running a step, or
  running it for an hour already up to date, gives the same row;
- nothing is lost: a mark is gone only if the transaction that recomputed its hour committed,
  and a CDR committed after the recomputation read the hour has its own mark still waiting;
  a step interrupted anywhere (exception, killed process) rolls back with its claim;
- late CDRs update their hour: their mark names that hour, however old.
Two roll-ups never interleave: on PostgreSQL each step first takes a transaction-level advisory
lock (a second scheduler waits for it, then finds the marks already consumed); on SQLite the
step's transaction holds the write lock from its start (services/sqlite_client.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.transactions import in_transaction

from models.enums import Permission
from services import jobs
from services.actor import Actor
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError

ROLL_UP = jobs.declare("summaries.roll_up", queue="maintenance")
ADVISORY_LOCK_KEY = 7_301_180_001  # "the CDR roll-up", an arbitrary key of this application
BATCH_MARKS = 50_000

Hook = Callable[[str], Awaitable[None]]


@dataclass
class RollupStats:
    """What a roll-up did: marks consumed, summary rows (re)computed, CDRs those rows sum."""

    marks: int = 0
    hours: int = 0
    cdrs: int = 0


@dataclass(frozen=True)
class Scope:
    """Whose marks a roll-up takes: everyone's (the scheduler), an account's, or these customers'."""

    customer_ids: tuple[int, ...] | None = None
    account_id: int | None = None

    def where(self, postgres: bool) -> tuple[str, list[object]]:
        """The marks' WHERE clause and its values (on PostgreSQL, $1 is the batch size)."""
        mark = "$2" if postgres else "?"
        if self.customer_ids is not None:
            if postgres:
                return "WHERE customer_id = ANY($2::int[])", [list(self.customer_ids)]
            return f"WHERE customer_id IN ({', '.join('?' for _ in self.customer_ids)})", list(
                self.customer_ids
            )
        if self.account_id is not None:
            return f"WHERE customer_id IN (SELECT id FROM customer WHERE account_id = {mark})", [
                self.account_id
            ]
        return "", []


async def roll_up(
    scope: Scope = Scope(), *, batch: int = BATCH_MARKS, hook: Hook | None = None
) -> RollupStats:
    """Consume the scope's marks, `batch` at a time, each batch in one transaction. `hook` is
    awaited between the steps ("claimed": the batch's marks deleted in its open
    transaction, its hours not yet committed; "committed": a batch is done), so a test can stop a run where it likes."""
    stats = RollupStats()
    while await _step(scope, batch, stats, hook):
        pass
    return stats


async def _step(scope: Scope, batch: int, stats: RollupStats, hook: Hook | None) -> bool:
    """One batch; whether a full batch was taken (more marks may wait). On PostgreSQL the claim
    and the recomputation are one statement (no key leaves the server), so "claimed" comes
    once both are done, still uncommitted; on SQLite it comes between them."""
    async with in_transaction() as conn:
        if conn.capabilities.dialect == "postgres":
            marks, hours, cdrs = await _claim_and_recompute_postgres(conn, scope, batch)
            if marks == 0:
                return False
            if hook is not None:
                await hook("claimed")
        else:
            keys, marks = await _claim_sqlite(conn, scope, batch)
            if marks == 0:
                return False
            if hook is not None:
                await hook("claimed")
            hours, cdrs = await _recompute_sqlite(conn, keys)
    stats.marks += marks
    stats.hours += hours
    stats.cdrs += cdrs
    if hook is not None:
        await hook("committed")
    return marks == batch


Key = tuple[int, object]  # (customer id, hour as the driver returns it)


_SUMS = """count(*), count(c.answered_at), sum(c.duration), sum(c.billed_duration),
    sum(c.charge_units), sum(c.cost_units), sum(c.pdd)"""
_COLUMNS = """account_id, customer_id, hour, attempts, connected, duration, billed_duration,
    charge_units, cost_units, pdd_sum, computed_at"""
_REPLACE = """ON CONFLICT (customer_id, hour) DO UPDATE SET attempts = excluded.attempts,
    connected = excluded.connected, duration = excluded.duration,
    billed_duration = excluded.billed_duration, charge_units = excluded.charge_units,
    cost_units = excluded.cost_units, pdd_sum = excluded.pdd_sum, computed_at = excluded.computed_at"""


async def _claim_and_recompute_postgres(
    conn: BaseDBAsyncClient, scope: Scope, batch: int
) -> tuple[int, int, int]:
    """Under the advisory lock, one statement deletes up to `batch` marks of the scope and
    rewrites the summary row of each (customer, hour) they name from its CDRs; (marks, summary
    rows, CDRs summed). The CDRs are read for the claimed customers x the claimed hours (one
    index or sequential scan, then one hash aggregate; a superset of the keys, cut down to them
    after grouping): joining the keys to `cdr` row by row was a nested loop of index scans, or
    a sort of every CDR, several times slower for a large claim."""
    where, values = scope.where(postgres=True)
    async with conn.acquire_connection() as raw:
        await raw.execute("SELECT pg_advisory_xact_lock($1)", ADVISORY_LOCK_KEY)
        row = await raw.fetchrow(
            f"""WITH claimed AS (
                DELETE FROM cdr_rollup_mark WHERE id IN (SELECT id FROM cdr_rollup_mark
                    {where} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
                RETURNING customer_id, hour
            ), keys AS (SELECT DISTINCT customer_id, hour FROM claimed),
            sums (account_id, customer_id, hour, attempts, connected, duration, billed_duration,
                charge_units, cost_units, pdd_sum) AS (
                SELECT c.account_id, c.customer_id, c.hour, {_SUMS}
                FROM cdr c
                WHERE c.customer_id = ANY(ARRAY(SELECT DISTINCT customer_id FROM keys))
                    AND c.hour = ANY(ARRAY(SELECT DISTINCT hour FROM keys))
                GROUP BY c.account_id, c.customer_id, c.hour
            ),
            written AS (
                INSERT INTO cdr_hourly_summary ({_COLUMNS})
                SELECT s.*, now() FROM sums s
                JOIN keys k ON s.customer_id = k.customer_id AND s.hour = k.hour
                {_REPLACE}
                RETURNING attempts
            )
            SELECT (SELECT count(*) FROM claimed) AS marks, (SELECT count(*) FROM written) AS hours,
                (SELECT coalesce(sum(attempts), 0) FROM written) AS cdrs""",
            batch,
            *values,
        )
    assert row is not None
    return int(row["marks"]), int(row["hours"]), int(row["cdrs"])


async def _claim_sqlite(conn: BaseDBAsyncClient, scope: Scope, batch: int) -> tuple[list[Key], int]:
    where, values = scope.where(postgres=False)
    _count, rows = await conn.execute_query(
        "DELETE FROM cdr_rollup_mark WHERE id IN (SELECT id FROM cdr_rollup_mark "
        f"{where} ORDER BY id LIMIT ?) RETURNING customer_id, hour",
        [*values, batch],
    )
    return sorted({(int(r["customer_id"]), r["hour"]) for r in rows}, key=str), len(rows)


async def _recompute_sqlite(conn: BaseDBAsyncClient, keys: Sequence[Key]) -> tuple[int, int]:
    await conn.execute_script(
        "CREATE TEMP TABLE IF NOT EXISTS rollup_key (customer_id INTEGER, hour TEXT); DELETE FROM rollup_key;"
    )
    await conn.execute_many(
        "INSERT INTO rollup_key (customer_id, hour) VALUES (?, ?)", [list(k) for k in keys]
    )
    _count, rows = await conn.execute_query(
        f"""INSERT INTO cdr_hourly_summary ({_COLUMNS})
        SELECT c.account_id, c.customer_id, c.hour, {_SUMS}, ?
        FROM cdr c JOIN rollup_key k ON c.customer_id = k.customer_id AND c.hour = k.hour
        WHERE true GROUP BY c.account_id, c.customer_id, c.hour
        {_REPLACE}
        RETURNING attempts""",
        [datetime.now(UTC)],
    )
    return len(rows), sum(int(r["attempts"]) for r in rows)


async def refresh_summaries(actor: Actor, customer_ids: Sequence[int] | None) -> RollupStats:
    """Run the roll-up now for these customers (all the actor may see when None) and return
    once it is done. Unknown ids, and ids outside the actor's scope, are NOT_FOUND."""
    actor.require(Permission.CUSTOMERS_READ)
    visible = visible_customers(actor)
    if customer_ids is None and actor.reseller_id is None:
        return await roll_up(Scope(account_id=actor.account_id))
    if customer_ids is None:
        ids: list[int] = list(await visible.values_list("id", flat=True))  # type: ignore[arg-type]
    else:
        found: set[int] = set(await visible.filter(id__in=list(customer_ids)).values_list("id", flat=True))  # type: ignore[arg-type]
        missing = [
            FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customerIds", str(n)))
            for n, cid in enumerate(customer_ids)
            if cid not in found
        ]
        if missing:
            raise ServiceError(missing)
        ids = sorted(found)
    if not ids:
        return RollupStats()
    return await roll_up(Scope(customer_ids=tuple(ids)))
