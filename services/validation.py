"""Field cleaners shared by the services: each returns the clean value or raises `Invalid`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from enum import Enum
from ipaddress import IPv4Network, IPv6Network, ip_network
from typing import Any, TypeAlias, TypeVar

from email_validator import EmailNotValidError, validate_email
from pydantic import HttpUrl, TypeAdapter, ValidationError
from tortoise.models import Model

from services import reference
from services.errors import ErrorCode, FieldError

E = TypeVar("E", bound=Enum)
Record: TypeAlias = type[Model]
"""A model class, for code outside the services that names one without importing the ORM."""
MAX_MONEY = Decimal("1e15")
_URL = TypeAdapter(HttpUrl)
# A primary key as global ids and cursors write it: ASCII digits, no sign, no leading zero
# (`str.isdigit` would also take "²", which `int` then refuses).
_DATABASE_ID = re.compile(r"[1-9][0-9]{0,18}")
# A DNS host name (letters, digits, hyphens; labels of at most 63, 253 in all), used with
# fullmatch and ASCII only: internationalized names are given in their xn-- form.
_HOSTNAME = re.compile(r"(?=.{1,253}\Z)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*")
# Customer vars: tomllib recurses once per nested array or inline table, so a deep document
# would exhaust the stack; both bounds are checked before parsing.
MAX_TOML_CHARS = 65_536
MAX_TOML_DEPTH = 16


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
    """An http(s) URL, kept as typed (only surrounding spaces go): the parser checks it, but
    its normal form ("https://acme.example" + "/") is not what the user wrote."""
    if value is None or not value.strip():
        return None
    typed = value.strip()
    try:
        _URL.validate_python(typed)
    except ValidationError as exc:
        raise Invalid("Not a valid http(s) URL.") from exc
    return typed


def hostname(value: str | None) -> str | None:
    """A DNS host name, lower-cased; None for an empty one."""
    if value is None or not value.strip():
        return None
    host = value.strip().lower()
    if not _HOSTNAME.fullmatch(host):
        raise Invalid("Not a valid domain name.")
    return host


def database_id(text: str, model: type[Model]) -> int | None:
    """The primary key of `model` written in `text`, or None when it cannot be one: not plain
    digits, or beyond the key column's range (the driver would refuse to send it)."""
    if not _DATABASE_ID.fullmatch(text):
        return None
    value = int(text)
    return value if value <= int(model._meta.pk.constraints["le"]) else None


def toml_document(value: str) -> str:
    """TOML text that parses; the error names the line and column."""
    if len(value) > MAX_TOML_CHARS:
        raise Invalid(f"At most {MAX_TOML_CHARS} characters.")
    if toml_nesting(value) > MAX_TOML_DEPTH:
        raise Invalid(f"Arrays and inline tables nest at most {MAX_TOML_DEPTH} deep.")
    try:
        tomllib.loads(value)
    except tomllib.TOMLDecodeError as exc:
        raise Invalid(f"Invalid TOML: {exc}") from exc
    return value


def toml_nesting(document: str) -> int:
    """The deepest nesting of arrays and inline tables (brackets outside strings and comments);
    table headers count one or two while their line is read, as they nest nothing."""
    depth = deepest = 0
    index, end = 0, len(document)
    while index < end:
        char = document[index]
        if char == "#":
            newline = document.find("\n", index)
            index = end if newline < 0 else newline
        elif char in "\"'":
            index = _after_string(document, index)
            continue
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
        index += 1
    return deepest


def _after_string(document: str, start: int) -> int:
    """The index after the TOML string opening at `start` (basic strings have escapes, literal
    ones do not; tripled quotes make multi-line strings). An unclosed string runs to the end."""
    quote = document[start]
    delimiter = quote * 3 if document.startswith(quote * 3, start) else quote
    index = start + len(delimiter)
    while index < len(document):
        if quote == '"' and document[index] == "\\":
            index += 2
        elif document.startswith(delimiter, index):
            index += len(delimiter)
            # a multi-line string may end in up to two more quotes ("""a"""" is 'a"')
            while delimiter != quote and index < len(document) and document[index] == quote:
                index += 1
            return index
        elif delimiter == quote and document[index] == "\n":
            return index  # a one-line string cannot span lines: the parser will say so
        else:
            index += 1
    return index


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


def ip_networks(values: Sequence[str], *, max_entries: int) -> list[str]:
    """Addresses or networks (CIDR), each written as its network ("192.0.2.10" becomes
    "192.0.2.10/32"), without repeats; the error names the entry's index."""
    if len(values) > max_entries:
        raise Invalid(f"At most {max_entries} entries.")
    networks = []
    for index, value in enumerate(values):
        try:
            networks.append(str(network(value)))
        except Invalid as exc:
            raise Invalid(exc.message, ErrorCode.INVALID, str(index)) from exc
    return list(dict.fromkeys(networks))


def network(value: str) -> IPv4Network | IPv6Network:
    """An address or network (CIDR) as its network: host bits cleared, an address as /32 or
    /128, IPv6 in its compressed form."""
    try:
        return ip_network(value.strip(), strict=False)
    except ValueError as exc:
        raise Invalid(f"'{value}' is not an IP address or network.") from exc
