"""summariesRefresh, and what the customer card shows of call data: balance and spentToday."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from models import Account, CdrHourlySummary, CdrRollupMark, Customer
from services.cdrs.ingest import ingest_cdrs
from services.cdrs.reader import FeedFormat
from tests.cdr_data import feed_actor, global_id, iso, ndjson, record, stream
from tests.conftest import GqlClient
from tests.factories import Principal, make_customer

REFRESH = """mutation($ids: [ID!]) { summariesRefresh(input: {customerIds: $ids}) {
  hoursRecomputed cdrsCounted errors { code field message } } }"""
CARD = "query($id: ID!) { customer(id: $id) { balance spentToday } }"


async def send(account: Account, *records: dict[str, object]) -> None:
    await ingest_cdrs(feed_actor(account), stream(ndjson(records), 4096), FeedFormat.NDJSON)


def at(moment: datetime, call_id: str, customer: Customer, charge: str) -> dict[str, object]:
    return record(
        customer,
        callId=call_id,
        startedAt=iso(moment),
        answeredAt=iso(moment + timedelta(seconds=1)),
        endedAt=iso(moment + timedelta(seconds=61)),
        charge=charge,
    )


async def test_summaries_refresh_rolls_up_and_reports(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    customer = await make_customer(account)
    start = datetime(2026, 11, 20, 8, 5, tzinfo=UTC)
    await send(
        account, at(start, "q1", customer, "0.1"), at(start + timedelta(hours=1), "q2", customer, "0.2")
    )

    body = await gql_client(admin)(REFRESH, ids=[global_id(customer)])

    assert body["data"] == {"summariesRefresh": {"hoursRecomputed": 2, "cdrsCounted": 2, "errors": []}}
    assert await CdrHourlySummary.filter(customer_id=customer.id).count() == 2


async def test_summaries_refresh_of_an_unknown_customer_is_not_found_and_rolls_nothing(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    customer = await make_customer(account)
    await send(account, at(datetime(2026, 11, 20, 8, 5, tzinfo=UTC), "u1", customer, "0.1"))
    missing = "Q3VzdG9tZXI6OTk5OTk5"  # Customer:999999

    body = await gql_client(admin)(REFRESH, ids=[global_id(customer), missing])

    assert body["data"]["summariesRefresh"]["errors"] == [
        {"code": "NOT_FOUND", "field": ["input", "customerIds", "1"], "message": "Customer not found."}
    ]
    assert await CdrRollupMark.all().count() == 1


async def test_anonymous_summaries_refresh_is_refused(
    account: Account, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    body = await gql_client(None)(REFRESH)

    assert body["data"]["summariesRefresh"]["errors"][0]["code"] == "UNAUTHENTICATED"


async def test_the_card_shows_the_balance_after_charges_and_todays_spend(
    account: Account, admin: Principal, gql_client: Callable[[Principal | str | None], GqlClient]
) -> None:
    customer = await make_customer(account)
    await Customer.filter(id=customer.id).update(balance=Decimal("10.0000"))
    now = datetime.now(UTC)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    await send(
        account,
        at(midnight, "t1", customer, "1.2500"),
        at(midnight - timedelta(minutes=2), "y1", customer, "3.0000"),  # yesterday: not today's spend
        at(max(midnight, now - timedelta(minutes=5)), "t2", customer, "0.0049"),
    )

    body = await gql_client(admin)(CARD, id=global_id(customer))

    assert body["data"] == {"customer": {"balance": "5.75", "spentToday": "1.25"}}
    assert (await Customer.get(id=customer.id)).balance == Decimal("5.7451")
