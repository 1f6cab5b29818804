"""Partner users (reseller set, role "Partner") see and edit only their reseller's customers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from models import Account, AuditEntry, Customer, Reseller
from tests.client import USER_ERRORS, customer_mutation, global_id, gql, make_principal
from tests.factories import Principal, db_state, make_account, make_customer, make_reseller, make_user

CUSTOMER = f"customer {{ name reseller {{ id name }} }} {USER_ERRORS}"
BULK = f"applied failed results {{ customerId ok changedFields {USER_ERRORS} }} {USER_ERRORS}"
NOT_FOUND = {"field": ["input", "id"], "message": "Customer not found.", "code": "NOT_FOUND"}
OTHER_RESELLER = {
    "field": ["input", "resellerId"],
    "message": "A partner user can only assign customers to its own reseller.",
    "code": "PERMISSION_DENIED",
}


@dataclass
class Partners:
    account: Account
    partner: Principal
    own: Reseller
    other: Reseller
    mine: Customer
    theirs: Customer
    unassigned: Customer


@pytest.fixture
async def partners(client: httpx.AsyncClient) -> Partners:
    """A partner of reseller North; customers of North, of South and of no reseller."""
    account = await make_account()
    north, south = await make_reseller(account, "North"), await make_reseller(account, "South")
    partner = await make_principal(client, account, role_name="Partner", reseller=north)
    mine = await make_customer(account, name="Mine", reseller_id=north.id, channels=1)
    theirs = await make_customer(account, name="Theirs", reseller_id=south.id, channels=1)
    unassigned = await make_customer(account, name="Unassigned", channels=1)
    return Partners(account, partner, north, south, mine, theirs, unassigned)


def gid(customer: Customer) -> str:
    return global_id("Customer", customer.id)


async def mutate(client: httpx.AsyncClient, p: Partners, mutation: str, selection: str, **input: Any) -> Any:
    return await customer_mutation(client, p.partner.token, mutation, input, selection)


async def test_a_partner_lists_only_its_resellers_customers(
    client: httpx.AsyncClient, partners: Partners
) -> None:
    # When the partner lists customers, even asking for the other reseller's
    body = await gql(
        client,
        "query($w: CustomerWhere) { customers(where: $w) { totalCount edges { node { name } } } }",
        {"w": None},
        partners.partner.token,
    )
    filtered = await gql(
        client,
        "query($w: CustomerWhere) { customers(where: $w) { totalCount edges { node { name } } } }",
        {"w": {"resellerId": {"eq": global_id("Reseller", partners.other.id)}}},
        partners.partner.token,
    )

    # Then only its own reseller's customer is visible
    assert body["data"] == {"customers": {"totalCount": 1, "edges": [{"node": {"name": "Mine"}}]}}
    assert filtered["data"] == {"customers": {"totalCount": 0, "edges": []}}


@pytest.mark.parametrize(("name", "visible"), [("mine", True), ("theirs", False), ("unassigned", False)])
async def test_a_partner_reads_one_customer_only_of_its_reseller(
    client: httpx.AsyncClient, partners: Partners, name: str, visible: bool
) -> None:
    # When the partner reads one customer by id
    customer = getattr(partners, name)
    body = await gql(
        client,
        "query($id: ID!) { customer(id: $id) { name } }",
        {"id": gid(customer)},
        partners.partner.token,
    )

    # Then it is found only if it belongs to the partner's reseller
    assert body["data"] == {"customer": {"name": customer.name} if visible else None}


async def test_a_partner_edits_its_resellers_customer(client: httpx.AsyncClient, partners: Partners) -> None:
    # When the partner changes its own customer
    payload = await mutate(client, partners, "customerUpdate", CUSTOMER, id=gid(partners.mine), name="Mine 2")

    # Then it is saved and audited as the partner
    assert payload == {
        "customer": {
            "name": "Mine 2",
            "reseller": {"id": global_id("Reseller", partners.own.id), "name": "North"},
        },
        "errors": [],
    }
    entry = await AuditEntry.get(action="UPDATE")
    assert (entry.actor_user_id, entry.diff) == (
        partners.partner.user.id,
        {"name": {"old": "Mine", "new": "Mine 2"}},
    )


@pytest.mark.parametrize("name", ["theirs", "unassigned"])
@pytest.mark.parametrize("mutation", ["customerUpdate", "customerDelete"])
async def test_a_partner_cannot_edit_or_delete_other_customers(
    client: httpx.AsyncClient, partners: Partners, name: str, mutation: str
) -> None:
    # Given a customer outside the partner's reseller
    customer = getattr(partners, name)
    before = await db_state()
    extra = {"channels": 99} if mutation == "customerUpdate" else {}

    # When the partner updates or deletes it
    payload = await mutate(client, partners, mutation, USER_ERRORS, id=gid(customer), **extra)

    # Then it is not found and nothing changes
    assert payload == {"errors": [NOT_FOUND]}
    assert await db_state() == before


async def test_a_partner_creating_a_customer_assigns_its_reseller(
    client: httpx.AsyncClient, partners: Partners
) -> None:
    # When the partner creates a customer without a reseller
    payload = await mutate(client, partners, "customerCreate", CUSTOMER, name="New", currency="EUR")

    # Then the partner's reseller is assigned
    assert payload == {
        "customer": {
            "name": "New",
            "reseller": {"id": global_id("Reseller", partners.own.id), "name": "North"},
        },
        "errors": [],
    }
    assert await Customer.filter(name="New").values_list("reseller_id", flat=True) == [partners.own.id]


async def test_a_partner_may_name_its_own_reseller(client: httpx.AsyncClient, partners: Partners) -> None:
    # When the partner creates a customer naming its own reseller
    payload = await mutate(
        client,
        partners,
        "customerCreate",
        CUSTOMER,
        name="New",
        currency="EUR",
        resellerId=global_id("Reseller", partners.own.id),
    )

    # Then it is created under that reseller
    assert payload["errors"] == []
    assert payload["customer"]["reseller"]["name"] == "North"


async def test_a_partner_cannot_create_a_customer_for_another_reseller(
    client: httpx.AsyncClient, partners: Partners
) -> None:
    # Given another reseller of the account
    before = await db_state()

    # When the partner creates a customer for it
    payload = await mutate(
        client,
        partners,
        "customerCreate",
        CUSTOMER,
        name="New",
        currency="EUR",
        resellerId=global_id("Reseller", partners.other.id),
    )

    # Then permission is denied and nothing is written
    assert payload == {"customer": None, "errors": [OTHER_RESELLER]}
    assert await db_state() == before


async def test_a_null_reseller_on_create_means_the_partners_own(
    client: httpx.AsyncClient, partners: Partners
) -> None:
    # When the partner creates a customer with resellerId null (the create input's default)
    payload = await mutate(
        client, partners, "customerCreate", CUSTOMER, name="New", currency="EUR", resellerId=None
    )

    # Then its own reseller is assigned
    assert payload["errors"] == []
    assert payload["customer"]["reseller"] == {"id": global_id("Reseller", partners.own.id), "name": "North"}


@pytest.mark.parametrize("target", ["other", "none"])
async def test_a_partner_cannot_move_its_customer_to_another_or_no_reseller(
    client: httpx.AsyncClient, partners: Partners, target: str
) -> None:
    # Given another reseller, or null
    reseller_id = global_id("Reseller", partners.other.id) if target == "other" else None
    before = await db_state()

    # When the partner moves its customer there
    payload = await mutate(
        client,
        partners,
        "customerUpdate",
        CUSTOMER,
        id=gid(partners.mine),
        resellerId=reseller_id,
        channels=5,
    )

    # Then permission is denied and nothing changes
    assert payload == {"customer": None, "errors": [OTHER_RESELLER]}
    assert await db_state() == before


async def test_a_partner_cannot_pick_a_staff_user_as_account_manager(
    client: httpx.AsyncClient, partners: Partners
) -> None:
    # Given a staff user of the account (no reseller)
    staff = await make_user(partners.account)
    before = await db_state()

    # When the partner makes the staff user its customer's account manager
    payload = await mutate(
        client,
        partners,
        "customerUpdate",
        CUSTOMER,
        id=gid(partners.mine),
        accountManagerId=global_id("User", staff.id),
    )

    # Then the user is not found for the partner and nothing changes
    assert payload["errors"] == [
        {"field": ["input", "accountManagerId"], "message": "Account manager not found.", "code": "NOT_FOUND"}
    ]
    assert await db_state() == before


async def test_a_partners_bulk_update_reaches_only_its_customers(
    client: httpx.AsyncClient, partners: Partners
) -> None:
    # When the partner changes every customer it can select, and names the others by id
    by_where = await mutate(
        client, partners, "customerBulkUpdate", BULK, where={}, changes={"channels": {"increaseBy": 1}}
    )
    by_ids = await mutate(
        client,
        partners,
        "customerBulkUpdate",
        BULK,
        ids=[gid(partners.theirs), gid(partners.unassigned)],
        changes={"channels": {"set": 7}},
        errorPolicy="SKIP_INVALID",
    )

    # Then only its own customer changed; the others are not found
    assert by_where == {
        "applied": 1,
        "failed": 0,
        "results": [
            {"customerId": gid(partners.mine), "ok": True, "changedFields": ["channels"], "errors": []}
        ],
        "errors": [],
    }
    assert by_ids["applied"] == 0
    assert [(r["customerId"], r["errors"][0]["code"]) for r in by_ids["results"]] == [
        (gid(partners.theirs), "NOT_FOUND"),
        (gid(partners.unassigned), "NOT_FOUND"),
    ]
    assert await Customer.all().order_by("id").values_list("name", "channels") == [
        ("Mine", 2),
        ("Theirs", 1),
        ("Unassigned", 1),
    ]
