"""The editable customer fields: the typed patch, and the rules that clean each value."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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
from services.fields import CleanContext, Cleaner, clean_collecting, spec, specs_of
from services.validation import Invalid, Patch, Unset

# Whole-value patterns, used with fullmatch (`$` also matches before a trailing newline) and
# with ASCII digits only (`\d` also takes other scripts' digits).
_HHMM = re.compile(r"(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00")
MAX_DIAL_WINDOWS = 50
_EMPTY_OR_WHOLE_DAY = "A window cannot end when it starts; 00:00 to 24:00 is the whole day."


@dataclass(frozen=True)
class DialWindow:
    """Dialing allowed from `start` to `end` ("HH:MM"; end may be "24:00") in the customer's
    time zone, on `days` (every day when empty). An `end` before `start` is one window that
    crosses midnight (22:00-02:00): `days` name the day it opens on, and it closes at `end` on
    the next day. The times are wall-clock times (services/eligibility/windows.py)."""

    start: str
    end: str
    days: tuple[Weekday, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "days": [d.value for d in self.days]}

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> DialWindow:
        return cls(raw["start"], raw["end"], tuple(Weekday(d) for d in raw.get("days", [])))


def _dial_windows(windows: list[DialWindow]) -> list[DialWindow]:
    if len(windows) > MAX_DIAL_WINDOWS:
        raise Invalid(f"At most {MAX_DIAL_WINDOWS} dialing windows.")
    cleaned = []
    for index, window in enumerate(windows):
        for part in ("start", "end"):
            if not _HHMM.fullmatch(getattr(window, part)):
                raise Invalid("Use HH:MM (00:00 to 24:00).", ErrorCode.INVALID, str(index), part)
        if window.start == "24:00":
            raise Invalid("A window starts at 00:00 to 23:59.", ErrorCode.INVALID, str(index), "start")
        if window.start == window.end:
            raise Invalid(_EMPTY_OR_WHOLE_DAY, ErrorCode.INVALID, str(index), "end")
        cleaned.append(DialWindow(window.start, window.end, tuple(v.unique_enums(list(window.days)))))
    return cleaned


def _windows_json(windows: list[DialWindow]) -> list[dict[str, object]]:
    return [window.as_json() for window in windows]


def _plain(clean_value: Callable[[Any], Any]) -> Cleaner:
    """A cleaner that needs only the value."""
    return lambda value, _context: clean_value(value)


def _text(max_length: int, required: bool = False) -> Cleaner:
    return _plain(lambda value: v.text(value, max_length=max_length, required=required))


def _optional_text(max_length: int) -> Cleaner:
    return _plain(lambda value: v.optional_text(value, max_length=max_length))


def _count(value: int, _context: CleanContext) -> int:
    return v.non_negative_int(value)


def _money(minimum: Decimal | None = None) -> Cleaner:
    """An amount in the customer's currency (its minor units)."""

    def clean_money(value: Decimal, context: CleanContext) -> Decimal:
        assert context.currency is not None, "money is cleaned in a currency"
        return v.money(value, context.currency, minimum=minimum)

    return clean_money


@dataclass(frozen=True)
class CustomerPatch(Patch):
    """Every editable customer field, declared once (see services/fields.py): the card's Basic,
    Config, Address, Verification, Notes and Day/Time Restrict tabs. A field left UNSET is not
    touched; None sets it to null where the annotation allows it."""

    # Basic
    name: str | Unset = spec(
        "Name or unique identifier, unique in the account.",
        clean=_text(200, required=True),
        portal=True,
    )
    status: CustomerStatus | Unset = spec(
        "Whether the customer may pass calls.",
        default=CustomerStatus.ACTIVE,
        portal=True,
    )
    channels: int | Unset = spec(
        "Maximum concurrent calls; 0 means none.", clean=_count, default=0, portal=True
    )
    flow_speed: int | Unset = spec("Calls per second (CPS).", clean=_count, default=0)
    debit_limit: Decimal | Unset = spec(
        "Negative balance allowed: 0 pre-pay, >0 post-pay credit, <0 a buffer.",
        clean=_money(),
        default=Decimal(0),
        portal=PortalSection.BALANCE,
    )
    minimum_payment: Decimal | Unset = spec(
        "Smallest top-up accepted.",
        clean=_money(minimum=Decimal(0)),
        default=Decimal(0),
        portal=PortalSection.PAYMENTS,
    )
    topup_currencies: list[str] | Unset = spec(
        "Currencies accepted for top-ups; any when empty.",
        clean=_plain(v.currency_list),
        default=[],
        portal=PortalSection.PAYMENTS,
    )
    tax_percent: Decimal | Unset = spec(
        "Tax charged on top of costs, in percent.",
        clean=_plain(v.percent),
        default=Decimal(0),
        portal=PortalSection.INVOICES,
    )
    currency: str | Unset = spec(
        "ISO 4217 currency; fixed at creation: an update may only repeat it (CURRENCY_IMMUTABLE).",
        clean=_plain(v.currency_code),
        portal=True,
    )
    # Config
    paypal_email: str | None | Unset = spec(
        "PayPal account for IPN payments.",
        clean=_plain(v.email),
        default=None,
        portal=PortalSection.PAYMENTS,
    )
    website: str | None | Unset = spec(
        "The customer's website.", clean=_plain(v.url), default=None, portal=True
    )
    p_asserted_id: str | None | Unset = spec(
        "P-Asserted-Identity to send.", clean=_optional_text(200), default=None
    )
    portal_access: bool | Unset = spec("Whether the customer may use the portal.", default=True)
    portal_hidden_sections: list[PortalSection] | Unset = spec(
        "Portal sections hidden from the customer.", clean=_plain(v.unique_enums), default=[]
    )
    portal_manage_contacts: bool | Unset = spec(
        "Whether the customer's contacts, signed in to the portal, see and manage each other "
        "(create, edit, delete, reset passwords). Off: each contact sees and edits only itself.",
        default=False,
    )
    tags: list[str] | Unset = spec(
        "Tags (meta-data, also used by global routing).",
        clean=_plain(v.tag_list),
        default=[],
        table="customer_tag",
    )
    vars: str | Unset = spec("TOML configuration for scripts.", clean=_plain(v.toml_document), default="")
    reseller_id: int | None | Unset = spec(
        "The reseller group the customer belongs to.", default=None, refers_to="Reseller"
    )
    account_manager_id: int | None | Unset = spec(
        "The user who manages this customer.", default=None, refers_to="User"
    )
    invoice_schedule: InvoiceSchedule | Unset = spec(
        "Invoice frequency.", default=InvoiceSchedule.MONTHLY, portal=PortalSection.INVOICES
    )
    create_invoice_on_payment: bool | Unset = spec(
        "Invoice each payment.", default=False, portal=PortalSection.INVOICES
    )
    invoice_due_days: int | Unset = spec(
        "Days an invoice may stay unpaid.", clean=_count, default=30, portal=PortalSection.INVOICES
    )
    invoice_template_id: int | None | Unset = spec(
        "The account's invoice template for this customer's invoices (UNKNOWN_TEMPLATE when it is "
        "not one of the account's); null: the shipped default template.",
        default=None,
        refers_to="InvoiceTemplate",
        portal=PortalSection.INVOICES,
    )
    external_accounting_id: str | None | Unset = spec(
        "Id in the accounting system.", clean=_optional_text(100), default=None
    )
    rtp_firewall: RtpFirewall | Unset = spec("Media firewall mode.", default=RtpFirewall.LOCKED)
    recording_retention_days: int | Unset = spec("Days call recordings are kept.", clean=_count, default=0)
    portal_domain: str | None | Unset = spec(
        "Portal domain the customer signs in to: one of the account's portalDomains "
        "(INVALID_CHOICE otherwise), lower-cased.",
        clean=_plain(v.hostname),
        default=None,
    )
    daily_spend_limit: Decimal | None | Unset = spec(
        "Most the customer may spend per UTC day; unlimited when null.",
        clean=_money(minimum=Decimal(0)),
        default=None,
        portal=PortalSection.BALANCE,
    )
    stir_shaken_attestation: StirShakenAttestation | None | Unset = spec(
        "Default attestation for the customer's CLIs.",
        default=None,
        portal=True,
    )
    # Address
    address_line1: str | None | Unset = spec("Street address.", clean=_optional_text(200), default=None)
    address_line2: str | None | Unset = spec(
        "Street address, second line.", clean=_optional_text(200), default=None
    )
    city: str | None | Unset = spec("City.", clean=_optional_text(100), default=None, portal=True)
    region: str | None | Unset = spec(
        "State, province or region.", clean=_optional_text(100), default=None, portal=True
    )
    postal_code: str | None | Unset = spec(
        "Postal code.", clean=_optional_text(20), default=None, portal=True
    )
    country: str | None | Unset = spec(
        "ISO 3166-1 alpha-2 country.",
        clean=_plain(v.country_code),
        default=None,
        portal=True,
    )
    # Verification
    approved_cli_only: bool | Unset = spec(
        "Only pre-approved caller ids may dial.", default=False, portal=True
    )
    email_verification_required: bool | Unset = spec(
        "E-mail must be verified to dial.", default=False, portal=True
    )
    mobile_verification_required: bool | Unset = spec(
        "Mobile must be verified to dial.", default=False, portal=True
    )
    # Notes
    notes: str | Unset = spec(
        "Staff notes. Never put passwords here: notes are shown to every reader of the customer.",
        clean=_text(10_000),
        default="",
    )
    # Day/Time Restrict
    timezone: str | Unset = spec(
        "IANA time zone of the dialing windows.",
        clean=_plain(v.time_zone),
        default="UTC",
        portal=True,
    )
    dial_windows: list[DialWindow] | Unset = spec(
        "When the customer may dial; any time when empty.",
        clean=_plain(_dial_windows),
        default=[],
        store=_windows_json,
        portal=True,
    )


FIELDS = specs_of(CustomerPatch)
PATCH_FIELDS = tuple(FIELDS)
NULLABLE = frozenset(name for name, field in FIELDS.items() if field.nullable)
# Tags live in their own table and are snapshotted apart from the row's columns.
ROW_FIELDS = tuple(name for name, field in FIELDS.items() if field.table is None)


def clean_patch(patch: CustomerPatch, currency: str) -> tuple[CustomerPatch, list[FieldError]]:
    """The patch with its good values cleaned (money in `currency`), and one error per bad field."""
    return clean_collecting(patch, CleanContext(currency=currency))
