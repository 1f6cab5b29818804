"""API key management: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.types.api_keys import (
    ApiKey,
    ApiKeyCreateInput,
    ApiKeyCreatePayload,
    ApiKeyRevokeInput,
    ApiKeyRevokePayload,
)
from gql.types.common import decode_id
from models.enums import Permission
from services import api_keys


async def api_keys_query(info: Info) -> list[ApiKey]:
    return [ApiKey.from_model(row) for row in await api_keys.list_api_keys(require_actor(info))]


async def api_key_create(info: Info, input: ApiKeyCreateInput) -> ApiKeyCreatePayload:
    key, secret = await api_keys.create_api_key(
        require_actor(info), input.name, list(input.permissions), input.reason
    )
    return ApiKeyCreatePayload(api_key=ApiKey.from_model(key), secret=secret)


async def api_key_revoke(info: Info, input: ApiKeyRevokeInput) -> ApiKeyRevokePayload:
    key = await api_keys.revoke_api_key(
        require_actor(info), decode_id(input.id, "ApiKey", "id"), input.reason
    )
    return ApiKeyRevokePayload(api_key=ApiKey.from_model(key))


@strawberry.type(description="Queries of API keys.")
class ApiKeyQueries:
    api_keys: list[ApiKey] = query(
        api_keys_query,
        needs=Permission.SETTINGS_READ,
        description="The account's API keys, newest first (secrets never).",
    )


@strawberry.type(description="Mutations of API keys.")
class ApiKeyMutations:
    api_key_create: ApiKeyCreatePayload = mutation(
        api_key_create,
        needs=Permission.SETTINGS_WRITE,
        description="Create an API key; its secret is shown once.",
    )
    api_key_revoke: ApiKeyRevokePayload = mutation(
        api_key_revoke,
        needs=Permission.SETTINGS_WRITE,
        description="Revoke an API key at once.",
    )
