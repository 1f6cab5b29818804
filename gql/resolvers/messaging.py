"""Account settings and messages: decode, call one service, map."""

from __future__ import annotations

import strawberry
from strawberry import relay

from gql.context import Info, require_actor
from gql.declare import mutation, query
from gql.fields import given_values
from gql.types.common import Connection, connection_of, decode_id
from gql.types.messaging import (
    AccountSettings,
    AccountSettingsUpdateInput,
    AccountSettingsUpdatePayload,
    Message,
    MessageTestInput,
    MessageTestPayload,
    MessageWhere,
)
from models.enums import Permission
from services import account_settings
from services.listing import PageRequest
from services.messaging import commands, queries


async def account_settings_query(info: Info) -> AccountSettings:
    return AccountSettings.from_model(await account_settings.read_settings(require_actor(info)))


async def account_settings_update(
    info: Info, input: AccountSettingsUpdateInput
) -> AccountSettingsUpdatePayload:
    patch = account_settings.AccountSettingsPatch(**given_values(input, account_settings.SPECS))
    account = await account_settings.update_settings(
        require_actor(info),
        patch,
        input.reason,
        allow_private_outbound=info.context.settings.allow_private_outbound,
    )
    return AccountSettingsUpdatePayload(account_settings=AccountSettings.from_model(account))


async def message_test(info: Info, input: MessageTestInput) -> MessageTestPayload:
    message = await commands.send_test_message(require_actor(info), input.channel, input.to, input.reason)
    return MessageTestPayload(message=Message.from_model(message))


async def message(info: Info, id: relay.GlobalID) -> Message | None:
    found = await queries.find_message(require_actor(info), decode_id(id, "Message", "id"))
    return Message.from_model(found) if found else None


async def messages(
    info: Info,
    where: MessageWhere | None = None,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Connection[Message]:
    page = await queries.list_messages(
        require_actor(info), PageRequest(first, after, last, before), where.to_filter() if where else None
    )
    return connection_of(page, Message.from_model)


@strawberry.type(description="Queries of account settings and the outbox.")
class MessagingQueries:
    account_settings: AccountSettings = query(
        account_settings_query,
        needs=Permission.SETTINGS_READ,
        description="The account's settings (secrets read as null).",
    )
    messages: Connection[Message] = query(
        messages, needs=Permission.MESSAGING_SEND, description="The outbox, newest first."
    )
    message: Message | None = query(
        message, needs=Permission.MESSAGING_SEND, description="One message, or null."
    )


@strawberry.type(description="Mutations of account settings and the outbox.")
class MessagingMutations:
    account_settings_update: AccountSettingsUpdatePayload = mutation(
        account_settings_update,
        needs=Permission.SETTINGS_WRITE,
        description="Change the account's settings (audited, secrets redacted).",
    )
    message_test: MessageTestPayload = mutation(
        message_test,
        needs=Permission.MESSAGING_SEND,
        description="Queue a test e-mail or SMS to check the settings.",
    )
