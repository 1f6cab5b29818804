"""Bad input of every contact field: a typed error at the field's path, and nothing written."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Account
from tests.client import global_id, gql
from tests.factories import Principal, db_state, make_contact, make_customer
from tests.gql.contacts.conftest import USER_ERRORS, mutate

GOOD = {"name": "Alice", "email": "alice@acme.example"}
CREATE_CASES: list[tuple[dict[str, Any], list[tuple[list[str], str]]]] = [
    ({"name": "  "}, [(["input", "name"], "REQUIRED")]),
    ({"name": "x" * 201}, [(["input", "name"], "INVALID")]),
    ({"name": "A\x00B"}, [(["input", "name"], "INVALID")]),
    ({"email": ""}, [(["input", "email"], "REQUIRED")]),
    ({"email": "not an address"}, [(["input", "email"], "INVALID")]),
    ({"email": "taken@acme.example"}, [(["input", "email"], "DUPLICATE")]),
    ({"email": "TAKEN@Acme.Example"}, [(["input", "email"], "DUPLICATE")]),
    ({"phone": "12345"}, [(["input", "phone"], "INVALID")]),
    ({"phone": "+1 555"}, [(["input", "phone"], "INVALID")]),
    ({"mobile": "+44 20 7183 8750"}, [(["input", "mobile"], "INVALID")]),
    ({"mobile": "call me"}, [(["input", "mobile"], "INVALID")]),
    ({"publicNotes": "x" * 10_001}, [(["input", "publicNotes"], "INVALID")]),
    ({"privateNotes": "x" * 10_001}, [(["input", "privateNotes"], "INVALID")]),
    ({"ipAllow": ["192.0.2.1", "nowhere"]}, [(["input", "ipAllow", "1"], "INVALID")]),
    ({"ipAllow": [f"10.0.0.{i}" for i in range(51)]}, [(["input", "ipAllow"], "INVALID")]),
    ({"customerId": global_id("Reseller", 1)}, [(["input", "customerId"], "NOT_FOUND")]),
    ({"customerId": global_id("Customer", 987_654)}, [(["input", "customerId"], "NOT_FOUND")]),
    ({"password": "short"}, [(["input", "password"], "INVALID")]),
    ({"password": "alice@acme.example"}, [(["input", "password"], "INVALID")]),
    ({"passwordMode": "SET"}, [(["input", "password"], "REQUIRED")]),
    ({"passwordMode": "GENERATE", "password": "amber-falcon-42-river"}, [(["input", "password"], "INVALID")]),
    (
        {"name": "", "email": "nope", "phone": "1", "ipAllow": ["x"]},
        [
            (["input", "name"], "REQUIRED"),
            (["input", "email"], "INVALID"),
            (["input", "phone"], "INVALID"),
            (["input", "ipAllow", "0"], "INVALID"),
        ],
    ),
]


async def _payload_errors(
    client: httpx.AsyncClient, token: str, name: str, input: dict[str, Any]
) -> list[Any]:
    payload = await mutate(client, token, name, input, USER_ERRORS)
    return [(error["field"], error["code"]) for error in payload["errors"]]


@pytest.mark.parametrize(("given", "expected"), CREATE_CASES)
async def test_contact_create_refuses_bad_input_and_writes_nothing(
    client: httpx.AsyncClient, account: Account, admin: Principal, given: dict[str, Any], expected: list[Any]
) -> None:
    # given
    customer = await make_customer(account)
    await make_contact(customer, email="taken@acme.example")
    before = await db_state()

    # when
    input = {"customerId": global_id("Customer", customer.id), **GOOD, **given}
    errors = await _payload_errors(client, admin.token, "contactCreate", input)

    # then
    assert errors == expected
    assert await db_state() == before


UPDATE_CASES: list[tuple[dict[str, Any], list[tuple[list[str], str]]]] = [
    ({"name": None}, [(["input", "name"], "REQUIRED")]),
    ({"name": ""}, [(["input", "name"], "REQUIRED")]),
    ({"email": None}, [(["input", "email"], "REQUIRED")]),
    ({"email": "@acme"}, [(["input", "email"], "INVALID")]),
    ({"email": "Taken@acme.example"}, [(["input", "email"], "DUPLICATE")]),
    ({"phone": "0"}, [(["input", "phone"], "INVALID")]),
    ({"mobile": "+18005550100"}, [(["input", "mobile"], "INVALID")]),
    ({"contactType": None}, [(["input", "contactType"], "REQUIRED")]),
    ({"publicNotes": None}, [(["input", "publicNotes"], "REQUIRED")]),
    ({"privateNotes": "a\x00b"}, [(["input", "privateNotes"], "INVALID")]),
    ({"emailVerified": None}, [(["input", "emailVerified"], "REQUIRED")]),
    ({"mobileVerified": None}, [(["input", "mobileVerified"], "REQUIRED")]),
    ({"ipAllow": None}, [(["input", "ipAllow"], "REQUIRED")]),
    ({"ipAllow": ["2001:db8::/129"]}, [(["input", "ipAllow", "0"], "INVALID")]),
    ({"id": global_id("Contact", 987_654)}, [(["input", "id"], "NOT_FOUND")]),
    ({"id": global_id("Customer", 1)}, [(["input", "id"], "NOT_FOUND")]),
]


@pytest.mark.parametrize(("given", "expected"), UPDATE_CASES)
async def test_contact_update_refuses_bad_input_and_writes_nothing(
    client: httpx.AsyncClient, account: Account, admin: Principal, given: dict[str, Any], expected: list[Any]
) -> None:
    # given
    customer = await make_customer(account)
    await make_contact(customer, email="taken@acme.example")
    contact = await make_contact(customer, name="Alice", email="alice@acme.example")
    before = await db_state()

    # when
    errors = await _payload_errors(
        client, admin.token, "contactUpdate", {"id": global_id("Contact", contact.id), **given}
    )

    # then
    assert errors == expected
    assert await db_state() == before


RESET_CASES: list[tuple[dict[str, Any], list[tuple[list[str], str]]]] = [
    ({"mode": "SET"}, [(["input", "password"], "REQUIRED")]),
    ({"mode": "SET", "password": "1234567890"}, [(["input", "password"], "INVALID")]),
    ({"mode": "SET", "password": "aaaaaaaaaaaaaaa"}, [(["input", "password"], "INVALID")]),
    ({"mode": "SET", "password": "x" * 257}, [(["input", "password"], "INVALID")]),
    ({"mode": "GENERATE", "password": "amber-falcon-42-river"}, [(["input", "password"], "INVALID")]),
    (
        {"mode": "GENERATE", "contactId": global_id("Contact", 987_654)},
        [(["input", "contactId"], "NOT_FOUND")],
    ),
]


@pytest.mark.parametrize(("given", "expected"), RESET_CASES)
async def test_contact_password_reset_refuses_bad_input_and_writes_nothing(
    client: httpx.AsyncClient, account: Account, admin: Principal, given: dict[str, Any], expected: list[Any]
) -> None:
    contact = await make_contact(await make_customer(account))
    before = await db_state()

    errors = await _payload_errors(
        client, admin.token, "contactPasswordReset", {"contactId": global_id("Contact", contact.id), **given}
    )

    assert errors == expected
    assert await db_state() == before


async def test_an_unknown_contact_type_is_refused_by_the_schema_and_writes_nothing(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    customer = await make_customer(account)
    before = await db_state()

    body = await gql(
        client,
        f"mutation($input: ContactCreateInput!) {{ contactCreate(input: $input) {{ {USER_ERRORS} }} }}",
        {"input": {"customerId": global_id("Customer", customer.id), **GOOD, "contactType": "FRIEND"}},
        admin.token,
    )

    assert body.get("data") is None and "contactType" in body["errors"][0]["message"]
    assert await db_state() == before


async def test_a_required_reason_is_asked_for_before_anything_is_written(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    customer = await make_customer(account)
    await Account.filter(id=account.id).update(require_audit_reason=True)
    before = await db_state()

    errors = await _payload_errors(
        client, admin.token, "contactCreate", {"customerId": global_id("Customer", customer.id), **GOOD}
    )
    with_reason = await mutate(
        client,
        admin.token,
        "contactCreate",
        {"customerId": global_id("Customer", customer.id), **GOOD, "reason": "new contact"},
        f"contact {{ name }} {USER_ERRORS}",
    )

    assert errors == [(["input", "reason"], "REASON_REQUIRED")]
    assert before != await db_state()  # the second call wrote the contact
    assert with_reason == {"contact": {"name": "Alice"}, "errors": []}


async def test_an_omitted_field_stays_and_null_clears_a_nullable_one(
    client: httpx.AsyncClient, account: Account, admin: Principal
) -> None:
    # given
    contact = await make_contact(
        await make_customer(account), phone="+442071838750", mobile="+447911123456", public_notes="Hi"
    )
    selection = f"contact {{ phone mobile publicNotes }} {USER_ERRORS}"

    # when: the mobile is cleared, the phone is not mentioned
    payload = await mutate(
        client,
        admin.token,
        "contactUpdate",
        {"id": global_id("Contact", contact.id), "mobile": None},
        selection,
    )

    # then
    assert payload == {
        "contact": {"phone": "+442071838750", "mobile": None, "publicNotes": "Hi"},
        "errors": [],
    }
