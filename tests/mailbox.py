"""Reading what the outbox delivered to the local folder (the default sender): the e-mails of a
recipient, and the set-password link's secret inside one."""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from email.message import EmailMessage

from models import Message
from models.enums import MessageStatus
from settings import Settings
from workers.inprocess import InProcessRunner

LINK = re.compile(r"/set-password#token=([A-Za-z0-9_-]+)")


async def delivered(settings: Settings, runner: InProcessRunner, to: str) -> list[EmailMessage]:
    """The e-mails sent to `to` (after the pending sends finished), oldest first."""
    await runner.join()
    emails = []
    for message in await Message.filter(to=to, status=MessageStatus.SENT).order_by("id"):
        path = settings.outbox_dir / str(message.account_id) / f"message-{message.id}.eml"
        emails.append(message_from_bytes(path.read_bytes(), policy=policy.default))
    return [e for e in emails if isinstance(e, EmailMessage)]


def text_of(email: EmailMessage) -> str:
    part = email.get_body(("plain",))
    assert part is not None
    content: str = part.get_content()
    return content


def link_secret(email: EmailMessage) -> str:
    """The secret of the set-password link in the e-mail's text."""
    found = LINK.search(text_of(email))
    assert found is not None, text_of(email)
    return found.group(1)


async def last_link_secret(settings: Settings, runner: InProcessRunner, to: str) -> str:
    emails = await delivered(settings, runner, to)
    assert emails, f"no e-mail was sent to {to}"
    return link_secret(emails[-1])
