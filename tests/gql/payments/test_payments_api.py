"""Payments and exchange rates over GraphQL: the operations as clients see them, who may do
what (staff, partners, portal contacts, billing API keys), and what a page costs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import Account, Customer, Payment
from models.enums import PaymentMethod, Permission
from services.payments.commands import PaymentInput, create_payment
from tests.client import contact_login, global_id
from tests.conftest import GqlClient, SqlCounter
from tests.factories import PASSWORD, Principal, db_state, make_actor, make_contact, make_customer

PAYMENT = "id amount currency convertedAmount customerCurrency rate status method externalId note refundOf"
CREATE = f"""mutation($input: PaymentCreateInput!) {{ paymentCreate(input: $input) {{
  payment {{ {PAYMENT} customer {{ id balance }} }} errors {{ field code message }} }} }}"""
COMPLETE = f"""mutation($id: ID!) {{ paymentComplete(input: {{id: $id}}) {{
  payment {{ {PAYMENT} customer {{ balance }} }} errors {{ field code message }} }} }}"""
CANCEL = """mutation($id: ID!, $reason: String!) { paymentCancel(input: {id: $id, reason: $reason}) {
  payment { status } errors { field code message } } }"""
RATE_SET = """mutation($input: ExchangeRateSetInput!) { exchangeRateSet(input: $input) {
  exchangeRate { fromCurrency toCurrency rate updatedBy } errors { field code message } } }"""
LIST = """query($where: PaymentWhere, $first: Int) { payments(where: $where, first: $first) {
  totalCount edges { node { amount currency status customer { name } } } } }"""
CARD = (
    """query($id: ID!) { customer(id: $id) { payments(first: 10) { edges { node { amount status } } } } }"""
)
PAGE = """query($first: Int!) { customers(first: $first) { edges { node { id
  payments(first: 5) { totalCount edges { node { amount convertedAmount status } } } } } } }"""

Client = Callable[[Principal | str | None], GqlClient]


async def recorded(customer: Customer, amount: str = "25") -> Payment:
    actor = make_actor(await Account.get(id=customer.account_id))
    return await create_payment(
        actor, PaymentInput(customer.id, Decimal(amount), customer.currency, PaymentMethod.CARD)
    )


async def test_a_payment_is_recorded_converted_and_completed_once(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    as_admin = gql_client(admin)
    customer = await make_customer(
        account, currency="JPY", topup_currencies=["USD"], minimum_payment=Decimal(1000)
    )
    rate = await as_admin(RATE_SET, input={"from": "USD", "to": "JPY", "rate": "151.25", "reason": "Monday"})
    assert rate["data"]["exchangeRateSet"] == {
        "exchangeRate": {
            "fromCurrency": "USD",
            "toCurrency": "JPY",
            "rate": "151.25",
            "updatedBy": admin.user.name,
        },
        "errors": [],
    }
    input = {
        "customerId": global_id("Customer", customer.id),
        "amount": "10.50",
        "currency": "USD",
        "method": "BANK_TRANSFER",
        "externalId": "WIRE-9",
        "reason": "wire 9",
    }

    created = (await as_admin(CREATE, input=input))["data"]["paymentCreate"]
    payment_id = created["payment"]["id"]
    completed = (await as_admin(COMPLETE, id=payment_id))["data"]["paymentComplete"]
    again = (await as_admin(COMPLETE, id=payment_id))["data"]["paymentComplete"]

    assert created == {
        "payment": {
            "id": payment_id,
            "amount": "10.50",
            "currency": "USD",
            "convertedAmount": "1588",  # 1588.125 -> 1588
            "customerCurrency": "JPY",
            "rate": "151.25",
            "status": "PENDING",
            "method": "BANK_TRANSFER",
            "externalId": "WIRE-9",
            "note": "wire 9",
            "refundOf": None,
            "customer": {"id": global_id("Customer", customer.id), "balance": "0"},
        },
        "errors": [],
    }
    assert (completed["payment"]["status"], completed["payment"]["customer"]) == (
        "COMPLETED",
        {"balance": "1588"},
    )
    assert again == {
        "payment": None,
        "errors": [
            {
                "field": ["input", "id"],
                "code": "PAYMENT_NOT_PENDING",
                "message": "The payment is COMPLETED, no longer PENDING.",
            }
        ],
    }
    assert (await as_admin(CREATE, input=input))["data"]["paymentCreate"]["payment"]["id"] == payment_id


async def test_refusals_are_typed_payload_errors_that_change_nothing(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    as_admin = gql_client(admin)
    customer = await make_customer(account, minimum_payment=Decimal(10))
    base = {"customerId": global_id("Customer", customer.id), "currency": "EUR", "method": "MANUAL"}
    before = await db_state()

    low = await as_admin(CREATE, input={**base, "amount": "9.99"})
    foreign = await as_admin(CREATE, input={**base, "amount": "50", "currency": "USD"})
    bad_rate = await as_admin(RATE_SET, input={"from": "USD", "to": "EUR", "rate": "-1"})

    assert [e["code"] for e in low["data"]["paymentCreate"]["errors"]] == ["BELOW_MINIMUM_PAYMENT"]
    assert [e["code"] for e in foreign["data"]["paymentCreate"]["errors"]] == ["NO_EXCHANGE_RATE"]
    assert [(e["field"], e["code"]) for e in bad_rate["data"]["exchangeRateSet"]["errors"]] == [
        (["input", "rate"], "INVALID")
    ]
    assert await db_state() == before


async def test_partners_see_and_record_their_resellers_customers_payments_only(
    account: Account, partner: Principal, gql_client: Client
) -> None:
    await partner.user.fetch_related("reseller")
    mine = await make_customer(account, name="Mine", reseller_id=partner.user.reseller_id)
    theirs = await make_customer(account, name="Theirs")
    await recorded(mine)
    other = await recorded(theirs)
    as_partner = gql_client(partner)

    listed = await as_partner(LIST)
    completing = await as_partner(COMPLETE, id=global_id("Payment", other.id))
    rate = await as_partner(RATE_SET, input={"from": "USD", "to": "EUR", "rate": "1"})

    assert listed["data"]["payments"] == {
        "totalCount": 1,
        "edges": [
            {
                "node": {
                    "amount": "25.00",
                    "currency": "EUR",
                    "status": "PENDING",
                    "customer": {"name": "Mine"},
                }
            }
        ],
    }
    assert [e["code"] for e in completing["data"]["paymentComplete"]["errors"]] == ["NOT_FOUND"]
    assert [e["code"] for e in rate["data"]["exchangeRateSet"]["errors"]] == ["PERMISSION_DENIED"]


@pytest.mark.parametrize("hidden", [False, True], ids=["shown", "hidden"])
async def test_a_portal_contact_reads_its_own_customers_payments_unless_hidden(
    client: httpx.AsyncClient, account: Account, gql_client: Client, hidden: bool
) -> None:
    own = await make_customer(account, name="Own", portal_hidden_sections=["PAYMENTS"] if hidden else [])
    await make_contact(own, email="clerk@own.example", password=PASSWORD)
    await recorded(own, "30")
    await recorded(await make_customer(account, name="Other"), "99")
    as_clerk = gql_client((await contact_login(client, "clerk@own.example", PASSWORD))["accessToken"])

    listed = await as_clerk(LIST)
    card = await as_clerk(CARD, id=global_id("Customer", own.id))
    completing = await as_clerk(COMPLETE, id=global_id("Payment", 1))

    if hidden:
        assert listed["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert card["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    else:
        assert [e["node"]["amount"] for e in listed["data"]["payments"]["edges"]] == ["30.00"]
        assert card["data"]["customer"]["payments"]["edges"] == [
            {"node": {"amount": "30.00", "status": "PENDING"}}
        ]
    assert [e["code"] for e in completing["data"]["paymentComplete"]["errors"]] == ["FORBIDDEN"]


async def test_a_billing_api_key_reads_payments_and_rates_but_writes_nothing(
    account: Account, api_key: Callable[[list[Permission]], Awaitable[str]], gql_client: Client
) -> None:
    customer = await make_customer(account)
    payment = await recorded(customer)
    as_billing = gql_client(await api_key([Permission.BILLING_READ]))

    listed = await as_billing(
        LIST, where={"status": {"eq": "PENDING"}, "customerId": {"eq": global_id("Customer", customer.id)}}
    )
    rates = await as_billing("{ exchangeRates { rate } }")
    completing = await as_billing(COMPLETE, id=global_id("Payment", payment.id))

    assert listed["data"]["payments"]["totalCount"] == 1
    assert rates["data"] == {"exchangeRates": []}
    assert [e["code"] for e in completing["data"]["paymentComplete"]["errors"]] == ["PERMISSION_DENIED"]
    assert (await Payment.get(id=payment.id)).status.value == "PENDING"


async def test_cancel_needs_a_reason_and_leaves_the_balance(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    customer = await make_customer(account)
    payment = await recorded(customer)

    body = await gql_client(admin)(CANCEL, id=global_id("Payment", payment.id), reason="bounced")

    assert body["data"]["paymentCancel"] == {"payment": {"status": "CANCELLED"}, "errors": []}
    assert (await Customer.get(id=customer.id)).balance == Decimal(0)


async def test_a_page_of_customers_with_their_payments_costs_the_same_whatever_its_size(
    account: Account, admin: Principal, gql_client: Client, sql_counter: SqlCounter
) -> None:
    for _ in range(12):
        customer = await make_customer(account)
        await recorded(customer, "10")
        await recorded(customer, "20")
    as_admin = gql_client(admin)
    counts = []
    for first in (2, 12):
        sql_counter.reset()
        body: dict[str, Any] = await as_admin(PAGE, first=first)
        counts.append(sql_counter.count)
        nodes = [edge["node"] for edge in body["data"]["customers"]["edges"]]
        assert [[e["node"]["amount"] for e in n["payments"]["edges"]] for n in nodes] == [
            ["20.00", "10.00"]
        ] * first
        assert {n["payments"]["totalCount"] for n in nodes} == {2}
    assert counts[0] == counts[1], sql_counter.statements
    sql_counter.reset()
    await as_admin(LIST, first=2)
    two = sql_counter.count
    sql_counter.reset()
    await as_admin(LIST, first=24)
    assert sql_counter.count == two
