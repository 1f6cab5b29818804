"""E-mail attachments stored by reference: a `message_attachment` row says what to produce at
delivery (an invoice's PDF, ...); the bytes are made then, never kept in the outbox or the broker."""

from __future__ import annotations

from dataclasses import dataclass

from models import Message, MessageAttachment
from models.enums import AttachmentSource
from services.uow import UnitOfWork


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


async def attach(
    uow: UnitOfWork,
    message: Message,
    source: AttachmentSource,
    source_id: int,
    filename: str,
    content_type: str,
) -> MessageAttachment:
    """Attach a file to a queued message, in the caller's transaction."""
    return await MessageAttachment.create(
        message_id=message.id,
        filename=filename,
        content_type=content_type,
        source=source,
        source_id=source_id,
        using_db=uow.conn,
    )


async def produce(message_id: int) -> tuple[Attachment, ...]:
    """The message's attachments, made now from their sources."""
    rows = await MessageAttachment.filter(message_id=message_id).order_by("id")
    return tuple([Attachment(row.filename, row.content_type, await _content(row)) for row in rows])


async def _content(row: MessageAttachment) -> bytes:
    if row.source is AttachmentSource.INVOICE_PDF:
        # Imported here: invoices queue messages, so the outbox cannot import them at load time.
        from services.invoices.documents import invoice_pdf

        return await invoice_pdf(int(row.source_id))
    raise LookupError(f"No producer for attachments of {row.source}.")
