"""Roles, the permission catalogue, and their inputs and payloads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import Refusals, UserError
from gql.fields import Mode, declared_fields
from gql.nodes import resolve_nodes
from gql.types.accounts import Permission
from gql.types.common import REASON
from models import Role as RoleModel
from services import permissions, roles
from services.fields import specs_of

ROLE_FIELDS = specs_of(roles.RolePatch)


@strawberry.type(description="One permission, for a role editor: what it allows.")
class PermissionInfo:
    code: Permission = strawberry.field(description="The permission, as roles and API keys hold it.")
    name: str = strawberry.field(description='A short label for a person, e.g. "Read customers".')
    value: str = strawberry.field(
        description='Its written form (e.g. "customers:read"), as the operations\' "Needs" texts name it.'
    )
    description: str = strawberry.field(description="What it allows, for a person to read.")

    @classmethod
    def from_info(cls, info: permissions.PermissionInfo) -> PermissionInfo:
        return cls(
            code=info.permission,
            name=info.label,
            value=info.permission.value,
            description=info.description,
        )


@strawberry.type(description="A named set of permissions, granted to users.")
class Role(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Unique in the account, ignoring case.")
    permissions: list[Permission] = strawberry.field(description="What its users may do.")
    built_in: bool = strawberry.field(
        description="Made with the account (Administrator, Support, Partner): it cannot be renamed, "
        "edited or deleted."
    )

    @strawberry.field(
        description="How many users hold it, inactive ones included (of those you may see).",
        extensions=[Refusals()],
    )
    async def user_count(self, info: Info) -> int:
        return await info.context.loaders.user_count_by_role_id.load(self.id)

    @classmethod
    def from_model(cls, row: RoleModel) -> Role:
        return cls(
            id=row.id,
            name=row.name,
            permissions=[Permission(p) for p in permissions.permissions_of(row)],
            built_in=row.built_in,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, RoleModel, roles.roles_by_id, cls.from_model)


@strawberry.input(description="A new role.")
@declared_fields(ROLE_FIELDS, Mode.CREATE)
class RoleCreateInput:
    """One field per role declaration (services/roles.py)."""

    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Changes to a role: omitted fields stay.")
@declared_fields(ROLE_FIELDS, Mode.UPDATE)
class RoleUpdateInput:
    """One optional field per role declaration (services/roles.py)."""

    id: relay.GlobalID = strawberry.field(description="The role.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Delete a role that no user holds.")
class RoleDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The role.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of roleCreate and roleUpdate.")
class RolePayload:
    role: Role | None = strawberry.field(default=None, description="The role as saved.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of roleDelete.")
class RoleDeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(default=None, description="The role deleted.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
