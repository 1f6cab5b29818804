"""Creating tenants, their default roles and users (used by set-up and the demo), and setting a
user's password, which ends every session of the user at once. Inviting, changing and
deactivating users through the API is services/users/."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from models import Account, Reseller, Role, User
from models.enums import AuditAction, Permission
from services.actor import Actor
from services.auth import end_sessions
from services.errors import ErrorCode, ServiceError, not_found
from services.passwords import hash_password, strength_problem
from services.permissions import DEFAULT_ROLES
from services.uow import UnitOfWork, unit_of_work
from services.users.links import spend_links


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


async def set_password(actor: Actor, user_id: int, password: str, reason: str | None = None) -> None:
    """Give a user a new password (their own, or anyone's with users:write); every session the
    user holds ends now, so a stolen token dies with the old password."""
    if actor.user_id != user_id:
        actor.require(Permission.USERS_WRITE)
    problem = strength_problem(password)
    if problem is not None:
        raise ServiceError.single(ErrorCode.INVALID, problem, "password")
    password_hash = hash_password(password)  # slow on purpose: outside the transaction
    async with unit_of_work(actor, reason) as uow:
        user = await _locked_user(uow, user_id)
        user.password_hash, user.password_set = password_hash, True
        await user.save(using_db=uow.conn, update_fields=["password_hash", "password_set"])
        await end_sessions(uow.conn, user.id, uow.now)
        await spend_links(uow.conn, user.id, uow.now)
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
