"""The domains' batched reads, called directly: each checks its permission and its scope, and
returns only what the actor may see (the GraphQL fields, `node` and the loaders all use them)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from models import Account, AuditEntry, Message
from models.enums import MessageChannel, MessageKind, Permission
from services.actor import system_actor
from services.audit import entries_by_id, may_see_origin
from services.customers.queries import customers_by_id, tags_by_customer
from services.directory import own_reseller, own_user, resellers_by_id, users_by_id
from services.errors import ErrorCode, ServiceError
from services.messaging.queries import messages_by_id
from services.numbers.blocks import assign_block
from services.numbers.queries import blocks_by_customer, blocks_by_id, sip_users_by_id
from services.numbers.sip_users import SipUserPatch, create_sip_user
from tests.factories import make_account, make_actor, make_customer, make_reseller, make_user


def refused_code(exc: pytest.ExceptionInfo[ServiceError]) -> ErrorCode:
    return exc.value.errors[0].code


async def test_customers_by_id_keeps_to_the_scope_and_needs_customers_read() -> None:
    account, other = await make_account(), await make_account()
    reseller = await make_reseller(account)
    mine = await make_customer(account, name="Mine", reseller_id=reseller.id, tags=["vip"])
    staff_only = await make_customer(account, name="Staff only")
    foreign = await make_customer(other, name="Foreign")
    ids = [mine.id, staff_only.id, foreign.id, 987_654]

    staff = await customers_by_id(make_actor(account, [Permission.CUSTOMERS_READ]), ids)
    partner = await customers_by_id(
        make_actor(account, [Permission.CUSTOMERS_READ], reseller_id=reseller.id), ids
    )
    with pytest.raises(ServiceError) as refused:
        await customers_by_id(make_actor(account, []), ids)

    assert sorted(staff) == [mine.id, staff_only.id]
    assert sorted(partner) == [mine.id]
    assert refused_code(refused) is ErrorCode.PERMISSION_DENIED
    assert await tags_by_customer(
        make_actor(account, [Permission.CUSTOMERS_READ]), [mine.id, staff_only.id]
    ) == {mine.id: ["vip"]}


async def test_blocks_are_read_with_their_usage_on_every_path() -> None:
    account = await make_account()
    await Account.filter(id=account.id).update(number_range_start=1000, number_block_size=10)
    customer = await make_customer(account)
    system = system_actor(account.id)
    block = await assign_block(system, customer.id)
    sip_user = await create_sip_user(
        system, customer.id, SipUserPatch(username="1003", password="long-secret-1")
    )
    reader = make_actor(account, [Permission.CUSTOMERS_READ])

    by_id = (await blocks_by_id(reader, [block.id]))[block.id]
    [by_customer] = (await blocks_by_customer(reader, [customer.id]))[customer.id]

    assert (by_id.block.id, by_id.used, by_id.free) == (block.id, 1, 9)
    assert (by_customer.block.id, by_customer.used, by_customer.free) == (block.id, 1, 9)
    assert list(await sip_users_by_id(reader, [sip_user.id])) == [sip_user.id]
    with pytest.raises(ServiceError) as refused:
        await blocks_by_id(make_actor(account, [Permission.CUSTOMERS_WRITE]), [block.id])
    assert refused_code(refused) is ErrorCode.PERMISSION_DENIED


async def test_a_deleted_customers_blocks_and_sip_users_are_not_read() -> None:
    account = await make_account()
    await Account.filter(id=account.id).update(number_range_start=1000, number_block_size=10)
    customer = await make_customer(account)
    system = system_actor(account.id)
    block = await assign_block(system, customer.id)
    sip_user = await create_sip_user(
        system, customer.id, SipUserPatch(username="1003", password="long-secret-1")
    )
    await customer.__class__.filter(id=customer.id).update(deleted_at=customer.created_at)
    reader = make_actor(account, [Permission.CUSTOMERS_READ])

    assert await blocks_by_id(reader, [block.id]) == {}
    assert await sip_users_by_id(reader, [sip_user.id]) == {}


async def test_the_directory_shows_readers_of_customers_their_scope_and_anyone_themself() -> None:
    account = await make_account()
    reseller = await make_reseller(account)
    staff = await make_user(account, role_name="Support")
    partner = await make_user(account, role_name="Partner", reseller=reseller)
    ids = [staff.id, partner.id]

    reader = await users_by_id(make_actor(account, [Permission.CUSTOMERS_READ]), ids)
    partner_view = await users_by_id(
        make_actor(account, [Permission.CUSTOMERS_READ], reseller_id=reseller.id), ids
    )
    bare_self = make_actor(account, [], user_id=staff.id)
    with pytest.raises(ServiceError) as refused:
        await users_by_id(bare_self, ids)

    assert sorted(reader) == ids
    assert list(partner_view) == [partner.id]
    assert refused_code(refused) is ErrorCode.PERMISSION_DENIED
    assert (await own_user(bare_self)) is not None
    assert (await own_user(bare_self)).email == staff.email  # type: ignore[union-attr]
    assert await own_reseller(bare_self) is None
    partner_self = make_actor(account, [], user_id=partner.id, reseller_id=reseller.id)
    assert (await own_reseller(partner_self)).id == reseller.id  # type: ignore[union-attr]
    assert list(await resellers_by_id(partner_self, [reseller.id])) == [reseller.id]


async def test_audit_entries_need_audit_read_and_partners_see_no_origin() -> None:
    account = await make_account()
    reseller = await make_reseller(account)
    await make_customer(account, name="Theirs", reseller_id=reseller.id)
    await make_customer(account, name="Staff only")
    entries = await AuditEntry.filter(account_id=account.id).order_by("id")
    ids = [entry.id for entry in entries]
    staff = make_actor(account, [Permission.AUDIT_READ])
    partner = make_actor(account, [Permission.AUDIT_READ], reseller_id=reseller.id)

    assert sorted(await entries_by_id(staff, ids)) == ids
    assert list(await entries_by_id(partner, ids)) == [ids[0]]
    assert (may_see_origin(staff), may_see_origin(partner)) == (True, False)
    with pytest.raises(ServiceError) as refused:
        await entries_by_id(replace(staff, permissions=frozenset()), ids)
    assert refused_code(refused) is ErrorCode.PERMISSION_DENIED


async def test_messages_need_messaging_send_and_keep_to_the_account() -> None:
    account, other = await make_account(), await make_account()
    customer = await make_customer(account)

    async def message(owner: Account, to: str) -> Message:
        return await Message.create(
            account_id=owner.id,
            customer_id=customer.id if owner is account else None,
            channel=MessageChannel.EMAIL,
            kind=MessageKind.TEST,
            to=to,
            header_message_id=f"<{to}>",
            next_attempt_at=customer.created_at,
        )

    mine, theirs = await message(account, "ops@acme.example"), await message(other, "ops@other.example")

    found = await messages_by_id(make_actor(account, [Permission.MESSAGING_SEND]), [mine.id, theirs.id])
    with pytest.raises(ServiceError) as refused:
        await messages_by_id(make_actor(account, [Permission.CUSTOMERS_READ]), [mine.id])

    assert list(found) == [mine.id]
    assert refused_code(refused) is ErrorCode.PERMISSION_DENIED
