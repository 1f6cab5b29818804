"""Creating tenants, their default roles and users (used by set-up and the demo); deactivating
users and setting their passwords, both of which end every session of the user at once."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from models import Account, Reseller, Role, User
from models.enums import AuditAction, Permission
from services.actor import Actor
from services.auth import end_sessions
from services.errors import ErrorCode, ServiceError, not_found
from services.passwords import MIN_LENGTH, hash_password
from services.permissions import DEFAULT_ROLES
from services.uow import UnitOfWork, unit_of_work


async def create_account(name: str) -> Account:
    """A new tenant with the default roles, marked built-in (services/permissions.py says what
    they hold; services/roles.py keeps them from being edited)."""
    async with in_transaction() as conn:
        account = await Account.create(name=name, using_db=conn)
        await Role.bulk_create(
            [
                Role(account_id=account.id, name=n, permissions=p, built_in=True)
                for n, p in DEFAULT_ROLES.items()
            ],
            using_db=conn,
        )
    return account


async def create_user(
    account: Account,
    *,
    email: str,
    name: str,
    password: str,
    role_name: str = "Administrator",
    reseller: Reseller | None = None,
) -> User:
    role = await Role.get(account_id=account.id, name=role_name)
    return await User.create(
        account_id=account.id,
        email=email.strip().lower(),
        name=name,
        password_hash=hash_password(password),
        role_id=role.id,
        reseller_id=reseller.id if reseller else None,
    )


async def deactivate_user(actor: Actor, user_id: int, reason: str | None = None) -> User:
    """Deactivate a user of the actor's account: they cannot log in, and every session they
    hold (access and refresh tokens) ends now. Deactivating an inactive user changes nothing."""
    actor.require(Permission.USERS_WRITE)
    async with unit_of_work(actor, reason) as uow:
        user = await _locked_user(uow, user_id)
        if user.is_active:
            user.is_active = False
            await user.save(using_db=uow.conn, update_fields=["is_active"])
            await end_sessions(uow.conn, user.id, uow.now)
            uow.audit(
                AuditAction.UPDATE,
                "user",
                user.id,
                f"User {user.email} deactivated",
                diff={"is_active": {"old": True, "new": False}},
            )
    return user


async def set_password(actor: Actor, user_id: int, password: str, reason: str | None = None) -> None:
    """Give a user a new password (their own, or anyone's with users:write); every session the
    user holds ends now, so a stolen token dies with the old password."""
    if actor.user_id != user_id:
        actor.require(Permission.USERS_WRITE)
    if len(password) < MIN_LENGTH:
        raise ServiceError.single(ErrorCode.INVALID, f"At least {MIN_LENGTH} characters.", "password")
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    async with unit_of_work(actor, reason) as uow:
        user = await _locked_user(uow, user_id)
        user.password_hash = password_hash
        await user.save(using_db=uow.conn, update_fields=["password_hash"])
        await end_sessions(uow.conn, user.id, uow.now)
        uow.audit(AuditAction.UPDATE, "user", user.id, f"Password of {user.email} changed")


async def _locked_user(uow: UnitOfWork, user_id: int) -> User:
    actor = uow.actor
    scope = User.filter(id=user_id, account_id=actor.account_id)
    if actor.is_partner:
        scope = scope.filter(reseller_id=actor.reseller_id)
    user = await uow.locked(scope).first()
    if user is None:
        raise not_found("User", "id")
    return user
