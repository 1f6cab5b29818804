"""The account's one extension namespace: SIP users' numeric usernames, IP authentications'
extensions and conference rooms (the holders below) share it, under the same block rules. Every claim runs under
the account's row lock (blocks.lock_account), so two claims of one number, whatever their kind
and whichever process makes them, are serialized: the second sees the first and is refused."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.exceptions import IntegrityError

from models import ConferenceRoom, Customer, IpAuth, NumberBlock, SipUser
from services import integrity
from services.errors import ErrorCode, ServiceError
from services.fields import CleanContext
from services.uow import UnitOfWork
from services.validation import Invalid

# The models whose `extension` column claims a number of the account's namespace.
HOLDERS: tuple[type[SipUser] | type[IpAuth] | type[ConferenceRoom], ...] = (SipUser, IpAuth, ConferenceRoom)
# The extension column is a 64-bit integer; a number beyond it cannot be one.
MAX_EXTENSION = 2**63 - 1
Row = TypeVar("Row", SipUser, IpAuth, ConferenceRoom)


def extension_of(text: str) -> int | None:
    """The text as an extension number, if it is a plain number (no sign, no leading 0)."""
    return int(text) if text.isdigit() and str(int(text)) == text else None


async def is_taken(account_id: int, extension: int, conn: BaseDBAsyncClient | None = None) -> bool:
    """Whether any holder of the account claims this number."""
    for holder in HOLDERS:
        if await holder.filter(account_id=account_id, extension=extension).using_db(conn).exists():
            return True
    return False


async def any_in(account_id: int, start: int, end: int, conn: BaseDBAsyncClient | None = None) -> bool:
    """Whether any number of [start, end) is claimed in the account."""
    for holder in HOLDERS:
        claimed = holder.filter(account_id=account_id, extension__gte=start, extension__lt=end)
        if await claimed.using_db(conn).exists():
            return True
    return False


async def claimed_from(account_id: int, start: int, conn: BaseDBAsyncClient | None = None) -> set[int]:
    """Every claimed number of the account from `start` on."""
    numbers: set[int] = set()
    for holder in HOLDERS:
        rows = holder.filter(account_id=account_id, extension__gte=start).using_db(conn)
        numbers |= {int(row["extension"]) for row in await rows.values("extension")}
    return numbers


async def by_customer(customer_ids: list[int]) -> dict[int, set[int]]:
    """Each customer's claimed numbers (one statement per holder, for any number of customers)."""
    numbers: dict[int, set[int]] = defaultdict(set)
    if not customer_ids:
        return numbers
    for holder in HOLDERS:
        rows = await holder.filter(customer_id__in=customer_ids, extension__isnull=False).values(
            "customer_id", "extension"
        )
        for row in rows:
            numbers[int(row["customer_id"])].add(int(row["extension"]))
    return numbers


async def check_claim(
    uow: UnitOfWork, customer: Customer, extension: int | None, field: str, *, must_be_number: bool = False
) -> None:
    """The block rules of a claim: free in the account; inside the customer's blocks when it
    has any (where `must_be_number` also refuses a claim that is no number); never inside
    another customer's block."""
    if extension is not None and await is_taken(customer.account_id, extension, uow.conn):
        raise duplicate_extension(field)
    own_blocks = await _block_ranges(uow, customer_id=customer.id)
    if own_blocks and (extension is not None or must_be_number) and not _inside(extension, own_blocks):
        raise ServiceError.single(
            ErrorCode.EXTENSION_OUT_OF_BLOCK,
            f"The {field} must be an extension of one of the customer's number blocks.",
            field,
        )
    if not own_blocks and extension is not None:
        nearby = await _block_ranges(uow, account_id=customer.account_id, start__lte=extension)
        if _inside(extension, nearby):
            raise ServiceError.single(
                ErrorCode.EXTENSION_OUT_OF_BLOCK,
                "This extension belongs to another customer's number block.",
                field,
            )


def extension_text(value: str, _context: CleanContext) -> str:
    """The cleaner of an extension given as text: a number without sign or leading zeros."""
    number = extension_of(value.strip())
    if number is None or number > MAX_EXTENSION:
        raise Invalid(f"An extension is a number from 0 to {MAX_EXTENSION}, without leading zeros.")
    return str(number)


def as_number(value: str | None) -> int | None:
    """How an extension's column stores the clean text."""
    return None if value is None else int(value)


def duplicate_extension(field: str) -> ServiceError:
    return ServiceError.single(
        ErrorCode.DUPLICATE_EXTENSION,
        "This extension is already used in the account (by a SIP user, an IP authentication or a "
        "conference room).",
        field,
    )


async def _block_ranges(uow: UnitOfWork, **filters: Any) -> list[range]:
    rows = await NumberBlock.filter(**filters).using_db(uow.conn).values("start", "size")
    return [range(int(r["start"]), int(r["start"]) + int(r["size"])) for r in rows]


def _inside(extension: int | None, blocks: list[range]) -> bool:
    return extension is not None and any(extension in block for block in blocks)


async def saved_claim(row: IpAuth | ConferenceRoom, uow: UnitOfWork) -> None:
    """Save a row that claims an extension; the unique (account, extension) constraint of its
    table backs the account lock (a duplicate is reported as what it is)."""
    try:
        await row.save(using_db=uow.conn)
    except IntegrityError as exc:
        if integrity.hit(exc, "account_id", "extension"):
            raise duplicate_extension("extension") from exc
        raise
