"""Internal number blocks and SIP users."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.fields import Mode, declared_fields
from gql.nodes import resolve_nodes
from gql.types.common import REASON
from gql.types.scheduled_changes import EFFECTIVE_AT, OVERWRITE, ScheduledChange
from models import ConferenceRoom as ConferenceRoomModel
from models import IpAuth as IpAuthModel
from models import NumberBlock as NumberBlockModel
from models import SipUser as SipUserModel
from services.fields import specs_of
from services.numbers.conference_rooms import ConferenceRoomPatch
from services.numbers.ip_auth import IpAuthPatch
from services.numbers.queries import (
    BlockUsage,
    blocks_by_id,
    conference_rooms_by_id,
    ip_auths_by_id,
    sip_users_by_id,
)
from services.numbers.sip_users import SipUserPatch

SIP_USER_FIELDS = specs_of(SipUserPatch)
IP_AUTH_FIELDS = specs_of(IpAuthPatch)
CONFERENCE_ROOM_FIELDS = specs_of(ConferenceRoomPatch)


@strawberry.type(description="A block [start, end) of internal numbers held by a customer.")
class NumberBlock(relay.Node):
    id: relay.NodeID[int]
    start: int = strawberry.field(description="First number of the block.")
    end: int = strawberry.field(description="First number after the block.")
    size: int = strawberry.field(description="How many numbers the block holds.")
    used: int = strawberry.field(description="Numbers used as SIP usernames.")
    free: int = strawberry.field(description="Numbers still free.")

    @classmethod
    def from_usage(cls, usage: BlockUsage) -> NumberBlock:
        row = usage.block
        return cls(id=row.id, start=row.start, end=row.end, size=row.size, used=usage.used, free=usage.free)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, NumberBlockModel, blocks_by_id, cls.from_usage)


@strawberry.type(description="A SIP user (customer auth). Its password is never readable.")
@declared_fields(SIP_USER_FIELDS, Mode.OUTPUT)
class SipUser(relay.Node):
    """The editable fields come from the SIP user's field declarations
    (services/numbers/sip_users.py); the password is a secret, so it is never an output."""

    id: relay.NodeID[int]
    created_at: datetime = strawberry.field(description="When it was created (UTC).")

    @classmethod
    def from_model(cls, row: SipUserModel) -> SipUser:
        shown = {name: getattr(row, name) for name, field in SIP_USER_FIELDS.items() if not field.secret}
        return cls(id=row.id, created_at=row.created_at, **shown)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, SipUserModel, sip_users_by_id, cls.from_model)


@strawberry.input(description="Give the customer the next free number block.")
class NumberBlockAssignInput:
    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Release a number block with no SIP user in it.")
class NumberBlockReleaseInput:
    id: relay.GlobalID = strawberry.field(description="The block.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of numberBlockAssign.")
class NumberBlockAssignPayload:
    number_block: NumberBlock | None = strawberry.field(default=None, description="The block assigned.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of numberBlockRelease.")
class NumberBlockReleasePayload:
    released_id: relay.GlobalID | None = strawberry.field(default=None, description="The block released.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.input(description="A new SIP user of a customer.")
@declared_fields(SIP_USER_FIELDS, Mode.CREATE)
class SipUserCreateInput:
    """One field per SIP user declaration (services/numbers/sip_users.py)."""

    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)


@strawberry.input(description="Changes to a SIP user: omitted fields stay.")
@declared_fields(SIP_USER_FIELDS, Mode.UPDATE)
class SipUserUpdateInput:
    """One optional field per SIP user declaration; a new username needs the password."""

    id: relay.GlobalID = strawberry.field(description="The SIP user.")
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)
    overwrite: bool = strawberry.field(default=False, description=OVERWRITE)


@strawberry.input(description="Delete a SIP user.")
class SipUserDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The SIP user.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of sipUserCreate and sipUserUpdate.")
class SipUserPayload:
    sip_user: SipUser | None = strawberry.field(
        default=None,
        description="The SIP user as saved (as it is now, or null for a creation, when scheduled).",
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of sipUserDelete.")
class SipUserDeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(default=None, description="The SIP user deleted.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(
    description="An IP authentication (customer auth): calls from its network, with its tech prefix."
)
@declared_fields(IP_AUTH_FIELDS, Mode.OUTPUT)
class IpAuth(relay.Node):
    """The fields come from the IP authentication's declarations (services/numbers/ip_auth.py)."""

    id: relay.NodeID[int]
    created_at: datetime = strawberry.field(description="When it was created (UTC).")

    @classmethod
    def from_model(cls, row: IpAuthModel) -> IpAuth:
        shown = {name: getattr(row, name) for name in IP_AUTH_FIELDS}
        shown["extension"] = None if row.extension is None else str(row.extension)
        return cls(id=row.id, created_at=row.created_at, **shown)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, IpAuthModel, ip_auths_by_id, cls.from_model)


@strawberry.input(description="A new IP authentication of a customer.")
@declared_fields(IP_AUTH_FIELDS, Mode.CREATE)
class IpAuthCreateInput:
    """One field per IP authentication declaration (services/numbers/ip_auth.py)."""

    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)


@strawberry.input(description="Changes to an IP authentication: omitted fields stay, null clears.")
@declared_fields(IP_AUTH_FIELDS, Mode.UPDATE)
class IpAuthUpdateInput:
    """One optional field per IP authentication declaration."""

    id: relay.GlobalID = strawberry.field(description="The IP authentication.")
    reason: str | None = strawberry.field(default=None, description=REASON)
    effective_at: datetime | None = strawberry.field(default=None, description=EFFECTIVE_AT)
    overwrite: bool = strawberry.field(default=False, description=OVERWRITE)


@strawberry.input(description="Delete an IP authentication.")
class IpAuthDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The IP authentication.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of ipAuthCreate, ipAuthUpdate and ipAuthDelete.")
class IpAuthPayload:
    ip_auth: IpAuth | None = strawberry.field(
        default=None,
        description="The IP authentication as saved (as it was, once deleted; as it is now, or "
        "null for a creation, when the change is scheduled).",
    )
    scheduled_change: ScheduledChange | None = strawberry.field(
        default=None, description="The change stored for later, when effectiveAt is in the future."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="A conference room (Class 5) at an extension. Its PIN is never readable.")
@declared_fields(CONFERENCE_ROOM_FIELDS, Mode.OUTPUT)
class ConferenceRoom(relay.Node):
    """The fields come from the room's declarations (services/numbers/conference_rooms.py)."""

    id: relay.NodeID[int]
    pin_set: bool = strawberry.field(description="Whether callers need a PIN to join.")
    created_at: datetime = strawberry.field(description="When it was created (UTC).")

    @classmethod
    def from_model(cls, row: ConferenceRoomModel) -> ConferenceRoom:
        shown = {
            name: getattr(row, name) for name, field in CONFERENCE_ROOM_FIELDS.items() if not field.secret
        }
        shown["extension"] = str(row.extension)
        return cls(id=row.id, pin_set=row.pin_hash is not None, created_at=row.created_at, **shown)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(
            info, node_ids, ConferenceRoomModel, conference_rooms_by_id, cls.from_model
        )


@strawberry.input(description="A new conference room of a customer.")
@declared_fields(CONFERENCE_ROOM_FIELDS, Mode.CREATE)
class ConferenceRoomCreateInput:
    """One field per conference room declaration."""

    customer_id: relay.GlobalID = strawberry.field(description="The customer.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Changes to a conference room: omitted fields stay, null clears.")
@declared_fields(CONFERENCE_ROOM_FIELDS, Mode.UPDATE)
class ConferenceRoomUpdateInput:
    """One optional field per conference room declaration."""

    id: relay.GlobalID = strawberry.field(description="The conference room.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Delete a conference room.")
class ConferenceRoomDeleteInput:
    id: relay.GlobalID = strawberry.field(description="The conference room.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of conferenceRoomCreate, conferenceRoomUpdate and conferenceRoomDelete.")
class ConferenceRoomPayload:
    conference_room: ConferenceRoom | None = strawberry.field(
        default=None, description="The room as saved (as it was, once deleted)."
    )
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
