"""Plain async factories with keyword overrides: rows made through the services, no HTTP, and
the actors that call services directly. The HTTP helpers are in tests/client.py, the API's
expected answers in tests/expected.py."""

from __future__ import annotations

import itertools
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from tortoise import Tortoise

from models import Account, AuditEntry, Contact, Customer, Reseller, Role, User
from models.enums import ActorKind, Permission
from services.accounts import create_account, create_user
from services.actor import Actor, RequestOrigin, system_actor
from services.auth import user_actor
from services.contacts.commands import create_contact
from services.contacts.values import ContactPatch
from services.customers.commands import create_customer
from services.customers.values import CustomerPatch
from services.errors import ErrorCode, FieldError, ServiceError

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


@dataclass
class Principal:
    user: User
    token: str


async def make_account(name: str | None = None) -> Account:
    return await create_account(name or f"Carrier {next(_seq)}")


async def make_numbered_account(start: int = 1000, size: int = 100) -> Account:
    """An account whose number range is [start, ...) in blocks of `size`."""
    account = await make_account()
    await Account.filter(id=account.id).update(number_range_start=start, number_block_size=size)
    return await Account.get(id=account.id)


async def make_reseller(account: Account, name: str | None = None) -> Reseller:
    return await Reseller.create(account_id=account.id, name=name or f"Reseller {next(_seq)}")


async def make_role(account: Account, name: str, permissions: list[Permission]) -> Role:
    return await Role.create(account_id=account.id, name=name, permissions=[p.value for p in permissions])


async def make_customer(account: Account, **overrides: Any) -> Customer:
    values: dict[str, Any] = {"name": f"Customer {next(_seq)}", "currency": "EUR", **overrides}
    return await create_customer(system_actor(account.id), CustomerPatch(**values))


async def make_contact(customer: Customer, **overrides: Any) -> Contact:
    """A contact of the customer, without a login (give `password=` for one)."""
    from services.contacts.passwords import PasswordChoice, PasswordMode

    password = overrides.pop("password", None)
    number = next(_seq)
    values: dict[str, Any] = {
        "name": f"Contact {number}",
        "email": f"contact{number}@example.com",
        **overrides,
    }
    choice = PasswordChoice(PasswordMode.SET, password) if password else None
    return await create_contact(
        system_actor(customer.account_id), customer.id, ContactPatch(**values), choice
    )


async def audit_count(**filters: Any) -> int:
    return await AuditEntry.filter(**filters).count()


def money(value: str) -> Decimal:
    return Decimal(value)


async def make_user(
    account: Account,
    *,
    role_name: str = "Administrator",
    reseller: Reseller | None = None,
    email: str | None = None,
    name: str | None = None,
) -> User:
    """A user of the account with the factory PASSWORD, not logged in."""
    email = email or f"user{next(_seq)}@example.com"
    return await create_user(
        account,
        email=email,
        name=name or email.split("@")[0],
        password=PASSWORD,
        role_name=role_name,
        reseller=reseller,
    )


async def db_state() -> dict[str, Any]:
    """Every row of every table of the project's models: equal before and after a refused
    operation. Keys are table names; `customers` and `audit` name the two most asserted on."""

    state: dict[str, Any] = {}
    for model in Tortoise.apps["models"].values():
        if model.__module__.startswith("models"):
            state[model._meta.db_table] = await model.all().order_by(model._meta.pk_attr).values()
    state["customers"], state["audit"], state["tags"] = (
        state["customer"],
        state["audit_entry"],
        state["customer_tag"],
    )
    return state


DENIED = [FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")]
"""What a service call refused for a missing permission raises."""


async def refused(call: Awaitable[object]) -> list[FieldError]:
    """The errors of a service call that must be refused, once it is checked that the refusal
    changed nothing: every table as before, so no row, no audit entry and no message."""
    before = await db_state()
    with pytest.raises(ServiceError) as caught:
        await call
    assert await db_state() == before
    return caught.value.errors


async def make_api_key(account: Account, name: str, permissions: list[Permission]) -> str:
    """A new API key of the account; returns its secret."""
    from services.api_keys import create_api_key

    _key, secret = await create_api_key(system_actor(account.id), name, permissions)
    return secret


# Where the actors below act from: what their audit entries record as IP and user agent.
ORIGIN = RequestOrigin(ip="198.51.100.1", user_agent="tests")


def make_actor(
    account: Account,
    permissions: Iterable[Permission] = tuple(Permission),
    *,
    reseller_id: int | None = None,
    user_id: int | None = None,
    label: str = "Tester",
) -> Actor:
    """A user-kind actor of the account with exactly these permissions (all by default), for
    calling a service directly; with `reseller_id` it is a partner. No user row, no login."""
    return Actor(
        account_id=account.id,
        kind=ActorKind.USER,
        label=label,
        permissions=frozenset(permissions),
        reseller_id=reseller_id,
        user_id=user_id,
        origin=ORIGIN,
    )


async def actor_of(user: User, origin: RequestOrigin = ORIGIN) -> Actor:
    """The actor a login of this user gives: its role's permissions, its reseller (no session)."""
    await user.fetch_related("role")
    return user_actor(user, origin)
