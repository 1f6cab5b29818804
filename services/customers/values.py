"""The editable customer fields: the typed patch, and the rules that clean each value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from models.enums import (
    CustomerStatus,
    InvoiceSchedule,
    PortalSection,
    RtpFirewall,
    StirShakenAttestation,
    Weekday,
)
from services import validation as v
from services.errors import ErrorCode, FieldError
from services.validation import UNSET, Invalid, Patch, Unset

# Whole-value patterns, used with fullmatch (`$` also matches before a trailing newline) and
# with ASCII digits only (`\d` also takes other scripts' digits).
_HHMM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00")
_HOSTNAME = re.compile(r"(?=.{1,253}\Z)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*")
MAX_DIAL_WINDOWS = 50


@dataclass(frozen=True)
class DialWindow:
    """Dialing allowed from `start` to `end` ("HH:MM", end may be "24:00") in the customer's
    time zone, on `days` (every day when empty)."""

    start: str
    end: str
    days: tuple[Weekday, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "days": [d.value for d in self.days]}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DialWindow:
        return cls(raw["start"], raw["end"], tuple(Weekday(d) for d in raw.get("days", [])))


@dataclass(frozen=True)
class CustomerPatch(Patch):
    """Values to write; a field left UNSET is not touched (None means set to null)."""

    name: str | Unset = UNSET
    status: CustomerStatus | Unset = UNSET
    channels: int | Unset = UNSET
    flow_speed: int | Unset = UNSET
    debit_limit: Decimal | Unset = UNSET
    minimum_payment: Decimal | Unset = UNSET
    topup_currencies: list[str] | Unset = UNSET
    tax_percent: Decimal | Unset = UNSET
    currency: str | Unset = UNSET
    paypal_email: str | None | Unset = UNSET
    website: str | None | Unset = UNSET
    p_asserted_id: str | None | Unset = UNSET
    portal_access: bool | Unset = UNSET
    portal_hidden_sections: list[PortalSection] | Unset = UNSET
    tags: list[str] | Unset = UNSET
    vars: str | Unset = UNSET
    reseller_id: int | None | Unset = UNSET
    account_manager_id: int | None | Unset = UNSET
    invoice_schedule: InvoiceSchedule | Unset = UNSET
    create_invoice_on_payment: bool | Unset = UNSET
    invoice_due_days: int | Unset = UNSET
    invoice_template: str | None | Unset = UNSET
    external_accounting_id: str | None | Unset = UNSET
    rtp_firewall: RtpFirewall | Unset = UNSET
    recording_retention_days: int | Unset = UNSET
    portal_domain: str | None | Unset = UNSET
    daily_spend_limit: Decimal | None | Unset = UNSET
    stir_shaken_attestation: StirShakenAttestation | None | Unset = UNSET
    address_line1: str | None | Unset = UNSET
    address_line2: str | None | Unset = UNSET
    city: str | None | Unset = UNSET
    region: str | None | Unset = UNSET
    postal_code: str | None | Unset = UNSET
    country: str | None | Unset = UNSET
    approved_cli_only: bool | Unset = UNSET
    email_verification_required: bool | Unset = UNSET
    mobile_verification_required: bool | Unset = UNSET
    notes: str | Unset = UNSET
    timezone: str | Unset = UNSET
    dial_windows: list[DialWindow] | Unset = UNSET


PATCH_FIELDS = tuple(f.name for f in fields(CustomerPatch))
NULLABLE = frozenset(
    {
        "paypal_email",
        "website",
        "p_asserted_id",
        "reseller_id",
        "account_manager_id",
        "invoice_template",
        "external_accounting_id",
        "portal_domain",
        "daily_spend_limit",
        "stir_shaken_attestation",
        "address_line1",
        "address_line2",
        "city",
        "region",
        "postal_code",
        "country",
    }
)


def _dial_windows(windows: list[DialWindow]) -> list[dict[str, object]]:
    if len(windows) > MAX_DIAL_WINDOWS:
        raise Invalid(f"At most {MAX_DIAL_WINDOWS} dialing windows.")
    cleaned = []
    for index, window in enumerate(windows):
        for part in ("start", "end"):
            if not _HHMM.fullmatch(getattr(window, part)):
                raise Invalid("Use HH:MM (00:00 to 24:00).", ErrorCode.INVALID, str(index), part)
        if window.start >= window.end:
            raise Invalid("The window must end after it starts.", ErrorCode.INVALID, str(index), "end")
        days = DialWindow(window.start, window.end, tuple(v.unique_enums(list(window.days))))
        cleaned.append(days.as_json())
    return cleaned


def _hostname(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    host = value.strip().lower()
    if not _HOSTNAME.fullmatch(host):
        raise Invalid("Not a valid domain name.")
    return host


def _identity(value: Any, _currency: str) -> Any:
    return value


def _ignore_currency(clean: Callable[[Any], Any]) -> Callable[[Any, str], Any]:
    return lambda value, _currency: clean(value)


def _text(max_length: int, required: bool = False) -> Callable[[Any, str], Any]:
    return _ignore_currency(lambda value: v.text(value, max_length=max_length, required=required))


def _optional_text(max_length: int) -> Callable[[Any, str], Any]:
    return _ignore_currency(lambda value: v.optional_text(value, max_length=max_length))


def _count(value: int, _currency: str) -> int:
    return v.non_negative_int(value)


CLEANERS: dict[str, Callable[[Any, str], Any]] = {
    "name": _text(200, required=True),
    "status": _identity,
    "channels": _count,
    "flow_speed": _count,
    "debit_limit": lambda value, currency: v.money(value, currency),
    "minimum_payment": lambda value, currency: v.money(value, currency, minimum=Decimal(0)),
    "topup_currencies": _ignore_currency(v.currency_list),
    "tax_percent": _ignore_currency(v.percent),
    "currency": _ignore_currency(v.currency_code),
    "paypal_email": _ignore_currency(v.email),
    "website": _ignore_currency(v.url),
    "p_asserted_id": _optional_text(200),
    "portal_access": _identity,
    "portal_hidden_sections": _ignore_currency(v.unique_enums),
    "tags": _ignore_currency(v.tag_list),
    "vars": _ignore_currency(v.toml_document),
    "reseller_id": _identity,
    "account_manager_id": _identity,
    "invoice_schedule": _identity,
    "create_invoice_on_payment": _identity,
    "invoice_due_days": _count,
    "invoice_template": _optional_text(100),
    "external_accounting_id": _optional_text(100),
    "rtp_firewall": _identity,
    "recording_retention_days": _count,
    "portal_domain": _ignore_currency(_hostname),
    "daily_spend_limit": lambda value, currency: v.money(value, currency, minimum=Decimal(0)),
    "stir_shaken_attestation": _identity,
    "address_line1": _optional_text(200),
    "address_line2": _optional_text(200),
    "city": _optional_text(100),
    "region": _optional_text(100),
    "postal_code": _optional_text(20),
    "country": _ignore_currency(v.country_code),
    "approved_cli_only": _identity,
    "email_verification_required": _identity,
    "mobile_verification_required": _identity,
    "notes": _text(10_000),
    "timezone": _ignore_currency(v.time_zone),
    "dial_windows": _ignore_currency(_dial_windows),
}
assert set(CLEANERS) == set(PATCH_FIELDS), "every patch field needs a cleaner"


def clean_values(values: dict[str, Any], currency: str) -> tuple[dict[str, Any], list[FieldError]]:
    """Clean every given value; returns the clean values and the errors, one per bad field."""
    cleaned: dict[str, Any] = {}
    errors: list[FieldError] = []
    for name, value in values.items():
        if value is None:
            if name in NULLABLE:
                cleaned[name] = None
            else:
                errors.append(FieldError(ErrorCode.REQUIRED, "This field cannot be null.", (name,)))
            continue
        try:
            cleaned[name] = CLEANERS[name](value, currency)
        except Invalid as exc:
            errors.append(exc.at(name))
    return cleaned, errors
