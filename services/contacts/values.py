"""A contact's editable fields, declared once (services/fields.py), and the rules that clean them."""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers

from models.enums import ContactType, MessageChannel
from services import validation as v
from services.errors import ErrorCode
from services.fields import CleanContext, spec, specs_of
from services.messaging.outbox import normalized_destination
from services.validation import Invalid, Patch, Unset

MAX_IP_RULES = 50
MAX_NOTES = 10_000
NOT_FOR_PASSWORDS = "Never put passwords here: notes are stored and shown as written."


def _name(value: str, _context: CleanContext) -> str:
    return v.text(value, max_length=200, required=True)


def _email(value: str, _context: CleanContext) -> str:
    address = v.email(value)
    if address is None:
        raise Invalid("This field is required.", ErrorCode.REQUIRED)
    if len(address) > 320:
        raise Invalid("At most 320 characters.")
    return address


def _phone(value: str | None, _context: CleanContext) -> str | None:
    """Any valid number written in international form, kept in E.164."""
    if value is None or not value.strip():
        return None
    return normalized_destination(MessageChannel.SMS, value)


def _mobile(value: str | None, context: CleanContext) -> str | None:
    """A phone number that can be a mobile one: SMS go there."""
    number = _phone(value, context)
    if number is not None and phonenumbers.number_type(phonenumbers.parse(number)) in _NOT_MOBILE:
        raise Invalid(f"{number} is not a mobile number.")
    return number


# Types that can never take an SMS; numbers of countries that do not tell fixed lines from
# mobiles apart (FIXED_LINE_OR_MOBILE, e.g. the US) are accepted.
_NOT_MOBILE = frozenset(
    {
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
    }
)


def _notes(value: str, _context: CleanContext) -> str:
    return v.text(value, max_length=MAX_NOTES)


def _ip_allow(values: list[str], _context: CleanContext) -> list[str]:
    return v.ip_networks(values, max_entries=MAX_IP_RULES)


@dataclass(frozen=True)
class ContactPatch(Patch):
    """Every editable contact field (the customer card's Add Contact form). A field left UNSET
    is not touched; None clears it where the annotation allows it. The password is not a field:
    it is set on creation or by a reset (services/contacts/passwords.py), never read back."""

    name: str | Unset = spec("The contact's real name.", clean=_name, portal=True)
    email: str | Unset = spec(
        "E-mail address: where the contact is written to, and its customer portal login; unique "
        "in the account, whatever its case. A new address is unverified unless emailVerified is "
        "given with it.",
        clean=_email,
        portal=True,
    )
    phone: str | None | Unset = spec(
        "Phone number in international form, kept in E.164 (e.g. +442071838750).",
        clean=_phone,
        default=None,
        portal=True,
    )
    mobile: str | None | Unset = spec(
        "Mobile number in international form, kept in E.164 (e.g. +447911123456); SMS go here. "
        "A new number is unverified unless mobileVerified is given with it.",
        clean=_mobile,
        default=None,
        portal=True,
    )
    contact_type: ContactType | Unset = spec(
        "What the contact is for; informational only.",
        default=ContactType.GENERAL,
        portal=True,
    )
    public_notes: str | Unset = spec(
        f"Notes shown to the customer in the customer portal. {NOT_FOR_PASSWORDS}",
        clean=_notes,
        default="",
        portal=True,
    )
    private_notes: str | Unset = spec(
        f"Staff notes, never shown in the customer portal. {NOT_FOR_PASSWORDS}",
        clean=_notes,
        default="",
    )
    email_verified: bool | Unset = spec("Whether the e-mail address is verified.", default=False, portal=True)
    mobile_verified: bool | Unset = spec("Whether the mobile number is verified.", default=False, portal=True)
    ip_allow: list[str] | Unset = spec(
        "Addresses or networks (CIDR) the contact may log in to the customer portal from; "
        "anywhere when empty.",
        clean=_ip_allow,
        default=[],
    )


FIELDS = specs_of(ContactPatch)
REQUIRED_ON_CREATE = tuple(name for name, field in FIELDS.items() if field.required_on_create)
