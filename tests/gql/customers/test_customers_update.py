"""customerUpdate over HTTP: partial changes, null vs omitted, currency, audit and reasons."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import AuditEntry, Customer
from tests.client import USER_ERRORS, customer_mutation, global_id, make_principal
from tests.expected import CUSTOMER_FIELDS, default_customer_json
from tests.factories import db_state, make_account, make_customer, make_reseller

UPDATE = f"customer {{ {CUSTOMER_FIELDS} }} {USER_ERRORS}"


async def update(client: httpx.AsyncClient, token: str, customer: Customer, **input: Any) -> dict[str, Any]:
    return await customer_mutation(
        client, token, "customerUpdate", {"id": global_id("Customer", customer.id), **input}, UPDATE
    )


async def update_entries() -> list[dict[str, Any]]:
    return await AuditEntry.filter(action="UPDATE").order_by("id").values("record_id", "diff", "reason")


async def test_a_partial_update_changes_only_the_given_fields(client: httpx.AsyncClient) -> None:
    # Given a customer with several fields set
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(
        account, name="Acme", channels=10, city="Berlin", website="https://acme.example", tags=["vip"]
    )
    row_before = (await Customer.filter(id=customer.id).values())[0]

    # When two fields are changed
    payload = await update(client, admin.token, customer, channels=20, notes="Called on Monday.")

    # Then only those change, in the API and in the row
    returned = payload["customer"]
    assert returned.pop("id") == global_id("Customer", customer.id)
    assert payload["errors"] == []
    assert returned == default_customer_json(
        name="Acme",
        channels=20,
        notes="Called on Monday.",
        city="Berlin",
        website="https://acme.example",
        tags=["vip"],
    )
    row_after = (await Customer.filter(id=customer.id).values())[0]
    assert row_after.pop("updated_at") > row_before.pop("updated_at")
    assert row_after == {**row_before, "channels": 20, "notes": "Called on Monday."}


async def test_the_audit_diff_holds_exactly_the_changed_fields_and_the_reason(
    client: httpx.AsyncClient,
) -> None:
    # Given a customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(
        account,
        name="Acme",
        channels=10,
        debit_limit=Decimal("100"),
        website="https://acme.example",
        tags=["vip"],
    )

    # When some fields change, one is set to its current value, and a reason is given
    await update(
        client,
        admin.token,
        customer,
        channels=12,
        flowSpeed=0,
        debitLimit="250.50",
        website=None,
        tags=["vip", "gold"],
        status="INACTIVE",
        reason="  Upgrade to the business plan  ",
    )

    # Then one UPDATE entry records {field: {old, new}} of the changed fields only
    assert await update_entries() == [
        {
            "record_id": str(customer.id),
            "reason": "Upgrade to the business plan",
            "diff": {
                "status": {"old": "ACTIVE", "new": "INACTIVE"},
                "channels": {"old": 10, "new": 12},
                "debit_limit": {"old": "100", "new": "250.5"},
                "website": {"old": "https://acme.example", "new": None},
                "tags": {"old": ["vip"], "new": ["vip", "gold"]},
            },
        }
    ]
    entry = await AuditEntry.get(action="UPDATE")
    assert (entry.message, entry.http_verb, entry.customer_id) == (
        "Customer Acme updated",
        "PUT",
        customer.id,
    )


@pytest.mark.parametrize(
    "unchanged",
    [
        {"name": "Acme"},
        {"name": "  Acme "},
        {"channels": 10, "debitLimit": "100.00"},
        {"currency": "EUR"},
        {"currency": "eur"},
        {"tags": ["vip", "Vip"]},
        {"website": "https://acme.example"},
        {"country": "de"},
        {"city": None},
        {},
    ],
)
async def test_unchanged_values_write_nothing_and_no_audit_entry(
    client: httpx.AsyncClient, unchanged: dict[str, Any]
) -> None:
    # Given a customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(
        account,
        name="Acme",
        channels=10,
        debit_limit=Decimal("100"),
        website="https://acme.example",
        tags=["vip"],
    )
    await Customer.filter(id=customer.id).update(country="DE")
    before = await db_state()

    # When the update gives only the current values (or nothing)
    payload = await update(client, admin.token, customer, **unchanged)

    # Then it succeeds but the row, its tags and the audit trail stay as they were
    assert payload["errors"] == []
    assert payload["customer"]["name"] == "Acme"
    assert await db_state() == before


async def test_an_omitted_field_stays_and_an_explicit_null_clears_it(client: httpx.AsyncClient) -> None:
    # Given a customer with a website and a city
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, website="https://acme.example/", city="Berlin")

    # When the city is changed without mentioning the website
    first = await update(client, admin.token, customer, city="Hamburg")

    # Then the website stays
    assert (first["customer"]["website"], first["customer"]["city"]) == ("https://acme.example/", "Hamburg")

    # When the website is given as null
    second = await update(client, admin.token, customer, website=None)

    # Then it is cleared and the city stays
    assert (second["customer"]["website"], second["customer"]["city"]) == (None, "Hamburg")
    assert await Customer.filter(id=customer.id).values_list("website", "city") == [(None, "Hamburg")]


@pytest.mark.parametrize(
    ("field", "value", "column"),
    [
        ("resellerId", None, "reseller_id"),
        ("accountManagerId", None, "account_manager_id"),
        ("dailySpendLimit", None, "daily_spend_limit"),
        ("stirShakenAttestation", None, "stir_shaken_attestation"),
        ("paypalEmail", "", "paypal_email"),
        ("externalAccountingId", "   ", "external_accounting_id"),
    ],
)
async def test_nullable_references_and_values_can_be_cleared(
    client: httpx.AsyncClient, field: str, value: Any, column: str
) -> None:
    # Given a customer with every nullable reference and value set
    account = await make_account()
    admin = await make_principal(client, account)
    reseller = await make_reseller(account)
    customer = await make_customer(
        account,
        reseller_id=reseller.id,
        account_manager_id=admin.user.id,
        daily_spend_limit=Decimal("10"),
        stir_shaken_attestation="A",
        paypal_email="pay@acme.example",
        external_accounting_id="ACC-1",
    )

    # When one is cleared (null, or a blank text)
    payload = await update(client, admin.token, customer, **{field: value})

    # Then it is null in the row and the audit diff
    assert payload["errors"] == []
    assert await Customer.filter(id=customer.id).values_list(column, flat=True) == [None]
    ((diff,),) = await AuditEntry.filter(action="UPDATE").values_list("diff")
    assert list(diff) == [column]
    assert diff[column]["new"] is None


@pytest.mark.parametrize("currency", ["USD", "usd", "JPY"])
async def test_changing_the_currency_is_refused_and_changes_nothing(
    client: httpx.AsyncClient, currency: str
) -> None:
    # Given a EUR customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, currency="EUR")
    before = await db_state()

    # When another currency is given, together with a valid change
    payload = await update(client, admin.token, customer, currency=currency, channels=5)

    # Then the currency is immutable and nothing at all is changed
    assert payload == {
        "customer": None,
        "errors": [
            {
                "field": ["input", "currency"],
                "message": "The currency cannot change after creation (it is EUR).",
                "code": "CURRENCY_IMMUTABLE",
            }
        ],
    }
    assert await db_state() == before


async def test_the_same_currency_is_accepted_with_other_changes(client: httpx.AsyncClient) -> None:
    # Given a EUR customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, currency="EUR", channels=1)

    # When the update repeats the currency and changes the channels
    payload = await update(client, admin.token, customer, currency="eur", channels=2)

    # Then the channels change and the currency is not in the diff
    assert (payload["customer"]["currency"], payload["customer"]["channels"]) == ("EUR", 2)
    assert [e["diff"] for e in await update_entries()] == [{"channels": {"old": 1, "new": 2}}]


@pytest.mark.parametrize(
    ("fields", "path", "code", "message"),
    [
        ({"name": ""}, ["name"], "REQUIRED", "This field is required."),
        ({"channels": -1}, ["channels"], "INVALID", "Must be 0 or more."),
        ({"debitLimit": "0.001"}, ["debitLimit"], "INVALID", "EUR amounts have at most 2 decimal places."),
        ({"vars": "x = = 1"}, ["vars"], "INVALID", "Invalid TOML: Invalid value (at line 1, column 5)"),
        (
            {"dialWindows": [{"start": "10:00", "end": "10:00"}]},
            ["dialWindows", "0", "end"],
            "INVALID",
            "A window cannot end when it starts; 00:00 to 24:00 is the whole day.",
        ),
        ({"timezone": "UTC+1"}, ["timezone"], "INVALID", "'UTC+1' is not an IANA time zone."),
    ],
)
async def test_an_invalid_field_refuses_the_whole_update(
    client: httpx.AsyncClient, fields: dict[str, Any], path: list[str], code: str, message: str
) -> None:
    # Given a customer
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="Acme")
    before = await db_state()

    # When one field is invalid beside a valid change
    payload = await update(client, admin.token, customer, notes="changed", **fields)

    # Then the error names the field and nothing is changed
    assert payload == {
        "customer": None,
        "errors": [{"field": ["input", *path], "message": message, "code": code}],
    }
    assert await db_state() == before


async def test_renaming_to_another_customers_name_is_a_duplicate(client: httpx.AsyncClient) -> None:
    # Given two customers
    account = await make_account()
    admin = await make_principal(client, account)
    await make_customer(account, name="Acme")
    customer = await make_customer(account, name="Bravo")
    before = await db_state()

    # When one is renamed to the other's name in another case
    payload = await update(client, admin.token, customer, name="ACME")

    # Then it is a duplicate and nothing changes
    assert payload["errors"] == [
        {"field": ["input", "name"], "message": "A customer with this name exists.", "code": "DUPLICATE"}
    ]
    assert await db_state() == before


async def test_changing_only_the_case_of_the_name_is_allowed(client: httpx.AsyncClient) -> None:
    # Given a customer named acme
    account = await make_account()
    admin = await make_principal(client, account)
    customer = await make_customer(account, name="acme")

    # When it is renamed to Acme
    payload = await update(client, admin.token, customer, name="Acme")

    # Then the new spelling is saved
    assert payload["customer"]["name"] == "Acme"
    assert await Customer.filter(id=customer.id).values_list("name", "name_key") == [("Acme", "acme")]
