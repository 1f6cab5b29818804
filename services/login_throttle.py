"""Login throttling: slow guessing down without handing anyone a way to lock a user out.

Policy
- Two sources are tracked: the (e-mail, address) pair, and the address as a whole. There is no
  per-e-mail limit across addresses: whoever hammers an e-mail from some addresses never stops
  its owner logging in from another one.
- Every attempt counts as a failure *before* the password is checked, in one transaction that
  first checks the back-off and then counts (rows locked on PostgreSQL, the database's write lock
  on SQLite), so parallel attempts, in one process or several, see each other. A success then
  clears the pair and gives the address its count back.
- A pair may fail `login_max_failures` times, an address `login_ip_max_failures` times (across all
  e-mails); from then on each further failure makes it wait `login_backoff_seconds`, doubled per
  failure, at most `login_backoff_max_seconds`. Attempts while it waits are refused (THROTTLED)
  and not counted. The run of failures is forgotten `login_window_seconds` after its last back-off.
- A pair that logged in successfully within `login_known_address_days` ignores its address's
  back-off (only its own applies): one guesser behind an office's shared address does not lock
  out the colleagues who have logged in from there before.
- Residual risk: guessing spread over many addresses is slowed per address only; the argon2id
  cost and a strong-password policy are what stand against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from models import LoginAttempt, LoginThrottle
from services import jobs
from services.errors import ErrorCode, ServiceError
from settings import Settings

# The address as a whole is the row with no e-mail (a login e-mail is never empty).
ANY_EMAIL = ""
# 2**20 times the first back-off is past any sensible maximum; the cap keeps floats finite.
_MAX_DOUBLINGS = 20


@dataclass(frozen=True)
class Reservation:
    """The rows an attempt was counted on, settled once the password is known to be right."""

    pair_id: int
    address_id: int | None  # None when the address was not counted (a known pair)


async def reserve_attempt(
    settings: Settings, email: str, ip: str, *, address_key: str = ANY_EMAIL
) -> Reservation:
    """Count one attempt as failed, or refuse with THROTTLED (and write nothing) while backing off.

    `email` and `address_key` name the pair's and the address's rows: another kind of attempt
    (a password reset request) counts on rows of its own, under keys no e-mail can be."""
    now = datetime.now(UTC)
    async with in_transaction() as conn:
        # A write first: on SQLite it takes the database's write lock, so the reads below cannot
        # be stale against another process; on PostgreSQL the rows are then locked one by one,
        # pair before address, always in that order.
        await LoginThrottle.bulk_create(
            [LoginThrottle(ip=ip, email=email), LoginThrottle(ip=ip, email=address_key)],
            ignore_conflicts=True,
            using_db=conn,
        )
        pair = await _locked(conn, ip, email)
        address = await _locked(conn, ip, address_key)
        known = _is_known(pair, now, settings)
        if _waiting(pair, now) or (not known and _waiting(address, now)):
            raise throttled()  # rolls back the rows inserted above
        await _count(conn, pair, now, settings.login_max_failures, settings)
        if not known:
            await _count(conn, address, now, settings.login_ip_max_failures, settings)
    return Reservation(pair_id=pair.id, address_id=None if known else address.id)


async def settle_success(
    conn: BaseDBAsyncClient, reservation: Reservation, now: datetime, settings: Settings
) -> None:
    """The password was right: the pair starts afresh and is known; the address gets its count back."""
    await (
        LoginThrottle.filter(id=reservation.pair_id)
        .using_db(conn)
        .update(failures=0, last_failure_at=None, blocked_until=None, succeeded_at=now)
    )
    if reservation.address_id is None:
        return
    address = await LoginThrottle.filter(id=reservation.address_id).using_db(conn).select_for_update().get()
    address.failures = max(address.failures - 1, 0)
    if address.failures < settings.login_ip_max_failures:
        address.blocked_until = None
    await address.save(using_db=conn, update_fields=["failures", "blocked_until"])


def throttled() -> ServiceError:
    return ServiceError.single(ErrorCode.THROTTLED, "Too many failed logins; try again in a few minutes.")


def backoff(excess: int, settings: Settings) -> timedelta:
    """The wait after the (allowed + excess)-th failure: doubling, capped."""
    seconds = settings.login_backoff_seconds * 2 ** min(excess, _MAX_DOUBLINGS)
    return timedelta(seconds=min(seconds, settings.login_backoff_max_seconds))


async def _locked(conn: BaseDBAsyncClient, ip: str, email: str) -> LoginThrottle:
    return await LoginThrottle.filter(ip=ip, email=email).using_db(conn).select_for_update().get()


def _waiting(row: LoginThrottle, now: datetime) -> bool:
    return row.blocked_until is not None and row.blocked_until > now


def _is_known(pair: LoginThrottle, now: datetime, settings: Settings) -> bool:
    horizon = timedelta(days=settings.login_known_address_days)
    return pair.succeeded_at is not None and pair.succeeded_at > now - horizon


async def _count(
    conn: BaseDBAsyncClient, row: LoginThrottle, now: datetime, allowed: int, settings: Settings
) -> None:
    if row.last_failure_at is not None:
        quiet_since = max(row.last_failure_at, row.blocked_until or row.last_failure_at)
        if now >= quiet_since + timedelta(seconds=settings.login_window_seconds):
            row.failures = 0
    row.failures += 1
    row.last_failure_at = now
    # Set now, before the password is checked: the attempts racing this one must already wait.
    row.blocked_until = now + backoff(row.failures - allowed, settings) if row.failures >= allowed else None
    await row.save(using_db=conn, update_fields=["failures", "last_failure_at", "blocked_until"])


PRUNE = jobs.declare("logins.prune", queue="maintenance")


async def prune(settings: Settings, now: datetime | None = None) -> int:
    """Forget what no longer throttles anyone: back-off rows whose run of failures is over and
    which no recent success makes "known", and login attempts past their retention. Returns the
    rows deleted. Run hourly by the scheduler, so a spread-out attack cannot grow the tables
    without bound."""
    now = now or datetime.now(UTC)
    quiet_before = now - timedelta(seconds=settings.login_window_seconds)
    known_after = now - timedelta(days=settings.login_known_address_days)
    forgotten = (
        Q(last_failure_at__isnull=True) | Q(blocked_until__isnull=True, last_failure_at__lte=quiet_before)
    ) | Q(blocked_until__lte=quiet_before)
    not_known = Q(succeeded_at__isnull=True) | Q(succeeded_at__lte=known_after)
    throttles = await LoginThrottle.filter(forgotten & not_known).delete()
    retention = now - timedelta(days=settings.login_attempt_retention_days)
    attempts = await LoginAttempt.filter(at__lt=retention).delete()
    return int(throttles) + int(attempts)
