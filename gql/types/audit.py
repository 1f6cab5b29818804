"""The audit trail: who changed what, when, from where, and the diff."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeAlias, cast

import strawberry
from strawberry import relay
from strawberry.scalars import JSON

from gql.context import Info
from gql.types.accounts import PrincipalKind
from gql.types.common import DateTimeFilter, IDFilter, StringFilter, node_pks
from models import AuditEntry as AuditEntryModel
from models import enums
from services.audit import visible_entries
from services.listing import Condition, Filter

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
    ip: str | None = strawberry.field(description="Address the change came from.")
    user_agent: str | None = strawberry.field(description="Client that made the change.")
    action: AuditAction = strawberry.field(description="What was done.")
    http_verb: HttpVerb = strawberry.field(description="POST, PUT, DELETE or GET.")
    table: str = strawberry.field(description="Which table was changed.")
    record_id: str = strawberry.field(description="Which record was changed.")
    customer_id: relay.GlobalID | None = strawberry.field(description="The customer concerned.")
    message: str = strawberry.field(description="What was done, in words.")
    reason: str | None = strawberry.field(description="Why, as given by the actor.")
    diff: JSON = strawberry.field(description="Changed fields: {field: {old, new}}; secrets redacted.")

    @classmethod
    def from_model(cls, row: AuditEntryModel) -> AuditEntry:
        return cls(
            id=row.id,
            at=row.at,
            actor_kind=row.actor_kind,
            actor_label=row.actor_label,
            ip=row.ip,
            user_agent=row.user_agent,
            action=row.action,
            http_verb=row.http_verb,
            table=row.table_name,
            record_id=row.record_id,
            message=row.message,
            reason=row.reason,
            customer_id=relay.GlobalID("Customer", str(row.customer_id)) if row.customer_id else None,
            diff=cast(JSON, row.diff),
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        actor = info.context.actor
        pks = node_pks(node_ids, AuditEntryModel)
        if actor is None or not actor.can(enums.Permission.AUDIT_READ):
            return [None for _ in pks]
        rows = {row.id: row for row in await visible_entries(actor).filter(id__in=[pk for pk in pks if pk])}
        return [cls.from_model(rows[pk]) if pk in rows else None for pk in pks]


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
