"""What the API answers, as a client sees it: the customer selection and a new customer's JSON."""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from services.customers.values import FIELDS, CustomerPatch
from services.fields import creation_defaults

CUSTOMER_FIELDS = """
    id name status channels flowSpeed debitLimit minimumPayment topupCurrencies taxPercent currency
    balance channelsInUse paypalEmail website pAssertedId portalAccess portalHiddenSections
    portalManageContacts vars
    invoiceSchedule createInvoiceOnPayment invoiceDueDays invoiceTemplate { id name } externalAccountingId
    rtpFirewall recordingRetentionDays portalDomain dailySpendLimit stirShakenAttestation
    addressLine1 addressLine2 city region postalCode country approvedCliOnly
    emailVerificationRequired mobileVerificationRequired notes timezone
    dialWindows { start end days } tags reseller { id name } accountManager { id name email }
"""


def default_customer_json(**overrides: Any) -> dict[str, Any]:
    """A new EUR customer as the API returns it (CUSTOMER_FIELDS) when only the name is given:
    the declared defaults (services/customers/values.py), as the API writes them."""
    values: dict[str, Any] = {"name": None, "currency": "EUR"}
    for name, default in creation_defaults(CustomerPatch).items():
        field = FIELDS[name]
        if field.refers_to is not None:
            values[name.removesuffix("_id")] = None  # the object, null when the id is
        else:
            values[name] = _as_json(name, default)
    values.update(balance="0.00", channels_in_use=None)  # no active-calls snapshot yet
    return {to_camel_case(name): value for name, value in values.items()} | overrides


def _as_json(name: str, value: Any) -> Any:
    if isinstance(value, Decimal):
        # money has the currency's minor units; a percentage is written without trailing zeros
        return str(value.normalize()) if name == "tax_percent" else str(value.quantize(Decimal("0.01")))
    if isinstance(value, Enum):
        return value.value
    return value
