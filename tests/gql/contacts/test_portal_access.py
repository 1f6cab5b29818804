"""What a contact signed in to the customer portal reads and writes (services/portal.py): its own
customer only, itself (or, when the customer's contacts manage each other, all of them), its own
profile's portal fields, and nothing staff-only; everything audited as "Portal"."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Contact, Customer
from tests.client import contact_login, global_id, gql
from tests.factories import PASSWORD, db_state, make_account, make_contact, make_customer
from tests.gql.contacts.conftest import USER_ERRORS


@dataclass
class Portal:
    client: httpx.AsyncClient
    token: str
    acme: Customer
    alice: Contact
    bob: Contact
    bravo: Customer

    async def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        return await gql(self.client, query, variables, token=self.token)


async def portal_of(client: httpx.AsyncClient, account: Account, *, managed: bool) -> Portal:
    """Alice signed in; Bob is another contact of her customer Acme; Bravo another customer."""
    domain = "acme.example" if not managed else "managed.acme.example"
    acme = await make_customer(account, name="Acme", portal_manage_contacts=managed)
    alice = await make_contact(acme, name="Alice", email=f"alice@{domain}", password=PASSWORD)
    bob = await make_contact(acme, name="Bob", email=f"bob@{domain}", private_notes="Owes us a call")
    bravo = await make_customer(account, name="Bravo")
    await make_contact(bravo, name="Carol", email=f"carol@{domain}")
    token = (await contact_login(client, f"alice@{domain}", PASSWORD))["accessToken"]
    return Portal(client, token, acme, alice, bob, bravo)


@pytest.fixture
async def portal(client: httpx.AsyncClient, account: Account) -> Portal:
    return await portal_of(client, account, managed=False)


@pytest.fixture
async def managed(client: httpx.AsyncClient) -> Portal:
    return await portal_of(client, await make_account(), managed=True)


NAMES = "{ totalCount edges { node { name } } }"


async def test_a_contact_sees_its_own_customer_only(portal: Portal) -> None:
    # when
    body = await portal(
        f"query($a: ID!, $b: ID!) {{ customers {NAMES} own: customer(id: $a) {{ name }} "
        "other: customer(id: $b) { name } node(id: $b) { id } }",
        a=global_id("Customer", portal.acme.id),
        b=global_id("Customer", portal.bravo.id),
    )

    # then
    assert body["data"] == {
        "customers": {"totalCount": 1, "edges": [{"node": {"name": "Acme"}}]},
        "own": {"name": "Acme"},
        "other": None,
        "node": None,
    }


@pytest.mark.parametrize(
    ("argument", "field"), [('where: {name: {eq: "Acme"}}', "where"), ('search: "Acme"', "search")]
)
async def test_the_portals_customer_list_takes_no_filter(portal: Portal, argument: str, field: str) -> None:
    # when: a filter could ask about a field the portal does not show (is the balance above x?)
    body = await portal(f"{{ customers({argument}) {{ totalCount }} }}")

    # then
    assert body["data"] is None
    assert [(e["extensions"]["code"], e["message"]) for e in body["errors"]] == [
        ("FORBIDDEN", f"The portal's customer list takes no {'filter' if field == 'where' else 'search'}.")
    ]


async def test_a_contact_sees_only_itself_unless_its_customer_lets_contacts_manage_each_other(
    portal: Portal, managed: Portal
) -> None:
    # when
    alone = await portal(f"{{ contacts {NAMES} viewer {{ customer {{ contacts {NAMES} }} }} }}")
    together = await managed(f"{{ contacts {NAMES} viewer {{ customer {{ contacts {NAMES} }} }} }}")
    bob = await portal("query($id: ID!) { node(id: $id) { id } }", id=global_id("Contact", portal.bob.id))

    # then
    only_alice = {"totalCount": 1, "edges": [{"node": {"name": "Alice"}}]}
    assert alone["data"] == {"contacts": only_alice, "viewer": {"customer": {"contacts": only_alice}}}
    both = {"totalCount": 2, "edges": [{"node": {"name": "Alice"}}, {"node": {"name": "Bob"}}]}
    assert together["data"] == {"contacts": both, "viewer": {"customer": {"contacts": both}}}
    assert bob["data"] == {"node": None}


UPDATE = f"mutation($input: ContactUpdateInput!) {{ contactUpdate(input: $input) {{ contact {{ name phone publicNotes }} {USER_ERRORS} }} }}"


async def test_a_contact_edits_its_own_profile_audited_as_portal(portal: Portal) -> None:
    # when
    body = await portal(
        UPDATE,
        input={
            "id": global_id("Contact", portal.alice.id),
            "name": "Alice A.",
            "phone": "+44 20 7183 8750",
            "publicNotes": "Mornings",
        },
    )

    # then
    assert body["data"]["contactUpdate"] == {
        "contact": {"name": "Alice A.", "phone": "+442071838750", "publicNotes": "Mornings"},
        "errors": [],
    }
    entry = await AuditEntry.filter(action="UPDATE", table_name="contact").get()
    assert (entry.actor_kind, entry.actor_label, entry.actor_contact_id, entry.on_behalf_of_user_id) == (
        "CONTACT",
        "Portal",
        portal.alice.id,
        None,
    )
    assert entry.diff == {
        "name": {"old": "Alice", "new": "Alice A."},
        "phone": {"old": None, "new": "+442071838750"},
        "public_notes": {"old": "", "new": "Mornings"},
    }


@pytest.mark.parametrize(
    ("given", "fields"),
    [
        ({"privateNotes": "mine now"}, ["privateNotes"]),
        ({"emailVerified": True, "ipAllow": []}, ["emailVerified", "ipAllow"]),
        ({"email": "alice@elsewhere.example", "name": "A"}, ["email"]),
    ],
)
async def test_a_contact_cannot_set_staff_fields_of_itself(
    portal: Portal, given: dict[str, Any], fields: list[str]
) -> None:
    # given
    before = await db_state()

    # when
    body = await portal(UPDATE, input={"id": global_id("Contact", portal.alice.id), **given})

    # then
    errors = body["data"]["contactUpdate"]["errors"]
    assert [(e["code"], e["field"]) for e in errors] == [("FORBIDDEN", ["input", f]) for f in fields]
    assert await db_state() == before


async def test_without_managing_a_contact_cannot_touch_another(portal: Portal) -> None:
    # given
    before = await db_state()
    bob = global_id("Contact", portal.bob.id)

    # when
    update = await portal(UPDATE, input={"id": bob, "name": "Robert"})
    delete = await portal(
        f"mutation($id: ID!) {{ contactDelete(input: {{id: $id}}) {{ {USER_ERRORS} }} }}", id=bob
    )
    create = await portal(
        f'mutation($c: ID!) {{ contactCreate(input: {{customerId: $c, name: "Dan", email: "dan@acme.example"}}) {{ {USER_ERRORS} }} }}',
        c=global_id("Customer", portal.acme.id),
    )
    delete_self = await portal(
        f"mutation($id: ID!) {{ contactDelete(input: {{id: $id}}) {{ {USER_ERRORS} }} }}",
        id=global_id("Contact", portal.alice.id),
    )

    # then
    assert update["data"]["contactUpdate"]["errors"] == [
        {"field": ["input", "id"], "code": "NOT_FOUND", "message": "Contact not found."}
    ]
    assert delete["data"]["contactDelete"]["errors"] == [
        {"field": ["input", "id"], "code": "NOT_FOUND", "message": "Contact not found."}
    ]
    not_managed = "Your customer's contacts do not manage each other in the portal."
    assert create["data"]["contactCreate"]["errors"] == [
        {"field": None, "code": "FORBIDDEN", "message": not_managed}
    ]
    assert delete_self["data"]["contactDelete"]["errors"] == [
        {"field": None, "code": "FORBIDDEN", "message": "You cannot delete yourself in the portal."}
    ]
    assert await db_state() == before


async def test_contacts_that_manage_each_other_create_edit_and_delete_each_other(managed: Portal) -> None:
    # when
    created = await managed(
        f'mutation($c: ID!) {{ contactCreate(input: {{customerId: $c, name: "Dan", email: "dan@acme.example"}}) '
        f"{{ contact {{ name email }} {USER_ERRORS} }} }}",
        c=global_id("Customer", managed.acme.id),
    )
    renamed = await managed(UPDATE, input={"id": global_id("Contact", managed.bob.id), "name": "Robert"})
    private = await managed(UPDATE, input={"id": global_id("Contact", managed.bob.id), "privateNotes": ""})
    deleted = await managed(
        f"mutation($id: ID!) {{ contactDelete(input: {{id: $id}}) {{ {USER_ERRORS} }} }}",
        id=global_id("Contact", managed.bob.id),
    )

    # then
    assert created["data"]["contactCreate"] == {
        "contact": {"name": "Dan", "email": "dan@acme.example"},
        "errors": [],
    }
    assert renamed["data"]["contactUpdate"] == {
        "contact": {"name": "Robert", "phone": None, "publicNotes": ""},
        "errors": [],
    }
    assert [e["code"] for e in private["data"]["contactUpdate"]["errors"]] == ["FORBIDDEN"]
    assert deleted["data"]["contactDelete"]["errors"] == []
    assert sorted(await Contact.filter(customer_id=managed.acme.id).values_list("name", flat=True)) == [
        "Alice",
        "Dan",
    ]
    labels = (
        await AuditEntry.filter(actor_contact_id=managed.alice.id, table_name="contact")
        .exclude(action="LOGIN")
        .values_list("action", "actor_label")
    )
    assert sorted(labels) == [("CREATE", "Portal"), ("DELETE", "Portal"), ("UPDATE", "Portal")]


async def test_a_contact_verifies_its_own_email(portal: Portal) -> None:
    # when: the code goes out through the outbox (its arrival is tested with the SMTP server elsewhere)
    body = await portal(
        f"mutation($id: ID!) {{ contactVerificationSend(input: {{contactId: $id, channel: EMAIL}}) {{ {USER_ERRORS} }} }}",
        id=global_id("Contact", portal.alice.id),
    )

    # then
    assert body["data"]["contactVerificationSend"]["errors"] == []
    entry = await AuditEntry.filter(action="SEND").get()
    assert (entry.actor_label, entry.actor_contact_id) == ("Portal", portal.alice.id)
