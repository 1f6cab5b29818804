"""CSV exports of call data: the inputs and payloads of cdrExportCreate and summaryExportCreate."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry import relay

from gql.errors import UserError
from gql.types.summaries import SummaryPeriod, SummaryWhere
from services.cdrs import exports as service


@strawberry.type(description="A signed, short-lived link to a CSV download (a plain GET, no header).")
class ExportLink:
    url: str = strawberry.field(description="The download; the signature is in it. Share it with no one.")
    expires_at: datetime = strawberry.field(
        description="Until when the link may be fetched (UTC); a download started in time runs to its end."
    )
    filename: str = strawberry.field(description="The name the CSV is downloaded under.")
    row_estimate: int | None = strawberry.field(
        description="Rows expected: exact for summaries; for CDRs the calls the hourly summaries "
        "count so far (CDRs not rolled up yet are not in it)."
    )

    @classmethod
    def of(cls, link: service.ExportLink) -> ExportLink:
        return cls(
            url=link.url, expires_at=link.expires_at, filename=link.filename, row_estimate=link.row_estimate
        )


@strawberry.input(description="The CDRs behind one summary row of a customer, as a CSV.")
class CdrExportCreateInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    period: SummaryPeriod = strawberry.field(
        description="The row's period: the hour (LAST_24_HOURS), day, ISO week or month, UTC."
    )
    start: datetime | None = strawberry.field(
        default=None,
        description="Any moment of the row's period (its start, typically). Required but for "
        "LAST_24_HOURS, where omitting it exports the whole 24-hour view.",
    )
    reason: str | None = strawberry.field(default=None, description="Kept in the audit entry.")


@strawberry.input(description="Summary rows of one or more customers, as a CSV.")
class SummaryExportCreateInput:
    customer_id: relay.GlobalID | None = strawberry.field(
        default=None, description="One customer; or give `where`."
    )
    where: SummaryWhere | None = strawberry.field(
        default=None,
        description=f"Several customers, as in the summaries query (at most {service.MAX_EXPORT_CUSTOMERS}).",
    )
    period: SummaryPeriod = strawberry.field(description="How the rows are cut.")
    from_: datetime | None = strawberry.field(
        default=None, name="from", description="Start (inclusive, UTC), as in the summaries query."
    )
    to: datetime | None = strawberry.field(default=None, description="End (exclusive, UTC).")
    reason: str | None = strawberry.field(default=None, description="Kept in the audit entry.")


@strawberry.type(description="Result of cdrExportCreate.")
class CdrExportCreatePayload:
    export: ExportLink | None = strawberry.field(default=None, description="The link; null when refused.")
    url: str | None = strawberry.field(default=None, description="The link's URL (as export.url).")
    expires_at: datetime | None = strawberry.field(default=None, description="As export.expiresAt.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of summaryExportCreate.")
class SummaryExportCreatePayload:
    export: ExportLink | None = strawberry.field(default=None, description="The link; null when refused.")
    url: str | None = strawberry.field(default=None, description="The link's URL (as export.url).")
    expires_at: datetime | None = strawberry.field(default=None, description="As export.expiresAt.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
