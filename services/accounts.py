"""Creating tenants, their default roles and users (used by set-up and the demo)."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from models import Account, Reseller, Role, User
from models.enums import Permission
from services.passwords import hash_password

ALL = [p.value for p in Permission]
DEFAULT_ROLES: dict[str, list[str]] = {
    "Administrator": ALL,
    "Support": [Permission.CUSTOMERS_READ.value, Permission.AUDIT_READ.value],
    "Partner": [
        Permission.CUSTOMERS_READ.value,
        Permission.CUSTOMERS_WRITE.value,
        Permission.AUDIT_READ.value,
    ],
}


async def create_account(name: str) -> Account:
    """A new tenant with the default roles."""
    async with in_transaction() as conn:
        account = await Account.create(name=name, using_db=conn)
        await Role.bulk_create(
            [Role(account_id=account.id, name=n, permissions=p) for n, p in DEFAULT_ROLES.items()],
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
