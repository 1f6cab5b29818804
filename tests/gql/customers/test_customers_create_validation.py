"""customerCreate refusals: every field's bad input is a typed error and nothing is written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.client import USER_ERRORS, customer_mutation, gql, make_principal
from tests.factories import db_state, make_account, make_customer

PAYLOAD = f"customer {{ id debitLimit }} {USER_ERRORS}"


async def create(client: httpx.AsyncClient, token: str, **input: Any) -> dict[str, Any]:
    return await customer_mutation(client, token, "customerCreate", input, PAYLOAD)


def window(start: str, end: str) -> dict[str, Any]:
    return {"start": start, "end": end, "days": []}


BAD_FIELDS = [
    # (input fields beside name/currency, error path under "input", code, message)
    pytest.param({"name": ""}, ["name"], "REQUIRED", "This field is required.", id="name-empty"),
    pytest.param({"name": "   "}, ["name"], "REQUIRED", "This field is required.", id="name-blank"),
    pytest.param({"name": "x" * 201}, ["name"], "INVALID", "At most 200 characters.", id="name-too-long"),
    pytest.param(
        {"currency": "XXX"}, ["currency"], "INVALID", "'XXX' is not an ISO 4217 currency code.", id="currency"
    ),
    pytest.param(
        {"currency": ""}, ["currency"], "INVALID", "'' is not an ISO 4217 currency code.", id="currency-empty"
    ),
    pytest.param({"channels": -1}, ["channels"], "INVALID", "Must be 0 or more.", id="channels"),
    pytest.param({"flowSpeed": -1}, ["flowSpeed"], "INVALID", "Must be 0 or more.", id="flowSpeed"),
    pytest.param(
        {"debitLimit": "1.001"},
        ["debitLimit"],
        "INVALID",
        "EUR amounts have at most 2 decimal places.",
        id="debitLimit-places",
    ),
    pytest.param(
        {"debitLimit": "1000000000000000"},
        ["debitLimit"],
        "INVALID",
        "Amount out of range.",
        id="debitLimit-range",
    ),
    pytest.param(
        {"minimumPayment": "-0.01"}, ["minimumPayment"], "INVALID", "Must be 0 or more.", id="minimumPayment"
    ),
    pytest.param(
        {"topupCurrencies": ["EUR", "ZZZ"]},
        ["topupCurrencies", "1"],
        "INVALID",
        "'ZZZ' is not an ISO 4217 currency code.",
        id="topupCurrencies",
    ),
    pytest.param(
        {"taxPercent": "100.01"},
        ["taxPercent"],
        "INVALID",
        "Must be between 0 and 100.",
        id="taxPercent-high",
    ),
    pytest.param(
        {"taxPercent": "-0.5"}, ["taxPercent"], "INVALID", "Must be between 0 and 100.", id="taxPercent-low"
    ),
    pytest.param(
        {"taxPercent": "1.00001"},
        ["taxPercent"],
        "INVALID",
        "At most 4 decimal places.",
        id="taxPercent-places",
    ),
    pytest.param(
        {"paypalEmail": "pay.example.com"},
        ["paypalEmail"],
        "INVALID",
        "Not a valid e-mail address: An email address must have an @-sign.",
        id="paypalEmail",
    ),
    pytest.param(
        {"website": "ftp://acme.example"},
        ["website"],
        "INVALID",
        "Not a valid http(s) URL.",
        id="website-scheme",
    ),
    pytest.param({"website": "acme"}, ["website"], "INVALID", "Not a valid http(s) URL.", id="website"),
    pytest.param(
        {"pAssertedId": "x" * 201}, ["pAssertedId"], "INVALID", "At most 200 characters.", id="pAssertedId"
    ),
    pytest.param(
        {"tags": ["ok", "x" * 101]},
        ["tags", "1"],
        "INVALID",
        "A tag has at most 100 characters.",
        id="tags-long",
    ),
    pytest.param(
        {"tags": [f"t{i}" for i in range(51)]}, ["tags"], "INVALID", "At most 50 tags.", id="tags-many"
    ),
    pytest.param(
        {"vars": "a = 1\nb = = 2\n"},
        ["vars"],
        "INVALID",
        "Invalid TOML: Invalid value (at line 2, column 5)",
        id="vars",
    ),
    pytest.param(
        {"vars": "[table\n"},
        ["vars"],
        "INVALID",
        "Invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 7)",
        id="vars-table",
    ),
    pytest.param(
        {"invoiceDueDays": -1}, ["invoiceDueDays"], "INVALID", "Must be 0 or more.", id="invoiceDueDays"
    ),
    pytest.param(
        {"invoiceTemplateId": "SW52b2ljZVRlbXBsYXRlOjk4NzY1NA=="},
        ["invoiceTemplateId"],
        "UNKNOWN_TEMPLATE",
        "No such invoice template in this account.",
        id="template",
    ),
    pytest.param(
        {"externalAccountingId": "x" * 101},
        ["externalAccountingId"],
        "INVALID",
        "At most 100 characters.",
        id="externalAccountingId",
    ),
    pytest.param(
        {"recordingRetentionDays": -1},
        ["recordingRetentionDays"],
        "INVALID",
        "Must be 0 or more.",
        id="recordingRetentionDays",
    ),
    pytest.param(
        {"portalDomain": "-acme-.example"},
        ["portalDomain"],
        "INVALID",
        "Not a valid domain name.",
        id="domain",
    ),
    pytest.param(
        {"portalDomain": "acme example"},
        ["portalDomain"],
        "INVALID",
        "Not a valid domain name.",
        id="domain-space",
    ),
    pytest.param(
        {"dailySpendLimit": "-1"}, ["dailySpendLimit"], "INVALID", "Must be 0 or more.", id="dailySpendLimit"
    ),
    pytest.param(
        {"dailySpendLimit": "0.001"},
        ["dailySpendLimit"],
        "INVALID",
        "EUR amounts have at most 2 decimal places.",
        id="dailySpendLimit-places",
    ),
    pytest.param(
        {"addressLine1": "x" * 201}, ["addressLine1"], "INVALID", "At most 200 characters.", id="line1"
    ),
    pytest.param(
        {"addressLine2": "x" * 201}, ["addressLine2"], "INVALID", "At most 200 characters.", id="line2"
    ),
    pytest.param({"city": "x" * 101}, ["city"], "INVALID", "At most 100 characters.", id="city"),
    pytest.param({"region": "x" * 101}, ["region"], "INVALID", "At most 100 characters.", id="region"),
    pytest.param(
        {"postalCode": "x" * 21}, ["postalCode"], "INVALID", "At most 20 characters.", id="postalCode"
    ),
    pytest.param(
        {"country": "XX"},
        ["country"],
        "INVALID",
        "'XX' is not an ISO 3166-1 alpha-2 country code.",
        id="country",
    ),
    pytest.param(
        {"country": "DEU"},
        ["country"],
        "INVALID",
        "'DEU' is not an ISO 3166-1 alpha-2 country code.",
        id="country-alpha3",
    ),
    pytest.param({"notes": "x" * 10_001}, ["notes"], "INVALID", "At most 10000 characters.", id="notes"),
    pytest.param(
        {"timezone": "Mars/Olympus"},
        ["timezone"],
        "INVALID",
        "'Mars/Olympus' is not an IANA time zone.",
        id="tz",
    ),
    pytest.param(
        {"dialWindows": [window("8:00", "09:00")]},
        ["dialWindows", "0", "start"],
        "INVALID",
        "Use HH:MM (00:00 to 24:00).",
        id="window-start-format",
    ),
    pytest.param(
        {"dialWindows": [window("08:00", "09:00"), window("10:00", "24:01")]},
        ["dialWindows", "1", "end"],
        "INVALID",
        "Use HH:MM (00:00 to 24:00).",
        id="window-end-format",
    ),
    pytest.param(
        {"dialWindows": [window("24:00", "08:59")]},
        ["dialWindows", "0", "start"],
        "INVALID",
        "A window starts at 00:00 to 23:59.",
        id="window-start-at-24",
    ),
    pytest.param(
        {"dialWindows": [window("09:00", "09:00")]},
        ["dialWindows", "0", "end"],
        "INVALID",
        "A window cannot end when it starts; 00:00 to 24:00 is the whole day.",
        id="window-empty",
    ),
    pytest.param(
        {"dialWindows": [window("00:00", "24:00")] * 51},
        ["dialWindows"],
        "INVALID",
        "At most 50 dialing windows.",
        id="windows-many",
    ),
]


@pytest.mark.parametrize(("fields", "path", "code", "message"), BAD_FIELDS)
async def test_bad_input_of_a_field_is_a_typed_error_and_writes_nothing(
    client: httpx.AsyncClient, fields: dict[str, Any], path: list[str], code: str, message: str
) -> None:
    # Given an administrator of an account with one customer
    account = await make_account()
    admin = await make_principal(client, account)
    await make_customer(account, name="Existing")
    before = await db_state()

    # When a customer is created with one bad field
    payload = await create(client, admin.token, **{"name": "Acme", "currency": "EUR", **fields})

    # Then that field is refused with its code and nothing is written
    assert payload == {
        "customer": None,
        "errors": [{"field": ["input", *path], "message": message, "code": code}],
    }
    assert await db_state() == before


async def test_every_bad_field_is_reported_at_once(client: httpx.AsyncClient) -> None:
    # Given an administrator
    admin = await make_principal(client, await make_account())
    before = await db_state()

    # When several fields are bad
    payload = await create(
        client, admin.token, name=" ", currency="EUR", channels=-2, website="nope", timezone="Nowhere"
    )

    # Then each is reported, in field order, and nothing is written
    assert payload == {
        "customer": None,
        "errors": [
            {"field": ["input", "name"], "message": "This field is required.", "code": "REQUIRED"},
            {"field": ["input", "channels"], "message": "Must be 0 or more.", "code": "INVALID"},
            {"field": ["input", "website"], "message": "Not a valid http(s) URL.", "code": "INVALID"},
            {
                "field": ["input", "timezone"],
                "message": "'Nowhere' is not an IANA time zone.",
                "code": "INVALID",
            },
        ],
    }
    assert await db_state() == before


@pytest.mark.parametrize(
    ("currency", "amount", "shown"),
    [
        ("EUR", "12.34", "12.34"),
        ("EUR", "12.340", "12.34"),
        ("JPY", "1200", "1200"),
        ("BHD", "1.234", "1.234"),
    ],
)
async def test_amounts_within_the_currency_minor_units_are_accepted(
    client: httpx.AsyncClient, currency: str, amount: str, shown: str
) -> None:
    # Given an administrator
    admin = await make_principal(client, await make_account())

    # When the debit limit has no more decimals than the currency
    payload = await create(client, admin.token, name="Acme", currency=currency, debitLimit=amount)

    # Then it is saved and shown with the currency's decimals
    assert payload["errors"] == []
    assert payload["customer"]["debitLimit"] == shown


@pytest.mark.parametrize(
    ("currency", "amount", "places"), [("EUR", "12.345", 2), ("JPY", "1200.5", 0), ("BHD", "1.2345", 3)]
)
@pytest.mark.parametrize("field", ["debitLimit", "minimumPayment", "dailySpendLimit"])
async def test_amounts_with_more_decimals_than_the_currency_are_invalid(
    client: httpx.AsyncClient, field: str, currency: str, amount: str, places: int
) -> None:
    # Given an administrator
    admin = await make_principal(client, await make_account())
    before = await db_state()

    # When an amount has more decimals than the currency has minor units
    payload = await create(client, admin.token, name="Acme", currency=currency, **{field: amount})

    # Then it is invalid and nothing is written
    assert payload == {
        "customer": None,
        "errors": [
            {
                "field": ["input", field],
                "message": f"{currency} amounts have at most {places} decimal places.",
                "code": "INVALID",
            }
        ],
    }
    assert await db_state() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "SLEEPING"),
        ("invoiceSchedule", "HOURLY"),
        ("rtpFirewall", "OPEN"),
        ("stirShakenAttestation", "D"),
        ("portalHiddenSections", ["CDR", "SECRETS"]),
        ("portalAccess", "yes"),
        ("channels", "ten"),
        ("channels", 2**31),
        ("debitLimit", 12.5),
        ("debitLimit", "twelve"),
        ("dialWindows", [{"start": "08:00"}]),
        ("dialWindows", [{"start": "08:00", "end": "09:00", "days": ["FUNDAY"]}]),
    ],
)
async def test_values_of_the_wrong_type_are_refused_by_the_schema_and_write_nothing(
    client: httpx.AsyncClient, field: str, value: Any
) -> None:
    # Given an administrator
    admin = await make_principal(client, await make_account())
    before = await db_state()

    # When a value does not fit the field's GraphQL type
    body = await gql(
        client,
        "mutation($input: CustomerCreateInput!) { customerCreate(input: $input) { customer { id } } }",
        {"input": {"name": "Acme", "currency": "EUR", field: value}},
        admin.token,
    )

    # Then the request is refused before any resolver runs and nothing is written
    assert body["data"] is None
    assert len(body["errors"]) == 1
    assert "$input" in body["errors"][0]["message"]
    assert await db_state() == before
