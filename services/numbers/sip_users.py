"""SIP users (customer auth). The username is unique in the account (a database constraint
backs it); when the customer holds number blocks, it must be an extension inside one of them.
The password is kept only as HA1 = MD5(username:realm:password), what a switch's digest
authentication needs."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace

from tortoise.exceptions import IntegrityError

from models import Account, Customer, SipUser
from models.enums import Permission
from services import integrity
from services.actor import Actor
from services.auditing import JsonValue, snapshot
from services.errors import ErrorCode, ServiceError
from services.fields import CleanContext, clean, row_values, spec
from services.numbers import extensions
from services.numbers.blocks import lock_account
from services.numbers.extensions import MAX_EXTENSION, extension_of
from services.numbers.owned import (
    Kind,
    cap,
    check_caps,
    create_owned,
    delete_owned,
    locked_customer,
    owned_row,
    require_given,
    update_audited,
)
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Invalid, Patch, Unset, ip_networks

TABLE = "sip_user"
AUDITED = ("username", "channels", "cps", "ip_allow", "ha1")
SECRETS = frozenset({"ha1"})
KIND = Kind(TABLE, "SIP user", "username", AUDITED, SECRETS)
_USERNAME = re.compile(r"[A-Za-z0-9._+-]{1,64}")
MIN_PASSWORD, MAX_PASSWORD, MAX_IP_RULES = 8, 128, 50


def ha1(username: str, realm: str, password: str) -> str:
    """The SIP digest HA1 (RFC 2617); MD5 because that is what SIP digest auth uses."""
    return hashlib.md5(f"{username}:{realm}:{password}".encode(), usedforsecurity=False).hexdigest()


def _username(value: str, _context: CleanContext) -> str:
    # fullmatch: `$` would also accept a trailing newline
    if not _USERNAME.fullmatch(value):
        raise Invalid("1 to 64 letters, digits, dots, dashes, underscores or plus signs.")
    if value.isdigit() and int(value) > MAX_EXTENSION:
        raise Invalid(f"A numeric username is an extension, at most {MAX_EXTENSION}.")
    return value


def _password(value: str, _context: CleanContext) -> str:
    if not MIN_PASSWORD <= len(value) <= MAX_PASSWORD:
        raise Invalid(f"Between {MIN_PASSWORD} and {MAX_PASSWORD} characters.")
    return value


def _ip_allow(values: list[str], _context: CleanContext) -> list[str]:
    return ip_networks(values, max_entries=MAX_IP_RULES)


@dataclass(frozen=True)
class SipUserPatch(Patch):
    """A SIP user's editable fields, declared once (see services/fields.py)."""

    username: str | Unset = spec(
        "SIP username, unique in the account; an extension of its blocks when the customer holds blocks.",
        clean=_username,
    )
    password: str | Unset = spec(
        "8 to 128 characters; stored only as the digest hash.", clean=_password, audited=False, secret=True
    )
    channels: int | Unset = spec(
        "Concurrent calls allowed; 0: the customer's limit applies. At most the customer's channels.",
        clean=cap,
        default=0,
    )
    cps: int | Unset = spec(
        "Calls per second allowed; 0: the customer's limit applies. At most the customer's flow speed.",
        clean=cap,
        default=0,
    )
    ip_allow: list[str] | Unset = spec(
        "Networks it may register from; any when empty.", clean=_ip_allow, default=[]
    )


async def create_sip_user(
    actor: Actor, customer_id: int, patch: SipUserPatch, reason: str | None = None
) -> SipUser:
    """A new SIP user of the customer; username and password are required."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    require_given(cleaned, "username", "password")
    username, password = str(cleaned.username), str(cleaned.password)

    def build(account: Account, customer: Customer) -> SipUser:
        return SipUser(
            account_id=account.id,
            customer_id=customer.id,
            username=username,
            extension=extension_of(username),
            realm=account.sip_realm,
            ha1=ha1(username, account.sip_realm, password),
            **row_values(_limits(cleaned)),
        )

    async def check(uow: UnitOfWork, customer: Customer, row: SipUser, _before: dict[str, JsonValue]) -> None:
        check_caps(customer, cleaned.channels, cleaned.cps)
        await _check_username(uow, customer, row.username)

    return await create_owned(actor, customer_id, KIND, build, check, _saved, reason)


async def update_sip_user(
    actor: Actor, sip_user_id: int, patch: SipUserPatch, reason: str | None = None
) -> SipUser:
    """Change the given fields; a new username needs the password again (HA1 includes it)."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        sip_user = await owned_row(uow, SipUser, sip_user_id, KIND.what)
        before = snapshot(sip_user, AUDITED)
        username = sip_user.username if isinstance(cleaned.username, Unset) else cleaned.username
        if username != sip_user.username:
            if isinstance(cleaned.password, Unset):
                raise ServiceError.single(
                    ErrorCode.REQUIRED,
                    "A new username needs the password (the digest hash includes it).",
                    "password",
                )
            await _check_username(uow, await locked_customer(uow, sip_user.customer_id), username)
        if not isinstance(cleaned.channels, Unset) or not isinstance(cleaned.cps, Unset):
            check_caps(await locked_customer(uow, sip_user.customer_id), cleaned.channels, cleaned.cps)
        sip_user.username, sip_user.extension = username, extension_of(username)
        if not isinstance(cleaned.password, Unset):
            sip_user.ha1 = ha1(username, sip_user.realm, cleaned.password)
        for column, value in row_values(_limits(cleaned)).items():
            setattr(sip_user, column, value)
        await update_audited(uow, sip_user, before, KIND, _saved)
    return sip_user


def _limits(cleaned: SipUserPatch) -> SipUserPatch:
    """The fields stored as they are (the username and password become columns of their own)."""
    return replace(cleaned, username=UNSET, password=UNSET)


async def delete_sip_user(actor: Actor, sip_user_id: int, reason: str | None = None) -> SipUser:
    return await delete_owned(actor, SipUser, sip_user_id, KIND, reason)


async def _check_username(uow: UnitOfWork, customer: Customer, username: str) -> None:
    """Free in the account (as a username, and as an extension of any kind), under the block rules."""
    if await SipUser.filter(account_id=customer.account_id, username=username).using_db(uow.conn).exists():
        raise _duplicate()
    await extensions.check_claim(uow, customer, extension_of(username), "username", must_be_number=True)


async def _saved(sip_user: SipUser, uow: UnitOfWork) -> None:
    try:
        await sip_user.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "username"):
            raise _duplicate() from exc
        raise


def _duplicate() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE_SIP_USER, "Duplicate User Detected", "username")
