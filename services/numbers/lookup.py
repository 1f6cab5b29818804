"""The switch's questions: whose call is this (by source address and tech prefix, or by SIP
username), and what are that customer's limits. Each answer is one SQL statement (the match
joined to its customer), whatever the number of rows: the switch asks on every call."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tortoise.expressions import Q

from models import Customer, IpAuth, SipUser
from models.enums import Permission
from services.actor import Actor
from services.errors import ErrorCode, ServiceError
from services.numbers.ip_auth import containing, parse_address
from services.numbers.queries import readable
from services.validation import Invalid

_TECH_PREFIX = re.compile(r"[0-9A-Za-z#*+]{0,20}")


@dataclass(frozen=True)
class CustomerAuth:
    """A customer a call authenticates as, through one IP authentication or SIP user."""

    customer: Customer
    ip_auth: IpAuth | None = None
    sip_user: SipUser | None = None

    @property
    def channels(self) -> int:
        """Concurrent calls allowed through this authentication: its own cap, else the customer's."""
        own = self.ip_auth.channels if self.ip_auth else self.sip_user.channels if self.sip_user else 0
        return min(own, self.customer.channels) if own else self.customer.channels

    @property
    def cps(self) -> int:
        """Calls per second allowed through this authentication: its own cap, else the customer's."""
        own = self.ip_auth.cps if self.ip_auth else self.sip_user.cps if self.sip_user else 0
        return min(own, self.customer.flow_speed) if own else self.customer.flow_speed


async def customer_auth_by_address(
    actor: Actor, ip: str, tech_prefix: str | None = None
) -> CustomerAuth | None:
    """The customer whose IP authentication covers `ip`: one with exactly this tech prefix
    first, else one without a prefix; the narrowest network among them. None when none does."""
    actor.require(Permission.SWITCH_READ)
    try:
        number = parse_address(ip)
    except Invalid as exc:
        raise ServiceError([exc.at("ip")]) from exc
    prefix = _tech_prefix(tech_prefix)
    rows = containing(readable(IpAuth, actor), number)
    rows = (
        rows.filter(Q(tech_prefix__isnull=True) | Q(tech_prefix=prefix))
        if prefix
        else rows.filter(tech_prefix__isnull=True)
    )
    matches = await rows.select_related("customer")
    if not matches:
        return None
    best = min(matches, key=lambda row: (row.tech_prefix is None, int(row.range_end) - int(row.range_start)))
    return CustomerAuth(best.customer, ip_auth=best)


async def customer_auth_by_sip_user(actor: Actor, username: str) -> CustomerAuth | None:
    """The customer of the SIP user `username`, or None."""
    actor.require(Permission.SWITCH_READ)
    if len(username) > 64:
        return None
    row = await readable(SipUser, actor).filter(username=username).select_related("customer").first()
    return CustomerAuth(row.customer, sip_user=row) if row else None


def _tech_prefix(value: str | None) -> str | None:
    prefix = (value or "").strip()
    if not _TECH_PREFIX.fullmatch(prefix):
        raise ServiceError.single(
            ErrorCode.INVALID, "Up to 20 digits, letters, '#', '*' or '+'.", "tech_prefix"
        )
    return prefix or None
