"""Contact passwords: given by staff (checked for strength) or generated and e-mailed.

The clear text of a generated password exists in this process's memory while the change runs
and in the one e-mail that carries it: the contact row keeps an argon2id hash, the audit entry
says only that the hash changed (redacted), the API answers without it, and the outbox row
holds the e-mail with the password left out plus the sealed body that is sent
(services/messaging/sealing.py), cleared once the message is delivered or gives up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from models import Account, Contact, Customer
from models.enums import MessageChannel, MessageKind
from services.errors import ErrorCode, ServiceError
from services.messaging.outbox import queue_message
from services.messaging.rendering import render
from services.passwords import generate_password, hash_password, strength_problem
from services.uow import UnitOfWork

# What the outbox row shows in place of the password.
LEFT_OUT = "(sent in this e-mail only, not kept)"


class PasswordMode(StrEnum):
    GENERATE = "GENERATE"
    SET = "SET"


@dataclass(frozen=True)
class PasswordChoice:
    """How the contact's password is chosen: generated and e-mailed, or the one given (SET)."""

    mode: PasswordMode
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ReadyPassword:
    """A chosen password, hashed; `generated` is the clear text to e-mail (None when staff set
    it). Never shown in a repr, so a log line or a traceback cannot carry it."""

    password_hash: str = field(repr=False)
    generated: str | None = field(default=None, repr=False)


def prepare_password(choice: PasswordChoice, *, email: str, name: str) -> ReadyPassword:
    """Check the choice and hash the password (slow on purpose: call it outside a transaction)."""
    if choice.mode is PasswordMode.GENERATE:
        if choice.password is not None:
            raise ServiceError.single(
                ErrorCode.INVALID, f"Leave the password out when the mode is {choice.mode}.", "password"
            )
        password = generate_password()
        return ReadyPassword(hash_password(password), generated=password)
    if choice.password is None:
        raise ServiceError.single(
            ErrorCode.REQUIRED, "Give the password to set, or generate one.", "password"
        )
    problem = strength_problem(choice.password, email=email, name=name)
    if problem is not None:
        raise ServiceError.single(ErrorCode.INVALID, problem, "password")
    return ReadyPassword(hash_password(choice.password))


async def send_generated_password(
    uow: UnitOfWork, contact: Contact, customer: Customer, ready: ReadyPassword
) -> None:
    """Queue the e-mail that carries a generated password (nothing to send for a given one)."""
    if ready.generated is None:
        return
    account = await Account.get(id=contact.account_id, using_db=uow.conn)
    values = {
        "account_name": account.name,
        "contact_name": contact.name,
        "login": contact.email,
        "portal_url": f"https://{customer.portal_domain}/" if customer.portal_domain else None,
    }
    shown = render(MessageKind.PASSWORD, MessageChannel.EMAIL, {**values, "password": LEFT_OUT})
    sent = render(MessageKind.PASSWORD, MessageChannel.EMAIL, {**values, "password": ready.generated})
    await queue_message(
        uow,
        MessageChannel.EMAIL,
        MessageKind.PASSWORD,
        contact.email,
        shown,
        customer_id=customer.id,
        contact_id=contact.id,
        secret_content=sent,
    )
