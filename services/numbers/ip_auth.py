"""IP authentication (customer auth): calls from an address or CIDR network, optionally with a
tech prefix, belong to the customer. Two customers of an account may not claim overlapping
networks with the same tech prefix, or where either has none: the switch could not tell whose
call it is. An optional extension joins the account's extension namespace under the SIP users'
block rules (services/numbers/extensions.py).

Every change runs under the account's row lock, like number blocks and SIP users, so the
overlap check and the extension check see every committed claim whichever process made it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from models import Customer, IpAuth
from models.enums import Permission
from services.actor import Actor
from services.auditing import JsonValue
from services.customers.scope import visible_customers
from services.errors import ErrorCode, ServiceError
from services.fields import CleanContext, audited_names, clean, row_values, spec
from services.numbers import extensions
from services.numbers.owned import (
    Check,
    Kind,
    builder,
    cap,
    check_caps,
    create_owned,
    delete_owned,
    require_given,
    update_owned,
)
from services.uow import UnitOfWork
from services.validation import UNSET, Invalid, Patch, Unset, network, optional_text

TABLE = "ip_auth"
MAX_NOTES = 1000
# What switches accept as a tech prefix: digits and the few signs dial plans use.
_TECH_PREFIX = re.compile(r"[0-9A-Za-z#*+]{1,20}")
# The width of a 128-bit number in decimal: every bound is written with exactly this many digits.
BOUND_DIGITS = 39
_MAPPED_V4 = 0xFFFF << 32  # ::ffff:0:0/96, where IPv4 lives in the IPv6 space


def _address(value: str, _context: CleanContext) -> str:
    return str(network(value))


def _tech_prefix(value: str, _context: CleanContext) -> str | None:
    prefix = value.strip()
    if not prefix:
        return None
    if not _TECH_PREFIX.fullmatch(prefix):
        raise Invalid("1 to 20 digits, letters, '#', '*' or '+'.")
    return prefix


def _notes(value: str, _context: CleanContext) -> str | None:
    return optional_text(value, max_length=MAX_NOTES)


@dataclass(frozen=True)
class IpAuthPatch(Patch):
    """An IP authentication's editable fields, declared once (see services/fields.py)."""

    address: str | Unset = spec(
        "IPv4 or IPv6 address or CIDR network the customer's calls come from; kept as its "
        "network (host bits cleared, an address as /32 or /128).",
        clean=_address,
    )
    tech_prefix: str | None | Unset = spec(
        "Tech prefix in front of the dialed number that tells this customer's calls apart "
        "from other customers' on the same addresses; null for none.",
        clean=_tech_prefix,
        default=None,
    )
    extension: str | None | Unset = spec(
        "Internal extension, unique in the account among SIP usernames, IP-auth and conference "
        "extensions; "
        "inside the customer's number blocks when it holds any.",
        clean=extensions.extension_text,
        default=None,
        store=extensions.as_number,
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
    notes: str | None | Unset = spec("Notes for staff.", clean=_notes, default=None)


AUDITED = audited_names(IpAuthPatch)
KIND = Kind(TABLE, "IP authentication", "address", AUDITED)


async def create_ip_auth(
    actor: Actor, customer_id: int, patch: IpAuthPatch, reason: str | None = None
) -> IpAuth:
    """A new IP authentication of the customer; the address is required."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    require_given(cleaned, "address")
    build = builder(IpAuth, cleaned)
    return await create_owned(
        actor, customer_id, KIND, build, _checker(cleaned), extensions.saved_claim, reason
    )


async def update_ip_auth(
    actor: Actor, ip_auth_id: int, patch: IpAuthPatch, reason: str | None = None
) -> IpAuth:
    """Change the given fields (null clears an optional one)."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    columns = row_values(cleaned)
    return await update_owned(
        actor, IpAuth, ip_auth_id, KIND, columns, _checker(cleaned), extensions.saved_claim, reason
    )


async def delete_ip_auth(actor: Actor, ip_auth_id: int, reason: str | None = None) -> IpAuth:
    return await delete_owned(actor, IpAuth, ip_auth_id, KIND, reason)


def _checker(given: IpAuthPatch) -> Check[IpAuth]:
    """The rules a new or changed row must keep: caps within the customer's, no overlap with
    another customer's networks, and a newly claimed extension free under the block rules.
    Sets the row's bounds from its address."""

    async def check(uow: UnitOfWork, customer: Customer, row: IpAuth, before: dict[str, JsonValue]) -> None:
        check_caps(customer, given.channels, given.cps)
        first, last = bounds(network(row.address))
        row.range_start, row.range_end = as_bound(first), as_bound(last)
        if given.address is not UNSET or given.tech_prefix is not UNSET:
            await _check_overlap(uow, customer, row, first, last)
        if row.extension is not None and row.extension != before.get("extension"):
            await extensions.check_claim(uow, customer, row.extension, "extension")

    return check


async def _check_overlap(uow: UnitOfWork, customer: Customer, row: IpAuth, first: int, last: int) -> None:
    """Refused when another live customer of the account claims an overlapping network with
    the same tech prefix, or where either has none. CIDR networks are nested or disjoint, so
    another network overlaps this one exactly when it starts inside it, or contains its first
    address (then it starts at that address with some host bits cleared): both are index
    lookups on (account_id, range_start)."""
    starts_inside = Q(range_start__gte=as_bound(first), range_start__lte=as_bound(last))
    contains_first = Q(range_start__in=containing_starts(first), range_end__gte=as_bound(first))
    clash = (
        IpAuth.filter(account_id=customer.account_id, customer__deleted_at__isnull=True)
        .exclude(customer_id=customer.id)
        .filter(starts_inside | contains_first)
        .using_db(uow.conn)
    )
    if row.tech_prefix is not None:
        clash = clash.filter(Q(tech_prefix=row.tech_prefix) | Q(tech_prefix__isnull=True))
    other = await clash.order_by("range_start").first()
    if other is not None:
        raise await _overlap_error(uow, other)


async def _overlap_error(uow: UnitOfWork, other: IpAuth) -> ServiceError:
    """The refusal, naming the other customer only to an actor that may see it."""
    shown = await visible_customers(uow.actor).filter(id=other.customer_id).using_db(uow.conn).first()
    whose = f"customer {shown.name}'s {other.address}" if shown else "another customer's network"
    return ServiceError.single(
        ErrorCode.IP_RANGE_OVERLAP,
        f"Overlaps {whose} with the same or no tech prefix: the switch could not tell the calls apart.",
        "address",
    )


def bounds(net: IPv4Network | IPv6Network) -> tuple[int, int]:
    """The network's first and last address as 128-bit numbers (IPv4 as IPv4-mapped IPv6)."""
    offset = _MAPPED_V4 if net.version == 4 else 0
    return int(net.network_address) + offset, int(net.broadcast_address) + offset


def point(address: IPv4Address | IPv6Address) -> int:
    """One address as a 128-bit number, in the space of `bounds`."""
    return int(address) + (_MAPPED_V4 if address.version == 4 else 0)


def parse_address(value: str) -> int:
    """An address as given by a caller (not a network), as a number of the bounds' space."""
    try:
        return point(ip_address(value.strip()))
    except ValueError as exc:
        raise Invalid(f"'{value}' is not an IP address.") from exc


def as_bound(number: int) -> str:
    return f"{number:0{BOUND_DIGITS}d}"


def containing_starts(number: int) -> list[str]:
    """The first address of every network that contains `number`, one per prefix length."""
    return list(dict.fromkeys(as_bound(number & ~((1 << bits) - 1)) for bits in range(129)))


def containing(account_queryset: QuerySet[IpAuth], number: int) -> QuerySet[IpAuth]:
    """The rows of the queryset whose network contains the address `number` (an index lookup)."""
    return account_queryset.filter(range_start__in=containing_starts(number), range_end__gte=as_bound(number))
