"""One CDR of the feed, checked: the wire record (a JSON object or a CSV row, keys as in
DESIGN.md §4) becomes a `CdrRecord`, or a `Rejected` with the reason the sender is told.

Checked here, without the database: types, required keys, money, times and durations. Who the
customer is comes later (services/cdrs/ingest.py), for a whole chunk at once."""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from models import Customer
from models.cdrs import MONEY_UNIT_PLACES
from services.validation import database_id

MAX_CALL_ID = 128
# A million in the currency: far above any call's charge, and low enough that no chunk's sum can
# overflow the balance column (NUMERIC(20, 4)) or a summary's BIGINT.
MAX_MONEY_UNITS = 10**10
MAX_SECONDS = 10 * 24 * 3600  # no call lasts ten days: such a figure is a unit mix-up
MAX_INT = 2**31 - 1
TEXT_LIMITS = {"cli": 64, "destination": 64, "destinationPrefix": 32}


class RowError(Exception):
    """Why one record cannot land; the message is the `reason` of the answer."""


class CustomerRef(NamedTuple):
    """How the record names its customer: exactly one of these is set (IP with its prefix).
    (Named tuples: a feed builds hundreds of thousands of these, and a frozen dataclass costs
    several times more to construct.)"""

    customer_id: int | None = None
    sip_username: str | None = None
    source_ip: str | None = None
    tech_prefix: str = ""

    def describe(self) -> str:
        if self.customer_id is not None:
            return "customerId"
        if self.sip_username is not None:
            return f"sipUsername {self.sip_username!r}"
        return f"sourceIp {self.source_ip!r}" + (
            f" with techPrefix {self.tech_prefix!r}" if self.tech_prefix else ""
        )


class CdrRecord(NamedTuple):
    """A record whose every value is valid; `customer` is still to be resolved."""

    line: int
    call_id: str
    customer: CustomerRef
    currency: str | None
    started_at: datetime
    answered_at: datetime | None
    ended_at: datetime
    duration: int
    billed_duration: int
    cli: str
    destination: str
    destination_prefix: str
    destination_country: str
    charge_units: int
    cost_units: int
    pdd: int
    disconnect_cause: int | None

    @property
    def hour(self) -> datetime:
        return self.started_at.replace(minute=0, second=0, microsecond=0)


def check_record(line: int, raw: object, textual: bool) -> CdrRecord:
    """The record, or RowError. `textual` records (CSV) carry every value as a string: numbers
    are read from digits and an empty cell is an absent value."""
    if not isinstance(raw, dict):
        raise RowError("The record is not a JSON object.")
    values = _Values(raw, textual)
    started = values.time("startedAt", required=True)
    ended = values.time("endedAt", required=True)
    answered = values.time("answeredAt", required=False)
    assert started is not None and ended is not None
    if ended < started:
        raise RowError("endedAt is before startedAt.")
    if answered is not None and answered < started:
        raise RowError("answeredAt is before startedAt.")
    if answered is not None and answered > ended:
        raise RowError("answeredAt is after endedAt.")
    return CdrRecord(
        line=line,
        call_id=values.call_id(),
        customer=values.customer(),
        currency=values.text("currency", 3) or None,
        started_at=started,
        answered_at=answered,
        ended_at=ended,
        duration=values.seconds("duration"),
        billed_duration=values.seconds("billedDuration"),
        cli=values.text("cli", TEXT_LIMITS["cli"]),
        destination=values.text("destination", TEXT_LIMITS["destination"]),
        destination_prefix=values.text("destinationPrefix", TEXT_LIMITS["destinationPrefix"]),
        destination_country=values.country(),
        charge_units=values.money("charge"),
        cost_units=values.money("cost"),
        pdd=values.integer("pdd", required=False) or 0,
        disconnect_cause=values.integer("disconnectCause", required=False),
    )


_UNIT: int = 10**MONEY_UNIT_PLACES
_FRACTION_SCALE: tuple[int, ...] = tuple(_UNIT // 10**n for n in range(MONEY_UNIT_PLACES + 1))
_CSV_INT = re.compile(r"[0-9]{1,9}", re.ASCII)  # under MAX_INT
_FAST_SECONDS = MAX_SECONDS


def _fast_text(value: object, limit: int) -> str | None:
    """`_Values.text` for a well-formed value, else None (the full check decides)."""
    if value is None:
        return ""
    if type(value) is not str or "\x00" in value:
        return None
    value = value.strip()
    return value if len(value) <= limit else None


def _fast_time(value: object) -> datetime | None:
    if type(value) is not str or "\x00" in value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return None if parsed.tzinfo is None else parsed.astimezone(UTC)


def _fast_money(value: object) -> int | None:
    """Up to 6 ASCII digits, optionally a point and 1 to 4 more (so under MAX_MONEY_UNITS)."""
    if type(value) is not str:
        return None
    whole, point, fraction = value.partition(".")
    if not (0 < len(whole) <= 6 and whole.isascii() and whole.isdigit()):
        return None
    if not point:
        return int(whole) * _UNIT
    if not (0 < len(fraction) <= MONEY_UNIT_PLACES and fraction.isascii() and fraction.isdigit()):
        return None
    return int(whole) * _UNIT + int(fraction) * _FRACTION_SCALE[len(fraction)]


def _fast_int(value: object, textual: bool, limit: int) -> int | None:
    """A whole number in [0, limit] (limit <= MAX_INT), else None."""
    if textual:
        if type(value) is not str or _CSV_INT.fullmatch(value) is None:
            return None
        number = int(value)
    elif type(value) is int:
        number = value
    else:
        return None
    return number if 0 <= number <= limit else None


def fast_record(line: int, raw: object, textual: bool) -> CdrRecord | None:
    """The common well-formed record without the general checker's overhead: the same
    `CdrRecord` as `check_record`, or None whenever anything is unusual (absent or empty where
    the full check has a rule, signs, spaces in numbers, ...), and then `check_record` decides,
    with its reasons. Never raises."""
    if type(raw) is not dict:
        return None
    get: Callable[[str], object] = _cells(raw) if textual else raw.get
    started = _fast_time(get("startedAt"))
    ended = _fast_time(get("endedAt"))
    if started is None or ended is None or ended < started:
        return None
    answered_raw = get("answeredAt")
    answered = None
    if answered_raw is not None:
        answered = _fast_time(answered_raw)
        if answered is None or answered < started or answered > ended:
            return None
    call_id = get("callId")
    if type(call_id) is not str or "\x00" in call_id:
        return None
    call_id = call_id.strip()
    if not call_id or len(call_id) > MAX_CALL_ID:
        return None
    customer = _fast_customer(get)
    currency = _fast_text(get("currency"), 3)
    duration = _fast_int(get("duration"), textual, _FAST_SECONDS)
    billed = _fast_int(get("billedDuration"), textual, _FAST_SECONDS)
    cli = _fast_text(get("cli"), TEXT_LIMITS["cli"])
    destination = _fast_text(get("destination"), TEXT_LIMITS["destination"])
    prefix = _fast_text(get("destinationPrefix"), TEXT_LIMITS["destinationPrefix"])
    country = _fast_text(get("destinationCountry"), 2)
    charge = _fast_money(get("charge"))
    cost = _fast_money(get("cost"))
    pdd_raw = get("pdd")
    pdd = 0 if pdd_raw is None else _fast_int(pdd_raw, textual, MAX_INT)
    cause_raw = get("disconnectCause")
    cause = None if cause_raw is None else _fast_int(cause_raw, textual, MAX_INT)
    if (
        customer is None
        or currency is None
        or duration is None
        or billed is None
        or cli is None
        or destination is None
        or prefix is None
        or country is None
        or charge is None
        or cost is None
        or pdd is None
        or (cause_raw is not None and cause is None)
    ):
        return None
    country = country.upper()
    if country and not (len(country) == 2 and country.isascii() and country.isalpha()):
        return None
    return CdrRecord(
        line=line,
        call_id=call_id,
        customer=customer,
        currency=currency or None,
        started_at=started,
        answered_at=answered,
        ended_at=ended,
        duration=duration,
        billed_duration=billed,
        cli=cli,
        destination=destination,
        destination_prefix=prefix,
        destination_country=country,
        charge_units=charge,
        cost_units=cost,
        pdd=pdd,
        disconnect_cause=cause,
    )


def _cells(row: dict[object, object]) -> Callable[[str], object]:
    """A CSV row's reads: an empty cell is an absent value."""

    def get(key: str) -> object:
        value = row.get(key)
        return None if value == "" else value

    return get


def _fast_customer(get: Callable[[str], object]) -> CustomerRef | None:
    customer_id, username, source_ip = get("customerId"), get("sipUsername"), get("sourceIp")
    if customer_id is not None:
        if username is not None or source_ip is not None or type(customer_id) is not str:
            return None
        if "\x00" in customer_id:
            return None
        try:
            return _customer_ref(customer_id)
        except RowError:
            return None
    if username is not None:
        if source_ip is not None:
            return None
        name = _fast_text(username, 64)
        return None if name is None else CustomerRef(sip_username=name)
    if source_ip is None:
        return None
    address = _fast_text(source_ip, 45)
    tech = _fast_text(get("techPrefix"), 32)
    return None if address is None or tech is None else CustomerRef(source_ip=address, tech_prefix=tech)


@lru_cache(maxsize=4096)
def _customer_ref(global_id: str) -> CustomerRef:
    return CustomerRef(customer_id=customer_pk(global_id))


def read_record(line: int, raw: object, textual: bool) -> CdrRecord:
    """`check_record`, through the fast path when the record is well formed."""
    record = fast_record(line, raw, textual)
    return record if record is not None else check_record(line, raw, textual)


class _Values:
    """Typed reads of one record's keys; each raises RowError naming the key."""

    def __init__(self, raw: dict[object, object], textual: bool) -> None:
        self.raw = raw
        self.textual = textual

    def get(self, key: str) -> object:
        value = self.raw.get(key)
        return None if self.textual and value == "" else value

    def string(self, key: str, required: bool) -> str | None:
        value = self.get(key)
        if value is None:
            if required:
                raise RowError(f"{key} is missing.")
            return None
        if not isinstance(value, str):
            raise RowError(f"{key} must be a string.")
        if "\x00" in value:
            raise RowError(f"{key} contains a NUL character.")
        return value

    def text(self, key: str, limit: int) -> str:
        value = (self.string(key, required=False) or "").strip()
        if len(value) > limit:
            raise RowError(f"{key} is longer than {limit} characters.")
        return value

    def call_id(self) -> str:
        value = (self.string("callId", required=True) or "").strip()
        if not value:
            raise RowError("callId is empty.")
        if len(value) > MAX_CALL_ID:
            raise RowError(f"callId is longer than {MAX_CALL_ID} characters.")
        return value

    def country(self) -> str:
        value = self.text("destinationCountry", 2).upper()
        if value and not (len(value) == 2 and value.isascii() and value.isalpha()):
            raise RowError("destinationCountry must be an ISO 3166 two-letter code.")
        return value

    def customer(self) -> CustomerRef:
        named = [key for key in ("customerId", "sipUsername", "sourceIp") if self.get(key) is not None]
        if not named:
            raise RowError("The customer is missing: give customerId, sipUsername or sourceIp.")
        if len(named) > 1:
            raise RowError(f"Give one of customerId, sipUsername, sourceIp, not {' and '.join(named)}.")
        if named[0] == "customerId":
            return CustomerRef(customer_id=customer_pk(self.string("customerId", required=True) or ""))
        if named[0] == "sipUsername":
            return CustomerRef(sip_username=self.text("sipUsername", 64))
        return CustomerRef(source_ip=self.text("sourceIp", 45), tech_prefix=self.text("techPrefix", 32))

    def time(self, key: str, required: bool) -> datetime | None:
        value = self.string(key, required)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise RowError(f"{key} is not an RFC 3339 time: {value[:40]!r}.") from None
        if parsed.tzinfo is None:
            raise RowError(f"{key} has no UTC offset: {value[:40]!r}.")
        return parsed.astimezone(UTC)

    def integer(self, key: str, required: bool) -> int | None:
        value = self.get(key)
        if value is None:
            if required:
                raise RowError(f"{key} is missing.")
            return None
        if self.textual and isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            raise RowError(f"{key} must be a whole number.")
        if abs(value) > MAX_INT:
            raise RowError(f"{key} is out of range.")
        if value < 0:
            raise RowError(f"{key} must not be negative.")
        return value

    def seconds(self, key: str) -> int:
        value = self.integer(key, required=True)
        assert value is not None
        if value > MAX_SECONDS:
            raise RowError(f"{key} is more than {MAX_SECONDS} seconds.")
        return value

    def money(self, key: str) -> int:
        """The amount in 1/10 000 units; a decimal string only (a JSON number may have lost digits)."""
        value = self.get(key)
        if value is None:
            raise RowError(f"{key} is missing.")
        if not isinstance(value, str):
            raise RowError(f'{key} must be a decimal string, e.g. "0.0125".')
        try:
            amount = Decimal(value.strip())
        except InvalidOperation:
            raise RowError(f"{key} is not a decimal number: {value[:40]!r}.") from None
        if not amount.is_finite():
            raise RowError(f"{key} is not a decimal number: {value[:40]!r}.")
        if amount < 0:
            raise RowError(f"{key} must not be negative.")
        units = amount.scaleb(MONEY_UNIT_PLACES)
        if units != units.to_integral_value():
            raise RowError(f"{key} has more than {MONEY_UNIT_PLACES} decimal places.")
        if units >= MAX_MONEY_UNITS:
            raise RowError(f"{key} is too large.")
        return int(units)


@lru_cache(maxsize=4096)
def customer_pk(global_id: str) -> int:
    """The customer's key inside its global id (base64 of "Customer:<id>"), or RowError."""
    try:
        decoded = base64.b64decode(global_id.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise RowError(f"customerId is not a customer's global id: {global_id[:40]!r}.") from None
    type_name, _, node_id = decoded.partition(":")
    pk = database_id(node_id, Customer) if type_name == "Customer" else None
    if pk is None:
        raise RowError(f"customerId is not a customer's global id: {global_id[:40]!r}.")
    return pk


def units_to_decimal(units: int) -> Decimal:
    return Decimal(units).scaleb(-MONEY_UNIT_PLACES)
