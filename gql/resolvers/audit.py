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
    return await audit_page(info, where, PageRequest(first, after, last, before))


async def audit_page(
    info: Info, where: AuditEntryWhere | None, page: PageRequest, customer_id: int | None = None
) -> Connection[AuditEntry]:
    """The account's trail, or one customer's (for the card's auditLog field)."""
    actor = info.context.actor
    assert actor is not None, "guarded by the field's extension"
    where_filter = where.to_filter() if where else None
    entries = await list_audit_entries(actor, page, where_filter, customer_id=customer_id)
    return connection_of(entries, AuditEntry.for_reader(info))
