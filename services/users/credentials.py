"""Passwords of staff and partner users: a reset by e-mail (asked for anonymously, completed
with the link), and a signed-in user changing its own. An invitation's link completes through
the same `complete_password_link`.

- A reset request answers the same whether the e-mail belongs to an active user or not, and
  does the same hashing work either way; it is throttled like a login (per e-mail and address,
  and per address, on rows of its own), and one user gets at most
  `password_reset_max_per_hour` reset e-mails, whoever asks.
- A link works once, until it expires, and only for an active user; the new password must pass
  services/passwords.py's strength rule. Setting it ends every session of the user and spends
  every other link.
- Changing one's own password needs the current one, which is throttled like a login (the
  same rows: guessing through a stolen session is guessing a login); every other session ends.
"""

from __future__ import annotations

from datetime import UTC, datetime

import structlog
from tortoise.backends.base.client import BaseDBAsyncClient

from models import LoginAttempt, PasswordToken, User
from models.enums import ActorKind, AuditAction, PasswordTokenPurpose
from services import login_throttle
from services import validation as v
from services.actor import Actor, RequestOrigin
from services.auditing import REDACTED, Diff
from services.auth import end_other_sessions, end_sessions, sha256, user_actor
from services.errors import ErrorCode, ServiceError, permission_denied
from services.passwords import hash_password, strength_problem, verify_password
from services.uow import unit_of_work
from services.users.links import MAX_SECRET_LENGTH, RESET_CAP_WINDOW, LinkSecret, send_link, spend_links
from settings import Settings

log = structlog.get_logger(__name__)
TABLE = "user"
MAX_EMAIL_LENGTH = 320
# Reset requests count on throttle rows of their own: these keys are never a login e-mail.
RESET_PAIR_PREFIX = "reset:"
RESET_ADDRESS_KEY = "reset:"
PASSWORD_DIFF: Diff = {"password": {"old": REDACTED, "new": REDACTED}}


async def request_password_reset(settings: Settings, email: str, origin: RequestOrigin) -> None:
    """E-mail a reset link to the active user with this e-mail, if there is one. The caller
    cannot tell which: the answer, and the work before it, are the same."""
    address = _request_email(email)
    await login_throttle.reserve_attempt(
        settings,
        RESET_PAIR_PREFIX + sha256(address),
        _ip(origin),
        address_key=RESET_ADDRESS_KEY,
    )
    secret = LinkSecret.new()  # made (and hashed) for an unknown e-mail too
    user = await User.filter(email=address, is_active=True).first()
    if user is None or await _sent_enough(settings, user):
        return
    actor = Actor(
        account_id=user.account_id,
        kind=ActorKind.SYSTEM,
        label="Password reset request",
        origin=origin,
    )
    async with unit_of_work(actor, is_change=False) as uow:
        await send_link(uow, settings, user, PasswordTokenPurpose.RESET, secret)
        uow.audit(AuditAction.SEND, TABLE, user.id, f"Password reset link sent to {user.email}")


async def complete_password_link(token: str, new_password: str, origin: RequestOrigin) -> User:
    """Set the password of the user a link (a reset or an invitation) was sent to."""
    found = await _working_token(token)
    user = found.user
    _check_strength(new_password, user, "new_password")
    password_hash = hash_password(new_password)  # slow on purpose: outside the transaction
    async with unit_of_work(user_actor(user, origin), is_change=False) as uow:
        # Claimed by one atomic UPDATE: of two uses racing, one wins and the other changes nothing.
        claimed = await (
            PasswordToken.filter(id=found.id, spent_at__isnull=True)
            .using_db(uow.conn)
            .update(spent_at=uow.now)
        )
        locked = await uow.locked(User.filter(id=user.id, is_active=True)).first()
        if not claimed or locked is None:
            raise _invalid_token()
        await _set_password(uow.conn, locked, password_hash)
        await end_sessions(uow.conn, user.id, uow.now)
        await spend_links(uow.conn, user.id, uow.now)
        message = (
            f"{user.email} accepted the invitation and chose a password"
            if found.purpose is PasswordTokenPurpose.INVITATION
            else f"Password of {user.email} reset through an e-mailed link"
        )
        uow.audit(AuditAction.UPDATE, TABLE, user.id, message, diff=PASSWORD_DIFF)
    return locked


async def change_own_password(
    settings: Settings, actor: Actor, current_password: str, new_password: str, reason: str | None = None
) -> None:
    """The signed-in user's new password, given its current one; its other sessions end."""
    if actor.kind is not ActorKind.USER or actor.user_id is None:
        raise permission_denied("Only a signed-in user has a password to change.")
    user = await User.filter(id=actor.user_id, account_id=actor.account_id, is_active=True).first()
    if user is None:
        raise permission_denied("Only a signed-in user has a password to change.")
    _check_strength(new_password, user, "new_password")
    reservation, password_hash = await checked_password_change(
        settings, actor.origin, user.email, user.password_hash, current_password, new_password
    )
    async with unit_of_work(actor, reason, is_change=False) as uow:
        await login_throttle.settle_success(uow.conn, reservation, uow.now, settings)
        locked = await uow.locked(User.filter(id=user.id)).get()
        await _set_password(uow.conn, locked, password_hash)
        await end_other_sessions(uow.conn, user.id, actor.session_id, uow.now)
        await spend_links(uow.conn, user.id, uow.now)
        uow.audit(AuditAction.UPDATE, TABLE, user.id, f"Password of {user.email} changed", diff=PASSWORD_DIFF)


async def checked_password_change(
    settings: Settings,
    origin: RequestOrigin,
    email: str,
    password_hash: str | None,
    current_password: str,
    new_password: str,
) -> tuple[login_throttle.Reservation, str]:
    """The current password checked (throttled as a login of `email`: guessing it through a
    stolen session is guessing a login) and the new one hashed; settle the reservation in the
    change's transaction."""
    ip = _ip(origin)
    reservation = await login_throttle.reserve_attempt(settings, email, ip)
    if not verify_password(password_hash, current_password):
        await LoginAttempt.create(email=email, ip=ip, succeeded=False)
        raise ServiceError.single(
            ErrorCode.INVALID_CREDENTIALS, "The current password is wrong.", "current_password"
        )
    if new_password == current_password:
        raise ServiceError.single(
            ErrorCode.INVALID, "The new password must differ from the current one.", "new_password"
        )
    return reservation, hash_password(new_password)


async def _set_password(conn: BaseDBAsyncClient, user: User, password_hash: str) -> None:
    user.password_hash, user.password_set = password_hash, True
    await user.save(using_db=conn, update_fields=["password_hash", "password_set"])


async def _working_token(token: str) -> PasswordToken:
    """The unspent, unexpired link of an active user with this secret (INVALID_TOKEN otherwise)."""
    if not token or len(token) > MAX_SECRET_LENGTH:
        raise _invalid_token()
    found = (
        await PasswordToken.filter(
            token_hash=sha256(token),
            spent_at__isnull=True,
            expires_at__gt=datetime.now(UTC),
            user__is_active=True,
        )
        .select_related("user__role")
        .first()
    )
    if found is None:
        raise _invalid_token()
    return found


async def _sent_enough(settings: Settings, user: User) -> bool:
    """Whether the user already had its hourly share of reset e-mails (then none is sent)."""
    since = datetime.now(UTC) - RESET_CAP_WINDOW
    sent = await PasswordToken.filter(
        user_id=user.id, purpose=PasswordTokenPurpose.RESET, created_at__gte=since
    ).count()
    if sent >= settings.password_reset_max_per_hour:
        log.info("password_reset.capped", user_id=user.id)
        return True
    return False


def _check_strength(password: str, user: User, field: str) -> None:
    problem = strength_problem(password, email=user.email, name=user.name)
    if problem is not None:
        raise ServiceError.single(ErrorCode.INVALID, problem, field)


def _request_email(value: str) -> str:
    """The e-mail as logins look it up (trimmed, lower case); INVALID when no user can have it."""
    try:
        address = v.text(value, max_length=MAX_EMAIL_LENGTH, required=True).lower()
    except v.Invalid as exc:
        raise ServiceError([exc.at("email")]) from exc
    if any(ord(char) < 32 or ord(char) == 127 for char in address):
        raise ServiceError.single(ErrorCode.INVALID, "Must not contain control characters.", "email")
    return address


def _ip(origin: RequestOrigin) -> str:
    return (origin.ip or "unknown")[:64]


def _invalid_token() -> ServiceError:
    return ServiceError.single(
        ErrorCode.INVALID_TOKEN,
        "This link is not valid: it was used, it expired, or a newer one was sent.",
        "token",
    )
