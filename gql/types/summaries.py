"""Call summaries: rows per period with their totals (services/cdrs/summaries.py)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.types.common import decode_id, decode_ids
from services.cdrs import summaries as service
from services.errors import ErrorCode, ServiceError

SummaryPeriod: TypeAlias = service.SummaryPeriod
strawberry.enum(
    SummaryPeriod,
    description="How summary rows are cut, in UTC: the last 24 hours by the hour, or by day, "
    "by week (Monday to Monday) or by calendar month.",
)

ASR = "Answer-seizure ratio: connected / attempts, percent (2 places, half-even); null without attempts."
ACD = "Average call duration: duration / connected, seconds (2 places); null without connected calls."
PROFIT_PERCENT = "Profit / charge, percent (2 places); null when the charge is zero."
AVERAGE = " The plain mean of the rows' own figures, over the rows where it is defined (the seeds' "
AVERAGE += '"average of averages"); null when no row has one.'


@strawberry.type(description="The call figures of one period (UTC).")
class SummaryRow:
    period_start: datetime = strawberry.field(description="Start of the period (inclusive, UTC).")
    period_end: datetime = strawberry.field(description="End of the period (exclusive, UTC).")
    attempts: int = strawberry.field(description="Calls attempted.")
    connected: int = strawberry.field(description="Calls answered.")
    asr: Decimal | None = strawberry.field(description=ASR)
    acd: Decimal | None = strawberry.field(description=ACD)
    duration: int = strawberry.field(description="Seconds of connected calls.")
    billed_duration: int = strawberry.field(description="Seconds billed.")
    charge: Decimal = strawberry.field(description="What the customer was charged, in its currency.")
    cost: Decimal = strawberry.field(
        description="What the calls cost the carrier, in the customer's currency."
    )
    profit: Decimal = strawberry.field(description="Charge - cost, in the customer's currency.")
    profit_percent: Decimal | None = strawberry.field(description=PROFIT_PERCENT)

    @classmethod
    def of(cls, row: service.SummaryRow) -> SummaryRow:
        return cls(
            period_start=row.period_start,
            period_end=row.period_end,
            attempts=row.sums.attempts,
            connected=row.sums.connected,
            asr=row.asr,
            acd=row.acd,
            duration=row.sums.duration,
            billed_duration=row.sums.billed_duration,
            charge=row.charge,
            cost=row.cost,
            profit=row.profit,
            profit_percent=row.profit_percent,
        )


@strawberry.type(
    description="The rows summed. Every ratio twice: weighted (from the sums) and as the "
    "average of the rows' ratios."
)
class SummaryTotals:
    attempts: int = strawberry.field(description="Calls attempted.")
    connected: int = strawberry.field(description="Calls answered.")
    asr: Decimal | None = strawberry.field(description=f"Weighted. {ASR}")
    asr_average_of_averages: Decimal | None = strawberry.field(description=f"ASR.{AVERAGE}")
    acd: Decimal | None = strawberry.field(description=f"Weighted. {ACD}")
    acd_average_of_averages: Decimal | None = strawberry.field(description=f"ACD.{AVERAGE}")
    duration: int = strawberry.field(description="Seconds of connected calls.")
    billed_duration: int = strawberry.field(description="Seconds billed.")
    charge: Decimal = strawberry.field(
        description="Charges, summed exactly and then rounded to the minor unit."
    )
    cost: Decimal = strawberry.field(description="Costs, summed exactly and then rounded.")
    profit: Decimal = strawberry.field(description="Charge - cost, summed exactly and then rounded.")
    profit_percent: Decimal | None = strawberry.field(description=f"Weighted. {PROFIT_PERCENT}")
    profit_percent_average_of_averages: Decimal | None = strawberry.field(description=f"Profit %.{AVERAGE}")

    @classmethod
    def of(cls, totals: service.SummaryTotals) -> SummaryTotals:
        return cls(
            attempts=totals.sums.attempts,
            connected=totals.sums.connected,
            asr=totals.asr,
            asr_average_of_averages=totals.asr_average_of_averages,
            acd=totals.acd,
            acd_average_of_averages=totals.acd_average_of_averages,
            duration=totals.sums.duration,
            billed_duration=totals.sums.billed_duration,
            charge=totals.charge,
            cost=totals.cost,
            profit=totals.profit,
            profit_percent=totals.profit_percent,
            profit_percent_average_of_averages=totals.profit_percent_average_of_averages,
        )


@strawberry.type(
    description="A customer's summary: one row per period of the range, oldest first, and totals."
)
class Summaries:
    period: SummaryPeriod = strawberry.field(description="How the rows are cut.")
    range_start: datetime = strawberry.field(description="Start of the first row (UTC).")
    range_end: datetime = strawberry.field(description="End of the last row (UTC).")
    currency: str = strawberry.field(description="The customer's currency: that of every amount here.")
    rows: list[SummaryRow] = strawberry.field(
        description="Every period of the range, zeros where no call was made."
    )
    totals: SummaryTotals = strawberry.field(description="The rows summed.")

    @classmethod
    def of(cls, found: service.CustomerSummaries) -> Summaries:
        assert found.totals is not None
        return cls(
            period=found.range.period,
            range_start=found.range.start,
            range_end=found.range.end,
            currency=found.currency,
            rows=[SummaryRow.of(row) for row in found.rows],
            totals=SummaryTotals.of(found.totals),
        )


@strawberry.type(description="One customer's summary, for billing systems (the root `summaries`).")
class CustomerSummaries(Summaries):
    customer_id: relay.GlobalID = strawberry.field(description="The customer's global id.")

    @classmethod
    def of_customer(cls, found: service.CustomerSummaries) -> CustomerSummaries:
        base = Summaries.of(found)
        return cls(**vars(base), customer_id=relay.GlobalID("Customer", str(found.customer_id)))


@strawberry.input(description="Which customers, by global id: `eq` one, or `in` several.")
class SummaryCustomerFilter:
    eq: relay.GlobalID | None = strawberry.field(default=None, description="This customer.")
    in_: list[relay.GlobalID] | None = strawberry.field(
        default=None, name="in", description=f"These customers (at most {service.MAX_CUSTOMERS})."
    )


@strawberry.input(description="Whose summaries.")
class SummaryWhere:
    customer_id: SummaryCustomerFilter = strawberry.field(description="The customers.")

    def customer_ids(self) -> list[int]:
        """The ids, in order (unknown ones NOT_FOUND at their place)."""
        chosen = self.customer_id
        if (chosen.eq is None) == (chosen.in_ is None):
            raise ServiceError.single(ErrorCode.INVALID, "Give one of eq or in.", "where", "customerId")
        if chosen.eq is not None:
            return [decode_id(chosen.eq, "Customer", "where", "customerId", "eq")]
        return decode_ids(chosen.in_, "Customer", "where", "customerId", "in") or []


def summary_query(
    period: SummaryPeriod, start: datetime | None, end: datetime | None
) -> service.SummaryQuery:
    return service.SummaryQuery(period, start, end)


async def customer_summaries(
    info: Info, customer_id: int, period: SummaryPeriod, start: datetime | None, end: datetime | None
) -> Summaries | None:
    """Customer.summaries: through the request's loader, so a page of customers is two statements."""
    query = summary_query(period, start, end)
    service.resolve_range(query)  # refuse bad arguments here, on this field, before any load
    found = await info.context.loaders.summaries(query).load(customer_id)
    return Summaries.of(found) if found is not None else None
