"""Channels in use: the switch's snapshots of active calls per customer.

`POST /ingest/active-calls` takes `{"at": "<RFC 3339>", "customers": [{"customerId": "<global
id>", "channels": n}]}`. Each listed customer's count is stored with the snapshot's time, unless
the customer already holds a newer snapshot (snapshots may arrive out of order). The switch lists
every customer with calls, and a customer whose last call ended once with 0. A count older than
`channels_stale_seconds` (settings; 120 s by default) is not shown: `channelsInUse` is null then,
as it is for a customer never reported, since an old figure would pass for a live one."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from tortoise.expressions import Q

from models import Customer
from services.actor import Actor
from services.cdrs.ingest import require_feed
from services.cdrs.records import RowError, customer_pk
from services.uow import unit_of_work

MAX_CHANNELS = 1_000_000


class SnapshotError(Exception):
    """The body is not a snapshot of the documented shape."""


@dataclass(frozen=True)
class Snapshot:
    at: datetime
    entries: list[tuple[int, object, int]]  # (index in `customers`, customer id or RowError, channels)


@dataclass
class SnapshotResult:
    updated: int = 0
    stale: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        rejected = [{"index": index, "reason": reason} for index, reason in self.rejected]
        return {"updated": self.updated, "stale": self.stale, "rejected": rejected}


def parse_snapshot(payload: object, max_customers: int) -> Snapshot:
    """The snapshot, or SnapshotError; an entry that is wrong on its own is kept as a RowError."""
    if not isinstance(payload, dict) or not isinstance(payload.get("at"), str):
        raise SnapshotError('expected {"at": "<RFC 3339 time>", "customers": [...]}.')
    try:
        at = datetime.fromisoformat(payload["at"])
    except ValueError:
        raise SnapshotError("at is not an RFC 3339 time.") from None
    if at.tzinfo is None:
        raise SnapshotError("at has no UTC offset.")
    customers = payload.get("customers")
    if not isinstance(customers, list):
        raise SnapshotError("customers must be a list.")
    if len(customers) > max_customers:
        raise SnapshotError(f"at most {max_customers} customers per snapshot.")
    return Snapshot(at.astimezone(UTC), [_entry(i, raw) for i, raw in enumerate(customers)])


def _entry(index: int, raw: object) -> tuple[int, object, int]:
    if not isinstance(raw, dict) or not isinstance(raw.get("customerId"), str):
        return index, RowError("customerId is missing."), 0
    channels = raw.get("channels")
    if not isinstance(channels, int) or isinstance(channels, bool) or not 0 <= channels <= MAX_CHANNELS:
        return index, RowError(f"channels must be a whole number from 0 to {MAX_CHANNELS}."), 0
    try:
        return index, customer_pk(raw["customerId"]), channels
    except RowError as exc:
        return index, exc, 0


async def record_snapshot(actor: Actor, snapshot: Snapshot) -> SnapshotResult:
    """Store each listed customer's count, in one transaction; not audited (live telemetry)."""
    require_feed(actor)
    result = SnapshotResult()
    async with unit_of_work(actor, is_change=False) as uow:
        for index, customer, channels in snapshot.entries:
            if isinstance(customer, RowError):
                result.rejected.append((index, str(customer)))
                continue
            assert isinstance(customer, int)
            mine = Customer.filter(id=customer, account_id=actor.account_id, deleted_at__isnull=True)
            newer = Q(channels_in_use_at__isnull=True) | Q(channels_in_use_at__lt=snapshot.at)
            changed = (
                await mine.filter(newer)
                .using_db(uow.conn)
                .update(channels_in_use=channels, channels_in_use_at=snapshot.at)
            )
            if changed:
                result.updated += 1
            elif await mine.using_db(uow.conn).exists():
                result.stale += 1
            else:
                result.rejected.append((index, "Unknown customer (customerId)."))
    return result


def channels_now(count: int, at: datetime | None, now: datetime, stale_after: timedelta) -> int | None:
    """The stored count while its snapshot is fresh; None when it is older than `stale_after`
    (or there is none)."""
    if at is None or now - at > stale_after:
        return None
    return count
