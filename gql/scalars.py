"""Custom scalars: Decimal money as a string (JSON comes from strawberry.scalars). A bad value
is refused while graphql-core coerces the arguments, so the client gets BAD_USER_INPUT at the
value's place (gql/bad_input.py); IDs, graphql-core's own scalar, are checked there too."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import strawberry
from strawberry.scalars import JSON

__all__ = ["JSON", "SCALAR_MAP", "InvalidScalar"]


class InvalidScalar(ValueError):
    """A value our scalars refuse; its message is written for the client (never masked)."""


def _parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidScalar('Decimal values are given as strings, e.g. "12.50".')
    try:
        parsed = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise InvalidScalar(f"'{value}' is not a decimal number.") from exc
    if not parsed.is_finite():
        raise InvalidScalar("Decimal values must be finite.")
    return parsed


SCALAR_MAP: dict[object, Any] = {
    Decimal: strawberry.scalar(
        name="Decimal",
        description='An exact decimal number, serialized as a string (e.g. "-12.50"); money '
        "amounts always come with the currency of the object that holds them.",
        serialize=lambda value: format(value, "f"),
        parse_value=_parse_decimal,
    )
}
