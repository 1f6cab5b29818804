"""Reading blocks, SIP users and free extensions (batched by customer for the loaders)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from models import Account, NumberBlock, SipUser
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import about_visible_customers, find_customer
from services.errors import ErrorCode, ServiceError, not_found
from services.listing import MAX_PAGE_SIZE
from services.numbers.blocks import next_free_start


@dataclass(frozen=True)
class BlockUsage:
    """A block with how many of its numbers SIP users hold."""

    block: NumberBlock
    used: int

    @property
    def free(self) -> int:
        return int(self.block.size) - self.used


async def blocks_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[BlockUsage]]:
    """Each customer's blocks by start, with their usage (two statements for any number)."""
    actor.require(Permission.CUSTOMERS_READ)
    blocks = await _readable(NumberBlock, actor).filter(customer_id__in=list(customer_ids)).order_by("start")
    return _by_customer(await _with_usage(blocks))


async def blocks_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, BlockUsage]:
    """The blocks among `ids` that the actor may read, by id, with their usage."""
    actor.require(Permission.CUSTOMERS_READ)
    blocks = await _readable(NumberBlock, actor).filter(id__in=list(ids))
    return {usage.block.id: usage for usage in await _with_usage(blocks)}


async def sip_users_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[SipUser]]:
    """Each customer's SIP users by username."""
    actor.require(Permission.CUSTOMERS_READ)
    queryset = _readable(SipUser, actor).filter(customer_id__in=list(customer_ids)).order_by("username")
    users: dict[int, list[SipUser]] = defaultdict(list)
    for sip_user in await queryset:
        users[sip_user.customer_id].append(sip_user)
    return users


async def sip_users_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, SipUser]:
    """The SIP users among `ids` that the actor may read, by id."""
    actor.require(Permission.CUSTOMERS_READ)
    return {row.id: row for row in await _readable(SipUser, actor).filter(id__in=list(ids))}


def _readable(model: type[NumberBlock] | type[SipUser], actor: Actor) -> QuerySet[Any]:
    """Rows of the actor's account whose customer it may see (live, and its reseller's)."""
    queryset = model.filter(account_id=actor.account_id, customer__deleted_at__isnull=True)
    return about_visible_customers(queryset, actor)


async def _with_usage(blocks: list[NumberBlock]) -> list[BlockUsage]:
    used = await extensions_by_customer(list({block.customer_id for block in blocks}))
    return [BlockUsage(block, used_in(block, used.get(block.customer_id, set()))) for block in blocks]


def _by_customer(usages: list[BlockUsage]) -> dict[int, list[BlockUsage]]:
    grouped: dict[int, list[BlockUsage]] = defaultdict(list)
    for usage in usages:
        grouped[usage.block.customer_id].append(usage)
    return grouped


async def extensions_by_customer(customer_ids: list[int]) -> dict[int, set[int]]:
    extensions: dict[int, set[int]] = defaultdict(set)
    if not customer_ids:
        return extensions
    rows = await SipUser.filter(customer_id__in=customer_ids, extension__isnull=False).values(
        "customer_id", "extension"
    )
    for row in rows:
        extensions[int(row["customer_id"])].add(int(row["extension"]))
    return extensions


def used_in(block: NumberBlock, used: set[int]) -> int:
    """How many of the block's extensions SIP users hold."""
    return sum(1 for extension in used if block.start <= extension < block.end)


@dataclass(frozen=True)
class ExtensionPage:
    numbers: list[int]
    has_next_page: bool
    total: int


async def available_extensions(
    actor: Actor, customer_id: int, first: int = 20, after: int | None = None
) -> ExtensionPage:
    """The customer's free extensions in ascending order, after the number `after`."""
    if not 0 <= first <= MAX_PAGE_SIZE:
        raise ServiceError.single(
            ErrorCode.INVALID, f"Page size must be between 0 and {MAX_PAGE_SIZE}.", "first"
        )
    if await find_customer(actor, customer_id) is None:
        raise not_found("Customer", "id")
    blocks = [usage.block for usage in (await blocks_by_customer(actor, [customer_id])).get(customer_id, [])]
    used = (await extensions_by_customer([customer_id])).get(customer_id, set())
    numbers: list[int] = []
    for block in blocks:
        lowest = block.start if after is None else max(block.start, after + 1)
        for number in range(lowest, block.end):
            if number not in used:
                numbers.append(number)
                if len(numbers) > first:
                    break
        if len(numbers) > first:
            break
    total = sum(block.size - used_in(block, used) for block in blocks)
    return ExtensionPage(numbers[:first], len(numbers) > first, total)


@dataclass(frozen=True)
class RangeState:
    blocks_assigned: int
    next_free_start: int | None


async def range_state(actor: Actor) -> RangeState:
    actor.require(Permission.SETTINGS_READ)
    account = await Account.get(id=actor.account_id)
    assigned = await NumberBlock.filter(account_id=account.id).count()
    configured = account.number_range_start is not None and bool(account.number_block_size)
    return RangeState(assigned, await next_free_start(account) if configured else None)
