"""Principals and groups: the viewer, staff and partner users, their roles, resellers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias

import strawberry
from strawberry import relay

from gql.context import Info
from gql.errors import Refusals
from gql.nodes import resolve_nodes
from models import Reseller as ResellerModel
from models import User as UserModel
from models.enums import ActorKind
from models.enums import Permission as PermissionEnum
from services.directory import resellers_by_id, users_by_id

if TYPE_CHECKING:
    from gql.types.contacts import Contact
    from gql.types.customers import Customer
    from gql.types.roles import Role

Permission: TypeAlias = PermissionEnum
strawberry.enum(Permission, description="Something a role may do.")
PrincipalKind: TypeAlias = ActorKind
strawberry.enum(PrincipalKind, name="PrincipalKind", description="Kind of principal.")


@strawberry.type(description="A reseller (partner) group: its users see only its customers.")
class Reseller(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="The reseller's name, unique in the account ignoring case.")
    created_at: datetime = strawberry.field(description="When it was created (UTC).")

    @strawberry.field(
        description="How many live customers belong to it (of those you may see).", extensions=[Refusals()]
    )
    async def customer_count(self, info: Info) -> int:
        return await info.context.loaders.customer_count_by_reseller_id.load(self.id)

    @strawberry.field(
        description="How many users belong to it, inactive ones included (of those you may see).",
        extensions=[Refusals()],
    )
    async def user_count(self, info: Info) -> int:
        return await info.context.loaders.user_count_by_reseller_id.load(self.id)

    @classmethod
    def from_model(cls, row: ResellerModel) -> Reseller:
        return cls(id=row.id, name=row.name, created_at=row.created_at)

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, ResellerModel, resellers_by_id, cls.from_model)


@strawberry.type(description="A staff or partner user of the account (a partner user has a reseller).")
class User(relay.Node):
    id: relay.NodeID[int]
    name: str = strawberry.field(description="Full name.")
    email: str = strawberry.field(description="Login e-mail.")
    active: bool = strawberry.field(description="Whether the user may log in.")
    invitation_pending: bool = strawberry.field(
        description="Invited and not yet through its set-password link: no password works yet."
    )
    created_at: datetime = strawberry.field(description="When the user was created or invited (UTC).")
    last_login_at: datetime | None = strawberry.field(description="The user's last login (UTC), if any.")
    role_id: strawberry.Private[int]
    reseller_id: strawberry.Private[int | None]

    @strawberry.field(description="The role: what the user may do.")
    async def role(self, info: Info) -> Annotated[Role, strawberry.lazy("gql.types.roles")] | None:
        from gql.types.roles import Role  # the roles module builds on this one's types

        row = await info.context.loaders.role_by_id.load(self.role_id)
        return Role.from_model(row) if row else None

    @strawberry.field(description="The reseller (partner group) of a partner user; null for staff.")
    async def reseller(self, info: Info) -> Reseller | None:
        if self.reseller_id is None:
            return None
        row = await info.context.loaders.reseller_by_id.load(self.reseller_id)
        return Reseller.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: UserModel) -> User:
        return cls(
            id=row.id,
            name=row.name,
            email=row.email,
            active=row.is_active,
            invitation_pending=not row.password_set,
            created_at=row.created_at,
            last_login_at=row.last_login_at,
            role_id=row.role_id,
            reseller_id=row.reseller_id,
        )

    @classmethod
    async def resolve_nodes(cls, *, info: Info, node_ids: Iterable[str], required: bool = False) -> list[Any]:
        return await resolve_nodes(info, node_ids, UserModel, users_by_id, cls.from_model)


@strawberry.type(description="The authenticated principal.")
class Viewer:
    kind: PrincipalKind = strawberry.field(description="User, contact, API key or system.")
    label: str = strawberry.field(description="How the principal appears in the audit log.")
    account_id: relay.GlobalID = strawberry.field(description="The account (tenant).")
    user: User | None = strawberry.field(description="The user, for staff and partner logins.")
    reseller: Reseller | None = strawberry.field(description="The partner group, if any.")
    permissions: list[Permission] = strawberry.field(description="What this principal may do.")
    contact: Annotated[Contact, strawberry.lazy("gql.types.contacts")] | None = strawberry.field(
        default=None, description="The contact, for a customer portal login."
    )
    customer: Annotated[Customer, strawberry.lazy("gql.types.customers")] | None = strawberry.field(
        default=None, description="The contact's customer, for a customer portal login."
    )
    impersonated: bool = strawberry.field(
        default=False,
        description="Whether staff opened this portal session as the contact (Portal Login); "
        "what it does is audited on behalf of that staff user.",
    )
