"""customerCreate over HTTP: the saved customer, its row, its audit entry, names and tags."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Customer, CustomerTag, InvoiceTemplate
from tests.client import USER_ERRORS, customer_id_of, customer_mutation, global_id, make_principal
from tests.expected import CUSTOMER_FIELDS, default_customer_json
from tests.factories import make_account, make_reseller

CREATE = f"customer {{ {CUSTOMER_FIELDS} }} {USER_ERRORS}"


async def create(client: httpx.AsyncClient, token: str, **input: Any) -> dict[str, Any]:
    return await customer_mutation(client, token, "customerCreate", input, CREATE)


def full_input(reseller_id: str, manager_id: str, template_id: str) -> dict[str, Any]:
    """Every field of CustomerCreateInput, several in a form the service cleans."""
    return {
        "name": "  Acme Telecom  ",
        "currency": "eur",
        "status": "PENALTY",
        "channels": 10,
        "flowSpeed": 5,
        "debitLimit": "100.50",
        "minimumPayment": "5",
        "topupCurrencies": ["usd", "EUR", "USD"],
        "taxPercent": "19.5",
        "paypalEmail": "Pay@Example.COM",
        "website": "https://acme.example/portal",
        "pAssertedId": "sip:+4930123@acme.example",
        "portalAccess": False,
        "portalHiddenSections": ["CDR", "RATES", "CDR"],
        "tags": [" vip ", "VIP", "gold"],
        "vars": 'route = "eu"\nmax_cps = 5\n',
        "resellerId": reseller_id,
        "accountManagerId": manager_id,
        "invoiceSchedule": "WEEKLY",
        "createInvoiceOnPayment": True,
        "invoiceDueDays": 14,
        "invoiceTemplateId": template_id,
        "externalAccountingId": "ACC-0042",
        "rtpFirewall": "UNLOCKED",
        "recordingRetentionDays": 90,
        "portalDomain": "Portal.Acme.Example",
        "dailySpendLimit": "50",
        "stirShakenAttestation": "B",
        "addressLine1": "1 Main Street",
        "addressLine2": "Suite 2",
        "city": "Berlin",
        "region": "Berlin",
        "postalCode": "10115",
        "country": "de",
        "approvedCliOnly": True,
        "emailVerificationRequired": True,
        "mobileVerificationRequired": True,
        "notes": "Signed in March.",
        "timezone": "Europe/Berlin",
        "dialWindows": [{"start": "08:00", "end": "24:00", "days": ["MON", "TUE", "MON"]}],
        "reason": "New contract",
    }


async def test_create_with_every_field_returns_saves_and_audits_the_clean_values(
    client: httpx.AsyncClient,
) -> None:
    # Given an administrator, a reseller and an account manager of the account (and its portal domain)
    account = await make_account()
    await Account.filter(id=account.id).update(portal_domains=["portal.acme.example"])
    admin = await make_principal(client, account, email="admin@example.com")
    reseller = await make_reseller(account, "North")
    reseller_gid, manager_gid = global_id("Reseller", reseller.id), global_id("User", admin.user.id)
    template = await InvoiceTemplate.create(account_id=account.id, name="Standard", body="<p></p>")
    template_gid = global_id("InvoiceTemplate", template.id)

    # When every field is given
    payload = await create(client, admin.token, **full_input(reseller_gid, manager_gid, template_gid))

    # Then the customer comes back with the cleaned values
    customer = payload["customer"]
    customer_id = customer_id_of(customer.pop("id"))
    assert payload["errors"] == []
    assert customer == default_customer_json(
        name="Acme Telecom",
        status="PENALTY",
        channels=10,
        flowSpeed=5,
        debitLimit="100.50",
        minimumPayment="5.00",
        topupCurrencies=["USD", "EUR"],
        taxPercent="19.5",
        paypalEmail="Pay@example.com",
        website="https://acme.example/portal",
        pAssertedId="sip:+4930123@acme.example",
        portalAccess=False,
        portalHiddenSections=["CDR", "RATES"],
        vars='route = "eu"\nmax_cps = 5\n',
        invoiceSchedule="WEEKLY",
        createInvoiceOnPayment=True,
        invoiceDueDays=14,
        invoiceTemplate={"id": template_gid, "name": "Standard"},
        externalAccountingId="ACC-0042",
        rtpFirewall="UNLOCKED",
        recordingRetentionDays=90,
        portalDomain="portal.acme.example",
        dailySpendLimit="50.00",
        stirShakenAttestation="B",
        addressLine1="1 Main Street",
        addressLine2="Suite 2",
        city="Berlin",
        region="Berlin",
        postalCode="10115",
        country="DE",
        approvedCliOnly=True,
        emailVerificationRequired=True,
        mobileVerificationRequired=True,
        notes="Signed in March.",
        timezone="Europe/Berlin",
        dialWindows=[{"start": "08:00", "end": "24:00", "days": ["MON", "TUE"]}],
        tags=["vip", "gold"],
        reseller={"id": reseller_gid, "name": "North"},
        accountManager={"id": manager_gid, "name": "admin", "email": "admin@example.com"},
    )

    # And the row holds the same values
    row = (await Customer.filter(id=customer_id).values())[0]
    created_at, updated_at = row.pop("created_at"), row.pop("updated_at")
    assert datetime.now(UTC) - created_at < timedelta(minutes=1)
    assert updated_at >= created_at
    assert row == {
        "id": customer_id,
        "account_id": account.id,
        "name": "Acme Telecom",
        "name_key": "acme telecom",
        "status": "PENALTY",
        "channels": 10,
        "flow_speed": 5,
        "debit_limit": Decimal("100.50"),
        "minimum_payment": Decimal("5"),
        "topup_currencies": ["USD", "EUR"],
        "tax_percent": Decimal("19.5"),
        "currency": "EUR",
        "balance": Decimal(0),
        "channels_in_use": 0,
        "channels_in_use_at": None,
        "paypal_email": "Pay@example.com",
        "website": "https://acme.example/portal",
        "p_asserted_id": "sip:+4930123@acme.example",
        "portal_access": False,
        "portal_hidden_sections": ["CDR", "RATES"],
        "portal_manage_contacts": False,
        "vars": 'route = "eu"\nmax_cps = 5\n',
        "reseller_id": reseller.id,
        "account_manager_id": admin.user.id,
        "invoice_schedule": "WEEKLY",
        "create_invoice_on_payment": True,
        "invoice_due_days": 14,
        "invoice_template_id": template.id,
        "external_accounting_id": "ACC-0042",
        "rtp_firewall": "UNLOCKED",
        "recording_retention_days": 90,
        "portal_domain": "portal.acme.example",
        "daily_spend_limit": Decimal(50),
        "stir_shaken_attestation": "B",
        "address_line1": "1 Main Street",
        "address_line2": "Suite 2",
        "city": "Berlin",
        "region": "Berlin",
        "postal_code": "10115",
        "country": "DE",
        "approved_cli_only": True,
        "email_verification_required": True,
        "mobile_verification_required": True,
        "notes": "Signed in March.",
        "timezone": "Europe/Berlin",
        "dial_windows": [{"start": "08:00", "end": "24:00", "days": ["MON", "TUE"]}],
        "penalty_until": None,
        "penalty_reason": None,
        "penalty_previous_status": None,
        "deleted_at": None,
    }
    tags = await CustomerTag.filter(customer_id=customer_id).order_by("id").values_list("tag", flat=True)
    assert tags == ["vip", "gold"]

    # And exactly one CREATE entry records every set field, from null
    entries = await AuditEntry.all().exclude(action="LOGIN").values()
    assert len(entries) == 1
    entry = entries[0]
    assert datetime.now(UTC) - entry.pop("at") < timedelta(minutes=1)
    entry.pop("id")
    assert entry == {
        "account_id": account.id,
        "actor_kind": "USER",
        "actor_user_id": admin.user.id,
        "actor_contact_id": None,
        "actor_api_key_id": None,
        "on_behalf_of_user_id": None,
        "actor_label": "admin",
        "ip": "203.0.113.7",
        "user_agent": client.headers["user-agent"],
        "action": "CREATE",
        "http_verb": "POST",
        "table_name": "customer",
        "record_id": str(customer_id),
        "customer_id": customer_id,
        "message": "Customer Acme Telecom created",
        "reason": "New contract",
        "diff": {
            name: {"old": None, "new": new}
            for name, new in {
                "name": "Acme Telecom",
                "status": "PENALTY",
                "channels": 10,
                "flow_speed": 5,
                "debit_limit": "100.5",
                "minimum_payment": "5",
                "topup_currencies": ["USD", "EUR"],
                "tax_percent": "19.5",
                "currency": "EUR",
                "paypal_email": "Pay@example.com",
                "website": "https://acme.example/portal",
                "p_asserted_id": "sip:+4930123@acme.example",
                "portal_access": False,
                "portal_hidden_sections": ["CDR", "RATES"],
                "portal_manage_contacts": False,
                "vars": 'route = "eu"\nmax_cps = 5\n',
                "reseller_id": reseller.id,
                "account_manager_id": admin.user.id,
                "invoice_schedule": "WEEKLY",
                "create_invoice_on_payment": True,
                "invoice_due_days": 14,
                "invoice_template_id": template.id,
                "external_accounting_id": "ACC-0042",
                "rtp_firewall": "UNLOCKED",
                "recording_retention_days": 90,
                "portal_domain": "portal.acme.example",
                "daily_spend_limit": "50",
                "stir_shaken_attestation": "B",
                "address_line1": "1 Main Street",
                "address_line2": "Suite 2",
                "city": "Berlin",
                "region": "Berlin",
                "postal_code": "10115",
                "country": "DE",
                "approved_cli_only": True,
                "email_verification_required": True,
                "mobile_verification_required": True,
                "notes": "Signed in March.",
                "timezone": "Europe/Berlin",
                "dial_windows": [{"start": "08:00", "end": "24:00", "days": ["MON", "TUE"]}],
                "tags": ["vip", "gold"],
            }.items()
        },
    }


async def test_create_with_name_and_currency_only_applies_the_defaults(client: httpx.AsyncClient) -> None:
    # Given an administrator
    admin = await make_principal(client, await make_account())

    # When only the required fields are given
    payload = await create(client, admin.token, name="Minimal", currency="JPY")

    # Then every other field has its default (JPY amounts without decimals)
    customer = payload["customer"]
    customer.pop("id")
    assert payload["errors"] == []
    assert customer == default_customer_json(
        name="Minimal", currency="JPY", debitLimit="0", minimumPayment="0", balance="0"
    )
    # And the audit diff lists the defaults that are not empty
    (entry,) = await AuditEntry.filter(action="CREATE").values_list("diff", flat=True)
    assert entry == {
        name: {"old": None, "new": new}
        for name, new in {
            "name": "Minimal",
            "status": "ACTIVE",
            "channels": 0,
            "flow_speed": 0,
            "debit_limit": "0",
            "minimum_payment": "0",
            "tax_percent": "0",
            "currency": "JPY",
            "portal_access": True,
            "portal_manage_contacts": False,
            "invoice_schedule": "MONTHLY",
            "create_invoice_on_payment": False,
            "invoice_due_days": 30,
            "rtp_firewall": "LOCKED",
            "recording_retention_days": 0,
            "approved_cli_only": False,
            "email_verification_required": False,
            "mobile_verification_required": False,
            "timezone": "UTC",
        }.items()
    }


@pytest.mark.parametrize(
    ("given", "saved"),
    [
        (["vip", "VIP", " Vip "], ["vip"]),
        ([" gold ", "", "   ", "silver", "GOLD"], ["gold", "silver"]),
        (["Émigré", "ÉMIGRÉ"], ["Émigré"]),
        ([], []),
    ],
)
async def test_tags_are_trimmed_and_deduplicated_ignoring_case_keeping_the_first_spelling(
    client: httpx.AsyncClient, given: list[str], saved: list[str]
) -> None:
    # Given an administrator
    admin = await make_principal(client, await make_account())

    # When a customer is created with these tags
    payload = await create(client, admin.token, name="Tagged", currency="EUR", tags=given)

    # Then the tags are cleaned, in the API and in the tag table
    assert payload["customer"]["tags"] == saved
    tags = await CustomerTag.all().order_by("id").values_list("tag", flat=True)
    assert tags == saved
