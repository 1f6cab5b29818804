"""What a customer portal principal (a contact) can reach, swept from the schema itself.

1. Every operation of the schema (the documents of test_declared_permissions.py, which must cover
   them all): the ones open to the portal answer, every other one answers FORBIDDEN and changes
   nothing.
2. Every field of Customer and Contact, each asked by every path at once (the field, `node`,
   `nodes`, a named fragment, an inline fragment, aliases, the customer list, the customer's
   contacts, the viewer): the portal-visible ones answer, every other one answers FORBIDDEN at each
   path, and with a customer that hides every portal section, the section's fields join them.
   Staff-only values are canaries: none of them appears in any answer.

The expected visibility is written out below, by hand: it is the portal's policy (README,
"Customer portal"), so a field that becomes visible has to be added here on purpose.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import httpx
import pytest
from graphql import GraphQLField, GraphQLObjectType, get_named_type, is_object_type

from gql.schema import schema
from models import Account, Contact, Customer
from models.enums import PortalSection
from tests.client import contact_login, global_id, gql
from tests.factories import PASSWORD, db_state, make_contact, make_customer
from tests.gql.test_declared_permissions import DOCUMENTS, OPEN_DOCUMENTS

PORTAL_OPERATIONS = {
    "customers",
    "customer",
    "contacts",
    "viewer",
    "currencies",
    "countries",
    "timeZones",
    "node",
    "nodes",
    "contactCreate",
    "contactUpdate",
    "contactDelete",
    "contactPasswordReset",
    "contactResetPassword",
    "contactVerificationSend",
    "contactVerify",
    "cliAdd",
    "cliDelete",
    "cliVerificationCall",
    "cliVerify",
    "invoices",
    "payments",
    "viewerPasswordChange",
    "logout",
    "cdrExportCreate",
    "summaryExportCreate",
    # the public ones, which need no principal at all
    "login",
    "contactLogin",
    "tokenRefresh",
    "passwordResetRequest",
    "passwordResetComplete",
}
CUSTOMER_ALWAYS = {
    "id",
    "name",
    "status",
    "channels",
    "currency",
    "website",
    "city",
    "region",
    "postalCode",
    "country",
    "timezone",
    "dialWindows",
    "approvedCliOnly",
    "emailVerificationRequired",
    "mobileVerificationRequired",
    "stirShakenAttestation",
    "channelsInUse",
    "channelsInUseAt",
    "createdAt",
    "updatedAt",
    "contacts",
    "verificationPending",
    "dialingEligibility",
    "clis",
}
CUSTOMER_SECTIONS = {
    "balance": PortalSection.BALANCE,
    "spentToday": PortalSection.BALANCE,
    "debitLimit": PortalSection.BALANCE,
    "dailySpendLimit": PortalSection.BALANCE,
    "minimumPayment": PortalSection.PAYMENTS,
    "topupCurrencies": PortalSection.PAYMENTS,
    "paypalEmail": PortalSection.PAYMENTS,
    "taxPercent": PortalSection.INVOICES,
    "invoiceSchedule": PortalSection.INVOICES,
    "invoiceDueDays": PortalSection.INVOICES,
    "createInvoiceOnPayment": PortalSection.INVOICES,
    "invoiceTemplate": PortalSection.INVOICES,
    "invoices": PortalSection.INVOICES,
    "summaries": PortalSection.SUMMARY,
    "payments": PortalSection.PAYMENTS,
}
CONTACT_ALWAYS = {
    "id",
    "name",
    "email",
    "phone",
    "mobile",
    "contactType",
    "publicNotes",
    "emailVerified",
    "mobileVerified",
    "hasLogin",
    "passwordChangedAt",
    "lastLoginAt",
    "createdAt",
    "updatedAt",
    "customer",
}
CANARY = "CANARY"
NOT_OFFERED = "The customer portal does not offer this."


def _type(name: str) -> GraphQLObjectType:
    found = schema._schema.type_map[name]
    assert isinstance(found, GraphQLObjectType)
    return found


# The arguments a field cannot be selected without.
REQUIRED_ARGUMENTS = {"summaries": "(period: LAST_24_HOURS)"}


def _selection(name: str, field: GraphQLField) -> str:
    """The field, aliased, with its required arguments and the least sub-selection its type needs."""
    called = f"{name}{REQUIRED_ARGUMENTS.get(name, '')}"
    return f"f: {called} {{ __typename }}" if is_object_type(get_named_type(field.type)) else f"f: {called}"


def _fields(type_name: str) -> list[str]:
    return sorted(_type(type_name).fields)


# --- 1. every operation ---------------------------------------------------------------------------


@pytest.fixture
async def portal(client: httpx.AsyncClient, account: Account) -> tuple[str, Customer, Contact]:
    """Alice, a contact of Acme (whose contacts do not manage each other), logged in."""
    acme = await make_customer(account, name="Acme", notes=f"{CANARY}-notes")
    alice = await make_contact(acme, name="Alice", email="alice@acme.example", password=PASSWORD)
    token = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]
    return token, acme, alice


def test_the_documents_cover_every_operation() -> None:
    operations = {name for root in ("Query", "Mutation") for name in _type(root).fields}
    assert operations == set(DOCUMENTS) | set(OPEN_DOCUMENTS)
    assert operations >= PORTAL_OPERATIONS


@pytest.mark.parametrize("operation", sorted({**DOCUMENTS, **OPEN_DOCUMENTS}))
async def test_every_operation_not_offered_to_the_portal_is_forbidden(
    client: httpx.AsyncClient, portal: tuple[str, Customer, Contact], operation: str
) -> None:
    # given
    token, _acme, alice = portal
    document = {**DOCUMENTS, **OPEN_DOCUMENTS}[operation].replace("{me}", global_id("Contact", alice.id))
    document = document.replace("errors { code }", "errors { code message }")
    before = await db_state()

    # when
    body = await gql(client, document, token=token)

    # then
    # (an offered operation may still refuse on its own terms, e.g. contactCreate, FORBIDDEN while
    # the customer's contacts do not manage each other)
    if operation in PORTAL_OPERATIONS:
        assert NOT_OFFERED not in json.dumps(body), body
    else:
        assert _codes(body) == ["FORBIDDEN"] and NOT_OFFERED in json.dumps(body), body
        assert await db_state() == before


def _codes(body: dict[str, Any]) -> list[str]:
    text = json.dumps(body)
    return [part.split('"')[0] for part in text.split('"code": "')[1:]]


# --- 2. every field by every path ------------------------------------------------------------------


@pytest.fixture
async def canary_world(
    client: httpx.AsyncClient, account: Account, request: pytest.FixtureRequest
) -> dict[str, Any]:
    """Acme with every staff-only value a canary, hiding every portal section or none; its
    contacts Alice (logged in) and Bob, who manage each other, so the lists hold both."""
    hidden = request.param
    acme = await make_customer(
        account,
        name="Acme",
        notes=f"{CANARY}-notes",
        vars=f'key = "{CANARY}-vars"',
        external_accounting_id=f"{CANARY}-ext",
        p_asserted_id=f"{CANARY}-pai",
        tags=[f"{CANARY}-tag"],
        debit_limit=Decimal("987.65"),
        portal_hidden_sections=list(PortalSection) if hidden else [],
        portal_manage_contacts=True,
    )
    alice = await make_contact(
        acme, name="Alice", email="alice@acme.example", password=PASSWORD, private_notes=f"{CANARY}-alice"
    )
    bob = await make_contact(acme, name="Bob", email="bob@acme.example", private_notes=f"{CANARY}-bob")
    token = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]
    return {"token": token, "acme": acme, "alice": alice, "bob": bob, "hidden": hidden}


# Each root list answers in a request of its own: a refused non-null field nulls its way up to a
# non-null root list, and then the whole `data`, which would hide the other paths' answers.
CUSTOMER_PATHS: dict[str, list[Any]] = {
    "direct": ["direct"],
    "viaNode": ["viaNode"],
    "viaNodes": ["viaNodes", 0],
    "viaViewer": ["viaViewer", "customer"],
    "viaContact": ["viaContact", "edges", 0, "node", "customer"],
}
CUSTOMER_LIST_PATHS: dict[str, list[Any]] = {"viaList": ["viaList", "edges", 0, "node"]}


@pytest.mark.parametrize(
    "canary_world", [False, True], indirect=True, ids=["sections_shown", "sections_hidden"]
)
@pytest.mark.parametrize("field", _fields("Customer"))
async def test_every_customer_field_by_every_path(
    client: httpx.AsyncClient, canary_world: dict[str, Any], field: str
) -> None:
    # given
    selection = _selection(field, _type("Customer").fields[field])
    fragment = f"fragment C on Customer {{ {selection} }}"
    paths = f"""query($c: ID!) {{
      direct: customer(id: $c) {{ {selection} }}
      viaNode: node(id: $c) {{ ... on Customer {{ {selection} }} }}
      viaNodes: nodes(ids: [$c]) {{ ...C }}
      viaViewer: viewer {{ customer {{ ...C }} }}
      viaContact: contacts(first: 1) {{ edges {{ node {{ customer {{ ... on Customer {{ {selection} }} }} }} }} }}
    }} {fragment}"""
    listed = f"query {{ viaList: customers {{ edges {{ node {{ ...C }} }} }} }} {fragment}"
    variables = {"c": global_id("Customer", canary_world["acme"].id)}

    # when
    by_paths = await gql(client, paths, variables, canary_world["token"])
    by_list = await gql(client, listed, {}, canary_world["token"])

    # then
    shown = field in CUSTOMER_ALWAYS or (field in CUSTOMER_SECTIONS and not canary_world["hidden"])
    _assert_answer(by_paths, shown, CUSTOMER_PATHS)
    _assert_answer(by_list, shown, CUSTOMER_LIST_PATHS)


CONTACT_PATHS: dict[str, list[Any]] = {
    "viaNode": ["viaNode"],
    "viaNodes": ["viaNodes", 0],
    "viaCustomer": ["viaCustomer", "contacts", "edges", 0, "node"],
    "viaViewer": ["viaViewer", "contact"],
}
CONTACT_LIST_PATHS: dict[str, list[Any]] = {"direct": ["direct", "edges", 0, "node"]}


@pytest.mark.parametrize("canary_world", [False], indirect=True, ids=["contacts"])
@pytest.mark.parametrize("field", _fields("Contact"))
async def test_every_contact_field_by_every_path(
    client: httpx.AsyncClient, canary_world: dict[str, Any], field: str
) -> None:
    # given: Bob, another contact of Alice's customer (they manage each other), and Alice herself
    selection = _selection(field, _type("Contact").fields[field])
    fragment = f"fragment K on Contact {{ {selection} }}"
    paths = f"""query($c: ID!, $bob: ID!, $me: ID!) {{
      viaNode: node(id: $bob) {{ ... on Contact {{ {selection} }} }}
      viaNodes: nodes(ids: [$me]) {{ ...K }}
      viaCustomer: customer(id: $c) {{ contacts(first: 1) {{ edges {{ node {{ ...K }} }} }} }}
      viaViewer: viewer {{ contact {{ {selection} }} }}
    }} {fragment}"""
    listed = f"query($bob: ID!) {{ direct: contacts(where: {{id: {{eq: $bob}}}}) {{ edges {{ node {{ ...K }} }} }} }} {fragment}"
    bob = global_id("Contact", canary_world["bob"].id)
    variables = {"c": global_id("Customer", canary_world["acme"].id), "bob": bob}
    variables["me"] = global_id("Contact", canary_world["alice"].id)

    # when
    by_paths = await gql(client, paths, variables, canary_world["token"])
    by_list = await gql(client, listed, {"bob": bob}, canary_world["token"])

    # then
    _assert_answer(by_paths, field in CONTACT_ALWAYS, CONTACT_PATHS)
    _assert_answer(by_list, field in CONTACT_ALWAYS, CONTACT_LIST_PATHS)


def _assert_answer(body: dict[str, Any], shown: bool, paths: dict[str, list[Any]]) -> None:
    assert CANARY not in json.dumps(body)
    if shown:
        assert "errors" not in body, body
        return
    refused = sorted((error["extensions"]["code"], error["path"]) for error in body["errors"])
    assert refused == sorted(("FORBIDDEN", [*path, "f"]) for path in paths.values()), body
