"""Contact verification: the channel enum, the inputs and payloads of sending and checking a code."""

from __future__ import annotations

from typing import TypeAlias

import strawberry
from strawberry import relay

from gql.errors import UserError
from gql.types.common import REASON
from gql.types.contacts import Contact
from models import enums

VerificationChannel: TypeAlias = enums.VerificationChannel
strawberry.enum(
    VerificationChannel,
    description="What a contact verifies: its e-mail address (EMAIL) or its mobile (SMS).",
)


@strawberry.input(description="Send a contact a verification code.")
class ContactVerificationSendInput:
    contact_id: relay.GlobalID = strawberry.field(description="The contact.")
    channel: VerificationChannel = strawberry.field(
        description="EMAIL: the code goes to the contact's e-mail address; SMS: to its mobile."
    )
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.input(description="Check a verification code a contact received.")
class ContactVerifyInput:
    contact_id: relay.GlobalID = strawberry.field(description="The contact.")
    channel: VerificationChannel = strawberry.field(description="The channel the code was sent by.")
    code: str = strawberry.field(description="The code, as received.")
    reason: str | None = strawberry.field(default=None, description=REASON)


@strawberry.type(description="Result of contactVerificationSend; the code itself is never in it.")
class ContactVerificationSendPayload:
    contact: Contact | None = strawberry.field(default=None, description="The contact the code was sent to.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")


@strawberry.type(description="Result of contactVerify.")
class ContactVerifyPayload:
    contact: Contact | None = strawberry.field(default=None, description="The contact, now verified.")
    errors: list[UserError] = strawberry.field(default_factory=list, description="Why it was refused.")
