"""The customer portal's logins: contactLogin, its refusals and throttle, the contact's session
(refresh, password change, sessions ending), and staff's Portal Login (contactPortalLogin)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from models import Account, AuditEntry, AuthSession, Contact, Customer, LoginAttempt, RefreshToken
from models.enums import Permission
from services import passwords
from services.actor import system_actor
from services.customers.commands import delete_customer, update_customer
from services.customers.values import CustomerPatch
from settings import Settings
from tests.client import contact_login, global_id, gql, make_principal
from tests.factories import (
    PASSWORD,
    db_state,
    make_account,
    make_api_key,
    make_contact,
    make_customer,
    make_role,
)
from tests.gql.contacts.conftest import USER_ERRORS

VIEWER = "{ viewer { kind label impersonated contact { name } customer { name } } }"
WRONG = {"accessToken": None, "refreshToken": None}


async def acme_with_alice(account: Account, **customer: Any) -> tuple[Customer, Contact]:
    acme = await make_customer(account, name="Acme", **customer)
    alice = await make_contact(acme, name="Alice", email="alice@acme.example", password=PASSWORD)
    return acme, alice


async def test_a_contact_logs_in_to_its_portal(client: httpx.AsyncClient, account: Account) -> None:
    # given
    acme, alice = await acme_with_alice(account)

    # when
    payload = await contact_login(client, "Alice@Acme.example", PASSWORD)
    viewer = await gql(client, VIEWER, token=payload["accessToken"])

    # then: a session of the contact, audited as "Portal" with the contact named
    assert payload["errors"] == [] and payload["refreshToken"]
    assert viewer["data"] == {
        "viewer": {
            "kind": "CONTACT",
            "label": "Alice",
            "impersonated": False,
            "contact": {"name": "Alice"},
            "customer": {"name": "Acme"},
        }
    }
    session = await AuthSession.get(contact_id=alice.id)
    assert (session.user_id, session.impersonator_id, session.kind) == (None, None, "LOGIN")
    claims = jwt.decode(payload["accessToken"], options={"verify_signature": False})
    assert (claims["sub"], claims["sid"]) == (f"contact:{alice.id}", str(session.id))
    entry = await AuditEntry.get(action="LOGIN", table_name="contact")
    assert (
        entry.actor_kind,
        entry.actor_label,
        entry.actor_contact_id,
        entry.customer_id,
        entry.message,
    ) == (
        "CONTACT",
        "Portal",
        alice.id,
        acme.id,
        "Alice <alice@acme.example> logged in to the portal",
    )
    assert (await Contact.get(id=alice.id)).last_login_at is not None


async def test_an_unknown_email_and_a_wrong_password_get_the_same_answer_and_the_same_hashing(
    client: httpx.AsyncClient, account: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: every argon2 verification counted (the real one runs)
    await acme_with_alice(account)
    verified: list[bool] = []
    real = passwords.verify_password

    def counting(password_hash: str | None, password: str) -> bool:
        verified.append(password_hash is None)
        return real(password_hash, password)

    monkeypatch.setattr("services.portal_sessions.verify_password", counting)
    before = await db_state()

    # when
    unknown = await contact_login(client, "nobody@acme.example", "a wrong guess")
    unknown_hashes = list(verified)
    wrong = await contact_login(client, "alice@acme.example", "a wrong guess")

    # then: one hash computed each time (a dummy one for the unknown e-mail), one answer
    refusal = {
        **WRONG,
        "errors": [{"field": None, "code": "INVALID_CREDENTIALS", "message": "Wrong e-mail or password."}],
    }
    assert unknown == wrong == refusal
    assert (unknown_hashes, verified) == ([True], [True, False])
    after = await db_state()
    assert [(a["email"], a["succeeded"]) for a in after["login_attempt"]] == [
        ("nobody@acme.example", False),
        ("alice@acme.example", False),
    ]
    assert (after["auth_session"], after["audit"]) == (before["auth_session"], before["audit"])


async def test_the_same_email_in_two_accounts_logs_in_to_the_one_whose_password_it_is(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given
    await acme_with_alice(account)
    other = await make_customer(await make_account(), name="Other Acme")
    twin = await make_contact(
        other, name="Alice Twin", email="alice@acme.example", password="another strong secret 9"
    )

    # when
    payload = await contact_login(client, "alice@acme.example", "another strong secret 9")

    # then
    viewer = await gql(client, VIEWER, token=payload["accessToken"])
    assert viewer["data"]["viewer"]["contact"] == {"name": "Alice Twin"}
    assert (await AuthSession.get()).contact_id == twin.id


@pytest.mark.parametrize(
    ("allow", "outcome"),
    [
        (["198.51.100.0/24"], "IP_NOT_ALLOWED"),
        (["2001:db8::/32", "203.0.113.0/28"], "allowed"),  # the test client is 203.0.113.7
        ([], "allowed"),
    ],
)
async def test_the_ip_allow_list_is_honoured(
    client: httpx.AsyncClient, account: Account, allow: list[str], outcome: str
) -> None:
    # given
    acme = await make_customer(account, name="Acme")
    await make_contact(acme, name="Alice", email="alice@acme.example", password=PASSWORD, ip_allow=allow)
    before = await db_state()

    # when
    payload = await contact_login(client, "alice@acme.example", PASSWORD)

    # then
    if outcome == "allowed":
        assert payload["errors"] == [] and payload["accessToken"]
    else:
        message = "You may not log in from this address."
        assert payload == {**WRONG, "errors": [{"field": None, "code": outcome, "message": message}]}
        after = await db_state()
        assert (after["auth_session"], after["audit"]) == (before["auth_session"], before["audit"])


async def test_a_session_stops_working_outside_the_allow_list(
    client: httpx.AsyncClient, app: Any, account: Account
) -> None:
    # given: a session opened from an allowed address
    acme = await make_customer(account, name="Acme")
    await make_contact(
        acme, name="Alice", email="alice@acme.example", password=PASSWORD, ip_allow=["203.0.113.0/24"]
    )
    token = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]

    # when: the same token from elsewhere
    transport = httpx.ASGITransport(app=app, client=("192.0.2.1", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as elsewhere:
        body = await gql(elsewhere, VIEWER, token=token)

    # then
    assert body["data"] == {"viewer": None}


@pytest.mark.parametrize("closed_by", ["portal_access_off", "customer_deleted"])
async def test_a_closed_portal_refuses_the_login_and_ends_open_sessions(
    client: httpx.AsyncClient, account: Account, closed_by: str
) -> None:
    # given: a session, then the portal closes
    acme, _alice = await acme_with_alice(account)
    token = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]
    if closed_by == "portal_access_off":
        await update_customer(system_actor(account.id), acme.id, CustomerPatch(portal_access=False))
    else:
        await delete_customer(system_actor(account.id), acme.id)
    sessions_before = await AuthSession.all().count()

    # when
    payload = await contact_login(client, "alice@acme.example", PASSWORD)
    viewer = await gql(client, VIEWER, token=token)

    # then
    closed = {"field": None, "code": "PORTAL_CLOSED", "message": "Your customer portal is closed."}
    assert payload == {**WRONG, "errors": [closed]}
    assert await AuthSession.all().count() == sessions_before
    assert viewer["data"] == {"viewer": None}


async def test_contact_logins_are_throttled_as_staff_logins_are(
    client: httpx.AsyncClient, account: Account, settings: Settings
) -> None:
    # given: as many wrong passwords as the policy allows
    await acme_with_alice(account)
    for _ in range(settings.login_max_failures):
        await contact_login(client, "alice@acme.example", "a wrong guess")

    # when: the right password, too soon
    payload = await contact_login(client, "alice@acme.example", PASSWORD)

    # then
    assert [e["code"] for e in payload["errors"]] == ["THROTTLED"]
    assert await AuthSession.all().count() == 0
    assert await LoginAttempt.filter(succeeded=True).count() == 0


async def test_a_contact_session_refreshes_and_logs_out(client: httpx.AsyncClient, account: Account) -> None:
    # given
    await acme_with_alice(account)
    tokens = await contact_login(client, "alice@acme.example", PASSWORD)

    # when
    refreshed = await gql(
        client,
        f'mutation {{ tokenRefresh(input: {{refreshToken: "{tokens["refreshToken"]}"}}) {{ accessToken {USER_ERRORS} }} }}',
    )
    token = refreshed["data"]["tokenRefresh"]["accessToken"]
    viewer = await gql(client, VIEWER, token=token)
    logout = await gql(client, f"mutation {{ logout {{ ok {USER_ERRORS} }} }}", token=token)
    after = await gql(client, VIEWER, token=token)

    # then
    assert viewer["data"]["viewer"]["contact"] == {"name": "Alice"}
    assert logout["data"] == {"logout": {"ok": True, "errors": []}}
    assert after["errors"][0]["extensions"]["code"] == "SESSION_REVOKED"


CHANGE = (
    "mutation($c: String!, $n: String!) { viewerPasswordChange(input: {currentPassword: $c, newPassword: $n}) "
    f"{{ ok {USER_ERRORS} }} }}"
)


async def test_a_contact_changes_its_own_password_and_its_other_sessions_end(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given: two sessions of Alice
    _acme, alice = await acme_with_alice(account)
    here = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]
    there = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]
    before = await db_state()

    # when: a wrong current password, then the right one
    wrong = await gql(client, CHANGE, {"c": "a wrong guess", "n": "a brand new secret 77"}, token=here)
    after_wrong = await db_state()
    right = await gql(client, CHANGE, {"c": PASSWORD, "n": "a brand new secret 77"}, token=here)

    # then
    assert wrong["data"]["viewerPasswordChange"]["errors"] == [
        {
            "field": ["input", "currentPassword"],
            "code": "INVALID_CREDENTIALS",
            "message": "The current password is wrong.",
        }
    ]
    assert (after_wrong["contact"], after_wrong["audit"]) == (before["contact"], before["audit"])
    assert right["data"]["viewerPasswordChange"] == {"ok": True, "errors": []}
    assert (await gql(client, VIEWER, token=here))["data"]["viewer"]["contact"] == {"name": "Alice"}
    assert (await gql(client, VIEWER, token=there))["errors"][0]["extensions"]["code"] == "SESSION_REVOKED"
    assert (await contact_login(client, "alice@acme.example", "a brand new secret 77"))["errors"] == []
    entry = await AuditEntry.filter(table_name="contact", action="UPDATE").get()
    assert (entry.actor_label, entry.actor_contact_id, entry.record_id, entry.diff) == (
        "Portal",
        alice.id,
        str(alice.id),
        {"password_hash": {"old": "[redacted]", "new": "[redacted]"}},
    )


async def test_a_password_reset_by_staff_ends_the_contacts_sessions(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given
    _acme, alice = await acme_with_alice(account)
    token = (await contact_login(client, "alice@acme.example", PASSWORD))["accessToken"]
    admin = await make_principal(client, account)

    # when
    body = await gql(
        client,
        "mutation($id: ID!) { contactPasswordReset(input: {contactId: $id, mode: SET, password: "
        f'"staff chosen secret 31"}}) {{ {USER_ERRORS} }} }}',
        {"id": global_id("Contact", alice.id)},
        token=admin.token,
    )

    # then
    assert body["data"] == {"contactPasswordReset": {"errors": []}}
    assert (await gql(client, VIEWER, token=token))["errors"][0]["extensions"]["code"] == "SESSION_REVOKED"


# --- Staff's Portal Login -------------------------------------------------------------------------

PORTAL_LOGIN = (
    "mutation($id: ID!, $r: String!) { contactPortalLogin(input: {contactId: $id, reason: $r}) "
    f"{{ accessToken expiresAt portalUrl {USER_ERRORS} }} }}"
)


async def test_staff_open_the_portal_as_a_contact_and_the_trail_says_so(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given
    acme, alice = await acme_with_alice(account, portal_domain=None)
    await Account.filter(id=account.id).update(portal_domains=["portal.carrier.example"])
    admin = await make_principal(client, account)

    # when
    body = await gql(
        client, PORTAL_LOGIN, {"id": global_id("Contact", alice.id), "r": "Ticket 4711"}, token=admin.token
    )
    payload = body["data"]["contactPortalLogin"]
    token = payload["accessToken"]
    viewer = await gql(client, VIEWER, token=token)
    edit = await gql(
        client,
        f'mutation($id: ID!) {{ contactUpdate(input: {{id: $id, phone: "+442071838750"}}) {{ {USER_ERRORS} }} }}',
        {"id": global_id("Contact", alice.id)},
        token=token,
    )
    change = await gql(client, CHANGE, {"c": PASSWORD, "n": "a brand new secret 77"}, token=token)

    # then: a short, unrefreshable session of Alice opened by the admin
    assert payload["errors"] == []
    assert payload["portalUrl"] == f"https://portal.carrier.example/#accessToken={token}"
    expires = datetime.fromisoformat(payload["expiresAt"])
    assert timedelta(minutes=14) < expires - datetime.now(UTC) <= timedelta(minutes=15)
    session = await AuthSession.get(contact_id=alice.id)
    assert (session.kind, session.impersonator_id) == ("IMPERSONATION", admin.user.id)
    assert not await RefreshToken.filter(session_id=session.id).exists()
    assert viewer["data"]["viewer"] == {
        "kind": "CONTACT",
        "label": "Alice",
        "impersonated": True,
        "contact": {"name": "Alice"},
        "customer": {"name": "Acme"},
    }
    # ... what was done in it is the contact's, on behalf of the admin; its password is not for staff
    assert edit["data"] == {"contactUpdate": {"errors": []}}
    assert change["data"]["viewerPasswordChange"]["errors"][0]["code"] == "PERMISSION_DENIED"
    opened, edited = (
        await AuditEntry.filter(customer_id=acme.id, table_name="contact").order_by("id").offset(1)
    )
    assert (opened.action, opened.actor_kind, opened.actor_user_id, opened.reason, opened.record_id) == (
        "IMPERSONATE",
        "USER",
        admin.user.id,
        "Ticket 4711",
        str(alice.id),
    )
    assert opened.message == f"Portal Login as Alice <alice@acme.example> by {admin.user.name}"
    assert (
        edited.action,
        edited.actor_kind,
        edited.actor_label,
        edited.actor_contact_id,
        edited.on_behalf_of_user_id,
    ) == (
        "UPDATE",
        "CONTACT",
        "Portal",
        alice.id,
        admin.user.id,
    )
    trail = await gql(
        client,
        "query($c: ID!) { customer(id: $c) { auditLog(first: 2) { edges { node { action actorLabel "
        "actorContactId onBehalfOfUserId } } } } }",
        {"c": global_id("Customer", acme.id)},
        token=admin.token,
    )
    assert [edge["node"] for edge in trail["data"]["customer"]["auditLog"]["edges"]] == [
        {
            "action": "UPDATE",
            "actorLabel": "Portal",
            "actorContactId": global_id("Contact", alice.id),
            "onBehalfOfUserId": global_id("User", admin.user.id),
        },
        {
            "action": "IMPERSONATE",
            "actorLabel": admin.user.name,
            "actorContactId": None,
            "onBehalfOfUserId": None,
        },
    ]


async def test_the_portal_url_is_on_the_customers_own_portal_domain(
    client: httpx.AsyncClient, account: Account
) -> None:
    # given
    await Account.filter(id=account.id).update(portal_domains=["portal.carrier.example", "my.acme.example"])
    _acme, alice = await acme_with_alice(account, portal_domain="my.acme.example")
    admin = await make_principal(client, account)

    # when
    body = await gql(
        client, PORTAL_LOGIN, {"id": global_id("Contact", alice.id), "r": "Demo"}, token=admin.token
    )

    # then
    assert body["data"]["contactPortalLogin"]["portalUrl"].startswith("https://my.acme.example/#accessToken=")


IMPERSONATION_MATRIX = [
    ("administrator", "allowed"),
    ("support", "PERMISSION_DENIED"),
    ("partner_own_reseller", "PERMISSION_DENIED"),
    ("custom_role_with_permission_other_reseller", "NOT_FOUND"),
    ("api_key_with_permission", "PERMISSION_DENIED"),
    ("user_of_other_account", "NOT_FOUND"),
    ("contact_of_this_customer", "FORBIDDEN"),
    ("anonymous", "UNAUTHENTICATED"),
]


@pytest.mark.parametrize(("principal", "outcome"), IMPERSONATION_MATRIX)
async def test_who_may_open_the_portal_as_a_contact(
    client: httpx.AsyncClient, account: Account, principal: str, outcome: str
) -> None:
    # given
    from tests.factories import make_reseller

    mine, theirs = await make_reseller(account, "Mine"), await make_reseller(account, "Theirs")
    await Account.filter(id=account.id).update(portal_domains=["portal.carrier.example"])
    acme, alice = await acme_with_alice(account, reseller_id=mine.id)
    await make_contact(acme, name="Ann", email="ann@acme.example", password=PASSWORD)
    token = await _token_of(client, account, principal, mine.id, theirs.id)
    before = await db_state()

    # when
    body = await gql(client, PORTAL_LOGIN, {"id": global_id("Contact", alice.id), "r": "Check"}, token=token)

    # then
    payload = body["data"]["contactPortalLogin"]
    if outcome == "allowed":
        assert payload["errors"] == [] and payload["accessToken"]
        return
    assert payload["accessToken"] is None
    assert [e["code"] for e in payload["errors"]] == [outcome]
    assert await db_state() == before


async def _token_of(
    client: httpx.AsyncClient, account: Account, principal: str, mine: int, theirs: int
) -> str | None:
    from models import Reseller

    if principal == "anonymous":
        return None
    if principal == "api_key_with_permission":
        return await make_api_key(
            account, "Key", [Permission.CONTACTS_IMPERSONATE, Permission.CUSTOMERS_READ]
        )
    if principal == "contact_of_this_customer":
        return str((await contact_login(client, "ann@acme.example", PASSWORD))["accessToken"])
    if principal == "user_of_other_account":
        return (await make_principal(client, await make_account())).token
    if principal == "custom_role_with_permission_other_reseller":
        await make_role(account, "Impersonator", [Permission.CONTACTS_IMPERSONATE, Permission.CUSTOMERS_READ])
        reseller = await Reseller.get(id=theirs)
        return (await make_principal(client, account, role_name="Impersonator", reseller=reseller)).token
    if principal in ("administrator", "support"):
        return (
            await make_principal(
                client, account, role_name={"administrator": "Administrator", "support": "Support"}[principal]
            )
        ).token
    partner = await Reseller.get(id=mine)
    return (await make_principal(client, account, role_name="Partner", reseller=partner)).token


@pytest.mark.parametrize(
    ("case", "code", "field"),
    [
        ("no_reason", "REQUIRED", ["input", "reason"]),
        ("portal_closed", "PORTAL_CLOSED", ["input", "contactId"]),
        ("no_portal_domain", "NO_PORTAL_DOMAIN", ["input", "contactId"]),
        ("unknown_contact", "NOT_FOUND", ["input", "contactId"]),
    ],
)
async def test_a_portal_login_that_cannot_be_opened_changes_nothing(
    client: httpx.AsyncClient, account: Account, case: str, code: str, field: list[str]
) -> None:
    # given
    if case != "no_portal_domain":
        await Account.filter(id=account.id).update(portal_domains=["portal.carrier.example"])
    _acme, alice = await acme_with_alice(account, portal_access=case != "portal_closed")
    admin = await make_principal(client, account)
    contact_id = global_id("Contact", alice.id + 1000 if case == "unknown_contact" else alice.id)
    before = await db_state()

    # when
    body = await gql(
        client,
        PORTAL_LOGIN,
        {"id": contact_id, "r": "  " if case == "no_reason" else "Check"},
        token=admin.token,
    )

    # then
    payload = body["data"]["contactPortalLogin"]
    assert (payload["accessToken"], [(e["code"], e["field"]) for e in payload["errors"]]) == (
        None,
        [(code, field)],
    )
    assert await db_state() == before
