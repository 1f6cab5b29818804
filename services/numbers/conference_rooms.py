"""Conference rooms (Class 5): a room at an extension of the account's namespace, under the
block rules of every extension (services/numbers/extensions.py), with an optional PIN (kept
only as an argon2 hash), a participant cap and recording on or off."""

from __future__ import annotations

import re
from dataclasses import dataclass

from models import ConferenceRoom, Customer
from models.enums import Permission
from services.actor import Actor
from services.auditing import JsonValue
from services.fields import CleanContext, accept, clean, row_values, spec
from services.numbers import extensions
from services.numbers.owned import Kind, builder, cap, create_owned, delete_owned, require_given, update_owned
from services.passwords import hash_password
from services.uow import UnitOfWork
from services.validation import Invalid, Patch, Unset, optional_text

TABLE = "conference_room"
AUDITED = ("extension", "name", "max_participants", "recording", "pin_hash")
SECRETS = frozenset({"pin_hash"})
KIND = Kind(TABLE, "Conference room", "extension", AUDITED, SECRETS)
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
    require_given(cleaned, "extension")
    build = builder(ConferenceRoom, cleaned)
    return await create_owned(actor, customer_id, KIND, build, _check, extensions.saved_claim, reason)


async def update_conference_room(
    actor: Actor, room_id: int, patch: ConferenceRoomPatch, reason: str | None = None
) -> ConferenceRoom:
    """Change the given fields; a null PIN opens the room."""
    actor.require(Permission.CUSTOMERS_WRITE)
    columns = row_values(clean(patch))
    return await update_owned(
        actor, ConferenceRoom, room_id, KIND, columns, _check, extensions.saved_claim, reason
    )


async def _check(
    uow: UnitOfWork, customer: Customer, room: ConferenceRoom, before: dict[str, JsonValue]
) -> None:
    """A new or changed extension is claimed under the block rules."""
    if room.extension != before.get("extension"):
        await extensions.check_claim(uow, customer, room.extension, "extension")


async def delete_conference_room(actor: Actor, room_id: int, reason: str | None = None) -> ConferenceRoom:
    return await delete_owned(actor, ConferenceRoom, room_id, KIND, reason)
