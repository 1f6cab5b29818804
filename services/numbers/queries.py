"""Reading blocks, SIP users and free extensions (batched by customer for the loaders)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from models import Account, ConferenceRoom, IpAuth, NumberBlock, SipUser
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import about_visible_customers, find_customer
from services.errors import ErrorCode, ServiceError, not_found
from services.listing import MAX_PAGE_SIZE
from services.numbers import extensions
from services.numbers.blocks import next_free_start
from services.numbers.extensions import Row


@dataclass(frozen=True)
class BlockUsage:
    """A block with how many of its numbers are claimed."""

    block: NumberBlock
    used: int

    @property
    def free(self) -> int:
        return int(self.block.size) - self.used


async def blocks_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[BlockUsage]]:
    """Each customer's blocks by start, with their usage (two statements for any number)."""
    actor.require(Permission.CUSTOMERS_READ)
    blocks = await readable(NumberBlock, actor).filter(customer_id__in=list(customer_ids)).order_by("start")
    return _by_customer(await _with_usage(blocks))


async def blocks_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, BlockUsage]:
    """The blocks among `ids` that the actor may read, by id, with their usage."""
    actor.require(Permission.CUSTOMERS_READ)
    blocks = await readable(NumberBlock, actor).filter(id__in=list(ids))
    return {usage.block.id: usage for usage in await _with_usage(blocks)}


async def sip_users_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[SipUser]]:
    """Each customer's SIP users by username."""
    return await _rows_by_customer(actor, SipUser, customer_ids, "username")


async def sip_users_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, SipUser]:
    """The SIP users among `ids` that the actor may read, by id."""
    return await _rows_by_id(actor, SipUser, ids)


async def ip_auths_by_customer(actor: Actor, customer_ids: Sequence[int]) -> dict[int, list[IpAuth]]:
    """Each customer's IP authentications in address order."""
    return await _rows_by_customer(actor, IpAuth, customer_ids, "range_start", "range_end", "tech_prefix")


async def ip_auths_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, IpAuth]:
    """The IP authentications among `ids` that the actor may read, by id."""
    return await _rows_by_id(actor, IpAuth, ids)


async def conference_rooms_by_customer(
    actor: Actor, customer_ids: Sequence[int]
) -> dict[int, list[ConferenceRoom]]:
    """Each customer's conference rooms by extension."""
    return await _rows_by_customer(actor, ConferenceRoom, customer_ids, "extension")


async def conference_rooms_by_id(actor: Actor, ids: Sequence[int]) -> dict[int, ConferenceRoom]:
    """The conference rooms among `ids` that the actor may read, by id."""
    return await _rows_by_id(actor, ConferenceRoom, ids)


async def _rows_by_customer(
    actor: Actor, model: type[Row], customer_ids: Sequence[int], *order: str
) -> dict[int, list[Row]]:
    """Each customer's rows of a customer-owned model, in this order (one statement for any number)."""
    actor.require(Permission.CUSTOMERS_READ)
    queryset = readable(model, actor).filter(customer_id__in=list(customer_ids)).order_by(*order, "id")
    grouped: dict[int, list[Row]] = defaultdict(list)
    for row in await queryset:
        grouped[row.customer_id].append(row)
    return grouped


async def _rows_by_id(actor: Actor, model: type[Row], ids: Sequence[int]) -> dict[int, Row]:
    actor.require(Permission.CUSTOMERS_READ)
    return {row.id: row for row in await readable(model, actor).filter(id__in=list(ids))}


def readable(
    model: type[NumberBlock] | type[SipUser] | type[IpAuth] | type[ConferenceRoom], actor: Actor
) -> QuerySet[Any]:
    """Rows of the actor's account whose customer it may see (live, and its reseller's)."""
    queryset = model.filter(account_id=actor.account_id, customer__deleted_at__isnull=True)
    return about_visible_customers(queryset, actor)


async def _with_usage(blocks: list[NumberBlock]) -> list[BlockUsage]:
    used = await extensions.by_customer(list({block.customer_id for block in blocks}))
    return [BlockUsage(block, used_in(block, used.get(block.customer_id, set()))) for block in blocks]


def _by_customer(usages: list[BlockUsage]) -> dict[int, list[BlockUsage]]:
    grouped: dict[int, list[BlockUsage]] = defaultdict(list)
    for usage in usages:
        grouped[usage.block.customer_id].append(usage)
    return grouped


def used_in(block: NumberBlock, used: set[int]) -> int:
    """How many of the block's extensions are claimed (SIP users, IP authentications)."""
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
    used = (await extensions.by_customer([customer_id])).get(customer_id, set())
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
