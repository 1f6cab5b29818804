"""Call data: the summariesRefresh input and payload."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.errors import UserError


@strawberry.input(description="Roll the CDRs received so far up into the hourly summaries, now.")
class SummariesRefreshInput:
    customer_ids: list[relay.GlobalID] | None = strawberry.field(
        default=None, description="These customers; every customer you may see when omitted."
    )


@strawberry.type(description="Result of summariesRefresh: the summaries are current when it returns.")
class SummariesRefreshPayload:
    hours_recomputed: int = strawberry.field(default=0, description="Hourly summary rows recomputed.")
    cdrs_counted: int = strawberry.field(default=0, description="CDRs those rows sum.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
