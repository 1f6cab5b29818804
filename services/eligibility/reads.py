"""Dialing eligibility of many customers at once: their snapshots in a constant number of SQL
statements, then the pure rules (services/eligibility/rules.py).

Statements, whatever the number of customers: one for the customers' rows, each with whether
a contact of theirs has verified an e-mail address and a mobile number (two EXISTS
subqueries); one more for today's spend, only when one of them has a daily spend limit; one
more for their approved caller ids, only when one of them dials with approved CLIs only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tortoise.expressions import RawSQL

from models import Cli
from models.enums import CliStatus, CustomerStatus, Permission
from services import runtime
from services.actor import Actor
from services.cdrs.channels import channels_now
from services.cdrs.queries import charges_in_day, utc_day
from services.customers.scope import visible_customers
from services.customers.values import DialWindow
from services.eligibility.rules import Eligibility, Snapshot, evaluate
from services.eligibility.windows import Window
from services.errors import ErrorCode, FieldError, ServiceError
from services.numbers.clis import e164

MAX_CUSTOMERS = 1_000
MAX_CLI_LENGTH = 64
# Instants asked about: far enough from datetime's own limits for every computation on them.
EARLIEST, LATEST = datetime(2000, 1, 1, tzinfo=UTC), datetime(2999, 12, 31, tzinfo=UTC)

_VERIFIED = (
    'EXISTS (SELECT 1 FROM "contact" WHERE "contact"."customer_id" = "customer"."id" AND "contact"."{flag}")'
)
_COLUMNS = (
    "id",
    "status",
    "balance",
    "debit_limit",
    "daily_spend_limit",
    "channels",
    "channels_in_use",
    "channels_in_use_at",
    "timezone",
    "dial_windows",
    "email_verification_required",
    "mobile_verification_required",
    "approved_cli_only",
    "penalty_until",
    "penalty_previous_status",
    "email_verified",
    "mobile_verified",
)


@dataclass(frozen=True)
class EligibilityQuery:
    """The question: at which instant (now when None), presenting which caller id (None: any
    of the customer's)."""

    at: datetime | None = None
    cli: str | None = None


async def eligibility_by_customer(
    actor: Actor, customer_ids: Sequence[int], query: EligibilityQuery
) -> dict[int, Eligibility]:
    """For a loader (Customer.dialingEligibility): the customers the actor may read among
    `customer_ids` (a portal contact: its own), the others absent."""
    actor.require(Permission.CUSTOMERS_READ)
    at = instant_of(query)
    return await _evaluate(actor, customer_ids, at, query.cli)


async def eligibilities_of_customers(
    actor: Actor, customer_ids: Sequence[int], query: EligibilityQuery
) -> dict[int, Eligibility]:
    """For the switch (`switch:read`): every customer asked for, by id. At most MAX_CUSTOMERS
    ids (TOO_MANY); one the actor may not see, like one that does not exist, is NOT_FOUND at
    its position (`customerIds`, n)."""
    actor.require(Permission.SWITCH_READ)
    if len(customer_ids) > MAX_CUSTOMERS:
        raise ServiceError.single(
            ErrorCode.TOO_MANY, f"At most {MAX_CUSTOMERS} customers at once.", "customerIds"
        )
    at = instant_of(query)
    found = await _evaluate(actor, customer_ids, at, query.cli)
    missing = [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customerIds", str(n)))
        for n, customer_id in enumerate(customer_ids)
        if customer_id not in found
    ]
    if missing:
        raise ServiceError(missing)
    return found


async def snapshots(
    actor: Actor, customer_ids: Sequence[int], at: datetime, cli: str | None = None
) -> dict[int, Snapshot]:
    """The snapshots of the customers the actor may see among `customer_ids`, for the question
    asked at `at` presenting `cli` (no permission check: the callers above make it)."""
    ids = sorted(set(customer_ids))
    if not ids:
        return {}
    rows = await (
        visible_customers(actor)
        .filter(id__in=ids)
        .annotate(
            email_verified=RawSQL(_VERIFIED.format(flag="email_verified")),
            mobile_verified=RawSQL(_VERIFIED.format(flag="mobile_verified")),
        )
        .values(*_COLUMNS)
    )
    day_start, _day_end = utc_day(at)
    limited = [int(row["id"]) for row in rows if row["daily_spend_limit"] is not None]
    spent = await charges_in_day(actor.account_id, limited, day_start) if limited else {}
    presented = _presented(cli)
    approved = await _approved_cli_holders(
        [int(row["id"]) for row in rows if row["approved_cli_only"]], presented
    )
    stale_after = timedelta(seconds=runtime.current().settings.channels_stale_seconds)
    return {
        int(row["id"]): replace(
            _snapshot(row, spent.get(int(row["id"]), Decimal(0)), day_start, at, stale_after),
            cli=presented,
            cli_approved=int(row["id"]) in approved,
        )
        for row in rows
    }


def _presented(cli: str | None) -> str | None:
    """The caller id as the CLI registry keeps it (E.164), or as given when it is no valid
    number (then it matches no CLI: not approved, rather than an error to the switch)."""
    if cli is None:
        return None
    try:
        return e164(cli)
    except ServiceError:
        return cli.strip()


async def _approved_cli_holders(customer_ids: list[int], cli: str | None) -> set[int]:
    """Which of the customers hold `cli` approved (with no cli: any approved CLI)."""
    if not customer_ids:
        return set()
    held = Cli.filter(customer_id__in=customer_ids, status=CliStatus.APPROVED)
    if cli is not None:
        held = held.filter(number=cli)
    holders: list[int] = await held.distinct().values_list("customer_id", flat=True)  # type: ignore[assignment]
    return set(holders)


async def _evaluate(
    actor: Actor, customer_ids: Sequence[int], at: datetime, cli: str | None
) -> dict[int, Eligibility]:
    found = await snapshots(actor, customer_ids, at, cli)
    return {customer_id: evaluate(snapshot, at) for customer_id, snapshot in found.items()}


def _snapshot(
    row: Mapping[str, Any], spent: Decimal, day_start: datetime, at: datetime, stale_after: timedelta
) -> Snapshot:
    limit = row["daily_spend_limit"]
    windows = tuple(_window(raw) for raw in row["dial_windows"] or ())
    return Snapshot(
        customer_id=int(row["id"]),
        status=CustomerStatus(row["status"]),
        balance=Decimal(row["balance"]),
        debit_limit=Decimal(row["debit_limit"]),
        daily_spend_limit=Decimal(limit) if limit is not None else None,
        spent=spent,
        spend_day=day_start,
        channels=int(row["channels"]),
        channels_in_use=channels_now(
            int(row["channels_in_use"]), _aware(row["channels_in_use_at"]), at, stale_after
        ),
        zone=ZoneInfo(row["timezone"]),
        windows=windows,
        email_verification_pending=bool(row["email_verification_required"]) and not row["email_verified"],
        mobile_verification_pending=bool(row["mobile_verification_required"]) and not row["mobile_verified"],
        approved_cli_only=bool(row["approved_cli_only"]),
        penalty_until=_aware(row["penalty_until"]),
        penalty_previous_status=_status(row["penalty_previous_status"]),
    )


def _status(value: str | None) -> CustomerStatus | None:
    return CustomerStatus(value) if value is not None else None


def _window(raw: dict[str, Any]) -> Window:
    value = DialWindow.from_json(raw)
    return Window.of(value.start, value.end, value.days)


def _aware(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def instant_of(query: EligibilityQuery) -> datetime:
    """The instant asked about (now when not given), in UTC; INVALID at `at` or `cli` for a
    bad question."""
    if query.cli is not None and (len(query.cli) > MAX_CLI_LENGTH or not query.cli.strip()):
        raise ServiceError.single(
            ErrorCode.INVALID, f"A caller id of 1 to {MAX_CLI_LENGTH} characters.", "cli"
        )
    at = query.at if query.at is not None else datetime.now(UTC)
    if at.tzinfo is None:
        raise ServiceError.single(ErrorCode.INVALID, "Give the time with its UTC offset.", "at")
    if not EARLIEST <= at <= LATEST:
        raise ServiceError.single(ErrorCode.INVALID, "Give a time between the years 2000 and 2999.", "at")
    return at.astimezone(UTC)
