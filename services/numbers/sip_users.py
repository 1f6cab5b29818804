"""SIP users (customer auth). The username is unique in the account (a database constraint
backs it); when the customer holds number blocks, it must be an extension inside one of them.
The password is kept only as HA1 = MD5(username:realm:password), what a switch's digest
authentication needs."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Any

from tortoise.exceptions import IntegrityError
from tortoise.expressions import Subquery

from models import Customer, NumberBlock, SipUser
from models.enums import AuditAction, Permission
from services import integrity
from services.actor import Actor
from services.auditing import creation_diff, diff, snapshot
from services.customers.scope import visible_customers
from services.errors import ErrorCode, FieldError, ServiceError, not_found
from services.fields import CleanContext, clean, row_values, spec
from services.numbers.blocks import lock_account
from services.uow import UnitOfWork, unit_of_work
from services.validation import UNSET, Invalid, Patch, Unset, ip_networks, non_negative_int

TABLE = "sip_user"
AUDITED = ("username", "channels", "cps", "ip_allow", "ha1")
SECRETS = frozenset({"ha1"})
_USERNAME = re.compile(r"[A-Za-z0-9._+-]{1,64}")
MIN_PASSWORD, MAX_PASSWORD, MAX_IP_RULES = 8, 128, 50
# The extension column is a 64-bit integer; a numeric username beyond it cannot be one.
MAX_EXTENSION = 2**63 - 1


def ha1(username: str, realm: str, password: str) -> str:
    """The SIP digest HA1 (RFC 2617); MD5 because that is what SIP digest auth uses."""
    return hashlib.md5(f"{username}:{realm}:{password}".encode(), usedforsecurity=False).hexdigest()


def extension_of(username: str) -> int | None:
    """The username as an extension number, if it is a plain number (no sign, no leading 0)."""
    return int(username) if username.isdigit() and str(int(username)) == username else None


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


def _count(value: int, _context: CleanContext) -> int:
    return non_negative_int(value)


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
    channels: int | Unset = spec("Concurrent calls allowed; 0 means unlimited.", clean=_count, default=0)
    cps: int | Unset = spec("Calls per second allowed; 0 means unlimited.", clean=_count, default=0)
    ip_allow: list[str] | Unset = spec(
        "Networks it may register from; any when empty.", clean=_ip_allow, default=[]
    )


async def create_sip_user(
    actor: Actor, customer_id: int, patch: SipUserPatch, reason: str | None = None
) -> SipUser:
    """A new SIP user of the customer; username and password are required."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    if isinstance(cleaned.username, Unset) or isinstance(cleaned.password, Unset):
        raise ServiceError(
            [
                FieldError(ErrorCode.REQUIRED, "This field is required.", (n,))
                for n in ("username", "password")
                if getattr(cleaned, n) is UNSET
            ]
        )
    username, password = cleaned.username, cleaned.password
    async with unit_of_work(actor, reason) as uow:
        account = await lock_account(uow)
        customer = await _customer(uow, customer_id)
        await _check_username(uow, customer, username)
        sip_user = SipUser(
            account_id=account.id,
            customer_id=customer.id,
            username=username,
            extension=extension_of(username),
            realm=account.sip_realm,
            ha1=ha1(username, account.sip_realm, password),
            **row_values(_limits(cleaned)),
        )
        await _saved(sip_user, uow)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            sip_user.id,
            f"SIP user {username} created",
            customer_id=customer.id,
            diff=creation_diff(snapshot(sip_user, AUDITED), SECRETS),
        )
    return sip_user


async def update_sip_user(
    actor: Actor, sip_user_id: int, patch: SipUserPatch, reason: str | None = None
) -> SipUser:
    """Change the given fields; a new username needs the password again (HA1 includes it)."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        sip_user = await _sip_user(uow, sip_user_id)
        before = snapshot(sip_user, AUDITED)
        username = sip_user.username if isinstance(cleaned.username, Unset) else cleaned.username
        if username != sip_user.username:
            if isinstance(cleaned.password, Unset):
                raise ServiceError.single(
                    ErrorCode.REQUIRED,
                    "A new username needs the password (the digest hash includes it).",
                    "password",
                )
            await _check_username(uow, await _customer(uow, sip_user.customer_id), username)
        sip_user.username, sip_user.extension = username, extension_of(username)
        if not isinstance(cleaned.password, Unset):
            sip_user.ha1 = ha1(username, sip_user.realm, cleaned.password)
        for column, value in row_values(_limits(cleaned)).items():
            setattr(sip_user, column, value)
        changes = diff(before, snapshot(sip_user, AUDITED), SECRETS)
        if changes:
            await _saved(sip_user, uow)
            uow.audit(
                AuditAction.UPDATE,
                TABLE,
                sip_user.id,
                f"SIP user {username} updated",
                customer_id=sip_user.customer_id,
                diff=changes,
            )
    return sip_user


def _limits(cleaned: SipUserPatch) -> SipUserPatch:
    """The fields stored as they are (the username and password become columns of their own)."""
    return replace(cleaned, username=UNSET, password=UNSET)


async def delete_sip_user(actor: Actor, sip_user_id: int, reason: str | None = None) -> SipUser:
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        sip_user = await _sip_user(uow, sip_user_id)
        await sip_user.delete(using_db=uow.conn)
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            sip_user.id,
            f"SIP user {sip_user.username} deleted",
            customer_id=sip_user.customer_id,
            diff={"username": {"old": sip_user.username, "new": None}},
        )
    return sip_user


async def _customer(uow: UnitOfWork, customer_id: int) -> Customer:
    customer = await uow.locked(visible_customers(uow.actor).filter(id=customer_id)).first()
    if customer is None:
        raise not_found("Customer", "customer_id")
    return customer


async def _sip_user(uow: UnitOfWork, sip_user_id: int) -> SipUser:
    visible = Subquery(visible_customers(uow.actor).values("id"))
    sip_user = await uow.locked(
        SipUser.filter(id=sip_user_id, account_id=uow.actor.account_id, customer_id__in=visible)
    ).first()
    if sip_user is None:
        raise not_found("SIP user", "id")
    return sip_user


async def _check_username(uow: UnitOfWork, customer: Customer, username: str) -> None:
    """Free in the account; inside the customer's blocks when it has any, and never inside
    another customer's block."""
    if await SipUser.filter(account_id=customer.account_id, username=username).using_db(uow.conn).exists():
        raise _duplicate()
    extension = extension_of(username)
    own_blocks = await _block_ranges(uow, customer_id=customer.id)
    if own_blocks and not _inside(extension, own_blocks):
        raise ServiceError.single(
            ErrorCode.EXTENSION_OUT_OF_BLOCK,
            "The username must be an extension of one of the customer's number blocks.",
            "username",
        )
    if not own_blocks and extension is not None:
        nearby = await _block_ranges(uow, account_id=customer.account_id, start__lte=extension)
        if _inside(extension, nearby):
            raise ServiceError.single(
                ErrorCode.EXTENSION_OUT_OF_BLOCK,
                "This extension belongs to another customer's number block.",
                "username",
            )


async def _block_ranges(uow: UnitOfWork, **filters: Any) -> list[range]:
    rows = await NumberBlock.filter(**filters).using_db(uow.conn).values("start", "size")
    return [range(int(r["start"]), int(r["start"]) + int(r["size"])) for r in rows]


def _inside(extension: int | None, blocks: list[range]) -> bool:
    return extension is not None and any(extension in block for block in blocks)


async def _saved(sip_user: SipUser, uow: UnitOfWork) -> None:
    try:
        await sip_user.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "username"):
            raise _duplicate() from exc
        raise


def _duplicate() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE_SIP_USER, "Duplicate User Detected", "username")
