"""API keys of the account (the secret is shown once, in the create payload)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.nodes import resolve_nodes
from gql.types.accounts import Permission
from gql.types.common import REASON
from models import ApiKey as ApiKeyModel
from services.api_keys import api_keys_by_id


@strawberry.type(description="A credential for an integration (billing system, CDR feed).")
class ApiKey(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="What the key is for.")
    prefix: str = strawberry.field(description="Public part of the key, to recognise it.")
    permissions: list[Permission] = strawberry.field(description="What requests with the key may do.")
    created_at: datetime = strawberry.field(description="When it was created (UTC).")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked, if it was.")

    @classmethod
    def from_model(cls, row: ApiKeyModel) -> ApiKey:
        return cls(
            id=row.id,
            name=row.name,
            prefix=row.prefix,
            permissions=[Permission(p) for p in row.permissions],
            created_at=row.created_at,
            revoked_at=row.revoked_at,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, ApiKeyModel, api_keys_by_id, cls.from_model)


@strawberry.input(description="A new API key.")
class ApiKeyCreateInput:
    name: str = strawberry.field(description="What the key is for.")
    permissions: list[Permission] = strawberry.field(description="At most the permissions you hold.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of apiKeyCreate. The secret is shown here only.")
class ApiKeyCreatePayload:
    api_key: ApiKey | None = strawberry.field(default=None, description="The key.")
    secret: str | None = strawberry.field(
        default=None, description="Send as `Authorization: Bearer <secret>`; it cannot be shown again."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="Revoke an API key.")
class ApiKeyRevokeInput:
    id: relay.GlobalID = strawberry.field(description="The key.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of apiKeyRevoke.")
class ApiKeyRevokePayload:
    api_key: ApiKey | None = strawberry.field(default=None, description="The revoked key.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
