"""send_broadcast called directly: chunked writes, one fan-out job after commit, placeholders
replaced as data (never evaluated), HTML escaped, and the partner's scope. Jobs are recorded,
not run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from models import Broadcast, Message
from models.enums import MessageChannel, MessageKind, MessageStatus, Permission
from services import runtime
from services.customers.bulk import Selection
from services.errors import ErrorCode, FieldError
from services.jobs import Job
from services.listing import Filter, PageRequest
from services.messaging import broadcasts
from services.messaging.broadcasts import BroadcastRequest, fan_out, send_broadcast
from services.messaging.outbox import SEND
from tests.factories import (
    db_state,
    make_account,
    make_actor,
    make_contact,
    make_customer,
    make_reseller,
    refused,
)


@pytest.fixture(autouse=True)
def dispatched() -> Iterator[list[Job]]:
    jobs: list[Job] = []
    with runtime.installed(runtime.current().with_dispatcher(jobs.extend)):
        yield jobs


def everyone(
    subject: str = "News", body: str = "Hi {{contact.name}} of {{customer.name}}"
) -> BroadcastRequest:
    return BroadcastRequest(Selection(where=Filter(conditions={})), MessageChannel.EMAIL, subject, body)


async def test_messages_are_inserted_in_chunks_and_sent_by_one_fan_out_job(
    dispatched: list[Job], monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: small pages and chunks, so 3 customers x 4 contacts cross every boundary
    monkeypatch.setattr(broadcasts, "CUSTOMER_PAGE", 2)
    monkeypatch.setattr(broadcasts, "INSERT_CHUNK", 5)
    monkeypatch.setattr(broadcasts, "FAN_OUT_PAGE", 7)
    account = await make_account()
    for c in range(3):
        customer = await make_customer(account, name=f"Customer {c}")
        for n in range(4):
            await make_contact(customer, name=f"Person {c}.{n}", email=f"p{c}.{n}@example.com")
    dispatched.clear()

    result = await send_broadcast(make_actor(account), everyone())

    # then: 12 messages of the broadcast, one fan-out job, which enqueues a send for each
    assert result.broadcast is not None and result.recipient_count == 12
    rows = await Message.filter(broadcast_id=result.broadcast.id).order_by("id")
    assert {(m.kind, m.status) for m in rows} == {(MessageKind.CAMPAIGN, MessageStatus.QUEUED)}
    assert len({m.to for m in rows}) == 12 and len({m.header_message_id for m in rows}) == 12
    assert [job.name for job in dispatched] == [broadcasts.FAN_OUT.name]
    dispatched.clear()
    assert await fan_out(result.broadcast.id) == 12
    assert sorted(int(job.kwargs["message_id"]) for job in dispatched if job.spec is SEND) == [
        m.id for m in rows
    ]
    assert (await Broadcast.get(id=result.broadcast.id)).recipient_count == 12


async def test_placeholders_are_replaced_as_data_and_html_is_escaped() -> None:
    account = await make_account()
    customer = await make_customer(account, name="<b>{{ 7 * 7 }}</b>")
    await make_contact(customer, name="{{contact.name}}", email="a@example.com")

    result = await send_broadcast(make_actor(account), everyone())

    [message] = await Message.filter(broadcast_id=result.broadcast.id)  # type: ignore[union-attr]
    assert message.body_text == "Hi {{contact.name}} of <b>{{ 7 * 7 }}</b>\n"
    assert message.body_html is not None and "&lt;b&gt;{{ 7 * 7 }}&lt;/b&gt;" in message.body_html
    assert "49" not in message.body_text


async def test_template_code_is_refused_before_anything_is_read() -> None:
    account = await make_account()
    before = await db_state()

    errors = await refused(send_broadcast(make_actor(account), everyone(body="{{ ''.__class__ }}")))

    assert errors == [
        FieldError(
            ErrorCode.INVALID, "The only placeholders are {{customer.name}} and {{contact.name}}.", ("body",)
        )
    ]
    assert await db_state() == before


async def test_a_partner_reaches_only_its_resellers_customers() -> None:
    account = await make_account()
    own, other = await make_reseller(account, "Own"), await make_reseller(account, "Other")
    await make_contact(await make_customer(account, reseller_id=own.id))
    await make_contact(await make_customer(account, reseller_id=other.id))
    partner = make_actor(account, [Permission.MESSAGING_SEND], reseller_id=own.id)

    result = await send_broadcast(partner, everyone())

    assert result.recipient_count == 1
    assert result.broadcast is not None and result.broadcast.reseller_id == own.id
    listed = await broadcasts.list_broadcasts(make_actor(account, reseller_id=other.id), PageRequest())
    assert listed.rows == []


async def test_without_messaging_send_nothing_is_read_or_written() -> None:
    account = await make_account()
    await make_contact(await make_customer(account))
    before = await db_state()

    errors = await refused(send_broadcast(make_actor(account, [Permission.CUSTOMERS_READ]), everyone()))

    assert [e.code for e in errors] == [ErrorCode.PERMISSION_DENIED]
    assert await db_state() == before


async def test_a_voice_broadcast_is_refused() -> None:
    account = await make_account()
    customer = await make_customer(account)
    await make_contact(customer, mobile="+447911123456")
    request = BroadcastRequest(Selection(where=Filter(conditions={})), MessageChannel.VOICE, "", "Hello")

    errors = await refused(send_broadcast(make_actor(account), request))

    assert errors == [FieldError(ErrorCode.INVALID, "Broadcasts go by e-mail or SMS.", ("channel",))]
