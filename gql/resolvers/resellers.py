"""Reseller groups: decode, call one service, map."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.fields import given_values
from gql.types.accounts import Reseller
from gql.types.common import Connection, connection_of, decode_id
from gql.types.resellers import (
    RESELLER_FIELDS,
    ResellerCreateInput,
    ResellerDeleteInput,
    ResellerDeletePayload,
    ResellerPayload,
    ResellerUpdateInput,
    ResellerWhere,
)
from models.enums import Permission
from services import resellers
from services.listing import PageRequest


async def resellers_query(
    info: Info,
    where: ResellerWhere | None = None,
    search: str | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Reseller]:
    page = await resellers.list_resellers(
        require_actor(info),
        PageRequest(first, after, last, before),
        where.to_filter() if where else None,
        search,
    )
    return connection_of(page, Reseller.from_model)


async def reseller_create(info: Info, input: ResellerCreateInput) -> ResellerPayload:
    patch = resellers.ResellerPatch(**given_values(input, RESELLER_FIELDS))
    row = await resellers.create_reseller(require_actor(info), patch, input.reason)
    return ResellerPayload(reseller=Reseller.from_model(row))


async def reseller_update(info: Info, input: ResellerUpdateInput) -> ResellerPayload:
    row = await resellers.update_reseller(
        require_actor(info),
        decode_id(input.id, "Reseller", "id"),
        resellers.ResellerPatch(**given_values(input, RESELLER_FIELDS)),
        input.reason,
    )
    return ResellerPayload(reseller=Reseller.from_model(row))


async def reseller_delete(info: Info, input: ResellerDeleteInput) -> ResellerDeletePayload:
    row = await resellers.delete_reseller(
        require_actor(info), decode_id(input.id, "Reseller", "id"), input.reason
    )
    return ResellerDeletePayload(deleted_id=relay.GlobalID("Reseller", str(row.id)))


@strawberry.type(description="Queries of reseller groups.")
class ResellerQueries:
    resellers: Connection[Reseller] = query(
        resellers_query,
        needs=Permission.CUSTOMERS_READ,
        description="The account's reseller groups by name (a partner sees its own); `search` "
        "matches every word in the name.",
    )


@strawberry.type(description="Mutations of reseller groups.")
class ResellerMutations:
    reseller_create: ResellerPayload = mutation(
        reseller_create,
        needs=Permission.USERS_WRITE,
        description="Create a reseller group. Not for partner users.",
    )
    reseller_update: ResellerPayload = mutation(
        reseller_update,
        needs=Permission.USERS_WRITE,
        description="Rename a reseller group. Not for partner users.",
    )
    reseller_delete: ResellerDeletePayload = mutation(
        reseller_delete,
        needs=Permission.USERS_WRITE,
        description="Delete a reseller group that no live customer and no user belongs to "
        "(RESELLER_IN_USE gives both counts). Not for partner users.",
    )
