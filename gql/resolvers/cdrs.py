"""Call data: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation
from gql.types.cdrs import SummariesRefreshInput, SummariesRefreshPayload
from gql.types.common import decode_ids
from models.enums import Permission
from services.cdrs import rollup


async def summaries_refresh(info: Info, input: SummariesRefreshInput) -> SummariesRefreshPayload:
    customer_ids = decode_ids(input.customer_ids, "Customer", "customerIds")
    stats = await rollup.refresh_summaries(require_actor(info), customer_ids)
    return SummariesRefreshPayload(hours_recomputed=stats.hours, cdrs_counted=stats.cdrs)


@strawberry.type
class CdrMutations:
    summaries_refresh: SummariesRefreshPayload = mutation(
        summaries_refresh,
        needs=Permission.CUSTOMERS_READ,
        description="Run the hourly roll-up now for these customers (all you may see when omitted) "
        "and return when it is done; the scheduler runs it every hour anyway.",
    )
