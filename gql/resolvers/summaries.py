"""Call summaries for billing systems: decode, call one service, map."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry

from gql.context import Info, require_actor
from gql.declare import query
from gql.types.summaries import CustomerSummaries, SummaryPeriod, SummaryWhere, summary_query
from models.enums import Permission
from services.cdrs import summaries


async def summaries_of(
    info: Info,
    where: SummaryWhere,
    period: SummaryPeriod,
    from_: Annotated[
        datetime | None,
        strawberry.argument(
            name="from",
            description="Start (inclusive, UTC); the rows are the whole periods overlapping [from, to).",
        ),
    ] = None,
    to: Annotated[datetime | None, strawberry.argument(description="End (exclusive, UTC).")] = None,
) -> list[CustomerSummaries]:
    customer_ids = where.customer_ids()
    found = await summaries.summaries_of_customers(
        require_actor(info), customer_ids, summary_query(period, from_, to)
    )
    return [CustomerSummaries.of_customer(found[cid]) for cid in dict.fromkeys(customer_ids)]


@strawberry.type
class SummaryQueries:
    summaries: list[CustomerSummaries] = query(
        summaries_of,
        needs=Permission.BILLING_READ,
        or_=(Permission.CUSTOMERS_READ,),
        description="The call summaries of these customers (each once, in the order given), as "
        "on the customer card: rows per period in UTC and their totals. For billing systems; "
        f"at most {summaries.MAX_CUSTOMERS} customers and {summaries.MAX_RANGE_DAYS} days.",
    )
