"""Inviting, changing and deactivating the account's users; each in one audited transaction.

Rules, on top of `users:write`:
- Nobody grants what it does not hold: the role of an invitation or a change may hold only
  permissions the actor holds, and a user whose role holds more than the actor is out of the
  actor's reach (it cannot be renamed, moved or deactivated by it).
- A partner manages only its own reseller's users, and invites only into its own reseller.
- Nobody locks itself out (SELF_LOCKOUT): a user cannot deactivate itself, move itself to
  another reseller (or out of its own), or give itself a role without `users:write`.
- Only users (and the system) invite: an invited user is a lasting login, which an API key
  could otherwise leave behind after its own revocation.
An invited user has no password until it follows its link (services/users/links.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.exceptions import IntegrityError

from models import Role, User
from models.enums import ActorKind, AuditAction, PasswordTokenPurpose, Permission
from services import integrity
from services import validation as v
from services.actor import Actor
from services.auditing import creation_diff, diff, snapshot
from services.auth import end_sessions
from services.customers.scope import visible_resellers, visible_users
from services.errors import ErrorCode, FieldError, ServiceError, not_found, permission_denied
from services.fields import CleanContext, clean, spec, specs_of
from services.passwords import unusable_password_hash
from services.uow import UnitOfWork, unit_of_work
from services.users.links import send_link, spend_links
from services.validation import Invalid, Patch, Unset
from settings import Settings

TABLE = "user"
AUDITED = ("email", "name", "role_id", "reseller_id", "is_active")
MAX_NAME_LENGTH = 200
MAX_EMAIL_LENGTH = 320


def _name(value: str, _context: CleanContext) -> str:
    return v.text(value, max_length=MAX_NAME_LENGTH, required=True)


@dataclass(frozen=True)
class UserPatch(Patch):
    """A user's editable fields, declared once (see services/fields.py)."""

    name: str | Unset = spec("Full name.", clean=_name)
    role_id: int | Unset = spec("The role: what the user may do.", refers_to="Role")
    reseller_id: int | None | Unset = spec(
        "The reseller (partner group) of a partner user; null for staff.", refers_to="Reseller", default=None
    )
    active: bool | Unset = spec(
        "Whether the user may log in; deactivating ends every session at once.",
        column="is_active",
        default=True,
    )


SPECS = specs_of(UserPatch)


@dataclass(frozen=True)
class Invitation:
    email: str
    name: str
    role_id: int
    reseller_id: int | None = None


async def invite_user(
    actor: Actor, settings: Settings, invitation: Invitation, reason: str | None = None
) -> User:
    """Create a user without a password and e-mail it a link to choose one (valid for
    `settings.invitation_hours`). The e-mail is unique across every account (it is the login)."""
    actor.require(Permission.USERS_WRITE)
    if actor.kind not in (ActorKind.USER, ActorKind.SYSTEM):
        raise permission_denied("Only a user can invite users.")
    email, name, errors = _identity(invitation)
    reseller_id = _placement(actor, invitation.reseller_id)
    password_hash = unusable_password_hash()  # slow on purpose: outside the transaction
    async with unit_of_work(actor, reason) as uow:
        errors += await _role_errors(uow, invitation.role_id)
        errors += await _reseller_errors(uow, reseller_id)
        if email and await User.filter(email=email).using_db(uow.conn).exists():
            # An existing login is said to be one, even where its address would not pass today.
            errors = [e for e in errors if e.field != ("email",)] + _email_taken().errors
        if errors:
            raise ServiceError(errors)
        user = User(
            account_id=actor.account_id,
            email=email,
            name=name,
            password_hash=password_hash,
            password_set=False,
            role_id=invitation.role_id,
            reseller_id=reseller_id,
        )
        await _saved(uow, user)
        await send_link(uow, settings, user, PasswordTokenPurpose.INVITATION)
        uow.audit(
            AuditAction.CREATE,
            TABLE,
            user.id,
            f"User {email} invited",
            diff=creation_diff(snapshot(user, AUDITED)),
        )
    return user


async def update_user(actor: Actor, user_id: int, patch: UserPatch, reason: str | None = None) -> User:
    """Apply the given fields; an unchanged value writes nothing and leaves no audit entry.
    Deactivating ends every session and spends the user's links at once."""
    actor.require(Permission.USERS_WRITE)
    values = {SPECS[name].column: value for name, value in clean(patch).given().items()}
    if actor.is_partner and "reseller_id" in values and values["reseller_id"] != actor.reseller_id:
        raise _own_reseller_only()
    async with unit_of_work(actor, reason) as uow:
        user = await _user_in_reach(uow, user_id)
        errors = await _role_errors(uow, values["role_id"]) if "role_id" in values else []
        errors += await _reseller_errors(uow, values.get("reseller_id"))
        if errors:
            raise ServiceError(errors)
        await _refuse_self_lockout(uow, user, values)
        before = snapshot(user, AUDITED)
        for column, value in values.items():
            setattr(user, column, value)
        await _save_changes(uow, user, before)
    return user


async def deactivate_user(actor: Actor, user_id: int, reason: str | None = None) -> User:
    """Deactivate a user of the actor's account: they cannot log in, and every session they
    hold (access and refresh tokens) and every link they were sent ends now. Deactivating an
    inactive user changes nothing."""
    actor.require(Permission.USERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        user = await _user_in_reach(uow, user_id)
        if user.id == actor.user_id:
            raise _self_lockout("You cannot deactivate yourself.", "id")
        before = snapshot(user, AUDITED)
        user.is_active = False
        await _save_changes(uow, user, before)
    return user


async def _save_changes(uow: UnitOfWork, user: User, before: dict[str, Any]) -> None:
    changes = diff(before, snapshot(user, AUDITED))
    if not changes:
        return
    await user.save(using_db=uow.conn, update_fields=list(changes))
    message = f"User {user.email} updated"
    if "is_active" in changes:
        if user.is_active:
            message = f"User {user.email} reactivated"
        else:
            await end_sessions(uow.conn, user.id, uow.now)
            await spend_links(uow.conn, user.id, uow.now)
            message = f"User {user.email} deactivated"
    uow.audit(AuditAction.UPDATE, TABLE, user.id, message, diff=changes)


def _identity(invitation: Invitation) -> tuple[str, str, list[FieldError]]:
    """The clean e-mail (lower case, as logins look it up) and name, and what is wrong with them;
    a refused e-mail comes back as typed (trimmed, lower case), to be told apart from a taken one."""
    errors: list[FieldError] = []
    email = invitation.email.strip().lower()
    name = ""
    try:
        email = (v.email(invitation.email) or "").lower()
        if not email:
            raise Invalid("An e-mail address is required.", ErrorCode.REQUIRED)
        if len(email) > MAX_EMAIL_LENGTH:
            raise Invalid(f"At most {MAX_EMAIL_LENGTH} characters.")
    except Invalid as exc:
        errors.append(exc.at("email"))
    try:
        name = _name(invitation.name, CleanContext())
    except Invalid as exc:
        errors.append(exc.at("name"))
    return email, name, errors


def _placement(actor: Actor, reseller_id: int | None) -> int | None:
    """The reseller of a new user: a partner's own, whatever it gives (another is refused)."""
    if not actor.is_partner:
        return reseller_id
    if reseller_id is not None and reseller_id != actor.reseller_id:
        raise _own_reseller_only()
    return actor.reseller_id


async def _role_errors(uow: UnitOfWork, role_id: int) -> list[FieldError]:
    """NOT_FOUND for a role of no account of the actor's; PERMISSION_DENIED for one that holds
    a permission the actor lacks."""
    role = await Role.filter(id=role_id, account_id=uow.actor.account_id).using_db(uow.conn).first()
    if role is None:
        return [FieldError(ErrorCode.NOT_FOUND, "Role not found.", ("role_id",))]
    beyond = _beyond(uow.actor, role)
    if beyond:
        message = f"You cannot grant what you do not hold: {', '.join(beyond)}."
        return [FieldError(ErrorCode.PERMISSION_DENIED, message, ("role_id",))]
    return []


async def _reseller_errors(uow: UnitOfWork, reseller_id: int | None) -> list[FieldError]:
    if reseller_id is None:
        return []
    if await visible_resellers(uow.actor).using_db(uow.conn).filter(id=reseller_id).exists():
        return []
    return [FieldError(ErrorCode.NOT_FOUND, "Reseller not found.", ("reseller_id",))]


def _beyond(actor: Actor, role: Role) -> list[str]:
    """The role's permissions that the actor does not hold."""
    return sorted(p for p in role.permissions if p not in {held.value for held in actor.permissions})


async def _user_in_reach(uow: UnitOfWork, user_id: int) -> User:
    """The user, locked, if it is in the actor's scope (else NOT_FOUND) and holds nothing the
    actor lacks (else PERMISSION_DENIED)."""
    user = await uow.locked(visible_users(uow.actor).filter(id=user_id)).first()
    if user is None:
        raise not_found("User", "id")
    role = await Role.get(id=user.role_id, using_db=uow.conn)
    if _beyond(uow.actor, role):
        raise permission_denied("This user holds permissions you do not hold.")
    return user


async def _refuse_self_lockout(uow: UnitOfWork, user: User, values: dict[str, Any]) -> None:
    if user.id != uow.actor.user_id:
        return
    if values.get("is_active") is False:
        raise _self_lockout("You cannot deactivate yourself.", "active")
    if "reseller_id" in values and values["reseller_id"] != user.reseller_id:
        raise _self_lockout("You cannot move yourself to another reseller.", "reseller_id")
    if "role_id" in values:
        role = await Role.get(id=values["role_id"], using_db=uow.conn)
        if Permission.USERS_WRITE.value not in role.permissions:
            raise _self_lockout("You cannot give yourself a role without users:write.", "role_id")


async def _saved(uow: UnitOfWork, user: User) -> None:
    try:
        await user.save(using_db=uow.conn)
    except IntegrityError as exc:  # a concurrent invitation of the same e-mail won the race
        if integrity.hit(exc, "email"):
            raise _email_taken() from exc
        raise


def _email_taken() -> ServiceError:
    return ServiceError.single(ErrorCode.DUPLICATE, "A user with this e-mail exists.", "email")


def _own_reseller_only() -> ServiceError:
    return ServiceError.single(
        ErrorCode.PERMISSION_DENIED,
        "A partner user can only manage users of its own reseller.",
        "reseller_id",
    )


def _self_lockout(message: str, field: str) -> ServiceError:
    return ServiceError.single(ErrorCode.SELF_LOCKOUT, message, field)
