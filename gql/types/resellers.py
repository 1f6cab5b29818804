"""Reseller groups' filters, inputs and payloads (the Reseller type is in gql/types/accounts.py)."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.errors import UserError
from gql.fields import Mode, declared_fields
from gql.types.accounts import Reseller
from gql.types.common import REASON, DateTimeFilter, IDFilter, StringFilter
from services.fields import specs_of
from services.listing import Condition, Filter
from services.resellers import ResellerPatch

RESELLER_FIELDS = specs_of(ResellerPatch)


@strawberry.input(description="Which resellers to list; every field given must hold.")
class ResellerWhere:
    id: IDFilter | None = strawberry.field(default=None, description="By reseller id.")
    name: StringFilter | None = strawberry.field(default=None, description="By name.")
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By creation time.")
    and_: list[ResellerWhere] | None = strawberry.field(default=None, name="AND", description="All of.")
    or_: list[ResellerWhere] | None = strawberry.field(default=None, name="OR", description="Any of.")
    not_: ResellerWhere | None = strawberry.field(default=None, name="NOT", description="Not this.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in ("name", "created_at"):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        if self.id is not None:
            conditions["id"] = self.id.to_condition_for("Reseller")
        return Filter(
            conditions=conditions,
            and_=[w.to_filter() for w in self.and_ or []],
            or_=[w.to_filter() for w in self.or_ or []],
            not_=self.not_.to_filter() if self.not_ else None,
        )


@strawberry.input(description="A new reseller group.")
@declared_fields(RESELLER_FIELDS, Mode.CREATE)
class ResellerCreateInput:
    """One field per reseller declaration (services/resellers.py)."""

    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Changes to a reseller group: omitted fields stay.")
@declared_fields(RESELLER_FIELDS, Mode.UPDATE)
class ResellerUpdateInput:
    """One optional field per reseller declaration (services/resellers.py)."""

    id: relay.GlobalID = strawberry.field(description="The reseller.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Delete a reseller group that no live customer and no user belongs to.")
class ResellerDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The reseller.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of resellerCreate and resellerUpdate.")
class ResellerPayload:
    reseller: Reseller | None = strawberry.field(default=None, description="The reseller as saved.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of resellerDelete.")
class ResellerDeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(default=None, description="The reseller deleted.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
