"""list_customers and find_customer, called directly with an Actor."""

from __future__ import annotations

from decimal import Decimal

import pytest

from models import Customer
from models.enums import ActorKind, Permission
from services.actor import Actor, system_actor
from services.customers.queries import CustomerSortField, list_customers
from services.customers.scope import find_customer
from services.errors import ErrorCode, FieldError, ServiceError
from services.listing import Condition, Filter, PageRequest
from tests.factories import make_account, make_customer


async def seed_balances(balances: list[str]) -> int:
    account = await make_account()
    for balance in balances:
        customer = await make_customer(account, name=f"B {balance}")
        await Customer.filter(id=customer.id).update(balance=Decimal(balance))
    return account.id


@pytest.mark.parametrize("descending", [False, True])
async def test_balance_sorts_numerically(descending: bool) -> None:
    # Given balances whose text order differs from their numeric order
    account_id = await seed_balances(["100", "9", "10", "-1", "1000", "9.99"])

    # When the customers are listed by balance
    page = await list_customers(
        system_actor(account_id), PageRequest(first=10), sort=[(CustomerSortField.BALANCE, descending)]
    )

    # Then the order is numeric
    expected = [Decimal(b) for b in ["-1", "9", "9.99", "10", "100", "1000"]]
    assert [row.balance for row in page.rows] == (expected[::-1] if descending else expected)


async def test_balance_pages_resume_numerically_from_a_cursor() -> None:
    # Given balances 9 < 10 < 100 < 1000
    actor = system_actor(await seed_balances(["1000", "10", "100", "9"]))
    sort = [(CustomerSortField.BALANCE, False)]

    # When the list is walked two at a time
    first = await list_customers(actor, PageRequest(first=2), sort=sort)
    second = await list_customers(actor, PageRequest(first=2, after=first.cursors[-1]), sort=sort)

    # Then the second page continues after 10
    assert [r.balance for r in first.rows] == [Decimal(9), Decimal(10)]
    assert [r.balance for r in second.rows] == [Decimal(100), Decimal(1000)]
    assert (first.has_next_page, second.has_next_page, second.has_previous_page) == (True, False, True)
    assert await second.count_total() == 4


async def test_balance_filter_compares_numbers() -> None:
    actor = system_actor(await seed_balances(["100", "9", "10", "20"]))

    page = await list_customers(
        actor, PageRequest(), where=Filter({"balance": Condition(gte=Decimal(9), lt=Decimal(20))})
    )

    assert [r.name for r in page.rows] == ["B 9", "B 10"]


async def test_listing_needs_customers_read() -> None:
    account = await make_account()
    nobody = Actor(account_id=account.id, kind=ActorKind.USER, label="Nobody", permissions=frozenset())

    with pytest.raises(ServiceError) as caught:
        await list_customers(nobody, PageRequest())

    assert caught.value.errors == [
        FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")
    ]


async def test_find_customer_sees_only_live_customers_of_the_account() -> None:
    # Given a live customer, a deleted one, and one of another account
    account = await make_account()
    live = await make_customer(account)
    deleted = await make_customer(account)
    await Customer.filter(id=deleted.id).update(deleted_at=live.created_at, name_key=None)
    foreign = await make_customer(await make_account())
    reader = Actor(
        account_id=account.id,
        kind=ActorKind.USER,
        label="Reader",
        permissions=frozenset({Permission.CUSTOMERS_READ}),
    )

    # Then only the live one of the account is found
    assert [await find_customer(reader, c.id) is not None for c in (live, deleted, foreign)] == [
        True,
        False,
        False,
    ]
