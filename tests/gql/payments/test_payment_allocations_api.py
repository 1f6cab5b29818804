"""paymentAllocate and the allocation fields over GraphQL: the payload as clients see it,
Invoice.allocations / amountPaid / receiptFor, Payment.allocations / unallocatedAmount, who may
allocate, and what a page of payments with their allocations costs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from models import Account
from tests.client import global_id
from tests.conftest import GqlClient, SqlCounter
from tests.factories import Principal, db_state, make_customer
from tests.services.test_payment_allocations import completed, issued

ALLOCATION = "amount currency by paymentId invoiceId"
ALLOCATE = f"""mutation($input: PaymentAllocateInput!) {{ paymentAllocate(input: $input) {{
  payment {{ convertedAmount unallocatedAmount allocations {{ {ALLOCATION} }} }}
  allocations {{ {ALLOCATION} }}
  invoices {{ number status total amountPaid receiptFor allocations {{ amount }} }}
  errors {{ field code message }} }} }}"""
PAYMENTS = f"""query($first: Int) {{ payments(first: $first) {{ edges {{ node {{
  convertedAmount unallocatedAmount allocations {{ {ALLOCATION} }} }} }} }} }}"""
RECEIPTS = """query { invoices(sortBy: [{field: NUMBER, direction: ASC}]) { edges { node {
  number period status total amountPaid receiptFor allocations { amount paymentId } } } } }"""

Client = Callable[[Principal | str | None], GqlClient]


async def test_a_payment_settles_invoices_as_named_and_the_receipt_shows_its_payment(
    account: Account, admin: Principal, gql_client: Client
) -> None:
    as_admin = gql_client(admin)
    customer = await make_customer(account)
    first = await issued(customer, 5, "6.00")
    second = await issued(customer, 6, "9.00")
    payment = await completed(customer, "10.00")
    pid, fid, sid = (
        global_id("Payment", payment.id),
        global_id("Invoice", first.id),
        global_id("Invoice", second.id),
    )

    body = await as_admin(
        ALLOCATE, input={"paymentId": pid, "invoiceIds": [fid, sid], "reason": "Remittance"}
    )

    made = [
        {"amount": "6.00", "currency": "EUR", "by": admin.user.name, "paymentId": pid, "invoiceId": fid},
        {"amount": "4.00", "currency": "EUR", "by": admin.user.name, "paymentId": pid, "invoiceId": sid},
    ]
    assert body["data"]["paymentAllocate"] == {
        "payment": {"convertedAmount": "10.00", "unallocatedAmount": "0.00", "allocations": made},
        "allocations": made,
        "invoices": [
            {
                "number": 1,
                "status": "PAID",
                "total": "6.00",
                "amountPaid": "6.00",
                "receiptFor": None,
                "allocations": [{"amount": "6.00"}],
            },
            {
                "number": 2,
                "status": "ISSUED",
                "total": "9.00",
                "amountPaid": "4.00",
                "receiptFor": None,
                "allocations": [{"amount": "4.00"}],
            },
        ],
        "errors": [],
    }

    # a receipt, for a customer that asks for them
    prepaid = await make_customer(account, create_invoice_on_payment=True)
    receipt_payment = await completed(prepaid, "7.50")
    listed = await as_admin(RECEIPTS)
    assert [e["node"] for e in listed["data"]["invoices"]["edges"]][-1] == {
        "number": 3,
        "period": "RECEIPT",
        "status": "PAID",
        "total": "7.50",
        "amountPaid": "7.50",
        "receiptFor": global_id("Payment", receipt_payment.id),
        "allocations": [{"amount": "7.50", "paymentId": global_id("Payment", receipt_payment.id)}],
    }


async def test_refusals_are_payload_errors_and_partners_reach_their_customers_only(
    account: Account, gql_client: Client, admin: Principal, partner: Principal
) -> None:
    theirs = await make_customer(account)
    await issued(theirs, 5, "1.00")
    payment = await completed(theirs, "1.00")
    before = await db_state()

    as_partner = await gql_client(partner)(ALLOCATE, input={"paymentId": global_id("Payment", payment.id)})
    wrong_kind = await gql_client(admin)(ALLOCATE, input={"paymentId": global_id("Invoice", 1)})

    assert as_partner["data"]["paymentAllocate"]["errors"] == [
        {"field": ["input", "paymentId"], "code": "NOT_FOUND", "message": "Payment not found."}
    ]
    assert wrong_kind["data"]["paymentAllocate"]["errors"] == [
        {"field": ["input", "paymentId"], "code": "NOT_FOUND", "message": "Payment not found."}
    ]
    assert await db_state() == before


async def test_a_page_of_payments_with_allocations_costs_the_same_whatever_its_size(
    account: Account, admin: Principal, gql_client: Client, sql_counter: SqlCounter
) -> None:
    for _ in range(6):
        customer = await make_customer(account, create_invoice_on_payment=True)
        await completed(customer, "10.00")
        await completed(customer, "20.00")
    as_admin = gql_client(admin)
    counts = []
    for first in (2, 12):
        sql_counter.reset()
        body: dict[str, Any] = await as_admin(PAYMENTS, first=first)
        counts.append(sql_counter.count)
        nodes = [edge["node"] for edge in body["data"]["payments"]["edges"]]
        assert len(nodes) == first
        assert {n["unallocatedAmount"] for n in nodes} == {"0.00"}
        assert all([a["amount"] for a in n["allocations"]] == [n["convertedAmount"]] for n in nodes)
    assert counts[0] == counts[1], sql_counter.statements
