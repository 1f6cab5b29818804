"""portalDomains: an account setting (validated host names) and the only values a customer's
portalDomain may take, on create, update, bulk update and upload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from models import Account, AuditEntry, Customer
from tests.client import global_id
from tests.conftest import GqlClient
from tests.factories import Principal, db_state, make_customer

SETTINGS_UPDATE = """
mutation($input: AccountSettingsUpdateInput!) {
  accountSettingsUpdate(input: $input) { accountSettings { portalDomains } errors { field code message } }
}
"""
CREATE = """
mutation($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { portalDomain } errors { field code message } }
}
"""
UPDATE = """
mutation($input: CustomerUpdateInput!) {
  customerUpdate(input: $input) { customer { portalDomain } errors { field code message } }
}
"""
BULK_UPDATE = """
mutation($input: CustomerBulkUpdateInput!) {
  customerBulkUpdate(input: $input) {
    applied failed results { ok changedFields errors { field code } } errors { field code message }
  }
}
"""
UPLOAD = """
mutation($input: CustomerBulkCreateInput!) {
  customerBulkCreate(input: $input) { applied failed results { ok errors { field code } } errors { field code } }
}
"""
NOT_ONE_OF_THEM = "Not one of the account's portal domains (see portalDomains)."
Client = Callable[[Principal | str | None], GqlClient]


async def set_domains(account: Account, *domains: str) -> None:
    await Account.filter(id=account.id).update(portal_domains=list(domains))


async def test_the_setting_is_lower_cased_deduplicated_read_and_audited(
    admin: Principal, gql_client: Client
) -> None:
    as_admin = gql_client(admin)

    body = await as_admin(
        SETTINGS_UPDATE,
        input={"portalDomains": [" Portal.Acme.Example ", "portal.acme.example", "my.carrier.example"]},
    )

    expected = ["portal.acme.example", "my.carrier.example"]
    assert body["data"]["accountSettingsUpdate"] == {
        "accountSettings": {"portalDomains": expected},
        "errors": [],
    }
    assert (await as_admin("{ portalDomains }"))["data"] == {"portalDomains": expected}
    assert (await as_admin("{ accountSettings { portalDomains } }"))["data"]["accountSettings"] == {
        "portalDomains": expected
    }
    entry = await AuditEntry.get(table_name="account")
    assert entry.diff == {"portal_domains": {"old": [], "new": expected}}


@pytest.mark.parametrize(
    ("domains", "field", "code"),
    [
        (["portal.example", "not a host"], ["input", "portalDomains", "1"], "INVALID"),
        (["-bad-.example"], ["input", "portalDomains", "0"], "INVALID"),
        (["  "], ["input", "portalDomains", "0"], "INVALID"),
        ([f"p{i}.example" for i in range(51)], ["input", "portalDomains"], "INVALID"),
        (None, ["input", "portalDomains"], "REQUIRED"),
    ],
)
async def test_a_bad_list_is_refused_and_nothing_changes(
    admin: Principal, gql_client: Client, domains: list[str] | None, field: list[str], code: str
) -> None:
    before = await db_state()

    body = await gql_client(admin)(SETTINGS_UPDATE, input={"portalDomains": domains})

    errors = body["data"]["accountSettingsUpdate"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(field, code)]
    assert await db_state() == before


async def test_a_domain_still_used_by_a_customer_cannot_be_removed(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    await set_domains(account, "a.example", "b.example")
    await make_customer(account, name="Acme", portal_domain="b.example")
    before = await db_state()

    refused = await gql_client(admin)(SETTINGS_UPDATE, input={"portalDomains": ["a.example"]})
    after_refusal = await db_state()
    allowed = await gql_client(admin)(SETTINGS_UPDATE, input={"portalDomains": ["b.example", "c.example"]})

    assert refused["data"]["accountSettingsUpdate"]["errors"] == [
        {
            "field": ["input", "portalDomains"],
            "code": "DOMAIN_IN_USE",
            "message": "Customers still use b.example; move them to another domain first.",
        }
    ]
    assert after_refusal == before
    assert allowed["data"]["accountSettingsUpdate"]["errors"] == []
    assert (await Account.get(id=account.id)).portal_domains == ["b.example", "c.example"]


async def test_create_takes_one_of_the_domains_in_any_case(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    await set_domains(account, "portal.acme.example")

    body = await gql_client(admin)(
        CREATE, input={"name": "Acme", "currency": "EUR", "portalDomain": "Portal.ACME.example"}
    )

    assert body["data"]["customerCreate"] == {
        "customer": {"portalDomain": "portal.acme.example"},
        "errors": [],
    }


@pytest.mark.parametrize(
    ("domains", "message"),
    [
        (["portal.acme.example"], NOT_ONE_OF_THEM),
        ([], "The account has no portal domains yet; add them in the account settings first."),
    ],
)
async def test_create_with_another_domain_is_refused(
    account: Account, admin: Principal, gql_client: Client, domains: list[str], message: str
) -> None:
    await set_domains(account, *domains)
    before = await db_state()

    body = await gql_client(admin)(
        CREATE, input={"name": "Acme", "currency": "EUR", "portalDomain": "evil.example"}
    )

    assert body["data"]["customerCreate"] == {
        "customer": None,
        "errors": [{"field": ["input", "portalDomain"], "code": "INVALID_CHOICE", "message": message}],
    }
    assert await db_state() == before


async def test_update_is_checked_and_clearing_is_always_allowed(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    await set_domains(account, "a.example")
    customer = await make_customer(account, name="Acme", portal_domain="a.example")
    customer_id = global_id("Customer", customer.id)
    before = await db_state()

    refused = await gql_client(admin)(UPDATE, input={"id": customer_id, "portalDomain": "b.example"})
    after_refusal = await db_state()
    cleared = await gql_client(admin)(UPDATE, input={"id": customer_id, "portalDomain": None})

    assert refused["data"]["customerUpdate"]["errors"] == [
        {"field": ["input", "portalDomain"], "code": "INVALID_CHOICE", "message": NOT_ONE_OF_THEM}
    ]
    assert after_refusal == before
    assert cleared["data"]["customerUpdate"] == {"customer": {"portalDomain": None}, "errors": []}


async def test_an_update_that_leaves_the_domain_alone_is_not_checked(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    # A customer whose domain is no longer listed (written before the rule) can still be edited.
    customer = await make_customer(account, name="Acme")
    await Customer.filter(id=customer.id).update(portal_domain="legacy.example")

    body = await gql_client(admin)(
        UPDATE, input={"id": global_id("Customer", customer.id), "portalDomain": None}
    )
    renamed = await gql_client(admin)(
        UPDATE, input={"id": global_id("Customer", customer.id), "name": "Acme 2"}
    )

    assert body["data"]["customerUpdate"]["errors"] == []
    assert renamed["data"]["customerUpdate"]["errors"] == []


async def test_bulk_update_checks_the_domain_once_for_every_row(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    await set_domains(account, "a.example", "b.example")
    rows = [await make_customer(account, name=name) for name in ("A", "B")]
    ids = [global_id("Customer", row.id) for row in rows]
    before = await db_state()

    refused = await gql_client(admin)(
        BULK_UPDATE, input={"ids": ids, "changes": {"portalDomain": "c.example"}}
    )
    after_refusal = await db_state()
    applied = await gql_client(admin)(
        BULK_UPDATE, input={"ids": ids, "changes": {"portalDomain": "B.example"}}
    )

    assert refused["data"]["customerBulkUpdate"]["errors"] == [
        {"field": ["input", "changes", "portalDomain"], "code": "INVALID_CHOICE", "message": NOT_ONE_OF_THEM}
    ]
    assert after_refusal == before
    payload = applied["data"]["customerBulkUpdate"]
    assert (payload["applied"], payload["failed"], payload["errors"]) == (2, 0, [])
    assert [r["changedFields"] for r in payload["results"]] == [["portalDomain"], ["portalDomain"]]
    assert await Customer.filter(account_id=account.id).values_list("portal_domain", flat=True) == [
        "b.example",
        "b.example",
    ]


async def test_upload_refuses_the_rows_with_another_domain(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    await set_domains(account, "a.example")
    rows: list[dict[str, Any]] = [
        {"name": "Good", "currency": "EUR", "portalDomain": "a.example"},
        {"name": "Bad", "currency": "EUR", "portalDomain": "z.example"},
    ]

    body = await gql_client(admin)(UPLOAD, input={"rows": rows, "errorPolicy": "SKIP_INVALID"})

    payload = body["data"]["customerBulkCreate"]
    assert (payload["applied"], payload["failed"]) == (1, 1)
    assert [r["errors"] for r in payload["results"]] == [
        [],
        [{"field": ["input", "rows", "1", "portalDomain"], "code": "INVALID_CHOICE"}],
    ]
    assert await Customer.filter(account_id=account.id).values_list("name", flat=True) == ["Good"]


async def test_a_partner_reads_the_domains_for_its_drop_down(
    account: Account, partner: Principal, gql_client: Client
) -> None:
    await set_domains(account, "a.example")

    assert (await gql_client(partner)("{ portalDomains }"))["data"] == {"portalDomains": ["a.example"]}
