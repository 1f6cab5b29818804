"""Who may read and write contacts, one parametrized test per operation.

Account A has resellers A and B; customer Acme (reseller A) has the contact Alice, customer
Bravo (reseller B) the contact Bob; another account's customer Zulu has Zed. Reading needs
customers:read, writing contacts:write, both within the principal's customers. A contact or
customer outside the scope is refused exactly like one that does not exist, and a refused call
changes nothing. Alice and Bob have portal logins: signed in, Alice is "a contact of this
customer" and Bob "a contact of another customer" (their customers' contacts do not manage each
other, so each sees and edits itself alone; services/portal.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, Contact, Customer, Reseller
from models.enums import Permission
from tests.client import contact_login, global_id, gql, make_principal, refusal, refusals
from tests.factories import (
    db_state,
    make_account,
    make_api_key,
    make_contact,
    make_customer,
    make_reseller,
    make_role,
)
from tests.gql.contacts.conftest import USER_ERRORS

STRONG = "amber-falcon-42-river"


@dataclass
class World:
    client: httpx.AsyncClient
    account: Account
    other_account: Account
    reseller_a: Reseller
    reseller_b: Reseller
    acme: Customer
    alice: Contact

    async def token(self, principal: str) -> str | None:
        """Log in (or mint a key) as the principal."""
        account, role, reseller = self.account, "Administrator", None
        if principal == "anonymous":
            return None
        if principal in PORTAL_LOGINS:
            return str((await contact_login(self.client, PORTAL_LOGINS[principal], STRONG))["accessToken"])
        if principal == "api_key_with_permission":
            return await make_api_key(
                account, "Writer", [Permission.CUSTOMERS_READ, Permission.CONTACTS_WRITE]
            )
        if principal == "api_key_without_permission":
            return await make_api_key(account, "Reader", [Permission.CUSTOMERS_WRITE])
        if principal == "partner_own_reseller":
            role, reseller = "Partner", self.reseller_a
        elif principal == "partner_other_reseller":
            role, reseller = "Partner", self.reseller_b
        elif principal == "staff_without_contacts_write":
            role = "Support"  # customers:read and audit:read
        elif principal == "staff_without_customers_read":
            role = "Clerk"
        elif principal == "user_of_other_account":
            account = self.other_account
        else:
            assert principal == "administrator", principal
        return (await make_principal(self.client, account, role_name=role, reseller=reseller)).token


@pytest.fixture
async def world(client: httpx.AsyncClient) -> World:
    account, other_account = await make_account(), await make_account()
    reseller_a, reseller_b = (
        await make_reseller(account, "Reseller A"),
        await make_reseller(account, "Reseller B"),
    )
    await make_role(account, "Clerk", [Permission.BILLING_WRITE, Permission.CONTACTS_WRITE])
    acme = await make_customer(account, name="Acme", reseller_id=reseller_a.id)
    bravo = await make_customer(account, name="Bravo", reseller_id=reseller_b.id)
    alice = await make_contact(acme, name="Alice", email="alice@acme.example", password=STRONG)
    await make_contact(bravo, name="Bob", email="bob@bravo.example", password=STRONG)
    await make_contact(await make_customer(other_account, name="Zulu"), name="Zed", email="zed@zulu.example")
    return World(client, account, other_account, reseller_a, reseller_b, acme, alice)


PORTAL_LOGINS = {
    "contact_of_this_customer": "alice@acme.example",
    "contact_of_other_customer": "bob@bravo.example",
}
NOT_MANAGED = "FORBIDDEN:Your customer's contacts do not manage each other in the portal."
WRITERS = ["administrator", "partner_own_reseller", "api_key_with_permission"]
OUT_OF_SCOPE = ["partner_other_reseller", "user_of_other_account"]
WRITE_MATRIX = [
    ("anonymous", "UNAUTHENTICATED"),
    ("staff_without_contacts_write", "PERMISSION_DENIED"),
    ("api_key_without_permission", "PERMISSION_DENIED"),
    *[(principal, "NOT_FOUND") for principal in OUT_OF_SCOPE],
    *[(principal, "allowed") for principal in WRITERS],
]
MESSAGES = {
    "UNAUTHENTICATED": "Authentication required.",
    "PERMISSION_DENIED": "You do not have permission to do this.",
}


def portal_matrix(this_customer: str, other_customer: str = "NOT_FOUND") -> list[tuple[str, str]]:
    """WRITE_MATRIX with Alice (the target's own login) and Bob (another customer's) signed in."""
    return [
        *WRITE_MATRIX,
        ("contact_of_this_customer", this_customer),
        ("contact_of_other_customer", other_customer),
    ]


def refused_with(outcome: str, not_found: tuple[str, list[str]]) -> list[dict[str, Any]]:
    if outcome == "NOT_FOUND":
        message, field = not_found
        return [{"code": "NOT_FOUND", "message": message, "field": field}]
    if outcome.startswith("FORBIDDEN:"):
        return [{"code": "FORBIDDEN", "message": outcome.removeprefix("FORBIDDEN:"), "field": None}]
    return [{"code": outcome, "message": MESSAGES[outcome], "field": None}]


async def run(world: World, principal: str, query: str, variables: dict[str, Any]) -> tuple[Any, Any, Any]:
    """The body of the call as the principal, with the state before and after it."""
    token = await world.token(principal)
    before = await db_state()
    body = await gql(world.client, query, variables, token=token)
    return body, before, await db_state()


# --- Mutations -------------------------------------------------------------------------------


@pytest.mark.parametrize(("principal", "outcome"), portal_matrix(NOT_MANAGED, NOT_MANAGED))
async def test_contact_create(world: World, principal: str, outcome: str) -> None:
    # when
    query = (
        'mutation($c: ID!) { contactCreate(input: {customerId: $c, name: "Carol", email: "carol@acme.example"}) '
        f"{{ contact {{ name customer {{ name }} }} {USER_ERRORS} }} }}"
    )
    body, before, after = await run(world, principal, query, {"c": global_id("Customer", world.acme.id)})

    # then
    payload = body["data"]["contactCreate"]
    if outcome == "allowed":
        assert payload == {"contact": {"name": "Carol", "customer": {"name": "Acme"}}, "errors": []}
        assert len(after["contact"]) == len(before["contact"]) + 1
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        errors = refused_with(outcome, ("Customer not found.", ["input", "customerId"]))
        assert payload == {"contact": None, "errors": errors}
        assert after == before


@pytest.mark.parametrize(("principal", "outcome"), portal_matrix("allowed"))
async def test_contact_update(world: World, principal: str, outcome: str) -> None:
    # when
    query = f'mutation($id: ID!) {{ contactUpdate(input: {{id: $id, publicNotes: "Call mornings"}}) {{ contact {{ publicNotes }} {USER_ERRORS} }} }}'
    body, before, after = await run(world, principal, query, {"id": global_id("Contact", world.alice.id)})

    # then
    payload = body["data"]["contactUpdate"]
    if outcome == "allowed":
        assert payload == {"contact": {"publicNotes": "Call mornings"}, "errors": []}
        assert (await Contact.get(id=world.alice.id)).public_notes == "Call mornings"
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        assert payload == {
            "contact": None,
            "errors": refused_with(outcome, ("Contact not found.", ["input", "id"])),
        }
        assert after == before


@pytest.mark.parametrize(
    ("principal", "outcome"), portal_matrix("FORBIDDEN:You cannot delete yourself in the portal.")
)
async def test_contact_delete(world: World, principal: str, outcome: str) -> None:
    # when
    target = global_id("Contact", world.alice.id)
    query = f"mutation($id: ID!) {{ contactDelete(input: {{id: $id}}) {{ deletedId {USER_ERRORS} }} }}"
    body, before, after = await run(world, principal, query, {"id": target})

    # then
    payload = body["data"]["contactDelete"]
    if outcome == "allowed":
        assert payload == {"deletedId": target, "errors": []}
        assert not await Contact.filter(id=world.alice.id).exists()
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        errors = refused_with(outcome, ("Contact not found.", ["input", "id"]))
        assert payload == {"deletedId": None, "errors": errors}
        assert after == before


# contactResetPassword is the deprecated other name (DESIGN.md's naming example): same answers.
@pytest.mark.parametrize("name", ["contactPasswordReset", "contactResetPassword"])
@pytest.mark.parametrize(
    ("principal", "outcome"),
    portal_matrix("FORBIDDEN:You cannot reset the password of yourself in the portal."),
)
async def test_contact_password_reset(world: World, principal: str, outcome: str, name: str) -> None:
    # when
    query = (
        f"mutation($id: ID!, $p: String) {{ {name}(input: {{contactId: $id, mode: SET, password: $p}}) "
        f"{{ contact {{ hasLogin }} {USER_ERRORS} }} }}"
    )
    body, before, after = await run(
        world, principal, query, {"id": global_id("Contact", world.alice.id), "p": STRONG}
    )

    # then
    payload = body["data"][name]
    if outcome == "allowed":
        assert payload == {"contact": {"hasLogin": True}, "errors": []}
        assert (await Contact.get(id=world.alice.id)).password_hash is not None
        assert len(after["audit"]) == len(before["audit"]) + 1
    else:
        errors = refused_with(outcome, ("Contact not found.", ["input", "contactId"]))
        assert payload == {"contact": None, "errors": errors}
        assert after == before


# --- Queries ---------------------------------------------------------------------------------

READ_MATRIX = [
    ("anonymous", "UNAUTHENTICATED"),
    ("staff_without_customers_read", "PERMISSION_DENIED"),
    ("api_key_without_permission", "PERMISSION_DENIED"),
    ("partner_other_reseller", ["Bob"]),
    ("user_of_other_account", ["Zed"]),
    ("staff_without_contacts_write", ["Alice", "Bob"]),  # reading needs customers:read only
    ("administrator", ["Alice", "Bob"]),
    ("partner_own_reseller", ["Alice"]),
    ("api_key_with_permission", ["Alice", "Bob"]),
    ("contact_of_this_customer", ["Alice"]),
    ("contact_of_other_customer", ["Bob"]),
]


@pytest.mark.parametrize(("principal", "names"), READ_MATRIX)
async def test_contacts_query(world: World, principal: str, names: list[str] | str) -> None:
    # when
    body, before, after = await run(
        world, principal, "{ contacts { totalCount edges { node { name } } } }", {}
    )

    # then
    assert after == before
    if isinstance(names, str):
        assert (body["data"], refusals(body)) == (None, [refusal(MESSAGES[names], names, "contacts")])
    else:
        edges = [{"node": {"name": name}} for name in names]
        assert body["data"] == {"contacts": {"totalCount": len(names), "edges": edges}}


@pytest.mark.parametrize(("principal", "names"), READ_MATRIX)
async def test_customer_contacts_field(world: World, principal: str, names: list[str] | str) -> None:
    # when: Acme's card
    query = "query($c: ID!) { customer(id: $c) { contacts { totalCount edges { node { name } } } } }"
    body, before, after = await run(world, principal, query, {"c": global_id("Customer", world.acme.id)})

    # then: its contacts, or the card's own refusal (null out of scope)
    assert after == before
    if isinstance(names, str):
        assert (body["data"], refusals(body)) == (
            {"customer": None},
            [refusal(MESSAGES[names], names, "customer")],
        )
    elif "Alice" in names:
        assert body["data"] == {
            "customer": {"contacts": {"totalCount": 1, "edges": [{"node": {"name": "Alice"}}]}}
        }
    else:
        assert body == {"data": {"customer": None}, "extensions": body["extensions"]}


async def test_a_writer_without_customers_read_gets_the_contact_but_a_coded_refusal_for_its_customer(
    world: World,
) -> None:
    # given: a key that writes contacts but does not read customers
    token = await make_api_key(world.account, "Writer only", [Permission.CONTACTS_WRITE])

    # when
    body = await gql(
        world.client,
        f'mutation($c: ID!) {{ contactCreate(input: {{customerId: $c, name: "Eve", email: "eve@acme.example"}}) '
        f"{{ contact {{ name customer {{ name }} }} {USER_ERRORS} }} }}",
        {"c": global_id("Customer", world.acme.id)},
        token=token,
    )

    # then
    assert body["data"] == {"contactCreate": {"contact": {"name": "Eve", "customer": None}, "errors": []}}
    assert refusals(body) == [
        refusal(MESSAGES["PERMISSION_DENIED"], "PERMISSION_DENIED", "contactCreate", "contact", "customer")
    ]
