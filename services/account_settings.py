"""The account's settings: number range, audit policy, e-mail and SMS transports.

Secrets (SMTP password, SMS token) are write-only: never returned, never in an audit diff.
Every text is refused past its column's length (never left to the database, whose error would
quote it), and the SMTP host and SMS API URL may not name an internal address."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from models import Account
from models.enums import AuditAction, MessageChannel, Permission, SmtpTlsMode
from services import validation as v
from services.actor import Actor
from services.auditing import diff, snapshot
from services.errors import ErrorCode, FieldError, ServiceError
from services.messaging import egress
from services.messaging.outbox import normalized_destination
from services.numbers.blocks import blocks_stay_valid, lock_account
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Invalid, Patch, Unset

SECRETS = frozenset({"smtp_password", "sms_auth_token"})


@dataclass(frozen=True)
class AccountSettingsPatch(Patch):
    number_range_start: int | None | Unset = UNSET
    number_block_size: int | None | Unset = UNSET
    require_audit_reason: bool | Unset = UNSET
    email_from: str | None | Unset = UNSET
    smtp_host: str | None | Unset = UNSET
    smtp_port: int | None | Unset = UNSET
    smtp_tls_mode: SmtpTlsMode | Unset = UNSET
    smtp_username: str | None | Unset = UNSET
    smtp_password: str | None | Unset = UNSET
    sms_api_base_url: str | None | Unset = UNSET
    sms_account_sid: str | None | Unset = UNSET
    sms_auth_token: str | None | Unset = UNSET
    sms_from: str | None | Unset = UNSET


FIELDS = tuple(f.name for f in fields(AccountSettingsPatch))
NOT_NULL = frozenset({"require_audit_reason", "smtp_tls_mode"})


def _port(value: int) -> int:
    if not 1 <= value <= 65535:
        raise Invalid("A port is between 1 and 65535.")
    return value


def _block_size(value: int) -> int:
    if not 1 <= value <= 1_000_000:
        raise Invalid("A block size is between 1 and 1000000.")
    return value


def _range_start(value: int) -> int:
    return v.non_negative_int(value, maximum=10**15)


def _phone(value: str) -> str:
    return normalized_destination(MessageChannel.SMS, value)


def _column_length(name: str) -> int:
    """The column's max_length, so validation and schema never drift apart."""
    length = Account._meta.fields_map[name].max_length  # type: ignore[attr-defined]
    assert isinstance(length, int)
    return length


def _secret(name: str) -> Any:
    limit = _column_length(name)

    def clean(value: str) -> str | None:
        # Kept as given: spaces can be part of a password. The message never quotes it.
        if len(value) > limit:
            raise Invalid(f"At most {limit} characters.")
        return value or None

    return clean


def _text(name: str) -> Any:
    limit = _column_length(name)
    return lambda value: v.optional_text(value, max_length=limit)


def _url(name: str) -> Any:
    limit = _column_length(name)

    def clean(value: str) -> str | None:
        cleaned = v.url(value)
        if cleaned is not None and len(cleaned) > limit:
            raise Invalid(f"At most {limit} characters.")
        return cleaned

    return clean


CLEANERS: dict[str, Any] = {
    "number_range_start": _range_start,
    "number_block_size": _block_size,
    "require_audit_reason": lambda value: value,
    "email_from": v.email,
    "smtp_host": _text("smtp_host"),
    "smtp_port": _port,
    "smtp_tls_mode": lambda value: value,
    "smtp_username": _text("smtp_username"),
    "smtp_password": _secret("smtp_password"),
    "sms_api_base_url": _url("sms_api_base_url"),
    "sms_account_sid": _text("sms_account_sid"),
    "sms_auth_token": _secret("sms_auth_token"),
    "sms_from": _phone,
}
# The host each tenant-configured destination names, to refuse internal addresses early (the
# senders check again at send time, after resolving names).
HOSTS: dict[str, Any] = {
    "smtp_host": lambda value: value,
    "sms_api_base_url": lambda value: urlsplit(value).hostname or "",
}


def _refuse_internal_host(host: str, allow_private: bool) -> None:
    address = egress.literal_address(host)
    if address is not None and not egress.address_allowed(address, allow_private=allow_private):
        raise Invalid(
            "Loopback, private, link-local and cloud metadata addresses cannot be used here.",
            ErrorCode.ADDRESS_NOT_ALLOWED,
        )


async def read_settings(actor: Actor) -> Account:
    actor.require(Permission.SETTINGS_READ)
    return await Account.get(id=actor.account_id)


async def update_settings(
    actor: Actor,
    patch: AccountSettingsPatch,
    reason: str | None = None,
    *,
    allow_private_outbound: bool = False,
) -> Account:
    """Apply the given settings; one audit entry with the secrets redacted.

    `allow_private_outbound` (the operator's setting) lets hosts be internal addresses."""
    actor.require(Permission.SETTINGS_WRITE)
    cleaned = _cleaned(patch.given(), allow_private_outbound)
    async with unit_of_work(actor, reason) as uow:
        account = await lock_account(uow)
        before = snapshot(account, FIELDS)
        for name, value in cleaned.items():
            setattr(account, name, value)
        await _refuse_range_change_breaking_blocks(uow, account, before)
        changes = diff(before, snapshot(account, FIELDS), secrets=SECRETS)
        if changes:
            await account.save(using_db=uow.conn, update_fields=[*changes, "updated_at"])
            uow.audit(AuditAction.UPDATE, "account", account.id, "Account settings updated", diff=changes)
    return account


async def _refuse_range_change_breaking_blocks(
    uow: UnitOfWork, account: Account, before: dict[str, Any]
) -> None:
    changed = [n for n in ("number_range_start", "number_block_size") if before[n] != getattr(account, n)]
    start, size = account.number_range_start, account.number_block_size
    if changed and not await blocks_stay_valid(account, start, size, uow):
        raise ServiceError.single(
            ErrorCode.RANGE_IN_USE,
            "Assigned number blocks would no longer be blocks of this range; release them first.",
            changed[0],
        )


def _cleaned(values: dict[str, Any], allow_private: bool) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, value in values.items():
        if value is None:
            if name in NOT_NULL:
                errors.append(FieldError(ErrorCode.REQUIRED, "This field cannot be null.", (name,)))
            else:
                cleaned[name] = None
            continue
        try:
            cleaned[name] = CLEANERS[name](value)
            if name in HOSTS and cleaned[name] is not None:
                _refuse_internal_host(HOSTS[name](cleaned[name]), allow_private)
        except Invalid as exc:
            errors.append(exc.at(name))
    if errors:
        raise ServiceError(errors)
    return cleaned
