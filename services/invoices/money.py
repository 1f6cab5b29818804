"""The one rounding rule of invoices.

- The subtotal is the period's charge rounded ONCE, half-even, from the exact 1/10 000 units
  to the currency's minor unit: exactly the summary row's `charge` for that period.
- Lines (one per day) share the subtotal by largest remainder: each line is its day's exact
  charge rounded down to the minor unit, and the minor units left over go, one each, to the
  lines with the largest remainders (ties: the earlier day). The lines therefore sum exactly to
  the subtotal, and each is within one minor unit of its day's exact charge (and of that day's
  summary row).
- Tax is subtotal x taxPercent / 100, rounded once, half-even, to the minor unit.
- Total = subtotal + tax.
Everything is integer arithmetic on minor units: no float, no intermediate rounding."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

from models.cdrs import MONEY_UNIT_PLACES
from services.reference import currency_places


def minor_per_unit(currency: str) -> int:
    """How many 1/10 000 units make one minor unit of the currency (JPY 10 000, EUR 100, BHD 10)."""
    return int(10 ** (MONEY_UNIT_PLACES - currency_places(currency)))


def round_half_even(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-even to an integer (denominator > 0)."""
    quotient, remainder = divmod(numerator, denominator)
    if 2 * remainder > denominator or (2 * remainder == denominator and quotient % 2):
        quotient += 1
    return quotient


def subtotal_minor(units: int, currency: str) -> int:
    return round_half_even(units, minor_per_unit(currency))


def lines_minor(units: Sequence[int], currency: str) -> list[int]:
    """The lines' amounts in minor units, summing exactly to subtotal_minor(sum(units))."""
    step = minor_per_unit(currency)
    floors = [u // step for u in units]
    left = subtotal_minor(sum(units), currency) - sum(floors)
    by_remainder = sorted(range(len(units)), key=lambda i: (-(units[i] - floors[i] * step), i))
    for index in by_remainder[:left]:
        floors[index] += 1
    return floors


def tax_minor(subtotal: int, tax_percent: Decimal) -> int:
    """subtotal x tax_percent / 100, half-even, in minor units (tax_percent exact decimal)."""
    sign, digits, exponent = tax_percent.as_tuple()
    assert isinstance(exponent, int), "tax percent is a finite number"
    scaled = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    numerator = subtotal * scaled * (10**exponent if exponent > 0 else 1)
    denominator = 100 * (10**-exponent if exponent < 0 else 1)
    return round_half_even(numerator, denominator)


def as_amount(minor: int, currency: str) -> Decimal:
    places = currency_places(currency)
    return Decimal(minor).scaleb(-places).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)


def to_minor(amount: Decimal, currency: str) -> int:
    """An amount already at the currency's minor unit, as an integer of minor units."""
    return int(amount.scaleb(currency_places(currency)).to_integral_value(rounding=ROUND_HALF_EVEN))
