"""Logins, tokens and the principal behind a bearer token.

Access tokens are short-lived JWTs naming a session; refresh tokens are opaque, single-use and
stored hashed. Presenting a spent refresh token again, past a short grace window, revokes its
session (it was stolen or replayed); later requests with that session's tokens are told so.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from models import ApiKey, AuthSession, Contact, LoginAttempt, RefreshToken, User
from models.enums import ActorKind, AuditAction, Permission, SessionKind
from services import login_throttle
from services.actor import Actor, RequestOrigin
from services.errors import ErrorCode, ServiceError
from services.passwords import verify_password
from services.permissions import permissions_of
from services.portal import address_allowed, contact_actor, portal_open
from services.uow import UnitOfWork, unit_of_work
from services.validation import Invalid, text
from settings import Settings

API_KEY_PREFIX = "sbk_"
MAX_EMAIL_LENGTH = 320  # the column's length (RFC 5321's limit)
_ALGORITHM = "HS256"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_at: datetime


def sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def user_actor(user: User, origin: RequestOrigin, session_id: uuid.UUID | None = None) -> Actor:
    """The actor for a staff or partner user; `user.role` must be loaded."""
    return Actor(
        account_id=user.account_id,
        kind=ActorKind.USER,
        label=user.name or user.email,
        permissions=frozenset(Permission(p) for p in permissions_of(user.role)),
        user_id=user.id,
        reseller_id=user.reseller_id,
        session_id=session_id,
        origin=origin,
    )


async def login(settings: Settings, email: str, password: str, origin: RequestOrigin) -> Tokens:
    """Check the credentials (throttled per e-mail and address, and per address) and open a session."""
    email = login_email(email)
    ip = (origin.ip or "unknown")[:64]
    reservation = await login_throttle.reserve_attempt(settings, email, ip)
    user = await User.filter(email=email, is_active=True).select_related("role").first()
    if not verify_password(user.password_hash if user else None, password) or user is None:
        await LoginAttempt.create(email=email, ip=ip, succeeded=False)
        raise ServiceError.single(ErrorCode.INVALID_CREDENTIALS, "Wrong e-mail or password.")
    actor = user_actor(user, origin)
    async with unit_of_work(actor, is_change=False) as uow:
        session = await open_session(uow, settings, user_id=user.id)
        refresh = await new_refresh_token(session, uow.conn, settings)
        await User.filter(id=user.id).using_db(uow.conn).update(last_login_at=uow.now)
        await LoginAttempt.create(email=email, ip=ip, succeeded=True, using_db=uow.conn)
        await login_throttle.settle_success(uow.conn, reservation, uow.now, settings)
        uow.audit(AuditAction.LOGIN, "user", user.id, f"{user.email} logged in")
        # Signed before commit: a token that cannot be made leaves no session behind.
        tokens = issue_tokens(settings, session, refresh)
    return tokens


async def open_session(
    uow: UnitOfWork,
    settings: Settings,
    *,
    user_id: int | None = None,
    contact_id: int | None = None,
    impersonator_id: int | None = None,
    lifetime: timedelta | None = None,
) -> AuthSession:
    """A new session of the actor's account, for a user or a contact (exactly one of them)."""
    assert (user_id is None) != (contact_id is None), "a session has one principal"
    origin = uow.actor.origin
    return await AuthSession.create(
        id=uuid.uuid4(),
        account_id=uow.actor.account_id,
        user_id=user_id,
        contact_id=contact_id,
        impersonator_id=impersonator_id,
        kind=SessionKind.LOGIN if impersonator_id is None else SessionKind.IMPERSONATION,
        ip=origin.ip,
        user_agent=(origin.user_agent or "")[:500] or None,
        expires_at=uow.now + (lifetime or timedelta(days=settings.refresh_token_days)),
        using_db=uow.conn,
    )


def login_email(value: str) -> str:
    """The e-mail as stored (trimmed, lower case); a value no user can have is a typed error."""
    try:
        email = text(value, max_length=MAX_EMAIL_LENGTH, required=True).lower()
    except Invalid as exc:
        raise ServiceError([exc.at("email")]) from exc
    if any(ord(char) < 32 or ord(char) == 127 for char in email):
        raise ServiceError.single(ErrorCode.INVALID, "Must not contain control characters.", "email")
    return email


async def refresh_tokens(settings: Settings, refresh_token: str) -> Tokens:
    """Exchange a refresh token for a new pair; the old one is spent.

    Tabs of one browser app share the refresh token and may all refresh at once. Presenting a
    spent token within `refresh_grace_seconds` of its first use answers with the same pair as
    that first use; later, it revokes the session (SESSION_REVOKED), as a replayed token should.

    Nothing is kept to answer again: the pair is derived. The successor refresh token is an HMAC
    of the spent one under the secret key (`_successor`), and the access token is signed with
    the claims of the first answer (issued at the spent token's `used_at`), so the database keeps
    only hashes of refresh tokens, as before. Storing the successor encrypted would also work but
    keeps a decryptable secret at rest and needs a sweep. Without the key, nobody can compute a
    successor from a spent token; with it, one can sign access tokens anyway. Within the window,
    whoever holds the spent token gets the pair: that is what the window is for, so keep it short.
    """
    successor = _successor(settings, refresh_token)
    async with in_transaction() as conn:
        # Lock only the token row: PostgreSQL refuses FOR UPDATE on select_related's outer join.
        # A second refresh with the same token waits here and then sees `used_at` set (on SQLite,
        # transactions of a process take turns and writers of other processes wait for the lock).
        row = await (
            RefreshToken.filter(token_hash=sha256(refresh_token))
            .select_related("session")
            .using_db(conn)
            .select_for_update(of=("refresh_token",))
        ).first()
        now = datetime.now(UTC)  # after the lock: a racing refresh has committed by now
        token = _refreshable(row, now)
        if not await _principal_active(token.session, conn):
            raise _invalid_refresh()
        replayed = token.used_at is not None and not await _answerable_again(
            token, successor, now, settings, conn
        )
        if replayed:
            await AuthSession.filter(id=token.session_id).using_db(conn).update(revoked_at=now)
        elif token.used_at is None:
            token.used_at = now
            await token.save(using_db=conn, update_fields=["used_at"])
            await new_refresh_token(token.session, conn, settings, raw=successor)
    if replayed:  # raised after commit: the revocation must stay
        raise _session_revoked()
    assert token.used_at is not None
    return issue_tokens(settings, token.session, successor, issued_at=token.used_at)


def _refreshable(token: RefreshToken | None, now: datetime) -> RefreshToken:
    """The token, unless it is unknown or expired, or its session ended."""
    if token is None or token.expires_at < now or token.session.expires_at < now:
        raise _invalid_refresh()
    if token.session.revoked_at is not None:
        raise _session_revoked()
    return token


async def _principal_active(session: AuthSession, conn: BaseDBAsyncClient) -> bool:
    """Whether the session's user is active, or its contact's customer portal open."""
    if session.user_id is not None:
        return await User.filter(id=session.user_id, is_active=True).using_db(conn).exists()
    return await _contact_of_open_portal(session, conn) is not None


async def _contact_of_open_portal(
    session: AuthSession, conn: BaseDBAsyncClient | None = None
) -> Contact | None:
    """The session's contact (its customer loaded), while that customer's portal is open."""
    contacts = Contact.filter(id=session.contact_id).select_related("customer")
    contact = await (contacts.using_db(conn) if conn is not None else contacts).first()
    return contact if contact is not None and portal_open(contact.customer) else None


async def _answerable_again(
    token: RefreshToken, successor: str, now: datetime, settings: Settings, conn: BaseDBAsyncClient
) -> bool:
    """A spent token is answered again within the grace window, and only with the successor its
    first use stored (a changed secret key derives another one: then it is a replay)."""
    assert token.used_at is not None
    if now - token.used_at > timedelta(seconds=settings.refresh_grace_seconds):
        return False
    return await (
        RefreshToken.filter(session_id=token.session_id, token_hash=sha256(successor)).using_db(conn).exists()
    )


def _successor(settings: Settings, refresh_token: str) -> str:
    """The refresh token that replaces `refresh_token`: 256 bits, shaped like a random one."""
    key = settings.signing_key().encode()
    digest = hmac.new(key, b"refresh-successor\0" + refresh_token.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


async def end_sessions(conn: BaseDBAsyncClient, user_id: int, now: datetime) -> int:
    """Revoke every open session of the user, and every Portal Login it opened, on the caller's
    transaction: their access and refresh tokens stop working at once. Deactivation and a
    password change call it."""
    return await end_other_sessions(conn, user_id, None, now)


async def end_contact_sessions(conn: BaseDBAsyncClient, contact_id: int, now: datetime) -> int:
    """Revoke every open portal session of the contact (a password reset by staff calls it)."""
    return await end_other_contact_sessions(conn, contact_id, None, now)


async def end_portal_sessions(conn: BaseDBAsyncClient, customer_id: int, now: datetime) -> int:
    """Revoke every portal session of the customer's contacts: its portal closed (access turned
    off, or the customer deleted), and reopening it must not bring them back."""
    contacts = Contact.filter(customer_id=customer_id).values("id")
    sessions = AuthSession.filter(contact_id__in=Subquery(contacts), revoked_at__isnull=True)
    return await sessions.using_db(conn).update(revoked_at=now)


async def end_other_contact_sessions(
    conn: BaseDBAsyncClient, contact_id: int, kept: uuid.UUID | None, now: datetime
) -> int:
    """Revoke every open portal session of the contact but `kept` (its own password change)."""
    sessions = AuthSession.filter(contact_id=contact_id, revoked_at__isnull=True)
    if kept is not None:
        sessions = sessions.exclude(id=kept)
    return await sessions.using_db(conn).update(revoked_at=now)


async def end_other_sessions(
    conn: BaseDBAsyncClient, user_id: int, kept: uuid.UUID | None, now: datetime
) -> int:
    """Revoke every open session of the user but `kept` (the one changing its own password),
    and the Portal Logins it opened."""
    sessions = AuthSession.filter(Q(user_id=user_id) | Q(impersonator_id=user_id), revoked_at__isnull=True)
    if kept is not None:
        sessions = sessions.exclude(id=kept)
    return await sessions.using_db(conn).update(revoked_at=now)


async def logout(actor: Actor) -> None:
    """Revoke the actor's session: its access and refresh tokens stop working at once."""
    if actor.session_id is None:
        raise ServiceError.single(ErrorCode.INVALID, "This principal has no session to end.")
    async with unit_of_work(actor, is_change=False) as uow:
        await AuthSession.filter(id=actor.session_id).using_db(uow.conn).update(revoked_at=uow.now)
        uow.audit(AuditAction.LOGOUT, "auth_session", str(actor.session_id), "Logged out")


async def authenticate(settings: Settings, bearer: str, origin: RequestOrigin) -> Actor | None:
    """The principal behind a bearer token (access token or API key), or None. An access token
    of a revoked session (logout, password change, deactivation, a replayed refresh token)
    raises ServiceError SESSION_REVOKED, so the client learns to log in again."""
    if bearer.startswith(API_KEY_PREFIX):
        return await _api_key_actor(bearer, origin)
    try:
        claims = jwt.decode(bearer, settings.signing_key(), algorithms=[_ALGORITHM])
        session_id = uuid.UUID(claims["sid"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None
    # One statement for a user's session (the user and role joined); a contact's takes another.
    session = await AuthSession.filter(id=session_id).select_related("user__role").first()
    if session is None or session.expires_at < datetime.now(UTC):
        return None
    if session.revoked_at is not None:
        raise _session_revoked()
    if session.contact_id is not None:
        return await _portal_actor(session, origin)
    user = session.user
    return user_actor(user, origin, session.id) if user is not None and user.is_active else None


async def _portal_actor(session: AuthSession, origin: RequestOrigin) -> Actor | None:
    """A contact's session works while its customer's portal is open and, unless staff opened
    it, from the addresses the contact may log in from."""
    contact = await _contact_of_open_portal(session)
    if contact is None:
        return None
    if session.impersonator_id is None and not address_allowed(contact, origin.ip):
        return None
    if session.impersonator_id is not None and not await _may_impersonate(session.impersonator_id):
        return None
    return contact_actor(contact, contact.customer, origin, session.id, session.impersonator_id)


async def _may_impersonate(user_id: int) -> bool:
    """A Portal Login lasts while the staff user who opened it is active and may still do so."""
    user = await User.filter(id=user_id, is_active=True).select_related("role").first()
    return user is not None and Permission.CONTACTS_IMPERSONATE.value in permissions_of(user.role)


async def _api_key_actor(bearer: str, origin: RequestOrigin) -> Actor | None:
    prefix, _, _secret = bearer.removeprefix(API_KEY_PREFIX).partition("_")
    key = await ApiKey.filter(prefix=prefix, revoked_at__isnull=True).first()
    if key is None or not secrets.compare_digest(key.key_hash, sha256(bearer)):
        return None
    return _key_actor(key, origin)


@dataclass(frozen=True)
class PrincipalRef:
    """Who a principal is, without its credentials, for what outlives the request that made it
    (an export link): its kind, the id of its user, contact or API key, and its session."""

    kind: ActorKind
    id: int
    session_id: uuid.UUID | None = None

    @classmethod
    def of(cls, actor: Actor) -> PrincipalRef | None:
        """The actor's reference; None for the system (no one to check again later)."""
        ids = {
            ActorKind.USER: actor.user_id,
            ActorKind.CONTACT: actor.contact_id,
            ActorKind.API_KEY: actor.api_key_id,
        }
        principal_id = ids.get(actor.kind)
        return None if principal_id is None else cls(actor.kind, principal_id, actor.session_id)


async def principal_actor(ref: PrincipalRef, account_id: int, origin: RequestOrigin) -> Actor | None:
    """The principal as it is now, or None when it no longer authenticates: an API key
    revoked, a session ended (logout, password change, deactivation) or expired, a user
    deactivated, a contact's portal closed. Permissions and portal settings are today's."""
    actor: Actor | None
    if ref.kind is ActorKind.API_KEY:
        key = await ApiKey.filter(id=ref.id, account_id=account_id, revoked_at__isnull=True).first()
        actor = _key_actor(key, origin) if key is not None else None
    elif ref.session_id is not None:
        actor = await _session_actor(ref.session_id, origin)
    elif ref.kind is ActorKind.USER:
        user = await User.filter(id=ref.id, is_active=True).select_related("role").first()
        actor = user_actor(user, origin) if user is not None else None
    else:
        contact = await Contact.filter(id=ref.id).select_related("customer").first()
        open_ = contact is not None and portal_open(contact.customer)
        actor = contact_actor(contact, contact.customer, origin) if contact is not None and open_ else None
    if actor is None or actor.account_id != account_id or PrincipalRef.of(actor) != ref:
        return None
    return actor


async def _session_actor(session_id: uuid.UUID, origin: RequestOrigin) -> Actor | None:
    session = await AuthSession.filter(id=session_id).select_related("user__role").first()
    if session is None or session.expires_at < datetime.now(UTC) or session.revoked_at is not None:
        return None
    if session.contact_id is not None:
        return await _portal_actor(session, origin)
    user = session.user
    return user_actor(user, origin, session.id) if user is not None and user.is_active else None


def _key_actor(key: ApiKey, origin: RequestOrigin) -> Actor:
    return Actor(
        account_id=key.account_id,
        kind=ActorKind.API_KEY,
        label=f"API key {key.name}",
        permissions=frozenset(Permission(p) for p in key.permissions),
        api_key_id=key.id,
        origin=origin,
    )


def new_api_key_secret() -> tuple[str, str]:
    """A fresh API key: (its public prefix, the whole secret shown once)."""
    prefix = secrets.token_hex(6)
    return prefix, f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"


async def new_refresh_token(
    session: AuthSession, conn: BaseDBAsyncClient, settings: Settings, raw: str | None = None
) -> str:
    """Store (hashed) a new refresh token of the session: `raw`, or a random one."""
    raw = raw or secrets.token_urlsafe(32)
    await RefreshToken.create(
        session_id=session.id,
        token_hash=sha256(raw),
        using_db=conn,
        expires_at=datetime.now(UTC) + timedelta(days=settings.refresh_token_days),
    )
    return raw


def issue_tokens(
    settings: Settings, session: AuthSession, refresh: str | None, issued_at: datetime | None = None
) -> Tokens:
    """The pair (an impersonation has no refresh token); the same `issued_at` (whole seconds
    count) signs the same access token again. It expires with its session at the latest."""
    now = (issued_at or datetime.now(UTC)).replace(microsecond=0)
    expires = min(now + timedelta(minutes=settings.access_token_minutes), session.expires_at)
    # `sub` names a user by its id, as it always has; a contact as "contact:<id>".
    principal = str(session.user_id) if session.user_id is not None else f"contact:{session.contact_id}"
    claims = {"sub": principal, "sid": str(session.id), "acc": session.account_id, "iat": now, "exp": expires}
    access = jwt.encode(claims, settings.signing_key(), algorithm=_ALGORITHM)
    return Tokens(access_token=access, refresh_token=refresh or "", access_expires_at=expires)


def _invalid_refresh() -> ServiceError:
    return ServiceError.single(ErrorCode.UNAUTHENTICATED, "This refresh token is not valid.")


def _session_revoked() -> ServiceError:
    return ServiceError.single(
        ErrorCode.SESSION_REVOKED,
        "This session has ended (logout, password change, or a refresh token used twice); log in again.",
    )
