"""Reading blocks, SIP users and free extensions (batched by customer for the loaders)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from models import Account, NumberBlock, SipUser
from models.enums import Permission
from services.actor import Actor
from services.customers.scope import find_customer
from services.errors import ErrorCode, ServiceError, not_found
from services.listing import MAX_PAGE_SIZE
from services.numbers.blocks import next_free_start


async def blocks_by_customer(customer_ids: list[int]) -> dict[int, list[NumberBlock]]:
    blocks: dict[int, list[NumberBlock]] = defaultdict(list)
    for block in await NumberBlock.filter(customer_id__in=customer_ids).order_by("start"):
        blocks[block.customer_id].append(block)
    return blocks


async def sip_users_by_customer(customer_ids: list[int]) -> dict[int, list[SipUser]]:
    users: dict[int, list[SipUser]] = defaultdict(list)
    for sip_user in await SipUser.filter(customer_id__in=customer_ids).order_by("username"):
        users[sip_user.customer_id].append(sip_user)
    return users


async def extensions_by_customer(customer_ids: list[int]) -> dict[int, set[int]]:
    extensions: dict[int, set[int]] = defaultdict(set)
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
    blocks = (await blocks_by_customer([customer_id])).get(customer_id, [])
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
