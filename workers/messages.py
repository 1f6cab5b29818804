"""Outbox actors: they load by id and call the service; safe to run twice."""

from __future__ import annotations

from services import runtime
from services.messaging import broadcasts, outbox
from workers.registry import actor


@actor(outbox.SEND)
async def send_message(message_id: int) -> None:
    # Retries are the outbox's (backoff in the database), not the broker's.
    await outbox.deliver(runtime.current().settings, message_id)


@actor(outbox.REDRIVE)
async def redrive_outbox() -> None:
    await outbox.redrive(runtime.current().settings)


@actor(broadcasts.FAN_OUT)
async def fan_out_broadcast(broadcast_id: int) -> None:
    await broadcasts.fan_out(broadcast_id)
