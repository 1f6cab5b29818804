"""Per-request DataLoaders: every relation field goes through one, so a page of N rows costs
one query per relation, not N. Results come back in key order (None where missing)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from strawberry.dataloader import DataLoader
from tortoise.models import Model

from models import NumberBlock, Reseller, SipUser, User
from services.actor import Actor
from services.customers.scope import tags_of, visible_resellers, visible_users
from services.numbers import queries as numbers

M = TypeVar("M", bound=Model)
T = TypeVar("T")


def _in_key_order(keys: Sequence[int], rows: Sequence[M]) -> list[M | None]:
    by_id = {row.pk: row for row in rows}
    return [by_id.get(key) for key in keys]


def reseller_by_id_loader(actor: Actor) -> DataLoader[int, Reseller | None]:
    async def load(keys: list[int]) -> list[Reseller | None]:
        return _in_key_order(keys, await visible_resellers(actor).filter(id__in=keys))

    return DataLoader(load_fn=load)


def user_by_id_loader(actor: Actor) -> DataLoader[int, User | None]:
    async def load(keys: list[int]) -> list[User | None]:
        # Only what the User type shows: never load password hashes to render a list.
        users = await visible_users(actor).filter(id__in=keys).only("id", "name", "email")
        return _in_key_order(keys, users)

    return DataLoader(load_fn=load)


def tags_by_customer_id_loader() -> DataLoader[int, list[str]]:
    async def load(keys: list[int]) -> list[list[str]]:
        tags: dict[int, list[str]] = defaultdict(list)
        for customer_id, tag in await tags_of(keys).values_list("customer_id", "tag"):
            tags[customer_id].append(tag)
        return [tags[key] for key in keys]

    return DataLoader(load_fn=load)


def by_customer_loader(
    load_many: Callable[[list[int]], Awaitable[Mapping[int, T]]], empty: T
) -> DataLoader[int, T]:
    """A loader of one batched service read keyed by customer id."""

    async def load(keys: list[int]) -> list[T]:
        found = await load_many(keys)
        return [found.get(key, empty) for key in keys]

    return DataLoader(load_fn=load)


@dataclass(frozen=True)
class Loaders:
    """The request's loaders, scoped to its principal."""

    reseller_by_id: DataLoader[int, Reseller | None]
    user_by_id: DataLoader[int, User | None]
    tags_by_customer_id: DataLoader[int, list[str]]
    number_blocks_by_customer_id: DataLoader[int, list[NumberBlock]]
    sip_users_by_customer_id: DataLoader[int, list[SipUser]]
    extensions_by_customer_id: DataLoader[int, set[int]]

    @classmethod
    def for_actor(cls, actor: Actor) -> Loaders:
        return cls(
            reseller_by_id=reseller_by_id_loader(actor),
            user_by_id=user_by_id_loader(actor),
            tags_by_customer_id=tags_by_customer_id_loader(),
            number_blocks_by_customer_id=by_customer_loader(numbers.blocks_by_customer, []),
            sip_users_by_customer_id=by_customer_loader(numbers.sip_users_by_customer, []),
            extensions_by_customer_id=by_customer_loader(numbers.extensions_by_customer, set()),
        )
