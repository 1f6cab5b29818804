"""Account settings (secrets write-only) and the outbox's messages."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import UserError
from gql.fields import Mode, declared_fields
from gql.nodes import resolve_nodes
from gql.types.common import REASON, DateTimeFilter, IDFilter, StringFilter
from models import Account, enums
from models import Message as MessageModel
from services.account_settings import SPECS as SETTINGS_FIELDS
from services.account_settings import account_settings_by_id
from services.listing import Condition, Filter
from services.messaging.queries import messages_by_id
from services.numbers.queries import RangeState, range_state

MessageChannel: TypeAlias = enums.MessageChannel
strawberry.enum(MessageChannel, description="E-mail, SMS, or a voice call that speaks the message.")
MessageStatus: TypeAlias = enums.MessageStatus
strawberry.enum(MessageStatus, description="QUEUED until sent; SENT or FAILED for good.")
MessageKind: TypeAlias = enums.MessageKind
strawberry.enum(MessageKind, description="Why a message was sent.")
SmtpTlsMode: TypeAlias = enums.SmtpTlsMode
strawberry.enum(SmtpTlsMode, description="How the SMTP connection is secured.")


@strawberry.type(
    description="The account's settings. Secrets read as null; `…Set` tells if one is stored. Its "
    "id stays the same for the account, so a normalized client cache updates it in place."
)
@declared_fields(SETTINGS_FIELDS, Mode.OUTPUT)
class AccountSettings(relay.Node):
    """The editable settings come from their declarations (services/account_settings.py); the
    secrets, write-only, read as null beside a flag that says whether one is stored."""

    id: relay.NodeID[int]
    smtp_password: str | None = strawberry.field(description="Always null: the password is write-only.")
    smtp_password_set: bool = strawberry.field(description="Whether an SMTP password is stored.")
    sms_auth_token: str | None = strawberry.field(description="Always null: the token is write-only.")
    sms_auth_token_set: bool = strawberry.field(description="Whether an SMS auth token is stored.")
    voice_auth_token: str | None = strawberry.field(description="Always null: the token is write-only.")
    voice_auth_token_set: bool = strawberry.field(description="Whether a voice auth token is stored.")
    sip_realm: str = strawberry.field(description="Realm of the SIP users' digest hashes (read-only).")

    @strawberry.field(description="How many number blocks are assigned.")
    async def blocks_assigned(self, info: Info) -> int:
        return (await _range_state(info)).blocks_assigned

    @strawberry.field(
        description="Start of the block numberBlockAssign would give next; null until configured."
    )
    async def next_free_block_start(self, info: Info) -> int | None:
        return (await _range_state(info)).next_free_start

    @classmethod
    def from_model(cls, row: Account) -> AccountSettings:
        values: dict[str, Any] = {
            name: getattr(row, name) for name, field in SETTINGS_FIELDS.items() if not field.secret
        }
        for secret in (name for name, field in SETTINGS_FIELDS.items() if field.secret):
            values[secret] = None
            values[f"{secret}_set"] = bool(getattr(row, secret))
        return cls(id=row.id, **values, sip_realm=row.sip_realm)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, Account, account_settings_by_id, cls.from_model)


async def _range_state(info: Info) -> RangeState:
    actor = info.context.actor
    assert actor is not None, "settings are read by an authenticated principal"
    return await range_state(actor)


@strawberry.input(description="Changes to the account settings: omitted fields stay, null clears.")
@declared_fields(SETTINGS_FIELDS, Mode.UPDATE)
class AccountSettingsUpdateInput:
    """One optional field per settings declaration (services/account_settings.py)."""

    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of accountSettingsUpdate.")
class AccountSettingsUpdatePayload:
    account_settings: AccountSettings | None = strawberry.field(default=None, description="As saved.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="One e-mail or SMS to one recipient (the outbox).")
class Message(relay.Node):
    id: relay.NodeID[int]
    channel: MessageChannel = strawberry.field(description="E-mail or SMS.")
    kind: MessageKind = strawberry.field(description="Why it was sent.")
    to: str = strawberry.field(description="Recipient address or E.164 number.")
    subject: str = strawberry.field(description="Subject (e-mail).")
    status: MessageStatus = strawberry.field(description="QUEUED, SENT or FAILED.")
    attempts: int = strawberry.field(description="Delivery attempts so far.")
    last_error: str | None = strawberry.field(
        description="Why the last attempt failed: a short classified reason with at most a status "
        "code, never the remote server's own answer."
    )
    provider_reference: str | None = strawberry.field(description="Message-ID, provider SID or file.")
    created_at: datetime = strawberry.field(description="When it was queued (UTC).")
    sent_at: datetime | None = strawberry.field(description="When it was sent (UTC).")
    customer_id: relay.GlobalID | None = strawberry.field(description="The customer it concerns.")

    @classmethod
    def from_model(cls, row: MessageModel) -> Message:
        return cls(
            id=row.id,
            channel=row.channel,
            kind=row.kind,
            to=row.to,
            subject=row.subject,
            status=row.status,
            attempts=row.attempts,
            last_error=row.last_error,
            provider_reference=row.provider_reference,
            created_at=row.created_at,
            sent_at=row.sent_at,
            customer_id=relay.GlobalID("Customer", str(row.customer_id)) if row.customer_id else None,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, MessageModel, messages_by_id, cls.from_model)


@strawberry.input(description="Conditions on an enumerated value.")
class MessageStatusFilter:
    eq: MessageStatus | None = strawberry.field(default=None, description="Equal to.")
    in_: list[MessageStatus] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Conditions on the channel.")
class MessageChannelFilter:
    eq: MessageChannel | None = strawberry.field(default=None, description="Equal to.")
    in_: list[MessageChannel] | None = strawberry.field(default=None, name="in", description="One of.")

    def to_condition(self) -> Condition:
        return Condition(eq=self.eq, in_=self.in_)


@strawberry.input(description="Which messages to list; every field given must hold.")
class MessageWhere:
    channel: MessageChannelFilter | None = strawberry.field(default=None, description="By channel.")
    status: MessageStatusFilter | None = strawberry.field(default=None, description="By status.")
    to: StringFilter | None = strawberry.field(default=None, description="By recipient.")
    customer_id: IDFilter | None = strawberry.field(default=None, description="By customer.")
    created_at: DateTimeFilter | None = strawberry.field(default=None, description="By time queued.")

    def to_filter(self) -> Filter:
        conditions: dict[str, Condition] = {}
        for name in ("channel", "status", "to", "created_at"):
            value = getattr(self, name)
            if value is not None:
                conditions[name] = value.to_condition()
        if self.customer_id is not None:
            conditions["customer_id"] = self.customer_id.to_condition_for("Customer")
        return Filter(conditions=conditions)


@strawberry.input(description="Send a test e-mail or SMS through the account's settings.")
class MessageTestInput:
    channel: MessageChannel = strawberry.field(description="E-mail or SMS.")
    to: str = strawberry.field(description="An e-mail address, or a number in E.164 form.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of messageTest.")
class MessageTestPayload:
    message: Message | None = strawberry.field(default=None, description="The queued message.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
