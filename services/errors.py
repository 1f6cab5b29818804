"""Expected failures, raised by services and turned into payload errors by the API."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    DUPLICATE = "DUPLICATE"
    CONFLICT = "CONFLICT"
    PERMISSION_DENIED = "PERMISSION_DENIED"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    SESSION_REVOKED = "SESSION_REVOKED"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    THROTTLED = "THROTTLED"
    TOO_MANY = "TOO_MANY"
    CURRENCY_IMMUTABLE = "CURRENCY_IMMUTABLE"
    REASON_REQUIRED = "REASON_REQUIRED"
    NUMBER_RANGE_NOT_CONFIGURED = "NUMBER_RANGE_NOT_CONFIGURED"
    RANGE_IN_USE = "RANGE_IN_USE"
    BLOCK_IN_USE = "BLOCK_IN_USE"
    DUPLICATE_SIP_USER = "DUPLICATE_SIP_USER"
    EXTENSION_OUT_OF_BLOCK = "EXTENSION_OUT_OF_BLOCK"
    DUPLICATE_EXTENSION = "DUPLICATE_EXTENSION"
    IP_RANGE_OVERLAP = "IP_RANGE_OVERLAP"
    ABOVE_CUSTOMER_LIMIT = "ABOVE_CUSTOMER_LIMIT"
    BUSY = "BUSY"
    ADDRESS_NOT_ALLOWED = "ADDRESS_NOT_ALLOWED"
    INVALID_TOKEN = "INVALID_TOKEN"
    SELF_LOCKOUT = "SELF_LOCKOUT"
    INVALID_CHOICE = "INVALID_CHOICE"
    DOMAIN_IN_USE = "DOMAIN_IN_USE"
    BUILT_IN_ROLE = "BUILT_IN_ROLE"
    ROLE_IN_USE = "ROLE_IN_USE"
    RESELLER_IN_USE = "RESELLER_IN_USE"
    NO_ADDRESS = "NO_ADDRESS"
    INVALID_CODE = "INVALID_CODE"
    # A verification code whose time ran out, or that took too many wrong tries.
    CODE_EXPIRED = "CODE_EXPIRED"
    TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS"
    # A customer's channels or CPS lowered below what one of its IP authentications or SIP
    # users allows.
    BELOW_AUTH_LIMIT = "BELOW_AUTH_LIMIT"
    # A portal principal asked for (or to write) what the portal does not show it: a staff-only
    # field, or a section its customer's portal settings hide.
    FORBIDDEN = "FORBIDDEN"
    # The customer's portal is closed (portalAccess off, or the customer deleted).
    PORTAL_CLOSED = "PORTAL_CLOSED"
    # A contact's portal login from an address outside its IP allow-list.
    IP_NOT_ALLOWED = "IP_NOT_ALLOWED"
    # A Portal Login for a customer with no portal domain (neither its own nor the account's).
    NO_PORTAL_DOMAIN = "NO_PORTAL_DOMAIN"
    # Invoices: a template that does not parse or reaches for what templates may not use; one
    # that renders too long or too much; a customer's template that is not the account's.
    INVALID_TEMPLATE = "INVALID_TEMPLATE"
    TEMPLATE_LIMIT = "TEMPLATE_LIMIT"
    UNKNOWN_TEMPLATE = "UNKNOWN_TEMPLATE"
    TEMPLATE_IN_USE = "TEMPLATE_IN_USE"
    # An invoice in a status the change does not apply to (issuing a VOID one, ...).
    INVALID_STATUS = "INVALID_STATUS"
    # A period that is not over yet, or overlaps another invoice of the customer.
    PERIOD_NOT_COMPLETE = "PERIOD_NOT_COMPLETE"
    PERIOD_OVERLAP = "PERIOD_OVERLAP"
    # A payment below the customer's minimum payment (compared in the customer's currency).
    BELOW_MINIMUM_PAYMENT = "BELOW_MINIMUM_PAYMENT"
    # A payment in a currency that is neither the customer's own nor one of its top-up currencies.
    CURRENCY_NOT_ALLOWED = "CURRENCY_NOT_ALLOWED"
    # No exchange rate of the account from the payment's currency to the customer's.
    NO_EXCHANGE_RATE = "NO_EXCHANGE_RATE"
    # Completing or cancelling a payment that is no longer PENDING.
    PAYMENT_NOT_PENDING = "PAYMENT_NOT_PENDING"
    # Allocating a payment that is not COMPLETED; one with nothing left to allocate, or a
    # customer without an ISSUED invoice to settle; an invoice in another currency.
    PAYMENT_NOT_COMPLETED = "PAYMENT_NOT_COMPLETED"
    NOTHING_TO_ALLOCATE = "NOTHING_TO_ALLOCATE"
    CURRENCY_MISMATCH = "CURRENCY_MISMATCH"
    # Delay and Save: an effectiveAt further ahead than a change may be scheduled.
    TOO_FAR_AHEAD = "TOO_FAR_AHEAD"
    # A scheduled change that is no longer PENDING cannot be cancelled or rescheduled.
    NOT_PENDING = "NOT_PENDING"


@dataclass(frozen=True)
class FieldError:
    """One problem with the input; `field` is the path inside the mutation's input. `counts`
    are the numbers behind a refusal, by what they count (e.g. `("users", 3)` for a role that
    three users hold), for a program to show without parsing the message."""

    code: ErrorCode
    message: str
    field: tuple[str, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()

    def under(self, *prefix: str) -> FieldError:
        return FieldError(self.code, self.message, (*prefix, *self.field), self.counts)


class ServiceError(Exception):
    """A refused operation: nothing was written."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = list(errors)

    @classmethod
    def single(cls, code: ErrorCode, message: str, *field: str) -> ServiceError:
        return cls([FieldError(code, message, field)])


def not_found(what: str, *field: str) -> ServiceError:
    return ServiceError.single(ErrorCode.NOT_FOUND, f"{what} not found.", *field)


def permission_denied(message: str = "You do not have permission to do this.") -> ServiceError:
    return ServiceError.single(ErrorCode.PERMISSION_DENIED, message)
