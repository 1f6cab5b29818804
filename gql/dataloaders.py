"""Per-request DataLoaders: every relation field goes through one, so a page of N rows costs
one query per relation, not N. Each loader is one batched, permission-checked service read
scoped to the request's principal; results come back in key order (None where missing)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from strawberry.dataloader import DataLoader

from models import Reseller, Role, SipUser, User
from services import directory, resellers, roles
from services.actor import Actor
from services.customers import queries as customers
from services.numbers import queries as numbers
from services.numbers.queries import BlockUsage

T = TypeVar("T")
BatchRead = Callable[[Actor, Sequence[int]], Awaitable[Mapping[int, T]]]
"""A service's batched, permission-checked read by ids (loaders and `node`/`nodes` use them)."""


def by_id_loader(actor: Actor, read: BatchRead[T]) -> DataLoader[int, T | None]:
    """A loader of one batched, permission-checked service read keyed by row id."""

    async def load(keys: list[int]) -> list[T | None]:
        found = await read(actor, keys)
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def by_customer_loader(actor: Actor, read: BatchRead[T], empty: T) -> DataLoader[int, T]:
    """A loader of one batched, permission-checked service read keyed by customer id."""

    async def load(keys: list[int]) -> list[T]:
        found = await read(actor, keys)
        return [found.get(key, empty) for key in keys]

    return DataLoader(load_fn=load)


def count_loader(actor: Actor, read: BatchRead[int]) -> DataLoader[int, int]:
    """A loader of one batched, permission-checked count per id (0 where there is none)."""

    async def load(keys: list[int]) -> list[int]:
        found = await read(actor, keys)
        return [found.get(key, 0) for key in keys]

    return DataLoader(load_fn=load)


@dataclass(frozen=True)
class Loaders:
    """The request's loaders, scoped to its principal."""

    reseller_by_id: DataLoader[int, Reseller | None]
    user_by_id: DataLoader[int, User | None]
    role_by_id: DataLoader[int, Role | None]
    tags_by_customer_id: DataLoader[int, list[str]]
    number_blocks_by_customer_id: DataLoader[int, list[BlockUsage]]
    sip_users_by_customer_id: DataLoader[int, list[SipUser]]
    user_count_by_role_id: DataLoader[int, int]
    customer_count_by_reseller_id: DataLoader[int, int]
    user_count_by_reseller_id: DataLoader[int, int]

    @classmethod
    def for_actor(cls, actor: Actor) -> Loaders:
        return cls(
            reseller_by_id=by_id_loader(actor, directory.resellers_by_id),
            user_by_id=by_id_loader(actor, directory.users_by_id),
            role_by_id=by_id_loader(actor, roles.roles_by_id),
            tags_by_customer_id=by_customer_loader(actor, customers.tags_by_customer, []),
            number_blocks_by_customer_id=by_customer_loader(actor, numbers.blocks_by_customer, []),
            sip_users_by_customer_id=by_customer_loader(actor, numbers.sip_users_by_customer, []),
            user_count_by_role_id=count_loader(actor, roles.user_counts_by_role),
            customer_count_by_reseller_id=count_loader(actor, resellers.customer_counts_by_reseller),
            user_count_by_reseller_id=count_loader(actor, resellers.user_counts_by_reseller),
        )
