"""API keys for integrations (billing system, CDR feed). The secret is shown once, at creation,
and stored only as a SHA-256 hash; a key never holds a permission its creator lacks.

Keys are made by users (or the system), never by keys: a key that could mint keys could leave
behind children that outlive its own revocation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from models import ApiKey
from models.enums import ActorKind, AuditAction, Permission
from services import auth
from services.actor import Actor
from services.auditing import creation_diff, json_safe
from services.errors import ErrorCode, ServiceError, not_found
from services.uow import unit_of_work
from services.validation import Invalid, text

TABLE = "api_key"


async def create_api_key(
    actor: Actor, name: str, permissions: list[Permission], reason: str | None = None
) -> tuple[ApiKey, str]:
    """A new key and its secret (returned this once)."""
    actor.require(Permission.SETTINGS_WRITE)
    if actor.kind not in (ActorKind.USER, ActorKind.SYSTEM):
        raise ServiceError.single(ErrorCode.PERMISSION_DENIED, "Only a user can create API keys.")
    if actor.reseller_id is not None:
        # A key is account-wide: one made by a partner would see every reseller's customers.
        raise ServiceError.single(ErrorCode.PERMISSION_DENIED, "A partner user cannot create API keys.")
    try:
        name = text(name, max_length=200, required=True)
    except Invalid as exc:
        raise ServiceError([exc.at("name")]) from exc
    granted = sorted(set(permissions), key=lambda p: p.value)
    beyond = [p.value for p in granted if not actor.can(p)]
    if beyond:
        raise ServiceError.single(
            ErrorCode.PERMISSION_DENIED,
            f"You cannot grant what you do not hold: {', '.join(beyond)}.",
            "permissions",
        )
    prefix, secret = auth.new_api_key_secret()
    async with unit_of_work(actor, reason) as uow:
        key = await ApiKey.create(
            account_id=actor.account_id,
            name=name,
            prefix=prefix,
            key_hash=auth.sha256(secret),
            permissions=[p.value for p in granted],
            using_db=uow.conn,
        )
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            key.id,
            f"API key {name} created",
            diff=creation_diff({"name": name, "permissions": json_safe(key.permissions)}),
        )
    return key, secret


async def revoke_api_key(actor: Actor, key_id: int, reason: str | None = None) -> ApiKey:
    """Revoke a key: requests bearing it are anonymous from now on."""
    actor.require(Permission.SETTINGS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        key = await uow.locked(
            ApiKey.filter(id=key_id, account_id=actor.account_id, revoked_at__isnull=True)
        ).first()
        if key is None:
            raise not_found("API key", "id")
        key.revoked_at = datetime.now(UTC)
        await key.save(using_db=uow.conn, update_fields=["revoked_at"])
        uow.audit(
            AuditAction.UPDATE,
            TABLE,
            key.id,
            f"API key {key.name} revoked",
            diff={"revoked_at": {"old": None, "new": key.revoked_at.isoformat()}},
        )
    return key


async def api_keys_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, ApiKey]:
    """The account's keys among `ids`, by id."""
    actor.require(Permission.SETTINGS_READ)
    return {key.id: key for key in await ApiKey.filter(account_id=actor.account_id, id__in=list(ids))}


async def list_api_keys(actor: Actor) -> list[ApiKey]:
    actor.require(Permission.SETTINGS_READ)
    return list(await ApiKey.filter(account_id=actor.account_id).order_by("-created_at", "-id"))
