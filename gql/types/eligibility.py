"""Dialing eligibility: may a customer dial at an instant, why not, and from when
(services/eligibility/)."""

from __future__ import annotations

from datetime import datetime
from typing import TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from services.eligibility import reads
from services.eligibility import rules as service

EligibilityCode: TypeAlias = service.EligibilityCode
strawberry.enum(
    EligibilityCode,
    description="Why a customer may not dial: CUSTOMER_INACTIVE, CUSTOMER_PENALTY and PENDING_APPROVAL "
    "(its status), BALANCE_BELOW_DEBIT_LIMIT (balance at or below -debitLimit: no credit left), "
    "DAILY_SPEND_LIMIT_REACHED (today's spend, 00:00-00:00 UTC, at or over dailySpendLimit), "
    "OUTSIDE_DIALING_WINDOW (not in a dialWindows window, in the customer's time zone), "
    "EMAIL_VERIFICATION_PENDING / MOBILE_VERIFICATION_PENDING (required, and no contact has "
    "verified one), CLI_NOT_APPROVED (approvedCliOnly, and the caller id is not an approved CLI of "
    "the customer, or without a caller id the customer has none approved), NO_CHANNELS (channels is 0), CHANNELS_IN_USE (the switch's fresh count is "
    "at the channels limit).",
)

AT = "The instant asked about (UTC); now when omitted. Between the years 2000 and 2999."
CLI = (
    "The caller id the call would present (1 to 64 characters), checked against the customer's "
    "approved CLIs when it dials with approved CLIs only; omitted, any approved CLI will do."
)


@strawberry.type(description="One rule that blocks dialing.")
class EligibilityReason:
    code: EligibilityCode = strawberry.field(description="The rule, for a program to branch on.")
    message: str = strawberry.field(description="The rule, for a person to read.")
    lifts_at: datetime | None = strawberry.field(
        description="The earliest instant at which this rule alone stops blocking if nothing but "
        "time changes (the window opens, the UTC spend day rolls over); null when time alone "
        "cannot lift it."
    )

    @classmethod
    def of(cls, reason: service.Reason) -> EligibilityReason:
        return cls(code=reason.code, message=reason.message, lifts_at=reason.lifts_at)


@strawberry.type(description="Whether a customer may dial at an instant, and if not, why and from when.")
class DialingEligibility:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    at: datetime = strawberry.field(description="The instant asked about (UTC).")
    allowed: bool = strawberry.field(description="True exactly when `reasons` is empty.")
    reasons: list[EligibilityReason] = strawberry.field(
        description="Every rule that blocks at `at`, in a fixed order (that of EligibilityCode)."
    )
    next_allowed_at: datetime | None = strawberry.field(
        description="The earliest instant, at or after `at`, at which no rule blocks if nothing but "
        "time changes: `at` itself when allowed; null when a blocking rule cannot lift by time."
    )

    @classmethod
    def of(cls, found: service.Eligibility) -> DialingEligibility:
        return cls(
            customer_id=relay.GlobalID("Customer", str(found.customer_id)),
            at=found.at,
            allowed=found.allowed,
            reasons=[EligibilityReason.of(reason) for reason in found.reasons],
            next_allowed_at=found.next_allowed_at,
        )


async def customer_eligibility(
    info: Info, customer_id: int, at: datetime | None, cli: str | None
) -> DialingEligibility | None:
    """Customer.dialingEligibility: through the request's loader, so a page of customers asking
    the same question is one batch."""
    query = reads.EligibilityQuery(at, cli)
    reads.instant_of(query)  # refuse a bad question here, on this field, before any load
    found = await info.context.loaders.dialing_eligibility(query).load(customer_id)
    return DialingEligibility.of(found) if found is not None else None
