"""Reference data for drop-downs: the libraries' lists (no database) and the account's portal
domains."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry

from gql.context import Info, require_actor
from gql.declare import query
from gql.types.reference import Country, Currency, TimeZone
from models.enums import Permission
from services import account_settings, reference


async def currencies(info: Info) -> list[Currency]:
    return [Currency.from_reference(row) for row in reference.currency_list()]


async def countries(info: Info) -> list[Country]:
    return [Country.from_reference(row) for row in reference.country_list()]


async def time_zones(info: Info) -> list[TimeZone]:
    return [TimeZone.from_reference(row) for row in reference.time_zones_at(datetime.now(UTC))]


async def portal_domains(info: Info) -> list[str]:
    return await account_settings.portal_domains(require_actor(info))


@strawberry.type(description="Reference data for drop-downs.")
class ReferenceQueries:
    currencies: list[Currency] = query(
        currencies,
        needs=None,
        description="The ISO 4217 currencies a customer may hold, by code.",
        portal=True,
    )
    countries: list[Country] = query(
        countries,
        needs=None,
        description="The ISO 3166-1 countries an address may name, by code.",
        portal=True,
    )
    time_zones: list[TimeZone] = query(
        time_zones,
        needs=None,
        description="The IANA time zones a customer's dialing windows may use, by name.",
        portal=True,
    )
    portal_domains: list[str] = query(
        portal_domains,
        needs=Permission.CUSTOMERS_READ,
        description="The account's portal domains: the values a customer's portalDomain may take.",
    )
