"""Roles and the permission catalogue: decode, call one service, map."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.fields import given_values
from gql.types.common import decode_id
from gql.types.roles import (
    ROLE_FIELDS,
    PermissionInfo,
    Role,
    RoleCreateInput,
    RoleDeleteInput,
    RoleDeletePayload,
    RolePayload,
    RoleUpdateInput,
)
from models.enums import Permission
from services import permissions, roles


async def permissions_query(info: Info) -> list[PermissionInfo]:
    return [PermissionInfo.from_info(item) for item in permissions.permission_catalogue()]


async def roles_query(info: Info) -> list[Role]:
    return [Role.from_model(row) for row in await roles.list_roles(require_actor(info))]


async def role_create(info: Info, input: RoleCreateInput) -> RolePayload:
    patch = roles.RolePatch(**given_values(input, ROLE_FIELDS))
    return RolePayload(
        role=Role.from_model(await roles.create_role(require_actor(info), patch, input.reason))
    )


async def role_update(info: Info, input: RoleUpdateInput) -> RolePayload:
    row = await roles.update_role(
        require_actor(info),
        decode_id(input.id, "Role", "id"),
        roles.RolePatch(**given_values(input, ROLE_FIELDS)),
        input.reason,
    )
    return RolePayload(role=Role.from_model(row))


async def role_delete(info: Info, input: RoleDeleteInput) -> RoleDeletePayload:
    row = await roles.delete_role(require_actor(info), decode_id(input.id, "Role", "id"), input.reason)
    return RoleDeletePayload(deleted_id=relay.GlobalID("Role", str(row.id)))


@strawberry.type(description="Queries of roles and permissions.")
class RoleQueries:
    permissions: list[PermissionInfo] = query(
        permissions_query,
        needs=None,
        description="Every permission a role or an API key can hold, with what it allows.",
    )
    roles: list[Role] = query(
        roles_query,
        needs=Permission.CUSTOMERS_READ,
        description="The account's roles, built-in ones first, then by name (a partner sees the "
        "roles of its reseller's users).",
    )


@strawberry.type(description="Mutations of roles.")
class RoleMutations:
    role_create: RolePayload = mutation(
        role_create,
        needs=Permission.USERS_WRITE,
        description="Create a role; you can grant only permissions you hold. Not for partner users.",
    )
    role_update: RolePayload = mutation(
        role_update,
        needs=Permission.USERS_WRITE,
        description="Rename a role or change its permissions. Built-in roles, roles holding a "
        "permission you do not, and removing users:write from your own role are refused.",
    )
    role_delete: RoleDeletePayload = mutation(
        role_delete,
        needs=Permission.USERS_WRITE,
        description="Delete a role that no user holds (built-in roles never).",
    )
