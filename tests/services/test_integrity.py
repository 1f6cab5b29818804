"""A failed unique constraint is named by its columns, on both engines; other integrity failures
are not mistaken for it."""

from __future__ import annotations

import pytest
from tortoise.exceptions import IntegrityError

from models import Customer, CustomerTag
from services.integrity import hit, unique_columns
from tests.factories import make_account, make_customer


async def test_the_duplicate_name_constraint_is_named_by_its_columns() -> None:
    account = await make_account()
    await Customer.create(account_id=account.id, name="Acme", name_key="acme", currency="EUR")

    with pytest.raises(IntegrityError) as failed:
        await Customer.create(account_id=account.id, name="ACME", name_key="acme", currency="EUR")

    assert unique_columns(failed.value) == frozenset({"account_id", "name_key"})
    assert hit(failed.value, "account_id", "name_key")
    assert not hit(failed.value, "account_id", "username")


async def test_a_foreign_key_failure_is_not_a_unique_one() -> None:
    with pytest.raises(IntegrityError) as failed:
        await CustomerTag.create(customer_id=987_654, tag="vip")

    assert unique_columns(failed.value) is None


async def test_another_unique_constraint_keeps_its_own_columns() -> None:
    customer = await make_customer(await make_account())
    await CustomerTag.create(customer_id=customer.id, tag="vip")

    with pytest.raises(IntegrityError) as failed:
        await CustomerTag.create(customer_id=customer.id, tag="vip")

    assert unique_columns(failed.value) == frozenset({"customer_id", "tag"})
