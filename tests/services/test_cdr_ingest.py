"""The CDR feed's service: valid rows land once, each invalid row is reported with its line and
reason, the charge comes off the balance exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from models import Account, Cdr, CdrRollupMark, Customer, SipUser
from models.enums import Permission
from services.actor import system_actor
from services.cdrs.ingest import ingest_cdrs
from services.cdrs.reader import MAX_LINE_BYTES, FeedFormat
from services.customers.commands import delete_customer
from services.errors import ErrorCode
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth
from tests.cdr_data import (
    ABSENT,
    START,
    csv_body,
    feed_actor,
    global_id,
    gzipped,
    iso,
    ndjson,
    record,
    stream,
)
from tests.conftest import SqlCounter
from tests.factories import make_account, make_actor, make_customer, refused


async def send(
    account: Account, body: bytes, fmt: FeedFormat = FeedFormat.NDJSON, **kw: Any
) -> dict[str, Any]:
    gz = kw.pop("gz", False)
    result = await ingest_cdrs(feed_actor(account), stream(body, kw.pop("piece", 64)), fmt, gz, **kw)
    return result.as_json()


async def balance(customer: Customer) -> Decimal:
    row = await Customer.get(id=customer.id)
    return row.balance


async def test_valid_records_land_with_every_value_and_charge_the_balance(account: Account) -> None:
    customer = await make_customer(account)
    first = record(customer, callId="A-1")
    second = record(
        customer, callId="A-2", answeredAt=None, duration=0, billedDuration=0, charge="0", cost="0"
    )

    answer = await send(account, ndjson([first, second]))

    assert answer == {"accepted": 2, "duplicates": 0, "rejected": []}
    rows = await Cdr.filter(customer_id=customer.id).order_by("call_id")
    assert [
        (r.call_id, r.charge_units, r.cost_units, r.duration, r.pdd, r.disconnect_cause) for r in rows
    ] == [
        ("A-1", 600, 300, 60, 1200, 200),
        ("A-2", 0, 0, 0, 1200, 200),
    ]
    assert rows[0].started_at == START
    assert rows[0].answered_at == START + timedelta(seconds=3)
    assert rows[0].hour == datetime(2026, 11, 20, 10, tzinfo=UTC)
    assert rows[1].answered_at is None
    assert (rows[0].cli, rows[0].destination, rows[0].destination_prefix, rows[0].destination_country) == (
        "+441234567890",
        "+4930123456",
        "4930",
        "DE",
    )
    assert await balance(customer) == Decimal("-0.0600")
    marks = await CdrRollupMark.all().values_list("customer_id", "hour")
    assert marks == [(customer.id, datetime(2026, 11, 20, 10, tzinfo=UTC))]


async def test_a_resent_batch_adds_nothing_and_charges_nothing(account: Account) -> None:
    customer = await make_customer(account)
    body = ndjson([record(customer, callId=f"R-{i}", charge="1.2345") for i in range(3)])

    first = await send(account, body)
    again = await send(account, body)

    assert first == {"accepted": 3, "duplicates": 0, "rejected": []}
    assert again == {"accepted": 0, "duplicates": 3, "rejected": []}
    assert await Cdr.filter(customer_id=customer.id).count() == 3
    assert await balance(customer) == Decimal("-3.7035")


async def test_a_call_id_twice_in_one_batch_lands_once_the_first_line_wins(account: Account) -> None:
    customer = await make_customer(account)
    body = ndjson([record(customer, callId="D", charge="1"), record(customer, callId="D", charge="5")])

    answer = await send(account, body, chunk_rows=1)
    same_chunk = await send(account, ndjson([record(customer, callId="E", charge="1")] * 2))

    assert answer == {"accepted": 1, "duplicates": 1, "rejected": []}
    assert same_chunk == {"accepted": 1, "duplicates": 1, "rejected": []}
    assert await Cdr.filter(call_id="D").values_list("charge_units", flat=True) == [10000]
    assert await balance(customer) == Decimal("-2.0000")


async def test_call_ids_are_unique_per_account_not_across_accounts(account: Account) -> None:
    other = await make_account()
    mine, theirs = await make_customer(account), await make_customer(other)

    assert (await send(account, ndjson([record(mine, callId="X")])))["accepted"] == 1
    assert (await send(other, ndjson([record(theirs, callId="X")])))["accepted"] == 1


REJECTIONS = [
    ({"duration": -1}, "duration must not be negative."),
    ({"billedDuration": -30}, "billedDuration must not be negative."),
    ({"duration": "60"}, "duration must be a whole number."),
    ({"duration": 1.5}, "duration must be a whole number."),
    ({"duration": True}, "duration must be a whole number."),
    ({"duration": ABSENT}, "duration is missing."),
    ({"pdd": -5}, "pdd must not be negative."),
    ({"answeredAt": iso(START - timedelta(seconds=1))}, "answeredAt is before startedAt."),
    ({"answeredAt": iso(START + timedelta(hours=1))}, "answeredAt is after endedAt."),
    ({"endedAt": iso(START - timedelta(seconds=1))}, "endedAt is before startedAt."),
    ({"startedAt": "yesterday"}, "startedAt is not an RFC 3339 time: 'yesterday'."),
    ({"startedAt": "2026-11-20T10:15:00"}, "startedAt has no UTC offset: '2026-11-20T10:15:00'."),
    ({"startedAt": 1763633700}, "startedAt must be a string."),
    ({"charge": 0.06}, 'charge must be a decimal string, e.g. "0.0125".'),
    ({"charge": "abc"}, "charge is not a decimal number: 'abc'."),
    ({"charge": "NaN"}, "charge is not a decimal number: 'NaN'."),
    ({"charge": "-0.01"}, "charge must not be negative."),
    ({"cost": "0.00001"}, "cost has more than 4 decimal places."),
    ({"cost": "1e30"}, "cost is too large."),
    ({"charge": "1000000"}, "charge is too large."),
    ({"cli": "+44\x00123"}, "cli contains a NUL character."),
    ({"callId": ""}, "callId is empty."),
    ({"callId": 42}, "callId must be a string."),
    ({"callId": "x" * 129}, "callId is longer than 128 characters."),
    ({"destinationCountry": "DEU"}, "destinationCountry is longer than 2 characters."),
    ({"destinationCountry": "1A"}, "destinationCountry must be an ISO 3166 two-letter code."),
    ({"customerId": ABSENT}, "The customer is missing: give customerId, sipUsername or sourceIp."),
    ({"customerId": "not-an-id"}, "customerId is not a customer's global id: 'not-an-id'."),
    ({"customerId": "VXNlcjox"}, "customerId is not a customer's global id: 'VXNlcjox'."),  # User:1
    ({"customerId": "Q3VzdG9tZXI6OTk5OTk5"}, "Unknown customer (customerId)."),  # Customer:999999
    (
        {"sipUsername": "nobody"},
        "Give one of customerId, sipUsername, sourceIp, not customerId and sipUsername.",
    ),
    (
        {"customerId": ABSENT, "sourceIp": "192.0.2.10", "techPrefix": "99#"},
        "Unknown customer (sourceIp '192.0.2.10' with techPrefix '99#').",
    ),
    ({"customerId": ABSENT, "sourceIp": "not-an-ip"}, "Unknown customer (sourceIp 'not-an-ip')."),
    ({"customerId": ABSENT, "sipUsername": "nobody"}, "Unknown customer (sipUsername 'nobody')."),
    ({"currency": "USD"}, "currency 'USD' is not the customer's currency (EUR)."),
]


@pytest.mark.parametrize(("change", "reason"), REJECTIONS)
async def test_an_invalid_record_is_rejected_with_its_line_and_reason(
    account: Account, change: dict[str, Any], reason: str
) -> None:
    customer = await make_customer(account)
    body = ndjson(
        [
            record(customer, callId="ok-1"),
            record(customer, **{"callId": "bad", **change}),
            record(customer, callId="ok-2"),
        ]
    )

    answer = await send(account, body)

    assert answer == {"accepted": 2, "duplicates": 0, "rejected": [{"line": 2, "reason": reason}]}
    assert await Cdr.all().count() == 2
    assert await balance(customer) == Decimal("-0.1200")


async def test_malformed_lines_are_reported_and_the_rest_lands(account: Account) -> None:
    customer = await make_customer(account)
    body = (
        ndjson([record(customer, callId="m-1")])
        + b"{not json\n"
        + b"\n"  # blank lines are skipped but counted
        + b"[1, 2]\n"
        + b"\xff\xfe\n"
        + b"x" * (MAX_LINE_BYTES + 1)
        + b"\n"
        + ndjson([record(customer, callId="m-2")])
    )

    answer = await send(account, body, piece=4096)

    assert answer["accepted"] == 2
    assert [(r["line"], r["reason"][:22]) for r in answer["rejected"]] == [
        (2, "Malformed JSON: unexpe"),
        (4, "The record is not a JS"),
        (5, "The line is not UTF-8 "),
        (6, "The line is longer tha"),
    ]
    assert answer["rejected"][3]["reason"] == f"The line is longer than {MAX_LINE_BYTES} bytes."


async def test_csv_with_a_header_row_lands_and_reports_by_physical_line(account: Account) -> None:
    customer = await make_customer(account)
    good = record(customer, callId="c-1", charge="0.5000")
    unanswered = record(customer, callId="c-2", answeredAt=None, duration=0, billedDuration=0, charge="0")
    negative = record(customer, callId="c-3", duration=-4)
    body = (
        b"\xef\xbb\xbf" + csv_body([good, unanswered, negative]) + b'"c-4,"broken\n' + b"only,three,fields\n"
    )

    answer = await send(account, body, FeedFormat.CSV)

    assert answer == {
        "accepted": 2,
        "duplicates": 0,
        "rejected": [
            {"line": 4, "reason": "duration must not be negative."},
            {"line": 5, "reason": "Malformed CSV: ',' expected after '\"'."},
            {"line": 6, "reason": "Malformed CSV: 3 fields, the header has 16."},
        ],
    }
    row = await Cdr.get(call_id="c-2")
    assert (row.answered_at, row.duration, row.cli) == (None, 0, "+441234567890")
    assert await balance(customer) == Decimal("-0.5000")


async def test_gzip_bodies_are_read_as_they_stream(account: Account) -> None:
    customer = await make_customer(account)
    body = gzipped(ndjson([record(customer, callId=f"g-{i}") for i in range(50)]))

    answer = await send(account, body, gz=True, piece=100)

    assert answer == {"accepted": 50, "duplicates": 0, "rejected": []}


async def test_a_corrupt_gzip_body_keeps_what_came_before_and_says_where_it_stopped(account: Account) -> None:
    customer = await make_customer(account)
    good = gzipped(ndjson([record(customer, callId="z-1"), record(customer, callId="z-2")]))
    body = good + b"\x1f\x8b\x08\x00garbage-not-deflate"

    answer = await send(account, body, gz=True, piece=10_000)

    assert answer["accepted"] == 2
    assert answer["rejected"] == [
        {
            "line": 3,
            "reason": "The gzip stream is corrupt (Error -3 while decompressing data: invalid code lengths set). Reading stopped here.",
        }
    ]


async def test_a_gzip_body_cut_short_is_reported(account: Account) -> None:
    customer = await make_customer(account)
    body = gzipped(ndjson([record(customer, callId="t-1")]))[:-6]

    answer = await send(account, body, gz=True)

    assert answer["rejected"] == [{"line": 2, "reason": "The gzip stream ends early. Reading stopped here."}]


async def test_sip_username_resolves_to_its_customer(account: Account) -> None:
    customer = await make_customer(account)
    await SipUser.create(
        account_id=account.id, customer_id=customer.id, username="alice", realm="r", ha1="0" * 32
    )

    answer = await send(account, ndjson([record(callId="s-1", sipUsername="alice")]))

    assert answer == {"accepted": 1, "duplicates": 0, "rejected": []}
    assert await Cdr.filter(call_id="s-1").values_list("customer_id", flat=True) == [customer.id]


async def test_source_ip_and_tech_prefix_resolve_as_the_switch_lookup_does(
    account: Account, sql_counter: SqlCounter
) -> None:
    actor = make_actor(account)
    eleven, twenty_two, plain, six, gone = [await make_customer(account) for _ in range(5)]
    for customer, address, prefix in [
        (eleven, "192.0.2.0/24", "11"),
        (twenty_two, "192.0.2.0/24", "22"),
        (plain, "198.51.100.7", None),
        (six, "2001:db8::/32", None),
        (gone, "203.0.113.0/24", None),
    ]:
        await create_ip_auth(actor, customer.id, IpAuthPatch(address=address, tech_prefix=prefix))
    await delete_customer(system_actor(account.id), gone.id)
    cases = [
        ("192.0.2.10", "11", eleven.id),
        ("192.0.2.10", "22", twenty_two.id),
        ("192.0.2.10", "", None),  # both networks of 192.0.2.0/24 ask for a prefix
        ("198.51.100.7", "", plain.id),
        ("198.51.100.7", "5", plain.id),  # no network with that prefix: the one without any
        ("198.51.100.8", "", None),
        ("2001:db8::1", "", six.id),
        ("::ffff:192.0.2.10", "11", eleven.id),  # an IPv4-mapped address is the IPv4 one
        ("203.0.113.5", "", None),  # a deleted customer's network
    ]
    records = [
        record(None, callId=f"ip-{n}", sourceIp=ip, **({"techPrefix": prefix} if prefix else {}))
        for n, (ip, prefix, _customer) in enumerate(cases)
    ]

    answer = await send(account, ndjson(records))

    landed = dict(await Cdr.filter(account_id=account.id).values_list("call_id", "customer_id"))
    assert landed == {f"ip-{n}": cid for n, (_ip, _p, cid) in enumerate(cases) if cid is not None}
    assert [r["line"] for r in answer["rejected"]] == [n + 1 for n, c in enumerate(cases) if c[2] is None]
    # one read of networks for 2 distinct addresses as for 60: the chunk is resolved at once
    counts = []
    for size in (2, 60):
        body = ndjson(
            record(callId=f"n{size}-{i}", sourceIp=f"192.0.2.{i}", techPrefix="11") for i in range(size)
        )
        sql_counter.reset()
        assert (await send(account, body))["accepted"] == size
        counts.append(len([s for s in sql_counter.statements if '"ip_auth"' in s or "ip_auth" in s]))
    assert counts == [1, 1]


async def test_customers_of_another_account_or_deleted_are_unknown(account: Account) -> None:
    other = await make_account()
    foreign = await make_customer(other)
    gone = await make_customer(account)
    await delete_customer(system_actor(account.id), gone.id)

    answer = await send(account, ndjson([record(foreign, callId="f"), record(gone, callId="g")]))

    assert answer == {
        "accepted": 0,
        "duplicates": 0,
        "rejected": [
            {"line": 1, "reason": "Unknown customer (customerId)."},
            {"line": 2, "reason": "Unknown customer (customerId)."},
        ],
    }
    assert await Cdr.all().count() == 0


async def test_the_batch_limit_stops_reading(account: Account) -> None:
    customer = await make_customer(account)
    body = ndjson([record(customer, callId=f"l-{i}") for i in range(5)])

    answer = await send(account, body, max_rows=3)

    assert answer == {
        "accepted": 3,
        "duplicates": 0,
        "rejected": [
            {
                "line": 4,
                "reason": "The batch limit of 3 rows is reached: this line and the rest were not read.",
            }
        ],
    }


async def test_only_an_api_key_holding_cdrs_ingest_may_feed(account: Account) -> None:
    customer = await make_customer(account)
    body = ndjson([record(customer)])

    without = await refused(ingest_cdrs(feed_actor(account, []), stream(body), FeedFormat.NDJSON))
    staff = await refused(ingest_cdrs(make_actor(account, Permission), stream(body), FeedFormat.NDJSON))

    assert [e.code for e in without] == [ErrorCode.PERMISSION_DENIED]
    assert [e.message for e in staff] == ["The call-data feeds take an API key, not a login."]
    assert await Cdr.all().count() == 0
    assert global_id(customer)
