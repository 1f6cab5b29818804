"""Attacks on the customer portal that a review found, each now refused: hidden values through
cursors, the throttle through case-folding, Portal Logins that outlive their reason, sessions
that a reopened portal would revive, and contacts taking over each other's logins."""

from __future__ import annotations

import base64
import json
from decimal import Decimal
from typing import Any

import httpx

from models import Account, AuthSession, Customer
from models.enums import PortalSection
from services.actor import system_actor
from services.customers.commands import update_customer
from services.customers.values import CustomerPatch
from services.users.commands import deactivate_user
from settings import Settings
from tests.client import contact_login, global_id, gql, make_principal
from tests.factories import PASSWORD, db_state, make_account, make_contact, make_customer, make_role
from tests.gql.contacts.conftest import USER_ERRORS

PORTAL_LOGIN = (
    'mutation($id: ID!) { contactPortalLogin(input: {contactId: $id, reason: "Ticket"}) '
    f"{{ accessToken {USER_ERRORS} }} }}"
)


async def _signed_in(client: httpx.AsyncClient, account: Account, **customer: Any) -> tuple[Customer, str]:
    acme = await make_customer(account, name="Acme", **customer)
    await make_contact(acme, name="Alice", email="alice@acme.example", password=PASSWORD)
    return acme, str((await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"])


async def test_a_hidden_balance_cannot_be_sorted_on_so_no_cursor_carries_it(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given: a balance the portal hides
    acme, token = await _signed_in(client, account, portal_hidden_sections=[PortalSection.BALANCE])
    await Customer.filter(id=acme.id).update(balance=Decimal("1234.56"))

    # when: sorting by it (whose cursors would carry it), or paging after a guessed value
    sorted_body = await gql(
        client, "{ customers(sortBy: [{field: BALANCE}]) { edges { cursor } } }", token=token
    )
    guess = base64.urlsafe_b64encode(json.dumps([1234.55, 0]).encode()).decode().rstrip("=")
    paged = await gql(
        client,
        "query($a: String!) { customers(after: $a) { edges { cursor node { name } } } }",
        {"a": guess},
        token=token,
    )

    # then: no sort at all; the default order's cursor carries the name only
    assert [e["extensions"]["code"] for e in sorted_body["errors"]] == ["FORBIDDEN"]
    assert "1234" not in json.dumps(sorted_body) + json.dumps(paged)


async def test_a_case_folded_variant_of_the_email_counts_on_the_same_throttle(
    client: httpx.AsyncClient, account: Account, settings: Settings
) -> None:
    # given: the pair throttled
    acme = await make_customer(account, name="Acme")
    await make_contact(acme, name="Sales", email="sales@acme.example", password=PASSWORD)
    for _ in range(settings.login_max_failures):
        await contact_login(client, "sales@acme.example", "a wrong guess")

    # when: the same login with a long s (U+017F), which str.lower() keeps and casefold() folds
    payload = await contact_login(client, "\u017fales@acme.example", PASSWORD)

    # then
    assert [e["code"] for e in payload["errors"]] == ["THROTTLED"]
    assert await AuthSession.all().count() == 0


async def test_a_portal_login_ends_with_its_staff_users_access(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given: two Portal Logins, by two admins
    await Account.filter(id=account.id).update(portal_domains=["portal.carrier.example"])
    acme = await make_customer(account, name="Acme")
    alice = await make_contact(acme, name="Alice", email="alice@acme.example", password=PASSWORD)
    first, second = await make_principal(client, account), await make_principal(client, account)
    await make_role(account, "Former admin", [])
    tokens = []
    for admin in (first, second):
        body = await gql(client, PORTAL_LOGIN, {"id": global_id("Contact", alice.id)}, token=admin.token)
        tokens.append(body["data"]["contactPortalLogin"]["accessToken"])

    # when: the first admin is deactivated; the second loses the permission
    await deactivate_user(system_actor(account.id), first.user.id)
    from models import Role, User

    await User.filter(id=second.user.id).update(
        role_id=(await Role.get(name="Former admin", account_id=account.id)).id
    )

    # then
    for token in tokens:
        assert (await gql(client, "{ viewer { kind } }", token=token))["data"] == {"viewer": None}


async def test_closing_the_portal_ends_its_sessions_for_good(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given
    acme, _token = await _signed_in(client, account)
    login = await contact_login(client, "alice@acme.example", PASSWORD)

    # when: closed, then reopened
    await update_customer(system_actor(account.id), acme.id, CustomerPatch(portal_access=False))
    await update_customer(system_actor(account.id), acme.id, CustomerPatch(portal_access=True))
    viewer = await gql(client, "{ viewer { kind } }", token=login["accessToken"])
    refreshed = await gql(
        client,
        "mutation($r: String!) { tokenRefresh(input: {refreshToken: $r}) { accessToken errors { code } } }",
        {"r": login["refreshToken"]},
    )

    # then
    assert viewer["errors"][0]["extensions"]["code"] == "SESSION_REVOKED"
    assert refreshed["data"]["tokenRefresh"] == {"accessToken": None, "errors": [{"code": "SESSION_REVOKED"}]}


async def test_a_portal_login_cannot_mint_contacts_or_passwords(client: httpx.AsyncClient) -> None:
    # given: staff's Portal Login as Alice, whose customer's contacts manage each other
    account = await make_account()
    await Account.filter(id=account.id).update(portal_domains=["portal.carrier.example"])
    acme = await make_customer(account, name="Acme", portal_manage_contacts=True)
    alice = await make_contact(acme, name="Alice", email="alice@acme.example", password=PASSWORD)
    bob = await make_contact(acme, name="Bob", email="bob@acme.example", password=PASSWORD)
    admin = await make_principal(client, account)
    body = await gql(client, PORTAL_LOGIN, {"id": global_id("Contact", alice.id)}, token=admin.token)
    token = body["data"]["contactPortalLogin"]["accessToken"]
    before = await db_state()

    # when
    created = await gql(
        client,
        f'mutation($c: ID!) {{ contactCreate(input: {{customerId: $c, name: "Puppet", email: "puppet@x.example", '
        f"passwordMode: GENERATE}}) {{ {USER_ERRORS} }} }}",
        {"c": global_id("Customer", acme.id)},
        token=token,
    )
    reset = await gql(
        client,
        f"mutation($id: ID!) {{ contactPasswordReset(input: {{contactId: $id, mode: GENERATE}}) {{ {USER_ERRORS} }} }}",
        {"id": global_id("Contact", bob.id)},
        token=token,
    )

    # then
    refusal = [
        {
            "field": None,
            "code": "FORBIDDEN",
            "message": "A Portal Login does not manage the customer's other contacts.",
        }
    ]
    assert created["data"]["contactCreate"]["errors"] == refusal
    assert reset["data"]["contactPasswordReset"]["errors"] == refusal
    assert await db_state() == before


async def test_contacts_that_manage_each_other_cannot_take_over_each_others_logins(
    client: httpx.AsyncClient,
) -> None:
    # given: Alice and Bob of a customer whose contacts manage each other
    account = await make_account()
    acme, token = await _signed_in(client, account, portal_manage_contacts=True)
    bob = await make_contact(acme, name="Bob", email="bob@acme.example", password=PASSWORD)
    bob_id = global_id("Contact", bob.id)
    before = await db_state()

    # when: choose Bob's password, move his login e-mail, verify his address, or create a
    # contact with a chosen password
    chosen = await gql(
        client,
        "mutation($id: ID!) { contactPasswordReset(input: {contactId: $id, mode: SET, password: "
        f'"a chosen secret 4412"}}) {{ {USER_ERRORS} }} }}',
        {"id": bob_id},
        token=token,
    )
    moved = await gql(
        client,
        f'mutation($id: ID!) {{ contactUpdate(input: {{id: $id, email: "mine@x.example"}}) {{ {USER_ERRORS} }} }}',
        {"id": bob_id},
        token=token,
    )
    verified = await gql(
        client,
        f"mutation($id: ID!) {{ contactVerificationSend(input: {{contactId: $id, channel: EMAIL}}) {{ {USER_ERRORS} }} }}",
        {"id": bob_id},
        token=token,
    )
    puppet = await gql(
        client,
        f'mutation($c: ID!) {{ contactCreate(input: {{customerId: $c, name: "Puppet", email: "puppet@x.example", '
        f'passwordMode: SET, password: "a chosen secret 4412"}}) {{ {USER_ERRORS} }} }}',
        {"c": global_id("Customer", acme.id)},
        token=token,
    )

    # then
    assert chosen["data"]["contactPasswordReset"]["errors"] == [
        {
            "field": ["input", "mode"],
            "code": "FORBIDDEN",
            "message": "In the portal a password is generated and e-mailed to the contact.",
        }
    ]
    assert [(e["code"], e["field"]) for e in moved["data"]["contactUpdate"]["errors"]] == [
        ("FORBIDDEN", ["input", "email"])
    ]
    assert verified["data"]["contactVerificationSend"]["errors"] == [
        {
            "field": ["input", "contactId"],
            "code": "FORBIDDEN",
            "message": "In the portal a contact verifies its own addresses only.",
        }
    ]
    assert [(e["code"], e["field"]) for e in puppet["data"]["contactCreate"]["errors"]] == [
        ("FORBIDDEN", ["input", "passwordMode"])
    ]
    assert await db_state() == before


async def test_no_role_reaches_the_portal_through_node(client: httpx.AsyncClient, account: Account) -> None:
    # given
    _acme, token = await _signed_in(client, account)
    role = await make_role(account, "Ops", [])

    # when
    body = await gql(
        client, "query($id: ID!) { node(id: $id) { id } }", {"id": global_id("Role", role.id)}, token=token
    )

    # then
    assert body["data"] == {"node": None}
