"""CSV exports of call data: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation
from gql.types.common import decode_id
from gql.types.exports import (
    CdrExportCreateInput,
    CdrExportCreatePayload,
    ExportLink,
    SummaryExportCreateInput,
    SummaryExportCreatePayload,
)
from gql.types.summaries import summary_query
from models.enums import Permission
from services.cdrs import exports
from services.errors import ErrorCode, ServiceError


async def cdr_export_create(info: Info, input: CdrExportCreateInput) -> CdrExportCreatePayload:
    link = await exports.create_cdr_export(
        info.context.settings,
        require_actor(info),
        decode_id(input.customer_id, "Customer", "customer_id"),
        input.period,
        input.start,
        input.reason,
    )
    return CdrExportCreatePayload(export=ExportLink.of(link), url=link.url, expires_at=link.expires_at)


async def summary_export_create(info: Info, input: SummaryExportCreateInput) -> SummaryExportCreatePayload:
    if (input.customer_id is None) == (input.where is None):
        raise ServiceError.single(ErrorCode.INVALID, "Give one of customerId or where.", "customer_id")
    if input.customer_id is not None:
        customer_ids = [decode_id(input.customer_id, "Customer", "customer_id")]
    else:
        assert input.where is not None
        customer_ids = input.where.customer_ids()
    link = await exports.create_summary_export(
        info.context.settings,
        require_actor(info),
        customer_ids,
        summary_query(input.period, input.from_, input.to),
        input.reason,
    )
    return SummaryExportCreatePayload(export=ExportLink.of(link), url=link.url, expires_at=link.expires_at)


@strawberry.type
class ExportMutations:
    cdr_export_create: CdrExportCreatePayload = mutation(
        cdr_export_create,
        needs=Permission.BILLING_READ,
        or_=(Permission.CUSTOMERS_READ,),
        portal=True,
        description="A signed link, valid for minutes, to the CSV of the CDRs behind one summary "
        "row of a customer (its hour, day, week or month); audited as an EXPORT. In the portal, "
        "refused when the customer's portal hides the CDR section.",
    )
    summary_export_create: SummaryExportCreatePayload = mutation(
        summary_export_create,
        needs=Permission.BILLING_READ,
        or_=(Permission.CUSTOMERS_READ,),
        portal=True,
        description="A signed link, valid for minutes, to the CSV of customers' summary rows "
        "(as the summaries query); audited as an EXPORT. In the portal, refused when the "
        "customer's portal hides the SUMMARY section.",
    )
