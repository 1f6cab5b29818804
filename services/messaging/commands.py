"""Messages that staff send directly: the configuration test."""

from __future__ import annotations

from models import Account, Message
from models.enums import AuditAction, MessageChannel, MessageKind, Permission
from services.actor import Actor
from services.errors import permission_denied
from services.messaging.outbox import queue_message
from services.messaging.rendering import render
from services.uow import unit_of_work


async def send_test_message(
    actor: Actor, channel: MessageChannel, to: str, reason: str | None = None
) -> Message:
    """Queue a test e-mail or SMS through the account's settings; it is sent after commit."""
    actor.require(Permission.MESSAGING_SEND)
    if actor.is_partner:
        # A partner's messaging:send reaches its reseller's customers' contacts only
        # (customerMessageSend); a test goes to any address, so it stays the account staff's.
        raise permission_denied()
    async with unit_of_work(actor, reason, is_change=False) as uow:
        account = await Account.get(id=actor.account_id, using_db=uow.conn)
        content = render(
            MessageKind.TEST,
            channel,
            {"account_name": account.name, "sent_by": actor.label, "channel": channel.value.lower()},
        )
        message = await queue_message(uow, channel, MessageKind.TEST, to, content)
        uow.audit(
            AuditAction.SEND,
            "message",
            message.id,
            f"Test {channel.value.lower()} queued for {message.to}",
            diff={"to": {"old": None, "new": message.to}, "channel": {"old": None, "new": channel.value}},
        )
    return message
