"""Conference rooms (Class 5): a room at an extension of the account's namespace, under the
block rules of every extension (services/numbers/extensions.py), with an optional PIN (kept
only as an argon2 hash), a participant cap and recording on or off."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from models import ConferenceRoom
from models.enums import AuditAction, Permission
from services.actor import Actor
from services.auditing import creation_diff, diff, snapshot
from services.errors import ErrorCode, FieldError, ServiceError
from services.fields import CleanContext, accept, clean, creation_defaults, row_values, spec
from services.numbers import extensions
from services.numbers.blocks import lock_account
from services.numbers.owned import cap, delete_owned, locked_customer, owned_row
from services.passwords import hash_password
from services.uow import unit_of_work
from services.validation import Invalid, Patch, Unset, optional_text

TABLE = "conference_room"
AUDITED = ("extension", "name", "max_participants", "recording", "pin_hash")
SECRETS = frozenset({"pin_hash"})
_PIN = re.compile(r"[0-9]{4,12}")


def _name(value: str, _context: CleanContext) -> str | None:
    return optional_text(value, max_length=200)


def _pin(value: str, _context: CleanContext) -> str:
    if not _PIN.fullmatch(value):
        raise Invalid("4 to 12 digits.")
    return value


def _hashed(pin: str | None) -> str | None:
    return None if pin is None else hash_password(pin)


@dataclass(frozen=True)
class ConferenceRoomPatch(Patch):
    """A conference room's editable fields, declared once (see services/fields.py)."""

    extension: str | Unset = spec(
        "The room's extension, unique in the account among SIP usernames, IP-auth and conference "
        "extensions; inside the customer's number blocks when it holds any.",
        clean=extensions.extension_text,
        store=extensions.as_number,
    )
    name: str | None | Unset = spec("What callers and staff call the room.", clean=_name, default=None)
    pin: str | None | Unset = spec(
        "4 to 12 digits callers enter to join; null for an open room. Stored only as a hash.",
        clean=_pin,
        default=None,
        audited=False,
        secret=True,
        column="pin_hash",
        store=_hashed,
    )
    max_participants: int | Unset = spec("Participants at once; 0 means no cap.", clean=cap, default=0)
    recording: bool | Unset = spec("Whether the room's calls are recorded.", clean=accept, default=False)


async def create_conference_room(
    actor: Actor, customer_id: int, patch: ConferenceRoomPatch, reason: str | None = None
) -> ConferenceRoom:
    """A new room of the customer; the extension is required."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    if isinstance(cleaned.extension, Unset):
        raise ServiceError([FieldError(ErrorCode.REQUIRED, "This field is required.", ("extension",))])
    new = replace(ConferenceRoomPatch(**creation_defaults(ConferenceRoomPatch)), **cleaned.given())
    async with unit_of_work(actor, reason) as uow:
        account = await lock_account(uow)
        customer = await locked_customer(uow, customer_id)
        room = ConferenceRoom(account_id=account.id, customer_id=customer.id, **row_values(new))
        await extensions.check_claim(uow, customer, room.extension, "extension")
        await extensions.saved_claim(room, uow)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            room.id,
            f"Conference room {room.extension} created",
            customer_id=customer.id,
            diff=creation_diff(snapshot(room, AUDITED), SECRETS),
        )
    return room


async def update_conference_room(
    actor: Actor, room_id: int, patch: ConferenceRoomPatch, reason: str | None = None
) -> ConferenceRoom:
    """Change the given fields; a null PIN opens the room."""
    actor.require(Permission.CUSTOMERS_WRITE)
    cleaned = clean(patch)
    async with unit_of_work(actor, reason) as uow:
        await lock_account(uow)
        room = await owned_row(uow, ConferenceRoom, room_id, "Conference room")
        before = snapshot(room, AUDITED)
        old_extension = room.extension
        for column, value in row_values(cleaned).items():
            setattr(room, column, value)
        if room.extension != old_extension:
            customer = await locked_customer(uow, room.customer_id)
            await extensions.check_claim(uow, customer, room.extension, "extension")
        changes = diff(before, snapshot(room, AUDITED), SECRETS)
        if changes:
            await extensions.saved_claim(room, uow)
            uow.audit(
                AuditAction.UPDATE,
                TABLE,
                room.id,
                f"Conference room {room.extension} updated",
                customer_id=room.customer_id,
                diff=changes,
            )
    return room


async def delete_conference_room(actor: Actor, room_id: int, reason: str | None = None) -> ConferenceRoom:
    return await delete_owned(
        actor, ConferenceRoom, room_id, what="Conference room", named_by="extension", reason=reason
    )
