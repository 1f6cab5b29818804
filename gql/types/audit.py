"""The audit trail: who changed what, when, from where, and the diff."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, TypeAlias, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from gql.context import Info
from gql.nodes import resolve_nodes
from gql.types.accounts import PrincipalKind
from gql.types.common import Connection, DateTimeFilter, IDFilter, StringFilter, connection_of
from models import AuditEntry as AuditEntryModel
from models import enums
from services.audit import entries_by_id, list_audit_entries, may_see_origin
from services.listing import Condition, Filter, PageRequest

AuditAction: TypeAlias = enums.AuditAction
strawberry.enum(AuditAction, description="What was done.")
HttpVerb: TypeAlias = enums.HttpVerb
strawberry.enum(HttpVerb, description="The HTTP verb the action corresponds to.")


@strawberry.type(description="One audited change (or login, send, export...).")
class AuditEntry(relay.Node):
    id: relay.NodeID[int]
    at: datetime = strawberry.field(description="When (UTC).")
    actor_kind: PrincipalKind = strawberry.field(description="Kind of principal that acted.")
    actor_label: str = strawberry.field(description='Who: the user, "Portal", an API key or System.')
    actor_contact_id: relay.GlobalID | None = strawberry.field(
        description='The contact who acted in the customer portal (actorLabel "Portal"); null otherwise.'
    )
    on_behalf_of_user_id: relay.GlobalID | None = strawberry.field(
        description="The staff user on whose behalf it was done: who scheduled the work the system "
        "did, or who opened the portal as the contact (Portal Login)."
    )
    ip: str | None = strawberry.field(description="Address the change came from; null for partners.")
    user_agent: str | None = strawberry.field(description="Client that made the change; null for partners.")
    action: AuditAction = strawberry.field(description="What was done.")
    http_verb: HttpVerb = strawberry.field(description="POST, PUT, DELETE or GET.")
    table: str = strawberry.field(description="Which table was changed.")
    record_id: str = strawberry.field(description="Which record was changed.")
    customer_id: relay.GlobalID | None = strawberry.field(description="The customer concerned.")
    message: str = strawberry.field(description="What was done, in words.")
    reason: str | None = strawberry.field(description="Why, as given by the actor.")
    diff: JSON = strawberry.field(description="Changed fields: {field: {old, new}}; secrets redacted.")

    @classmethod
    def for_reader(cls, info: Info) -> Callable[[AuditEntryModel], AuditEntry]:
        """The mapping for this request's principal: where a change came from (IP, user agent)
        is shown only to the principals the audit service allows."""
        actor = info.context.actor
        show_origin = actor is not None and may_see_origin(actor)
        return lambda row: cls.from_model(row, show_origin)

    @classmethod
    def from_model(cls, row: AuditEntryModel, show_origin: bool) -> AuditEntry:
        return cls(
            id=row.id,
            at=row.at,
            actor_kind=row.actor_kind,
            actor_label=row.actor_label,
            actor_contact_id=_global_id("Contact", row.actor_contact_id),
            on_behalf_of_user_id=_global_id("User", row.on_behalf_of_user_id),
            ip=row.ip if show_origin else None,
            user_agent=row.user_agent if show_origin else None,
            action=row.action,
            http_verb=row.http_verb,
            table=row.table_name,
            record_id=row.record_id,
            message=row.message,
            reason=row.reason,
            customer_id=_global_id("Customer", row.customer_id),
            diff=cast(JSON, row.diff),
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(
            info, node_ids, AuditEntryModel, entries_by_id, AuditEntry.for_reader(info)
        )


def _global_id(type_name: str, pk: int | None) -> relay.GlobalID | None:
    return relay.GlobalID(type_name, str(pk)) if pk else None


@strawberry.input(description="Conditions on the audit action.")
class AuditActionFilter:
    eq: AuditAction | None = strawberry.field(default=None, description="Equal to.")
    in_: list[AuditAction] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Conditions on the kind of principal.")
class PrincipalKindFilter:
    eq: PrincipalKind | None = strawberry.field(default=None, description="Equal to.")
    in_: list[PrincipalKind] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Which audit entries to list; every field given must hold.")
class AuditEntryWhere:
    actor_kind: PrincipalKindFilter | None = strawberry.field(default=None, description="By principal kind.")
    user_id: IDFilter | None = strawberry.field(default=None, description="By acting user.")
    action: AuditActionFilter | None = strawberry.field(default=None, description="By action.")
    table: StringFilter | None = strawberry.field(default=None, description="By table.")
    record_id: StringFilter | None = strawberry.field(default=None, description="By record id.")
    customer_id: IDFilter | None = strawberry.field(default=None, description="By customer.")
    at: DateTimeFilter | None = strawberry.field(default=None, description="By time.")
    and_: list[AuditEntryWhere] | None = strawberry.field(default=None, name="AND", description="All of.")
    or_: list[AuditEntryWhere] | None = strawberry.field(default=None, name="OR", description="Any of.")
    not_: AuditEntryWhere | None = strawberry.field(default=None, name="NOT", description="Not this.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name, column in (
            ("actor_kind", "actor_kind"),
            ("action", "action"),
            ("table", "table_name"),
            ("record_id", "record_id"),
            ("at", "at"),
        ):
            value = getattr(self, name)
            if value is not None:
                conditions[column] = value.to_condition()
        if self.user_id is not None:
            conditions["actor_user_id"] = self.user_id.to_condition_for("User")
        if self.customer_id is not None:
            conditions["customer_id"] = self.customer_id.to_condition_for("Customer")
        return Filter(
            conditions=conditions,
            and_=[w.to_filter() for w in self.and_ or []],
            or_=[w.to_filter() for w in self.or_ or []],
            not_=self.not_.to_filter() if self.not_ else None,
        )


async def audit_page(
    info: Info, where: AuditEntryWhere | None, page: PageRequest, customer_id: int | None = None
) -> Connection[AuditEntry]:
    """The account's trail, or one customer's (for the card's auditLog field)."""
    actor = info.context.actor
    assert actor is not None, "guarded by the field's extension"
    where_filter = where.to_filter() if where else None
    entries = await list_audit_entries(actor, page, where_filter, customer_id=customer_id)
    return connection_of(entries, AuditEntry.for_reader(info))
