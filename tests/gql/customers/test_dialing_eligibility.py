"""Customer.dialingEligibility and the switch's dialingEligibilities over HTTP: every rule read
from the database on and off, overnight windows saved and applied, who may ask, what a batch
costs in SQL statements, and bad arguments."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest

from models import Account, Cdr, Cli, Customer
from models.enums import CliStatus, Permission
from services.customers.values import DialWindow
from tests.client import contact_login, customer_mutation, global_id, make_principal
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

AT = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # a Monday
AT_TEXT = "2026-11-30T08:00:00+00:00"
ROOT = """query($ids: [ID!]!, $at: DateTime, $cli: String) {
  dialingEligibilities(customerIds: $ids, at: $at, cli: $cli) {
    customerId at allowed reasons { code message liftsAt } nextAllowedAt } }"""
CARD = """query($id: ID!, $at: DateTime) { customer(id: $id) {
  dialingEligibility(at: $at) { allowed reasons { code liftsAt } nextAllowedAt } } }"""
CARD_WITH_CLI = """query($id: ID!, $at: DateTime, $cli: String) { customer(id: $id) {
  dialingEligibility(at: $at, cli: $cli) { allowed } } }"""
PAGE = """query($first: Int!, $at: DateTime) { customers(first: $first) { edges { node { id
  dialingEligibility(at: $at) { customerId allowed reasons { code liftsAt } nextAllowedAt } } } } }"""
_calls = itertools.count(1)


async def dialer(account: Account, row: dict[str, Any] | None = None, **fields: Any) -> Customer:
    """A customer that may dial at AT (5 channels, 10.00 of credit) but for `fields` (the
    customer's editable fields) and `row` (read-only columns: balance, channels in use)."""
    customer = await make_customer(account, **{"channels": 5, **fields})
    await Customer.filter(id=customer.id).update(**{"balance": Decimal(10), **(row or {})})
    return customer


async def call(customer: Customer, started_at: datetime, charge: str) -> None:
    await Cdr.create(
        account_id=customer.account_id,
        customer_id=customer.id,
        call_id=f"call-{next(_calls)}",
        started_at=started_at,
        ended_at=started_at + timedelta(minutes=1),
        hour=started_at.replace(minute=0, second=0),
        duration=60,
        billed_duration=60,
        charge_units=int(Decimal(charge) * 10_000),
        cost_units=0,
    )


async def switch_key(api_key: Callable[[list[Permission]], Awaitable[str]]) -> str:
    return await api_key([Permission.SWITCH_READ])


async def cases(account: Account) -> dict[str, tuple[Customer, list[tuple[str, str | None]]]]:
    """One customer per rule on, and per rule off, with the reasons it must get at AT."""
    spender, frugal = (
        await dialer(account, daily_spend_limit=Decimal(2)),
        await dialer(account, daily_spend_limit=Decimal(2)),
    )
    await call(spender, AT - timedelta(hours=1), "1.50")
    await call(spender, AT - timedelta(minutes=30), "0.50")
    await call(frugal, AT - timedelta(days=1), "5.00")  # yesterday's spend does not count
    await call(frugal, AT - timedelta(minutes=30), "1.99")
    unverified_email = await dialer(account, email_verification_required=True)
    await make_contact(unverified_email, mobile_verified=True)
    verified_email = await dialer(account, email_verification_required=True)
    await make_contact(verified_email, email_verified=True)
    unverified_mobile = await dialer(account, mobile_verification_required=True)
    await make_contact(unverified_mobile, email_verified=True)
    verified_mobile = await dialer(account, mobile_verification_required=True)
    await make_contact(verified_mobile, mobile="+14155552671", mobile_verified=True)
    busy = {"channels_in_use": 5, "channels_in_use_at": AT - timedelta(seconds=30)}
    stale = {"channels_in_use": 5, "channels_in_use_at": AT - timedelta(minutes=10)}
    return {
        "may dial": (await dialer(account), []),
        "inactive": (await dialer(account, status="INACTIVE"), [("CUSTOMER_INACTIVE", None)]),
        "penalty": (await dialer(account, status="PENALTY"), [("CUSTOMER_PENALTY", None)]),
        "pending approval": (await dialer(account, status="PENDING_APPROVAL"), [("PENDING_APPROVAL", None)]),
        "timed penalty": (
            await dialer(account, status="PENALTY", row={"penalty_until": AT + timedelta(hours=2)}),
            [("CUSTOMER_PENALTY", "2026-11-30T10:00:00+00:00")],
        ),
        "ended penalty not yet lifted": (
            await dialer(
                account,
                status="PENALTY",
                row={"penalty_until": AT - timedelta(minutes=1), "penalty_previous_status": "ACTIVE"},
            ),
            [],
        ),
        "no credit": (
            await dialer(account, row={"balance": Decimal(0)}),
            [("BALANCE_BELOW_DEBIT_LIMIT", None)],
        ),
        "post-pay credit": (await dialer(account, debit_limit=Decimal(5), row={"balance": Decimal(-3)}), []),
        "spend at the limit": (spender, [("DAILY_SPEND_LIMIT_REACHED", "2026-12-01T00:00:00+00:00")]),
        "spend under the limit": (frugal, []),
        "before the window": (
            await dialer(account, timezone="Europe/London", dial_windows=[DialWindow("09:00", "17:00")]),
            [("OUTSIDE_DIALING_WINDOW", "2026-11-30T09:00:00+00:00")],
        ),
        "in an overnight window": (
            await dialer(account, timezone="Europe/London", dial_windows=[DialWindow("22:00", "10:00")]),
            [],
        ),
        "e-mail unverified": (unverified_email, [("EMAIL_VERIFICATION_PENDING", None)]),
        "e-mail verified": (verified_email, []),
        "mobile unverified": (unverified_mobile, [("MOBILE_VERIFICATION_PENDING", None)]),
        "mobile verified": (verified_mobile, []),
        "no channels": (await dialer(account, channels=0), [("NO_CHANNELS", None)]),
        "every channel in use": (await dialer(account, row=busy), [("CHANNELS_IN_USE", None)]),
        "a stale count": (await dialer(account, row=stale), []),
    }


async def test_every_rule_reads_its_data_and_blocks_only_when_on(
    account: Account,
    gql_client: Callable[[Principal | str | None], GqlClient],
    api_key: Callable[[list[Permission]], Awaitable[str]],
) -> None:
    found = await cases(account)
    ids = [global_id("Customer", customer.id) for customer, _ in found.values()]

    body = await gql_client(await switch_key(api_key))(ROOT, ids=ids, at=AT_TEXT)

    answers = body["data"]["dialingEligibilities"]
    assert [a["customerId"] for a in answers] == ids
    got = {
        name: [(r["code"], r["liftsAt"]) for r in answer["reasons"]]
        for name, answer in zip(found, answers, strict=True)
    }
    assert got == {name: reasons for name, (_, reasons) in found.items()}
    for answer in answers:
        assert answer["at"] == AT_TEXT
        assert answer["allowed"] is (answer["reasons"] == [])
        lifts = [r["liftsAt"] for r in answer["reasons"]]
        expected = AT_TEXT if not lifts else (None if None in lifts else max(lifts))
        assert answer["nextAllowedAt"] == expected


async def test_an_overnight_window_is_saved_as_one_window_and_applied_across_midnight(
    client: httpx.AsyncClient,
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    customer = await dialer(account)
    windows = [{"start": "22:00", "end": "02:00", "days": ["SUN"]}]

    saved = await customer_mutation(
        client,
        admin.token,
        "customerUpdate",
        {"id": global_id("Customer", customer.id), "timezone": "America/New_York", "dialWindows": windows},
        "customer { dialWindows { start end days } timezone } errors { code }",
    )

    assert saved["errors"] == []
    assert saved["customer"] == {"dialWindows": windows, "timezone": "America/New_York"}
    ask = gql_client(admin)
    answers = {
        at: (await ask(CARD, id=global_id("Customer", customer.id), at=at))["data"]["customer"][
            "dialingEligibility"
        ]
        for at in ("2026-11-30T03:00:00+00:00", "2026-11-30T06:59:00+00:00", "2026-11-30T07:00:00+00:00")
    }
    # Sunday 22:00 EST is Monday 03:00 UTC; the window closes Monday 02:00 EST (07:00 UTC) and
    # opens again next Sunday 22:00 EST
    assert answers == {
        "2026-11-30T03:00:00+00:00": {
            "allowed": True,
            "reasons": [],
            "nextAllowedAt": "2026-11-30T03:00:00+00:00",
        },
        "2026-11-30T06:59:00+00:00": {
            "allowed": True,
            "reasons": [],
            "nextAllowedAt": "2026-11-30T06:59:00+00:00",
        },
        "2026-11-30T07:00:00+00:00": {
            "allowed": False,
            "reasons": [{"code": "OUTSIDE_DIALING_WINDOW", "liftsAt": "2026-12-07T03:00:00+00:00"}],
            "nextAllowedAt": "2026-12-07T03:00:00+00:00",
        },
    }


async def test_without_at_the_question_is_asked_for_now(
    account: Account,
    gql_client: Callable[[Principal | str | None], GqlClient],
    api_key: Callable[[list[Permission]], Awaitable[str]],
) -> None:
    customer = await dialer(account)
    before = datetime.now(UTC)

    body = await gql_client(await switch_key(api_key))(ROOT, ids=[global_id("Customer", customer.id)])

    [answer] = body["data"]["dialingEligibilities"]
    assert before <= datetime.fromisoformat(answer["at"]) <= datetime.now(UTC)
    assert (answer["allowed"], answer["nextAllowedAt"]) == (True, answer["at"])


# --- who may ask ------------------------------------------------------------------------------


async def principals(
    client: httpx.AsyncClient, account: Account, api_key: Callable[[list[Permission]], Awaitable[str]]
) -> tuple[dict[str, str | None], Customer]:
    """Every kind of principal the matrix asks, and the customer they ask about (of reseller A,
    with a portal login)."""
    ours, theirs = await make_reseller(account, "A"), await make_reseller(account, "B")
    customer = await dialer(account, reseller_id=ours.id, status="INACTIVE")
    await make_contact(customer, email="clerk@own.example", password=PASSWORD)
    await make_role(account, "Switch partner", [Permission.CUSTOMERS_READ, Permission.SWITCH_READ])
    found = {
        "anonymous": None,
        "administrator": (await make_principal(client, account)).token,
        "API key with switch:read": await api_key([Permission.SWITCH_READ]),
        "API key with customers:read only": await api_key([Permission.CUSTOMERS_READ]),
        "partner of its reseller": (
            await make_principal(client, account, role_name="Partner", reseller=ours)
        ).token,
        "partner of another reseller, with switch:read": (
            await make_principal(client, account, role_name="Switch partner", reseller=theirs)
        ).token,
        "portal contact of the customer": (await contact_login(client, "clerk@own.example", PASSWORD))[
            "accessToken"
        ],
        "administrator of another account": (await make_principal(client, await make_account())).token,
    }
    return found, customer


INACTIVE = {
    "allowed": False,
    "reasons": [{"code": "CUSTOMER_INACTIVE", "liftsAt": None}],
    "nextAllowedAt": None,
}


async def test_authorization_matrix_of_the_switch_read_and_the_customer_card(
    client: httpx.AsyncClient,
    account: Account,
    api_key: Callable[[list[Permission]], Awaitable[str]],
    gql_client: Callable[[Principal | str | None], GqlClient],
) -> None:
    found, customer = await principals(client, account, api_key)
    roots, cards = {}, {}
    for name, token in found.items():
        root = await gql_client(token)(ROOT, ids=[global_id("Customer", customer.id)], at=AT_TEXT)
        if "errors" in root:
            assert root["data"] is None, root
            roots[name] = root["errors"][0]["extensions"]["code"]
        else:
            [answer] = root["data"]["dialingEligibilities"]
            assert answer["reasons"] == [
                {"code": "CUSTOMER_INACTIVE", "message": "The customer is inactive.", "liftsAt": None}
            ]
            roots[name] = None
        card = await gql_client(token)(CARD, id=global_id("Customer", customer.id), at=AT_TEXT)
        if "errors" in card:
            cards[name] = card["errors"][0]["extensions"]["code"]
        elif card["data"]["customer"] is None:
            cards[name] = "absent"
        else:
            assert card["data"]["customer"]["dialingEligibility"] == INACTIVE
            cards[name] = None
    assert roots == {
        "anonymous": "UNAUTHENTICATED",
        "administrator": None,
        "API key with switch:read": None,
        "API key with customers:read only": "PERMISSION_DENIED",
        "partner of its reseller": "PERMISSION_DENIED",
        "partner of another reseller, with switch:read": "NOT_FOUND",
        "portal contact of the customer": "FORBIDDEN",
        "administrator of another account": "NOT_FOUND",
    }
    # the card needs customers:read; the customer's own portal contact reads its eligibility
    assert cards == {
        "anonymous": "UNAUTHENTICATED",
        "administrator": None,
        "API key with switch:read": "PERMISSION_DENIED",
        "API key with customers:read only": None,
        "partner of its reseller": None,
        "partner of another reseller, with switch:read": "absent",
        "portal contact of the customer": None,
        "administrator of another account": "absent",
    }


async def cli_of(customer: Customer, number: str, status: CliStatus) -> None:
    await Cli.create(account_id=customer.account_id, customer_id=customer.id, number=number, status=status)


async def test_with_approved_clis_only_the_presented_caller_id_must_be_an_approved_cli(
    account: Account,
    gql_client: Callable[[Principal | str | None], GqlClient],
    api_key: Callable[[list[Permission]], Awaitable[str]],
) -> None:
    # given: a customer with one approved and one pending CLI, one with none approved, and one
    # that may present any caller id
    strict = await dialer(account, approved_cli_only=True)
    await cli_of(strict, "+14155552671", CliStatus.APPROVED)
    await cli_of(strict, "+14155552672", CliStatus.PENDING)
    unproven = await dialer(account, approved_cli_only=True)
    await cli_of(unproven, "+14155552671", CliStatus.PENDING)
    free = await dialer(account)
    ids = [global_id("Customer", c.id) for c in (strict, unproven, free)]
    ask = gql_client(await switch_key(api_key))

    def codes(body: dict[str, Any]) -> list[list[str]]:
        return [[r["code"] for r in answer["reasons"]] for answer in body["data"]["dialingEligibilities"]]

    # when / then: the approved number, written as the switch may write it
    assert codes(await ask(ROOT, ids=ids, at=AT_TEXT, cli="+1 415-555-2671")) == [
        [],
        ["CLI_NOT_APPROVED"],
        [],
    ]
    # a pending CLI, a number the customer does not hold, and no valid number at all
    for cli in ("+14155552672", "+442071838750", "anonymous"):
        assert codes(await ask(ROOT, ids=ids, at=AT_TEXT, cli=cli)) == [["CLI_NOT_APPROVED"]] * 2 + [[]]
    # no caller id asked about: any approved CLI will do
    body = await ask(ROOT, ids=ids, at=AT_TEXT)
    assert codes(body) == [[], ["CLI_NOT_APPROVED"], []]
    assert body["data"]["dialingEligibilities"][1]["reasons"][0]["message"] == (
        "Only approved caller ids may dial, and the customer has none approved."
    )
    wrong = await ask(ROOT, ids=ids[:1], at=AT_TEXT, cli="+14155552672")
    assert wrong["data"]["dialingEligibilities"][0]["reasons"][0]["message"] == (
        "+14155552672 is not an approved caller id of the customer."
    )


# --- cost -------------------------------------------------------------------------------------


async def test_the_switch_read_costs_the_same_statements_for_2_and_40_customers(
    account: Account,
    gql_client: Callable[[Principal | str | None], GqlClient],
    api_key: Callable[[list[Permission]], Awaitable[str]],
    sql_counter: SqlCounter,
) -> None:
    customers = []
    for n in range(40):
        customer = await dialer(
            account,
            daily_spend_limit=Decimal(1),
            email_verification_required=True,
            approved_cli_only=n % 2 == 0,
            dial_windows=[DialWindow("09:00", "17:00")] if n % 2 else [],
        )
        await cli_of(customer, "+14155552671", CliStatus.APPROVED if n % 4 == 0 else CliStatus.PENDING)
        await call(customer, AT - timedelta(minutes=5), "0.10")
        await make_contact(customer, email_verified=n % 3 == 0)
        customers.append(customer)
    ask = gql_client(await switch_key(api_key))
    counts = []
    for size in (2, 40):
        sql_counter.reset()
        ids = [global_id("Customer", c.id) for c in customers[:size]]
        body = await ask(ROOT, ids=ids, at=AT_TEXT, cli="+14155552671")
        counts.append(sql_counter.count)
        assert len(body["data"]["dialingEligibilities"]) == size
    assert counts[0] == counts[1], sql_counter.statements
    # the API key's own lookup, then the customers with their verified contacts, then the spend,
    # then the approved caller ids
    eligibility_reads = [
        s for s in sql_counter.statements if any(t in s for t in ('"customer"', '"cdr"', '"cli"'))
    ]
    assert len(eligibility_reads) == 3, eligibility_reads


async def test_a_page_of_customers_with_their_eligibility_is_one_batch_and_agrees_with_the_switch_read(
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
    sql_counter: SqlCounter,
) -> None:
    found = await cases(account)
    as_admin = gql_client(admin)
    counts = []
    for first in (2, len(found)):
        sql_counter.reset()
        page = await as_admin(PAGE, first=first, at=AT_TEXT)
        counts.append(sql_counter.count)
    assert counts[0] == counts[1], sql_counter.statements
    cards = [edge["node"]["dialingEligibility"] for edge in page["data"]["customers"]["edges"]]
    ids = [card["customerId"] for card in cards]
    root = await as_admin(ROOT, ids=ids, at=AT_TEXT)

    def plain(answer: dict[str, Any]) -> tuple[Any, ...]:
        reasons = tuple((r["code"], r["liftsAt"]) for r in answer["reasons"])
        return answer["customerId"], answer["allowed"], reasons, answer["nextAllowedAt"]

    assert [plain(a) for a in root["data"]["dialingEligibilities"]] == [plain(c) for c in cards]
    assert {plain(c)[2] for c in cards} == {
        tuple((code, lift) for code, lift in r) for _, r in found.values()
    }


# --- bad arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "argument", "message"),
    [
        ({"at": "1999-12-31T23:59:00Z"}, ["at"], "Give a time between the years 2000 and 2999."),
        ({"cli": ""}, ["cli"], "A caller id of 1 to 64 characters."),
        ({"cli": "1" * 65}, ["cli"], "A caller id of 1 to 64 characters."),
    ],
)
async def test_a_bad_question_is_refused_on_both_fields(
    account: Account,
    admin: Principal,
    gql_client: Callable[[Principal | str | None], GqlClient],
    arguments: dict[str, str],
    argument: list[str],
    message: str,
) -> None:
    customer = await dialer(account)
    ask = gql_client(admin)

    card = await ask(CARD_WITH_CLI, id=global_id("Customer", customer.id), **arguments)
    root = await ask(ROOT, ids=[global_id("Customer", customer.id)], **arguments)

    for body in (card, root):
        [error] = body["errors"]
        assert (error["extensions"]["code"], error["extensions"].get("argument"), error["message"]) == (
            "BAD_USER_INPUT",
            argument,
            message,
        ), body


async def test_more_than_a_thousand_customers_are_refused_and_unknown_ones_are_not_found(
    account: Account,
    gql_client: Callable[[Principal | str | None], GqlClient],
    api_key: Callable[[list[Permission]], Awaitable[str]],
) -> None:
    customer = await dialer(account)
    ask = gql_client(await switch_key(api_key))

    too_many = await ask(ROOT, ids=[global_id("Customer", n) for n in range(1, 1002)])
    unknown = await ask(ROOT, ids=[global_id("Customer", customer.id), global_id("Customer", 987_654)])

    assert too_many["data"] is None
    assert [
        (e["extensions"]["code"], e["extensions"].get("argument"), e["message"]) for e in too_many["errors"]
    ] == [("BAD_USER_INPUT", ["customerIds"], "At most 1000 customers at once.")]
    assert unknown["data"] is None
    assert [(e["extensions"]["code"], e["message"]) for e in unknown["errors"]] == [
        ("NOT_FOUND", "Customer not found.")
    ]
