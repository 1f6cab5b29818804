"""API key management: decode, call one service, map."""

from __future__ import annotations

from gql.context import Info, require_actor
from gql.types.api_keys import (
    ApiKey,
    ApiKeyCreateInput,
    ApiKeyCreatePayload,
    ApiKeyRevokeInput,
    ApiKeyRevokePayload,
)
from gql.types.common import decode_id
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
