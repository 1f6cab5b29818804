"""Set-password links: single-use, expiring, sent only by e-mail.

A link is `<public_url>/set-password#token=<secret>`. The secret is 32 random bytes; only its
SHA-256 is stored (like refresh tokens), so the e-mail is the one place it exists in clear: never
in an API answer, the log or an audit diff. It sits in the fragment, which browsers send to no
server and put in no Referer header. While the e-mail waits in the outbox its row shows the link
withheld and the e-mail itself is sealed (services/messaging/sealing.py). A user holds at most one working link: a new one, a
password set by any means and a deactivation spend the ones before.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q

from models import Account, PasswordToken, User
from models.enums import MessageChannel, MessageKind, PasswordTokenPurpose
from services.auth import sha256
from services.messaging.outbox import queue_message
from services.messaging.rendering import render
from services.uow import UnitOfWork
from settings import Settings

LINK_PATH = "/set-password"
# A link's secret is 43 characters; anything much longer is not one of ours.
MAX_SECRET_LENGTH = 100
# Reset e-mails are capped per user and hour by counting the links made in the last hour.
RESET_CAP_WINDOW = timedelta(hours=1)
KIND_OF = {
    PasswordTokenPurpose.INVITATION: MessageKind.INVITATION,
    PasswordTokenPurpose.RESET: MessageKind.RESET_LINK,
}


@dataclass(frozen=True)
class LinkSecret:
    """A fresh secret and the hash that is stored for it."""

    secret: str
    token_hash: str

    @classmethod
    def new(cls) -> LinkSecret:
        secret = secrets.token_urlsafe(32)
        return cls(secret, sha256(secret))


def lifetime(settings: Settings, purpose: PasswordTokenPurpose) -> timedelta:
    if purpose is PasswordTokenPurpose.INVITATION:
        return timedelta(hours=settings.invitation_hours)
    return timedelta(minutes=settings.password_reset_minutes)


def link_url(settings: Settings, secret: str) -> str:
    return f"{settings.public_url.rstrip('/')}{LINK_PATH}#token={secret}"


async def send_link(
    uow: UnitOfWork,
    settings: Settings,
    user: User,
    purpose: PasswordTokenPurpose,
    secret: LinkSecret | None = None,
) -> PasswordToken:
    """Spend the user's earlier links, store a new one and queue the e-mail that carries it,
    all in the caller's transaction (nothing is sent unless it commits)."""
    secret = secret or LinkSecret.new()
    await spend_links(uow.conn, user.id, uow.now)
    token = await PasswordToken.create(
        account_id=user.account_id,
        user_id=user.id,
        purpose=purpose,
        token_hash=secret.token_hash,
        expires_at=uow.now + lifetime(settings, purpose),
        using_db=uow.conn,
    )
    account = await Account.get(id=user.account_id, using_db=uow.conn)
    values = {
        "account_name": account.name,
        "name": user.name,
        "email": user.email,
        "sent_by": uow.actor.label,
        "link": link_url(settings, secret.secret),
        "valid_for": _duration(lifetime(settings, purpose)),
    }
    # The outbox row shows the e-mail without the secret; what is sent waits sealed.
    shown = render(KIND_OF[purpose], MessageChannel.EMAIL, {**values, "link": withheld_link(settings)})
    sent = render(KIND_OF[purpose], MessageChannel.EMAIL, values)
    await queue_message(uow, MessageChannel.EMAIL, KIND_OF[purpose], user.email, shown, secret_content=sent)
    return token


def withheld_link(settings: Settings) -> str:
    """The link as the outbox row shows it: its secret is only in the e-mail that is sent."""
    return f"{settings.public_url.rstrip('/')}{LINK_PATH}#token=(withheld)"


async def spend_links(conn: BaseDBAsyncClient, user_id: int, now: datetime) -> int:
    """Make every working link of the user worthless (on the caller's transaction)."""
    return (
        await PasswordToken.filter(user_id=user_id, spent_at__isnull=True).using_db(conn).update(spent_at=now)
    )


async def prune_links(now: datetime | None = None) -> int:
    """Delete the links that can no longer work (spent or expired) once they are out of the
    reset cap's hour, which counts them. Run hourly with the login maintenance, so a stream of
    reset requests cannot grow the table without bound. Returns the rows deleted."""
    now = now or datetime.now(UTC)
    dead = Q(spent_at__isnull=False) | Q(expires_at__lte=now)
    return int(await PasswordToken.filter(dead, created_at__lt=now - RESET_CAP_WINDOW).delete())


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    if minutes % 60 or minutes < 120:
        return f"{minutes} minutes"
    hours = minutes // 60
    return f"{hours} hours"
