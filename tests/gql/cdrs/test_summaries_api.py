"""Customer.summaries and the root summaries over HTTP: the figures as the API serializes them,
who may read them, what a page of customers with summaries costs, and bad arguments."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from models import Account, CdrHourlySummary, Customer
from models.enums import Permission
from tests.client import contact_login, global_id, make_principal
from tests.conftest import GqlClient, SqlCounter
from tests.factories import (
    PASSWORD,
    Principal,
    make_account,
    make_contact,
    make_customer,
    make_reseller,
    make_role,
)

CARD = """query($id: ID!, $period: SummaryPeriod!, $from: DateTime, $to: DateTime) {
  customer(id: $id) { summaries(period: $period, from: $from, to: $to) {
    period rangeStart rangeEnd currency
    rows { periodStart periodEnd attempts connected asr acd duration billedDuration charge cost profit profitPercent }
    totals { attempts connected asr asrAverageOfAverages acd acdAverageOfAverages duration billedDuration
             charge cost profit profitPercent profitPercentAverageOfAverages } } } }"""
ROOT = """query($ids: [ID!], $period: SummaryPeriod!, $from: DateTime, $to: DateTime) {
  summaries(where: {customerId: {in: $ids}}, period: $period, from: $from, to: $to) {
    customerId currency rows { periodStart charge } totals { attempts charge asr asrAverageOfAverages } } }"""
PAGE = """query($first: Int!) { customers(first: $first) { edges { node { id
  summaries(period: DAILY, from: "2026-11-29T00:00:00Z", to: "2026-12-02T00:00:00Z") {
    rows { attempts charge } totals { attempts charge } } } } } }"""
NOV_29, DEC_2 = "2026-11-29T00:00:00+00:00", "2026-12-02T00:00:00+00:00"
DAYS = {"period": "DAILY", "from": NOV_29, "to": DEC_2}


async def hourly(customer: Customer, hour: datetime, *figures: int) -> None:
    attempts, connected, duration, billed, charge, cost = figures
    await CdrHourlySummary.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        hour=hour,
        attempts=attempts,
        connected=connected,
        duration=duration,
        billed_duration=billed,
        charge_units=charge,
        cost_units=cost,
        pdd_sum=0,
        computed_at=hour,
    )


async def customer_with_calls(account: Account, **overrides: Any) -> Customer:
    customer = await make_customer(account, currency="EUR", **overrides)
    await hourly(customer, datetime(2026, 11, 29, 23, tzinfo=UTC), 4, 3, 300, 306, 12345, 5000)
    await hourly(customer, datetime(2026, 12, 1, 11, tzinfo=UTC), 5, 5, 500, 510, 25000, 30000)
    return customer


async def test_the_card_shows_every_day_with_its_figures_and_totals(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    customer = await customer_with_calls(account)

    body = await gql_client(admin)(CARD, id=global_id("Customer", customer.id), **DAYS)

    assert body["data"] == {
        "customer": {
            "summaries": {
                "period": "DAILY",
                "rangeStart": NOV_29,
                "rangeEnd": DEC_2,
                "currency": "EUR",
                "rows": [
                    row(
                        "2026-11-29",
                        "2026-11-30",
                        4,
                        3,
                        "75.00",
                        "100.00",
                        300,
                        306,
                        "1.23",
                        "0.50",
                        "0.73",
                        "59.50",
                    ),
                    row("2026-11-30", "2026-12-01", 0, 0, None, None, 0, 0, "0.00", "0.00", "0.00", None),
                    row(
                        "2026-12-01",
                        "2026-12-02",
                        5,
                        5,
                        "100.00",
                        "100.00",
                        500,
                        510,
                        "2.50",
                        "3.00",
                        "-0.50",
                        "-20.00",
                    ),
                ],
                "totals": {
                    "attempts": 9,
                    "connected": 8,
                    "asr": "88.89",
                    "asrAverageOfAverages": "87.50",
                    "acd": "100.00",
                    "acdAverageOfAverages": "100.00",
                    "duration": 800,
                    "billedDuration": 816,
                    "charge": "3.73",
                    "cost": "3.50",
                    "profit": "0.23",
                    "profitPercent": "6.28",
                    "profitPercentAverageOfAverages": "19.75",
                },
            }
        }
    }


def row(start: str, end: str, *figures: Any) -> dict[str, Any]:
    names = (
        "attempts",
        "connected",
        "asr",
        "acd",
        "duration",
        "billedDuration",
        "charge",
        "cost",
        "profit",
        "profitPercent",
    )
    return {
        "periodStart": f"{start}T00:00:00+00:00",
        "periodEnd": f"{end}T00:00:00+00:00",
        **dict(zip(names, figures, strict=True)),
    }


# --- who may read ----------------------------------------------------------------------------

Make = Callable[[], Awaitable[str | None]]


async def principals(
    client: httpx.AsyncClient, account: Account, api_key: Callable[[list[Permission]], Awaitable[str]]
) -> tuple[dict[str, str | None], Customer]:
    """Every kind of principal the matrix asks, and the customer they ask about (of reseller A)."""
    ours, theirs = await make_reseller(account, "A"), await make_reseller(account, "B")
    customer = await customer_with_calls(account, reseller_id=ours.id)
    readers: list[Permission] = [
        p for p in Permission if p not in (Permission.CUSTOMERS_READ, Permission.BILLING_READ)
    ]
    await make_role(account, "No read", readers)
    await make_role(account, "Reader", [Permission.CUSTOMERS_READ])
    other_account = await make_account()
    found = {
        "anonymous": None,
        "staff without customers:read": (await make_principal(client, account, role_name="No read")).token,
        "staff with customers:read": (await make_principal(client, account, role_name="Reader")).token,
        "partner of its reseller": (
            await make_principal(client, account, role_name="Partner", reseller=ours)
        ).token,
        "partner of another reseller": (
            await make_principal(client, account, role_name="Partner", reseller=theirs)
        ).token,
        "API key with billing:read": await api_key([Permission.BILLING_READ]),
        "API key without it": await api_key([Permission.CDRS_INGEST]),
        "user of another account": (await make_principal(client, other_account)).token,
    }
    return found, customer


ROOT_OUTCOME = {
    "anonymous": "UNAUTHENTICATED",
    "staff without customers:read": "PERMISSION_DENIED",
    "staff with customers:read": None,
    "partner of its reseller": None,
    "partner of another reseller": "NOT_FOUND",
    "API key with billing:read": None,
    "API key without it": "PERMISSION_DENIED",
    "user of another account": "NOT_FOUND",
}


async def test_authorization_matrix_of_the_root_summaries(
    client: httpx.AsyncClient,
    account: Account,
    api_key: Callable[[list[Permission]], Awaitable[str]],
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    found, customer = await principals(client, account, api_key)
    outcomes = {}
    for name, token in found.items():
        body = await gql_client(token)(ROOT, ids=[global_id("Customer", customer.id)], **DAYS)
        if "errors" in body:
            assert body["data"] is None, body
            outcomes[name] = body["errors"][0]["extensions"]["code"]
        else:
            assert [s["totals"] for s in body["data"]["summaries"]] == [
                {"attempts": 9, "charge": "3.73", "asr": "88.89", "asrAverageOfAverages": "87.50"}
            ]
            outcomes[name] = None
    assert outcomes == ROOT_OUTCOME


async def test_authorization_matrix_of_the_customer_card(
    client: httpx.AsyncClient,
    account: Account,
    api_key: Callable[[list[Permission]], Awaitable[str]],
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    found, customer = await principals(client, account, api_key)
    outcomes = {}
    for name, token in found.items():
        body = await gql_client(token)(CARD, id=global_id("Customer", customer.id), **DAYS)
        if "errors" in body:
            outcomes[name] = body["errors"][0]["extensions"]["code"]
        elif body["data"]["customer"] is None:
            outcomes[name] = "absent"
        else:
            assert body["data"]["customer"]["summaries"]["totals"]["attempts"] == 9
            outcomes[name] = None
    # the card itself needs customers:read; a key with billing:read only reads the root field
    assert outcomes == {
        **ROOT_OUTCOME,
        "partner of another reseller": "absent",
        "user of another account": "absent",
        "API key with billing:read": "PERMISSION_DENIED",
    }


async def test_the_root_answers_each_customer_once_in_the_order_given(
    account: Account,
    gql_client: Callable[[Principal | str | None], GqlClient],
    api_key: Callable[[list[Permission]], Awaitable[str]],
) -> None:
    first, second = await customer_with_calls(account), await make_customer(account, currency="USD")
    ids = [global_id("Customer", c.id) for c in (second, first, second)]

    body = await gql_client(await api_key([Permission.BILLING_READ]))(
        ROOT, ids=ids, period="MONTHLY", **{"from": NOV_29, "to": DEC_2}
    )

    assert body["data"]["summaries"] == [
        {
            "customerId": ids[0],
            "currency": "USD",
            "rows": [
                {"periodStart": "2026-11-01T00:00:00+00:00", "charge": "0.00"},
                {"periodStart": "2026-12-01T00:00:00+00:00", "charge": "0.00"},
            ],
            "totals": {"attempts": 0, "charge": "0.00", "asr": None, "asrAverageOfAverages": None},
        },
        {
            "customerId": ids[1],
            "currency": "EUR",
            "rows": [
                {"periodStart": "2026-11-01T00:00:00+00:00", "charge": "1.23"},
                {"periodStart": "2026-12-01T00:00:00+00:00", "charge": "2.50"},
            ],
            "totals": {"attempts": 9, "charge": "3.73", "asr": "88.89", "asrAverageOfAverages": "87.50"},
        },
    ]


# --- cost ------------------------------------------------------------------------------------


async def test_a_page_of_customers_with_summaries_costs_the_same_statements_for_2_and_30(
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
    sql_counter: SqlCounter,
) -> None:
    for _ in range(30):
        await customer_with_calls(account)
    as_admin = gql_client(admin)
    counts = []
    for first in (2, 30):
        sql_counter.reset()
        body = await as_admin(PAGE, first=first)
        counts.append(sql_counter.count)
        nodes = [edge["node"] for edge in body["data"]["customers"]["edges"]]
        assert [n["summaries"]["totals"] for n in nodes] == [{"attempts": 9, "charge": "3.73"}] * first
    assert counts[0] == counts[1], sql_counter.statements
    summary_reads = [s for s in sql_counter.statements if "cdr_hourly_summary" in s]
    assert len(summary_reads) == 1, summary_reads


# --- bad arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "code", "argument"),
    [
        ({"period": "DAILY", "from": DEC_2, "to": NOV_29}, "BAD_USER_INPUT", ["to"]),
        ({"period": "DAILY", "from": "2020-01-01T00:00:00Z", "to": DEC_2}, "BAD_USER_INPUT", ["to"]),
        ({"period": "WEEKLY", "from": NOV_29}, "BAD_USER_INPUT", ["to"]),
        ({"period": "LAST_24_HOURS", "from": NOV_29}, "BAD_USER_INPUT", ["from"]),
    ],
)
async def test_bad_ranges_are_refused_on_the_field(
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
    arguments: dict[str, str],
    code: str,
    argument: list[str],
) -> None:
    customer = await customer_with_calls(account)

    card = await gql_client(admin)(CARD, id=global_id("Customer", customer.id), **arguments)
    root = await gql_client(admin)(ROOT, ids=[global_id("Customer", customer.id)], **arguments)

    for body in (card, root):
        [error] = body["errors"]
        assert (error["extensions"]["code"], error["extensions"].get("argument")) == (code, argument), body


async def test_an_unknown_customer_is_not_found(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    customer = await customer_with_calls(account)

    body = await gql_client(admin)(
        ROOT, ids=[global_id("Customer", customer.id), global_id("Customer", 987_654)], **DAYS
    )

    assert body["data"] is None
    assert [(e["extensions"]["code"], e["message"]) for e in body["errors"]] == [
        ("NOT_FOUND", "Customer not found.")
    ]


# --- the customer portal ---------------------------------------------------------------------


@pytest.mark.parametrize("hidden", [False, True])
async def test_a_portal_contact_reads_its_own_summaries_unless_the_section_is_hidden(
    client: httpx.AsyncClient, account: Account, hidden: bool
) -> None:
    own = await customer_with_calls(account, portal_hidden_sections=["SUMMARY"] if hidden else [])
    other = await customer_with_calls(account)
    await make_contact(own, email="clerk@own.example", password=PASSWORD)
    token = (await contact_login(client, "clerk@own.example", PASSWORD))["accessToken"]
    as_contact = GqlClient(client, token)

    card = await as_contact(CARD, id=global_id("Customer", own.id), **DAYS)
    others = await as_contact(CARD, id=global_id("Customer", other.id), **DAYS)
    root = await as_contact(ROOT, ids=[global_id("Customer", own.id)], **DAYS)

    if hidden:
        assert card["data"] == {"customer": {"summaries": None}}
        assert [e["extensions"]["code"] for e in card["errors"]] == ["FORBIDDEN"]
    else:
        assert "errors" not in card, card
        assert card["data"]["customer"]["summaries"]["totals"]["attempts"] == 9
    assert others["data"] == {"customer": None}
    assert root["data"] is None
    assert [e["extensions"]["code"] for e in root["errors"]] == ["FORBIDDEN"]
