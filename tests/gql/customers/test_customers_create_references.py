"""customerCreate over HTTP: unique names (ignoring case, freed by deletion) and references."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from models import Customer
from tests.client import USER_ERRORS, customer_mutation, global_id, make_principal
from tests.factories import db_state, make_account, make_customer, make_reseller

PAYLOAD = f"customer {{ name }} {USER_ERRORS}"


async def create(client: httpx.AsyncClient, token: str, **input: Any) -> dict[str, Any]:
    return await customer_mutation(client, token, "customerCreate", input, PAYLOAD)


@pytest.mark.parametrize("name", ["Acme", "acme", "ACME", "  acme  "])
async def test_a_name_taken_in_the_account_ignoring_case_is_a_duplicate(
    client: httpx.AsyncClient, name: str
) -> None:
    # Given a customer named Acme
    account = await make_account()
    admin = await make_principal(client, account)
    await make_customer(account, name="Acme")
    before = await db_state()

    # When another customer is created under the same name, in any case
    payload = await create(client, admin.token, name=name, currency="EUR")

    # Then it is refused as a duplicate and nothing is written
    assert payload == {
        "customer": None,
        "errors": [
            {"field": ["input", "name"], "message": "A customer with this name exists.", "code": "DUPLICATE"}
        ],
    }
    assert await db_state() == before


async def test_the_same_name_in_another_account_is_allowed(client: httpx.AsyncClient) -> None:
    # Given a customer named Acme in another account
    await make_customer(await make_account(), name="Acme")
    admin = await make_principal(client, await make_account())

    # When a customer named Acme is created
    payload = await create(client, admin.token, name="Acme", currency="EUR")

    # Then it is created
    assert payload["errors"] == []
    assert await Customer.filter(name="Acme").count() == 2


async def test_the_name_of_a_deleted_customer_can_be_reused(client: httpx.AsyncClient) -> None:
    # Given a deleted customer named Acme
    account = await make_account()
    admin = await make_principal(client, account)
    old = await make_customer(account, name="Acme")
    deleted = await customer_mutation(
        client, admin.token, "customerDelete", {"id": global_id("Customer", old.id)}, USER_ERRORS
    )
    assert deleted == {"errors": []}

    # When a new customer is created under the same name
    payload = await create(client, admin.token, name="ACME", currency="USD")

    # Then it is created beside the deleted row
    assert payload["errors"] == []
    rows = await Customer.filter(account_id=account.id).order_by("id").values("name", "name_key", "currency")
    assert rows == [
        {"name": "Acme", "name_key": None, "currency": "EUR"},
        {"name": "ACME", "name_key": "acme", "currency": "USD"},
    ]


@pytest.mark.parametrize(
    ("field", "message"),
    [("resellerId", "Reseller not found."), ("accountManagerId", "Account manager not found.")],
)
async def test_a_reseller_or_manager_of_another_account_is_not_found(
    client: httpx.AsyncClient, field: str, message: str
) -> None:
    # Given a reseller and a user of another account
    other = await make_account()
    foreign = {
        "resellerId": global_id("Reseller", (await make_reseller(other)).id),
        "accountManagerId": global_id("User", (await make_principal(client, other)).user.id),
    }
    admin = await make_principal(client, await make_account())
    before = await db_state()

    # When a customer is created with one of them
    payload = await create(client, admin.token, name="Acme", currency="EUR", **{field: foreign[field]})

    # Then it is refused as not found and nothing is written
    assert payload == {
        "customer": None,
        "errors": [{"field": ["input", field], "message": message, "code": "NOT_FOUND"}],
    }
    assert await db_state() == before


async def test_an_inactive_account_manager_is_not_found(client: httpx.AsyncClient) -> None:
    # Given an inactive user of the account
    account = await make_account()
    admin = await make_principal(client, account)
    gone = await make_principal(client, account)
    gone.user.is_active = False
    await gone.user.save(update_fields=["is_active"])
    before = await db_state()

    # When they are made account manager of a new customer
    payload = await create(
        client, admin.token, name="Acme", currency="EUR", accountManagerId=global_id("User", gone.user.id)
    )

    # Then the manager is not found and nothing is written
    assert payload["errors"] == [
        {"field": ["input", "accountManagerId"], "message": "Account manager not found.", "code": "NOT_FOUND"}
    ]
    assert await db_state() == before


async def test_an_id_of_the_wrong_type_is_not_found(client: httpx.AsyncClient) -> None:
    # Given a customer (whose id is not a reseller id)
    account = await make_account()
    admin = await make_principal(client, account)
    other = await make_customer(account)
    before = await db_state()

    # When a customer id is given as the reseller
    payload = await create(
        client, admin.token, name="Acme", currency="EUR", resellerId=global_id("Customer", other.id)
    )

    # Then the reseller is not found and nothing is written
    assert payload["errors"] == [
        {"field": ["input", "resellerId"], "message": "Reseller not found.", "code": "NOT_FOUND"}
    ]
    assert await db_state() == before
