"""May this customer dial at this instant, and if not, why and until when: the rules, as pure
functions of a snapshot (the customer's row and aggregates, read once) and an instant.

Each rule is one small function `(snapshot, at) -> Reason | None`: None when it does not block
at `at`, else the reason, with `lifts_at`, the earliest instant at or after `at` at which this
rule alone stops blocking if nothing but time changes (None when time alone cannot lift it:
a status, the balance, a pending verification, the channels). RULES lists them in the order
their reasons are reported. A new rule is one function appended to RULES (and, when it needs
data, one field of Snapshot filled by services/eligibility/reads.py).

`evaluate` answers `allowed` (no rule blocks), every reason, and `next_allowed_at`: the
earliest instant at or after `at` at which no rule blocks, found by moving to the latest
`lifts_at` until nothing blocks (rules that lift stay lifted, except the windows, which are
asked again from there); None as soon as a blocking rule cannot lift by time. When allowed,
`next_allowed_at` is `at` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from models.enums import CustomerStatus
from services.eligibility.windows import Window, is_open, next_open

DAY = timedelta(days=1)
# Rules that lift move the instant forward; the windows at most once after the others.
_MAX_STEPS = 8


class EligibilityCode(StrEnum):
    """Why a customer may not dial (a reason's machine code)."""

    CUSTOMER_INACTIVE = "CUSTOMER_INACTIVE"
    CUSTOMER_PENALTY = "CUSTOMER_PENALTY"
    PENDING_APPROVAL = "PENDING_APPROVAL"
    BALANCE_BELOW_DEBIT_LIMIT = "BALANCE_BELOW_DEBIT_LIMIT"
    DAILY_SPEND_LIMIT_REACHED = "DAILY_SPEND_LIMIT_REACHED"
    OUTSIDE_DIALING_WINDOW = "OUTSIDE_DIALING_WINDOW"
    EMAIL_VERIFICATION_PENDING = "EMAIL_VERIFICATION_PENDING"
    MOBILE_VERIFICATION_PENDING = "MOBILE_VERIFICATION_PENDING"
    CLI_NOT_APPROVED = "CLI_NOT_APPROVED"
    NO_CHANNELS = "NO_CHANNELS"
    CHANNELS_IN_USE = "CHANNELS_IN_USE"


@dataclass(frozen=True)
class Snapshot:
    """What the rules read about one customer, read once for the question asked at one instant.

    `spent` is the charges of the calls started in the UTC day that begins at `spend_day`
    (the day of the instant asked about); a later day starts from nothing. `channels_in_use` is
    the switch's count while its snapshot is fresh at that instant, else None (unknown).
    A timed penalty (`penalty_until`) ends at that instant with the status it replaced coming
    back (`penalty_previous_status`), as the scheduler's lift does.
    `cli` is the caller id asked about (E.164 when it is a valid number) and `cli_approved`
    whether it is an approved CLI of the customer; with no caller id asked about, whether the
    customer has any approved CLI at all."""

    customer_id: int
    status: CustomerStatus
    balance: Decimal
    debit_limit: Decimal
    daily_spend_limit: Decimal | None
    spent: Decimal
    spend_day: datetime
    channels: int
    channels_in_use: int | None
    zone: ZoneInfo
    windows: tuple[Window, ...]
    email_verification_pending: bool
    mobile_verification_pending: bool
    approved_cli_only: bool = False
    cli: str | None = None
    cli_approved: bool = False
    penalty_until: datetime | None = None
    penalty_previous_status: CustomerStatus | None = None


@dataclass(frozen=True)
class Reason:
    code: EligibilityCode
    message: str
    lifts_at: datetime | None = None


@dataclass(frozen=True)
class Eligibility:
    customer_id: int
    at: datetime
    allowed: bool
    reasons: tuple[Reason, ...]
    next_allowed_at: datetime | None


Rule = Callable[[Snapshot, datetime], Reason | None]


def status_at(snapshot: Snapshot, at: datetime) -> CustomerStatus:
    """The status at `at`: a timed penalty that has ended by then gives back the status it
    replaced (a status set by hand since is not PENALTY, and stays)."""
    until = snapshot.penalty_until
    if snapshot.status is CustomerStatus.PENALTY and until is not None and at >= until:
        return snapshot.penalty_previous_status or CustomerStatus.ACTIVE
    return snapshot.status


def inactive(snapshot: Snapshot, at: datetime) -> Reason | None:
    if status_at(snapshot, at) is not CustomerStatus.INACTIVE:
        return None
    return Reason(EligibilityCode.CUSTOMER_INACTIVE, "The customer is inactive.")


def penalty(snapshot: Snapshot, at: datetime) -> Reason | None:
    """Status PENALTY; a timed one (customerPenalize) lifts at its end."""
    if status_at(snapshot, at) is not CustomerStatus.PENALTY:
        return None
    until = snapshot.penalty_until
    if until is None or at >= until:  # untimed (or the status it replaced was PENALTY too)
        return Reason(EligibilityCode.CUSTOMER_PENALTY, "The customer is under a penalty.")
    return Reason(
        EligibilityCode.CUSTOMER_PENALTY,
        f"The customer is under a penalty until {until:%Y-%m-%d %H:%M} UTC.",
        until,
    )


def pending_approval(snapshot: Snapshot, at: datetime) -> Reason | None:
    if status_at(snapshot, at) is not CustomerStatus.PENDING_APPROVAL:
        return None
    return Reason(EligibilityCode.PENDING_APPROVAL, "The customer is pending approval.")


def balance(snapshot: Snapshot, at: datetime) -> Reason | None:
    """No credit left: the balance is at or below -debitLimit (0 pre-pay, >0 post-pay credit,
    <0 a buffer that must stay in the account)."""
    if snapshot.balance + snapshot.debit_limit > 0:
        return None
    return Reason(
        EligibilityCode.BALANCE_BELOW_DEBIT_LIMIT,
        "The balance has reached the debit limit: no credit is left.",
    )


def daily_spend(snapshot: Snapshot, at: datetime) -> Reason | None:
    """Today's spend (00:00-00:00 UTC) at or over the limit; the next UTC day starts from
    nothing, unless the limit is 0 (no spend at all)."""
    limit = snapshot.daily_spend_limit
    day_end = snapshot.spend_day + DAY
    spent = snapshot.spent if at < day_end else Decimal(0)
    if limit is None or spent < limit:
        return None
    lifts_at = day_end if limit > 0 else None
    return Reason(
        EligibilityCode.DAILY_SPEND_LIMIT_REACHED,
        "Today's spend (00:00-00:00 UTC) has reached the daily spend limit.",
        lifts_at,
    )


def dialing_window(snapshot: Snapshot, at: datetime) -> Reason | None:
    if is_open(snapshot.windows, snapshot.zone, at):
        return None
    return Reason(
        EligibilityCode.OUTSIDE_DIALING_WINDOW,
        f"Outside the customer's dialing windows ({snapshot.zone.key}).",
        next_open(snapshot.windows, snapshot.zone, at),
    )


def email_verification(snapshot: Snapshot, at: datetime) -> Reason | None:
    if not snapshot.email_verification_pending:
        return None
    return Reason(
        EligibilityCode.EMAIL_VERIFICATION_PENDING,
        "E-mail verification is required and no contact of the customer has verified an e-mail address.",
    )


def mobile_verification(snapshot: Snapshot, at: datetime) -> Reason | None:
    if not snapshot.mobile_verification_pending:
        return None
    return Reason(
        EligibilityCode.MOBILE_VERIFICATION_PENDING,
        "Mobile verification is required and no contact of the customer has verified a mobile number.",
    )


def approved_cli(snapshot: Snapshot, at: datetime) -> Reason | None:
    """With `approvedCliOnly`, only an approved caller id may be presented; asked without a
    caller id, the customer may dial only if it has at least one approved CLI."""
    if not snapshot.approved_cli_only or snapshot.cli_approved:
        return None
    if snapshot.cli is None:
        message = "Only approved caller ids may dial, and the customer has none approved."
    else:
        message = f"{snapshot.cli} is not an approved caller id of the customer."
    return Reason(EligibilityCode.CLI_NOT_APPROVED, message)


def channels(snapshot: Snapshot, at: datetime) -> Reason | None:
    """`channels` 0 means none at all; otherwise blocked while the switch's fresh count is at
    the limit. An unknown (stale or missing) count does not block: the switch counts its own
    calls, and an old figure would pass for a live one."""
    if snapshot.channels == 0:
        return Reason(EligibilityCode.NO_CHANNELS, "The customer has no channels (channels is 0).")
    in_use = snapshot.channels_in_use
    if in_use is None or in_use < snapshot.channels:
        return None
    return Reason(
        EligibilityCode.CHANNELS_IN_USE, f"Every channel is in use ({in_use} of {snapshot.channels})."
    )


RULES: tuple[Rule, ...] = (
    inactive,
    penalty,
    pending_approval,
    balance,
    daily_spend,
    dialing_window,
    email_verification,
    mobile_verification,
    approved_cli,
    channels,
)


def reasons_at(snapshot: Snapshot, at: datetime, rules: tuple[Rule, ...] = RULES) -> tuple[Reason, ...]:
    """Every rule that blocks at `at`, in RULES order."""
    return tuple(reason for rule in rules if (reason := rule(snapshot, at)) is not None)


def evaluate(snapshot: Snapshot, at: datetime, rules: tuple[Rule, ...] = RULES) -> Eligibility:
    """The answer for `at` (aware; kept in UTC)."""
    at = at.astimezone(UTC)
    reasons = reasons_at(snapshot, at, rules)
    return Eligibility(
        customer_id=snapshot.customer_id,
        at=at,
        allowed=not reasons,
        reasons=reasons,
        next_allowed_at=_next_allowed(snapshot, at, reasons, rules),
    )


def _next_allowed(
    snapshot: Snapshot, at: datetime, reasons: tuple[Reason, ...], rules: tuple[Rule, ...]
) -> datetime | None:
    instant = at
    for _ in range(_MAX_STEPS):
        if not reasons:
            return instant
        lifts = [reason.lifts_at for reason in reasons]
        if any(lift is None for lift in lifts):
            return None
        instant = max(lift for lift in lifts if lift is not None)
        reasons = reasons_at(snapshot, instant, rules)
    raise AssertionError("rules that lift stay lifted")  # pragma: no cover
