"""The hourly roll-up: every summary row equals the sums of its hour's CDRs, whatever the order
of arrival, re-sends, interruptions or concurrent runs; the balance drops by each distinct charge."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from models import Account, Cdr, CdrHourlySummary, CdrRollupMark, Customer
from services.cdrs.ingest import ingest_cdrs
from services.cdrs.reader import FeedFormat
from services.cdrs.rollup import RollupStats, Scope, refresh_summaries, roll_up
from services.errors import ErrorCode
from tests.cdr_data import feed_actor, iso, ndjson, record, stream
from tests.factories import make_account, make_actor, make_customer, make_reseller, refused

BASE = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)
Row = tuple[int, int, int, int, int, int, int]  # attempts, connected, duration, billed, charge, cost, pdd


async def send(account: Account, records: list[dict[str, Any]]) -> dict[str, Any]:
    result = await ingest_cdrs(feed_actor(account), stream(ndjson(records), 4096), FeedFormat.NDJSON)
    return result.as_json()


def call(
    customer: Customer, call_id: str, hour: int, *, charge: int = 600, answered: bool = True, **kw: Any
) -> dict[str, Any]:
    """A call starting 10 minutes into hour `hour` after BASE; charge and cost in 1/10 000 units."""
    start = BASE + timedelta(hours=hour, minutes=10)
    duration = kw.pop("duration", 60)
    return record(
        customer,
        callId=call_id,
        startedAt=iso(start),
        answeredAt=iso(start + timedelta(seconds=2)) if answered else None,
        endedAt=iso(start + timedelta(seconds=2 + duration)),
        duration=duration if answered else 0,
        billedDuration=kw.pop("billed", duration if answered else 0),
        charge=str(Decimal(charge).scaleb(-4)),
        cost=str(Decimal(kw.pop("cost", charge // 2)).scaleb(-4)),
        pdd=kw.pop("pdd", 1000),
    )


async def summaries(account_id: int) -> dict[tuple[int, datetime], Row]:
    rows = await CdrHourlySummary.filter(account_id=account_id)
    return {
        (r.customer_id, r.hour): (
            r.attempts,
            r.connected,
            r.duration,
            r.billed_duration,
            r.charge_units,
            r.cost_units,
            r.pdd_sum,
        )
        for r in rows
    }


async def sums_of_cdrs(account_id: int) -> dict[tuple[int, datetime], Row]:
    """What every summary must be: the sums of the CDRs in the database, computed here."""
    expected: dict[tuple[int, datetime], list[int]] = defaultdict(lambda: [0] * 7)
    for c in await Cdr.filter(account_id=account_id):
        row = expected[(c.customer_id, c.hour)]
        for i, value in enumerate(
            (
                1,
                int(c.answered_at is not None),
                c.duration,
                c.billed_duration,
                c.charge_units,
                c.cost_units,
                c.pdd,
            )
        ):
            row[i] += value
    return {key: (row[0], row[1], row[2], row[3], row[4], row[5], row[6]) for key, row in expected.items()}


async def test_one_row_per_customer_and_hour_with_every_sum(account: Account) -> None:
    ann, bob = await make_customer(account), await make_customer(account)
    await send(
        account,
        [
            call(ann, "a1", 0, charge=600, cost=250, duration=60, pdd=900),
            call(ann, "a2", 0, charge=1200, cost=500, duration=120, billed=126, pdd=1100),
            call(ann, "a3", 0, charge=0, answered=False, pdd=3000),
            call(ann, "a4", 2, charge=100),
            call(bob, "b1", 0, charge=7),
        ],
    )

    stats = await roll_up()

    assert stats == RollupStats(marks=3, hours=3, cdrs=5)
    assert await summaries(account.id) == {
        (ann.id, BASE): (3, 2, 180, 186, 1800, 750, 5000),
        (ann.id, BASE + timedelta(hours=2)): (1, 1, 60, 60, 100, 50, 1000),
        (bob.id, BASE): (1, 1, 60, 60, 7, 3, 1000),
    }
    assert await CdrRollupMark.all().count() == 0
    assert await roll_up() == RollupStats()


async def test_a_late_cdr_updates_its_hour_and_only_its_hour(account: Account) -> None:
    customer = await make_customer(account)
    await send(account, [call(customer, "x1", 0), call(customer, "x2", 5)])
    await roll_up()
    later_hour = await CdrHourlySummary.get(customer_id=customer.id, hour=BASE + timedelta(hours=5))

    await send(account, [call(customer, "late", 0, charge=50, cost=20)])
    stats = await roll_up()

    assert stats == RollupStats(marks=1, hours=1, cdrs=2)
    assert (await summaries(account.id))[(customer.id, BASE)] == (2, 2, 120, 120, 650, 320, 2000)
    unchanged = await CdrHourlySummary.get(customer_id=customer.id, hour=BASE + timedelta(hours=5))
    assert unchanged.computed_at == later_hour.computed_at


async def test_a_resent_batch_leaves_the_summaries_as_they_were(account: Account) -> None:
    customer = await make_customer(account)
    batch = [call(customer, f"r{i}", i % 3) for i in range(9)]
    await send(account, batch)
    await roll_up()
    before = await summaries(account.id)

    assert await send(account, batch) == {"accepted": 0, "duplicates": 9, "rejected": []}
    assert await roll_up() == RollupStats()
    assert await summaries(account.id) == before


class Interrupted(Exception):
    pass


async def test_a_roll_up_interrupted_after_its_claim_loses_nothing_and_counts_nothing_twice(
    account: Account,
) -> None:
    customer = await make_customer(account)
    await send(account, [call(customer, f"i{i}", i % 4) for i in range(12)])

    async def crash(step: str) -> None:
        if step == "claimed":
            raise Interrupted

    with pytest.raises(Interrupted):
        await roll_up(hook=crash)

    assert await CdrRollupMark.all().count() == 4  # the claim rolled back with the step
    assert await summaries(account.id) == {}
    assert await roll_up() == RollupStats(marks=4, hours=4, cdrs=12)
    assert await summaries(account.id) == await sums_of_cdrs(account.id)


async def test_a_roll_up_interrupted_between_batches_is_finished_by_the_next_run(account: Account) -> None:
    customer = await make_customer(account)
    await send(account, [call(customer, f"j{i}", i % 5, charge=100 + i) for i in range(15)])
    steps: list[str] = []

    async def crash_after_first_batch(step: str) -> None:
        steps.append(step)
        if step == "committed":
            raise Interrupted

    with pytest.raises(Interrupted):
        await roll_up(batch=2, hook=crash_after_first_batch)
    done = await summaries(account.id)
    again = await roll_up(batch=2)

    assert steps == ["claimed", "committed"]
    assert len(done) == 2 and again.marks == 3
    assert await summaries(account.id) == await sums_of_cdrs(account.id)
    assert sum(row[0] for row in (await summaries(account.id)).values()) == 15


async def test_two_concurrent_roll_ups_and_feeds_count_every_cdr_once(account: Account) -> None:
    customers = [await make_customer(account) for _ in range(3)]
    batches = [
        [call(customers[(b + i) % 3], f"k{b}-{i}", (b * 7 + i) % 6) for i in range(20)] for b in range(6)
    ]
    await send(account, batches[0])

    results = await asyncio.gather(
        roll_up(batch=1),
        roll_up(batch=1),
        *(send(account, batch) for batch in batches[1:]),
        roll_up(batch=3),
    )
    final = await roll_up()

    feeds = [r for r in results if isinstance(r, dict)]
    assert [f["accepted"] for f in feeds] == [20] * 5
    assert isinstance(final, RollupStats)
    assert await CdrRollupMark.all().count() == 0
    assert await Cdr.filter(account_id=account.id).count() == 120
    assert await summaries(account.id) == await sums_of_cdrs(account.id)
    assert sum(row[0] for row in (await summaries(account.id)).values()) == 120


async def test_summaries_refresh_rolls_up_only_the_customers_asked_for(account: Account) -> None:
    ann, bob = await make_customer(account), await make_customer(account)
    await send(account, [call(ann, "s1", 0), call(bob, "s2", 0)])

    stats = await refresh_summaries(make_actor(account), [ann.id])

    assert stats == RollupStats(marks=1, hours=1, cdrs=1)
    assert list(await summaries(account.id)) == [(ann.id, BASE)]
    assert await CdrRollupMark.filter(customer_id=bob.id).count() == 1
    assert (await refresh_summaries(make_actor(account), None)).marks == 1
    assert await roll_up(Scope(account_id=account.id)) == RollupStats()


async def test_summaries_refresh_refuses_customers_outside_the_scope(account: Account) -> None:
    reseller = await make_reseller(account)
    theirs = await make_customer(account, reseller_id=reseller.id)
    other = await make_customer(account)
    await send(account, [call(theirs, "p1", 0), call(other, "p2", 0)])
    partner = make_actor(account, reseller_id=reseller.id)

    errors = await refused(refresh_summaries(partner, [theirs.id, other.id]))
    stats = await refresh_summaries(partner, None)

    assert [(e.code, e.field) for e in errors] == [(ErrorCode.NOT_FOUND, ("customerIds", "1"))]
    assert stats == RollupStats(marks=1, hours=1, cdrs=1)
    assert list(await summaries(account.id)) == [(theirs.id, BASE)]
    assert [e.code for e in await refused(refresh_summaries(make_actor(account, []), None))] == [
        ErrorCode.PERMISSION_DENIED
    ]


# --- The property: random CDR sets, re-sends, late arrivals, any order, roll-ups in between ---


@dataclass(frozen=True)
class Call:
    customer: int
    hour: int
    charge: int
    cost: int
    duration: int
    answered: bool
    pdd: int


calls_strategy = st.lists(
    st.builds(
        Call,
        customer=st.integers(0, 2),
        hour=st.integers(0, 5),
        charge=st.integers(0, 10**7),
        cost=st.integers(0, 10**7),
        duration=st.integers(0, 7200),
        answered=st.booleans(),
        pdd=st.integers(0, 10_000),
    ),
    min_size=1,
    max_size=30,
)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Call], list[list[int]], list[bool], int]:
    """Calls; the order they are sent in (every call at least once, some again) cut into
    batches; whether a roll-up runs after each batch; the opening balance in units."""
    calls = draw(calls_strategy)
    resent = draw(st.lists(st.integers(0, len(calls) - 1), max_size=len(calls)))
    order = draw(st.permutations([*range(len(calls)), *resent]))
    cuts = sorted(draw(st.sets(st.integers(1, max(1, len(order) - 1)), max_size=4)))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True) if order[a:b]]
    rollups = draw(st.lists(st.booleans(), min_size=len(batches), max_size=len(batches)))
    opening = draw(st.integers(-(10**9), 10**9))
    return calls, batches, rollups, opening


@given(scenario=scenarios())
@hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
async def test_property_summaries_are_the_sums_and_the_balance_drops_by_each_distinct_charge(
    scenario: tuple[list[Call], list[list[int]], list[bool], int],
) -> None:
    calls, batches, rollups, opening_units = scenario
    account = await make_account()
    opening = Decimal(opening_units).scaleb(-4)
    customers = [await make_customer(account) for _ in range(3)]
    for customer in customers:
        await Customer.filter(id=customer.id).update(balance=opening)

    def wire(index: int) -> dict[str, Any]:
        c = calls[index]
        return call(
            customers[c.customer],
            f"p{index}",
            c.hour,
            charge=c.charge,
            cost=c.cost,
            duration=c.duration,
            answered=c.answered,
            pdd=c.pdd,
        )

    for batch, then_roll_up in zip(batches, rollups, strict=True):
        await send(account, [wire(i) for i in batch])
        if then_roll_up:
            await roll_up(Scope(account_id=account.id), batch=2)
    await roll_up(Scope(account_id=account.id))

    expected: dict[tuple[int, datetime], list[int]] = defaultdict(lambda: [0] * 7)
    spent: dict[int, int] = defaultdict(int)
    for c in calls:  # each distinct call once
        customer_id = customers[c.customer].id
        row = expected[(customer_id, BASE + timedelta(hours=c.hour))]
        duration = c.duration if c.answered else 0
        for i, value in enumerate((1, int(c.answered), duration, duration, c.charge, c.cost, c.pdd)):
            row[i] += value
        spent[customer_id] += c.charge
    assert await summaries(account.id) == {key: tuple(row) for key, row in expected.items()}
    for customer in customers:
        balance = (await Customer.get(id=customer.id)).balance
        assert balance == opening - Decimal(spent[customer.id]).scaleb(-4)
