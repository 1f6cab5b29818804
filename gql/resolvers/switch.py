"""The switch's lookups: decode, call one service, map."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import query
from gql.types.common import decode_ids
from gql.types.eligibility import AT, CLI, DialingEligibility
from gql.types.switch import CustomerAuth
from models.enums import Permission
from services.eligibility import reads as eligibility
from services.numbers import lookup


async def customer_auth_lookup(info: Info, ip: str, tech_prefix: str | None = None) -> CustomerAuth | None:
    found = await lookup.customer_auth_by_address(require_actor(info), ip, tech_prefix)
    return CustomerAuth.from_value(found) if found else None


async def customer_auth_lookup_by_sip_user(info: Info, username: str) -> CustomerAuth | None:
    found = await lookup.customer_auth_by_sip_user(require_actor(info), username)
    return CustomerAuth.from_value(found) if found else None


async def dialing_eligibilities(
    info: Info,
    customer_ids: Annotated[
        list[relay.GlobalID],
        strawberry.argument(description=f"The customers (at most {eligibility.MAX_CUSTOMERS})."),
    ],
    at: Annotated[datetime | None, strawberry.argument(description=AT)] = None,
    cli: Annotated[str | None, strawberry.argument(description=CLI)] = None,
) -> list[DialingEligibility]:
    ids = decode_ids(customer_ids, "Customer", "customerIds") or []
    query = eligibility.EligibilityQuery(at, cli)
    found = await eligibility.eligibilities_of_customers(require_actor(info), ids, query)
    return [DialingEligibility.of(found[customer_id]) for customer_id in dict.fromkeys(ids)]


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
    dialing_eligibilities: list[DialingEligibility] = query(
        dialing_eligibilities,
        needs=Permission.SWITCH_READ,
        description="Whether each of these customers may dial at `at` (now when omitted), as "
        "Customer.dialingEligibility answers it: each customer once, in the order given. A "
        f"constant number of SQL statements for up to {eligibility.MAX_CUSTOMERS} customers; "
        "more is BAD_USER_INPUT; a customer outside the caller's scope is NOT_FOUND.",
    )
