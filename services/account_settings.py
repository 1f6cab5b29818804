"""The account's settings: number range, audit policy, e-mail, SMS and voice transports, portal
domains.

Secrets (SMTP password, SMS and voice tokens) are write-only: never returned, never in an audit diff.
Every text is refused past its column's length (never left to the database, whose error would
quote it), and the SMTP host and SMS API URL may not name an internal address."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from models import Account, Customer
from models.enums import AuditAction, MessageChannel, Permission, SmtpTlsMode
from services import validation as v
from services.actor import Actor
from services.auditing import diff, snapshot
from services.errors import ErrorCode, ServiceError
from services.fields import CleanContext, Cleaner, clean, row_values, secret_names, spec, specs_of
from services.messaging import egress
from services.messaging.outbox import normalized_destination
from services.numbers.blocks import blocks_stay_valid, lock_account
from services.uow import UnitOfWork, unit_of_work
from services.validation import Invalid, Patch, Unset


def _port(value: int, _context: CleanContext) -> int:
    if not 1 <= value <= 65535:
        raise Invalid("A port is between 1 and 65535.")
    return value


def _block_size(value: int, _context: CleanContext) -> int:
    if not 1 <= value <= 1_000_000:
        raise Invalid("A block size is between 1 and 1000000.")
    return value


def _range_start(value: int, _context: CleanContext) -> int:
    return v.non_negative_int(value, maximum=10**15)


MAX_PORTAL_DOMAINS = 50


def _portal_domains(values: list[str], _context: CleanContext) -> list[str]:
    """Host names, lower-cased, each once (in the order first given)."""
    if len(values) > MAX_PORTAL_DOMAINS:
        raise Invalid(f"At most {MAX_PORTAL_DOMAINS} portal domains.")
    cleaned = []
    for index, value in enumerate(values):
        try:
            host = v.hostname(value)
        except Invalid as exc:
            raise Invalid(exc.message, exc.code, str(index)) from exc
        if host is None:
            raise Invalid("A portal domain cannot be empty.", ErrorCode.INVALID, str(index))
        cleaned.append(host)
    return list(dict.fromkeys(cleaned))


def _email(value: str, _context: CleanContext) -> str | None:
    return v.email(value)


def _receiver(value: str, _context: CleanContext) -> str | None:
    """An e-mail address, case-folded: PayPal notifications are matched to it ignoring case."""
    address = v.email(value)
    return None if address is None else address.casefold()


def _phone(value: str, _context: CleanContext) -> str:
    return normalized_destination(MessageChannel.SMS, value)


def _column_length(name: str) -> int:
    """The column's max_length, so validation and schema never drift apart."""
    length = Account._meta.fields_map[name].max_length  # type: ignore[attr-defined]
    assert isinstance(length, int)
    return length


def _secret(name: str) -> Cleaner:
    limit = _column_length(name)

    def clean(value: str, _context: CleanContext) -> str | None:
        # Kept as given: spaces can be part of a password. The message never quotes it.
        if len(value) > limit:
            raise Invalid(f"At most {limit} characters.")
        return value or None

    return clean


def _text(name: str) -> Cleaner:
    limit = _column_length(name)
    return lambda value, _context: v.optional_text(value, max_length=limit)


def _host(name: str) -> Cleaner:
    """A host name that may not be a literal internal address (the senders check again at send
    time, after resolving names)."""
    text = _text(name)

    def clean(value: str, context: CleanContext) -> str | None:
        host: str | None = text(value, context)
        if host is not None:
            _refuse_internal_host(host, context.allow_private_outbound)
        return host

    return clean


def _url(name: str) -> Cleaner:
    limit = _column_length(name)

    def clean(value: str, context: CleanContext) -> str | None:
        cleaned = v.url(value)
        if cleaned is not None and len(cleaned) > limit:
            raise Invalid(f"At most {limit} characters.")
        if cleaned is not None:
            _refuse_internal_host(urlsplit(cleaned).hostname or "", context.allow_private_outbound)
        return cleaned

    return clean


@dataclass(frozen=True)
class AccountSettingsPatch(Patch):
    """The account's editable settings, declared once (see services/fields.py)."""

    number_range_start: int | None | Unset = spec("First internal number of the range.", clean=_range_start)
    number_block_size: int | None | Unset = spec("Numbers per internal number block.", clean=_block_size)
    require_audit_reason: bool | Unset = spec("Every change must give a reason.")
    email_from: str | None | Unset = spec("FROM address of e-mails to customers.", clean=_email)
    smtp_host: str | None | Unset = spec(
        "SMTP server; e-mails go to a local folder when unset.", clean=_host("smtp_host")
    )
    smtp_port: int | None | Unset = spec("SMTP port (587 STARTTLS, 465 TLS by default).", clean=_port)
    smtp_tls_mode: SmtpTlsMode | Unset = spec("NONE, STARTTLS or TLS.")
    smtp_username: str | None | Unset = spec("SMTP user name.", clean=_text("smtp_username"))
    smtp_password: str | None | Unset = spec(
        "SMTP password (write-only).", clean=_secret("smtp_password"), secret=True
    )
    sms_api_base_url: str | None | Unset = spec(
        "Twilio-compatible API base URL.", clean=_url("sms_api_base_url")
    )
    sms_account_sid: str | None | Unset = spec("SMS provider account SID.", clean=_text("sms_account_sid"))
    sms_auth_token: str | None | Unset = spec(
        "SMS auth token (write-only).", clean=_secret("sms_auth_token"), secret=True
    )
    sms_from: str | None | Unset = spec("Origination number of SMS (E.164).", clean=_phone)
    voice_api_base_url: str | None | Unset = spec(
        "Twilio-compatible API base URL of the voice provider that places caller-id verification "
        "calls (POST …/2010-04-01/Accounts/{sid}/Calls.json); calls go to a local folder when unset.",
        clean=_url("voice_api_base_url"),
    )
    voice_account_sid: str | None | Unset = spec(
        "Voice provider account SID.", clean=_text("voice_account_sid")
    )
    voice_auth_token: str | None | Unset = spec(
        "Voice provider auth token (write-only).", clean=_secret("voice_auth_token"), secret=True
    )
    voice_from: str | None | Unset = spec("Caller number of verification calls (E.164).", clean=_phone)
    portal_domains: list[str] | Unset = spec(
        "Host names the customer portal is served on, lower-cased, each once (at most 50); a "
        "customer's portalDomain is one of them. One still used by a customer cannot be removed.",
        clean=_portal_domains,
    )
    paypal_receiver_email: str | None | Unset = spec(
        "The PayPal business e-mail that receives the customers' payments: PayPal IPN "
        "notifications (POST /ingest/paypal-ipn) whose receiver_email is this address belong to "
        "this account. Case-folded; unique across accounts; null turns IPN off.",
        clean=_receiver,
    )


SPECS = specs_of(AccountSettingsPatch)
FIELDS = tuple(SPECS)
SECRETS = secret_names(AccountSettingsPatch)


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


async def portal_domains(actor: Actor) -> list[str]:
    """The account's portal domains, for whoever edits customers (the values a customer's
    portal domain may take)."""
    actor.require(Permission.CUSTOMERS_READ)
    domains = await Account.filter(id=actor.account_id).first().values_list("portal_domains", flat=True)
    return list(domains or [])


async def account_settings_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, Account]:
    """The settings among `ids` (account ids) the actor may read: its own account's only."""
    actor.require(Permission.SETTINGS_READ)
    if actor.account_id not in ids:
        return {}
    return {actor.account_id: await Account.get(id=actor.account_id)}


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
    cleaned = clean(patch, CleanContext(allow_private_outbound=allow_private_outbound))
    async with unit_of_work(actor, reason) as uow:
        account = await lock_account(uow)
        before = snapshot(account, FIELDS)
        for column, value in row_values(cleaned).items():
            setattr(account, column, value)
        await _refuse_range_change_breaking_blocks(uow, account, before)
        await _refuse_removing_domains_in_use(uow, _snapshot_domains(before), account.portal_domains)
        await _refuse_taken_receiver(uow, account, before)
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


def _snapshot_domains(snapshot: dict[str, Any]) -> list[str]:
    return [str(domain) for domain in snapshot["portal_domains"] or []]


async def _refuse_removing_domains_in_use(uow: UnitOfWork, before: list[str], after: list[str]) -> None:
    removed = set(before) - set(after)
    if not removed:
        return
    in_use = await (
        Customer.filter(account_id=uow.actor.account_id, deleted_at__isnull=True, portal_domain__in=removed)
        .using_db(uow.conn)
        .order_by("portal_domain")
        .distinct()
        .values_list("portal_domain", flat=True)
    )
    if in_use:
        raise ServiceError.single(
            ErrorCode.DOMAIN_IN_USE,
            f"Customers still use {', '.join(map(str, in_use))}; move them to another domain first.",
            "portal_domains",
        )


async def _refuse_taken_receiver(uow: UnitOfWork, account: Account, before: dict[str, Any]) -> None:
    """PayPal notifications find their account by receiver: one account per address."""
    receiver = account.paypal_receiver_email
    if receiver is None or receiver == before["paypal_receiver_email"]:
        return
    if (
        await Account.filter(paypal_receiver_email=receiver)
        .exclude(id=account.id)
        .using_db(uow.conn)
        .exists()
    ):
        raise ServiceError.single(
            ErrorCode.DUPLICATE,
            "Another account receives PayPal payments at this address.",
            "paypal_receiver_email",
        )
