"""Conference rooms, called directly: create, update and delete, the hashed PIN, and the
extension namespace they share with SIP users and IP authentications."""

from __future__ import annotations

from typing import Any

import pytest

from models import AuditEntry, ConferenceRoom
from models.enums import Permission
from services.actor import system_actor
from services.errors import ErrorCode, FieldError
from services.numbers.blocks import assign_block
from services.numbers.conference_rooms import (
    ConferenceRoomPatch,
    create_conference_room,
    delete_conference_room,
    update_conference_room,
)
from services.numbers.ip_auth import IpAuthPatch, create_ip_auth
from services.numbers.queries import available_extensions, conference_rooms_by_customer
from services.numbers.sip_users import SipUserPatch, create_sip_user
from services.passwords import verify_password
from tests.factories import (
    DENIED,
    actor_of,
    make_actor,
    make_customer,
    make_numbered_account,
    make_reseller,
    make_user,
    refused,
)

NOT_FOUND = [FieldError(ErrorCode.NOT_FOUND, "Conference room not found.", ("id",))]
TAKEN = "This extension is already used in the account (by a SIP user, an IP authentication or a conference room)."
AUDITED = ("action", "record_id", "customer_id", "message", "reason", "diff")


async def entries(**filters: Any) -> list[dict[str, Any]]:
    return await AuditEntry.filter(table_name="conference_room", **filters).order_by("id").values(*AUDITED)


async def test_create_keeps_only_the_pins_hash_and_audits_it_redacted() -> None:
    account = await make_numbered_account()
    customer = await make_customer(account)

    room = await create_conference_room(
        make_actor(account),
        customer.id,
        ConferenceRoomPatch(extension="500", name=" Board ", pin="4321", max_participants=12, recording=True),
    )

    row = await ConferenceRoom.get(id=room.id)
    assert (row.extension, row.name, row.max_participants, row.recording) == (500, "Board", 12, True)
    assert row.pin_hash is not None and verify_password(row.pin_hash, "4321")
    assert await entries() == [
        {
            "action": "CREATE",
            "record_id": str(room.id),
            "customer_id": customer.id,
            "message": "Conference room 500 created",
            "reason": None,
            "diff": {
                "extension": {"old": None, "new": 500},
                "name": {"old": None, "new": "Board"},
                "max_participants": {"old": None, "new": 12},
                "recording": {"old": None, "new": True},
                "pin_hash": {"old": None, "new": "[redacted]"},
            },
        }
    ]
    assert "4321" not in str(await AuditEntry.all().values())


@pytest.mark.parametrize(
    ("given", "errors"),
    [
        (ConferenceRoomPatch(), [FieldError(ErrorCode.REQUIRED, "This field is required.", ("extension",))]),
        (
            ConferenceRoomPatch(extension="07", name="x" * 201, pin="12", max_participants=-1),
            [
                FieldError(
                    ErrorCode.INVALID,
                    f"An extension is a number from 0 to {2**63 - 1}, without leading zeros.",
                    ("extension",),
                ),
                FieldError(ErrorCode.INVALID, "At most 200 characters.", ("name",)),
                FieldError(ErrorCode.INVALID, "4 to 12 digits.", ("pin",)),
                FieldError(ErrorCode.INVALID, "Must be 0 or more.", ("max_participants",)),
            ],
        ),
        (
            ConferenceRoomPatch(extension="500", pin="12ab", recording=None),  # type: ignore[arg-type]
            [
                FieldError(ErrorCode.INVALID, "4 to 12 digits.", ("pin",)),
                FieldError(ErrorCode.REQUIRED, "This field cannot be null.", ("recording",)),
            ],
        ),
    ],
    ids=["nothing", "every-field-bad", "letters-and-null"],
)
async def test_create_refuses_bad_input_and_writes_nothing(
    given: ConferenceRoomPatch, errors: list[FieldError]
) -> None:
    account = await make_numbered_account()
    customer = await make_customer(account)

    assert await refused(create_conference_room(make_actor(account), customer.id, given)) == errors


async def test_rooms_share_the_namespace_with_sip_users_and_ip_auth_under_the_block_rules() -> None:
    # Given a holder of block 1000-1099 with SIP user 1000 and IP auth extension 1001
    account = await make_numbered_account()
    actor = make_actor(account)
    holder, free = await make_customer(account), await make_customer(account)
    await assign_block(actor, holder.id)
    await create_sip_user(actor, holder.id, SipUserPatch(username="1000", password="long-secret-1"))
    await create_ip_auth(actor, holder.id, IpAuthPatch(address="192.0.2.1", extension="1001"))
    taken = [FieldError(ErrorCode.DUPLICATE_EXTENSION, TAKEN, ("extension",))]

    # Then a room cannot take either, keeps to the block, and its own number is taken for the others
    assert (
        await refused(create_conference_room(actor, holder.id, ConferenceRoomPatch(extension="1000")))
        == taken
    )
    assert (
        await refused(create_conference_room(actor, holder.id, ConferenceRoomPatch(extension="1001")))
        == taken
    )
    assert await refused(create_conference_room(actor, holder.id, ConferenceRoomPatch(extension="1100"))) == [
        FieldError(
            ErrorCode.EXTENSION_OUT_OF_BLOCK,
            "The extension must be an extension of one of the customer's number blocks.",
            ("extension",),
        )
    ]
    assert await refused(create_conference_room(actor, free.id, ConferenceRoomPatch(extension="1050"))) == [
        FieldError(
            ErrorCode.EXTENSION_OUT_OF_BLOCK,
            "This extension belongs to another customer's number block.",
            ("extension",),
        )
    ]
    await create_conference_room(actor, holder.id, ConferenceRoomPatch(extension="1002"))
    assert await refused(
        create_sip_user(actor, holder.id, SipUserPatch(username="1002", password="long-secret-1"))
    ) == [FieldError(ErrorCode.DUPLICATE_EXTENSION, TAKEN, ("username",))]
    assert (await available_extensions(actor, holder.id, first=2)).numbers == [1003, 1004]


async def test_update_changes_the_pin_and_opens_the_room_with_null() -> None:
    account = await make_numbered_account()
    actor = make_actor(account)
    customer = await make_customer(account)
    room = await create_conference_room(actor, customer.id, ConferenceRoomPatch(extension="500", pin="1111"))

    await update_conference_room(actor, room.id, ConferenceRoomPatch(pin="2222", max_participants=5))
    changed = await ConferenceRoom.get(id=room.id)
    await update_conference_room(actor, room.id, ConferenceRoomPatch(pin=None, extension="501"))
    opened = await ConferenceRoom.get(id=room.id)

    assert changed.pin_hash is not None and verify_password(changed.pin_hash, "2222")
    assert (opened.pin_hash, opened.extension, opened.max_participants) == (None, 501, 5)
    assert [entry["diff"] for entry in await entries(action="UPDATE")] == [
        {"max_participants": {"old": 0, "new": 5}, "pin_hash": {"old": "[redacted]", "new": "[redacted]"}},
        {"extension": {"old": 500, "new": 501}, "pin_hash": {"old": "[redacted]", "new": None}},
    ]


async def test_delete_permission_and_scope() -> None:
    # Given North's and South's rooms and a partner of North
    account = await make_numbered_account()
    north, south = await make_reseller(account), await make_reseller(account)
    partner = await actor_of(await make_user(account, role_name="Partner", reseller=north))
    system = system_actor(account.id)
    mine = await make_customer(account, reseller_id=north.id)
    theirs = await make_customer(account, reseller_id=south.id)
    their_room = await create_conference_room(system, theirs.id, ConferenceRoomPatch(extension="800"))
    reader = make_actor(account, [Permission.CUSTOMERS_READ])

    # Then
    assert (
        await refused(create_conference_room(reader, mine.id, ConferenceRoomPatch(extension="801"))) == DENIED
    )
    assert (
        await refused(update_conference_room(reader, their_room.id, ConferenceRoomPatch(name="x"))) == DENIED
    )
    assert await refused(delete_conference_room(reader, their_room.id)) == DENIED
    assert await refused(delete_conference_room(partner, their_room.id)) == NOT_FOUND
    assert await refused(
        create_conference_room(partner, theirs.id, ConferenceRoomPatch(extension="801"))
    ) == [FieldError(ErrorCode.NOT_FOUND, "Customer not found.", ("customer_id",))]
    own = await create_conference_room(partner, mine.id, ConferenceRoomPatch(extension="801"))
    assert list(await conference_rooms_by_customer(partner, [mine.id, theirs.id])) == [mine.id]
    deleted = await delete_conference_room(partner, own.id, reason="closed")
    assert (deleted.extension, await ConferenceRoom.filter(id=own.id).exists()) == (801, False)
    assert await entries(action="DELETE") == [
        {
            "action": "DELETE",
            "record_id": str(own.id),
            "customer_id": mine.id,
            "message": "Conference room 801 deleted",
            "reason": "closed",
            "diff": {"extension": {"old": 801, "new": None}},
        }
    ]
