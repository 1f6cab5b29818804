"""Audit trail queries."""

from __future__ import annotations

import strawberry

from gql.context import Info
from gql.declare import query
from gql.types.audit import AuditEntry, AuditEntryWhere, audit_page
from gql.types.common import Connection
from models.enums import Permission
from services.listing import PageRequest


async def audit_log(
    info: Info,
    where: AuditEntryWhere | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[AuditEntry]:
    return await audit_page(info, where, PageRequest(first, after, last, before))


@strawberry.type(description="Queries of the audit trail.")
class AuditQueries:
    audit_log: Connection[AuditEntry] = query(
        audit_log,
        needs=Permission.AUDIT_READ,
        description="The account's audit trail, newest first.",
    )
