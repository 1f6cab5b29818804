"""Number blocks: the account's range cut into blocks [start + k*size, start + (k+1)*size),
handed out "next free". Every assignment and release of an account runs under the account's
row lock (taken by an UPDATE, which serializes writers on PostgreSQL and on SQLite alike), and
a unique (account, start) constraint backs it: no block ever goes to two customers."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError
from tortoise.expressions import F, Subquery
from tortoise.functions import Count, Max

from models import Account, NumberBlock
from models.enums import AuditAction, Permission
from services import integrity
from services.actor import Actor
from services.customers.scope import visible_customers
from services.errors import ErrorCode, ServiceError, not_found
from services.numbers import extensions
from services.uow import UnitOfWork, unit_of_work

TABLE = "number_block"


async def lock_account(uow: UnitOfWork) -> Account:
    """The actor's account, locked until commit (a no-op UPDATE takes the write lock)."""
    await (
        Account.filter(id=uow.actor.account_id)
        .using_db(uow.conn)
        .update(require_audit_reason=F("require_audit_reason"))
    )
    return await Account.get(id=uow.actor.account_id, using_db=uow.conn)


def configured_range(account: Account) -> tuple[int, int]:
    if account.number_range_start is None or not account.number_block_size:
        raise ServiceError.single(
            ErrorCode.NUMBER_RANGE_NOT_CONFIGURED,
            "Set the number range start and block size in the account settings first.",
        )
    return int(account.number_range_start), int(account.number_block_size)


async def next_free_start(account: Account, uow: UnitOfWork | None = None) -> int:
    """The first block that is neither assigned nor holds an extension someone already uses.

    Usually the assigned blocks are dense from the range start (nothing released): then the
    answer is the block after the last one, found with one aggregate query instead of a scan."""
    start, size = configured_range(account)
    conn = uow.conn if uow else None
    blocks = NumberBlock.filter(account_id=account.id).using_db(conn)
    stats = await blocks.annotate(count=Count("id"), last=Max("start")).first().values("count", "last")
    count, last = int(stats["count"] or 0), stats["last"]
    dense = count == 0 or (int(last) - start) // size + 1 == count
    if dense:
        candidate = start + count * size
        if not await extensions.any_in(account.id, candidate, candidate + size, conn):
            return candidate
    return await _first_gap(account, start, size, conn)


async def _first_gap(account: Account, start: int, size: int, conn: BaseDBAsyncClient | None) -> int:
    """The lowest block index neither assigned nor holding a used extension (a full scan)."""
    blocks = NumberBlock.filter(account_id=account.id).using_db(conn)
    taken = {(int(row["start"]) - start) // size for row in await blocks.values("start")}
    taken |= {(number - start) // size for number in await extensions.claimed_from(account.id, start, conn)}
    k = 0
    while k in taken:
        k += 1
    return start + k * size


async def assign_block(actor: Actor, customer_id: int, reason: str | None = None) -> NumberBlock:
    """Give the customer the next free block of the account's range."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        account = await lock_account(uow)
        start = await next_free_start(account, uow)
        customer = await uow.locked(visible_customers(actor).filter(id=customer_id)).first()
        if customer is None:
            raise not_found("Customer", "customer_id")
        try:
            block = await NumberBlock.create(
                account_id=account.id,
                customer_id=customer.id,
                start=start,
                size=account.number_block_size,
                using_db=uow.conn,
            )
        except IntegrityError as exc:
            if not integrity.hit(exc, "account_id", "start"):
                raise
            # only if the lock were bypassed; the constraint holds
            raise ServiceError.single(ErrorCode.CONFLICT, "The block was taken; try again.") from exc
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            block.id,
            f"Number block {block.start}-{block.end - 1} assigned",
            customer_id=customer.id,
            diff={"start": {"old": None, "new": block.start}, "end": {"old": None, "new": block.end}},
        )
    return block


async def release_block(actor: Actor, block_id: int, reason: str | None = None) -> NumberBlock:
    """Free a block with no claimed extension in it; it returns to the pool as the next free block."""
    actor.require(Permission.CUSTOMERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        block = (
            await NumberBlock.filter(
                id=block_id,
                account_id=actor.account_id,
                customer_id__in=Subquery(visible_customers(actor).values("id")),
            )
            .using_db(uow.conn)
            .first()
        )
        if block is None:
            raise not_found("Number block", "id")
        if await extensions.any_in(actor.account_id, block.start, block.end, uow.conn):
            raise ServiceError.single(
                ErrorCode.BLOCK_IN_USE,
                "SIP users or IP authentications still use extensions of this block.",
                "id",
            )
        await block.delete(using_db=uow.conn)
        uow.audit(
            AuditAction.DELETE,
            TABLE,
            block.id,
            f"Number block {block.start}-{block.end - 1} released",
            customer_id=block.customer_id,
            diff={"start": {"old": block.start, "new": None}, "end": {"old": block.end, "new": None}},
        )
    return block


async def blocks_stay_valid(
    account: Account, new_start: int | None, new_size: int | None, uow: UnitOfWork
) -> bool:
    """Whether every assigned block is still a block of the range with these settings."""
    rows = await NumberBlock.filter(account_id=account.id).using_db(uow.conn).values_list("start", "size")
    if not rows:
        return True
    if new_start is None or not new_size:
        return False
    return all(
        int(size) == new_size and int(s) >= new_start and (int(s) - new_start) % new_size == 0
        for s, size in rows
    )
