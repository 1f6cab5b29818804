"""Reference data (currencies, countries, time zones), all from the CLDR/IANA libraries."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from zoneinfo import available_timezones

from babel import Locale
from babel.numbers import get_currency_precision, get_territory_currencies

# CLDR region codes that name groupings or unknown regions, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


@lru_cache(maxsize=1)
def currencies() -> frozenset[str]:
    """ISO 4217 codes legal tender in some territory today."""
    today = date.today()
    codes: set[str] = set()
    for territory in countries():
        codes.update(get_territory_currencies(territory, start_date=today, tender=True))
    return frozenset(codes)


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes."""
    return frozenset(
        code
        for code in map(str, Locale("en").territories)
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


@lru_cache(maxsize=1)
def time_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=512)
def currency_places(currency: str) -> int:
    """Minor-unit digits of a currency (EUR 2, JPY 0, BHD 3)."""
    return int(get_currency_precision(currency))


def quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-currency_places(currency))
