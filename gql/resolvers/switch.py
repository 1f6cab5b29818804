"""The switch's lookups: decode, call one service, map."""

from __future__ import annotations

import strawberry

from gql.context import Info, require_actor
from gql.declare import query
from gql.types.switch import CustomerAuth
from models.enums import Permission
from services.numbers import lookup


async def customer_auth_lookup(info: Info, ip: str, tech_prefix: str | None = None) -> CustomerAuth | None:
    found = await lookup.customer_auth_by_address(require_actor(info), ip, tech_prefix)
    return CustomerAuth.from_value(found) if found else None


async def customer_auth_lookup_by_sip_user(info: Info, username: str) -> CustomerAuth | None:
    found = await lookup.customer_auth_by_sip_user(require_actor(info), username)
    return CustomerAuth.from_value(found) if found else None


@strawberry.type(description="The switch's reads.")
class SwitchQueries:
    customer_auth_lookup: CustomerAuth | None = query(
        customer_auth_lookup,
        needs=Permission.SWITCH_READ,
        description="The customer whose IP authentication covers `ip` with this tech prefix (one "
        "with exactly the prefix first, else one without a prefix), and its limits; null if none.",
    )
    customer_auth_lookup_by_sip_user: CustomerAuth | None = query(
        customer_auth_lookup_by_sip_user,
        needs=Permission.SWITCH_READ,
        description="The customer of the SIP user `username`, and its limits; null if none.",
    )
