"""Reference data for the clients' drop-downs: currencies, countries, time zones."""

from __future__ import annotations

import strawberry

from services import reference


@strawberry.type(description="A currency (ISO 4217) that customers may hold.")
class Currency:
    code: str = strawberry.field(description='ISO 4217 code, e.g. "EUR".')
    name: str = strawberry.field(description='English name, e.g. "Euro".')
    minor_units: int = strawberry.field(
        description="Digits after the decimal point that amounts in it keep (EUR 2, JPY 0, BHD 3)."
    )

    @classmethod
    def from_reference(cls, row: reference.Currency) -> Currency:
        return cls(code=row.code, name=row.name, minor_units=row.minor_units)


@strawberry.type(description="A country (ISO 3166-1 alpha-2).")
class Country:
    code: str = strawberry.field(description='ISO 3166-1 alpha-2 code, e.g. "DE".')
    name: str = strawberry.field(description='English name, e.g. "Germany".')

    @classmethod
    def from_reference(cls, row: reference.Country) -> Country:
        return cls(code=row.code, name=row.name)


@strawberry.type(description="An IANA time zone.")
class TimeZone:
    name: str = strawberry.field(description='IANA name, e.g. "Europe/Berlin".')
    utc_offset_now: str = strawberry.field(
        description='Offset from UTC at the time of the request, as ISO 8601 writes it: "+05:30", '
        '"-03:00", "+00:00" (it changes with daylight saving time).'
    )

    @classmethod
    def from_reference(cls, row: reference.TimeZone) -> TimeZone:
        return cls(name=row.name, utc_offset_now=row.utc_offset)
