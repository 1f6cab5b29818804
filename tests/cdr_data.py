"""CDR feed test data: records as the switch sends them, bodies in both formats, a feed actor."""

from __future__ import annotations

import base64
import csv
import gzip
import io
import itertools
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from models import Account, Customer
from models.enums import ActorKind, Permission
from services.actor import Actor

_call = itertools.count(1)
START = datetime(2026, 11, 20, 10, 15, 0, tzinfo=UTC)
KEYS = (
    "callId",
    "customerId",
    "sipUsername",
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
    "pdd",
    "disconnectCause",
)


def feed_actor(account: Account, permissions: Iterable[Permission] = (Permission.CDRS_INGEST,)) -> Actor:
    """The principal of an API key of the account (no key row: services take the actor)."""
    return Actor(
        account_id=account.id,
        kind=ActorKind.API_KEY,
        label="API key switch",
        permissions=frozenset(permissions),
        api_key_id=1,
    )


def global_id(customer: Customer) -> str:
    return base64.b64encode(f"Customer:{customer.id}".encode()).decode()


def iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def record(customer: Customer | None = None, **overrides: Any) -> dict[str, Any]:
    """A valid connected call of 60 s (charge 0.0600, cost 0.0300), started at START."""
    values: dict[str, Any] = {
        "callId": f"call-{next(_call)}",
        "startedAt": iso(START),
        "answeredAt": iso(START + timedelta(seconds=3)),
        "endedAt": iso(START + timedelta(seconds=63)),
        "duration": 60,
        "billedDuration": 60,
        "cli": "+441234567890",
        "destination": "+4930123456",
        "destinationPrefix": "4930",
        "destinationCountry": "DE",
        "charge": "0.0600",
        "cost": "0.0300",
        "pdd": 1200,
        "disconnectCause": 200,
    }
    if customer is not None:
        values["customerId"] = global_id(customer)
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not _ABSENT}


_ABSENT = object()
ABSENT: Any = _ABSENT  # record(..., key=ABSENT) leaves the key out


def ndjson(records: Iterable[dict[str, Any]]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


def csv_body(records: Iterable[dict[str, Any]], keys: Iterable[str] = KEYS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(keys), lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for r in records:
        writer.writerow({k: "" if v is None else v for k, v in r.items()})
    return out.getvalue().encode()


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body)


async def stream(body: bytes, piece: int = 7) -> AsyncIterator[bytes]:
    """The body in small pieces, as a network would cut it (lines split across pieces)."""
    for i in range(0, len(body), piece):
        yield body[i : i + piece]
