"""Reference data (currencies, countries, time zones), all from the CLDR/IANA libraries.

The sets validate input; the lists (sorted, with English names) fill the clients' drop-downs.
Both come from the libraries in the process, never from the database, and are computed once
per process; only a time zone's offset right now is worked out per call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from babel import Locale
from babel.numbers import get_currency_name, get_currency_precision, get_territory_currencies

# CLDR region codes that name groupings or unknown regions, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})
_NAMES_LOCALE = "en"


@dataclass(frozen=True)
class Currency:
    code: str
    name: str
    minor_units: int


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@dataclass(frozen=True)
class TimeZone:
    name: str
    utc_offset: str
    """The offset from UTC as ISO 8601 writes it, e.g. "+05:30"."""


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
        for code in map(str, Locale(_NAMES_LOCALE).territories)
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


@lru_cache(maxsize=1)
def currency_list() -> tuple[Currency, ...]:
    """Every accepted currency by code, with its English name and minor-unit digits."""
    return tuple(
        Currency(code, get_currency_name(code, locale=_NAMES_LOCALE), currency_places(code))
        for code in sorted(currencies())
    )


@lru_cache(maxsize=1)
def country_list() -> tuple[Country, ...]:
    """Every accepted country by code, with its English name."""
    names = Locale(_NAMES_LOCALE).territories
    return tuple(Country(code, str(names[code])) for code in sorted(countries()))


def time_zones_at(at: datetime) -> tuple[TimeZone, ...]:
    """Every accepted IANA time zone by name, with its offset from UTC at `at` (an aware time).

    Offsets change only on whole minutes, so the list is worked out once per minute (all of
    them take about 20 ms) and is exact for every moment of that minute."""
    return _time_zones_at_minute(at.astimezone(UTC).replace(second=0, microsecond=0))


@lru_cache(maxsize=2)
def _time_zones_at_minute(minute: datetime) -> tuple[TimeZone, ...]:
    return tuple(TimeZone(name, utc_offset(name, minute)) for name in sorted(time_zones()))


def utc_offset(zone: str, at: datetime) -> str:
    """The zone's offset from UTC at `at` (an aware time), as ISO 8601 writes it: "+05:30",
    "-03:00", "+00:00"."""
    offset = at.astimezone(_zone(zone)).utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


@lru_cache(maxsize=1024)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)
