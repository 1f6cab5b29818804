"""Number blocks and SIP users: decode, call one service, map."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import mutation
from gql.fields import given_values
from gql.types.common import decode_id
from gql.types.numbers import (
    CONFERENCE_ROOM_FIELDS,
    IP_AUTH_FIELDS,
    SIP_USER_FIELDS,
    ConferenceRoom,
    ConferenceRoomCreateInput,
    ConferenceRoomDeleteInput,
    ConferenceRoomPayload,
    ConferenceRoomUpdateInput,
    IpAuth,
    IpAuthCreateInput,
    IpAuthDeleteInput,
    IpAuthPayload,
    IpAuthUpdateInput,
    NumberBlock,
    NumberBlockAssignInput,
    NumberBlockAssignPayload,
    NumberBlockReleaseInput,
    NumberBlockReleasePayload,
    SipUser,
    SipUserCreateInput,
    SipUserDeleteInput,
    SipUserDeletePayload,
    SipUserPayload,
    SipUserUpdateInput,
)
from gql.types.scheduled_changes import ScheduledChange
from models.enums import Permission
from models.enums import ScheduledChangeKind as Kind
from services.numbers import blocks, conference_rooms, ip_auth, queries, sip_users
from services.numbers.queries import BlockUsage
from services.scheduled_changes import commands as scheduling
from services.scheduled_changes.commands import Request
from services.scheduled_changes.rules import wants_delay


async def number_block_assign(info: Info, input: NumberBlockAssignInput) -> NumberBlockAssignPayload:
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    block = await blocks.assign_block(require_actor(info), customer_id, input.reason)
    # The next free block is one no SIP user's extension lies in: none of it is used yet.
    return NumberBlockAssignPayload(number_block=NumberBlock.from_usage(BlockUsage(block, used=0)))


async def number_block_release(info: Info, input: NumberBlockReleaseInput) -> NumberBlockReleasePayload:
    block = await blocks.release_block(
        require_actor(info), decode_id(input.id, "NumberBlock", "id"), input.reason
    )
    return NumberBlockReleasePayload(released_id=relay.GlobalID("NumberBlock", str(block.id)))


async def sip_user_create(info: Info, input: SipUserCreateInput) -> SipUserPayload:
    actor, patch = require_actor(info), sip_users.SipUserPatch(**given_values(input, SIP_USER_FIELDS))
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.SIP_USER_CREATE, patch, customer_id=customer_id)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        return SipUserPayload(scheduled_change=ScheduledChange.from_model(change))
    row = await sip_users.create_sip_user(actor, customer_id, patch, input.reason)
    return SipUserPayload(sip_user=SipUser.from_model(row))


async def sip_user_update(info: Info, input: SipUserUpdateInput) -> SipUserPayload:
    actor, sip_user_id = require_actor(info), decode_id(input.id, "SipUser", "id")
    patch = sip_users.SipUserPatch(**given_values(input, SIP_USER_FIELDS))
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.SIP_USER_UPDATE, patch, target_id=sip_user_id, overwrite=input.overwrite)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        current = (await queries.sip_users_by_id(actor, [sip_user_id]))[sip_user_id]
        return SipUserPayload(
            sip_user=SipUser.from_model(current), scheduled_change=ScheduledChange.from_model(change)
        )
    row = await sip_users.update_sip_user(actor, sip_user_id, patch, input.reason)
    return SipUserPayload(sip_user=SipUser.from_model(row))


async def sip_user_delete(info: Info, input: SipUserDeleteInput) -> SipUserDeletePayload:
    row = await sip_users.delete_sip_user(
        require_actor(info), decode_id(input.id, "SipUser", "id"), input.reason
    )
    return SipUserDeletePayload(deleted_id=relay.GlobalID("SipUser", str(row.id)))


async def ip_auth_create(info: Info, input: IpAuthCreateInput) -> IpAuthPayload:
    actor, patch = require_actor(info), ip_auth.IpAuthPatch(**given_values(input, IP_AUTH_FIELDS))
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.IP_AUTH_CREATE, patch, customer_id=customer_id)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        return IpAuthPayload(scheduled_change=ScheduledChange.from_model(change))
    row = await ip_auth.create_ip_auth(actor, customer_id, patch, input.reason)
    return IpAuthPayload(ip_auth=IpAuth.from_model(row))


async def ip_auth_update(info: Info, input: IpAuthUpdateInput) -> IpAuthPayload:
    actor, patch = require_actor(info), ip_auth.IpAuthPatch(**given_values(input, IP_AUTH_FIELDS))
    ip_auth_id = decode_id(input.id, "IpAuth", "id")
    if wants_delay(actor, input.effective_at):
        assert input.effective_at is not None
        request = Request.of(Kind.IP_AUTH_UPDATE, patch, target_id=ip_auth_id, overwrite=input.overwrite)
        change = await scheduling.schedule(actor, request, input.effective_at, input.reason)
        current = (await queries.ip_auths_by_id(actor, [ip_auth_id]))[ip_auth_id]
        return IpAuthPayload(
            ip_auth=IpAuth.from_model(current), scheduled_change=ScheduledChange.from_model(change)
        )
    row = await ip_auth.update_ip_auth(actor, ip_auth_id, patch, input.reason)
    return IpAuthPayload(ip_auth=IpAuth.from_model(row))


async def ip_auth_delete(info: Info, input: IpAuthDeleteInput) -> IpAuthPayload:
    row = await ip_auth.delete_ip_auth(require_actor(info), decode_id(input.id, "IpAuth", "id"), input.reason)
    return IpAuthPayload(ip_auth=IpAuth.from_model(row))


async def conference_room_create(info: Info, input: ConferenceRoomCreateInput) -> ConferenceRoomPayload:
    patch = conference_rooms.ConferenceRoomPatch(**given_values(input, CONFERENCE_ROOM_FIELDS))
    customer_id = decode_id(input.customer_id, "Customer", "customer_id")
    row = await conference_rooms.create_conference_room(require_actor(info), customer_id, patch, input.reason)
    return ConferenceRoomPayload(conference_room=ConferenceRoom.from_model(row))


async def conference_room_update(info: Info, input: ConferenceRoomUpdateInput) -> ConferenceRoomPayload:
    patch = conference_rooms.ConferenceRoomPatch(**given_values(input, CONFERENCE_ROOM_FIELDS))
    room_id = decode_id(input.id, "ConferenceRoom", "id")
    row = await conference_rooms.update_conference_room(require_actor(info), room_id, patch, input.reason)
    return ConferenceRoomPayload(conference_room=ConferenceRoom.from_model(row))


async def conference_room_delete(info: Info, input: ConferenceRoomDeleteInput) -> ConferenceRoomPayload:
    room_id = decode_id(input.id, "ConferenceRoom", "id")
    row = await conference_rooms.delete_conference_room(require_actor(info), room_id, input.reason)
    return ConferenceRoomPayload(conference_room=ConferenceRoom.from_model(row))


@strawberry.type(
    description="Mutations of number blocks and the extensions of customer auth and conference rooms."
)
class NumberMutations:
    number_block_assign: NumberBlockAssignPayload = mutation(
        number_block_assign,
        needs=Permission.CUSTOMERS_WRITE,
        description="Give a customer the next free internal number block.",
    )
    number_block_release: NumberBlockReleasePayload = mutation(
        number_block_release,
        needs=Permission.CUSTOMERS_WRITE,
        description="Release a block no SIP user uses; it becomes free again.",
    )
    sip_user_create: SipUserPayload = mutation(
        sip_user_create,
        needs=Permission.CUSTOMERS_WRITE,
        description="Create a SIP user of a customer.",
    )
    sip_user_update: SipUserPayload = mutation(
        sip_user_update, needs=Permission.CUSTOMERS_WRITE, description="Change a SIP user."
    )
    sip_user_delete: SipUserDeletePayload = mutation(
        sip_user_delete, needs=Permission.CUSTOMERS_WRITE, description="Delete a SIP user."
    )
    ip_auth_create: IpAuthPayload = mutation(
        ip_auth_create,
        needs=Permission.CUSTOMERS_WRITE,
        description="Authenticate a customer's calls by source address (and tech prefix).",
    )
    ip_auth_update: IpAuthPayload = mutation(
        ip_auth_update, needs=Permission.CUSTOMERS_WRITE, description="Change an IP authentication."
    )
    ip_auth_delete: IpAuthPayload = mutation(
        ip_auth_delete, needs=Permission.CUSTOMERS_WRITE, description="Delete an IP authentication."
    )
    conference_room_create: ConferenceRoomPayload = mutation(
        conference_room_create,
        needs=Permission.CUSTOMERS_WRITE,
        description="Create a conference room of a customer at an extension.",
    )
    conference_room_update: ConferenceRoomPayload = mutation(
        conference_room_update, needs=Permission.CUSTOMERS_WRITE, description="Change a conference room."
    )
    conference_room_delete: ConferenceRoomPayload = mutation(
        conference_room_delete, needs=Permission.CUSTOMERS_WRITE, description="Delete a conference room."
    )
