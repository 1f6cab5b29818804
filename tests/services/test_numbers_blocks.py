"""Number blocks, called directly: assign_block, release_block, next_free_start, and the block
reads (blocks_by_customer, blocks_by_id, available_extensions, range_state)."""

from __future__ import annotations

from typing import Any

import pytest

from models import Account, AuditEntry, NumberBlock
from models.enums import Permission
from services.actor import Actor, system_actor
from services.customers.commands import delete_customer
from services.errors import ErrorCode, FieldError
from services.numbers.blocks import assign_block, next_free_start, release_block
from services.numbers.queries import (
    RangeState,
    available_extensions,
    blocks_by_customer,
    blocks_by_id,
    range_state,
)
from services.numbers.sip_users import SipUserPatch, create_sip_user
from tests.factories import (
    actor_of,
    make_account,
    make_actor,
    make_customer,
    make_numbered_account,
    make_reseller,
    make_user,
    refused,
)

DENIED = [FieldError(ErrorCode.PERMISSION_DENIED, "You do not have permission to do this.")]
AUDITED = (
    "action",
    "http_verb",
    "record_id",
    "customer_id",
    "message",
    "actor_label",
    "ip",
    "reason",
    "diff",
)


async def numbered_account(start: int = 1000, size: int = 10) -> Account:
    return await make_numbered_account(start, size)


async def block_entries() -> list[dict[str, Any]]:
    return await AuditEntry.filter(table_name="number_block").order_by("id").values(*AUDITED)


async def sip_user(actor: Actor, customer_id: int, username: str) -> None:
    await create_sip_user(actor, customer_id, SipUserPatch(username=username, password="long-secret-1"))


async def test_assign_hands_out_the_next_block_and_audits_it() -> None:
    # Given an account with the range 1000.. in blocks of 10, and two customers
    account = await numbered_account()
    acme, bravo = await make_customer(account), await make_customer(account)
    actor = make_actor(account)

    # When each gets a block
    first = await assign_block(actor, acme.id, reason=" new trunk ")
    second = await assign_block(actor, bravo.id)

    # Then the blocks follow each other and each assignment has its entry
    assert [(b.customer_id, b.start, b.size, b.end) for b in (first, second)] == [
        (acme.id, 1000, 10, 1010),
        (bravo.id, 1010, 10, 1020),
    ]
    assert await block_entries() == [
        {
            "action": "CREATE",
            "http_verb": "POST",
            "record_id": str(first.id),
            "customer_id": acme.id,
            "message": "Number block 1000-1009 assigned",
            "actor_label": "Tester",
            "ip": "198.51.100.1",
            "reason": "new trunk",
            "diff": {"start": {"old": None, "new": 1000}, "end": {"old": None, "new": 1010}},
        },
        {
            "action": "CREATE",
            "http_verb": "POST",
            "record_id": str(second.id),
            "customer_id": bravo.id,
            "message": "Number block 1010-1019 assigned",
            "actor_label": "Tester",
            "ip": "198.51.100.1",
            "reason": None,
            "diff": {"start": {"old": None, "new": 1010}, "end": {"old": None, "new": 1020}},
        },
    ]


async def test_release_deletes_the_block_audits_it_and_frees_it_for_anyone() -> None:
    # Given three blocks held by A, B and A
    account = await numbered_account()
    a, b, c = [await make_customer(account) for _ in range(3)]
    actor = make_actor(account)
    held = [await assign_block(actor, customer.id) for customer in (a, b, a)]

    # When B's block is released, and C then gets two blocks
    released = await release_block(actor, held[1].id, reason="ported out")
    refill, after = await assign_block(actor, c.id), await assign_block(actor, c.id)

    # Then the released block is the first one handed out again, and the release is audited
    assert released.start == 1010
    assert (refill.start, after.start) == (1010, 1030)
    assert await NumberBlock.filter(account_id=account.id).order_by("start").values_list(
        "customer_id", "start"
    ) == [(a.id, 1000), (c.id, 1010), (a.id, 1020), (c.id, 1030)]
    [entry] = await AuditEntry.filter(table_name="number_block", action="DELETE").values(*AUDITED)
    assert entry == {
        "action": "DELETE",
        "http_verb": "DELETE",
        "record_id": str(held[1].id),
        "customer_id": b.id,
        "message": "Number block 1010-1019 released",
        "actor_label": "Tester",
        "ip": "198.51.100.1",
        "reason": "ported out",
        "diff": {"start": {"old": 1010, "new": None}, "end": {"old": 1020, "new": None}},
    }


async def test_assign_and_release_need_customers_write() -> None:
    account = await numbered_account()
    customer = await make_customer(account)
    block = await assign_block(make_actor(account), customer.id)
    reader = make_actor(account, [Permission.CUSTOMERS_READ, Permission.SETTINGS_WRITE])

    assert await refused(assign_block(reader, customer.id)) == DENIED
    assert await refused(release_block(reader, block.id)) == DENIED


async def test_a_partner_assigns_and_releases_only_for_its_resellers_customers() -> None:
    # Given a partner of North, a customer of North and one of South holding a block
    account = await numbered_account()
    north, south = await make_reseller(account), await make_reseller(account)
    partner = await actor_of(await make_user(account, role_name="Partner", reseller=north))
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    their_block = await assign_block(system_actor(account.id), theirs.id)

    # When the partner touches South's customer and block, then its own customer
    assign_errors = await refused(assign_block(partner, theirs.id))
    release_errors = await refused(release_block(partner, their_block.id))
    own = await assign_block(partner, mine.id)

    # Then South's are out of reach exactly like ids that do not exist; its own works
    assert assign_errors == [FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))]
    assert release_errors == [FieldError(ErrorCode.NOT_FOUND, "Number block not found.", ("id",))]
    assert (own.customer_id, own.start) == (mine.id, 1010)
    assert (await AuditEntry.get(record_id=str(own.id), table_name="number_block")).actor_user_id == (
        partner.user_id
    )


async def test_assign_refuses_without_a_range_another_accounts_or_a_deleted_customer() -> None:
    # Given an account without a range, and one with a range, a deleted customer and a foreign one
    bare = await make_account()
    bare_customer = await make_customer(bare)
    account = await numbered_account()
    deleted = await make_customer(account)
    await delete_customer(system_actor(account.id), deleted.id)
    foreign = await make_customer(await numbered_account())

    # Then none of them gets a block
    assert await refused(assign_block(make_actor(bare), bare_customer.id)) == [
        FieldError(
            ErrorCode.NUMBER_RANGE_NOT_CONFIGURED,
            "Set the number range start and block size in the account settings first.",
        )
    ]
    for customer_id in (deleted.id, foreign.id, 2_000_000_000):
        assert await refused(assign_block(make_actor(account), customer_id)) == [
            FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))
        ]


async def test_a_block_in_use_is_not_released_and_an_account_may_require_a_reason() -> None:
    # Given a block with a SIP user on one of its extensions
    account = await numbered_account()
    customer = await make_customer(account)
    actor = make_actor(account)
    block = await assign_block(actor, customer.id)
    await sip_user(actor, customer.id, "1004")

    # Then releasing it is refused; and once reasons are required, so is a change without one
    assert await refused(release_block(actor, block.id)) == [
        FieldError(
            ErrorCode.BLOCK_IN_USE,
            "SIP users or IP authentications still use extensions of this block.",
            ("id",),
        )
    ]
    await Account.filter(id=account.id).update(require_audit_reason=True)
    assert await refused(assign_block(actor, customer.id)) == [
        FieldError(ErrorCode.REASON_REQUIRED, "This account requires a reason for every change.", ("reason",))
    ]


@pytest.mark.parametrize(
    ("held", "extensions", "expected"),
    [
        ([], [], 1000),  # nothing assigned: the range start
        ([1000, 1010], [], 1020),  # dense: the block after the last
        ([1000, 1020], [], 1010),  # a released block in between comes back first
        ([], ["1003"], 1010),  # a block holding an extension in use is skipped
        ([1000, 1020], ["1015"], 1030),  # ... also when it is a gap
        ([], ["999", "alice"], 1000),  # below the range, or not a number: no block taken
    ],
)
async def test_next_free_start(held: list[int], extensions: list[str], expected: int) -> None:
    account = await numbered_account()
    customer = await make_customer(account)
    for start in held:
        await NumberBlock.create(account_id=account.id, customer_id=customer.id, start=start, size=10)
    loose = await make_customer(account)  # holds no block, so any free username is allowed
    for username in extensions:
        await sip_user(system_actor(account.id), loose.id, username)

    assert await next_free_start(account) == expected


async def test_block_reads_keep_to_the_scope_with_their_usage() -> None:
    # Given North's customer with two blocks (one extension used), a staff customer's block,
    # and another account's block
    account = await numbered_account()
    north = await make_reseller(account)
    system = system_actor(account.id)
    mine, staff_only = await make_customer(account, reseller_id=north.id), await make_customer(account)
    first, second = await assign_block(system, mine.id), await assign_block(system, mine.id)
    staff_block = await assign_block(system, staff_only.id)
    await sip_user(system, mine.id, "1011")
    other = await numbered_account()
    foreign = await assign_block(system_actor(other.id), (await make_customer(other)).id)
    ids = [first.id, second.id, staff_block.id, foreign.id, 987_654]
    staff = make_actor(account, [Permission.CUSTOMERS_READ])
    partner = make_actor(account, [Permission.CUSTOMERS_READ], reseller_id=north.id)

    # When staff and the partner read them by id and by customer
    staff_view = await blocks_by_id(staff, ids)
    partner_view = await blocks_by_id(partner, ids)
    by_customer = await blocks_by_customer(partner, [mine.id, staff_only.id, foreign.customer_id])

    # Then each sees its scope only, with the usage of each block
    assert sorted(staff_view) == [first.id, second.id, staff_block.id]
    assert sorted(partner_view) == [first.id, second.id]
    assert [(u.block.start, u.used, u.free) for u in by_customer[mine.id]] == [(1000, 0, 10), (1010, 1, 9)]
    assert list(by_customer) == [mine.id]
    assert await refused(blocks_by_id(make_actor(account, [Permission.CUSTOMERS_WRITE]), ids)) == DENIED
    assert await refused(blocks_by_customer(make_actor(account, []), [mine.id])) == DENIED


async def test_available_extensions_pages_through_the_free_numbers_of_the_blocks() -> None:
    # Given a customer with blocks 1000-1004 and 1005-1009, of which 1001 and 1005 are used
    account = await numbered_account(size=5)
    customer = await make_customer(account)
    system = system_actor(account.id)
    await assign_block(system, customer.id)
    await assign_block(system, customer.id)
    await sip_user(system, customer.id, "1001")
    await sip_user(system, customer.id, "1005")
    reader = make_actor(account, [Permission.CUSTOMERS_READ])

    # When the free numbers are read three at a time
    first = await available_extensions(reader, customer.id, first=3)
    second = await available_extensions(reader, customer.id, first=3, after=first.numbers[-1])
    last = await available_extensions(reader, customer.id, first=3, after=second.numbers[-1])

    # Then they run across the blocks, skipping the used ones
    assert (first.numbers, first.has_next_page, first.total) == ([1000, 1002, 1003], True, 8)
    assert (second.numbers, second.has_next_page) == ([1004, 1006, 1007], True)
    assert (last.numbers, last.has_next_page) == ([1008, 1009], False)


async def test_available_extensions_refuses_a_bad_page_size_and_customers_out_of_scope() -> None:
    account = await numbered_account()
    north = await make_reseller(account)
    staff_only = await make_customer(account)
    partner = make_actor(account, [Permission.CUSTOMERS_READ], reseller_id=north.id)

    assert await refused(available_extensions(partner, staff_only.id, first=101)) == [
        FieldError(ErrorCode.INVALID, "Page size must be between 0 and 100.", ("first",))
    ]
    assert await refused(available_extensions(partner, staff_only.id)) == [
        FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("id",))
    ]
    assert await refused(available_extensions(make_actor(account, []), staff_only.id)) == DENIED


async def test_range_state_counts_the_blocks_and_needs_settings_read() -> None:
    account = await numbered_account()
    system = system_actor(account.id)
    await assign_block(system, (await make_customer(account)).id)
    bare = await make_account()
    reader = make_actor(account, [Permission.SETTINGS_READ])

    assert await range_state(reader) == RangeState(blocks_assigned=1, next_free_start=1010)
    assert await range_state(make_actor(bare, [Permission.SETTINGS_READ])) == RangeState(0, None)
    assert await refused(range_state(make_actor(account, [Permission.CUSTOMERS_READ]))) == DENIED
