"""Field cleaners shared by the services: each returns the clean value or raises `Invalid`."""

from __future__ import annotations

import tomllib
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, TypeVar

from email_validator import EmailNotValidError, validate_email
from pydantic import HttpUrl, TypeAdapter, ValidationError

from services import reference
from services.errors import ErrorCode, FieldError

E = TypeVar("E", bound=Enum)
MAX_MONEY = Decimal("1e15")
_URL = TypeAdapter(HttpUrl)


class Unset(Enum):
    """Marks a field that was not given (as opposed to one given as null)."""

    UNSET = "UNSET"


UNSET = Unset.UNSET


class Patch:
    """Base of the typed patch dataclasses: fields default to UNSET (not given)."""

    def given(self) -> dict[str, Any]:
        """The fields that were set (None included), by name."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not UNSET}  # type: ignore[arg-type]


class Invalid(Exception):
    """A field's value is refused; `path` is relative to the field."""

    def __init__(self, message: str, code: ErrorCode = ErrorCode.INVALID, *path: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path

    def at(self, *field: str) -> FieldError:
        return FieldError(self.code, self.message, (*field, *self.path))


def text(value: str, *, max_length: int, required: bool = False) -> str:
    cleaned = value.strip()
    if required and not cleaned:
        raise Invalid("This field is required.", ErrorCode.REQUIRED)
    if len(cleaned) > max_length:
        raise Invalid(f"At most {max_length} characters.")
    return cleaned


def optional_text(value: str | None, *, max_length: int) -> str | None:
    return None if value is None else (text(value, max_length=max_length) or None)


def non_negative_int(value: int, *, maximum: int = 2_147_483_647) -> int:
    if value < 0:
        raise Invalid("Must be 0 or more.")
    if value > maximum:
        raise Invalid(f"Must be at most {maximum}.")
    return value


def money(value: Decimal, currency: str, *, minimum: Decimal | None = None) -> Decimal:
    """A Decimal amount with no more decimals than the currency has minor units."""
    try:
        if not value.is_finite():
            raise Invalid("Must be a finite amount.")
        quantized = value.quantize(reference.quantum(currency))
    except InvalidOperation as exc:
        raise Invalid("Amount out of range.") from exc
    if quantized != value:
        places = reference.currency_places(currency)
        raise Invalid(f"{currency} amounts have at most {places} decimal places.")
    if minimum is not None and quantized < minimum:
        raise Invalid(f"Must be {minimum} or more.")
    if abs(quantized) >= MAX_MONEY:
        raise Invalid("Amount out of range.")
    return quantized


def percent(value: Decimal) -> Decimal:
    if not value.is_finite() or value < 0 or value > 100:
        raise Invalid("Must be between 0 and 100.")
    if value != value.quantize(Decimal("0.0001")):
        raise Invalid("At most 4 decimal places.")
    return value


def currency_code(value: str) -> str:
    code = value.strip().upper()
    if code not in reference.currencies():
        raise Invalid(f"'{value}' is not an ISO 4217 currency code.")
    return code


def country_code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = value.strip().upper()
    if code not in reference.countries():
        raise Invalid(f"'{value}' is not an ISO 3166-1 alpha-2 country code.")
    return code


def time_zone(value: str) -> str:
    if value not in reference.time_zones():
        raise Invalid(f"'{value}' is not an IANA time zone.")
    return value


def email(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise Invalid(f"Not a valid e-mail address: {exc}") from exc


def url(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return str(_URL.validate_python(value.strip()))
    except ValidationError as exc:
        raise Invalid("Not a valid http(s) URL.") from exc


def toml_document(value: str) -> str:
    """TOML text that parses; the error names the line and column."""
    try:
        tomllib.loads(value)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(f"Invalid TOML: {exc}") from exc
    return value


def tag_list(values: list[str], *, max_tags: int = 50, max_length: int = 100) -> list[str]:
    """Trimmed, without blanks, de-duplicated case-insensitively keeping the first spelling."""
    seen: set[str] = set()
    tags: list[str] = []
    for index, raw in enumerate(values):
        tag = raw.strip()
        if len(tag) > max_length:
            raise Invalid(f"A tag has at most {max_length} characters.", ErrorCode.INVALID, str(index))
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    if len(tags) > max_tags:
        raise Invalid(f"At most {max_tags} tags.")
    return tags


def currency_list(values: list[str]) -> list[str]:
    codes: list[str] = []
    for index, value in enumerate(values):
        try:
            code = currency_code(value)
        except Invalid as exc:
            raise Invalid(exc.message, exc.code, str(index)) from exc
        if code not in codes:
            codes.append(code)
    return codes


def unique_enums(values: list[E]) -> list[E]:
    return list(dict.fromkeys(values))
