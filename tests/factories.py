"""Plain async factories with keyword overrides, and a GraphQL client helper."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx

from models import Account, AuditEntry, Customer, Reseller, Role, User
from models.enums import Permission
from services.accounts import create_account, create_user
from services.actor import system_actor
from services.customers.commands import create_customer
from services.customers.values import CustomerPatch

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


@dataclass
class Principal:
    user: User
    token: str


async def make_account(name: str | None = None) -> Account:
    return await create_account(name or f"Carrier {next(_seq)}")


async def make_reseller(account: Account, name: str | None = None) -> Reseller:
    return await Reseller.create(account_id=account.id, name=name or f"Reseller {next(_seq)}")


async def make_role(account: Account, name: str, permissions: list[Permission]) -> Role:
    return await Role.create(account_id=account.id, name=name, permissions=[p.value for p in permissions])


async def make_principal(
    client: httpx.AsyncClient,
    account: Account,
    *,
    role_name: str = "Administrator",
    reseller: Reseller | None = None,
    email: str | None = None,
) -> Principal:
    """A user of the account, logged in through the API."""
    email = email or f"user{next(_seq)}@example.com"
    user = await create_user(
        account,
        email=email,
        name=email.split("@")[0],
        password=PASSWORD,
        role_name=role_name,
        reseller=reseller,
    )
    body = await gql(
        client,
        "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
        "{ accessToken errors { code } } }",
        {"e": email, "p": PASSWORD},
    )
    return Principal(user=user, token=body["data"]["login"]["accessToken"])


async def make_customer(account: Account, **overrides: Any) -> Customer:
    values: dict[str, Any] = {"name": f"Customer {next(_seq)}", "currency": "EUR", **overrides}
    return await create_customer(system_actor(account.id), CustomerPatch(**values))


async def gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def global_id(type_name: str, pk: int) -> str:
    import base64

    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


async def audit_count(**filters: Any) -> int:
    return await AuditEntry.filter(**filters).count()


def money(value: str) -> Decimal:
    return Decimal(value)


# --- Helpers for the auth, authorization, audit and limits tests -----------------------------


async def post_gql(
    client: httpx.AsyncClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    """The raw HTTP response of one GraphQL request (for status codes and headers)."""
    all_headers = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
    return await client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=all_headers
    )


async def make_user(
    account: Account,
    *,
    role_name: str = "Administrator",
    reseller: Reseller | None = None,
    email: str | None = None,
    name: str | None = None,
) -> User:
    """A user of the account with the factory PASSWORD, not logged in."""
    email = email or f"user{next(_seq)}@example.com"
    return await create_user(
        account,
        email=email,
        name=name or email.split("@")[0],
        password=PASSWORD,
        role_name=role_name,
        reseller=reseller,
    )


LOGIN = (
    "mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) "
    "{ accessToken refreshToken errors { code message field } } }"
)


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    """The `login` payload for these credentials."""
    body = await gql(client, LOGIN, {"e": email, "p": password})
    payload: dict[str, Any] = body["data"]["login"]
    return payload


# --- Helpers for the customers API tests -----------------------------------------------------

USER_ERRORS = "errors { field message code }"
CUSTOMER_FIELDS = """
    id name status channels flowSpeed debitLimit minimumPayment topupCurrencies taxPercent currency
    balance channelsInUse paypalEmail website pAssertedId portalAccess portalHiddenSections vars
    invoiceSchedule createInvoiceOnPayment invoiceDueDays invoiceTemplate externalAccountingId
    rtpFirewall recordingRetentionDays portalDomain dailySpendLimit stirShakenAttestation
    addressLine1 addressLine2 city region postalCode country approvedCliOnly
    emailVerificationRequired mobileVerificationRequired notes timezone
    dialWindows { start end days } tags reseller { id name } accountManager { id name email }
"""


def default_customer_json(**overrides: Any) -> dict[str, Any]:
    """A new EUR customer as the API returns it (CUSTOMER_FIELDS) when only the name is given."""
    return {
        "name": None,
        "status": "ACTIVE",
        "channels": 0,
        "flowSpeed": 0,
        "debitLimit": "0.00",
        "minimumPayment": "0.00",
        "topupCurrencies": [],
        "taxPercent": "0",
        "currency": "EUR",
        "balance": "0.00",
        "channelsInUse": 0,
        "paypalEmail": None,
        "website": None,
        "pAssertedId": None,
        "portalAccess": True,
        "portalHiddenSections": [],
        "vars": "",
        "invoiceSchedule": "MONTHLY",
        "createInvoiceOnPayment": False,
        "invoiceDueDays": 30,
        "invoiceTemplate": None,
        "externalAccountingId": None,
        "rtpFirewall": "LOCKED",
        "recordingRetentionDays": 0,
        "portalDomain": None,
        "dailySpendLimit": None,
        "stirShakenAttestation": None,
        "addressLine1": None,
        "addressLine2": None,
        "city": None,
        "region": None,
        "postalCode": None,
        "country": None,
        "approvedCliOnly": False,
        "emailVerificationRequired": False,
        "mobileVerificationRequired": False,
        "notes": "",
        "timezone": "UTC",
        "dialWindows": [],
        "tags": [],
        "reseller": None,
        "accountManager": None,
        **overrides,
    }


async def customer_mutation(
    client: httpx.AsyncClient, token: str, mutation: str, input: dict[str, Any], selection: str
) -> dict[str, Any]:
    """Run `mutation(input: $input) { selection }` and return its payload (no GraphQL errors)."""
    input_type = f"{mutation[0].upper()}{mutation[1:]}Input"
    body = await gql(
        client,
        f"mutation($input: {input_type}!) {{ {mutation}(input: $input) {{ {selection} }} }}",
        {"input": input},
        token,
    )
    assert "errors" not in body, body
    payload: dict[str, Any] = body["data"][mutation]
    return payload


async def db_state() -> dict[str, Any]:
    """Every row of every table of the project's models: equal before and after a refused
    operation. Keys are table names; `customers` and `audit` name the two most asserted on."""
    from tortoise import Tortoise

    state: dict[str, Any] = {}
    for model in Tortoise.apps["models"].values():
        if model.__module__.startswith("models"):
            state[model._meta.db_table] = await model.all().order_by(model._meta.pk_attr).values()
    state["customers"], state["audit"], state["tags"] = (
        state["customer"],
        state["audit_entry"],
        state["customer_tag"],
    )
    return state


def customer_id_of(global_customer_id: str) -> int:
    """The database id inside a Customer global id."""
    import base64

    type_name, _, pk = base64.b64decode(global_customer_id).decode().partition(":")
    assert type_name == "Customer", global_customer_id
    return int(pk)


def refusals(body: dict[str, Any]) -> list[dict[str, Any]]:
    """The body's GraphQL errors without their source locations (those follow the query's layout)."""
    return [{k: v for k, v in error.items() if k != "locations"} for error in body.get("errors", [])]


def refusal(message: str, code: str, *path: str) -> dict[str, Any]:
    """One coded GraphQL error as `refusals` shows it."""
    return {"message": message, "path": list(path), "extensions": {"code": code}}


BULK_FIELDS = f"dryRun applied failed results {{ customerId ok changedFields {USER_ERRORS} }} {USER_ERRORS}"


async def bulk_update(client: httpx.AsyncClient, token: str, **input: Any) -> dict[str, Any]:
    return await customer_mutation(client, token, "customerBulkUpdate", input, BULK_FIELDS)


def customer_ids(*customers: Customer) -> list[str]:
    return [global_id("Customer", c.id) for c in customers]


async def make_api_key(account: Account, name: str, permissions: list[Permission]) -> str:
    """A new API key of the account; returns its secret."""
    from services.api_keys import create_api_key

    _key, secret = await create_api_key(system_actor(account.id), name, permissions)
    return secret
