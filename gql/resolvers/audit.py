"""Audit trail queries."""

from __future__ import annotations

from gql.context import Info
from gql.types.audit import AuditEntry, AuditEntryWhere
from gql.types.common import Connection, connection_of
from services.audit import list_audit_entries
from services.listing import PageRequest


async def audit_log(
    info: Info,
    where: AuditEntryWhere | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[AuditEntry]:
    actor = info.context.actor
    assert actor is not None, "guarded by the field's extension"
    page = await list_audit_entries(
        actor, PageRequest(first, after, last, before), where.to_filter() if where else None
    )
    return connection_of(page, AuditEntry.from_model)
