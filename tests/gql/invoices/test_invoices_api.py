"""The invoices API: who may generate and read (staff with invoices:write / invoices:read,
billing API keys, partners for their reseller's customers, portal contacts unless hidden),
typed errors in the payload with nothing changed, a customer's template by reference, and a
page of invoices at a constant number of statements."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import httpx
import pytest

from models import Account, CdrHourlySummary, Customer, Invoice, InvoiceTemplate
from models.enums import Permission
from tests.client import Principals, contact_login, global_id
from tests.conftest import GqlClient, SqlCounter
from tests.factories import Principal, db_state, make_account, make_contact, make_customer, make_reseller

GENERATE = """
mutation($input: InvoicesGenerateInput!) {
  invoicesGenerate(input: $input) { invoices { number status subtotal } errors { code field message } }
}
"""
LIST = "query($first: Int) { invoices(first: $first) { totalCount edges { node { number customerId lines { day amount } } } } }"
CARD = """query($id: ID!) { customer(id: $id) {
  invoiceTemplate { name } invoices { edges { node { number status } } }
} }"""
JANUARY = [{"period": "MONTHLY", "start": "2026-01-01T00:00:00Z"}]


async def billed(account: Account, **overrides: object) -> Customer:
    customer = await make_customer(account, **overrides)
    hour = datetime(2026, 1, 5, 9, tzinfo=UTC)
    await CdrHourlySummary.create(
        account_id=account.id,
        customer_id=customer.id,
        hour=hour,
        attempts=1,
        connected=1,
        duration=60,
        billed_duration=60,
        charge_units=123_456,
        cost_units=0,
        pdd_sum=0,
        computed_at=hour,
    )
    return customer


@pytest.fixture
async def principals(client: httpx.AsyncClient) -> Principals:
    account, other = await make_account(), await make_account()
    return Principals(client, account, other, await make_reseller(account), await make_reseller(account))


@pytest.mark.parametrize(
    ("principal", "outcome"),
    [
        ("administrator", "GENERATED"),
        ("partner_own_reseller", "PERMISSION_DENIED"),  # the Partner role reads invoices only
        ("partner_other_reseller", "PERMISSION_DENIED"),
        ("staff_without_permission", "PERMISSION_DENIED"),
        ("user_of_other_account", "NOT_FOUND"),
        ("api_key_with_permission", "GENERATED"),
        ("api_key_without_permission", "PERMISSION_DENIED"),
    ],
)
async def test_who_may_generate(
    principals: Principals,
    gql_client: Callable[[Principal | str | None], GqlClient],
    principal: str,
    outcome: str,
) -> None:
    customer = await billed(principals.account, reseller_id=principals.own_reseller.id)
    token = await principals.token(
        principal, key_with=[Permission.INVOICES_WRITE], key_without=[Permission.BILLING_READ]
    )
    before = await db_state()

    body = await gql_client(token)(
        GENERATE, input={"customerId": global_id("Customer", customer.id), "periods": JANUARY}
    )

    payload = body["data"]["invoicesGenerate"]
    if outcome == "GENERATED":
        assert payload == {"invoices": [{"number": 1, "status": "DRAFT", "subtotal": "12.35"}], "errors": []}
    else:
        assert [e["code"] for e in payload["errors"]] == [outcome]
        assert await db_state() == before


@pytest.mark.parametrize(
    ("principal", "numbers"),
    [
        ("administrator", [2, 1]),
        ("partner_own_reseller", [1]),
        ("partner_other_reseller", []),
        ("user_of_other_account", []),
        ("api_key_with_permission", [2, 1]),
    ],
)
async def test_who_reads_which_invoices(
    principals: Principals,
    gql_client: Callable[[Principal | str | None], GqlClient],
    principal: str,
    numbers: list[int],
) -> None:
    own = await billed(principals.account, reseller_id=principals.own_reseller.id)
    direct = await billed(principals.account)
    admin = await principals.token("administrator")
    for customer in (own, direct):
        await gql_client(admin)(
            GENERATE, input={"customerId": global_id("Customer", customer.id), "periods": JANUARY}
        )
    token = await principals.token(principal, key_with=[Permission.BILLING_READ])

    body = await gql_client(token)(LIST)

    assert [e["node"]["number"] for e in body["data"]["invoices"]["edges"]] == numbers
    if numbers:
        assert body["data"]["invoices"]["edges"][0]["node"]["lines"] == [
            {"day": "2026-01-05", "amount": "12.35"}
        ]


async def test_staff_without_invoices_read_is_refused(
    principals: Principals, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    body = await gql_client(await principals.token("staff_without_permission"))(LIST)
    assert [e["extensions"]["code"] for e in body["errors"]] == ["PERMISSION_DENIED"]


async def test_the_portal_reads_its_issued_invoices_on_the_card(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    customer = await billed(account)
    template = await InvoiceTemplate.create(
        account_id=account.id, name="Plain", body="<p>{{ invoice.number }}</p>"
    )
    await Customer.filter(id=customer.id).update(invoice_template_id=template.id)
    await gql_client(admin)(
        GENERATE, input={"customerId": global_id("Customer", customer.id), "periods": JANUARY, "issue": True}
    )
    await gql_client(admin)(
        GENERATE,
        input={
            "customerId": global_id("Customer", customer.id),
            "periods": [{"period": "DAILY", "start": "2026-02-01T00:00:00Z"}],
        },
    )
    await make_contact(customer, email="ann@example.com", password="a long enough password")
    token = (await contact_login(client, "ann@example.com", "a long enough password"))["accessToken"]

    body = await gql_client(token)(CARD, id=global_id("Customer", customer.id))

    assert body["data"]["customer"] == {
        "invoiceTemplate": {"name": "Plain"},
        "invoices": {"edges": [{"node": {"number": 1, "status": "ISSUED"}}]},  # not the draft
    }


async def test_an_unknown_template_is_a_typed_error(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    customer = await make_customer(account)
    before = await db_state()

    body = await gql_client(admin)(
        """mutation($input: CustomerUpdateInput!) { customerUpdate(input: $input) { errors { code field } } }""",
        input={
            "id": global_id("Customer", customer.id),
            "invoiceTemplateId": global_id("InvoiceTemplate", 424242),
        },
    )

    assert body["data"]["customerUpdate"]["errors"] == [
        {"code": "UNKNOWN_TEMPLATE", "field": ["input", "invoiceTemplateId"]}
    ]
    assert await db_state() == before


async def test_a_page_of_invoices_costs_the_same_statements_whatever_its_size(
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
    sql_counter: SqlCounter,
) -> None:
    for _ in range(4):
        customer = await billed(account)
        await gql_client(admin)(
            GENERATE, input={"customerId": global_id("Customer", customer.id), "periods": JANUARY}
        )
    counts = []
    for first in (1, 4):
        sql_counter.reset()
        body = await gql_client(admin)(LIST, first=first)
        assert len(body["data"]["invoices"]["edges"]) == first
        counts.append(sql_counter.count)
    assert counts[0] == counts[1], sql_counter.statements
    assert await Invoice.filter(account_id=account.id).count() == 4
